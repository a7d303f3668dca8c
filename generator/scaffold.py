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
    return _write_plan(file, env.get_template("scaffold/mote.yaml.j2").render(context))


def _write_plan(file: Path, text: str) -> list[Path]:
    """Write a new plan file in a ``möten/`` folder (never over another) and the editors'
    schemas beside the plans."""
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


PROTOCOL_SUFFIX = "-protokoll"   # amn-2026-12-08-protokoll.yaml beside amn-2026-12-08.yaml


def is_new_protocol(file: Path) -> bool:
    """Whether ``arende new`` of *file* asks for a protokoll plan (by its name)."""
    return file.stem.endswith(PROTOCOL_SUFFIX) and file.suffix in (".yaml", ".yml")


def new_protocol(file: Path, house_name: str) -> list[Path]:
    """Create the protokoll plan *file* for the meeting beside it (``x-protokoll.yaml``
    for ``x.yaml``): one paragraf per agenda item, the meeting's people filled in."""
    from generator.read_meeting import read_meeting

    if file.exists():
        raise ArendeError(f"{display_path(file)} finns redan; inget skrevs över. Välj ett nytt namn.")
    meeting_file = file.with_name(file.stem[:-len(PROTOCOL_SUFFIX)] + file.suffix)
    if not meeting_file.is_file():
        raise ArendeError(f"mötet {display_path(meeting_file)} finns inte; protokollet skrivs till ett möte "
                          f"(skapa det först med 'arende new {display_path(meeting_file)} --hus {house_name}')")
    plan = read_meeting(meeting_file, draft=True)   # a meeting still being written is enough
    if plan.house.key != house_name:
        raise ArendeError(f"mötet {display_path(meeting_file)} är i husstilen '{plan.house.key}', "
                          f"inte '{house_name}'; protokollet skrivs i mötets husstil (--hus {plan.house.key})")
    meeting = plan.meeting
    items = [{"number": item.number if item.number.isdigit() else _yaml_scalar(item.number),
              "label": " ".join((item.entry.formal or item.entry.case or "").split())[:70],
              "formal": item.case_file is None}
             for item in plan.items if item.number is not None]
    adjustment = meeting.adjustment
    context = {"folder": display_path(file), "meeting_file": meeting_file.name, "organ": plan.organ_name,
               "date": meeting.date.isoformat(), "start": meeting.time.strftime("%H.%M"),
               "secretary": _yaml_scalar(meeting.secretary.name),
               "adjusters": _yaml_scalar(list(adjustment.adjusters)) if adjustment else "«För- och efternamn (parti)»",
               "adjustment_where": _yaml_scalar(adjustment.when_where) if adjustment and adjustment.when_where
               else "«Plats, ÅÅÅÅ-MM-DD kl. TT.MM»",
               "chair_name": _yaml_scalar(meeting.chair.name), "chair_party": meeting.chair.party,
               "items": items}
    return _write_plan(file, _environment(plan.house).get_template("scaffold/protokoll.yaml.j2").render(context))


def _yaml_scalar(value) -> str:
    """*value* as a YAML scalar that reads back as the same text ('8 a', 'Bo Berg (S)')."""
    import yaml

    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1_000).strip().removesuffix("...").strip()


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
