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
from generator.model.meeting_rules import ground_named
from generator.model.table import YesNo


class ProtocolHeadings(Strict):
    """The house's words for the first page's fields and the § block's headings."""

    place_time: Text = Field("Plats och tid", alias="plats och tid")
    deciding: Text = Field("Beslutande", alias="beslutande")
    members: Text = Field("Ledamöter", alias="ledamöter")
    serving: Text = Field("Tjänstgörande ersättare", alias="tjänstgörande ersättare")
    others_present: Text = Field("Övriga närvarande", alias="övriga närvarande")
    deputies: Text = Field("Ersättare", alias="ersättare")
    officials: Text = Field("Tjänstepersoner", alias="tjänstepersoner")
    adjusters: Text = Field("Utses att justera", alias="justerare")
    adjustment: Text = Field("Plats och tid för justering", alias="justering")
    paragraphs: Text = Field("Paragrafer", alias="paragrafer")
    signatures: Text = Field("Underskrifter", alias="underskrifter")
    secretary: Text = Field("Sekreterare", alias="sekreterare")
    chair: Text = Field("Ordförande", alias="ordförande")
    adjuster: Text = Field("Justerare", alias="justerande")
    contents: Text = Field("Innehåll", alias="innehåll")
    decision: Text = Field("Beslut", alias="beslut")
    conflict: Text = Field("Jäv", alias="jäv")
    summary: Text = Field("Sammanfattning av ärendet", alias="sammanfattning")
    basis: Text = Field("Beslutsunderlag", alias="beslutsunderlag")
    motions: Text = Field("Förslag till beslut på sammanträdet", alias="yrkanden")
    procedure: Text = Field("Beslutsgång", alias="beslutsgång")
    vote: Text = Field("Omröstningsresultat", alias="omröstning")
    reservation: Text = Field("Reservation", alias="reservation")
    note: Text = Field("Protokollsanteckning", alias="protokollsanteckning")
    send_to: Text = Field("Beslutet skickas till", alias="skickas till")
    notice_organ: Text = Field("Organ", alias="organ")
    notice_meeting: Text = Field("Sammanträdesdatum", alias="sammanträdesdatum")
    notice_up: Text = Field("Datum då anslaget sätts upp", alias="anslaget sätts upp")
    notice_down: Text = Field("Datum då anslaget tas ned", alias="anslaget tas ned")
    notice_kept: Text = Field("Förvaringsplats för protokollet", alias="förvaringsplats")
    notice_appeal: Text = Field("Sista dag för överklagande", alias="sista dag för överklagande")


class ProtocolRules(Strict):
    """The house's way with protokoll, utdrag and anslagsbevis."""

    form: Literal["klassisk", "modern"] = Field("modern", alias="form")
    heading: Text = Field("SAMMANTRÄDESPROTOKOLL", alias="protokollrubrik")
    extract_heading: Text = Field("PROTOKOLLSUTDRAG", alias="utdragsrubrik")
    notice_heading: Text = Field("ANSLAGSBEVIS", alias="anslagsrubrik")
    notice_text: Text = Field("Protokollet är justerat. Justeringen har tillkännagivits genom anslag.",
                              alias="anslagstext")
    appeal_day: YesNo = Field(False, alias="sista dag för överklagande")
    new_page: YesNo = Field(True, alias="paragraf på ny sida")
    contents: YesNo = Field(True, alias="innehållsförteckning")
    deputies_apart: YesNo = Field(False, alias="ersättare som eget fält")
    running_lists: YesNo = Field(False, alias="listor som löptext")
    certification: Text = Field("Utdragsbestyrkande", alias="utdragsbestyrkande")
    adjusters_sign: Text = Field("Justerandes sign", alias="justerandes sign")
    confidential_text: Text = Field(
        "Paragrafen omfattas av sekretess enligt {grund} och publiceras inte i den offentliga "
        "versionen av protokollet.", alias="sekretesstext")
    headings: ProtocolHeadings = Field(default_factory=ProtocolHeadings, alias="rubriker")

    _ground_named = field_validator("confidential_text")(ground_named)
