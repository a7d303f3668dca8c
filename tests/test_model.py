"""Validation of a whole case: every mistake located, in Swedish, in one run."""

from __future__ import annotations

import pytest

from conftest import STOCKHOLM, UPPSALA, copy_case, edit
from generator.errors import InvalidPlan
from generator.read import read_case


def messages(folder) -> list[str]:
    """The errors (not the warnings) reading *folder* gives."""
    with pytest.raises(InvalidPlan) as caught:
        read_case(folder)
    return [str(p) for p in caught.value.problems if not p.is_warning]


def test_bundled_cases_validate():
    uppsala = read_case(UPPSALA)
    assert uppsala.case.dnr == "AMN-2018-0329"
    assert [d.model.title for d in uppsala.documents] == ["Handlingsplan för Sociala företag"]
    assert len(uppsala.documents[0].model.areas) == 5
    stockholm = read_case(STOCKHOLM)
    assert stockholm.case.dnr is None and stockholm.case.item == 7
    assert [a.title for a in stockholm.case.attachments][1] == "Utredning av handlingsutrymmet för att främja ASF"


def test_three_mistakes_give_three_located_swedish_errors(tmp_path):
    case = copy_case(UPPSALA, tmp_path / "c")
    plan = case / "arende.yaml"
    edit(plan, "nämnd: AMN", "nämnd: AMX")
    edit(plan, "diarienummer: AMN-2018-0329", "diarienummer: AMN-18-329")
    edit(plan, "datum: 2018-09-05", "datum: 2018-02-30")
    found = messages(case)
    assert len(found) == 3
    assert all(m.startswith(f"{plan}:") for m in found)  # outside the working folder: full path
    assert found[0].endswith("arende.yaml:12:8: datum: är inget giltigt datum (ÅÅÅÅ-MM-DD) (fick '2018-02-30')")
    assert found[1].endswith("arende.yaml:13:15: diarienummer: diarienumret 'AMN-18-329' följer inte "
                             "mönstret för Uppsala kommun (skrivs som AMN-2018-0329)")
    assert found[2].endswith("arende.yaml:14:8: nämnd: okänd nämnd 'AMX' (menade du 'AMN'?)")


def test_misspelt_key_gets_did_you_mean_at_the_key(tmp_path):
    case = copy_case(UPPSALA, tmp_path / "c")
    edit(case / "arende.yaml", "underskrifter:", "underskrift:")
    found = messages(case)
    assert any(m.endswith("underskrift: okänt fält (menade du 'underskrifter'?)") for m in found)
    assert not any(m.endswith("underskrifter: fältet saknas") for m in found)   # one mistake, one message


def test_errors_in_case_and_bilaga_come_together(tmp_path):
    case = copy_case(UPPSALA, tmp_path / "c")
    edit(case / "arende.yaml", "titel: Handlingsplan sociala företag", "titel:")
    edit(case / "bilaga-1-handlingsplan.yaml", "        huvudansvarig: AMN, OMN\n        tidplan: 2018 - 2019",
         "        huvudansvarig: AMN, OMM\n        tidplan: 2018 - 2019")
    found = messages(case)
    assert len(found) == 2
    assert found[0].endswith("arende.yaml:16:7: titel: ska vara text")
    assert found[1].endswith("bilaga-1-handlingsplan.yaml:56:24: område 2, åtgärd 1, huvudansvarig: "
                             "okänd förkortning 'OMM' (menade du 'OMN'?)")


def test_free_text_actors_are_allowed_but_abbreviations_are_checked(tmp_path):
    case = copy_case(UPPSALA, tmp_path / "c")
    plan = read_case(case)
    rows = [row for area in plan.documents[0].model.areas for row in area.actions]
    assert ["Kommunala förvaltningar när upphandling görs."] in [row.others for row in rows]
    assert ["Samtliga"] in [row.others for row in rows]


