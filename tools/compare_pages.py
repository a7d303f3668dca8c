#!/usr/bin/env python3
"""Compare a paper's PDF with its DOCX page by page, as LibreOffice lays the DOCX out.

    python3 tools/compare_pages.py output/AMN-2018-0329/AMN-2018-0329_tjansteskrivelse.pdf \
                                   output/AMN-2018-0329/AMN-2018-0329_tjansteskrivelse.docx

Prints, for each page, whether both start with the same words (the running header
and footer and repeated table headings left out), and the page counts. Exit 0 when
every page break is in the same place, 1 when not, 2 when LibreOffice or pdftotext
is missing. tests/test_page_parity.py runs the same comparison (tools/pages.py) on
every bundled paper.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from pages import Unavailable, compare, office_pdfs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Jämför en handlings PDF med dess DOCX sida för sida (DOCX:en sätts av LibreOffice).")
    parser.add_argument("pdf", type=Path, metavar="PDF", help="handlingen som PDF (från arende)")
    parser.add_argument("docx", type=Path, metavar="DOCX", help="samma handling som DOCX (från arende)")
    args = parser.parse_args(argv)
    for path in (args.pdf, args.docx):
        if not path.is_file():
            parser.error(f"filen {path} finns inte")
    try:
        with tempfile.TemporaryDirectory(prefix="compare-pages-") as scratch:
            (office,) = office_pdfs([args.docx], Path(scratch))
            parity = compare(args.pdf, office, args.docx)
    except Unavailable as exc:
        print(f"fel: {exc}", file=sys.stderr)
        return 2
    print(parity.report())
    return 0 if parity.ok else 1


if __name__ == "__main__":
    sys.exit(main())
