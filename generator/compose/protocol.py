"""Compose a meeting's protokoll, its protokollsutdrag and its anslagsbevis.

They are papers like the kallelse (the same HTML contract, house furniture and writers).
Each § block is composed once, as data (:func:`paragraph_blocks`), and the protokoll and
every utdrag print the same blocks with the same macro, so an utdrag's § is the
protokoll's § to the letter.

What a § says of its ärende (title, diarienummer, the förslag till beslut that is by
default the decision, the summary and the beslutsunderlag) is taken from the case as
read. The sentences of the beslutsgång are those real protokoll use: "Ordföranden
ställer proposition på … och finner att nämnden beslutar enligt …", "Omröstning begärs
och verkställs.", "Ledamöterna … reserverar sig mot beslutet."

The public protokoll prints a § under sekretess as the house's stub: its number, public
title, diarienummer and legal ground, nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from markupsafe import Markup, escape

from generator.compose.meeting import _escaped, _meeting_paper, genitive, proposal_markdown
from generator.house import House
from generator.house.style import RunningFooter
from generator.model.protocol import DISMISSAL, PROPOSAL, TODAY, Motion, Paragraph, Person, Proposition, name_key
from generator.model.table import Table, TableColumn
from generator.paper import Paper
from generator.read import CaseBundle
from generator.read_protocol import ProtocolPlan, Section, span, take_down
from generator.swedish import long_date

_LEAD = re.compile(r"föreslås\s+besluta\b")
SUMMARY_HEADINGS = ("sammanfattning", "sammanfattning av ärendet", "ärendet", "ärendebeskrivning")


@dataclass
class Block:
    """One § as printed: its heading and its parts, each a (heading, Markdown) pair, and
    a vote table when there was a vote."""

    number: int
    title: str
    dnr: str
    parts: list[tuple[str, str, Table | None]] = field(default_factory=list)

    def add(self, heading: str, text: str, table: Table | None = None) -> None:
        self.parts.append((heading, text, table))
    stub: str | None = None           # the public stub's text, instead of the parts


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def names(people: list[str]) -> str:
    """['A', 'B', 'C'] as 'A, B och C'."""
    if len(people) <= 1:
        return "".join(people)
    return ", ".join(people[:-1]) + " och " + people[-1]


def possessive(written: str) -> str:
    """'Gunilla Strand (M)' as 'Gunilla Strands (M)'."""
    match = re.match(r"^(.*?)(\s*\([^()]*\))?$", written)
    assert match is not None
    return genitive(match.group(1)) + (match.group(2) or "")


def decision_markdown(bundle: CaseBundle) -> str | None:
    """The case's förslag till beslut as the decision: word for word, its lead
    'Nämnden föreslås besluta' read as 'Nämnden beslutar'."""
    proposal = bundle.case.proposal
    if proposal is None:
        return None
    if proposal.lead:
        proposal = proposal.model_copy(update={"lead": _LEAD.sub("beslutar", proposal.lead)})
    return proposal_markdown(proposal)


def summary_markdown(bundle: CaseBundle) -> str:
    """The case's section named Sammanfattning (or Ärendet), else its first section."""
    sections = [section for section in bundle.case.sections if section.text]
    for section in sections:
        if (section.heading or "").strip().casefold() in SUMMARY_HEADINGS:
            return section.text or ""
    return sections[0].text or "" if sections else ""


def basis_markdown(bundle: CaseBundle, department: str) -> str:
    """Beslutsunderlag: the tjänsteskrivelse and its bilagor, by title."""
    case = bundle.case
    lines = [f"{genitive(department)} tjänsteskrivelse, {case.date.isoformat()}"]
    for number, attachment in zip(case.attachment_numbers(), case.attachments):
        lines.append(f"Bilaga {number}, {attachment.title}")
    return "\n".join(f"- {_escaped(line)}" for line in lines)


