"""The PDF writer: the paper HTML and the house CSS, laid out by WeasyPrint.

Every PDF is tagged (headings, lists, tables with header cells, the language) so a
screen reader can read it, and claims PDF/UA-1. The published paper is only that; an
archival one (asked for by ``arende archive``) is also PDF/A at the level given. Both carry arende's own XMP packet
and a document information dictionary that says the same (see
:mod:`generator.writers.pdf.xmp`), and a file id computed from the content, so equal papers
give equal bytes.

What WeasyPrint 70 leaves undone in the tags is finished in its ``finisher`` hook on
the PDF objects before they are written (see :mod:`generator.writers.pdf.tags`), and
our metadata is installed there too.
"""

from __future__ import annotations

import logging
import mimetypes
import warnings
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from generator.paper import Paper, PdfPaper
from generator.process import collector_paused
from generator.vocabulary import require
from generator.errors import RenderFailure
from generator.writers.layout import Layout
from generator.writers.pdf import tags
from generator.writers.pdf.words import let_long_words_break
from generator.writers.resources import MAX_BYTES, ResourceRefused, house_roots, local_path, read

PUBLISHED_VARIANT = "pdf/ua-1"


def write_pdf(paper: Paper | PdfPaper, target: Path, *, pdfa: str | None = None,
              sources: tuple = (), paging: tuple[int, int] | None = None,
              accept: Callable[[int], bool] | None = None) -> Layout:
    """Lay out *paper* on A4 and write it to *target* as PDF; return its layout.

    Without *pdfa* the paper is the published one, tagged PDF/UA-1. With *pdfa* ('1b',
    '2b' or '3b') it is archival PDF/A at that level; at 3b it carries *sources* (see
    :func:`generator.writers.pdf.pdfa.read_sources`) as associated files. With *paging*
    ``(first, total)`` the paper is one part of a packet paged through: its pages are
    numbered from *first*, and "(n)" prints the packet's *total*. With *accept*, the
    paper is written only if ``accept(pages)`` holds for its page count once laid out
    (Layout.written says whether it was): a kallelse whose page numbers assumed another
    length of its own is laid out again, and writing it first would be wasted.
    """
    from generator.writers.pdf.weasy import load_weasyprint

    load_weasyprint()
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError

    from generator.writers.pdf import pdfa as levels

    _check_vocabulary(paper)
    fonts = FontConfiguration()
    house = paper.house
    fetcher = _house_fetcher(house_roots(house))
    options = {"pdf_identifier": True, "pdf_tags": True,
               "pdf_variant": levels.variant(pdfa) if pdfa else PUBLISHED_VARIANT}
    try:
        with _failing_on_warnings(paper), collector_paused():
            sheets = [CSS(filename=str(sheet), font_config=fonts, url_fetcher=fetcher)
                      for sheet in house.stylesheets]
            sheets.append(CSS(string=house.css, base_url=str(house.folder) + "/",
                              font_config=fonts, url_fetcher=fetcher))
            if paging:
                sheets.append(CSS(string=paging_css(*paging), font_config=fonts))
            html = HTML(string=paper.html, base_url=str(house.folder) + "/", url_fetcher=fetcher)
            let_long_words_break(html.etree_element)
            document = html.render(font_config=fonts, stylesheets=sheets, **options)
            if accept is not None and not accept(len(document.pages)):
                return Layout(pages=len(document.pages), written=False)
            metadata = _paper_metadata(paper)
            if pdfa and levels.embeds_sources(pdfa) and sources:
                options["attachments"] = levels.attachments(sources, metadata.created)
            with _weasyprint_icc_leak_ignored():
                document.write_pdf(str(target), finisher=_finisher(metadata, pdfa), **options)
    except FatalURLFetchingError as exc:
        raise RenderFailure(f"PDF för '{paper.title}': {exc}") from None
    finally:
        _remove_font_folder(fonts)
    return Layout(pages=len(document.pages))


def first_paper_imports() -> None:
    """Import now what this writer and WeasyPrint import on their first paper (the side
    process does, while it waits for one)."""
    import email.policy  # noqa: F401 - WeasyPrint's URL fetching
    import lxml.html  # noqa: F401

    from generator.writers.pdf import pdfa, xmp  # noqa: F401

    mimetypes.init()


def paging_css(first: int, total: int) -> str:
    """The rules that number a paper's pages from *first* of *total*. The 'pages' counter
    cannot be set in CSS, so the total is printed as text; page numbers stand in the
    margin boxes, so the paper's own layout (and page count) does not change."""
    return (f"@page :first {{ counter-reset: page {int(first)}; }}\n"
            f'.page-total::after {{ content: "{int(total)}"; }}\n')


