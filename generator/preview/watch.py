"""Rebuilding a case when its YAML is saved: file-system events, fingerprints, the current build.

The operating system says when a file in a watched folder changed (watchfiles: inotify
on Linux, FSEvents on macOS); the watcher then compares the files' fingerprints, so an
editor's temporary files and a save that changed nothing do not rebuild. Where no
events come (a network share, a full inotify table) a rebuild still happens within a
second: the watch wakes up every second and compares anyway. Tests may ask for plain
polling at an interval of their choosing.

A build is a snapshot the web server only reads: either papers (with the case's
warnings), the case's problems, or a failure message. Each new build wakes whoever
waits for it (the page's event stream). A YAML saved half-way is the normal case while
someone types, so nothing a rebuild raises may escape: every outcome is a page the
person can read.
"""

from __future__ import annotations

import dataclasses
import hashlib
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from generator import house as houses
from generator.compose.paper import compose_case
from generator.paper import Paper
from generator.errors import ArendeError, LocatedProblems, Problem
from generator.limits import MAX_FILE_BYTES
from generator.load.files import FileRefused, read_regular
from generator.preview.meeting import compose_meeting
from generator.read import case_file, read_case
from generator.plan_files import is_meeting_file

POLL_SECONDS = 0.25
# After the first event of a save, how long the folder must stay quiet before the
# rebuild starts (an editor writes, renames and sets attributes in quick succession).
SETTLE_MS = 20
# How often the watch wakes up without events, to look for itself and to stop.
WAKE_MS = 1000
# A file modified this close to when it was last looked at may be modified again within
# the same file-system timestamp tick, unseen by stat alone (git's "racy clean" problem).
RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class Failure:
    """A rebuild that raised something other than a list of problems."""

    lead: str
    message: str


@dataclass(frozen=True)
class Build:
    """One rebuild's outcome, numbered so the page knows when to reload."""

    version: int
    built_at: float
    title: str = ""
    papers: tuple[Paper, ...] = ()
    labels: tuple[str, ...] = ()
    warnings: tuple[Problem, ...] = ()
    problems: tuple[Problem, ...] = ()
    failure: Failure | None = None
    sources: frozenset[Path] = frozenset()
    # For a build with problems: when the papers it still shows (the last good build's,
    # so the person keeps their place while they fix a slip) were built; 0 if it has none.
    papers_from: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems and self.failure is None


def build_once(plan: Path, version: int) -> Build:
    """Read, validate and compose the case at *plan*; never raises for anything in the input."""
    # The house register is cached per process for the batch commands; here hus.yaml
    # is one of the files being edited (two saves can share an mtime), so read it again.
    houses.forget_houses()
    now = time.time()
    try:
        if is_meeting_file(Path(plan)):   # a meeting: its kallelse
            title, papers, labels, warnings, sources = compose_meeting(Path(plan))
            return Build(version, now, title=title, papers=papers, labels=labels, warnings=warnings,
                         sources=sources)
        bundle = read_case(plan)
        papers = compose_case(bundle)
    except LocatedProblems as exc:  # the plan's or the house register's, located
        located = frozenset(Path(p.location.file).absolute() for p in exc.problems)
        return Build(version, now, problems=tuple(exc.problems), sources=located)
    except ArendeError as exc:  # a broken house style or template: not the plan's fault
        return Build(version, now, failure=Failure(
            "Husstilen eller mallen har ett fel, så handlingen kunde inte göras.",
            exc.format_message()))
    except Exception as exc:  # noqa: BLE001 - the server must outlive any input
        return Build(version, now, failure=Failure(
            "Ärendet kunde inte läsas. Spara filen igen när den är klar; "
            "sidan uppdateras av sig själv.", f"{type(exc).__name__}: {exc}"))
    sources = frozenset(path.absolute() for path in bundle.inputs) | {
        (bundle.house.folder / houses.REGISTER_FILE).absolute()}
    labels = [bundle.house.register.paper_type] + [f"Bilaga {doc.number}" for doc in bundle.documents]
    return Build(version, now, title=bundle.case.title, papers=tuple(papers), labels=tuple(labels),
                 warnings=tuple(bundle.warnings), sources=sources)


@dataclass
class _Stamp:
    stat: tuple[int, int]
    digest: bytes
    seen_ns: int


