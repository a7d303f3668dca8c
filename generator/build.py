"""Building cases: read and validate, compose, write, and put the files in place.

A case's files are first written into a hidden staging folder beside the target
folder (same file system), and only moved into ``<out>/<dnr>/`` once every paper of
the case has been written. A failure part-way leaves the previous files as they were
and no half-written file under a final name.

:func:`validate_all` reads many cases (in this process) and :func:`build_cases`
builds them: it skips those whose papers are already built from the same input (see
:mod:`generator.cache`). Given more than one job and case, they are built in a pool of
worker processes (:func:`workers`), which start and import the writers while the cases
are read. Compose and the writers are imported only here, where papers are made, so
that ``arende check`` starts without them.
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

from generator.errors import ArendeError, InvalidPlan, Problem, display_path
from generator.read import CaseBundle, read_case
from generator.side import Failure, PoolLayout, SideProcess, end_processes, import_pdf_writer
from generator.staging import written_into
from generator.writers import FORMATS
from generator.writers.layout import Layout
from generator.naming import case_prefix


STAGING_PREFIX = ".arende-"   # + pid: see generator.staging


@dataclass
class BuildResult:
    """What one case's build produced (or, with ``unchanged``, found already built)."""

    bundle: CaseBundle
    folder: Path
    files: list[Path] = field(default_factory=list)
    digests: dict[str, dict] = field(default_factory=dict)  # file name → size, sha256 (a PDF's pages)
    unchanged: bool = False


def case_folder(bundle: CaseBundle, out: Path) -> Path:
    """The folder a case's papers go to: ``out/<dnr>`` (or ``out/<case folder>``)."""

    return out / case_prefix(bundle)


def build_case(bundle: CaseBundle, out: Path, formats: tuple[str, ...],
               side: SideProcess | PoolLayout | None = None) -> BuildResult:
    """Compose and write every paper of a validated case into ``out/<prefix>/``; with a
    *side* process (see :mod:`generator.side`) the PDFs are laid out there meanwhile."""
    from generator.compose.paper import compose_case

    papers = compose_case(bundle)
    folder = case_folder(bundle, out)
    digests: dict[str, dict] = {}
    pages: dict[str, int] = {}   # each PDF's page count, as its writer found it (for a meeting)

    def write(staging: Path) -> list[Path]:
        written = _write_papers(papers, staging, formats, side, pages)
        from generator.writers.pdf.stamp import write_attachments  # pikepdf: once the papers are under way

        return written + write_attachments(bundle, staging, pages)

    def read_back(staged: list[Path]) -> None:
        # What was written, read back before the move: a stamp never vouches for
        # content that another process may have put there afterwards.
        digests.update({path.name: _digest(path) | ({"pages": pages[path.name]} if path.name in pages else {})
                        for path in staged})

    files = written_into(folder, STAGING_PREFIX, write, read_back)
    return BuildResult(bundle, folder, files, digests=digests)


def write_paper(paper, staging: Path, formats: tuple[str, ...], pages: dict[str, int] | None = None) -> list[Path]:
    """One paper's files in *staging*: the PDF first, whose layout the DOCX's page
    fields cache; the PDF's page count into *pages*, by file name."""
    from generator.writers import writer_for

    staged = []
    layout = None
    for fmt in sorted(formats, key=FORMATS.index):
        path = staging / f"{paper.stem}.{fmt}"
        found = writer_for(fmt)(paper, path, **({"layout": layout} if layout else {}))
        layout = found if isinstance(found, Layout) else layout
        if isinstance(found, Layout) and pages is not None:
            pages[path.name] = found.pages
        staged.append(path)
    return staged


def _write_papers(papers: list, staging: Path, formats: tuple[str, ...], side: SideProcess | PoolLayout | None,
                  pages: dict[str, int]) -> list[Path]:
    """Every paper's files, in paper order (each paper's PDF before its DOCX), and each
    PDF's page count into *pages*. With a *side* process the PDFs are laid out there,
    side by side, while this process writes the DOCX files, each told its page count
    last: a paper's layout is most of a build's time, and papers do not depend on each
    other."""
    if side is None or "pdf" not in formats:
        return [path for paper in papers for path in write_paper(paper, staging, formats, pages)]
    from generator.writers import writer_for

    targets = [{fmt: staging / f"{paper.stem}.{fmt}" for fmt in FORMATS if fmt in formats} for paper in papers]
    future = side.lay_out([(paper.for_pdf(), files["pdf"]) for paper, files in zip(papers, targets)])

    def layout(index: int) -> Layout:
        outcome = future.result()[index]
        if isinstance(outcome, Failure):
            raise outcome.revive()
        return outcome

    try:
        for index, (paper, files) in enumerate(zip(papers, targets)):
            if "docx" in files:
                writer_for("docx")(paper, files["docx"], later=lambda index=index: layout(index))
    finally:
        outcomes = future.result()   # waited for even when a DOCX failed: its files are in staging
    for outcome, files in zip(outcomes, targets):
        if isinstance(outcome, Failure):
            raise outcome.revive()
        pages[files["pdf"].name] = outcome.pages
    return [path for files in targets for path in files.values()]


