"""The manifest of an archive package: which files it holds, each with its checksum.

``manifest.json`` lies in every version folder of a package. Its keys are Swedish,
like the rest of what registrars read::

    {
      "format": "arende-arkivpaket", "formatversion": 1,
      "version": 2,
      "föregående": {"version": 1, "manifest": "../manifest.json", "sha256": "…"},
      "ärende": {"diarienummer": "AMN-2018-0329", "titel": "…", "nämnd": "…", "datum": "2018-09-05",
                 "mapp": "…", "alla diarienummer": ["AMN-2018-0329"], "alla nämnder": ["…"],
                 "förvaltningar": ["…"], "registreringsår": 2018},
      "pdfa": "PDF/A-1b",
      "skapad_med": "arende 0.1.0",
      "arkiverad": "2026-12-08T09:14:02Z",
      "filer": [{"namn": "AMN-2018-0329_tjansteskrivelse.pdf", "sha256": "…", "storlek": 60856,
                 "format": "PDF/A-1b", "handlingstyp": "Tjänsteskrivelse", "diarienummer": "…",
                 "datum": "2018-09-05", "skapad_med": "arende 0.1.0 (WeasyPrint 70.0)"}, …]
    }

``föregående`` is null in version 1. File names are relative to the version folder,
with ``/`` between folders. The manifest is written with sorted file entries and
fixed formatting, so its SHA-256 (which the next version records) depends only on
its content.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path, PurePosixPath

from generator.load.files import FileRefused, read_regular

FORMAT = "arende-arkivpaket"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 64 * 1024 * 1024   # a manifest lists a case's files: some kB
SOURCES_FOLDER = "kallfiler"   # the case's YAML files, as the handläggare wrote them
STAGING_PREFIX = ".arende-arkiv-"   # a package being written, beside the packages


# Version 1 lies in the package folder itself, later versions in v2/, v3/, … inside it.
VERSION_FOLDER = re.compile(r"v([2-9]|[1-9][0-9]+)")


def version_folder(package: Path, version: int) -> Path:
    """Where *version* of the package in *package* lies."""
    return package if version == 1 else package / f"v{version}"


def version_folders(package: Path) -> dict[int, Path]:
    """The version folders a package folder holds (those with a manifest), by version."""
    found = {1: package} if (package / MANIFEST).is_file() else {}
    if package.is_dir():
        for child in package.iterdir():
            match = VERSION_FOLDER.fullmatch(child.name)
            if match and child.is_dir() and (child / MANIFEST).is_file():
                found[int(match.group(1))] = child
    return dict(sorted(found.items()))


def previous_link(version: int) -> str:
    """The path from *version*'s folder to the previous version's manifest."""
    if version == 2:
        return f"../{MANIFEST}"
    return f"../v{version - 1}/{MANIFEST}"


class ManifestError(Exception):
    """A manifest that cannot be used; the message is Swedish, for the user."""


def digest(path: Path) -> tuple[int, str]:
    """The size and SHA-256 (hex) of a file, read once."""
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        return size, hashlib.file_digest(handle, "sha256").hexdigest()


def dump(manifest: dict) -> bytes:
    """The manifest as UTF-8 JSON, formatted the same way every time."""
    manifest = {**manifest, "filer": sorted(manifest["filer"], key=lambda entry: entry["namn"])}
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def load(path: Path) -> dict:
    """Read and check a manifest's shape; :class:`ManifestError` says what is wrong."""
    if not os.path.lexists(path):
        raise ManifestError(f"{MANIFEST} saknas")
    try:
        raw = read_regular(path, MAX_MANIFEST_BYTES)
        if len(raw) > MAX_MANIFEST_BYTES:
            raise ManifestError(f"{MANIFEST} är större än {MAX_MANIFEST_BYTES // (1024 * 1024)} MB")
        manifest = json.loads(raw.decode("utf-8"))
    except FileRefused as exc:
        raise ManifestError(f"{MANIFEST} {exc}") from None
    except RecursionError:   # a manifest nested 100,000 deep: not one arende wrote
        raise ManifestError(f"{MANIFEST} är nästlat för djupt för att vara ett manifest") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ManifestError(f"{MANIFEST} kan inte läsas: {exc}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ManifestError(f"{MANIFEST} är inget manifest för ett arkivpaket från arende")
    if manifest.get("formatversion") != FORMAT_VERSION:
        raise ManifestError(f"{MANIFEST} har formatversion {manifest.get('formatversion')!r}; "
                            f"den här versionen av arende läser formatversion {FORMAT_VERSION}")
    version, files = manifest.get("version"), manifest.get("filer")
    if not isinstance(version, int) or version < 1 or not isinstance(files, list):
        raise ManifestError(f"{MANIFEST} saknar 'version' eller 'filer'")
    for entry in files:
        if not (isinstance(entry, dict) and safe_name(entry.get("namn"))
                and isinstance(entry.get("sha256"), str) and isinstance(entry.get("storlek"), int)):
            raise ManifestError(f"{MANIFEST} har en filpost som inte går att kontrollera: {entry!r}")
    return manifest


def safe_name(name) -> bool:
    """A file name a manifest may list: relative, inside the folder, not the manifest."""
    if not isinstance(name, str) or not name or "\\" in name:
        return False
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name != MANIFEST


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
