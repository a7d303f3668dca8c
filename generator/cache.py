"""Knowing when a case's papers are already built: stamps keyed by everything that makes them.

A case is skipped by ``arende build`` when its output folder still holds exactly what
the last successful build of the same input wrote there. The *key* of a build is a
SHA-256 over

* the case's files: ``arende.yaml``, the bilaga files it names and its attached PDFs
  (content and name);
* the house style: every file of the house's folder and of the shared ``base/`` folder, in
  every template root the house is looked up in (``hus.yaml``, templates, CSS,
  fonts, logo);
* the tool: arende's version, a digest of its own Python code (a checkout changes
  without a version bump), the versions of WeasyPrint and python-docx, and which writer
  function writes each format (a replaced writer's files are not ours to trust);
* the formats asked for, and the environment variables that change the papers' bytes
  (``SOURCE_DATE_EPOCH``).

The *stamp* of an output folder records the key and the size and SHA-256 of every file
the build wrote. A case is unchanged when the key is the same and every one of those
files is still there with the same content. Stamps are written only after a case's
files are all in place, and removed before a case is rebuilt, so a failed build never
leaves a stamp behind that claims success.

Stamps are kept out of the output folder (which is often published as it is, e.g. to
a board's file share): in ``$ARENDE_CACHE``, else ``$XDG_CACHE_HOME/arende``, else
``~/.cache/arende``, one small JSON file per output folder, named by a hash of the
folder's absolute path. Caching is best effort: a cache folder that cannot be read or
written only means that every case is built.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

from generator import __version__

STAMP_VERSION = 1
CACHE_ENV = "ARENDE_CACHE"
_KEEP_STAMPS = 2000   # more stamps than this: forget those whose output folder is gone

# Where each format's writer lives (see generator.writers.writer_for), looked up without
# importing it: a writer that was never imported cannot have been replaced.
_WRITERS = {"pdf": ("generator.writers.pdf", "write_pdf"),
            "docx": ("generator.writers.docx", "write_docx")}
_LIBRARIES = {"pdf": "weasyprint", "docx": "python-docx"}
# Environment variables that change the papers' bytes (generator.dates).
ENVIRONMENT = ("SOURCE_DATE_EPOCH",)


def cache_folder() -> Path | None:
    """The folder stamps are kept in, or None when there is no place for them."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen:
        return Path(chosen)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "arende"
    try:
        return Path.home() / ".cache" / "arende"
    except RuntimeError:  # no home folder (a locked-down service account)
        return None


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's content, in hex."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


class Keys:
    """Build keys for one run of ``arende build``.

    Digests of the shared parts (house folders, the tool) are computed once per run
    and kept only as long as this object: a long-running process that builds again
    makes a new one, so edits between runs are always seen.
    """

    def __init__(self, formats: tuple[str, ...]):
        self.formats = tuple(formats)
        self._trees: dict[tuple[Path, str], str] = {}
        self._tool: str | None = None

    def key(self, bundle) -> str:
        """The key of building *bundle* (a validated CaseBundle) in this run's formats."""
        digest = hashlib.sha256()

        def feed(*parts: object) -> None:
            digest.update(json.dumps([str(p) for p in parts], ensure_ascii=False).encode())
            digest.update(b"\n")

        feed("stamp", STAMP_VERSION)
        feed("tool", self.tool())
        feed("formats", *self.formats)
        feed("draft", bundle.draft)   # --utkast watermarks papers the plan says are final
        feed("environment", *(f"{name}={os.environ.get(name, '')}" for name in ENVIRONMENT))
        folder = bundle.folder
        for path in bundle.inputs:
            path = Path(path)
            try:
                name = path.resolve().relative_to(folder.resolve()).as_posix()
            except ValueError:
                name = str(path.resolve())
            feed("plan", name, file_digest(path))
        house = bundle.house
        for index, root in enumerate(house.roots):
            for part in (house.key, "base"):
                feed("house", index, part, self.tree(root / part))
        return digest.hexdigest()

    def tool(self) -> str:
        """arende's version and code, and what writes each format."""
        if self._tool is None:
            parts = [__version__, code_digest(self)]
            for fmt in self.formats:
                parts += [fmt, _library_version(fmt), writer_identity(fmt)]
            self._tool = hashlib.sha256("\n".join(parts).encode()).hexdigest()
        return self._tool

    def tree(self, folder: Path, suffix: str = "") -> str:
        """A digest of every file under *folder* (names and content), or of its absence.

        Hidden files and folders, ``__pycache__`` and editor backups (``name~``) are left
        out: nothing reads them, and an editor's swap file must not force a rebuild.
        """
        cached = self._trees.get((folder, suffix))
        if cached is not None:
            return cached
        digest = hashlib.sha256()
        if folder.is_dir():
            files = []
            for path in folder.rglob("*"):
                relative = path.relative_to(folder)
                if any(part.startswith(".") or part == "__pycache__" for part in relative.parts):
                    continue
                if path.name.endswith("~") or not path.name.endswith(suffix) or not path.is_file():
                    continue
                files.append((relative.as_posix(), path))
            for name, path in sorted(files):
                digest.update(f"{name}\0{file_digest(path)}\n".encode())
        else:
            digest.update(b"absent")
        self._trees[(folder, suffix)] = result = digest.hexdigest()
        return result


