"""Raw WordprocessingML that python-docx has no API for, kept in one place.

Fields (PAGE, NUMPAGES, DOCPROPERTY), custom document properties, the footnotes
part, table-row flags (repeat header, can't split), table width, numbering
definitions, revision marks, hyperlinks and the document language. Everything else goes through python-docx's proxy objects;
the writer modules never build XML themselves.
"""

from __future__ import annotations

import hashlib
import uuid
import zlib
from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.story import StoryPart
from lxml import etree

# --- fields -------------------------------------------------------------------


def add_field(paragraph, instruction: str, placeholder: str):
    """Append a complex field (begin, instruction, separate, result, end) to *paragraph*;
    return the run of its cached result (None when *placeholder* is empty).

    The cached result *placeholder* is what a reader shows before it updates
    fields; Word and LibreOffice recompute PAGE and NUMPAGES when they lay out.
    """
    _field_char(paragraph.add_run(), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    _field_char(paragraph.add_run(), "separate")
    result = paragraph.add_run(placeholder) if placeholder else None
    _field_char(paragraph.add_run(), "end")
    return result


def first_page_parts(document) -> set:
    """The header and footer parts Word shows on the first page of the (single)
    section: those of type 'first' when the section has a first page of its own
    (w:titlePg), else the default ones."""
    sect_pr = document.element.body.find(qn("w:sectPr"))
    if sect_pr is None:
        return set()
    title_pg = sect_pr.find(qn("w:titlePg"))
    own_first = title_pg is not None and title_pg.get(qn("w:val")) not in ("0", "false", "off")
    kind = "first" if own_first else "default"
    related = document.part.related_parts
    return {related[ref.get(qn("r:id"))]
            for ref in sect_pr.iterchildren(qn("w:headerReference"), qn("w:footerReference"))
            if ref.get(qn("w:type")) == kind}


def property_field(name: str) -> str:
    """The instruction of a field showing custom document property *name*. MERGEFORMAT
    keeps the result's run formatting (bold, say) when Word updates it."""
    return f"DOCPROPERTY {name} \\* MERGEFORMAT"


def _field_char(run, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run._r.append(char)


# --- custom document properties ---------------------------------------------------

_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
# The format id every user-defined property carries (ECMA-376 part 1, 22.3.2.2).
_USER_DEFINED = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def set_custom_properties(document, properties: dict[str, str]) -> None:
    """Write *properties* as text-valued custom document properties (docProps/custom.xml),
    which Word lists under File › Info › Properties › Advanced › Custom and DOCPROPERTY
    fields show. Properties a reference .docx brings keep their place; one of the same
    name takes the new value."""
    package = document.part.package
    merged: dict[str, Any] = {}
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.CUSTOM_PROPERTIES and not rel.is_external:
            for prop in parse_xml(rel.target_part.blob):
                merged[prop.get("name")] = prop
            package.rels.pop(rel_id)
    for name, value in properties.items():
        prop = parse_xml(f'<property xmlns="{_CUSTOM}" xmlns:vt="{_VT}"><vt:lpwstr/></property>')
        prop.set("name", name)
        prop[0].text = value
        merged[name] = prop
    root = parse_xml(f'<Properties xmlns="{_CUSTOM}" xmlns:vt="{_VT}"/>')
    for pid, prop in enumerate(merged.values(), start=2):   # pid 0 and 1 are reserved
        prop.set("fmtid", _USER_DEFINED)
        prop.set("pid", str(pid))
        root.append(prop)
    part = XmlPart(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, root, package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


# --- embedded fonts -------------------------------------------------------------

OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
_EMBED_TAGS = {("normal", "normal"): "w:embedRegular", ("bold", "normal"): "w:embedBold",
               ("normal", "italic"): "w:embedItalic", ("bold", "italic"): "w:embedBoldItalic"}
# The namespace of the GUIDs that key embedded fonts (uuid5 of the font's digest).
_FONTS_NS = "urn:arende:embedded-font"


def embed_fonts(document, families: dict[str, dict[tuple[str, str], bytes]]) -> None:
    """Embed each face of *families* (name → {(weight, style): font file bytes}) so Word
    shows a house's own font on a computer that does not have it installed.

    Each face is its own obfuscated part (ECMA-376 Part 1, 17.8.1: the first 32 bytes
    XORed with a key made from the GUID its fontTable entry names). The GUID is derived
    from the font's bytes, so the same fonts give the same file.
    """
    if not families:
        return
    table_part = next(rel.target_part for rel in document.part.rels.values()
                      if rel.reltype == RT.FONT_TABLE)
    table = parse_xml(table_part.blob)
    count = 0
    for family, faces in sorted(families.items()):
        entry = next((font for font in table.findall(qn("w:font")) if font.get(qn("w:name")) == family), None)
        if entry is None:
            entry = OxmlElement("w:font")
            entry.set(qn("w:name"), family)
            table.append(entry)
        for face in sorted(faces, key=list(_EMBED_TAGS).index):
            data = faces[face]
            key = uuid.uuid5(uuid.NAMESPACE_URL, f"{_FONTS_NS}:{hashlib.sha256(data).hexdigest()}")
            count += 1
            part = Part(PackURI(f"/word/fonts/font{count}.odttf"), OBFUSCATED_FONT,
                        obfuscate_font(data, key), document.part.package)
            embed = OxmlElement(_EMBED_TAGS[face])
            embed.set(qn("r:id"), table_part.relate_to(part, RT.FONT))
            embed.set(qn("w:fontKey"), "{" + str(key).upper() + "}")
            entry.append(embed)
    table_part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)
    settings = document.settings.element
    if settings.find(qn("w:embedTrueTypeFonts")) is None:
        settings.insert_element_before(OxmlElement("w:embedTrueTypeFonts"), *_AFTER_EMBED_FONTS)


def obfuscate_font(data: bytes, key: uuid.UUID) -> bytes:
    """*data* with its first 32 bytes XORed with the key: the GUID's 16 bytes in the
    reverse order of its written form (the same operation undoes it)."""
    digits = key.hex.upper()
    mask = bytes(int(digits[30 - 2 * i:32 - 2 * i], 16) for i in range(16))
    head = bytes(byte ^ mask[i % 16] for i, byte in enumerate(data[:32]))
    return head + data[32:]


# --- tables -------------------------------------------------------------------


def repeat_as_header(row) -> None:
    """Mark a table row as a header row that Word repeats at the top of every page."""
    _row_flag(row, "w:tblHeader")


def keep_row_together(row) -> None:
    """Forbid a page break inside a table row (w:cantSplit)."""
    _row_flag(row, "w:cantSplit")


def _row_flag(row, tag: str) -> None:
    # CT_TrPr children form an xsd:choice, so the order of the flags does not matter.
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn(tag)) is None:
        tr_pr.append(OxmlElement(tag))


def span_columns(cell, count: int) -> None:
    """Let *cell* span *count* grid columns (w:gridSpan): the cells it covers go, and
    it takes their width."""
    tc = cell._tc
    width = tc.width or 0
    for _ in range(count - 1):
        covered = tc.getnext()
        if covered is None or covered.tag != qn("w:tc"):
            break
        width += covered.width or 0
        tc.getparent().remove(covered)
    tc.grid_span = count
    tc.width = width


def shade_cell(cell, colour: str) -> None:
    """Fill *cell* with *colour* ('#RRGGBB'), as a table style's first row is filled."""
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = tc_pr.find(qn("w:shd"))
    if shd is None:
        shd = _insert_before(tc_pr, "w:shd", _AFTER_TC_SHD)
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), colour.lstrip("#").upper())


