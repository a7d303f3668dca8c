"""The house logo (``div.logo img``) as an inline picture.

Word shows PNG and JPEG everywhere; anything else (SVG, GIF, a renamed file) is
refused before it reaches the document, after Pillow has looked at the bytes
rather than the file name. The file is read through writers.resources, like every
file the PDF writer reads, so the paper HTML cannot make either writer read a file
from outside the house style's folders.
"""

from __future__ import annotations

import io

from docx.shared import Emu, Mm
from PIL import Image

from generator.errors import RenderFailure
from generator.writers.docx import ooxml
from generator.writers.docx.context import RenderContext
from generator.writers.resources import ResourceRefused, check_image, local_path, read

FORMATS = {"PNG", "JPEG"}


def add_logo(img, paragraph, ctx: RenderContext) -> None:
    """Put the image *img* refers to into *paragraph*, scaled into the house's declared logo box."""
    src = img.get("src") or ""
    try:
        path = local_path(src, ctx.resource_roots, base=ctx.house_folder)
        data = read(path, src)
        kind = check_image(data, src)
    except ResourceRefused as exc:
        raise RenderFailure(f"DOCX: logotypen: {exc}") from None
    if kind not in FORMATS:
        raise RenderFailure(
            f"DOCX: logotypen '{src}' är {kind or 'av okänt format'}; "
            "Word-dokumentet kan bara ta PNG eller JPEG")
    with Image.open(io.BytesIO(data)) as image:
        width_px, height_px = image.size
    head = ctx.style.masthead
    max_width, max_height = Mm(head.logo_width), Mm(head.logo_height)
    scale = min(max_width / width_px, max_height / height_px)
    run = paragraph.add_run()
    run.add_picture(io.BytesIO(data), width=Emu(int(width_px * scale)),
                    height=Emu(int(height_px * scale)))
    ooxml.describe_picture(run, img.get("alt") or "")
