"""Phrasing content (text, bold, italics, links, line breaks, revisions, footnote
calls, page fields) as Word runs.

Runs are made in two steps. First the HTML is flattened into segments that carry
their marks (bold, italic, link, inserted/deleted) and whitespace is collapsed the
way a browser collapses it, across element boundaries, so the DOCX has exactly
the spaces the PDF shows. Then each segment becomes a run, wrapped in a
w:hyperlink and/or w:ins/w:del where its marks say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from generator.errors import RenderFailure
from generator.writers.docx import ooxml
from generator.writers.docx.context import REVISION_AUTHOR, RenderContext
from generator.writers.docx.styles import style_name
from generator.vocabulary import describe, role_of

_SPACE = re.compile(r"[ \t\n\r\f]+")   # HTML's collapsible whitespace (not NBSP)
_FIELDS = {"span.page-current": "PAGE", "span.page-total": "NUMPAGES"}
# Elements that only group their content; their text flows on unchanged.
_TRANSPARENT = {"span.header-text", "span.page-number"}


@dataclass(frozen=True)
class Segment:
    """A piece of a paragraph: text, a break, a tab, a footnote call or a field."""

    kind: str                    # "text", "br", "tab", "note", "field"
    text: str = ""               # the text, or a field's instruction
    bold: bool = False
    italic: bool = False
    href: str | None = None
    change: str | None = None    # "ins" or "del"
    style: str | None = None     # STYLE_MAP key of a character style
    node: object = None          # a footnote's element


# A bare w:tab, as Word writes one: no space in a w:t before it, which Word would
# show as "att·→" with formatting marks on. Text extractors read a tab as a gap
# between words (python-docx's Paragraph.text gives "\t").
TAB = Segment("tab")


def content(element) -> list:
    """An element's content in order: its text, then each child followed by its tail."""
    items: list = [element.text] if element.text else []
    for child in element:
        if isinstance(child.tag, str):
            items.append(child)
        if child.tail:
            items.append(child.tail)
    return items


def add_inline(paragraph, items: list, ctx: RenderContext) -> None:
    """Append phrasing *items* (strings and inline elements) to *paragraph*."""
    emit(paragraph, segments(items), ctx)


def segments(items: list, marks: Segment = Segment("text")) -> list[Segment]:
    """*items* flattened into segments, whitespace not yet collapsed."""
    out: list[Segment] = []
    _collect(items, marks, out)
    return out


def _collect(items: list, marks: Segment, out: list[Segment]) -> None:
    for item in items:
        if isinstance(item, str):
            out.append(replace(marks, kind="text", text=item))
            continue
        role = role_of(item)
        inner = content(item)
        if role == "br":
            out.append(replace(marks, kind="br", text=""))
        elif role == "strong":
            _collect(inner, replace(marks, bold=True), out)
        elif role == "em":
            _collect(inner, replace(marks, italic=True), out)
        elif role == "a":
            _collect(inner, replace(marks, href=item.get("href")), out)
        elif role in ("ins", "del"):
            _collect(inner, replace(marks, change=role), out)
        elif role == "span.footnote":
            out.append(replace(marks, kind="note", text="", node=item))
        elif role == "span.att":
            # 'att' hangs in the margin: the space after it becomes the tab to the text.
            _collect(inner, replace(marks, style="span.att"), out)
            out.append(replace(marks, kind="tab", text=""))
        elif role in _FIELDS:
            out.append(replace(marks, kind="field", text=_FIELDS[role]))
        elif role in _TRANSPARENT:
            _collect(inner, marks, out)
        else:
            raise RenderFailure(f"DOCX: {describe(item)} kan inte stå i löptext")


def collapse(segs: list[Segment]) -> list[Segment]:
    """Collapse whitespace as HTML does: runs of spaces become one, and none remains
    at the start or end of the paragraph or around a line break or tab."""
    out: list[Segment] = []
    after_space = True
    for seg in segs:
        if seg.kind == "text":
            text = _SPACE.sub(" ", seg.text)
            if after_space:
                text = text.lstrip(" ")
            if not text:
                continue
            after_space = text.endswith(" ")
            out.append(replace(seg, text=text))
        elif seg.kind in ("br", "tab"):
            _trim_end(out)
            after_space = True
            out.append(seg)
        else:
            after_space = False
            out.append(seg)
    _trim_end(out)
    return out


def _trim_end(out: list[Segment]) -> None:
    while out and out[-1].kind == "text" and out[-1].text.endswith(" "):
        text = out[-1].text.rstrip(" ")
        if text:
            out[-1] = replace(out[-1], text=text)
            return
        out.pop()


def emit(paragraph, segs: list[Segment], ctx: RenderContext) -> None:
    """Append *segs* (collapsed here) to *paragraph* as runs."""
    p = paragraph._p
    wrapper_key: tuple = (None, None)
    container = p
    for seg in collapse(segs):
        key = (seg.href, seg.change)
        if key != wrapper_key:
            container = p
            if seg.href:
                link = ooxml.hyperlink(paragraph, seg.href)
                p.append(link)
                container = link
            if seg.change:
                mark = ooxml.revision(seg.change, ctx.revision_id(), REVISION_AUTHOR,
                                      ctx.revision_date)
                container.append(mark)
                container = mark
            wrapper_key = key
        run = _run(paragraph, seg, ctx)
        if run is not None and container is not p:
            container.append(run._r)


def _run(paragraph, seg: Segment, ctx: RenderContext):
    if seg.kind == "field":
        ooxml.add_field(paragraph, seg.text, "1")
        return None
    if seg.kind == "note":
        note_id, note = ctx.new_footnote()
        emit(note, segments(content(seg.node)), ctx)
        run = paragraph.add_run(style=style_name("footnote-call"))
        ooxml.add_footnote_reference(run, note_id)
        return run
    run = paragraph.add_run(seg.text if seg.kind == "text" else None)
    if seg.kind == "br":
        run.add_break()
    elif seg.kind == "tab":
        run.add_tab()
    if seg.style:
        run.style = style_name(seg.style)
    elif seg.href:
        run.style = style_name("a")
    if seg.bold:
        run.bold = True
    if seg.italic:
        run.italic = True
    if seg.change == "del":
        ooxml.mark_deleted(run)
    return run
