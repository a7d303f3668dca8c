"""Checking archive packages against their manifests: ``arende verify``.

Every version of a package is checked on its own: each file its manifest lists must be
there with the same size and SHA-256 (else *saknas* or *ändrad*), nothing else may lie
in the version's folder (*extra*; the later versions' ``vN/`` folders inside version 1
are versions, not extras), and each version's manifest must record the SHA-256 of the
previous version's manifest (else *fel*), so that a changed or replaced earlier
manifest shows too. The check reads only the package: it does not need the case, the
house style or the tool that made the files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from generator.archive import manifest as mf
from generator.errors import display_path
from generator.load.files import kind_of_path

MISSING, CHANGED, EXTRA, BROKEN = "saknas", "ändrad", "extra", "fel"


@dataclass(frozen=True)
class Finding:
    """One thing wrong in a package."""

    kind: str
    path: Path
    detail: str = ""

    def __str__(self) -> str:
        text = f"{self.kind}: {display_path(self.path)}"
        return f"{text} ({self.detail})" if self.detail else text

    def as_dict(self) -> dict:
        return {"typ": self.kind, "fil": display_path(self.path), "detalj": self.detail}


@dataclass(frozen=True)
class Checked:
    """One version folder that was checked."""

    folder: Path
    version: int
    files: int
    manifest_sha256: str


@dataclass
class Report:
    """Everything checked and everything found wrong."""

    checked: list[Checked] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings


def verify(path: Path) -> Report:
    """Check a package folder, one version folder, or a folder of packages."""
    path = Path(path)
    report = Report()
    if not path.is_dir():
        report.findings.append(Finding(MISSING, path, kind_of_path(path) or "mappen finns inte"))
    elif (path / mf.MANIFEST).is_file() or mf.version_folders(path):
        _check_package_or_version(path, report)
    else:
        for child in sorted(path.iterdir()):
            if child.name.startswith(mf.STAGING_PREFIX):
                report.findings.append(Finding(EXTRA, child, "en avbruten arkivering; kan tas bort"))
            elif child.is_dir() and not child.is_symlink() and mf.version_folders(child):
                _check_package(child, report)
            else:
                report.findings.append(Finding(EXTRA, child, "inget arkivpaket"))
        if not report.checked and not report.findings:
            report.findings.append(Finding(MISSING, path / mf.MANIFEST, "mappen innehåller inget arkivpaket"))
    return report


def check_version(folder: Path, version: int, package: Path) -> Report:
    """Check one version folder alone (its later versions' folders are not extras)."""
    report = Report()
    later = tuple(f for v, f in mf.version_folders(package).items() if v > version)
    _check_version(folder, version, package, report, skip=later if version == 1 else ())
    return report


def _check_package_or_version(path: Path, report: Report) -> None:
    """*path* is a package (version 1 in it, or only later ones) or a ``vN`` folder."""
    match = mf.VERSION_FOLDER.fullmatch(path.name)
    if match and (path.parent / mf.MANIFEST).is_file():
        version = int(match.group(1))
        _check_version(path, version, path.parent, report, skip=())
    else:
        _check_package(path, report)


def _check_package(package: Path, report: Report) -> None:
    folders = mf.version_folders(package)
    if 1 not in folders:
        report.findings.append(Finding(MISSING, package / mf.MANIFEST, "version 1 saknas"))
    for version in range(2, max(folders, default=1)):
        if version not in folders:
            report.findings.append(Finding(MISSING, mf.version_folder(package, version) / mf.MANIFEST,
                                           f"version {version} saknas"))
    later = tuple(folder for version, folder in folders.items() if version > 1)
    for version, folder in folders.items():
        _check_version(folder, version, package, report, skip=later if version == 1 else ())


def _check_version(folder: Path, version: int, package: Path, report: Report, skip: tuple) -> None:
    manifest_path = folder / mf.MANIFEST
    try:
        data = manifest_path.read_bytes()
        manifest = mf.load(manifest_path)
    except (OSError, mf.ManifestError) as exc:
        report.findings.append(Finding(BROKEN, manifest_path, str(exc)))
        return
    if manifest["version"] != version:
        report.findings.append(Finding(BROKEN, manifest_path,
                                       f"säger version {manifest['version']} men ligger där version "
                                       f"{version} ska ligga"))
    _check_chain(manifest, version, package, manifest_path, report)
    listed = set()
    for entry in manifest["filer"]:
        listed.add(entry["namn"])
        _check_file(folder / entry["namn"], entry, report)
    for path in _files_in(folder, skip):
        name = path.relative_to(folder).as_posix()
        if name != mf.MANIFEST and name not in listed:
            report.findings.append(Finding(EXTRA, path, "finns inte i manifestet"))
    report.checked.append(Checked(folder, version, len(manifest["filer"]), mf.sha256_of(data)))


def _check_chain(manifest: dict, version: int, package: Path, manifest_path: Path,
                 report: Report) -> None:
    """Version N's manifest must name version N-1's manifest and its SHA-256."""
    previous = manifest.get("föregående")
    if version == 1:
        if previous is not None:
            report.findings.append(Finding(BROKEN, manifest_path,
                                           "version 1 ska inte ha någon föregående version"))
        return
    earlier = mf.version_folder(package, version - 1) / mf.MANIFEST
    expected = {"version": version - 1, "manifest": mf.previous_link(version)}
    if not isinstance(previous, dict) or any(previous.get(k) != v for k, v in expected.items()):
        report.findings.append(Finding(BROKEN, manifest_path,
                                       f"pekar inte ut version {version - 1} som föregående"))
    elif not earlier.is_file() or mf.sha256_of(earlier.read_bytes()) != previous.get("sha256"):
        report.findings.append(Finding(BROKEN, manifest_path,
                                       f"version {version - 1}:s manifest är inte det som "
                                       "arkiverades (kontrollsumman stämmer inte)"))


def _check_file(path: Path, entry: dict, report: Report) -> None:
    if path.is_symlink() or not path.is_file():
        detail = "är en symbolisk länk" if path.is_symlink() else ""
        report.findings.append(Finding(CHANGED if detail else MISSING, path, detail))
        return
    size, sha256 = mf.digest(path)
    if size != entry["storlek"] or sha256 != entry["sha256"]:
        report.findings.append(Finding(
            CHANGED, path, f"sha256 {sha256[:12]}…, {size} byte; manifestet säger "
                           f"{entry['sha256'][:12]}…, {entry['storlek']} byte"))


def _files_in(folder: Path, skip: tuple) -> list[Path]:
    """Every file (and symbolic link) under *folder*, not looking into *skip*."""
    found = []
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        for name in list(dirs):
            if here / name in skip:
                dirs.remove(name)
            elif (here / name).is_symlink():
                found.append(here / name)
        found.extend(here / name for name in files)
    return sorted(found)
