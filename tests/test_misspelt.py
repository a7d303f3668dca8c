"""A field that is only misspelt gets one message, the misspelling with its did-you-mean:
never also 'fältet saknas' or a check of the field it should have been."""

from __future__ import annotations

import pytest

from conftest import edit, own_house, run

PLAN, HANDLINGSPLAN, HOUSE = "arende.yaml", "bilaga-1-handlingsplan.yaml", "hus.yaml"

CASES = [
    # the tjänsteskrivelse: top level, nested, in lists
    (PLAN, "\ndiarienummer:", "\ndiarenummer:",
     "plans/c/arende.yaml:13:1: diarenummer: okänt fält (menade du 'diarienummer'?)"),
    (PLAN, "\nhus:", "\nhuss:", "plans/c/arende.yaml:4:1: huss: okänt fält (menade du 'hus'?)"),
    (PLAN, "\nunderskrifter:", "\nunderskrifer:",
     "plans/c/arende.yaml:69:1: underskrifer: okänt fält (menade du 'underskrifter'?)"),
    (PLAN, "  inledning:", "  inledningg:",
     "plans/c/arende.yaml:19:3: förslag till beslut, inledningg: okänt fält (menade du 'inledning'?)"),
    (PLAN, "  - rubrik: Ärendet", "  - rubrk: Ärendet",
     "plans/c/arende.yaml:25:5: avsnitt 1, rubrk: okänt fält (menade du 'rubrik'?)"),
    (PLAN, "  - namn: Helmer Linda", "  - nman: Helmer Linda",
     "plans/c/arende.yaml:8:5: handläggare 1, nman: okänt fält (menade du 'namn'?)"),
    # the handlingsplan kind
    (HANDLINGSPLAN, "\ntitel:", "\ntitle:",
     "plans/c/bilaga-1-handlingsplan.yaml:4:1: title: okänt fält (menade du 'titel'?)"),
    (HANDLINGSPLAN, "      - åtgärd: Samverka", "      - åtgärdd: Samverka",
     "plans/c/bilaga-1-handlingsplan.yaml:38:9: område 1, åtgärd 1, åtgärdd: okänt fält (menade du 'åtgärd'?)"),
    (HANDLINGSPLAN, "  - rubrik: 'Område 1", "  - rubirk: 'Område 1",
     "plans/c/bilaga-1-handlingsplan.yaml:32:5: område 1, rubirk: okänt fält (menade du 'rubrik'?)"),
    # the house's register
    (HOUSE, "    namn: Arbetsmarknadsförvaltningen", "    nman: Arbetsmarknadsförvaltningen",
     "templates/egen/hus.yaml:25:5: förvaltningar, AMF, nman: okänt fält (menade du 'namn'?)"),
    (HOUSE, "\nnamn: Uppsala kommun", "\nnman: Uppsala kommun",
     "templates/egen/hus.yaml:4:1: nman: okänt fält (menade du 'namn'?)"),
    (HOUSE, "  mönster:", "  mönstr:",
     "templates/egen/hus.yaml:19:3: diarienummer, mönstr: okänt fält (menade du 'mönster'?)"),
]


@pytest.mark.parametrize("file, old, new, said", CASES, ids=[case[2].strip() for case in CASES])
def test_a_misspelt_field_is_one_message(tmp_path, monkeypatch, file, old, new, said):
    monkeypatch.chdir(tmp_path)
    house, case = own_house(tmp_path, "egen")
    edit(house / file if file == HOUSE else case / file, old, new)
    result = run("check", case)
    assert result.exit_code == (3 if file == HOUSE else 1)
    *found, summary = result.output.splitlines()
    assert [line for line in found if ": varning: " not in line] == [said]
    assert summary.startswith("1 ärende kontrollerat: 1 fel")


BILAGA = """\
typ: bilaga
titel: Yttrande
slag: yttrande
avsnitt:
  - rubrik: Yttrandet
    text: Text.
    tabell:
      kolumner:
        - {namn: Post}
        - {namn: Belopp}
      rader:
        - [Drift, 10 kr]
"""


@pytest.mark.parametrize("old, new, said", [
    ("slag:", "slga:", "bilaga-2.yaml:3:1: slga: okänt fält (menade du 'slag'?)"),
    ("        - {namn: Post}", "        - {nman: Post}",
     "bilaga-2.yaml:9:12: avsnitt 1, tabell, kolumn 1, nman: okänt fält (menade du 'namn'?)"),
    ("      rader:", "      rade:", "bilaga-2.yaml:11:7: avsnitt 1, tabell, rade: okänt fält (menade du 'rader'?)"),
])
def test_a_misspelt_field_in_a_bilaga_and_its_table_is_one_message(tmp_path, monkeypatch, old, new, said):
    monkeypatch.chdir(tmp_path)
    _, case = own_house(tmp_path, "egen")
    (case / "bilaga-2.yaml").write_text(BILAGA.replace(old, new), encoding="utf-8")
    edit(case / "arende.yaml", "    dokument: bilaga-1-handlingsplan.yaml\n",
         "    dokument: bilaga-1-handlingsplan.yaml\n  - titel: Yttrande\n    dokument: bilaga-2.yaml\n")
    result = run("check", case)
    assert result.exit_code == 1, result.output
    *found, summary = result.output.splitlines()
    assert [line for line in found if ": varning: " not in line] == [f"plans/c/{said}"]
    assert summary.startswith("1 ärende kontrollerat: 1 fel")
