"""A meeting: its kallelse, its packet of papers, the public packet, and its checks.

The packet is read back as a member or a registrar would: with a PDF library (the
outline, the pages each item starts on, the metadata) and with pdftotext (the page
numbers each paper prints, the agenda's page column, what the public copy shows).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import UPPSALA, copy_case, edit, outline, pdf_pages, run

SENTINEL = "SENTINEL-7Q-HEMLIG"

MEETING = """\
hus: uppsala
organ: AMN
datum: 2018-09-26
tid: "13:00"
plats: Stadshuset, sal A, Vaksalagatan 15
upprättad: 2018-09-14
ordförande: {namn: Ingela Ruhwald, parti: M}
sekreterare: {namn: Anna Sekreterare, titel: nämndsekreterare}
justering:
  justerare: Bo Berg (S)
  tid och plats: Digital justering
punkter:
  - formalia: Val av justerare
    förslag: "Ordinarie: Bo Berg (S)"
  - formalia: Godkännande av föredragningslistan
  - avsnitt: Beslutsärenden
  - ärende: amn-0329
    föredragande: Karin Reuterdahl, utvecklingsledare
    omedelbar justering: ja
  - ärende: amn-0330
    sekretess: {grund: OSL 26 kap. 1 §}
"""


def make_plans(root: Path, meeting: str = MEETING) -> Path:
    """A plans folder with two Uppsala cases (the second one secret) and a meeting of them."""
    plans = root / "plans"
    copy_case(UPPSALA, plans / "amn-0329")
    secret = copy_case(UPPSALA, plans / "amn-0330")
    edit(secret / "arende.yaml", "AMN-2018-0329", "AMN-2018-0330")
    edit(secret / "arende.yaml", "titel: Handlingsplan sociala företag", f"titel: Bistånd för {SENTINEL}")
    edit(secret / "arende.yaml", "Kommunfullmäktige beslutade den 12 december 2016",
         f"{SENTINEL} har ansökt. Kommunfullmäktige beslutade den 12 december 2016")
    (plans / "möten").mkdir()
    (plans / "möten" / "amn-2018-09-26.yaml").write_text(meeting, encoding="utf-8")
    return plans


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("meeting")
    plans = make_plans(root)
    out = root / "output"
    result = run("build", plans, "--out", out)
    assert result.exit_code == 0, result.output
    folder = out / "moten" / "amn-2018-09-26"
    return {"root": root, "plans": plans, "out": out, "folder": folder, "output": result.output,
            "manifest": json.loads((folder / "amn-2018-09-26_manifest.json").read_text(encoding="utf-8"))}


def agenda_pages(kallelse: Path) -> dict[str, int]:
    """The agenda's page column: item number → the page printed in its row (the last
    column, read in the page's layout)."""
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext saknas")
    text = subprocess.run(["pdftotext", "-layout", str(kallelse), "-"], capture_output=True,
                          text=True, check=True).stdout
    found = {}
    for line in text.splitlines():
        match = re.match(r"\s*(\d+)\.\s.*?\s(\d+)\s*$", line)
        if match:
            found[match.group(1)] = int(match.group(2))
    return found


def test_build_writes_kallelse_packets_and_manifest(built):
    names = sorted(path.name for path in built["folder"].iterdir())
    assert names == ["amn-2018-09-26_handlingar-offentlig.pdf", "amn-2018-09-26_handlingar.pdf",
                     "amn-2018-09-26_kallelse-offentlig.docx", "amn-2018-09-26_kallelse-offentlig.pdf",
                     "amn-2018-09-26_kallelse.docx", "amn-2018-09-26_kallelse.pdf",
                     "amn-2018-09-26_manifest.json"]
    assert "2 ärenden byggda; 1 möte byggt" in built["output"]


def test_kallelse_reads_as_a_kallelse(built):
    text = "\n".join(pdf_pages(built["folder"] / "amn-2018-09-26_kallelse.pdf"))
    for words in ("KALLELSE", "Upprättad", "2018-09-14", "Arbetsmarknadsnämnden",
                  "Sammanträde onsdagen den 26 september 2018 kl. 13.00",
                  "Plats: Stadshuset, sal A, Vaksalagatan 15", "Föredragningslista", "Beslutsärenden",
                  "Val av justerare", "Handlingsplan sociala företag", "AMN-2018-0329",
                  "Föredragande: Karin Reuterdahl", "Ingela Ruhwald (M)", "ordförande", "nämndsekreterare"):
        assert words in text, words
    flat = " ".join(text.split())
    # The proposal comes from the case, word for word, and the immediate-justering sentence.
    assert "att godkänna handlingsplanen för sociala företag i de delar som berör arbetsmarknadsnämnden" in flat
    assert "Arbetsmarknadsnämnden beslutar att paragrafen justeras omedelbart." in flat


