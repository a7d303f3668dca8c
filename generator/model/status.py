"""A paper's status and the marks it carries: draft or final, signed, decided, revised.

The plan says what happened to the paper (``status: utkast``, ``signerad:``,
``beslutad:``, ``reviderad:``); the house says how each mark is worded and where it
stands (``stil: stämplar:``, :mod:`generator.house.style`). A draft carries an
"UTKAST" watermark on every page of every paper of the case, in both formats.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.model.plan import Date, Strict, Text

Status = Literal["utkast", "slutlig"]
DRAFT: Status = "utkast"


class Signing(Strict):
    """Who signed the paper electronically, and when."""

    name: Text = Field(alias="av", description="Den som signerade, t.ex. 'Anna Andersson'.")
    date: Date = Field(alias="datum", description="Dagen för signeringen (ÅÅÅÅ-MM-DD).")


class Decision(Strict):
    """The decision the paper records: by which body, when, and under which paragraph."""

    date: Date = Field(alias="datum", description="Sammanträdets datum (ÅÅÅÅ-MM-DD).")
    body: str | None = Field(None, alias="av",
                             description="Den som beslutade (utelämnat: den mottagande nämnden).")
    paragraph: str | None = Field(None, alias="paragraf", description="Paragrafen i protokollet, t.ex. '§ 42' eller '42'.")
