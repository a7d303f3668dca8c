"""Long words in table cells, made breakable for the PDF layout only.

A word longer than its column (a URL, a compound of compounds) must wrap inside
its cell, not push the table off the page. CSS says so with ``overflow-wrap:
anywhere``, which also makes the word's every character a break opportunity when
the table's column widths are measured. WeasyPrint 70 measures a cell's narrowest
width by breaking its text line by line at every opportunity and laying out the rest
of the text again after each break, so with ``anywhere`` on a whole cell the cost
grows with the square of the cell's length: two thirds of a seed's layout time, and
three quarters of a 1,000-row plan's.

So the house CSS gives cells ``overflow-wrap: break-word`` (break a word only when it
does not fit, and measure by whole words), and here, on the parsed paper just before
layout, each word of :data:`LONG_WORD` characters or more inside a table cell is put
in a ``span`` of its own with ``overflow-wrap: anywhere``: only those words are
measured character by character, and only their own characters. Shorter words are
narrower than the narrowest column of the shipped houses (18 % of the text width at
9.5 pt: about 75 pt; 16 characters of Liberation Sans are about 70 pt).

The paper HTML itself (the contract of both writers) is not changed; Word wraps long
words in table cells by itself.
"""

from __future__ import annotations

import re

LONG_WORD = 16
_LONG = re.compile(r"\S{%d,}" % LONG_WORD)
_CELLS = ("td", "th")
_SPAN_STYLE = "overflow-wrap: anywhere"


def let_long_words_break(root) -> int:
    """Wrap each long word in a table cell of the ElementTree *root*; return how many."""
    wrapped = 0
    for tag in _CELLS:
        for cell in root.iter(tag):
            wrapped += _wrap_text(cell)
    return wrapped


def _wrap_text(element) -> int:
    """Wrap the long words of *element*'s own text, its descendants' text and their tails."""
    wrapped = 0
    for child in list(element):
        wrapped += _wrap_text(child)
        wrapped += _split(element, child, "tail")
    if element.text:
        wrapped += _split(element, None, "text")
    return wrapped


def _split(parent, child, attribute: str) -> int:
    """Split the text (*child* None) or *child*'s tail into text and long-word spans."""
    owner = parent if child is None else child
    text = getattr(owner, attribute)
    if not text or not _LONG.search(text):
        return 0
    pieces = _LONG.split(text)
    words = _LONG.findall(text)
    setattr(owner, attribute, pieces[0])
    # New spans go where the text was: first among the parent's children for its text,
    # right after the child whose tail it was.
    index = 0 if child is None else list(parent).index(child) + 1
    for offset, (word, after) in enumerate(zip(words, pieces[1:])):
        span = parent.makeelement("span", {"style": _SPAN_STYLE})
        span.text = word
        span.tail = after
        parent.insert(index + offset, span)
    return len(words)
