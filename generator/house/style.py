"""A house's look, declared once: the ``stil:`` part of ``hus.yaml``.

Both writers follow this one declaration: :mod:`generator.house.css` turns it into the
CSS WeasyPrint lays the PDF out with, and :mod:`generator.writers.docx.styles` into the
Word styles, page setup, headers and footers of the DOCX. Nothing about a house's look
lives in Python constants or in a hand-made Word file, so a house that changes a size
here changes it in both papers, and a house author never touches Python.

Every field has a default: the shared look of ``templates/base`` (an empty ``stil:``
gives a plain, correct paper). Sizes of type and spacing are points (a bare number, or
``"6mm"``); page measures, column widths and indents are millimetres or per cent, as
the field says. The Swedish field descriptions are the house author's guide
(``arende hus guide``) and the JSON Schema editors use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import (AfterValidator, BeforeValidator, Discriminator, Field, Tag,
                      field_validator, model_validator)

from generator.house.style_marks import AttachmentStamp, Marks, stamp_switch
from generator.house.style_values import (MM_IN_PT, Colour, Millimetres, Pages, Percent, Points,
                                          StyleModel)

FOOTNOTE_RULE_PT = 0.5
FOOTNOTE_PADDING_MM = 1.5


# The fonts every Word on Windows and Mac has, and the open fonts of the same metrics
# that the PDF embeds (templates/base/fonts): a line breaks at the same word in both.
WORD_FONTS = {
    "Arial": "Liberation Sans",
    "Times New Roman": "Liberation Serif",
}
# The four faces of a family: file-name suffix of the bundled fonts → (weight, style).
FACES_BY_NAME = {"Regular": ("normal", "normal"), "Bold": ("bold", "normal"),
                 "Italic": ("normal", "italic"), "BoldItalic": ("bold", "italic")}


class TextStyle(StyleModel):
    """How one kind of text looks; what is left out is taken from the text it belongs to."""

    font: str | None = Field(None, alias="typsnitt",
                             description="Typsnittets namn, t.ex. 'Arial' eller 'Times New Roman'.")
    size: Points | None = Field(None, alias="storlek", description="Teckenstorlek i punkter.")
    bold: bool | None = Field(None, alias="fet", description="Fet stil.")
    italic: bool | None = Field(None, alias="kursiv", description="Kursiv stil.")
    caps: bool | None = Field(None, alias="versaler", description="Skrivs med versaler (STORA BOKSTÄVER).")
    colour: Colour | None = Field(None, alias="färg", description="Textfärg, t.ex. '#1F3864'.")
    tracking: float | None = Field(None, alias="spärrning", ge=0, le=0.5,
                                   description="Extra avstånd mellan tecknen, i em (0.04 = 4 %).")
    line_height: float | None = Field(None, alias="radavstånd", ge=0.8, le=3,
                                      description="Radavstånd som faktor av teckenstorleken (1.3).")
    before: Points | None = Field(None, alias="före", description="Avstånd före stycket (punkter eller '6mm').")
    after: Points | None = Field(None, alias="efter", description="Avstånd efter stycket (punkter eller '6mm').")
    indent: Millimetres | None = Field(None, alias="indrag", description="Vänsterindrag i millimeter.")

    def over(self, base: "TextStyle") -> "TextStyle":
        """This style with every field it leaves out taken from *base*."""
        mine = self.model_dump(exclude_none=True)
        return TextStyle.model_construct(**{**base.model_dump(), **mine})


@dataclass(frozen=True)
class Look:
    """A part's look with every property decided (see :meth:`HouseStyle.part`)."""

    font: str
    size: float
    bold: bool
    italic: bool
    caps: bool
    colour: str
    tracking: float
    line_height: float
    before: float
    after: float
    indent: float


def _text(**values) -> TextStyle:
    return TextStyle.model_construct(**{**{name: None for name in TextStyle.model_fields}, **values})


