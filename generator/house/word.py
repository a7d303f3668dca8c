"""``arende hus importera``: a municipality's own Word template read into ``stil:``.

What a Word template says about the look that ``stil:`` can hold is read with
python-docx: the page size and margins of the first section; the font, size, spacing
and line height of Normal (the body text); the font, size, bold, italics, colour and
spacing of Heading 1–4. Font names and sizes Word inherits (from the style a style is
based on, the document defaults or the theme's fonts) are followed to where they are
set. Everything else (headers, footers, logos, tables) is left to the house author:
the output says what was read and what was not.

The ``stil:`` block of the house's ``hus.yaml`` is rewritten with the values read merged
over what it already held; the rest of the file, comments included, is left as it was.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.os_errors import swedish
from generator.errors import ArendeError, display_path
from generator.house.style import WORD_FONTS, HouseStyle, Page

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# Fonts with serifs, for choosing the stand-in a font arende does not ship gets.
SERIF = ("cambria", "georgia", "garamond", "book antiqua", "palatino", "constantia", "century",
         "times", "minion", "caslon", "baskerville", "bodoni", "didot", "serif")


@dataclass
class Imported:
    """What was read: the ``stil:`` values (YAML keys), and lines telling the user what."""

    style: dict = field(default_factory=dict)
    read: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def open_word(path: Path):
    """The Word document or template *path* (.docx, .dotx, .docm, .dotm) for python-docx."""
    from docx import Document

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ArendeError(f"{display_path(path)} kan inte läsas: {swedish(exc)}") from None
    try:
        data = _as_document(data)
        return Document(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - python-docx and zipfile raise many kinds
        raise ArendeError(f"{display_path(path)} kan inte läsas som en Word-fil (.docx eller .dotx)") from None


def _as_document(data: bytes) -> bytes:
    """A template (.dotx) with its main part's content type made a document's, which is
    all that tells the two apart; python-docx opens only documents."""
    source = zipfile.ZipFile(io.BytesIO(data))
    types = source.read("[Content_Types].xml").decode("utf-8")
    if TEMPLATE_TYPE not in types and "macroEnabledTemplate" not in types and "macroEnabled" not in types:
        return data
    types = re.sub(r"application/vnd\.(ms-word\.template\.macroEnabledTemplate|ms-word\.document\.macroEnabled)"
                   r"\.main\+xml|" + re.escape(TEMPLATE_TYPE), DOCUMENT_TYPE, types)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, types if item.filename == "[Content_Types].xml" else source.read(item))
    return out.getvalue()


def read_word_style(path: Path, own_fonts: set[str], house: str) -> Imported:
    """The look *path* declares, as ``stil:`` values; *own_fonts* are the font families
    the house brings in its fonts/ folder (``house`` is its name, for the messages)."""
    document = open_word(path)
    found = Imported()
    _page(document, found)
    theme = _theme_fonts(document)
    styles = document.styles
    body = _paragraph_look(styles, "Normal", theme, heading=False)
    body_font = _choose_font(body.pop("font", None), own_fonts, house, found)
    found.style["typsnitt"] = {"brödtext": body_font}
    found.style["text"] = {"brödtext": body}
    found.read.append(f"brödtext (Normal): {_describe(body_font, body)}")
    heading_font = None
    for level in range(1, 5):
        try:
            look = _paragraph_look(styles, f"Heading {level}", theme, heading=True)
        except KeyError:
            found.notes.append(f"mallen har ingen Rubrik {level}; rubrik {level} får husets utseende")
            continue
        font = _choose_font(look.pop("font", None), own_fonts, house, found)
        if heading_font is None:
            heading_font = font
            if font != body_font:
                found.style["typsnitt"]["rubriker"] = font
        elif font != heading_font:
            look["typsnitt"] = font
        found.style["text"][f"rubrik {level}"] = look
        found.read.append(f"rubrik {level} (Rubrik {level}): {_describe(font, look)}")
    found.notes.append("sidhuvud, sidfot, logotyp och tabeller läses inte ur Word-mallen: "
                       "ange dem under stil: (se arende hus guide)")
    return found


def _page(document, found: Imported) -> None:
    section = document.sections[0]
    width, height = section.page_width, section.page_height
    if width is None or height is None:
        found.notes.append("mallen anger ingen sidstorlek; A4 används")
        return
    width_mm, height_mm = width.mm, height.mm
    if width_mm > height_mm:
        found.notes.append("mallen är liggande; arendes handlingar är stående, så sidan vänds")
        width_mm, height_mm = height_mm, width_mm
    size = next((name for name in ("A4", "A5", "A3", "Letter")
                 if _near(Page.model_construct(size=name).dimensions, (width_mm, height_mm))), None)
    page: dict[str, str | float] = {}
    if size is None:
        found.notes.append(f"sidstorleken {width_mm:.0f} × {height_mm:.0f} mm finns inte i arende; A4 används")
        size = "A4"
    page["format"] = size
    for key, value in (("överkant", section.top_margin), ("höger", section.right_margin),
                       ("nederkant", section.bottom_margin), ("vänster", section.left_margin)):
        if value is not None:
            page[key] = _number(value.mm, 1)
    found.style["sida"] = page
    margins = ", ".join(f"{key} {page[key]:g} mm" for key in ("överkant", "höger", "nederkant", "vänster")
                        if key in page)
    found.read.append(f"sida: {size}" + (f", marginaler: {margins}" if margins else ""))


def _near(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return abs(a[0] - b[0]) < 2 and abs(a[1] - b[1]) < 2


def _number(value: float, decimals: int) -> float | int:
    value = round(value, decimals)
    return int(value) if value == int(value) else value


def _theme_fonts(document) -> dict[str, str]:
    """The theme's major (headings) and minor (body) Latin fonts."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    for rel in document.part.rels.values():
        if rel.reltype == RT.THEME and not rel.is_external:
            root = etree.fromstring(rel.target_part.blob)
            fonts = {}
            for kind in ("major", "minor"):
                latin = root.find(f".//{{{A}}}{kind}Font/{{{A}}}latin")
                if latin is not None and latin.get("typeface"):
                    fonts[kind] = latin.get("typeface")
            return fonts
    return {}


