"""Building cases: read and validate, compose, write, and put the files in place.

A case's files are first written into a hidden staging folder beside the target
folder (same file system), and only moved into ``<out>/<dnr>/`` once every paper of
the case has been written. A failure part-way leaves the previous files as they were
and no half-written file under a final name.

:func:`validate_all` reads many cases and :func:`build_cases` builds them: it skips
those whose papers are already built from the same input (see :mod:`generator.cache`).
Given more than one job, both stages share one pool of worker processes
(:func:`workers`). Compose and the writers are imported only here, where papers are
made, so that ``arende check`` starts without them.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import ArendeError, InvalidPlan, Location, Problem, display_path
from generator.load.files import kind_of_path
from generator.read import CASE_FILE, CaseBundle, read_case
from generator.staging import written_into
from generator.naming import case_prefix


STAGING_PREFIX = ".arende-"   # + pid: see generator.staging


@dataclass
class BuildResult:
    """What one case's build produced (or, with ``unchanged``, found already built)."""

    bundle: CaseBundle
    folder: Path
    files: list[Path] = field(default_factory=list)
    digests: dict[str, dict] = field(default_factory=dict)  # file name → size, sha256
    unchanged: bool = False


def find_cases(paths: list[Path]) -> list[Path]:
    """The case files named by *paths*: a case folder, an ``arende.yaml``, or a folder of cases."""
    return find_plans(paths, meetings=False)[0]


def find_plans(paths: list[Path], *, meetings: bool = True) -> tuple[list[Path], list[Path]]:
    """The case files and meeting plans named by *paths*: a case folder, an
    ``arende.yaml``, a meeting plan (a YAML file in ``möten/``), a ``möten/`` folder, or a
    plans folder (its cases, and its meetings in ``möten/``)."""
    from generator.read_meeting import find_meetings, is_meeting_file
    from generator.model.meeting import MEETING_FOLDERS

    found: list[Path] = []
    meeting_files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        path = Path(path)
        if path.is_file() and meetings and is_meeting_file(path):
            meeting_files.append(path)
        elif path.is_file():
            found.append(path)
        elif (path / CASE_FILE).is_file():
            found.append(path / CASE_FILE)
        elif path.is_dir() and meetings and path.resolve().name in MEETING_FOLDERS:
            meeting_files.extend(find_meetings(path.parent))
        elif path.is_dir():
            cases = sorted(path.glob(f"*/{CASE_FILE}"))
            own = find_meetings(path) if meetings else []
            found.extend(cases)
            meeting_files.extend(own)
            if not cases and not own:
                problems.append(Problem(Location(path), "", f"mappen innehåller inget ärende ({CASE_FILE})"))
        else:
            problems.append(Problem(Location(path), "", kind_of_path(path) or "filen eller mappen finns inte"))
    if problems:
        raise InvalidPlan(problems)
    return found, list(dict.fromkeys(meeting_files))


def case_folder(bundle: CaseBundle, out: Path) -> Path:
    """The folder a case's papers go to: ``out/<dnr>`` (or ``out/<case folder>``)."""

    return out / case_prefix(bundle)


def build_case(bundle: CaseBundle, out: Path, formats: tuple[str, ...],
               side: SideProcess | None = None) -> BuildResult:
    """Compose and write every paper of a validated case into ``out/<prefix>/``; with a
    *side* process (see :func:`side_process`) one paper is written there meanwhile."""
    from generator.compose.paper import compose_case
    from generator.writers.pdf.stamp import write_attachments

    papers = compose_case(bundle)
    folder = case_folder(bundle, out)
    digests: dict[str, dict] = {}

    def write(staging: Path) -> list[Path]:
        return _write_papers(papers, staging, formats, side) + write_attachments(bundle, staging)

    def read_back(staged: list[Path]) -> None:
        # What was written, read back before the move: a stamp never vouches for
        # content that another process may have put there afterwards.
        digests.update({path.name: _digest(path) for path in staged})

    files = written_into(folder, STAGING_PREFIX, write, read_back)
    return BuildResult(bundle, folder, files, digests=digests)


