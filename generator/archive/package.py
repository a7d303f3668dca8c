"""Making an archive package of a case, or a new version of one, never overwriting anything.

A package is the folder ``<out>/<dnr>/`` (the case folder's name when the house prints
no dnr). Version 1 lies in it directly: each paper as PDF/A and DOCX, the case's YAML
files under ``kallfiler/`` and ``manifest.json``. A later archive of a changed case
adds ``v2/``, ``v3/``, … inside it, each complete in itself, whose manifest records the
previous version's manifest hash. An archive of an unchanged case (every file the same
as in the latest version's manifest) writes nothing.

Everything is written into a hidden staging folder in ``<out>`` first and moved into
place with one ``rename`` of the whole folder once it is complete and synced to disk.
A rename onto a folder with anything in it fails instead of replacing it, so an
existing version is never overwritten, not even by a second ``arende archive``
running at the same moment; an interrupted archive leaves at most a hidden
``.arende-arkiv-*`` folder, never a partial file under a final name.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from generator import __version__
from generator.load.files import kind_of_path
from generator.os_errors import swedish
from generator.staging import staging_folder
from generator.archive import manifest as mf
from generator.writers.pdf.pdfa import read_sources
from generator.errors import ArendeError, InvalidPlan, Problem, RenderFailure, display_path
from generator.kinds.tjansteskrivelse import registration_year
from generator.read import CaseBundle


class DamagedPackage(ArendeError):
    """The latest version on disk no longer matches its manifest; nothing was written."""

    exit_code = 1


@dataclass
class ArchiveResult:
    """What archiving one case did: a new version, or found the latest one unchanged."""

    bundle: CaseBundle
    package: Path
    folder: Path                  # the version's folder
    version: int
    manifest_sha256: str
    unchanged: bool = False
    files: list[str] = field(default_factory=list)


def archive_case(bundle: CaseBundle, out: Path, level: str) -> ArchiveResult:
    """Archive *bundle* into ``out/<dnr>/`` at PDF/A *level*; see the module docstring."""
    from generator.compose.paper import case_prefix

    package = out / case_prefix(bundle)
    refused = kind_of_path(package)   # a link in a loop, a FIFO: never written through
    if refused:
        raise RenderFailure(f"{display_path(package)} {refused}; inget skrevs")
    require_archivable(bundle)
    versions = _existing_versions(package)
    latest = max(versions, default=0)
    try:
        out.mkdir(parents=True, exist_ok=True)
        staging = staging_folder(out, mf.STAGING_PREFIX)
    except OSError as exc:
        raise RenderFailure(f"kan inte skriva i {display_path(out)}: {swedish(exc)}") from None
    try:
        entries = _stage(bundle, staging, level)
        if latest and _same_files(entries, versions[latest]):
            folder = mf.version_folder(package, latest)
            _require_intact(folder, latest, package)
            return ArchiveResult(bundle, package, folder, latest,
                                 mf.sha256_of((folder / mf.MANIFEST).read_bytes()), unchanged=True,
                                 files=[entry["namn"] for entry in versions[latest]["filer"]])
        version = latest + 1
        document = _manifest(bundle, entries, level, version, package)
        data = mf.dump(document)
        _write_synced(staging / mf.MANIFEST, data)
        folder = mf.version_folder(package, version)
        _publish(staging, folder)
        return ArchiveResult(bundle, package, folder, version, mf.sha256_of(data),
                             files=[entry["namn"] for entry in document["filer"]])
    except OSError as exc:  # a full disk, a read-only folder: the user's to fix, not a bug
        raise RenderFailure(f"kan inte skriva arkivpaketet {display_path(package)}: "
                            f"{swedish(exc)}; inget skrevs") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def require_archivable(bundle: CaseBundle) -> None:
    """Every attached PDF must already be PDF/A, believably: arende does not convert
    someone else's PDF (a conversion may change how it looks, and no one would have
    read the converted one). Otherwise :class:`InvalidPlan` at each one's
    ``dokument:``, saying what to do, before anything is written."""
    from generator.load.pdf import pdfa_doubts

    problems = []
    for attached in bundle.attached:
        name = attached.path.name
        if attached.pdfa is None:
            problems.append(Problem(
                attached.location, attached.field,
                f"bilaga {attached.number} ({name}) är inte PDF/A och kan inte arkiveras som PDF/A",
                "spara den som PDF/A – i Word: Spara som → PDF → Alternativ → PDF/A-kompatibel; "
                "i Acrobat: Arkiv → Spara som annan → PDF/A – eller be avsändaren om en PDF/A, "
                "lägg den i ärendets mapp och arkivera igen"))
            continue
        doubts = pdfa_doubts(attached.path)
        if doubts:
            problems.append(Problem(
                attached.location, attached.field,
                f"bilaga {attached.number} ({name}) säger att den är PDF/A-{attached.pdfa}, men "
                + " och ".join(doubts),
                "spara den på nytt som PDF/A med ett program som gör riktig PDF/A och arkivera igen"))
    if problems:
        raise InvalidPlan(problems)


def _require_intact(folder: Path, version: int, package: Path) -> None:
    """An unchanged case is only 'already archived' if what is archived is still intact."""
    from generator.archive.verify import check_version

    report = check_version(folder, version, package)
    if not report.ok:
        findings = "\n  ".join(str(finding) for finding in report.findings)
        raise DamagedPackage(f"ärendet är oförändrat, men version {version} i {display_path(folder)} "
                             f"stämmer inte med sitt manifest:\n  {findings}\nInget skrevs; "
                             f"kör 'arende verify {display_path(package)}'.")


def _existing_versions(package: Path) -> dict[int, dict]:
    """The manifests of the package's versions; an error if the folder is something else."""
    if package.exists() and not package.is_dir():
        raise RenderFailure(f"{display_path(package)} finns redan och är ingen mapp; inget skrevs")
    folders = mf.version_folders(package)
    if package.is_dir() and not folders and any(package.iterdir()):
        raise RenderFailure(f"{display_path(package)} finns redan men är inget arkivpaket "
                            f"({mf.MANIFEST} saknas); inget skrevs. Arkivera till en annan mapp "
                            "eller flytta den befintliga.")
    manifests = {}
    for version, folder in folders.items():
        try:
            manifests[version] = mf.load(folder / mf.MANIFEST)
        except mf.ManifestError as exc:
            raise DamagedPackage(f"{display_path(folder)}: {exc}; kör 'arende verify "
                                f"{display_path(package)}'. Inget skrevs.") from None
    expected = list(range(1, len(manifests) + 1))
    if list(manifests) != expected:
        raise DamagedPackage(f"{display_path(package)}: versionerna {list(manifests)} följer inte "
                            f"på varandra; kör 'arende verify {display_path(package)}'. Inget skrevs.")
    return manifests


