"""The PDF writer: the paper HTML and the house CSS, laid out by WeasyPrint."""

from __future__ import annotations

import logging
import mimetypes
from contextlib import contextmanager
from pathlib import Path

from generator.compose.paper import Paper
from generator.errors import RenderFailure
from generator.writers.resources import MAX_BYTES, ResourceRefused, house_roots, local_path, read


def write_pdf(paper: Paper, target: Path) -> None:
    """Lay out *paper* on A4 and write it to *target* as PDF."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError

    fonts = FontConfiguration()
    house = paper.house
    fetcher = _house_fetcher(house_roots(house))
    try:
        with _failing_on_warnings(paper):
            sheets = [CSS(filename=str(sheet), font_config=fonts, url_fetcher=fetcher)
                      for sheet in house.stylesheets]
            document = HTML(string=paper.html, base_url=str(house.folder) + "/", url_fetcher=fetcher)
            document.write_pdf(str(target), stylesheets=sheets, font_config=fonts)
    except FatalURLFetchingError as exc:
        raise RenderFailure(f"PDF för '{paper.title}': {exc}") from None


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


class _Collector(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _failing_on_warnings(paper: Paper):
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