def set_right_margin(cell, width) -> None:
    """Keep *width* free at the right of *cell*'s text (w:tcMar/w:right), as a CSS
    margin-right keeps it beside a box of fixed width."""
    set_cell_margin(cell, "right", width)


_TC_MAR_ORDER = ("top", "start", "left", "bottom", "end", "right")   # CT_TcMar's sequence


def set_cell_margin(cell, side: str, width) -> None:
    """Set *cell*'s own margin on *side* (w:tcMar/w:<side>), in the schema's order."""
    tc_pr = cell._tc.get_or_add_tcPr()
    mar = tc_pr.find(qn("w:tcMar"))
    if mar is None:
        mar = _insert_before(tc_pr, "w:tcMar", _AFTER_TC_MAR)
    edge = mar.find(qn(f"w:{side}"))
    if edge is None:
        edge = OxmlElement(f"w:{side}")
        later = [mar.find(qn(f"w:{name}")) for name in _TC_MAR_ORDER[_TC_MAR_ORDER.index(side) + 1:]]
        following = next((found for found in later if found is not None), None)
        if following is not None:
            following.addprevious(edge)
        else:
            mar.append(edge)
    edge.set(qn("w:w"), str(int(width.twips)))
    edge.set(qn("w:type"), "dxa")


def set_table_width(table, width) -> None:
    """Give the table a fixed total width (python-docx sets only the column grid)."""
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = _insert_before(tbl_pr, "w:tblW", _AFTER_TBL_W)
    tbl_w.set(qn("w:w"), str(int(width.twips)))
    tbl_w.set(qn("w:type"), "dxa")


