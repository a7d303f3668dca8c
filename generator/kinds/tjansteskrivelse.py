"""The tjänsteskrivelse: a case's main paper, written in its ``arende.yaml``.

The house's register names it ('Tjänsteskrivelse', 'Tjänsteutlåtande'); that name
is its type label and, as ASCII, its file name after the case prefix.
"""

from __future__ import annotations

import datetime as dt

import re
from typing import Literal

from pydantic import Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from generator.errors import WARNING, Problem
from generator.kinds import Identity, PaperKind, register_kind
from generator.limits import MAX_LIST_ITEMS
from generator.load.source import Source, dotted
from generator.model.checks import strings
from generator.model.hints import did_you_mean
from generator.model.plan import (Attachment, Attestation, Date, PaperModel, Person, Proposal,
                                  RelatedDocument, Section, Text, TrackedChanges, attachment_number,
                                  register_of, unknown_name)
from generator.model.register import BLOCKS, Register
from generator.naming import slug

# 'bilaga 6' refers to bilaga 6; 'Bilaga 6:1' (or 6.1) is a place marker of another
# register's numbering, not a reference to one of this case's bilagor.
BILAGA_REFERENCE = re.compile(r"\bbilaga\s+(\d+)\b(?![:.]\d)", re.IGNORECASE)


# The case's attribute holding each block of the paper (register.BLOCKS).
BLOCK_ATTRIBUTES = {"förslag till beslut": "proposal", "avsnitt": "sections", "underskrifter": "signatures",
                    "bilagor": "attachments", "attesterat": "attestations", "relaterade dokument": "related"}


class Case(PaperModel):
    """The tjänsteskrivelse: the case's main paper, written in the case's ``arende.yaml``."""

    kind: Literal["tjänsteskrivelse"] = Field("tjänsteskrivelse", alias="typ")
    house: Text = Field(alias="hus")
    department: Text = Field(alias="förvaltning")
    officers: list[Person] = Field(alias="handläggare", min_length=1)
    date: Date = Field(alias="datum")
    dnr: str | None = Field(None, alias="diarienummer", validate_default=True)
    board: Text = Field(alias="nämnd")
    meeting: Date | None = Field(None, alias="sammanträde")
    item: int | None = Field(None, alias="ärendenummer", ge=1)
    title: Text = Field(alias="titel")
    subtitle: str | None = Field(None, alias="undertitel")
    proposal: Proposal | None = Field(None, alias="förslag till beslut", validate_default=True)
    sections: list[Section] = Field(default_factory=list, alias="avsnitt", validate_default=True, max_length=MAX_LIST_ITEMS)
    signatures: list[Person] = Field(default_factory=list, alias="underskrifter", validate_default=True)
    attachments: list[Attachment] = Field(default_factory=list, alias="bilagor", validate_default=True)
    attestations: list[Attestation] = Field(default_factory=list, alias="attesterat", validate_default=True)
    related: list[RelatedDocument] = Field(default_factory=list, alias="relaterade dokument", validate_default=True)
    tracked_changes: TrackedChanges | None = Field(None, alias="spårade ändringar")

    def attachment_numbers(self) -> list[int]:
        """Each bilaga's number, in list order."""
        return [attachment_number(a.number, i) for i, a in enumerate(self.attachments)]

    def blocks(self, order: list[str]) -> list[tuple[str, list[Section]]]:
        """The paper's blocks after its title in the house's *order* (see
        :data:`generator.model.register.BLOCKS`), each with the sections it prints: a
        section with a key the order names stands in that place, every other one
        under 'avsnitt'. Blocks are found by key, never by heading text or position."""
        placed = {section.key for section in self.sections if section.key in order}
        result: list[tuple[str, list[Section]]] = []
        for entry in order:
            if entry == "avsnitt":
                result.append((entry, [s for s in self.sections if s.key not in placed]))
            elif entry in BLOCKS:
                result.append((entry, []))
            else:
                result.append(("avsnitt", [s for s in self.sections if s.key == entry]))
        return result

    def change_signature(self) -> tuple[str, dt.datetime]:
        """The author and (wall-clock) time of the revisions in every paper of the case:
        as 'spårade ändringar' says, else the first handläggare on the case's date."""
        given = self.tracked_changes or TrackedChanges()
        day = given.date or self.date
        return (given.author or self.officers[0].name,
                dt.datetime.combine(day, given.time or dt.time(0, 0)))

    @field_validator("board", "department")
    @classmethod
    def _in_register(cls, value: str, info: ValidationInfo) -> str:
        """A nämnd or förvaltning is written as its abbreviation in the house register."""
        register = register_of(info)
        if register is None or info.field_name is None:
            return value
        kind, known = {"board": ("nämnd", register.boards),
                       "department": ("förvaltning", register.departments)}[info.field_name]
        if value not in known:
            raise unknown_name(kind, value, known)
        return value

    @field_validator(*BLOCK_ATTRIBUTES.values(), mode="after")
    @classmethod
    def _required_by_house(cls, value, info: ValidationInfo):
        """A block the house requires (kontroller: krävs) must be there and not empty;
        every other block may be left out."""
        register = register_of(info)
        if register is None or info.field_name is None:
            return value
        block = next(key for key, attr in BLOCK_ATTRIBUTES.items() if attr == info.field_name)
        if not value and block in register.checks.required:
            raise PydanticCustomError("missing", "fältet saknas")
        return value

    @field_validator("dnr", mode="after")
    @classmethod
    def _dnr_pattern(cls, value: str | None, info: ValidationInfo) -> str | None:
        register = register_of(info)
        if register is None:
            return value
        rule = register.dnr
        if value is None:
            if rule.required:
                raise PydanticCustomError(
                    "dnr_missing", "diarienummer krävs i {house}",
                    {"house": register.name, "hint": f"t.ex. {rule.example}"})
            return value
        if not rule.matches(value):
            raise PydanticCustomError(
                "dnr_pattern", "diarienumret '{value}' följer inte mönstret för {house}",
                {"value": value, "house": register.name, "hint": f"skrivs som {rule.example}"})
        return value


