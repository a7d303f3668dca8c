"""Did-you-mean hints shared by every place that names something unknown."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(value: str, known: Iterable[str], *, listing: bool = True) -> str:
    """'menade du X?' for the closest known name, else the known names (or nothing)."""
    known = sorted(set(known))
    guess = difflib.get_close_matches(value, known, n=1, cutoff=0.5)
    if not guess:
        upper = {k.upper(): k for k in known}
        if value.upper() in upper:
            guess = [upper[value.upper()]]
    if guess:
        return f"menade du '{guess[0]}'?"
    if listing and known:
        return "kända: " + ", ".join(known)
    return ""
