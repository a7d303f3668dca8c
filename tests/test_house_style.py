"""A house made from its declaration alone: every declared property shows in both the
PDF and the DOCX.

One house, «prov», is written from scratch in a temporary templates folder: the
Stockholm register and a `stil:` part, nothing else (no template, no stylesheet, no Word
file). The Stockholm case is built with it twice: with an empty declaration (the shared
defaults) and with every property changed. Each test below takes one property and
shows its change in the PDF (read with PyMuPDF: fonts, sizes, colours, positions,
drawings) and in the DOCX (its styles, sections, headers, footers and tables).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pymupdf
import pytest
import yaml
from docx.shared import Mm
from lxml import etree

from conftest import ROOT, STOCKHOLM, copy_case, edit
from generator.compose.paper import compose_case
from generator.house import forget_houses
from generator.read import read_case
from generator.writers.docx import write_docx
from generator.writers.pdf import write_pdf

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
PT = 72 / 25.4   # points per mm
DNR = "AMN 2021/0182"

CHANGED = {
    "sida": {"format": "Letter", "vänster": 35, "överkant": 32},
    "typsnitt": {"brödtext": "Times New Roman", "rubriker": "Arial", "detaljer": "Arial"},
    "text": {
        "brödtext": {"storlek": 12, "radavstånd": 1.6},
        "rubrik 1": {"färg": "#1F3864", "storlek": 20},
        "rubrik 2": {"kursiv": True},
        "dokumenttyp": {"versaler": False},
        "metarubrik": {"fet": False},
        "ordmärke": {"spärrning": 0.2},
        "tabellrubrik": {"färg": "#AA0000"},
        "underskrift": {"efter": "5mm"},
    },
    "sidnummer": {"form": "{sida}/{sidor}", "plats": "sidfot", "sidor": "övriga"},
    "sidhuvud": {"text": "{kommun} – {nämnd}", "sidor": "alla"},
    "sidfot": {"sidor": "första", "linje": True,
               "kolumner": [{"rubrik": "Postadress", "rader": ["{adress}"], "bredd": 70},
                            {"rubrik": "Enhet", "rader": ["{enhet}"]}]},
    "huvud": {"fält": ["handläggare", "nämnd"], "kolumnbredd": 60,
              "diarienummer i rubrikblocket": True, "mottagare": False},
    "tabeller": {"rubrikfärg": "#CCE5FF", "linjefärg": "#0000FF", "åtgärder": {3: [50, 25, 25]},
                 "attest": [40, 40]},
    "underskrifter": {"per rad": 1, "förvaltning": False},
}


def _build(root: Path, name: str, style: dict) -> dict:
    house = root / "templates" / "prov"
    house.mkdir(parents=True)
    register = yaml.safe_load((ROOT / "templates" / "stockholm" / "hus.yaml").read_text(encoding="utf-8"))
    register.pop("stil")
    (house / "hus.yaml").write_text(yaml.safe_dump({**register, "stil": style}, allow_unicode=True),
                                    encoding="utf-8")
    case = copy_case(STOCKHOLM, root / "plans" / name)
    edit(case / "arende.yaml", "hus: stockholm", "hus: prov")
    edit(case / "arende.yaml", "nämnd: AMN", f"nämnd: AMN\ndiarienummer: {DNR}")
    forget_houses()
    paper = compose_case(read_case(case))[0]
    write_pdf(paper, root / f"{name}.pdf")
    write_docx(paper, root / f"{name}.docx")
    return {"pdf": pymupdf.open(root / f"{name}.pdf"), "docx": docx.Document(str(root / f"{name}.docx")),
            "docx_path": root / f"{name}.docx", "css": paper.house.css}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The same case in the default look and in the changed one."""
    import os

    root = tmp_path_factory.mktemp("hus")
    here = os.getcwd()
    try:
        results = {}
        for name, style in (("default", {}), ("changed", CHANGED)):
            os.chdir(root / "..")
            folder = root / name
            folder.mkdir()
            os.chdir(folder)
            results[name] = _build(folder, name, style)
        yield results
    finally:
        os.chdir(here)
        forget_houses()


# --- reading the PDF ------------------------------------------------------------------


def spans(pdf, page=None):
    """Every text span: (page, text, font, size, colour, italic, bold, bbox)."""
    pages = range(len(pdf)) if page is None else [page]
    for number in pages:
        for block in pdf[number].get_text("dict")["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    yield (number, span["text"], span["font"], span["size"], span["color"],
                           bool(span["flags"] & 2), bool(span["flags"] & 16), span["bbox"])


