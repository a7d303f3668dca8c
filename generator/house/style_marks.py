"""The marks of a house's papers in its style declaration: the draft's watermark, the
stamps of a signed, decided or revised paper (``stil: stämplar:``), and the stamp on a
bilaga that is an attached PDF (``stil: bilagestämpel:``)."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator

from generator.house.style_values import Colour, Millimetres, Points, StyleModel

# The draft's watermark: its size in both formats (Word's own "UTKAST" is about this).
WATERMARK_PT = 100


# The fields a mark's line may name besides the running header's (FURNITURE_FIELDS):
# each mark's own, filled in from the plan's signerad:, beslutad: and reviderad:.
MARK_FIELDS: dict[str, str] = {
    "av": "vem som signerade eller beslutade (beslutad: av:, annars nämnden)",
    "den": "dagen för signeringen, beslutet eller revideringen, ÅÅÅÅ-MM-DD",
    "paragraf": "beslutets paragraf, t.ex. '§ 42', eller inget",
}


class Marks(StyleModel):
    """The marks of a paper's status: the draft's watermark and the stamps of a signed,
    decided or revised paper, worded as the house writes them."""

    draft: str = Field("UTKAST", alias="utkast", min_length=1, max_length=20,
                       description="Vattenstämpeln diagonalt över varje sida i ett utkast.")
    draft_colour: Colour = Field("#D0D0D0", alias="utkastfärg", description="Vattenstämpelns färg.")
    signed: list[str] = Field(
        default_factory=lambda: ["**SIGNERAD**", "Elektroniskt signerad av {av} den {den}"],
        alias="signerad", max_length=4,
        description="Raderna i stämpeln när planen har signerad: (av, datum). Fält inom {} fylls i, "
                    "en del inom [] skrivs bara om fälten i den har ett värde, **fet** text tillåts.")
    decided: list[str] = Field(default_factory=lambda: ["Beslutad av {av} den {den}[, {paragraf}]"],
                               alias="beslutad", max_length=4,
                               description="Raderna när planen har beslutad: (datum, av, paragraf).")
    revised: list[str] = Field(default_factory=lambda: ["Reviderad {den}"], alias="reviderad", max_length=4,
                               description="Raderna när planen har reviderad: (ett datum).")
    place: Literal["huvud", "slut"] = Field("huvud", alias="plats",
                                            description="Var stämplarna står: under dokumenthuvudet "
                                                        "på första sidan, eller sist i handlingen.")


STAMP_FIELDS = ("nummer", "diarienummer")
StampPlace = Literal["övre högra hörnet", "övre vänstra hörnet", "nedre högra hörnet", "nedre vänstra hörnet"]


class AttachmentStamp(StyleModel):
    """The stamp on a bilaga that is an attached PDF (a report, a map, a letter)."""

    text: str = Field("Bilaga {nummer}", alias="text",
                      description="Stämpelns text: {nummer} är bilagans nummer, {diarienummer} "
                                  "ärendets; en del inom [] skrivs bara om fälten i den har ett värde.")
    place: StampPlace = Field(
        "övre högra hörnet", alias="plats",
        description="Var på sidan stämpeln står.")
    pages: Literal["första", "alla", "inga"] = Field(
        "första", alias="sidor",
        description="Sidor som stämplas: 'första', 'alla' eller 'inga' (ingen stämpel; "
                    "'bilagestämpel: av' betyder detsamma).")
    size: Points = Field(10, alias="storlek", description="Textens storlek i punkter.")
    margin: Millimetres = Field(8, alias="avstånd", description="Avstånd från sidans kanter i mm.")
    frame: bool = Field(True, alias="ram", description="En tunn ram och vit botten runt texten, "
                                                       "så att den syns på en karta eller bild.")

    @field_validator("text")
    @classmethod
    def _known_fields(cls, value: str) -> str:
        unknown = set(re.findall(r"\{([^}]*)\}", value)) - set(STAMP_FIELDS)
        if unknown:
            raise ValueError(f"okänt fält {{{sorted(unknown)[0]}}} i bilagestämpeln; fälten är "
                             + ", ".join("{" + name + "}" for name in STAMP_FIELDS))
        return value


def stamp_switch(value):
    """'bilagestämpel: av' (or false) is a stamp on no page."""
    if value is False or (isinstance(value, str) and value.strip().lower() in ("av", "nej", "ingen")):
        return {"sidor": "inga"}
    return value
