"""The YAML loader: text stays text, every value is located, surprises are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from generator.errors import InvalidPlan
from generator.load.source import load_yaml, parse_yaml

FILE = Path("plan.yaml")


def problems(text: str) -> list[str]:
    with pytest.raises(InvalidPlan) as caught:
        parse_yaml(text, FILE)
    return [str(p) for p in caught.value.problems]


def test_yaml_11_guesses_stay_text():
    source = parse_yaml("a: no\nb: 010\nc: 2018-09-05\nd: 1.10\ne: on\nf: 1:10\n", FILE)
    assert source.data == {"a": "no", "b": "010", "c": "2018-09-05", "d": "1.10", "e": "on", "f": "1:10"}


def test_empty_and_tilde_are_none_but_quoted_empty_is_text():
    assert parse_yaml('a:\nb: ~\nc: ""\n', FILE).data == {"a": None, "b": None, "c": ""}


def test_every_value_knows_its_line_and_column():
    source = parse_yaml("titel: X\nhandläggare:\n  - namn: Anna\n    telefon: '1'\n", FILE)
    where = source.locate(("handläggare", 0, "telefon"))
    assert (where.line, where.column) == (4, 14)
    assert source.locate(("handläggare", 0, "namn"), key=True).column == 5
    # a path below a missing value falls back to its nearest located parent
    assert source.locate(("handläggare", 0, "saknas", 3)).line == 3


def test_duplicate_key_names_both_lines():
    assert problems("titel: A\ndatum: 2018-01-01\ntitel: B\n") == [
        "plan.yaml:3:1: titel: nyckeln 'titel' finns redan på rad 1 (ta bort eller slå ihop den ena)"]


def test_python_tag_is_refused_not_run():
    (message,) = problems("titel: !!python/object/apply:os.system ['echo hej']\n")
    assert message.startswith("plan.yaml:1:8: titel: taggen 'tag:yaml.org,2002:python/object/apply:os.system'")


def test_aliases_are_refused_before_any_expansion():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" \
           "c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    (message,) = problems(bomb)
    assert message.startswith("plan.yaml:2:8: alias (*namn) används inte i planer")


@pytest.mark.parametrize("text, expected", [
    ("a:\n\t- b\n", "plan.yaml:2:1: YAML-fel: tabbtecken kan inte användas för indrag (använd mellanslag)"),
    ("", "plan.yaml:1:1: filen är tom"),
    ("a: 1\n---\nb: 2\n", "plan.yaml:2:1: YAML-fel: filen innehåller flera dokument (---) (en plan är ett enda dokument)"),
    ("a: b: c\n", "plan.yaml:1:5: YAML-fel: kolon på fel ställe (sätt text som innehåller ': ' inom citattecken)"),
    ('a: "öppen\n', 'plan.yaml:1:4: YAML-fel: citattecknet (") stängs aldrig (lägg till " i slutet av texten på rad 1)'),
])
def test_syntax_errors_are_located_and_swedish(text, expected):
    assert problems(text) == [expected]


def test_bom_is_accepted_and_non_utf8_is_located(tmp_path):
    bom = tmp_path / "bom.yaml"
    bom.write_bytes("\ufefftitel: Å\n".encode("utf-8"))
    assert load_yaml(bom).data == {"titel": "Å"}
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("titel: ok\nnamn: \xc5sa\n".encode("latin-1"))
    with pytest.raises(InvalidPlan) as caught:
        load_yaml(latin)
    (problem,) = caught.value.problems
    assert problem.location.line == 2
    assert problem.message == "filen är inte UTF-8-kodad"


def test_missing_file_is_a_problem_not_a_traceback(tmp_path):
    with pytest.raises(InvalidPlan) as caught:
        load_yaml(tmp_path / "finns-inte.yaml")
    assert caught.value.problems[0].message == "filen finns inte"


def _node_facts(node) -> list:
    """Everything of a YAML node tree that reading a plan uses: tags, values, styles, and
    where each node starts and ends."""
    import yaml

    facts = [type(node).__name__, node.tag, node.start_mark.line, node.start_mark.column,
             node.end_mark.line, node.end_mark.column]
    if isinstance(node, yaml.ScalarNode):
        return facts + [node.value, node.style]
    if isinstance(node, yaml.SequenceNode):
        return facts + [_node_facts(item) for item in node.value]
    return facts + [[_node_facts(key), _node_facts(value)] for key, value in node.value]


def test_libyaml_reads_every_bundled_file_as_pyyaml_s_own_reader_does():
    """Plans are read through libyaml (eight times faster); a file is read the same, to
    the line and column of every value, as through PyYAML's reader, whose error messages
    arende words in Swedish."""
    import yaml

    from generator.load import source

    if not source.LIBYAML:
        pytest.skip("PyYAML without libyaml: only its own reader is used")
    files = sorted({*ROOT.glob("plans/**/*.yaml"), *ROOT.glob("templates/*/hus.yaml"),
                    *ROOT.glob("tests/data/**/*.yaml")})
    assert len(files) > 20
    for file in files:
        text = source.SPACES.sub(" ", file.read_text(encoding="utf-8"))
        fast = source._FastComposer(text)
        try:
            ours = fast.get_single_node()
        finally:
            fast.dispose()
        assert _node_facts(ours) == _node_facts(yaml.compose(text, Loader=source._Composer)), file
