"""House styles: where they live, and what one consists of.

A house style is a folder under ``templates/``: ``hus.yaml`` (the organisation
register and, under ``stil:``, the declaration of the papers' look, see
:mod:`generator.house.style`), optionally Jinja2 templates that extend the shared ones
in ``templates/base/``, fonts and a logo. Templates are looked up in the house folder
first, then in ``base/``, so a house replaces one template or one block and inherits the
rest (the MkDocs theme model); the look is never in a template or a stylesheet of the
house's own, so the PDF and the DOCX follow the same declaration.

Houses are searched for in a ``templates/`` folder in the working folder (beside the
municipality's ``plans/``) before the ones that ship with arende, so a municipality
adds or adapts a house by copying a folder, even when arende is installed as a wheel.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from collections.abc import Callable
from pathlib import Path

from pydantic import Field, ValidationError

from generator.errors import WARNING, HouseProblem, InvalidPlan, Location, Problem, TemplateProblem
from generator.house import css, fonts
from generator.house.style import (ADDRESS_FIELD, FURNITURE_FIELDS, WORD_FONTS, HouseStyle,
                                   RunningFooter, RunningHeader)
from generator.load import Source, load_yaml
from generator.load.files import inside
from generator.load.source import dotted
from generator.model.checks import PLACEHOLDER, strings
from generator.model.hints import did_you_mean
from generator.model.messages import problems_from
from generator.model.register import Register
from generator.naming import slug

BASE = "base"
REGISTER_FILE = "hus.yaml"
LOGO_NAMES = ("logo.png", "logo.jpg", "logo.jpeg")
# Image files that look like a logo but are never used (Word shows PNG and JPEG only).
OTHER_LOGOS = ("logo.gif", "logo.webp", "logo.bmp", "logo.tif", "logo.tiff")
LOGO_FORMATS = {"PNG", "JPEG"}
LOGO_MIN_PIXELS = 600    # 60 mm wide at 250 dpi: sharp enough in print


class HouseDeclaration(Register):
    """All of ``hus.yaml``: the register, and the look under ``stil:``."""

    style: HouseStyle = Field(default_factory=HouseStyle, alias="stil")


def templates_root() -> Path:
    """The templates that ship with arende: inside the wheel, or beside the package in a checkout."""
    package = Path(__file__).resolve().parents[1]   # generator/
    packaged = package / "templates"
    if packaged.is_dir():
        return packaged
    return package.parent / "templates"


def template_roots() -> tuple[Path, ...]:
    """Where houses are looked for, most specific first: ./templates, then the shipped ones."""
    roots: list[Path] = []
    for root in (Path.cwd() / "templates", templates_root()):
        root = root.resolve()
        if root.is_dir() and root not in roots:
            roots.append(root)
    return tuple(roots)


@dataclass(frozen=True)
class House:
    """One house style, ready to compose with."""

    key: str
    folder: Path
    register: Register
    roots: tuple[Path, ...]
    style: HouseStyle = field(default_factory=HouseStyle)

    @property
    def css_name(self) -> str:
        """The house's name as a CSS class part (``house-<css_name>``): ASCII, lower case,
        whatever the folder is called ('Region Örebro län' → 'region-orebro-lan')."""
        return re.sub(r"[^a-z0-9]+", "-", slug(self.key).lower()).strip("-") or "hus"

    @property
    def base(self) -> Path:
        """The shared base templates: from the first root that has them (the shipped one at the latest)."""
        for root in self.roots:
            if (root / BASE / "paper.html.j2").is_file():
                return root / BASE
        raise TemplateProblem("grundmallarna (templates/base) saknas")

    @property
    def search_path(self) -> list[Path]:
        """Template folders, most specific first."""
        return [self.folder, self.base]

    @property
    def stylesheets(self) -> list[Path]:
        """The shared CSS mechanics every paper is laid out with (before :attr:`css`)."""
        return [self.base / "paper.css"]

    @cached_property
    def css(self) -> str:
        """The CSS generated from the house's style declaration, fonts as file: URLs."""
        return css.stylesheet(self.style, self.faces)

    def css_for(self, url: Callable[[Path], str | None]) -> str:
        """The same CSS with each font file's address given by *url* (the preview's)."""
        return css.stylesheet(self.style, self.faces, url)

    @cached_property
    def faces(self) -> dict[str, dict[tuple[str, str], Path]]:
        """Each font family the style names → its files by (weight, style): the house's own
        fonts first, then the open fonts that stand in for Word's."""
        own = fonts.families(self.folder / "fonts")
        found = {}
        for family in self.style.fonts_used():
            if family in own:
                found[family] = own[family]
            elif family in WORD_FONTS:
                found[family] = fonts.bundled_faces(self.base / "fonts", family)
        return found

    @property
    def font_files(self) -> list[Path]:
        """The font files this house's papers are set in."""
        return sorted({path for files in self.faces.values() for path in files.values()})

    @cached_property
    def glyphs(self) -> frozenset[int]:
        """Every code point the house's fonts can draw: read once per house, not per text
        value (validation asks for every string of every plan)."""
        return _glyphs(tuple(self.font_files))

    def covers(self, text: str) -> list[str]:
        """The characters of *text* that no font of the house can draw."""
        glyphs = self.glyphs
        return sorted({char for char in text if ord(char) not in glyphs and char not in "\n "})

    @property
    def logo(self) -> Path | None:
        for name in LOGO_NAMES:
            if (self.folder / name).is_file():
                return self.folder / name
        return None


