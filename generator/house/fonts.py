"""The fonts a house's papers are set in, by family name.

A house names fonts as Word users know them. The fonts every Word has (Arial, Times New
Roman) are drawn in the PDF with the open fonts of the same metrics that ship in
``templates/base/fonts`` (so lines and pages break alike in both formats); a house may
also bring its own font files in its ``fonts/`` folder, named by their family.
"""

from __future__ import annotations

import hashlib
import io
from functools import lru_cache
from pathlib import Path
from typing import TypeGuard

from generator.load.files import inside
from generator.house.style import FACES_BY_NAME, WORD_FONTS

FONT_SUFFIXES = (".ttf", ".otf")


def font_files(folder: Path) -> list[Path]:
    """The font files directly in *folder* (none if it does not exist)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.suffix.lower() in FONT_SUFFIXES and p.is_file() and inside(folder, p))


def linked_out(folder: Path) -> list[Path]:
    """The font files in *folder* that are links out of it: never read, never embedded."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES and not inside(folder, p))


@lru_cache(maxsize=64)
def families(folder: Path) -> dict[str, dict[tuple[str, str], Path]]:
    """The font families in *folder*: family name → {(weight, style): file}, read from
    each file's own name table (so the file names do not matter)."""
    found: dict[str, dict[tuple[str, str], Path]] = {}
    files = font_files(folder)
    if not files:   # most houses: no fonts of their own, and fontTools stays unimported
        return found
    from fontTools.ttLib import TTFont  # ships with WeasyPrint

    for path in files:
        with TTFont(path, lazy=True) as font:
            names = font["name"]
            family = str(names.getDebugName(16) or names.getDebugName(1) or path.stem)
            subfamily = str(names.getDebugName(17) or names.getDebugName(2) or "Regular").lower()
        weight = "bold" if "bold" in subfamily else "normal"
        slant = "italic" if "italic" in subfamily or "oblique" in subfamily else "normal"
        found.setdefault(family, {})[(weight, slant)] = path
    return found


def code_points(path: Path) -> frozenset[int]:
    """Every code point the font file draws (its best cmap).

    Kept between runs in arende's cache folder under the file's SHA-256: reading a
    cmap means importing fontTools, some 25 ms of every build's reading, for files that
    hardly ever change (a changed file has another digest)."""
    from generator import cache

    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    ranges = cache.kept("tecken", digest)
    if _are_ranges(ranges):
        return frozenset(point for first, last in ranges for point in range(first, last + 1))
    from fontTools.ttLib import TTFont  # ships with WeasyPrint

    with TTFont(io.BytesIO(data), lazy=True) as font:
        points = frozenset(font.getBestCmap() or {})
    cache.keep("tecken", digest, _ranges(points))
    return points


def _ranges(points: frozenset[int]) -> list[list[int]]:
    """*points* as runs [first, last] (a font's cmap is a few hundred runs)."""
    runs: list[list[int]] = []
    for point in sorted(points):
        if runs and runs[-1][1] == point - 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return runs


def _are_ranges(value: object) -> TypeGuard[list[list[int]]]:
    return isinstance(value, list) and all(
        isinstance(run, list) and len(run) == 2 and all(type(n) is int for n in run)
        and 0 <= run[0] <= run[1] <= 0x10FFFF for run in value)


def embedding_restricted(path: Path) -> bool:
    """Whether the font's licence forbids embedding it in a document (OS/2 fsType bit 1,
    'restricted licence embedding'): such a font cannot travel inside the Word file."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        os2 = font.get("OS/2")
        return bool(os2 is not None and os2.fsType & 0x0002)


def bundled_faces(base_fonts: Path, family: str) -> dict[tuple[str, str], Path]:
    """The open font files that draw the Word font *family* in the PDF."""
    stem = WORD_FONTS[family].replace(" ", "")
    return {key: base_fonts / f"{stem}-{face}.ttf" for face, key in FACES_BY_NAME.items()}
