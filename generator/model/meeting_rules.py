"""How a house's meetings are written: the kallelse's words, its agenda columns, its
numbering and paging, and its rules (``möten:`` in ``hus.yaml``).

Every field has the default most Swedish kallelser follow (see the research notes on
real kallelser in Kungsbacka, Uppsala and Stockholm), so a house only writes what
differs.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from generator.model.base import Strict, Text
from generator.model.table import Percent, YesNo

# What an agenda column can show, each from the meeting or its cases.
AGENDA_FIELDS = ("nummer", "ärende", "beteckning", "förslag", "tid", "föredragande", "sida")
AgendaField = Literal["nummer", "ärende", "beteckning", "förslag", "tid", "föredragande", "sida"]


def ground_named(value: str) -> str:
    """A sekretess text must say the legal ground, where '{grund}' is filled in."""
    if "{grund}" not in value:
        raise ValueError("sekretesstexten ska nämna sekretessgrunden med {grund}")
    return value


class AgendaColumn(Strict):
    """One column of the föredragningslista: what it shows, its heading, its width."""

    field: AgendaField = Field(alias="fält")
    name: str = Field("", alias="namn")
    width: Percent | None = Field(None, alias="bredd")


def _default_columns() -> list[AgendaColumn]:
    return [AgendaColumn.model_validate(column) for column in (
        {"fält": "nummer", "namn": "", "bredd": 6},
        {"fält": "ärende", "namn": "Ärende", "bredd": 35},
        {"fält": "beteckning", "namn": "Beteckning", "bredd": 18},
        {"fält": "förslag", "namn": "Förslag", "bredd": 33},
        {"fält": "sida", "namn": "Sida", "bredd": 8},
    )]


class MeetingRules(Strict):
    """The house's way with meetings."""

    heading: Text = Field("KALLELSE", alias="kallelserubrik")
    supplement_heading: Text = Field("Tillägg till föredragningslistan", alias="tilläggsrubrik")
    agenda_heading: Text = Field("Föredragningslista", alias="listrubrik")
    extra_heading: Text = Field("Extra sammanträde", alias="extra sammanträde")
    columns: list[AgendaColumn] = Field(default_factory=_default_columns, alias="kolumner",
                                        min_length=1, max_length=7)
    formal_numbered: YesNo = Field(True, alias="formalia numreras")
    days_before: int | None = Field(None, alias="dagar före", ge=0, le=60)
    paging: Literal["per handling", "löpande"] = Field("per handling", alias="sidnumrering")
    confidential_title: Text = Field("Sekretessärende", alias="sekretessrubrik")
    confidential_text: Text = Field(
        "Handlingarna i ärendet omfattas av sekretess enligt {grund} och ingår inte i den "
        "offentliga versionen av kallelsen.", alias="sekretesstext")
    proposal_here: Text = Field("Förslag till beslut", alias="förslag här")
    proposal_elsewhere: Text = Field("Förslag till beslut i {instans}", alias="förslag annan instans")
    immediate: Text = Field("{organ} beslutar att paragrafen justeras omedelbart.",
                            alias="omedelbar justering")

    @field_validator("columns")
    @classmethod
    def _each_once(cls, value: list[AgendaColumn]) -> list[AgendaColumn]:
        fields = [column.field for column in value]
        twice = sorted({name for name in fields if fields.count(name) > 1})
        if twice:
            raise ValueError(f"fältet '{twice[0]}' står i två kolumner")
        if "ärende" not in fields:
            raise ValueError("föredragningslistan behöver en kolumn med fält: ärende")
        total = sum(column.width or 0 for column in value)
        if total > 100.01:
            raise ValueError(f"kolumnernas bredder blir {total:g} %, mer än 100 %")
        return value

    _ground_named = field_validator("confidential_text")(ground_named)
