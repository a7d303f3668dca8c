"""Block content of the paper body (headings, paragraphs, lists, tables, masthead,
signatures) as Word paragraphs and tables.

Each block's Word style comes from STYLE_MAP by its role; sections only group
their content and add nothing of their own. Side-by-side blocks of the PDF (the
masthead, signatures, the address footer) become borderless layout tables.
"""

from __future__ import annotations

import math
import re

from docx.document import Document
from docx.shared import Emu, Mm, Pt
from docx.oxml.ns import qn
from docx.table import _Cell

from generator.errors import RenderFailure
from generator.house.style import MM_IN_PT
from generator.writers.docx import ooxml
from generator.writers.docx.context import RenderContext
from generator.writers.docx.images import add_logo
from generator.writers.docx.inline import add_inline, content
from generator.writers.docx.styles import STYLE_MAP, column_shares, key_in, style_name
from generator.vocabulary import checked_role as role_of
from generator.vocabulary import modifiers

_FURNITURE = {"header.page-header", "footer.page-footer", "div.watermark"}
_LIST_KIND = {"ul": "bullet", "ol": "decimal"}
_BLOCKS_IN_ITEM = {"p", "ul", "ol"}


def elements(element) -> list:
    """The child elements of *element* (comments left out)."""
    return [child for child in element if isinstance(child.tag, str)]


def render_body(body, ctx: RenderContext) -> None:
    """Every block of the paper's body, in order, into the document."""
    fields = None   # the masthead's fields table, when the masthead ended with it
    for child in elements(body):
        if role_of(child) in _FURNITURE:
            continue
        body_xml = ctx.document.element.body
        start = len(body_xml) - (body_xml.sectPr is not None)   # new blocks go before the sectPr
        render_block(child, ctx.document, ctx)
        if fields is not None:
            _space_below_fields(fields, body_xml[start], ctx)
        fields = None
        children = elements(child)
        if role_of(child) == "section.masthead" and children and role_of(children[-1]) == "div.meta":
            last = body_xml[len(body_xml) - (body_xml.sectPr is not None) - 1]
            fields = last if last.tag == qn("w:tbl") else None


def _space_below_fields(fields, below, ctx: RenderContext) -> None:
    """The space between a masthead ending in its fields and the block below it.

    In the CSS the masthead's margin-bottom and the next block's margin-top collapse
    into the larger. The fields are a table, which in Word has no space after; the
    table's cells keep the difference free below their text (as they keep the gap
    beside it), so the block below keeps its own style's space before. Below the
    recipient ('Mottagare', whose style has the masthead's space) nothing is added.
    """
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    masthead = Pt(ctx.style.masthead.space_after * MM_IN_PT)
    own = Pt(0)
    if below.tag == qn("w:p"):
        para = Paragraph(below, ctx.document)
        style = para.style
        while style is not None and style.paragraph_format.space_before is None:
            style = style.base_style
        if style is not None and style.paragraph_format.space_before is not None:
            own = style.paragraph_format.space_before
    if masthead <= own:
        return
    for cell in Table(fields, ctx.document).rows[0].cells:
        ooxml.set_cell_margin(cell, "bottom", Emu(masthead - own))


def render_block(element, container, ctx: RenderContext, within: str | None = None) -> None:
    """One block element into *container* (the document, a table cell or a footer);
    *within* is the role of the section around it, for contextual styles."""
    role = role_of(element)
    tag = element.tag
    if role == "section.masthead":
        _masthead(element, container, ctx)
    elif role == "section.signatures":
        _signatures(element, container, ctx)
    elif role == "div.footer-columns":
        _footer_columns(element, container, ctx)
    elif tag == "section":
        body = ctx.document.element.body
        first = len(body) - (body.sectPr is not None)   # where its first block will stand
        for child in elements(element):
            render_block(child, container, ctx, within=role)
        if "new-page" in modifiers(element) and container is ctx.document and first < len(body):
            ooxml.page_break_before(body[first])
    elif tag in _LIST_KIND:
        _list(element, role, container, ctx, level=0)
    elif tag == "table":
        _table(element, role, container, ctx)
    elif tag in ("p", "h1", "h2", "h3", "h4"):
        paragraph(element, key_in(within, role), container, ctx)
    else:
        raise RenderFailure(f"DOCX: blocket {role} kan inte stå här")