def _stage(bundle: CaseBundle, staging: Path, level: str) -> list[dict]:
    """Write every file of the package into *staging*; return their manifest entries."""
    from generator.compose.paper import compose_case
    from generator.writers import docx as docx_writer
    from generator.writers import guarded
    from generator.writers import pdf as pdf_writer
    from generator.writers.layout import Layout
    from generator.writers.pdf.stamp import write_attachments

    sources = read_sources(bundle.sources, bundle.folder)
    pdfa_name = f"PDF/A-{level}"
    entries = []
    for paper in compose_case(bundle):
        facts = _paper_facts(paper)
        # Looked up on the modules at call time, so a test can stand in for a writer.
        writers = (("pdf", partial(pdf_writer.write_pdf, pdfa=level, sources=sources),
                    pdfa_name, "WeasyPrint"),
                   ("docx", docx_writer.write_docx, "DOCX", "python-docx"))
        layout = None   # the PDF's, a hint for the DOCX's page fields (see build_case)
        for suffix, write, file_format, library in writers:
            path = staging / f"{paper.stem}.{suffix}"
            found = guarded(suffix, write)(paper, path, **({"layout": layout} if layout else {}))
            layout = found if isinstance(found, Layout) else layout
            _sync(path)
            entries.append(_entry(staging, path, format=file_format, **facts,
                                  skapad_med=f"arende {__version__} ({library} {_version_of(library)})"))
    case = bundle.case
    for attached, path in zip(bundle.attached, write_attachments(bundle, staging)):
        _sync(path)
        entries.append(_entry(staging, path, format=f"PDF/A-{attached.pdfa}",
                              handlingstyp=f"Bilaga {attached.number}", titel=attached.title,
                              diarienummer=case.dnr or "", datum=case.date.isoformat(),
                              skapad_med=f"bifogad PDF ({attached.path.name}), stämplad av arende {__version__}"))
    for source in sources:
        path = staging / mf.SOURCES_FOLDER / source.name
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_synced(path, source.data)
        entries.append(_entry(staging, path, format="YAML", handlingstyp="Källfil",
                              diarienummer=case.dnr or "", datum=case.date.isoformat(),
                              skapad_med=None))
    return entries


