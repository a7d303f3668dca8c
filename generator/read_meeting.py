"""Reading a meeting plan, and checking it against the cases it lists.

Reading is in two steps, so that the cases can be read side by side in worker
processes (see :func:`generator.build.validate_all`) between them:

1. :func:`read_meeting` loads and validates the meeting plan itself, numbers its
   agenda, and finds each ärende's case file inside the plans folder;
2. :func:`check_meeting` checks the meeting against the cases as read: each case is
   addressed to this organ (or, declared, to a higher body), a case that prints its
   ärende number or sammanträde agrees with the meeting, no draft paper or leftover
   placeholder stands in a final meeting, the kallelse is sent in time.

A meeting plan lives in ``plans/möten/``; its ärenden name case folders relative to
``plans/`` (the folder above ``möten/``), and must stay inside it, as a bilaga must
stay inside its case folder.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import WARNING, InvalidPlan, Location, Problem, display_path
from generator.house import House, find_house
from generator.load import Source, load_yaml
from generator.load.files import climbs, inside, kind_of_path
from generator.load.source import dotted
from generator.model.checks import as_final, check_glyphs, check_text, is_placeholder
from generator.model.meeting import AgendaEntry, Meeting
from generator.model.messages import problems_from
from generator.model.status import DRAFT
from generator.naming import slug
from generator.plan_files import MEETING_FOLDERS
from generator.read import CASE_FILE, CaseBundle

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass
class AgendaItem:
    """One row of the föredragningslista as the meeting numbers it."""

    index: int                      # its place in punkter: (from 0)
    entry: AgendaEntry
    number: str | None              # '7', '8 a'; None for a section row or an unnumbered formal item
    case_file: Path | None = None   # an ärende's arende.yaml
    title: str = ""                 # a formal item's words; an ärende's case title (check_meeting)
    dnrs: tuple[str, ...] = ()      # an ärende's diarienummer (check_meeting)

    @property
    def at(self) -> tuple:
        return ("punkter", self.index)


@dataclass
class MeetingPlan:
    """A validated meeting plan: the meeting, its house, its numbered agenda."""

    file: Path
    source: Source
    meeting: Meeting
    house: House
    items: list[AgendaItem]
    warnings: list[Problem] = field(default_factory=list)
    draft: bool = False             # asked for as a draft (arende build --utkast)

    @property
    def name(self) -> str:
        """The meeting's name in file names: 'amn-2018-09-26'."""
        return f"{slug(self.meeting.organ).lower()}-{self.meeting.date.isoformat()}"

    @property
    def is_draft(self) -> bool:
        return self.draft or self.meeting.status == DRAFT

    @property
    def cases(self) -> list[AgendaItem]:
        return [item for item in self.items if item.case_file is not None]

    @property
    def organ_name(self) -> str:
        return self.house.register.boards[self.meeting.organ]


def plans_root(file: Path) -> Path:
    """The folder a meeting's ärenden are named in: the one above ``möten/``."""
    return file.parent.parent if file.parent.name in MEETING_FOLDERS else file.parent


def read_meeting(path: Path, *, draft: bool = False) -> MeetingPlan:
    """Load and validate the meeting plan at *path*; raise :class:`InvalidPlan` with every
    problem. A placeholder «…» left in is an error, unless the meeting is a draft (its
    status, or *draft*: arende build --utkast)."""
    source = load_yaml(path)
    if not isinstance(source.data, dict):
        raise InvalidPlan([Problem(Location(source.path, 1, 1), "",
                                   "filen ska innehålla fält (nyckel: värde), inte en lista eller en ensam text")])
    house = _house_of(source)
    try:
        meeting = Meeting.model_validate(source.data, context={"register": house.register, "style": house.style})
    except Exception as exc:   # a ValidationError: every problem, located
        from pydantic import ValidationError
        if not isinstance(exc, ValidationError):
            raise
        raise InvalidPlan(problems_from(exc, source, Meeting)) from None
    problems = check_text(source, house.register.checks.schedule_form) + check_glyphs(source, house)
    if not draft and meeting.status != DRAFT:
        problems = [as_final(p) if is_placeholder(p) else p for p in problems]
    items, numbering = _numbered(meeting, house, source)
    problems += numbering
    root = plans_root(source.path)
    for item in items:
        if item.entry.case is not None:
            try:
                item.case_file = _case_file(root, item.entry.case, source, item.at + ("ärende",))
            except InvalidPlan as exc:
                problems += exc.problems
    problems += _lead_time(meeting, house, source)
    errors = [p for p in problems if not p.is_warning]
    if errors:
        raise InvalidPlan(problems)
    return MeetingPlan(source.path, source, meeting, house, items, warnings=problems, draft=draft)