# The parts of a paper whose look a house declares, with the shared look of the base
# house. Key: the Swedish name in hus.yaml. Spacing and sizes reproduce the papers the
# product was built on (Uppsala 2018, Stockholm 2021).
PART_DEFAULTS: dict[str, TextStyle] = {
    "brödtext": _text(font="Times New Roman", size=11, bold=False, italic=False, caps=False,
                      colour="#000000", tracking=0, line_height=1.3, before=0, after=8.25, indent=0),
    "rubrik 1": _text(size=17, bold=True, line_height=1.2, before=10.2, after=6.8),
    "rubrik 2": _text(size=13, bold=True, line_height=1.2, before=15.6, after=5.2),
    "rubrik 3": _text(size=11.5, bold=True, line_height=1.2, before=13.8, after=4.6),
    "rubrik 4": _text(size=11, bold=True, line_height=1.2, before=13.2, after=4.4),
    "undertitel": _text(size=12, after=8.25),
    "ordmärke": _text(size=15, bold=True, caps=True, tracking=0.04, line_height=1.3),
    "förvaltning": _text(after=0),
    "dokumenttyp": _text(bold=True, caps=True, tracking=0.03, after=0),
    "metarubrik": _text(size=9.5, bold=True, after=0),
    "metauppgift": _text(size=9.5, after=0),
    "mottagare": _text(bold=True, after=17.0),
    "ärendenummer": _text(size=12, bold=True, before=17.0, after=0),
    "tabelltext": _text(size=9.5, after=0),
    "tabellrubrik": _text(size=9.5, bold=True, after=0),
    "sidhuvud": _text(size=9, line_height=1.3, after=0),
    "sidfot": _text(size=8, line_height=1.25, after=0),
    "fotnot": _text(size=9, line_height=1.25, after=0),
    "underskrift": _text(after=0),
    "underskriftsenhet": _text(bold=False, after=0),
    "stämpel": _text(size=9.5, line_height=1.25, after=17.0),
}
HEADING_PARTS = ("rubrik 1", "rubrik 2", "rubrik 3", "rubrik 4")
# Parts set in the "detail" face (masthead, running header, table headings, recipient)
# unless the house names a font for them.
DETAIL_PARTS = ("ordmärke", "förvaltning", "dokumenttyp", "metarubrik", "metauppgift",
                "mottagare", "tabellrubrik", "sidhuvud", "sidfot", "stämpel")


class Fonts(StyleModel):
    """The house's typefaces by role."""

    body: str = Field("Times New Roman", alias="brödtext",
                      description="Typsnitt för löptext, listor, tabeller och underskrifter.")
    headings: str | None = Field(None, alias="rubriker",
                                 description="Typsnitt för rubriker (utelämnat: brödtextens).")
    details: str | None = Field(None, alias="detaljer",
                                description="Typsnitt för sidhuvud, dokumenthuvud, mottagare, "
                                            "tabellrubriker och sidfot (utelämnat: brödtextens).")


class Page(StyleModel):
    """The page: its size and its margins."""

    size: Literal["A4", "A5", "A3", "Letter"] = Field("A4", alias="format", description="Pappersformat.")
    top: Millimetres = Field(28, alias="överkant", description="Övre marginal i mm.")
    right: Millimetres = Field(22, alias="höger", description="Höger marginal i mm.")
    bottom: Millimetres = Field(25, alias="nederkant", description="Nedre marginal i mm.")
    left: Millimetres = Field(25, alias="vänster", description="Vänster marginal i mm.")

    @property
    def dimensions(self) -> tuple[float, float]:
        """Width and height in millimetres."""
        return {"A4": (210, 297), "A5": (148, 210), "A3": (297, 420), "Letter": (215.9, 279.4)}[self.size]

    @property
    def text_width(self) -> float:
        return self.dimensions[0] - self.left - self.right

    @model_validator(mode="after")
    def _room_left(self) -> "Page":
        width, height = self.dimensions
        if width - self.left - self.right < 60 or height - self.top - self.bottom < 80:
            raise ValueError("marginalerna lämnar för lite plats för texten på sidan")
        return self


