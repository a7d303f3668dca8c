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
from generator.model.plan import (Attachment, Attestation, Date, PaperModel, Person, Proposal,
                                  RelatedDocument, Section, Text, TrackedChanges, attachment_number,
                                  register_of, unknown_name)
from generator.model.register import Register
from generator.model.status import Decision, Signing, Status
from generator.naming import slug

BILAGA_REFERENCE = re.compile(r"\bbilaga\s+(\d+)\b", re.IGNORECASE)


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
    proposal: Proposal = Field(alias="förslag till beslut")
    sections: list[Section] = Field(default_factory=list, alias="avsnitt", max_length=MAX_LIST_ITEMS)
    signatures: list[Person] = Field(alias="underskrifter", min_length=1)
    attachments: list[Attachment] = Field(default_factory=list, alias="bilagor")
    attestations: list[Attestation] = Field(default_factory=list, alias="attesterat")
    related: list[RelatedDocument] = Field(default_factory=list, alias="relaterade dokument")
    tracked_changes: TrackedChanges | None = Field(None, alias="spårade ändringar")
    # Status and marks (generator/model/status.py): a draft is watermarked "UTKAST".
    status: Status = Field("slutlig", alias="status")
    signed: Signing | None = Field(None, alias="signerad")
    decided: Decision | None = Field(None, alias="beslutad")
    revised: Date | None = Field(None, alias="reviderad")

    def attachment_numbers(self) -> list[int]:
        """Each bilaga's number, in list order."""
        return [attachment_number(a.number, i) for i, a in enumerate(self.attachments)]

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
