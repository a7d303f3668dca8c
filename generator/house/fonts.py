"""The fonts a house's papers are set in, by family name.

A house names fonts as Word users know them. The fonts every Word has (Arial, Times New
Roman) are drawn in the PDF with the open fonts of the same metrics that ship in
``templates/base/fonts`` (so lines and pages break alike in both formats); a house may
also bring its own font files in its ``fonts/`` folder, named by their family.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

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
    from fontTools.ttLib import TTFont  # ships with WeasyPrint

    found: dict[str, dict[tuple[str, str], Path]] = {}
    for path in font_files(folder):
        with TTFont(path, lazy=True) as font:
            names = font["name"]
            family = str(names.getDebugName(16) or names.getDebugName(1) or path.stem)
            subfamily = str(names.getDebugName(17) or names.getDebugName(2) or "Regular").lower()
        weight = "bold" if "bold" in subfamily else "normal"
        slant = "italic" if "italic" in subfamily or "oblique" in subfamily else "normal"
        found.setdefault(family, {})[(weight, slant)] = path
    return found


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