# --- footnotes ----------------------------------------------------------------

def _separators(line_twips: int) -> str:
    """The separator and continuation-separator notes, each one line of *line_twips*."""
    spacing = f'<w:spacing w:before="0" w:after="0" w:line="{line_twips}" w:lineRule="exact"/>'
    return (
        f'<w:footnotes {nsdecls("w", "r")}>'
        f'<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr>{spacing}</w:pPr>'
        '<w:r><w:separator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr>{spacing}</w:pPr>'
        '<w:r><w:continuationSeparator/></w:r></w:p></w:footnote></w:footnotes>'
    )


def footnotes_part(document, separator_pt: float) -> StoryPart:
    """The document's footnotes part, made fresh with the separator notes Word expects.

    A footnotes part left in a reference .docx (Word adds one when the file is saved)
    is replaced, keeping its separators, so the paper's notes are numbered from 1.
    """
    document_part = document.part
    element = parse_xml(_separators(round(separator_pt * 20)))
    for rel_id, rel in list(document_part.rels.items()):
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            old = parse_xml(rel.target_part.blob)
            for note in old.findall(qn("w:footnote")):
                if note.get(qn("w:type")) not in ("separator", "continuationSeparator"):
                    old.remove(note)
            element = old
            document_part.drop_rel(rel_id)
    # A StoryPart, like a header's, so runs in a note can name styles and relate links.
    part = StoryPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, element,
                     document_part.package)
    document_part.relate_to(part, RT.FOOTNOTES)
    _declare_separators(document.settings.element)
    return part


def _declare_separators(settings) -> None:
    """List the separator notes in settings.xml, as Word itself does."""
    if settings.find(qn("w:footnotePr")) is not None:
        return
    footnote_pr = _insert_before(settings, "w:footnotePr", _AFTER_FOOTNOTE_PR)
    for note_id in ("-1", "0"):
        note = OxmlElement("w:footnote")
        note.set(qn("w:id"), note_id)
        footnote_pr.append(note)


def add_footnote(part: StoryPart, note_id: int, text_style_id: str, reference_style_id: str):
    """Append footnote *note_id* to the footnotes part; return its (empty) paragraph.

    The note opens with its own number mark (w:footnoteRef) and a space, as Word
    writes it; the caller appends the note's text runs to the returned w:p.
    """
    note = parse_xml(
        f'<w:footnote {nsdecls("w")} w:id="{note_id}"><w:p><w:pPr>'
        f'<w:pStyle w:val="{text_style_id}"/></w:pPr>'
        f'<w:r><w:rPr><w:rStyle w:val="{reference_style_id}"/></w:rPr><w:footnoteRef/></w:r>'
        '<w:r><w:t xml:space="preserve"> </w:t></w:r></w:p></w:footnote>'
    )
    part.element.append(note)
    return note.find(qn("w:p"))


def add_footnote_reference(run, note_id: int) -> None:
    """Make *run* the call of footnote *note_id* in the text."""
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), str(note_id))
    run._r.append(reference)


