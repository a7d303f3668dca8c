"""Kinds of paper: each one registered unit, and a plan's 'typ' naming one of them."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from conftest import ROOT, UPPSALA, copy_case, edit
from generator.cli import cli
from generator.kinds import KINDS


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
                           "(möjliga typer: handlingsplan)"]


def test_a_paper_in_the_wrong_file_is_told_where_it_belongs(tmp_path):
    case = copy_case(UPPSALA, tmp_path / "c")
    edit(case / "arende.yaml", "hus: uppsala", "typ: handlingsplan\nhus: uppsala")
    edit(case / "bilaga-1-handlingsplan.yaml", "typ: handlingsplan", "typ: tjänsteskrivelse")
    assert check(case) == [
        "arende.yaml:4:6: typ: 'handlingsplan' kan bara vara en bilaga, inte ärendets huvudhandling "
        "(möjliga typer i arende.yaml: tjänsteskrivelse; en handlingsplan skrivs i en egen fil som "
        "bilagor[].dokument pekar ut)",
        "bilaga-1-handlingsplan.yaml:3:6: typ: 'tjänsteskrivelse' är ärendets huvudhandling "
        "(arende.yaml), inte en bilaga (möjliga typer: handlingsplan)"]


def test_a_case_file_without_typ_is_a_tjansteskrivelse_and_an_unknown_one_is_an_error(tmp_path):
    case = copy_case(UPPSALA, tmp_path / "c")
    edit(case / "arende.yaml", "hus: uppsala", "typ: kallelse\nhus: uppsala")
    assert check(case) == ["arende.yaml:4:6: typ: okänd dokumenttyp 'kallelse' "
                           "(möjliga typer i arende.yaml: tjänsteskrivelse)"]
    edit(case / "arende.yaml", "typ: kallelse\n", "")
    assert check(case) == []
