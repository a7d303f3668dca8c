"""The paper HTML vocabulary: which elements and classes a paper may contain, and where.

This is the contract between compose and the writers, written as data (see
docs/paper-html.md for what each role means and how it is rendered). An element's
*role* is ``tag.class`` when its first class names a role (``p.recipient``), else its
bare tag (``p``, ``td``); its other classes must be modifiers the role allows
(``table.data`` with ``header-once``). The DOCX writer checks a whole paper against
this before it writes anything and reports every departure at once, so a template
change the DOCX cannot express fails loudly instead of losing text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

TEXT = "#text"

# Phrasing content: what a paragraph, heading, list item or table cell may hold.
INLINE = frozenset({TEXT, "strong", "em", "a", "br", "del", "ins", "span.footnote",
                    "span.doc-property"})
# A footnote's own text: the same, but no note inside a note.
NOTE_INLINE = INLINE - {"span.footnote"}
# Block content of a section of the paper.
FLOW = frozenset({"h2", "h3", "h4", "p", "ul", "ol", "ul.activities", "table.data", "section.section", "section.area"})
# What a table cell may hold: phrasing content, or (a prose column's cell) paragraphs and lists.
CELL = INLINE | {"p", "ul", "ol"}
LISTS = ("ul", "ol", "ul.att-clauses", "ol.decision-points", "ul.activities",
         "ol.attachment-list")


@dataclass(frozen=True)
class Role:
    """What an element of this role may contain, and which extra classes it may carry."""

    children: frozenset[str]
    modifiers: tuple[str, ...] = field(default=())

    def allows_modifier(self, cls: str) -> bool:
        return any(re.fullmatch(pattern, cls) for pattern in self.modifiers)


def _role(children=(), modifiers=()) -> Role:
    return Role(frozenset(children), tuple(modifiers))


ROLES: dict[str, Role] = {
    # Document and head: metadata only.
    "html": _role({"head", "body.paper"}),
    "head": _role({"title", "meta"}),
    "title": _role({TEXT}),
    "meta": _role(),
    "body.paper": _role(
        {"header.page-header", "footer.page-footer", "section.masthead", "p.recipient",
         "p.agenda-item", "h1", "p.title-dnr", "p.subtitle", "section.proposal", "section.signatures",
         "section.attachments", "section.attestation", "section.related", "div.watermark",
         "section.stamps"} | FLOW,
        (r"paper-[a-z0-9-]+", r"house-[a-z0-9-]+")),
    # Running page furniture.
    "header.page-header": _role({"span.header-text", "span.header-text-later", "span.page-number"}),
    "span.header-text": _role({TEXT, "span.doc-property", "strong", "em"}),
    # The header text of the pages after the first, where the house has one of its own.
    "span.header-text-later": _role({TEXT, "span.doc-property", "strong", "em"}),
    "span.page-number": _role({TEXT, "span.page-current", "span.page-total"}),
    "span.page-current": _role(),
    "span.page-total": _role(),
    "footer.page-footer": _role({"div.footer-columns"}),
    "div.footer-columns": _role({"div.footer-column"}),
    "div.footer-column": _role({"p.footer-label", "p.footer-text"}),
    "p.footer-label": _role(INLINE),
    "p.footer-text": _role(INLINE),
    # Status marks: a draft's watermark on every page, the stamps of a signed, decided
    # or revised paper.
    "div.watermark": _role({"span.watermark-text"}),
    "span.watermark-text": _role({TEXT}),
    "section.stamps": _role({"p.stamp"}),
    "p.stamp": _role(INLINE, (r"stamp-(signed|decided|revised)",)),
    # Masthead: logo, paper type, case metadata, agenda item.
    "section.masthead": _role({"div.logo", "div.paper-type", "div.meta", "p.agenda-item"},
                              (r"masthead-[a-z0-9-]+",)),
    "div.logo": _role({"p.wordmark", "img"}),
    "p.wordmark": _role({TEXT}),
    "img": _role(),
    "div.paper-type": _role({"p"}),
    "div.meta": _role({"div.meta-item"}),
    "div.meta-item": _role({"p.meta-label", "p.meta-value"}, (r"meta-[a-z0-9-]+",)),
    "p.meta-label": _role(INLINE),
    "p.meta-value": _role(INLINE | {"span.page-current", "span.page-total"}),
    "p.recipient": _role(INLINE),
    "p.agenda-item": _role(INLINE),
    # Title and the decision proposal.
    "h1": _role(INLINE),
    "p.subtitle": _role(INLINE, ("status",)),
    # The dnr line right under the title (stil: huvud: diarienummer under rubriken).
    "p.title-dnr": _role(INLINE),
    # A group's intro ('I kommunstyrelsen:'), a plain decision sentence, and a group's
    # free text after it (Markdown: paragraphs and lists).
    "section.proposal": _role({"h2", "p.proposal-lead", "p.proposal-group", "p.proposal-decision",
                               "p", "ul", "ol", "ul.att-clauses", "ol.decision-points"}),
    "p.proposal-lead": _role(INLINE),
    "p.proposal-group": _role(INLINE),
    "p.proposal-decision": _role(INLINE),
    "span.att": _role({TEXT}),
    # Sections, areas and their ordinary content.
    # A section; 'new-page' starts it on a page of its own (a protokoll's §).
    "section.section": _role(FLOW, ("new-page",)),
    "section.area": _role(FLOW),
    "h2": _role(INLINE),
    "h3": _role(INLINE),
    "h4": _role(INLINE),
    "p": _role(INLINE),
    **{name: _role({"li"}) for name in LISTS},
    "li": _role(INLINE | {"span.att", "p", "ul", "ol"}),
    # Tables.
    "table.attestation-table": _role({"thead", "tbody"}),
    # A plan's table (tabell:) or an area's action table: header row once only, rows that
    # may split across pages.
    "table.data": _role({"thead", "tbody"}, ("header-once", "rows-split")),
    "thead": _role({"tr"}),
    "tbody": _role({"tr"}),
    # A row spanning every column: group heading, title row, text across the table.
    "tr": _role({"th", "td"}, (r"row-(group|title|span)",)),
    "th": _role(CELL),
    "td": _role(CELL, ("prose",)),
    # Closing blocks.
    "section.signatures": _role({"p.signatures-unit", "div.signature"}),
    "p.signatures-unit": _role(INLINE),
    "div.signature": _role({"p.signature-name", "p.signature-title"}),
    "p.signature-name": _role(INLINE),
    "p.signature-title": _role(INLINE),
    "section.attachments": _role({"h2", "ol.attachment-list", "p"}, (r"attachments-[a-z-]+",)),
    "section.attestation": _role({"h2", "p", "table.attestation-table"}),
    "section.related": _role({"h2", "p.related-item"}),
    "p.related-item": _role(INLINE),
    # Phrasing elements.
    "strong": _role(INLINE),
    "em": _role(INLINE),
    "a": _role(INLINE - {"a"}),
    "del": _role(INLINE),
    "ins": _role(INLINE),
    "br": _role(),
    "span.footnote": _role(NOTE_INLINE),
    # A fact of the case (the dnr, the date) that Word keeps once, as a custom document
    # property, and shows wherever the paper prints it.
    "span.doc-property": _role({TEXT}),
}

# Attributes that carry meaning the writer must honour, by role or, for every role of
# a tag, by tag; any other attribute (colspan, rowspan, style …) would be silently
# ignored, so it is refused.
ATTRIBUTES: dict[str, frozenset[str]] = {
    "html": frozenset({"lang"}),
    "meta": frozenset({"charset", "name", "content"}),
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt"}),
    "ol": frozenset({"start"}),
    "li": frozenset({"value"}),
    # Who made a revision and when (wall-clock ISO 8601, 'YYYY-MM-DDTHH:MM').
    "ins": frozenset({"data-author", "data-date"}),
    "del": frozenset({"data-author", "data-date"}),
    "span.doc-property": frozenset({"data-property"}),
    # A column's width ('width: 30%' on a table.data heading cell); a spanning row's cell.
    "th": frozenset({"style", "colspan"}),
    "td": frozenset({"colspan"}),
}
# Attributes a role cannot do without.
REQUIRED: dict[str, tuple[str, ...]] = {"span.doc-property": ("data-property",)}


def classes(element) -> list[str]:
    return (element.get("class") or "").split()


def role_of(element) -> str | None:
    """The role of *element*, or None when the vocabulary has none for it."""
    tag = element.tag
    if not isinstance(tag, str):
        return None
    names = classes(element)
    if names and f"{tag}.{names[0]}" in ROLES:
        return f"{tag}.{names[0]}"
    return tag if tag in ROLES else None


def checked_role(element) -> str:
    """The role of an element of a paper that :func:`check` has passed: every element
    has one there, so a missing one is a bug of the caller's, not of the paper."""
    role = role_of(element)
    if role is None:
        raise ValueError(f"<{element.tag}> has no role; the paper was not checked first")
    return role


