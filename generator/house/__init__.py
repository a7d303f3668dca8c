"""House styles: where they live, and what one consists of.

A house style is a folder under ``templates/``: ``hus.yaml`` (the organisation
register), Jinja2 templates that extend the shared ones in ``templates/base/``, a
``house.css`` and optionally fonts and a logo. Templates are looked up in the house
folder first, then in ``base/``, so a house replaces one template or one block and
inherits the rest (the MkDocs theme model).

Houses are searched for in a ``templates/`` folder in the working folder (beside the
municipality's ``plans/``) before the ones that ship with arende, so a municipality
adds or adapts a house by copying a folder, even when arende is installed as a wheel.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from pydantic import ValidationError

from generator.errors import HouseProblem, InvalidPlan, Location, Problem, TemplateProblem
from generator.load import load_yaml
from generator.model.hints import did_you_mean
from generator.model.messages import problems_from
from generator.model.register import Register

BASE = "base"
REGISTER_FILE = "hus.yaml"
LOGO_NAMES = ("logo.svg", "logo.png")


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
        """The CSS a paper of this house is laid out with, in cascade order."""
        sheets = [self.base / "paper.css", self.folder / "house.css"]
        return [sheet for sheet in sheets if sheet.is_file()]

    @property
    def font_files(self) -> list[Path]:
        """The fonts this house's papers are set in: the shared ones and its own."""
        folders = [self.base / "fonts", self.folder / "fonts"]
        return sorted(p for folder in folders if folder.is_dir()
                      for p in folder.iterdir() if p.suffix.lower() in (".ttf", ".otf"))

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
        register = Register.model_validate(source.data)
    except ValidationError as exc:
        raise HouseProblem(problems_from(exc, source, Register)) from None
    return House(folder.name, folder, register, roots)
