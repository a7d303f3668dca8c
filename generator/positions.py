"""Positions in a plan in the words staff use: "område 2, åtgärd 1, huvudansvarig".

A value's path is kept as a dotted path (``områden[1].åtgärder[0].huvudansvarig``)
for machines (``arende check --json``, editors); people read the same place with
each list item named by its singular noun and counted from 1, the parts joined by
commas. Every list key of the plan models and of hus.yaml has its noun here (a test
walks the schemas, so a new list key without a noun fails).
"""

from __future__ import annotations

import re

# A list's YAML key → what one item of it is called.
NOUNS = {
    # the plans (arende.yaml, bilagor, handlingsplaner)
    "aktiviteter": "aktivitet",
    "andra berörda": "berörd",
    "att": "att-sats",
    "attesterat": "attest",
    "avsnitt": "avsnitt",
    "beslut": "beslutsmening",
    "bilagor": "bilaga",
    "diarienummer": "diarienummer",
    "förvaltningar": "förvaltning",
    "grupper": "grupp",
    "handläggare": "handläggare",
    "huvudansvarig": "huvudansvarig",
    "kolumner": "kolumn",
    "nämnder": "nämnd",
    "områden": "område",
    "punkter": "punkt",
    "rader": "rad",
    "relaterade dokument": "dokument",
    "underskrifter": "underskrift",
    "åtgärder": "åtgärd",
    # hus.yaml (register and stil:)
    "adress": "adressrad",
    "attest": "bredd",
    "beslutad": "rad",
    "fält": "fält",
    "krävs": "block",
    "ordning": "block",
    "reviderad": "rad",
    "signerad": "rad",
}
# An item of a list inside a list item (a table row's cells: rader[2][1]).
INNER_NOUN = "cell"

_PART = re.compile(r"\[(\d+)\]|\.?([^.\[]+)")


def spoken(path: tuple) -> str:
    """*path* (YAML keys and list indexes) as staff say it: ``("områden", 1, "åtgärder",
    0, "huvudansvarig")`` → ``område 2, åtgärd 1, huvudansvarig``; ``("nämnder", 1,
    "nämnd")`` → ``nämnd 2``."""
    words: list[str] = []
    previous: object = None
    for part in path:
        if isinstance(part, int):
            if isinstance(previous, str) and words:
                noun = NOUNS.get(previous, previous)
                words[-1] = f"{noun} {part + 1}"
            else:
                words.append(f"{INNER_NOUN} {part + 1}")
        elif isinstance(previous, int) and words and words[-1].startswith(f"{part} "):
            pass   # "nämnd 2", not "nämnd 2, nämnd": the item's own field is the item
        else:
            words.append(str(part))
        previous = part
    return ", ".join(words)


def parse_dotted(text: str) -> tuple:
    """The path a dotted field names (the inverse of ``load.source.dotted``)."""
    path: list[str | int] = []
    for index, key in _PART.findall(text):
        path.append(int(index) if index else key)
    return tuple(path)


def spoken_field(field: str) -> str:
    """A problem's dotted *field* as staff say it (see :func:`spoken`)."""
    if "[" not in field and "." not in field:
        return field
    return spoken(parse_dotted(field))
