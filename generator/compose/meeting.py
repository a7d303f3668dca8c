"""Compose a meeting's own papers: the kallelse with its föredragningslista, the tillägg
to it, and the page that stands in the public packet for an ärende under sekretess.

They are papers like a case's (the same HTML contract, house furniture and writers);
what they show of an ärende (title, diarienummer, förslag till beslut) is taken from its
case as read, never written twice.

A *view* decides what is shown: the internal one shows every ärende whole; the public
one shows an ärende under sekretess by its number, public title and diarienummer only,
so nothing of its papers reaches the public packet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.compose.paper import furniture_for, paper_facts, paper_meta, render_paper
from generator.compose.tables import tables_of
from generator.model.plan import Proposal
from generator.model.table import Table, TableColumn
from generator.paper import Paper
from generator.read import CaseBundle
from generator.read_meeting import AgendaItem, MeetingPlan
from generator.swedish import clock, long_date, meeting_day


@dataclass(frozen=True)
class View:
    """Which version of the meeting's papers is composed, and where each item's
    papers begin in its packet (item index → page), for the agenda's page column."""

    public: bool = False
    pages: dict[int, int] = field(default_factory=dict)

    @property
    def suffix(self) -> str:
        return "-offentlig" if self.public else ""


def genitive(name: str) -> str:
    """'Arbetsmarknadsnämnden' → 'Arbetsmarknadsnämndens'; a name ending in s, x or z as it is."""
    return name if name[-1:].lower() in "sxz" else name + "s"


def meeting_words(plan: MeetingPlan) -> dict[str, str]:
    """The sentences every paper of the meeting uses about it."""
    meeting = plan.meeting
    rules = plan.house.register.meetings
    sort = rules.extra_heading if meeting.is_extra else "Sammanträde"
    return {
        "when": f"{sort} {meeting_day(meeting.date)} kl. {clock(meeting.time)}",
        "of_meeting": f"{genitive(plan.organ_name)} sammanträde {long_date(meeting.date)}",
    }


def compose_kallelse(plan: MeetingPlan, bundles: dict, view: View, *, supplement: bool = False) -> Paper:
    """The kallelse (or, with *supplement*, the tillägg to its föredragningslista)."""
    rules = plan.house.register.meetings
    meeting = plan.meeting
    items = [item for item in plan.items if item.entry.supplement == supplement or item.entry.section]
    if supplement:   # the tillägg lists only its own items, under the sections they stand in
        items = _without_empty_sections(items)
    heading = rules.supplement_heading if supplement else rules.heading
    kind_label = rules.supplement_heading if supplement else rules.heading.capitalize()
    words = meeting_words(plan)
    title = f"{kind_label} till {words['of_meeting']}"
    stem = f"{plan.name}_{'tillagg' if supplement else 'kallelse'}{view.suffix}"
    people = [{"name": meeting.chair.display, "title": "ordförande", "unit": None},
              {"name": meeting.secretary.name, "title": meeting.secretary.title or "sekreterare", "unit": None}]
    context = {
        "heading": heading,
        "drawn_up": meeting.drawn_up.isoformat(),
        "organ_name": plan.organ_name,
        "when": words["when"],
        "place": meeting.place,
        "meeting": meeting,
        "agenda_heading": rules.agenda_heading,
        "agenda": _agenda(plan, items, bundles, view),
        "closing": {"signatures": people},
        "supplement": supplement,
    }
    return _meeting_paper(plan, "kallelse", stem, title, kind_label, context)


def compose_withheld_page(plan: MeetingPlan, item: AgendaItem, bundle: CaseBundle | None) -> Paper:
    """The one page that stands for an ärende under sekretess in the public packet:
    its number, public title, diarienummer and legal ground, nothing else."""
    rules = plan.house.register.meetings
    confidential = item.entry.confidential
    assert confidential is not None
    public_title = confidential.public_title or rules.confidential_title
    text = rules.confidential_text.replace("{grund}", confidential.ground)
    context = {
        "heading": rules.heading,
        "organ_name": plan.organ_name,
        "when": meeting_words(plan)["when"],
        "item_title": f"{item.number}. {public_title}" if item.number else public_title,
        "dnrs": ", ".join(bundle.case.dnrs) if bundle is not None else "",
        "text": text,
    }
    stem = f"{plan.name}_sekretess-{(item.number or str(item.index + 1)).replace(' ', '')}"
    return _meeting_paper(plan, "sekretess", stem, public_title, public_title, context)


def _meeting_paper(plan: MeetingPlan, kind: str, stem: str, title: str, kind_label: str,
                   context: dict, *, date=None) -> Paper:
    """A paper of the meeting's, dated *date* (by default the day the kallelse was drawn up)."""
    house, meeting = plan.house, plan.meeting
    date = date or meeting.drawn_up
    register = house.register
    department = register.departments[meeting.department_key(register)]
    facts = paper_facts(title, kind_label, (meeting.secretary.name,), date, (),
                        (plan.organ_name,), (department.name,), None)
    fields = {
        **{name: "" for other in register.departments.values() for name in other.details},
        **department.detail_fields(),
        "kommun": register.name,
        "förvaltning": department.name,
        "enhet": department.unit or "",
        "dokumenttyp": kind_label,
        "diarienummer": "",
        "datum": date.isoformat(),
        "nämnd": plan.organ_name,
        "sammanträde": meeting.date.isoformat(),
        "registreringsår": "",
        "titel": title,
        "bilaga": "",
        "märkning": "",
    }
    full = {
        "house": house, "style": house.style, "register": register, "kind": kind,
        "meta": paper_meta(facts), "stamps": [],
        "watermark": house.style.marks.draft if plan.is_draft else None,
        **furniture_for(house, fields, department, {"datum": "Datum"}),
        **context,
    }
    with tables_of(register, house.style):
        return render_paper(house, kind, stem, title, full, facts)


