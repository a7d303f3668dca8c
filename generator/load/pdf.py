"""Reading an attached PDF far enough to know it can be used: a bilaga that is a PDF.

Staff attach PDFs they did not make (a consultant's report, a map, a letter). Before
anything is built, ``arende check`` opens it here: is it a PDF at all, can it be read
without a password, how many pages does it have, and which PDF/A conformance (if
any) does it claim in its XMP metadata. The claim is read, not verified: that is
what the archive records and what a registrar's validator checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.limits import MAX_PDF_BYTES

PDF_SUFFIX = ".pdf"
# More pages than a nämnd reads; also the guard against a file that claims millions.
MAX_PAGES = 2000


class UnusablePdf(Exception):
    """The file cannot be used as a bilaga; the message is Swedish, for the person."""


@dataclass(frozen=True)
class PdfFacts:
    """What arende needs to know about an attached PDF."""

    pages: int
    pdfa: str | None          # the claimed conformance, e.g. '2b', or None


def is_pdf_name(name: str) -> bool:
    """Whether a bilaga's ``dokument:`` names a PDF (rather than a YAML plan document)."""
    return name.strip().lower().endswith(PDF_SUFFIX)


def inspect_pdf(path: Path) -> PdfFacts:
    """Open *path* as a PDF; its facts, or :class:`UnusablePdf` saying what is wrong."""
    import pikepdf

    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(1024)
    except OSError as exc:
        raise UnusablePdf(f"filen kan inte läsas: {exc.strerror or exc}") from None
    if size > MAX_PDF_BYTES:
        raise UnusablePdf(f"filen är för stor ({size // 1_000_000} MB; högst "
                          f"{MAX_PDF_BYTES // 1_000_000} MB)")
    if b"%PDF-" not in head:
        raise UnusablePdf("filen är ingen PDF (den börjar inte med %PDF-)")
    try:
        with pikepdf.open(path) as pdf:
            pages = len(pdf.pages)
            if pdf.is_encrypted:
                raise UnusablePdf("PDF:en är krypterad eller lösenordsskyddad; spara en kopia "
                                  "utan skydd och bifoga den")
            claim = _claimed_pdfa(pdf)
    except pikepdf.PasswordError:
        raise UnusablePdf("PDF:en är lösenordsskyddad; spara en kopia utan lösenord "
                          "och bifoga den") from None
    except pikepdf.PdfError as exc:
        raise UnusablePdf(f"PDF:en är skadad och kan inte läsas ({_short(exc)})") from None
    if pages == 0:
        raise UnusablePdf("PDF:en har inga sidor")
    if pages > MAX_PAGES:
        raise UnusablePdf(f"PDF:en har {pages} sidor; högst {MAX_PAGES} går att bifoga")
    return PdfFacts(pages=pages, pdfa=claim)


def _claimed_pdfa(pdf) -> str | None:
    """The PDF/A part and conformance the XMP metadata claims ('1b', '2u' …), or None."""
    try:
        meta = pdf.open_metadata()
        part = str(meta.get("pdfaid:part", "") or "").strip()
        conformance = str(meta.get("pdfaid:conformance", "") or "").strip().lower()
    except Exception:  # noqa: BLE001 - unreadable XMP is the same as no claim
        return None
    if not re.fullmatch(r"[1-4]", part):
        return None
    return part + (conformance if re.fullmatch(r"[abue]", conformance) else "")


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]


def pdfa_doubts(path: Path) -> list[str]:
    """Why the PDF/A claim of the PDF at *path* cannot be believed (empty when it can).

    Not a validator: a few requirements every PDF/A part shares and that a PDF saved
    'as PDF/A' by a careless tool most often misses: an output intent, every font
    embedded, no encryption, no JavaScript.
    """
    import pikepdf

    doubts = []
    try:
        with pikepdf.open(path) as pdf:
            if pdf.is_encrypted:
                doubts.append("den är krypterad")
            if not pdf.Root.get("/OutputIntents"):
                doubts.append("den saknar en färgprofil (OutputIntent)")
            names = pdf.Root.get("/Names")
            if names is not None and "/JavaScript" in names:
                doubts.append("den innehåller JavaScript")
            missing = sorted(_unembedded_fonts(pdf))
            if missing:
                doubts.append("typsnitten " + ", ".join(missing[:5]) + " är inte inbäddade")
    except pikepdf.PdfError as exc:
        doubts.append(f"den kan inte läsas ({_short(exc)})")
    return doubts


def _unembedded_fonts(pdf) -> set[str]:
    """The names of fonts the PDF's pages (and their form XObjects) use without embedding."""
    import pikepdf

    missing: set[str] = set()
    seen: set[tuple[int, int]] = set()

    def visit(resources) -> None:
        if not isinstance(resources, pikepdf.Dictionary):
            return
        for font in (resources.get("/Font") or {}).values():
            if font.is_indirect and font.objgen in seen:
                continue
            if font.is_indirect:
                seen.add(font.objgen)
            if _embedded(font) is False:
                missing.add(str(font.get("/BaseFont", "?")).lstrip("/"))
        for xobject in (resources.get("/XObject") or {}).values():
            if xobject.is_indirect and xobject.objgen in seen:
                continue
            if xobject.is_indirect:
                seen.add(xobject.objgen)
            if xobject.get("/Subtype") == pikepdf.Name.Form:
                visit(xobject.get("/Resources"))

    for page in pdf.pages:
        visit(page.obj.get("/Resources"))
    return missing


def _embedded(font) -> bool | None:
    """Whether a font dictionary carries its font program (None: a Type 3 font, drawn
    by the PDF itself)."""
    subtype = font.get("/Subtype")
    if subtype == "/Type3":
        return None
    if subtype == "/Type0":
        descendants = font.get("/DescendantFonts") or []
        return all(_embedded(descendant) is not False for descendant in descendants)
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
