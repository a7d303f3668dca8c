"""Joint papers: several förvaltningar, nämnder and diarienummer, a registration year,
and a generic bilaga with its own marker and reference."""

from __future__ import annotations

import json
import re
import zipfile

import docx
from pypdf import PdfReader

from conftest import UPPSALA, copy_case, edit, pdf_pages, run
from generator.build import build_case
from generator.read import read_case

SINGLE = """förvaltning: AMF

handläggare:
  - namn: Helmer Linda
  - namn: Reuterdahl Karin
  - namn: Öhman Carl

datum: 2018-09-05
diarienummer: AMN-2018-0329
nämnd: AMN
"""
JOINT = """förvaltningar:
  - förvaltning: AMF
    handläggare:
      - namn: Helmer Linda
        telefon: 018-727 00 01
  - förvaltning: SCF
    handläggare:
      - namn: Berg Sara
        titel: utredare

datum: 2018-09-05
diarienummer:
  - AMN-2017-0329
  - SCN-2018-0044
registreringsår: 2017
nämnder:
  - nämnd: AMN
    sammanträde: 2018-09-20
  - nämnd: SCN
    sammanträde: 2018-09-27
"""


def joint_case(tmp_path, text: str = JOINT):
    case = copy_case(UPPSALA, tmp_path / "c")
    edit(case / "arende.yaml", SINGLE, text)
    return case


def check(case) -> list[str]:
    """`arende check`'s findings, errors and warnings, without the case folder."""
    result = run("check", case)
    return [line.removeprefix(f"{case}/") for line in result.output.splitlines()[:-1]]


def words(text: str) -> str:
    return " ".join(text.split())


def test_a_joint_paper_lists_every_förvaltning_nämnd_and_dnr_in_pdf_and_docx(tmp_path):
    case = joint_case(tmp_path)
    assert [line for line in check(case) if "arende.yaml" in line] == []
    files = build_case(read_case(case), tmp_path / "ut", ("pdf", "docx")).files
    # Files and folder are named after the first dnr, the case's own.
    assert sorted(path.name for path in files) == [
        "AMN-2017-0329_bilaga-1_handlingsplan.docx", "AMN-2017-0329_bilaga-1_handlingsplan.pdf",
        "AMN-2017-0329_tjansteskrivelse.docx", "AMN-2017-0329_tjansteskrivelse.pdf"]
    assert {path.parent.name for path in files} == {"AMN-2017-0329"}
    pdf = next(path for path in files if path.name == "AMN-2017-0329_tjansteskrivelse.pdf")
    pages = [words(page) for page in pdf_pages(pdf)]
    assert "Handläggare Arbetsmarknadsförvaltningen Helmer Linda Telefon: 018-727 00 01 " \
           "Socialförvaltningen Berg Sara, utredare" in pages[0]
    assert "Diarienummer AMN-2017-0329 SCN-2018-0044" in pages[0]
    assert "Arbetsmarknadsnämnden Socialnämnden" in pages[0]
    assert "Uppsala kommun · AMN-2017-0329, SCN-2018-0044 · 2018-09-05" in pages[1]

    document = docx.Document(str(pdf.with_suffix(".docx")))
    texts = [p.text for p in document.paragraphs]
    assert texts[:2] == ["Arbetsmarknadsnämnden", "Socialnämnden"]
    cells = words(" ".join(p.text for table in document.tables for row in table.rows
                          for cell in row.cells for p in cell.paragraphs))
    assert "Arbetsmarknadsförvaltningen Helmer Linda Telefon: 018-727 00 01 Socialförvaltningen " \
           "Berg Sara, utredare" in cells
    assert "Diarienummer AMN-2017-0329 SCN-2018-0044" in cells
    header = [p.text for p in document.sections[0].header.paragraphs]
    assert any("AMN-2017-0329, SCN-2018-0044" in line for line in header)


