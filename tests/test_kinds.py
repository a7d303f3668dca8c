"""Kinds of paper: each one registered unit, and a plan's 'typ' naming one of them."""

from __future__ import annotations

import subprocess
import sys

import datetime as dt

import docx
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import ROOT, UPPSALA, copy_case, edit, pdf_pages
from generator.build import build_case
from generator.cli import cli
from generator.compose.paper import compose_case
from generator.kinds import KINDS
from generator.read import read_case
from generator.writers.pdf import write_pdf


def check(case) -> list[str]:
    """`arende check` on *case*: its errors (not warnings), without the folder before the file."""
    result = CliRunner().invoke(cli, ["check", str(case)], prog_name="arende")
    lines = [line.removeprefix(f"{case}/") for line in result.output.splitlines()[:-1]]
    found = [line for line in lines if ": varning: " not in line]
    assert result.exit_code == (1 if found else 0), result.output
    return found


# --- the registry --------------------------------------------------------------------


def test_every_kind_module_registers_a_kind_with_its_template():
    modules = sorted(path.stem for path in (ROOT / "generator" / "kinds").glob("*.py")
                     if path.stem != "__init__")
    assert sorted(kind.model.__module__.rsplit(".", 1)[1] for kind in KINDS.values()) == modules
    for kind in KINDS.values():
        assert (ROOT / "templates" / "base" / f"{kind.template}.html.j2").is_file(), kind.typ
    assert [kind.typ for kind in KINDS.values() if kind.main] == ["tjänsteskrivelse"]


def test_the_kinds_package_stays_at_model_level():
    code = ("import sys, generator.kinds; "
            "print(' '.join(sorted(m for m in sys.modules if m.startswith('generator.'))))")
    loaded = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                            text=True, cwd=ROOT).stdout.split()
    above = [m for m in loaded if m.split(".")[1] in {"house", "read", "compose", "writers", "build",
                                                      "archive", "preview", "cli", "schema"}]
    assert above == []


# --- 'typ' in a plan ----------------------------------------------------------------------


def test_a_bilaga_file_of_unknown_type_is_a_located_error_listing_the_kinds(tmp_path):
    case = copy_case(UPPSALA, tmp_path / "c")
    edit(case / "bilaga-1-handlingsplan.yaml", "typ: handlingsplan", "typ: handlingplan")
    assert check(case) == ["bilaga-1-handlingsplan.yaml:3:6: typ: okänd dokumenttyp 'handlingplan' "
                           "(möjliga typer: bilaga, handlingsplan)"]


def test_a_paper_in_the_wrong_file_is_told_where_it_belongs(tmp_path):
    case = copy_case(UPPSALA, tmp_path / "c")
    edit(case / "arende.yaml", "hus: uppsala", "typ: handlingsplan\nhus: uppsala")
    edit(case / "bilaga-1-handlingsplan.yaml", "typ: handlingsplan", "typ: tjänsteskrivelse")
    assert check(case) == [
        "arende.yaml:4:6: typ: 'handlingsplan' kan bara vara en bilaga, inte ärendets huvudhandling "
        "(möjliga typer i arende.yaml: tjänsteskrivelse; en handlingsplan skrivs i en egen fil som "
        "bilagor[].dokument pekar ut)",
        "bilaga-1-handlingsplan.yaml:3:6: typ: 'tjänsteskrivelse' är ärendets huvudhandling "
        "(arende.yaml), inte en bilaga (möjliga typer: bilaga, handlingsplan)"]


def test_a_case_file_without_typ_is_a_tjansteskrivelse_and_an_unknown_one_is_an_error(tmp_path):
    case = copy_case(UPPSALA, tmp_path / "c")
    edit(case / "arende.yaml", "hus: uppsala", "typ: kallelse\nhus: uppsala")
    assert check(case) == ["arende.yaml:4:6: typ: okänd dokumenttyp 'kallelse' "
                           "(möjliga typer i arende.yaml: tjänsteskrivelse)"]
    edit(case / "arende.yaml", "typ: kallelse\n", "")
    assert check(case) == []


# --- the generic bilaga ----------------------------------------------------------------

