"""Text fields as Markdown, rendered by markdown-it-py into the paper's HTML vocabulary.

Only what a committee paper needs is switched on: paragraphs, line breaks, bold,
italics, bullet and numbered lists, links, footnotes, and revision marks
(``~~struck~~`` → ``<del>``, ``++inserted++`` → ``<ins>``). Raw HTML is escaped, and
images, headings, code and rules are off: a text field cannot fetch a file, break
the paper's heading structure or slip in markup the DOCX writer does not know.

Revision marks carry who made them and when (``<ins data-author="…" data-date="…">``),
from :func:`revisions_signed` around the rendering of a case's papers; the DOCX
writer makes them the tracked changes' author and date.

Footnotes are rendered where they are called, as ``<span class="footnote">``: the
PDF writer floats them to the foot of the page (CSS ``float: footnote``) and the
DOCX writer makes them Word footnotes, so both number them per paper by themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import OptionsDict
from markupsafe import Markup, escape
from mdit_py_plugins.footnote import footnote_plugin

from generator.model.pasted import MARKDOWN_ITEM, PASTED_BULLET, PASTED_NUMBER, item_lines

_DISABLED = ["image", "heading", "lheading", "code", "fence", "hr", "html_block",
             "html_inline", "blockquote", "reference", "backticks"]


# The attributes of every <ins> and <del> rendered now (see revisions_signed).
_SIGNATURE: ContextVar[str] = ContextVar("revision_signature", default="")


@contextmanager
def revisions_signed(author: str, when: dt.datetime) -> Iterator[None]:
    """Within this block, revision marks say that *author* made them at *when*
    (wall-clock time, to the minute)."""
    token = _SIGNATURE.set(f' data-author="{escape(author)}"'
                           f' data-date="{when.isoformat(timespec="minutes")}"')
    try:
        yield
    finally:
        _SIGNATURE.reset(token)


def _revision_tag(tag: str):
    return lambda *args: f"<{tag}{_SIGNATURE.get()}>"


def _insertion(state: StateInline, silent: bool) -> bool:
    """``++text++`` as an insertion, parsed like a link's label (nested inline allowed)."""
    src, start = state.src, state.pos
    if not src.startswith("++", start):
        return False
    end = src.find("++", start + 2)
    if end <= start + 2 or end > state.posMax - 2:
        return False
    if not silent:
        state.push("ins_open", "ins", 1)
        old_max = state.posMax
        state.pos, state.posMax = start + 2, end
        state.md.inline.tokenize(state)
        state.posMax = old_max
        state.push("ins_close", "ins", -1)
    state.pos = end + 2
    return True


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.use(footnote_plugin)
    md.enable("strikethrough")
    md.disable(_DISABLED)
    md.inline.ruler.before("strikethrough", "insertion", _insertion)
    md.add_render_rule("footnote_ref", _render_footnote_ref)
    # A struck word in a paper is a deletion, not a stylistic strike-through.
    md.add_render_rule("s_open", _revision_tag("del"))
    md.add_render_rule("s_close", lambda *args: "</del>")
    md.add_render_rule("ins_open", _revision_tag("ins"))
    return md


def _render_footnote_ref(self, tokens, idx, options, env):
    body = env["footnote_bodies"].get(tokens[idx].meta["id"], "")
    return f'<span class="footnote">{body}</span>'