def page_form(value: str) -> str:
    """A page number's form: {sida} and perhaps {sidor}, no other field."""
    unknown = set(re.findall(r"\{([^}]*)\}", value)) - {"sida", "sidor"}
    if unknown:
        raise ValueError(f"okänt fält {{{sorted(unknown)[0]}}} i sidnumret; bara {{sida}} och {{sidor}} finns")
    if "{sida}" not in value:
        raise ValueError("sidnumret måste innehålla {sida}")
    return value


class PageNumber(StyleModel):
    """The page number: its wording, where it stands and on which pages."""

    form: str = Field("Sida {sida} ({sidor})", alias="form",
                      description="Sidnumrets form: {sida} är sidans nummer, {sidor} antalet sidor, "
                                  "t.ex. '{sida} ({sidor})' eller '{sida}/{sidor}'.")
    place: Literal["sidhuvud", "sidfot"] = Field("sidhuvud", alias="plats",
                                                 description="I sidhuvudet (till höger) eller i sidfoten.")
    pages: Pages = Field("alla", alias="sidor", description="Sidor med sidnummer.")

    @field_validator("form")
    @classmethod
    def _has_number(cls, value: str) -> str:
        return page_form(value)


class RunningHeader(StyleModel):
    """The running header's text (the page number has its own setting)."""

    text: str = Field("{kommun}[ · {diarienummer}] · {datum}", alias="text",
                      description="Sidhuvudets text i huvudhandlingen. Fält inom {} fylls i; "
                                  "en del inom [] skrivs bara om fälten i den har ett värde.")
    attachment: str = Field("{kommun} · {märkning}[ till {diarienummer}]", alias="bilaga",
                            description="Sidhuvudets text i en bilaga.")
    pages: Pages = Field("övriga", alias="sidor", description="Sidor där texten står.")
    later: str | None = Field(None, alias="senare sidor",
                              description="En egen text för sidorna efter den första, t.ex. "
                                          "'Datum {datum} · Vår beteckning {diarienummer}'. Den står på "
                                          "varje sida efter den första; text: står då bara på "
                                          "första sidan, om sidor: är alla eller första. En "
                                          "bilaga har sin text (bilaga:) på alla sina sidor.")
    separator: str = Field(", ", alias="skiljetecken", max_length=10,
                           description="Står mellan diarienummer, nämnder och förvaltningar i en "
                                       "gemensam handling, i sidhuvud och sidfot.")


# The fields a running header or a footer line may name in braces, and what each holds
# (compose fills them in for each paper; arende hus guide lists them). A förvaltning's
# own 'uppgifter:' in the register add fields of their own, e.g. {telefon}.
FURNITURE_FIELDS: dict[str, str] = {
    "kommun": "organisationens namn (namn: i registret)",
    "förvaltning": "förvaltningens namn",
    "enhet": "förvaltningens enhet (enhet:), eller inget",
    "dokumenttyp": "huvudhandlingens typ (dokumenttyp: i registret)",
    "diarienummer": "handlingens diarienummer, eller inget",
    "datum": "handlingens datum, ÅÅÅÅ-MM-DD",
    "nämnd": "den mottagande nämndens namn",
    "sammanträde": "sammanträdets datum, eller inget",
    "registreringsår": "året då ärendet diariefördes (registreringsår: eller diarienumrets år), eller inget",
    "märkning": "bilagans märkning ('Bilaga 6:1'), annars 'Bilaga' och numret (bara i en bilaga)",
    "titel": "ärendets rubrik",
    "bilaga": "bilagans nummer (bara i en bilaga)",
}
# A footer line that is only this field stands for every line of the förvaltning's
# address (adress: in the register), one line each.
ADDRESS_FIELD = "adress"