def modifiers(element) -> list[str]:
    """The classes of *element* beyond the one that names its role."""
    names = classes(element)
    role = role_of(element)
    return names[1:] if role and "." in role else names


@dataclass(frozen=True)
class Departure:
    """One departure from the vocabulary: its line in the HTML, what is wrong, and what
    to look for in a template to find where it came from (a class, a tag or an attribute)."""

    line: int | None
    message: str
    needle: tuple[str, str]   # ("class" | "tag" | "attribute", name)

    def __str__(self) -> str:
        return f"rad {self.line}: {self.message}" if self.line else self.message


def require(root, what: str) -> None:
    """Refuse a paper (*what*: "PDF för 'Titel'") that departs from the vocabulary,
    listing every departure: both writers call this before they write anything, so a
    template change one format cannot show fails in both, as the house's fault."""
    problems = check(root)
    if problems:
        from generator.errors import TemplateProblem

        details = "\n  ".join(problems)
        raise TemplateProblem(
            f"{what} kan inte göras: pappers-HTML:en innehåller något som inte finns i "
            f"ordförrådet (se docs/paper-html.md; arende hus kontrollera visar raden i "
            f"husstilens mall):\n  {details}")


def check(root) -> list[str]:
    """Every departure of the document *root* from the vocabulary, in document order."""
    return [str(departure) for departure in departures(root)]