def check_case(case: Case, register: Register, source: Source, numbers: set[int]) -> list[Problem]:
    """Cross-field errors and warnings of the tjänsteskrivelse, as the house's
    ``kontroller:`` switch them."""
    found: list[Problem] = []

    def problem(path: tuple, message: str, hint: str = "", severity: str = "fel") -> None:
        found.append(Problem(source.locate(path), dotted(path), message, hint, severity))

    checks = register.checks
    if case.meeting and case.meeting < case.date:
        problem(("sammanträde",), f"sammanträdet {case.meeting} är före handlingens datum {case.date}",
                "handlingen skrivs före sammanträdet")
    if case.dnr:
        year, prefix = register.dnr.parts(case.dnr, case.date.year)
        if checks.dnr_year and year and year > case.date.year:
            problem(("diarienummer",), f"diarienumret är från {year} men handlingen är daterad {case.date}",
                    "ett ärende diarieförs innan handlingen skrivs")
        elif checks.dnr_year and year and year < case.date.year - 1:
            problem(("diarienummer",), f"diarienumret är från {year} men handlingen är daterad {case.date}",
                    "stämmer diarienumret?", WARNING)
        if checks.dnr_board and prefix and prefix != case.board and prefix in register.boards:
            problem(("diarienummer",), f"diarienumret hör till {register.boards[prefix]} men handlingen går till "
                    f"{register.boards[case.board]}", "stämmer nämnd och diarienummer?", WARNING)
    if checks.full_stop and case.proposal:
        for at, clauses in case.proposal.clause_lists():
            if not clauses[-1].rstrip().endswith("."):
                problem(("förslag till beslut", *at, len(clauses) - 1),
                        "den sista att-satsen slutar inte med punkt", severity=WARNING)
    found.extend(_check_section_keys(case, register, source))
    for path, text in strings(source.data):
        if path[:1] == ("bilagor",):
            continue
        for match in BILAGA_REFERENCE.finditer(text):
            if int(match.group(1)) not in numbers:
                problem(path, f"texten hänvisar till {match.group(0)}, som inte finns bland bilagorna",
                        "lägg till bilagan eller rätta numret")
    return found


def _check_section_keys(case: Case, register: Register, source: Source) -> list[Problem]:
    """A section key must be one the house's block order places, and stand once."""
    found = []
    seen: set[str] = set()
    for index, section in enumerate(case.sections):
        if section.key is None:
            continue
        path = ("avsnitt", index, "nyckel")
        if section.key not in register.section_keys:
            hint = (did_you_mean(section.key, register.section_keys) if register.section_keys
                    else f"{register.name} placerar inga avsnitt med nyckel (ordning: i hus.yaml)")
            found.append(Problem(source.locate(path), dotted(path),
                                 f"okänd avsnittsnyckel '{section.key}'", hint))
        elif section.key in seen:
            found.append(Problem(source.locate(path), dotted(path),
                                 f"nyckeln '{section.key}' står på två avsnitt", "varje nyckel placerar ett avsnitt"))
        seen.add(section.key)
    return found


def describe(case: Case, register: Register, number: int | None) -> Identity:
    return Identity(title=case.title, label=register.paper_type,
                    file_name=slug(register.paper_type).lower(), date=case.date, dnr=case.dnr)


KIND = register_kind(PaperKind(
    typ="tjänsteskrivelse",
    model=Case,
    template="tjansteskrivelse",
    main=True,
    default=True,
    describe=describe,
    check=check_case,
    schema="arende.schema.json",
    schema_title="Tjänsteskrivelse (arende.yaml)",
))
