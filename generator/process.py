"""How an arende process starts and ends, for speed only (nothing written changes).

* The garbage collector runs far less often: a layout makes millions of small objects
  that live until the paper is written, and the collector's full passes over them cost
  about a tenth of a cold build while finding almost nothing to free (there are few
  cycles). Memory stays bounded: the collector still runs, at a higher threshold.
* At the end the process leaves without the interpreter's teardown: collecting the
  last layout's objects takes about 0.1 s and frees memory the system takes back
  anyway. Every file arende writes is closed and moved into place before that point,
  and output streams are flushed first. Worker processes leave the same way once the
  pool lets them go (:func:`tune_worker`): the build waits for them to end.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

# Gen-0 collections every 50,000 allocations instead of 700; older generations as before.
_THRESHOLD = (50_000, 10, 10)


def tune_collector() -> None:
    """Collect less often; what is alive now (the imported modules) is never scanned again."""
    gc.set_threshold(*_THRESHOLD)
    gc.freeze()


@contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic garbage collection in the block (a layout): it builds millions of
    objects that all live until the paper is written and makes almost no cyclic
    garbage, so each pass of the collector only walks them again, and the passes grow
    with the paper (0.7 s of a 2,000-row PDF's 9 s; the peak memory is the same
    without them). Collection resumes after the block, as it was."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def tune_worker() -> None:
    """A worker process's start (a pool's initializer): the collector as in
    :func:`tune_collector`, and an end without the teardown (see the module's doc).

    multiprocessing ends a worker with sys.exit once its pool has let it go; its exit
    handlers run first, and the last one registered (this) runs first of all. Its
    results have all been sent by then."""
    import atexit

    tune_collector()
    atexit.register(_end_now)


def _end_now() -> None:
    if not _watched():
        _exit_now(0)


def _watched() -> bool:
    """Whether a profiler or coverage runs: it writes its report at exit."""
    return sys.getprofile() is not None or sys.gettrace() is not None


def _exit_now(status: int) -> NoReturn:
    """Flush the output streams and end the process with *status*, no teardown."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):   # a closed pipe: nothing more can be said there
            pass
    os._exit(status)


def leave(code: object) -> NoReturn:
    """End the process with *code* (as sys.exit takes it), skipping the teardown."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:   # sys.exit("message"): the message to stderr, status 1
        print(code, file=sys.stderr)
        status = 1
    if _watched():
        sys.exit(status)
    _exit_now(status)


def default_jobs() -> int:
    """The cores this process may run on (what ``--jobs`` defaults to)."""
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13
    if counter is not None:
        return counter() or 1
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
