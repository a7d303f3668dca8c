"""Page parity between a paper's PDF and its DOCX as an office suite lays it out.

Shared by ``tools/compare_pages.py`` (for developers) and ``tests/test_page_parity.py``;
it imports nothing from arende. The DOCX is printed to PDF by LibreOffice, then both
PDFs are read page by page with pdftotext and compared: the same number of pages,
and each page starting with the same words, so each page break falls where the PDF's
does.

What repeats on every page is left out before comparing: the running header and
footer ("Sida 2 (4)", the address block) and the repeated heading rows of tables.
Their words are read from the DOCX itself (its header and footer parts, and the
table rows marked to repeat), so no house's wording is written here.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

FIRST_WORDS = 3   # how many words of a page's body identify where it starts
WORD = re.compile(r"\w+")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# A line that is only a page number: "3", "3 (8)", "Sida 3 (8)", "3 av 8", "3/8".
_PAGE_NUMBER = re.compile(r"\W*(sida\s+)?\d+(\s*\(\s*\d+\s*\)|\s+av\s+\d+|\s*/\s*\d+)?\W*", re.IGNORECASE)


class Unavailable(RuntimeError):
    """A tool the comparison needs (LibreOffice, pdftotext) is not installed."""


def office_pdfs(docx_files: list[Path], outdir: Path, profile: Path | None = None) -> list[Path]:
    """Each DOCX opened and printed to PDF by LibreOffice (one run for all), as a Word
    user's office suite would: the PDFs in *outdir*, in the order of *docx_files*.

    LibreOffice runs with a user profile of its own (*profile*, else a temporary one),
    so parallel runs and a desktop session do not lock each other out.
    """
    soffice = shutil.which("soffice")
    if soffice is None:
        raise Unavailable("LibreOffice saknas (apt-get install libreoffice-writer-nogui)")
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as scratch:
        home = profile or Path(scratch)
        subprocess.run([soffice, f"-env:UserInstallation={home.resolve().as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docx_files)],
                       check=True, capture_output=True, timeout=300)
    return [outdir / f"{path.stem}.pdf" for path in docx_files]


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, as ``pdftotext -f N -l N`` reads it (one run, split at
    the form feed that ends each page)."""
    if shutil.which("pdftotext") is None:
        raise Unavailable("pdftotext saknas (apt-get install poppler-utils)")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def furniture_words(docx: Path) -> frozenset[str]:
    """The words that repeat on every page of *docx*: its headers and footers, and the
    table rows Word repeats at the top of each page (casefolded, numbers left out).
    Only the text (w:t) counts, not field codes such as PAGE."""
    from lxml import etree

    texts: list[str] = []
    with zipfile.ZipFile(docx) as parts:
        for name in parts.namelist():
            if re.fullmatch(r"word/(header|footer)\d*\.xml", name):
                texts += (t.text or "" for t in etree.fromstring(parts.read(name)).iter(f"{_W}t"))
        document = etree.fromstring(parts.read("word/document.xml"))
    for row in document.iter(f"{_W}tr"):
        if row.find(f"{_W}trPr/{_W}tblHeader") is not None:
            texts += (t.text or "" for t in row.iter(f"{_W}t"))
    return frozenset(w.casefold() for w in WORD.findall(" ".join(texts)) if not w.isdigit())


def body_lines(page: str, furniture: frozenset[str]) -> list[list[str]]:
    """The words of *page*, line by line, from its first body line on: leading lines
    made only of furniture words (and numbers, as in 'Sida 2 (4)'), or only a page
    number, are skipped. Casefolded: a house may set a line in capitals in one format
    and as small caps in the other."""
    lines = [line for line in page.splitlines() if line.strip()]
    for index, line in enumerate(lines):
        named = [w for w in WORD.findall(line.casefold()) if not w.isdigit()]
        if _PAGE_NUMBER.fullmatch(line.strip()) or (named and set(named) <= furniture):
            continue
        return [words for rest in lines[index:] if (words := WORD.findall(rest.casefold()))]
    return []


