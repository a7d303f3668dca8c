"""Lines pasted from Word that look like list items: what becomes a list, and a warning
for the ones that stay text.

compose.markdown turns Word's pasted lists into Markdown lists (``pasted_lists``); a
line that looks like an item but is left as text (a lone 'o ' line, a '2) ' line in
the middle of a paragraph, '1) ' at the start of an att-clause the paper numbers or
marks already) prints its marker as it is. That is said with the line, as a warning.
"""

from __future__ import annotations

import re

from generator.errors import WARNING, Problem
from generator.load.source import Source, dotted

# A list item as Word's plain text has it when pasted: a bullet character ('•', '–',
# '—', '▪', '·'), Word's second-level 'o', or '-' followed by a no-break space; or a number
# with ')' or '.' (which Markdown takes as a list only at 1 or after an empty line).
# The loader has already made Word's tab after the marker a space.
PASTED_BULLET = re.compile(r"^( {0,3})(?:[•●▪◦·–—]|o(?= )|-(?=\u00a0))[ \u00a0]+(?=\S)")
PASTED_NUMBER = re.compile(r"^( {0,3})(\d{1,3})([.)])[ \u00a0]+(?=\S)")
MARKDOWN_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)]) ")
_WORD_O = re.compile(r"^ {0,3}o[ \u00a0]+(?=\S)")

# Fields printed as running text with paragraphs and lists (Markdown blocks): every
# 'text', and the handlingsplan's standard sections.
BLOCK_KEYS = ("text",)
TOP_BLOCK_KEYS = ("inledning", "syfte", "omfattning", "ansvar och uppföljning")
# One-line fields that are themselves items of a list the paper marks or numbers.
ITEM_LISTS = {"att": "varje att-sats står redan efter 'att'", "punkter": "punkterna numreras redan",
              "aktiviteter": "aktiviteterna blir redan en punktlista"}


def item_lines(lines: list[str]) -> list[bool]:
    """Which *lines* are pasted list items: a bullet always; Word's 'o' and a number only
    next to another item (a sentence wrapped before '1. januari' stays a sentence)."""
    items = [bool(PASTED_BULLET.match(line) or PASTED_NUMBER.match(line)) for line in lines]
    for index, line in enumerate(lines):
        if items[index] and (_WORD_O.match(line) or PASTED_NUMBER.match(line)):
            beside = (index > 0 and items[index - 1]) or (index + 1 < len(lines) and items[index + 1])
            items[index] = bool(beside)
    return items


def check_list_like_lines(source: Source, texts: list[tuple[tuple, str]]) -> list[Problem]:
    """A warning for each line that looks like a list item but will print as text."""
    found = []
    for path, text in texts:
        if path[-1:] == BLOCK_KEYS or (len(path) == 1 and path[0] in TOP_BLOCK_KEYS):
            found += _in_block(source, path, text)
        elif len(path) >= 2 and path[-2] in ITEM_LISTS and isinstance(path[-1], int):
            marker = PASTED_BULLET.match(text) or MARKDOWN_ITEM.match(text) or PASTED_NUMBER.match(text)
            if marker and "\n" not in text:
                shown = text[:marker.end()].strip()
                found.append(Problem(source.locate(path), dotted(path),
                                     f"raden börjar med '{shown}', som står kvar i handlingen "
                                     f"({ITEM_LISTS[path[-2]]})",
                                     f"ta bort '{shown}' i början av raden", WARNING))
    return found


def _in_block(source: Source, path: tuple, text: str) -> list[Problem]:
    lines = text.split("\n")
    items = item_lines(lines)
    found = []
    for index, line in enumerate(lines):
        if items[index]:
            continue
        previous = lines[index - 1] if index else ""
        inside = bool(previous.strip()) and not items[index - 1] and not MARKDOWN_ITEM.match(previous)
        word_o = _WORD_O.match(line)
        number = PASTED_NUMBER.match(line)
        # Markdown makes a list of a number at the start of a paragraph, or of 1 anywhere
        if word_o or (number and inside and number.group(2) != "1"):
            marker = word_o or number
            assert marker is not None
            shown = line[:marker.end()].strip()
            column = len(line) - len(line.lstrip()) + 1
            found.append(Problem(
                source.locate_in_text(path, index + 1, column), dotted(path),
                f"raden börjar med '{shown}' som en punkt i en lista, men blir vanlig text",
                "skriv listan med '- ' eller '1. ' på varje rad, med en tom rad före; "
                f"eller ta bort '{shown}'", WARNING))
    return found
