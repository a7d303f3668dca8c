"""The last forms of real papers (issue #12): the plan's own masthead cells, the dnr
under the title, a running header of its own on later pages, a handläggare's unit,
several unnumbered decision sentences, and a masthead cell without a label."""

from __future__ import annotations

import subprocess

import docx
import pytest

from conftest import edit, own_house, pdf_pages, run

CASE = """\
hus: formhus
förvaltning: AMF
handläggare:
  - namn: Lena Bergström
    enhet: Socialkontoret
    e-post: lena@example.se
datum: 2018-09-05
diarienummer: AMN-2018-0329
nämnd: AMN
titel: Formerna i ett förslag
{details}
förslag till beslut:
  beslut:
    - Nämnden antar planen.
    - Nämnden lägger redovisningen till handlingarna.
avsnitt:
  - rubrik: Ärendet
    text: |
{body}
underskrifter:
  - namn: Anna Ek
    titel: Direktör
    enhet: Stadsbyggnadskontoret
"""
DETAILS = """uppgifter:
  Dokument-ID: ARBGRP-583
  Version: '0.1'
  Ansvarig chef: Karin Holm"""
LONG = "\n".join("      Ett långt stycke om ärendet som fyller sidan. " * 6 + "\n" for _ in range(14))


@pytest.fixture
def house(tmp_path, monkeypatch):
    """A municipality's own copy of the Uppsala house, 'formhus', and a case using it."""
    monkeypatch.chdir(tmp_path)
    folder, case = own_house(tmp_path, "formhus")
    for extra in case.glob("bilaga-*.yaml"):
        extra.unlink()
    write(case)
    return folder, case


def write(case, details: str = "", body: str = "      Ärendets text står här.") -> None:
    (case / "arende.yaml").write_text(CASE.format(details=details, body=body), encoding="utf-8")


def style(folder, text: str) -> None:
    """Lines added to the end of the house's stil: (its last block)."""
    path = folder / "hus.yaml"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + text + "\n", encoding="utf-8")


def build(case, out):
    result = run("build", case, "--out", out, "--format", "all")
    assert result.exit_code == 0, result.output
    return next(out.rglob("*.pdf")), next(out.rglob("*.docx"))


def docx_paragraphs(path) -> list[str]:
    """Every paragraph of the DOCX body, table cells included, in order."""
    document = docx.Document(str(path))
    body = document.element.body
    return ["".join(t.text or "" for t in p.iter(docx.oxml.ns.qn("w:t")))
            for p in body.iter(docx.oxml.ns.qn("w:p"))]


def page_one_words(pdf) -> dict[str, float]:
    """The top of each word on the PDF's first page (the first time it stands there)."""
    import pymupdf

    with pymupdf.open(pdf) as document:
        words: dict[str, float] = {}
        for x0, y0, x1, y1, word, *_ in document[0].get_text("words"):
            words.setdefault(word, y0)
        return words


NARROW = "    kolumnbredd: 28\n    mellanrum: 3"


# --- 1. the plan's own masthead cells ---------------------------------------------------


def test_plan_details_stand_in_the_masthead_in_order(house, tmp_path):
    folder, case = house
    write(case, DETAILS)
    style(folder, "  huvud:\n    fält: [handläggare, {uppgift: Er beteckning, även tom: true}, uppgifter]\n"
          + NARROW)
    pdf, document = build(case, tmp_path / "out")
    first = pdf_pages(pdf)[0]
    order = ["Er beteckning", "Dokument-ID", "ARBGRP-583", "Version", "0.1", "Ansvarig chef", "Karin Holm"]
    # pdftotext reads the masthead row by row: labels first, then values.
    for label in ("Er beteckning", "Dokument-ID", "Version", "Ansvarig chef"):
        assert label in first
    assert first.index("Dokument-ID") < first.index("Version") < first.index("Ansvarig chef")
    for value in ("ARBGRP-583", "0.1", "Karin Holm"):
        assert value in first
    paragraphs = docx_paragraphs(document)
    positions = [paragraphs.index(text) for text in order]
    assert positions == sorted(positions)
    # 'Er beteckning' the plan lacks: its label, and an empty cell under it.
    assert paragraphs[paragraphs.index("Er beteckning") + 1] == ""


def test_a_named_detail_the_plan_lacks_prints_nothing(house, tmp_path):
    folder, case = house
    write(case, DETAILS)
    style(folder, "  huvud:\n    fält: [handläggare, {uppgift: Er beteckning}, {uppgift: Dokument-ID}, "
                  "{uppgift: Version}, {uppgift: Ansvarig chef}]\n" + NARROW)
    pdf, document = build(case, tmp_path / "out")
    assert "Er beteckning" not in pdf_pages(pdf)[0]
    assert "Er beteckning" not in docx_paragraphs(document)
    assert "Karin Holm" in docx_paragraphs(document)