def write_paper(paper, staging: Path, formats: tuple[str, ...]) -> list[Path]:
    """One paper's files in *staging*: the PDF first, whose layout the DOCX's page
    fields cache."""
    from generator.writers import FORMATS, writer_for
    from generator.writers.layout import Layout

    staged = []
    layout = None
    for fmt in sorted(formats, key=FORMATS.index):
        path = staging / f"{paper.stem}.{fmt}"
        found = writer_for(fmt)(paper, path, **({"layout": layout} if layout else {}))
        layout = found if isinstance(found, Layout) else layout
        staged.append(path)
    return staged


def _write_papers(papers: list, staging: Path, formats: tuple[str, ...], side: SideProcess | None) -> list[Path]:
    """Every paper's files, in paper order. With a *side* process the longest paper is
    written there while this process writes the others: a paper's layout is most of a
    build's time, and papers do not depend on each other. A single paper's PDF is laid
    out there while this process writes its DOCX, which takes the page count last."""
    if side is not None and len(papers) == 1 and set(formats) == {"pdf", "docx"}:
        return _write_both_ways(papers[0], staging, side)
    if side is None or len(papers) < 2:
        return [path for paper in papers for path in write_paper(paper, staging, formats)]
    longest = max(range(len(papers)), key=lambda index: len(papers[index].html))
    future = side.submit(_write_paper_aside, papers[longest], staging, formats)
    try:
        written = {index: write_paper(paper, staging, formats)
                   for index, paper in enumerate(papers) if index != longest}
    finally:
        outcome = future.result()   # waited for even when this side failed: its files are in staging
    if isinstance(outcome, _Failure):
        raise outcome.revive()
    written[longest] = outcome
    return [path for index in range(len(papers)) for path in written[index]]


def _write_both_ways(paper, staging: Path, side: SideProcess) -> list[Path]:
    """One paper's PDF in the side process and its DOCX here, at the same time."""
    from generator.writers import writer_for

    pdf, docx = staging / f"{paper.stem}.pdf", staging / f"{paper.stem}.docx"
    future = side.submit(_write_pdf_aside, paper, pdf)

    def layout():
        outcome = future.result()
        if isinstance(outcome, _Failure):
            raise outcome.revive()
        return outcome

    try:
        writer_for("docx")(paper, docx, later=layout)
    finally:
        layout_or_failure = future.result()   # waited for even when the DOCX failed
    if isinstance(layout_or_failure, _Failure):
        raise layout_or_failure.revive()
    return [pdf, docx]


def _write_pdf_aside(paper, target: Path):
    """The PDF writer in the side process: the layout, or an ArendeError by value."""
    from generator.writers import writer_for

    try:
        return writer_for("pdf")(paper, target)
    except ArendeError as exc:
        return _Failure(type(exc), exc.format_message(), getattr(exc, "problems", None))


def _write_paper_aside(paper, staging: Path, formats: tuple[str, ...]):
    """:func:`write_paper` in the side process; an ArendeError comes back by value."""
    try:
        return write_paper(paper, staging, formats)
    except ArendeError as exc:
        return _Failure(type(exc), exc.format_message(), getattr(exc, "problems", None))


class SideProcess:
    """A process forked from this one to write a paper beside it.

    Forked at once, before WeasyPrint and python-docx are imported: the side process
    imports the writers the build needs while this one reads, checks and composes the
    case, so neither waits for the other's imports. Closed without waiting when it
    was never given a paper (every case unchanged, say).
    """

    def __init__(self, formats: tuple[str, ...]):
        from generator.process import tune_collector

        self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"),
                                         initializer=tune_collector)
        # The first submit forks; the child keeps Ctrl-C ignored from its first
        # instruction on (the terminal signals the whole job, and this process answers).
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            self._pool.submit(_warm_up, formats)
        finally:
            signal.signal(signal.SIGINT, previous)
        self.used = False

    def submit(self, function, *args) -> Future:
        self.used = True
        return self._pool.submit(function, *args)

    def close(self) -> None:
        if not self.used:   # only its imports running: not worth waiting for
            for process in list((getattr(self._pool, "_processes", None) or {}).values()):
                process.terminate()
        self._pool.shutdown(wait=True, cancel_futures=True)


def _warm_up(formats: tuple[str, ...]) -> None:
    """In the side process: import the writers of *formats* before any paper comes."""
    if "pdf" in formats:
        from generator.writers.pdf.weasy import load_weasyprint

        load_weasyprint()
        import generator.writers.pdf  # noqa: F401
    if "docx" in formats:
        import generator.writers.docx  # noqa: F401


