"""A practice paper for a process that will lay out PDFs but has to wait for them.

CPython 3.11 specialises the bytecode it runs often, and WeasyPrint fills caches of
its own on its first paper: a process's first PDF takes about a tenth longer than the
same PDF laid out after another one. The side process (generator.side) waits for the
case to be read and composed anyway, so it lays out this small paper meanwhile, in
rounds, and stops as soon as it is told the real papers are coming. Nothing of it is
written anywhere; it only leaves the process practised.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable

# Roughly what a paper is made of: running header and footer boxes, a page counter,
# headings, emphasis, a footnote, a list, and a table with a repeated header row.
CSS = """
@page { size: A4; margin: 25mm 20mm 30mm 25mm;
  @top-right { content: "Sida " counter(page) " (" counter(pages) ")"; font-size: 9pt; }
  @bottom-left { content: element(page-footer); } }
body { font-family: sans-serif; font-size: 11pt; line-height: 1.3; }
h1 { font-size: 16pt; } h2 { font-size: 13pt; }
footer { position: running(page-footer); font-size: 8pt; }
.columns { display: flow-root; } .columns div { float: left; width: 60mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 0.5pt solid #555; padding: 1mm 2mm; vertical-align: top; text-align: left; }
th { background: #ddd; } thead { display: table-header-group; }
.note { float: footnote; font-size: 8pt; }
ul { margin: 0 0 6pt 6mm; padding: 0; }
"""
_PARAGRAPH = ("<p>Nämnden föreslås besluta att godkänna <strong>handlingsplanen</strong> och att "
              "<em>uppdra åt förvaltningen</em> att återrapportera arbetet senast den 31 december"
              "<span class=note>Enligt nämndens beslut.</span>. Åtgärderna följs upp två gånger per år.</p>")
HTML = ("<!DOCTYPE html><html lang=sv><head><meta charset=utf-8><title>Övning</title></head><body>"
        "<footer><div class=columns><div><b>Förvaltningen</b><br>Gatan 1</div><div>Växel 000-00 00 00</div>"
        "</div></footer><h1>Tjänsteskrivelse</h1>" + _PARAGRAPH + "<h2>Ärendet</h2><ul><li>Första</li>"
        "<li>Andra</li></ul><table><thead><tr><th>Åtgärd</th><th>Ansvar</th><th>Tid</th></tr></thead><tbody>"
        + "<tr><td>Utveckla samverkan med näringslivet</td><td>Förvaltningen</td><td>2019</td></tr>" * 3
        + "</tbody></table></body></html>")
ROUNDS = 4   # beyond a few rounds the process learns nothing more


def practise(stop: Callable[[], bool]) -> None:
    """Lay out and write the practice paper (to memory) until *stop* says so or
    :data:`ROUNDS` are done. Best effort: a failure only ends the practice."""
    from weasyprint import CSS as Sheet
    from weasyprint import HTML as Document

    logger = logging.getLogger("weasyprint")
    was = logger.disabled
    logger.disabled = True   # whatever it would say is about this paper, which no one reads
    try:
        options = {"pdf_tags": True, "pdf_variant": "pdf/ua-1"}
        for _ in range(ROUNDS):
            if stop():
                return
            laid_out = Document(string=HTML).render(stylesheets=[Sheet(string=CSS)], **options)
            if stop():   # asked between the two halves of a round: the real paper goes first
                return
            laid_out.write_pdf(io.BytesIO(), **options)
    except Exception:  # noqa: BLE001 - practice only: the real papers report their own failures
        return
    finally:
        logger.disabled = was
