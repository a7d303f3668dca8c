"""The marks of a paper's status, filled in: the draft's watermark and the stamps.

Which marks a paper carries is the plan's (``status:``, ``signerad:``, ``beslutad:``,
``reviderad:``, or ``arende build --utkast``); how each is worded is the house's
(``stil: stämplar:``). A stamp's lines name fields in braces like the running header
(:mod:`generator.compose.furniture`), with each mark's own {av}, {den} and {paragraf}.
"""

from __future__ import annotations

from markupsafe import Markup

from generator.compose.furniture import fill_markup
from generator.house.style import Marks


def stamps(marks: Marks, case, board_name: str, fields: dict[str, str]) -> list[dict]:
    """The stamps *case* earns, in the order revised, decided, signed; each as its kind
    ('revised', 'decided', 'signed') and its filled-in lines."""
    found: list[dict] = []

    def add(kind: str, lines: list[str], **own: str) -> None:
        values = {**fields, **own}
        filled: list[Markup] = [fill_markup(line, values) for line in lines]
        found.append({"kind": kind, "lines": [line for line in filled if str(line).strip()]})

    empty = {"av": "", "den": "", "paragraf": ""}
    revised = getattr(case, "revised", None)
    decided = getattr(case, "decided", None)
    signed = getattr(case, "signed", None)
    if revised:
        add("revised", marks.revised, **{**empty, "den": revised.isoformat()})
    if decided:
        add("decided", marks.decided, **{**empty, "av": decided.body or board_name,
                                         "den": decided.date.isoformat(),
                                         "paragraf": _paragraph(decided.paragraph)})
    if signed:
        add("signed", marks.signed, **{**empty, "av": signed.name, "den": signed.date.isoformat()})
    return found


def _paragraph(written: str | None) -> str:
    """'42' and '§ 42' both print as '§ 42'."""
    if not written:
        return ""
    text = written.strip()
    return text if text.startswith("§") else f"§ {text}"