def test_value_in_a_column_the_table_does_not_print_is_refused(tmp_path):
    case = copy_case(STOCKHOLM, tmp_path / "c")
    edit(case / "arende.yaml", "            huvudansvarig: AMF, SBR",
         "            huvudansvarig: AMF, SBR\n            tidplan: 2022")
    (message,) = messages(case)
    assert "avsnitt 5, område 3: i åtgärd 7 har tidplan ett värde men tabellen har ingen kolumn för tidplan" \
        in message


def test_proposal_needs_exactly_one_form(tmp_path):
    case = copy_case(STOCKHOLM, tmp_path / "c")
    edit(case / "arende.yaml", "  punkter:", "  att:\n    - göra något\n  punkter:")
    (message,) = messages(case)
    assert "förslag till beslut: ange en av 'att' (att-satser), 'punkter' (numrerade punkter), 'beslut'" in message
    assert "inte både 'att' och 'punkter'" in message


def test_unknown_house_and_missing_bilaga_file(tmp_path):
    case = copy_case(UPPSALA, tmp_path / "c")
    edit(case / "arende.yaml", "hus: uppsala", "hus: upsala")
    assert messages(case)[0].endswith("arende.yaml:4:6: hus: okänd husstil 'upsala' (menade du 'uppsala'?)")
    edit(case / "arende.yaml", "hus: upsala", "hus: uppsala")
    (case / "bilaga-1-handlingsplan.yaml").unlink()
    (message,) = messages(case)
    assert message.endswith("bilaga 1, dokument: filen 'bilaga-1-handlingsplan.yaml' finns inte i c/")


def test_bilaga_outside_the_case_folder_is_refused(tmp_path):
    case = copy_case(UPPSALA, tmp_path / "c")
    (tmp_path / "hemlig.yaml").write_text("typ: handlingsplan\ntitel: X\n", encoding="utf-8")
    edit(case / "arende.yaml", "dokument: bilaga-1-handlingsplan.yaml", "dokument: ../hemlig.yaml")
    (message,) = messages(case)
    assert message.endswith("bilaga 1, dokument: dokumentet måste ligga i ärendets mapp "
                            "(inte via '..' eller en symbolisk länk ut ur mappen)")


def test_duplicate_bilaga_numbers(tmp_path):
    case = copy_case(STOCKHOLM, tmp_path / "c")
    edit(case / "arende.yaml", "  - titel: Utredning av", "  - nummer: 1\n    titel: Utredning av")
    (message,) = messages(case)
    assert "bilaga 2, nummer: bilaga 1 finns redan (bilaga 1 i listan)" in message


def warnings_of(folder) -> list[str]:
    return [str(p) for p in read_case(folder).warnings]


def test_meeting_before_paper_and_dnr_from_the_future(tmp_path):
    case = copy_case(STOCKHOLM, tmp_path / "c")
    edit(case / "arende.yaml", "sammanträde: 2021-08-24", "sammanträde: 2021-08-01")
    edit(case / "arende.yaml", "nämnd: AMN", "diarienummer: AMN 2022/0182\nnämnd: AMN")
    found = messages(case)
    assert len(found) == 2
    assert found[0].endswith("diarienummer: diarienumret är från 2022 men handlingen är daterad 2021-08-10 "
                             "(ett ärende diarieförs innan handlingen skrivs)")
    assert found[1].endswith("sammanträde: sammanträdet 2021-08-01 är före handlingens datum 2021-08-10 "
                             "(handlingen skrivs före sammanträdet)")


def test_reference_to_a_bilaga_that_does_not_exist(tmp_path):
    case = copy_case(UPPSALA, tmp_path / "c")
    edit(case / "arende.yaml", "**bilaga 1**", "**bilaga 2**")
    (message,) = messages(case)
    assert message.endswith("avsnitt 3, text: texten hänvisar till bilaga 2, som inte finns bland bilagorna "
                            "(lägg till bilagan eller rätta numret)")


