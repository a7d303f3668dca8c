"""Checks any plan file gets, beyond what each field's type says.

Errors here would make a wrong paper (a character the house's fonts cannot draw);
warnings point at what is probably unfinished (a placeholder left in, a tidplan in
no known form). Each finding is located at the value a person must look at. A kind
of paper's own cross-field checks are in its module of :mod:`generator.kinds`.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from generator.errors import ERROR, WARNING, Problem
from generator.load.source import Source, dotted
from generator.model.footnotes import check_footnotes
from generator.model.hints import did_you_mean
from generator.model.pasted import check_list_like_lines

# The forms a tidplan is written in; anything else is probably a slip ('Pågå').
SCHEDULE_FORMS = re.compile(
    r"(?:\d{4}(?:-\d{2}(?:-\d{2})?)?"                        # 2019, 2019-05, 2019-05-31
    r"|\d{4}\s*-\s*\d{4}"                                     # 2018-2020, 2018 - 2020
    r"|(?:VT|HT|Q[1-4]|kvartal [1-4]) \d{4}"                   # HT 2019, Q1 2020
    r"|(?:Pågår|Löpande|Kontinuerligt|Årligen|Klart)(?: kontinuerligt| löpande)?)",
    re.IGNORECASE)
SCHEDULE_HINT = ("skrivs t.ex. 2019, 2018-2020, 2019-05, HT 2019, Q1 2020, Pågår, Löpande, "
                 "Årligen eller Klart")
SCHEDULE_WORDS = ["Pågår", "Löpande", "Kontinuerligt", "Årligen", "Klart"]

# Text the scaffold leaves for staff to fill in, and placeholders people write by hand.
PLACEHOLDER = re.compile(r"«[^»]*»|\b(?:TODO|FIXME|XXXX)\b|\b\d{4}-xx-xx\b|\bxx-xx\b", re.IGNORECASE)


def strings(data: Any, at: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every text value in plain YAML data, with its path."""
    if isinstance(data, str):
        yield at, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, at + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings(value, at + (index,))


def check_glyphs(source: Source, house) -> list[Problem]:
    """An error for every character the house's fonts cannot draw: never a box on paper."""
    found = []
    for path, text in strings(source.data):
        missing = house.covers(text)
        if missing:
            shown = ", ".join(f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, '')})".replace(" )", ")")
                              for c in missing)
            found.append(Problem(source.locate(path), dotted(path),
                                 f"husets typsnitt saknar tecknet {shown}",
                                 "byt ut tecknet, eller lägg till ett typsnitt som har det i husets mapp fonts/"))
    return found


def without_shadowed_warnings(problems: list[Problem]) -> list[Problem]:
    """Drop a warning where an error already points at the same value: one message a spot."""
    errors = {p.location for p in problems if not p.is_warning}
    return [p for p in problems if not (p.is_warning and p.location in errors)]


PLACEHOLDER_MESSAGE = "platshållaren '{}' är kvar"
PLACEHOLDER_HINT = "fyll i eller ta bort"
FINAL_HINT = "fyll i, eller bygg ett utkast med 'arende build --utkast' (eller status: utkast)"


def as_final(problem: Problem) -> Problem:
    """A placeholder left in (see :func:`is_placeholder`) as a final build sees it: an error."""
    return dataclasses.replace(problem, severity=ERROR, hint=FINAL_HINT)


def as_draft(problem: Problem) -> Problem:
    """A placeholder left in as a draft sees it: a warning."""
    return dataclasses.replace(problem, severity=WARNING, hint=PLACEHOLDER_HINT)


def is_placeholder(problem: Problem) -> bool:
    """Whether *problem* is a placeholder «like this» left in (see :func:`check_text`):
    the scaffold's own, which no final paper may carry. TODO and 2018-xx-xx stay
    warnings (a published paper may print 'Beslutad 2018-xx-xx' on purpose)."""
    prefix, suffix = PLACEHOLDER_MESSAGE.split("{}")
    return problem.message.startswith(prefix + "«") and problem.message.endswith(suffix)


def check_text(source: Source, schedules: bool = True) -> list[Problem]:
    """What any plan file can earn: footnote mistakes (errors); list-like lines that stay
    text, placeholders left in and (where *schedules*, the house's 'tidplanens form')
    tidplaner in no known form, in a tidplan column only (warnings)."""
    texts = list(strings(source.data))
    found = check_footnotes(source, texts) + _empty_content(source, texts) \
        + check_list_like_lines(source, texts)
    for path, text in texts:
        placeholders = PLACEHOLDER.findall(text)
        for placeholder in placeholders:
            found.append(Problem(source.locate(path), dotted(path), PLACEHOLDER_MESSAGE.format(placeholder),
                                 PLACEHOLDER_HINT, WARNING))
        if placeholders or not text.strip():   # only spaces: warned about once, above
            continue
        is_schedule = path[-1:] == ("tidplan",) and path[-3:-2] == ("åtgärder",)  # not a column heading
        if schedules and is_schedule and not SCHEDULE_FORMS.fullmatch(text.strip()):
            guess = did_you_mean(text.strip().capitalize(), SCHEDULE_WORDS, listing=False)
            found.append(Problem(source.locate(path), dotted(path), f"tidplanen '{text}' har ingen känd form",
                                 guess or SCHEDULE_HINT, WARNING))
    return found


def _empty_content(source: Source, texts: list[tuple[tuple, str]]) -> list[Problem]:
    """Warnings for text that would print as nothing, or twice: a value of only spaces
    (an empty cell or paragraph on paper) and an 'att'-clause that starts with 'att'
    (the paper writes 'att' before every clause: 'att att')."""
    found = []
    for path, text in texts:
        if text and not text.strip():
            found.append(Problem(source.locate(path), dotted(path),
                                 "texten består bara av mellanslag och blir tom i handlingen",
                                 "skriv texten, eller ta bort fältet", WARNING))
        elif path[-2:-1] == ("att",) and isinstance(path[-1], int) \
                and re.match(r"att\s", text.lstrip(), re.IGNORECASE):
            found.append(Problem(source.locate(path), dotted(path),
                                 "att-satsen börjar med 'att'; handlingen skriver redan 'att' före "
                                 "varje sats, så det blir 'att att'",
                                 "ta bort 'att' i början av satsen", WARNING))
    return found
