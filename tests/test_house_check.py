"""Houses are checked like plans: every mistake located in the house's own files, in one round."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

from conftest import edit, own_house, run



@pytest.fixture
def project(tmp_path, monkeypatch):
    """A municipality's folder with its own copy of the Uppsala house, 'trasig', and a case using it."""
    monkeypatch.chdir(tmp_path)
    return own_house(tmp_path, "trasig")


DOZEN = [
    "templates/trasig/handlingsplan.html.j2:4:1: okänd tagg 'endblok' (menade du 'endblock'?)",
    "templates/trasig/house.css: stil: husstilen har en egen house.css, som bara skulle gälla PDF:en "
    "(för över utseendet till stil: i hus.yaml och ta bort filen)",
    "templates/trasig/hus.yaml:73:15: stil, typsnitt, rubriker: typsnittet 'Helvetica' finns inte i husstilen "
    "(välj Arial eller Times New Roman, eller lägg typsnittets filer (.ttf) i trasig/fonts/)",
    "templates/trasig/hus.yaml:77:35: stil, text, rubrik 1, färg: 'blå' är ingen färg "
    "(skriv sex hexadecimala siffror, t.ex. '#1F3864')",
    "templates/trasig/hus.yaml:79:5: stil, text, rubrik 5: okänt textslag 'rubrik 5' (menade du 'rubrik 4'?); "
    "textslagen är brödtext, rubrik 1, rubrik 2, rubrik 3, rubrik 4, undertitel, ordmärke, förvaltning, "
    "dokumenttyp, metarubrik, metauppgift, mottagare, ärendenummer, tabelltext, tabellrubrik, sidhuvud, "
    "sidfot, fotnot, underskrift, underskriftsenhet, stämpel",
    "templates/trasig/hus.yaml:80:3: stil, hvud: okänt fält (menade du 'huvud'?)",
    "templates/trasig/hus.yaml:83:11: stil, sidnummer, form: sidnumret måste innehålla {sida}",
    "templates/trasig/hus.yaml:85:11: stil, sidhuvud, text: okänt fält {dnr} (fälten är {kommun}, {förvaltning}, "
    "{enhet}, {dokumenttyp}, {diarienummer}, {datum}, {nämnd}, {sammanträde}, {registreringsår}, {märkning}, {titel}, {bilaga})",
    "templates/trasig/hus.yaml:88:7: stil, tabeller, åtgärder: bredderna för 3 kolumner blir 120 %, mer än 100 %",
    "templates/trasig/logo.svg: logotyp: logo.svg kan inte visas i Word "
    "(spara logotypen som logo.png, minst 600 bildpunkter bred)",
    "templates/trasig/tjansteskrivelse.html.j2:6:11: okänd klass 'fancy' på <p class=\"fancy\"> "
    "(en mall får bara använda elementen och klasserna i ordförrådet, se arende hus guide)",
    "templates/trasig/tjansteskrivelse.html.j2:6:21: case.titel: okänt fält 'titel' "
    "(i mallarna heter fältet 'title'; 'titel' är namnet i YAML)",
]


def break_a_dozen_ways(house: Path) -> None:
    edit(house / "hus.yaml", """stil:
  typsnitt:
    brödtext: Times New Roman
    rubriker: Arial
    detaljer: Arial
  text:
    brödtext: {storlek: 11.5}
    rubrik 1: {storlek: 16}
    rubrik 2: {storlek: 12.5}
    rubrik 3: {storlek: 11.5}""", """stil:
  typsnitt:
    brödtext: Times New Roman
    rubriker: Helvetica
    detaljer: Arial
  text:
    brödtext: {storlek: 11.5}
    rubrik 1: {storlek: 16, färg: blå}
    rubrik 2: {storlek: 12.5}
    rubrik 5: {storlek: 11.5}
  hvud:
    mottagare: false
  sidnummer:
    form: 'Sida av {sidor}'
  sidhuvud:
    text: '{kommun} · {dnr}'
  tabeller:
    åtgärder:
      3: [60, 30, 30]""")                                                         # 1-7 in hus.yaml
    edit(house / "tjansteskrivelse.html.j2", "{% block closing %}\n",
         '{% block closing %}\n<p class="fancy">{{ case.titel }}</p>\n')               # 8, 9
    (house / "handlingsplan.html.j2").write_text(
        '{% extends "base/handlingsplan.html.j2" %}\n{% block content %}\n<h1>{{ doc.title }}</h1>\n'
        "{% endblok %}\n", encoding="utf-8")                                          # 10
    (house / "house.css").write_text("body { color: red }", encoding="utf-8")         # 11
    (house / "logo.svg").write_text("<svg/>", encoding="utf-8")                       # 12