def _chain(style):
    """*style* and the styles it is based on, nearest first."""
    seen = set()
    while style is not None and style.style_id not in seen:
        seen.add(style.style_id)
        yield style
        style = style.base_style


def _defaults(styles, tag: str):
    found = styles.element.find(f"{{{W}}}docDefaults/{{{W}}}{tag}")
    return found


def _font_name(styles, style, theme: dict[str, str]) -> str | None:
    """The Latin font of *style*, followed through the styles it is based on, the
    document defaults and the theme."""
    candidates = [s.element.rPr for s in _chain(style)]
    defaults = _defaults(styles, "rPrDefault")
    if defaults is not None:
        candidates.append(defaults.find(f"{{{W}}}rPr"))
    for rpr in candidates:
        fonts = rpr.find(f"{{{W}}}rFonts") if rpr is not None else None
        if fonts is None:
            continue
        if fonts.get(f"{{{W}}}ascii"):
            return fonts.get(f"{{{W}}}ascii")
        themed = fonts.get(f"{{{W}}}asciiTheme")
        if themed:
            return theme.get("major" if themed.startswith("major") else "minor")
    return theme.get("minor")


def _inherited(style, get):
    for each in _chain(style):
        value = get(each)
        if value is not None:
            return value
    return None


def _paragraph_look(styles, name: str, theme: dict[str, str], *, heading: bool) -> dict:
    """The look of the paragraph style *name* as a ``stil: text:`` part (and its font)."""
    style = styles[name]
    look: dict = {}
    font = _font_name(styles, style, theme)
    if font:
        look["font"] = font
    size = _inherited(style, lambda s: s.font.size)
    if size is None:
        defaults = _defaults(styles, "rPrDefault")
        sz = defaults.find(f"{{{W}}}rPr/{{{W}}}sz") if defaults is not None else None
        if sz is not None and sz.get(f"{{{W}}}val", "").isdigit():
            look["storlek"] = _number(int(sz.get(f"{{{W}}}val")) / 2, 1)
    else:
        look["storlek"] = _number(size.pt, 1)
    if heading:
        look["fet"] = bool(_inherited(style, lambda s: s.font.bold))
        if _inherited(style, lambda s: s.font.italic):
            look["kursiv"] = True
        colour = _inherited(style, lambda s: s.font.color.rgb if s.font.color.type is not None else None)
        if colour is not None:
            look["färg"] = f"#{colour}"
    for key, attribute in (("före", "space_before"), ("efter", "space_after")):
        value = _inherited(style, lambda s: getattr(s.paragraph_format, attribute))
        if value is not None:
            look[key] = _number(value.pt, 1)
    spacing = _inherited(style, lambda s: s.paragraph_format.line_spacing)
    if isinstance(spacing, float) and 0.8 <= spacing <= 3:
        look["radavstånd"] = _number(spacing, 2)
    return look


