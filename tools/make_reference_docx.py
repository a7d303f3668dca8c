#!/usr/bin/env python3
"""Make the reference .docx of each house style: the Word styles the DOCX writer uses.

    python3 tools/make_reference_docx.py            # base, uppsala, stockholm
    python3 tools/make_reference_docx.py uppsala    # one house

Starts from python-docx's default template and sets what templates/base/paper.css
and templates/<house>/house.css set for the PDF: A4 page and margins, fonts
(Liberation Serif/Sans), sizes, spacing, heading styles, list styles and their
numbering, table styles, header/footer tab stops, footnote styles, and Swedish
(sv-SE) as the language of every style. The writer only names these styles
(generator/writers/docx_styles.py); change the look here or in Word, never there.

The output is reproducible: fixed core properties and zip timestamps, so the
committed files only change when this script or its numbers do.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docx import Document  # noqa: E402
from docx.enum.style import WD_STYLE_TYPE  # noqa: E402
from docx.enum.text import WD_LINE_SPACING, WD_TAB_ALIGNMENT  # noqa: E402
from docx.opc.constants import RELATIONSHIP_TYPE as RT  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls, qn  # noqa: E402
from docx.shared import Mm, Pt, RGBColor  # noqa: E402

from generator.writers.docx import ooxml  # noqa: E402
from generator.writers.docx import save_reproducibly  # noqa: E402

SANS, SERIF = "Liberation Sans", "Liberation Serif"
P, C = WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
MM = 72 / 25.4   # points in a millimetre: the CSS says mm, Pt() wants points
FIXED_DATE = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)


@dataclass(frozen=True)
class Look:
    """What a house's CSS says, in the units Word wants."""

    body_font: str
    heading_font: str
    furniture_font: str          # masthead, running header, table headings, recipient
    size: float                  # html { font-size }
    headings: tuple[float, float, float, float]   # h1..h4 font sizes
    margins_mm: tuple[float, float, float, float] = (28, 22, 25, 25)  # top right bottom left
    agenda_indent_mm: float = 0  # .agenda-item margin-left
    agenda_size: float = 0       # .agenda-item font-size (0: body size)
    unit_bold: bool = False      # .signatures-unit font-weight


LOOKS = {
    # templates/base/paper.css alone: no family set, so the serif face throughout.
    "base": Look(SERIF, SERIF, SERIF, 11, (17, 13, 11.5, 11)),
    # templates/uppsala/house.css
    "uppsala": Look(SERIF, SANS, SANS, 11.5, (16, 12.5, 11.5, 11)),
    # templates/stockholm/house.css: sans throughout, a 38 mm foot for the address.
    # 'Ärende 7' stands under the 'Till' column; in Word the metadata columns are
    # halves of the 163 mm text width, so the second starts at 81.5 mm.
    "stockholm": Look(SANS, SANS, SANS, 11, (17, 13, 11, 11), margins_mm=(28, 22, 38, 25),
                      agenda_indent_mm=81.5, agenda_size=12),
}


