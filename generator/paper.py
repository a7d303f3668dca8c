"""The contract between compose and the writers: one composed paper.

A paper is its HTML (the vocabulary in :mod:`generator.vocabulary`), the house it is
laid out in, and its facts: what the paper says about itself (title, type, authors,
dates, diarienummer). Compose fills the facts once; the writers put them into the
files' metadata and the archive into its manifest, as they are, without reading them
back out of the HTML. Both writers take exactly a :class:`Paper` and nothing else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.dates import midnight_utc

if TYPE_CHECKING:
    from generator.house import House


@dataclass(frozen=True)
class PaperFacts:
    """What a paper says about itself, for the metadata of every file made from it.

    *modified* is the paper's date at 00:00 UTC unless SOURCE_DATE_EPOCH says
    otherwise (:func:`generator.dates.modified_moment`); never the time of the build.
    """

    title: str
    kind_label: str                 # 'Tjänsteskrivelse', 'Bilaga 1, handlingsplan'
    authors: tuple[str, ...]
    date: dt.date
    modified: dt.datetime
    board: str                      # the nämnd's name; a joint paper's names, comma-separated
    dnr: str | None = None          # the (first) diarienummer, which names the files
    dnrs: tuple[str, ...] = ()      # every diarienummer of the paper, the first first
    boards: tuple[str, ...] = ()    # every recipient nämnd's name
    departments: tuple[str, ...] = ()   # every förvaltning's name
    registration_year: int | None = None
    language: str = "sv"
    generator: str = ""

    @property
    def created(self) -> dt.datetime:
        """The paper's own date at 00:00 UTC: the creation date in every file."""
        return midnight_utc(self.date)

    @property
    def author(self) -> str:
        return ", ".join(self.authors)

    @property
    def description(self) -> str:
        """One line for a file's subject or comments: type, dnr and nämnd."""
        return " ".join(filter(None, [self.kind_label, ", ".join(self.all_dnrs), self.board]))

    @property
    def all_dnrs(self) -> tuple[str, ...]:
        """Every diarienummer: *dnrs*, or the one *dnr* where only that was given."""
        return self.dnrs or ((self.dnr,) if self.dnr else ())

    @property
    def keywords(self) -> tuple[str, ...]:
        """The dnr, the nämnd and the type as keywords.

        A keyword list is comma-separated text in HTML and in a PDF's Keywords entry,
        so a comma inside a value ('Bilaga 1, handlingsplan') separates two keywords;
        they are split here the way a reader of that text splits them.
        """
        found: list[str] = []
        for value in (*self.all_dnrs, self.board, self.kind_label):
            for keyword in (value or "").split(","):
                keyword = keyword.strip()
                if keyword and keyword not in found:
                    found.append(keyword)
        return tuple(found)


@dataclass(frozen=True)
class Paper:
    """One composed paper: its HTML, the house it is laid out in, its file name stem,
    and its facts."""

    kind: str
    stem: str
    title: str
    html: str
    house: House
    facts: PaperFacts

    def for_pdf(self) -> PdfPaper:
        """What the PDF writer reads of this paper, in plain values."""
        house = self.house
        return PdfPaper(self.kind, self.stem, self.title, self.html,
                        PageFiles(house.folder, house.base, tuple(house.stylesheets), house.css),
                        self.facts)


@dataclass(frozen=True)
class PageFiles:
    """What laying a paper out on pages needs of its house: its folder and the shared
    base (the only folders the layout may read from), its style sheets and the CSS
    generated from its declaration."""

    folder: Path
    base: Path
    stylesheets: tuple[Path, ...]
    css: str


@dataclass(frozen=True)
class PdfPaper:
    """A :class:`Paper` as the PDF writer reads it: the house only as its
    :class:`PageFiles`. Plain values, so it goes to another process (generator.side)
    without the house's register and style models, which that process never imports."""

    kind: str
    stem: str
    title: str
    html: str
    house: PageFiles
    facts: PaperFacts