def test_warnings_do_not_stop_the_paper(tmp_path):
    case = copy_case(UPPSALA, tmp_path / "c")
    edit(case / "arende.yaml", "godkänna handlingsplanen.", "godkänna handlingsplanen")
    edit(case / "arende.yaml", "titel: Handlingsplan sociala företag", "titel: Handlingsplan «ämne»")
    edit(case / "arende.yaml", "nämnd: AMN", "nämnd: KS")
    found = warnings_of(case)
    assert [w.split(": ", 1)[1] for w in found] == [
        "varning: diarienummer: diarienumret hör till Arbetsmarknadsnämnden men handlingen går till "
        "Kommunstyrelsen (stämmer nämnd och diarienummer?)",
        "varning: titel: platshållaren '«ämne»' är kvar (fyll i eller ta bort)",
        "varning: förslag till beslut, att-sats 2: den sista att-satsen slutar inte med punkt",
        "varning: status: platshållaren '2018-xx-xx' är kvar (fyll i eller ta bort)",
        "varning: område 1, åtgärd 1, tidplan: tidplanen 'Pågå' har ingen känd form (menade du 'Pågår'?)",
    ]


def test_a_number_is_not_a_date(tmp_path):
    # pydantic alone would read these as Unix timestamps: 1970-01-01 and 2021-08-24.
    case = copy_case(STOCKHOLM, tmp_path / "c")
    edit(case / "arende.yaml", "datum: 2021-08-10", "datum: 0")
    edit(case / "arende.yaml", "sammanträde: 2021-08-24", "sammanträde: 1629763200")
    found = messages(case)
    assert [m.split("arende.yaml:")[1] for m in found] == [
        "12:8: datum: ska vara ett datum (ÅÅÅÅ-MM-DD) (fick '0')",
        "14:14: sammanträde: ska vara ett datum (ÅÅÅÅ-MM-DD) (fick '1629763200')"]


def test_a_dnr_must_match_the_whole_pattern_not_a_prefix(tmp_path):
    case = copy_case(UPPSALA, tmp_path / "c")
    edit(case / "arende.yaml", "diarienummer: AMN-2018-0329", "diarienummer: AMN-2018-03290")
    (message,) = messages(case)
    assert message.endswith("diarienummer: diarienumret 'AMN-2018-03290' följer inte mönstret "
                            "för Uppsala kommun (skrivs som AMN-2018-0329)")


@pytest.mark.parametrize("year, warned", [("2017", False), ("2016", True)])
def test_a_dnr_from_the_year_before_is_usual_one_older_is_questioned(tmp_path, year, warned):
    case = copy_case(UPPSALA, tmp_path / "c")  # dated 2018-09-05
    edit(case / "arende.yaml", "diarienummer: AMN-2018-0329", f"diarienummer: AMN-{year}-0329")
    about_dnr = [w.split(": ", 1)[1] for w in warnings_of(case) if "diarienummer:" in w]
    assert about_dnr == ([f"varning: diarienummer: diarienumret är från {year} men handlingen är daterad "
                          "2018-09-05 (stämmer diarienumret?)"] if warned else [])


def test_a_meeting_on_the_papers_own_date_is_fine(tmp_path):
    case = copy_case(STOCKHOLM, tmp_path / "c")
    edit(case / "arende.yaml", "sammanträde: 2021-08-24", "sammanträde: 2021-08-10")  # = datum
    bundle = read_case(case)
    assert str(bundle.case.meeting) == "2021-08-10"
    assert not [w for w in bundle.warnings if w.field == "sammanträde"]


def test_tracked_changes_time_is_a_clock_time(tmp_path):
    case = copy_case(UPPSALA, tmp_path / "c")
    with open(case / "arende.yaml", "a", encoding="utf-8") as plan:
        plan.write("\nspårade ändringar:\n  av: Karin Reuterdahl\n  tid: 2.30\n")
    (found,) = messages(case)
    assert found.endswith("spårade ändringar, tid: ska vara ett klockslag (TT:MM) (fick '2.30')")