def _stamp(path: Path, previous: _Stamp | None) -> _Stamp | None:
    """The file's fingerprint; its content is read only when stat cannot be trusted."""
    try:
        info = path.stat()
        key = (info.st_mtime_ns, info.st_size)
        if previous and previous.stat == key and info.st_mtime_ns < previous.seen_ns - RACY_NS:
            return previous
        # Never a plain read: a FIFO named x.yaml in the case folder would block the
        # watcher for good. read_regular refuses it (and devices) without waiting.
        digest = hashlib.sha1(read_regular(path, MAX_FILE_BYTES)).digest()
    except (OSError, ValueError, FileRefused):  # missing, being replaced, or not a file
        return None
    return _Stamp(key, digest, time.time_ns())


@dataclass
class CaseWatcher:
    """The current build of one case, rebuilt whenever one of its files changes."""

    plan: Path
    on_build: Callable[[Build], None] = lambda build: None
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _stamps: dict[Path, _Stamp | None] = field(default_factory=dict, init=False, repr=False)
    _known: frozenset[Path] = field(default=frozenset(), init=False, repr=False)
    _current: Build | None = field(default=None, init=False, repr=False)
    _built: threading.Condition = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._built = threading.Condition(self._lock)

    def wait_for_build(self, seen: int | None, timeout: float) -> int | None:
        """The current build's version once it is not *seen*, or *seen* after *timeout*
        seconds without a new build."""
        with self._built:
            self._built.wait_for(lambda: self._current is not None and self._current.version != seen, timeout)
            return self._current.version if self._current is not None else None

    @property
    def current(self) -> Build:
        with self._lock:
            assert self._current is not None, "rebuild() has not run yet"
            return self._current

    def watched(self) -> set[Path]:
        """The case file, every YAML file beside it, and the files the last builds read.

        Files from the last good build stay watched while the case is broken, so that
        fixing hus.yaml (outside the case folder) is seen too.
        """
        main = case_file(self.plan).absolute()
        files = {main, *main.parent.glob("*.yaml"), *main.parent.glob("*.yml")}
        return files | self._known

    def rebuild(self) -> Build:
        """Take fingerprints, build, and publish the result under a new version."""
        files = self.watched()
        self._stamps = {path: _stamp(path, self._stamps.get(path)) for path in files}
        version = self._current.version + 1 if self._current else 1
        build = build_once(self.plan, version)
        last = self._current
        if not build.ok and last is not None and last.papers:
            build = dataclasses.replace(build, title=last.title, papers=last.papers, labels=last.labels,
                                        papers_from=last.papers_from or last.built_at)
        self._known = build.sources if build.ok else self._known | build.sources
        # Files the build newly named (a bilaga, hus.yaml) start from their state now;
        # files no longer named are forgotten. Otherwise the next poll would see a
        # different set of files and rebuild for nothing.
        now_watched = self.watched()
        self._stamps = {path: self._stamps[path] if path in files else _stamp(path, None)
                        for path in now_watched}
        with self._built:
            self._current = build
            self._built.notify_all()
        self.on_build(build)
        return build

    def changed(self) -> bool:
        """Whether any watched file was saved, created or removed since the last rebuild."""
        files = self.watched()
        if files != set(self._stamps):
            return True
        for path in files:
            before = self._stamps[path]
            now = _stamp(path, before)
            if (now is None) != (before is None) or (now and before and now.digest != before.digest):
                return True
            self._stamps[path] = now  # keeps the newest stat, so later polls skip reading
        return False

    def run(self, stop: threading.Event, interval: float | None = None) -> None:
        """Rebuild on every change until *stop* is set; meant for a daemon thread. With
        *interval* (seconds) poll instead of waiting for the file system's events."""
        if interval is not None:
            while not stop.wait(interval):
                self._check()
            return
        import watchfiles

        while not stop.is_set():
            folders = self._folders()
            try:
                for _ in watchfiles.watch(*folders, watch_filter=None, debounce=WAKE_MS, step=SETTLE_MS,
                                          stop_event=stop, rust_timeout=WAKE_MS, yield_on_timeout=True,
                                          raise_interrupt=False, recursive=False):
                    self._check()
                    if self._folders() != folders:   # a new bilaga or house folder: watch it too
                        break
            except Exception:  # noqa: BLE001 - no events to be had (a folder gone, inotify full)
                if not stop.wait(POLL_SECONDS):
                    self._check()

    def _folders(self) -> list[Path]:
        return sorted({path.parent for path in self.watched() if path.parent.is_dir()})

    def _check(self) -> None:
        try:
            if self.changed():
                self.rebuild()
        except Exception:  # noqa: BLE001 - a watcher that dies would freeze the page silently
            pass