def _house_of(source: Source) -> House:
    name = source.data.get("hus")
    if not isinstance(name, str) or not name.strip():
        raise InvalidPlan([Problem(source.locate(("hus",)), "hus",
                                   "fältet saknas" if name is None else "ska vara text",
                                   "husstilen avgör mallar och register, t.ex. 'hus: uppsala'")])
    return find_house(name, source.locate(("hus",)))


def _numbered(meeting: Meeting, house: House, source: Source) -> tuple[list[AgendaItem], list[Problem]]:
    """The agenda with its numbers: in list order from ``första nummer``; a formal item
    only where the house numbers formal items (or the item says so); an item announced
    after the kallelse (tillägg) after the item before it, with a letter."""
    rules = house.register.meetings
    items: list[AgendaItem] = []
    problems: list[Problem] = []
    number = meeting.first_number - 1
    letters = 0
    for index, entry in enumerate(meeting.entries):
        numbered = entry.section is None and (
            entry.numbered if entry.numbered is not None else (entry.formal is None or rules.formal_numbered))
        if not numbered:
            items.append(AgendaItem(index, entry, None, title=entry.formal or entry.section or ""))
            continue
        if entry.supplement and number >= meeting.first_number and not _only_supplements_follow(
                meeting.entries, index):
            # Between items of the kallelse: after the one before, with a letter, so the
            # numbers of the kallelse already sent stay true.
            letters += 1
            label = f"{number} {_LETTERS[(letters - 1) % len(_LETTERS)]}"
        else:
            number += 1
            letters = 0
            label = str(number)
        if entry.number_written is not None and str(entry.number_written) != label.split(" ")[0]:
            problems.append(Problem(
                source.locate(("punkter", index, "nummer")), f"punkter[{index}].nummer",
                f"punkten har nummer {entry.number_written} men är punkt {label} i listan",
                "numren ges i listans ordning utan luckor; rätta numret eller flytta punkten"))
        items.append(AgendaItem(index, entry, label, title=entry.formal or ""))
    return items, problems


def _only_supplements_follow(entries: list[AgendaEntry], index: int) -> bool:
    """Whether every numbered item from *index* on is a tillägg (so they continue the numbers)."""
    return all(entry.supplement for entry in entries[index:] if entry.section is None and entry.formal is None)


def _case_file(root: Path, name: str, source: Source, at: tuple) -> Path:
    """The case file an ärende names: inside the plans folder, and there."""
    path = root / name.strip()
    refused = kind_of_path(path)
    if climbs(name) or (not refused and not inside(root, path)):
        raise InvalidPlan([Problem(source.locate(at), dotted(at),
                                   f"ärendet måste ligga i {display_path(root)}/",
                                   "inte via '..' eller en symbolisk länk ut ur mappen")])
    if refused:
        raise InvalidPlan([Problem(source.locate(at), dotted(at), f"'{name}' {refused}")])
    file = path / CASE_FILE if path.is_dir() else path
    if not file.is_file():
        raise InvalidPlan([Problem(source.locate(at), dotted(at),
                                   f"ärendet '{name}' finns inte (ingen {CASE_FILE} i {display_path(path)})",
                                   f"ärenden anges som mappar under {display_path(root)}/")])
    return file