def _digest(path: Path) -> dict:
    with open(path, "rb") as handle:
        return {"size": os.fstat(handle.fileno()).st_size,
                "sha256": hashlib.file_digest(handle, "sha256").hexdigest()}


def validate_all(case_files: list[Path]) -> tuple[list[CaseBundle], list[Problem]]:
    """Every case that validates, and every problem of those that do not, in order.

    Read in this process: a case takes some 4 ms to read (libyaml), less than a worker
    process takes to start. A broken house register is raised (HouseProblem): it is no
    one case's fault, and would fail every case of that house the same way.
    """
    outcomes: Iterable[CaseBundle | list[Problem]] = map(_read, case_files)
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


class Workers(Executor):
    """A pool of worker processes that know whether they were given any work."""

    def __init__(self, pool: ProcessPoolExecutor):
        self.pool = pool
        self.used = False

    def submit(self, fn, /, *args, **kwargs) -> Future:
        self.used = True
        return self.pool.submit(fn, *args, **kwargs)

    def stop(self) -> None:
        """End the workers now, whatever they are doing."""
        end_processes(self.pool)


@contextmanager
def workers(jobs: int, cases: int, formats: tuple[str, ...] = ()) -> Iterator[Workers | None]:
    """Worker processes for building *cases* cases with *jobs* jobs, or None.

    The workers start at once and import what building needs (the writers of
    *formats*) while this process reads the cases; each then builds its share, and
    lays out a meeting's papers. None when there is nothing to share (one job, one
    case): the work is then done in this process. Workers never given work (every case
    unchanged) are ended without waiting for their imports.
    """
    if jobs <= 1 or cases <= 1:
        yield None
        return
    # 'spawn': a fresh interpreter per worker, never a fork of a process that may hold
    # threads or library state (WeasyPrint, fontconfig) in the middle of a change.
    from generator.process import tune_worker

    count = min(jobs, cases)
    pool = ProcessPoolExecutor(count, mp_context=_QuietSpawn(), initializer=tune_worker)
    for _ in range(count):   # each submit before the workers are up starts one more
        pool.submit(_warm_up_worker, formats)
    shared = Workers(pool)
    try:
        yield shared
    except BaseException:
        # Ctrl-C (or a failure) here: stop the cases being built now rather than wait for
        # them; what they staged is swept by the next build (generator.staging).
        shared.stop()
        raise
    finally:
        if not shared.used:
            shared.stop()
        pool.shutdown(wait=True, cancel_futures=True)


def _warm_up_worker(formats: tuple[str, ...]) -> None:
    """In a worker, before its first case: import what building one needs."""
    import generator.compose.paper  # noqa: F401
    import generator.writers  # noqa: F401

    if "pdf" in formats:
        import_pdf_writer()
    if "docx" in formats:
        import generator.writers.docx  # noqa: F401


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
                force: bool = False, pool: Workers | None = None, side: SideProcess | PoolLayout | None = None
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
            ready[number] = BuildResult(bundle, folder, files, digests=cache.recorded(folder), unchanged=True)
        else:
            todo[number] = (bundle, folder, key)

    # Two cases with the same output folder (the same diarienummer) overwrite each
    # other; built one after the other, the last one wins, as it always has.
    shared_folder = len({folder for _, folder, _ in todo.values()}) < len(todo)
    if pool is not None and len(todo) > 1 and not shared_folder:
        yield from _build_in_workers(bundles, todo, ready, out, formats, pool)
        return
    if side is None and pool is not None:
        side = PoolLayout(pool)   # one case (or cases sharing a folder): its PDFs side by side there
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
                if isinstance(outcome, Failure):
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


def _build_in_worker(bundle: CaseBundle, out: Path, formats: tuple[str, ...]):
    """Run in a worker process: build one case; return its folder, files and digests."""
    try:
        result = build_case(bundle, out, formats)
    except ArendeError as exc:
        return Failure.of(exc)
    return result.folder, result.files, result.digests
