"""Five published papers from organisations new to the project, each with its own house
(tests/data/papers/<org>/: the stored page, the paper's text and where it came from),
read back whole from the PDF and the DOCX the plan builds (../shared/tools/fidelity.py).

A paper the current plan format cannot yet reproduce is xfail(strict=True) with the form
it lacks (tests/data/papers/GAPS.md): when that form arrives the test turns red until the
plan uses it and the mark is removed."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run
from test_fidelity import recall

ROOT = Path(__file__).resolve().parents[1]
PAPERS = ROOT / "tests" / "data" / "papers"

# org (tests/data/papers/<org>) → plan folder
PLANS = {
    "upplands-bro": "upplands-bro-2018-sn-18-0098",
    "kalmar": "kalmar-2014-gemensam-overformyndare",
    "karlskoga": "karlskoga-2015-ny-familjecentral",
    "region-rs": "region-rs-2017-4468",
    "vallentuna": "vallentuna-2015-forskoleplatser-karby",
}

# (org, format) → the missing form that keeps recall below 0.97 (see GAPS.md).
MISSING = {
    ("upplands-bro", "pdf"): "the stored text has the footer (37 of 228 words) before the title, where the "
                             "original PDF draws it first; a paper with the footer at the foot reads it last, "
                             "so an in-order measure caps recall near 0.84. The later-page header is one line "
                             "(Datum … Vår beteckning …), the original's labels stand over the values",
    ("upplands-bro", "docx"): "footer read before the title in the stored text (37 of 228 words); a DOCX's "
                              "running headers (the masthead's '1 (2)', page 2's Datum/Vår beteckning) "
                              "are read after the body",
    ("kalmar", "pdf"): "the source's footer and page-2 header stand at its page break, mid-sentence (16 of "
                       "212 words); the plan's text fits on one page and there is no page-break form; the "
                       "dnr's digits are lost, so the 'Ärendebeteckning' cell is empty",
    ("kalmar", "docx"): "footer and page-2 header at the source's page break (16 of 212 words); a DOCX's "
                        "footer is read after the whole body, so no page break can match it",
    ("region-rs", "pdf"): "stored text hyphenated at line ends: 7 words the plan writes whole are 14 halves "
                          "in the source (recall capped near 0.915); the masthead cells Ansvarig avdelning, "
                          "Dokument-ID, Version, Ansvarig chef (17 words) do not fit one row of equal "
                          "columns, the original has three rows",
    ("region-rs", "docx"): "hyphenated stored text (14 of 165 words), masthead cells that do not fit one "
                           "row of equal columns (17 words)",
    ("vallentuna", "pdf"): "201 of 208 words, one short of 0.97: digits lost in the stored text (DNR BUN …, "
                           "TFN, FAX), and pdftotext reads the title block (förvaltning, TJÄNSTESKRIVELSE, "
                           "top right) before the wordmark",
}


def cases():
    for org in PLANS:
        for fmt in ("pdf", "docx"):
            marks = ()
            if (org, fmt) in MISSING:
                marks = (pytest.mark.xfail(strict=True, reason=MISSING[org, fmt]),)
            yield pytest.param(org, fmt, id=f"{org}-{fmt}", marks=marks)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """All five plans built once, as a user would: arende build plans/… --out DIR."""
    out = tmp_path_factory.mktemp("papers")
    result = run("build", *(ROOT / "plans" / plan for plan in PLANS.values()), "--out", out)
    assert result.exit_code == 0, result.output
    return out


def test_every_paper_names_its_source():
    for org in PLANS:
        source = (PAPERS / org / "SOURCE.md").read_text(encoding="utf-8")
        assert "http" in source and (PAPERS / org / "source.txt").stat().st_size > 0
        # source.txt is the stored page's own text, cut to the paper and otherwise unchanged
        assert (PAPERS / org / "source.txt").read_text(encoding="utf-8").strip() in \
            (PAPERS / org / "stored-page.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("org, fmt", cases())
def test_paper_reads_back(shared, built, org, fmt):
    files = sorted(built.glob(f"*/*.{fmt}"))
    mine = [f for f in files if f.parent.name == _output_folder(built, org)]
    assert mine, f"no {fmt} for {org} in {files}"
    assert recall(shared, PAPERS / org / "source.txt", mine) >= 0.97


def _output_folder(out: Path, org: str) -> str:
    """The output folder arende build chose for the plan: named by dnr, else by the plan."""
    plan = PLANS[org]
    dnr = {"upplands-bro": "SN-18-0098", "region-rs": "4468-2017"}.get(org)
    return dnr or plan
