"""The forms of real papers: every form of förslag till beslut, the house's block order,
the checks a house switches, and diarienummer patterns in real use."""

from __future__ import annotations

import re

import docx
import pytest

from conftest import edit, own_house, pdf_pages, run
from generator.errors import InvalidPlan
from generator.read import read_case

CASE = """\
hus: {house}
förvaltning: AMF
handläggare:
  - namn: Karin Reuterdahl
datum: 2018-09-05
diarienummer: {dnr}
nämnd: AMN
titel: Formerna i ett förslag
{proposal}
avsnitt:
  - rubrik: Ärendet
    text: Ärendets text står här.
  - rubrik: Sammanfattning
    text: Sammanfattningens text står här.
{signatures}
bilagor:
  - titel: Karta över området
"""
SIGNATURES = """underskrifter:
  - namn: Anna Ek
    titel: Direktör"""
GROUPS = """förslag till beslut:
  inledning: Arbetsmarknadsnämnden föreslås besluta
  grupper:
    - inledning: 'I kommunstyrelsen:'
      att:
        - godkänna redovisningen.
      text: Därutöver föreslås ett gemensamt beslut.
    - inledning: 'I kommunstyrelsen och kommunfullmäktige:'
      punkter:
        - Planen antas.
        - Planen gäller från 2019.
    - inledning: 'I kommunfullmäktige:'
      beslut: Kommunfullmäktige lägger redovisningen till handlingarna."""


@pytest.fixture
def house(tmp_path, monkeypatch):
    """A municipality's own copy of the Uppsala house, 'formhus', and a small case using it."""
    monkeypatch.chdir(tmp_path)
    folder, case = own_house(tmp_path, "formhus")
    for extra in case.glob("bilaga-*.yaml"):
        extra.unlink()
    write(case)
    return folder, case


def write(case, proposal: str = GROUPS, dnr: str = "AMN-2018-0329", signatures: str = SIGNATURES) -> None:
    (case / "arende.yaml").write_text(
        CASE.format(house="formhus", dnr=dnr, proposal=proposal, signatures=signatures), encoding="utf-8")


def key_summary(case, key: str = "sammanfattning") -> None:
    edit(case / "arende.yaml", "  - rubrik: Sammanfattning", f"  - nyckel: {key}\n    rubrik: Sammanfattning")


def add_to_register(folder, text: str) -> None:
    """Register keys go before stil:, so the style declaration stays last."""
    edit(folder / "hus.yaml", "\nstil:\n", "\n" + text + "\nstil:\n")


def build(case, out):
    result = run("build", case, "--out", out)
    assert result.exit_code == 0, result.output
    pdf = next(out.rglob("*.pdf"))
    return " ".join(" ".join(pdf_pages(pdf)).split()), docx.Document(str(next(out.rglob("*.docx"))))


def warnings(case) -> list[str]:
    return [str(p) for p in read_case(case).warnings]


def errors(case) -> list[str]:
    with pytest.raises(InvalidPlan) as caught:
        read_case(case)
    return [str(p) for p in caught.value.problems if not p.is_warning]


# --- förslag till beslut in every form ---------------------------------------------


