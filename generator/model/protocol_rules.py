"""How a house writes its protokoll (``protokoll:`` in ``hus.yaml``): the classic form
with the ANSLAG/BEVIS box and "Justerandes sign" and "Utdragsbestyrkande" in the footer,
or the modern one justerat digitally; and the house's words for the papers.

The defaults are the words real Swedish protokoll use (see the research notes on
protokoll from Kungsbacka, Uppsala, Åtvidaberg and Ale), so a house only writes what
differs.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from generator.model.base import Strict, Text
from generator.model.table import YesNo


class ProtocolRules(Strict):
    """The house's way with protokoll, utdrag and anslagsbevis."""

    form: Literal["klassisk", "modern"] = Field("modern", alias="form")
    heading: Text = Field("SAMMANTRÄDESPROTOKOLL", alias="protokollrubrik")
    extract_heading: Text = Field("PROTOKOLLSUTDRAG", alias="utdragsrubrik")
    notice_heading: Text = Field("ANSLAGSBEVIS", alias="anslagsrubrik")
    notice_text: Text = Field("Protokollet är justerat. Justeringen har tillkännagivits genom anslag.",
                              alias="anslagstext")
    appeal_day: YesNo = Field(False, alias="sista dag för överklagande")
    certification: Text = Field("Utdragsbestyrkande", alias="utdragsbestyrkande")
    adjusters_sign: Text = Field("Justerandes sign", alias="justerandes sign")
    modern_footer: Text = Field("Expedierat/bestyrkt", alias="modern sidfot")
    confidential_text: Text = Field(
        "Paragrafen omfattas av sekretess enligt {grund} och publiceras inte i den offentliga "
        "versionen av protokollet.", alias="sekretesstext")
    send_to_heading: Text = Field("Beslutet skickas till", alias="skickas till-rubrik")

    @field_validator("confidential_text")
    @classmethod
    def _ground_named(cls, value: str) -> str:
        if "{grund}" not in value:
            raise ValueError("sekretesstexten ska nämna sekretessgrunden med {grund}")
        return value