def house_names(roots: tuple[Path, ...] | None = None) -> list[str]:
    """The houses available in the template roots."""
    roots = roots or template_roots()
    return sorted({p.name for root in roots for p in root.iterdir() if (p / REGISTER_FILE).is_file()})


def same_name(a: str, b: str) -> bool:
    """Two house names are one as people read them: in any case, and 'ö' typed either way
    (the NFD a Mac file system stores a folder name in, or NFC)."""
    return unicodedata.normalize("NFC", a).casefold() == unicodedata.normalize("NFC", b).casefold()


def house_folder(name: str, roots: tuple[Path, ...] | None = None) -> Path | None:
    """The folder of the house called *name*, from the most specific root, or None."""
    name = name.strip()
    if not name or name in (".", "..") or "/" in name or "\\" in name:
        return None
    for root in roots or template_roots():
        if (root / name / REGISTER_FILE).is_file():
            return root / name
        for candidate in sorted(root.iterdir()):
            if same_name(candidate.name, name) and (candidate / REGISTER_FILE).is_file():
                return candidate
    return None


def find_house(name: str, where: Location, field: str = "hus") -> House:
    """The house called *name*; an unknown name is a located problem with a did-you-mean."""
    roots = template_roots()
    folder = house_folder(name, roots)
    if folder is not None:
        # Keyed by the register's mtime too, so a long-lived process (the preview)
        # sees an edited hus.yaml while repeated builds still read it once.
        return _load_house(folder, roots, (folder / REGISTER_FILE).stat().st_mtime_ns)
    hint = did_you_mean(name.strip().lower(), house_names(roots))
    raise InvalidPlan([Problem(where, field, f"okänd husstil '{name}'", hint)])


def forget_houses() -> None:
    """Read every house register again on next use (for the preview, where staff edit them)."""
    _load_house.cache_clear()


@lru_cache(maxsize=None)
def _glyphs(files: tuple[Path, ...]) -> frozenset[int]:
    """Every code point the fonts can draw (their cmap tables, read once per process)."""
    return frozenset().union(*(fonts.code_points(file) for file in files))


@lru_cache(maxsize=64)
def _load_house(folder: Path, roots: tuple[Path, ...], _mtime: int) -> House:
    house, problems = inspect_house(folder, roots)
    if house is None or any(not p.is_warning for p in problems):
        raise HouseProblem(problems)
    return house


