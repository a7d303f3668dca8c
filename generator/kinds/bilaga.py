"""A generic bilaga: an utredning, redovisning, yttrande, PM or rapport, in headed sections.

Its ``slag`` says what it is, in the writer's own words: that is its type label in
the metadata ('Bilaga 2, utredning') and, as ASCII, the end of its file name
('…_bilaga-2_utredning'). It may carry its own date and diarienummer; without them
the case's stand in its metadata.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from generator.errors import WARNING, Problem
from generator.kinds import Identity, PaperKind, register_kind
from generator.limits import MAX_LIST_ITEMS
from generator.load.source import Source, dotted
from generator.model.plan import Date, PaperModel, Section, Text
from generator.naming import slug

# A slag is a word or two; it ends up in a file name.
Slag = Annotated[str, Field(min_length=1, max_length=40)]


class Appendix(PaperModel):
    """A bilaga of free structure: a title, what kind of document it is, then sections."""

    kind: Literal["bilaga"] = Field(alias="typ")
    title: Text = Field(alias="titel")
    category: Slag = Field(alias="slag")
    date: Date | None = Field(None, alias="datum")
    dnr: Text | None = Field(None, alias="diarienummer")
    reference: Text | None = Field(None, alias="vår referens")
    # The paper's own place marker, as the agenda words it: 'Bilaga 6:1'.
    marker: Slag | None = Field(None, alias="märkning")
    sections: list[Section] = Field(default_factory=list, alias="avsnitt", max_length=MAX_LIST_ITEMS)

    @property
    def category_heading(self) -> str:
        """The slag as the masthead prints it: its first letter capital, the rest as written."""
        return self.category[:1].upper() + self.category[1:]


def describe(appendix: Appendix, register, number: int | None) -> Identity:
    marker = appendix.marker or f"Bilaga {number}"
    return Identity(title=appendix.title, label=f"{marker}, {appendix.category}",
                    file_name=f"bilaga-{number}_{slug(appendix.category).lower()}",
                    date=appendix.date, dnr=appendix.dnr)


def check(appendix: Appendix, register, source: Source, numbers: set[int]) -> list[Problem]:
    """A bilaga with a title and nothing under it is probably not finished."""
    if any(section.text or section.areas for section in appendix.sections):
        return []
    at = ("avsnitt",) if "avsnitt" in source.data else ("titel",)
    return [Problem(source.locate(at), dotted(at), "bilagan har ingen text",
                    "skriv innehållet under avsnitt (rubrik och text)", WARNING)]


KIND = register_kind(PaperKind(
    typ="bilaga",
    model=Appendix,
    template="bilaga",
    main=False,
    describe=describe,
    check=check,
    schema="bilaga.schema.json",
    schema_title="Bilaga (utredning, redovisning, yttrande, PM …)",
    help={
        "slag": "Vilket slags handling bilagan är, t.ex. utredning, redovisning, yttrande, PM, rapport.",
        "datum": "Bilagans eget datum, ÅÅÅÅ-MM-DD, om den har ett; annars gäller ärendets.",
        "diarienummer": "Bilagans eget diarienummer, om den har ett; annars gäller ärendets.",
        "vår referens": "Den som skrivit bilagan eller kan svara på frågor om den; skrivs under 'Vår referens'.",
        "märkning": "Bilagans egen märkning som den ska stå överst, t.ex. 'Bilaga 6:1'; annars 'Bilaga' och numret.",
    },
))
