"""The protokoll of a meeting, its utdrag and its anslagsbevis, and the checks of a
protokoll plan.

Built from a private copy of the bundled example (plans/möten/amn-2018-09-26-protokoll.yaml
with the four Uppsala AMN cases), and read back as a member, a registrar or the
public would: the PDFs with pdftotext, the DOCX with python-docx. Each check is shown
catching the mistake it is for, at the line of the plan where it is.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, edit, pdf_pages, run

NAME = "amn-2018-09-26"
PROTOCOL = f"{NAME}-protokoll.yaml"
SENTINEL = "SENTINEL-7Q"
CASES = ("uppsala-amn-2018-0329", "uppsala-amn-2018-0371", "uppsala-amn-2018-0398", "uppsala-amn-2018-0405")


def copy_example(root: Path) -> Path:
    """A private copy of the bundled meeting, its protokoll plan and its four cases."""
    plans = root / "plans"
    for case in CASES:
        shutil.copytree(ROOT / "plans" / case, plans / case)
    (plans / "möten").mkdir()
    for name in (f"{NAME}.yaml", PROTOCOL):
        shutil.copy(ROOT / "plans" / "möten" / name, plans / "möten" / name)
    return plans


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("protocol")
    plans = copy_example(root)
    out = root / "output"
    # Naming the protokoll plan alone builds its meeting and its cases with it.
    result = run("build", plans / "möten" / PROTOCOL, "--out", out)
    assert result.exit_code == 0, result.output
    return {"plans": plans, "out": out, "folder": out / "moten" / NAME, "output": result.output}


@pytest.fixture(scope="module")
def composed(built):
    """The protokoll plan as read, its cases, and the composed papers."""
    from generator.build import validate_all
    from generator.build_protocol import protocol_papers
    from generator.read_protocol import check_protocol, read_protocol

    plan = read_protocol(built["plans"] / "möten" / PROTOCOL)
    bundles, problems = validate_all([item.case_file for item in plan.meeting.cases])
    assert not [p for p in problems if not p.is_warning]
    by_file = {bundle.source.path.resolve(): bundle for bundle in bundles}
    assert check_protocol(plan, by_file) == []
    return {"plan": plan, "bundles": by_file, "papers": {paper.stem: paper for paper in protocol_papers(plan, by_file)}}


def text_of(path: Path) -> str:
    """The PDF's words as one line, list bullets left out."""
    return " ".join("\n".join(pdf_pages(path)).replace("•", " ").split())


def docx_words(path: Path) -> str:
    """The DOCX body's text in document order, tables in their place."""
    import docx

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    body = docx.Document(str(path)).element.body
    parts = []
    for paragraph in body.iter(w + "p"):
        parts.append("".join(node.text or "" if node.tag == w + "t" else " "
                             for node in paragraph.iter() if node.tag in (w + "t", w + "br", w + "tab")))
    return " ".join(" ".join(parts).split())


# --- what the build writes --------------------------------------------------------


def test_build_writes_protocol_public_copy_utdrag_and_anslagsbevis(built):
    names = {path.name for path in built["folder"].iterdir()}
    expected = {f"{NAME}_protokoll.pdf", f"{NAME}_protokoll.docx", f"{NAME}_protokoll-offentlig.pdf",
                f"{NAME}_protokoll-offentlig.docx", f"{NAME}_anslagsbevis.pdf", f"{NAME}_anslagsbevis.docx"}
    expected |= {f"{NAME}_protokollsutdrag-§{n}.{fmt}" for n in range(95, 103) for fmt in ("pdf", "docx")}
    assert expected <= names
    assert f"{NAME}_kallelse.pdf" in names   # the meeting was built with it
    assert "1 protokoll byggt" in built["output"]
    assert "protokoll plans/möten/amn-2018-09-26-protokoll.yaml" in built["output"].replace(
        str(built["plans"].parent) + "/", "")