def inspect_house(folder: Path, roots: tuple[Path, ...]) -> tuple[House | None, list[Problem]]:
    """Every problem reading the house in *folder* can find, all at once, and the house
    as far as it could be read.

    A part of the register or of ``stil:`` with an error is replaced by a stand-in (the
    shared look, for the style), so that what comes after (fonts, the fields of the
    running header and footer, and for ``arende hus kontrollera`` the templates) is
    still tried and reported in the same round. The house is None only when
    ``hus.yaml`` cannot be read as YAML at all.
    """
    found = _folder_problems(folder) + _logo_problems(folder)
    if not inside(folder, folder / REGISTER_FILE):
        return None, found + [Problem(Location(folder / REGISTER_FILE), "", "hus.yaml ligger utanför husstilens "
                                      "mapp", "lägg själva filen i husets mapp, inte en länk till den")]
    try:
        source = load_yaml(folder / REGISTER_FILE)
    except InvalidPlan as exc:
        return None, exc.problems + found
    if not isinstance(source.data, dict):
        return None, [Problem(Location(source.path, 1, 1), "",
                              "hus.yaml ska innehålla fält (nyckel: värde)")] + found
    register: Register
    try:
        declared = HouseDeclaration.model_validate(source.data)
        register, style = declared, declared.style
    except ValidationError as exc:
        found += problems_from(exc, source, HouseDeclaration)
        register, style = _salvaged_register(source.data), _salvaged_style(source.data.get("stil"))
    house = House(folder.name, folder, register, roots, style)
    fields = _field_problems(house, source)
    if fields:   # stand in the shared header and footer, so the papers can still be made
        parts = {p.field.split(".")[1] for p in fields if p.field.startswith("stil.")}
        house = House(folder.name, folder, register, roots, style.model_copy(update={
            **({"header": RunningHeader.model_validate({})} if "sidhuvud" in parts else {}),
            **({"footer": RunningFooter.model_validate({})} if "sidfot" in parts else {})}))
    found += _font_problems(house, source) + fields + _placeholders(source)
    return house, found


# A register to stand in for the parts of hus.yaml that have errors, so the rest of
# the house can still be checked.
_STAND_IN = {
    "namn": "Kommunen", "dokumenttyp": "Tjänsteskrivelse",
    "diarienummer": {"mönster": ".+", "exempel": "DNR-2024-1"},
    "förvaltningar": {"F": {"namn": "Förvaltningen"}}, "nämnder": {"N": "Nämnden"},
    "kolumner": {"åtgärd": "Åtgärd", "huvudansvarig": "Huvudansvarig"},
}


def _salvaged_register(data: dict) -> Register:
    """The register of *data* with each top-level field that has an error replaced by a
    stand-in (or left out, when it is optional or unknown)."""
    data = {key: value for key, value in data.items() if key != "stil"}
    for _ in range(3):
        try:
            return Register.model_validate(data)
        except ValidationError as exc:
            for key in {str(error["loc"][0]) for error in exc.errors() if error["loc"]}:
                data.pop(key, None)
                if key in _STAND_IN:
                    data[key] = _STAND_IN[key]
    return Register.model_validate(_STAND_IN)


def _salvaged_style(data) -> HouseStyle:
    """The style of *data* with each part that has an error left to the shared look
    (each text kind of ``text:`` on its own)."""
    if not isinstance(data, dict):
        return HouseStyle()
    kept: dict = {}
    for key, value in data.items():
        if key == "text" and isinstance(value, dict):
            value = {part: look for part, look in value.items() if _valid({"text": {part: look}})}
        if _valid({key: value}):
            kept[key] = value
    return HouseStyle.model_validate(kept)


def _valid(data: dict) -> bool:
    try:
        HouseStyle.model_validate(data)
    except ValidationError:
        return False
    return True


