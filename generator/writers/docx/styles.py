"""Which Word style each part of the paper gets, and how wide a table's columns are.

The writer never sets a font, a size or a spacing: it names a style through
STYLE_MAP, and the style is generated from the house's style declaration
(:mod:`generator.writers.docx.reference`), the same one the PDF's CSS is generated
from. Column widths come from that declaration too.

Bold and italics (``strong``, ``em``) are run properties, not styles, as in
pandoc: they combine freely and survive a change of paragraph style.
"""

from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE

from generator.house.style import HouseStyle

P, C, T = WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER, WD_STYLE_TYPE.TABLE

# Key: a role of the paper HTML (docs/paper-html.md), or a role in a context
# ("ul li", "section.attestation p", "div.paper-type p+p"), which wins over the bare
# role where both exist; value: (style name, style type).
STYLE_MAP: dict[str, tuple[str, WD_STYLE_TYPE]] = {
    # Paragraphs
    "p": ("Normal", P),
    "h1": ("Heading 1", P),
    "h2": ("Heading 2", P),
    "h3": ("Heading 3", P),
    "h4": ("Heading 4", P),
    "p.subtitle": ("Subtitle", P),
    "p.title-dnr": ("Normal", P),
    "p.wordmark": ("Ordmärke", P),
    "p.wordmark alone": ("Ordmärke ensam", P),    # no paper type beside it
    "div.paper-type p": ("Förvaltning", P),
    "div.paper-type p+p": ("Dokumenttyp", P),
    "p.meta-label": ("Metarubrik", P),
    "p.meta-value": ("Metauppgift", P),
    "p.recipient": ("Mottagare", P),
    "p.agenda-item": ("Ärendepunkt", P),
    "p.proposal-lead": ("Normal", P),
    "p.proposal-group": ("Normal", P),
    "p.proposal-decision": ("Normal", P),
    "ul.att-clauses li": ("Att-sats", P),
    "ol.decision-points li": ("Beslutspunkt", P),
    "ul li": ("List Bullet", P),
    "ol li": ("List Number", P),
    "ul.activities li": ("Aktivitet", P),
    "ol.attachment-list li": ("Bilageförteckning", P),
    "li p+p": ("List Continue", P),
    "p.signatures-unit": ("Underskriftsenhet", P),
    "p.signature-name": ("Underskrift", P),
    "p.signature-title": ("Befattning", P),
    "p.related-item": ("Relaterat dokument", P),
    "th": ("Tabellrubrik", P),
    "td": ("Tabelltext", P),
    "tr.row-group td": ("Tabellgrupp", P),      # a group row of a plan's table
    # .attestation { break-inside: avoid }: its text and rows keep with what follows.
    "section.attestation p": ("Attesteringstext", P),
    "table.attestation-table td": ("Attesteringscell", P),
    "header.page-header": ("Header", P),
    "footer.page-footer": ("Footer", P),
    "p.footer-label": ("Sidfotsetikett", P),
    "p.footer-text": ("Sidfotstext", P),
    "p.stamp": ("Stämpel", P),
    "span.footnote": ("footnote text", P),
    # Characters
    "span.att": ("Att", C),
    "a": ("Hyperlink", C),
    "footnote-call": ("footnote reference", C),
    # Tables
    "table.attestation-table": ("Dokumenttabell", T),
    "table.data": ("Dokumenttabell", T),
    "layout": ("Layouttabell", T),
    "div.footer-columns": ("Sidfotstabell", T),
}

def column_shares(role: str, cell_classes: list[str], style: HouseStyle, text_width_mm: float) -> list[float]:
    """The width shares of a table's columns, from its role, its first row's classes and
    the house's declaration (the same numbers the CSS is generated from)."""
    count = len(cell_classes)
    tables = style.tables
    if role == "table.attestation-table" and count == 2:
        return [width / 100 for width in tables.attestation]
    if role == "masthead":
        at = style.masthead.title_block_at / 100
        return [at, 1 - at]
    if role == "meta":
        # Each column and the gap after it, as the CSS's flex items with their margin;
        # the last takes what is left of the line, so the table is never wider than it.
        column = (style.masthead.column_width + style.masthead.gap) / text_width_mm
        return [column] * (count - 1) + [max(1 - column * (count - 1), 0.1)]
    if role == "div.footer-columns":
        widths = style.footer_widths()[:count]
        return [width / text_width_mm for width in widths] + [0.0] * (count - len(widths))
    return [1 / count] * count


def key_in(context: str | None, role: str) -> str:
    """The STYLE_MAP key for *role* directly inside *context*: the contextual one if the
    map has it, else the role itself."""
    if context and f"{context} {role}" in STYLE_MAP:
        return f"{context} {role}"
    return role


def style_name(key: str) -> str:
    """The Word style name for a role (or role in context)."""
    return STYLE_MAP[key][0]


def check_styles(document) -> None:
    """Fail with every style STYLE_MAP needs that the generated styles lack or have
    with the wrong type, before anything is written (a bug of arende's, not the house's)."""
    by_name = {style.name: style for style in document.styles}
    problems = []
    for name, kind in sorted(set(STYLE_MAP.values()), key=lambda item: item[0]):
        style = by_name.get(name)
        if style is None:
            problems.append(f"formatmallen '{name}' saknas")
        elif style.type != kind:
            problems.append(f"formatmallen '{name}' har fel typ")
    if problems:
        details = "\n  ".join(problems)
        raise RuntimeError(f"the generated Word styles lack what STYLE_MAP names:\n  {details}")