@contextmanager
def side_process(wanted: bool, formats: tuple[str, ...] = ("pdf", "docx")) -> Iterator[SideProcess | None]:
    """A :class:`SideProcess` for the block, or None: when not *wanted* (one job, or a
    pool of workers already shares the cases), where fork is missing or there is one
    core, or when this process runs other threads (a fork copies only the calling
    thread, and a lock held by another would stay locked in the child)."""
    if not wanted or not hasattr(os, "fork") or threading.active_count() > 1 or default_jobs() < 2:
        yield None
        return
    side = SideProcess(formats)
    try:
        yield side
    finally:
        side.close()


def _digest(path: Path) -> dict:
    with open(path, "rb") as handle:
        return {"size": os.fstat(handle.fileno()).st_size,
                "sha256": hashlib.file_digest(handle, "sha256").hexdigest()}


def validate_all(case_files: list[Path], *, pool: Executor | None = None
                 ) -> tuple[list[CaseBundle], list[Problem]]:
    """Every case that validates, and every problem of those that do not.

    With a *pool* (see :func:`workers`) the cases are read in its worker processes,
    side by side; the result is the same, in the same order. A broken house register
    is raised (HouseProblem): it is no one case's fault, and would fail every case of
    that house the same way.
    """
    outcomes: Iterable[CaseBundle | list[Problem]]
    if pool is None:
        outcomes = map(_read, case_files)
    else:
        outcomes = pool.map(_read, case_files)
    bundles, problems = [], []
    folders: dict[str, CaseBundle] = {}
    for outcome in outcomes:
        if isinstance(outcome, list):
            problems.extend(outcome)
            continue
        bundle = outcome
        # Two cases with one dnr would write into one output folder, the second
        # silently replacing the first: refuse the second, naming the first.
        prefix = case_prefix(bundle)
        if prefix in folders:
            first = folders[prefix]
            problems.append(Problem(
                bundle.source.locate(("diarienummer",)), "diarienummer",
                f"ärendet {display_path(first.folder)} har samma diarienummer; båda skulle skrivas i {prefix}/",
                "två ärenden kan inte ha samma diarienummer"))
            continue
        folders[prefix] = bundle
        bundles.append(bundle)
    return bundles, problems


def _read(file: Path) -> CaseBundle | list[Problem]:
    """Read and validate one case (in this process or a worker): the bundle, or its problems.

    Problems come back as a list, not as InvalidPlan, which does not pickle.
    """
    try:
        return read_case(file)
    except InvalidPlan as exc:
        return exc.problems