def _font_problems(house: House, source: Source) -> list[Problem]:
    """A font the style names must be one every Word has, or one of the house's own."""
    own = fonts.families(house.folder / "fonts")
    problems = []
    for family in house.style.fonts_used():
        if family in own:
            restricted = sorted(p.name for p in own[family].values() if fonts.embedding_restricted(p))
            if restricted:
                where = _font_location(source, family)
                problems.append(Problem(
                    source.locate(where), ".".join(where),
                    f"typsnittet '{family}' får enligt sin licens inte bäddas in ({', '.join(restricted)})",
                    "Word-filen kan inte ta med det, så den som saknar typsnittet ser ett annat; "
                    "välj Arial eller Times New Roman, eller ett typsnitt som får bäddas in", WARNING))
        if family in own or family in WORD_FONTS:
            continue
        where = _font_location(source, family)
        known = sorted(WORD_FONTS) + sorted(own)
        problems.append(Problem(
            source.locate(where), ".".join(where), f"typsnittet '{family}' finns inte i husstilen",
            f"välj {' eller '.join(known)}, eller lägg typsnittets filer (.ttf) i "
            f"{house.folder.name}/fonts/ {did_you_mean(family, known, listing=False)}".strip()))
    return problems


def _font_location(source: Source, family: str) -> tuple:
    """Where *family* is named in hus.yaml (the first place), for the message."""
    style = source.data.get("stil") if isinstance(source.data, dict) else None
    if isinstance(style, dict):
        for role, name in (style.get("typsnitt") or {}).items():
            if name == family:
                return ("stil", "typsnitt", role)
        for part, look in (style.get("text") or {}).items():
            if isinstance(look, dict) and look.get("typsnitt") == family:
                return ("stil", "text", part, "typsnitt")
    return ("stil",)


_FIELD = re.compile(r"\{([^{}]*)\}")


def furniture_fields(register: Register) -> list[str]:
    """Every field a running header or footer line of this house may name."""
    own = {name for department in register.departments.values() for name in department.details}
    return list(FURNITURE_FIELDS) + sorted(own - set(FURNITURE_FIELDS))


def _field_problems(house: House, source: Source) -> list[Problem]:
    """Each field named in the running header and footer must be one a paper has; a
    förvaltning's own uppgifter may not take a built-in field's name."""
    found = []
    for code, department in house.register.departments.items():
        for name in department.details:
            at = ("förvaltningar", code, "uppgifter", name)
            if name in FURNITURE_FIELDS or name == ADDRESS_FIELD:
                found.append(Problem(source.locate(at, key=True), dotted(at),
                                     f"uppgiften '{name}' har samma namn som ett inbyggt fält",
                                     "ge den ett annat namn; {" + name + "} finns redan i sidfoten"))
            elif re.search(r"[{}\[\]]", name):
                found.append(Problem(source.locate(at, key=True), dotted(at),
                                     "en uppgifts namn får inte innehålla {, }, [ eller ]"))
    known = furniture_fields(house.register)
    header, footer = house.style.header, house.style.footer
    texts: list[tuple[tuple[str | int, ...], str, bool]] = [
        (("stil", "sidhuvud", "text"), header.text, False),
        (("stil", "sidhuvud", "bilaga"), header.attachment, False)]
    texts += [(("stil", "sidfot", "kolumner", i, "rader", j), line, True)
              for i, column in enumerate(footer.columns) for j, line in enumerate(column.lines)]
    for where, text, in_footer in texts:
        for name in _FIELD.findall(text):
            if name in known or (in_footer and text.strip() == "{" + ADDRESS_FIELD + "}"):
                continue
            if name == ADDRESS_FIELD:
                hint = "{adress} står ensamt på en rad i sidfoten och ger förvaltningens alla adressrader"
            else:
                guess = did_you_mean(name, known, listing=False)
                hint = (f"{guess} " if guess else "") + "fälten är " + ", ".join("{" + n + "}" for n in known)
                if in_footer:
                    hint += " och {adress} på en egen rad"
            found.append(Problem(source.locate(where), dotted(where), f"okänt fält {{{name}}}", hint))
    return found