class _Words:
    """The sentences of one §, in the organ's words."""

    def __init__(self, plan: ProtocolPlan, section: Section, proposal_name: str):
        self.plan, self.section = plan, section
        self.paragraph: Paragraph = section.paragraph
        self.organ = lower_first(plan.meeting.organ_name)
        self.proposal_name = proposal_name

    def choice(self, choice, *, tail: bool = False) -> str:
        """What a proposition names, as the beslutsgång says it."""
        if choice == PROPOSAL:
            return self.proposal_name
        if choice == DISMISSAL:
            return "avslag"
        if choice == TODAY:
            return "att ärendet ska avgöras i dag"
        motion = self.paragraph.motions[choice - 1]
        who = possessive(motion.by[0]) + (" m.fl." if len(motion.by) > 1 else "")
        noun = {"ändring": "ändringsyrkande", "tillägg": "tilläggsyrkande", "återremiss": "återremissyrkande",
                "avslag": "avslagsyrkande", "bifall": "yrkande", "bordläggning": "bordläggningsyrkande"}[motion.kind]
        return f"{who} {noun}"

    def motion(self, motion: Motion) -> str:
        chair = self.plan.chair_key
        who = names([("Ordföranden " if name_key(name) == chair else "") + name for name in motion.by])
        text = (motion.text or "").strip()
        if motion.kind == "bifall":
            said = f"{who} yrkar bifall till {self.proposal_name}."
        elif motion.kind == "avslag":
            said = f"{who} yrkar avslag på {self.proposal_name}." + (f" {text}" if text else "")
        elif motion.kind == "ändring":
            said = f"{who} yrkar {text}" if text.startswith("att ") else f"{who} yrkar: {text}"
        elif motion.kind == "tillägg":
            said = f"{who} yrkar följande tillägg: {text}"
        elif motion.kind == "återremiss":
            said = f"{who} yrkar att ärendet återremitteras." + (f" {text}" if text else "")
        else:
            said = f"{who} yrkar att ärendet bordläggs." + (f" {text}" if text else "")
        if motion.withdrawn:
            said += f" {who} tar senare tillbaka yrkandet."
        return said

    def step(self, step: Proposition) -> list[str]:
        """One step of the beslutsgång, its vote's propositionsordning with it."""
        organ = self.organ
        if len(step.put) == 1:
            only = step.put[0]
            if isinstance(only, int) and self.paragraph.motions[only - 1].kind in ("återremiss", "bordläggning"):
                kind = self.paragraph.motions[only - 1].kind
                verb = "återremitteras" if kind == "återremiss" else "bordläggas"
                found = f"ärendet ska {verb}" if step.carried == only else "ärendet ska avgöras i dag"
                sentences = [f"Ordföranden prövar först om ärendet ska {verb} eller avgöras i dag och finner "
                             f"att {organ} beslutar att {found}."]
            else:
                verdict = "avslår" if step.carried == DISMISSAL else "bifaller"
                sentences = [f"Ordföranden ställer proposition på {self.choice(only)} och finner att {organ} "
                             f"{verdict} det."]
        else:
            put = names([self.choice(choice) for choice in step.put])
            sentences = [f"Ordföranden ställer proposition på {put} mot varandra och finner att {organ} "
                         f"beslutar enligt {self.choice(step.carried)}."]
        if step.vote is not None:
            sentences += ["Omröstning begärs och verkställs.",
                          f"Ordföranden redovisar följande propositionsordning som {organ} godkänner: "
                          f"Ja-röst innebär att {self.means(step.vote.yes_means, step.put)}. "
                          f"Nej-röst innebär att {self.means(step.vote.no_means, step.put)}."]
        return sentences

    def means(self, choice, put: list) -> str:
        if choice == DISMISSAL:
            return f"avslå {self.choice(put[0])}" if len(put) == 1 else "avslå"
        if choice == TODAY:
            return "ärendet ska avgöras i dag"
        return f"bifalla {self.choice(choice)}"

    def result(self, step: Proposition) -> str:
        vote = step.vote
        assert vote is not None
        yes, no, abstain = len(vote.yes), len(vote.no), len(vote.abstain)
        sentence = (f"Ordföranden finner att {self.organ}, med {yes} ja-{_röst(yes)} mot {no} nej-{_röst(no)}, "
                    f"beslutar enligt {self.choice(step.carried)}.")
        if yes == no:
            sentence = (f"Med {yes} ja-{_röst(yes)} mot {no} nej-{_röst(no)} avgör ordförandens röst. "
                        f"Ordföranden finner att {self.organ} beslutar enligt {self.choice(step.carried)}.")
        if abstain:
            sentence += f" {abstain} {'ledamot avstår' if abstain == 1 else 'ledamöter avstår'} från att rösta."
        return sentence


def _röst(count: int) -> str:
    return "röst" if count == 1 else "röster"