def _paper_facts(paper) -> dict[str, str]:
    """A paper's type, title, dnr and date for its manifest entries, from its facts."""
    facts = paper.facts
    return {"handlingstyp": facts.kind_label, "titel": facts.title,
            "diarienummer": facts.dnr or "", "datum": facts.date.isoformat()}


def _entry(staging: Path, path: Path, **facts) -> dict:
    size, sha256 = mf.digest(path)
    return {"namn": path.relative_to(staging).as_posix(), "sha256": sha256, "storlek": size, **facts}


def _same_files(entries: list[dict], latest: dict) -> bool:
    """Whether the staged files are exactly the latest version's (names and content)."""
    return ({entry["namn"]: entry["sha256"] for entry in entries}
            == {entry["namn"]: entry["sha256"] for entry in latest["filer"]})


def _manifest(bundle: CaseBundle, entries: list[dict], level: str, version: int,
              package: Path) -> dict:
    from generator.dates import source_date_epoch

    previous = None
    if version > 1:
        data = (mf.version_folder(package, version - 1) / mf.MANIFEST).read_bytes()
        previous = {"version": version - 1, "manifest": mf.previous_link(version),
                    "sha256": mf.sha256_of(data)}
    moment = source_date_epoch() or dt.datetime.now(dt.timezone.utc)
    return {
        "format": mf.FORMAT,
        "formatversion": mf.FORMAT_VERSION,
        "version": version,
        "föregående": previous,
        "ärende": _case_facts(bundle),
        "pdfa": f"PDF/A-{level}",
        "skapad_med": f"arende {__version__}",
        "arkiverad": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "filer": entries,
    }


def _case_facts(bundle: CaseBundle) -> dict:
    """The case's own facts for the manifest. The first dnr and nämnd (the ones naming the
    package) stay plain strings as in every earlier package; a joint paper's whole lists
    stand beside them, so no dnr, nämnd or förvaltning of the case is lost in the archive."""
    case, register = bundle.case, bundle.house.register
    return {"diarienummer": case.dnr or "", "titel": case.title,
            "nämnd": register.boards[case.board],
            "datum": case.date.isoformat(), "mapp": bundle.folder.name,
            "alla diarienummer": list(case.dnrs),
            "alla nämnder": [register.boards[recipient.abbreviation] for recipient in case.recipients],
            "förvaltningar": [register.departments[part.abbreviation].name for part in case.departments],
            "registreringsår": registration_year(case, register)}


def _version_of(distribution: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return "okänd version"


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "xb") as handle:  # 'x': a staging folder is new; never write over a file
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _sync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _publish(staging: Path, folder: Path) -> None:
    """Move the complete staging folder to *folder* in one rename.

    rename(2) replaces an empty folder but fails on one with anything in it (and on a
    file), so whatever is already there stays. The folders are synced so the version
    is on disk, not only in the cache, when arende says it is archived.
    """
    _sync_folder(staging)
    try:
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            raise FileExistsError(errno.EEXIST, "finns redan")
        os.rename(staging, folder)
    except OSError as exc:
        if exc.errno not in (errno.EEXIST, errno.ENOTEMPTY, errno.EISDIR, errno.ENOTDIR):
            raise  # a full disk, say: reported by archive_case
        raise RenderFailure(f"{display_path(folder)} finns redan (en annan arkivering hann före?); "
                            "inget skrevs över. Kör kommandot igen.") from None
    _sync_folder(folder.parent)


def _sync_folder(folder: Path) -> None:
    for path in [*folder.rglob("*"), folder]:
        if path.is_dir():
            descriptor = os.open(path, os.O_RDONLY)
            try:
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
