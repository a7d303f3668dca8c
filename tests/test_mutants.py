"""Guarantees that once had no test able to fail (mutants that survived the suite, see
the code review of 2026-12): each test here fails when its guarantee is removed.

The others of that list are held elsewhere now: the dnr pattern matched whole
(test_model), the date boundaries of the checks (test_kinds), the DOCX writer's
guard against loose text (test_docx), WeasyPrint warnings failing the PDF
(test_hardening), explicit bilaga numbers in the DOCX (test_docx) and Markdown images
staying off (test_compose).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import STOCKHOLM, UPPSALA, run


@pytest.fixture(scope="module")
def docx_files(tmp_path_factory) -> list[Path]:
    out = tmp_path_factory.mktemp("docx")
    result = run("build", UPPSALA, STOCKHOLM, "--out", out, "--format", "docx", "--quiet")
    assert result.exit_code == 0, result.output
    return sorted(out.glob("*/*.docx"))


# Each DOCX table's width as a share of the text width, in document order: full width
# but for the signature block (half) and Stockholm's attestation table (50 % + 25 %).
WIDTHS = {
    "AMN-2018-0329_tjansteskrivelse.docx": [1, 1, 0.5],
    "AMN-2018-0329_bilaga-1_handlingsplan.docx": [1, 1, 1, 1, 1],
    "stockholm-amn-2021-arende-7_tjansteutlatande.docx": [1, 1, 1, 1, 0.75],
}


def test_docx_tables_fill_the_text_width_as_the_house_declares(docx_files):
    # A share left out of the column widths (the meta fields, a table of no declared
    # widths) leaves Word's table narrower than the PDF's.
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Emu

    assert sorted(file.name for file in docx_files) == sorted(WIDTHS)
    for file in docx_files:
        document = docx.Document(str(file))
        section = document.sections[0]
        text_width = Emu(section.page_width - section.left_margin - section.right_margin).twips
        shares = []
        for table in document.tables:
            columns = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
            shares.append(round(sum(columns) / text_width, 3))
        assert shares == pytest.approx(WIDTHS[file.name], abs=0.002), file.name


@pytest.mark.parametrize("role, count", [("table.actions", 4), ("table.actions", 7), ("meta", 3),
                                         ("masthead", 2), ("table", 3), ("table", 1)])
def test_column_shares_of_a_full_width_table_add_up_to_the_whole(role, count):
    # Seven action columns and a plain table have no declared widths: equal shares.
    from generator.house.style import HouseStyle
    from generator.writers.docx.styles import column_shares

    shares = column_shares(role, [""] * count, HouseStyle(), 160.0)
    assert len(shares) == count
    assert sum(shares) == pytest.approx(1, abs=0.001)
