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
from pathlib import Path


def staging_folder(out: Path, prefix: str) -> Path:
    """A new hidden folder in *out* named ``<prefix><pid>-…``, after sweeping stale ones."""
    sweep(out, prefix)
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=out))


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