def _choose_font(font: str | None, own: set[str], house: str, found: Imported) -> str:
    """*font* if arende can set it (a Word font it ships a twin of, or one of the
    house's own), else the shipped font of the same kind, with a note saying so."""
    if font is None:
        return "Times New Roman"
    if font in WORD_FONTS or font in own:
        return font
    stand_in = "Times New Roman" if any(word in font.lower() for word in SERIF) else "Arial"
    note = (f"typsnittet {font} följer inte med arende; {stand_in} används i stället. Vill ni ha "
            f"{font}: lägg dess typsnittsfiler (.ttf) i templates/{house}/fonts/ och skriv {font} "
            "under stil: typsnitt: i hus.yaml")
    if note not in found.notes:
        found.notes.append(note)
    return stand_in


def _describe(font: str, look: dict) -> str:
    parts = [font]
    if "storlek" in look:
        parts.append(f"{look['storlek']:g} pt")
    if look.get("fet"):
        parts.append("fet")
    if look.get("kursiv"):
        parts.append("kursiv")
    if "färg" in look:
        parts.append(f"färg {look['färg']}")
    for key in ("före", "efter"):
        if key in look:
            parts.append(f"{key} {look[key]:g} pt")
    if "radavstånd" in look:
        parts.append(f"radavstånd {look['radavstånd']:g}")
    return ", ".join(parts)


# --- writing stil: into hus.yaml ----------------------------------------------------


def merged(old, new):
    """*new* over *old*, mapping by mapping."""
    if isinstance(old, dict) and isinstance(new, dict):
        out = dict(old)
        for key, value in new.items():
            out[key] = merged(old.get(key), value)
        return out
    return new


def ordered(value, cls=HouseStyle):
    """*value* (``stil:`` data) with its keys in the order the guide lists them: the
    model's fields in order, text kinds in the paper's order; unknown keys last."""
    from pydantic import BaseModel

    from generator.model.messages import _inner_model as _inner
    from generator.house.style import PART_DEFAULTS, TextStyle

    if isinstance(value, list):
        return [ordered(item, cls) for item in value]
    if not isinstance(value, dict) or cls is None:
        return value
    if cls is dict:   # stil: text: one TextStyle per text kind
        rank = {name: index for index, name in enumerate(PART_DEFAULTS)}
        return {key: ordered(value[key], TextStyle) for key in sorted(value, key=lambda k: rank.get(k, 99))}
    fields = {info.alias: info for info in cls.model_fields.values()}
    rank = {alias: index for index, alias in enumerate(fields)}
    out = {}
    for key in sorted(value, key=lambda k: rank.get(k, 99)):
        info = fields.get(key)
        inner = None
        if info is not None:
            inner = dict if key == "text" and cls is HouseStyle else _inner(info.annotation)
            if inner is not None and inner is not dict and not issubclass(inner, BaseModel):
                inner = None
        out[key] = ordered(value[key], inner)
    return out


def _plain(value):
    """YAML text values as the numbers and truth values they stand for, so the block is
    written back as a person would write it (11, not '11')."""
    if isinstance(value, dict):
        return {_plain(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, str):
        if re.fullmatch(r"-?\d+", value):
            return int(value)
        if re.fullmatch(r"-?\d+\.\d+", value):
            return float(value)
        if value in ("true", "false"):
            return value == "true"
    return value


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:   # arende's loader refuses aliases
        return True


def style_block(style: dict, source: str) -> str:
    """The ``stil:`` block of hus.yaml holding *style*."""
    text = yaml.dump({"stil": _plain(ordered(style))}, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=None, width=100)
    first, rest = text.split("\n", 1)
    return f"{first}\n  # sida, typsnitt och rubriker lästa ur {source} (arende hus importera)\n{rest}"


def replace_style_block(text: str, block: str) -> str:
    """*text* (a hus.yaml) with its top-level ``stil:`` block replaced by *block* (or
    *block* added at the end); every other line is kept as it was."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(r"stil\s*:", line)), None)
    if start is None:
        tail = "" if text.endswith("\n") or not text else "\n"
        return text + tail + "\n# Utseendet: både PDF och Word-fil görs efter detta (se arende hus guide).\n" + block
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t#"):
        end += 1
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1   # blank lines and comments at the margin belong to what follows
    return "".join(lines[:start]) + block + "".join(lines[end:])


def check_style(style: dict) -> list[str]:
    """What is wrong with the merged declaration, in the model's words (empty: nothing)."""
    from pydantic import ValidationError

    try:
        HouseStyle.model_validate(style)
    except ValidationError as exc:
        return [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors(include_url=False)]
    return []
