"""The PDF writer: the paper HTML and the house CSS, laid out by WeasyPrint."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path

from generator.compose.paper import Paper
from generator.errors import RenderFailure


def write_pdf(paper: Paper, target: Path) -> None:
    """Lay out *paper* on A4 and write it to *target* as PDF."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    house = paper.house
    with _failing_on_warnings(paper):
        sheets = [CSS(filename=str(sheet), font_config=fonts) for sheet in house.stylesheets]
        document = HTML(string=paper.html, base_url=str(house.folder) + "/")
        document.write_pdf(str(target), stylesheets=sheets, font_config=fonts)


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
