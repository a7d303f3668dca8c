"""What every `arende` command shares: where plans are by default and how help looks.

A module of its own because the registrar's commands (archive_commands.py) are
registered by cli.py and so cannot import from it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click


DEFAULT_PLANS = Path("plans")
from generator.plan_files import CASE_FILE  # noqa: E402, F401


def default_plans() -> list[Path]:
    """What a command without PLAN works on: the case whose folder the person stands in,
    else every case under plans/."""
    if (Path.cwd() / CASE_FILE).is_file():
        return [Path(".")]
    return [DEFAULT_PLANS]
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class ExistingPath(click.Path):
    """A path that must exist, as ``click.Path(exists=True)``, but a symbolic link in a
    loop or to nothing is named as such instead of 'finns inte'."""

    def __init__(self) -> None:
        super().__init__(path_type=Path, exists=True)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, (str, Path)) and not os.path.exists(value):
            # Here, not at the top: generator.load pulls in YAML, which `arende --help` needn't.
            from generator.load.files import kind_of_path

            reason = kind_of_path(Path(value))
            if reason:
                self.fail(f"Sökväg '{value}' {reason}.", param, ctx)
        return super().convert(value, param, ctx)
