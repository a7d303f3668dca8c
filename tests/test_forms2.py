"""The last forms of real papers (issue #12): the plan's own masthead cells, the dnr
under the title, a running header of its own on later pages, a handläggare's unit,
several unnumbered decision sentences, and a masthead cell without a label."""

from __future__ import annotations

import subprocess

import docx
import pytest

from conftest import edit, own_house, pdf_pages, run

CASE = """\
hus: formhus
förvaltning: AMF
handläggare:
  - namn: Lena Bergström
    enhet: Socialkontoret
    e-post: lena@example.se
datum: 2018-09-05
diarienummer: AMN-2018-0329
nämnd: AMN
titel: Formerna i ett förslag
{details}
förslag till beslut:
  beslut:
    - Nämnden antar planen.
    - Nämnden lägger redovisningen till handlingarna.
avsnitt:
  - rubrik: Ärendet
    text: |
{body}
underskrifter:
  - namn: Anna Ek
    titel: Direktör
    enhet: Stadsbyggnadskontoret
"""
DETAILS = """uppgifter:
  Dokument-ID: ARBGRP-583
  Version: '0.1'
  Ansvarig chef: Karin Holm"""
LONG = "\n".join("      Ett långt stycke om ärendet som fyller sidan. " * 6 + "\n" for _ in range(14))


@pytest.fixture
def house(tmp_path, monkeypatch):
    """A municipality's own copy of the Uppsala house, 'formhus', and a case using it."""
    monkeypatch.chdir(tmp_path)
    folder, case = own_house(tmp_path, "formhus")
    for extra in case.glob("bilaga-*.yaml"):
        extra.unlink()
    write(case)
    return folder, case


def write(case, details: str = DETAILS, body: str = "      Ärendets text står här.") -> None:
    (case / "arende.yaml").write_text(CASE.format(details=details, body=body), encoding="utf-8")


def style(folder, text: str) -> None:
    """Lines added to the end of the house's stil: (its last block)."""
    path = folder / "hus.yaml"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + text + "\n", encoding="utf-8")


def build(case, out):
    result = run("build", case, "--out", out, "--format", "all")
    assert result.exit_code == 0, result.output
    return next(out.rglob("*.pdf")), next(out.rglob("*.docx"))


def docx_paragraphs(path) -> list[str]:
    """Every paragraph of the DOCX body, table cells included, in order."""
    document = docx.Document(str(path))
    body = document.element.body
    return ["".join(t.text or "" for t in p.iter(docx.oxml.ns.qn("w:t")))
            for p in body.iter(docx.oxml.ns.qn("w:p"))]