def default_jobs() -> int:
    """The cores this process may run on (what ``--jobs`` defaults to)."""
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13
    if counter is not None:
        return counter() or 1
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@contextmanager
def workers(jobs: int, cases: int) -> Iterator[Executor | None]:
    """Worker processes for reading and building *cases* cases with *jobs* jobs, or None.

    One pool serves both stages of ``arende build``: each worker starts (and imports
    arende) once, reads its share of the cases, then builds its share. None when there
    is nothing to share (one job, one case): the work is then done in this process.
    """
    if jobs <= 1 or cases <= 1:
        yield None
        return
    # 'spawn': a fresh interpreter per worker, never a fork of a process that may hold
    # threads or library state (WeasyPrint, fontconfig) in the middle of a change.
    from generator.process import tune_collector

    pool = ProcessPoolExecutor(min(jobs, cases), mp_context=_QuietSpawn(), initializer=tune_collector)
    try:
        yield pool
    except BaseException:
        # Ctrl-C (or a failure) here: stop the cases being built now rather than wait for
        # them; what they staged is swept by the next build (generator.staging).
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class _QuietProcess(multiprocessing.context.SpawnProcess):
    """A worker started with Ctrl-C ignored, from its first instruction on.

    The terminal sends SIGINT to every process of the job, workers included; a worker
    would print a KeyboardInterrupt traceback from wherever it was (often still
    importing). A disposition of SIG_IGN survives the exec of the new interpreter, and
    Python then installs no handler of its own; the main process alone answers
    Ctrl-C, and ends the workers.
    """

    def start(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return super().start()
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            super().start()
        finally:
            signal.signal(signal.SIGINT, previous)


class _QuietSpawn(multiprocessing.context.SpawnContext):
    Process = _QuietProcess


def build_cases(bundles: list[CaseBundle], out: Path, formats: tuple[str, ...], *,
                force: bool = False, pool: Executor | None = None, side: SideProcess | None = None
                ) -> Iterator[tuple[int, BuildResult]]:
    """Build validated cases; yield ``(number, result)`` in case order, numbers from 1.

    A case whose output folder still holds what a build of the same input wrote is not
    built again (``result.unchanged``), unless *force*. The others are built in this
    process, or, given a *pool* (see :func:`workers`) and more than one case to build,
    in its worker processes. Results are yielded in case order as soon as every earlier
    case is done, so the output does not depend on which worker finishes first.

    When a case fails, no new case is started; cases already running are let finish
    (each is put in place whole or not at all) and yielded, and then the error of the
    first failing case (in case order) is raised, as it would have been raised in the
    worker: same message, same exit code.
    """
    from generator import cache

    keys = cache.Keys(formats)
    ready: dict[int, BuildResult] = {}
    todo: dict[int, tuple[CaseBundle, Path, str]] = {}
    for number, bundle in enumerate(bundles, start=1):
        folder = case_folder(bundle, out)
        key = keys.key(bundle)
        files = None if force else cache.unchanged(folder, key)
        if files is not None:
            ready[number] = BuildResult(bundle, folder, files, unchanged=True)
        else:
            todo[number] = (bundle, folder, key)

    # Two cases with the same output folder (the same diarienummer) overwrite each
    # other; built one after the other, the last one wins, as it always has.
    shared_folder = len({folder for _, folder, _ in todo.values()}) < len(todo)
    if pool is not None and len(todo) > 1 and not shared_folder:
        yield from _build_in_workers(bundles, todo, ready, out, formats, pool)
        return
    for number, bundle in enumerate(bundles, start=1):
        if number in todo:
            _, folder, key = todo[number]
            cache.forget(folder)
            result = build_case(bundle, out, formats, side)
            cache.record(result.folder, key, result.digests)
            ready[number] = result
        yield number, ready.pop(number)


def _build_in_workers(bundles, todo, ready, out, formats, pool) -> Iterator[tuple[int, BuildResult]]:
    from generator import cache

    failures: dict[int, ArendeError] = {}
    next_number = 1
    running: dict[Future, int] = {}
    try:
        for number, (bundle, folder, _) in todo.items():
            cache.forget(folder)
            running[pool.submit(_build_in_worker, bundle, out, formats)] = number
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                number = running.pop(future)
                if future.cancelled():
                    continue
                outcome = future.result()  # a bug in a worker is raised here, as in-process
                if isinstance(outcome, _Failure):
                    failures[number] = outcome.revive()
                    for other in running:
                        other.cancel()  # those not yet started; running ones finish
                    continue
                folder, files, digests = outcome
                cache.record(folder, todo[number][2], digests)
                ready[number] = BuildResult(bundles[number - 1], folder, files, digests)
            while next_number in ready and not failures:
                yield next_number, ready.pop(next_number)
                next_number += 1
    finally:
        # Leave no case of ours running or queued in a pool that outlives this call:
        # a case being built is let finish (put in place whole or not at all).
        for future in running:
            future.cancel()
        wait(running)
    for number in sorted(ready):  # built while a case before them failed
        if number >= next_number:
            yield number, ready.pop(number)
    if failures:
        raise failures[min(failures)]


@dataclass
class _Failure:
    """An ArendeError from a worker, carried back by value (InvalidPlan does not pickle)."""

    kind: type
    message: str
    problems: list[Problem] | None

    def revive(self) -> ArendeError:
        try:
            if self.problems is not None:
                return self.kind(self.problems)
            return self.kind(self.message)
        except Exception:  # noqa: BLE001 - an error class with another signature
            error = ArendeError(self.message)
            error.exit_code = getattr(self.kind, "exit_code", 1)
            return error


def _build_in_worker(bundle: CaseBundle, out: Path, formats: tuple[str, ...]):
    """Run in a worker process: build one case; return its folder, files and digests."""
    try:
        result = build_case(bundle, out, formats)
    except ArendeError as exc:
        return _Failure(type(exc), exc.format_message(), getattr(exc, "problems", None))
    return result.folder, result.files, result.digests
