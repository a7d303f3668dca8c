"""Stage 4, writers: each turns a composed paper into one file format.

Every writer has the same signature, ``write(paper, target)``, and writes only to
*target*; the caller stages targets in a temporary folder and moves them into
place when every paper of a case succeeded. A writer that lays the paper out
returns a :class:`~generator.writers.layout.Layout`, which the caller may hand to
a later writer of the same paper as ``layout=`` (FORMATS lists the formats in that
order).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.paper import Paper

FORMATS = ("pdf", "docx")
# The PDF/A levels an archival PDF can have (see generator.writers.pdf.pdfa); here, so
# the CLI can offer them without importing the PDF writer.
PDFA_LEVELS = ("1b", "2b", "3b")
DEFAULT_PDFA_LEVEL = "1b"

Writer = Callable[..., Any]   # write(paper, target, **options) -> Layout | None


def writer_for(fmt: str) -> Writer:
    """The write function for *fmt*, guarded (see :func:`guarded`).

    Writers are imported on demand: WeasyPrint and python-docx are slow to import,
    and commands that do not render (check, --help) should not pay for them.
    """
    write: Writer
    if fmt == "pdf":
        from generator.writers.pdf import write_pdf
        write = write_pdf
    elif fmt == "docx":
        from generator.writers.docx import write_docx
        write = write_docx
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return guarded(fmt, write)


def guarded(fmt: str, write: Writer) -> Writer:
    """*write* under the render time and memory limits, with a library failing on this
    input (WeasyPrint overflowing on a house style's 'font-size: 1e9px', say) reported
    as a RenderFailure naming the paper.

    An exception raised in arende's own code is a bug, not the input's fault: it goes
    through unchanged, so the CLI reports an internal error (exit 70, the traceback
    under --debug) instead of blaming the house style.
    """
    from generator.errors import ArendeError, RenderFailure
    from generator.limits import render_limits

    def guarded(paper: Paper, target: Path, **options: Any) -> Any:
        what = f"{fmt.upper()} för '{paper.title}'"
        with render_limits(what):
            try:
                return write(paper, target, **options)
            except (ArendeError, MemoryError, OSError):
                raise  # already ours, or handled by render_limits or the build
            except Exception as exc:
                if raised_by_arende(exc):
                    raise
                raise RenderFailure(f"{what} kunde inte göras ({type(exc).__name__}: {exc}). "
                                    "Kontrollera husstilens mallar och stil: i hus.yaml.") from exc

    return guarded


def raised_by_arende(exc: BaseException) -> bool:
    """Whether *exc* was raised in arende's own code rather than in a library.

    Decided by the innermost frame of its traceback outside the standard library: a
    KeyError in a writer of ours ends in a ``generator`` module; WeasyPrint's or
    lxml's error on odd input ends in theirs (Cython modules such as lxml.etree keep
    frames too). Standard-library frames are skipped, as either side calls into them.
    """
    frames = []
    tb = exc.__traceback__
    while tb is not None:
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    for frame in reversed(frames):
        module = str(frame.f_globals.get("__name__", ""))
        top = module.partition(".")[0]
        if top in sys.stdlib_module_names:
            continue
        return top == "generator"
    return True  # no frame outside the standard library: the call itself was ours
