"""The tjänsteskrivelse: a case's main paper, written in its ``arende.yaml``.

The house's register names it ('Tjänsteskrivelse', 'Tjänsteutlåtande'); that name
is its type label and, as ASCII, its file name after the case prefix.
"""

from __future__ import annotations

import datetime as dt

import re
from typing import Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from generator.errors import WARNING, Problem
from generator.kinds import Identity, PaperKind, register_kind
from generator.limits import MAX_LIST_ITEMS
from generator.load.source import Source, dotted
from generator.model.checks import strings
from generator.model.hints import did_you_mean
from generator.model.plan import (Attachment, Attestation, Date, PaperModel, Person, Proposal,
                                  RelatedDocument, Section, Text, TrackedChanges, attachment_number,
                                  in_register, register_of)
from generator.model.joint import JointBoard, JointDepartment
from generator.model.register import BLOCKS, Register
from generator.model.status import Decision, Signing, Status
from generator.naming import slug
from generator.positions import spoken

# Stands in for a single key written in neither form (see Case._single_or_list).
_MISSING = object()

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
    # One förvaltning with its handläggare, or several (a joint paper), each with its own.
    department_written: Text | None = Field(None, alias="förvaltning")
    officers_written: list[Person] | None = Field(None, alias="handläggare", min_length=1)
    departments_written: list[JointDepartment] | None = Field(
        None, alias="förvaltningar", min_length=1, max_length=MAX_LIST_ITEMS)
    date: Date = Field(alias="datum")
    # One diarienummer, or several (a joint case registered in each nämnd's diary).
    dnr_written: str | list[str] | None = Field(None, alias="diarienummer", validate_default=True)
    registration_year: int | None = Field(None, alias="registreringsår", ge=1900, le=2999)
    # One recipient nämnd and its sammanträde, or several, each with its own.
    board_written: Text | None = Field(None, alias="nämnd")
    meeting_written: Date | None = Field(None, alias="sammanträde")
    boards_written: list[JointBoard] | None = Field(None, alias="nämnder", min_length=1,
                                                    max_length=MAX_LIST_ITEMS)
    item: int | None = Field(None, alias="ärendenummer", ge=1)
    title: Text = Field(alias="titel")
    subtitle: str | None = Field(None, alias="undertitel")
    # Free masthead cells (Dokument-ID, Version, Er beteckning …), label → text in the
    # plan's order; the house's masthead (stil: huvud: fält:) chooses which it prints.
    details: dict[Text, str] = Field(default_factory=dict, alias="uppgifter", max_length=MAX_LIST_ITEMS)
    proposal: Proposal | None = Field(None, alias="förslag till beslut", validate_default=True)
    sections: list[Section] = Field(default_factory=list, alias="avsnitt", validate_default=True, max_length=MAX_LIST_ITEMS)
    signatures: list[Person] = Field(default_factory=list, alias="underskrifter", validate_default=True)
    attachments: list[Attachment] = Field(default_factory=list, alias="bilagor", validate_default=True)
    attestations: list[Attestation] = Field(default_factory=list, alias="attesterat", validate_default=True)
    related: list[RelatedDocument] = Field(default_factory=list, alias="relaterade dokument", validate_default=True)
    tracked_changes: TrackedChanges | None = Field(None, alias="spårade ändringar")
    # Status and marks (generator/model/status.py): a draft is watermarked "UTKAST".
    status: Status = Field("slutlig", alias="status")
    signed: Signing | None = Field(None, alias="signerad")
    decided: Decision | None = Field(None, alias="beslutad")
    revised: Date | None = Field(None, alias="reviderad")

    @model_validator(mode="before")
    @classmethod
    def _single_or_list(cls, data):
        """Without either form, the single key is missing, as it always was."""
        if isinstance(data, dict):
            data = dict(data)
            for single, several in (("förvaltning", "förvaltningar"), ("handläggare", "förvaltningar"),
                                    ("nämnd", "nämnder")):
                if single not in data and several not in data:
                    data[single] = _MISSING
        return data

    @field_validator("department_written", "officers_written", "board_written", mode="before")
    @classmethod
    def _required_unless_list(cls, value, info: ValidationInfo):
        if value is _MISSING:
            several = "nämnder" if info.field_name == "board_written" else "förvaltningar"
            raise PydanticCustomError("missing", "fältet saknas",
                                      {"hint": f"eller {several}: i en gemensam handling"})
        return value

    @field_validator("details")
    @classmethod
    def _details_printed(cls, value: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        """An uppgift the house's masthead does not print would vanish from the paper."""
        style = (info.context or {}).get("style")
        if style is None:
            return value
        shown = style.masthead.detail_names
        if shown is None:
            return value
        for name in value:
            if name not in shown:
                raise PydanticCustomError(
                    "detail_not_printed", "uppgiften '{name}' skrivs inte ut av huset",
                    {"name": name,
                     "hint": ("husets uppgifter är " + ", ".join(f"'{n}'" for n in shown)) if shown
                     else "husets dokumenthuvud skriver inga uppgifter; huset väljer dem under stil: huvud: fält:"})
        return value

    @field_validator("departments_written", "boards_written")
    @classmethod
    def _not_both(cls, value, info: ValidationInfo):
        """A case is either single or joint, so a value cannot be in two places."""
        singles = {"departments_written": (("department_written", "förvaltning"),
                                           ("officers_written", "handläggare")),
                   "boards_written": (("board_written", "nämnd"), ("meeting_written", "sammanträde"))}
        for attr, key in singles[str(info.field_name)]:
            if value is not None and info.data.get(attr) is not None:
                raise PydanticCustomError(
                    "single_and_list", "skriv antingen {key} eller {several}, inte båda",
                    {"key": key, "several": "förvaltningar" if key in ("förvaltning", "handläggare")
                     else "nämnder",
                     "hint": f"i {'förvaltningar' if key in ('förvaltning', 'handläggare') else 'nämnder'}: "
                             f"har varje post sin egen {key}"})
        return value

    @property
    def departments(self) -> list[JointDepartment]:
        """Every förvaltning with its handläggare, the single form as a list of one."""
        if self.departments_written:
            return list(self.departments_written)
        return [JointDepartment.model_construct(abbreviation=self.department_written or "",
                                                officers=list(self.officers_written or []))]

    @property
    def department(self) -> str:
        """The first (leading) förvaltning's abbreviation."""
        return self.departments[0].abbreviation

    @property
    def officers(self) -> list[Person]:
        """Every handläggare of every förvaltning, in order."""
        return [person for department in self.departments for person in department.officers]

    @property
    def recipients(self) -> list[JointBoard]:
        """Every recipient nämnd with its sammanträde, the single form as a list of one."""
        if self.boards_written:
            return list(self.boards_written)
        return [JointBoard.model_construct(abbreviation=self.board_written or "", meeting=self.meeting_written)]

    @property
    def board(self) -> str:
        """The first recipient nämnd's abbreviation."""
        return self.recipients[0].abbreviation

    @property
    def meeting(self) -> dt.date | None:
        """The first recipient nämnd's sammanträde."""
        return self.recipients[0].meeting

    @property
    def dnrs(self) -> list[str]:
        """Every diarienummer, the first one (which names files and folders) first."""
        if self.dnr_written is None:
            return []
        return [self.dnr_written] if isinstance(self.dnr_written, str) else list(self.dnr_written)

    @property
    def dnr(self) -> str | None:
        """The first diarienummer: the case's own, which names its files and folder."""
        return self.dnrs[0] if self.dnrs else None

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

    @field_validator("board_written", "department_written")
    @classmethod
    def _in_register(cls, value: str | None, info: ValidationInfo) -> str | None:
        """A nämnd or förvaltning is written as its abbreviation in the house register."""
        return in_register("nämnd" if info.field_name == "board_written" else "förvaltning", value, info)

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

    @field_validator("dnr_written", mode="after")
    @classmethod
    def _dnr_pattern(cls, value: str | list[str] | None, info: ValidationInfo) -> str | list[str] | None:
        register = register_of(info)
        if register is None:
            return value
        rule = register.dnr
        if value is None or value == []:
            if rule.required:
                raise PydanticCustomError(
                    "dnr_missing", "diarienummer krävs i {house}",
                    {"house": register.name, "hint": f"t.ex. {rule.example}"})
            return value
        several = isinstance(value, list)
        seen: set[str] = set()
        for index, dnr in enumerate([value] if isinstance(value, str) else value):
            at = {"item_index": index} if several else {}
            if not rule.matches(dnr):
                raise PydanticCustomError(
                    "dnr_pattern", "diarienumret '{value}' följer inte mönstret för {house}",
                    {"value": dnr, "house": register.name, "hint": f"skrivs som {rule.example}", **at})
            if dnr in seen:
                raise PydanticCustomError("dnr_twice", "diarienumret '{value}' står två gånger",
                                          {"value": dnr, "hint": "varje diarienummer skrivs en gång", **at})
            seen.add(dnr)
        return value


def check_case(case: Case, register: Register, source: Source, numbers: set[int]) -> list[Problem]:
    """Cross-field errors and warnings of the tjänsteskrivelse, as the house's
    ``kontroller:`` switch them."""
    found: list[Problem] = []

    def problem(path: tuple, message: str, hint: str = "", severity: str = "fel") -> None:
        found.append(Problem(source.locate(path), dotted(path), message, hint, severity))

    checks = register.checks
    joint = bool(case.boards_written)
    for index, recipient in enumerate(case.recipients):
        at = ("nämnder", index, "sammanträde") if joint else ("sammanträde",)
        if recipient.meeting and recipient.meeting < case.date:
            problem(at, f"sammanträdet {recipient.meeting} är före handlingens datum {case.date}",
                    "handlingen skrivs före sammanträdet")
    lists: list[tuple[str, str, list[str]]] = [
        ("nämnder", "nämnd", [part.abbreviation for part in case.boards_written or []]),
        ("förvaltningar", "förvaltning", [part.abbreviation for part in case.departments_written or []])]
    for key, attr, names in lists:
        seen: dict[str, int] = {}
        for index, name in enumerate(names):
            if name in seen:
                problem((key, index, attr), f"{name} står redan som {spoken((key, seen[name]))}",
                        f"varje {attr} skrivs en gång")
            seen.setdefault(name, index)
    if checks.dnr_year:
        _year_checks(case, register, problem)
    boards = [recipient.abbreviation for recipient in case.recipients]
    several = isinstance(case.dnr_written, list)
    for index, dnr in enumerate(case.dnrs):
        prefix = register.dnr.parts(dnr, case.date.year)[1]
        if checks.dnr_board and prefix and prefix not in boards and prefix in register.boards:
            went = ", ".join(register.boards[board] for board in boards)
            problem(("diarienummer", index) if several else ("diarienummer",),
                    f"diarienumret hör till {register.boards[prefix]} men handlingen går till {went}",
                    "stämmer nämnd och diarienummer?", WARNING)
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


def _year_checks(case: Case, register: Register, problem) -> None:
    """The registration year against the paper's date and every diarienummer.

    A case is registered before its paper is written. Without ``registreringsår`` a
    dnr more than a year older than the paper is probably a mistake (a warning); with
    it, staff have said the case is that old, and the first dnr must agree with it.
    """
    year = case.registration_year
    several = isinstance(case.dnr_written, list)
    if year is not None and year > case.date.year:
        problem(("registreringsår",), f"registreringsåret {year} är efter handlingens datum {case.date}",
                "ett ärende diarieförs innan handlingen skrivs")
    for index, dnr in enumerate(case.dnrs):
        at = ("diarienummer", index) if several else ("diarienummer",)
        from_dnr = register.dnr.parts(dnr, case.date.year)[0]
        if from_dnr is None:
            continue
        if from_dnr > case.date.year:
            problem(at, f"diarienumret är från {from_dnr} men handlingen är daterad {case.date}",
                    "ett ärende diarieförs innan handlingen skrivs")
        elif index == 0 and year is not None and from_dnr != year:
            problem(at, f"diarienumret är från {from_dnr} men registreringsåret är {year}",
                    f"rätta registreringsår till {from_dnr}, eller diarienumret")
        elif year is None and from_dnr < case.date.year - 1:
            problem(at, f"diarienumret är från {from_dnr} men handlingen är daterad {case.date}",
                    "stämmer diarienumret?", WARNING)


def registration_year(case: Case, register: Register) -> int | None:
    """The year the case was registered: as written, else from its first dnr."""
    if case.registration_year is not None:
        return case.registration_year
    return register.dnr.parts(case.dnr, case.date.year)[0] if case.dnr else None


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
