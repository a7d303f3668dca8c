#!/usr/bin/env python3
"""Benchmark arende against itself and against the pipeline users would otherwise use.

    python3 bench/run.py                 # everything (about 25 minutes on 2 cores)
    python3 bench/run.py --quick         # one run each, small workloads (a smoke test)
    python3 bench/run.py --only seed,pandoc --runs 3
    python3 bench/run.py --readme        # also put the tables into README.md

Every measured command runs as its own subprocess: wall time is the median of
several runs, peak memory the largest resident set seen over the runs (the sum over
the command's whole process tree, sampled every 10 ms from /proc, and at least the
kernel's ru_maxrss of the command). "Others' CPU" is how many cores' worth of CPU
the rest of the machine used meanwhile (from /proc/stat): above about 0.1 the
machine was not quiet, and timings, the parallel ones above all, are disturbed.
The batch rows run interleaved (--jobs 1, --jobs 2, --jobs 1, …) so that such a
spell weighs on both alike.

The code measured is this checkout's: the commands run ``python -m generator`` with
the repository first on PYTHONPATH, in a scratch folder holding a copy of plans/,
with arende's stamp cache in that folder.

pandoc (Markdown → DOCX) and LibreOffice (DOCX → PDF) are timed on the seed texts in
../shared/seeds; where ../shared is absent the bundled plans' text is used as Markdown
instead. A tool that is not installed is reported as "saknas" and skipped.

Developer tooling: not run by the tests or by CI.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import workload  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"
SEEDS = {  # case folder → seed text (as in tests/conftest.py)
    "uppsala": (workload.UPPSALA, "000_9c62eecfd51cd0d9.txt"),
    "stockholm": (workload.STOCKHOLM, "002_ccaf433f9b934aa6.txt"),
}
MISSING = "saknas"
README_BEGIN = "<!-- bench:begin -->"
README_END = "<!-- bench:end -->"


# --- measuring ---------------------------------------------------------------------

@dataclass
class Run:
    wall: float
    peak_kb: int
    cpu: float      # user + system seconds of the command and its children
    others: float   # CPU seconds the rest of the machine used meanwhile
    code: int
    tail: str


@dataclass
class Measurement:
    label: str
    runs: list[float] = field(default_factory=list)
    peak_kb: int = 0
    cpu: list[float] = field(default_factory=list)
    others: list[float] = field(default_factory=list)
    note: str = ""
    failed: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.runs) if self.runs and not self.failed else None

    @property
    def peak_mb(self) -> float | None:
        return self.peak_kb / 1024 if self.peak_kb and not self.failed else None

    @property
    def busy(self) -> float:
        """How many cores' worth of CPU other processes used during the runs (median)."""
        if not self.runs or not self.others:
            return 0.0
        return statistics.median(o / w for o, w in zip(self.others, self.runs) if w > 0)

    def add(self, run: Run) -> bool:
        if run.code != 0:
            self.failed = f"failed (exit {run.code}): {run.tail.splitlines()[-1] if run.tail else ''}"
            return False
        self.runs.append(run.wall)
        self.peak_kb = max(self.peak_kb, run.peak_kb)
        self.cpu.append(run.cpu)
        self.others.append(run.others)
        return True


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(child) for child in handle.read().split()]
    except OSError:
        pass
    return found


def _tree_rss_kb(root: int, page_kb: int) -> int:
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/statm") as handle:
                total += int(handle.read().split()[1]) * page_kb
        except (OSError, IndexError, ValueError):
            continue
        stack += _children(pid)
    return total


def _busy_seconds() -> float:
    """CPU seconds all CPUs have spent busy since boot (0 where /proc/stat is absent)."""
    try:
        with open("/proc/stat") as handle:
            fields = [int(v) for v in handle.readline().split()[1:]]
    except (OSError, ValueError):
        return 0.0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    guests = sum(fields[8:10]) if len(fields) > 9 else 0  # already counted in user/nice
    return (sum(fields) - idle - guests) / os.sysconf("SC_CLK_TCK")


