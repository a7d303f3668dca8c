"""The one way a writer may read a file: from the house style's own folders, capped.

A paper refers to fonts (from the CSS) and perhaps a logo. Both writers read them
through this module, which allows only files inside the house folder and the shared
base folder, after following symlinks, and refuses everything else: other files
(``file:///etc/passwd``), ``..`` paths, symlinks pointing out of the folder, the
network (``http://``), and oversized files. Images are opened with Pillow before
use, so a renamed or broken file is an error with a name, not a crash in a writer.
``data:`` URLs are allowed (with the same cap) because they fetch nothing.
"""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import unquote, urlsplit

MAX_BYTES = 20 * 1024 * 1024          # a font or logo; anything bigger is not one
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff"}


class ResourceRefused(Exception):
    """A resource a writer may not read; the message is Swedish, for the user."""


def house_roots(house) -> tuple[Path, ...]:
    """The folders a house's papers may read from: its own and the shared base."""
    return tuple(dict.fromkeys(p.resolve() for p in (house.folder, house.base)))


def local_path(reference: str, roots: tuple[Path, ...], base: Path | None = None) -> Path:
    """The file *reference* (a ``file:`` URL, or a path relative to *base*) names,
    if it lies inside one of *roots*; :class:`ResourceRefused` otherwise."""
    parts = urlsplit(reference)
    if parts.scheme and parts.scheme != "file":
        raise ResourceRefused(f"'{reference}' hämtas inte: bara filer i husstilens mapp får användas")
    if parts.scheme == "file":
        if parts.netloc not in ("", "localhost"):
            raise ResourceRefused(f"'{reference}' ligger på en annan dator")
        candidate = Path(unquote(parts.path))
    else:
        candidate = (base or roots[0]) / unquote(reference)
    try:
        resolved = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        raise ResourceRefused(f"'{reference}' finns inte") from None
    if not any(resolved.is_relative_to(root) for root in roots):
        raise ResourceRefused(f"'{reference}' ligger utanför husstilens mapp")
    if not resolved.is_file():
        raise ResourceRefused(f"'{reference}' är ingen fil")
    return resolved


def read(path: Path, reference: str) -> bytes:
    """The bytes of *path*, size-capped, with images checked by Pillow."""
    if path.stat().st_size > MAX_BYTES:
        raise ResourceRefused(f"'{reference}' är större än {MAX_BYTES // (1024 * 1024)} MB")
    data = path.read_bytes()
    if path.suffix.lower() in IMAGE_SUFFIXES:
        check_image(data, reference)
    return data


def check_image(data: bytes, reference: str) -> str:
    """The image format of *data* (PNG, JPEG …), or :class:`ResourceRefused`."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            return image.format or ""
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError):
        raise ResourceRefused(f"'{reference}' kan inte läsas som bild") from None
