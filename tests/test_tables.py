"""A plan's general table (tabell:): columns from the plan or a house preset, group,
title and whole-width rows, Markdown in every cell, header repetition and row splitting
per table; the same in the PDF (text on the pages) and the DOCX (its table XML)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import STOCKHOLM, UPPSALA, copy_case, edit, own_house, pdf_pages, run

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
TEXT_WIDTH_TWIPS = 163 * 1440 / 25.4          # A4, 163 mm of text width (both seed houses)

LONG = "Rad {i} med lång text som bryts över flera rader i cellen så att tabellen blir lång"
TABLE = """  - rubrik: Kostnader
    text: Tabellen visar kostnaderna.
    tabell:
{options}      kolumner:
        - {{namn: Post, bredd: 25}}
        - {{namn: Beskrivning, prosa: ja}}
        - {{namn: Belopp, bredd: 15}}
      rader:
        - {{rubrik: Kostnader 2022}}
        - {{grupp: Personal}}
        - ['Lön', "Första raden\\nandra raden", '100 kr']
        - {{Post: Lokal, Belopp: 50 kr}}
        - ['Lista', "Punkter:\\n\\n1. ett\\n2. två", '7']
        - {{hel rad: "En **rad** över hela tabellen."}}
{rows}
"""


def _with_table(folder: Path, options: str = "", rows: int = 40) -> Path:
    """The Stockholm case with a first section holding a three-column table."""
    body = "\n".join(f"        - ['Rad {i}', '{LONG.format(i=i)}', '{i}00 kr']" for i in range(1, rows + 1))
    edit(folder / "arende.yaml", "avsnitt:\n", "avsnitt:\n" + TABLE.format(options=options, rows=body))
    return folder


def _build(case: Path, out: Path, fmt: str = "all") -> Path:
    result = run("build", case, "--out", out, "--format", fmt, "--quiet")
    assert result.exit_code == 0, result.output
    (folder,) = out.iterdir()
    return folder


def _docx_tables(docx: Path) -> list:
    with zipfile.ZipFile(docx) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return [t for t in root.iter(W + "tbl")
            if t.find("w:tblPr/w:tblStyle", NS).get(W + "val") == "Dokumenttabell"]


def _texts(element) -> str:
    return "".join(t.text or "" for t in element.iter(W + "t"))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("tables")
    return _build(_with_table(copy_case(STOCKHOLM, root / "c")), root / "out")


def test_pdf_repeats_the_header_row_on_the_next_page_and_prints_every_row(built):
    pages = pdf_pages(next(built.glob("*.pdf")))
    first = next(i for i, page in enumerate(pages) if "Kostnader 2022" in page)
    assert "Post" in pages[first] and "Beskrivning" in pages[first]
    # The table crosses onto the next page, whose text starts with the header row again.
    follow = pages[first + 1]
    assert "Rad 40" in "".join(pages[first:])
    assert follow.split("Beskrivning")[0].strip().endswith("Post"), follow[:200]
    table = " ".join(pages[first:])
    for text in ("Personal", "Första raden", "andra raden", "Lokal", "50 kr", "ett", "två",
                 "En rad över hela tabellen."):
        assert text in table


def test_docx_marks_the_header_row_and_keeps_rows_whole(built):
    table = _docx_tables(next(built.glob("*.docx")))[0]
    rows = table.findall("w:tr", NS)
    assert _texts(rows[0]) == "PostBeskrivningBelopp"
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    assert all(row.find("w:trPr/w:tblHeader", NS) is None for row in rows[1:])
    assert all(row.find("w:trPr/w:cantSplit", NS) is not None for row in rows)


def test_docx_widths_are_the_plans_and_fill_the_text_width(built):
    table = _docx_tables(next(built.glob("*.docx")))[0]
    widths = [int(c.get(W + "w")) for c in table.findall("w:tblGrid/w:gridCol", NS)]
    assert widths == pytest.approx([0.25 * TEXT_WIDTH_TWIPS, 0.60 * TEXT_WIDTH_TWIPS,
                                    0.15 * TEXT_WIDTH_TWIPS], abs=2)
    assert sum(widths) == pytest.approx(TEXT_WIDTH_TWIPS, abs=3)


def test_docx_group_title_and_whole_width_rows_span_every_column(built):
    rows = _docx_tables(next(built.glob("*.docx")))[0].findall("w:tr", NS)
    by_text = {_texts(row): row for row in rows}
    for text in ("Kostnader 2022", "Personal", "En rad över hela tabellen."):
        cells = by_text[text].findall("w:tc", NS)
        assert len(cells) == 1
        assert cells[0].find("w:tcPr/w:gridSpan", NS).get(W + "val") == "3"
    title = by_text["Kostnader 2022"].find("w:tc/w:tcPr/w:shd", NS)
    assert title is not None and title.get(W + "fill") == "E8E8E8"   # the heading row's fill
    group = by_text["Personal"].find("w:tc/w:p/w:pPr/w:pStyle", NS)
    assert group.get(W + "val") == "Tabellgrupp"


def test_docx_cells_keep_line_breaks_and_lists(built):
    rows = _docx_tables(next(built.glob("*.docx")))[0].findall("w:tr", NS)
    wage = next(row for row in rows if _texts(row).startswith("Lön"))
    assert wage.findall("w:tc", NS)[1].find(".//w:br", NS) is not None
    listed = next(row for row in rows if _texts(row).startswith("Lista"))
    paragraphs = listed.findall("w:tc", NS)[1].findall("w:p", NS)
    assert [_texts(p) for p in paragraphs] == ["Punkter:", "ett", "två"]
    assert all(p.find("w:pPr/w:numPr", NS) is not None for p in paragraphs[1:])


def test_header_once_and_rows_that_may_split(tmp_path):
    options = "      rubrikrad upprepas: nej\n      rader får delas: ja\n"
    folder = _build(_with_table(copy_case(STOCKHOLM, tmp_path / "c"), options), tmp_path / "out")
    rows = _docx_tables(next(folder.glob("*.docx")))[0].findall("w:tr", NS)
    assert all(row.find("w:trPr/w:tblHeader", NS) is None for row in rows)
    assert rows[0].find("w:trPr/w:cantSplit", NS) is not None        # the header itself stays whole
    assert all(row.find("w:trPr/w:cantSplit", NS) is None for row in rows[1:])
    pages = pdf_pages(next(folder.glob("*.pdf")))
    first = next(i for i, page in enumerate(pages) if "Kostnader 2022" in page)
    assert "Beskrivning" in pages[first]
    assert "Beskrivning" not in pages[first + 1]


def test_a_house_preset_gives_columns_widths_and_row_rules(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    house, case = own_house(tmp_path, "egen")
    with (house / "hus.yaml").open("a", encoding="utf-8") as handle:
        handle.write("\ntabellförval:\n  budget:\n    kolumner:\n"
                     "      - {namn: Konto, bredd: 30}\n      - {namn: Belopp}\n"
                     "    rader får delas: ja\n")
    edit(case / "arende.yaml", "avsnitt:\n",
         "avsnitt:\n  - rubrik: Budget\n    tabell:\n      förval: budget\n      rader:\n"
         "        - [Drift, 10 kr]\n        - {Belopp: 20 kr}\n")
    folder = _build(case, tmp_path / "out", "docx")
    table = _docx_tables(next(folder.glob("*tjansteskrivelse.docx")))[0]
    rows = table.findall("w:tr", NS)
    assert [_texts(row) for row in rows] == ["KontoBelopp", "Drift10 kr", "20 kr"]
    widths = [int(c.get(W + "w")) for c in table.findall("w:tblGrid/w:gridCol", NS)]
    assert widths == pytest.approx([0.3 * TEXT_WIDTH_TWIPS, 0.7 * TEXT_WIDTH_TWIPS], abs=2)
    assert all(row.find("w:trPr/w:cantSplit", NS) is None for row in rows[1:])


def test_the_action_preset_is_the_houses_action_columns(tmp_path):
    case = copy_case(UPPSALA, tmp_path / "c")
    edit(case / "arende.yaml", "avsnitt:\n",
         "avsnitt:\n  - rubrik: Åtgärder\n    tabell:\n      förval: åtgärder\n      rader:\n"
         "        - [Ett, KS, AMN, '2019']\n")
    folder = _build(case, tmp_path / "out", "docx")
    table = _docx_tables(next(folder.glob("*tjansteskrivelse.docx")))[0]
    header = table.find("w:tr", NS)
    assert [_texts(cell) for cell in header.findall("w:tc", NS)] == [
        "Åtgärder", "Huvudansvarig för åtgärd", "Andra berörda aktörer", "Tidplan för genomförande"]
    widths = [int(c.get(W + "w")) for c in table.findall("w:tblGrid/w:gridCol", NS)]
    assert widths[0] == pytest.approx(0.46 * TEXT_WIDTH_TWIPS, abs=2)   # stil: tabeller: åtgärder


def _line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text in line)


def test_a_row_with_more_cells_than_columns_is_a_located_error(tmp_path):
    case = _with_table(copy_case(STOCKHOLM, tmp_path / "c"), rows=1)
    edit(case / "arende.yaml", "['Lön', ", "['Lön', 'extra', ")
    result = run("build", case, "--out", tmp_path / "out", "--format", "docx")
    assert result.exit_code == 1
    line = _line_of(case / "arende.yaml", "['Lön', 'extra'")
    assert (f"arende.yaml:{line}:11: avsnitt 1, tabell, rad 3: raden har 4 celler men "
            "tabellen har 3 kolumner") in result.output
    assert not (tmp_path / "out" / "c").exists()


def test_an_unknown_preset_or_column_is_a_located_error_with_a_hint(tmp_path):
    case = _with_table(copy_case(STOCKHOLM, tmp_path / "c"), rows=1)
    edit(case / "arende.yaml", "      kolumner:\n", "      förval: åtgärd\n      kolumner:\n")
    edit(case / "arende.yaml", "{Post: Lokal,", "{Psot: Lokal,")
    result = run("build", case, "--out", tmp_path / "out", "--format", "docx")
    assert result.exit_code == 1
    preset = _line_of(case / "arende.yaml", "förval: åtgärd")
    row = _line_of(case / "arende.yaml", "{Psot: Lokal,")
    assert f"arende.yaml:{preset}:15: avsnitt 1, tabell, förval: okänt tabellförval 'åtgärd'" in result.output
    assert "åtgärder" in result.output                              # did you mean
    assert f"arende.yaml:{row}:11: avsnitt 1, tabell, rad 4: tabellen har ingen kolumn 'Psot'" in result.output
    assert "Post" in result.output.split("'Psot'")[1]


def test_a_table_needs_columns_or_a_preset(tmp_path):
    case = copy_case(STOCKHOLM, tmp_path / "c")
    edit(case / "arende.yaml", "avsnitt:\n",
         "avsnitt:\n  - rubrik: X\n    tabell:\n      rader:\n        - [a]\n")
    result = run("build", case, "--out", tmp_path / "out", "--format", "docx")
    assert result.exit_code == 1
    assert "avsnitt 1, tabell: tabellen har varken förval eller kolumner" in result.output


# --- the areas' action tables (åtgärder:) are tables of the preset 'åtgärder' ----------


ACTION_HEADINGS = ["Åtgärder", "Huvudansvarig för åtgärd", "Andra berörda aktörer", "Tidplan för genomförande"]


def _own_actions_preset(house: Path, widths: list[int], more: str = "") -> None:
    columns = "".join(f"      - {{namn: K{i}, bredd: {width}}}\n" for i, width in enumerate(widths))
    with (house / "hus.yaml").open("a", encoding="utf-8") as handle:
        handle.write(f"\ntabellförval:\n  åtgärder:\n    kolumner:\n{columns}{more}")


def _pdf_heading_shares(pdf: Path) -> list[float]:
    """Where each action-table heading starts on the first page holding one, as a share
    of the text width from the first heading."""
    pymupdf = pytest.importorskip("pymupdf")
    with pymupdf.open(pdf) as document:
        page = next(page for page in document if page.search_for(ACTION_HEADINGS[1]))
        lefts = [page.search_for(heading)[0].x0 for heading in ACTION_HEADINGS]
    text_width = 163 / 25.4 * 72
    return [(left - lefts[0]) / text_width for left in lefts]


def test_the_houses_own_actions_preset_draws_the_handlingsplans_action_tables(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    house, case = own_house(tmp_path, "egen")
    _own_actions_preset(house, [25, 25, 25, 25], "    rader får delas: ja\n")
    folder = _build(case, tmp_path / "out")
    tables = _docx_tables(next(folder.glob("*handlingsplan.docx")))
    assert len(tables) == 5
    for table in tables:
        header = table.find("w:tr", NS)
        # The headings stay the register's (or the area's own), the widths are the preset's.
        assert [_texts(cell) for cell in header.findall("w:tc", NS)][0] == "Åtgärder"
        widths = [int(c.get(W + "w")) for c in table.findall("w:tblGrid/w:gridCol", NS)]
        assert widths == pytest.approx([0.25 * TEXT_WIDTH_TWIPS] * 4, abs=2)
        rows = table.findall("w:tr", NS)
        assert all(row.find("w:trPr/w:cantSplit", NS) is None for row in rows[1:])
    shares = _pdf_heading_shares(next(folder.glob("*handlingsplan.pdf")))
    assert shares == pytest.approx([0, 0.25, 0.5, 0.75], abs=0.01)


def test_without_a_preset_of_its_own_the_action_tables_take_the_styles_widths(tmp_path):
    folder = _build(copy_case(UPPSALA, tmp_path / "c"), tmp_path / "out")
    (table, *_) = _docx_tables(next(folder.glob("*handlingsplan.docx")))
    widths = [int(c.get(W + "w")) for c in table.findall("w:tblGrid/w:gridCol", NS)]
    assert widths == pytest.approx([w * TEXT_WIDTH_TWIPS for w in (0.46, 0.18, 0.18, 0.18)], abs=2)
    assert _pdf_heading_shares(next(folder.glob("*handlingsplan.pdf"))) == pytest.approx(
        [0, 0.46, 0.64, 0.82], abs=0.01)


def test_an_actions_preset_without_a_column_per_heading_is_a_located_house_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    house, case = own_house(tmp_path, "egen")
    _own_actions_preset(house, [50, 50])
    result = run("build", case, "--out", tmp_path / "out", "--format", "docx")
    assert result.exit_code == 3
    line = _line_of(house / "hus.yaml", "  åtgärder:")
    assert (f"hus.yaml:{line}:3: tabellförval: förvalet 'åtgärder' har 2 kolumner men kolumner: "
            "har 4 rubriker") in result.output
    assert not (tmp_path / "out" / "c").exists()


def test_docx_a_list_nested_in_a_cells_list_keeps_the_cells_style(tmp_path):
    case = copy_case(STOCKHOLM, tmp_path / "c")
    edit(case / "arende.yaml", "avsnitt:\n",
         "avsnitt:\n  - rubrik: X\n    tabell:\n      kolumner:\n        - {namn: Text, prosa: ja}\n"
         "      rader:\n        - [\"- yttre\\n  - inre\\n- sista\"]\n")
    folder = _build(case, tmp_path / "out", "docx")
    rows = _docx_tables(next(folder.glob("*.docx")))[0].findall("w:tr", NS)
    paragraphs = rows[1].findall("w:tc/w:p", NS)
    assert [_texts(p) for p in paragraphs] == ["yttre", "inre", "sista"]
    assert [p.find("w:pPr/w:pStyle", NS).get(W + "val") for p in paragraphs] == ["Tabelltext"] * 3
    assert [p.find("w:pPr/w:numPr/w:ilvl", NS).get(W + "val") for p in paragraphs] == ["0", "1", "0"]


FOOTNOTE_CELL = ("avsnitt:\n  - rubrik: X\n    tabell:\n      kolumner:\n        - {namn: Post}\n"
                 "        - {namn: Belopp}\n      rader:\n"
                 "        - ['Lön', \"100 kr[^källa]\\n\\n[^källa]: Enligt budgeten 2022.\"]\n")


def test_a_footnote_in_a_cell_that_is_not_prose_is_a_footnote_in_both_formats(tmp_path):
    case = copy_case(STOCKHOLM, tmp_path / "c")
    edit(case / "arende.yaml", "avsnitt:\n", FOOTNOTE_CELL)
    folder = _build(case, tmp_path / "out")
    text = "".join(pdf_pages(next(folder.glob("*.pdf"))))
    assert "Enligt budgeten 2022." in text and "[^källa]" not in text
    with zipfile.ZipFile(next(folder.glob("*.docx"))) as archive:
        notes = etree.fromstring(archive.read("word/footnotes.xml"))
    assert "Enligt budgeten 2022." in [_texts(note).strip() for note in notes.findall("w:footnote", NS)]
    row = _docx_tables(next(folder.glob("*.docx")))[0].findall("w:tr", NS)[1]
    cell = row.findall("w:tc", NS)[1]
    assert _texts(cell) == "100 kr" and cell.find(".//w:footnoteReference", NS) is not None


def test_a_footnote_in_a_list_in_a_cell_that_is_not_prose_is_a_located_error(tmp_path):
    case = copy_case(STOCKHOLM, tmp_path / "c")
    edit(case / "arende.yaml", "avsnitt:\n", FOOTNOTE_CELL.replace("100 kr[^", "- 100 kr[^"))
    result = run("build", case, "--out", tmp_path / "out", "--format", "docx")
    assert result.exit_code == 1
    line = _line_of(case / "arende.yaml", "['Lön',")
    assert (f"arende.yaml:{line}:11: avsnitt 1, tabell, rad 1: kolumnen 'Belopp' är inte prosa: "
            "en fotnot i den kan inte stå i en lista") in result.output