def _vote_table(plan: ProtocolPlan, number: int, step: Proposition) -> Table:
    """Ledamot/tjänstgörande ersättare | Ja-röst | Nej-röst | Avstår från att rösta:
    one row per person deciding the §, in the order of the närvarolista."""
    vote = step.vote
    assert vote is not None

    how = {name_key(name): column for column, names_ in enumerate((vote.yes, vote.no, vote.abstain))
           for name in names_}
    columns = [TableColumn.model_construct(name=name, width=width, prose=False) for name, width in
               (("Ledamot/tjänstgörande ersättare", 46), ("Ja-röst", 18), ("Nej-röst", 18),
                ("Avstår från att rösta", 18))]
    rows: list[list[str] | dict[str, str]] = []
    for person in plan.deciding(number):
        cells = ["", "", ""]
        if person.key in how:
            cells[how[person.key]] = "X"
        rows.append([_escaped(person.display)] + cells)
    rows.append(["Summa", str(len(vote.yes)), str(len(vote.no)), str(len(vote.abstain))])
    return Table.model_construct(preset=None, columns=columns, repeat_header=True, rows_split=False, rows=rows)


def paragraph_blocks(plan: ProtocolPlan, bundles: dict, *, public: bool = False) -> list[Block]:
    """Every § of the protokoll as printed; in the *public* view a § under sekretess is
    its stub."""
    return [_block(plan, section, bundles, public) for section in plan.paragraphs]


def _block(plan: ProtocolPlan, section: Section, bundles: dict, public: bool) -> Block:
    rules = plan.house.register.protocols
    words = rules.headings
    paragraph, item = section.paragraph, section.item
    assert section.number is not None
    number = section.number
    bundle: CaseBundle | None = bundles.get(item.case_file.resolve()) if item and item.case_file else None
    entry = item.entry if item is not None else None
    dnr = ", ".join(bundle.case.dnrs) if bundle else (entry.designation or "" if entry else "")
    confidential = entry.confidential if entry is not None else None
    if public and confidential is not None:
        title = confidential.public_title or plan.house.register.meetings.confidential_title
        return Block(number, title, dnr, stub=rules.confidential_text.replace("{grund}", confidential.ground))
    title = paragraph.title or (bundle.case.title if bundle else (entry.formal or "") if entry else paragraph.extra or "")
    register = plan.house.register
    department = register.departments[plan.meeting.meeting.department_key(register)].name
    proposal_name = f"{lower_first(genitive(department))} förslag" if bundle else "ordförandens förslag"
    say = _Words(plan, section, proposal_name)
    block = Block(number, title, dnr)
    decision = paragraph.decision
    if decision is None:
        decision = decision_markdown(bundle) if bundle else (entry.proposal if entry else None)
    decision_parts = [decision or ""]
    immediate = paragraph.immediate if paragraph.immediate is not None else bool(entry and entry.immediate)
    if immediate:
        decision_parts.append(_escaped(plan.house.register.meetings.immediate.replace(
            "{organ}", plan.meeting.organ_name)))
    block.add(words.decision, "\n\n".join(part for part in decision_parts if part))
    if paragraph.conflicts:
        block.add(words.conflict, "\n\n".join(
            f"{_escaped(name)} anmäler jäv och deltar inte i handläggningen." for name in paragraph.conflicts))
    summary = paragraph.summary if paragraph.summary is not None else (summary_markdown(bundle) if bundle else "")
    if summary:
        block.add(words.summary, summary)
    if bundle is not None:
        block.add(words.basis, basis_markdown(bundle, department))
    if paragraph.motions:
        block.add(words.motions, "\n\n".join(say.motion(motion) for motion in paragraph.motions))
    steps = paragraph.propositions
    if steps:
        block.add(words.procedure, "\n\n".join(s for step in steps for s in say.step(step)))
    for step in steps:
        if step.vote is not None:
            block.add(words.vote, say.result(step), _vote_table(plan, number, step))
    for note in paragraph.reservations:
        people = names(note.by)
        lead = ("Ledamöterna " if len(note.by) > 1 else "Ledamoten ") + people
        text = f"{lead} reserverar sig mot beslutet."
        if note.written:
            text += " Reservationen lämnas skriftligt och bifogas protokollet."
        block.add(words.reservation, text + (f"\n\n{note.text}" if note.text else ""))
    for note in paragraph.notes:
        text = f"{names(note.by)} lämnar följande protokollsanteckning:"
        block.add(words.note, text + (f"\n\n{note.text}" if note.text else ""))
    if paragraph.send_to:
        block.add(words.send_to, "\n".join(f"- {_escaped(name)}" for name in paragraph.send_to))
    return block


def _person_line(person: Person, *, role: bool = True) -> str:
    line = person.display
    if role and person.role:
        line += f", {person.role}"
    if person.title:
        line += f", {person.title}"
    if person.replaces:
        line += f" ersätter {person.replaces}"
    if person.paragraphs is not None:
        shown = span(person.paragraphs)
        line += f" {'§§' if len(person.paragraphs) > 1 else '§'} {shown}"
    return line


