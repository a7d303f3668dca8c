"""Reproducible papers: the same plan gives the same bytes on any day, in any time zone.

The end-to-end test runs `arende build` and `arende archive` in two processes under
faketime (Debian: faketime) with other clocks, time zones, hash seeds and job counts,
and compares every file byte for byte. SOURCE_DATE_EPOCH is checked in-process.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from conftest import PLANS, ROOT, UPPSALA
from generator.dates import ENV as SOURCE_DATE_EPOCH
from generator.compose.paper import compose_case
from generator.errors import RenderFailure
from generator.read import read_case
from generator.writers.docx import write_docx
from generator.writers.pdf import write_pdf

# One process: build both seeds' papers, then archive the Uppsala case (PDF/A and DOCX). Registering `archive` here
# keeps the test independent of where cli.py registers it.
SCRIPT = """
import sys
from generator.archive_commands import archive
from generator.cli import cli
cli.add_command(archive)
plans, case, built, archived, jobs = sys.argv[1:6]
cli.main(["build", plans, "--out", built, "--force", "--quiet", "--jobs", jobs],
         prog_name="arende", standalone_mode=False)
cli.main(["archive", case, "--out", archived, "--quiet"], prog_name="arende", standalone_mode=False)
"""


def unavailable(message: str):
    """Skip on a developer's machine; in CI a missing tool is a failure, not a pass."""
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI ska ha det: sh tools/install-system-packages.sh --test)")
    pytest.skip(message)


def digests(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_builds_under_other_clocks_and_time_zones_give_identical_bytes(tmp_path):
    if shutil.which("faketime") is None:
        unavailable("faketime saknas (Debian: faketime)")
    runs = {"a": ("2031-06-15 12:00:00", "Pacific/Auckland", "1"),
            "b": ("1999-03-10 12:00:00", "America/Los_Angeles", "2")}
    processes = {}
    for name, (when, zone, jobs) in runs.items():
        env = {key: value for key, value in os.environ.items() if key != SOURCE_DATE_EPOCH}
        env.update(TZ=zone, PYTHONHASHSEED="random", ARENDE_CACHE=str(tmp_path / name / "cache"))
        out = tmp_path / name
        processes[name] = subprocess.Popen(
            ["faketime", when, sys.executable, "-c", SCRIPT, str(PLANS), str(UPPSALA),
             str(out / "built"), str(out / "archived"), jobs],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for name, process in processes.items():  # both at once: the machine has cores to spare
        stdout, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stdout + stderr

    built = {name: digests(tmp_path / name / "built") for name in runs}
    # every paper of every bundled case, PDF and DOCX (and the build's record of it)
    assert len(built["a"]) >= 6 and built["a"] == built["b"]

    archived = {name: digests(tmp_path / name / "archived") for name in runs}
    manifests = [name for name in archived["a"] if name.endswith("manifest.json")]
    assert len(manifests) == 1 and len(archived["a"]) == 7
    assert archived["a"].keys() == archived["b"].keys()
    for name in archived["a"]:
        if name not in manifests:
            assert archived["a"][name] == archived["b"][name], name
    # The manifests differ only in when the archiving was done, which shows the clock
    # really was another in each run.
    for name in manifests:
        a, b = (json.loads((tmp_path / run / "archived" / name).read_text("utf-8")) for run in runs)
        assert a.pop("arkiverad").startswith("2031-06-15") and b.pop("arkiverad").startswith("1999-03-10")
        assert a == b


@pytest.fixture(scope="module")
def paper():
    return compose_case(read_case(UPPSALA))[0]


def papers_with(monkeypatch, value: str | None):
    if value is None:
        monkeypatch.delenv(SOURCE_DATE_EPOCH, raising=False)
    else:
        monkeypatch.setenv(SOURCE_DATE_EPOCH, value)
    return compose_case(read_case(UPPSALA))


def test_source_date_epoch_sets_the_modification_date_and_nothing_else(monkeypatch, tmp_path):
    (paper, _) = papers_with(monkeypatch, "1700000000")   # 2023-11-14 22:13:20 UTC
    write_pdf(paper, tmp_path / "p.pdf")
    write_docx(paper, tmp_path / "p.docx")
    info = PdfReader(tmp_path / "p.pdf").metadata
    assert info["/CreationDate"] == "D:20180905000000Z"   # the paper's own date, always
    assert info["/ModDate"] == "D:20231114221320Z"
    props = docx.Document(str(tmp_path / "p.docx")).core_properties
    assert props.created == dt.datetime(2018, 9, 5, tzinfo=dt.timezone.utc)
    assert props.modified == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)
    with zipfile.ZipFile(tmp_path / "p.docx") as archive:
        entries = archive.infolist()
    assert {entry.date_time for entry in entries} == {(2023, 11, 14, 22, 13, 20)}
    assert {(entry.create_system, entry.external_attr >> 16) for entry in entries} == {(3, 0o644)}
    assert entries[0].filename == "[Content_Types].xml"


def test_source_date_epoch_before_the_papers_date_is_the_papers_date(monkeypatch, tmp_path):
    (with_epoch, _) = papers_with(monkeypatch, "0")
    (without, _) = papers_with(monkeypatch, None)
    assert with_epoch.html == without.html
    write_pdf(without, tmp_path / "p.pdf")
    assert PdfReader(tmp_path / "p.pdf").metadata["/ModDate"] == "D:20180905000000Z"


def test_malformed_source_date_epoch_is_an_error(monkeypatch):
    with pytest.raises(RenderFailure, match="SOURCE_DATE_EPOCH='igår' är inget giltigt antal sekunder"):
        papers_with(monkeypatch, "igår")


def test_the_same_paper_written_twice_gives_the_same_pdf(paper, tmp_path):
    for name in ("a", "b"):
        write_pdf(paper, tmp_path / f"{name}.pdf", pdfa="1b")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    reader = PdfReader(tmp_path / "a.pdf")
    first, second = reader.trailer["/ID"]
    assert first == second and len(first) == 32   # an id from the content, not from chance