def pasted_lists(text: str) -> str:
    """*text* with lists pasted from Word written as Markdown lists, so that they are lists
    on paper instead of lines run together into one paragraph.

    A line starting with Word's 'o' or a number is taken as an item only next to another
    item, so that a sentence wrapped before '1. januari' stays a sentence. In Word each item
    is a paragraph of its own, so the line after the last item starts a new paragraph."""
    lines = text.split("\n")
    items = item_lines(lines)
    out: list[str] = []
    for index, line in enumerate(lines):
        if not items[index]:
            out.append(line)
            continue
        number = PASTED_NUMBER.match(line)
        if number:
            line = f"{number.group(1)}{number.group(2)}{number.group(3)} " + line[number.end():]
        else:
            bullet = PASTED_BULLET.match(line)
            assert bullet is not None
            line = f"{bullet.group(1)}- " + line[bullet.end():]
        previous = out[-1] if out else ""
        if previous.strip() and not (index > 0 and items[index - 1]) and not MARKDOWN_ITEM.match(previous):
            out.append("")   # a list cannot start inside a paragraph
        out.append(line)
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if following.strip() and not items[index + 1] and not following.startswith(" "):
            out.append("")
    return "\n".join(out)


def render_block(text: str | None) -> Markup:
    """A Markdown text field as block HTML (paragraphs and lists), footnotes in place."""
    if not text:
        return Markup("")
    md = _parser()
    env: dict = {}
    tokens = md.parse(pasted_lists(text), env)
    body_tokens, bodies = _split_footnotes(md, tokens, env)
    env["footnote_bodies"] = bodies
    return Markup(md.renderer.render(body_tokens, md.options, env))


def render_inline(text: str | None) -> Markup:
    """A one-line Markdown field (a table cell, an 'att'-clause) as inline HTML."""
    if not text:
        return Markup("")
    md = _parser()
    env: dict = {"footnote_bodies": {}}
    return Markup(md.renderInline(text, env))


def render_cell(text: str | None, prose: bool) -> Markup:
    """A table cell: in a prose column as block HTML (paragraphs, lists), else as inline
    HTML; in both, a line break in the text is kept as one (a hard break)."""
    if not text:
        return Markup("")
    md = _parser()
    options = OptionsDict({**md.options, "breaks": True})  # type: ignore[typeddict-item]
    if not prose and "[^" not in text:
        return Markup(md.renderer.render(md.parseInline(text, {}), options, {"footnote_bodies": {}}))
    env: dict = {}
    tokens = md.parse(text, env)
    body_tokens, bodies = _split_footnotes(md, tokens, env)
    env["footnote_bodies"] = bodies
    if not prose:
        return _one_line(md, text, body_tokens, options, env)
    return Markup(md.renderer.render(body_tokens, options, env))


def _one_line(md: MarkdownIt, text: str, body: list[Token], options, env: dict) -> Markup:
    """A cell of a column that is not prose, whose text has footnotes: its definitions
    (lines of their own, which only a block parse finds) taken out and each reference
    made a footnote, the rest inline as in any such cell; paragraphs are kept apart by
    an empty line, as the inline rendering of their text would."""
    if any(token.type not in ("paragraph_open", "paragraph_close", "inline") for token in body):
        # Lists and the like: inline, as without footnotes (the plan check reports the
        # footnote, see generator/model/footnotes.py).
        return Markup(md.renderer.render(md.parseInline(text, {}), options, {"footnote_bodies": {}}))
    parts = [md.renderer.render(token.children or [], options, env) for token in body if token.type == "inline"]
    return Markup("<br />\n<br />\n".join(parts))


def _split_footnotes(md: MarkdownIt, tokens: list[Token], env: dict):
    """Separate the footnote definitions from the text, rendering each definition inline."""
    body: list[Token] = []
    bodies: dict[int, str] = {}
    current: int | None = None
    parts: list[str] = []
    depth = 0
    for token in tokens:
        if token.type == "footnote_block_open":
            depth += 1
            continue
        if token.type == "footnote_block_close":
            depth -= 1
            continue
        if depth == 0:
            body.append(token)
            continue
        if token.type == "footnote_open":
            current, parts = token.meta["id"], []
        elif token.type == "footnote_close" and current is not None:
            bodies[current] = " ".join(parts)
        elif token.type == "inline":
            children = [c for c in token.children or [] if c.type != "footnote_anchor"]
            # render() of inline tokens is renderInline(): the renderer protocol's one method
            parts.append(md.renderer.render(children, md.options, env).strip())
    return body, bodies