def span(pdf, text, page=None):
    for found in spans(pdf, page):
        if text in found[1]:
            return found
    raise AssertionError(f"'{text}' finns inte i PDF:en")


def page_text(pdf, page):
    return pdf[page].get_text()


# --- reading the DOCX -----------------------------------------------------------------


def style(document, name):
    return document.styles[name]


def story_text(story):
    return "".join(t.text or "" for t in story._element.iter(W + "t"))


def story_fields(story):
    return " ".join(i.text for i in story._element.iter(W + "instrText"))


def styles_xml(path):
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/styles.xml"))


# --- one test per declared property ------------------------------------------------------


def test_page_size_and_margins(built):
    default, changed = built["default"], built["changed"]
    assert round(default["pdf"][0].rect.width / PT) == 210
    assert round(changed["pdf"][0].rect.width / PT) == 216                       # Letter
    section = changed["docx"].sections[0]
    assert round(section.page_width.mm) == 216 and round(section.page_height.mm) == 279
    assert round(section.left_margin.mm) == 35 and round(section.top_margin.mm) == 32
    title = "Handlingsplan för hur"
    assert round(span(default["pdf"], title)[7][0] / PT) == 25
    assert round(span(changed["pdf"], title)[7][0] / PT) == 35


def test_fonts_by_role(built):
    default, changed = built["default"], built["changed"]
    heading = "Handlingsplan för hur"
    assert "Serif" in span(default["pdf"], heading)[2]
    assert "Sans" in span(changed["pdf"], heading)[2]                # rubriker: Arial
    assert "Sans" in span(changed["pdf"], "Handläggare")[2]          # detaljer: Arial
    assert "Serif" in span(changed["pdf"], "Kommunfullmäktige har i budget")[2]
    assert style(changed["docx"], "Heading 1").font.name == "Arial"
    assert style(changed["docx"], "Metarubrik").font.name == "Arial"
    assert style(changed["docx"], "Normal").font.name == "Times New Roman"
    assert style(default["docx"], "Heading 1").font.name == "Times New Roman"


def test_text_size_and_line_height(built):
    default, changed = built["default"], built["changed"]
    body = "Kommunfullmäktige har i budget"
    assert round(span(default["pdf"], body)[3]) == 11 and round(span(changed["pdf"], body)[3]) == 12
    assert style(changed["docx"], "Normal").font.size.pt == 12
    assert round(style(changed["docx"], "Normal").paragraph_format.line_spacing.pt) == round(12 * 1.6)

    def pitch(pdf):
        lines = sorted({round(s[7][1], 1) for s in spans(pdf, 0) if s[3] == span(pdf, body)[3]
                        and "Serif" in s[2]})
        return min(b - a for a, b in zip(lines, lines[1:]) if b - a > 5)
    assert pitch(changed["pdf"]) == pytest.approx(12 * 1.6, abs=0.6)
    assert pitch(default["pdf"]) == pytest.approx(11 * 1.3, abs=0.6)


def test_colour_size_italic_and_weight_of_a_part(built):
    default, changed = built["default"], built["changed"]
    h1 = span(changed["pdf"], "Handlingsplan för hur")
    assert h1[4] == 0x1F3864 and round(h1[3]) == 20
    assert span(default["pdf"], "Handlingsplan för hur")[4] == 0
    assert span(changed["pdf"], "Sammanfattning")[5] and not span(default["pdf"], "Sammanfattning")[5]
    assert span(default["pdf"], "Handläggare")[6] and not span(changed["pdf"], "Handläggare")[6]
    heading = style(changed["docx"], "Heading 1")
    assert str(heading.font.color.rgb) == "1F3864" and heading.font.size.pt == 20
    assert style(changed["docx"], "Heading 2").font.italic is True
    assert style(default["docx"], "Heading 2").font.italic is False
    assert style(changed["docx"], "Metarubrik").font.bold is False
    assert style(default["docx"], "Metarubrik").font.bold is True


def test_casing(built):
    default, changed = built["default"], built["changed"]
    assert "TJÄNSTEUTLÅTANDE" in page_text(default["pdf"], 0)
    assert "Tjänsteutlåtande" in page_text(changed["pdf"], 0)
    assert style(default["docx"], "Dokumenttyp").font.all_caps is True
    assert style(changed["docx"], "Dokumenttyp").font.all_caps is False


def test_letter_spacing(built):
    changed = built["changed"]
    # Spaced out, the text extracts with gaps between the letters.
    width = {name: next(s for s in spans(built[name]["pdf"], 0)
                        if s[1].replace(" ", "").lower() == "stockholmsstad")[7] for name in built}
    assert (width["changed"][2] - width["changed"][0]) > 1.15 * (width["default"][2] - width["default"][0])
    spacing = style(changed["docx"], "Ordmärke").element.rPr.find(W + "spacing")
    assert int(spacing.get(W + "val")) == round(0.2 * 15 * 20)
    default = style(built["default"]["docx"], "Ordmärke").element.rPr.find(W + "spacing")
    assert int(default.get(W + "val")) == round(0.04 * 15 * 20)


