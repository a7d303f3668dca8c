"""`arende check`: every problem of a plan, located and in Swedish, without building anything."""

from __future__ import annotations

import json

from click.testing import CliRunner

from conftest import PLANS, STOCKHOLM, UPPSALA, copy_case, edit
from generator.cli import cli


def run(*args):
    return CliRunner().invoke(cli, ["check", *map(str, args)], prog_name="arende")


def test_bundled_plans_pass_with_the_originals_own_slips_as_warnings():
    result = run(PLANS)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "plans/uppsala-amn-2018-0329/bilaga-1-handlingsplan.yaml:6:9: varning: status: platshållaren "
        "'2018-xx-xx' är kvar (fyll i eller ta bort)",
        "plans/uppsala-amn-2018-0329/bilaga-1-handlingsplan.yaml:41:18: varning: "
        "område 1, åtgärd 1, tidplan: tidplanen 'Pågå' har ingen känd form (menade du 'Pågår'?)",
        f"{len(_bundled_cases())} ärenden kontrollerade och 1 möte och 1 protokoll: 2 varningar hittades.",
    ]
    assert run("--strict", PLANS).exit_code == 1


def _bundled_cases():
    return [folder for folder in PLANS.iterdir() if (folder / "arende.yaml").is_file()]


def test_many_mistakes_give_one_located_message_each_in_one_run(tmp_path):
    case = copy_case(UPPSALA, tmp_path / "c")
    plan, bilaga = case / "arende.yaml", case / "bilaga-1-handlingsplan.yaml"
    edit(plan, "hus: uppsala\nförvaltning: AMF", "hus: uppsala\nförvaltning: AMX")        # 1 unknown department
    edit(plan, "  - namn: Helmer Linda", "  - nman: Helmer Linda")                      # 2 misspelt key (not also "missing")
    edit(plan, "datum: 2018-09-05", "datum: 5 september 2018")                          # 3 not a date
    edit(plan, "diarienummer: AMN-2018-0329", "diarienummer: AMN 2018/329")             # 4 dnr pattern
    edit(plan, "nämnd: AMN", "nämnd: Arbetsmarknadsnämnden")                            # 5 name, not abbreviation
    edit(plan, "    - föreslå kommunstyrelsen", "    - - föreslå kommunstyrelsen")      # 6 list in a clause
    edit(plan, "**bilaga 1**", "**bilaga 4**")                                          # 7 missing bilaga
    edit(plan, "    titel: Direktör", "    titel: Direktör\n    roll: chef")            # 8 unknown key
    edit(bilaga, "        huvudansvarig: KS\n        andra berörda: AMN, OMN\n        tidplan: Pågå",
         "        huvudansvarig: KSN\n        andra berörda: AMN, OMN\n        tidplan: Pågå")  # 9 unknown body
    edit(bilaga, "        tidplan: Pågår kontinuerligt", "        tidplan: [Pågår]")       # 10 list as text
    edit(bilaga, "    titel: Policy för upphandling", "    title: Policy för upphandling")  # 11 misspelt key
    result = run(case)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    errors = [line for line in lines if ": varning: " not in line][:-1]
    expected = [
        "arende.yaml:5:14: förvaltning: okänd förvaltning 'AMX' (menade du 'AMF'?)",
        "arende.yaml:8:5: handläggare 1, nman: okänt fält (menade du 'namn'?)",
        "arende.yaml:12:8: datum: ska vara ett datum (ÅÅÅÅ-MM-DD) (fick '5 september 2018')",
        "arende.yaml:13:15: diarienummer: diarienumret 'AMN 2018/329' följer inte mönstret för Uppsala kommun "
        "(skrivs som AMN-2018-0329)",
        "arende.yaml:14:8: nämnd: okänd nämnd 'Arbetsmarknadsnämnden' (skriv förkortningen 'AMN')",
        "arende.yaml:22:7: förslag till beslut, att-sats 2: ska vara text",
        "arende.yaml:72:5: underskrift 1, roll: okänt fält (kända: e-post, enhet, namn, telefon, titel)",
        "bilaga-1-handlingsplan.yaml:39:24: område 1, åtgärd 1, huvudansvarig: okänd förkortning 'KSN' "
        "(menade du 'KS'?)",
        "bilaga-1-handlingsplan.yaml:134:18: område 5, åtgärd 6, tidplan: ska vara text",
        "bilaga-1-handlingsplan.yaml:144:5: dokument 3, title: okänt fält (menade du 'titel'?)",
    ]
    assert [e.split("/c/", 1)[1] for e in errors] == expected
    assert lines[-1].startswith("1 ärende kontrollerat: 10 fel")