class FooterColumn(StyleModel):
    """One column of the running footer."""

    heading: str | None = Field(None, alias="rubrik", description="Etikett ovanför kolumnen, t.ex. 'Postadress'.")
    lines: list[str] = Field(alias="rader", min_length=1,
                             description="Raderna; fält inom {} fylls i, **fet** text tillåts.")
    width: Millimetres | None = Field(None, alias="bredd",
                                      description="Bredd i mm (utelämnad: kolumnerna delar lika på resten).")


class RunningFooter(StyleModel):
    """The running footer: columns of labelled fields, e.g. the förvaltning's address."""

    columns: list[FooterColumn] = Field(default_factory=list, alias="kolumner", max_length=8,
                                        description="Sidfotens kolumner, från vänster.")
    pages: Pages = Field("alla", alias="sidor", description="Sidor med sidfot.")
    rule: bool = Field(False, alias="linje", description="En tunn linje ovanför sidfoten.")


MastheadField = Literal["handläggare", "datum", "diarienummer", "till", "nämnd", "sammanträde", "sida",
                        "uppgifter"]
# Each field's label in the masthead unless the house words it (huvud: etiketter:).
MASTHEAD_LABELS: dict[str, str] = {"handläggare": "Handläggare", "datum": "Datum", "diarienummer": "Diarienummer",
                                   "till": "Till", "nämnd": "Nämnd", "sammanträde": "Sammanträde", "sida": "Sida"}


class Detail(StyleModel):
    """One of the plan's own masthead cells (uppgifter: in arende.yaml), by its label."""

    name: str = Field(alias="uppgift", min_length=1, max_length=60,
                      description="Uppgiftens etikett som planen skriver den under uppgifter:, "
                                  "t.ex. 'Dokument-ID'.")
    always: bool = Field(False, alias="även tom",
                         description="Skriv etiketten även när planen saknar uppgiften "
                                     "(en tom ruta, t.ex. 'Er beteckning').")


def _masthead_entry(value):
    """A masthead field's name, or {uppgift: …}; an unknown name is refused with the
    names that exist."""
    if isinstance(value, str) and value not in MASTHEAD_LABELS and value != "uppgifter":
        from generator.model.hints import did_you_mean

        hint = did_you_mean(value, [*MASTHEAD_LABELS, "uppgifter"], listing=False)
        raise ValueError(f"okänt fält '{value}'" + (f" ({hint})" if hint else "")
                         + "; fälten är " + ", ".join(MASTHEAD_LABELS)
                         + ", uppgifter (alla planens uppgifter) eller {uppgift: namn}")
    return value


# A name or an {uppgift: …}; the tag keeps an error in one from being reported as both.
MastheadEntry = Annotated[
    Annotated[MastheadField, Tag("fält")] | Annotated[Detail, Tag("uppgift")],
    Discriminator(lambda value: "fält" if isinstance(value, str) else "uppgift"),
    BeforeValidator(_masthead_entry)]


def _default_fields() -> list[MastheadEntry]:
    return ["handläggare", "datum", "diarienummer"]


def _default_action_widths() -> dict[int, list[float]]:
    return {4: [46.0, 18.0, 18.0, 18.0], 3: [60.0, 20.0, 20.0], 2: [75.0, 25.0], 1: [100.0]}


def _default_attestation_widths() -> list[float]:
    return [50.0, 25.0]