# --- numbering ----------------------------------------------------------------

# Level formats of the two list kinds. The text of a level is indented 357 twips
# (6.3 mm, the PDF's 1.4em) more than the one above, its number or bullet hangs
# 250 twips (4.4 mm) before the text, as a CSS list marker does.
_LEVELS = {
    # The markers a browser gives nested lists (disc, circle, square; decimal at every
    # level), so a nested list reads the same in the PDF ("punkt 2.1", not "2 a").
    "bullet": [("bullet", "\u2022"), ("bullet", "\u25e6"), ("bullet", "\u25aa")] * 3,
    "decimal": [("decimal", "%{n}.")] * 9,
}
_INDENT = 357
_HANGING = 250


def list_definition_name(kind: str) -> str:
    """The w:name by which the writer finds its abstract list definition again."""
    return f"arende-{kind}"


def abstract_list(numbering, kind: str) -> int:
    """The abstractNumId of the 'bullet' or 'decimal' definition, added when missing.

    A house may restyle the definition in its reference .docx; it is found by name.
    """
    name = list_definition_name(kind)
    for abstract in numbering.findall(qn("w:abstractNum")):
        name_el = abstract.find(qn("w:name"))
        if name_el is not None and name_el.get(qn("w:val")) == name:
            return int(abstract.get(qn("w:abstractNumId")))
    used = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    abstract_id = max(used, default=-1) + 1
    nsid = f"{zlib.crc32(name.encode()):08X}"
    levels = "".join(_level_xml(i, fmt, text) for i, (fmt, text) in enumerate(_LEVELS[kind]))
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:nsid w:val="{nsid}"/><w:multiLevelType w:val="hybridMultilevel"/>'
        f'<w:name w:val="{name}"/>{levels}</w:abstractNum>'
    )
    # Every w:abstractNum must precede every w:num in numbering.xml.
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    return abstract_id


def _level_xml(level: int, fmt: str, text: str) -> str:
    text = text.replace("{n}", str(level + 1))
    indent = _INDENT * (level + 1)
    return (
        f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{indent}"/></w:tabs>'
        f'<w:ind w:left="{indent}" w:hanging="{_HANGING}"/></w:pPr></w:lvl>'
    )


def start_list(numbering, abstract_id: int, level: int, start: int) -> int:
    """A new list instance (w:num) restarting at *start* on *level*; returns its numId."""
    num = numbering.add_num(abstract_id)
    num.add_lvlOverride(ilvl=level).add_startOverride(start)
    return int(num.get(qn("w:numId")))


def number_paragraph(paragraph, num_id: int, level: int) -> None:
    """Attach *paragraph* to list *num_id* at *level*."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


def set_contextual_spacing(p_pr, on: bool) -> None:
    """w:contextualSpacing on a style's paragraph properties: no space between
    paragraphs of the same style (the items of one list), as CSS list items have."""
    for old in p_pr.findall(qn("w:contextualSpacing")):
        p_pr.remove(old)
    element = OxmlElement("w:contextualSpacing")
    element.set(qn("w:val"), "1" if on else "0")
    p_pr.insert_element_before(element, *_AFTER_CONTEXTUAL)


def set_outline_level(p_pr, level: int) -> None:
    """The outline level (0 = Heading 1) that puts a heading in Word's navigation pane."""
    for old in p_pr.findall(qn("w:outlineLvl")):
        p_pr.remove(old)
    element = OxmlElement("w:outlineLvl")
    element.set(qn("w:val"), str(level))
    p_pr.insert_element_before(element, "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


# --- revisions and links --------------------------------------------------------


def revision(kind: str, revision_id: int, author: str, date: str):
    """An empty w:ins or w:del wrapper; the caller moves the changed runs into it."""
    wrapper = OxmlElement(f"w:{kind}")
    wrapper.set(qn("w:id"), str(revision_id))
    wrapper.set(qn("w:author"), author)
    wrapper.set(qn("w:date"), date)
    return wrapper


def mark_deleted(run) -> None:
    """Turn a run's text into deleted text (w:delText), as a w:del's runs must carry."""
    for text in run._r.findall(qn("w:t")):
        text.tag = qn("w:delText")


def hyperlink(paragraph, url: str):
    """An empty external w:hyperlink to *url*, related from the paragraph's own part
    (the document, or the footnotes part for a link inside a note)."""
    rel_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    link.set(qn("w:history"), "1")
    return link


def describe_picture(run, text: str) -> None:
    """Give the inline picture in *run* its alternative text (wp:docPr/@descr), which
    screen readers and Word's accessibility checker read."""
    for doc_pr in run._r.iter(qn("wp:docPr")):
        doc_pr.set("descr", text)


# --- language -------------------------------------------------------------------


def set_language(styles, settings, tag: str) -> None:
    """Make *tag* (e.g. 'sv-SE') the language of every style that does not say otherwise,
    so spelling and hyphenation follow it, and the theme font language too."""
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    r_pr_default = defaults.find(qn("w:rPrDefault"))
    if r_pr_default is None:
        r_pr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, r_pr_default)
    r_pr = r_pr_default.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        r_pr_default.append(r_pr)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = _insert_before(r_pr, "w:lang", _AFTER_LANG)
    lang.set(qn("w:val"), tag)
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), tag)


