"""Running page furniture: the paper's header and footer as Word headers and footers.

Which pages show the header text, the page number and the footer is the house's
declaration (stil: sidhuvud, sidnummer, sidfot), the same the PDF's @page rules are
generated from. Word has one header and footer for the first page and one for the
others (w:titlePg), which is exactly the choice the declaration offers. The header
line is the header text, a tab to the right margin, and the page number with live
PAGE and NUMPAGES fields; a page number declared for the footer goes there instead.
"""

from __future__ import annotations

from generator.house.style import HouseStyle
from generator.vocabulary import role_of
from generator.writers.docx.blocks import elements, render_block
from generator.writers.docx.context import RenderContext
from generator.writers.docx.inline import TAB, emit, segments
from generator.writers.docx.marks import add_watermark
from generator.writers.docx.styles import style_name


def render_furniture(body, ctx: RenderContext) -> None:
    """Headers and footers of the document's (single) section from the paper's body."""
    section = ctx.document.sections[0]
    section.different_first_page_header_footer = True
    by_role = {role_of(child): child for child in elements(body)}
    header = by_role.get("header.page-header")
    footer = by_role.get("footer.page-footer")
    parts = {role_of(child): child for child in elements(header)} if header is not None else {}
    for header_story, first_page in ((section.header, False), (section.first_page_header, True)):
        header_story.is_linked_to_previous = False
        _header(parts, header_story, first_page, ctx)
    for footer_story, first_page in ((section.footer, False), (section.first_page_footer, True)):
        footer_story.is_linked_to_previous = False
        _footer(footer, parts, footer_story, first_page, ctx)
    watermark = by_role.get("div.watermark")
    if watermark is not None:
        marks = ctx.style.marks
        add_watermark(ctx.document, "".join(watermark.itertext()).strip(), marks.draft_colour,
                      ctx.style.part("stämpel").font)


def shows(pages: str, first_page: bool) -> bool:
    """Whether something declared for *pages* ('alla', 'första', 'övriga', 'inga')
    stands on the first page (*first_page*) or on the others."""
    return pages == "alla" or pages == ("första" if first_page else "övriga")


def _fresh(story, key: str):
    """Empty *story* down to one paragraph in style *key*, and return that paragraph."""
    for child in list(story._element):
        story._element.remove(child)
    return story.add_paragraph(style=style_name(key))


def _number(parts: dict, style: HouseStyle, place: str, first_page: bool) -> list:
    number = parts.get("span.page-number")
    declared = style.page_number
    if number is None or declared.place != place or not shows(declared.pages, first_page):
        return []
    return segments([number])


def _header(parts: dict, story, first_page: bool, ctx: RenderContext) -> None:
    line = _fresh(story, "header.page-header")
    segs = []
    text = parts.get("span.header-text")
    later = parts.get("span.header-text-later")
    if later is not None and not first_page:
        segs += segments([later])   # the later pages' own text (sidhuvud: senare sidor:)
    elif text is not None and shows(ctx.style.header.pages, first_page):
        segs += segments([text])
    number = _number(parts, ctx.style, "sidhuvud", first_page)
    if number:
        segs += [TAB] + number
    emit(line, segs, ctx)


def _footer(footer, parts: dict, story, first_page: bool, ctx: RenderContext) -> None:
    last = _fresh(story, "footer.page-footer")
    number = _number(parts, ctx.style, "sidfot", first_page)
    if number:
        emit(last, [TAB] + number, ctx)
    if footer is None or not shows(ctx.style.footer.pages, first_page):
        return
    for child in elements(footer):
        render_block(child, story, ctx)
    # python-docx appends after the story's paragraph; the footer's columns belong above
    # it (a header or footer, like a table cell, must end with a paragraph).
    for table in story.tables:
        last._p.addprevious(table._tbl)