def test_first_page_has_the_fields_of_a_protokoll(built):
    pages = pdf_pages(built["folder"] / f"{NAME}_protokoll.pdf")
    first = " ".join(pages[0].split())
    for words in ("SAMMANTRÄDESPROTOKOLL", "Sammanträdesdatum 2018-09-26", "Arbetsmarknadsnämnden",
                  "Plats och tid Stationsgatan 12, sammanträdesrum Fyrisån, 26 september 2018, kl. 13.00–15.40",
                  "Ajournering 14.30–14.45", "Beslutande Ledamöter Mikael Granström (S), ordförande",
                  "Tjänstgörande ersättare Maja Tornberg (C) ersätter Rasmus Björk (C)",
                  "Oskar Lund (S) ersätter Linnea Ekdahl (S) § 99",
                  "Övriga närvarande Ersättare Anna Wästlund (MP)", "Johan Lindqvist, controller § 97",
                  "Utses att justera Elisabeth Norrby (M)", "Paragrafer §§ 95-102"):
        assert words in first, words
    # The pages' own text, their running header and footer left out.
    furniture = re.compile(r"^(Justerandes sign|Utdragsbestyrkande|Sida \d+ \(\d+\)|Uppsala kommun · [\d-]+)$")
    whole = " ".join(line.strip() for page in pages for line in page.splitlines()
                     if line.strip() and not furniture.match(line.strip()))
    for words in ("Paragrafer §§ 95-102 Underskrifter Sekreterare Hanna Wikström Ordförande Mikael Granström (S) "
                  "Justerare Elisabeth Norrby (M)",
                  "ANSLAG/BEVIS Protokollet är justerat. Justeringen har tillkännagivits genom anslag.",
                  "Innehåll § 95 Val av justerare"):
        assert words in whole, words
    # The classic form: 'Justerandes sign' and 'Utdragsbestyrkande' at the foot of every page.
    for page in pages:
        assert "Justerandes sign" in page and "Utdragsbestyrkande" in page


def test_default_beslut_is_the_cases_proposal_word_for_word(built, composed):
    plan = composed["plan"]
    case = yaml.safe_load((built["plans"] / "uppsala-amn-2018-0398" / "arende.yaml").read_text(encoding="utf-8"))
    clauses = case["förslag till beslut"]["att"]
    from generator.compose.protocol import paragraph_blocks

    block = next(b for b in paragraph_blocks(plan, composed["bundles"]) if b.number == 97)
    heading, decision, _ = block.parts[0]
    assert heading == "Beslut"
    # The lead 'föreslås besluta' becomes 'beslutar'; every att-clause is the case's, in order.
    assert decision == "\n\n".join(["Arbetsmarknadsnämnden beslutar"] + [f"att {c}" for c in clauses])
    text = text_of(built["folder"] / f"{NAME}_protokoll.pdf")
    assert "Beslut Arbetsmarknadsnämnden beslutar " + " ".join(f"att {c}" for c in clauses) in text


def test_each_paragraph_block_has_the_cases_summary_and_beslutsunderlag(built):
    text = text_of(built["folder"] / f"{NAME}_protokoll.pdf")
    assert ("§ 97 Delårsbokslut per augusti 2018 för arbetsmarknadsnämnden Dnr AMN-2018-0398 Beslut" in text)
    assert "Sammanfattning av ärendet Nämnderna ska enligt kommunens anvisningar" in text
    assert ("Beslutsunderlag Arbetsmarknadsförvaltningens tjänsteskrivelse, 2018-09-12 "
            "Bilaga 1, Delårsrapport per augusti 2018") in text
    assert "Beslutet skickas till Kommunstyrelsen Ekonomistaben, kommunledningskontoret" in text