def test_groups_per_decision_body_each_in_its_own_form_alike_in_pdf_and_docx(house, tmp_path):
    folder, case = house
    pdf, document = build(case, tmp_path / "out")
    expected = ["Arbetsmarknadsnämnden föreslås besluta", "I kommunstyrelsen:", "att godkänna redovisningen.",
                "Därutöver föreslås ett gemensamt beslut.", "I kommunstyrelsen och kommunfullmäktige:",
                "1. Planen antas.", "2. Planen gäller från 2019.", "I kommunfullmäktige:",
                "Kommunfullmäktige lägger redovisningen till handlingarna."]
    places = [pdf.find(text) for text in expected]
    assert -1 not in places and places == sorted(places), pdf
    by_text = [(p.text, p.style.name) for p in document.paragraphs if p.text.strip()]
    start = [text for text, _ in by_text].index("Förslag till beslut")
    assert by_text[start + 1:start + 10] == [
        ("Arbetsmarknadsnämnden föreslås besluta", "Normal"),
        ("I kommunstyrelsen:", "Normal"),
        ("att\tgodkänna redovisningen.", "Att-sats"),
        ("Därutöver föreslås ett gemensamt beslut.", "Normal"),
        ("I kommunstyrelsen och kommunfullmäktige:", "Normal"),
        ("Planen antas.", "Beslutspunkt"),
        ("Planen gäller från 2019.", "Beslutspunkt"),
        ("I kommunfullmäktige:", "Normal"),
        ("Kommunfullmäktige lägger redovisningen till handlingarna.", "Normal"),
    ]


def test_a_plain_decision_sentence_without_att_and_the_heading_as_the_house_words_it(house, tmp_path):
    folder, case = house
    edit(folder / "hus.yaml", "förslagsrubrik: Förslag till beslut", "förslagsrubrik: '{nämnd}s beslut'")
    write(case, "förslag till beslut:\n  beslut: Arbetsmarknadsnämnden godkänner redovisningen.")
    pdf, document = build(case, tmp_path / "out")
    assert "Arbetsmarknadsnämndens beslut Arbetsmarknadsnämnden godkänner redovisningen." in pdf
    assert " att " not in pdf.split("Arbetsmarknadsnämndens beslut")[1][:80]
    texts = [p.text for p in document.paragraphs]
    at = texts.index("Arbetsmarknadsnämndens beslut")
    assert texts[at + 1] == "Arbetsmarknadsnämnden godkänner redovisningen."
    assert document.paragraphs[at].style.name == "Heading 2"


def test_a_group_with_two_forms_is_a_located_error(house):
    folder, case = house
    write(case, GROUPS.replace("      beslut: Kommunfullmäktige", "      att: [x]\n      beslut: Kommunfullmäktige"))
    (message,) = errors(case)
    assert re.search(r"arende\.yaml:\d+:\d+: förslag till beslut, grupp 3: ange en form per grupp, "
                     r"inte både 'att' och 'beslut'", message), message


# --- block order --------------------------------------------------------------------


ORDER = """ordning:
  - sammanfattning
  - förslag till beslut
  - underskrifter
  - bilagor
  - avsnitt
  - attesterat
  - relaterade dokument"""


def test_the_house_orders_the_blocks_and_places_a_section_by_its_key(house, tmp_path):
    folder, case = house
    add_to_register(folder, ORDER)
    key_summary(case)
    pdf, document = build(case, tmp_path / "out")
    order = ["Sammanfattningens text", "Förslag till beslut", "Anna Ek", "Karta över området",
             "Ärendets text"]
    places = [pdf.find(text) for text in order]
    assert -1 not in places and places == sorted(places), pdf
    texts = [p.text for p in document.paragraphs]
    places = [next(i for i, t in enumerate(texts) if text in t) for text in order[:2] + order[3:]]
    assert places == sorted(places), texts
    # The signature table stands between the proposal and the bilaga list in Word too.
    body = document.element.body
    kinds = ["t" if child.tag.endswith("}tbl") and "Anna Ek" in "".join(child.itertext()) else
             "".join(child.itertext()) for child in body.iterchildren()]
    assert kinds.index("t") < next(i for i, k in enumerate(kinds) if "Karta över området" in k)
    assert kinds.index("t") > next(i for i, k in enumerate(kinds) if k.startswith("att") or "Planen antas" in k)


def test_the_shared_order_puts_every_section_after_the_proposal(house):
    folder, case = house
    bundle = read_case(case)
    blocks = bundle.case.blocks(bundle.house.register.order)
    assert [name for name, _ in blocks][:2] == ["förslag till beslut", "avsnitt"]
    assert [s.heading for s in blocks[1][1]] == ["Ärendet", "Sammanfattning"]
    key_summary(case)
    (message,) = errors(case)
    assert "avsnitt 2, nyckel: okänd avsnittsnyckel 'sammanfattning' (Uppsala kommun placerar inga" in message


