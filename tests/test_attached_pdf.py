"""An existing PDF as a bilaga (``dokument: karta.pdf``): checked, listed, stamped, archived.

The PDFs are made here (pymupdf, WeasyPrint for a PDF/A), not shipped as fixtures.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from conftest import UPPSALA, copy_case, edit, own_house, pdf_pages, run

pymupdf = pytest.importorskip("pymupdf")

DNR = "AMN-2018-0329"
TITLE = "Karta över området"
STAMPED = f"{DNR}_bilaga-2_karta-over-omradet.pdf"


def make_pdf(path: Path, pages: int = 2, rotate: int = 0) -> Path:
    """A plain PDF with *pages* pages, each saying which it is (not PDF/A)."""
    document = pymupdf.open()
    for number in range(1, pages + 1):
        page = document.new_page(width=595, height=842)
        page.insert_text((72, 400), f"Kartans sida {number}")
        page.set_rotation(rotate)
    document.save(path)
    return path


def make_pdfa(path: Path) -> Path:
    """A one-page PDF/A-2b, as a careful sender makes it."""
    import gc
    import warnings

    from weasyprint import HTML

    # WeasyPrint 70 leaves its sRGB profile open for the GC (see writers/pdf/__init__.py).
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=ResourceWarning, message=r".*sRGB2014\.icc")
        HTML(string='<html lang="sv"><p>Yttrande från länsstyrelsen</p></html>').write_pdf(
            str(path), pdf_variant="pdf/a-2b")
        gc.collect()
    return path


def attach(case: Path, name: str = "karta.pdf", title: str = TITLE) -> None:
    edit(case / "arende.yaml", "    dokument: bilaga-1-handlingsplan.yaml\n",
         f"    dokument: bilaga-1-handlingsplan.yaml\n  - titel: {title}\n    dokument: {name}\n")


def line_of(case: Path, text: str) -> int:
    lines = (case / "arende.yaml").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


@pytest.fixture
def case(tmp_path) -> Path:
    case = copy_case(UPPSALA, tmp_path / "arende")
    make_pdf(case / "karta.pdf")
    attach(case)
    return case


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- check -----------------------------------------------------------------------------

def test_check_accepts_an_attached_pdf(case):
    result = run("check", case)
    assert result.exit_code == 0, result.output
    assert "UTF-8" not in result.output



def test_the_same_pdf_listed_twice_is_refused(case):
    (case / "samma.pdf").symlink_to(case / "karta.pdf")
    attach(case, "samma.pdf", "Kartan igen")   # listed before karta.pdf, which is then the second
    result = run("check", case)
    assert result.exit_code == 1, result.output
    at = line_of(case, "dokument: karta.pdf")
    assert f"arende/arende.yaml:{at}:15: bilaga 3, dokument: samma fil som bilaga 2 i listan" in result.output


@pytest.mark.parametrize("make, says", [
    (lambda p: p.write_text("hus: uppsala\n", encoding="utf-8"), "ingen PDF"),
    (lambda p: p.write_bytes(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer <<>>\n%%EOF\n"), "PDF:en"),
    (lambda p: _encrypted(p), "lösenord"),
])
def test_an_unusable_pdf_is_a_located_error(case, make, says):
    make(case / "karta.pdf")
    result = run("check", case)
    assert result.exit_code == 1
    assert f"arende.yaml:{line_of(case, 'dokument: karta.pdf')}:" in result.output
    assert "bilaga 2, dokument: karta.pdf:" in result.output and says in result.output


def _encrypted(path: Path) -> None:
    import pikepdf

    make_pdf(path.with_name("open.pdf"))
    with pikepdf.open(path.with_name("open.pdf")) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user="hemligt", owner="hemligt"))


def test_an_attached_pdf_must_lie_in_the_case_folder(tmp_path, case):
    make_pdf(tmp_path / "utanfor.pdf")
    (case / "lank.pdf").symlink_to(tmp_path / "utanfor.pdf")
    edit(case / "arende.yaml", "dokument: karta.pdf", "dokument: lank.pdf")
    result = run("check", case)
    assert result.exit_code == 1 and "dokumentet måste ligga i ärendets mapp" in result.output
    edit(case / "arende.yaml", "dokument: lank.pdf", "dokument: ../utanfor.pdf")
    result = run("check", case)
    assert result.exit_code == 1 and "dokumentet måste ligga i ärendets mapp" in result.output
    edit(case / "arende.yaml", "dokument: ../utanfor.pdf", "dokument: saknas.pdf")
    result = run("check", case)
    assert result.exit_code == 1 and "filen 'saknas.pdf' finns inte" in result.output


# --- build -----------------------------------------------------------------------------

def test_build_copies_the_pdf_stamped_on_its_first_page_and_lists_it(tmp_path, case):
    import docx

    before = sha256(case / "karta.pdf")
    result = run("build", case, "--out", tmp_path / "ut")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "ut" / DNR
    pages = pdf_pages(folder / STAMPED)
    assert len(pages) == 2
    assert "Bilaga 2" in pages[0] and "Kartans sida 1" in pages[0]
    assert "Bilaga 2" not in pages[1] and "Kartans sida 2" in pages[1]
    assert sha256(case / "karta.pdf") == before          # a stamped copy, never the source
    listed = f"{TITLE}, bilaga 2"
    assert listed in " ".join(" ".join(pdf_pages(folder / f"{DNR}_tjansteskrivelse.pdf")).split())
    paragraphs = [p.text for p in docx.Document(str(folder / f"{DNR}_tjansteskrivelse.docx")).paragraphs]
    assert any(listed in text for text in paragraphs)


def test_the_house_decides_the_stamps_text_place_and_pages(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    house, case = own_house(tmp_path, "exempelstad")
    with open(house / "hus.yaml", "a", encoding="utf-8") as out:
        out.write("  bilagestämpel:\n    text: Bilaga {nummer}[ till {diarienummer}]\n"
                  "    plats: nedre vänstra hörnet\n    sidor: alla\n")
    make_pdf(case / "karta.pdf", pages=3)
    attach(case)
    result = run("build", case, "--out", tmp_path / "ut", "--format", "pdf")
    assert result.exit_code == 0, result.output
    document = pymupdf.open(tmp_path / "ut" / DNR / STAMPED)
    for page in document:
        words = page.search_for(f"Bilaga 2 till {DNR}")
        assert len(words) == 1, page.get_text()
        assert words[0].x0 < page.rect.width / 2 and words[0].y0 > page.rect.height / 2

    edit(house / "hus.yaml", "  bilagestämpel:\n", "  bilagestämpel: av\n  gammal:\n")
    edit(house / "hus.yaml", "  gammal:\n    text: Bilaga {nummer}[ till {diarienummer}]\n"
         "    plats: nedre vänstra hörnet\n    sidor: alla\n", "")
    result = run("build", case, "--out", tmp_path / "ut", "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert not any("Bilaga" in text for text in pdf_pages(tmp_path / "ut" / DNR / STAMPED))


def test_the_stamp_stands_upright_in_the_corner_of_a_turned_page(tmp_path, case):
    make_pdf(case / "karta.pdf", pages=1, rotate=90)
    assert run("build", case, "--out", tmp_path / "ut", "--format", "pdf").exit_code == 0
    page = pymupdf.open(tmp_path / "ut" / DNR / STAMPED)[0]
    shown = page.rect                      # the page as a reader sees it: landscape
    assert shown.width > shown.height
    line = next(line for block in page.get_text("dict")["blocks"] for line in block.get("lines", [])
                if "Bilaga" in "".join(span["text"] for span in line["spans"]))
    box = pymupdf.Rect(line["bbox"]) * page.rotation_matrix
    direction = pymupdf.Point(line["dir"]) * page.rotation_matrix - pymupdf.Point(0, 0) * page.rotation_matrix
    assert round(direction.x) == 1 and round(direction.y) == 0           # reads left to right
    assert box.x0 > shown.width * 0.8 and box.y1 < shown.height * 0.2    # top right


def test_the_same_pdf_gives_the_same_bytes(tmp_path, case, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    digests = []
    for out in ("ett", "tva"):
        assert run("build", case, "--out", tmp_path / out, "--format", "pdf").exit_code == 0
        digests.append(sha256(tmp_path / out / DNR / STAMPED))
    assert digests[0] == digests[1]


def test_a_changed_attached_pdf_is_built_again(tmp_path, case):
    out = tmp_path / "ut"
    assert run("build", case, "--out", out).exit_code == 0
    assert "oförändrat" in run("build", case, "--out", out).output
    make_pdf(case / "karta.pdf", pages=4)
    result = run("build", case, "--out", out)
    assert result.exit_code == 0 and "oförändrat" not in result.output
    assert len(pdf_pages(out / DNR / STAMPED)) == 4


# --- archive ---------------------------------------------------------------------------

def test_archive_refuses_a_pdf_that_is_not_pdfa_and_says_what_to_do(tmp_path, case):
    result = run("archive", case, "--out", tmp_path / "arkiv")
    assert result.exit_code == 1
    assert f"arende.yaml:{line_of(case, 'dokument: karta.pdf')}:" in result.output
    assert "bilaga 2 (karta.pdf) är inte PDF/A" in result.output and "spara den som PDF/A" in result.output
    assert not (tmp_path / "arkiv" / DNR).exists()


def test_archive_doubts_a_pdfa_claim_without_embedded_fonts(tmp_path, case):
    import pikepdf

    make_pdfa(case / "karta.pdf")
    with pikepdf.open(case / "karta.pdf", allow_overwriting_input=True) as pdf:
        for font in pdf.pages[0].Resources.Font.values():
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.FontDescriptor
                for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                    if key in descriptor:
                        del descriptor[key]
        pdf.save(case / "karta.pdf")
    result = run("archive", case, "--out", tmp_path / "arkiv")
    assert result.exit_code == 1
    assert "säger att den är PDF/A-2b" in result.output and "inte inbäddade" in result.output


def test_archive_carries_a_pdfa_bilaga_stamped_and_listed(tmp_path, case):
    make_pdfa(case / "karta.pdf")
    result = run("archive", case, "--out", tmp_path / "arkiv")
    assert result.exit_code == 0, result.output
    package = tmp_path / "arkiv" / DNR
    entry = next(e for e in json.loads((package / "manifest.json").read_text(encoding="utf-8"))["filer"]
                 if e["namn"] == STAMPED)
    assert entry["format"] == "PDF/A-2b" and entry["handlingstyp"] == "Bilaga 2" and entry["titel"] == TITLE
    assert "Bilaga 2" in pdf_pages(package / STAMPED)[0]
    import pikepdf

    with pikepdf.open(package / STAMPED) as pdf:    # still says what it is
        assert str(pdf.open_metadata().get("pdfaid:part")) == "2"
    assert run("verify", package).exit_code == 0


def test_a_stamped_pdfa_1b_stays_valid_pdfa_1b(tmp_path, case):
    """The stamp brings only what PDF/A-1b allows (an embedded font subset with its
    CIDSet): Apache PDFBox Preflight accepts the stamped copy of a valid PDF/A-1b."""
    from generator.compose.paper import compose_case
    from generator.read import read_case
    from generator.writers.pdf import write_pdf
    from test_pdfa import preflight

    paper = compose_case(read_case(UPPSALA))[0]
    write_pdf(paper, case / "karta.pdf", pdfa="1b")
    result = run("archive", case, "--out", tmp_path / "arkiv")
    assert result.exit_code == 0, result.output
    stamped = tmp_path / "arkiv" / DNR / STAMPED
    assert "Bilaga 2" in pdf_pages(stamped)[0]
    checked = preflight(stamped)
    assert f"The file {stamped.name} is a valid PDF/A-1b file" in checked.stdout, checked.stdout + checked.stderr


def test_the_stamp_keeps_a_tagged_pdf_accessible(tmp_path, case, built_pdfs):
    """On a PDF/UA paper the stamp is an artifact: a checker finds no untagged content."""
    pdfua = pytest.importorskip("pdfua")
    import shutil

    shutil.copyfile(built_pdfs["uppsala"][0], case / "karta.pdf")
    assert run("build", case, "--out", tmp_path / "ut", "--format", "pdf").exit_code == 0
    stamped = tmp_path / "ut" / DNR / STAMPED
    assert "Bilaga 2" in pdf_pages(stamped)[0]
    report = pdfua.validate(str(stamped))
    assert report.findings == (), [(f.rule_id, f.message) for f in report.findings]
