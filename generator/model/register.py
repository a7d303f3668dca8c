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

    def bodies(self) -> dict[str, str]:
        """Every abbreviation an action table may name: nämnder and other bodies."""
        return {**self.boards, **self.actors}