# What follows an element in its parent's xsd:sequence (ECMA-376 part 1, CT_TblPr,
# CT_Settings, CT_RPr): a new child goes before the first of these that is present.
_AFTER_TC_SHD = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign",
                 "w:hideMark", "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")
_AFTER_TC_MAR = _AFTER_TC_SHD[1:]
_AFTER_TBL_W = ("w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout",
                "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
_AFTER_FOOTNOTE_PR = ("w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr",
                      "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
                      "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures",
                      "w:forceUpgrade", "w:captions", "w:readModeInkLockDown", "w:smartTagType",
                      "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags",
                      "w:decimalSymbol", "w:listSeparator")
_AFTER_EMBED_FONTS = tuple(f"w:{name}" for name in (
    "embedSystemFonts saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges "
    "bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors "
    "hideGrammaticalErrors activeWritingStyle proofState formsDesign attachedTemplate linkStyles "
    "stylePaneFormatFilter stylePaneSortMethod documentType mailMerge revisionView trackRevisions "
    "doNotTrackMoves doNotTrackFormatting documentProtection autoFormatOverride styleLockTheme "
    "styleLockQFSet defaultTabStop autoHyphenation consecutiveHyphenLimit hyphenationZone "
    "doNotHyphenateCaps showEnvelope summaryLength clickAndTypeStyle defaultTableStyle "
    "evenAndOddHeaders bookFoldRevPrinting bookFoldPrinting bookFoldPrintingSheets "
    "drawingGridHorizontalSpacing drawingGridVerticalSpacing displayHorizontalDrawingGridEvery "
    "displayVerticalDrawingGridEvery doNotUseMarginsForDrawingGridOrigin "
    "drawingGridHorizontalOrigin drawingGridVerticalOrigin doNotShadeFormData "
    "noPunctuationKerning characterSpacingControl printTwoOnOne strictFirstAndLastChars "
    "noLineBreaksAfter noLineBreaksBefore savePreviewPicture doNotValidateAgainstSchema "
    "saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText doNotDemarcateInvalidXml "
    "saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags alwaysMergeEmptyNamespace "
    "updateFields hdrShapeDefaults footnotePr").split()) + _AFTER_FOOTNOTE_PR
_AFTER_CONTEXTUAL = ("w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
                     "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
                     "w:rPr", "w:sectPr", "w:pPrChange")
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath", "w:rPrChange")


def _insert_before(parent, tag: str, successors: tuple[str, ...]):
    """A new *tag* child of *parent*, placed where the schema's sequence puts it."""
    child = OxmlElement(tag)
    parent.insert_element_before(child, *successors)
    return child


def page_break_before(block) -> None:
    """Start the block (a w:p; a table is left alone) on a new page, as CSS's
    'break-before: page' does for the section it opens."""
    if block.tag != qn("w:p"):
        return
    block.get_or_add_pPr().pageBreakBefore_val = True
