"""Building cases: read and validate, compose, write, and put the files in place.

A case's files are first written into a hidden staging folder beside the target
folder (same file system), and only moved into ``<out>/<dnr>/`` once every paper of
the case has been written. A failure part-way leaves the previous files as they were
and no half-written file under a final name.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.compose.paper import case_prefix, compose_case
from generator.errors import InvalidPlan, Location, Problem, RenderFailure, display_path
from generator.model.case import CaseBundle, read_case
from generator.model.case import CASE_FILE
from generator.writers import writer_for


@dataclass
class BuildResult:
    """What one case's build produced."""

    bundle: CaseBundle
    folder: Path
    files: list[Path] = field(default_factory=list)


def find_cases(paths: list[Path]) -> list[Path]:
    """The case files named by *paths*: a case folder, an ``arende.yaml``, or a folder of cases."""
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_file():
            found.append(path)
        elif (path / CASE_FILE).is_file():
            found.append(path / CASE_FILE)
        elif path.is_dir():
            found.extend(sorted(path.glob(f"*/{CASE_FILE}")))
            if not any(path.glob(f"*/{CASE_FILE}")):
                raise InvalidPlan([Problem(Location(path), "",
                                           f"mappen innehåller inget ärende ({CASE_FILE})")])
        else:
            raise InvalidPlan([Problem(Location(path), "", "filen eller mappen finns inte")])
    return found


def build_case(bundle: CaseBundle, out: Path, formats: tuple[str, ...]) -> BuildResult:
    """Compose and write every paper of a validated case into ``out/<prefix>/``."""
    papers = compose_case(bundle)
    folder = out / case_prefix(bundle)
    try:
        out.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".arende-", dir=out))
    except OSError as exc:
        raise RenderFailure(f"kan inte skriva i {display_path(out)}: {exc.strerror or exc}") from None
    try:
        staged = []
        for paper in papers:
            for fmt in formats:
                path = staging / f"{paper.stem}.{fmt}"
                writer_for(fmt)(paper, path)
                staged.append(path)
        folder.mkdir(exist_ok=True)
        result = BuildResult(bundle, folder)
        for path in staged:
            final = folder / path.name
            os.replace(path, final)
            result.files.append(final)
        return result
    except OSError as exc:  # a full disk, a read-only folder: the user's to fix, not a bug
        raise RenderFailure(f"kan inte skriva {display_path(folder)}: {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def validate_all(case_files: list[Path]) -> tuple[list[CaseBundle], list[Problem]]:
    """Every case that validates, and every problem of those that do not."""
    bundles, problems = [], []
    for file in case_files:
        try:
            bundles.append(read_case(file))
        except InvalidPlan as exc:
            problems.extend(exc.problems)
    return bundles, problems
