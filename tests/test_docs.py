"""The user documentation stays true to the code: every field is documented, the example works."""

from __future__ import annotations

import re
import shutil

from pydantic import BaseModel

from conftest import ROOT, UPPSALA
from generator.compose.paper import compose_case
from generator.kinds import KINDS
from generator.model import register
from generator.model.meeting import Meeting
from generator.model.protocol import Protocol
from generator.read import read_case


def aliases(model: type[BaseModel], seen=None) -> set[str]:
    """Every YAML key of *model* and the models inside it."""
    from generator.model.messages import _inner_model

    seen = seen if seen is not None else set()
    if model in seen:
        return set()
    seen.add(model)
    keys = set()
    for name, field in model.model_fields.items():
        keys.add(field.alias or name)
        inner = _inner_model(field.annotation)
        if inner is not None:
            keys |= aliases(inner, seen)
    return keys


def test_every_plan_and_register_key_is_documented():
    documented = set(re.findall(r"`([^`]+)`", (ROOT / "docs" / "planformat.md").read_text(encoding="utf-8")))
    keys = set().union(*(aliases(kind.model) for kind in KINDS.values())) | aliases(register.Register)
    keys |= aliases(Meeting) | aliases(Protocol)
    assert sorted(keys - documented) == []


def test_readme_example_is_a_valid_case(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(hus: .*?)```", readme, re.S).group(1)
    case = tmp_path / "exempel"
    case.mkdir()
    (case / "arende.yaml").write_text(example, encoding="utf-8")
    shutil.copy(UPPSALA / "bilaga-1-handlingsplan.yaml", case)
    bundle = read_case(case)
    assert [a.title for a in bundle.case.attachments] == ["Handlingsplan för sociala företag",
                                                          "Protokoll från samråd"]
    papers = compose_case(bundle)
    assert 'class="footnote">Fotnoten hamnar längst ned på samma sida.' in papers[0].html