def _lines(people: list[Person]) -> Markup:
    return Markup("<br>").join(escape(_person_line(person)) for person in people)


def _running(people: list[Person]) -> Markup:
    """The people as running text: 'A (S), B (V) och C (L)'."""
    return escape(names([_person_line(person) for person in people]))


def cover(plan: ProtocolPlan, numbers: list[int], *, everyone: bool = False
          ) -> list[tuple[str, list[tuple[str, Markup]]]]:
    """The first page's fields for the §§ *numbers*: [(field, [(sub-label, lines)])];
    the people present for them, or (*everyone*, the whole protokoll) all as listed."""
    protocol, meeting = plan.protocol, plan.meeting.meeting
    words = plan.house.register.protocols.headings
    present = plan.present(None if everyone else numbers)
    time = f"kl. {protocol.time.start.replace(':', '.')}–{protocol.time.end.replace(':', '.')}"
    place = [escape(f"{meeting.place}, {long_date(meeting.date)}, {time}")]
    if protocol.time.breaks:
        place.append(escape("Ajournering " + ", ".join(protocol.time.breaks)))
    fields: list[tuple[str, list[tuple[str, Markup]]]] = [
        (words.place_time, [("", Markup("<br>").join(place))])]
    rules = plan.house.register.protocols
    listed = _running if rules.running_lists else _lines
    deciding = [(words.members, listed(present["members"]))]
    if present["serving"]:
        deciding.append((words.serving, listed(present["serving"])))
    fields.append((words.deciding, deciding))
    others = []
    if present["deputies"]:
        if rules.deputies_apart:   # 'Ersättare' a field of its own, before 'Övriga deltagande'
            fields.append((words.deputies, [("", listed(present["deputies"]))]))
        else:
            others.append((words.deputies, listed(present["deputies"])))
    if present["others"]:
        others.append(("" if rules.deputies_apart else words.officials, listed(present["others"])))
    if others:
        fields.append((words.others_present, others))
    fields.append((words.adjusters, [("", escape(", ".join(protocol.adjustment.adjusters)))]))
    fields.append((words.adjustment, [("", escape(protocol.adjustment.where or protocol.adjustment.date.isoformat()))]))
    sign = "§§" if len(numbers) > 1 else "§"
    fields.append((words.paragraphs, [("", escape(f"{sign} {span(numbers)}"))]))
    # Underskrifter: each role above its name, as the classic first page has them.
    signed = [(words.secretary, plan.secretary), (words.chair, meeting.chair.display)]
    signed += [(words.adjuster, name) for name in protocol.adjustment.adjusters]
    fields.append((words.signatures, [("", Markup("<br>").join(
        Markup("<em>{}</em> {}").format(role, name) for role, name in signed))]))
    return fields


def notice_fields(plan: ProtocolPlan) -> list[tuple[str, str]]:
    """The anslag's facts: organ, sammanträdesdatum, up, down, where the protokoll is
    kept, and the last day to appeal where the house prints it."""
    rules = plan.house.register.protocols
    down = take_down(plan)
    words = rules.headings
    fields = [(words.notice_organ, plan.meeting.organ_name),
              (words.notice_meeting, plan.meeting.meeting.date.isoformat()),
              (words.notice_up, plan.protocol.notice.date.isoformat()),
              (words.notice_down, down.isoformat()),
              (words.notice_kept, plan.protocol.notice.kept_at)]
    if rules.appeal_day:
        fields.append((words.notice_appeal, down.isoformat()))
    return fields


def notice_table(plan: ProtocolPlan) -> Table:
    """The ANSLAG/BEVIS box as the classic first page has it: a grid of two columns, each
    pair of labels above its pair of values, and the line to sign on."""
    fields = notice_fields(plan) + [("Underskrift", "")]
    # Organ and date side by side, up and down side by side, where the protokoll is
    # kept beside the last day to appeal; the signature a row of its own.
    pairs = [fields[0:2], fields[2:4]] + [fields[index:index + 2] for index in range(4, len(fields) - 1, 2)]
    pairs.append([fields[-1]])
    columns = [TableColumn.model_construct(name=_escaped(label), width=50, prose=False) for label, _ in pairs[0]]
    rows: list[list[str] | dict[str, str]] = [[_escaped(value) for _, value in pairs[0]]]
    for pair in pairs[1:]:
        pair = pair + [("", "")] * (2 - len(pair))
        rows.append([f"**{_escaped(label)}**" if label else "" for label, _ in pair])
        rows.append([_escaped(value) if label != "Underskrift" else "\\_" * 25 for label, value in pair])
    return Table.model_construct(preset=None, columns=columns, repeat_header=False, rows_split=False, rows=rows)


