"""Problems found in user input, and the exception tree the CLI turns into exit codes.

Every problem carries where it was found (file, line, column) and which field, so
the message can point at the line a person must fix. Messages are Swedish: they are
read by the staff who write the plans.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click

from generator.positions import spoken_field


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file; line and column count from 1."""

    file: Path
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        name = display_path(self.file)
        if not self.line:
            return name
        return f"{name}:{self.line}:{self.column}"


def display_path(path: Path) -> str:
    """A path as the user typed it: relative to the working folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):   # outside; or a link in a loop, say
        return str(path)


ERROR = "fel"
WARNING = "varning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located and explained.

    An error stops the paper from being made; a warning (``severity=WARNING``) is
    shown but does not, unless the user asks for strictness.
    """

    location: Location
    field: str
    message: str
    hint: str = ""
    severity: str = ERROR
    # The field is a name in a template ('case.proposal.points'), printed as written,
    # not a place in a YAML file (said in the person's terms, see .position).
    verbatim: bool = False

    @property
    def is_warning(self) -> bool:
        return self.severity == WARNING

    @property
    def position(self) -> str:
        """The field as staff say it ("område 2, åtgärd 1, huvudansvarig"); ``field``
        keeps the dotted path for machines."""
        return self.field if self.verbatim else spoken_field(self.field)

    def as_dict(self) -> dict:
        """The problem for machines (``arende check --json``)."""
        return {"fil": display_path(self.location.file), "rad": self.location.line,
                "kolumn": self.location.column, "fält": self.field, "plats": self.position,
                "meddelande": self.message,
                "tips": self.hint, "allvarlighet": self.severity}

    def __str__(self) -> str:
        text = f"{self.location}: "
        if self.is_warning:
            text += "varning: "
        if self.field:
            text += f"{self.position}: "
        text += self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


def summary(problems: list[Problem]) -> str:
    """'2 fel och 1 varning hittades', the closing line of a list of problems."""
    errors = sum(not p.is_warning for p in problems)
    warnings = len(problems) - errors
    parts = [f"{errors} fel"] if errors or not warnings else []
    if warnings:
        parts.append(f"{warnings} varning" + ("ar" if warnings > 1 else ""))
    return " och ".join(parts) + " hittades"


class ArendeError(click.ClickException):
    """Base of every error a user may see; click prints it without a traceback."""

    exit_code = 1

    def show(self, file=None) -> None:  # noqa: D102 - click's hook
        click.echo(f"fel: {self.format_message()}", err=True, file=file)


class LocatedProblems(ArendeError):
    """Problems found in files a person edits, each located; the base of InvalidPlan
    and HouseProblem, which differ in whose files are wrong (and so in exit code)."""

    closing = "inga filer skrevs."

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.location, p.field))
        super().__init__(self._text())

    def __reduce__(self):
        # Rebuilt from the problems, not from the text, when it crosses to a worker
        # process and back (the default would pass the text as *problems*).
        return type(self), (self.problems,)

    def _text(self) -> str:
        lines = [str(p) for p in self.problems]
        lines.append(f"{summary(self.problems)}; {self.closing}")
        return "\n".join(lines)

    def show(self, file=None) -> None:  # noqa: D102
        click.echo(self.format_message(), err=True, file=file)


class InvalidPlan(LocatedProblems):
    """The plan has problems; nothing was written."""

    exit_code = 1


class HouseProblem(InvalidPlan):
    """A house style has problems (hus.yaml, its templates, logo or fonts): the house's
    fault, not the plan's; nothing was written."""

    exit_code = 3
    closing = "husstilen måste rättas; inga filer skrevs."


class TemplateProblem(ArendeError):
    """A house style's template or register is broken (the house's fault, not the plan's)."""

    exit_code = 3


class RenderFailure(ArendeError):
    """A writer could not produce the paper."""

    exit_code = 4
