"""Checking a house as thoroughly as a plan: ``arende hus kontrollera``, and the houses
of the cases ``arende check`` and ``arende build`` read.

Everything is collected in one round, each problem located in the house's own files:

1. reading the house (:func:`generator.house.inspect_house`): ``hus.yaml`` (register
   and ``stil:``), fonts, logo, the fields of the running header and footer, files the
   folder may not hold. A part with an error is replaced by a stand-in, so the steps
   below are still tried.
2. every template of the house compiled (syntax errors with their line), and a
   warning for a template no paper uses.
3. a sample case (``templates/base/exempel/``, filled in with the house's own
   förvaltning, nämnd and diarienummer) composed through every template the house has
   or inherits, once with att-satser and once with numbered points: an unknown name or
   attribute is reported at the template line, with a did-you-mean; every element and
   class outside the paper vocabulary at the line of the house's template that writes it.
4. only for ``arende hus kontrollera`` (*write*): each sample paper written as PDF and
   as DOCX into a temporary folder. ``arende check`` and ``arende build`` stop before
   the writers (check never imports them); what the writers take, the vocabulary and
   the house's reading already decide.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from generator import __version__
from generator.errors import Problem
from generator.house import house_folder, template_roots
from generator.load import load_yaml
from generator.read import CaseBundle, case_file

_checked: dict[tuple, list[Problem]] = {}


def check_house(folder: Path, roots: tuple[Path, ...] | None = None, *, write: bool = True,
                out: Path | None = None) -> list[Problem]:
    """Every problem of the house in *folder*, errors and warnings, in file order.

    With *write*, the sample papers are written as PDF and DOCX: into *out* (to be
    looked at) or a temporary folder. The result is kept for the process, keyed by the
    content of the house's and the shared base's folders, so a house used by many
    cases is checked once (unless papers are to be written to *out*). A house found
    clean without writing is remembered in the build cache too (keyed by the same
    content and arende's own code), so a build does not render the sample case again
    until the house, the shared templates or arende change.
    """
    from generator.cache import Keys, code_digest

    roots = roots or template_roots()
    folder = folder.resolve()
    if out is not None:
        return _check(folder, roots, True, out)
    keys = Keys(())
    key = (folder, roots, write, keys.tree(folder), *(keys.tree(root / "base") for root in roots))
    if key not in _checked:
        marker = None if write else _clean_marker(code_digest(keys), key)
        if marker is not None and marker.is_file():
            _checked[key] = []
        else:
            _checked[key] = _check(folder, roots, write)
            if marker is not None and not _checked[key]:
                _remember_clean(marker)
    return list(_checked[key])


def _clean_marker(code: str, key: tuple) -> Path | None:
    """Where the build cache remembers that the house of *key* was found clean."""
    from generator.cache import cache_folder

    folder = cache_folder()
    if folder is None:
        return None
    digest = hashlib.sha256("\0".join([__version__, code, *map(str, key)]).encode()).hexdigest()
    return folder / "husstilar" / digest


def _remember_clean(marker: Path) -> None:
    """An empty file says 'clean'; a cache that cannot be written only costs time."""
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError:
        pass


def houses_of(case_files: Iterable[Path]) -> list[Path]:
    """The folders of the houses the case files name (``hus:``), each once, in order."""
    from generator.errors import InvalidPlan

    found: list[Path] = []
    roots = template_roots()
    for file in case_files:
        try:
            data = load_yaml(file).data
        except InvalidPlan:
            continue
        name = data.get("hus") if isinstance(data, dict) else None
        folder = house_folder(name, roots) if isinstance(name, str) else None
        if folder is not None and folder not in found:
            found.append(folder)
    return found


def houses_for(case_files: list[Path], bundles: list[CaseBundle]) -> list[Path]:
    """The folders of the houses the cases use: from the cases already read, and for
    the ones that could not be read (a broken house, say), from their ``hus:`` line.
    Reading the case files again would cost a YAML parse each, for every case."""
    read = {bundle.source.path.resolve() for bundle in bundles}
    unread = [file for file in case_files if case_file(file).resolve() not in read]
    found = [bundle.house.folder.resolve() for bundle in bundles]
    found += [folder.resolve() for folder in houses_of(case_file(file) for file in unread)]
    return list(dict.fromkeys(found))


def check_houses(folders: Iterable[Path], *, write: bool = False) -> list[Problem]:
    problems: list[Problem] = []
    for folder in folders:
        problems += check_house(folder, write=write)
    return problems


def without_broken_houses(case_files: list[Path], bundles: list[CaseBundle]
                          ) -> tuple[list[CaseBundle], list[Problem]]:
    """The *bundles* whose house has no errors, and every problem of the houses the
    *case_files* name: what ``arende check`` says of them, so a build never gets
    further than a check would."""
    problems: list[Problem] = []
    broken: set[Path] = set()
    for folder in houses_for(case_files, bundles):
        found = check_house(folder, write=False)
        problems += found
        if any(not p.is_warning for p in found):
            broken.add(folder.resolve())
    return [b for b in bundles if b.house.folder.resolve() not in broken], problems


def _check(folder: Path, roots: tuple[Path, ...], write: bool, out: Path | None = None) -> list[Problem]:
    """Check the house now: the thorough part, imported only when a house is checked."""
    from generator.house_sample import check_folder

    return check_folder(folder, roots, write, out)
