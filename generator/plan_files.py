"""Which plan files a path names: cases, meetings and protokoll, told apart by where
they lie (and a protokoll by its ``typ:`` line), without reading or validating them.

Kept free of the plan models, so that ``arende build`` knows what it is to build (one
case, or meetings too) before it imports them (see :mod:`generator.side`).
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.errors import InvalidPlan, Location, Problem

CASE_FILE = "arende.yaml"
MEETING_FOLDERS = ("möten", "moten")   # a YAML file in such a folder is a meeting plan
PROTOCOL_KIND = "protokoll"            # the typ: of a protokoll plan


def find_cases(paths: list[Path]) -> list[Path]:
    """The case files named by *paths*: a case folder, an ``arende.yaml``, or a folder of cases."""
    return find_plans(paths, meetings=False)[0]


def find_plans(paths: list[Path], *, meetings: bool = True) -> tuple[list[Path], list[Path]]:
    """The case files and meeting plans named by *paths*: a case folder, an
    ``arende.yaml``, a meeting plan (a YAML file in ``möten/``), a ``möten/`` folder, or a
    plans folder (its cases, and its meetings in ``möten/``)."""
    from generator.load.files import kind_of_path

    found: list[Path] = []
    meeting_files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        path = Path(path)
        if path.is_file() and meetings and is_meeting_file(path):
            meeting_files.append(path)
        elif path.is_file():
            found.append(path)
        elif (path / CASE_FILE).is_file():
            found.append(path / CASE_FILE)
        elif path.is_dir() and meetings and path.resolve().name in MEETING_FOLDERS:
            meeting_files.extend(find_meetings(path.parent))
        elif path.is_dir():
            cases = sorted(path.glob(f"*/{CASE_FILE}"))
            own = find_meetings(path) if meetings else []
            found.extend(cases)
            meeting_files.extend(own)
            if not cases and not own:
                problems.append(Problem(Location(path), "", f"mappen innehåller inget ärende ({CASE_FILE})"))
        else:
            problems.append(Problem(Location(path), "", kind_of_path(path) or "filen eller mappen finns inte"))
    if problems:
        raise InvalidPlan(problems)
    return found, list(dict.fromkeys(meeting_files))


def is_meeting_file(path: Path) -> bool:
    """Whether *path* is a meeting plan: a YAML file in a ``möten/`` folder."""
    return path.suffix in (".yaml", ".yml") and path.parent.name in MEETING_FOLDERS


def find_meetings(folder: Path) -> list[Path]:
    """The meeting plans in the ``möten/`` folder of a plans folder, sorted."""
    found: list[Path] = []
    for name in MEETING_FOLDERS:
        meetings = folder / name
        if meetings.is_dir():
            found += sorted(path for path in meetings.iterdir() if is_meeting_file(path) and path.is_file())
    return found


def is_protocol_file(path: Path) -> bool:
    """Whether *path* is a protokoll plan: a YAML file in ``möten/`` with ``typ: protokoll``."""
    return is_meeting_file(path) and path.is_file() and _typ(path) == PROTOCOL_KIND


def split_protocols(files: list[Path]) -> tuple[list[Path], list[Path]]:
    """The meeting plans and the protokoll plans among *files* (all from ``möten/``)."""
    meetings = [file for file in files if not is_protocol_file(file)]
    return meetings, [file for file in files if is_protocol_file(file)]


def _typ(path: Path) -> object:
    """The ``typ:`` of a YAML file, read cheaply (a top-level 'typ: …' line), or None."""
    try:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                match = re.match(r"typ\s*:\s*['\"]?([^'\"#\s]+)", line)
                if match:
                    return match.group(1)
    except (OSError, UnicodeDecodeError):
        return None
    return None