def test_the_example_has_a_vote_a_reservation_and_a_jav(built):
    # pdftotext joins a word hyphenated at a line's end ('Ja-röst' → 'Jaröst'): hyphens aside.
    text = text_of(built["folder"] / f"{NAME}_protokoll.pdf").replace("-", "")
    for words in (
            "Förslag till beslut på sammanträdet Ordföranden Mikael Granström (S) yrkar bifall till arbetsmarknadsförvaltningens förslag.",
            "Gunilla Strand (M) yrkar avslag på arbetsmarknadsförvaltningens förslag.",
            "Beslutsgång Ordföranden ställer proposition på arbetsmarknadsförvaltningens förslag och Gunilla "
            "Strands (M) avslagsyrkande mot varandra och finner att arbetsmarknadsnämnden beslutar enligt "
            "arbetsmarknadsförvaltningens förslag.",
            "Omröstning begärs och verkställs.",
            "Ja-röst innebär att bifalla arbetsmarknadsförvaltningens förslag. Nej-röst innebär att bifalla "
            "Gunilla Strands (M) avslagsyrkande.",
            "Omröstningsresultat Ordföranden finner att arbetsmarknadsnämnden, med 7 ja-röster mot 3 nej-röster, "
            "beslutar enligt arbetsmarknadsförvaltningens förslag. 1 ledamot avstår från att rösta.",
            "Reservation Ledamöterna Elisabeth Norrby (M), Gunilla Strand (M) och Per-Olof Hedin (KD) "
            "reserverar sig mot beslutet.",
            "Protokollsanteckning Ingrid Sahlberg (L) lämnar följande protokollsanteckning:",
            "Jäv Linnea Ekdahl (S) anmäler jäv och deltar inte i handläggningen.",
            "Ordföranden ställer proposition på Jonas Åbergs (V) tilläggsyrkande och finner att "
            "arbetsmarknadsnämnden avslår det."):
        assert words.replace("-", "") in text, words


def test_vote_table_marks_each_deciding_member_once(built):
    layout = subprocess.run(["pdftotext", "-layout", str(built["folder"] / f"{NAME}_protokoll.pdf"), "-"],
                            capture_output=True, text=True, check=True).stdout
    rows = {}
    for line in layout.splitlines():
        match = re.match(r"\s*(\S.*?\([A-Z]+\))\s{2,}(.*)$", line)
        if match and "X" in match.group(2):
            rows[match.group(1).strip()] = match.group(2)
    assert len(rows) == 11
    assert all(cells.count("X") == 1 for cells in rows.values())
    assert "Linnea Ekdahl (S)" in rows and "Oskar Lund (S)" not in rows   # § 98, not § 99
    assert re.search(r"Summa\s+7\s+3\s+1", layout)


# --- the utdrag ---------------------------------------------------------------------


def paragraph_sections(html: str) -> dict[int, str]:
    """Each § block of a paper's HTML by its number."""
    return {int(number): block for block, number in
            re.findall(r'(<section class="section[^"]*">\s*<h2>§ (\d+) .*?</section>)', html, re.S)}


def test_utdrag_paragraph_blocks_equal_the_protocols(composed):
    papers = composed["papers"]
    protocol = paragraph_sections(papers[f"{NAME}_protokoll"].html)
    assert sorted(protocol) == list(range(95, 103))
    for number in range(95, 103):
        extract = paragraph_sections(papers[f"{NAME}_protokollsutdrag-§{number}"].html)
        assert extract == {number: protocol[number]}


def test_utdrag_first_page_is_limited_to_its_paragraph_and_pages_restart(built):
    folder = built["folder"]
    at_99 = " ".join("\n".join(pdf_pages(folder / f"{NAME}_protokollsutdrag-§99.pdf")).split())
    at_97 = " ".join("\n".join(pdf_pages(folder / f"{NAME}_protokollsutdrag-§97.pdf")).split())
    assert "PROTOKOLLSUTDRAG" in at_97 and "Paragrafer § 97" in at_97
    assert "Oskar Lund (S) ersätter Linnea Ekdahl (S) § 99" in at_99 and "Sofia Berglund, utredare § 99" in at_99
    assert "Oskar Lund" not in at_97 and "Sofia Berglund" not in at_97 and "Johan Lindqvist, controller § 97" in at_97
    assert "§ 98" not in at_97 and "§ 97 Delårsbokslut" in at_97
    assert "Utdragsbestyrkande Rätt utdraget intygar Hanna Wikström nämndsekreterare" in at_97
    pages = pdf_pages(folder / f"{NAME}_protokollsutdrag-§98.pdf")
    assert f"Sida 1 ({len(pages)})" in pages[0]


# --- the public copy -----------------------------------------------------------------


