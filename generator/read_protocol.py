"""Reading a protokoll plan, and checking it against its meeting and the cases.

Reading is in two steps, as for a meeting (:mod:`generator.read_meeting`):

1. :func:`read_protocol` loads and validates the protokoll plan, reads the meeting plan
   it names, numbers the paragrafer and checks what needs no case: every agenda item
   has a § or is struck out, the numbers run as written, the people deciding each § are
   counted once in its votes, a tjänstgörande ersättare replaces someone absent, no one
   both decides and is jävig, every yrkande is put or withdrawn, the chair's finding
   agrees with the vote, justering and anslag come in time;
2. :func:`check_protocol` checks the decisions against the cases as read: a § whose
   förslag won decides the case's förslag till beslut, one whose yrkande won decides
   something else, and says so.

Every problem is located in the protokoll plan (file:line:col: field: message).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import ERROR, WARNING, InvalidPlan, Location, Problem, display_path
from generator.house import House
from generator.load import Source, load_yaml
from generator.load.files import climbs, inside
from generator.load.source import dotted
from generator.model.checks import as_final, check_glyphs, check_text, is_placeholder
from generator.model.messages import problems_from
from generator.plan_files import is_protocol_file
from generator.model.protocol import DISMISSAL, PROPOSAL, TODAY, Paragraph, Person, Protocol, Vote, name_key
from generator.read import CaseBundle
from generator.read_meeting import AgendaItem, MeetingPlan, _house_of, read_meeting

ADJUSTMENT_DAYS = 14    # justering at the latest 14 days after the meeting (practice, Hultsfred/Göteborg)
NOTICE_DAYS = 2         # the anslag at the latest the second day after justering
NOTICE_WEEKS = 3        # the anslag stays up three weeks


@dataclass
class Section:
    """One entry of paragrafer: as numbered, with its agenda item."""

    index: int                       # its place in paragrafer: (from 0)
    paragraph: Paragraph
    number: int | None               # its § number; None for a struck item
    item: AgendaItem | None          # the agenda item; None for an extra ärende

    @property
    def at(self) -> tuple:
        return ("paragrafer", self.index)

    @property
    def struck(self) -> bool:
        return self.paragraph.struck


@dataclass
class ProtocolPlan:
    """A validated protokoll plan, its meeting and its numbered paragrafer."""

    file: Path
    source: Source
    protocol: Protocol
    meeting: MeetingPlan
    sections: list[Section]
    warnings: list[Problem] = field(default_factory=list)

    @property
    def house(self) -> House:
        return self.meeting.house

    @property
    def name(self) -> str:
        return self.meeting.name

    @property
    def paragraphs(self) -> list[Section]:
        """The sections that are §§ (not struck), in order."""
        return [section for section in self.sections if section.number is not None]

    @property
    def numbers(self) -> list[int]:
        return [section.number for section in self.paragraphs if section.number is not None]

    @property
    def secretary(self) -> str:
        return self.protocol.secretary or self.meeting.meeting.secretary.name

    @property
    def chair_key(self) -> str:
        return _chair_key(self)

    def section(self, number: int) -> Section:
        return next(section for section in self.paragraphs if section.number == number)

    def conflicted(self, number: int) -> set[str]:
        return {name_key(name) for name in self.section(number).paragraph.conflicts}

    def deciding(self, number: int) -> list[Person]:
        """Who decides § *number*: the ledamöter and tjänstgörande ersättare present for
        it, without those who are jäviga."""
        attendance = self.protocol.attendance
        jäviga = self.conflicted(number)
        return [person for person in attendance.members + attendance.serving_deputies
                if person.present_at(number) and person.key not in jäviga]

    def present(self, numbers: list[int] | None) -> dict[str, list[Person]]:
        """Every list of people, limited to those present for any of *numbers* (None: all)."""
        attendance = self.protocol.attendance

        def kept(people: list[Person]) -> list[Person]:
            return [person for person in people
                    if numbers is None or person.paragraphs is None
                    or any(number in person.paragraphs for number in numbers)]
        return {"members": kept(attendance.members), "serving": kept(attendance.serving_deputies),
                "deputies": kept(attendance.deputies), "others": kept(attendance.others)}


def read_protocol(path: Path, *, draft: bool = False) -> ProtocolPlan:
    """Load and validate the protokoll plan at *path* with its meeting plan; raise
    :class:`InvalidPlan` with every problem, located."""
    source = load_yaml(path)
    if not isinstance(source.data, dict):
        raise InvalidPlan([Problem(Location(source.path, 1, 1), "",
                                   "filen ska innehålla fält (nyckel: värde), inte en lista eller en ensam text")])
    meeting_file = _meeting_file(source)
    meeting = read_meeting(meeting_file, draft=draft)
    house = meeting.house
    if "hus" in source.data:
        own = _house_of(source)
        if own.key != house.key:
            raise InvalidPlan([Problem(source.locate(("hus",)), "hus",
                                       f"protokollet är i husstilen '{own.key}', mötet i '{house.key}'",
                                       "ta bort 'hus:'; protokollet skrivs i mötets husstil")])
    data = {key: value for key, value in source.data.items() if key != "hus"}
    try:
        protocol = Protocol.model_validate(data, context={"register": house.register, "style": house.style})
    except Exception as exc:   # a ValidationError: every problem, located
        from pydantic import ValidationError
        if not isinstance(exc, ValidationError):
            raise
        raise InvalidPlan(problems_from(exc, source, Protocol)) from None
    problems = check_text(source, False) + check_glyphs(source, house)
    if not draft and not meeting.is_draft:
        problems = [as_final(p) if is_placeholder(p) else p for p in problems]
    sections, numbering = _numbered(protocol, meeting, source)
    plan = ProtocolPlan(source.path, source, protocol, meeting, sections)
    problems += numbering
    if not [p for p in numbering if not p.is_warning]:
        problems += _attendance(plan) + _decisions(plan)
    problems += _dates(plan) + _extracts(plan)
    if [p for p in problems if not p.is_warning]:
        raise InvalidPlan(problems)
    plan.warnings = problems
    return plan


def _meeting_file(source: Source) -> Path:
    name = source.data.get("möte")
    at = ("möte",)
    if not isinstance(name, str) or not name.strip():
        raise InvalidPlan([Problem(source.locate(at), "möte",
                                   "fältet saknas" if name is None else "ska vara text",
                                   "mötesplanen i samma mapp, t.ex. 'möte: amn-2018-09-26.yaml'")])
    folder = source.path.parent
    file = folder / name.strip()
    if climbs(name) or "/" in name.strip() or not inside(folder, file):
        raise InvalidPlan([Problem(source.locate(at), "möte", f"mötesplanen ska ligga i {display_path(folder)}/",
                                   "skriv bara filens namn, t.ex. 'amn-2018-09-26.yaml'")])
    if not file.is_file():
        raise InvalidPlan([Problem(source.locate(at), "möte", f"mötesplanen {display_path(file)} finns inte",
                                   "skriv namnet på mötets fil i samma mapp")])
    if is_protocol_file(file):
        raise InvalidPlan([Problem(source.locate(at), "möte", f"{display_path(file)} är ett protokoll, inte ett möte",
                                   "skriv namnet på mötesplanen (kallelsen)")])
    return file


def _numbered(protocol: Protocol, meeting: MeetingPlan, source: Source) -> tuple[list[Section], list[Problem]]:
    """The paragrafer numbered from 'första paragraf' in list order, a struck item
    without number; every numbered agenda item accounted for once."""
    agenda = {item.number: item for item in meeting.items if item.number is not None}
    problems: list[Problem] = []
    sections: list[Section] = []
    seen: dict[str, int] = {}
    number = protocol.first_paragraph
    for index, paragraph in enumerate(protocol.paragraphs):
        at = ("paragrafer", index)
        item = None
        label = paragraph.item_label
        if label is not None:
            item = agenda.get(label)
            if item is None:
                known = ", ".join(agenda) or "inga"
                problems.append(Problem(source.locate(at + ("punkt",)), dotted(at + ("punkt",)),
                                        f"föredragningslistan har ingen punkt {label}",
                                        f"punkterna i {display_path(meeting.file)} är {known}"))
            elif label in seen:
                problems.append(Problem(source.locate(at + ("punkt",)), dotted(at + ("punkt",)),
                                        f"punkt {label} har redan en paragraf (paragrafer[{seen[label]}])",
                                        "varje punkt i föredragningslistan får en paragraf"))
            else:
                seen[label] = index
        if paragraph.struck:
            sections.append(Section(index, paragraph, None, item))
            continue
        if paragraph.number_written is not None and paragraph.number_written != number:
            problems.append(Problem(source.locate(at + ("paragraf",)), dotted(at + ("paragraf",)),
                                    f"paragrafen har nummer § {paragraph.number_written} men är § {number} i listan",
                                    "paragraferna numreras i listans ordning från 'första paragraf' utan luckor; "
                                    "rätta numret eller flytta paragrafen"))
        sections.append(Section(index, paragraph, number, item))
        number += 1
    for label, item in agenda.items():
        if label not in seen:
            title = item.title or (item.entry.case or "")
            problems.append(Problem(source.locate(("paragrafer",)), "paragrafer",
                                    f"punkt {label} ({title}) i föredragningslistan har ingen paragraf",
                                    f"lägg till '- punkt: {label}', med 'utgår: ja' om punkten utgick"))
    return sections, problems


def _attendance(plan: ProtocolPlan) -> list[Problem]:
    """Who was there: paragrafer within the protokoll's, no one listed twice, each
    tjänstgörande ersättare replacing someone absent (or jävig) for those §§."""
    protocol, source = plan.protocol, plan.source
    attendance = protocol.attendance
    numbers = set(plan.numbers)
    problems: list[Problem] = []
    groups = (("ledamöter", attendance.members), ("tjänstgörande ersättare", attendance.serving_deputies),
              ("ersättare", attendance.deputies), ("övriga", attendance.others))
    listed: dict[str, tuple] = {}
    for key, people in groups:
        for index, person in enumerate(people):
            at = ("närvarande", key, index)
            outside = sorted(set(person.paragraphs or ()) - numbers)
            if outside:
                problems.append(Problem(source.locate(at + ("paragrafer",)), dotted(at + ("paragrafer",)),
                                        f"protokollet har ingen § {outside[0]}",
                                        f"paragraferna är § {_span(plan.numbers)}", WARNING))
            if key != "övriga":
                if person.key in listed:
                    problems.append(Problem(source.locate(at), dotted(at),
                                            f"{person.display} står redan under {dotted(listed[person.key])}",
                                            "var och en står en gång i närvarolistan"))
                listed.setdefault(person.key, at)
    members = {person.key: person for person in attendance.members}
    for index, deputy in enumerate(attendance.serving_deputies):
        at = ("närvarande", "tjänstgörande ersättare", index)
        replaced = members.get(name_key(deputy.replaces or ""))
        if replaced is None:
            continue   # the ledamot replaced was absent the whole meeting
        clash = [number for number in plan.numbers
                 if deputy.present_at(number) and replaced.present_at(number)
                 and replaced.key not in plan.conflicted(number)]
        if clash:
            problems.append(Problem(
                source.locate(at + ("paragrafer",) if deputy.paragraphs is not None else at + ("ersätter",)),
                dotted(at + ("paragrafer",)),
                f"{deputy.display} ersätter {replaced.display}, som är närvarande och beslutar i § {_span(clash)}",
                f"ange 'paragrafer:' för ersättaren och för {replaced.name}, så att de inte överlappar"))
    return problems


def _decisions(plan: ProtocolPlan) -> list[Problem]:
    problems: list[Problem] = []
    for section in plan.paragraphs:
        problems += _paragraph(plan, section)
    return problems


def _paragraph(plan: ProtocolPlan, section: Section) -> list[Problem]:
    """One §: its jäv, yrkanden, propositionsordning, votes and reservationer."""
    source, paragraph = plan.source, section.paragraph
    number = section.number
    assert number is not None
    problems: list[Problem] = []
    at = section.at

    def problem(where: tuple, message: str, hint: str = "", severity: str = ERROR) -> None:
        problems.append(Problem(source.locate(at + where), dotted(at + where), message, hint, severity))

    attendance = plan.protocol.attendance
    everyone = {person.key: person for person in attendance.members + attendance.serving_deputies}
    for index, name in enumerate(paragraph.conflicts):
        person = everyone.get(name_key(name))
        if person is None:
            problem(("jäv", index), f"{name} är varken ledamot eller tjänstgörande ersättare",
                    "den som anmäler jäv ska stå under närvarande: ledamöter eller tjänstgörande ersättare")
        elif not person.present_at(number):
            problem(("jäv", index), f"{person.display} är inte närvarande vid § {number}",
                    "jäv anmäls av den som annars hade deltagit i beslutet")
    deciding = {person.key: person for person in plan.deciding(number)}
    jäviga = plan.conflicted(number)
    motions = paragraph.motions
    live = {index + 1 for index, motion in enumerate(motions) if not motion.withdrawn}
    put: set = set()
    carried: list = []
    for step_index, step in enumerate(paragraph.propositions):
        where = ("propositionsordning", step_index)
        for choice_index, choice in enumerate(step.put):
            if isinstance(choice, int) and choice not in live:
                problem(where + ("ställs", choice_index),
                        f"yrkande {choice} finns inte" if not 1 <= choice <= len(motions)
                        else f"yrkande {choice} är återtaget och kan inte ställas",
                        f"paragrafen har {len(motions)} yrkanden, numrerade 1–{len(motions)} i listans ordning")
            put.add(choice)
        allowed = set(step.put) | ({DISMISSAL, TODAY} if len(step.put) == 1 else set())
        if step.carried not in allowed:
            problem(where + ("bifalls",), f"'{step.carried}' ställdes inte i detta steg",
                    "det som bifalls ska vara ett av dem som ställs (ett ensamt yrkande: det eller 'avslag')")
        carried.append(step.carried)
        if step.vote is not None:
            problems += _vote(plan, section, step_index, step.vote, step.carried, deciding, jäviga, allowed)
    for index, motion in enumerate(motions, 1):
        where = ("yrkanden", index - 1)
        for person_index, name in enumerate(motion.by):
            if name_key(name) not in deciding:
                reason = "är jävig" if name_key(name) in jäviga else "beslutar inte"
                problem(where + ("av", person_index), f"{name} {reason} i § {number} och kan inte yrka",
                        "yrkanden görs av ledamöter och tjänstgörande ersättare som deltar i beslutet")
        if motion.withdrawn:
            continue
        covered = index in put or (motion.kind == "bifall" and (PROPOSAL in put or not paragraph.propositions)) \
            or (motion.kind == "avslag" and DISMISSAL in put)
        if not covered:
            problem(where, f"yrkande {index} ({motion.kind}, {', '.join(motion.by)}) ställs aldrig under proposition",
                    f"lägg det i 'propositionsordning' (t.ex. 'ställs: [förslaget, {index}]') "
                    "eller skriv 'återtaget: ja'")
    for kind, notes in (("reservationer", paragraph.reservations),):
        for note_index, note in enumerate(notes):
            for person_index, name in enumerate(note.by):
                if name_key(name) not in deciding:
                    problem((kind, note_index, "av", person_index),
                            f"{name} deltog inte i beslutet i § {number} och kan inte reservera sig",
                            "bara den som deltagit i beslutet kan reservera sig; skriv annars en protokollsanteckning")
    return problems


def _vote(plan: ProtocolPlan, section: Section, step_index: int, vote: Vote, carried, deciding: dict,
          jäviga: set[str], allowed: set) -> list[Problem]:
    """A vote: each deciding person counted once, the lists adding up to those deciding,
    the printed result equal to the lists, and the chair's finding the vote's outcome."""
    source, number = plan.source, section.number
    at = section.at + ("propositionsordning", step_index, "omröstning")
    problems: list[Problem] = []

    def problem(where: tuple, message: str, hint: str = "") -> None:
        problems.append(Problem(source.locate(at + where), dotted(at + where), message, hint))

    for key in ("yes_means", "no_means"):
        choice = getattr(vote, key)
        if choice not in allowed:
            alias = "ja innebär" if key == "yes_means" else "nej innebär"
            problem((alias,), f"'{choice}' ställdes inte i detta steg", "ja och nej står för två av dem som ställs")
    if vote.yes_means == vote.no_means:
        problem(("nej innebär",), "ja och nej innebär samma sak", "ja och nej står för två olika förslag")
    counted: dict[str, tuple] = {}
    for alias, names in (("ja", vote.yes), ("nej", vote.no), ("avstår", vote.abstain)):
        for index, name in enumerate(names):
            key = name_key(name)
            if key in counted:
                problem((alias, index), f"{name} är redan räknad under {counted[key][0]}",
                        "var och en röstar en gång")
                continue
            counted[key] = (alias, index)
            if key in jäviga:
                problem((alias, index), f"{name} är jävig i § {number} och deltar inte i beslutet",
                        "ta bort namnet ur omröstningen")
            elif key not in deciding:
                problem((alias, index), f"{name} beslutar inte i § {number}",
                        "bara närvarande ledamöter och tjänstgörande ersättare röstar (se 'paragrafer:' i närvarolistan)")
    total = len(vote.yes) + len(vote.no) + len(vote.abstain)
    missing = [person.display for key, person in deciding.items() if key not in counted]
    if total != len(deciding) or missing:
        problem((), f"ja + nej + avstår är {len(vote.yes)} + {len(vote.no)} + {len(vote.abstain)} = {total}, "
                    f"men {len(deciding)} beslutar i § {number}"
                    + (f" (saknas: {', '.join(missing)})" if missing else ""),
                "varje beslutande står under ja, nej eller avstår")
    if vote.written is not None:
        for word, count in (("ja", len(vote.yes)), ("nej", len(vote.no)), ("avst", len(vote.abstain))):
            match = re.search(rf"(\d+)\s*{word}", vote.written, re.IGNORECASE)
            if match and int(match.group(1)) != count:
                shown = {"avst": "avstår"}.get(word, word)
                problem(("resultat",), f"resultatet säger {match.group(1)} {shown} men listan {shown} har {count} namn",
                        "rätta resultatet eller namnlistan")
    if len(vote.yes) != len(vote.no):
        outcome = vote.yes_means if len(vote.yes) > len(vote.no) else vote.no_means
    else:   # lika röstetal: ordförandens röst avgör (KL 6 kap. 33 §)
        chair = _chair_key(plan)
        outcome = vote.yes_means if chair in {name_key(n) for n in vote.yes} else vote.no_means
    if outcome != carried:
        problems.append(Problem(source.locate(section.at + ("propositionsordning", step_index, "bifalls")),
                                dotted(section.at + ("propositionsordning", step_index, "bifalls")),
                                f"omröstningen ({len(vote.yes)} ja, {len(vote.no)} nej) ger '{outcome}', "
                                f"men nämnden sägs bifalla '{carried}'",
                                "ja-sidan vinner med flest röster; vid lika röstetal avgör ordförandens röst"))
    return problems


def _chair_key(plan: ProtocolPlan) -> str:
    for person in plan.protocol.attendance.members:
        if (person.role or "").casefold() == "ordförande":
            return person.key
    return name_key(plan.meeting.meeting.chair.name)


def _dates(plan: ProtocolPlan) -> list[Problem]:
    """Justering within 14 days of the meeting (error); the anslag at the latest the
    second day after justering (warning), never before it (error)."""
    protocol, source = plan.protocol, plan.source
    meeting_date = plan.meeting.meeting.date
    adjusted, posted = protocol.adjustment.date, protocol.notice.date
    problems: list[Problem] = []
    if adjusted < meeting_date:
        problems.append(Problem(source.locate(("justering", "datum")), "justering.datum",
                                f"protokollet justeras {adjusted}, före sammanträdet {meeting_date}",
                                "justeringen görs efter sammanträdet"))
    elif adjusted > meeting_date + dt.timedelta(days=ADJUSTMENT_DAYS):
        problems.append(Problem(source.locate(("justering", "datum")), "justering.datum",
                                f"protokollet justeras {adjusted}, mer än {ADJUSTMENT_DAYS} dagar efter "
                                f"sammanträdet {meeting_date}",
                                f"justeringen ska ske senast {meeting_date + dt.timedelta(days=ADJUSTMENT_DAYS)}"))
    if posted < adjusted:
        problems.append(Problem(source.locate(("anslag", "datum")), "anslag.datum",
                                f"anslaget sätts upp {posted}, före justeringen {adjusted}",
                                "anslaget tillkännager att protokollet är justerat"))
    elif posted > adjusted + dt.timedelta(days=NOTICE_DAYS):
        problems.append(Problem(source.locate(("anslag", "datum")), "anslag.datum",
                                f"anslaget sätts upp {posted}, mer än {NOTICE_DAYS} dagar efter justeringen {adjusted}",
                                f"justeringen ska tillkännages senast andra dagen efter justeringen, "
                                f"dvs. {adjusted + dt.timedelta(days=NOTICE_DAYS)}", WARNING))
    weeks = posted + dt.timedelta(weeks=NOTICE_WEEKS)
    if protocol.notice.down is not None and protocol.notice.down < weeks:
        problems.append(Problem(source.locate(("anslag", "nedtas")), "anslag.nedtas",
                                f"anslaget tas ned {protocol.notice.down}, före tre veckor ({weeks})",
                                "anslaget ska sitta uppe i minst tre veckor"))
    start, end = (protocol.time.start.replace(":", "."), protocol.time.end.replace(":", "."))
    if end <= start:
        problems.append(Problem(source.locate(("tid", "till")), "tid.till",
                                f"sammanträdet slutar {end}, inte efter att det börjar {start}",
                                "skriv tiden som 'från: \"13.00\"' och 'till: \"15.40\"'"))
    return problems


def _extracts(plan: ProtocolPlan) -> list[Problem]:
    """Each utdrag asked for names §§ of this protokoll."""
    problems = []
    for index, numbers in enumerate(plan.protocol.extracts or []):
        unknown = sorted(set(numbers) - set(plan.numbers))
        if unknown:
            problems.append(Problem(plan.source.locate(("utdrag", index)), f"utdrag[{index}]",
                                    f"protokollet har ingen § {unknown[0]}",
                                    f"paragraferna är § {_span(plan.numbers)}"))
    return problems


def extracts(plan: ProtocolPlan) -> list[list[int]]:
    """The utdrag to make: those the plan asks for, else one per §."""
    if plan.protocol.extracts is not None:
        return [sorted(set(numbers)) for numbers in plan.protocol.extracts]
    return [[number] for number in plan.numbers]


def take_down(plan: ProtocolPlan) -> dt.date:
    """The day the anslag comes down: three weeks after it went up, or later where the plan says so."""
    return plan.protocol.notice.down or plan.protocol.notice.date + dt.timedelta(weeks=NOTICE_WEEKS)


def _span(numbers: list[int]) -> str:
    """[95, 96, 97, 99] as '95-97, 99'."""
    parts: list[str] = []
    for number in sorted(set(numbers)):
        if parts and "-" not in parts[-1].split(", ")[-1] and int(parts[-1]) == number - 1:
            parts[-1] = f"{parts[-1]}-{number}"
        elif parts and "-" in parts[-1] and int(parts[-1].split("-")[1]) == number - 1:
            parts[-1] = f"{parts[-1].split('-')[0]}-{number}"
        else:
            parts.append(str(number))
    return ", ".join(parts)


span = _span


def check_protocol(plan: ProtocolPlan, bundles: dict[Path, CaseBundle]) -> list[Problem]:
    """The decisions against the cases: the § where the case's förslag carried decides
    it (a written beslut must be the same); where a yrkande carried, the beslut is
    written, and is the ändringsyrkande's text or holds the tilläggsyrkande's."""
    from generator.compose.meeting import proposal_markdown
    from generator.compose.protocol import decision_markdown
    from generator.read_meeting import check_meeting

    check_meeting(plan.meeting, bundles)   # gives the agenda items their titles and dnr
    problems: list[Problem] = []
    source = plan.source
    for section in plan.paragraphs:
        paragraph, item = section.paragraph, section.item
        at = section.at + ("beslut",)

        def problem(message: str, hint: str) -> None:
            problems.append(Problem(source.locate(at if paragraph.decision is not None else section.at),
                                    dotted(at), message, hint))

        bundle = bundles.get(item.case_file.resolve()) if item and item.case_file else None
        proposal = proposal_markdown(bundle.case.proposal) if bundle and bundle.case.proposal else None
        as_decided = decision_markdown(bundle) if bundle else None
        written = paragraph.decision
        formal = item.entry.proposal if item is not None and item.entry.case is None else None
        if written is None and proposal is None and formal is None:
            problem("paragrafen har inget beslut", "skriv 'beslut:' (en formell punkt eller ett extra ärende "
                    "har inget förslag att ta beslutet från)")
            continue
        winners = [paragraph.motions[c - 1] for c in (step.carried for step in paragraph.propositions)
                   if isinstance(c, int) and 1 <= c <= len(paragraph.motions)]
        dismissed = any(step.carried == DISMISSAL and PROPOSAL in step.put for step in paragraph.propositions) \
            or any(m.kind == "avslag" for m in winners)
        changed = [m for m in winners if m.kind in ("ändring", "återremiss", "bordläggning")]
        added = [m for m in winners if m.kind == "tillägg"]
        if changed or dismissed:
            if written is None:
                kind = changed[0].kind if changed else "avslag"
                problem(f"ett yrkande om {kind} bifölls, men beslutet är ärendets förslag",
                        "skriv 'beslut:' med det nämnden beslutade")
            for motion in changed:   # real protokoll reword it a little: a warning
                if motion.kind == "ändring" and written is not None \
                        and _words(motion.text or "") not in _words(written):
                    problems.append(Problem(source.locate(at), dotted(at),
                                            "ändringsyrkandet som bifölls står inte ordagrant i beslutet",
                                            "kontrollera att beslutet är det bifallna yrkandets lydelse", WARNING))
        elif written is not None and proposal is not None and not added \
                and _words(written) not in (_words(proposal), _words(as_decided or "")):
            problem("förslaget bifölls, men beslutet skiljer sig från ärendets förslag till beslut",
                    "ta bort 'beslut:' så att förslaget står ordagrant, eller ange yrkandet som bifölls")
        for motion in added:
            if _words(motion.text or "") not in _words(written or ""):
                problem("tilläggsyrkandet som bifölls står inte i beslutet",
                        "skriv 'beslut:' med förslaget och tillägget")
    return problems


def _words(text: str) -> str:
    """Text compared for its words: Markdown marks, spacing and case evened out."""
    return " ".join(re.sub(r"[*_`\\]", "", text).split()).casefold()