def run_once(command: list[str], cwd: Path, env: dict) -> Run:
    """Run *command*: wall time, peak memory, CPU time, others' CPU time, exit code, stderr's end."""
    page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
    peak = 0
    with tempfile.TemporaryFile() as errors:
        busy = _busy_seconds()
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                                   stderr=errors)
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.wait(0.01):
                peak = max(peak, _tree_rss_kb(process.pid, page_kb))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        busy = _busy_seconds() - busy
        done.set()
        sampler.join()
        process.returncode = code = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        tail = errors.read().decode(errors="replace").strip().splitlines()[-3:]
    cpu = usage.ru_utime + usage.ru_stime
    return Run(wall, max(peak, usage.ru_maxrss), cpu, max(0.0, busy - cpu), code, "\n".join(tail))


def measure_rows(rows: list[tuple[Measurement, object]], runs: int, cwd: Path, env: dict,
                 interleave: bool = False) -> None:
    """Run each row's command *runs* times: row by row, or with *interleave* round-robin
    (A B A B …) so that a busy spell on the machine falls on every row alike. A row's
    command is a list, or a function of the run's number giving the list."""
    order = ([(i, r) for i in range(runs) for r in range(len(rows))] if interleave
             else [(i, r) for r in range(len(rows)) for i in range(runs)])
    labels = " | ".join(m.label for m, _ in rows) if interleave else None
    if labels:
        print(f"  {labels} ", end="", flush=True, file=sys.stderr)
    current = None
    for index, number in order:
        measurement, command = rows[number]
        if measurement.failed:
            continue
        if not interleave and current is not number:
            current = number
            print(f"  {measurement.label} ", end="", flush=True, file=sys.stderr)
        run = run_once(command(index) if callable(command) else command, cwd, env)
        ok = measurement.add(run)
        print("." if ok else f"✗ {measurement.failed} ", end="", flush=True, file=sys.stderr)
        if not interleave and (index == runs - 1 or not ok):
            print(f" {measurement.median:.3f} s" if ok else "", file=sys.stderr)
    if interleave:
        print(" " + " | ".join(f"{m.median:.3f} s" if m.median else "✗" for m, _ in rows),
              file=sys.stderr)


def measure(label: str, command: list[str], runs: int, cwd: Path, env: dict,
            note: str = "") -> Measurement:
    """Median wall time and peak memory of *runs* runs of *command*."""
    result = Measurement(label, note=note)
    measure_rows([(result, command)], runs, cwd, env)
    return result


def missing(label: str, what: str) -> Measurement:
    return Measurement(label, failed=f"{MISSING} ({what})")


# --- the machine --------------------------------------------------------------------

def machine() -> dict[str, str]:
    def first(pattern: str, path: str) -> str:
        try:
            match = re.search(pattern, Path(path).read_text(), re.M)
        except OSError:
            return "?"
        return match.group(1).strip() if match else "?"

    def version(command: list[str]) -> str:
        if shutil.which(command[0]) is None:
            return MISSING
        try:
            output = subprocess.run(command, capture_output=True, text=True, timeout=60).stdout
        except (OSError, subprocess.TimeoutExpired):
            return "?"
        return output.strip().splitlines()[0] if output.strip() else "?"

    from importlib import metadata

    def package(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return MISSING

    try:  # read-only: the commit measured (the working tree may differ from it)
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, timeout=30).stdout.strip() or "?"
    except (OSError, subprocess.TimeoutExpired):
        commit = "?"
    memory_kb = first(r"^MemTotal:\s+(\d+)", "/proc/meminfo")
    system = f"{platform.system()} {platform.release()}"
    if Path("/etc/os-release").is_file():
        pretty = first(r'^PRETTY_NAME="?([^"\n]+)"?', "/etc/os-release")
        system += f" ({pretty})"
    return {
        "CPU": first(r"^model name\s*:\s*(.+)$", "/proc/cpuinfo"),
        "cores (nproc)": str(os.cpu_count() if not hasattr(os, "sched_getaffinity")
                             else len(os.sched_getaffinity(0))),
        "RAM": f"{int(memory_kb) / 1024 / 1024:.1f} GiB" if memory_kb.isdigit() else "?",
        "OS": system,
        "Python": platform.python_version(),
        "WeasyPrint": package("weasyprint"),
        "python-docx": package("python-docx"),
        "pandoc": version(["pandoc", "--version"]),
        "LibreOffice": version(["soffice", "--version"]),
        "arende": f"{_arende_version()} (working tree at commit {commit})",
    }


