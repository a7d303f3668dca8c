"""The paper's custom document properties: the case's facts, kept once in the file.

A municipal Word template keeps the dnr, the date and the like as document
properties and shows them through DOCPROPERTY fields, so a registrar who corrects
one (File › Info › Properties) sees the correction everywhere after updating the
fields. The DOCX writer does the same: the paper's facts give the properties
below, and each ``span.doc-property`` in the paper names one and prints its value,
which becomes a DOCPROPERTY field with that value as its cached result.
"""

from __future__ import annotations

import re

from generator.paper import PaperFacts
from generator.vocabulary import role_of



def from_facts(facts: PaperFacts) -> dict[str, str]:
    """Custom property → its value from the paper's facts (empty: not set)."""
    values = {"Diarienummer": facts.dnr or "", "Datum": facts.date.isoformat(),
              "Nämnd": facts.board, "Handläggare": facts.author, "Handlingstyp": facts.kind_label,
              "Registreringsår": str(facts.registration_year or "")}
    # A joint paper's further dnr, each a property of its own that the masthead shows
    # through a field: 'Diarienummer-2', 'Diarienummer-3' …
    for index, dnr in enumerate(facts.all_dnrs[1:], start=2):
        values[f"Diarienummer-{index}"] = dnr
    return values

# A name a DOCPROPERTY field can name without quotes: letters, digits, '_' and '-',
# starting with a letter.
NAME = re.compile(r"[^\W\d_][\w-]*")
LIMIT = 255   # Word keeps at most this many characters of a property's text value

_SPACE = re.compile(r"[ \t\n\r\f]+")


def shown_value(element) -> str:
    """The text a span.doc-property prints, whitespace collapsed."""
    return _SPACE.sub(" ", element.text_content()).strip()


def document_properties(facts: PaperFacts, body) -> tuple[dict[str, str], list[str]]:
    """The custom properties of a paper, and every problem with them (in Swedish).

    A property has one value: the span's text, or the paper's facts, which must
    agree wherever they meet, since a field shows the same value everywhere.
    """
    values: dict[str, str] = {}
    origins: dict[str, str] = {}
    for name, given in from_facts(facts).items():
        value = _SPACE.sub(" ", given).strip()
        if value:
            values[name] = value if len(value) <= LIMIT else value[:LIMIT - 1] + "…"
            origins[name] = "handlingens uppgifter"
    problems: list[str] = []
    for element in body.iter():
        if role_of(element) != "span.doc-property":
            continue
        name, value = (element.get("data-property") or "").strip(), shown_value(element)
        where = f"rad {element.sourceline}: " if element.sourceline else ""
        if not NAME.fullmatch(name):
            problems.append(f"{where}dokumentegenskapen '{name}' har ett namn som Word inte kan "
                            "visa i ett fält (bara bokstäver, siffror, '-' och '_', först en bokstav)")
        elif not value or len(value) > LIMIT:
            problems.append(f"{where}dokumentegenskapen '{name}' ska ha ett värde på 1–{LIMIT} tecken")
        elif name in values and values[name] != value:
            problems.append(f"{where}dokumentegenskapen '{name}' är '{value}' här men "
                            f"'{values[name]}' i {origins[name]}; ett fält visar samma värde överallt")
        else:
            values[name] = value
            origins[name] = f"rad {element.sourceline}" if element.sourceline else "pappers-HTML:en"
    return values, problems