def test_outline_has_one_entry_per_item_at_its_first_paper(built):
    packet = built["folder"] / "amn-2018-09-26_handlingar.pdf"
    entries = outline(packet)
    top = [(title, page) for level, title, page in entries if level == 1]
    assert [title for title, _ in top] == ["Kallelse", "3. Handlingsplan sociala företag",
                                           f"4. Bistånd för {SENTINEL}"]
    pages = pdf_pages(packet)
    assert top[0][1] == 1
    for title, page in top[1:]:
        # The first page of the item's first paper: its tjänsteskrivelse, with its title.
        assert "TJÄNSTESKRIVELSE" in pages[page - 1].upper()
        assert "Sida 1 (" in pages[page - 1]
        assert title.split(". ", 1)[1].split(" för ")[0] in pages[page - 1]
    # Pages strictly increase; each paper's entry lies inside its item.
    assert [page for _, page in top] == sorted({page for _, page in top})
    second = [(title, page) for level, title, page in entries if level == 2]
    assert ("Tjänsteskrivelse", top[1][1]) in second


def test_each_paper_keeps_its_own_page_numbers(built):
    packet = built["folder"] / "amn-2018-09-26_handlingar.pdf"
    pages = pdf_pages(packet)
    papers = [paper for item in built["manifest"]["punkter"] for paper in item.get("handlingar", [])]
    assert papers
    for paper in papers:
        count = paper["sidor"]
        for k in range(count):
            page = pages[paper["första sida"] - 1 + k]
            assert f"Sida {k + 1} ({count})" in page or f"{k + 1} ({count})" in page, (paper["fil"], k)
    assert sum(p["sidor"] for p in papers) + 1 == len(pages)   # + the one-page kallelse


def test_continuous_paging_numbers_the_packet_through(tmp_path):
    make_plans(tmp_path)
    built, = run_with_meeting_rules(tmp_path, "  sidnumrering: löpande\n",
                                    ("build", "plans", "--out", tmp_path / "out"))
    assert built.exit_code == 0, built.output
    folder = tmp_path / "out" / "moten" / "amn-2018-09-26"
    manifest = json.loads((folder / "amn-2018-09-26_manifest.json").read_text(encoding="utf-8"))
    for suffix in ("", "-offentlig"):
        pages = pdf_pages(folder / f"amn-2018-09-26_handlingar{suffix}.pdf")
        total = len(pages)
        for number, page in enumerate(pages, start=1):
            assert f"Sida {number} ({total})" in page, (suffix, number, page[:300])
        assert agenda_pages(folder / f"amn-2018-09-26_kallelse{suffix}.pdf") == {
            str(item["nummer"]): item["offentlig" if suffix else "intern"]["första sida"]
            for item in manifest["punkter"] if "intern" in item}
    # The case's own papers keep their own numbers.
    own = pdf_pages(tmp_path / "out" / "AMN-2018-0329" / "AMN-2018-0329_tjansteskrivelse.pdf")
    assert f"Sida 1 ({len(own)})" in own[0]


def test_agenda_page_numbers_are_the_real_pages(built):
    for suffix in ("", "-offentlig"):
        packet = built["folder"] / f"amn-2018-09-26_handlingar{suffix}.pdf"
        kallelse = built["folder"] / f"amn-2018-09-26_kallelse{suffix}.pdf"
        printed = agenda_pages(kallelse)
        starts = {title.split(".")[0]: page for level, title, page in outline(packet)
                  if level == 1 and title[0].isdigit()}
        assert printed == starts and printed, (suffix, printed, starts)


