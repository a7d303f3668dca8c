"""Status and marks: a draft's UTKAST watermark on every page of both formats, «placeholders»
that stop a final build, and the stamps of a signed, decided or revised paper."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pymupdf
import pytest

from conftest import STOCKHOLM, UPPSALA, copy_case, edit, own_house, run

V_TEXTPATH = "{urn:schemas-microsoft-com:vml}textpath"


def page_texts(pdf: Path) -> list[str]:
    with pymupdf.open(pdf) as document:
        return [page.get_text() for page in document]


def header_watermarks(path: Path) -> list[list[str]]:
    """For each header of each section (default, then first page): the watermark texts in it."""
    document = docx.Document(path)
    found = []
    for section in document.sections:
        for header in (section.header, section.first_page_header):
            found.append([path.get("string") for path in header._element.iter(V_TEXTPATH)
                          if path.get("string") is not None])   # not the shape type's own
    return found


def built(out: Path) -> list[Path]:
    return sorted(out.rglob("*.pdf")) + sorted(out.rglob("*.docx"))


def test_utkast_marks_every_page_of_every_paper_in_both_formats(tmp_path):
    out = tmp_path / "out"
    result = run("build", UPPSALA, "--utkast", "--out", out)
    assert result.exit_code == 0, result.output
    pdfs = sorted(out.rglob("*.pdf"))
    assert len(pdfs) == 2   # the tjänsteskrivelse and its handlingsplan
    for pdf in pdfs:
        pages = page_texts(pdf)
        assert len(pages) > 1
        # On every page, a line of its own: never run into the paper's own text.
        assert all("UTKAST" in text.splitlines() for text in pages), pdf.name
    for path in sorted(out.rglob("*.docx")):
        assert header_watermarks(path) == [["UTKAST"], ["UTKAST"]], path.name


def test_final_build_has_no_watermark(tmp_path):
    out = tmp_path / "out"
    assert run("build", STOCKHOLM, "--out", out).exit_code == 0
    pdf, = out.rglob("*.pdf")
    assert not any("UTKAST" in text for text in page_texts(pdf))
    path, = out.rglob("*.docx")
    assert header_watermarks(path) == [[], []]


def test_status_utkast_in_the_plan_makes_a_draft(tmp_path):
    case = copy_case(STOCKHOLM, tmp_path / "c")
    edit(case / "arende.yaml", "nämnd: AMN", "nämnd: AMN\nstatus: utkast")
    out = tmp_path / "out"
    assert run("build", case, "--out", out, "--format", "pdf").exit_code == 0
    pdf, = out.rglob("*.pdf")
    assert all("UTKAST" in text for text in page_texts(pdf))


def test_unknown_status_is_a_located_error(tmp_path):
    case = copy_case(STOCKHOLM, tmp_path / "c")
    edit(case / "arende.yaml", "nämnd: AMN", "nämnd: AMN\nstatus: klar")
    result = run("check", case)
    assert result.exit_code == 1
    assert re.search(r"arende\.yaml:\d+:9: status: ska vara 'utkast' eller 'slutlig'", result.output), \
        result.output


def test_a_placeholder_stops_a_final_build_at_its_own_line(tmp_path):
    case = copy_case(STOCKHOLM, tmp_path / "c")
    edit(case / "arende.yaml", "  - namn: Elin Björkman", "  - namn: «Handläggarens namn»")
    line = next(number for number, text in enumerate((case / "arende.yaml").read_text().splitlines(), 1)
                if "«Handläggarens namn»" in text)
    out = tmp_path / "out"
    result = run("build", case, "--out", out)
    assert result.exit_code == 1, result.output
    assert (f"arende.yaml:{line}:11: handläggare 1, namn: platshållaren "
            "'«Handläggarens namn»' är kvar (fyll i, eller bygg ett utkast med 'arende build --utkast'"
            in result.output), result.output
    assert built(out) == []
    assert "varning: handläggare 1, namn" not in result.output   # said once, as the error


def test_a_draft_build_with_placeholders_succeeds_and_warns_before_the_summary(tmp_path):
    case = copy_case(STOCKHOLM, tmp_path / "c")
    edit(case / "arende.yaml", "  - namn: Elin Björkman", "  - namn: «Handläggarens namn»")
    out = tmp_path / "out"
    result = run("build", case, "--out", out, "--utkast", "--format", "pdf")
    assert result.exit_code == 0, result.output
    warning = result.output.index("varning: handläggare 1, namn: platshållaren '«Handläggarens namn»' är kvar")
    assert warning < result.output.index("1 ärende byggt")
    pdf, = out.rglob("*.pdf")
    assert all("UTKAST" in text for text in page_texts(pdf))


def test_other_placeholders_stay_warnings_in_a_final_build(tmp_path):
    """'2018-xx-xx' is printed on purpose in the Uppsala handlingsplan: a warning only."""
    result = run("build", UPPSALA, "--out", tmp_path / "out", "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert "varning: status: platshållaren '2018-xx-xx' är kvar" in result.output


def test_utkast_rebuilds_a_case_built_as_final(tmp_path):
    out = tmp_path / "out"
    assert run("build", STOCKHOLM, "--out", out, "--format", "pdf").exit_code == 0
    again = run("build", STOCKHOLM, "--out", out, "--format", "pdf", "--utkast")
    assert "oförändrat" not in again.output and "1 ärende byggt" in again.output, again.output
    pdf, = out.rglob("*.pdf")
    assert "UTKAST" in page_texts(pdf)[0]


STAMPED = """
signerad:
  av: Anna Andersson
  datum: 2021-08-12
