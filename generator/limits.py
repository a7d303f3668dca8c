"""Limits that turn runaway input into a clear message instead of a hung or killed build.

Two kinds. Sizes are checked when a plan is read (a table of 100,000 rows is a
mistake, not a paper) and reported like any other located problem. Time and memory
guard the rendering itself, whatever the cause (a house style with
``font-size: 1e9px``, a layout engine stuck on a pathological table): the render
runs under an alarm and an address-space cap, and running into either is a
RenderFailure in Swedish, not an out-of-memory kill that leaves the user guessing.

Both render limits can be set in the environment for unusual machines:
ARENDE_TIDSGRANS (seconds per paper) and ARENDE_MINNESGRANS (megabytes).
"""

from __future__ import annotations

import os
import resource
import signal
import threading
from contextlib import contextmanager

from generator.errors import RenderFailure

MAX_FILE_BYTES = 5 * 1024 * 1024     # a plan file; the seeds are about 20 kB
MAX_PDF_BYTES = 200 * 1024 * 1024    # an attached PDF (a scanned map may be large)
MAX_TABLE_ROWS = 2_000               # rows of one action table
MAX_LIST_ITEMS = 2_000               # items of one list of activities, sections …
MAX_TEXT_CHARS = 200_000             # one text field
MAX_KEYS = 500                       # keys of one mapping (a plan's have some tens)
MAX_NESTING = 64                     # levels of YAML or JSON values inside each other

DEFAULT_SECONDS = 600
DEFAULT_MEGABYTES = 4096
# Below this, the cap stops the libraries' own C code (GLib, Pango, fontconfig), which
# aborts or crashes instead of raising MemoryError: a build of the seeds peaks at about
# 320 MB of address space, and threads reserve more. So a lower setting is refused.
MIN_MEGABYTES = 1024
MEMORY_VARIABLE = "ARENDE_MINNESGRANS"


class _TimeUp(BaseException):
    """Raised by the alarm; a BaseException so no library's 'except Exception' swallows it."""


def _setting(name: str, default: int) -> int:
    try:
        return max(1, int(os.environ.get(name, default)))
    except ValueError:
        return default


def _memory_setting() -> int:
    """ARENDE_MINNESGRANS in MB, refused (naming it) when too low for the render to end
    in a message rather than an abort."""
    raw = os.environ.get(MEMORY_VARIABLE, "").strip()
    try:
        megabytes = int(raw) if raw else DEFAULT_MEGABYTES
    except ValueError:
        raise RenderFailure(f"{MEMORY_VARIABLE}='{raw}' är inget antal megabyte") from None
    if megabytes < MIN_MEGABYTES:
        raise RenderFailure(f"{MEMORY_VARIABLE}={raw} är för lågt: en handling behöver minst "
                            f"{MIN_MEGABYTES} MB för att kunna göras")
    return megabytes


@contextmanager
def render_limits(what: str, seconds: int | None = None, megabytes: int | None = None):
    """Run the block under a time and memory limit; exceeding one raises RenderFailure.

    Only in the main thread: only it can take the alarm signal, and the memory cap is
    process-wide, so threads (the preview server) setting and restoring it at once
    could leave it wrong. A person watches the preview; a batch build runs here.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    seconds = seconds or _setting("ARENDE_TIDSGRANS", DEFAULT_SECONDS)
    old_memory = resource.getrlimit(resource.RLIMIT_AS)
    megabytes = megabytes or _memory_setting()
    cap = megabytes * 1024 * 1024
    if old_memory[1] != resource.RLIM_INFINITY:
        cap = min(cap, old_memory[1])

    def time_up(signum, frame):
        raise _TimeUp()

    old_handler = signal.signal(signal.SIGALRM, time_up)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (cap, old_memory[1]))
        signal.alarm(seconds)
        yield
    except _TimeUp:
        raise RenderFailure(f"{what} tog längre tid än {seconds} s och avbröts. Är en tabell "
                            "orimligt stor, eller husstilens CSS trasig?") from None
    except MemoryError:
        raise RenderFailure(f"{what} behövde mer än {megabytes} MB minne och avbröts. Är en tabell "
                            "orimligt stor, eller husstilens CSS trasig?") from None
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old_handler)
        resource.setrlimit(resource.RLIMIT_AS, old_memory)
