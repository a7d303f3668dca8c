"""The meeting plan: a nämnd's sammanträde and its föredragningslista, as typed objects.

A meeting plan (``plans/möten/<name>.yaml``) says when and where the organ meets, who
chairs and keeps the minutes, who justerar, and lists the agenda: formal items ("Val av
justerare"), section rows ("Beslutsärenden") and ärenden, each pointing at a case folder
under ``plans/``. Everything an ärende's row shows of the case itself (title,
diarienummer, förslag till beslut) is taken from the case, never written twice.

Numbers are given by position (1, 2, …, from ``första nummer``), so they cannot have gaps;
a number written in the plan (``nummer:``) is a check that the list still runs as the
writer thinks, and is reported where it does not. Items announced after the kallelse
(``tillägg: ja``) are numbered after the item they follow with a letter ("8 a"), or after
the last one, so the numbers of the kallelse already sent stay true.
"""

from __future__ import annotations

from typing import Final, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from generator.limits import MAX_LIST_ITEMS
from generator.model.base import Markdown, Strict, Text
from generator.model.plan import Date, Time, in_register
from generator.model.status import Status
from generator.model.table import YesNo

MEETING_KIND: Final = "möte"
ORDINARY: Final = "ordinarie"
EXTRA: Final = "extra"


class MeetingPerson(Strict):
    """The ordförande or the sekreterare: name, and what the kallelse may print of them."""

    name: Text = Field(alias="namn", description="Namnet, t.ex. 'Anna Andersson'.")
    party: str | None = Field(None, alias="parti", description="Partiet, t.ex. 'S'; skrivs '(S)' efter namnet.")
    title: str | None = Field(None, alias="titel", description="Titel, t.ex. 'nämndsekreterare'.")
    phone: str | None = Field(None, alias="telefon")
    email: str | None = Field(None, alias="e-post")

    @property
    def display(self) -> str:
        """'Anna Andersson (S)', or the bare name."""
        return f"{self.name} ({self.party})" if self.party else self.name


def _names(value):
    """One name or a list of names mean the same list."""
    if isinstance(value, str):
        return [value]
    return value


class Adjustment(Strict):
    """Who justerar the protokoll, and when and where."""

    adjusters: list[Text] = Field(alias="justerare", min_length=1, max_length=MAX_LIST_ITEMS,
                                  description="Den eller de som justerar protokollet, t.ex. 'Anna Andersson (S)'.")
    deputies: list[Text] = Field(default_factory=list, alias="ersättare", max_length=MAX_LIST_ITEMS,
                                 description="Ersättare för justeraren.")
    when_where: str | None = Field(None, alias="tid och plats",
                                   description="När och var protokollet justeras, t.ex. 'Digital justering'.")

    _one_or_many = field_validator("adjusters", "deputies", mode="before")(
        classmethod(lambda cls, value: _names(value)))


class Confidential(Strict):
    """An ärende under sekretess: its public title and the legal ground, all the public
    packet shows of it."""

    ground: Text = Field(alias="grund", description="Sekretessgrunden, t.ex. 'OSL 26 kap. 1 §'.")
    public_title: Text | None = Field(None, alias="offentlig rubrik",
                                      description="Vad den offentliga föredragningslistan visar "
                                                  "(utelämnat: husets sekretessrubrik).")


# The three shapes of an agenda entry, by the key that names it.
ENTRY_KEYS = ("formalia", "avsnitt", "ärende")


class AgendaEntry(Strict):
    """One row of the föredragningslista: a formal item, a section row or an ärende."""

    formal: Text | None = Field(None, alias="formalia",
                                description="En formell punkt, t.ex. 'Val av justerare'.")
    section: Text | None = Field(None, alias="avsnitt",
                                 description="En avsnittsrad i listan, t.ex. 'Beslutsärenden'.")
    case: Text | None = Field(None, alias="ärende",
                              description="Ärendets mapp under plans/, t.ex. 'uppsala-amn-2018-0329'.")
    number_written: int | None = Field(None, alias="nummer", ge=1,
                                       description="Punktens nummer, som kontroll: numren ges i listans ordning.")
    numbered: YesNo | None = Field(None, alias="numrerad",
                                   description="En formell punkt med eller utan nummer (utelämnat: husets regel).")
    presenter: str | None = Field(None, alias="föredragande",
                                  description="Vem som föredrar ärendet, t.ex. 'Karin Reuterdahl, utvecklingsledare'.")
    time: str | None = Field(None, alias="tid", description="Tid för punkten, t.ex. '13.15' eller '10 min'.")
    designation: str | None = Field(None, alias="beteckning",
                                    description="Beteckning för en formell punkt (ett ärende har sitt diarienummer).")
    proposal: Markdown | None = Field(None, alias="förslag",
                                      description="Förslag för en formell punkt (ett ärende har sitt eget).")
    body: str | None = Field(None, alias="beslutsinstans",
                             description="Den instans som beslutar, om ärendet bereds här för en annan, t.ex. 'KF'.")
    immediate: YesNo = Field(False, alias="omedelbar justering",
                             description="Paragrafen justeras omedelbart.")
    confidential: Confidential | None = Field(None, alias="sekretess")
    supplement: YesNo = Field(False, alias="tillägg",
                              description="Anmält efter kallelsen: står i tillägget till föredragningslistan.")

    @field_validator("body")
    @classmethod
    def _known_body(cls, value: str | None, info: ValidationInfo) -> str | None:
        return in_register("nämnd", value, info)

    @model_validator(mode="after")
    def _one_shape(self):
        named = [key for key, value in zip(ENTRY_KEYS, (self.formal, self.section, self.case)) if value]
        if len(named) != 1:
            raise PydanticCustomError(
                "entry_shape", "en punkt ska ha precis ett av fälten formalia, avsnitt och ärende"
                + (f" (har {', '.join(named)})" if named else ""),
                {"hint": "t.ex. '- ärende: uppsala-amn-2018-0329' eller '- avsnitt: Beslutsärenden'"})
        if self.case is None:
            wrong = [alias for attr, alias in (("body", "beslutsinstans"), ("immediate", "omedelbar justering"),
                                                ("confidential", "sekretess"))
                     if getattr(self, attr)]
            if wrong:
                raise PydanticCustomError("case_only", "'{key}' gäller bara ett ärende",
                                          {"key": wrong[0], "hint": "flytta fältet till ärendets punkt"})
        if self.section is not None:
            wrong = [alias for attr, alias in (("number_written", "nummer"), ("presenter", "föredragande"),
                                                ("time", "tid"), ("designation", "beteckning"),
                                                ("proposal", "förslag"), ("numbered", "numrerad"))
                     if getattr(self, attr) is not None] + (["tillägg"] if self.supplement else [])
            if wrong:
                raise PydanticCustomError("section_only", "en avsnittsrad har ingen '{key}'",
                                          {"key": wrong[0], "hint": "en avsnittsrad är bara en rubrik i listan"})
        if self.case is not None and (self.designation is not None or self.proposal is not None):
            key = "beteckning" if self.designation is not None else "förslag"
            raise PydanticCustomError("from_case", "ett ärendes '{key}' tas från ärendet",
                                      {"key": key, "hint": "ändra det i ärendets arende.yaml"})
        return self

    @property
    def kind(self) -> str:
        return "formalia" if self.formal else "avsnitt" if self.section else "ärende"


