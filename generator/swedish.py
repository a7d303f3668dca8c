"""Swedish prose arende writes in more than one place."""

from __future__ import annotations


def and_list(names: list[str]) -> str:
    """'A', 'A och B', 'A, B och C' (and '' for no names): names as Swedish prose joins them."""
    return " och ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december")
WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")


def long_date(value) -> str:
    """A date as Swedish prose: 2021-08-24 → '24 augusti 2021'."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def meeting_day(value) -> str:
    """'tisdagen den 8 december 2026', as a kallelse names the day of a sammanträde."""
    return f"{WEEKDAYS[value.weekday()]}en den {long_date(value)}"


def clock(value) -> str:
    """A time of day as Swedish papers print it: 13:00 → '13.00'."""
    return f"{value.hour:02d}.{value.minute:02d}"
