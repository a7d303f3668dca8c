"""Where a house prints each field `arende new` offers, learnt from its style declaration.

The scaffold offers an optional field (sammanträde, a handläggare's e-post) only where
the house prints it, and says beside each field where it shows, or that it is not
printed, so staff never fill in a field and then look for it in vain.
"""

from __future__ import annotations

import re

from generator.house.style import HouseStyle, Pages
from generator.swedish import and_list

# The case's fields a masthead field (stil: huvud: fält:) prints.
MASTHEAD_SHOWS: dict[str, tuple[str, ...]] = {
    "handläggare": ("handläggare",), "datum": ("datum",), "diarienummer": ("diarienummer",),
    "till": ("nämnd", "sammanträde"), "nämnd": ("nämnd",), "sammanträde": ("sammanträde",)}
# The case's fields a running header or footer prints through its {fields}.
FURNITURE_SHOWS = ("datum", "diarienummer", "nämnd", "sammanträde", "förvaltning")
# What the scaffold asks where each is printed.
SCAFFOLD_FIELDS = ("förvaltning", "handläggare", "datum", "diarienummer", "nämnd", "sammanträde", "ärendenummer")

_ON_PAGES: dict[Pages, str] = {"alla": "", "första": " på första sidan", "övriga": " från sidan 2", "inga": ""}


def where_printed(style: HouseStyle) -> dict[str, str]:
    """Each field of SCAFFOLD_FIELDS → where the house prints it in Swedish ('dokumenthuvudet
    och sidhuvudet från sidan 2'), or '' where the papers do not show it. A place in the
    bilagor ('bilagornas sidhuvud') comes last: it shows only in a case with bilagor."""
    places: dict[str, list[str]] = {field: [] for field in SCAFFOLD_FIELDS}
    head = style.masthead
    shown_in_head = {"förvaltning", "ärendenummer"}   # the paper-type block and 'Ärende 7' always
    shown_in_head.update(case_field for name in head.fields if isinstance(name, str)   # not a plan's uppgift
                         for case_field in MASTHEAD_SHOWS.get(name, ()))
    if head.dnr_in_title or head.dnr_under_title:
        shown_in_head.add("diarienummer")
    if head.show_recipient:
        shown_in_head.add("nämnd")
    for field in shown_in_head:
        places[field].append("dokumenthuvudet")
    header, footer = style.header, style.footer
    furniture = [("sidhuvudet", header.pages, [header.text]),
                 ("sidfoten", footer.pages, [line for column in footer.columns for line in column.lines]),
                 ("bilagornas sidhuvud", header.pages, [header.attachment])]
    if header.later is not None:   # a header of its own on the pages after the first
        furniture.insert(1, ("sidhuvudet", "övriga", [header.later]))
    header_fields = set(re.findall(r"\{([^{}]+)\}", header.text)) if header.pages != "inga" else set()
    for place, pages, texts in furniture:
        if pages == "inga":
            continue
        named = {name for text in texts for name in re.findall(r"\{([^{}]+)\}", text)}
        for field in FURNITURE_SHOWS:
            # The bilagor's header is worth naming only for a field the paper's own lacks.
            where = place + _ON_PAGES[pages]
            if field in named and not (place.startswith("bilagornas") and field in header_fields) \
                    and where not in places[field]:
                places[field].append(where)
    return {field: and_list(where) for field, where in places.items()}