def test_a_dozen_house_mistakes_get_a_dozen_located_messages_from_check_and_none_at_build(project):
    house, case = project
    break_a_dozen_ways(house)

    checked = run("hus", "kontrollera", "trasig")
    assert checked.exit_code == 3
    assert checked.output.splitlines() == DOZEN + ["1 husstil kontrollerad: 12 fel hittades."]

    on_case = run("check", case)
    assert on_case.exit_code == 3
    assert on_case.output.splitlines() == DOZEN + ["1 ärende kontrollerat: 12 fel hittades."]

    built = run("build", case, "--out", "out")
    assert built.exit_code == 3
    assert built.output.splitlines() == DOZEN + ["12 fel hittades; husstilen måste rättas; inga filer skrevs."]
    assert not Path("out").exists()


def test_json_gives_the_same_findings(project):
    house, _ = project
    (house / "logo.svg").write_text("<svg/>", encoding="utf-8")
    report = json.loads(run("hus", "kontrollera", "--json", "trasig").output)
    assert report["husstilar"] == ["templates/trasig"] and report["fel"] == 1
    assert report["fynd"][0] | {"tips": ""} == {
        "fil": "templates/trasig/logo.svg", "rad": 0, "kolumn": 0, "fält": "logotyp", "plats": "logotyp",
        "meddelande": "logo.svg kan inte visas i Word", "tips": "", "allvarlighet": "fel"}


def test_the_shipped_houses_pass_in_both_writers():
    result = run("hus", "kontrollera")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "7 husstilar kontrollerade: inga fel hittades."


def test_every_unknown_name_in_every_template_is_found_in_one_round(project):
    house, _ = project
    edit(house / "tjansteskrivelse.html.j2", "{% block closing %}\n",
         "{% block closing %}\n<p>{{ cse.title }}</p>\n<p>{{ c.signaturs(case) }}</p>\n")
    (house / "bilaga.html.j2").write_text(
        '{% extends "base/bilaga.html.j2" %}\n{% block content %}\n<h1>{{ doc.titel }}</h1>\n'
        "{% endblock %}\n", encoding="utf-8")
    result = run("hus", "kontrollera", "trasig")
    assert result.exit_code == 3
    assert result.output.splitlines() == [
        "templates/trasig/bilaga.html.j2:3:8: doc.titel: okänt fält 'titel' "
        "(i mallarna heter fältet 'title'; 'titel' är namnet i YAML)",
        "templates/trasig/tjansteskrivelse.html.j2:6:7: cse: okänt namn i mallen (menade du 'case'? se arende hus guide)",
        "templates/trasig/tjansteskrivelse.html.j2:7:7: c.signaturs: okänt fält 'signaturs' "
        "(menade du 'signatures'?)",
        "1 husstil kontrollerad: 3 fel hittades.",
    ]


def test_a_template_path_only_the_other_proposal_form_takes_is_checked(project):
    """The sample goes through the templates with att-satser and with numbered points."""
    house, _ = project
    edit(house / "tjansteskrivelse.html.j2", "{% block closing %}\n",
         "{% block closing %}\n{% if case.proposal.points %}<p>{{ case.proposal.point }}</p>{% endif %}\n")
    result = run("hus", "kontrollera", "trasig")
    assert "tjansteskrivelse.html.j2:6:36: case.proposal.point: okänt fält 'point' (menade du 'points'?)" \
        in result.output


def test_a_paper_the_writers_refuse_is_a_problem_of_the_house(project):
    """Only 'hus kontrollera' writes the sample papers: what only a writer finds is found there."""
    house, case = project
    edit(house / "tjansteskrivelse.html.j2", "{% block closing %}",
         '{% block masthead %}<section class="masthead"><div class="logo">'
         '<img src="file:///etc/passwd" alt="x"></div></section>{% endblock %}{% block closing %}')
    result = run("hus", "kontrollera", "trasig")
    assert result.exit_code == 3
    lines = result.output.splitlines()
    assert len(lines) == 3 and lines[-1] == "1 husstil kontrollerad: 2 fel hittades."
    assert lines[0].startswith("templates/trasig/hus.yaml: DOCX kunde inte göras: DOCX: logotypen: "
                               "'file:///etc/passwd' ligger utanför husstilens mapp")
    assert lines[1].startswith("templates/trasig/hus.yaml: PDF kunde inte göras:")
    assert run("check", case).exit_code == 0   # check does not write


def test_a_misspelt_template_name_is_a_warning_with_the_names_that_are_used(project):
    house, _ = project
    (house / "tjänsteskrivelse.html.j2").write_text("{% extends 'base/tjansteskrivelse.html.j2' %}\n")
    result = run("hus", "kontrollera", "trasig")
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == (
        "templates/trasig/tjänsteskrivelse.html.j2: varning: mallen används inte av någon handling "
        "(menade du 'tjansteskrivelse.html.j2'? mallarna som används heter bilaga.html.j2, "
        "handlingsplan.html.j2, tjansteskrivelse.html.j2)")