def test_public_protocol_prints_the_secret_paragraph_as_the_stub(built):
    folder = built["folder"]
    public = text_of(folder / f"{NAME}_protokoll-offentlig.pdf")
    assert ("§ 100 Individärende enligt socialtjänstlagen Dnr AMN-2018-0405 Paragrafen omfattas av sekretess "
            "enligt OSL 26 kap. 1 § och publiceras inte i den offentliga versionen av protokollet.") in public
    assert SENTINEL not in public and "Talan om ersättningsskyldighet" not in public
    assert SENTINEL not in docx_words(folder / f"{NAME}_protokoll-offentlig.docx")
    internal = text_of(folder / f"{NAME}_protokoll.pdf")
    assert SENTINEL in internal and "§ 100 Talan om ersättningsskyldighet" in internal


# --- the anslagsbevis ----------------------------------------------------------------


def test_anslagsbevis_gives_the_dates_and_the_place(built):
    text = text_of(built["folder"] / f"{NAME}_anslagsbevis.pdf")
    for words in ("ANSLAGSBEVIS", "Organ Arbetsmarknadsnämnden", "Sammanträdesdatum 2018-09-26",
                  "Datum då anslaget sätts upp 2018-10-04", "Datum då anslaget tas ned 2018-10-25",
                  "Förvaringsplats för protokollet Arbetsmarknadsförvaltningen, Stationsgatan 12, Uppsala",
                  "Sista dag för överklagande 2018-10-25"):
        assert words in text, words


# --- PDF and DOCX ----------------------------------------------------------------------


@pytest.mark.parametrize("stem", [f"{NAME}_protokoll", f"{NAME}_protokoll-offentlig", f"{NAME}_protokollsutdrag-§98",
                                  f"{NAME}_anslagsbevis"])