def paragraph(element, key: str, container, ctx: RenderContext):
    """A paragraph in style *key* holding *element*'s phrasing content."""
    para = new_paragraph(container, key, ctx)
    add_inline(para, content(element), ctx)
    return para


def new_paragraph(container, key: str, ctx: RenderContext):
    """An empty paragraph in style *key*; a fresh table cell's own empty paragraph is
    used first, since Word requires every cell to hold one."""
    if isinstance(container, _Cell):
        last = container.paragraphs[-1]
        if last._p in ctx.fresh:
            ctx.fresh.discard(last._p)
            last.style = style_name(key)
            return last
    return container.add_paragraph(style=style_name(key))


def new_table(container, rows: int, shares, style_key: str, ctx: RenderContext):
    """A table of fixed column widths (*shares* of the text width) in style *style_key*."""
    cols = len(shares)
    if isinstance(container, Document):
        table = container.add_table(rows, cols)
    else:
        table = container.add_table(rows, cols, ctx.text_width)
    table.style = style_name(style_key)
    table.autofit = False
    widths = [Emu(int(ctx.text_width * share)) for share in shares]
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row_cells(row, table), widths):
            cell.width = width
            ctx.fresh.add(cell.paragraphs[0]._p)
    ooxml.set_table_width(table, Emu(sum(widths)))
    return table


# --- masthead, signatures, address ---------------------------------------------


def _masthead(element, container, ctx: RenderContext) -> None:
    children = elements(element)
    by_role = {role_of(child): child for child in children}
    logo, paper_type = by_role.get("div.logo"), by_role.get("div.paper-type")
    for child in children:
        role = role_of(child)
        if role == "div.logo" and paper_type is not None:
            table = new_table(container, 1, layout_shares("masthead", 2, ctx), "layout", ctx)
            _logo(child, table.cell(0, 0), ctx)
            _paper_type(paper_type, table.cell(0, 1), ctx)
        elif role == "div.logo":
            _logo(child, container, ctx, alone=True)
        elif role == "div.paper-type":
            if logo is None:
                _paper_type(child, container, ctx)
        elif role == "div.meta":
            _meta(child, container, ctx)
        else:
            render_block(child, container, ctx)


def _logo(element, container, ctx: RenderContext, alone: bool = False) -> None:
    key = "p.wordmark alone" if alone else "p.wordmark"
    for child in elements(element):
        if child.tag == "img":
            add_logo(child, new_paragraph(container, key, ctx), ctx)
        else:
            paragraph(child, key, container, ctx)


def _paper_type(element, container, ctx: RenderContext) -> None:
    for index, child in enumerate(elements(element)):
        key = "div.paper-type p" if index == 0 else "div.paper-type p+p"
        paragraph(child, key, container, ctx)


def _meta(element, container, ctx: RenderContext) -> None:
    items = elements(element)
    if not items:
        return
    head = ctx.style.masthead
    table = new_table(container, 1, layout_shares("meta", len(items), ctx), "layout", ctx)
    for cell, item in zip(table.rows[0].cells, items):
        # The CSS's .meta-item is column_width wide with the gap as its margin; the cell
        # holds both, so the gap (and for the last cell the rest of the line) is kept free.
        ooxml.set_right_margin(cell, Emu(max(cell.width - Mm(head.column_width), 0)))
        for child in elements(item):
            paragraph(child, role_of(child), cell, ctx)
        # The space above the fields is the row's (.meta { margin-top }); the label's
        # style carries it, so a cell without a label (etiketter: {x: ''}) gets it here.
        first = cell.paragraphs[0]
        if first.style is not None and first.style.name != style_name("p.meta-label"):
            first.paragraph_format.space_before = Pt(head.fields_above * MM_IN_PT)