beslutad:
  datum: 2021-08-24
  paragraf: '42'
reviderad: 2021-08-20
"""
STAMP_LINES = ["Reviderad 2021-08-20", "Beslutad av Arbetsmarknadsnämnden den 2021-08-24, § 42",
               "SIGNERAD", "Elektroniskt signerad av Anna Andersson den 2021-08-12"]


def _stamped_case(tmp_path: Path) -> Path:
    case = copy_case(STOCKHOLM, tmp_path / "c")
    with open(case / "arende.yaml", "a", encoding="utf-8") as plan:
        plan.write(STAMPED)
    return case


def _stamp_paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(path).paragraphs if p.style.name == "Stämpel"]


def test_signed_decided_and_revised_stamps_under_the_masthead_in_both_formats(tmp_path):
    out = tmp_path / "out"
    result = run("build", _stamped_case(tmp_path), "--out", out)
    assert result.exit_code == 0, result.output
    pdf, = out.rglob("*.pdf")
    first = page_texts(pdf)[0]
    lines = first.splitlines()
    assert [line for line in lines if line in STAMP_LINES] == STAMP_LINES
    # Under the masthead ('Ärende 7'), before the title.
    assert lines.index("Ärende 7") < lines.index(STAMP_LINES[0]) < lines.index(
        next(line for line in lines if line.startswith("Handlingsplan för hur")))
    path, = out.rglob("*.docx")
    assert _stamp_paragraphs(path) == STAMP_LINES
    body = [p.text for p in docx.Document(path).paragraphs]
    assert body.index(STAMP_LINES[-1]) < body.index(next(t for t in body if t.startswith("Handlingsplan för hur")))


def test_the_house_words_and_places_the_stamps(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    house, case = own_house(tmp_path, "egen")
    with open(house / "hus.yaml", "a", encoding="utf-8") as declaration:
        declaration.write("  stämplar:\n    plats: slut\n    signerad: ['Signerat elektroniskt {den} av {av}']\n")
    with open(case / "arende.yaml", "a", encoding="utf-8") as plan:
        plan.write("signerad:\n  av: Karin Berg\n  datum: 2018-09-06\n")
    out = tmp_path / "out"
    result = run("build", case, "--out", out, "--format", "all")
    assert result.exit_code == 0, result.output
    pdf = next(p for p in out.rglob("*.pdf") if "tjansteskrivelse" in p.name)
    pages = page_texts(pdf)
    assert "Signerat elektroniskt 2018-09-06 av Karin Berg" in pages[-1]
    assert "SIGNERAD" not in "".join(pages)
    own_text = [line for line in pages[-1].splitlines()
                if line.strip() and not line.startswith(("Sida ", "Uppsala kommun ·"))]   # not the furniture
    assert own_text[-1] == "Signerat elektroniskt 2018-09-06 av Karin Berg"
    word = next(p for p in out.rglob("*.docx") if "tjansteskrivelse" in p.name)
    texts = [p.text for p in docx.Document(word).paragraphs if p.text.strip()]
    assert texts[-1] == "Signerat elektroniskt 2018-09-06 av Karin Berg"


def test_an_unknown_field_in_a_stamp_is_the_house_s_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    house, case = own_house(tmp_path, "egen")
    with open(house / "hus.yaml", "a", encoding="utf-8") as declaration:
        declaration.write("  stämplar:\n    reviderad: ['Ändrad {när}']\n")
    with open(case / "arende.yaml", "a", encoding="utf-8") as plan:
        plan.write("reviderad: 2018-09-07\n")
    result = run("build", case, "--out", tmp_path / "out", "--format", "pdf")
    assert result.exit_code == 3, result.output
    assert "okänt fält {när} i stil: stämplar:" in result.output


FORMS = """  sidnummer:
    form: '{sida}/{sidor}'
  sidhuvud:
    text: '{kommun}'
  huvud:
    fält: [datum, diarienummer, sida]
    etiketter: {datum: DATUM, diarienummer: DIARIENR, sida: SIDA}
  sidfot:
    sidor: första
    kolumner:
      - {rubrik: POSTADRESS, rader: ['{postadress}']}
      - {rubrik: BESÖKSADRESS, rader: ['{besöksadress}']}
      - {rubrik: TELEFON, rader: ['{telefon}']}
      - {rubrik: E-POST OCH WEBB, rader: ['{e-post}', '{webb}']}