@dataclass(frozen=True)
class Start:
    """How one page of one PDF starts: its first words, and the words a page starting
    on the same line may begin with (the first line and the words after it)."""

    words: tuple[str, ...]
    line: tuple[str, ...]

    @classmethod
    def of(cls, page: str, furniture: frozenset[str]) -> Start:
        lines = body_lines(page, furniture)
        flat = [w for words in lines for w in words]
        first = len(lines[0]) if lines else 0
        return cls(tuple(flat[:FIRST_WORDS]), tuple(flat[:first + FIRST_WORDS]))

    def same_line(self, other: Start) -> bool:
        """Whether *other* starts on the same line of text: its first words are among
        this page's first line (a line wraps a word earlier or later in each format)."""
        return _contains(self.line, other.words) or _contains(other.line, self.words)


def _contains(words: tuple[str, ...], run: tuple[str, ...]) -> bool:
    return any(words[i:i + len(run)] == run for i in range(len(words) - len(run) + 1))


@dataclass(frozen=True)
class PageStart:
    """How page *number* starts in the PDF and in the DOCX (None: no such page)."""

    number: int
    pdf: Start | None
    docx: Start | None

    @property
    def exact(self) -> bool:
        return self.pdf is not None and self.docx is not None and self.pdf.words == self.docx.words

    @property
    def same(self) -> bool:
        """The page starts in the same place: the same words, or the same line of text."""
        return self.exact or (self.pdf is not None and self.docx is not None
                               and self.pdf.same_line(self.docx))

    def __str__(self) -> str:
        def shown(start):
            return "(ingen sida)" if start is None else "«" + " ".join(start.words) + "»"

        if self.number == 1:
            verdict = "början"
        elif self.exact:
            verdict = "lika"
        elif self.same:
            verdict = "samma rad"
        else:
            verdict = "OLIKA"
        if self.exact:
            return f"sida {self.number}: {verdict:<9} {shown(self.pdf)}"
        return f"sida {self.number}: {verdict:<9} PDF {shown(self.pdf)}  DOCX {shown(self.docx)}"


@dataclass(frozen=True)
class Parity:
    """The page-by-page comparison of one paper. Page 1 starts where the paper does in
    both; its first words are shown but not compared (the side-by-side blocks of a
    masthead are read in another order from each file)."""

    name: str
    pages: tuple[PageStart, ...]
    pdf_pages: int
    docx_pages: int

    @property
    def ok(self) -> bool:
        return self.pdf_pages == self.docx_pages and all(page.same for page in self.pages[1:])

    @property
    def breaks(self) -> tuple[int, int]:
        """(kept, total): of the PDF's page breaks, how many the DOCX has in the same place."""
        breaks = [page for page in self.pages[1:] if page.pdf is not None]
        return sum(page.same for page in breaks), len(breaks)

    def report(self) -> str:
        kept, total = self.breaks
        lines = [f"{self.name}: PDF {self.pdf_pages} sidor, DOCX {self.docx_pages} sidor; "
                 f"{kept} av {total} sidbrytningar på samma ställe"]
        lines += [f"  {page}" for page in self.pages]
        return "\n".join(lines)


def compare(pdf: Path, office_pdf: Path, docx: Path, name: str = "") -> Parity:
    """*pdf* (the product) against *office_pdf* (*docx* as LibreOffice prints it)."""
    furniture = furniture_words(docx)
    ours, theirs = page_texts(pdf), page_texts(office_pdf)

    def start(pages: list[str], index: int) -> Start | None:
        return Start.of(pages[index], furniture) if index < len(pages) else None

    count = max(len(ours), len(theirs))
    pages = tuple(PageStart(n + 1, start(ours, n), start(theirs, n)) for n in range(count))
    return Parity(name or pdf.stem, pages, len(ours), len(theirs))
