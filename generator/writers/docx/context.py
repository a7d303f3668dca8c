"""The state one DOCX rendering carries: the document, its counters and its stamps.

Footnote numbers, revision ids and list instances are document-wide in Word, so
they live here rather than in the block or inline walkers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docx.document import Document
from docx.parts.story import StoryPart
from docx.shared import Length
from docx.text.paragraph import Paragraph

from generator.house.style import HouseStyle
from generator.writers.docx import ooxml
from generator.writers.docx.styles import style_name

# The author of a revision whose <ins>/<del> does not name one (compose always does,
# from the plan's 'spårade ändringar' or its first handläggare; see docs/paper-html.md).
REVISION_AUTHOR = "arende"


@dataclass
class RenderContext:
    """Everything the walkers share while one paper becomes one document."""

    document: Document
    house_folder: Path
    resource_roots: tuple[Path, ...]
    title: str
    revision_date: str            # ISO 8601, from the paper's dcterms.created; for
                                  # revisions whose HTML gives no data-date
    text_width: Length
    style: HouseStyle             # the house's declared look: column widths, per-row counts
    pages: int | str | None = None   # the page count, when a laid-out rendering knows it (or a placeholder for it)
    _footnotes: StoryPart | None = None
    _next_note: int = 1
    _next_revision: int = 1
    _lists: dict[str, int] = field(default_factory=dict)
    fresh: set = field(default_factory=set)   # a new table cell's empty paragraphs

    def style_id(self, key: str) -> str:
        """The style id behind a STYLE_MAP key, for XML that names styles by id."""
        return self.document.styles[style_name(key)].style_id

    def field_result(self, instruction: str, part) -> str:
        """The result a page field in *part* caches: what previewers, search indexes and
        text extraction show, since only Word and LibreOffice lay the pages out and
        compute it (they do so on opening, without asking).

        PAGE is 1 in the body and the first page's header and footer, 2 in those of
        the later pages. NUMPAGES is the page count of the laid-out rendering (the
        PDF's) when there was one. Without it (a DOCX built alone) the count is not
        known, and any number would be a guess that is wrong for most papers, so the
        cached result is left empty: "Sida 1 ()" rather than a false "Sida 1 (1)".
        """
        if instruction == "PAGE":
            # Looked up each time: the furniture may add the first page's header after
            # it has written the later pages' one.
            first = part is self.document.part or part in ooxml.first_page_parts(self.document)
            return "1" if first else "2"
        if instruction == "NUMPAGES":
            return str(self.pages) if self.pages else ""
        raise ValueError(f"no cached result for field {instruction!r}")

    def revision_id(self) -> int:
        """A fresh id for a w:ins or w:del (ids are unique across the document)."""
        self._next_revision += 1
        return self._next_revision - 1

    def new_footnote(self) -> tuple[int, Paragraph]:
        """A new Word footnote: its id and the paragraph its text goes into."""
        if self._footnotes is None:
            self._footnotes = ooxml.footnotes_part(self.document, self.style.footnote_separator)
        note_id = self._next_note
        self._next_note += 1
        p = ooxml.add_footnote(self._footnotes, note_id, self.style_id("span.footnote"),
                               self.style_id("footnote-call"))
        return note_id, Paragraph(p, self._footnotes)

    def new_list(self, kind: str, level: int, start: int) -> int:
        """A new list instance of *kind* ('bullet' or 'decimal') counting from *start*."""
        numbering = self.document.part.numbering_part.element
        if kind not in self._lists:
            self._lists[kind] = ooxml.abstract_list(numbering, kind)
        return ooxml.start_list(numbering, self._lists[kind], level, start)