"""
DETAILS = """    namn: Arbetsmarknadsförvaltningen
    uppgifter:
      postadress: [Box 1, 753 75 Uppsala]
      besöksadress: Stationsgatan 12
      telefon: 018-727 00 00
      e-post: amf@example.se
      webb: www.example.se
"""


def test_page_masthead_and_footer_forms_alike_in_both_formats(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    house, case = own_house(tmp_path, "egen")
    edit(house / "hus.yaml", "    namn: Arbetsmarknadsförvaltningen\n", DETAILS)
    with open(house / "hus.yaml", "a", encoding="utf-8") as declaration:
        declaration.write(FORMS)
    out = tmp_path / "out"
    result = run("build", case, "--out", out)
    assert result.exit_code == 0, result.output
    pdf = next(p for p in out.rglob("*.pdf") if "tjansteskrivelse" in p.name)
    pages = page_texts(pdf)
    total = len(pages)
    first = pages[0].splitlines()
    # The masthead table with its labels and the live page counter.
    assert first[first.index("SIDA") + 1] == f"1 ({total})"
    assert first[first.index("DIARIENR") + 1] == "AMN-2018-0329"
    # The footer's labelled register fields, on the first page only; a list prints each line.
    for label, lines in (("POSTADRESS", ["Box 1", "753 75 Uppsala"]), ("BESÖKSADRESS", ["Stationsgatan 12"]),
                         ("TELEFON", ["018-727 00 00"]), ("E-POST OCH WEBB", ["amf@example.se", "www.example.se"])):
        at = first.index(label)
        assert first[at + 1: at + 1 + len(lines)] == lines, label
    assert not any("Stationsgatan" in page for page in pages[1:])
    # Later pages: the municipality's name before the page number, in the house's form.
    for number, page in enumerate(pages[1:], start=2):
        assert "Uppsala kommun" in page.splitlines() and f"{number}/{total}" in page.splitlines()

    word = docx.Document(next(p for p in out.rglob("*.docx") if "tjansteskrivelse" in p.name))
    section = word.sections[0]
    first_footer = "\n".join(cell.text for table in section.first_page_footer.tables
                             for row in table.rows for cell in row.cells)
    assert "POSTADRESS\nBox 1\n753 75 Uppsala" in first_footer
    assert "E-POST OCH WEBB\namf@example.se\nwww.example.se" in first_footer
    assert not section.footer.tables   # the footer stands on the first page only
    later = section.header._element.xml
    assert "Uppsala kommun" in later and "PAGE" in later and "NUMPAGES" in later
    cells = [cell for table in word.tables for row in table.rows for cell in row.cells]
    page_cell = next(cell for cell in cells if cell.text.startswith("SIDA"))
    assert " PAGE " in page_cell._element.xml and " NUMPAGES " in page_cell._element.xml
