"""The documents arende ships for its users (the plan format, the house author's guide)
and how the CLI prints them: inside the wheel (generator/docs/), or in a checkout's docs/."""

from __future__ import annotations

import re
from pathlib import Path

import click

from generator.errors import ArendeError


def shipped_doc(name: str) -> Path:
    """Where document *name* lies: the wheel's copy, else the checkout's."""
    package = Path(__file__).resolve().parent
    packaged = package / "docs" / name
    return packaged if packaged.is_file() else package.parent / "docs" / name


def plain_text(markdown: str) -> str:
    """A document as printed in a terminal: the Markdown without the marker lines."""
    return "\n".join(line for line in markdown.splitlines() if not re.fullmatch(r"\s*<!--.*-->\s*", line)) + "\n"


def show_doc(name: str, path_only: bool, what: str) -> None:
    """Print document *name* (or only its path); *what* names it in the message when
    an installation lacks it ('planformatet', 'husguiden')."""
    path = shipped_doc(name)
    if path_only:
        click.echo(str(path))
        return
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        raise ArendeError(f"hittar inte {what} ({path}); installera om arende") from None
    click.echo(plain_text(text), nl=False)