def _lead_time(meeting: Meeting, house: House, source: Source) -> list[Problem]:
    """A kallelse drawn up later than the house's rule (N days before) is a warning."""
    days = house.register.meetings.days_before
    if days is None:
        return []
    latest = meeting.date - dt.timedelta(days=days)
    if meeting.drawn_up <= latest:
        return []
    return [Problem(source.locate(("upprättad",)), "upprättad",
                    f"kallelsen upprättas {meeting.drawn_up} men ska enligt husets regel skickas senast "
                    f"{days} dagar före sammanträdet, dvs. {latest}",
                    "kontrollera att kallelsen kan gå ut i tid, eller att sammanträdet är ett extra", WARNING)]


def check_meeting(plan: MeetingPlan, bundles: dict[Path, CaseBundle]) -> list[Problem]:
    """The meeting against its cases as read (*bundles*, by resolved case file): every
    problem, located in the meeting plan or in the case that disagrees with it. Each
    ärende's title and diarienummer are taken from its case here.

    A case missing from *bundles* failed to read; its own problems are reported with it.
    """
    meeting, register, source = plan.meeting, plan.house.register, plan.source
    problems: list[Problem] = []
    for item in plan.cases:
        bundle = bundles.get(item.case_file.resolve()) if item.case_file else None
        if bundle is None:
            continue
        at = item.at + ("ärende",)
        case = bundle.case
        item.title, item.dnrs = case.title, tuple(case.dnrs)
        if bundle.house.key != plan.house.key:
            problems.append(Problem(source.locate(at), dotted(at),
                                    f"ärendet är skrivet i husstilen '{bundle.house.key}', mötet i '{plan.house.key}'",
                                    "ett mötes handlingar görs i samma husstil"))
        recipients = [recipient.abbreviation for recipient in case.recipients]
        body = item.entry.body
        if meeting.organ not in recipients and (body is None or body not in recipients):
            names = ", ".join(register.boards.get(r, r) for r in recipients)
            problems.append(Problem(
                source.locate(at), dotted(at),
                f"ärendet är ställt till {names}, inte till {plan.organ_name}",
                "ange 'beslutsinstans:' om ärendet bereds här för en annan instans, t.ex. 'beslutsinstans: KF'"))
        problems += _agrees_with_case(plan, item, bundle)
        if not plan.is_draft:
            if bundle.is_draft:
                problems.append(Problem(source.locate(at), dotted(at),
                                        f"ärendet {display_path(bundle.folder)} är ett utkast (status: utkast)",
                                        "ett slutligt mötes handlingar får inte vara utkast; gör ärendet slutligt, "
                                        "eller bygg mötet med --utkast"))
            elif bundle.placeholders:
                problems.append(Problem(source.locate(at), dotted(at),
                                        f"ärendet {display_path(bundle.folder)} har kvar platshållare «…»",
                                        f"fyll i dem först ({bundle.placeholders[0].location})"))
        if case.date > meeting.date:
            problems.append(Problem(bundle.source.locate(("datum",)), "datum",
                                    f"handlingen är daterad {case.date}, efter sammanträdet {meeting.date} "
                                    f"i {display_path(plan.file)}",
                                    "handlingen skrivs före sammanträdet"))
    return problems


def _agrees_with_case(plan: MeetingPlan, item: AgendaItem, bundle: CaseBundle) -> list[Problem]:
    """A case that prints its ärende number or its sammanträde must print the meeting's."""
    case, meeting = bundle.case, plan.meeting
    where = f"i {display_path(plan.file)}"
    problems: list[Problem] = []
    if case.item is not None and item.number is not None and str(case.item) != item.number:
        problems.append(Problem(bundle.source.locate(("ärendenummer",)), "ärendenummer",
                                f"ärende {case.item} i planen men punkt {item.number} i mötet {where}",
                                "ärendenumret ska vara punktens nummer i föredragningslistan"))
    for index, recipient in enumerate(case.recipients):
        if recipient.abbreviation != meeting.organ or recipient.meeting is None:
            continue
        if recipient.meeting != meeting.date:
            at = ("nämnder", index, "sammanträde") if case.boards_written else ("sammanträde",)
            problems.append(Problem(bundle.source.locate(at), dotted(at),
                                    f"sammanträdet {recipient.meeting} i planen men {meeting.date} i mötet {where}",
                                    "ärendet behandlas på det möte som listar det"))
    return problems
