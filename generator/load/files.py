"""Reading the files a case or a house names, safely.

Two rules for every file arende reads on a person's behalf (a plan, a bilaga, a
house's templates, logo and fonts):

* it must lie inside its own folder (the case's, the house's), followed through
  every symbolic link: :func:`inside`. A link out of the folder, or ``..`` in a
  name, would let a plan or a house print any file on the computer.
* it must be a regular file. A FIFO or a device would block the read forever (or
  never end), and a link that points at itself can never be followed:
  :func:`read_regular` refuses them with a Swedish reason, before anything hangs.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path, PurePath

from generator.os_errors import swedish


class FileRefused(Exception):
    """A file that cannot or may not be read; str() is the Swedish reason."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint


def inside(folder: Path, path: Path) -> bool:
    """Whether *path*, with every symbolic link followed, lies inside *folder*.

    A link that loops (or any path that cannot be resolved) is not inside.
    """
    try:
        return Path(path).resolve().is_relative_to(Path(folder).resolve())
    except (OSError, RuntimeError):   # RuntimeError: 'Symlink loop' before Python 3.13
        return False


def climbs(name: str) -> bool:
    """Whether a file name a person wrote goes up a folder (``..``) or starts at the root."""
    pure = PurePath(name.replace("\\", "/"))
    return pure.is_absolute() or ".." in pure.parts


def kind_of_path(path: Path) -> str | None:
    """Why *path* is no regular file, in Swedish, or None when it is one (or does not exist)."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "är en symbolisk länk som pekar i en slinga"
        if exc.errno == errno.ENOENT and os.path.islink(path):
            return "är en symbolisk länk till något som inte finns"
        return None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "är en namngiven rörledning (FIFO), inte en fil"
    if stat.S_ISSOCK(mode):
        return "är en sockel, inte en fil"
    return "är en enhet, inte en fil"


def read_regular(path: Path, limit: int) -> bytes:
    """At most *limit* + 1 bytes of the regular file *path* (a caller refusing more than
    *limit* sees that there is more), or :class:`FileRefused`.

    Opened without blocking and checked on the open file, so a FIFO put in the file's
    place between a check and the read cannot hang the read either.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        reason = kind_of_path(path)
        raise FileRefused(reason or "filen finns inte") from None
    except IsADirectoryError:
        raise FileRefused("är en mapp, inte en YAML-fil") from None
    except OSError as exc:
        reason = kind_of_path(path)
        raise FileRefused(reason or f"filen kan inte läsas: {swedish(exc)}") from None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise FileRefused("är en mapp, inte en YAML-fil")
        if not stat.S_ISREG(mode):
            raise FileRefused(kind_of_path(path) or "är ingen vanlig fil",
                              "spara innehållet som en vanlig fil")
        os.set_blocking(descriptor, True)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(descriptor, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise FileRefused(f"filen kan inte läsas: {swedish(exc)}") from None
    finally:
        os.close(descriptor)