def make(house: str, look: Look) -> Path:
    document = Document()
    _drop_template_leftovers(document)
    section = document.sections[0]
    top, right, bottom, left = look.margins_mm
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.right_margin = Mm(top), Mm(right)
    section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
    # The PDF sets the running header at the foot of the top margin and the footer at
    # the head of the bottom margin; these distances put Word's there too.
    section.header_distance = Mm(top - 6)
    section.footer_distance = Mm(max(bottom - 26, 10))
    text_width = Mm(210 - left - right)

    _modern_layout(document.settings.element)
    styles = document.styles
    ooxml.set_language(styles.element, document.settings.element, "sv-SE")
    _set_defaults(styles.element, look)
    numbering = document.part.numbering_part.element
    lists = {kind: ooxml.abstract_list(numbering, kind) for kind in ("bullet", "decimal")}

    size, em = look.size, look.size  # 1em in pt
    _para(styles, "Normal", font=look.body_font, size=size, after=0.75 * em, line=1.3 * size,
          widow_control=True)   # p { orphans: 2; widows: 2 }
    for level, h_size in enumerate(look.headings, start=1):
        # Like CSS margins, Word (and LibreOffice reading a .docx) uses the larger of
        # one paragraph's space after and the next one's space before, not their sum.
        before = (0.6 if level == 1 else 1.2) * h_size
        _para(styles, f"Heading {level}", font=look.heading_font, size=h_size, bold=True,
              italic=False, before=before, after=0.4 * h_size, line=1.2 * h_size,
              keep_with_next=True, color=True)
    _para(styles, "Subtitle", font=look.body_font, size=12, italic=False, before=0,
          after=0.75 * 12, color=True, drop_numbering=True)
    # .logo { min-height: 14mm } beside the paper type; alone (a bilaga's masthead) the
    # masthead's 10 mm bottom margin follows it too.
    _para(styles, "Ordmärke", "Ordmarke", font=look.furniture_font, size=15, bold=True,
          caps=True, after=8 * MM)
    _para(styles, "Ordmärke ensam", "Ordmarkeensam", base="Ordmärke", after=15 * MM)
    _para(styles, "Förvaltning", "Forvaltning", font=look.furniture_font, size=size, after=0)
    _para(styles, "Dokumenttyp", font=look.furniture_font, size=size, bold=True, caps=True,
          after=0)
    _para(styles, "Metarubrik", font=look.furniture_font, size=9.5, bold=True,
          before=8 * MM, after=0, line=1.3 * 9.5)
    _para(styles, "Metauppgift", font=look.furniture_font, size=9.5, after=0, line=1.3 * 9.5)
    _para(styles, "Mottagare", font=look.furniture_font, size=size, bold=True,
          before=10 * MM, after=6 * MM)
    _para(styles, "Ärendepunkt", "Arendepunkt", font=look.body_font,
          size=look.agenda_size or size, bold=True, before=6 * MM, after=6 * MM,
          indent=Mm(look.agenda_indent_mm))
    # 'att' hangs in the margin of its clause (.att-clauses li: 2.4em hanging indent).
    _para(styles, "Att-sats", "Attsats", size=size, after=0.6 * em, indent=Pt(2.4 * em),
          hanging=Pt(2.4 * em), tab=Pt(2.4 * em))
    # ul, ol { margin-bottom: 0.75em }: with contextual spacing Word leaves out the space
    # between items of one list and keeps it after the list's last item.
    _para(styles, "List Bullet", after=0.75 * em, contextual=True,
          numbering=(document, lists["bullet"]))
    _para(styles, "List Number", after=0.75 * em, contextual=True,
          numbering=(document, lists["decimal"]))
    _para(styles, "List Continue", after=0.75 * em, indent=Mm(6.3))
    _para(styles, "Beslutspunkt", base="List Number", after=0.6 * em, contextual=False)
    _para(styles, "Aktivitet", base="List Bullet", after=0.4 * em, contextual=False)
    _para(styles, "Bilageförteckning", "Bilageforteckning", base="List Number")
    # .signatures { margin-top: 8mm }, .signatures-unit { margin-bottom: 7mm }: the
    # space above a name serves both, with or without a unit line above it.
    _para(styles, "Underskriftsenhet", bold=look.unit_bold, before=8 * MM, after=0,
          keep_with_next=True)
    _para(styles, "Underskrift", before=7.5 * MM, after=0, keep_with_next=True)
    _para(styles, "Befattning", after=4 * MM)
    _para(styles, "Relaterat dokument", "Relateratdokument", after=0.9 * em)
    _para(styles, "Tabelltext", size=9.5, after=0, line=1.3 * 9.5)
    # A heading row stays with the first body row (it repeats on later pages anyway).
    _para(styles, "Tabellrubrik", base="Tabelltext", font=look.furniture_font, bold=True,
          keep_with_next=True)
    # .attestation { break-inside: avoid }: the lead-in and the rows keep with what follows.
    _para(styles, "Attesteringstext", keep_with_next=True)
    _para(styles, "Attesteringscell", base="Tabelltext", keep_with_next=True)
    _para(styles, "Header", font=look.furniture_font, size=9, after=0, line=None,
          right_tab=text_width)
    _para(styles, "Footer", font=look.furniture_font, size=8, after=0, line=None,
          right_tab=text_width)
    _para(styles, "Adress", base="Footer", size=8, before=2 * MM, after=0, line=1.25 * 8)
    _para(styles, "footnote text", "FootnoteText", size=9, after=0, line=1.25 * 9,
          builtin=True)
    _char(styles, "footnote reference", "FootnoteReference", superscript=True, builtin=True)
    _char(styles, "Att", bold=True)
    _char(styles, "Hyperlink", underline=True, rgb=RGBColor(0x05, 0x63, 0xC1), builtin=True)
    # 0.5pt borders #555, 1.5 x 2 mm cell padding, grey bold heading row (paper.css).
    _table_style(styles.element, "Dokumenttabell", header_fill="E8E8E8", cell_margins=(85, 113),
                 borders=("555555", ("top", "left", "bottom", "right", "insideH", "insideV")))
    # .address { border-top: 0.5pt solid #444 }
    _table_style(styles.element, "Adresstabell", borders=("444444", ("top",)),
                 header_fill=None, cell_margins=(0, 0))
    _table_style(styles.element, "Layouttabell", borders=None, header_fill=None,
                 cell_margins=(0, 0))

    document.core_properties.title = f"Referensmall för husstilen {house}"
    document.core_properties.author = "arende"
    document.core_properties.last_modified_by = "arende"
    document.core_properties.comments = "Skapad av tools/make_reference_docx.py"
    document.core_properties.language = "sv-SE"
    document.core_properties.created = FIXED_DATE
    document.core_properties.modified = FIXED_DATE
    document.core_properties.revision = 1

    target = ROOT / "templates" / house / "reference.docx"
    save_reproducibly(document, target, FIXED_DATE)
    return target


