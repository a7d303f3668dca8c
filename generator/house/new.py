"""``arende hus ny``: a new house, copied from one that exists, in the municipality's own
``templates/`` folder (the first place houses are looked for, see
:func:`generator.house.template_roots`).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from generator.errors import ArendeError, display_path
from generator.house import BASE, REGISTER_FILE, house_folder, house_names, same_name
from generator.model.hints import did_you_mean

PLACEHOLDER_NAME = "«Kommunens namn»"
OWN_TEMPLATES = Path("templates")


def check_name(name: str) -> str:
    """*name* as a house's folder name, or an ArendeError saying why it cannot be one.
    Any name a municipality has works: 'älvkarleby', 'Region Örebro län'."""
    name = name.strip()
    if not name:
        raise ArendeError("husstilens namn får inte vara tomt")
    if "/" in name or "\\" in name or name.startswith(".") or any(ord(c) < 32 for c in name):
        raise ArendeError(f"'{name}' kan inte vara ett mappnamn: inga / eller \\, och ingen punkt först")
    if same_name(name, BASE):
        raise ArendeError("'base' är namnet på de gemensamma grundmallarna; välj ett annat namn")
    if len(name) > 60:
        raise ArendeError("husstilens namn får vara högst 60 tecken långt")
    return name


def new_house(name: str, source: str, where: Path = OWN_TEMPLATES) -> tuple[Path, Path]:
    """Copy the house *source* to ``where/name``; return the new folder and the one copied.
    Nothing that exists is overwritten."""
    name = check_name(name)
    origin = house_folder(source)
    if origin is None:
        hint = did_you_mean(source.strip().lower(), house_names())
        raise ArendeError(f"det finns ingen husstil som heter '{source}'" + (f" ({hint})" if hint else ""))
    if where.is_dir():
        for existing in where.iterdir():
            if same_name(existing.name, name):
                raise ArendeError(f"{display_path(existing)} finns redan; inget skrevs över. Välj ett annat "
                                  "namn, eller ändra i den husstil som finns.")
    target = where / name
    where.mkdir(parents=True, exist_ok=True)
    shutil.copytree(origin, target, ignore=shutil.ignore_patterns(".*", "__pycache__", "*~"))
    register = target / REGISTER_FILE
    text = register.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^namn:.*$", f"namn: {PLACEHOLDER_NAME}", text, count=1)
    text = re.sub(r"(?m)\A# .*organisationsregister för husstilen .*$",
                  f"# Organisationsregistret för husstilen '{name}' (först en kopia av '{origin.name}').",
                  text, count=1)
    register.write_text(text, encoding="utf-8")
    return target, origin