def _arende_version() -> str:
    match = re.search(r'__version__ = "([^"]+)"', (ROOT / "generator" / "__init__.py").read_text())
    return match.group(1) if match else "?"


# --- the benchmark ------------------------------------------------------------------

class Bench:
    def __init__(self, args):
        self.args = args
        self.work = Path(tempfile.mkdtemp(prefix="arende-bench-"))
        self.env = dict(os.environ)
        self.env["PYTHONPATH"] = os.pathsep.join(
            [str(ROOT)] + ([self.env["PYTHONPATH"]] if self.env.get("PYTHONPATH") else []))
        self.env["ARENDE_CACHE"] = str(self.work / "cache")
        self.env.setdefault("LC_ALL", "C.UTF-8")
        shutil.copytree(ROOT / "plans", self.work / "plans")
        self.rows: list[Measurement] = []
        self.results: dict[str, Measurement] = {}
        self.notes: list[str] = []
        self.targets: list[tuple[str, str, str]] = []
        self.stage_rows: dict[str, dict] = {}
        self.counter = 0
        self.load = [os.getloadavg()] if hasattr(os, "getloadavg") else []

    def wanted(self, group: str) -> bool:
        return not self.args.only or any(part in group for part in self.args.only)

    def add(self, key: str, measurement: Measurement) -> Measurement:
        self.rows.append(measurement)
        self.results[key] = measurement
        return measurement

    def arende(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "generator", *args]

    def build_command(self, key: str, plan: Path, fmt: str, jobs: str | None = None):
        """``arende build`` of *plan*, each run into an output folder no run has used."""
        def command(index: int) -> list[str]:
            self.counter += 1
            out = self.work / "out" / f"{key}-{self.counter}"
            args = ["build", str(plan), "--out", str(out), "--format", fmt, "-q"]
            return self.arende(*args, *(["--jobs", jobs] if jobs else []))
        return command

    def build_row(self, key: str, label: str, plan: Path, fmt: str, runs: int,
                  jobs: str | None = None) -> Measurement:
        result = self.add(key, Measurement(label))
        measure_rows([(result, self.build_command(key, plan, fmt, jobs))], runs, self.work, self.env)
        return result

    # --- groups ---

    def startup(self) -> None:
        runs = self.args.runs or (3 if self.args.quick else 15)
        floor = self.add("floor", measure("`python -c 'import click'` (floor of a click CLI)",
                                          [sys.executable, "-c", "import click"], runs, self.work, self.env))
        help_ = self.add("help", measure("`arende --help`", self.arende("--help"), runs, self.work, self.env))
        if floor.median and help_.median:
            ratio = help_.median / floor.median
            help_.note = f"{ratio:.2f}× the floor"
            self.targets.append(("`arende --help` ≤ 1.5× `import click`", f"{ratio:.2f}×",
                                 "met" if ratio <= 1.5 else "not met"))

    def check(self) -> None:
        runs = self.args.runs or (3 if self.args.quick else 9)
        self.add("check", measure("`arende check` (all bundled plans)", self.arende("check"),
                                  runs, self.work, self.env))

    def seeds(self) -> None:
        runs = self.args.runs or (1 if self.args.quick else 5)
        for name, (plan, _) in SEEDS.items():
            for fmt in ("pdf", "docx", "all"):
                self.build_row(f"seed-{name}-{fmt}", f"build seed `{name}` --format {fmt}",
                               plan, fmt, runs)

    def stages(self) -> None:
        for name, (plan, _) in SEEDS.items():
            process = subprocess.run([sys.executable, str(ROOT / "bench" / "stages.py"), str(plan)],
                                     capture_output=True, text=True, cwd=self.work, env=self.env)
            if process.returncode == 0:
                self.stage_rows[name] = json.loads(process.stdout)
            else:
                self.notes.append(f"stages of {name} failed: {process.stderr.strip()[-300:]}")

    def competitors(self) -> None:
        runs = self.args.runs or (1 if self.args.quick else 5)
        texts = self.work / "texts"
        texts.mkdir(exist_ok=True)
        pandoc, soffice = shutil.which("pandoc"), shutil.which("soffice")
        profile = self.work / "lo-profile"
        for name, (plan, seed_name) in SEEDS.items():
            seed = SHARED_SEEDS / seed_name
            if seed.is_file():
                source, origin = texts / seed_name, "seed text"
                shutil.copy(seed, source)
            else:
                source, origin = texts / f"{name}.md", "bundled plan as Markdown (../shared saknas)"
                source.write_text(workload.markdown_of_plan(plan), encoding="utf-8")
            docx_file = texts / f"{source.stem}.docx"
            label = f"pandoc `{name}` {origin} → DOCX"
            if pandoc is None:
                first = self.add(f"pandoc-{name}", missing(label, "pandoc"))
            else:
                first = self.add(f"pandoc-{name}", measure(
                    label, [pandoc, str(source), "-o", str(docx_file)], runs, self.work, self.env))
            label = f"LibreOffice `{name}` DOCX → PDF"
            if soffice is None:
                second = self.add(f"soffice-{name}", missing(label, "soffice"))
            elif not docx_file.is_file():
                second = self.add(f"soffice-{name}", missing(label, "no DOCX from pandoc"))
            else:
                command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(texts / "pdf"), str(docx_file)]
                subprocess.run(command, capture_output=True, cwd=self.work, env=self.env)  # profile, untimed
                second = self.add(f"soffice-{name}", measure(label, command, runs, self.work, self.env))
            both = Measurement(f"pandoc + LibreOffice `{name}` (sum of medians)")
            if first.median is not None and second.median is not None:
                both.runs = [first.median + second.median]
                both.peak_kb = max(first.peak_kb, second.peak_kb)
            else:
                both.failed = f"{MISSING}"
            self.add(f"theirs-{name}", both)
            ours = self.results.get(f"seed-{name}-all")
            if ours and ours.median and both.median:
                ratio = ours.median / both.median
                both.note = f"ours (--format all) = {ratio:.2f}× theirs"
                self.targets.append((f"seed `{name}` to PDF+DOCX ≤ 0.8× pandoc + LibreOffice",
                                     f"{ours.median:.2f} s vs {both.median:.2f} s = {ratio:.2f}×",
                                     "met" if ratio <= 0.8 else "not met"))

    def large(self) -> None:
        runs = self.args.runs or (1 if self.args.quick else 3)
        sizes = (50, 100, 250) if self.args.quick else (500, 1000, 2000)
        for rows in sizes:
            workload.large_plan(self.work / f"large-{rows}", rows)
        for fmt in ("pdf", "docx"):
            for rows in sizes:
                self.build_row(f"large-{rows}-{fmt}", f"large plan, {rows} action rows, --format {fmt}",
                               self.work / f"large-{rows}", fmt, runs)
        biggest = sizes[-1]
        self.build_row(f"large-{biggest}-all", f"large plan, {biggest} action rows, --format all",
                       self.work / f"large-{biggest}", "all", 1 if not self.args.runs else runs)
        for fmt in ("pdf", "docx"):
            times = [self.results[f"large-{rows}-{fmt}"].median for rows in sizes]
            if None in times:
                continue
            (n1, n2, n3), (t1, t2, t3) = sizes, times
            first, second = (t2 - t1) / (n2 - n1), (t3 - t2) / (n3 - n2)
            growth = second / first if first > 0 else float("inf")
            self.results[f"large-{n3}-{fmt}"].note = (
                f"{first * 1000:.0f} → {second * 1000:.0f} ms per added row ({growth:.2f}×; 1.0 = linear)")
            peak = self.results[f"large-{n3}-{fmt}"].peak_mb
            self.targets.append((f"{n3}-row plan, {fmt.upper()}: time linear in rows",
                                 f"marginal cost per row grows {growth:.2f}× from {n1}–{n2} to {n2}–{n3} rows",
                                 "met" if growth <= 1.25 else "not met"))
            self.targets.append((f"{n3}-row plan, {fmt.upper()}: peak memory < 500 MB",
                                 f"{peak:.0f} MB", "met" if peak < 500 else "not met"))
        whole = self.results.get(f"large-{biggest}-all")
        if whole and whole.peak_mb:
            self.targets.append((f"{biggest}-row plan, PDF + DOCX: peak memory < 500 MB",
                                 f"{whole.peak_mb:.0f} MB", "met" if whole.peak_mb < 500 else "not met"))

    def calibrate(self, runs: int) -> float | None:
        """How much faster two CPU-bound processes finish than one after the other here:
        the ceiling for --jobs 2 on this machine, now (a shared or busy host shows it)."""
        loop = "x = 0\nfor i in range(12_000_000): x += i"
        pair = ("import subprocess, sys\n"
                f"ps = [subprocess.Popen([sys.executable, '-c', {loop!r}]) for _ in range(2)]\n"
                "sys.exit(max(p.wait() for p in ps))")
        one = self.add("cpu-1", Measurement("calibration: CPU-bound Python loop, 1 process"))
        two = self.add("cpu-2", Measurement("calibration: the same loop, 2 processes at once"))
        measure_rows([(one, [sys.executable, "-c", loop]), (two, [sys.executable, "-c", pair])],
                     max(runs, 3), self.work, self.env, interleave=True)
        if one.median and two.median:
            ceiling = 2 * one.median / two.median
            two.note = f"2 processes run {ceiling:.2f}× as fast as 1 after the other (ceiling for --jobs 2)"
            return ceiling
        return None

    def batch(self) -> None:
        runs = self.args.runs or (1 if self.args.quick else 3)
        cases = 10 if self.args.quick else 50
        ceiling = self.calibrate(runs)
        plans = workload.batch(self.work / "batch", cases)
        one = self.add("batch-1", Measurement(f"batch of {cases} cases, --jobs 1"))
        two = self.add("batch-2", Measurement(f"batch of {cases} cases, --jobs 2"))
        # Interleaved, so that other work on the machine weighs on both alike.
        measure_rows([(one, self.build_command("batch-1", plans, "all", "1")),
                      (two, self.build_command("batch-2", plans, "all", "2"))],
                     runs, self.work, self.env, interleave=True)
        for row in (one, two):
            if row.median:
                row.note = f"CPU {statistics.median(row.cpu):.1f} s = {statistics.median(row.cpu) / row.median:.2f} cores busy"
        if one.median and two.median:
            speedup = one.median / two.median
            two.note += f"; {speedup:.2f}× faster than --jobs 1"
            limit = f" (this machine's ceiling now: {ceiling:.2f}×)" if ceiling else ""
            self.targets.append((f"{cases} cases: --jobs 2 ≥ 1.8× faster than --jobs 1",
                                 f"{speedup:.2f}×{limit}", "met" if speedup >= 1.8 else "not met"))
        # A rebuild with nothing changed, against a full build with the default --jobs.
        out = self.work / "out" / "rebuild"
        full = run_once(self.arende("build", str(plans), "--out", str(out), "-q"), self.work, self.env)
        if full.code != 0:
            self.add("rebuild", Measurement(f"batch of {cases}, rebuild with nothing changed",
                                            failed=f"full build failed: {full.tail}"))
            return
        default_jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        reference = self.results.get(f"batch-{default_jobs}")
        reference_time = reference.median if reference and reference.median else full.wall
        again = self.add("rebuild", measure(
            f"batch of {cases} cases, rebuild with nothing changed",
            self.arende("build", str(plans), "--out", str(out), "-q"),
            self.args.runs or (1 if self.args.quick else 5), self.work, self.env))
        if again.median:
            ratio = again.median / reference_time
            again.note = f"{ratio:.3f}× a full build (default --jobs = {default_jobs})"
            self.targets.append(("rebuild with nothing changed ≤ 0.1× a full build",
                                 f"{again.median:.2f} s vs {reference_time:.1f} s = {ratio:.3f}×",
                                 "met" if ratio <= 0.1 else "not met"))

    def meeting(self) -> None:
        """A meeting of N cases (about 7.5 pages each): what assembling its kallelse and
        packets adds to building the cases, and the rebuild after one case changed."""
        runs = self.args.runs or (1 if self.args.quick else 3)
        items = 8 if self.args.quick else 40
        cases = workload.meeting(self.work / "meeting-cases", items, with_meeting=False)
        whole = workload.meeting(self.work / "meeting", items)
        only = self.add("meeting-cases", Measurement(f"{items} cases alone, cold"))
        full = self.add("meeting-full", Measurement(f"the same {items} cases and their meeting, cold"))
        measure_rows([(only, self.build_command("meeting-cases", cases, "all")),
                      (full, self.build_command("meeting-full", whole, "all"))],
                     runs, self.work, self.env, interleave=True)
        if only.median and full.median:
            added = full.median / only.median - 1
            full.note = f"the meeting adds {added:.0%} to its cases"
            self.targets.append((f"{items}-item meeting: assembly adds ≤ 10 % to building its cases",
                                 f"{full.median:.1f} s vs {only.median:.1f} s = +{added:.0%}",
                                 "met" if added <= 0.10 else "not met"))
        out = self.work / "out" / "meeting-rebuild"
        first = run_once(self.arende("build", str(whole), "--out", str(out), "-q"), self.work, self.env)
        if first.code != 0:
            self.add("meeting-one", Measurement("meeting, one case changed", failed=f"build failed: {first.tail}"))
            return
        case = whole / "amn-001" / "arende.yaml"
        original = case.read_text(encoding="utf-8")

        def one_changed(index: int) -> list[str]:
            # A real edit, changing the case's papers and so the packet, different each run.
            case.write_text(original.replace("Kommunfullmäktige beslutade",
                                             f"Kommunfullmäktige ({index + 1}) beslutade", 1), encoding="utf-8")
            return self.arende("build", str(whole), "--out", str(out), "-q")

        again = self.add("meeting-one", Measurement(f"{items}-item meeting, rebuild after one case changed"))
        measure_rows([(again, one_changed)], runs, self.work, self.env)
        packet = out / "moten" / "amn-2018-09-26" / "amn-2018-09-26_handlingar.pdf"
        if packet.is_file():
            import pikepdf
            with pikepdf.open(packet) as pdf:
                full.note += f"; packet of {len(pdf.pages)} pages"
        if again.median and full.median:
            ratio = again.median / full.median
            again.note = f"{ratio:.3f}× a full cold build"
            self.targets.append((f"{items}-item meeting: one-case-changed rebuild ≤ 0.15× a full one",
                                 f"{again.median:.2f} s vs {full.median:.1f} s = {ratio:.3f}×",
                                 "met" if ratio <= 0.15 else "not met"))

    def preview(self) -> None:
        """Save-to-screen of `arende preview` in headless Chromium (bench/preview_latency.py)."""
        runs = self.args.runs or (3 if self.args.quick else 15)
        pushed = self.add("preview-pushed", Measurement("preview: save → the server's event names the new build"))
        screen = self.add("preview-screen", Measurement("preview: save → new paper on screen (headless Chromium)"))
        process = subprocess.run([sys.executable, str(ROOT / "bench" / "preview_latency.py"), str(runs)],
                                 capture_output=True, text=True, cwd=self.work, env=self.env)
        if process.returncode != 0:
            reason = (process.stderr.strip().splitlines() or ["?"])[-1][:200]
            pushed.failed = screen.failed = f"{MISSING}: {reason}"
            return
        found = json.loads(process.stdout)
        pushed.runs, screen.runs = found["pushed"], found["screen"]
        if screen.median is not None:
            self.targets.append(("preview save-to-screen ≤ 0.2 s median (headless Chromium)",
                                 f"{screen.median:.3f} s (server's own: {pushed.median:.3f} s)",
                                 "met" if screen.median <= 0.2 else "not met"))

    def run(self) -> str:
        print(f"arende benchmark in {self.work}", file=sys.stderr)
        groups = [("startup", self.startup), ("check", self.check), ("seed", self.seeds),
                  ("pandoc", self.competitors), ("stages", self.stages), ("large", self.large),
                  ("batch", self.batch), ("meeting", self.meeting), ("preview", self.preview)]
        started = time.perf_counter()
        for name, step in groups:
            if self.wanted(name):
                print(f"{name}:", file=sys.stderr)
                step()
        elapsed = time.perf_counter() - started
        if self.load:
            self.load.append(os.getloadavg())
        report = self.report(elapsed)
        if not self.args.keep:
            shutil.rmtree(self.work, ignore_errors=True)
        return report

    # --- the report ---

    def report(self, elapsed: float) -> str:
        lines = [f"Measured {time.strftime('%Y-%m-%d')} with `python3 bench/run.py"
                 + (" " + " ".join(self.args.argv) if self.args.argv else "") + f"` ({elapsed / 60:.0f} min).", ""]
        lines += ["| Machine | |", "|---|---|"]
        lines += [f"| {key} | {value} |" for key, value in machine().items()]
        if self.load:
            lines.append("| load average (1, 5, 15 min) at start → end | "
                         + " → ".join(", ".join(f"{v:.2f}" for v in load) for load in self.load) + " |")
        lines += ["", "| Benchmark | Runs | Median wall time | Peak memory | Others' CPU | Note |",
                  "|---|--:|--:|--:|--:|---|"]
        for row in self.rows:
            if row.failed:
                lines.append(f"| {row.label} | {len(row.runs)} | {row.failed} | | | {row.note} |")
                continue
            busy = f"{row.busy:.2f}" if row.others else ""
            peak = f"{row.peak_mb:.0f} MB" if row.peak_mb else ""   # not measured for the preview
            lines.append(f"| {row.label} | {len(row.runs)} | {row.median:.3f} s | "
                         f"{peak} | {busy} | {row.note} |")
        if self.targets:
            lines += ["", "| Target | Measured | |", "|---|---|---|"]
            lines += [f"| {target} | {value} | {verdict} |" for target, value, verdict in self.targets]
        if self.stage_rows:
            names = list(self.stage_rows)
            stages = list(dict.fromkeys(stage for rows in self.stage_rows.values() for stage in rows))
            lines += ["", "Where a cold build's time goes (`bench/stages.py`, one process, seconds):", "",
                      "| Stage | " + " | ".join(f"`{n}`" for n in names) + " |",
                      "|---|" + "--:|" * len(names)]
            for stage in stages:
                cells = [f"{self.stage_rows[n][stage]:.3f}" if stage in self.stage_rows[n] else ""
                         for n in names]
                kind, _, stem = stage.partition(" ")
                label = f"{kind} {stem.strip().rsplit('_', 1)[-1]}" if kind in ("PDF", "DOCX") else stage
                lines.append(f"| {label} | " + " | ".join(cells) + " |")
            totals = [f"{sum(self.stage_rows[n].values()):.3f}" for n in names]
            lines.append("| **total** | " + " | ".join(totals) + " |")
        lines += [f"\n{note}" for note in self.notes]
        return "\n".join(lines) + "\n"


def update_readme(report: str) -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    if README_BEGIN not in text or README_END not in text:
        raise SystemExit(f"README.md has no {README_BEGIN} … {README_END} markers")
    head, rest = text.split(README_BEGIN, 1)
    _, tail = rest.split(README_END, 1)
    readme.write_text(f"{head}{README_BEGIN}\n{report}{README_END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one run each, small workloads")
    parser.add_argument("--runs", type=int, help="runs per measurement (default: by group)")
    parser.add_argument("--only", type=lambda s: [p for p in s.split(",") if p],
                        help="comma-separated groups: startup, check, seed, pandoc, stages, large, batch, meeting, preview")
    parser.add_argument("--readme", action="store_true", help="write the tables into README.md")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args(argv)
    args.argv = sys.argv[1:] if argv is None else argv
    args.argv = [a for a in args.argv if a not in ("--readme", "--keep")]
    report = Bench(args).run()
    print(report)
    if args.readme:
        update_readme(report)
        print("README.md updated.", file=sys.stderr)


if __name__ == "__main__":
    main()