def _signatures(element, container, ctx: RenderContext) -> None:
    signatures = [c for c in elements(element) if role_of(c) == "div.signature"]
    for child in elements(element):
        if role_of(child) != "div.signature":
            render_block(child, container, ctx)
        elif child is signatures[0]:
            per_row = ctx.style.signatures.per_row
            cols = min(len(signatures), per_row)
            rows = math.ceil(len(signatures) / cols)
            table = new_table(container, rows, [1 / per_row] * cols, "layout", ctx)
            for index, signature in enumerate(signatures):
                cell = table.cell(index // cols, index % cols)
                for line in elements(signature):
                    paragraph(line, role_of(line), cell, ctx)
            for row in table.rows:
                ooxml.keep_row_together(row)


def _footer_columns(element, container, ctx: RenderContext) -> None:
    columns = elements(element)
    table = new_table(container, 1, layout_shares("div.footer-columns", len(columns), ctx),
                      "div.footer-columns", ctx)
    for cell, column in zip(table.rows[0].cells, columns):
        for part in elements(column):
            paragraph(part, role_of(part), cell, ctx)


def layout_shares(role: str, count: int, ctx: RenderContext) -> list[float]:
    """Column shares of a layout table *role* with *count* columns, from the declaration."""
    return column_shares(role, [""] * count, ctx.style, Emu(ctx.text_width).mm)


# --- lists ------------------------------------------------------------------------


def _list(element, role: str, container, ctx: RenderContext, level: int, key: str | None = None) -> None:
    """A list whose items are numbered by a list instance of its own, so every list
    restarts at its first number (ol[start], li[value]); *key* is the items' style
    where the context has one of its own (a list in a table cell), and its nested
    lists' too."""
    kind = _LIST_KIND[element.tag]
    own = key
    if key is None:
        key = f"{role} li" if f"{role} li" in STYLE_MAP else f"{element.tag} li"
    numbered = role != "ul.att-clauses"
    expected = _number(element, "start", 1)
    num_id = ctx.new_list(kind, level, expected) if numbered else None
    for item in elements(element):
        value = _number(item, "value", expected)
        if numbered and value != expected:
            num_id, expected = ctx.new_list(kind, level, value), value
        _item(item, key, num_id, level, container, ctx, own)
        expected += 1


def _number(element, attribute: str, default: int) -> int:
    raw = element.get(attribute)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise RenderFailure(f"DOCX: {attribute}=\"{raw}\" på <{element.tag}> "
                            f"(rad {element.sourceline}) är inget heltal") from None


def _item(item, key: str, num_id: int | None, level: int, container, ctx,
          nested_key: str | None = None) -> None:
    """A list item: its text as the numbered paragraph, any further paragraphs as
    continuations, nested lists one level down (in *nested_key*'s style if the context
    has one, as a table cell does)."""
    groups: list[tuple[str, list]] = []
    pending: list = []
    for node in content(item):
        if isinstance(node, str) or node.tag not in _BLOCKS_IN_ITEM:
            pending.append(node)
            continue
        if _has_content(pending):
            groups.append(("inline", pending))
        pending = []
        groups.append((node.tag, [node]))
    if _has_content(pending) or not groups:
        groups.append(("inline", pending))
    first = True
    for kind, nodes in groups:
        if kind in _LIST_KIND and not first:
            _list(nodes[0], role_of(nodes[0]), container, ctx, level + 1, nested_key)
            continue
        para = new_paragraph(container, key if first else "li p+p", ctx)
        if first and num_id is not None:
            ooxml.number_paragraph(para, num_id, level)
        first = False
        if kind in _LIST_KIND:   # an item that opens with a nested list: empty number line
            _list(nodes[0], role_of(nodes[0]), container, ctx, level + 1, nested_key)
        else:
            add_inline(para, nodes if kind == "inline" else content(nodes[0]), ctx)


def _has_content(items: list) -> bool:
    return any(not isinstance(i, str) or i.strip() for i in items)


# --- tables -----------------------------------------------------------------------


def _table(element, role: str, container, ctx: RenderContext) -> None:
    rows = [(tr, role_of(group) == "thead")
            for group in elements(element) for tr in elements(group)]
    if not rows:
        return
    cells = [elements(tr) for tr, _ in rows]
    width = max(sum(_span(cell) for cell in row) for row in cells)
    first = cells[0] + [None] * (width - len(cells[0]))
    if role == "table.data":
        widths = data_shares(first)
    else:
        widths = column_shares(role, [cell.get("class", "") if cell is not None else ""
                                      for cell in first], ctx.style, Emu(ctx.text_width).mm)
    flags = set(modifiers(element))
    table = new_table(container, len(rows), widths, role, ctx)
    for ((tr, header), html_cells), row in zip(zip(rows, cells), table.rows):
        if header and "header-once" not in flags:
            ooxml.repeat_as_header(row)
        if header or ("rows-split" not in flags and not _too_tall_to_keep(html_cells, widths, ctx)):
            ooxml.keep_row_together(row)
        spanning = modifiers(tr)
        for index, cell in enumerate(html_cells):
            # Each spanning cell takes the place of the cells it covers, so the cell for
            # the index-th HTML cell is the index-th of those left.
            word_cell = row_cells(row, table)[index]
            span = _span(cell)
            if span > 1:
                ooxml.span_columns(word_cell, span)
            if "row-title" in spanning and ctx.style.tables.heading_fill:
                ooxml.shade_cell(word_cell, ctx.style.tables.heading_fill)
            key = "tr.row-group td" if "row-group" in spanning else key_in(role, role_of(cell))
            _cell(cell, key, word_cell, ctx)


def _cell(cell, key: str, word_cell, ctx: RenderContext) -> None:
    """A table cell's content: its phrasing content as one paragraph, or (a prose
    column's cell) its paragraphs and lists, all in the cell's own style *key*."""
    if not any(not isinstance(node, str) and node.tag in _BLOCKS_IN_ITEM for node in content(cell)):
        paragraph(cell, key, word_cell, ctx)
        return
    for child in elements(cell):
        if child.tag in _LIST_KIND:
            _list(child, role_of(child), word_cell, ctx, level=0, key=key)
        else:
            paragraph(child, key, word_cell, ctx)


def _span(cell) -> int:
    """How many columns a cell spans (its colspan)."""
    if cell is None:
        return 1
    raw = cell.get("colspan", "1")
    if not raw.isdigit() or int(raw) < 1:
        raise RenderFailure(f"DOCX: colspan=\"{raw}\" på <{cell.tag}> (rad {cell.sourceline}) är inget positivt heltal")
    return int(raw)


_WIDTH = re.compile(r"\s*width:\s*(\d+(?:\.\d+)?)%\s*;?\s*")


def data_shares(first: list) -> list[float]:
    """A plan table's column shares, from its heading cells' 'width: N%'."""
    shares = []
    for cell in first:
        found = _WIDTH.fullmatch(cell.get("style", "")) if cell is not None else None
        if found is None:
            raise RenderFailure("DOCX: en tabells rubrikcell saknar 'width: N%' "
                                f"(rad {cell.sourceline if cell is not None else '?'})")
        shares.append(float(found.group(1)) / 100)
    return shares


# Word and LibreOffice clip a row that may not split and is taller than a page: the words
# below the page foot are lost without a message. A row that could come near a page's
# height may split, as WeasyPrint splits it too; the estimate is generous (average glyph
# width half the size, as in Arial and Times New Roman) so that only long rows split.
_GLYPH_EM = 0.5
_KEEP_AT_MOST = 0.4     # of the page's text height


def _too_tall_to_keep(html_cells: list, widths: list[float], ctx: RenderContext) -> bool:
    """Whether a row of *html_cells* could be taller than a share of the page."""
    look = ctx.style.part("tabelltext")
    page = ctx.style.page
    text_width_pt = page.text_width * MM_IN_PT
    padding = 2 * ctx.style.tables.padding_horizontal * MM_IN_PT
    tallest = 0.0
    for cell, share in zip(html_cells, widths):
        per_line = max((share * text_width_pt - padding) / (_GLYPH_EM * look.size), 1)
        lines = sum(math.ceil(max(len(chunk), 1) / per_line)
                    for chunk in cell.text_content().split("\n"))
        tallest = max(tallest, lines * look.size * look.line_height)
    height_pt = (page.dimensions[1] - page.top - page.bottom) * MM_IN_PT
    return tallest > _KEEP_AT_MOST * height_pt


def row_cells(row, table) -> list[_Cell]:
    """The cells of *row*, read straight from its <w:tc> elements.

    python-docx's ``row.cells`` and ``table.cell()`` rebuild the whole table's cell
    grid on every call (to account for merged cells), which made a 1,000-row action
    table quadratic. The paper's tables never merge cells, so the direct read is exact.
    """
    return [_Cell(tc, table) for tc in row._tr.tc_lst]