def test_docx_says_what_the_pdf_says(built, stem):
    folder = built["folder"]
    words = docx_words(folder / f"{stem}.docx")
    pdf = text_of(folder / f"{stem}.pdf")
    # Every word of the DOCX body stands in the PDF, in the same order.
    # Case aside (a wordmark in capitals is set in small letters and a caps style in Word)
    # and hyphens aside (pdftotext joins a word hyphenated at a line's end).
    pdf_words = re.findall(r"\w+", pdf.replace("-", "").lower())
    doc_words = re.findall(r"\w+", words.replace("-", "").lower())
    import difflib

    matcher = difflib.SequenceMatcher(None, doc_words, pdf_words, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    # In order, but for a table heading that pdftotext reads in another order when it wraps.
    assert matched >= len(doc_words) - 8, (stem, matched, len(doc_words))
    from collections import Counter

    assert not Counter(doc_words) - Counter(pdf_words), stem
    assert len(doc_words) > 40


# --- the checks ----------------------------------------------------------------------


def line_of(text: str, marker: str, after: str = "") -> int:
    """The 1-based line of *marker* in *text* (after the first *after*)."""
    start = text.index(after) if after else 0
    return text[:text.index(marker, start)].count("\n") + 1


CHECKS = [
    # (what is wrong, old, new, marker of the line reported, after, message)
    ("yrkande never put", "      - ställs: 2\n        bifalls: avslag\n", "",
     "      - av: Jonas Åberg (V)\n        typ: tillägg", "punkt: 5",
     "yrkande 2 (tillägg, Jonas Åberg (V)) ställs aldrig under proposition"),
    ("finding against the vote", "        bifalls: förslaget\n        omröstning:", "        bifalls: 2\n        omröstning:",
     "bifalls: 2", "punkt: 4", "omröstningen (7 ja, 3 nej) ger 'förslaget', men nämnden sägs bifalla '2'"),
    ("someone not counted", "            - Maja Tornberg (C)\n          nej:", "          nej:",
     "ja innebär: förslaget", "punkt: 4", "ja + nej + avstår är 6 + 3 + 1 = 10, men 11 beslutar i § 98 (saknas: Maja Tornberg (C))"),
    ("someone counted twice", "          avstår:\n            - Ingrid Sahlberg (L)",
     "          avstår:\n            - Ingrid Sahlberg (L)\n            - Tobias Ferm (S)",
     "- Tobias Ferm (S)", "avstår:", "Tobias Ferm (S) är redan räknad under ja"),
    ("printed result not the lists", "resultat: 7 ja, 3 nej, 1 avstår", "resultat: 8 ja, 3 nej, 1 avstår",
     "resultat:", "", "resultatet säger 8 ja men listan ja har 7 namn"),
    ("ersättare for someone present", "      ersätter: Linnea Ekdahl (S)\n      paragrafer: 99\n",
     "      ersätter: Linnea Ekdahl (S)\n", "ersätter: Linnea Ekdahl (S)", "",
     "Oskar Lund (S) ersätter Linnea Ekdahl (S), som är närvarande och beslutar i § 95-98, 100-102"),
    ("jävig and voting", "  - punkt: 4\n", "  - punkt: 4\n    jäv: Tobias Ferm (S)\n",
     "            - Tobias Ferm (S)", "punkt: 4", "Tobias Ferm (S) är jävig i § 98 och deltar inte i beslutet"),
    ("agenda item without §", "  - punkt: 7\n\n", "", "  - punkt: 1\n", "",
     "punkt 7 (Anmälan av delegationsbeslut) i föredragningslistan har ingen paragraf"),
    ("§ number not as written", "  - punkt: 4\n", "  - punkt: 4\n    paragraf: 99\n", "paragraf: 99", "",
     "paragrafen har nummer § 99 men är § 98 i listan"),
    ("justering too late", "  datum: 2018-10-03", "  datum: 2018-10-11", "datum: 2018-10-11", "",
     "protokollet justeras 2018-10-11, mer än 14 dagar efter sammanträdet 2018-09-26"),
    ("beslut differing from the proposal that carried", "  - punkt: 3\n",
     "  - punkt: 3\n    beslut: Arbetsmarknadsnämnden godkänner delårsbokslutet.\n", "beslut: Arbetsmarknadsnämnden godkänner delårs", "",
     "förslaget bifölls, men beslutet skiljer sig från ärendets förslag till beslut"),
    ("reservation by someone not deciding", "          - Per-Olof Hedin (KD)\n    protokollsanteckningar:",
     "          - Anna Wästlund (MP)\n    protokollsanteckningar:", "- Anna Wästlund (MP)\n    protokollsanteckningar:", "",
     "Anna Wästlund (MP) deltog inte i beslutet i § 98 och kan inte reservera sig"),
]


@pytest.mark.parametrize("name,old,new,marker,after,message", CHECKS, ids=[c[0] for c in CHECKS])
def test_check_finds_each_mistake_at_its_line(tmp_path, name, old, new, marker, after, message):
    plans = copy_example(tmp_path)
    file = plans / "möten" / PROTOCOL
    edit(file, old, new)
    text = file.read_text(encoding="utf-8")
    result = run("check", plans)
    assert result.exit_code == 1, result.output
    line = line_of(text, marker, after)
    found = [row for row in result.output.splitlines() if message in row]
    assert found, result.output
    assert found[0].startswith(f"plans/möten/{PROTOCOL}:{line}:") or f"{PROTOCOL}:{line}:" in found[0], (found, line)
    assert "Traceback" not in result.output


def test_anslag_late_is_a_warning(tmp_path):
    plans = copy_example(tmp_path)
    file = plans / "möten" / PROTOCOL
    edit(file, "  datum: 2018-10-04", "  datum: 2018-10-09")
    result = run("check", plans)
    assert result.exit_code == 0, result.output
    line = line_of(file.read_text(encoding="utf-8"), "datum: 2018-10-09")
    row = next(row for row in result.output.splitlines() if "anslag, datum" in row)
    assert f"{PROTOCOL}:{line}:" in row
    assert ("varning: anslag, datum: anslaget sätts upp 2018-10-09, mer än 2 dagar "
            "efter justeringen 2018-10-03") in row
    assert run("check", "--strict", plans).exit_code == 1


def test_the_bundled_protocol_checks_clean():
    result = run("check", ROOT / "plans" / "möten" / PROTOCOL)
    assert result.exit_code == 0, result.output
    assert "protokoll" in result.output and "fel" not in result.output.split(":")[-1]


@pytest.mark.parametrize("old,new,message", [
    ("möte: amn-2018-09-26.yaml", "möte: amn-2018-10-26.yaml", "amn-2018-10-26.yaml finns inte"),
    ("första paragraf: 95", "första paragraf: nittiofem", "första paragraf"),
    ("  - punkt: 8\n", "  - punkt: 9\n", "föredragningslistan har ingen punkt 9"),
    ("      paragrafer: 99\n", "      paragrafer: 99-x\n", "'99-x' är inte ett paragrafnummer"),
])
def test_bad_input_is_a_located_swedish_error_and_nothing_is_written(tmp_path, old, new, message):
    plans = copy_example(tmp_path)
    file = plans / "möten" / PROTOCOL
    edit(file, old, new)
    out = tmp_path / "output"
    result = run("build", plans, "--out", out)
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert re.search(rf"{re.escape(PROTOCOL)}:\d+:\d+: ", result.output), result.output
    assert "Traceback" not in result.output
    folder = out / "moten" / NAME
    assert not list(folder.glob("*protokoll*")) and not list(folder.glob("*anslagsbevis*"))


# --- a real published protokoll, written as a plan ----------------------------------

BOTKYRKA = ROOT / "tests" / "data" / "protokoll" / "botkyrka"
# The words of the published first page that no plan of §§ 31-32 can print: the §§ 33-41
# that the stored page does not hold ("Paragrafer 31-35, 37-41 … § 36 Omedelbart justerad
# § 41 PuL"), a label the published grid puts before 'Paragrafer', and (in the DOCX, whose
# page numbers are Word fields) the page numbers.
UNREACHABLE = {"35", "37", "41", "36", "omedelbart", "justerad", "pul", "sekreterare", "1", "2", "3"}


def fidelity(shared: Path, reference: Path, rendered: Path) -> tuple[float, list[str]]:
    import sys

    run_ = subprocess.run([sys.executable, str(shared / "tools" / "fidelity.py"), str(reference), str(rendered),
                           "--show", "50"], check=True, capture_output=True, text=True)
    recall = float(re.search(r"^recall (\d\.\d+)", run_.stdout, re.M).group(1))
    missing = [word for line in run_.stdout.splitlines() if line.strip().startswith("missing")
               for word in line.split(":", 1)[1].split()]
    return recall, missing


def test_a_published_botkyrka_protokoll_reads_back_from_its_plan(shared, tmp_path, monkeypatch):
    work = tmp_path / "botkyrka"
    shutil.copytree(BOTKYRKA, work)
    monkeypatch.chdir(work)   # its house is in ./templates
    result = run("build", "plans/möten/von-2017-05-24-protokoll.yaml", "--out", "out")
    assert result.exit_code == 0, result.output
    folder = work / "out" / "moten" / "von-2017-05-24"
    # 233 of the 242 words (0.963): all but the 8 of §§ 33-41 and one label of the published
    # grid. The DOCX's page numbers are fields, which the tool does not read.
    for suffix, least in (("pdf", 0.96), ("docx", 0.95)):
        recall, missing = fidelity(shared, work / "reference.txt", folder / f"von-2017-05-24_protokoll.{suffix}")
        assert set(missing) <= UNREACHABLE, (suffix, missing)
        assert recall >= least, (suffix, recall)


# --- extra ärenden, struck items, the decision that carried, the modern form ---------


def test_extra_item_and_struck_item_are_numbered_as_the_meeting_ran(tmp_path):
    plans = copy_example(tmp_path)
    file = plans / "möten" / PROTOCOL
    edit(file, "  - punkt: 7\n\n", "  - punkt: 7\n    utgår: ja\n\n  - extra ärende: Sommarjobb för unga 2019\n"
               "    beslut: Arbetsmarknadsnämnden ger förvaltningen i uppdrag att planera sommarjobb för 2019.\n\n")
    out = tmp_path / "output"
    result = run("build", plans, "--out", out, "--format", "pdf")
    assert result.exit_code == 0, result.output
    folder = out / "moten" / NAME
    text = text_of(folder / f"{NAME}_protokoll.pdf")
    assert "§ 101 Sommarjobb för unga 2019 Beslut Arbetsmarknadsnämnden ger förvaltningen i uppdrag" in text
    assert "Anmälan av delegationsbeslut" not in text.split("Innehåll")[1]
    assert "§ 102 Information från förvaltningsdirektören" in text
    assert (folder / f"{NAME}_protokollsutdrag-§101.pdf").is_file()


@pytest.mark.parametrize("old,new,message", [
    # An ändringsyrkande carried, but the beslut left as the case's förslag.
    ("      - ställs: 2\n        bifalls: avslag\n", "      - ställs: 2\n        bifalls: 2\n",
     "tilläggsyrkandet som bifölls står inte i beslutet"),
    ("        bifalls: förslaget\n        omröstning:\n          ja innebär: förslaget\n          nej innebär: 2",
     "        bifalls: 2\n        omröstning:\n          ja innebär: 2\n          nej innebär: förslaget",
     "ett yrkande om avslag bifölls, men beslutet är ärendets förslag"),
])
def test_the_decision_is_the_proposal_that_carried(tmp_path, old, new, message):
    plans = copy_example(tmp_path)
    edit(plans / "möten" / PROTOCOL, old, new)
    result = run("check", plans)
    assert result.exit_code == 1, result.output
    assert message in result.output


def test_the_modern_form_has_no_anslag_box_and_the_houses_own_footer(tmp_path, monkeypatch):
    from generator.build import validate_all
    from generator.build_protocol import protocol_papers
    from generator.read_protocol import read_protocol

    monkeypatch.chdir(tmp_path)
    plans = copy_example(tmp_path)
    house = tmp_path / "templates" / "uppsala"
    shutil.copytree(ROOT / "templates" / "uppsala", house)
    edit(house / "hus.yaml", "  form: klassisk\n", "  form: modern\n  rubriker:\n    justerare: Protokolljusterare\n")
    plan = read_protocol(plans / "möten" / PROTOCOL)
    bundles, _ = validate_all([item.case_file for item in plan.meeting.cases])
    papers = protocol_papers(plan, {b.source.path.resolve(): b for b in bundles})
    html = papers[0].html
    assert "ANSLAG/BEVIS" not in html and "Justerandes sign" not in html
    assert "<strong>Protokolljusterare</strong>" in html
    assert "Protokollet är justerat. Justeringen har tillkännagivits genom anslag" in html


def test_an_utdrag_of_a_set_of_paragraphs(tmp_path):
    plans = copy_example(tmp_path)
    file = plans / "möten" / PROTOCOL
    with file.open("a", encoding="utf-8") as out:
        out.write("\nutdrag:\n  - 97-98\n  - 101\n")
    out = tmp_path / "output"
    result = run("build", plans, "--out", out, "--format", "all")
    assert result.exit_code == 0, result.output
    folder = out / "moten" / NAME
    assert sorted(p.name for p in folder.glob("*protokollsutdrag*")) == [
        f"{NAME}_protokollsutdrag-§101.docx", f"{NAME}_protokollsutdrag-§101.pdf",
        f"{NAME}_protokollsutdrag-§97-98.docx", f"{NAME}_protokollsutdrag-§97-98.pdf"]
    text = text_of(folder / f"{NAME}_protokollsutdrag-§97-98.pdf")
    assert "Paragrafer §§ 97-98" in text and "§ 97 Delårsbokslut" in text and "§ 98 Handlingsplan" in text
    assert "Johan Lindqvist, controller § 97" in text and "Karin Reuterdahl, utvecklingsledare § 98" in text
    assert "Sofia Berglund" not in text
    # The vote table is a Word table whose heading row repeats on every page.
    import docx

    document = docx.Document(str(folder / f"{NAME}_protokollsutdrag-§97-98.docx"))
    votes = next(t for t in document.tables if t.rows[0].cells[0].text == "Ledamot/tjänstgörande ersättare")
    assert [c.text for c in votes.rows[0].cells] == ["Ledamot/tjänstgörande ersättare", "Ja-röst", "Nej-röst",
                                                     "Avstår från att rösta"]
    assert votes.rows[0]._tr.trPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None
    assert [c.text for c in votes.rows[-1].cells] == ["Summa", "7", "3", "1"]

    edit(file, "  - 101\n", "  - 104\n")
    result = run("check", plans)
    assert result.exit_code == 1
    line = line_of(file.read_text(encoding="utf-8"), "  - 104")
    assert f"{PROTOCOL}:{line}:" in result.output and "utdrag" in result.output and "ingen § 104" in result.output


def test_an_unchanged_protokoll_is_not_written_again_and_an_edit_rebuilds_it(tmp_path, monkeypatch):
    """Like a case and a meeting: nothing changed, nothing written; the plan, or a case
    it prints, edited: the protokoll again."""
    from generator import cache

    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    plans = copy_example(tmp_path)
    out = tmp_path / "output"
    assert run("build", plans, "--out", out).exit_code == 0
    folder = out / "moten" / NAME
    protocol = folder / f"{NAME}_protokoll.pdf"
    written = protocol.stat().st_mtime_ns
    again = run("build", plans, "--out", out)
    assert again.exit_code == 0, again.output
    assert "0 protokoll byggda, 1 oförändrat" in again.output, again.output
    assert protocol.stat().st_mtime_ns == written
    # The seed case's förslag is the default beslut of its §: editing the case reaches it.
    edit(plans / "uppsala-amn-2018-0329" / "arende.yaml", "godkänna handlingsplanen för sociala företag",
         "godkänna den reviderade handlingsplanen för sociala företag")
    rebuilt = run("build", plans, "--out", out)
    assert "1 protokoll byggt" in rebuilt.output, rebuilt.output
    assert "den reviderade handlingsplanen" in " ".join(pdf_pages(protocol))


def test_new_protokoll_is_a_plan_for_its_meeting_that_check_holds_back(tmp_path):
    """`arende new x-protokoll.yaml` reads the meeting x.yaml beside it: one paragraf per
    numbered agenda item, the meeting's sekreterare and justerare filled in, placeholders
    for what only the meeting can tell, each of which check names with its line."""
    plans = copy_example(tmp_path)
    (plans / "möten" / PROTOCOL).unlink()
    file = plans / "möten" / PROTOCOL
    result = run("new", file, "--hus", "uppsala")
    assert result.exit_code == 0, result.output
    text = file.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../.schema/protokoll.schema.json")
    assert f"möte: {NAME}.yaml" in text and "sekreterare: Hanna Wikström" in text
    data = yaml.safe_load(text)
    meeting = yaml.safe_load((plans / "möten" / f"{NAME}.yaml").read_text(encoding="utf-8"))
    numbered = [entry for entry in meeting["punkter"] if "avsnitt" not in entry]
    assert [p["punkt"] for p in data["paragrafer"]] == list(range(1, len(numbered) + 1))
    checked = run("check", file)
    assert checked.exit_code == 1
    assert re.search(rf"{PROTOCOL}:\d+:\d+: första paragraf: ska vara ett heltal \(fick '«nummer»'\)",
                     checked.output), checked.output
    assert re.search(rf"{PROTOCOL}:\d+:\d+: tid, till: har inte rätt form \(fick '«TT.MM»'\)", checked.output)
    assert "should" not in checked.output and "Traceback" not in checked.output
    again = run("new", file, "--hus", "uppsala")
    assert again.exit_code == 1 and "finns redan; inget skrevs över" in again.output
    other = run("new", plans / "möten" / "amn-2026-12-08-protokoll.yaml", "--hus", "uppsala")
    assert other.exit_code == 1 and "mötet plans/möten/amn-2026-12-08.yaml finns inte" in other.output.replace(
        str(plans.parent) + "/", ""), other.output
    assert not (plans / "möten" / "amn-2026-12-08-protokoll.yaml").exists()


def test_preview_shows_the_protokoll_and_follows_its_plan(tmp_path):
    """`arende preview` of a protokoll plan: the protokoll and its papers, rebuilt when the
    plan is saved; a vote that does not add up is shown located, the last good kept."""
    from generator.preview.watch import CaseWatcher

    plans = copy_example(tmp_path)
    file = plans / "möten" / PROTOCOL
    watcher = CaseWatcher(file)
    build = watcher.rebuild()
    assert build.ok, build.problems
    assert build.papers[0].kind == "protokoll" and "Beslutsgång" in build.papers[0].html
    assert any("nslagsbevis" in label for label in build.labels), build.labels
    edit(file, "resultat: 7 ja, 3 nej, 1 avstår", "resultat: 8 ja, 3 nej, 1 avstår")
    assert watcher.changed()
    broken = watcher.rebuild()
    assert not broken.ok and any(PROTOCOL in str(p.location) for p in broken.problems), broken.problems
    assert broken.papers and broken.papers[0].kind == "protokoll"
