"""Phrasing content (text, bold, italics, links, line breaks, revisions, footnote
calls, page fields, document-property fields) as Word runs.

Runs are made in two steps. First the HTML is flattened into segments that carry
their marks (bold, italic, link, inserted/deleted) and whitespace is collapsed the
way a browser collapses it, across element boundaries, so the DOCX has exactly
the spaces the PDF shows. Then each segment becomes a run, wrapped in a
w:hyperlink and/or w:ins/w:del where its marks say so.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from generator.errors import RenderFailure
from generator.writers.docx import ooxml
from generator.writers.docx.context import REVISION_AUTHOR, RenderContext
from generator.writers.docx.properties import shown_value
from generator.writers.docx.styles import style_name
from generator.vocabulary import describe, role_of

_SPACE = re.compile(r"[ \t\n\r\f]+")   # HTML's collapsible whitespace (not NBSP)
_FIELDS = {"span.page-current": "PAGE", "span.page-total": "NUMPAGES"}
# Elements that only group their content; their text flows on unchanged.
_TRANSPARENT = {"span.header-text", "span.header-text-later", "span.page-number"}


@dataclass(frozen=True)
class Segment:
    """A piece of a paragraph: text, a break, a tab, a footnote call or a field."""

    kind: str                    # "text", "br", "tab", "note", "field"
    text: str = ""               # the text, or a field's instruction
    result: str | None = None    # a field's cached result, when the HTML gives it
    bold: bool = False
    italic: bool = False
    href: str | None = None
    change: str | None = None    # "ins" or "del"
    author: str | None = None    # a revision's author and w:date, when the HTML gives them
    date: str | None = None
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
            _collect(inner, replace(marks, change=role, author=item.get("data-author"),
                                    date=_revision_date(item)), out)
        elif role == "span.footnote":
            out.append(replace(marks, kind="note", text="", node=item))
        elif role == "span.att":
            # 'att' hangs in the margin: the space after it becomes the tab to the text.
            _collect(inner, replace(marks, style="span.att"), out)
            out.append(replace(marks, kind="tab", text=""))
        elif role in _FIELDS:
            out.append(replace(marks, kind="field", text=_FIELDS[role]))
        elif role == "span.doc-property":
            _property_field(item, marks, out)
        elif role in _TRANSPARENT:
            _collect(inner, marks, out)
        else:
            raise RenderFailure(f"DOCX: {describe(item)} kan inte stå i löptext")


def _property_field(element, marks: Segment, out: list[Segment]) -> None:
    """A span.doc-property as a DOCPROPERTY field showing its text; the spaces at its
    edges stay outside the field, where whitespace collapsing sees them."""
    text = element.text or ""
    if text[:1].isspace():
        out.append(replace(marks, kind="text", text=" "))
    out.append(replace(marks, kind="field", text=ooxml.property_field(element.get("data-property").strip()),
                       result=shown_value(element)))
    if text[-1:].isspace():
        out.append(replace(marks, kind="text", text=" "))


def _revision_date(element) -> str | None:
    """A revision's data-date as Word's w:date. Word reads w:date as wall-clock time
    despite its 'Z' (and keeps the real instant in w16du:dateUtc), so the time the
    plan gives is written as it is."""
    raw = element.get("data-date")
    if raw is None:
        return None
    try:
        when = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise RenderFailure(f"DOCX: data-date='{raw}' på {describe(element)} är ingen "
                            "tidpunkt (ÅÅÅÅ-MM-DDTTT:MM)") from None
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


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


# --- spaces around revisions -------------------------------------------------------

_WORD_CHAR = re.compile(r"\w")


def own_spaces(segs: list[Segment]) -> list[Segment]:
    """Move the spaces that separate revisions from the text into the revisions, so
    that accepting or rejecting all changes leaves single spaces.

    "I ⟨ins⟩samråd⟨/ins⟩ ⟨del⟩dialog⟨/del⟩ med" becomes "I ⟨ins⟩samråd ⟨/ins⟩⟨del⟩dialog
    ⟨/del⟩med": accepted it reads "I samråd med", rejected "I dialog med", and marked
    up still "samråd dialog". A revision takes the space after it (or, at the end of
    a sentence, the one before it: "I⟨del⟩ dialog⟨/del⟩⟨ins⟩ samråd⟨/ins⟩.") only where
    it stands as a word of its own; part of a word ("samråd⟨del⟩et⟨/del⟩") keeps its
    neighbours as they are. *segs* are collapsed (see :func:`collapse`).
    """
    items: list[list[Segment]] = []   # a revision's segments, or one unchanged segment
    for seg in segs:
        if seg.change and items and _revision(items[-1][0]) == _revision(seg):
            items[-1].append(seg)
        else:
            items.append([seg])
    out: list[list[Segment]] = []
    i = 0
    while i < len(items):
        if not items[i][0].change:
            out.append(items[i])
            i += 1
            continue
        # A group: revisions one after the other, or with only a space between them.
        units, j = [items[i]], i + 1
        gaps: list[list[Segment] | None] = []
        while j < len(items):
            if items[j][0].change:
                units.append(items[j])
                gaps.append(None)
                j += 1
            elif _is_space(items[j]) and j + 1 < len(items) and items[j + 1][0].change:
                units.append(items[j + 1])
                gaps.append(items[j])
                j += 2
            else:
                break
        before = out.pop() if out else None
        after = items[j] if j < len(items) else None
        before, units, gaps, after = _spread(before, units, gaps, after)
        out += [before] if before else []
        for unit, gap in zip(units, gaps + [None]):
            out += [unit] + ([gap] if gap else [])
        out += [after] if after else []
        i = j + 1
    return [seg for item in out for seg in item]


def _spread(before, units, gaps, after):
    """One group of revisions with its spaces moved in (see :func:`own_spaces`)."""
    units = [list(unit) for unit in units]
    n = len(units)
    if _starts_with_space(after) or _text_of(units[-1]).endswith(" "):
        # Each revision standing as a word takes the space after it.
        for k in range(n):
            left_open = (_kind_at_end(before) != "word" if k == 0
                         else gaps[k - 1] is not None or _text_of(units[k - 1]).endswith(" "))
            if not left_open:
                continue
            if k < n - 1 and gaps[k] is not None:
                gaps[k] = None
            elif k == n - 1 and _starts_with_space(after):
                after = _strip(after, leading=True)
            else:
                continue
            units[k] = _add_space(units[k], at_end=True)
    else:
        # Nothing but punctuation or the paragraph's end after the group: each
        # revision standing as a word takes the space before it.
        for k in reversed(range(n)):
            right_open = (_kind_at_start(after) == "edge" if k == n - 1
                          else gaps[k] is not None or _text_of(units[k + 1]).startswith(" "))
            if not right_open:
                continue
            if k > 0 and gaps[k - 1] is not None:
                gaps[k - 1] = None
            elif k == 0 and _kind_at_end(before) == "space":
                before = _strip(before, leading=False)
            else:
                continue
            units[k] = _add_space(units[k], at_end=False)
    return before, units, gaps, after


def _revision(seg: Segment):
    """What makes runs one revision: its kind, author and date."""
    return seg.change, seg.author, seg.date


def _is_space(item: list[Segment]) -> bool:
    return len(item) == 1 and item[0].kind == "text" and item[0].text == " "


def _text_of(item) -> str:
    return "".join(seg.text for seg in item if seg.kind == "text") if item else ""


def _starts_with_space(item) -> bool:
    return bool(item) and item[0].kind == "text" and item[0].text.startswith(" ")


def _kind_at_end(item) -> str:
    """What ends the text before a revision: 'space', a 'word' character, or an 'edge'
    (the paragraph's start, punctuation, a line break or tab)."""
    return _kind(item[-1] if item else None, -1)


def _kind_at_start(item) -> str:
    return _kind(item[0] if item else None, 0)


def _kind(seg: Segment | None, index: int) -> str:
    if seg is None or seg.kind in ("br", "tab"):
        return "edge"
    if seg.kind != "text":
        return "word"    # a footnote call or field sticks to its word
    char = seg.text[index]
    return "space" if char == " " else "word" if _WORD_CHAR.match(char) else "edge"


def _strip(item: list[Segment], leading: bool) -> list[Segment] | None:
    """*item* without the space at its start (or end); None when nothing is left."""
    seg = item[0] if leading else item[-1]
    text = seg.text[1:] if leading else seg.text[:-1]
    rest = item[1:] if leading else item[:-1]
    if text:
        rest = [replace(seg, text=text)] + rest if leading else rest + [replace(seg, text=text)]
    return rest or None


def _add_space(unit: list[Segment], at_end: bool) -> list[Segment]:
    """A revision's segments with a space added at its end (or start)."""
    index = -1 if at_end else 0
    seg = unit[index]
    if seg.kind != "text":
        space = replace(seg, kind="text", text=" ", node=None)
        return unit + [space] if at_end else [space] + unit
    text = seg.text + " " if at_end else " " + seg.text
    return unit[:-1] + [replace(seg, text=text)] if at_end else [replace(seg, text=text)] + unit[1:]


def emit(paragraph, segs: list[Segment], ctx: RenderContext) -> None:
    """Append *segs* (collapsed here, spaces moved into revisions) to *paragraph* as runs."""
    p = paragraph._p
    wrapper_key: tuple = (None, None)
    container = p
    for seg in own_spaces(collapse(segs)):
        key = (seg.href, _revision(seg) if seg.change else None)
        if key != wrapper_key:
            container = p
            if seg.href:
                link = ooxml.hyperlink(paragraph, seg.href)
                p.append(link)
                container = link
            if seg.change:
                mark = ooxml.revision(seg.change, ctx.revision_id(),
                                      seg.author or REVISION_AUTHOR,
                                      seg.date or ctx.revision_date)
                container.append(mark)
                container = mark
            wrapper_key = key
        run = _run(paragraph, seg, ctx)
        if run is not None and container is not p:
            container.append(run._r)


def _run(paragraph, seg: Segment, ctx: RenderContext):
    if seg.kind == "field":
        result = seg.result if seg.result is not None else ctx.field_result(seg.text,
                                                                             paragraph.part)
        run = ooxml.add_field(paragraph, seg.text, result)
        if run is not None:
            _format(run, seg)
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
    _format(run, seg)
    if seg.change == "del":
        ooxml.mark_deleted(run)
    return run


def _format(run, seg: Segment) -> None:
    """Give *run* the character style and the bold and italics *seg* is marked with."""
    if seg.style:
        run.style = style_name(seg.style)
    elif seg.href:
        run.style = style_name("a")
    if seg.bold:
        run.bold = True
    if seg.italic:
        run.italic = True