class Meeting(Strict):
    """A sammanträde of one organ and its föredragningslista."""

    kind: Literal["möte"] = Field(MEETING_KIND, alias="typ")
    house: Text = Field(alias="hus", description="Husstilen, t.ex. 'uppsala'.")
    organ: Text = Field(alias="organ", description="Nämnden som sammanträder, med registrets förkortning, t.ex. 'AMN'.")
    department: str | None = Field(None, alias="förvaltning",
                                   description="Förvaltningen vars adress står i sidfoten (utelämnat: registrets första).")
    sort: Literal["ordinarie", "extra"] = Field(ORDINARY, alias="sammanträde",
                                                description="Ordinarie eller extra sammanträde.")
    date: Date = Field(alias="datum", description="Sammanträdets dag (ÅÅÅÅ-MM-DD).")
    time: Time = Field(alias="tid", description="När sammanträdet börjar (TT:MM).")
    place: Text = Field(alias="plats", description="Var nämnden sammanträder.")
    drawn_up: Date = Field(alias="upprättad", description="Dagen kallelsen upprättades (ÅÅÅÅ-MM-DD).")
    chair: MeetingPerson = Field(alias="ordförande")
    secretary: MeetingPerson = Field(alias="sekreterare")
    adjustment: Adjustment | None = Field(None, alias="justering")
    withheld: Markdown | None = Field(None, alias="utelämnade handlingar",
                                      description="Om handlingar har utelämnats ur kallelsen: vilka och varför.")
    text: Markdown | None = Field(None, alias="text", description="Text under rubriken, före föredragningslistan.")
    first_number: int = Field(1, alias="första nummer", ge=1,
                              description="Första punktens nummer, om numren löper över året.")
    status: Status = Field("slutlig", alias="status",
                           description="'utkast' ger vattenstämpel och tillåter utkast bland ärendena.")
    entries: list[AgendaEntry] = Field(alias="punkter", min_length=1, max_length=MAX_LIST_ITEMS)

    @field_validator("organ")
    @classmethod
    def _known_organ(cls, value: str, info: ValidationInfo) -> str:
        return in_register("nämnd", value, info) or value

    @field_validator("department")
    @classmethod
    def _known_department(cls, value: str | None, info: ValidationInfo) -> str | None:
        return in_register("förvaltning", value, info)

    @field_validator("entries")
    @classmethod
    def _no_case_twice(cls, value: list[AgendaEntry]) -> list[AgendaEntry]:
        seen: dict[str, int] = {}
        for index, entry in enumerate(value):
            if entry.case is None:
                continue
            key = entry.case.strip().rstrip("/")
            if key in seen:
                raise PydanticCustomError(
                    "case_twice", "ärendet '{case}' står två gånger (punkt {first} och {second} i listan)",
                    {"case": key, "first": seen[key] + 1, "second": index + 1,
                     "hint": "varje ärende behandlas i en punkt"})
            seen[key] = index
        return value

    @model_validator(mode="after")
    def _dates(self):
        if self.drawn_up > self.date:
            raise PydanticCustomError("drawn_up_late", "kallelsen är upprättad {drawn} efter sammanträdet {date}",
                                      {"drawn": self.drawn_up.isoformat(), "date": self.date.isoformat(),
                                       "hint": "upprättad ska vara före sammanträdets datum"})
        return self

    def department_key(self, register) -> str:
        return self.department or next(iter(register.departments))

    @property
    def is_extra(self) -> bool:
        return self.sort == EXTRA


__all__ = ["AgendaEntry", "Adjustment", "Confidential", "Meeting", "MeetingPerson"]
