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

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from collections.abc import Callable
from pathlib import Path

from pydantic import Field, ValidationError

from generator.errors import HouseProblem, InvalidPlan, Location, Problem, TemplateProblem
from generator.house import css, fonts
from generator.house.style import WORD_FONTS, HouseStyle
from generator.load import Source, load_yaml
from generator.model.hints import did_you_mean
from generator.model.messages import problems_from
from generator.model.register import Register

BASE = "base"
REGISTER_FILE = "hus.yaml"
LOGO_NAMES = ("logo.png", "logo.jpg", "logo.jpeg")


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


def find_house(name: str, where: Location, field: str = "hus") -> House:
    """The house called *name*; an unknown name is a located problem with a did-you-mean."""
    roots = template_roots()
    key = name.strip().lower()
    for root in roots:
        register = root / key / REGISTER_FILE
        if register.is_file():
            # Keyed by the register's mtime too, so a long-lived process (the preview)
            # sees an edited hus.yaml while repeated builds still read it once.
            return _load_house(root / key, roots, register.stat().st_mtime_ns)
    hint = did_you_mean(key, house_names(roots))
    raise InvalidPlan([Problem(where, field, f"okänd husstil '{name}'", hint)])


def forget_houses() -> None:
    """Read every house register again on next use (for the preview, where staff edit them)."""
    _load_house.cache_clear()


@lru_cache(maxsize=None)
def _glyphs(fonts: tuple[Path, ...]) -> frozenset[int]:
    """Every code point the fonts can draw (their cmap tables, read once per process)."""
    from fontTools.ttLib import TTFont  # ships with WeasyPrint

    points: set[int] = set()
    for font in fonts:
        with TTFont(font, lazy=True) as ttf:
            points.update(ttf.getBestCmap() or {})
    return frozenset(points)


@lru_cache(maxsize=64)
def _load_house(folder: Path, roots: tuple[Path, ...], _mtime: int) -> House:
    # A broken register is the house's fault (exit 3), not the plan's: same located lines.
    try:
        source = load_yaml(folder / REGISTER_FILE)
    except InvalidPlan as exc:
        raise HouseProblem(exc.problems) from None
    try:
        declared = HouseDeclaration.model_validate(source.data)
    except ValidationError as exc:
        raise HouseProblem(problems_from(exc, source, HouseDeclaration)) from None
    house = House(folder.name, folder, declared, roots, declared.style)
    problems = _font_problems(house, source) + _folder_problems(house, source)
    if problems:
        raise HouseProblem(problems)
    return house


def _font_problems(house: House, source: Source) -> list[Problem]:
    """A font the style names must be one every Word has, or one of the house's own."""
    own = fonts.families(house.folder / "fonts")
    problems = []
    for family in house.style.fonts_used():
        if family in own or family in WORD_FONTS:
            continue
        where = _font_location(source, family)
        known = sorted(WORD_FONTS) + sorted(own)
        problems.append(Problem(
            source.locate(where), ".".join(where), f"typsnittet '{family}' finns inte i husstilen",
            f"välj {' eller '.join(known)}, eller lägg typsnittets filer (.ttf) i "
            f"{house.folder.name}/fonts/ {did_you_mean(family, known)}".strip()))
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


def _folder_problems(house: House, source: Source) -> list[Problem]:
    """What a house folder may not hold: a stylesheet or Word file of its own (the look is
    declared under stil:, so the PDF and the DOCX cannot disagree), an SVG logo (Word
    cannot show it)."""
    problems = []
    here = Location(source.path)
    if (house.folder / "house.css").is_file():
        problems.append(Problem(here, "stil", "husstilen har en egen house.css, som bara skulle "
                                "gälla PDF:en", "för över utseendet till stil: i hus.yaml och ta bort filen"))
    if (house.folder / "reference.docx").is_file():
        problems.append(Problem(here, "stil", "husstilen har en egen reference.docx, som bara "
                                "skulle gälla Word-filen", "för över utseendet till stil: i hus.yaml "
                                "(arende hus importera läser marginaler och typsnitt ur en Word-mall)"))
    if (house.folder / "logo.svg").is_file():
        problems.append(Problem(here, "logotyp", "logo.svg kan inte visas i Word",
                                "spara logotypen som logo.png (minst 600 bildpunkter bred)"))
    return problems