def test_a_section_key_the_house_does_not_place_is_an_error_with_a_guess(house):
    folder, case = house
    add_to_register(folder, ORDER)
    key_summary(case, "sammanfatning")
    (message,) = errors(case)
    assert "avsnitt 2, nyckel: okänd avsnittsnyckel 'sammanfatning' (menade du 'sammanfattning'?)" in message


def test_an_order_that_leaves_a_block_out_is_a_house_error(house):
    folder, case = house
    add_to_register(folder, "ordning: [förslag till beslut, avsnitt, underskrifter]")
    result = run("check", case)
    assert result.exit_code == 3, result.output
    assert re.search(r"formhus/hus\.yaml:\d+:\d+: ordning: ordningen saknar 'bilagor', 'attesterat', "
                     r"'relaterade dokument'", result.output), result.output


def test_uppsala_lists_its_bilagor_on_one_line_each_by_declaration(house, tmp_path):
    folder, case = house
    pdf, document = build(case, tmp_path / "out")
    assert "Bilagor: Karta över området, bilaga 1" in pdf
    assert "Bilagor: Karta över området, bilaga 1" in [p.text for p in document.paragraphs]
    edit(folder / "hus.yaml", "  bilageförteckning: rad", "  bilageförteckning: lista")
    pdf, document = build(case, tmp_path / "out2")
    assert "Bilagor: Karta" not in pdf and "Bilagor 1. Karta över området" in pdf


# --- blocks required where the house says so ------------------------------------------


def test_signatures_are_required_only_where_the_house_says_so(house, tmp_path):
    folder, case = house
    write(case, signatures="")
    (message,) = errors(case)
    assert re.search(r"arende\.yaml:1:1: underskrifter: fältet saknas$", message), message
    add_to_register(folder, "kontroller:\n  krävs: [förslag till beslut]")
    pdf, document = build(case, tmp_path / "out")
    assert "Anna Ek" not in pdf and "står här. Bilagor: Karta över området" in pdf
    texts = [p.text for p in document.paragraphs]
    assert texts.index("Sammanfattningens text står här.") + 1 == texts.index(
        "Bilagor: Karta över området, bilaga 1")


# --- checks a house switches ----------------------------------------------------------


def test_full_stop_after_the_last_att_clause_on_and_off(house):
    folder, case = house
    edit(case / "arende.yaml", "godkänna redovisningen.", "godkänna redovisningen")
    assert any(w.endswith("förslag till beslut, grupp 1, att-sats 1: den sista att-satsen slutar inte med punkt")
               for w in warnings(case))
    add_to_register(folder, "kontroller:\n  punkt efter sista att-satsen: false")
    assert not any("att-satsen" in w for w in warnings(case))


def test_dnr_year_against_the_paper_date_on_and_off(house):
    folder, case = house
    write(case, dnr="AMN-2019-0329")
    (message,) = errors(case)
    assert "diarienummer: diarienumret är från 2019 men handlingen är daterad 2018-09-05" in message
    add_to_register(folder, "kontroller:\n  diarienummerets år: false")
    assert not any("diarienumret" in w for w in warnings(case))


def test_dnr_board_against_the_receiving_board_on_and_off(house):
    folder, case = house
    write(case, dnr="KS-2018-0329")
    assert any("diarienumret hör till Kommunstyrelsen" in w for w in warnings(case))
    add_to_register(folder, "kontroller:\n  diarienummerets nämnd: false")
    assert not any("diarienumret" in w for w in warnings(case))


