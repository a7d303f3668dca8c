"""The house logo (``div.logo img``) as an inline picture.

Word shows PNG and JPEG everywhere; anything else (SVG, GIF, a renamed file) is
refused before it reaches the document, after Pillow has looked at the bytes
rather than the file name. The logo must live in the house folder: the paper
HTML cannot make the writer read a file from anywhere else.
"""

from __future__ import annotations

from pathlib import Path

from docx.shared import Emu
from PIL import Image, UnidentifiedImageError

from generator.errors import RenderFailure
from generator.writers import ooxml
from generator.writers.docx_context import RenderContext
from generator.writers.docx_styles import LOGO_MAX

FORMATS = {"PNG", "JPEG"}


def add_logo(img, paragraph, ctx: RenderContext) -> None:
    """Put the image *img* refers to into *paragraph*, scaled into LOGO_MAX."""
    src = img.get("src") or ""
    path = _locate(src, ctx.house_folder)
    try:
        with Image.open(path) as image:
            kind, (width_px, height_px) = image.format, image.size
    except (OSError, UnidentifiedImageError):
        raise RenderFailure(f"DOCX: logotypen '{src}' kan inte läsas som bild") from None
    if kind not in FORMATS:
        raise RenderFailure(
            f"DOCX: logotypen '{src}' är {kind or 'av okänt format'}; "
            "Word-dokumentet kan bara ta PNG eller JPEG")
    max_width, max_height = LOGO_MAX
    scale = min(max_width / width_px, max_height / height_px)
    run = paragraph.add_run()
    run.add_picture(str(path), width=Emu(int(width_px * scale)),
                    height=Emu(int(height_px * scale)))
    ooxml.describe_picture(run, img.get("alt") or "")


def _locate(src: str, folder: Path) -> Path:
    root = folder.resolve()
    path = (root / src).resolve()
    if not src or "://" in src or not path.is_relative_to(root):
        raise RenderFailure(f"DOCX: logotypen '{src}' ligger inte i husstilens mapp")
    if not path.is_file():
        raise RenderFailure(f"DOCX: logotypen '{src}' finns inte i {root}")
    return path