def test_space_after_a_part(built):
    changed = built["changed"]
    assert round(style(changed["docx"], "Underskrift").paragraph_format.space_after.mm) == 5
    assert "margin-bottom: 14.1732pt" in changed["css"]          # 5 mm, the same value


def test_page_number_form_place_and_pages(built):
    default, changed = built["default"], built["changed"]
    pages = len(changed["pdf"])
    assert f"Sida 1 ({len(default['pdf'])})" in page_text(default["pdf"], 0)
    assert f"1/{pages}" not in page_text(changed["pdf"], 0)                      # sidor: övriga
    number = span(changed["pdf"], f"2/{pages}", page=1)
    assert number[7][1] > changed["pdf"][1].rect.height / 2                      # plats: sidfot
    section = changed["docx"].sections[0]
    assert "PAGE" in story_fields(section.footer) and "NUMPAGES" in story_fields(section.footer)
    assert "/" in story_text(section.footer)
    assert "PAGE" not in story_fields(section.first_page_footer)
    assert "PAGE" not in story_fields(section.header)
    assert "Sida" in story_text(default["docx"].sections[0].header)


def test_running_header_text_and_pages(built):
    default, changed = built["default"], built["changed"]
    assert f"Stockholms stad · {DNR} · 2021-08-10" in page_text(default["pdf"], 1)
    assert "Stockholms stad ·" not in page_text(default["pdf"], 0)              # default: övriga
    for page in (0, 1):
        assert "Stockholms stad – Arbetsmarknadsnämnden" in page_text(changed["pdf"], page)
    section = changed["docx"].sections[0]
    assert "Stockholms stad – Arbetsmarknadsnämnden" in story_text(section.first_page_header)
    assert "Stockholms stad – Arbetsmarknadsnämnden" in story_text(section.header)
    assert "Stockholms stad ·" not in story_text(default["docx"].sections[0].first_page_header)
    assert f"Stockholms stad · {DNR} · 2021-08-10" in story_text(default["docx"].sections[0].header)


def test_footer_columns_labels_rule_and_pages(built):
    default, changed = built["default"], built["changed"]
    first, second = page_text(changed["pdf"], 0), page_text(changed["pdf"], 1)
    assert "Postadress" in first and "Livdjursgatan 4" in first and "Vuxenutbildning Stockholm" in first
    assert "Postadress" not in second                                           # sidor: första
    assert "Livdjursgatan" not in page_text(default["pdf"], 0)                  # no footer by default
    label = span(changed["pdf"], "Enhet", page=0)
    assert round((label[7][0] / PT) - 35) == 70                                 # first column 70 mm
    rules = [d for d in changed["pdf"][0].get_drawings() if d["rect"].y0 > changed["pdf"][0].rect.height * 0.8]
    assert rules                                                                # linje: ja
    section = changed["docx"].sections[0]
    table = section.first_page_footer.tables[0]
    assert story_text(section.first_page_footer).startswith("Postadress")
    assert round(table.columns[0].width.mm) == 70
    assert not section.footer.tables                                            # not on later pages
    top = styles_xml(changed["docx_path"]).find(".//w:style[@w:styleId='Sidfotstabell']//w:top", NS)
    assert top is not None and top.get(W + "val") == "single"


def test_free_footer_columns_share_the_rest_alike_in_both_formats(built):
    changed = built["changed"]
    text_width = 215.9 - 35 - 22   # the changed house's page: Letter, left margin 35 mm
    table = changed["docx"].sections[0].first_page_footer.tables[0]
    assert round(table.columns[1].width.mm) == round(text_width - 70)          # Enhet: the rest
    assert f".footer-column:nth-child(2) {{ width: {text_width - 70:g}mm; }}" in changed["css"]


@pytest.mark.parametrize("columns, says", [
    ([{"rader": ["{adress}"], "bredd": 100}, {"rader": ["{enhet}"], "bredd": 90}], "190 mm breda"),
    ([{"rader": ["{adress}"], "bredd": 160}, {"rader": ["{enhet}"]}], "1 kolumn(er) utan bredd"),
])
def test_footer_columns_wider_than_the_text_are_a_house_error(columns, says):
    from pydantic import ValidationError

    from generator.house.style import HouseStyle

    with pytest.raises(ValidationError) as caught:
        HouseStyle.model_validate({"sidfot": {"kolumner": columns}})
    assert says in str(caught.value) and "texten är 163 mm bred" in str(caught.value)