def _drop_template_leftovers(document) -> None:
    """Remove what python-docx's template carries from the Word that made it: a
    thumbnail of another document, bibliography custom XML, and stylesWithEffects
    (a Word 2010 copy of styles.xml that would contradict ours)."""
    package_rels = document.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package_rels.pop(rel_id)
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype in (RT.CUSTOM_XML, STYLES_WITH_EFFECTS):
            document.part.rels.pop(rel_id)
    for part in document.part.package.iter_parts():
        if part.partname == "/docProps/app.xml":
            part._blob = (
                b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
                b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
                b'extended-properties"><Application>arende</Application></Properties>'
            )


def _modern_layout(settings) -> None:
    """Lay out as Word 2013 and later do (compatibilityMode 15): among other things a
    table's border, not its text, lines up with the margin, as in the PDF."""
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")


def _set_defaults(styles_el, look: Look) -> None:
    """Explicit fonts in the document defaults instead of theme fonts (Calibri/Cambria),
    which would otherwise win over the fonts named in the styles."""
    r_fonts = styles_el.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")) \
        .find(qn("w:rFonts"))
    _explicit_fonts(r_fonts, look.body_font)
    p_default = styles_el.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = p_default.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")


def _explicit_fonts(r_fonts, font: str) -> None:
    for name in list(r_fonts.attrib):
        if name.endswith("Theme") or name.endswith("theme"):
            del r_fonts.attrib[name]
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        r_fonts.set(qn(f"w:{slot}"), font)


def _style(styles, name, style_id, kind, builtin=False):
    if name in styles:
        style = styles[name]
    else:
        style = styles.add_style(name, kind, builtin=builtin)
        style.quick_style = True
    if style_id:
        style.style_id = style_id
    return style


def _set_font(style, **attributes) -> None:
    """Set each of *style*'s font attributes given here; None leaves it inherited."""
    for name, value in attributes.items():
        if value is not None:
            setattr(style.font, name, value)