UTREDNING = """\
typ: bilaga
titel: Sociala företag i Uppsala
slag: utredning
datum: 2018-08-20
diarienummer: AMN-2018-0300
avsnitt:
  - rubrik: Bakgrund
    text: |
      Sociala företag **växer** i Uppsala.
  - rubrik: Slutsatser
    text: Utredningen föreslår en handlingsplan.
"""


def with_bilaga(tmp_path, text: str):
    """The Uppsala case with *text* as its bilaga 2, in bilaga-2.yaml."""
    case = copy_case(UPPSALA, tmp_path / "c")
    (case / "bilaga-2.yaml").write_text(text, encoding="utf-8")
    edit(case / "arende.yaml", "    dokument: bilaga-1-handlingsplan.yaml\n",
         "    dokument: bilaga-1-handlingsplan.yaml\n  - titel: Utredning\n    dokument: bilaga-2.yaml\n")
    return case


def test_a_generic_bilaga_is_a_paper_of_its_own_with_its_slag_date_and_dnr(tmp_path):
    case = with_bilaga(tmp_path, UTREDNING)
    assert check(case) == []
    built = build_case(read_case(case), tmp_path / "ut", ("docx",)).files
    assert [path.name for path in built] == ["AMN-2018-0329_tjansteskrivelse.docx",
                                             "AMN-2018-0329_bilaga-1_handlingsplan.docx",
                                             "AMN-2018-0329_bilaga-2_utredning.docx"]
    paper = compose_case(read_case(case))[2]
    write_pdf(paper, tmp_path / "bilaga.pdf")

    (page,) = pdf_pages(tmp_path / "bilaga.pdf")
    words = " ".join(page.split())
    assert "bilaga 2 utredning" in words.casefold()   # the house may print the slag in capitals
    assert "Datum 2018-08-20 Diarienummer AMN-2018-0300 Sociala företag i Uppsala Bakgrund Sociala " \
           "företag växer i Uppsala. Slutsatser Utredningen föreslår en handlingsplan." in words
    info = PdfReader(tmp_path / "bilaga.pdf").metadata
    assert (info.title, info["/Handlingstyp"], info["/Diarienummer"], info["/CreationDate"]) == \
        ("Sociala företag i Uppsala", "Bilaga 2, utredning", "AMN-2018-0300", "D:20180820000000Z")
    document = docx.Document(str(built[2]))
    texts = [p.text for p in document.paragraphs]
    assert "Sociala företag i Uppsala" in texts and "Sociala företag växer i Uppsala." in texts
    props = document.core_properties
    assert (props.category, props.identifier) == ("Bilaga 2, utredning", "AMN-2018-0300")
    assert props.created == dt.datetime(2018, 8, 20, tzinfo=dt.timezone.utc)


def test_a_generic_bilaga_without_date_or_dnr_takes_the_cases(tmp_path):
    text = UTREDNING.replace("datum: 2018-08-20\ndiarienummer: AMN-2018-0300\n", "")
    text = text.replace("slag: utredning", "slag: PM")
    (paper,) = compose_case(read_case(with_bilaga(tmp_path, text)))[2:]
    assert paper.stem == "AMN-2018-0329_bilaga-2_pm"
    assert (paper.facts.kind_label, paper.facts.date, paper.facts.dnr) == \
        ("Bilaga 2, PM", dt.date(2018, 9, 5), "AMN-2018-0329")
    assert "<p>PM</p>" in paper.html and 'class="meta"' not in paper.html


def test_a_generic_bilaga_gets_its_own_checks(tmp_path):
    case = with_bilaga(tmp_path, "typ: bilaga\ntitel: Yttrande\navsnitt:\n  - rubrik: Yttrandet\n")
    assert check(case) == ["bilaga-2.yaml:1:1: slag: fältet saknas"]
    (case / "bilaga-2.yaml").write_text("typ: bilaga\ntitel: Yttrande\nslag: yttrande\navsnitt:\n"
                                        "  - rubrik: Yttrandet\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(case)], prog_name="arende")
    assert result.exit_code == 0
    assert f"{case}/bilaga-2.yaml:5:3: varning: avsnitt: bilagan har ingen text " \
           "(skriv innehållet under avsnitt (rubrik och text))" in result.output.splitlines()
