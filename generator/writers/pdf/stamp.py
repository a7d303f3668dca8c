"""A bilaga that is an attached PDF, copied with the stamp 'Bilaga N' on it.

The source file in the case folder is never changed: the copy is a new file. The
stamp's text, place and pages come from the house's declaration (``stil:
bilagestämpel:``); the stamp itself is a one-element page laid out by WeasyPrint in
the house's body font (embedded, as in every paper), placed on each page it belongs
on as a form XObject, upright as the page is shown (whatever its /Rotate).
Everything else of the PDF is kept as it is: its pages, text, metadata and a PDF/A
claim. The copy is saved with a file id computed from its content, so the same
source and stamp give the same bytes.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from generator.errors import RenderFailure
from generator.house import House
from generator.limits import render_limits
from generator.naming import attached_file_name, case_prefix
from generator.read import CaseBundle

_OPTIONAL = re.compile(r"\[([^\[\]]*)\]")
_FIELD = re.compile(r"\{([^{}]*)\}")
# Where the viewer's upright page lies in the page's own space, by /Rotate: the
# matrix (a b c d) of 'cm', and which corner of the crop box is the origin.
_ROTATIONS = {0: ((1, 0, 0, 1), (0, 1)), 90: ((0, 1, -1, 0), (2, 1)),
              180: ((-1, 0, 0, -1), (2, 3)), 270: ((0, -1, 1, 0), (0, 3))}
STAMP_NAME = "/ArendeBilagestampel"


def stamp_text(template: str, number: int, dnr: str | None) -> str:
    """The stamp's words: {nummer} and {diarienummer} filled in; a part in [] only
    when every field in it has a value."""
    values = {"nummer": str(number), "diarienummer": dnr or ""}

    def optional(match: re.Match) -> str:
        names = _FIELD.findall(match.group(1))
        return match.group(1) if all(values.get(name) for name in names) else ""

    text = _OPTIONAL.sub(optional, template)
    return _FIELD.sub(lambda match: values.get(match.group(1), ""), text).strip()


def write_attachments(bundle: CaseBundle, folder: Path, pages: dict[str, int] | None = None) -> list[Path]:
    """Write the case's attached PDFs, stamped, into *folder*; return their paths,
    named like the rendered bilagor: ``<dnr>_bilaga-<N>_<title>.pdf`` (and each one's
    page count into *pages*, by file name).

    They are the bilagor themselves, not a format of ours, so a build writes them
    whatever ``--format`` asks for.
    """
    prefix = case_prefix(bundle)
    template = bundle.house.style.attachment_stamp.text
    written = []
    for attached in bundle.attached:
        path = folder / f"{prefix}_{attached_file_name(attached.number, attached.title)}.pdf"
        with render_limits(f"bilaga {attached.number} ({attached.path.name})"):
            count = write_attached(attached.path, path, bundle.house,
                                   stamp_text(template, attached.number, bundle.case.dnr))
        if pages is not None:
            pages[path.name] = count
        written.append(path)
    return written


def write_attached(source: Path, target: Path, house: House, text: str) -> int:
    """Copy the PDF *source* to *target*, stamped with *text* where *house* says;
    return its page count."""
    import pikepdf

    stamp = house.style.attachment_stamp
    try:
        with pikepdf.open(source) as pdf:
            if stamp.pages != "inga" and text:
                pages = list(pdf.pages) if stamp.pages == "alla" else [pdf.pages[0]]
                forms: dict[tuple[float, float], pikepdf.Object] = {}
                for page in pages:
                    _stamp_page(pdf, page, forms, house, text)
            pdf.save(target, deterministic_id=True, linearize=False)
            return len(pdf.pages)
    except pikepdf.PdfError as exc:   # changed since it was checked, say
        raise RenderFailure(f"{source.name} kunde inte stämplas: {exc}") from None


def _stamp_page(pdf, page, forms: dict, house: House, text: str) -> None:
    import pikepdf

    x0, y0, x1, y1 = (float(v) for v in page.cropbox)
    rotation = int(page.obj.get("/Rotate", 0)) % 360
    if rotation not in _ROTATIONS:
        rotation = 0
    width, height = (y1 - y0, x1 - x0) if rotation in (90, 270) else (x1 - x0, y1 - y0)
    size = (round(width, 2), round(height, 2))
    if size not in forms:
        forms[size] = _stamp_form(pdf, house, text, *size)
    (a, b, c, d), (ex, fy) = _ROTATIONS[rotation]
    e, f = (x0, y0, x1, y1)[ex], (x0, y0, x1, y1)[fy]
    page.add_resource(forms[size], pikepdf.Name.XObject, STAMP_NAME)
    # The page's own drawing is wrapped in q … Q, so a graphics state it leaves
    # changed cannot move or scale the stamp. The stamp is an artifact (like a running
    # header): in a tagged PDF, content outside the structure tree must be marked so.
    page.contents_add(b"q\n", prepend=True)
    page.contents_add(f"Q\n/Artifact BMC q {a} {b} {c} {d} {e:g} {f:g} cm {STAMP_NAME} Do Q EMC\n".encode())


def _stamp_form(pdf, house: House, text: str, width: float, height: float):
    """The stamp on a page of *width* × *height* points, as a form XObject of *pdf*."""
    import io

    import pikepdf
    from generator.writers.pdf.weasy import load_weasyprint

    load_weasyprint()
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from generator.house.css import stamp_stylesheet
    from generator.writers.pdf import _weasyprint_icc_leak_ignored

    fonts = FontConfiguration()
    sheet = CSS(string=stamp_stylesheet(house.style, house.faces, width, height), font_config=fonts)
    document = HTML(string=f'<html lang="sv"><body><div class="stamp">{html.escape(text)}</div></body></html>')
    # Laid out as PDF/A-1b, the strictest level arende archives at, so a stamped PDF/A
    # stays one: its font then carries the CIDSet PDF/A-1 asks of a font subset.
    try:
        with _weasyprint_icc_leak_ignored():
            data = document.write_pdf(stylesheets=[sheet], font_config=fonts, pdf_variant="pdf/a-1b")
    except Exception as exc:  # noqa: BLE001 - a house font WeasyPrint cannot use, say
        raise RenderFailure(f"bilagestämpeln '{text}' kunde inte göras ({type(exc).__name__}: {exc}); "
                            "kontrollera stil: bilagestämpel och typsnitten i hus.yaml") from None
    # Copied while the stamp's own PDF is open: its objects die with it.
    with pikepdf.open(io.BytesIO(data)) as overlay:
        return pdf.copy_foreign(overlay.make_indirect(overlay.pages[0].as_form_xobject()))
