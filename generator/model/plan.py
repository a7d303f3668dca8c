"""The plan format: what staff write in YAML, as typed objects.

Attribute names are English; each field's alias is the Swedish word the papers
themselves use, and that alias is the YAML key. Every model forbids unknown keys,
so a misspelt key is an error (with a did-you-mean) rather than a silently missing
paragraph. Text fields hold Markdown; compose renders it.

This module holds the building blocks papers share (persons, sections, areas, the
decision proposal …). Each kind of paper's own model is in its module of
:mod:`generator.kinds`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import (BeforeValidator, Field, ValidationInfo,
                      WithJsonSchema, field_validator, model_validator)
from pydantic_core import PydanticCustomError

from generator.limits import MAX_LIST_ITEMS, MAX_TABLE_ROWS
from generator.model.base import Markdown, Strict, Text, register_of
from generator.model.hints import did_you_mean
from generator.model.table import Table


class PaperModel(Strict):
    """Base of the model of a kind of paper (generator/kinds): its 'typ', which each kind
    narrows to its own name."""

    kind: str = Field(alias="typ")


def _split_actors(value):
    """'AMN, OMN' and ['AMN', 'OMN'] mean the same list of bodies."""
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


Actors = Annotated[list[str], BeforeValidator(_split_actors, json_schema_input_type=str | list[str])]


def _iso_date(value):
    """Only ÅÅÅÅ-MM-DD is a date: pydantic would read '0' or '1700000000' as a timestamp."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise PydanticCustomError("date_form", "ska vara ett datum (ÅÅÅÅ-MM-DD)", {"hint": f"fick '{value}'"})
    return value


Date = Annotated[dt.date, BeforeValidator(_iso_date)]


_CLOCK = r"([01]\d|2[0-3]):[0-5]\d"


def _clock_time(value):
    """Only TT:MM is a time of day: pydantic would read '870' as seconds."""
    if isinstance(value, str) and not re.fullmatch(_CLOCK, value.strip()):
        raise PydanticCustomError("time_form", "ska vara ett klockslag (TT:MM)", {"hint": f"fick '{value}'"})
    return value


# In the schema a pattern, not JSON Schema's 'time' (which wants seconds and a zone).
Time = Annotated[dt.time, BeforeValidator(_clock_time),
                 WithJsonSchema({"type": "string", "pattern": f"^{_CLOCK}$"})]

# An actor written like 'KS' or 'AMN' is an abbreviation and must be in the register;
# anything else ('Samtliga', 'Kommunala förvaltningar när upphandling görs.') is free text.
_ABBREVIATION = re.compile(r"[A-ZÅÄÖ][A-ZÅÄÖ0-9]{1,7}")


def unknown_name(kind: str, value: str, known: dict[str, object]) -> PydanticCustomError:
    """An unknown register abbreviation; staff often write the full name instead."""
    by_name = {str(getattr(name, "name", name)).casefold(): abbreviation
               for abbreviation, name in known.items()}
    if value.casefold() in by_name:
        hint = f"skriv förkortningen '{by_name[value.casefold()]}'"
    else:
        hint = did_you_mean(value, known)
    return PydanticCustomError("unknown_name", "okänd {kind} '{value}'",
                               {"kind": kind, "value": value, "hint": hint})


def in_register(kind: str, value: str | None, info: ValidationInfo) -> str | None:
    """*value*, a 'nämnd' or 'förvaltning' written as its abbreviation, checked against
    the house register handed to validation (unchecked without one)."""
    register = register_of(info)
    if register is None or value is None:
        return value
    known = register.boards if kind == "nämnd" else register.departments
    if value not in known:
        raise unknown_name(kind, value, known)
    return value


class Person(Strict):
    """A handläggare, signatory or other named person."""

    name: Text = Field(alias="namn")
    title: str | None = Field(None, alias="titel")
    phone: str | None = Field(None, alias="telefon")
    email: str | None = Field(None, alias="e-post")
    unit: str | None = Field(None, alias="enhet")


