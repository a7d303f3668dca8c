"""What laying a paper out on pages found out, passed on to writers that cannot lay out.

The PDF writer lays the paper out (WeasyPrint) and returns a :class:`Layout`; the
DOCX writer cannot, since Word lays out when the file is opened, but it takes a
Layout as a hint for the results it caches in its page fields, which is what
previewers, search indexes and text extraction show. The writers never call each
other: the build passes on what one writer returned to the next (see
:func:`generator.build.build_case`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Layout:
    """One paper as laid out on pages."""

    pages: int
    written: bool = True   # False: laid out only, to learn its length (see write_pdf's accept)