def test_a_joint_paper_carries_every_dnr_nämnd_and_förvaltning_in_its_metadata(tmp_path):
    files = build_case(read_case(joint_case(tmp_path)), tmp_path / "ut", ("pdf", "docx")).files
    main = next(path for path in files if path.name == "AMN-2017-0329_tjansteskrivelse.pdf")
    info = PdfReader(main).metadata
    assert (info["/Diarienummer"], info["/Namnd"], info["/Forvaltning"], info["/Registreringsar"]) == (
        "AMN-2017-0329, SCN-2018-0044", "Arbetsmarknadsnämnden, Socialnämnden",
        "Arbetsmarknadsförvaltningen, Socialförvaltningen", "2017")
    assert info["/Keywords"].startswith("AMN-2017-0329, SCN-2018-0044, Arbetsmarknadsnämnden, Socialnämnden")
    xmp = PdfReader(main).trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "<arende:diarienummer>AMN-2017-0329, SCN-2018-0044</arende:diarienummer>" in xmp
    assert "<arende:registreringsar>2017</arende:registreringsar>" in xmp

    custom = zipfile.ZipFile(main.with_suffix(".docx")).read("docProps/custom.xml").decode()
    properties = dict(re.findall(r'name="([^"]+)"[^>]*><vt:lpwstr>([^<]*)<', custom))
    assert {key: properties[key] for key in ("Diarienummer", "Diarienummer-2", "Nämnd",
                                             "Registreringsår")} == {
        "Diarienummer": "AMN-2017-0329", "Diarienummer-2": "SCN-2018-0044",
        "Nämnd": "Arbetsmarknadsnämnden, Socialnämnden",
        "Registreringsår": "2017"}
    core = docx.Document(str(main.with_suffix(".docx"))).core_properties
    assert core.identifier == "AMN-2017-0329, SCN-2018-0044"
    # The bilaga, without a dnr of its own, carries the case's.
    bilaga = PdfReader(next(p for p in files if p.name.endswith("handlingsplan.pdf"))).metadata
    assert bilaga["/Diarienummer"] == "AMN-2017-0329, SCN-2018-0044"


def test_an_old_case_with_its_registration_year_is_not_questioned(tmp_path):
    case = joint_case(tmp_path, JOINT.replace("2017", "2016"))
    assert not [line for line in check(case) if "diarienummer" in line]
    edit(case / "arende.yaml", "registreringsår: 2016\n", "")
    assert [line for line in check(case) if "diarienummer" in line] == [
        "arende.yaml:17:5: varning: diarienummer 1: diarienumret är från 2016 men handlingen är "
        "daterad 2018-09-05 (stämmer diarienumret?)"]


def test_joint_mistakes_are_located_with_did_you_mean(tmp_path):
    case = joint_case(tmp_path, JOINT.replace("förvaltning: SCF", "förvaltning: SFC")
                      .replace("nämnd: SCN\n", "nämnd: SNC\n")
                      .replace("  - SCN-2018-0044", "  - SCN-18-44")
                      .replace("registreringsår: 2017", "registreringsår: 2016"))
    assert [line for line in check(case) if "arende.yaml" in line] == [
        "arende.yaml:10:18: förvaltning 2: okänd förvaltning 'SFC' (menade du 'SCF'?)",
        "arende.yaml:18:5: diarienummer 2: diarienumret 'SCN-18-44' följer inte mönstret för "
        "Uppsala kommun (skrivs som AMN-2018-0329)",
        "arende.yaml:23:12: nämnd 2: okänd nämnd 'SNC' (menade du 'SCN'?)",
    ]
    case = joint_case(tmp_path / "2", JOINT.replace("registreringsår: 2017", "registreringsår: 2016")
                      .replace("nämnd: SCN\n", "nämnd: AMN\n"))
    assert [line for line in check(case) if "arende.yaml" in line] == [
        "arende.yaml:17:5: diarienummer 1: diarienumret är från 2017 men registreringsåret är 2016 "
        "(rätta registreringsår till 2017, eller diarienumret)",
        "arende.yaml:18:5: varning: diarienummer 2: diarienumret hör till Socialnämnden men handlingen "
        "går till Arbetsmarknadsnämnden, Arbetsmarknadsnämnden (stämmer nämnd och diarienummer?)",
        "arende.yaml:23:12: nämnd 2: AMN står redan som nämnd 1 (varje nämnd skrivs en gång)",
    ]


