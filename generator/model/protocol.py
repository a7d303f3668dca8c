"""The protokoll plan: what happened at a sammanträde, as typed objects.

A protokoll plan (``plans/möten/<meeting>-protokoll.yaml``, ``typ: protokoll``) stands
beside the meeting plan it names (``möte: amn-2018-09-26.yaml``) and holds only what the
meeting plan and the cases cannot know: when the meeting ran, who was there and for
which paragrafer, who justerade and when, when the anslag went up, and per agenda item
its §, its decision, the yrkanden made, the order the chair put them in, the votes, the
reservationer, protokollsanteckningar and jäv.

Everything else (titles, diarienummer, the förslag till beslut that is by default the
decision, the summary and the beslutsunderlag) is taken from the cases, never written
twice. The checks across these fields (every yrkande put or withdrawn, the votes
counting those deciding, the paragrafer running without gaps) are in
:mod:`generator.read_protocol`, located in the plan.
"""

from __future__ import annotations

import re
from typing import Final, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from generator.limits import MAX_LIST_ITEMS
from generator.model.base import Markdown, Strict, Text
from generator.model.plan import Date
from generator.model.table import YesNo

PROPOSAL: Final = "förslaget"      # the case's förslag till beslut, in a propositionsordning
DISMISSAL: Final = "avslag"        # nothing is decided: the proposal put alone is rejected
TODAY: Final = "avgörs i dag"      # the other side of an återremiss or bordläggning
MOTION_KINDS = ("bifall", "avslag", "ändring", "tillägg", "återremiss", "bordläggning")
MotionKind = Literal["bifall", "avslag", "ändring", "tillägg", "återremiss", "bordläggning"]

_RANGE = re.compile(r"\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*")
_PARTY = re.compile(r"^(?P<name>.*?)\s*\((?P<party>[^()]+)\)\s*$")


def paragraph_numbers(value) -> list[int]:
    """'95-97, 99' (or 95, or [95, 96]) as [95, 96, 97, 99]; ValueError when not so."""
    if isinstance(value, bool):
        raise ValueError("skriv paragraferna som t.ex. '95-97, 99'")
    if isinstance(value, int):
        return [value]
    if isinstance(value, list):
        return [number for part in value for number in paragraph_numbers(part)]
    if not isinstance(value, str) or not value.strip():
        raise ValueError("skriv paragraferna som t.ex. '95-97, 99'")
    numbers: list[int] = []
    for part in value.replace("§", "").split(","):
        match = _RANGE.fullmatch(part)
        if not match:
            raise ValueError(f"'{part.strip()}' är inte ett paragrafnummer eller ett intervall som '95-97'")
        first, last = int(match.group(1)), int(match.group(2) or match.group(1))
        if last < first or last - first > 1000:
            raise ValueError(f"intervallet '{part.strip()}' går baklänges eller är för långt")
        numbers += range(first, last + 1)
    return numbers


def name_key(written: str) -> str:
    """How a person is recognised wherever the plan names them: the name without its
    party, its case and spacing evened out ('Anna Berg (M)' and 'anna  berg' agree)."""
    match = _PARTY.match(written)
    name = match.group("name") if match else written
    return " ".join(name.split()).casefold()


class Person(Strict):
    """Someone present: a ledamot, an ersättare, a tjänsteperson. Written as an object,
    or as the text 'Anna Berg (M)'."""

    name: Text = Field(alias="namn", description="Namnet, t.ex. 'Anna Berg'.")
    party: str | None = Field(None, alias="parti", description="Partiet, t.ex. 'M'; skrivs '(M)' efter namnet.")
    role: str | None = Field(None, alias="roll", description="Uppdraget, t.ex. 'ordförande' eller '1:e vice ordförande'.")
    title: str | None = Field(None, alias="titel", description="En tjänstepersons titel, t.ex. 'controller'.")
    replaces: str | None = Field(None, alias="ersätter",
                                 description="Den ledamot en tjänstgörande ersättare ersätter, t.ex. 'Per Holm (M)'.")
    paragraphs: list[int] | None = Field(None, alias="paragrafer",
                                         description="De paragrafer personen är med på, t.ex. '95-97, 99' "
                                                     "(utelämnat: hela sammanträdet).")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value):
        if isinstance(value, str):
            match = _PARTY.match(value)
            return {"namn": match.group("name"), "parti": match.group("party")} if match else {"namn": value}
        return value

    @field_validator("paragraphs", mode="before")
    @classmethod
    def _numbers(cls, value):
        return None if value is None else paragraph_numbers(value)

    @property
    def display(self) -> str:
        return f"{self.name} ({self.party})" if self.party else self.name

    @property
    def key(self) -> str:
        return name_key(self.name)

    def present_at(self, number: int) -> bool:
        return self.paragraphs is None or number in self.paragraphs


