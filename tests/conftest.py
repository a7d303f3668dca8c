"""Shared fixtures: the bundled plans, the seeds in ../shared, and built papers."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT / "tools"))  # tools/pages.py, shared with tools/compare_pages.py

from pages import Unavailable, page_texts  # noqa: E402
PLANS = ROOT / "plans"
UPPSALA = PLANS / "uppsala-amn-2018-0329"
STOCKHOLM = PLANS / "stockholm-amn-2021-arende-7"
SHARED = ROOT.parent / "shared"
SEEDS = {
    "uppsala": SHARED / "seeds" / "000_9c62eecfd51cd0d9.txt",
    "stockholm": SHARED / "seeds" / "002_ccaf433f9b934aa6.txt",
}


@pytest.fixture(autouse=True, scope="session")
def _private_build_cache(tmp_path_factory):
    """Build stamps go to a temporary folder, never the user's ~/.cache/arende."""
    import os

    old = os.environ.get("ARENDE_CACHE")
    os.environ["ARENDE_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop("ARENDE_CACHE", None)
    else:
        os.environ["ARENDE_CACHE"] = old


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared, present for developers and CI but not in a user's clone."""
    if not (SHARED / "tools" / "fidelity.py").is_file():
        pytest.skip("../shared finns inte här (bara för utvecklare och CI)")
    return SHARED


@pytest.fixture(scope="session")
def built_pdfs(tmp_path_factory) -> dict[str, list[Path]]:
    """Both seed cases built to PDF once per session: house → papers in order."""
    from generator.build import build_case
    from generator.read import read_case

    out = tmp_path_factory.mktemp("built")
    return {house: build_case(read_case(folder), out, ("pdf",)).files
            for house, folder in (("uppsala", UPPSALA), ("stockholm", STOCKHOLM))}


def pdf_pages(path: Path) -> list[str]:
    """The text of each page of a PDF, as pdftotext reads it in reading order."""
    try:
        return page_texts(path)
    except Unavailable as exc:
        pytest.skip(str(exc))


def outline(path: Path) -> list[tuple[int, str, int]]:
    """(level, title, 1-based page) of every outline entry, in order."""
    import pypdf

    reader = pypdf.PdfReader(path)
    found: list[tuple[int, str, int]] = []

    def walk(entries, level):
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, level + 1)
            else:
                found.append((level, entry.title, reader.get_destination_page_number(entry) + 1))

    walk(reader.outline, 1)
    return found


def copy_case(source: Path, target: Path) -> Path:
    """A private copy of a bundled case that a test may break."""
    shutil.copytree(source, target)
    return target


def run(*args):
    """``arende ARGS…`` in this process, as a user types it (paths as text)."""
    from click.testing import CliRunner

    from generator.cli import cli

    return CliRunner().invoke(cli, [str(a) for a in args], prog_name="arende")


def own_house(root: Path, name: str, case_folder: str = "c") -> tuple[Path, Path]:
    """A municipality's working folder *root*: its own copy of the Uppsala house called
    *name* in templates/, and a copy of the Uppsala case using it in plans/."""
    house = root / "templates" / name
    shutil.copytree(ROOT / "templates" / "uppsala", house)
    case = copy_case(UPPSALA, root / "plans" / case_folder)
    edit(case / "arende.yaml", "hus: uppsala", f"hus: {name}")
    return house, case


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace *old* by *new* in a plan file, failing loudly if *old* is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