def test_masthead_fields_widths_dnr_and_recipient(built):
    default, changed = built["default"], built["changed"]
    first = page_text(changed["pdf"], 0)
    assert "Nämnd" in first and "Till" not in first
    assert f"Dnr {DNR}" in first and f"Dnr {DNR}" not in page_text(default["pdf"], 0)
    assert round(span(changed["pdf"], "Nämnd", 0)[7][0] / PT - 35) == 70        # 60 mm + 10 mm gap
    # The default house prints the nämnd on a line of its own; this one does not.
    assert "Arbetsmarknadsnämnden\n" in page_text(default["pdf"], 0)
    assert [p.text for p in changed["docx"].paragraphs if p.style.name == "Mottagare"] == []
    assert [p.text for p in default["docx"].paragraphs if p.style.name == "Mottagare"] == ["Arbetsmarknadsnämnden"]
    meta = next(t for t in changed["docx"].tables if "Handläggare" in t.cell(0, 0).text)
    assert round(meta.columns[0].width.mm) == 70 and "Nämnd" in meta.cell(0, 1).text
    assert any(p.text == f"Dnr {DNR}" for t in changed["docx"].tables for c in t._cells for p in c.paragraphs)


def test_table_widths_rules_and_heading_fill(built):
    changed = built["changed"]
    pdf = changed["pdf"]
    header = next(s for s in spans(pdf) if s[1].startswith("Huvudansvar"))
    left = 35 * PT
    text_width = (215.9 - 35 - 22) * PT
    assert (header[7][0] - left) / text_width == pytest.approx(0.50, abs=0.02)
    drawings = [d for d in pdf[header[0]].get_drawings() if d.get("fill")]
    assert any(tuple(round(c * 255) for c in d["fill"]) == (0xCC, 0xE5, 0xFF) for d in drawings)
    strokes = [d for d in pdf[header[0]].get_drawings() if d.get("color")]
    assert any(tuple(round(c * 255) for c in d["color"]) == (0, 0, 255) for d in strokes)
    assert span(pdf, "Huvudansvar")[4] == 0xAA0000
    actions = next(t for t in changed["docx"].tables if t.style.name == "Dokumenttabell" and len(t.columns) == 3)
    widths = [c.width.mm for c in actions.columns]
    assert widths[0] / sum(widths) == pytest.approx(0.5, abs=0.01)
    attest = next(t for t in changed["docx"].tables if "Namn" in t.cell(0, 0).text)
    assert [round(c.width.mm / Mm(1).mm / (215.9 - 35 - 22), 2) for c in attest.columns] == [0.4, 0.4]
    table_style = styles_xml(changed["docx_path"]).find(".//w:style[@w:styleId='Dokumenttabell']", NS)
    assert table_style.find(".//w:shd", NS).get(W + "fill") == "CCE5FF"
    assert table_style.find(".//w:insideV", NS).get(W + "color") == "0000FF"
    assert style(changed["docx"], "Tabellrubrik").font.color.rgb == docx.shared.RGBColor(0xAA, 0, 0)


def test_signatures_per_row_and_unit(built):
    default, changed = built["default"], built["changed"]
    first = {n: span(built[n]["pdf"], "Karina Uddén")[7] for n in built}
    second = {n: span(built[n]["pdf"], "Karin Eriksson Bech")[7] for n in built}
    assert abs(first["default"][1] - second["default"][1]) < 1                 # side by side
    assert second["changed"][1] > first["changed"][1] + 10                       # one per row
    unit = [p.text for p in default["docx"].paragraphs if p.style.name == "Underskriftsenhet"]
    assert unit == ["Arbetsmarknadsförvaltningen"]                              # förvaltning: ja
    assert [p for p in changed["docx"].paragraphs if p.style.name == "Underskriftsenhet"] == []
    above = {n: page_text(built[n]["pdf"], first[n] and span(built[n]["pdf"], "Karina Uddén")[0]) for n in built}
    assert "Arbetsmarknadsförvaltningen\nKarina" in above["default"].replace("\n\n", "\n")
    assert "Arbetsmarknadsförvaltningen\nKarina" not in above["changed"].replace("\n\n", "\n")
    signatures = next(t for t in changed["docx"].tables if "Karina Uddén" in t.cell(0, 0).text)
    assert len(signatures.columns) == 1 and len(signatures.rows) == 2
    defaults = next(t for t in default["docx"].tables if "Karina Uddén" in t.cell(0, 0).text)
    assert len(defaults.columns) == 2