def departures(root) -> list[Departure]:
    """Every departure of the document *root* from the vocabulary, in document order."""
    problems: list[Departure] = []
    _check(root, None, problems)
    return problems


def _check(element, parent_role: str | None, problems: list[Departure]) -> None:
    line = element.sourceline
    names = classes(element)
    itself = ("class", names[0]) if names else ("tag", element.tag if isinstance(element.tag, str) else "?")
    role = role_of(element)
    if role is None:
        problems.append(Departure(line, f"{describe(element)} ingår inte i pappers-HTML:ens ordförråd", itself))
        return
    if parent_role is not None and role not in ROLES[parent_role].children:
        problems.append(Departure(
            line, f"{describe(element)} får inte stå i {_describe_role(parent_role)}", itself))
    spec = ROLES[role]
    for cls in modifiers(element):
        if not spec.allows_modifier(cls):
            problems.append(Departure(line, f"okänd klass '{cls}' på {describe(element)}", ("class", cls)))
    allowed = ATTRIBUTES.get(role, ATTRIBUTES.get(role.split(".")[0], frozenset())) | {"class"}
    for name in element.attrib:
        if name not in allowed:
            problems.append(Departure(line, f"attributet '{name}' på {describe(element)} stöds inte",
                                      ("attribute", name)))
    for name in REQUIRED.get(role, ()):
        if not (element.get(name) or "").strip():
            problems.append(Departure(line, f"attributet '{name}' saknas på {describe(element)}",
                                      ("attribute", name)))
    if TEXT not in spec.children and _has_text(element):
        problems.append(Departure(line, f"lös text direkt i {describe(element)}", itself))
    for child in element:
        if isinstance(child, (etree._Comment, etree._ProcessingInstruction)):
            continue
        _check(child, role, problems)


def _has_text(element) -> bool:
    texts = [element.text] + [child.tail for child in element]
    return any(text and text.strip() for text in texts)


def describe(element) -> str:
    """An element as a person would recognise it in the HTML: <p class="x">."""
    cls = element.get("class")
    tag = element.tag if isinstance(element.tag, str) else "?"
    return f'<{tag} class="{cls}">' if cls else f"<{tag}>"


def _describe_role(role: str) -> str:
    tag, _, cls = role.partition(".")
    return f'<{tag} class="{cls}">' if cls else f"<{tag}>"
