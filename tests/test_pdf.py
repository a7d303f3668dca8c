"""The PDF papers: page furniture, footnotes, tables, fonts and metadata, as a reader finds them."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from conftest import UPPSALA, copy_case, edit, pdf_pages


@pytest.fixture(scope="module")
def uppsala(built_pdfs):
    return built_pdfs["uppsala"]


@pytest.fixture(scope="module")
def stockholm(built_pdfs):
    (paper,) = built_pdfs["stockholm"]
    return paper


def test_every_page_is_numbered_sida_n_of_total(uppsala, stockholm):
    for path in [*uppsala, stockholm]:
        pages = pdf_pages(path)
        assert len(pages) == len(PdfReader(path).pages) >= 2
        for number, text in enumerate(pages, start=1):
            assert f"Sida {number} ({len(pages)})" in text, (path.name, number)


def test_uppsala_running_header_from_page_two(uppsala):
    pages = pdf_pages(uppsala[0])
    assert "Uppsala kommun · AMN-2018-0329 · 2018-09-05" not in pages[0]  # the masthead says it there
    assert all("Uppsala kommun · AMN-2018-0329 · 2018-09-05" in page for page in pages[1:])
    assert all("Bilaga 1 till AMN-2018-0329" in page for page in pdf_pages(uppsala[1])[1:])


def test_stockholm_address_footer_on_every_page(stockholm):
    for text in pdf_pages(stockholm):
        assert "Livdjursgatan 4" in text and "info.amf@stockholm.se" in text


def test_footnotes_stand_at_the_foot_of_the_page_that_calls_them(uppsala, stockholm):
    cases = [(uppsala[1], "myndighetsövergripande1", "Den myndighetsövergripande arbetsgruppen består"),
             (stockholm, "ASF Lyfter1", "Projektet ASF Lyfter ägs av Skoopi")]
    for path, call, body in cases:
        pages = pdf_pages(path)
        (calling,) = [i for i, page in enumerate(pages) if call in page]
        (holding,) = [i for i, page in enumerate(pages) if body in page]
        assert calling == holding, path.name
        page = pages[holding]
        assert page.index(body) > page.index(call)


def test_action_table_header_repeats_on_every_page_it_crosses(tmp_path):
    from generator.build import build_case
    from generator.read import read_case

    case = copy_case(UPPSALA, tmp_path / "c")
    rows = "".join(f"      - åtgärd: Extra åtgärd nummer {n} med en lite längre beskrivning av vad som ska göras.\n"
                   f"        huvudansvarig: KS\n        tidplan: 2019\n" for n in range(60))
    edit(case / "bilaga-1-handlingsplan.yaml", "        tidplan: Pågå   # sic: originalets stavning\n",
         "        tidplan: Pågå   # sic: originalets stavning\n" + rows)
    result = build_case(read_case(case), tmp_path / "out", ("pdf",))
    pages = pdf_pages(result.files[1])
    with_rows = [page for page in pages if "Extra åtgärd nummer" in page]
    assert len(with_rows) >= 3
    for page in with_rows:
        assert "Huvudansvarig\nför åtgärd" in page or "Huvudansvarig för åtgärd" in page
    # rows are kept whole: each row's text sits on one page
    for n in range(60):
        assert sum(f"Extra åtgärd nummer {n} med" in page for page in pages) == 1


def test_fonts_are_embedded_and_shipped(uppsala, stockholm):
    for path in [*uppsala, stockholm]:
        reader = PdfReader(path)
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                assert "/FontFile2" in descriptor, font["/BaseFont"]
                assert "Liberation" in font["/BaseFont"]


def test_pdf_metadata_title_author_language_date(uppsala, stockholm):
    reader = PdfReader(uppsala[0])
    assert reader.metadata.title == "Handlingsplan sociala företag"
    assert reader.metadata.author == "Helmer Linda, Reuterdahl Karin, Öhman Carl"
    assert "AMN-2018-0329" in reader.metadata.subject
    assert reader.metadata["/CreationDate"].startswith("D:20180905")
    assert reader.trailer["/Root"]["/Lang"] == "sv"
    bilaga = PdfReader(uppsala[1])
    assert bilaga.metadata.title == "Handlingsplan för Sociala företag"
    assert bilaga.metadata.subject.startswith("Bilaga 1")
    assert PdfReader(stockholm).trailer["/Root"]["/Lang"] == "sv"


def test_a4_pages(uppsala, stockholm):
    for path in [*uppsala, stockholm]:
        for page in PdfReader(path).pages:
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            assert (round(width), round(height)) == (595, 842)


# --- long words in table cells ------------------------------------------------------


def test_only_long_words_in_table_cells_get_a_span_of_their_own_and_the_text_is_unchanged():
    import xml.etree.ElementTree as ET

    from generator.writers.pdf.words import LONG_WORD, let_long_words_break

    long_a, long_b = "a" * LONG_WORD, "Kommunstyrelseförvaltningen"
    root = ET.fromstring(
        f"<body><p>{long_a} i en paragraf</p><table><tr>"
        f"<td>kort {long_a} text <em>{long_b}</em> och {long_b}.</td><th>{'b' * (LONG_WORD - 1)}</th>"
        "</tr></table></body>")
    before = "".join(root.itertext())

    assert let_long_words_break(root) == 3
    assert "".join(root.itertext()) == before
    spans = [(span.text, span.get("style")) for span in root.iter("span")]
    assert spans == [(long_a, "overflow-wrap: anywhere"), (long_b, "overflow-wrap: anywhere"),
                     (long_b + ".", "overflow-wrap: anywhere")]
    assert root.find("p").find("span") is None  # outside tables no column is measured


def test_the_pdf_refuses_what_the_docx_could_not_show(tmp_path):
    """Both writers keep the vocabulary: an element the Word file has no form for is not
    laid out in the PDF alone; the house template is at fault (exit 3)."""
    import dataclasses

    from generator.compose.paper import compose_case
    from generator.errors import TemplateProblem
    from generator.read import read_case
    from generator.writers.pdf import write_pdf

    paper = compose_case(read_case(UPPSALA))[0]
    paper = dataclasses.replace(paper, html=paper.html.replace(
        "<h2>Beredning</h2>", "<h2>Beredning</h2><aside>Bara i PDF:en</aside>", 1))
    with pytest.raises(TemplateProblem) as failure:
        write_pdf(paper, tmp_path / "x.pdf")
    assert failure.value.exit_code == 3 and "<aside> ingår inte" in failure.value.format_message()
    assert not (tmp_path / "x.pdf").exists()
