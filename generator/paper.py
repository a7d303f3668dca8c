"""The contract between compose and the writers: one composed paper.

A paper is its HTML (the vocabulary in :mod:`generator.vocabulary`) plus the house it
is laid out in. Both writers take exactly this and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.house import House


@dataclass(frozen=True)
class Paper:
    """One composed paper: its HTML, the house it is laid out in, and its file name stem."""

    kind: str
    stem: str
    title: str
    html: str
    house: House
