"""Building a meeting's protokoll, its utdrag and its anslagsbevis.

Into the meeting's folder ``<out>/moten/<name>/`` beside the kallelse:

* ``<name>_protokoll.pdf`` and ``.docx``: the whole protokoll, every § in full (the
  internal one);
* ``<name>_protokoll-offentlig.pdf`` and ``.docx``, when a § is under sekretess: the
  same, that § as the house's stub;
* ``<name>_protokollsutdrag-§<n>.pdf`` and ``.docx`` for each § (or each set of §§ the
  plan asks for under ``utdrag:``, ``…-§97-98``):
  the first page limited to that §, the § as the protokoll prints it, the
  utdragsbestyrkande, pages numbered from 1;
* ``<name>_anslagsbevis.pdf`` and ``.docx``.

Everything is written into a staging folder and moved into place only when all of it
succeeded, as a meeting's papers are. A protokoll whose plan, meeting plan, cases,
house and tool are what its last build used, and whose files are still as that build
left them, is not written again (its own stamp in the meeting's folder, see
:func:`protocol_key`); the cases it draws on are built, and cached, as any case is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.build import STAGING_PREFIX, _digest
from generator.build_meeting import meeting_folder, plans_digest, read_each
from generator.errors import Problem, display_path
from generator.load.source import dotted
from generator.read import CaseBundle
from generator.read_protocol import ProtocolPlan, check_protocol, read_protocol
from generator.staging import written_into


STAMP_PART = "protokoll"   # the protokoll's stamp, beside the meeting's in its folder


@dataclass
class ProtocolResult:
    plan: ProtocolPlan
    folder: Path
    files: list[Path] = field(default_factory=list)
    unchanged: bool = False


def read_protocols(files: list[Path], *, draft: bool = False) -> tuple[list[ProtocolPlan], list[Problem]]:
    """Every protokoll plan that reads (with its meeting plan), and the problems of those that do not."""
    return read_each(read_protocol, files, draft=draft)


def ready_protocols(plans: list[ProtocolPlan], bundles: list[CaseBundle], failed: set[Path]
                    ) -> tuple[list[ProtocolPlan], list[Problem]]:
    """The protokoll whose cases all read and whose decisions agree with them, and the
    problems of the others (with their own warnings)."""
    by_file = {bundle.source.path.resolve(): bundle for bundle in bundles}
    ready, problems = [], []
    for plan in plans:
        found = check_protocol(plan, by_file)
        for item in plan.meeting.cases:
            assert item.case_file is not None
            if item.case_file.resolve() in failed or item.case_file.resolve() not in by_file:
                at = ("möte",)
                found.append(Problem(plan.source.locate(at), dotted(at),
                                     f"ärendet {display_path(item.case_file.parent)} har fel; protokollet byggs inte",
                                     "rätta ärendets fel (de visas ovan)"))
                break
        if [p for p in found if not p.is_warning]:
            problems += plan.warnings + found
            continue
        plan.warnings += found
        ready.append(plan)
    return ready, problems


def protocol_papers(plan: ProtocolPlan, bundles: dict[Path, CaseBundle], extracts: list[list[int]] | None = None):
    """The papers of the protokoll: internal, public (with a § under sekretess), an utdrag
    per § (or per set of §§ in *extracts*), the anslagsbevis."""
    from generator.compose.protocol import compose_extract, compose_notice, compose_protocol

    papers = [compose_protocol(plan, bundles)]
    if any(section.item is not None and section.item.entry.confidential is not None for section in plan.paragraphs):
        papers.append(compose_protocol(plan, bundles, public=True))
    from generator.read_protocol import extracts as asked

    for numbers in extracts if extracts is not None else asked(plan):
        papers.append(compose_extract(plan, bundles, numbers))
    papers.append(compose_notice(plan))
    return papers


def build_protocol(plan: ProtocolPlan, bundles: dict[Path, CaseBundle], out: Path,
                   formats: tuple[str, ...]) -> ProtocolResult:
    """Write the protokoll's papers into the meeting's folder, all or nothing."""
    from generator.writers import writer_for

    folder = meeting_folder(plan.meeting, out)

    def write(staging: Path) -> list[Path]:
        staged: list[Path] = []
        for paper in protocol_papers(plan, bundles):
            for fmt in formats:
                path = staging / f"{paper.stem}.{fmt}"
                writer_for(fmt)(paper, path)
                staged.append(path)
        return staged

    def forget_stale(staged: list[Path]) -> None:
        names = {path.name for path in staged}
        for old in folder.glob(f"{plan.name}_*"):   # an utdrag of a § no longer there
            if old.name not in names and old.name.startswith(_OWN_PREFIXES(plan)) and old.suffix in (".pdf", ".docx"):
                old.unlink()

    return ProtocolResult(plan, folder, written_into(folder, STAGING_PREFIX, write, forget_stale))


def _OWN_PREFIXES(plan: ProtocolPlan) -> tuple[str, ...]:
    return tuple(f"{plan.name}_{kind}" for kind in ("protokoll", "anslagsbevis"))


def protocol_key(plan: ProtocolPlan, keys, bundles: dict[Path, CaseBundle]) -> str:
    """What the protokoll's files are made from: its plan and its meeting's, the house,
    arende, the formats, and each case it prints (by the case's own build key)."""
    digest = plans_digest(keys, (plan.file, plan.meeting.file), plan.meeting.is_draft, plan.house)
    for item in plan.meeting.cases:
        bundle = bundles.get(item.case_file.resolve()) if item.case_file is not None else None
        digest.update((keys.key(bundle) if bundle is not None else "-").encode())
    return digest.hexdigest()


def build_protocols(plans: list[ProtocolPlan], bundles: list[CaseBundle], out: Path, formats: tuple[str, ...],
                    *, force: bool = False):
    """Build each protokoll whose inputs changed; yield a ProtocolResult per protokoll."""
    from generator import cache

    keys = cache.Keys(formats)
    by_file = {bundle.source.path.resolve(): bundle for bundle in bundles}
    for plan in plans:
        folder = meeting_folder(plan.meeting, out)
        key = protocol_key(plan, keys, by_file)
        files = None if force else cache.unchanged(folder, key, STAMP_PART)
        if files is not None:
            yield ProtocolResult(plan, folder, files, unchanged=True)
            continue
        cache.forget(folder, STAMP_PART)
        result = build_protocol(plan, by_file, out, formats)
        cache.record(folder, key, {path.name: _digest(path) for path in result.files}, STAMP_PART)
        yield result
