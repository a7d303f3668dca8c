"""`arende new`: a new case folder with Swedish comments and clear placeholders.

The scaffold comes from Jinja2 templates (``templates/<house>/scaffold/`` or the
shared ``templates/base/scaffold/``), so a house can word its own. Placeholders are
written «like this»; ``arende check`` flags every one left, and those in fields the
register checks (nämnd, förvaltning, datum, diarienummer) are errors, so a
half-filled case can never become a paper.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from generator.errors import ArendeError, Location, RenderFailure, display_path
from generator.os_errors import swedish
from generator.house import BASE, find_house
from generator.house.loader import FolderLoader
from generator.read import CASE_FILE
from generator.scaffold_fields import where_printed
from generator.schema import SCHEMA_FOLDER, write_schemas

PLAN_FILE = "bilaga-1-handlingsplan.yaml"


def new_meeting(file: Path, house_name: str) -> list[Path]:
    """Create the meeting plan *file* (in a ``möten/`` folder) for *house_name*; refuse
    to touch an existing file."""
    import re

    house = find_house(house_name, Location(file), "--hus")
    if file.exists():
        raise ArendeError(f"{display_path(file)} finns redan; inget skrevs över. Välj ett nytt namn.")
    env = _environment(house)
    written = re.search(r"\d{4}-\d{2}-\d{2}", file.stem)
    context = {"house": house.key, "register": house.register, "folder": display_path(file),
               "today": dt.date.today().isoformat(),
               "date": written.group() if written else "«ÅÅÅÅ-MM-DD»",
               # 'amn-2026-12-08.yaml' names its organ, as the bundled meetings do.
               "organ": next((key for key in house.register.boards
                              if file.stem.casefold().startswith(key.casefold() + "-")), None)}
    text = env.get_template("scaffold/mote.yaml.j2").render(context)
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with open(file, "x", encoding="utf-8") as out:
            out.write(text)
    except FileExistsError:
        raise ArendeError(f"{display_path(file)} finns redan; inget skrevs över. Välj ett nytt namn.") from None
    except OSError as exc:
        file.unlink(missing_ok=True)
        raise RenderFailure(f"kan inte skriva {display_path(file)}: {swedish(exc)}; inget skrevs") from None
    write_schemas(file.parent.parent / SCHEMA_FOLDER)
    return [file]


def _environment(house) -> SandboxedEnvironment:
    return SandboxedEnvironment(
        loader=FolderLoader([str(house.folder), *(str(root / BASE) for root in house.roots)]),
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)


def new_case(folder: Path, house_name: str, with_plan: bool) -> list[Path]:
    """Create *folder* with a case for *house_name*; refuse to touch an existing folder."""
    house = find_house(house_name, Location(folder), "--hus")
    if folder.exists():
        raise ArendeError(f"{display_path(folder)} finns redan; inget skrevs över. Välj ett nytt namn.")
    env = _environment(house)
    context = {"house": house.key, "register": house.register, "folder": display_path(folder),
               "today": dt.date.today().isoformat(), "with_plan": with_plan,
               "sections": house.register.sections or ["Ärendet"], "where": where_printed(house.style)}
    files = {CASE_FILE: "scaffold/arende.yaml.j2"}
    if with_plan:
        files[PLAN_FILE] = "scaffold/handlingsplan.yaml.j2"
    texts = {name: env.get_template(template).render(context) for name, template in files.items()}
    try:
        folder.mkdir(parents=True)
    except OSError as exc:   # a file where a folder should be, a read-only disk
        raise RenderFailure(f"kan inte skapa {display_path(folder)}: {swedish(exc)}; inget skrevs") from None
    written = []
    try:
        for name, text in texts.items():
            (folder / name).write_text(text, encoding="utf-8")
            written.append(folder / name)
    except OSError as exc:   # a full disk: no half-made case is left behind
        shutil.rmtree(folder, ignore_errors=True)
        raise RenderFailure(f"kan inte skriva {display_path(folder)}: {swedish(exc)}; inget skrevs") from None
    write_schemas(folder.parent / SCHEMA_FOLDER)
    return written
