#!/usr/bin/env python3
"""What-if measurements behind the notes in the README's benchmark section.

    python3 bench/experiments.py css     # PDF layout time with other table CSS

Nothing here changes arende: each experiment patches this process only, times the
writer in-process (median of --runs, after one warm-up), and checks what the change
does to the result (the text layout of the PDF as pdftotext sees it; the DOCX bytes).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import workload  # noqa: E402

CSS_VARIANTS = {
    "as shipped": "",
    # What the table cells had before generator/writers/pdf/words.py: every character of a
    # cell a break opportunity when the column widths are measured.
    "th, td { overflow-wrap: anywhere }": "th, td { overflow-wrap: anywhere; }",
    "table { table-layout: fixed }": "table { table-layout: fixed; }",
}


def _timed(write, paper, target: Path, runs: int) -> float:
    write(paper, target)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        write(paper, target)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _layout(pdf: Path) -> str:
    if shutil.which("pdftotext") is None:
        return ""
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout


def css(runs: int) -> None:
    import generator.house as houses
    from generator.compose.paper import compose_case
    from generator.read import read_case
    from generator.writers.pdf import write_pdf

    work = Path(tempfile.mkdtemp(prefix="arende-css-"))
    shipped = houses.House.stylesheets.fget
    print("| Paper | " + " | ".join(CSS_VARIANTS) + " |")
    print("|---|" + "--:|" * len(CSS_VARIANTS))
    for case in (workload.UPPSALA, workload.STOCKHOLM):
        for paper in compose_case(read_case(case)):
            cells, baseline = [], None
            for index, (name, rule) in enumerate(CSS_VARIANTS.items()):
                extra = work / f"variant-{index}.css"
                extra.write_text(rule, encoding="utf-8")
                houses.House.stylesheets = property(lambda self, extra=extra: shipped(self) + [extra])
                try:
                    # Paper holds the house; the property is read when the PDF is written.
                    target = work / f"{paper.stem}-{index}.pdf"
                    seconds = _timed(write_pdf, paper, target, runs)
                finally:
                    houses.House.stylesheets = property(shipped)
                layout = _layout(target)
                if baseline is None:
                    baseline, same = layout, ""
                else:
                    same = " (same text layout)" if layout == baseline else " (layout differs)"
                cells.append(f"{seconds:.2f} s{same}")
            print(f"| {paper.stem} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("experiment", choices=["css"])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    {"css": css}[args.experiment](args.runs)
