"""A process beside this one that lays out a case's PDFs while this one reads, composes
and writes the DOCX files (``arende build`` of one case with two or more cores).

Forked at once, before this process imports the plan models: the side process
imports WeasyPrint while this one imports the models and reads, checks and composes
the case, so neither waits for the other's imports. It is then handed every paper's
PDF at once and lays them out side by side, in copies of itself forked when the
papers come (one per core), while this process writes the DOCX files, each told its
page count last (see :func:`generator.writers.docx.write_docx`'s *later*).

A paper travels as a :class:`generator.paper.PdfPaper`, plain values: the side process
never imports the house's register and style models. This module imports nothing
heavy either, so that the CLI can fork before it imports the rest of arende.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
import traceback
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import ArendeError, Problem
from generator.process import default_jobs

if TYPE_CHECKING:
    from generator.paper import PdfPaper
    from generator.writers.layout import Layout


@dataclass
class Failure:
    """An ArendeError from another process, carried back by value (InvalidPlan does not
    pickle)."""

    kind: type
    message: str
    problems: list[Problem] | None

    @classmethod
    def of(cls, exc: ArendeError) -> "Failure":
        return cls(type(exc), exc.format_message(), getattr(exc, "problems", None))

    def revive(self) -> ArendeError:
        try:
            if self.problems is not None:
                return self.kind(self.problems)
            return self.kind(self.message)
        except Exception:  # noqa: BLE001 - an error class with another signature
            error = ArendeError(self.message)
            error.exit_code = getattr(self.kind, "exit_code", 1)
            return error


class SideProcess:
    """A process forked from this one to lay out PDFs beside it.

    Closed without waiting when it was never given a paper (every case unchanged, say).
    """

    def __init__(self, formats: tuple[str, ...]):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from generator.process import tune_worker

        self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"),
                                         initializer=tune_worker)
        # One byte down this pipe tells the side process to stop practising: papers come.
        coming, self._announce = os.pipe()
        # The first submit forks; the child keeps Ctrl-C ignored from its first
        # instruction on (the terminal signals the whole job, and this process answers).
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            self._pool.submit(_warm_up, formats, coming)
        finally:
            signal.signal(signal.SIGINT, previous)
            os.close(coming)   # the side process has its own copy
        self.used = False

    def lay_out(self, jobs: list[tuple[PdfPaper, Path]]) -> Future:
        """Write each ``(paper, target)`` PDF; the future's result is, in *jobs*' order,
        each paper's Layout or its :class:`Failure`."""
        self.used = True
        self._stop_practice()
        return self._pool.submit(write_pdfs, jobs)

    def close(self) -> None:
        if not self.used:   # only its imports running: not worth waiting for
            end_processes(self._pool)
        self._stop_practice()
        self._pool.shutdown(wait=True, cancel_futures=True)
        if self._announce >= 0:
            os.close(self._announce)
            self._announce = -1

    def _stop_practice(self) -> None:
        try:
            os.write(self._announce, b"!")
        except OSError:   # closed, or the side process is gone: nothing to tell
            pass


class PoolLayout:
    """A pool's workers used as the side process is: each PDF of a case laid out in a
    worker, side by side, while this process writes the DOCX files (one case to build
    in a build that has a pool, say the one case changed of a meeting). The workers
    then have WeasyPrint imported for what comes after, the meeting's views."""

    def __init__(self, pool):
        self._pool = pool

    def lay_out(self, jobs: list[tuple[PdfPaper, Path]]) -> "_Together":
        return _Together([self._pool.submit(write_pdfs, [job]) for job in jobs])


class _Together:
    """Futures of one-job lists, read as one future of their outcomes in order."""

    def __init__(self, futures: list[Future]):
        self._futures = futures

    def result(self) -> list:
        return [outcome for future in self._futures for outcome in future.result()]


def end_processes(pool) -> None:
    """End a process pool's processes now, whatever they are doing (the pool's own
    shutdown waits for them)."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()


@contextmanager
def side_process(wanted: bool, formats: tuple[str, ...] = ("pdf", "docx")) -> Iterator[SideProcess | None]:
    """A :class:`SideProcess` for the block, or None: when not *wanted* (one job, or a
    pool of workers already shares the cases), when no PDF is asked for, where fork is
    missing or there is one core, or when this process runs other threads (a fork
    copies only the calling thread, and a lock held by another would stay locked in the
    child)."""
    if not wanted or "pdf" not in formats or not _may_fork(native=False) or default_jobs() < 2:
        yield None
        return
    side = SideProcess(formats)
    try:
        yield side
    finally:
        side.close()


def _may_fork(native: bool = True) -> bool:
    """Fork is there and this process runs one thread: one Python thread, and with
    *native* also counting threads a library started (where the system tells).

    The side process checks both before it forks copies of itself: it has started
    WeasyPrint's libraries. This process, forking the side process, has started none
    of them yet (a test run may have loaded others, which fork leaves behind)."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return False
    if not native:
        return True
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:   # not Linux: Python's own count is all there is
        return True


