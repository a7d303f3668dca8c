"""Checks across fields of a validated case, beyond what each field's type says.

Errors here would make a wrong paper (a meeting before the paper's date, a
reference to a bilaga that does not exist); warnings point at what is probably
unfinished (a placeholder left in, an 'att'-clause list without its full stop).
Each finding is located at the value a person must look at.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from generator.errors import WARNING, Problem
from generator.load.source import Source, dotted
from generator.model.hints import did_you_mean
from generator.model.plan import Case
from generator.model.register import Register

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
BILAGA_REFERENCE = re.compile(r"\bbilaga\s+(\d+)\b", re.IGNORECASE)


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


def check_case(case: Case, register: Register, source: Source, numbers: set[int]) -> list[Problem]:
    """Cross-field errors and warnings of the tjänsteskrivelse."""
    found: list[Problem] = []

    def problem(path: tuple, message: str, hint: str = "", severity: str = "fel") -> None:
        found.append(Problem(source.locate(path), dotted(path), message, hint, severity))

    if case.meeting and case.meeting < case.date:
        problem(("sammanträde",), f"sammanträdet {case.meeting} är före handlingens datum {case.date}",
                "handlingen skrivs före sammanträdet")
    if case.dnr:
        match = re.fullmatch(register.dnr.pattern, case.dnr)
        groups = match.groupdict() if match else {}
        year = groups.get("år")
        if year and int(year) > case.date.year:
            problem(("diarienummer",), f"diarienumret är från {year} men handlingen är daterad {case.date}",
                    "ett ärende diarieförs innan handlingen skrivs")
        elif year and int(year) < case.date.year - 1:
            problem(("diarienummer",), f"diarienumret är från {year} men handlingen är daterad {case.date}",
                    "stämmer diarienumret?", WARNING)
        prefix = groups.get("nämnd")
        if prefix and prefix != case.board and prefix in register.boards:
            problem(("diarienummer",), f"diarienumret hör till {register.boards[prefix]} men handlingen går till "
                    f"{register.boards[case.board]}", "stämmer nämnd och diarienummer?", WARNING)
    if case.proposal.clauses and not case.proposal.clauses[-1].rstrip().endswith("."):
        last = len(case.proposal.clauses) - 1
        problem(("förslag till beslut", "att", last), "den sista att-satsen slutar inte med punkt",
                severity=WARNING)
    for path, text in strings(source.data):
        if path[:1] == ("bilagor",):
            continue
        for match in BILAGA_REFERENCE.finditer(text):
            if int(match.group(1)) not in numbers:
                problem(path, f"texten hänvisar till {match.group(0)}, som inte finns bland bilagorna",
                        "lägg till bilagan eller rätta numret")
    return found


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


def check_text(source: Source) -> list[Problem]:
    """Warnings any plan file can earn: placeholders left in, tidplaner in no known form."""
    found = []
    for path, text in strings(source.data):
        placeholders = PLACEHOLDER.findall(text)
        for placeholder in placeholders:
            found.append(Problem(source.locate(path), dotted(path), f"platshållaren '{placeholder}' är kvar",
                                 "fyll i eller ta bort", WARNING))
        if placeholders:
            continue
        is_schedule = path[-1:] == ("tidplan",) and path[-3:-2] == ("åtgärder",)  # not a column heading
        if is_schedule and not SCHEDULE_FORMS.fullmatch(text.strip()):
            guess = did_you_mean(text.strip().capitalize(), SCHEDULE_WORDS, listing=False)
            found.append(Problem(source.locate(path), dotted(path), f"tidplanen '{text}' har ingen känd form",
                                 guess or SCHEDULE_HINT, WARNING))
    return found
