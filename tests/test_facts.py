"""A paper's facts (title, type, dnr, dates) reach every file from compose, not from its HTML head."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import docx
from pypdf import PdfReader

from conftest import UPPSALA
from generator.compose.paper import compose_case
from generator.read import read_case
from generator.writers.docx import write_docx
from generator.writers.pdf import write_pdf

MIDNIGHT = dt.datetime(2018, 9, 5, tzinfo=dt.timezone.utc)


def with_a_lying_head(paper):
    """The paper with every <meta> of its head saying something else than its facts."""
    html = paper.html
    for old, new in (('content="Bilaga 1, handlingsplan"', 'content="Fel typ"'),
                     ('content="AMN-2018-0329"', 'content="FEL-0000"'),
                     ('content="2018-09-05"', 'content="1999-01-01"'),
                     ('content="Helmer Linda, Reuterdahl Karin, Öhman Carl"', 'content="Fel Person"')):
        assert old in html, old
        html = html.replace(old, new)
    return dataclasses.replace(paper, html=html)


def test_pdf_and_docx_metadata_come_from_the_papers_facts(tmp_path):
    paper = with_a_lying_head(compose_case(read_case(UPPSALA))[1])
    write_pdf(paper, tmp_path / "bilaga.pdf")
    write_docx(paper, tmp_path / "bilaga.docx")

    info = PdfReader(tmp_path / "bilaga.pdf").metadata
    assert info["/Handlingstyp"] == "Bilaga 1, handlingsplan"
    assert info["/Diarienummer"] == "AMN-2018-0329"
    assert info.author == "Helmer Linda, Reuterdahl Karin, Öhman Carl"
    assert info["/CreationDate"] == info["/ModDate"] == "D:20180905000000Z"
    props = docx.Document(str(tmp_path / "bilaga.docx")).core_properties
    assert props.category == "Bilaga 1, handlingsplan"
    assert props.identifier == props.subject == "AMN-2018-0329"
    assert props.author == "Helmer Linda, Reuterdahl Karin, Öhman Carl"
    assert props.created == props.modified == MIDNIGHT


def test_source_date_epoch_moves_only_the_modification_date(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")   # 2023-11-14 22:13:20 UTC
    paper = compose_case(read_case(UPPSALA))[0]
    assert paper.facts.created == MIDNIGHT
    assert paper.facts.modified == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)
    assert '<meta name="dcterms.modified" content="2023-11-14T22:13:20Z">' in paper.html
    write_docx(paper, tmp_path / "brev.docx")
    props = docx.Document(str(tmp_path / "brev.docx")).core_properties
    assert (props.created, props.modified) == (MIDNIGHT, paper.facts.modified)


def test_archive_manifest_takes_the_papers_facts(tmp_path, monkeypatch):
    import generator.compose.paper as compose
    from generator.archive.package import archive_case
    from generator.writers import docx as docx_writer
    from generator.writers import pdf as pdf_writer

    papers = compose.compose_case(read_case(UPPSALA))
    monkeypatch.setattr(compose, "compose_case", lambda bundle: [with_a_lying_head(papers[1])])
    for module, name in ((pdf_writer, "write_pdf"), (docx_writer, "write_docx")):
        monkeypatch.setattr(module, name, lambda paper, target, **_: target.write_bytes(b"x"))
    result = archive_case(read_case(UPPSALA), tmp_path, "1b")
    manifest = json.loads((result.folder / "manifest.json").read_text(encoding="utf-8"))
    (entry, *_) = [e for e in manifest["filer"] if e["namn"].endswith(".pdf")]
    assert (entry["handlingstyp"], entry["diarienummer"], entry["datum"], entry["titel"]) == \
        ("Bilaga 1, handlingsplan", "AMN-2018-0329", "2018-09-05", "Handlingsplan för Sociala företag")
