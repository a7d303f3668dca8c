"""The Word side of a house's style declaration: styles, page setup, fonts and lists.

Made from the same :class:`~generator.house.style.HouseStyle` the CSS is made from
(:mod:`generator.house.css`), once per house and process, and kept as bytes that each
paper's document is opened from. No house has a Word file of its own to drift from its
PDF. Built-in styles keep their Word names ('Heading 1', 'List Bullet', 'footnote text'),
so the navigation pane, a table of contents and Word's list buttons work; the paper's
own blocks get Swedish style names, as a registrar sees them in Word.

What python-docx's default template carries and the paper never uses (some hundred
table styles, list definitions, Mac Word's font table, proofing state) is removed, so
the styles gallery shows the house's styles and nothing else.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import unicodedata
from functools import lru_cache

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

from generator.house.style import MM_IN_PT, HouseStyle, Look
from generator.writers.docx import ooxml
from generator.writers.docx.styles import STYLE_MAP

P, C = WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
FIXED_DATE = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
# What Word needs to substitute a font it lacks with one of the same kind (fontTable.xml).
FONT_FAMILY = {"Arial": ("swiss", "020B0604020202020204"),
               "Times New Roman": ("roman", "02020603050405020304")}
# Styles Word itself needs present, besides the ones a paper names.
_KEEP = {"Normal", "Default Paragraph Font", "Normal Table", "No List"}
# Shares of the body size in the paper's own blocks, the same em values paper.css uses.
ATT_INDENT_EM = 2.4       # .att-clauses li { padding-left: 2.4em; text-indent: -2.4em }
POINT_AFTER_EM = 0.6      # .att-clauses li, .decision-points li { margin-bottom: 0.6em }
ACTIVITY_AFTER_EM = 0.4   # .activities li { margin-bottom: 0.4em }
RELATED_AFTER_EM = 0.9    # .related-item { margin-bottom: 0.9em }
LOGO_BOX_MM = 14          # .masthead .logo { min-height: 14mm }


def reference_bytes(style: HouseStyle, organisation: str) -> bytes:
    """The house's Word document without content: every style, the page setup, the
    list definitions. Made once per house declaration and process."""
    return _reference(style.model_dump_json(by_alias=True), organisation)


@lru_cache(maxsize=16)
def _reference(declaration: str, organisation: str) -> bytes:
    style = HouseStyle.model_validate_json(declaration)
    document = Document()
    _drop_template_leftovers(document, organisation)
    _page_setup(document, style)
    _settings(document.settings.element)
    styles = document.styles
    ooxml.set_language(styles.element, document.settings.element, "sv-SE")
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    lists = {kind: ooxml.abstract_list(numbering, kind) for kind in ("bullet", "decimal")}
    # The template's own styles go first, except those the paper names: looking a style
    # up by name scans them all, and python-docx's template has some 160.
    _prune_styles(styles.element, {name for name, _ in STYLE_MAP.values()} | _KEEP)
    _define_styles(document, style, lists)
    _font_table(document, style.fonts_used())
    props = document.core_properties
    props.title, props.author, props.last_modified_by = "", "", ""
    props.comments, props.language = "", "sv-SE"
    props.created = props.modified = FIXED_DATE
    props.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page_setup(document, style: HouseStyle) -> None:
    section = document.sections[0]
    page = style.page
    width, height = page.dimensions
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.top_margin, section.right_margin = Mm(page.top), Mm(page.right)
    section.bottom_margin, section.left_margin = Mm(page.bottom), Mm(page.left)
    # The PDF sets the running header at the foot of the top margin and the footer at
    # the head of the bottom margin; these distances put Word's there too.
    section.header_distance = Mm(max(page.top - 6, 5))
    section.footer_distance = Mm(max(page.bottom - 26, 10))


def _define_styles(document, style: HouseStyle, lists: dict[str, int]) -> None:
    """Every style a paper names (STYLE_MAP), from the declaration."""
    styles = document.styles

    def para(name: str, part: str, *, base: str | None = "Normal", **extra):
        return _paragraph_style(styles, name, style.part(part), base=base, **extra)

    body = style.part("brödtext")
    size = body.size
    text_width = Mm(style.page.text_width)
    _set_defaults(styles.element, body)
    para("Normal", "brödtext", base=None, widow_control=True)
    for level in range(1, 5):
        para(f"Heading {level}", f"rubrik {level}", keep_with_next=True, outline=level - 1)
    para("Subtitle", "undertitel", drop_numbering=True)
    head = style.masthead
    # .logo { min-height: 14mm } beside the paper type; alone (a bilaga's masthead)
    # the masthead's own space after follows it too.
    mark = style.part("ordmärke")
    mark_line = mark.size * mark.line_height
    # The logo box is at least LOGO_BOX_MM high (paper.css .logo { min-height }); the
    # cell holding the wordmark gets that height from the space after it.
    box = max(LOGO_BOX_MM * MM_IN_PT - mark_line, 0)
    para("Ordmärke", "ordmärke", after_pt=box)
    para("Ordmärke ensam", "ordmärke", after_pt=box + head.space_after * MM_IN_PT)
    para("Förvaltning", "förvaltning")
    para("Dokumenttyp", "dokumenttyp")
    para("Metarubrik", "metarubrik", before_pt=head.fields_above * MM_IN_PT)
    para("Metauppgift", "metauppgift")
    para("Mottagare", "mottagare", before_pt=head.space_after * MM_IN_PT)
    para("Ärendepunkt", "ärendenummer", indent_mm=head.item_indent)
    para("Att-sats", "brödtext", after_pt=POINT_AFTER_EM * size,
         indent=Pt(ATT_INDENT_EM * size), hanging=Pt(ATT_INDENT_EM * size), tab=Pt(ATT_INDENT_EM * size))
    # ul, ol { margin-bottom }: with contextual spacing Word leaves out the space between
    # items of one list and keeps it after the list's last item, as paper.css does.
    para("List Bullet", "brödtext", contextual=True, numbering=(document, lists["bullet"]))
    para("List Number", "brödtext", contextual=True, numbering=(document, lists["decimal"]))
    para("List Continue", "brödtext", indent=Mm(6.3))
    para("Beslutspunkt", "brödtext", base="List Number", after_pt=POINT_AFTER_EM * size, contextual=False)
    para("Aktivitet", "brödtext", base="List Bullet", after_pt=ACTIVITY_AFTER_EM * size, contextual=False)
    para("Bilageförteckning", "brödtext", base="List Number")
    signatures = style.signatures
    para("Underskriftsenhet", "underskriftsenhet", before_pt=signatures.space_above, keep_with_next=True)
    para("Underskrift", "underskrift", before_pt=signatures.name_space, keep_with_next=True)
    para("Befattning", "underskrift")
    para("Relaterat dokument", "brödtext", after_pt=RELATED_AFTER_EM * size)
    para("Tabelltext", "tabelltext")
    para("Tabellgrupp", "tabelltext", look_update={"bold": True}, keep_with_next=True)
    # A heading row stays with the first body row (it repeats on later pages anyway).
    para("Tabellrubrik", "tabellrubrik", keep_with_next=True)
    # .attestation { break-inside: avoid }: the lead-in and the rows keep with what follows.
    para("Attesteringstext", "brödtext", keep_with_next=True)
    para("Attesteringscell", "tabelltext", keep_with_next=True)
    para("Header", "sidhuvud", right_tab=text_width)
    para("Footer", "sidfot", right_tab=text_width)
    rule_gap = 2 * MM_IN_PT if style.footer.rule else 0
    para("Sidfotsetikett", "sidfot", base="Footer", look_update={"bold": True}, before_pt=rule_gap)
    para("Sidfotstext", "sidfot", base="Footer", before_pt=rule_gap)
    # .stamp:not(:last-child) { margin-bottom: 0 }: contextual spacing keeps the space
    # after the stamps' last line only.
    para("Stämpel", "stämpel", contextual=True, keep_with_next=True)
    para("footnote text", "fotnot", builtin=True)
    _character_style(styles, "footnote reference", superscript=True, builtin=True)
    _character_style(styles, "Att", bold=True)
    _character_style(styles, "Hyperlink", underline=True, rgb=RGBColor(0x05, 0x63, 0xC1), builtin=True)
    tables = style.tables
    cell_margins = (round(tables.padding_vertical * 56.7), round(tables.padding_horizontal * 56.7))
    rule = (tables.rule_colour.lstrip("#"), max(2, round(tables.rule_width * 8)))
    _table_style(styles.element, "Dokumenttabell", borders=(rule, ("top", "left", "bottom", "right",
                                                                  "insideH", "insideV")),
                 header_fill=(tables.heading_fill or "").lstrip("#") or None, cell_margins=cell_margins)
    _table_style(styles.element, "Sidfotstabell",
                 borders=((rule[0], 4), ("top",)) if style.footer.rule else None,
                 header_fill=None, cell_margins=(0, 0))
    _table_style(styles.element, "Layouttabell", borders=None, header_fill=None, cell_margins=(0, 0))


def _paragraph_style(styles, name: str, look: Look, *, base: str | None, before_pt=None,
                     after_pt=None, indent_mm=None, indent=None, hanging=None, tab=None,
                     right_tab=None, numbering=None, drop_numbering=False, contextual=None,
                     widow_control=None, keep_with_next=None, outline=None, builtin=False,
                     look_update=None):
    """Define paragraph style *name* with every property of *look* written out, so the
    style says what the CSS says whatever it is based on."""
    if look_update:
        look = dataclasses.replace(look, **look_update)
    style = styles[name] if name in styles else styles.add_style(name, P, builtin=builtin)
    style.style_id = style_id(name, style.style_id)
    style.quick_style = True
    if base:
        style.base_style = styles[base]
    font = style.font
    font.name = look.font
    _explicit_fonts(style.element.get_or_add_rPr().get_or_add_rFonts(), look.font)
    font.size = Pt(look.size)
    font.bold, font.italic, font.all_caps = bool(look.bold), bool(look.italic), bool(look.caps)
    font.color.rgb = RGBColor.from_string(look.colour.lstrip("#"))
    r_pr = style.element.rPr
    for attr in ("themeColor", "themeShade", "themeTint"):
        color_el = r_pr.find(qn("w:color"))
        if color_el is not None:
            color_el.attrib.pop(qn(f"w:{attr}"), None)
    for tag in ("w:iCs", "w:spacing", "w:szCs"):
        for child in r_pr.findall(qn(tag)):
            r_pr.remove(child)
    if look.tracking:
        _tracking(r_pr, round(look.tracking * look.size * 20))
    fmt = style.paragraph_format
    fmt.space_before = Pt(round(before_pt if before_pt is not None else look.before, 1))
    fmt.space_after = Pt(round(after_pt if after_pt is not None else look.after, 1))
    # CSS line-height is a minimum line box; 'at least' keeps a superscript from clipping.
    fmt.line_spacing = Pt(round(look.line_height * look.size, 1))
    fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
    if keep_with_next is not None:
        fmt.keep_with_next = keep_with_next
        if keep_with_next and outline is not None:
            fmt.keep_together = True
    if widow_control is not None:
        fmt.widow_control = widow_control
    if indent_mm:
        fmt.left_indent = Mm(indent_mm)
    elif look.indent:
        fmt.left_indent = Mm(look.indent)
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
    p_pr = style.element.get_or_add_pPr()
    if drop_numbering and p_pr.numPr is not None:
        p_pr.remove(p_pr.numPr)
    if numbering is not None:
        document, abstract_id = numbering
        num_id = ooxml.start_list(document.part.numbering_part.element, abstract_id, 0, 1)
        p_pr.get_or_add_numPr().get_or_add_numId().val = num_id
    if contextual is not None:
        ooxml.set_contextual_spacing(p_pr, contextual)
    if outline is not None:
        ooxml.set_outline_level(p_pr, outline)
    return style


# Word's own ids of built-in styles the template lacks (python-docx would lowercase them).
BUILTIN_IDS = {"footnote text": "FootnoteText", "footnote reference": "FootnoteReference"}


def style_id(name: str, current: str) -> str:
    """The style's id: Word's for a built-in style, else the name in plain ASCII letters
    ('Ordmärke' → 'Ordmarke'), as Word itself makes ids."""
    if name in BUILTIN_IDS:
        return BUILTIN_IDS[name]
    if current and current.isascii() and current.isalnum():
        return current
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", folded) if part)


def _tracking(r_pr, twentieths: int) -> None:
    """Letter spacing (CSS letter-spacing) as w:spacing, in twentieths of a point."""
    r_pr.insert_element_before(parse_xml(f'<w:spacing {nsdecls("w")} w:val="{twentieths}"/>'),
                               "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight",
                               "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
                               "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
                               "w:specVanish", "w:oMath")


def _character_style(styles, name, *, bold=None, superscript=None, underline=None, rgb=None,
                     builtin=False):
    style = styles[name] if name in styles else styles.add_style(name, C, builtin=builtin)
    style.style_id = style_id(name, style.style_id)
    style.base_style = styles["Default Paragraph Font"]
    for attribute, value in (("bold", bold), ("superscript", superscript), ("underline", underline)):
        if value is not None:
            setattr(style.font, attribute, value)
    if rgb is not None:
        style.font.color.rgb = rgb
    return style


def _table_style(styles_el, name, *, borders, header_fill, cell_margins) -> None:
    """A table style: python-docx can name one but not give it borders, cell margins or
    a first-row look, so it is written as WordprocessingML."""
    vertical, horizontal = cell_margins
    edges = ""
    if borders:
        (color, size), which = borders
        edges = "<w:tblBorders>" + "".join(
            f'<w:{edge} w:val="single" w:sz="{size}" w:space="0" w:color="{color}"/>'
            for edge in ("top", "left", "bottom", "right", "insideH", "insideV") if edge in which
        ) + "</w:tblBorders>"
    first_row = ""
    if header_fill:
        first_row = (
            '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>'
            f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{header_fill}"/></w:tcPr>'
            "</w:tblStylePr>")
    existing = styles_el.find(f'{qn("w:style")}[@{qn("w:styleId")}="{name}"]')
    if existing is not None:
        styles_el.remove(existing)
    styles_el.append(parse_xml(
        f'<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="{name}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>'
        '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        f'<w:tblPr><w:tblInd w:w="0" w:type="dxa"/>{edges}<w:tblCellMar>'
        f'<w:top w:w="{vertical}" w:type="dxa"/><w:left w:w="{horizontal}" w:type="dxa"/>'
        f'<w:bottom w:w="{vertical}" w:type="dxa"/><w:right w:w="{horizontal}" w:type="dxa"/>'
        f"</w:tblCellMar></w:tblPr>{first_row}</w:style>"))


def _set_defaults(styles_el, body: Look) -> None:
    """Explicit fonts in the document defaults instead of theme fonts (Calibri/Cambria),
    which would otherwise win over the fonts named in the styles."""
    defaults = styles_el.find(qn("w:docDefaults"))
    r_fonts = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    _explicit_fonts(r_fonts, body.font)
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")


def _explicit_fonts(r_fonts, font: str) -> None:
    for name in list(r_fonts.attrib):
        if name.endswith("Theme") or name.endswith("theme"):
            del r_fonts.attrib[name]
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        r_fonts.set(qn(f"w:{slot}"), font)


def _prune_styles(styles_el, keep: set[str]) -> None:
    """Drop every style of the template that the house does not define or Word needs,
    and every link or base that pointed at a dropped one."""
    wanted = {name.lower() for name in keep}
    for style in styles_el.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if (name.get(qn("w:val")) if name is not None else "").lower() not in wanted:
            styles_el.remove(style)
    ids = {style.get(qn("w:styleId")) for style in styles_el.findall(qn("w:style"))}
    for style in styles_el.findall(qn("w:style")):
        for tag in ("w:link", "w:next", "w:basedOn"):
            for ref in style.findall(qn(tag)):
                if ref.get(qn("w:val")) not in ids:
                    style.remove(ref)


def _font_table(document, families: list[str]) -> None:
    """fontTable.xml listing the fonts the styles name, with what Word needs to
    substitute each (family and PANOSE), instead of the template's Mac Word 2011 list."""
    part = next(rel.target_part for rel in document.part.rels.values() if rel.reltype == RT.FONT_TABLE)
    entries = []
    for family in families:
        kind, panose = FONT_FAMILY.get(family, ("auto", None))
        panose_xml = f'<w:panose1 w:val="{panose}"/>' if panose else ""
        entries.append(f'<w:font w:name="{family}">{panose_xml}<w:charset w:val="00"/>'
                       f'<w:family w:val="{kind}"/><w:pitch w:val="variable"/></w:font>')
    part._blob = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                  f'<w:fonts {nsdecls("w", "r")}>{"".join(entries)}</w:fonts>').encode()


def _settings(settings) -> None:
    """Lay out as Word 2013 and later do (compatibilityMode 15), with Swedish number
    separators, and without the template's zoom, proofing verdict and revision ids."""
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")
    for tag in ("w:zoom", "w:proofState", "w:rsids", "w:defaultTabStop"):
        for child in settings.findall(qn(tag)):
            settings.remove(child)
    for tag, value in (("w:decimalSymbol", ","), ("w:listSeparator", ";")):
        element = settings.find(qn(tag))
        if element is not None:
            element.set(qn("w:val"), value)
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        for attr in ("eastAsia", "bidi"):
            theme_lang.attrib.pop(qn(f"w:{attr}"), None)


def _drop_template_leftovers(document, organisation: str) -> None:
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
    company = organisation.replace("&", "&amp;").replace("<", "&lt;")
    for part in document.part.package.iter_parts():
        if part.partname == "/docProps/app.xml":
            part._blob = (
                b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
                b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
                b'extended-properties"><Application>arende</Application>'
                + f"<Company>{company}</Company>".encode() + b"</Properties>")
