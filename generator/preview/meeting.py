"""What the preview shows of a meeting plan, its kallelse (and tillägg), and of a
protokoll plan, the protokoll, its public copy, its utdrag and the anslagsbevis; each
composed from the plan, its meeting and its cases as read now.

The agenda's page column stays empty here: its numbers are pages of the packet, which
only ``arende build`` puts together.
"""

from __future__ import annotations

from pathlib import Path

from generator import house as houses
from generator.errors import InvalidPlan, Problem
from generator.read import CaseBundle, read_case
from generator.read_meeting import check_meeting, read_meeting


def compose_meeting(file: Path):
    """(title, papers, labels, warnings, files read) of the meeting or protokoll at
    *file*; raises InvalidPlan with the problems of the plan and of its cases."""
    from generator.compose.meeting import View, compose_kallelse
    from generator.plan_files import is_protocol_file

    if is_protocol_file(file):
        return _compose_protocol(file)
    plan = read_meeting(file, draft=True)
    bundles, problems = _cases(plan)
    problems += [p for p in check_meeting(plan, bundles) if not p.is_warning]
    if problems:
        raise InvalidPlan(problems)
    papers = [compose_kallelse(plan, bundles, View())]
    labels = [plan.house.register.meetings.heading.capitalize()]
    if any(item.entry.supplement for item in plan.items):
        papers.append(compose_kallelse(plan, bundles, View(), supplement=True))
        labels.append(plan.house.register.meetings.supplement_heading)
    sources = {file.absolute(), (plan.house.folder / houses.REGISTER_FILE).absolute()}
    for bundle in bundles.values():
        sources |= {path.absolute() for path in bundle.inputs}
    warnings = tuple(plan.warnings) + tuple(w for b in bundles.values() for w in b.warnings)
    return papers[0].title, tuple(papers), tuple(labels), warnings, frozenset(sources)


def _cases(plan) -> tuple[dict[Path, CaseBundle], list[Problem]]:
    """The meeting's cases as read now, by case file, and the problems of those that do not read."""
    bundles: dict[Path, CaseBundle] = {}
    problems: list[Problem] = []
    for item in plan.cases:
        assert item.case_file is not None
        try:
            bundle = read_case(item.case_file)
        except InvalidPlan as exc:
            problems += exc.problems
            continue
        bundles[item.case_file.resolve()] = bundle
    return bundles, problems


def _compose_protocol(file: Path):
    from generator.build_protocol import protocol_papers
    from generator.read_protocol import check_protocol, read_protocol

    plan = read_protocol(file, draft=True)
    bundles, problems = _cases(plan.meeting)
    if not problems:
        problems = [p for p in check_protocol(plan, bundles) if not p.is_warning]
    if problems:
        raise InvalidPlan(problems)
    papers = protocol_papers(plan, bundles)
    sources = {file.absolute(), plan.meeting.file.absolute(), (plan.house.folder / houses.REGISTER_FILE).absolute()}
    for bundle in bundles.values():
        sources |= {path.absolute() for path in bundle.inputs}
    warnings = tuple(plan.warnings) + tuple(plan.meeting.warnings)
    return papers[0].title, tuple(papers), tuple(paper.title for paper in papers), warnings, frozenset(sources)
