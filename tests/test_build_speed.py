"""What keeps `arende` fast, checked for behaviour (the timings are in bench/, not here):
light start for --help and check, unchanged cases not rebuilt, batches over processes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, STOCKHOLM, UPPSALA, copy_case, edit, run
from generator import cache

HEAVY = {"weasyprint", "docx"}



@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    """Stamps of these tests go to a folder of their own."""
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))


@pytest.fixture
def own_templates(tmp_path, monkeypatch):
    """A private copy of the shipped templates, and arende's code taken as unchanged:
    edits elsewhere in a working tree during the test must not count as changes."""
    import generator.house as houses

    templates = shutil.copytree(ROOT / "templates", tmp_path / "templates")
    monkeypatch.setattr(houses, "templates_root", lambda: templates)
    monkeypatch.setattr(cache, "code_digest", lambda keys: "code")
    return templates


def _python(script: str) -> str:
    """What *script* prints, run by a fresh interpreter in the repository (which must succeed)."""
    process = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert process.returncode == 0, process.stderr
    return process.stdout


def imported_modules(*args: str) -> set[str]:
    process = subprocess.run([sys.executable, "-X", "importtime", "-m", "generator", *args],
                             capture_output=True, text=True, cwd=ROOT)
    assert process.returncode == 0, process.stderr
    return {line.rsplit("|", 1)[1].strip() for line in process.stderr.splitlines()
            if line.startswith("import time:") and "|" in line}


@pytest.mark.parametrize("args", [("--help",), ("check",)])
def test_help_and_check_do_not_import_the_renderers(args):
    modules = imported_modules(*args)
    assert "generator.cli" in modules
    assert not {name for name in modules if name.split(".")[0] in HEAVY}
    assert "generator.writers.pdf" not in modules and "generator.writers.docx" not in modules


def test_help_reads_no_plan_machinery():
    """`arende --help` stays near a bare click start: no YAML, no plan models."""
    modules = imported_modules("--help")
    assert not {name for name in modules if name.split(".")[0] in ("yaml", "pydantic", "jinja2")}
    assert "generator.load" not in modules


def counting_writers(monkeypatch) -> list[str]:
    """Count every paper the writers are asked for, still writing it."""
    import generator.writers as writers

    real, calls = writers.writer_for, []

    def counted(fmt):
        write = real(fmt)

        def wrapper(paper, target):
            calls.append(target.name)
            write(paper, target)
        return wrapper

    monkeypatch.setattr(writers, "writer_for", counted)
    return calls


def test_unchanged_case_is_not_rebuilt_until_plan_output_or_force_says_so(tmp_path, monkeypatch,
                                                                          own_templates):
    case, out = copy_case(STOCKHOLM, tmp_path / "plans" / "s"), tmp_path / "out"
    assert run("build", case, "--out", out, "--format", "docx").exit_code == 0
    paper = out / "s" / "s_tjansteutlatande.docx"
    written = paper.stat().st_mtime_ns
    calls = counting_writers(monkeypatch)

    again = run("build", case, "--out", out, "--format", "docx")
    assert again.exit_code == 0, again.output
    assert calls == [] and paper.stat().st_mtime_ns == written
    assert again.stdout.splitlines() == [f"oförändrat: {case} ({out / 's'}/)",
                                         f"0 ärenden byggda, 1 oförändrat i {out}/."]

    assert run("build", case, "--out", out, "--format", "docx", "--force").exit_code == 0
    assert calls == ["s_tjansteutlatande.docx"]

    paper.unlink()  # a deleted paper is built again
    assert run("build", case, "--out", out, "--format", "docx").stdout.startswith("[1/1] ")
    assert len(calls) == 2 and paper.is_file()

    data = bytearray(paper.read_bytes())  # so is one changed by hand, even to the same size
    data[len(data) // 2] ^= 0xFF
    paper.write_bytes(bytes(data))
    assert run("build", case, "--out", out, "--format", "docx").stdout.startswith("[1/1] ")
    assert len(calls) == 3

    edit(case / "arende.yaml", "ärendenummer: 7", "ärendenummer: 8")  # and a changed plan
    assert run("build", case, "--out", out, "--format", "docx").stdout.startswith("[1/1] ")
    assert len(calls) == 4


def test_a_changed_house_style_rebuilds_the_cases_that_use_it(tmp_path, monkeypatch, own_templates):
    monkeypatch.chdir(tmp_path)
    copy_case(STOCKHOLM, tmp_path / "plans" / "s")
    copy_case(UPPSALA, tmp_path / "plans" / "u")
    assert run("build", "plans", "--out", "out", "--format", "docx", "-j", "1").exit_code == 0
    calls = counting_writers(monkeypatch)

    edit(tmp_path / "templates" / "uppsala" / "hus.yaml", "rubrik 1: {storlek: 16}",
         "rubrik 1: {storlek: 16, spärrning: 0.01}")
    result = run("build", "plans", "--out", "out", "--format", "docx", "-j", "1")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == ["oförändrat: plans/s (out/s/)",
                                              "[2/2] plans/u → out/AMN-2018-0329/ (AMN-2018-0329_tjansteskrivelse.docx, "
                                              "AMN-2018-0329_bilaga-1_handlingsplan.docx)"]
    assert sorted(calls) == ["AMN-2018-0329_bilaga-1_handlingsplan.docx", "AMN-2018-0329_tjansteskrivelse.docx"]


def test_build_key_covers_base_templates_bilagor_formats_environment_and_writers(tmp_path, monkeypatch,
                                                                    own_templates):
    from generator.house import _load_house
    from generator.read import read_case

    monkeypatch.chdir(tmp_path)
    case = copy_case(UPPSALA, tmp_path / "plans" / "u")

    def key(formats=("pdf", "docx")):
        _load_house.cache_clear()
        return cache.Keys(formats).key(read_case(case))

    first = key()
    assert key() == first
    (case / "anteckningar.txt").write_text("inte en del av ärendet")
    (tmp_path / "templates" / "uppsala" / ".house.css.swp").write_text("editorns fil")
    assert key() == first
    assert key(("pdf",)) != first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000001")
    assert key() != first
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    with open(tmp_path / "templates" / "base" / "paper.css", "a", encoding="utf-8") as css:
        css.write("\n/* ändrad */\n")
    second = key()
    assert second != first
    edit(case / "bilaga-1-handlingsplan.yaml", "tidplan: 2019\n", "tidplan: 2020\n")
    third = key()
    assert third != second

    import generator.writers.docx as docx_writer

    monkeypatch.setattr(docx_writer, "write_docx", lambda paper, target: None)
    assert key() != third


def test_a_failed_build_leaves_no_stamp(tmp_path, monkeypatch, own_templates):
    case, out = copy_case(STOCKHOLM, tmp_path / "s"), tmp_path / "out"
    assert run("build", case, "--out", out, "--format", "docx").exit_code == 0
    assert cache.read_stamp(out / "s") is not None

    import generator.writers.docx as docx_writer

    real = docx_writer.write_docx

    def failing(paper, target):
        raise OSError("disken är full")

    monkeypatch.setattr(docx_writer, "write_docx", failing)
    edit(case / "arende.yaml", "ärendenummer: 7", "ärendenummer: 8")
    assert run("build", case, "--out", out, "--format", "docx").exit_code == 4
    assert cache.read_stamp(out / "s") is None
    monkeypatch.setattr(docx_writer, "write_docx", real)
    edit(case / "arende.yaml", "ärendenummer: 8", "ärendenummer: 7")
    assert run("build", case, "--out", out, "--format", "docx").stdout.startswith("[1/1] ")


def test_batch_in_worker_processes_prints_in_order_and_fails_like_one_process(tmp_path, own_templates):
    plans = tmp_path / "plans"
    for name in ("a", "b", "c"):
        copy_case(STOCKHOLM, plans / name)
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        out.mkdir()
        (out / "c").write_text("en fil där ärendets mapp skulle ligga")
        result = run("build", plans, "--out", out, "--format", "docx", "--jobs", jobs)
        assert result.exit_code == 4
        outputs[jobs] = lines = result.output.replace(str(out), "OUT").splitlines()
        assert lines[:2] == [f"[{n}/3] {plans / name} → OUT/{name}/ ({name}_tjansteutlatande.docx)"
                             for n, name in ((1, "a"), (2, "b"))]
        assert len(lines) == 3 and lines[2].startswith("fel: kan inte skriva OUT/c: ")
        assert sorted(p.name for p in out.iterdir()) == ["a", "b", "c"]  # no staging left
    assert outputs["1"] == outputs["2"]

    (tmp_path / "out2" / "c").unlink()
    result = run("build", plans, "--out", tmp_path / "out2", "--format", "docx", "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert [line.split(":")[0].split(" ")[0] for line in result.stdout.splitlines()] == [
        "oförändrat", "oförändrat", "[3/3]", "1"]


def test_cases_read_in_worker_processes_report_the_same_problems_in_the_same_order(tmp_path):
    plans = tmp_path / "plans"
    copy_case(UPPSALA, plans / "a")
    copy_case(UPPSALA, plans / "b")  # the same diarienummer as a
    copy_case(STOCKHOLM, plans / "c")
    edit(plans / "c" / "arende.yaml", "nämnd: AMN", "nämnd: ANM")
    copy_case(STOCKHOLM, plans / "d")
    outputs = {}
    for jobs in ("1", "2"):
        result = run("build", plans, "--out", tmp_path / f"out{jobs}", "--format", "docx", "--jobs", jobs)
        assert result.exit_code == 1
        outputs[jobs] = result.output.replace(f"out{jobs}", "OUT")
        assert "b/arende.yaml:" in result.output and "har samma diarienummer" in result.output
        assert "c/arende.yaml:13:8: nämnd:" in result.output
        assert sorted(p.name for p in (tmp_path / f"out{jobs}").iterdir()) == ["AMN-2018-0329", "d"]
    assert outputs["1"] == outputs["2"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the probing is skipped on Linux only")
def test_weasyprint_loads_without_searching_for_its_libraries():
    """find_library runs ldconfig and gcc for every name WeasyPrint tries; arende's
    loader starts no process, restores find_library, and WeasyPrint still renders."""
    script = (
        "import ctypes.util, subprocess\n"
        "started = []\n"
        "real_init = subprocess.Popen.__init__\n"
        "def counting(self, *args, **kwargs):\n"
        "    started.append(args[0] if args else kwargs.get('args'))\n"
        "    real_init(self, *args, **kwargs)\n"
        "subprocess.Popen.__init__ = counting\n"
        "real = ctypes.util.find_library\n"
        "from generator.writers.pdf.weasy import load_weasyprint\n"
        "load_weasyprint()\n"
        "assert ctypes.util.find_library is real\n"
        "import weasyprint\n"
        "pdf = weasyprint.HTML(string='<p>Sida 1 (1)</p>').write_pdf()\n"
        "assert pdf.startswith(b'%PDF'), pdf[:10]\n"
        "print(len(started), started[:3])\n")
    printed = _python(script)
    assert printed.startswith("0 "), printed


@pytest.mark.parametrize("plan", [UPPSALA, STOCKHOLM], ids=["two papers", "one paper"])
def test_a_paper_written_in_the_side_process_is_the_same_file(tmp_path, plan):
    """One case built alone with two jobs writes its longest paper in a forked process
    (a single paper: its PDF there, its DOCX here, told the page count last): the files
    are byte for byte those of a one-process build, in the same order."""
    from generator.build import build_case
    from generator.side import side_process
    from generator.read import read_case

    bundle = read_case(plan)
    alone = build_case(bundle, tmp_path / "alone", ("pdf", "docx"))
    with side_process(True) as side:
        if side is None:
            pytest.skip("no fork here (or one core): the side process is not used")
        aside = build_case(bundle, tmp_path / "aside", ("pdf", "docx"), side)
    assert [path.name for path in aside.files] == [path.name for path in alone.files]
    for one, other in zip(alone.files, aside.files):
        assert one.read_bytes() == other.read_bytes(), one.name


def test_a_case_built_alone_in_a_build_with_workers_lays_out_its_pdfs_there_the_same(tmp_path):
    """One case to build where a pool of workers exists (the one case changed of a
    meeting): its PDFs are laid out in the workers, its DOCX files here; the files are
    byte for byte those of a one-process build."""
    from generator.build import build_case, workers
    from generator.read import read_case
    from generator.side import PoolLayout

    bundle = read_case(UPPSALA)
    alone = build_case(bundle, tmp_path / "alone", ("pdf", "docx"))
    with workers(2, 2) as pool:
        assert pool is not None
        aside = build_case(bundle, tmp_path / "aside", ("pdf", "docx"), PoolLayout(pool))
    assert [path.name for path in aside.files] == [path.name for path in alone.files]
    for one, other in zip(alone.files, aside.files):
        assert one.read_bytes() == other.read_bytes(), one.name
    assert aside.digests == alone.digests


@pytest.mark.parametrize("plan, failing_stem", [(UPPSALA, "handlingsplan"), (STOCKHOLM, "tjansteutlatande")],
                         ids=["two papers", "one paper"])
def test_a_failure_in_the_side_process_fails_the_case_whole(tmp_path, monkeypatch, plan, failing_stem):
    """The paper laid out aside (the handlingsplan; Stockholm's only paper) fails to
    render: the case reports it as any failure, and nothing of it is put in place."""
    import generator.writers.pdf as pdf_writer
    from generator.errors import RenderFailure
    from generator.read import read_case

    real = pdf_writer.write_pdf

    def failing(paper, target, **options):
        if failing_stem in paper.stem:
            raise RenderFailure(f"PDF för '{paper.title}': trasig")
        return real(paper, target, **options)

    monkeypatch.setattr(pdf_writer, "write_pdf", failing)   # inherited by the fork
    _fails_whole_aside(read_case(plan), tmp_path / "out", RenderFailure, "trasig")


def _fails_whole_aside(bundle, out: Path, error: type, match: str) -> None:
    """Building *bundle* with a side process raises *error*, and puts nothing in *out*."""
    from generator.build import build_case
    from generator.side import side_process

    with side_process(True) as side:
        if side is None:
            pytest.skip("no fork here (or one core): the side process is not used")
        with pytest.raises(error, match=match):
            build_case(bundle, out, ("pdf", "docx"), side)
    assert not out.exists() or list(out.iterdir()) == []


def test_the_side_process_needs_none_of_the_plan_models(tmp_path):
    """The side process is forked before this process imports the plan models, and lays
    out what it is sent without them: the writer's imports and a paper sent there (as
    its PDF writer reads it) name no module of the models, houses or compose."""
    import pickle
    import pickletools

    from generator.compose.paper import compose_case
    from generator.read import read_case

    paper = compose_case(read_case(STOCKHOLM))[0].for_pdf()
    named = {arg.partition(" ")[0] for op, arg, _ in pickletools.genops(pickle.dumps(paper))
             if op.name in ("GLOBAL", "STACK_GLOBAL", "SHORT_BINUNICODE", "BINUNICODE") and isinstance(arg, str)}
    assert {name for name in named if name.startswith("generator.")} == {"generator.paper"}
    script = ("import sys\n"
              "import generator.cli, generator.side, generator.paper, generator.writers.pdf\n"
              "from generator.writers.pdf import first_paper_imports\n"
              "first_paper_imports()\n"
              "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic'\n"
              "             or m.split('.')[:2] in (['generator', 'model'], ['generator', 'house'],\n"
              "                                     ['generator', 'compose'])))\n")
    assert _python(script).strip() == "[]"


def test_a_bug_where_a_pdf_is_laid_out_aside_is_an_internal_error_and_nothing_is_put_in_place(
        tmp_path, monkeypatch):
    """Two papers: one is laid out in a copy of the side process. A bug there (not an
    error of the input) comes back as the bug it is, with its traceback, not as a hang
    or a paper missing."""
    import generator.side as side_module
    from generator.read import read_case

    real = side_module._write

    def buggy(job):
        if "tjansteskrivelse" in job[0].stem:
            raise KeyError("bugg-i-arende")
        return real(job)

    monkeypatch.setattr(side_module, "_write", buggy)   # inherited by the forks
    _fails_whole_aside(read_case(UPPSALA), tmp_path / "out", RuntimeError,
                       "(?s)bugg-i-arende.*KeyError|KeyError.*bugg-i-arende")