# --- in the side process --------------------------------------------------------------

_THREAD_WAIT = 0.2   # seconds a library's own thread is given to end before forking


def _alone_soon() -> bool:
    """Whether this process runs one thread, now or within :data:`_THREAD_WAIT`."""
    import time

    deadline = time.monotonic() + _THREAD_WAIT
    while not _may_fork():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.002)
    return True


def _warm_up(formats: tuple[str, ...], coming: int) -> None:
    """Before any paper comes: import the PDF writer and what it imports on its first
    paper, have the C types WeasyPrint declares parsed once, then practise on a sample
    paper (generator.writers.pdf.practice) until a byte on the pipe *coming* says the
    papers are on their way."""
    import select

    from generator.writers.pdf.practice import practise

    import_pdf_writer()
    practise(stop=lambda: bool(select.select([coming], [], [], 0)[0]))


def import_pdf_writer() -> None:
    """Import the PDF writer, WeasyPrint without its library probing, and what a first
    paper imports, and have WeasyPrint's common C types parsed: all a process waiting
    for papers can do before they come."""
    from generator.writers.pdf import first_paper_imports
    from generator.writers.pdf.weasy import load_weasyprint, parse_common_types

    load_weasyprint()
    first_paper_imports()
    parse_common_types()


def write_pdfs(jobs: list[tuple[PdfPaper, Path]]) -> list[Layout | Failure]:
    """Write every job's PDF, the jobs shared out between this process and copies of it
    forked now, one per further core; the outcomes in *jobs*' order.

    The copies are forked only while this process runs one thread, counting the
    libraries' own: its practice paper has started WeasyPrint's, and Pango starts a
    thread of its own to set up fontconfig, which ends in a few milliseconds. Should
    it still run after a short wait, this process writes every PDF itself. Every copy
    is waited for, also when this process's share fails.
    """
    ways = min(len(jobs), default_jobs())
    shares = _shares(jobs, ways if ways > 1 and _alone_soon() else 1)
    children = [_fork(jobs, share) for share in shares[1:]]
    try:
        outcomes = dict(zip(shares[0], [_write(jobs[index]) for index in shares[0]]))
    finally:
        sent = [_collect(pid, reading) for pid, reading in children]
    for share, (payload, status) in zip(shares[1:], sent):
        outcomes.update(zip(share, _outcomes(payload, status)))
    return [outcomes[index] for index in range(len(jobs))]


def _shares(jobs: list[tuple[PdfPaper, Path]], ways: int) -> list[list[int]]:
    """The jobs' indexes in *ways* shares of about equal work (the longest HTML first,
    each to the share with the least so far); the first share has the longest paper."""
    shares: list[list[int]] = [[] for _ in range(max(ways, 1))]
    loads = [0] * len(shares)
    for index in sorted(range(len(jobs)), key=lambda index: -len(jobs[index][0].html)):
        lightest = loads.index(min(loads))
        shares[lightest].append(index)
        loads[lightest] += len(jobs[index][0].html)
    return [sorted(share) for share in shares if share]


def _write(job: tuple[PdfPaper, Path]) -> Layout | Failure:
    """One PDF: its layout, or its ArendeError by value."""
    from generator.writers import writer_for

    paper, target = job
    try:
        return writer_for("pdf")(paper, target)
    except ArendeError as exc:
        return Failure.of(exc)


def _fork(jobs: list[tuple[PdfPaper, Path]], share: list[int]) -> tuple[int, int]:
    """A copy of this process writing the jobs of *share*: its pid, and the end of the
    pipe its outcomes come back through, pickled (a bug as its traceback's text)."""
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:   # the copy: write, report, and leave without running anyone's cleanup
        status = 0
        try:
            os.close(reading)
            try:
                payload = pickle.dumps([_write(jobs[index]) for index in share])
            except BaseException:  # noqa: BLE001 - a bug: its traceback goes back as text
                payload = pickle.dumps(traceback.format_exc())
            with os.fdopen(writing, "wb") as pipe:
                pipe.write(payload)
        except BaseException:  # noqa: BLE001 - the pipe is gone: the parent says so
            status = 1
        finally:
            os._exit(status)
    os.close(writing)
    return pid, reading


def _collect(pid: int, reading: int) -> tuple[bytes, int]:
    """What the copy *pid* sent, and its exit status, once it has ended."""
    with os.fdopen(reading, "rb") as pipe:
        payload = pipe.read()
    _, status = os.waitpid(pid, 0)
    return payload, status


def _outcomes(payload: bytes, status: int) -> list:
    """A copy's outcomes from what it sent; a bug there, or no answer, raised here."""
    outcome = pickle.loads(payload) if payload else None
    if isinstance(outcome, list):
        return outcome
    if isinstance(outcome, str):
        raise RuntimeError(f"a PDF laid out beside this process failed:\n{outcome}")
    raise RuntimeError(f"the process laying out PDFs beside this one ended without an answer "
                       f"(status {status})")
