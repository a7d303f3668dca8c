"""Where one cold build's time goes, stage by stage, in one fresh process.

    python3 bench/stages.py plans/uppsala-amn-2018-0329

prints JSON: seconds for importing the CLI stack, WeasyPrint and python-docx, reading
and validating the case, composing it, and writing each paper (first PDF and DOCX
writes include the writers' one-time set-up, as in a real ``arende build``). One process,
one paper after the other: a real build writes a paper in a side process meanwhile.
Run by bench/run.py; not a part of arende.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path


def main(case: Path) -> dict:
    stages: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        stages[name] = round(now - clock, 4)
        clock = now

    from generator.process import tune_collector

    tune_collector()   # as the console script does first
    import generator.cli  # noqa: F401 - what every command imports
    from generator.build import validate_all
    lap("import cli + validation stack")
    from generator.compose.paper import compose_case
    lap("import compose (Jinja2, markdown-it)")
    from generator.writers.pdf.weasy import load_weasyprint

    load_weasyprint()   # as arende's PDF writer imports it
    lap("import WeasyPrint")
    import docx  # noqa: F401
    lap("import python-docx")
    from generator.writers.docx import write_docx
    from generator.writers.pdf import write_pdf
    lap("import arende writers")

    bundles, problems = validate_all([case / "arende.yaml"])
    assert not problems, problems
    lap("read + validate case")
    papers = compose_case(bundles[0])
    lap("compose papers (HTML)")
    out = Path(tempfile.mkdtemp(prefix="arende-stages-"))
    for paper in papers:
        write_pdf(paper, out / f"{paper.stem}.pdf")
        lap(f"PDF  {paper.stem}")
    for paper in papers:
        write_docx(paper, out / f"{paper.stem}.docx")
        lap(f"DOCX {paper.stem}")
    return stages


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1])), ensure_ascii=False))