class Attendance(Strict):
    """Who was at the meeting."""

    members: list[Person] = Field(alias="ledamöter", min_length=1, max_length=MAX_LIST_ITEMS,
                                  description="Tjänstgörande ledamöter, med roll och paragrafer där det behövs.")
    serving_deputies: list[Person] = Field(default_factory=list, alias="tjänstgörande ersättare",
                                           max_length=MAX_LIST_ITEMS,
                                           description="Ersättare som tjänstgör: vem de ersätter och för vilka paragrafer.")
    deputies: list[Person] = Field(default_factory=list, alias="ersättare", max_length=MAX_LIST_ITEMS,
                                   description="Närvarande ersättare som inte tjänstgör.")
    others: list[Person] = Field(default_factory=list, alias="övriga", max_length=MAX_LIST_ITEMS,
                                 description="Tjänstepersoner och andra närvarande, med titel och paragrafer.")


class ProtocolAdjustment(Strict):
    """Who justerade the protokoll, when and where."""

    adjusters: list[Text] = Field(alias="justerare", min_length=1, max_length=MAX_LIST_ITEMS,
                                  description="Den eller de som justerar, t.ex. 'Elisabeth Norrby (M)'.")
    date: Date = Field(alias="datum", description="Dagen protokollet justerades (ÅÅÅÅ-MM-DD).")
    where: str | None = Field(None, alias="tid och plats",
                              description="Var och när, t.ex. 'Stationsgatan 12, 2018-10-03 kl. 10.00' "
                                          "eller 'Digital justering'.")

    @field_validator("adjusters", mode="before")
    @classmethod
    def _one_or_many(cls, value):
        return [value] if isinstance(value, str) else value


class Notice(Strict):
    """The anslag on the kommun's anslagstavla that the protokoll is justerat."""

    date: Date = Field(alias="datum", description="Dagen anslaget sattes upp (ÅÅÅÅ-MM-DD).")
    kept_at: Text = Field(alias="förvaringsplats", description="Var protokollet förvaras, t.ex. 'Arbetsmarknadsförvaltningen'.")
    down: Date | None = Field(None, alias="nedtas",
                              description="Dagen anslaget tas ned, om det sitter längre än tre veckor (utelämnat: tre veckor).")


class Sitting(Strict):
    """When the meeting ran, and its breaks."""

    start: str = Field(alias="från", pattern=r"^([01]\d|2[0-3])[.:][0-5]\d$", description="Början, t.ex. '13.00'.")
    end: str = Field(alias="till", pattern=r"^([01]\d|2[0-3])[.:][0-5]\d$", description="Slutet, t.ex. '15.40'.")
    breaks: list[str] = Field(default_factory=list, alias="ajournering", max_length=20,
                              description="Ajourneringar, t.ex. '14.30–14.45'.")

    @field_validator("start", "end", mode="before")
    @classmethod
    def _text(cls, value):
        return value if not isinstance(value, (int, float)) else str(value)

    @field_validator("breaks", mode="before")
    @classmethod
    def _one_or_many(cls, value):
        return [value] if isinstance(value, str) else value