class Attestation(Strict):
    """One row of the 'Attesterat av' table: who approved the paper digitally, and when."""

    name: Text = Field(alias="namn")
    title: str | None = Field(None, alias="titel")
    date: Date = Field(alias="datum")


class TrackedChanges(Strict):
    """Who made the text's revisions (``~~struck~~``, ``++inserted++``) and when: Word shows
    them as each tracked change's author and time."""

    author: Text | None = Field(None, alias="av")
    date: Date | None = Field(None, alias="datum")
    time: Time | None = Field(None, alias="tid")


# The forms a decision proposal (or one of its groups) can take: YAML key → attribute.
PROPOSAL_FORMS = {"att": "clauses", "punkter": "points", "beslut": "decision"}


def _sentences(value):
    """'beslut: En mening.' and 'beslut: [En mening., En till.]' are both lists of
    decision paragraphs."""
    return [value] if isinstance(value, str) else value


# One decision sentence or several, each its own unnumbered paragraph.
Decisions = Annotated[list[Text], BeforeValidator(_sentences, json_schema_input_type=str | list[str]),
                      Field(min_length=1, max_length=MAX_LIST_ITEMS)]


def _forms_given(model) -> list[str]:
    return [key for key, attr in PROPOSAL_FORMS.items() if getattr(model, attr)]


class DecisionGroup(Strict):
    """One group of a proposal: what one decision body is asked to decide ('I
    kommunstyrelsen:'), in a form of its own, and free text after it, before the next group."""

    lead: Markdown | None = Field(None, alias="inledning")
    clauses: list[Text] | None = Field(None, alias="att", max_length=MAX_LIST_ITEMS)
    points: list[Text] | None = Field(None, alias="punkter", max_length=MAX_LIST_ITEMS)
    decision: Decisions | None = Field(None, alias="beslut")
    text: Markdown | None = Field(None, alias="text")

    @model_validator(mode="after")
    def _one_form(self):
        forms = _forms_given(self)
        if len(forms) > 1:
            raise ValueError(f"ange en form per grupp, inte både {' och '.join(repr(f) for f in forms)}")
        if not forms and not self.text:
            raise ValueError("gruppen behöver 'att', 'punkter', 'beslut' eller 'text'")
        return self


class Proposal(Strict):
    """Förslag till beslut: a lead-in and one form: 'att'-clauses, numbered points, one
    plain decision sentence, or groups per decision body, each with a form of its own."""

    heading: str | None = Field(None, alias="rubrik")
    lead: Markdown | None = Field(None, alias="inledning")
    clauses: list[Text] | None = Field(None, alias="att", max_length=MAX_LIST_ITEMS)
    points: list[Text] | None = Field(None, alias="punkter", max_length=MAX_LIST_ITEMS)
    decision: Decisions | None = Field(None, alias="beslut")
    groups: list[DecisionGroup] | None = Field(None, alias="grupper", max_length=MAX_LIST_ITEMS)

    @model_validator(mode="after")
    def _one_form(self):
        forms = _forms_given(self) + (["grupper"] if self.groups else [])
        if len(forms) != 1:
            raise ValueError("ange en av 'att' (att-satser), 'punkter' (numrerade punkter), "
                             "'beslut' (en eller flera beslutsmeningar) eller 'grupper' (per beslutande organ)"
                             + (f", inte både {' och '.join(repr(f) for f in forms)}" if forms else ""))
        return self

    def clause_lists(self) -> list[tuple[tuple, list[str]]]:
        """Every list of 'att'-clauses, with its path below 'förslag till beslut'."""
        found: list[tuple[tuple, list[str]]] = [(("att",), self.clauses)] if self.clauses else []
        for index, group in enumerate(self.groups or []):
            if group.clauses:
                found.append((("grupper", index, "att"), group.clauses))
        return found


class Columns(Strict):
    """Column headings of an action table; a column not named here is not shown."""

    action: str | None = Field(None, alias="åtgärd")
    lead: str | None = Field(None, alias="huvudansvarig")
    others: str | None = Field(None, alias="andra berörda")
    schedule: str | None = Field(None, alias="tidplan")