def test_tidplan_form_only_in_a_tidplan_column_and_switchable(house):
    folder, case = house
    edit(case / "arende.yaml", "    text: Ärendets text står här.\n", """    text: Ärendets text står här.
    områden:
      - kolumner: {åtgärd: Åtgärd, tidplan: Pågå}
        åtgärder:
          - åtgärd: Göra något
            tidplan: Pågå
""")
    found = [w for w in warnings(case) if "tidplan" in w]
    assert len(found) == 1 and "åtgärd 1, tidplan: tidplanen 'Pågå' har ingen känd form" in found[0]
    add_to_register(folder, "kontroller:\n  tidplanens form: false")
    assert not any("tidplan" in w for w in warnings(case))


# --- diarienummer patterns in real use --------------------------------------------------


PATTERNS = [
    (r"\d{4}/(?P<år>\d{2})", "0988/17", 2017, None),
    (r"(?P<nämnd>[A-ZÅÄÖ]{2,5}) (?P<år>\d{4})/\d{1,5}", "KS 2018/124", 2018, "KS"),
    (r"(?P<nämnd>[A-ZÅÄÖ]{2,5})-(?P<år>\d{4})/\d{1,5}\.\d{3}", "KS-2014/742.912", 2014, "KS"),
    (r"(?P<år>\d{4})/(?P<nämnd>[A-ZÅÄÖ]{2,5}) \d{4} \d{2}", "2018/KS 0290 10", 2018, "KS"),
    (r"(?P<nämnd>[A-ZÅÄÖ]{2,5})/(?P<år>\d{4}):\d{1,5}-\d{4}", "TSN/2015:487-0061", 2015, "TSN"),
]


@pytest.mark.parametrize("pattern, dnr, year, board", PATTERNS, ids=[p[1] for p in PATTERNS])
def test_dnr_patterns_in_real_use_are_accepted_with_year_and_board(house, pattern, dnr, year, board):
    folder, case = house
    edit(folder / "hus.yaml", r"mönster: '(?P<nämnd>[A-ZÅÄÖ]{2,5})-(?P<år>\d{4})-\d{4}'", f"mönster: '{pattern}'")
    edit(folder / "hus.yaml", "exempel: AMN-2018-0329", f"exempel: '{dnr}'")
    write(case, dnr=f"'{dnr}'")
    bundle = read_case(case)
    assert bundle.case.dnr == dnr
    assert bundle.house.register.dnr.parts(dnr, 2018) == (year, board)
    old = [w for w in bundle.warnings if "diarienumret är från" in str(w)]
    assert bool(old) == (year < 2017), old      # the year is read: an old one is noticed
    if board == "KS":
        assert any("diarienumret hör till Kommunstyrelsen" in str(w) for w in bundle.warnings)


def test_a_two_digit_year_is_read_in_the_paper_s_century():
    from generator.model.register import DnrRule

    rule = DnrRule.model_validate({"mönster": r"\d{4}/(?P<år>\d{2})", "exempel": "0988/17"})
    assert rule.parts("0988/17", 2018) == (2017, None)
    assert rule.parts("0988/19", 2018) == (2019, None)      # next year: an error, not 1919
    assert rule.parts("0988/98", 2018) == (1998, None)
    assert rule.parts("0988/01", 2099) == (2001, None)


# --- cross-references -------------------------------------------------------------------


def test_bilaga_6_colon_1_is_a_place_marker_not_a_reference_to_bilaga_6(house):
    folder, case = house
    edit(case / "arende.yaml", "Ärendets text står här.", "Se Bilaga 6:1 och bilaga 6.2 i regionens plan.")
    assert errors_or_none(case) == []
    edit(case / "arende.yaml", "och bilaga 6.2", "och bilaga 6")
    (message,) = errors(case)
    assert "texten hänvisar till bilaga 6, som inte finns bland bilagorna" in message


def errors_or_none(case) -> list[str]:
    try:
        read_case(case)
    except InvalidPlan as exc:
        return [str(p) for p in exc.problems if not p.is_warning]
    return []