def code_digest(keys: Keys) -> str:
    """A digest of arende's own Python code (the ``generator`` package)."""
    return keys.tree(Path(__file__).resolve().parent, suffix=".py")


def _library_version(fmt: str) -> str:
    from importlib import metadata

    name = _LIBRARIES.get(fmt)
    if name is None:
        return "-"
    try:
        return f"{name} {metadata.version(name)}"
    except metadata.PackageNotFoundError:
        return f"{name} ?"


def writer_identity(fmt: str) -> str:
    """Which function writes *fmt* in this process, by module and name."""
    module_name, attribute = _WRITERS.get(fmt, (f"generator.writers.{fmt}", f"write_{fmt}"))
    module = sys.modules.get(module_name)
    writer = getattr(module, attribute, None) if module is not None else None
    if writer is None:
        return f"{module_name}.{attribute}"
    return f"{getattr(writer, '__module__', '?')}.{getattr(writer, '__qualname__', repr(writer))}"


# --- stamps -------------------------------------------------------------------------

def stamp_path(folder: Path, part: str = "") -> Path | None:
    """Where the stamp of the output folder *folder* is kept; with *part*, the stamp of
    one set of files in it (a meeting's folder also holds its protokoll's)."""
    root = cache_folder()
    if root is None:
        return None
    where = str(Path(folder).resolve()) + (f"#{part}" if part else "")
    name = hashlib.sha256(where.encode()).hexdigest()[:40]
    return root / "stamps" / f"{name}.json"


def read_stamp(folder: Path, part: str = "") -> dict | None:
    path = stamp_path(folder, part)
    if path is None:
        return None
    try:
        stamp = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if (not isinstance(stamp, dict) or stamp.get("folder") != str(Path(folder).resolve())
            or stamp.get("part", "") != part):
        return None
    return stamp


def unchanged(folder: Path, key: str, part: str = "") -> list[Path] | None:
    """The files of *folder* if they are what a build with *key* wrote there, else None."""
    stamp = read_stamp(folder, part)
    if stamp is None or stamp.get("version") != STAMP_VERSION or stamp.get("key") != key:
        return None
    files = stamp.get("files")
    if not isinstance(files, dict) or not files:
        return None
    found = []
    for name, record in files.items():
        path = Path(folder) / name
        try:
            if path.stat().st_size != record["size"] or file_digest(path) != record["sha256"]:
                return None
        except (OSError, KeyError, TypeError):
            return None
        found.append(path)
    return found


def recorded(folder: Path, part: str = "") -> dict[str, dict]:
    """What the stamp of *folder* records of each file (size, sha256, a PDF's pages),
    by name; call after :func:`unchanged` found the files to be those."""
    stamp = read_stamp(folder, part)
    files = stamp.get("files") if stamp else None
    return {name: record for name, record in files.items() if isinstance(record, dict)} \
        if isinstance(files, dict) else {}


def record(folder: Path, key: str, files: dict[str, dict], part: str = "") -> None:
    """Stamp *folder* as built with *key*; *files* maps each file name to its size and sha256.

    Call only once every file is in place. Failing to write the stamp is not an error:
    the case is built again next time.
    """
    path = stamp_path(folder, part)
    if path is None:
        return
    stamp = {"version": STAMP_VERSION, "folder": str(Path(folder).resolve()), "key": key,
             "files": files}
    if part:
        stamp["part"] = part
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, staged = tempfile.mkstemp(prefix=".stamp-", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(stamp, out, ensure_ascii=False, indent=1)
        os.replace(staged, path)
    except OSError:
        return
    _prune(path.parent)


def forget(folder: Path, part: str = "") -> None:
    """Remove *folder*'s stamp: its files are about to change."""
    path = stamp_path(folder, part)
    if path is not None:
        try:
            path.unlink()
        except OSError:
            pass


def _prune(stamps: Path) -> None:
    """Forget stamps of output folders that are gone, once there are many of them."""
    try:
        entries = list(os.scandir(stamps))
        if len(entries) <= _KEEP_STAMPS:
            return
        for entry in entries:
            try:
                folder = json.loads(Path(entry.path).read_text(encoding="utf-8")).get("folder")
                if not folder or not Path(folder).is_dir():
                    os.unlink(entry.path)
            except (OSError, ValueError, AttributeError, RecursionError):
                try:
                    os.unlink(entry.path)
                except OSError:
                    pass
    except OSError:
        return


# --- facts kept between runs ----------------------------------------------------------

def kept(part: str, key: str) -> object | None:
    """What :func:`keep` kept under *key* in *part* of the cache folder, or None."""
    root = cache_folder()
    if root is None:
        return None
    try:
        return json.loads((root / part / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None


def keep(part: str, key: str, value: object) -> None:
    """Keep *value* (JSON) under *key* in *part* of the cache folder for a later run;
    best effort, like the stamps. *key* should be a digest of what *value* was made from."""
    root = cache_folder()
    if root is None:
        return
    try:
        (root / part).mkdir(parents=True, exist_ok=True)
        handle, staged = tempfile.mkstemp(prefix=".kept-", dir=root / part)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(value, out)
        os.replace(staged, root / part / f"{key}.json")
    except OSError:
        return
