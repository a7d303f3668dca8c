"""The mistakes staff make when they write a plan by hand or paste from Word.

Each is either a located Swedish message (file:line:column, in the person's own terms)
with the documented exit code, or handled as the person meant: never a paper that
silently differs from the plan.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from conftest import STOCKHOLM, copy_case, edit, pdf_pages, run

# The last paragraph before 'Det förslag till handlingsplan …' in the Stockholm case
# ('Ärendet', avsnitt 4), whose text starts on line 64 of arende.yaml.
ANCHOR = "      Det förslag till handlingsplan som redovisas"


@pytest.fixture
def case(tmp_path) -> Path:
    return copy_case(STOCKHOLM, tmp_path / "c")


def check(case: Path) -> tuple[int, list[str]]:
    result = run("check", case / "arende.yaml")
    return result.exit_code, result.output.splitlines()


def line_of(case: Path, text: str) -> int:
    lines = (case / "arende.yaml").read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, 1) if text in line)


def insert_before_anchor(case: Path, text: str) -> None:
    edit(case / "arende.yaml", ANCHOR, text + ANCHOR)


# --- footnotes -------------------------------------------------------------------------

def test_a_footnote_without_definition_is_an_error_at_its_line_and_column(case):
    insert_before_anchor(case, "      Enligt statistiken[^statistik] ökar antalet.\n\n")
    code, lines = check(case)
    row = line_of(case, "Enligt statistiken")
    assert code == 1
    assert lines[0] == (
        f"{case / 'arende.yaml'}:{row}:25: avsnitt 4, text: fotnoten [^statistik] saknar definition; "
        "den skulle stå som [^statistik] i handlingen (lägg till en rad '[^statistik]: …' i samma text)")


def test_a_misspelt_footnote_label_is_one_error_naming_the_label_meant(case):
    insert_before_anchor(case, "      Enligt statistiken[^statistk] ökar antalet.\n\n"
                               "      [^statistik]: SCB, 2020.\n\n")
    code, lines = check(case)
    row = line_of(case, "Enligt statistiken")
    assert code == 1
    assert lines == [
        f"{case / 'arende.yaml'}:{row}:25: avsnitt 4, text: fotnoten [^statistk] saknar definition; "
        "den skulle stå som [^statistk] i handlingen (menade du [^statistik]?)",
        "1 ärende kontrollerat: 1 fel hittades."]


def test_a_footnote_definition_nothing_refers_to_is_an_error(case):
    insert_before_anchor(case, "      [^statistik]: SCB, 2020.\n\n")
    code, lines = check(case)
    row = line_of(case, "[^statistik]: SCB")
    assert code == 1
    assert lines[0] == (
        f"{case / 'arende.yaml'}:{row}:7: avsnitt 4, text: ingen text hänvisar till fotnoten [^statistik]; "
        "den skulle inte synas i handlingen (skriv [^statistik] där fotnoten ska stå, eller ta bort definitionen)")


def test_a_footnote_label_defined_twice_is_an_error_naming_both_lines(case):
    insert_before_anchor(case, "      Enligt statistiken[^statistik] ökar antalet.\n\n"
                               "      [^statistik]: SCB, 2020.\n\n"
                               "      [^statistik]: Arbetsförmedlingen, 2021.\n\n")
    code, lines = check(case)
    first, second = line_of(case, "[^statistik]: SCB"), line_of(case, "[^statistik]: Arbets")
    assert code == 1
    assert lines[0] == (
        f"{case / 'arende.yaml'}:{second}:7: avsnitt 4, text: fotnoten [^statistik] är definierad två gånger "
        f"(den första definitionen står på rad {first}; ge fotnoterna olika namn eller ta bort den ena)")


def test_a_footnote_defined_in_another_section_is_one_error_at_the_reference(case):
    insert_before_anchor(case, "      [^statistik]: SCB, 2020.\n\n")
    edit(case / "arende.yaml", "Utrymmet för staden", "Utrymmet[^statistik] för staden")
    code, lines = check(case)
    reference, definition = line_of(case, "Utrymmet[^statistik]"), line_of(case, "[^statistik]: SCB")
    column = (case / "arende.yaml").read_text(encoding="utf-8").split("\n")[reference - 1].index("[^") + 1
    assert code == 1
    assert lines == [
        f"{case / 'arende.yaml'}:{reference}:{column}: avsnitt 1, text: fotnoten [^statistik] är definierad i en "
        f"annan text (avsnitt 4, text, rad {definition}) (flytta definitionen till samma text som hänvisningen)",
        "1 ärende kontrollerat: 1 fel hittades."]


# --- text pasted from Word ---------------------------------------------------------------

PASTED = ("      Uppdraget omfattar:\n"
          "      •\tKartläggning av företagen\n"
          "      –\tDialog med Arbetsförmedlingen\n"
          "      -\u00a0Förslag till åtgärder\n"
          "      Arbetet redovisas i tre steg:\n"
          "      1)\tUtredning\n"
          "      2)\tRemiss\n"
          "      Därefter fattas beslut.\n\n")


def test_a_list_pasted_from_word_is_a_list_in_the_pdf_and_the_docx(case, tmp_path):
    insert_before_anchor(case, PASTED)
    result = run("build", case, "--out", tmp_path / "out", "-q")
    assert result.exit_code == 0, result.output
    pdf, = (tmp_path / "out").rglob("*.pdf")
    text = "\n".join(pdf_pages(pdf))
    assert ("Uppdraget omfattar:\n• Kartläggning av företagen\n• Dialog med Arbetsförmedlingen\n"
            "• Förslag till åtgärder\nArbetet redovisas i tre steg:\n1. Utredning\n2. Remiss\n"
            "Därefter fattas beslut.") in text
    word, = (tmp_path / "out").rglob("*.docx")
    paragraphs = [(p.style.name, p.text) for p in docx.Document(str(word)).paragraphs]
    start = paragraphs.index(("Normal", "Uppdraget omfattar:"))
    assert [(style.split()[-1], text) for style, text in paragraphs[start:start + 7]] == [
        ("Normal", "Uppdraget omfattar:"), ("Bullet", "Kartläggning av företagen"),
        ("Bullet", "Dialog med Arbetsförmedlingen"), ("Bullet", "Förslag till åtgärder"),
        ("Normal", "Arbetet redovisas i tre steg:"), ("Number", "Utredning"), ("Number", "Remiss")]


def test_a_list_pasted_whole_earns_no_warning(case):
    insert_before_anchor(case, PASTED)
    code, lines = check(case)
    assert code == 0 and lines == ["1 ärende kontrollerat: inga fel hittades."]


LONE = ("      Vi gör följande:\n"
        "      o\tEn enda rad från Word\n"
        "      Och sedan som förut\n"
        "      2) som inte blir en lista.\n\n")


def test_lines_that_look_like_list_items_but_stay_text_are_warned_of_at_their_line(case):
    from generator.compose.markdown import render_block

    insert_before_anchor(case, LONE)
    first = line_of(case, "o\tEn enda rad")
    code, lines = check(case)
    assert code == 0
    assert lines == [
        f"{case / 'arende.yaml'}:{first}:7: varning: avsnitt 4, text: raden börjar med 'o' som en punkt i en "
        "lista, men blir vanlig text (skriv listan med '- ' eller '1. ' på varje rad, med en tom rad före; "
        "eller ta bort 'o')",
        f"{case / 'arende.yaml'}:{first + 2}:7: varning: avsnitt 4, text: raden börjar med '2)' som en punkt "
        "i en lista, men blir vanlig text (skriv listan med '- ' eller '1. ' på varje rad, med en tom rad före; "
        "eller ta bort '2)')",
        "1 ärende kontrollerat: 2 varningar hittades."]
    html = str(render_block(LONE.replace("      ", "").replace("\t", " ")))
    assert "<li>" not in html and "o En enda rad" in html and "2) som inte" in html   # what the warning says


def test_a_numbered_point_that_starts_with_its_own_number_is_warned_of(case):
    edit(case / "arende.yaml", "    - Arbetsmarknadsnämnden beslutar att för kännedom",
         "    - 2) Arbetsmarknadsnämnden beslutar att för kännedom")
    row = line_of(case, "- 2) Arbetsmarknadsnämnden")
    code, lines = check(case)
    assert code == 0
    assert lines == [
        f"{case / 'arende.yaml'}:{row}:7: varning: förslag till beslut, punkt 2: raden börjar med '2)', som "
        "står kvar i handlingen (punkterna numreras redan) (ta bort '2)' i början av raden)",
        "1 ärende kontrollerat: 1 varning hittades."]


@pytest.mark.parametrize("space, name", [("\u00a0", "hårt mellanslag (U+00A0)"),
                                         ("\u2003", "typografiskt mellanslag (U+2003)")])
def test_odd_spaces_as_indentation_are_named_not_an_unknown_field(case, space, name):
    edit(case / "arende.yaml", "    telefon: '0850848002'", f"  {space}{space}telefon: '0850848002'")
    code, lines = check(case)
    assert code == 1
    assert lines == [
        f"{case / 'arende.yaml'}:9:3: raden är indragen med {name}, inte vanliga mellanslag "
        "(YAML räknar bara vanliga mellanslag som indrag; skriv om indraget med mellanslagstangenten)",
        "1 ärende kontrollerat: 1 fel hittades."]


# --- YAML messages that name the real cause --------------------------------------------

def test_an_over_indented_key_is_named_with_the_key_above(case):
    edit(case / "arende.yaml", "förvaltning: AMF\n", "förvaltning: AMF\n  nämnd: AMN\n")
    edit(case / "arende.yaml", "nämnd: AMN\nsammanträde", "sammanträde")
    code, lines = check(case)
    assert code == 1
    assert lines[0] == (
        f"{case / 'arende.yaml'}:6:1: YAML-fel: 'nämnd' är indragen mer än 'förvaltning' på raden ovanför "
        "(ta bort mellanslagen före 'nämnd' så att raderna börjar i samma kolumn)")


def test_curly_quotes_around_a_text_with_a_colon_are_named(case):
    edit(case / "arende.yaml", "  - rubrik: Bakgrund", "  - rubrik: ”Område 1: Bakgrund”")
    code, lines = check(case)
    row = line_of(case, "”Område 1")
    assert code == 1
    assert lines[0] == (
        f"{case / 'arende.yaml'}:{row}:13: YAML-fel: texten står inom typografiska citattecken (”), "
        "som YAML inte läser som citattecken (skriv raka citattecken ' eller \" runt texten)")


def test_a_colon_inside_a_decision_point_is_named_at_the_colon(case):
    edit(case / "arende.yaml", "beslutar att för kännedom", "beslutar att: för kännedom")
    code, lines = check(case)
    row = line_of(case, "beslutar att: för")
    assert code == 1
    assert lines == [
        f"{case / 'arende.yaml'}:{row}:41: förslag till beslut, punkt 2: kolon följt av mellanslag gör "
        "texten till ett fält (nyckel: värde) (sätt hela texten inom citattecken ('…'), eller ta bort kolonet)",
        "1 ärende kontrollerat: 1 fel hittades."]


@pytest.mark.parametrize("quote", ["'", '"'])
def test_a_missing_closing_quote_is_reported_where_the_quote_opens(case, quote):
    edit(case / "arende.yaml", "  - rubrik: Bakgrund", f"  - rubrik: {quote}Bakgrund")
    code, lines = check(case)
    row = line_of(case, f"rubrik: {quote}Bakgrund")
    assert code == 1
    assert lines[0].startswith(
        f"{case / 'arende.yaml'}:{row}:13: YAML-fel: citattecknet ({quote}) stängs aldrig")
    assert lines[0].endswith(f"(lägg till {quote} i slutet av texten på rad {row})")
    assert len(lines) == 2


def test_a_quote_closed_only_lines_later_is_reported_not_swallowing_fields(case):
    edit(case / "arende.yaml", "titel: Handlingsplan för hur", 'titel: "Handlingsplan för hur')
    edit(case / "arende.yaml", "undertitel: Uppdrag i Kommunfullmäktiges budget 2021",
         'undertitel: Uppdrag i Kommunfullmäktiges budget 2021"')
    code, lines = check(case)
    row = line_of(case, 'titel: "Handlingsplan')
    assert code == 1
    assert lines[0] == (
        f"{case / 'arende.yaml'}:{row}:8: YAML-fel: citattecknet (\") stängs aldrig på raden; texten "
        f"fortsätter ända till rad {row + 1} (lägg till \" i slutet av texten på rad {row})")


# --- the CLI where staff stand ---------------------------------------------------------

def test_check_without_plan_inside_a_case_folder_checks_that_case(tmp_path, monkeypatch):
    from conftest import own_house

    _, folder = own_house(tmp_path, "egen")
    edit(folder / "arende.yaml", "nämnd: AMN", "nämnd: AMX")
    monkeypatch.chdir(folder)
    result = run("check")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "1 ärende kontrollerat: 1 fel hittades."
    assert result.output.startswith("arende.yaml:")


def test_the_plan_format_is_printed_by_the_cli_from_the_installed_package():
    from conftest import ROOT

    result = run("format")
    assert result.exit_code == 0
    assert result.output.startswith("# Planformatet\n")
    assert result.output == (ROOT / "docs" / "planformat.md").read_text(encoding="utf-8")
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"docs/planformat.md" = "generator/docs/planformat.md"' in pyproject


# --- empty content -----------------------------------------------------------------------

def test_a_misspelt_required_field_is_one_error_not_also_missing(case):
    edit(case / "arende.yaml", "  - namn: Elin Björkman", "  - nman: Elin Björkman")
    code, lines = check(case)
    assert code == 1
    assert lines == [f"{case / 'arende.yaml'}:8:5: handläggare 1, nman: okänt fält (menade du 'namn'?)",
                     "1 ärende kontrollerat: 1 fel hittades."]


def test_att_att_and_cells_of_only_spaces_are_located_warnings(tmp_path):
    from conftest import UPPSALA

    case = copy_case(UPPSALA, tmp_path / "u")
    edit(case / "arende.yaml", "    - godkänna handlingsplanen", "    - att godkänna handlingsplanen")
    plan = case / "bilaga-1-handlingsplan.yaml"
    edit(plan, "        tidplan: 2018-2020\n", "        tidplan: '   '\n")
    code, lines = check(case)
    row = line_of(case, "- att godkänna")
    plan_row = next(n for n, line in enumerate(plan.read_text(encoding="utf-8").split("\n"), 1)
                    if line == "        tidplan: '   '")
    assert code == 0
    assert lines[0] == (
        f"{case / 'arende.yaml'}:{row}:7: varning: förslag till beslut, att-sats 1: att-satsen börjar med 'att'; "
        "handlingen skriver redan 'att' före varje sats, så det blir 'att att' (ta bort 'att' i början av satsen)")
    assert (f"{plan}:{plan_row}:18: varning: område 1, åtgärd 2, tidplan: texten består bara av mellanslag "
            "och blir tom i handlingen (skriv texten, eller ta bort fältet)") in lines
    assert sum(f":{plan_row}:" in line for line in lines) == 1   # not also "no known form"


def test_an_empty_row_in_an_action_table_is_named(tmp_path):
    from conftest import UPPSALA

    case = copy_case(UPPSALA, tmp_path / "u")
    plan = case / "bilaga-1-handlingsplan.yaml"
    edit(plan, "    åtgärder:\n", "    åtgärder:\n      -\n")
    code, lines = check(case)
    assert code == 1
    assert lines == [f"{plan}:38:8: område 1, åtgärd 1: raden är tom (fyll i raden, eller ta bort dess streck)",
                     "1 ärende kontrollerat: 1 fel hittades."]


def test_a_quoted_text_over_several_lines_with_a_colon_inside_stays_valid(case):
    edit(case / "arende.yaml", "undertitel: Uppdrag i Kommunfullmäktiges budget 2021",
         'undertitel: "Uppdrag i Kommunfullmäktiges budget 2021,\n  Notera: ett uppdrag"')
    code, lines = check(case)
    assert code == 0, lines
