"""Draft or final: which cases ``arende build`` may make papers of.

A placeholder left in from ``arende new`` (``«Namn»``) is a warning while a case is a
draft (``status: utkast`` in the plan, or ``arende build --utkast``) and an error in a
final build: a paper that goes to a nämnd never says «Namn». A draft's papers carry the
house's "UTKAST" watermark on every page instead. TODO and 2026-xx-xx stay warnings in
both: a published paper may print "Beslutad 2018-xx-xx" on purpose.
"""

from __future__ import annotations

import dataclasses

from generator.errors import Problem
from generator.model.checks import as_draft, as_final, is_placeholder
from generator.read import CaseBundle


def settle(bundles: list[CaseBundle], problems: list[Problem],
           draft: bool) -> tuple[list[CaseBundle], list[Problem]]:
    """The cases *build* and *check* go on with, and every problem: a case whose
    placeholders stop it joins the failed ones. With *draft* (``--utkast``) every case is
    a draft, and the failed cases' placeholders are warnings again."""
    if draft:
        bundles, problems = as_drafts(bundles), failed_as_drafts(problems)
    ready, unfinished = finished(bundles)
    return ready, problems + unfinished


def as_drafts(bundles: list[CaseBundle]) -> list[CaseBundle]:
    """Every case as a draft, whatever its plan's status says (``--utkast``)."""
    return [dataclasses.replace(bundle, draft=True) for bundle in bundles]


def finished(bundles: list[CaseBundle]) -> tuple[list[CaseBundle], list[Problem]]:
    """The cases that may be built, and an error for each placeholder left in a case
    that is not a draft (such a case is not built; its other warnings stay warnings)."""
    ready: list[CaseBundle] = []
    problems: list[Problem] = []
    for bundle in bundles:
        left = bundle.placeholders
        if bundle.is_draft or not left:
            ready.append(bundle)
            continue
        problems += [as_final(p) if p in left else p for p in bundle.warnings]
    return ready, problems


def failed_as_drafts(problems: list[Problem]) -> list[Problem]:
    """The problems of cases that failed, built as drafts (``--utkast``): their
    placeholders left in are warnings again (read.read_case made them errors)."""
    return [as_draft(p) if is_placeholder(p) and not p.is_warning else p for p in problems]
