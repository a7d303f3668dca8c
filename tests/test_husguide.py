"""The house author's guide stays true to the code: generated parts current, every name a
template can use and every vocabulary role documented, reachable from the CLI."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT, UPPSALA, run
from generator.house.guide import MARKERS, guide_path, with_reference
from generator.vocabulary import ROLES

GUIDE = ROOT / "docs" / "husguide.md"


def documented() -> set[str]:
    return set(re.findall(r"`([^`]+)`", GUIDE.read_text(encoding="utf-8")))


def test_the_generated_parts_of_the_guide_are_current():
    """Regenerate with: python -m generator.house.guide"""
    text = GUIDE.read_text(encoding="utf-8")
    assert all(begin in text and end in text for begin, end in MARKERS.values())
    assert with_reference(text) == text


def test_every_name_compose_gives_a_template_is_in_the_guide(monkeypatch, tmp_path):
    """Context names, arende's own filters and globals, and the shared macros, of the
    case's papers and the meeting's (kallelse and the page for a secret item)."""
    import jinja2

    import generator.compose.meeting as meeting
    import generator.compose.paper as compose
    from generator.read import read_case
    from generator.read_meeting import check_meeting, read_meeting
    from test_meeting import make_plans

    seen: set[str] = set()
    real = compose.render_paper

    def recording(house, kind, stem, title, context, facts):
        seen.update(context)
        return real(house, kind, stem, title, context, facts)

    monkeypatch.setattr(compose, "render_paper", recording)
    monkeypatch.setattr(meeting, "render_paper", recording)
    bundle = read_case(UPPSALA)
    compose.compose_case(bundle)
    plans = make_plans(tmp_path)
    plan = read_meeting(plans / "möten" / "amn-2018-09-26.yaml")
    cases = [read_case(plans / name) for name in ("amn-0329", "amn-0330")]
    bundles = {case.source.path.resolve(): case for case in cases}
    assert check_meeting(plan, bundles) == []
    meeting.compose_kallelse(plan, bundles, meeting.View())
    secret = next(item for item in plan.cases if item.entry.confidential)
    meeting.compose_withheld_page(plan, secret, None)
    from generator.build_protocol import protocol_papers
    from test_protocol import PROTOCOL, copy_example

    from generator.build import validate_all
    from generator.read_protocol import read_protocol

    protocol = read_protocol(copy_example(tmp_path / "protokoll") / "möten" / PROTOCOL)
    found, _ = validate_all([item.case_file for item in protocol.meeting.cases])
    protocol_papers(protocol, {case.source.path.resolve(): case for case in found})
    env = compose._environment(bundle.house.roots)
    plain = jinja2.Environment()
    own = (set(env.filters) - set(plain.filters)) | (set(env.globals) - set(plain.globals))
    guide = GUIDE.read_text(encoding="utf-8")
    table = guide.split("**Namnen en mall kan använda:**")[1].split("Filter:")[0]
    filters = guide.split("Filter:")[1].split("Makron")[0]
    named = set(re.findall(r"^\| `(\w+)", table, re.M)) | set(re.findall(r"`(\w+)`", filters))
    assert sorted((seen | own) - named) == []
    macros = re.findall(r"\{% macro (\w+\([^)]*\))", (ROOT / "templates/base/components.html.j2").read_text())
    signatures = {re.sub(r"=[^,)]*", "", macro) for macro in macros}
    assert sorted(signatures - documented()) == []


def test_every_role_of_the_vocabulary_is_in_the_guide():
    assert sorted(set(ROLES) - documented()) == []


def test_the_guide_is_printed_and_found_from_the_command_line():
    result = run("hus", "guide")
    assert result.exit_code == 0
    assert result.output.startswith("# Husguiden: så gör du en husstil för arende\n")
    assert "<!--" not in result.output and "| `mönster` |" in result.output
    path = run("hus", "guide", "--sökväg").output.strip()
    assert Path(path) == guide_path() and Path(path).read_text(encoding="utf-8") == GUIDE.read_text(encoding="utf-8")


def test_the_guide_travels_in_the_wheel():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"docs/husguide.md" = "generator/docs/husguide.md"' in pyproject