def paper_house(plan: ProtocolPlan) -> House:
    """The house the protokoll's papers are set in: in the classic form its style with
    the footer 'Justerandes sign' and 'Utdragsbestyrkande' on every page, space to sign."""
    house = plan.house
    rules = house.register.protocols
    if rules.form != "klassisk":
        return house
    if house.key not in _CLASSIC:
        footer = RunningFooter.model_validate({
            "kolumner": [{"rubrik": rules.adjusters_sign, "rader": ["\u00a0"]},
                         {"rubrik": rules.certification, "rader": ["\u00a0"]}],
            "sidor": "alla", "linje": True})
        _CLASSIC[house.key] = (house, replace(house, style=house.style.model_copy(update={"footer": footer})))
    own, classic = _CLASSIC[house.key]
    return classic if own is house else replace(house, style=house.style.model_copy(
        update={"footer": classic.style.footer}))


_CLASSIC: dict[str, tuple[House, House]] = {}


def _paper(plan: ProtocolPlan, kind: str, stem: str, title: str, heading: str, context: dict,
           *, classic: bool = True) -> Paper:
    rules = plan.house.register.protocols
    full = {
        "heading": heading,
        "meeting_date": plan.meeting.meeting.date.isoformat(),
        "organ_name": plan.meeting.organ_name,
        "rules": rules,
        "words": rules.headings,
        **context,
    }
    meeting = replace(plan.meeting, house=paper_house(plan)) if classic else plan.meeting
    return _meeting_paper(meeting, kind, stem, title, heading.capitalize(), full,
                          date=plan.protocol.adjustment.date)


def compose_protocol(plan: ProtocolPlan, bundles: dict, *, public: bool = False) -> Paper:
    """The protokoll: the first page, Innehåll, then every §; *public*: a § under
    sekretess as the house's stub."""
    rules = plan.house.register.protocols
    blocks = paragraph_blocks(plan, bundles, public=public)
    suffix = "-offentlig" if public else ""
    title = f"Protokoll från {lower_first(genitive(plan.meeting.organ_name))} sammanträde " \
            f"{long_date(plan.meeting.meeting.date)}"
    context = {
        "cover": cover(plan, plan.numbers, everyone=True),
        "notice": notice_table(plan) if rules.form == "klassisk" else None,
        "blocks": blocks,
        "extract": False,
    }
    return _paper(plan, "protokoll", f"{plan.name}_protokoll{suffix}", title, rules.heading, context)


def compose_extract(plan: ProtocolPlan, bundles: dict, numbers: list[int]) -> Paper:
    """A protokollsutdrag of the §§ *numbers*: the first page limited to them and to
    those present for them, their blocks as in the protokoll, and the certification."""
    rules = plan.house.register.protocols
    chosen = set(numbers)
    blocks = [block for block in paragraph_blocks(plan, bundles) if block.number in chosen]
    label = span(numbers).replace(" ", "")
    title = f"Protokollsutdrag från {lower_first(genitive(plan.meeting.organ_name))} sammanträde " \
            f"{long_date(plan.meeting.meeting.date)}, § {span(numbers)}"
    context = {
        "cover": cover(plan, sorted(chosen)),
        "notice": None,
        "blocks": blocks,
        "extract": True,
        "certification": {"signatures": [{"name": plan.secretary,
                                          "title": plan.meeting.meeting.secretary.title or "sekreterare",
                                          "unit": None}]},
    }
    return _paper(plan, "protokollsutdrag", f"{plan.name}_protokollsutdrag-§{label}", title,
                  rules.extract_heading, context)


def compose_notice(plan: ProtocolPlan) -> Paper:
    """The anslagsbevis: that the protokoll is justerat, and the anslag's facts."""
    rules = plan.house.register.protocols
    title = f"Anslagsbevis för {lower_first(genitive(plan.meeting.organ_name))} protokoll " \
            f"{long_date(plan.meeting.meeting.date)}"
    context = {"notice": notice_fields(plan), "notice_text": rules.notice_text,
               "signer": {"signatures": [{"name": plan.secretary,
                                          "title": plan.meeting.meeting.secretary.title or "sekreterare",
                                          "unit": None}]}}
    return _paper(plan, "anslagsbevis", f"{plan.name}_anslagsbevis", title, rules.notice_heading, context,
                  classic=False)
