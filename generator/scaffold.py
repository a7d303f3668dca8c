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


def new_case(folder: Path, house_name: str, with_plan: bool) -> list[Path]:
    """Create *folder* with a case for *house_name*; refuse to touch an existing folder."""
    house = find_house(house_name, Location(folder), "--hus")
    if folder.exists():
        raise ArendeError(f"{display_path(folder)} finns redan; inget skrevs över. Välj ett nytt namn.")
    env = SandboxedEnvironment(
        loader=FolderLoader([str(house.folder), *(str(root / BASE) for root in house.roots)]),
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
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
