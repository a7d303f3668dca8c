"""The state one DOCX rendering carries: the document, its counters and its stamps.

Footnote numbers, revision ids and list instances are document-wide in Word, so
they live here rather than in the block or inline walkers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docx.document import Document
from docx.shared import Length
from docx.text.paragraph import Paragraph

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
    _footnotes: object = None
    _next_note: int = 1
    _next_revision: int = 1
    _lists: dict[str, int] = field(default_factory=dict)
    fresh: set = field(default_factory=set)   # a new table cell's empty paragraphs

    def style_id(self, key: str) -> str:
        """The style id behind a STYLE_MAP key, for XML that names styles by id."""
        return self.document.styles[style_name(key)].style_id

    def revision_id(self) -> int:
        """A fresh id for a w:ins or w:del (ids are unique across the document)."""
        self._next_revision += 1
        return self._next_revision - 1

    def new_footnote(self) -> tuple[int, Paragraph]:
        """A new Word footnote: its id and the paragraph its text goes into."""
        if self._footnotes is None:
            self._footnotes = ooxml.footnotes_part(self.document)
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