class Motion(Strict):
    """A yrkande: who made it, what kind, its words."""

    by: list[Text] = Field(alias="av", min_length=1, max_length=MAX_LIST_ITEMS,
                           description="Den eller de som yrkar, t.ex. 'Jonas Åberg (V)'.")
    kind: MotionKind = Field(alias="typ", description="bifall, avslag, ändring, tillägg, återremiss eller bordläggning.")
    text: Markdown | None = Field(None, alias="text",
                                  description="Yrkandets lydelse (för ändring och tillägg), eller motivering.")
    withdrawn: YesNo = Field(False, alias="återtaget", description="Yrkandet togs tillbaka.")

    @field_validator("by", mode="before")
    @classmethod
    def _one_or_many(cls, value):
        return [value] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _worded(self):
        if self.kind in ("ändring", "tillägg") and not (self.text or "").strip():
            raise PydanticCustomError("motion_text", "ett yrkande om {kind} ska ha sin lydelse i 'text'",
                                      {"kind": self.kind, "hint": "skriv vad nämnden ska besluta enligt yrkandet"})
        return self


# What a proposition or a vote names: the case's proposal, or a yrkande by its number (1, 2, …).
Choice = int | Literal["förslaget", "avslag", "avgörs i dag"]


class Vote(Strict):
    """An omröstning: what ja and nej meant, and who voted how."""

    yes_means: Choice = Field(alias="ja innebär", description="'förslaget', ett yrkandes nummer, 'avslag' eller 'avgörs i dag'.")
    no_means: Choice = Field(alias="nej innebär", description="Som 'ja innebär'.")
    yes: list[Text] = Field(default_factory=list, alias="ja", max_length=MAX_LIST_ITEMS, description="De som röstade ja.")
    no: list[Text] = Field(default_factory=list, alias="nej", max_length=MAX_LIST_ITEMS, description="De som röstade nej.")
    abstain: list[Text] = Field(default_factory=list, alias="avstår", max_length=MAX_LIST_ITEMS,
                                description="De som avstod från att rösta.")
    written: str | None = Field(None, alias="resultat",
                                description="Resultatet som det står i protokollet, t.ex. '8 ja, 3 nej, 0 avstår', "
                                            "som kontroll mot namnlistorna.")


class Proposition(Strict):
    """One step of the beslutsgång: what the chair put against what, and what the
    organ decided (by acclamation, or by the vote)."""

    put: list[Choice] = Field(alias="ställs", min_length=1, max_length=MAX_LIST_ITEMS,
                              description="Det som ställs mot varandra, t.ex. [förslaget, 2]; ett ensamt "
                                          "tilläggsyrkande ställs mot avslag.")
    carried: Choice = Field(alias="bifalls", description="Det nämnden beslutar enligt.")
    vote: Vote | None = Field(None, alias="omröstning")

    @field_validator("put", mode="before")
    @classmethod
    def _one_or_many(cls, value):
        return [value] if isinstance(value, (str, int)) else value


class Note(Strict):
    """A reservation or a protokollsanteckning: who, and (optionally) their words."""

    by: list[Text] = Field(alias="av", min_length=1, max_length=MAX_LIST_ITEMS,
                           description="Den eller de som reserverar sig eller antecknar.")
    text: Markdown | None = Field(None, alias="text", description="Skälen eller anteckningens text.")
    written: YesNo = Field(False, alias="skriftlig", description="Reservationen lämnas skriftligt.")

    @field_validator("by", mode="before")
    @classmethod
    def _one_or_many(cls, value):
        return [value] if isinstance(value, str) else value