def test_a_plan_detail_the_house_does_not_print_is_a_located_error(house, tmp_path):
    folder, case = house
    write(case, DETAILS)
    style(folder, "  huvud:\n    fält: [handläggare, {uppgift: Dokument-ID}]")
    result = run("build", case, "--out", tmp_path / "out")
    assert result.exit_code == 1, result.output
    assert "arende.yaml:" in result.output
    assert "uppgifter: uppgiften 'Version' skrivs inte ut av huset" in result.output
    assert "'Dokument-ID'" in result.output
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").rglob("*.pdf"))


def test_an_unknown_masthead_field_is_a_located_house_error(house, tmp_path):
    folder, case = house
    style(folder, "  huvud:\n    fält: [handläggare, uppgiftr]")
    result = run("build", case, "--out", tmp_path / "out")
    assert result.exit_code == 3, result.output
    assert "hus.yaml:" in result.output and "okänt fält 'uppgiftr'" in result.output
    assert "menade du 'uppgifter'" in result.output


# --- 2. the dnr under the title ---------------------------------------------------------


def test_dnr_stands_right_under_the_title(house, tmp_path):
    folder, case = house
    style(folder, "  huvud:\n    diarienummer under rubriken: true")
    pdf, document = build(case, tmp_path / "out")
    lines = [line.strip() for line in pdf_pages(pdf)[0].splitlines() if line.strip()]
    title = lines.index("Formerna i ett förslag")
    assert lines[title + 1] == "Dnr AMN-2018-0329"
    assert lines[title + 2] == "Förslag till beslut"
    paragraphs = [p for p in docx_paragraphs(document) if p]
    title = paragraphs.index("Formerna i ett förslag")
    assert paragraphs[title + 1] == "Dnr AMN-2018-0329"
    assert paragraphs[title + 2] == "Förslag till beslut"


def test_without_the_setting_no_dnr_line_under_the_title(house, tmp_path):
    folder, case = house
    pdf, document = build(case, tmp_path / "out")
    assert "Dnr AMN-2018-0329" not in pdf_pages(pdf)[0]
    assert "Dnr AMN-2018-0329" not in docx_paragraphs(document)


# --- 3. a running header of its own on later pages -------------------------------------

LATER = """  sidhuvud:
    text: TJÄNSTESKRIVELSE
    sidor: första
    senare sidor: 'Datum {datum} · Vår beteckning {diarienummer}'
  sidnummer: {sidor: alla, form: '{sida} ({sidor})'}"""


def test_later_pages_carry_their_own_header(house, tmp_path):
    folder, case = house
    write(case, body=LONG)
    style(folder, LATER)
    pdf, document = build(case, tmp_path / "out")
    pages = pdf_pages(pdf)
    assert len(pages) >= 2
    assert pages[0].splitlines()[0] == "TJÄNSTESKRIVELSE" and f"1 ({len(pages)})" in pages[0]
    assert "Vår beteckning" not in pages[0]
    for number, page in enumerate(pages[1:], start=2):
        assert "Datum 2018-09-05 · Vår beteckning AMN-2018-0329" in page
        assert f"{number} ({len(pages)})" in page
        assert "TJÄNSTESKRIVELSE" not in page
    section = docx.Document(str(document)).sections[0]
    assert section.different_first_page_header_footer
    first = "".join(p.text for p in section.first_page_header.paragraphs)
    later = "".join(t.text or "" for t in section.header._element.iter(docx.oxml.ns.qn("w:t")))
    assert first.startswith("TJÄNSTESKRIVELSE") and "Vår beteckning" not in first
    assert "Datum 2018-09-05 · Vår beteckning AMN-2018-0329" in later
    assert "TJÄNSTESKRIVELSE" not in later


def test_later_header_in_word_as_libreoffice_shows_it(house, tmp_path):
    """Word's first-page header (titlePg) holds page 1's text, as LibreOffice lays it out."""
    folder, case = house
    write(case, body=LONG)
    style(folder, LATER)
    _, document = build(case, tmp_path / "out")
    try:
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / "lo"),
                        str(document)], check=True, capture_output=True, timeout=240)
    except (FileNotFoundError, subprocess.CalledProcessError, subprocess.TimeoutExpired):
        pytest.skip("LibreOffice finns inte här")
    pages = pdf_pages(next((tmp_path / "lo").glob("*.pdf")))
    assert len(pages) >= 2
    assert "TJÄNSTESKRIVELSE 1" in " ".join(pages[0].split()) and "Vår beteckning" not in pages[0]
    assert "Datum 2018-09-05 · Vår beteckning AMN-2018-0329" in pages[1]
    assert "TJÄNSTESKRIVELSE" not in pages[1]


# --- 4. a handläggare's unit ------------------------------------------------------------


