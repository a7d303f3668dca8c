"""Hidden staging folders, and sweeping away those a killed process left behind.

A build or an archiving writes into a hidden folder beside its target and moves the
files into place at the end; on any failure the folder is removed. A process killed
outright (SIGKILL, a power cut) cannot remove it, so the folder's name carries the
process id, and the next run in the same place removes every such folder whose
process no longer runs.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path


def staging_folder(out: Path, prefix: str) -> Path:
    """A new hidden folder in *out* named ``<prefix><pid>-…``, after sweeping stale ones."""
    sweep(out, prefix)
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=out))


def written_into(folder: Path, prefix: str, write: Callable[[Path], list[Path]],
                 before_move: Callable[[list[Path]], None] = lambda staged: None) -> list[Path]:
    """Run *write* in a new staging folder beside *folder* and move the files it
    returns into *folder* only once all of them are written: their final paths.
    *before_move* sees the staged files first. The staging folder is removed in any
    case; the operating system's errors become a RenderFailure naming the folder (a
    full disk, a read-only folder: the user's to fix, not a bug)."""
    from generator.errors import RenderFailure, display_path
    from generator.os_errors import swedish

    parent = folder.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = staging_folder(parent, prefix)
    except OSError as exc:
        raise RenderFailure(f"kan inte skriva i {display_path(parent)}: {swedish(exc)}") from None
    try:
        staged = write(staging)
        before_move(staged)
        folder.mkdir(exist_ok=True)
        placed = []
        for path in staged:
            final = folder / path.name
            os.replace(path, final)
            placed.append(final)
        return placed
    except OSError as exc:
        raise RenderFailure(f"kan inte skriva {display_path(folder)}: {swedish(exc)}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def sweep(out: Path, prefix: str) -> None:
    """Remove the ``<prefix><pid>-…`` folders in *out* whose process is gone."""
    try:
        candidates = list(out.glob(prefix + "*"))
    except OSError:
        return
    for path in candidates:
        pid, _, rest = path.name[len(prefix):].partition("-")
        if pid.isdigit() and rest and not _alive(int(pid)) and path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:   # someone else's process: alive
        return True
    return True
