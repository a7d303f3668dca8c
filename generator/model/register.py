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

from generator.model.plan import Columns, Strict
from generator.model.table import ACTIONS_PRESET, TablePreset


class Department(Strict):
    """A förvaltning: its name, and the address block and other facts its footer prints."""

    name: str = Field(alias="namn")
    unit: str | None = Field(None, alias="enhet")
    address: list[str] = Field(default_factory=list, alias="adress")
    # Labelled facts a house's footer may print, each as a field of its own: {telefon}.
    details: dict[str, str] = Field(default_factory=dict, alias="uppgifter")


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
    presets: dict[str, TablePreset] = Field(default_factory=dict, alias="tabellförval")

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