class Action(Strict):
    """One row of an action table."""

    action: Text = Field(alias="åtgärd")
    lead: Actors = Field(default_factory=list, alias="huvudansvarig")
    others: Actors = Field(default_factory=list, alias="andra berörda")
    schedule: str | None = Field(None, alias="tidplan")

    @field_validator("lead", "others")
    @classmethod
    def _known_bodies(cls, value: list[str], info: ValidationInfo) -> list[str]:
        register = register_of(info)
        if register is not None:
            bodies = register.bodies()
            for actor in value:
                if _ABBREVIATION.fullmatch(actor) and actor not in bodies:
                    raise unknown_name("förkortning", actor, bodies)
        return value


class Area(Strict):
    """An area (område) of an action plan: intro text, then activities and/or an action table."""

    heading: str | None = Field(None, alias="rubrik")
    text: Markdown | None = Field(None, alias="text")
    activities: list[Text] = Field(default_factory=list, alias="aktiviteter", max_length=MAX_LIST_ITEMS)
    actions: list[Action] = Field(default_factory=list, alias="åtgärder", max_length=MAX_TABLE_ROWS)
    columns: Columns | None = Field(None, alias="kolumner")
    table: Table | None = Field(None, alias="tabell")

    @model_validator(mode="after")
    def _values_have_columns(self, info: ValidationInfo):
        """A value in a column the table does not print would vanish from the paper."""
        register = register_of(info)
        shown = self.columns or (register.columns if register is not None else None)
        if shown is None or not self.actions:
            return self
        if not shown.action:
            raise PydanticCustomError(
                "no_action_column", "kolumner saknar rubrik för 'åtgärd'",
                {"hint": "åtgärdskolumnen finns alltid i tabellen"})
        for index, action in enumerate(self.actions):
            for attr, key in (("lead", "huvudansvarig"), ("others", "andra berörda"),
                              ("schedule", "tidplan")):
                if getattr(action, attr) and not getattr(shown, attr):
                    raise PydanticCustomError(
                        "value_without_column",
                        "i åtgärd {number} har {key} ett värde men tabellen har ingen kolumn för {key}",
                        {"number": index + 1, "key": key,
                         "hint": f"lägg till '{key}' under kolumner, eller ta bort värdet"})
        return self


# A section's key, by which a house's block order (ordning: in hus.yaml) places it.
SECTION_KEY = r"[a-zåäö0-9][a-zåäö0-9 -]{0,39}"


class Section(Strict):
    """A headed section of running text, optionally followed by areas. Its key, if it
    has one, lets the house's block order place it (never its heading text)."""

    key: str | None = Field(None, alias="nyckel", pattern=f"^{SECTION_KEY}$")
    heading: str | None = Field(None, alias="rubrik")
    text: Markdown | None = Field(None, alias="text")
    table: Table | None = Field(None, alias="tabell")
    areas: list[Area] = Field(default_factory=list, alias="områden", max_length=MAX_LIST_ITEMS)


class RelatedDocument(Strict):
    """A document the paper refers to, cited with its publisher and dnr."""

    publisher: str | None = Field(None, alias="utgivare")
    title: Text = Field(alias="titel")
    dnr: str | None = Field(None, alias="diarienummer")


def attachment_number(written: int | None, index: int) -> int:
    """A bilaga's number: as written, or its place in the list (counting from 1).

    The one rule for it: the case reader applies it to raw YAML (to find duplicate
    numbers even in a case that does not validate) and compose to the model.
    """
    return written if written is not None else index + 1


class Attachment(Strict):
    """A bilaga: another plan document rendered as its own paper, or an external file named only."""

    number: int | None = Field(None, alias="nummer", ge=1)
    title: Text = Field(alias="titel")
    document: str | None = Field(None, alias="dokument")

    @property
    def is_rendered(self) -> bool:
        return self.document is not None