def test_single_and_joint_keys_cannot_be_mixed_and_one_of_them_is_needed(tmp_path):
    case = joint_case(tmp_path, "nämnd: AMN\n" + JOINT)
    assert [line for line in check(case) if "arende.yaml" in line] == [
        "arende.yaml:22:3: nämnder: skriv antingen nämnd eller nämnder, inte båda "
        "(i nämnder: har varje post sin egen nämnd)"]
    case = joint_case(tmp_path / "2", SINGLE.replace("nämnd: AMN\n", ""))
    assert [line for line in check(case) if "arende.yaml" in line] == [
        "arende.yaml:4:1: nämnd: fältet saknas (eller nämnder: i en gemensam handling)"]


UTREDNING = """typ: bilaga
titel: Yttrande över remiss
slag: yttrande
märkning: Bilaga 6:1
datum: 2018-08-20
diarienummer: LST 123-4567-18
vår referens: Berg Sara
avsnitt:
  - rubrik: Yttrandet
    text: |
      Förvaltningen tillstyrker förslaget.

      - första punkten
      - andra punkten
"""


def test_a_generic_bilaga_prints_its_marker_reference_and_own_dnr(tmp_path):
    case = copy_case(UPPSALA, tmp_path / "c")
    (case / "bilaga-2.yaml").write_text(UTREDNING, encoding="utf-8")
    edit(case / "arende.yaml", "    dokument: bilaga-1-handlingsplan.yaml\n",
         "    dokument: bilaga-1-handlingsplan.yaml\n  - titel: Yttrande\n    dokument: bilaga-2.yaml\n")
    files = build_case(read_case(case), tmp_path / "ut", ("pdf", "docx")).files
    pdf = next(path for path in files if path.name == "AMN-2018-0329_bilaga-2_yttrande.pdf")
    (page,) = [words(text) for text in pdf_pages(pdf)]
    assert "Bilaga 6:1" in page and "Bilaga 2" not in page
    assert "Datum 2018-08-20 Diarienummer LST 123-4567-18" in page and "Vår referens Berg Sara" in page
    assert "första punkten" in page and "andra punkten" in page
    info = PdfReader(pdf).metadata
    assert (info["/Handlingstyp"], info["/Diarienummer"]) == ("Bilaga 6:1, yttrande", "LST 123-4567-18")
    document = docx.Document(str(pdf.with_suffix(".docx")))
    cells = words(" ".join(p.text for table in document.tables for row in table.rows
                          for cell in row.cells for p in cell.paragraphs))
    assert "Bilaga 6:1" in cells and "Vår referens Berg Sara" in cells
    texts = [p.text for p in document.paragraphs]
    assert "första punkten" in texts


def test_an_archived_joint_case_keeps_every_dnr_nämnd_and_förvaltning_in_its_manifest(tmp_path):
    result = run("archive", joint_case(tmp_path), "--out", tmp_path / "arkiv")
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "arkiv" / "AMN-2017-0329" / "manifest.json").read_text("utf-8"))
    assert {key: manifest["ärende"][key] for key in (
        "diarienummer", "nämnd", "alla diarienummer", "alla nämnder", "förvaltningar", "registreringsår")} == {
        "diarienummer": "AMN-2017-0329", "nämnd": "Arbetsmarknadsnämnden",
        "alla diarienummer": ["AMN-2017-0329", "SCN-2018-0044"],
        "alla nämnder": ["Arbetsmarknadsnämnden", "Socialnämnden"],
        "förvaltningar": ["Arbetsmarknadsförvaltningen", "Socialförvaltningen"],
        "registreringsår": 2017}
