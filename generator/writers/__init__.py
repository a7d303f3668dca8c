"""Stage 4, writers: each turns a composed paper into one file format.

Every writer has the same signature, ``write(paper, target)``, and writes only to
*target*; the caller stages targets in a temporary folder and moves them into
place when every paper of a case succeeded.
"""

FORMATS = ("pdf", "docx")


def writer_for(fmt: str):
    """The write function for *fmt*, imported on demand (WeasyPrint is slow to import)."""
    if fmt == "pdf":
        from generator.writers.pdf import write_pdf

        return write_pdf
    if fmt == "docx":
        from generator.writers.docx import write_docx

        return write_docx
    raise ValueError(f"unknown format {fmt!r}")