def _para(styles, name, style_id=None, *, base="Normal", font=None, size=None, bold=None,
          italic=None, caps=None, before=None, after=None, line=0.0, keep_with_next=None,
          indent=None, hanging=None, tab=None, right_tab=None, numbering=None, color=False,
          drop_numbering=False, contextual=None, widow_control=None, builtin=False):
    """Define or redefine paragraph style *name*; sizes and spacing in points."""
    style = _style(styles, name, style_id, P, builtin)
    if name != "Normal":
        style.base_style = styles[base]
    if font:
        style.font.name = font
        _explicit_fonts(style.element.rPr.rFonts, font)
    if size:
        style.font.size = Pt(size)
    _set_font(style, bold=bold, italic=italic, all_caps=caps)
    if color:
        style.font.color.rgb = RGBColor(0, 0, 0)
        color_el = style.element.rPr.find(qn("w:color"))
        for attr in ("themeColor", "themeShade", "themeTint"):
            color_el.attrib.pop(qn(f"w:{attr}"), None)
    fmt = style.paragraph_format
    if before is not None:
        fmt.space_before = Pt(round(before, 1))
    if after is not None:
        fmt.space_after = Pt(round(after, 1))
    if line:
        # CSS line-height is a minimum line box; 'at least' keeps a superscript from clipping.
        fmt.line_spacing = Pt(round(line, 1))
        fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
    elif line is None:
        fmt.line_spacing = 1.0
    if keep_with_next is not None:
        fmt.keep_with_next = keep_with_next
    if widow_control is not None:
        fmt.widow_control = widow_control
    if indent is not None:
        fmt.left_indent = indent
    if hanging is not None:
        fmt.first_line_indent = -hanging
    if tab is not None or right_tab is not None:
        fmt.tab_stops.clear_all()
        if tab is not None:
            fmt.tab_stops.add_tab_stop(tab)
        if right_tab is not None:
            fmt.tab_stops.add_tab_stop(right_tab, WD_TAB_ALIGNMENT.RIGHT)
    p_pr, r_pr = style.element.pPr, style.element.rPr
    if drop_numbering and p_pr is not None and p_pr.numPr is not None:
        p_pr.remove(p_pr.numPr)
    if r_pr is not None:
        # Leftovers of the template's look: complex-script italics, letter spacing and
        # sizes that would contradict the ones set here.
        for tag in ("w:iCs", "w:spacing", "w:szCs"):
            for child in r_pr.findall(qn(tag)):
                r_pr.remove(child)
    if numbering is not None:
        document, abstract_id = numbering
        num_id = ooxml.start_list(document.part.numbering_part.element, abstract_id, 0, 1)
        num_pr = style.element.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_numId().val = num_id
    if contextual is not None:
        p_pr = style.element.get_or_add_pPr()
        for old in p_pr.findall(qn("w:contextualSpacing")):
            p_pr.remove(old)
        # contextualSpacing sits between w:spacing/w:ind and w:mirrorIndents in CT_PPr.
        p_pr.insert_element_before(parse_xml(
            f'<w:contextualSpacing {nsdecls("w")} w:val="{int(contextual)}"/>'),
            "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
            "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
            "w:rPr", "w:sectPr", "w:pPrChange")
    return style


def _char(styles, name, style_id=None, *, bold=None, superscript=None, underline=None,
          rgb=None, builtin=False):
    style = _style(styles, name, style_id, C, builtin)
    style.base_style = styles["Default Paragraph Font"]
    _set_font(style, bold=bold, superscript=superscript, underline=underline)
    if rgb is not None:
        style.font.color.rgb = rgb
    return style


def _table_style(styles_el, name, *, borders, header_fill, cell_margins) -> None:
    """A table style: python-docx can name one but not give it borders, cell margins
    or a first-row look, so it is written as WordprocessingML."""
    vertical, horizontal = cell_margins
    edges = ""
    if borders:
        color, which = borders
        edges = "<w:tblBorders>" + "".join(
            f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="{color}"/>'
            for edge in ("top", "left", "bottom", "right", "insideH", "insideV") if edge in which
        ) + "</w:tblBorders>"
    first_row = ""
    if header_fill:
        first_row = (
            '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>'
            f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{header_fill}"/></w:tcPr>'
            "</w:tblStylePr>"
        )
    style_id = name
    existing = styles_el.find(f'{qn("w:style")}[@{qn("w:styleId")}="{style_id}"]')
    if existing is not None:
        styles_el.remove(existing)
    styles_el.append(parse_xml(
        f'<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>'
        '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        f'<w:tblPr><w:tblInd w:w="0" w:type="dxa"/>{edges}<w:tblCellMar>'
        f'<w:top w:w="{vertical}" w:type="dxa"/><w:left w:w="{horizontal}" w:type="dxa"/>'
        f'<w:bottom w:w="{vertical}" w:type="dxa"/><w:right w:w="{horizontal}" w:type="dxa"/>'
        f"</w:tblCellMar></w:tblPr>{first_row}</w:style>"
    ))


def main(argv: list[str]) -> None:
    houses = argv or list(LOOKS)
    for house in houses:
        if house not in LOOKS:
            sys.exit(f"okänd husstil '{house}'; kända: {', '.join(LOOKS)}")
        print(make(house, LOOKS[house]).relative_to(ROOT))


if __name__ == "__main__":
    main(sys.argv[1:])
