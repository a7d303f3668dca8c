"""Stage 4, writers: each turns a composed paper into one file format.

Every writer has the same signature, ``write(paper, target)``, and writes only to
*target*; the caller stages targets in a temporary folder and moves them into
place when every paper of a case succeeded. A writer that lays the paper out
returns a :class:`~generator.writers.layout.Layout`, which the caller may hand to
a later writer of the same paper as ``layout=`` (FORMATS lists the formats in that
order).
"""

FORMATS = ("pdf", "docx")
# The PDF/A levels an archival PDF can have (see generator.writers.pdf.pdfa); here, so
# the CLI can offer them without importing the PDF writer.
PDFA_LEVELS = ("1b", "2b", "3b")
DEFAULT_PDFA_LEVEL = "1b"


def writer_for(fmt: str):
    """The write function for *fmt*, guarded (see :func:`guarded`).

    Writers are imported on demand: WeasyPrint and python-docx are slow to import,
    and commands that do not render (check, --help) should not pay for them.
    """
    if fmt == "pdf":
        from generator.writers.pdf import write_pdf as write
    elif fmt == "docx":
        from generator.writers.docx import write_docx as write
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return guarded(fmt, write)


def guarded(fmt: str, write):
    """*write* under the render time and memory limits, with any failure of a library
    (WeasyPrint overflowing on a house style's 'font-size: 1e9px', say) reported as a
    RenderFailure naming the paper, not as an internal error."""
    from generator.errors import ArendeError, RenderFailure
    from generator.limits import render_limits

    def guarded(paper, target, **options):
        what = f"{fmt.upper()} för '{paper.title}'"
        with render_limits(what):
            try:
                return write(paper, target, **options)
            except (ArendeError, MemoryError, OSError):
                raise  # already ours, or handled by render_limits or the build
            except Exception as exc:  # noqa: BLE001 - a library failing on this input
                raise RenderFailure(f"{what} kunde inte göras ({type(exc).__name__}: {exc}). "
                                    "Kontrollera husstilens CSS och mallar.") from exc

    guarded.__wrapped__ = write
    return guarded
