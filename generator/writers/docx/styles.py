"""Which Word style each part of the paper gets, and where the styles come from.

The writer never sets a font, a size or a spacing: it names a style through
STYLE_MAP, and the style is defined in the house's reference .docx
(``templates/<house>/reference.docx``, made by ``tools/make_reference_docx.py``;
a house without one inherits ``templates/base/reference.docx``). Built-in styles
keep their Word names ('Heading 1', 'List Bullet', 'footnote text'), so the
navigation pane, a table of contents and Word's own list buttons work; the
paper's own blocks have Swedish style names, as a registrar sees them in Word.

Bold and italics (``strong``, ``em``) are run properties, not styles, as in
pandoc: they combine freely and survive a change of paragraph style.
"""

from __future__ import annotations

from pathlib import Path

from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Mm

from generator.errors import RenderFailure
from generator.house import BASE, House

REFERENCE_NAME = "reference.docx"

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
    "p.wordmark": ("Ordmärke", P),
    "p.wordmark alone": ("Ordmärke ensam", P),    # no paper type beside it
    "div.paper-type p": ("Förvaltning", P),
    "div.paper-type p+p": ("Dokumenttyp", P),
    "p.meta-label": ("Metarubrik", P),
    "p.meta-value": ("Metauppgift", P),
    "p.recipient": ("Mottagare", P),
    "p.agenda-item": ("Ärendepunkt", P),
    "p.proposal-lead": ("Normal", P),
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
    # .attestation { break-inside: avoid }: its text and rows keep with what follows.
    "section.attestation p": ("Attesteringstext", P),
    "table.attestation-table td": ("Attesteringscell", P),
    "header.page-header": ("Header", P),
    "footer.page-footer": ("Footer", P),
    "p.address-unit": ("Adress", P),
    "p.address-lines": ("Adress", P),
    "span.footnote": ("footnote text", P),
    # Characters
    "span.att": ("Att", C),
    "a": ("Hyperlink", C),
    "footnote-call": ("footnote reference", C),
    # Tables
    "table.actions": ("Dokumenttabell", T),
    "table.attestation-table": ("Dokumenttabell", T),
    "layout": ("Layouttabell", T),
    "div.address": ("Adresstabell", T),
}

# Column widths as shares of the text width, mirroring templates/base/paper.css.
# An action table's action column gets the share for its column count; the other
# columns split the rest.
ACTION_SHARE = {1: 1.0, 2: 0.75, 3: 0.60, 4: 0.46}
LAYOUT_SHARES = {
    "table.attestation-table": (0.50, 0.25),   # .attestation-table { width: 75% }
    "masthead": (0.55, 0.45),                  # .logo 50%, .paper-type 45%, with the gap
    "address": (0.37, 0.63),                   # .address-unit { flex: 0 0 60mm } of 163mm
}
SIGNATURES_PER_ROW = 2                         # .signature { width: 45% }
LOGO_MAX = (Mm(60), Mm(16))                    # .masthead .logo img max-width, max-height


def column_shares(role: str, cell_classes: list[str]) -> list[float]:
    """The width shares of a table's columns, from its role and its first row's classes."""
    count = len(cell_classes)
    if role == "table.actions" and "col-action" in cell_classes and count > 1:
        action = ACTION_SHARE.get(count, 0.40)
        rest = (1 - action) / (count - 1)
        return [action if cls == "col-action" else rest for cls in cell_classes]
    fixed = LAYOUT_SHARES.get(role)
    if fixed and len(fixed) == count:
        return list(fixed)
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


def reference_for(house: House) -> Path:
    """The house's reference .docx, else the shared one in a templates/base/ folder."""
    candidates = [house.folder / REFERENCE_NAME]
    candidates += [root / BASE / REFERENCE_NAME for root in house.roots]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise RenderFailure(
        f"husstilen {house.key} saknar {REFERENCE_NAME} (och templates/base/{REFERENCE_NAME} "
        "saknas); skapa den med tools/make_reference_docx.py")


def check_styles(document, reference: Path) -> None:
    """Fail with every style STYLE_MAP needs that the reference .docx lacks or has
    with the wrong type, before anything is written."""
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
        raise RenderFailure(f"referensdokumentet {reference} duger inte för DOCX:\n  {details}")