def test_bilaga_reference_is_checked_once_the_case_is_otherwise_valid(tmp_path):
    case = copy_case(UPPSALA, tmp_path / "c")
    edit(case / "arende.yaml", "**bilaga 1**", "**bilaga 4**")
    result = run(case)
    assert result.exit_code == 1
    assert "avsnitt 3, text: texten hänvisar till bilaga 4, som inte finns bland bilagorna" in result.output


def test_json_gives_the_same_findings_for_editors(tmp_path):
    case = copy_case(UPPSALA, tmp_path / "c")
    edit(case / "arende.yaml", "nämnd: AMN", "nämnd: AMX")
    result = run("--json", case)
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["fel"] == 1 and report["varningar"] == 2
    (error,) = [f for f in report["fynd"] if f["allvarlighet"] == "fel"]
    assert error == {"fil": str(case / "arende.yaml"), "rad": 14, "kolumn": 8, "fält": "nämnd",
                     "plats": "nämnd", "meddelande": "okänd nämnd 'AMX'", "tips": "menade du 'AMN'?",
                     "allvarlighet": "fel"}
    # a place in a list: the dotted path for scripts, the person's words beside it
    (schedule,) = [f for f in report["fynd"] if f["fält"].endswith("tidplan")]
    assert schedule["fält"] == "områden[0].åtgärder[0].tidplan"
    assert schedule["plats"] == "område 1, åtgärd 1, tidplan"


def test_usage_errors_exit_2():
    result = run("finns-inte")
    assert result.exit_code == 2
    assert "Sökväg 'finns-inte' finns inte." in result.output


def _with_placeholder(tmp_path):
    case = copy_case(STOCKHOLM, tmp_path / "c")
    edit(case / "arende.yaml", "  - namn: Elin Björkman", "  - namn: «Handläggarens namn»")
    edit(case / "arende.yaml", "\ntitel: ", "\ntitel: TODO ")
    lines = (case / "arende.yaml").read_text(encoding="utf-8").splitlines()
    name = next(n for n, text in enumerate(lines, 1) if "«Handläggarens namn»" in text)
    title = next(n for n, text in enumerate(lines, 1) if "titel: TODO" in text)
    return case, name, title


def test_check_says_a_placeholder_left_in_stops_the_build_as_the_build_does(tmp_path):
    case, name, title = _with_placeholder(tmp_path)
    result = run(case)
    assert result.exit_code == 1, result.output
    assert result.output.splitlines() == [
        f"{case / 'arende.yaml'}:{name}:11: handläggare 1, namn: platshållaren '«Handläggarens namn»' är kvar "
        "(fyll i, eller bygg ett utkast med 'arende build --utkast' (eller status: utkast))",
        f"{case / 'arende.yaml'}:{title}:8: varning: titel: platshållaren 'TODO' är kvar (fyll i eller ta bort)",
        "1 ärende kontrollerat: 1 fel och 1 varning hittades.",
    ]
    assert CliRunner().invoke(cli, ["build", str(case), "--out", str(tmp_path / "out")]).exit_code == 1


def test_check_as_a_draft_makes_the_placeholder_a_warning_as_build_does(tmp_path):
    case, name, title = _with_placeholder(tmp_path)
    result = run("--utkast", case)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"{case / 'arende.yaml'}:{name}:11: varning: handläggare 1, namn: platshållaren '«Handläggarens namn»' "
        "är kvar (fyll i eller ta bort)",
        f"{case / 'arende.yaml'}:{title}:8: varning: titel: platshållaren 'TODO' är kvar (fyll i eller ta bort)",
        "1 ärende kontrollerat: 2 varningar hittades.",
    ]
    assert run("--utkast", "--strict", case).exit_code == 1
    edit(case / "arende.yaml", "hus: stockholm", "hus: stockholm\nstatus: utkast")
    assert run(case).exit_code == 0


def test_a_placeholder_in_a_case_with_other_errors_is_said_as_the_build_will_see_it(tmp_path):
    case, name, _ = _with_placeholder(tmp_path)
    edit(case / "arende.yaml", "nämnd: AMN", "nämnd: AMX")
    placeholder = (f"{case / 'arende.yaml'}:{name}:11: handläggare 1, namn: platshållaren "
                   "'«Handläggarens namn»' är kvar")
    result = run(case)
    assert result.exit_code == 1
    assert f"{placeholder} (fyll i, eller bygg ett utkast med 'arende build --utkast' (eller status: utkast))" \
        in result.output.splitlines()
    drafted = run("--utkast", case)
    assert drafted.exit_code == 1   # the unknown nämnd is still an error
    assert f"{placeholder.replace(': handläggare', ': varning: handläggare')} (fyll i eller ta bort)" \
        in drafted.output.splitlines()
