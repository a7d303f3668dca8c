"""Running page furniture: the paper's header and footer as Word headers and footers.

The header line is the header text, a tab to the right margin, and 'Sida {PAGE}
({NUMPAGES})' as live fields. Like the PDF (whose ``@page :first`` hides the header
text), the first page has a header of its own showing only the page number. The
footer (Stockholm's address block) is the same on every page.
"""

from __future__ import annotations

from generator.writers.docx.blocks import elements, render_block
from generator.writers.docx.context import RenderContext
from generator.writers.docx.inline import TAB, emit, segments
from generator.writers.docx.styles import style_name
from generator.vocabulary import role_of


def render_furniture(body, ctx: RenderContext) -> None:
    """Header and footer of the document's (single) section from the paper's body."""
    section = ctx.document.sections[0]
    section.different_first_page_header_footer = True
    by_role = {role_of(child): child for child in elements(body)}
    header = by_role.get("header.page-header")
    footer = by_role.get("footer.page-footer")
    for story, first_page in ((section.header, False), (section.first_page_header, True)):
        story.is_linked_to_previous = False
        _header(header, story, first_page, ctx)
    for story in (section.footer, section.first_page_footer):
        story.is_linked_to_previous = False
        _footer(footer, story, ctx)


def _fresh(story, key: str):
    """Empty *story* (a reference .docx may bring its own header) down to one paragraph
    in style *key*, and return that paragraph."""
    for child in list(story._element):
        story._element.remove(child)
    return story.add_paragraph(style=style_name(key))


def _header(header, story, first_page: bool, ctx: RenderContext) -> None:
    line = _fresh(story, "header.page-header")
    if header is None:
        return
    parts = {role_of(child): child for child in elements(header)}
    segs = []
    text = parts.get("span.header-text")
    if text is not None and not first_page:
        segs += segments([text])
    number = parts.get("span.page-number")
    if number is not None:
        segs += [TAB] + segments([number])
    emit(line, segs, ctx)


def _footer(footer, story, ctx: RenderContext) -> None:
    last = _fresh(story, "footer.page-footer")
    if footer is None:
        return
    for child in elements(footer):
        render_block(child, story, ctx)
    # python-docx appends after the story's empty paragraph; the address belongs above
    # it (a header or footer, like a table cell, must end with a paragraph).
    for table in story.tables:
        last._p.addprevious(table._tbl)
