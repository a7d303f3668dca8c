"""The PDF/A levels arende offers, and what each asks of the PDF writer.

* **1b** (ISO 19005-1, the default): the level most archives accept (Riksarkivet's
  technical rules, RA-FS 2009:2, predate PDF/A-2), and the one Apache PDFBox Preflight
  can check.
* **2b** (ISO 19005-2): PDF 1.7 based; allows transparency and JPEG 2000.
* **3b** (ISO 19005-3): as 2b, and may carry other files. arende embeds the case's
  YAML files as associated files with the relationship ``Source``, so the archival
  PDF holds what it was made from.

All three are written tagged (WeasyPrint's structure tree) and claim PDF/UA-1 like the
published papers: level b permits it, and a reader with a screen reader needs it. WeasyPrint writes the output intent (its sRGB
ICC profile), embeds every font and gives the file an id; arende replaces the XMP
packet (see :mod:`generator.writers.pdf.xmp`).
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.writers import PDFA_LEVELS as LEVELS
YAML_TYPE = "application/yaml"   # RFC 9512


@dataclass(frozen=True)
class Source:
    """A file to embed in a PDF/A-3 paper: its name in the PDF and its bytes."""

    name: str
    data: bytes


def variant(level: str) -> str:
    """WeasyPrint's name for a level: '1b' → 'pdf/a-1b'."""
    if level not in LEVELS:
        raise ValueError(f"unknown PDF/A level {level!r}")
    return f"pdf/a-{level}"


def identification(level: str) -> tuple[int, str]:
    """The XMP pdfaid part and conformance of a level: '1b' → (1, 'B')."""
    variant(level)
    return int(level[0]), level[1].upper()


def embeds_sources(level: str) -> bool:
    """Whether papers at *level* carry their source files (PDF/A-3 only)."""
    return level == "3b"


def read_sources(paths: list[Path], folder: Path) -> tuple[Source, ...]:
    """The case's YAML files, named by their path in the case folder."""
    return tuple(Source(path.relative_to(folder).as_posix(), path.read_bytes()) for path in paths)


def attachments(sources: tuple[Source, ...], when: dt.datetime) -> list:
    """WeasyPrint attachments for *sources*, dated *when* (never the file's mtime or now:
    either would make the same paper differ from build to build)."""
    from weasyprint import Attachment

    stamp = when.astimezone(dt.timezone.utc).replace(tzinfo=None)
    # A data: URL, because it carries the MIME type: guessed from the name, it would come
    # from the machine's /etc/mime.types and differ from one computer to the next.
    return [Attachment(url=f"data:{YAML_TYPE};base64,{base64.b64encode(source.data).decode()}",
                       name=source.name, relationship="Source",
                       description=f"Källfil: {source.name}", created=stamp, modified=stamp)
            for source in sources]
