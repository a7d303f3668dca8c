"""Positions in messages said as staff say them: "område 2, åtgärd 1, huvudansvarig"."""

from __future__ import annotations

from typing import Any

import pytest

from generator.errors import Location, Problem
from generator.house import HouseDeclaration
from generator.kinds import KINDS
from generator.positions import INNER_NOUN, NOUNS, spoken, spoken_field

MODELS = {**{f"typ: {name}": kind.model for name, kind in KINDS.items()}, "hus.yaml": HouseDeclaration}


def _list_keys(schema: dict) -> set[tuple[str, bool]]:
    """Every (YAML key, its items are lists too) whose value may be a list, in *schema*."""
    defs = schema.get("$defs", {})
    found: set[tuple[str, bool]] = set()
    seen: set[str] = set()

    def arrays(node: Any) -> list[dict]:
        """The array schemas *node* may be (through $ref and anyOf)."""
        if not isinstance(node, dict):
            return []
        if "$ref" in node:
            return arrays(defs[node["$ref"].split("/")[-1]])
        found_here = [node] if node.get("type") == "array" else []
        for key in ("anyOf", "oneOf", "allOf"):
            for option in node.get(key, []):
                found_here += arrays(option)
        return found_here

    def walk(node: Any) -> None:
        if not isinstance(node, dict):
            return
        if "$ref" in node:
            name = node["$ref"].split("/")[-1]
            if name not in seen:
                seen.add(name)
                walk(defs[name])
            return
        for key, value in node.get("properties", {}).items():
            for array in arrays(value):
                found.add((key, bool(arrays(array.get("items", {})))))
            walk(value)
        for key in ("anyOf", "oneOf", "allOf"):
            for option in node.get(key, []):
                walk(option)
        for key in ("items", "additionalProperties"):
            walk(node.get(key))

    walk(schema)
    return found


@pytest.mark.parametrize("name", sorted(MODELS))
def test_every_list_key_has_a_noun_for_its_items(name):
    schema = MODELS[name].model_json_schema(by_alias=True, mode="validation")
    keys = _list_keys(schema)
    assert keys, "the walk found no lists at all"
    missing = sorted(key for key, _ in keys if key not in NOUNS)
    assert not missing, f"{name}: add the singular noun for an item of {missing} to generator/positions.py NOUNS"
    for key, nested in keys:
        if nested:   # a list of lists (a table's rows of cells): the inner items have a noun too
            assert spoken((key, 0, 1)) == f"{NOUNS[key]} 1, {INNER_NOUN} 2"


def test_every_noun_names_a_list_that_exists():
    keys = {key for model in MODELS.values()
            for key, _ in _list_keys(model.model_json_schema(by_alias=True, mode="validation"))}
    assert sorted(set(NOUNS) - keys) == []


@pytest.mark.parametrize("dotted, said", [
    ("områden[1].åtgärder[0].huvudansvarig", "område 2, åtgärd 1, huvudansvarig"),
    ("förslag till beslut.att[1]", "förslag till beslut, att-sats 2"),
    ("förslag till beslut.grupper[0].punkter[2]", "förslag till beslut, grupp 1, punkt 3"),
    ("avsnitt[0].tabell.rader[2][1]", "avsnitt 1, tabell, rad 3, cell 2"),
    ("nämnder[1].nämnd", "nämnd 2"),
    ("förvaltningar[0].förvaltning", "förvaltning 1"),
    ("relaterade dokument[2].titel", "dokument 3, titel"),
    ("attesterat[0].namn", "attest 1, namn"),
    ("underskrifter[1]", "underskrift 2"),
    ("diarienummer[1]", "diarienummer 2"),
    ("stil.text.rubrik 1.färg", "stil, text, rubrik 1, färg"),
    ("nämnd", "nämnd"),
    ("", ""),
])
def test_a_dotted_path_is_said_in_the_persons_terms(dotted, said):
    assert spoken_field(dotted) == said


def test_the_message_says_the_position_and_json_keeps_the_path():
    problem = Problem(Location("b.yaml", 56, 24), "områden[1].åtgärder[0].huvudansvarig",
                      "okänd förkortning 'OMM'", "menade du 'OMN'?")
    assert str(problem) == ("b.yaml:56:24: område 2, åtgärd 1, huvudansvarig: okänd förkortning 'OMM' "
                            "(menade du 'OMN'?)")
    assert problem.as_dict()["fält"] == "områden[1].åtgärder[0].huvudansvarig"
    assert problem.as_dict()["plats"] == "område 2, åtgärd 1, huvudansvarig"


def test_a_template_name_is_printed_as_written():
    problem = Problem(Location("t.html.j2", 6, 36), "case.proposal.point", "okänt fält 'point'", verbatim=True)
    assert str(problem) == "t.html.j2:6:36: case.proposal.point: okänt fält 'point'"
