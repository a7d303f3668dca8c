"""Swedish prose arende writes in more than one place."""

from __future__ import annotations


def and_list(names: list[str]) -> str:
    """'A', 'A och B', 'A, B och C' (and '' for no names): names as Swedish prose joins them."""
    return " och ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