def _placeholders(source: Source) -> list[Problem]:
    """A warning for each placeholder ('«Kommunens namn»') left in hus.yaml."""
    return [Problem(source.locate(at), dotted(at), f"platshållaren '{placeholder}' är kvar",
                    "fyll i eller ta bort", WARNING)
            for at, text in strings(source.data) for placeholder in PLACEHOLDER.findall(text)]


def _folder_problems(folder: Path) -> list[Problem]:
    """What a house folder may not hold: a stylesheet or Word file of its own (the look is
    declared under stil:, so the PDF and the DOCX cannot disagree), an SVG logo (Word
    cannot show it)."""
    problems = []
    if (folder / "house.css").is_file():
        problems.append(Problem(Location(folder / "house.css"), "stil", "husstilen har en egen house.css, som "
                                "bara skulle gälla PDF:en", "för över utseendet till stil: i hus.yaml och ta bort filen"))
    if (folder / "reference.docx").is_file():
        problems.append(Problem(Location(folder / "reference.docx"), "stil", "husstilen har en egen reference.docx, "
                                "som bara skulle gälla Word-filen", "för över utseendet till stil: i hus.yaml "
                                "(arende hus importera läser marginaler och typsnitt ur en Word-mall)"))
    for font in fonts.linked_out(folder / "fonts"):
        problems.append(Problem(Location(font), "typsnitt", f"'{font.name}' ligger utanför husstilens mapp",
                                "lägg själva typsnittsfilen i husets mapp fonts/, inte en länk till den"))
    if (folder / "logo.svg").is_file():
        problems.append(Problem(Location(folder / "logo.svg"), "logotyp", "logo.svg kan inte visas i Word",
                                f"spara logotypen som logo.png, minst {LOGO_MIN_PIXELS} bildpunkter bred"))
    return problems


def _logo_problems(folder: Path) -> list[Problem]:
    """The logo must be a PNG or JPEG image Pillow can read, named logo.png or logo.jpg;
    a small one is blurred in print (a warning)."""
    found = []
    used = next((folder / name for name in LOGO_NAMES if (folder / name).is_file()), None)
    for name in OTHER_LOGOS:
        if (folder / name).is_file() and used is None:
            found.append(Problem(Location(folder / name), "logotyp", f"{name} används inte: Word kan bara "
                                 "visa PNG och JPEG", "spara logotypen som logo.png"))
    if used is None:
        return found
    if not used.resolve().is_relative_to(folder.resolve()):
        return found + [Problem(Location(used), "logotyp", f"'{used.name}' ligger utanför husstilens mapp",
                                "lägg själva bildfilen i husets mapp, inte en länk till den")]
    from PIL import Image, UnidentifiedImageError   # only for a house with a logo

    try:
        with Image.open(used) as image:
            image.verify()
            kind, (width, _) = image.format or "", image.size
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError, Image.DecompressionBombError):
        return found + [Problem(Location(used), "logotyp", f"'{used.name}' kan inte läsas som bild",
                                "spara logotypen som PNG i ett bildprogram")]
    if kind not in LOGO_FORMATS:
        found.append(Problem(Location(used), "logotyp", f"{used.name} är en {kind}-bild; Word kan bara visa "
                             "PNG och JPEG", "spara logotypen som PNG"))
    elif width < LOGO_MIN_PIXELS:
        found.append(Problem(Location(used), "logotyp", f"logotypen är bara {width} bildpunkter bred och "
                             "blir suddig i tryck", f"använd en bild som är minst {LOGO_MIN_PIXELS} "
                             "bildpunkter bred", WARNING))
    return found