def test_a_persons_unit_stands_under_the_name(house, tmp_path):
    folder, case = house
    pdf, document = build(case, tmp_path / "out")
    text = "\n".join(pdf_pages(pdf))
    lines = [line.strip() for line in text.splitlines()]
    assert lines[lines.index("Lena Bergström") + 1] == "Socialkontoret"
    assert lines[lines.index("Direktör") + 1] == "Stadsbyggnadskontoret"
    paragraphs = docx_paragraphs(document)
    assert paragraphs[paragraphs.index("Lena Bergström") + 1] == "Socialkontoret"
    assert paragraphs[paragraphs.index("Direktör") + 1] == "Stadsbyggnadskontoret"


# --- 5. several unnumbered decision sentences -------------------------------------------


def test_decision_sentences_are_plain_paragraphs(house, tmp_path):
    folder, case = house
    pdf, document = build(case, tmp_path / "out")
    lines = [line.strip() for line in pdf_pages(pdf)[0].splitlines() if line.strip()]
    heading = lines.index("Förslag till beslut")
    assert lines[heading + 1: heading + 3] == ["Nämnden antar planen.",
                                               "Nämnden lägger redovisningen till handlingarna."]
    body = docx.Document(str(document)).paragraphs
    texts = [p.text for p in body]
    for sentence in ("Nämnden antar planen.", "Nämnden lägger redovisningen till handlingarna."):
        paragraph = body[texts.index(sentence)]
        assert paragraph.style.name == "Normal"
        assert paragraph._p.find(".//" + docx.oxml.ns.qn("w:numPr")) is None


def test_decision_sentences_in_a_group(house, tmp_path):
    folder, case = house
    edit(case / "arende.yaml", "  beslut:\n", "  grupper:\n    - inledning: 'I kommunstyrelsen:'\n      beslut:\n")
    edit(case / "arende.yaml", "    - Nämnden antar", "        - Nämnden antar")
    edit(case / "arende.yaml", "    - Nämnden lägger", "        - Nämnden lägger")
    pdf, document = build(case, tmp_path / "out")
    texts = [p.text for p in docx.Document(str(document)).paragraphs]
    group = texts.index("I kommunstyrelsen:")
    assert texts[group + 1: group + 3] == ["Nämnden antar planen.",
                                           "Nämnden lägger redovisningen till handlingarna."]
    assert "1. Nämnden" not in pdf_pages(pdf)[0]


def test_an_empty_decision_list_is_a_located_error(house, tmp_path):
    folder, case = house
    edit(case / "arende.yaml", "  beslut:\n    - Nämnden antar planen.\n"
                               "    - Nämnden lägger redovisningen till handlingarna.\n", "  beslut: []\n")
    result = run("check", case)
    assert result.exit_code == 1, result.output
    assert "arende.yaml:" in result.output and "förslag till beslut, beslut" in result.output


# --- 6. an empty masthead label ---------------------------------------------------------


def test_an_empty_label_leaves_no_label_paragraph(house, tmp_path):
    folder, case = house
    style(folder, "  huvud:\n    fält: [handläggare, datum, sida]\n    etiketter: {sida: ''}")
    pdf, document = build(case, tmp_path / "out")
    words = page_one_words(pdf)
    # The page counter stands on the labels' row, not below an empty one.
    assert abs(words["(1)"] - words["Handläggare"]) < 2
    table = docx.Document(str(document)).tables[1]
    cell = table.rows[0].cells[2]
    assert [p.text for p in cell.paragraphs] == ["1 (1)"]


def test_a_cell_without_label_is_as_wide_and_as_high_in_word(house, tmp_path):
    """The DOCX's masthead cell wraps where the PDF's does (text no wider than kolumnbredd,
    the gap kept free) and, without a label, still starts on the labels' row; so the title
    stands as far down the page in LibreOffice's layout of the DOCX as in the PDF."""
    folder, case = house
    edit(case / "arende.yaml", "e-post: lena@example.se", "e-post: lena.bergstrom@upplands-bro.se")
    style(folder, "  huvud:\n    fält: [handläggare, datum]\n    etiketter: {handläggare: ''}")
    pdf, document = build(case, tmp_path / "out")
    try:
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / "lo"),
                        str(document)], check=True, capture_output=True, timeout=240)
    except (FileNotFoundError, subprocess.CalledProcessError, subprocess.TimeoutExpired):
        pytest.skip("LibreOffice finns inte här")
    ours, office = page_one_words(pdf), page_one_words(next((tmp_path / "lo").glob("*.pdf")))
    assert abs(ours["Lena"] - ours["Datum"]) < 2
    assert abs(office["Lena"] - office["Datum"]) < 2
    assert abs(office["Formerna"] - ours["Formerna"]) < 4, (ours["Formerna"], office["Formerna"])