def _without_empty_sections(items: list[AgendaItem]) -> list[AgendaItem]:
    kept: list[AgendaItem] = []
    for item in items:
        if item.entry.section and kept and kept[-1].entry.section:
            kept.pop()
        kept.append(item)
    if kept and kept[-1].entry.section:
        kept.pop()
    return kept


def _agenda(plan: MeetingPlan, items: list[AgendaItem], bundles: dict, view: View) -> Table:
    """The föredragningslista as a table of the house's columns (möten: kolumner:)."""
    rules = plan.house.register.meetings
    shown: set[str] = {column.field for column in rules.columns}
    columns = [TableColumn.model_construct(name=column.name, width=column.width,
                                           prose=column.field in ("ärende", "förslag"))
               for column in rules.columns]
    rows: list[list[str] | dict[str, str]] = []
    for item in items:
        if item.entry.section:
            rows.append({"grupp": _escaped(item.entry.section)})
            continue
        bundle = bundles.get(item.case_file.resolve()) if item.case_file else None
        cells = _cells(plan, item, bundle, view, shown)
        rows.append([cells.get(column.field, "") for column in rules.columns])
    return Table.model_construct(preset=None, columns=columns, repeat_header=True,
                                 rows_split=False, rows=rows)


def _cells(plan: MeetingPlan, item: AgendaItem, bundle: CaseBundle | None, view: View,
           shown: set[str]) -> dict[str, str]:
    """One agenda row's cells as Markdown, by column field."""
    entry, rules = item.entry, plan.house.register.meetings
    withheld = view.public and entry.confidential is not None
    if bundle is not None:
        title = ((entry.confidential.public_title or rules.confidential_title)
                 if withheld and entry.confidential else bundle.case.title)
        designation = ", ".join(bundle.case.dnrs)
    else:
        title, designation = entry.formal or "", entry.designation or ""
    subject = [_escaped(title)]
    if entry.presenter and "föredragande" not in shown:
        subject.append(f"Föredragande: {_escaped(entry.presenter)}")
    if entry.time and "tid" not in shown:
        subject.append(f"Tid: {_escaped(entry.time)}")
    cells = {
        "nummer": f"{item.number}." if item.number else "",
        "ärende": "\n\n".join(subject),
        "beteckning": _escaped(designation),
        "förslag": _proposal_cell(plan, item, bundle, withheld),
        "tid": _escaped(entry.time or ""),
        "föredragande": _escaped(entry.presenter or ""),
        "sida": str(view.pages[item.index]) if item.index in view.pages else "",
    }
    return cells


def _proposal_cell(plan: MeetingPlan, item: AgendaItem, bundle: CaseBundle | None, withheld: bool) -> str:
    """'Förslag till beslut [i instans]', the case's proposal, and the immediate-justering
    sentence; for a formal item its own förslag."""
    entry, rules = item.entry, plan.house.register.meetings
    if bundle is None:
        return entry.proposal or ""
    register = plan.house.register
    if entry.body and entry.body != plan.meeting.organ:
        body = register.boards[entry.body]
        heading = rules.proposal_elsewhere.replace("{instans}", body[:1].lower() + body[1:])
    else:
        heading = rules.proposal_here
    parts = []
    if not withheld and bundle.case.proposal is not None:   # a secret proposal: no heading over nothing
        parts += [f"**{_escaped(heading)}**", proposal_markdown(bundle.case.proposal)]
    if entry.immediate:
        parts.append(_escaped(rules.immediate.replace("{organ}", plan.organ_name)))
    return "\n\n".join(part for part in parts if part)


def proposal_markdown(proposal: Proposal) -> str:
    """A case's förslag till beslut as one Markdown text: the lead, its att-clauses or
    points, its decision, and each group the same way."""
    parts: list[str] = []

    def add(lead, clauses, points, decision) -> None:
        if lead:
            parts.append(lead)
        parts.extend(f"att {clause}" for clause in clauses or [])
        if points:
            parts.append("\n".join(f"{number}. {point}" for number, point in enumerate(points, 1)))
        if decision:
            parts.extend([decision] if isinstance(decision, str) else decision)

    add(proposal.lead, proposal.clauses, proposal.points, proposal.decision)
    for group in proposal.groups or []:
        add(group.lead, group.clauses, group.points, group.decision)
        if group.text:
            parts.append(group.text)
    return "\n\n".join(parts)


def _escaped(text: str) -> str:
    """Plain text put into a Markdown cell, its Markdown characters escaped."""
    out = []
    for char in text:
        if char in "\\`*_[]<>#|":
            out.append("\\" + char)
        else:
            out.append(char)
    escaped = "".join(out)
    # A line that would start a list or heading ('1. ' or '- ') stays text.
    number = re.match(r"\d+(?=[.)])", escaped)
    if number:
        return number.group() + "\\" + escaped[number.end():]
    return "\\" + escaped if escaped[:1] and escaped[:1] in "-+" else escaped