def _remove_font_folder(fonts) -> None:
    """Remove WeasyPrint's temporary folder of the house's fonts (``weasyprint-*`` in the
    temporary directory) now: WeasyPrint leaves it to the garbage collector, which may
    never run before the process ends, so every build would leave one behind."""
    import shutil

    folder = getattr(fonts, "_folder", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        fonts._folder = None


def _check_vocabulary(paper: Paper | PdfPaper) -> None:
    """The contract both writers keep (generator.vocabulary): what the DOCX could not
    show is not laid out in the PDF either."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(paper.html)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise RenderFailure(f"PDF för '{paper.title}': pappers-HTML:en kan inte läsas: {exc}") from None
    require(root, f"PDF för '{paper.title}'")


def _paper_metadata(paper: Paper | PdfPaper):
    """What the PDF says about its paper: the paper's facts, as compose made them."""
    import weasyprint

    from generator.writers.pdf.xmp import facts_metadata, stable_document_id

    # The same paper of the same case keeps its id from build to build and version
    # to version; the file id (/ID) is what tells two renderings apart.
    return facts_metadata(paper.facts, producer=f"WeasyPrint {weasyprint.__version__}",
                          document_id=stable_document_id("paper", paper.stem))


def _finisher(metadata, pdfa: str | None):
    """WeasyPrint's last step: fix up the tags, then write our metadata."""

    def finish(document, pdf) -> None:
        elements = tags.structure_elements(pdf)   # the tree's elements, walked once for all three
        tags.running_content_as_artifacts(pdf, elements)
        tags.scope_header_cells(pdf, elements)
        tags.own_element_ids(pdf, elements, tags.id_token(metadata.document_id))
        tags.unique_associated_files(pdf)
        _install_metadata(pdf, metadata, pdfa)

    return finish


def _install_metadata(pdf, metadata, pdfa: str | None) -> None:
    """Our XMP packet and the matching document information (PDF/A-1 6.7.3)."""
    import pydyf

    from generator.writers.pdf import pdfa as levels
    from generator.writers.pdf import xmp

    pdf.info.clear()
    for key, value in xmp.info_entries(metadata).items():
        pdf.info[key] = pydyf.String(value)
    packet = xmp.packet(metadata, pdfa=levels.identification(pdfa) if pdfa else None, pdfua=True)
    # Uncompressed, as PDF/A-1 requires and as tools that search files for XMP expect.
    stream = pydyf.Stream([packet], {"Type": "/Metadata", "Subtype": "/XML"}, compress=False)
    if "Metadata" in pdf.catalog:
        stream = tags.object_at(pdf, pdf.catalog["Metadata"])
        stream.stream, stream.compress = [packet], False
    else:
        pdf.add_object(stream)
        pdf.catalog["Metadata"] = stream.reference


def _house_fetcher(roots):
    """A WeasyPrint fetcher that reads only through generator.writers.resources."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class HouseFetcher(URLFetcher):
        def __init__(self):
            super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)

        def fetch(self, url, headers=None):
            try:
                if url.startswith("data:"):
                    if len(url) > MAX_BYTES:
                        raise ResourceRefused("en inbäddad data:-resurs är för stor")
                    return super().fetch(url, headers)
                path = local_path(url, roots)
                mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, body=read(path, url), headers={"Content-Type": mime})
            except ResourceRefused as exc:
                # Fatal: WeasyPrint would otherwise log it and lay out the paper without it.
                raise FatalURLFetchingError(str(exc)) from None

    return HouseFetcher()


@contextmanager
def _weasyprint_icc_leak_ignored():
    """WeasyPrint 70 opens its sRGB profile for a PDF/A output intent and leaves the file
    to the garbage collector; the ResourceWarning says nothing about the paper (and the
    test suite turns every warning into an error), so it is ignored here and only here."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=ResourceWarning, message=r".*sRGB2014\.icc")
        yield


class _Collector(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _failing_on_warnings(paper: Paper | PdfPaper):
    """WeasyPrint logs what it could not do (a missing font, image or CSS rule) and
    carries on; a paper with a silent gap is a wrong paper, so any warning fails it."""
    logger = logging.getLogger("weasyprint")
    collector = _Collector()
    logger.addHandler(collector)
    try:
        yield
    finally:
        logger.removeHandler(collector)
    if collector.messages:
        details = "\n  ".join(collector.messages)
        raise RenderFailure(f"PDF för '{paper.title}' kunde inte göras felfritt:\n  {details}")