def test_a_dnr_example_that_does_not_fit_the_pattern_is_located(project):
    house, _ = project
    edit(house / "hus.yaml", "exempel: AMN-2018-0329", "exempel: AMN 2018/329")
    result = run("hus", "kontrollera", "trasig")
    assert "templates/trasig/hus.yaml:20:12: diarienummer, exempel: exemplet 'AMN 2018/329' följer inte mönstret" \
        in result.output


@pytest.mark.parametrize("folder, written", [("Älvkarleby", "älvkarleby"), ("Region Örebro län", "region örebro län")])
def test_any_swedish_name_is_a_house_that_builds_in_both_formats(project, folder, written):
    house, case = project
    house.rename(house.parent / folder)
    edit(case / "arende.yaml", "hus: trasig", f"hus: {written}")
    assert run("hus", "kontrollera", written).exit_code == 0
    result = run("build", case, "--out", "out")
    assert result.exit_code == 0, result.output
    assert sorted(p.suffix for p in Path("out/AMN-2018-0329").iterdir()) == [".docx"] * 2 + [".pdf"] * 2


def test_a_footer_line_may_name_a_förvaltning_s_own_uppgifter(project):
    from generator.compose.paper import compose_case
    from generator.read import read_case

    house, case = project
    edit(house / "hus.yaml", "    namn: Arbetsmarknadsförvaltningen\n",
         "    namn: Arbetsmarknadsförvaltningen\n    uppgifter:\n      telefon: 018-727 00 00\n")
    edit(house / "hus.yaml", "    namn: Kommunledningskontoret\n",
         "    namn: Kommunledningskontoret\n    uppgifter:\n      webb: www.uppsala.se\n")
    with open(house / "hus.yaml", "a", encoding="utf-8") as out:
        out.write("  sidfot:\n    kolumner:\n      - rubrik: Telefon\n        rader: ['{telefon}']\n"
                  "      - rubrik: Webb\n        rader: ['{webb}', 'Tel. {telefon}']\n")
    papers = compose_case(read_case(case))
    footer = lxml.html.fromstring(papers[0].html).xpath("//div[@class='footer-column']")
    texts = [[p.text_content() for p in column.xpath("p")] for column in footer]
    assert texts == [["Telefon", "018-727 00 00"], ["Webb", "Tel. 018-727 00 00"]]  # no webb at AMF

    edit(house / "hus.yaml", "rader: ['{telefon}']", "rader: ['{telefn}']")
    result = run("check", case)
    assert result.exit_code == 3
    assert "templates/trasig/hus.yaml:88:17: stil, sidfot, kolumn 1, rad 1: okänt fält {telefn} " \
           "(menade du 'telefon'? fälten är {kommun}" in result.output


def test_the_sample_papers_can_be_kept_to_look_at(project):
    result = run("hus", "kontrollera", "trasig", "--out", "prov")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "Exempelhandlingarna finns i prov/."
    assert sorted(p.name for p in Path("prov/trasig").iterdir()) == [
        f"AMN-2018-0329_{stem}.{fmt}" for stem in ("bilaga-1_handlingsplan", "bilaga-2_utredning",
                                                    "tjansteskrivelse") for fmt in ("docx", "pdf")]


def test_a_broken_house_is_not_archived_either(project):
    house, case = project
    edit(house / "tjansteskrivelse.html.j2", "{% block closing %}\n", '{% block closing %}\n<p class="fancy">x</p>\n')
    result = run("archive", case, "--out", "arkiv")
    assert result.exit_code == 3
    assert result.output.splitlines() == [
        "templates/trasig/tjansteskrivelse.html.j2:6:11: okänd klass 'fancy' på <p class=\"fancy\"> "
        "(en mall får bara använda elementen och klasserna i ordförrådet, se arende hus guide)",
        "1 fel hittades; husstilen måste rättas; inga filer skrevs."]
    assert not Path("arkiv").exists()


def test_a_clean_house_is_checked_once_until_it_changes(project, tmp_path, monkeypatch):
    """A build checks the houses it uses; a clean one is remembered in the build cache,
    so the next process does not render the sample case again until the house changes."""
    import generator.house_check as house_check

    monkeypatch.setenv("ARENDE_CACHE", str(tmp_path / "cache"))
    house, _ = project
    monkeypatch.setattr(house_check, "_checked", {})
    assert house_check.check_house(house, write=False) == []

    def not_again(*args, **kwargs):
        raise AssertionError("the clean house was checked again")

    monkeypatch.setattr(house_check, "_checked", {})          # as in a new process
    monkeypatch.setattr(house_check, "_check", not_again)
    assert house_check.check_house(house, write=False) == []
    edit(house / "tjansteskrivelse.html.j2", "{% block closing %}\n", "{% block closing %}\n<p>{{ case.titel }}</p>\n")
    with pytest.raises(AssertionError, match="checked again"):
        house_check.check_house(house, write=False)
