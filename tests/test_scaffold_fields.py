"""Every field `arende new` offers shows in the built papers of that house (issue #13).

For each bundled house a case is scaffolded, every offered field is filled in (the
commented-out ones uncommented) with a value no other part of the paper prints, and
the case is built. Each value must then be in the PDF's text and in the DOCX's text
(body, headers and footers) — a field the house does not print is not offered.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, pdf_pages, run
from generator.house import find_house, house_names
from generator.errors import Location

HOUSES = house_names((ROOT / "templates",))

# A commented-out field in the scaffold: '# sammanträde: …', '#   - titel: …', '# bilagor:'.
COMMENTED_FIELD = re.compile(r"^(\s*)# (\s*(?:- )?[a-zåäö][a-zåäö -]*:(?:\s.*)?)$")

# Fields the register checks get valid values; the text each prints is checked instead.
MEETING, ITEM, PHONE, EMAIL = "2026-12-14", 917, "018-5550917", "zq.epost@example.se"


def uncommented(text: str) -> str:
    """The scaffold with every commented-out field line taken into use (the first
    line names the schema for the editor)."""
    lines = text.splitlines()
    return "\n".join(lines[:1] + [COMMENTED_FIELD.sub(r"\1\2", line) for line in lines[1:]]) + "\n"


def filled(value, path: tuple, register, markers: dict[str, tuple[str, ...]]):
    """*value* (a part of the scaffold's YAML at *path*) with each leaf replaced by a
    marker; *markers* collects, for each field, the texts the papers must show."""
    key = next((part for part in reversed(path) if isinstance(part, str)), "")
    where = ".".join(str(part) for part in path)
    if isinstance(value, dict):
        # A bilaga's file stays as the scaffold names it; one it does not make is left out.
        return {k: v if k == "dokument" else filled(v, (*path, k), register, markers)
                for k, v in value.items() if k != "dokument" or (Path("plans/c") / v).exists()}
    if isinstance(value, list):
        return [filled(v, (*path, i), register, markers) for i, v in enumerate(value)]
    if path in (("hus",), ("typ",)):   # which house and which kind of paper
        return value
    if path == ("förvaltning",):
        code = next(iter(register.departments))
        markers[where] = (register.departments[code].name,)
        return code
    if path == ("nämnd",):
        code = next(iter(register.boards))
        markers[where] = (register.boards[code],)
        return code
    if path == ("datum",):
        markers[where] = ("2026-11-20", "20 november 2026")
        return "2026-11-20"
    if path == ("diarienummer",):
        markers[where] = (register.dnr.example,)
        return register.dnr.example
    if path == ("sammanträde",):
        markers[where] = (MEETING, "14 december 2026")
        return MEETING
    if path == ("ärendenummer",):
        markers[where] = (str(ITEM),)
        return ITEM
    if key == "telefon":
        markers[where] = (PHONE,)
        return PHONE
    if key == "e-post":
        markers[where] = (EMAIL,)
        return EMAIL
    marker = f"Zq{len(markers) + 1}k"   # short: a narrow table column must not break it
    markers[where] = (marker,)
    if path in (("inledning",), ("avsnitt", 0, "text")):   # long enough for a second page's header
        return marker + "\n\n" + "\n\n".join(["Ett stycke som fyller ut sidan med text."] * 12)
    return f"{marker}." if path[:2] == ("förslag till beslut", "att") else marker


def comment_above(text: str, field: str) -> str:
    """The comment lines right above top-level *field* in the scaffold."""
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if re.match(rf"(# )?{re.escape(field)}:", line))
    above = []
    while at > 0 and lines[at - 1].startswith("#"):
        at -= 1
        above.insert(0, lines[at])
    return " ".join(above)


def docx_text(path: Path) -> str:
    """All text Word shows: the body, every header and footer, footnotes."""
    texts = []
    with zipfile.ZipFile(path) as docx:
        for name in sorted(docx.namelist()):
            if re.fullmatch(r"word/(document|header\d*|footer\d*|footnotes)\.xml", name):
                xml = docx.read(name).decode("utf-8")
                for paragraph in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
                    texts.append("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", paragraph)))
    return "\n".join(texts)


def shown(markers: tuple[str, ...], text: str) -> bool:
    flat = " ".join(text.split()).casefold()   # a footer may be set in capitals
    return any(" ".join(marker.split()).casefold() in flat for marker in markers)


@pytest.mark.parametrize("with_plan", [False, True], ids=["", "handlingsplan"])
@pytest.mark.parametrize("house", HOUSES)
def test_every_offered_field_is_printed_by_the_house(house, with_plan, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("new", "plans/c", "--hus", house, *(["--handlingsplan"] if with_plan else [])).exit_code == 0
    plan, bilaga = tmp_path / "plans" / "c" / "arende.yaml", tmp_path / "plans" / "c" / "bilaga-1-handlingsplan.yaml"
    register = find_house(house, Location(plan)).register
    markers: dict[str, tuple[str, ...]] = {}
    scaffold = plan.read_text(encoding="utf-8")
    data = filled(yaml.safe_load(uncommented(scaffold)), (), register, markers)
    assert "ärendenummer" in markers   # commented out in every house's scaffold
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if with_plan:   # the bilaga's fields are its own: no comment may excuse them
        in_plan: dict[str, tuple[str, ...]] = {}
        data = filled(yaml.safe_load(uncommented(bilaga.read_text(encoding="utf-8"))), (), register, in_plan)
        bilaga.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        markers.update({f"bilaga 1: {field}": values for field, values in in_plan.items()})

    built = run("build", "plans/c", "--out", tmp_path / "out", "--utkast")
    assert built.exit_code == 0, built.output
    pdf = "\n".join("\n".join(pdf_pages(path)) for path in sorted((tmp_path / "out").rglob("*.pdf")))
    docx = "\n".join(docx_text(path) for path in sorted((tmp_path / "out").rglob("*.docx")))
    missing = {field: [form for form, text in (("PDF", pdf), ("DOCX", docx)) if not shown(values, text)]
               for field, values in markers.items()}
    # A field the house does not print may be offered only where it is required, and
    # then its comment says so.
    # A field said to show only in the bilagor is not looked for in a case without one.
    said = {field: comment_above(scaffold, field.split(".")[0]) for field in markers
            if not field.startswith("bilaga 1: ")}
    said_unprinted = {field for field, comment in said.items()
                      if "skriver inte ut" in comment or ("står i bilagornas" in comment and not with_plan)}
    assert {field: forms for field, forms in missing.items() if forms and field not in said_unprinted} == {}
    assert {field: forms for field, forms in missing.items() if field in said_unprinted and forms != ["PDF", "DOCX"]} == {}


def test_a_header_of_its_own_on_later_pages_and_the_dnr_under_the_title_count_as_printed():
    from generator.house.style import HouseStyle
    from generator.scaffold_fields import where_printed

    style = HouseStyle.model_validate({
        "huvud": {"fält": ["handläggare"], "diarienummer under rubriken": True},
        "sidhuvud": {"text": "{kommun}", "sidor": "alla", "senare sidor": "{datum} {nämnd}"}})
    places = where_printed(style)
    assert places["datum"].endswith("sidhuvudet från sidan 2")
    assert places["nämnd"].endswith("sidhuvudet från sidan 2")
    assert places["diarienummer"].startswith("dokumenthuvudet")