class Paragraph(Strict):
    """One § of the protokoll: an agenda item (or an extra ärende) and what happened to it."""

    item: int | str | None = Field(None, alias="punkt",
                                   description="Punktens nummer i föredragningslistan, t.ex. 3 eller '8 a'.")
    extra: Text | None = Field(None, alias="extra ärende",
                               description="Rubriken på ett ärende som lades till på sammanträdet.")
    number_written: int | None = Field(None, alias="paragraf", ge=1,
                                       description="Paragrafens nummer, som kontroll: numren ges i listans ordning.")
    title: Text | None = Field(None, alias="rubrik", description="Rubriken, om den ska skilja sig från ärendets.")
    struck: YesNo = Field(False, alias="utgår", description="Punkten utgick från sammanträdet och får ingen paragraf.")
    summary: Markdown | None = Field(None, alias="sammanfattning",
                                     description="Sammanfattning av ärendet (utelämnat: ärendets avsnitt Sammanfattning "
                                                 "eller Ärendet, eller dess första avsnitt).")
    decision: Markdown | None = Field(None, alias="beslut",
                                      description="Beslutet (utelämnat: ärendets förslag till beslut, ordagrant).")
    immediate: YesNo | None = Field(None, alias="omedelbar justering",
                                    description="Paragrafen justerades omedelbart (utelämnat: som i mötesplanen).")
    motions: list[Motion] = Field(default_factory=list, alias="yrkanden", max_length=MAX_LIST_ITEMS)
    propositions: list[Proposition] = Field(default_factory=list, alias="propositionsordning",
                                            max_length=MAX_LIST_ITEMS)
    reservations: list[Note] = Field(default_factory=list, alias="reservationer", max_length=MAX_LIST_ITEMS)
    notes: list[Note] = Field(default_factory=list, alias="protokollsanteckningar", max_length=MAX_LIST_ITEMS)
    conflicts: list[Text] = Field(default_factory=list, alias="jäv", max_length=MAX_LIST_ITEMS,
                                  description="De som anmälde jäv och inte deltog i handläggningen.")
    send_to: list[Text] = Field(default_factory=list, alias="skickas till", max_length=MAX_LIST_ITEMS,
                                description="Vilka beslutet skickas till.")

    @field_validator("conflicts", "send_to", mode="before")
    @classmethod
    def _one_or_many(cls, value):
        return [value] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _one_shape(self):
        if (self.item is None) == (self.extra is None):
            raise PydanticCustomError(
                "paragraph_shape", "en paragraf ska ha precis ett av fälten punkt och extra ärende",
                {"hint": "t.ex. 'punkt: 3' för punkt 3 i föredragningslistan"})
        if self.struck and (self.decision or self.motions or self.propositions or self.number_written):
            raise PydanticCustomError("struck_only", "en punkt som utgår har ingen paragraf, inget beslut och inga yrkanden",
                                      {"hint": "ta bort 'utgår: ja' eller de andra fälten"})
        if self.struck and self.extra is not None:
            raise PydanticCustomError("struck_extra", "ett extra ärende kan inte utgå",
                                      {"hint": "ta bort paragrafen ur listan"})
        return self

    @property
    def item_label(self) -> str | None:
        return None if self.item is None else " ".join(str(self.item).split())


class Protocol(Strict):
    """What happened at one sammanträde."""

    kind: Literal["protokoll"] = Field(alias="typ", description="Alltid 'protokoll'.")
    meeting: Text = Field(alias="möte", description="Mötesplanen, i samma mapp, t.ex. 'amn-2018-09-26.yaml'.")
    time: Sitting = Field(alias="tid")
    first_paragraph: int = Field(alias="första paragraf", ge=1,
                                 description="Första paragrafens nummer; paragraferna löper över kalenderåret.")
    secretary: Text | None = Field(None, alias="sekreterare",
                                   description="Sekreteraren (utelämnat: mötesplanens).")
    adjustment: ProtocolAdjustment = Field(alias="justering")
    notice: Notice = Field(alias="anslag")
    attendance: Attendance = Field(alias="närvarande")
    paragraphs: list[Paragraph] = Field(alias="paragrafer", min_length=1, max_length=MAX_LIST_ITEMS)
    extracts: list[list[int]] | None = Field(None, alias="utdrag", max_length=MAX_LIST_ITEMS,
                                             description="Vilka utdrag som görs, vart och ett en eller flera "
                                                         "paragrafer, t.ex. ['97', '98-99'] (utelämnat: ett per paragraf).")

    @field_validator("extracts", mode="before")
    @classmethod
    def _numbers(cls, value):
        if value is None:
            return None
        if not isinstance(value, list):
            value = [value]
        return [paragraph_numbers(item) for item in value]


__all__ = ["Attendance", "Motion", "Note", "Paragraph", "Person", "Proposition", "Protocol", "Vote",
           "name_key", "paragraph_numbers"]