def test_public_packet_holds_nothing_of_the_secret_item(built):
    import pikepdf

    folder = built["folder"]
    public = folder / "amn-2018-09-26_handlingar-offentlig.pdf"
    text = "\n".join(pdf_pages(public))
    assert SENTINEL not in text
    assert "4. Sekretessärende" in text and "OSL 26 kap. 1 §" in text and "AMN-2018-0330" in text
    assert all(SENTINEL not in title for _, title, _ in outline(public))
    with pikepdf.open(public) as pdf:
        assert SENTINEL not in str(pdf.open_metadata())
        assert SENTINEL not in str(pdf.docinfo)
    assert SENTINEL.encode() not in public.read_bytes()
    for name in ("amn-2018-09-26_kallelse-offentlig.pdf", "amn-2018-09-26_kallelse-offentlig.docx"):
        assert SENTINEL.encode() not in (folder / name).read_bytes()
    assert SENTINEL not in "\n".join(pdf_pages(folder / "amn-2018-09-26_kallelse-offentlig.pdf"))
    assert all(SENTINEL not in path.name for path in folder.iterdir())
    # The manifest names the secret item by its public title only.
    assert SENTINEL not in (folder / "amn-2018-09-26_manifest.json").read_text(encoding="utf-8")
    # The internal packet has the papers whole.
    assert SENTINEL in "\n".join(pdf_pages(folder / "amn-2018-09-26_handlingar.pdf"))


