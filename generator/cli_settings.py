"""What every `arende` command shares: where plans are by default and how help looks.

A module of its own because the registrar's commands (archive_commands.py) are
registered by cli.py and so cannot import from it.
"""

from __future__ import annotations

from pathlib import Path

DEFAULT_PLANS = Path("plans")
CASE_FILE = "arende.yaml"


def default_plans() -> list[Path]:
    """What a command without PLAN works on: the case whose folder the person stands in,
    else every case under plans/."""
    if (Path.cwd() / CASE_FILE).is_file():
        return [Path(".")]
    return [DEFAULT_PLANS]
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
