"""A house's organisation register (``templates/<house>/hus.yaml``), as typed objects.

The register is what a municipality edits to make a house style its own: its name,
the kind of paper it writes, its förvaltningar with their address blocks, its
nämnder and other bodies with their abbreviations, the diarienummer pattern, and
the default headings of action tables. No Python is touched to add a house.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, ValidationInfo, field_validator

from generator.model.meeting_rules import MeetingRules
from generator.model.protocol_rules import ProtocolRules
from generator.model.plan import SECTION_KEY, Columns, Strict
from generator.model.table import ACTIONS_PRESET, TablePreset

# The blocks of a tjänsteskrivelse after its title, by the plan's own YAML keys, in the
# order the shared house prints them. A house may order them (ordning:) and place a
# section with a key (nyckel:) among them.
BLOCKS = ("förslag till beslut", "avsnitt", "underskrifter", "bilagor", "attesterat",
          "relaterade dokument")
Block = Literal["förslag till beslut", "avsnitt", "underskrifter", "bilagor", "attesterat",
                "relaterade dokument"]

class Department(Strict):
    """A förvaltning: its name, and the address block and other facts its footer prints."""

    name: str = Field(alias="namn")
    unit: str | None = Field(None, alias="enhet")
    address: list[str] = Field(default_factory=list, alias="adress")
    # Labelled facts a house's footer may print, each as a field of its own: {telefon}.
    # A list is a fact of several lines (a postal address): a footer line that is only
    # its field prints every line; elsewhere the lines are joined with ', '.
    details: dict[str, str | list[str]] = Field(default_factory=dict, alias="uppgifter")

    def detail_fields(self) -> dict[str, str]:
        """The labelled facts as one-line field values."""
        return {name: value if isinstance(value, str) else ", ".join(value)
                for name, value in self.details.items()}

    def detail_lines(self) -> dict[str, list[str]]:
        """Every labelled fact as its lines, the address (adress:) among them."""
        lines = {name: [value] if isinstance(value, str) else list(value) for name, value in self.details.items()}
        return {"adress": list(self.address), **lines}


class DnrRule(Strict):
    """How this house writes a diarienummer."""

    pattern: str = Field(alias="mönster")
    example: str = Field(alias="exempel")
    required: bool = Field(True, alias="krävs")

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"mönstret är inte ett giltigt reguljärt uttryck: {exc}") from None
        return value

    @field_validator("example")
    @classmethod
    def _example_fits(cls, value: str, info: ValidationInfo) -> str:
        pattern = info.data.get("pattern")
        if pattern is not None and re.fullmatch(pattern, value) is None:
            raise ValueError(f"exemplet '{value}' följer inte mönstret")
        return value

    def matches(self, dnr: str) -> bool:
        return re.fullmatch(self.pattern, dnr) is not None

    def parts(self, dnr: str, paper_year: int) -> tuple[int | None, str | None]:
        """The registration year and the nämnd a dnr names through the pattern's groups
        (?P<år>…) and (?P<nämnd>…), where it has them; a two-digit year ('0988/17') is
        the latest year ending so that is not after *paper_year* + 1."""
        match = re.fullmatch(self.pattern, dnr)
        groups = match.groupdict() if match else {}
        year_text, board = groups.get("år"), groups.get("nämnd")
        year = int(year_text) if year_text and year_text.isdigit() else None
        if year is not None and len(year_text or "") == 2:
            year += (paper_year + 1) // 100 * 100
            if year > paper_year + 1:
                year -= 100
        return year, board


def _required_blocks() -> list[Block]:
    return ["förslag till beslut", "underskrifter"]


class Checks(Strict):
    """Checks of the tjänsteskrivelse a house switches on or off, and the blocks it requires."""

    full_stop: bool = Field(True, alias="punkt efter sista att-satsen")
    dnr_year: bool = Field(True, alias="diarienummerets år")
    dnr_board: bool = Field(True, alias="diarienummerets nämnd")
    schedule_form: bool = Field(True, alias="tidplanens form")
    required: list[Block] = Field(default_factory=_required_blocks, alias="krävs")


class Register(Strict):
    """The organisation register of one house."""

    name: str = Field(alias="namn")
    paper_type: str = Field(alias="dokumenttyp")
    proposal_heading: str = Field("Förslag till beslut", alias="förslagsrubrik")
    proposal_form: Literal["att", "punkter"] = Field("att", alias="förslagsform")
    sections: list[str] = Field(default_factory=list, alias="avsnitt")
    dnr: DnrRule = Field(alias="diarienummer")
    departments: dict[str, Department] = Field(alias="förvaltningar", min_length=1)
    boards: dict[str, str] = Field(alias="nämnder", min_length=1)
    actors: dict[str, str] = Field(default_factory=dict, alias="aktörer")
    columns: Columns = Field(alias="kolumner")
    order: list[str] = Field(default_factory=lambda: list(BLOCKS), alias="ordning")
    checks: Checks = Field(default_factory=Checks, alias="kontroller")
    meetings: MeetingRules = Field(default_factory=MeetingRules, alias="möten")
    protocols: ProtocolRules = Field(default_factory=ProtocolRules, alias="protokoll")

    @field_validator("order")
    @classmethod
    def _every_block_once(cls, value: list[str]) -> list[str]:
        """Each block exactly once (else its content would vanish or print twice); any
        other entry is a section key."""
        missing = [block for block in BLOCKS if block not in value]
        if missing:
            raise ValueError("ordningen saknar " + ", ".join(f"'{b}'" for b in missing)
                             + "; alla block ska stå med: " + ", ".join(BLOCKS))
        twice = sorted({entry for entry in value if value.count(entry) > 1})
        if twice:
            raise ValueError(f"'{twice[0]}' står två gånger i ordningen")
        for entry in value:
            if entry not in BLOCKS and not re.fullmatch(SECTION_KEY, entry):
                raise ValueError(f"'{entry}' är varken ett block ({', '.join(BLOCKS)}) eller en "
                                 "avsnittsnyckel (små bokstäver, siffror, mellanslag och bindestreck)")
        return value

    @property
    def section_keys(self) -> list[str]:
        """The keys of sections the block order places on their own."""
        return [entry for entry in self.order if entry not in BLOCKS]
    presets: dict[str, TablePreset] = Field(default_factory=dict, alias="tabellförval")

    @field_validator("presets")
    @classmethod
    def _actions_preset_fits(cls, value: dict[str, TablePreset], info: ValidationInfo) -> dict[str, TablePreset]:
        """A house's own 'åtgärder' preset draws the areas' action tables, column by
        column of 'kolumner': it needs as many columns as that has headings."""
        own, columns = value.get(ACTIONS_PRESET), info.data.get("columns")
        if own is not None and columns is not None:
            headings = [h for h in (columns.action, columns.lead, columns.others, columns.schedule) if h]
            if len(own.columns) != len(headings):
                raise ValueError(
                    f"förvalet '{ACTIONS_PRESET}' har {len(own.columns)} kolumner men kolumner: har "
                    f"{len(headings)} rubriker ({', '.join(headings)}); områdenas åtgärdstabeller "
                    "tar en kolumn ur förvalet för varje rubrik, i samma ordning")
        return value

    def table_presets(self) -> dict[str, TablePreset]:
        """Every table preset a plan's ``tabell: {förval: …}`` may name: the house's own,
        and 'åtgärder', the action tables' columns (unless the house declares its own)."""
        return {ACTIONS_PRESET: self.actions_preset(), **self.presets}

    def actions_preset(self) -> TablePreset:
        """The action tables' columns as a preset: their headings in print order, the
        action itself as prose; the widths are the style's (stil: tabeller: åtgärder)."""
        chosen = self.columns
        headings = [(chosen.action, True), (chosen.lead, False), (chosen.others, False),
                    (chosen.schedule, False)]
        return TablePreset.model_validate(
            {"kolumner": [{"namn": heading, "prosa": prose} for heading, prose in headings if heading]})

    def bodies(self) -> dict[str, str]:
        """Every abbreviation an action table may name: nämnder and other bodies."""
        return {**self.boards, **self.actors}