class Masthead(StyleModel):
    """The first page's head: logo or name, paper type, and the case's fields."""

    fields: list[MastheadEntry] = Field(
        default_factory=_default_fields, alias="fält",
        description="Uppgifterna under dokumenthuvudet, i ordning: handläggare, datum, "
                    "diarienummer, till (nämnd och sammanträdesdatum), nämnd, sammanträde, "
                    "sida (sidnumret, t.ex. '1 (5)'), en av planens egna uppgifter "
                    "({uppgift: Dokument-ID}, med 'även tom: true' även när planen saknar den) "
                    "eller uppgifter (alla planens uppgifter som inte nämns för sig).")
    labels: dict[MastheadField, str] = Field(
        default_factory=dict, alias="etiketter",
        description="Egna etiketter för uppgifterna, t.ex. {datum: DATUM, diarienummer: DIARIENR, sida: SIDA}; "
                    "utelämnade heter Handläggare, Datum, Diarienummer, Till, Nämnd, Sammanträde och Sida.")
    page_form: str = Field("{sida} ({sidor})", alias="sidform",
                           description="Sidnumrets form i uppgiften sida: {sida} är sidans nummer, "
                                       "{sidor} antalet sidor, t.ex. '{sida}/{sidor}'.")
    column_width: Millimetres = Field(40, alias="kolumnbredd", description="Varje uppgiftskolumns bredd i mm.")
    gap: Millimetres = Field(10, alias="mellanrum", description="Mellanrum mellan kolumnerna i mm.")
    dnr_in_title: bool = Field(False, alias="diarienummer i rubrikblocket",
                               description="Skriv 'Dnr …' under dokumenttypen överst till höger.")
    dnr_under_title: bool = Field(False, alias="diarienummer under rubriken",
                                  description="Skriv 'Dnr …' på egen rad direkt under ärendets rubrik, "
                                              "före förslaget till beslut.")
    title_block_at: Percent = Field(55, alias="rubrikblockets plats",
                                    description="Var rubrikblocket (förvaltning och dokumenttyp) börjar, "
                                                "i procent av textbredden från vänster.")
    fields_above: Millimetres = Field(8, alias="avstånd före uppgifterna",
                                      description="Avstånd i mm mellan logotypen och uppgifterna.")
    space_after: Millimetres = Field(10, alias="avstånd efter",
                                     description="Avstånd i mm mellan dokumenthuvudet och texten.")
    logo_width: Millimetres = Field(60, alias="logotypens bredd", description="Logotypens största bredd i mm.")
    logo_height: Millimetres = Field(16, alias="logotypens höjd", description="Logotypens största höjd i mm.")
    show_recipient: bool = Field(True, alias="mottagare",
                                 description="Skriv mottagande nämnd på egen rad under huvudet.")

    @field_validator("page_form")
    @classmethod
    def _page_form(cls, value: str) -> str:
        return page_form(value)

    def label(self, name: str) -> str:
        """The label of masthead field *name*: the house's own, else the shared one."""
        return self.labels.get(name, MASTHEAD_LABELS[name])  # type: ignore[call-overload]

    @property
    def detail_names(self) -> set[str] | None:
        """The plan's uppgifter this masthead prints by name; None where it prints all."""
        if "uppgifter" in self.fields:
            return None
        return {field.name for field in self.fields if isinstance(field, Detail)}

    def details(self, written: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
        """The cells of the plan's uppgifter (*written*) per masthead entry: a named one's
        (empty where the plan lacks it, unless the house prints its label anyway), and
        under 'uppgifter' every one not named for itself."""
        named = {field.name for field in self.fields if isinstance(field, Detail)}
        cells: dict[str, list[tuple[str, str]]] = {
            "uppgifter": [(name, text) for name, text in written.items() if name not in named]}
        for field in self.fields:
            if isinstance(field, Detail) and (field.name in written or field.always):
                cells[field.name] = [(field.name, written.get(field.name, ""))]
        return cells

    @property
    def item_indent(self) -> float:
        """Where 'Ärende 7' starts: under the 'till' column where there is one."""
        if "till" in self.fields:
            return self.fields.index("till") * (self.column_width + self.gap)
        return 0.0


class Tables(StyleModel):
    """Tables: lines, heading row and column widths per kind of table."""

    rule_colour: Colour = Field("#555555", alias="linjefärg", description="Linjernas färg.")
    rule_width: Points = Field(0.5, alias="linjebredd", description="Linjernas bredd i punkter.")
    heading_fill: Colour | None = Field("#E8E8E8", alias="rubrikfärg",
                                        description="Rubrikradens bakgrundsfärg (tomt: ingen).")
    padding_vertical: Millimetres = Field(1.5, alias="cellmarginal lodrätt", description="I mm.")
    padding_horizontal: Millimetres = Field(2, alias="cellmarginal vågrätt", description="I mm.")
    actions: dict[int, list[Percent]] = Field(
        default_factory=_default_action_widths,
        alias="åtgärder",
        description="Åtgärdstabellernas kolumnbredder i procent av textbredden, per antal kolumner.")
    attestation: list[Percent] = Field(default_factory=_default_attestation_widths, alias="attest",
                                       description="Attesttabellens kolumnbredder i procent.")

    @field_validator("actions")
    @classmethod
    def _widths_fit(cls, value: dict[int, list[float]]) -> dict[int, list[float]]:
        for count, widths in value.items():
            if len(widths) != count:
                raise ValueError(f"{count} kolumner ska ha {count} bredder, inte {len(widths)}")
            if sum(widths) > 100.01:
                raise ValueError(f"bredderna för {count} kolumner blir {sum(widths):g} %, mer än 100 %")
        return value

    @field_validator("attestation")
    @classmethod
    def _fits(cls, value: list[float]) -> list[float]:
        if len(value) != 2 or sum(value) > 100.01:
            raise ValueError("attesttabellen har två kolumner som tillsammans är högst 100 %")
        return value


class Signatures(StyleModel):
    """The signature block."""

    per_row: int = Field(2, alias="per rad", ge=1, le=4, description="Underskrifter bredvid varandra.")
    unit: bool = Field(True, alias="förvaltning", description="Förvaltningens namn ovanför underskrifterna.")
    space_above: Points = Field(8 * MM_IN_PT, alias="avstånd före",
                                description="Avstånd ovanför förvaltningens namn i underskriftsblocket.")
    name_space: Points = Field(7.5 * MM_IN_PT, alias="avstånd före namn",
                               description="Avstånd ovanför varje namn (plats för namnteckningen).")


def _known_part(name: str) -> str:
    """A text kind of ``text:`` must be one of the paper's parts (checked per key, so
    an error in another part's values does not hide it)."""
    if name not in PART_DEFAULTS:
        from generator.model.hints import did_you_mean

        hint = did_you_mean(name, PART_DEFAULTS, listing=False)
        raise ValueError(f"okänt textslag '{name}'" + (f" ({hint})" if hint else "")
                         + "; textslagen är " + ", ".join(PART_DEFAULTS))
    return name


PartName = Annotated[str, AfterValidator(_known_part)]


class HouseStyle(StyleModel):
    """The whole look of a house's papers."""

    page: Page = Field(default_factory=Page, alias="sida", description="Sidans format och marginaler.")
    fonts: Fonts = Field(default_factory=Fonts, alias="typsnitt", description="Typsnitt per roll.")
    text: dict[PartName, TextStyle] = Field(default_factory=dict, alias="text",
                                            description="Utseendet per textslag: " + ", ".join(PART_DEFAULTS) + ".")
    page_number: PageNumber = Field(default_factory=PageNumber, alias="sidnummer",
                                    description="Sidnumrets form och plats.")
    header: RunningHeader = Field(default_factory=RunningHeader, alias="sidhuvud",
                                  description="Sidhuvudets text och sidor.")
    footer: RunningFooter = Field(default_factory=RunningFooter, alias="sidfot",
                                  description="Sidfotens kolumner och sidor.")
    masthead: Masthead = Field(default_factory=Masthead, alias="huvud",
                               description="Dokumenthuvudet på första sidan.")
    tables: Tables = Field(default_factory=Tables, alias="tabeller", description="Tabeller.")
    signatures: Signatures = Field(default_factory=Signatures, alias="underskrifter",
                                   description="Underskrifter.")
    marks: Marks = Field(default_factory=Marks, alias="stämplar",
                         description="Utkastets vattenstämpel och stämplarna för signerad, beslutad "
                                     "och reviderad handling.")
    attachment_list: Literal["lista", "rad"] = Field(
        "lista", alias="bilageförteckning",
        description="Bilagorna i tjänsteskrivelsen: lista (rubriken 'Bilagor' och en numrerad lista) "
                    "eller rad ('Bilagor: Titel, bilaga 1', en rad per bilaga).")
    attachment_stamp: Annotated[AttachmentStamp, BeforeValidator(stamp_switch)] = Field(
        default_factory=AttachmentStamp, alias="bilagestämpel",
        description="Stämpeln 'Bilaga N' på en bifogad PDF (t.ex. en rapport eller karta).")

    def part(self, name: str) -> Look:
        """The full look of part *name*: the house's own settings, over the shared
        defaults, over the role's font, over the body text's font, size, colour and flags
        (spacing is each part's own and is never inherited)."""
        body = self.text.get("brödtext", _text()).over(
            _text(font=self.fonts.body).over(PART_DEFAULTS["brödtext"]))
        if name != "brödtext":
            role_font = self.fonts.headings if name in HEADING_PARTS else \
                self.fonts.details if name in DETAIL_PARTS else None
            default = _text(font=role_font).over(PART_DEFAULTS[name]) if role_font else PART_DEFAULTS[name]
            inherited = body.model_copy(update={"before": 0, "after": 0, "indent": 0})
            body = self.text.get(name, _text()).over(default).over(inherited)
        return Look(**body.model_dump())

    @property
    def footnote_area_margin(self) -> float:
        """Points between the last line of text and the footnote rule: 1em of the body
        text (WeasyPrint's own default), less the space above each footnote, which is
        the footnote's own (stil: text: fotnot: före) in both formats.

        LibreOffice draws its own rule and keeps no room for Word's separator note, so
        only the footnotes' own space reaches it. Moving the shared default's 1em into
        that space made WeasyPrint 70 defer the Uppsala bilaga's footnote to the page
        after its call, so the default keeps it in the area's margin."""
        return max(self.part("brödtext").size - self.part("fotnot").before, 0)

    @property
    def footnote_separator(self) -> float:
        """The height of Word's separator note: the footnote area's margin, rule and
        padding, as in the PDF's @footnote."""
        return self.footnote_area_margin + FOOTNOTE_RULE_PT + FOOTNOTE_PADDING_MM * MM_IN_PT

    def footer_widths(self) -> list[float]:
        """Each footer column's width in millimetres: its own, or an equal share of
        what the declared widths leave of the text width. The CSS and the DOCX footer
        are both drawn from these numbers."""
        declared = [column.width for column in self.footer.columns]
        free = sum(1 for width in declared if not width)
        rest = (self.page.text_width - sum(width or 0 for width in declared)) / free if free else 0
        return [width or rest for width in declared]

    @model_validator(mode="after")
    def _footer_fits(self) -> "HouseStyle":
        declared = [column.width for column in self.footer.columns]
        fixed, free = sum(width or 0 for width in declared), declared.count(None)
        room = self.page.text_width - fixed
        if room < 0 or (free and room < 10 * free):
            raise ValueError(
                f"sidfotens kolumner är {fixed:g} mm breda tillsammans, men texten är "
                f"{self.page.text_width:g} mm bred" + (f" och {free} kolumn(er) utan bredd behöver plats"
                                                       if free else ""))
        return self

    def fonts_used(self) -> list[str]:
        """Every font family named by some part, in a stable order."""
        return sorted({self.part(name).font for name in PART_DEFAULTS})