def test_manifest_names_each_source_paper_with_its_digest(built):
    import hashlib

    items = [item for item in built["manifest"]["punkter"] if item["typ"] == "ärende"]
    assert [item["nummer"] for item in items] == ["3", "4"]
    case_folder = built["out"] / "AMN-2018-0329"
    for paper in items[0]["handlingar"]:
        source = case_folder / paper["fil"]
        assert paper["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    assert items[1]["rubrik"] == "Sekretessärende" and items[1]["sekretess"] is True
    assert items[1]["offentlig"]["första sida"] == items[1]["offentlig"]["sista sida"]


def test_kallelse_docx_says_what_the_pdf_says(built):
    import docx

    folder = built["folder"]
    document = docx.Document(str(folder / "amn-2018-09-26_kallelse.docx"))
    words = " ".join(p.text for p in document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                words += " " + cell.text
    pdf_words = " ".join("\n".join(pdf_pages(folder / "amn-2018-09-26_kallelse.pdf")).split())
    for phrase in ("Sammanträde onsdagen den 26 september 2018 kl. 13.00", "Föredragningslista",
                   "Handlingsplan sociala företag", "Förslag till beslut", "Ingela Ruhwald (M)"):
        assert phrase in " ".join(words.split()) and phrase in pdf_words, phrase
    agenda = next(table for table in document.tables if "Ärende" in [c.text for c in table.rows[0].cells])
    header = agenda.rows[0]
    assert [cell.text for cell in header.cells] == ["", "Ärende", "Beteckning", "Förslag", "Sida"]
    assert header._tr.trPr is not None and header._tr.trPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None


def test_unchanged_meeting_is_not_rebuilt_and_one_changed_case_rebuilds_only_itself(built, tmp_path):
    root = tmp_path
    shutil.copytree(built["plans"], root / "plans")
    out = root / "output"
    assert run("build", root / "plans", "--out", out).exit_code == 0
    again = run("build", root / "plans", "--out", out)
    assert again.exit_code == 0
    assert "oförändrat: " in again.output and "möte plans" not in again.output
    assert "0 ärenden byggda, 2 oförändrade; 0 möten byggda, 1 oförändrat" in again.output
    edit(root / "plans" / "amn-0329" / "arende.yaml", "titel: Handlingsplan sociala företag",
         "titel: Handlingsplan för sociala företag")
    changed = run("build", root / "plans", "--out", out)
    assert changed.exit_code == 0, changed.output
    assert "[1/2] " in changed.output and "oförändrat: " in changed.output   # the other case
    assert "1 ärende byggt, 1 oförändrat; 1 möte byggt" in changed.output
    packet = out / "moten" / "amn-2018-09-26" / "amn-2018-09-26_handlingar.pdf"
    top = [title for level, title, _ in outline(packet) if level == 1]
    assert top[1] == "3. Handlingsplan för sociala företag"


def check_output(root: Path, meeting: str, *prepare) -> str:
    plans = make_plans(root, meeting)
    for change in prepare:
        change(plans)
    result = run("check", plans)
    return result.output


def test_written_number_out_of_order_is_located(tmp_path):
    meeting = MEETING.replace("  - ärende: amn-0330\n", "  - ärende: amn-0330\n    nummer: 5\n")
    output = check_output(tmp_path, meeting)
    assert re.search(r"amn-2018-09-26\.yaml:\d+:\d+: punkt 5, nummer: punkten har nummer 5 men är punkt 4", output), output


def test_case_for_another_organ_is_an_error_unless_declared(tmp_path):
    meeting = MEETING.replace("organ: AMN", "organ: KS")
    output = check_output(tmp_path, meeting)
    assert "ärendet är ställt till Arbetsmarknadsnämnden, inte till Kommunstyrelsen" in output
    declared = MEETING.replace("organ: AMN", "organ: OMN").replace(
        "    omedelbar justering: ja\n", "    omedelbar justering: ja\n    beslutsinstans: AMN\n")
    output = check_output(tmp_path / "2", declared)
    assert output.count("inte till Omsorgsnämnden") == 1   # the second case only


def test_case_printing_another_number_or_date_is_located_in_the_case(tmp_path):
    def number_and_date(plans: Path) -> None:
        edit(plans / "amn-0329" / "arende.yaml", "nämnd: AMN", "nämnd: AMN\nsammanträde: 2018-09-19\närendenummer: 7")

    output = check_output(tmp_path, MEETING, number_and_date)
    assert re.search(r"amn-0329/arende\.yaml:\d+:\d+: ärendenummer: ärende 7 i planen men punkt 3 i mötet", output), output
    assert re.search(r"amn-0329/arende\.yaml:\d+:\d+: sammanträde: sammanträdet 2018-09-19 i planen men "
                     r"2018-09-26 i mötet", output), output


def run_with_meeting_rules(root: Path, rules: str, *commands: tuple) -> list:
    """Run arende in *root*, whose templates/ holds Uppsala's house with *rules* added
    under 'möten:'."""
    import os

    house = root / "templates" / "uppsala"
    shutil.copytree(UPPSALA.parents[1] / "templates" / "uppsala", house)
    (house / "hus.yaml").write_text((house / "hus.yaml").read_text(encoding="utf-8")
                                    + "möten:\n" + rules, encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(root)   # the working folder's templates/ holds the house with the rule
    try:
        return [run(*command) for command in commands]
    finally:
        os.chdir(cwd)


def test_draft_case_in_final_meeting_and_late_kallelse(tmp_path):
    root = tmp_path
    plans = make_plans(root)
    edit(plans / "amn-0330" / "arende.yaml", "nämnd: AMN", "nämnd: AMN\nstatus: utkast")
    checked, built = run_with_meeting_rules(root, "  dagar före: 14\n", ("check", "plans"),
                                            ("build", "plans", "--out", root / "out"))
    output = checked.output
    assert "ärendet plans/amn-0330 är ett utkast (status: utkast)" in output, output
    assert re.search(r"amn-2018-09-26\.yaml:\d+:\d+: varning: upprättad: kallelsen upprättas 2018-09-14 "
                     r"men ska enligt husets regel skickas senast 14 dagar före", output), output
    assert built.exit_code == 1
    assert not (root / "out" / "moten").exists()   # no meeting papers from a failed meeting


def test_case_outside_plans_or_missing_is_refused(tmp_path):
    meeting = MEETING.replace("ärende: amn-0330", "ärende: ../utanför").replace("ärende: amn-0329", "ärende: saknas")
    output = check_output(tmp_path, meeting)
    assert "punkt 5, ärende: ärendet måste ligga i" in output
    assert "punkt 4, ärende: ärendet 'saknas' finns inte" in output


def test_supplement_items_get_a_letter_and_their_own_list(tmp_path):
    meeting = MEETING.replace("    sekretess: {grund: OSL 26 kap. 1 §}\n", "    tillägg: ja\n") + \
        "  - formalia: Övriga frågor\n"
    meeting = meeting.replace("  - ärende: amn-0330\n    tillägg: ja\n", "") .replace(
        "  - formalia: Godkännande av föredragningslistan\n",
        "  - formalia: Godkännande av föredragningslistan\n  - ärende: amn-0330\n    tillägg: ja\n")
    plans = make_plans(tmp_path, meeting)
    result = run("build", plans, "--out", tmp_path / "out", "--format", "pdf")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "out" / "moten" / "amn-2018-09-26"
    kallelse = "\n".join(pdf_pages(folder / "amn-2018-09-26_kallelse.pdf"))
    supplement = "\n".join(pdf_pages(folder / "amn-2018-09-26_tillagg.pdf"))
    assert SENTINEL not in kallelse and "Övriga frågor" in kallelse
    assert "Tillägg till föredragningslistan" in supplement and "2 a." in supplement
    assert "Val av justerare" not in supplement
    top = [title for level, title, _ in outline(folder / "amn-2018-09-26_handlingar.pdf") if level == 1]
    assert top[:3] == ["Kallelse", "Tillägg till föredragningslistan", f"2 a. Bistånd för {SENTINEL}"]


def test_new_meeting_is_a_commented_plan_that_check_holds_back(tmp_path):
    plans = make_plans(tmp_path)
    file = plans / "möten" / "amn-2026-12-08.yaml"
    result = run("new", file, "--hus", "uppsala")
    assert result.exit_code == 0, result.output
    text = file.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../.schema/mote.schema.json")
    assert "organ: AMN" in text and "datum: 2026-12-08" in text
    assert (plans / ".schema" / "mote.schema.json").is_file()
    checked = run("check", file)
    assert checked.exit_code == 1
    assert re.search(r"amn-2026-12-08\.yaml:\d+:\d+: plats: platshållaren '«Sammanträdesrum, adress»' är kvar",
                     checked.output), checked.output
    again = run("new", file, "--hus", "uppsala")
    assert again.exit_code == 1 and "finns redan; inget skrevs över" in again.output
    assert file.read_text(encoding="utf-8") == text


def test_meeting_schema_describes_the_agenda():
    from generator.schema import MEETING_SCHEMA, schema_for
    from generator.model.meeting import Meeting

    schema = schema_for(Meeting, "Möte", field_descriptions=True)
    assert {"organ", "datum", "punkter", "upprättad"} <= set(schema["properties"])
    entry = schema["$defs"]["AgendaEntry"]["properties"]
    assert {"formalia", "avsnitt", "ärende", "sekretess", "tillägg"} <= set(entry)
    assert MEETING_SCHEMA == "mote.schema.json"


def test_preview_shows_the_kallelse_and_follows_its_cases(tmp_path):
    from generator.preview.watch import CaseWatcher

    plans = make_plans(tmp_path)
    watcher = CaseWatcher(plans / "möten" / "amn-2018-09-26.yaml")
    build = watcher.rebuild()
    assert build.ok, build.problems
    assert build.labels == ("Kallelse",)
    assert "Handlingsplan sociala företag" in build.papers[0].html and "Föredragningslista" in build.papers[0].html
    # A case of the meeting is watched too: renaming it shows in the kallelse.
    edit(plans / "amn-0329" / "arende.yaml", "titel: Handlingsplan sociala företag", "titel: Ny rubrik för planen")
    assert watcher.changed()
    assert "Ny rubrik för planen" in watcher.rebuild().papers[0].html
    # A mistake in a case is shown located, with the last good kallelse kept.
    edit(plans / "amn-0330" / "arende.yaml", "datum: 2018-09-05", "datum: 2018-13-05")
    broken = watcher.rebuild()
    assert not broken.ok and any("amn-0330" in str(p.location) for p in broken.problems)
    assert broken.papers and "Ny rubrik för planen" in broken.papers[0].html


def test_both_packets_are_tagged_for_a_screen_reader_as_the_papers_are(built):
    """Every paper rendered and tagged: one structure tree holds all their tags, the
    packet claims PDF/UA as they do, and outloud and pdfua find in it what they find
    in a single paper."""
    import pikepdf

    outloud = pytest.importorskip("outloud")
    pdfua = pytest.importorskip("pdfua")
    for name in ("amn-2018-09-26_handlingar.pdf", "amn-2018-09-26_handlingar-offentlig.pdf"):
        path = built["folder"] / name
        with pikepdf.open(path) as pdf:
            assert str(pdf.Root.Lang) == "sv" and bool(pdf.Root.MarkInfo.Marked)
            assert pdf.open_metadata()["pdfuaid:part"] == "1"
            roles, todo = [], [pdf.Root.StructTreeRoot]
            while todo:
                kids = todo.pop().get("/K")
                for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
                    if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                        roles.append(str(kid.S))
                        todo.append(kid)
            # The kallelse, and each case's tjänsteskrivelse and handlingsplan (in the
            # public packet the secret case's two are one placeholder page).
            assert roles.count("/H1") >= (5 if name.endswith("handlingar.pdf") else 4), roles.count("/H1")
            assert {"/Table", "/TH", "/TD", "/L", "/LI"} <= set(roles)
        result = outloud.check(str(path))
        assert result.error is None and result.errors == 0, [(f.rule, f.message) for f in result.findings]
        report = pdfua.validate(str(path))
        assert report.findings == (), [(f.rule_id, f.message) for f in report.findings]
