"""`arende archive` and `arende verify` as registrars use them: packages, versions, checks, safe writing."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import zipfile
from pathlib import Path

import click
import pikepdf
import pytest
from click.testing import CliRunner

from conftest import UPPSALA, copy_case, edit
from generator import __version__
from generator.archive_commands import archive, verify
from generator.errors import display_path

DNR = "AMN-2018-0329"
PAPERS = [f"{DNR}_bilaga-1_handlingsplan.docx", f"{DNR}_bilaga-1_handlingsplan.pdf",
          f"{DNR}_tjansteskrivelse.docx", f"{DNR}_tjansteskrivelse.pdf"]
SOURCES = ["kallfiler/arende.yaml", "kallfiler/bilaga-1-handlingsplan.yaml"]


@click.group()
def arende():
    """The two commands in a group of their own, as cli.py registers them."""


arende.add_command(archive)
arende.add_command(verify)


def run(*args):
    return CliRunner().invoke(arende, [str(a) for a in args], prog_name="arende")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under *folder* (hidden ones included) with its content."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def archived(tmp_path_factory) -> Path:
    """The Uppsala case archived once, for real (PDF/A-1b and DOCX): the archive folder."""
    out = tmp_path_factory.mktemp("arkiv")
    result = run("archive", UPPSALA, "--out", out)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def package(archived, tmp_path) -> Path:
    """A private copy of the archived package that a test may break."""
    shutil.copytree(archived, tmp_path / "arkiv")
    return tmp_path / "arkiv" / DNR


@pytest.fixture
def quick_writers(monkeypatch):
    """Writers that write a line instead of laying out a paper, for tests of the packaging."""
    import generator.writers.docx as docx_writer
    import generator.writers.pdf as pdf_writer

    def write(paper, target, **options):
        target.write_bytes(f"{paper.stem} {paper.title} {options.get('pdfa')}\n".encode())

    monkeypatch.setattr(pdf_writer, "write_pdf", write)
    monkeypatch.setattr(docx_writer, "write_docx", write)


def test_a_package_holds_pdfa_docx_sources_and_a_manifest_with_checksums(archived):
    folder = archived / DNR
    assert sorted(snapshot(folder)) == sorted(PAPERS + SOURCES + ["manifest.json"])
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    assert manifest["format"] == "arende-arkivpaket" and manifest["version"] == 1
    assert manifest["föregående"] is None and manifest["pdfa"] == "PDF/A-1b"
    assert manifest["ärende"] == {"diarienummer": DNR, "titel": "Handlingsplan sociala företag",
                                  "nämnd": "Arbetsmarknadsnämnden", "datum": "2018-09-05",
                                  "mapp": "uppsala-amn-2018-0329", "alla diarienummer": [DNR],
                                  "alla nämnder": ["Arbetsmarknadsnämnden"],
                                  "förvaltningar": ["Arbetsmarknadsförvaltningen"], "registreringsår": 2018}
    entries = {entry["namn"]: entry for entry in manifest["filer"]}
    assert sorted(entries) == sorted(PAPERS + SOURCES)
    for name, entry in entries.items():
        assert entry["sha256"] == sha256(folder / name) and entry["storlek"] == (folder / name).stat().st_size
        assert entry["diarienummer"] == DNR and entry["datum"] == "2018-09-05"
    letter = entries[f"{DNR}_tjansteskrivelse.pdf"]
    assert letter["handlingstyp"] == "Tjänsteskrivelse" and letter["format"] == "PDF/A-1b"
    assert letter["skapad_med"].startswith(f"arende {__version__} (WeasyPrint ")
    assert entries[f"{DNR}_bilaga-1_handlingsplan.docx"]["handlingstyp"] == "Bilaga 1, handlingsplan"
    assert entries[f"{DNR}_bilaga-1_handlingsplan.docx"]["skapad_med"].startswith(f"arende {__version__} (python-docx ")
    assert entries["kallfiler/arende.yaml"]["skapad_med"] is None
    assert (folder / "kallfiler/arende.yaml").read_bytes() == (UPPSALA / "arende.yaml").read_bytes()
    with pikepdf.open(folder / f"{DNR}_tjansteskrivelse.pdf") as pdf:
        assert pdf.open_metadata()["pdfaid:part"] == "1"
        pages = len(pdf.pages)
    assert not [p for p in archived.iterdir() if p.name.startswith(".")]   # no staging left
    # The DOCX's page-count field caches the count of the PDF laid out beside it.
    with zipfile.ZipFile(folder / f"{DNR}_tjansteskrivelse.docx") as docx:
        header = "".join(docx.read(n).decode() for n in docx.namelist() if n.startswith("word/header"))
    assert re.search(rf'NUMPAGES </w:instrText>.*?separate"/></w:r><w:r><w:t>{pages}</w:t>', header)


def test_verify_accepts_an_intact_package_and_prints_the_manifest_hash(archived):
    result = run("verify", archived / DNR)
    assert result.exit_code == 0, result.output
    digest = sha256(archived / DNR / "manifest.json")
    assert result.output.splitlines() == [f"{archived / DNR}/: version 1, 6 filer, manifest.json sha256 {digest}",
                                          "1 version kontrollerad: allt stämmer."]


@pytest.mark.parametrize("damage, expected", [
    ("flip", f"ändrad: {{p}}/{DNR}_tjansteskrivelse.pdf (sha256 "),
    ("delete", f"saknas: {{p}}/{DNR}_bilaga-1_handlingsplan.docx"),
    ("add", "extra: {p}/kallfiler/anteckning.txt (finns inte i manifestet)"),
])
def test_verify_reports_a_changed_missing_or_extra_file(package, damage, expected):
    if damage == "flip":
        path = package / f"{DNR}_tjansteskrivelse.pdf"
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0x01
        path.write_bytes(bytes(data))
    elif damage == "delete":
        (package / f"{DNR}_bilaga-1_handlingsplan.docx").unlink()
    else:
        (package / "kallfiler" / "anteckning.txt").write_text("inlagd i efterhand")
    for target in (package, package.parent):   # the package, or the archive folder holding it
        result = run("verify", target)
        assert result.exit_code == 1
        lines = result.output.splitlines()
        assert any(line.startswith(expected.format(p=package)) for line in lines), result.output
        assert lines[-1] == "1 version kontrollerad: 1 avvikelse hittades."


def test_verify_json_and_an_interrupted_archive_left_behind(package):
    (package.parent / ".arende-arkiv-x1y2").mkdir()
    result = run("verify", package.parent, "--json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["stämmer"] is False and [c["version"] for c in report["kontrollerat"]] == [1]
    assert report["fynd"] == [{"typ": "extra", "fil": str(package.parent / ".arende-arkiv-x1y2"),
                               "detalj": "en avbruten arkivering; kan tas bort"}]


def test_archiving_an_unchanged_case_again_writes_nothing(package):
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in package.rglob("*") if p.is_file()}
    result = run("archive", UPPSALA, "--out", package.parent)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"oförändrat: {display_path(UPPSALA)} är redan arkiverat som version 1 i {package}/; inget skrevs.",
        f"0 ärenden arkiverade, 1 oförändrat i {package.parent}/."]
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in package.rglob("*") if p.is_file()} == before
    assert [p.name for p in package.parent.iterdir()] == [DNR]


def test_a_changed_case_becomes_version_2_naming_version_1s_manifest(package, tmp_path):
    before = snapshot(package)
    case = copy_case(UPPSALA, tmp_path / "andrad")
    edit(case / "arende.yaml", "titel: Handlingsplan sociala företag",
         "titel: Handlingsplan sociala företag, reviderad")
    result = run("archive", case, "--out", package.parent)
    assert result.exit_code == 0, result.output
    assert f"→ {package}/v2/ (version 2, PDF/A-1b, 6 filer)" in result.stdout
    assert {k: v for k, v in snapshot(package).items() if not k.startswith("v2/")} == before
    manifest = json.loads((package / "v2" / "manifest.json").read_text("utf-8"))
    assert manifest["version"] == 2
    assert manifest["föregående"] == {"version": 1, "manifest": "../manifest.json",
                                      "sha256": sha256(package / "manifest.json")}
    assert manifest["ärende"]["titel"] == "Handlingsplan sociala företag, reviderad"
    # The bilaga did not change, and its files are the same bytes as in version 1.
    assert sha256(package / "v2" / f"{DNR}_bilaga-1_handlingsplan.pdf") == sha256(
        package / f"{DNR}_bilaga-1_handlingsplan.pdf")
    verified = run("verify", package)
    assert verified.exit_code == 0 and verified.output.endswith("2 versioner kontrollerade: allt stämmer.\n")

    again = run("archive", case, "--out", package.parent)
    assert "är redan arkiverat som version 2" in again.stdout and not (package / "v3").exists()

    # Version 1 replaced wholesale, manifest and all, no longer matches what version 2 recorded.
    (package / "kallfiler" / "arende.yaml").write_text("hus: uppsala\n")
    old = json.loads((package / "manifest.json").read_text("utf-8"))
    for entry in old["filer"]:
        if entry["namn"] == "kallfiler/arende.yaml":
            entry.update(sha256=sha256(package / "kallfiler" / "arende.yaml"), storlek=13)
    (package / "manifest.json").write_text(json.dumps(old, ensure_ascii=False, indent=2) + "\n", "utf-8")
    broken = run("verify", package)
    assert broken.exit_code == 1
    assert (f"fel: {package}/v2/manifest.json (version 1:s manifest är inte det som arkiverades "
            "(kontrollsumman stämmer inte))") in broken.output.splitlines()


def test_archive_help_and_messages_are_swedish():
    help_text = run("archive", "--help").output
    assert "Gör arkivpaket av beslutade ärenden" in help_text and "Inget skrivs någonsin över." in help_text
    assert "Kontrollera arkivpaket mot deras manifest." in run("verify", "--help").output
    bad = run("archive", "--pdfa", "4f")
    assert bad.exit_code == 2 and "Ogiltigt värde för '--pdfa'" in bad.output


# Safe writing: every run below writes into an archive holding version 1 of the case,
# breaks in another way, and must leave that archive exactly as it was.

@pytest.fixture
def quick_archive(quick_writers, tmp_path) -> Path:
    out = tmp_path / "arkiv"
    assert run("archive", UPPSALA, "--out", out).exit_code == 0
    return out


@pytest.fixture
def changed_case(tmp_path) -> Path:
    case = copy_case(UPPSALA, tmp_path / "andrad")
    edit(case / "arende.yaml", "titel: Handlingsplan sociala företag", "titel: Ny titel")
    return case


def test_a_writer_dying_half_way_leaves_the_archive_as_it_was(quick_archive, changed_case, monkeypatch):
    import generator.writers.pdf as pdf_writer

    before = snapshot(quick_archive)

    def dying(paper, target, **options):
        target.write_bytes(b"%PDF-1.4 halv")
        raise OSError(errno.ENOSPC, "disken är full")

    monkeypatch.setattr(pdf_writer, "write_pdf", dying)
    result = run("archive", changed_case, "--out", quick_archive)
    assert result.exit_code == 4
    assert result.output.splitlines()[-1] == (f"fel: kan inte skriva arkivpaketet {quick_archive / DNR}: "
                                              "disken är full; inget skrevs")
    assert snapshot(quick_archive) == before   # no v2, no staging folder, nothing half-written


def test_a_full_disk_at_the_final_rename_leaves_the_archive_as_it_was(quick_archive, changed_case,
                                                                       monkeypatch):
    import generator.archive.package as package_module

    before = snapshot(quick_archive)

    def full(source, target):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(package_module.os, "rename", full)
    result = run("archive", changed_case, "--out", quick_archive)
    assert result.exit_code == 4 and "disken är full; inget skrevs" in result.output
    assert snapshot(quick_archive) == before


def test_a_version_written_meanwhile_by_someone_else_is_never_replaced(quick_archive, changed_case,
                                                                        monkeypatch):
    import generator.archive.package as package_module

    real_rename = os.rename

    def racing(source, target):
        Path(target).mkdir()
        Path(target, "manifest.json").write_text("den andras")
        real_rename(source, target)

    monkeypatch.setattr(package_module.os, "rename", racing)
    result = run("archive", changed_case, "--out", quick_archive)
    assert result.exit_code == 4
    assert f"fel: {quick_archive / DNR / 'v2'} finns redan (en annan arkivering hann före?); " \
           "inget skrevs över. Kör kommandot igen." in result.output
    assert (quick_archive / DNR / "v2" / "manifest.json").read_text() == "den andras"
    assert not [p for p in quick_archive.iterdir() if p.name.startswith(".")]


def test_a_file_or_a_stranger_folder_where_the_package_should_be_is_left_alone(quick_writers, tmp_path):
    out = tmp_path / "arkiv"
    out.mkdir()
    (out / DNR).write_text("en fil där paketet skulle ligga")
    result = run("archive", UPPSALA, "--out", out)
    assert result.exit_code == 4
    assert f"fel: {out / DNR} finns redan och är ingen mapp; inget skrevs" in result.output
    assert (out / DNR).read_text() == "en fil där paketet skulle ligga"

    (out / DNR).unlink()
    (out / DNR).mkdir()
    (out / DNR / "egen.txt").write_text("någon annans")
    result = run("archive", UPPSALA, "--out", out)
    assert result.exit_code == 4 and "finns redan men är inget arkivpaket" in result.output
    assert snapshot(out) == {f"{DNR}/egen.txt": "någon annans".encode()}


def test_an_unchanged_case_whose_archived_version_was_damaged_is_reported_not_passed(quick_archive):
    damaged = quick_archive / DNR / f"{DNR}_tjansteskrivelse.pdf"
    damaged.write_bytes(b"utbytt")
    before = snapshot(quick_archive)
    result = run("archive", UPPSALA, "--out", quick_archive)
    assert result.exit_code == 1
    assert f"fel: ärendet är oförändrat, men version 1 i {quick_archive / DNR} stämmer inte med sitt " \
           "manifest:" in result.output
    assert f"ändrad: {damaged} (sha256 " in result.output
    assert snapshot(quick_archive) == before
