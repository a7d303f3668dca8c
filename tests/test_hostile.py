"""Hostile input and faults: each gets a located Swedish message and its exit code,
never a traceback, a hang, leaked content or a left-over file."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, UPPSALA, copy_case, edit, own_house, run

BILAGA = "bilaga-1-handlingsplan.yaml"


@pytest.fixture
def case(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return copy_case(UPPSALA, tmp_path / "c")


@pytest.fixture
def house(tmp_path, monkeypatch):
    """A municipality's own copy of the Uppsala house, and a case that uses it."""
    monkeypatch.chdir(tmp_path)
    return own_house(tmp_path, "egen")


def arende(*args, cwd: Path, timeout: int = 120) -> subprocess.CompletedProcess:
    """``arende ARGS…`` as its own process, for what could hang this one (a FIFO)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "generator", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)


# --- files that are no files ---------------------------------------------------------


def test_a_fifo_as_plan_or_bilaga_is_refused_without_reading_it(case):
    (case / BILAGA).unlink()
    os.mkfifo(case / BILAGA)
    os.mkfifo(case.parent / "plan.yaml")
    for args, message in ((["c"], "c/arende.yaml:75:15: bilaga 1, dokument: 'bilaga-1-handlingsplan.yaml' "
                                  "är en namngiven rörledning (FIFO), inte en fil"),
                          (["plan.yaml"], "plan.yaml: är en namngiven rörledning (FIFO), inte en fil")):
        result = arende("check", *args, cwd=case.parent)
        assert result.returncode == 1, result.stderr
        assert message in result.stdout + result.stderr
        assert "Traceback" not in result.stderr


def test_a_device_as_bilaga_is_refused(case):
    (case / BILAGA).unlink()
    (case / BILAGA).symlink_to("/dev/zero")
    result = run("check", case)
    assert result.exit_code == 1
    assert "bilaga 1, dokument: 'bilaga-1-handlingsplan.yaml' är en enhet, inte en fil" in result.output


def test_symlink_loops_are_named_as_loops(case):
    (case / BILAGA).unlink()
    (case / BILAGA).symlink_to(BILAGA)
    Path("slinga").symlink_to("slinga")
    result = run("check", case)
    assert result.exit_code == 1
    assert "bilaga 1, dokument: 'bilaga-1-handlingsplan.yaml' är en symbolisk länk som pekar i en slinga" \
        in result.output
    result = run("build", "slinga", "--out", "out")
    assert result.exit_code == 1
    assert "slinga: är en symbolisk länk som pekar i en slinga" in result.output
    assert not Path("out").exists()


@pytest.mark.parametrize("name", ["../c/" + BILAGA, "./../c/" + BILAGA])
def test_dotdot_in_a_bilaga_path_is_refused_even_back_into_the_folder(case, name):
    edit(case / "arende.yaml", f"dokument: {BILAGA}", f"dokument: {name}")
    result = run("check", case)
    assert result.exit_code == 1
    assert "c/arende.yaml:75:15: bilaga 1, dokument: dokumentet måste ligga i ärendets mapp" in result.output


def test_a_bilaga_linked_from_outside_the_case_is_refused(case, tmp_path):
    (tmp_path / "hemlig.yaml").write_bytes((case / BILAGA).read_bytes())
    (case / BILAGA).unlink()
    (case / BILAGA).symlink_to(tmp_path / "hemlig.yaml")
    result = run("check", case)
    assert result.exit_code == 1
    assert "bilaga 1, dokument: dokumentet måste ligga i ärendets mapp" in result.output


# --- nesting ---------------------------------------------------------------------------


def test_yaml_nested_100000_deep_is_a_located_error(case):
    (case / BILAGA).write_text("a: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    result = run("check", case)
    assert result.exit_code == 1, result.output
    assert "c/bilaga-1-handlingsplan.yaml:1:" in result.output
    assert "värdena är nästlade djupare än 64 nivåer" in result.output


def test_nesting_a_plan_needs_is_read():
    from generator.load.source import parse_yaml

    text = "".join("  " * level + f"n{level}:\n" for level in range(60)) + "  " * 60 + "x\n"
    assert parse_yaml(text, Path("p.yaml")).data is not None


# --- house files out of the house's folder ---------------------------------------------


def test_a_template_linked_from_outside_the_house_is_refused_and_not_printed(house, tmp_path):
    folder, case = house
    secret = tmp_path / "hemlig.html.j2"
    secret.write_text("HEMLIGT INNEHÅLL", encoding="utf-8")
    (folder / "tjansteskrivelse.html.j2").unlink()
    (folder / "tjansteskrivelse.html.j2").symlink_to(secret)
    result = run("build", case, "--out", "out")
    assert result.exit_code == 3, result.output
    assert "templates/egen/tjansteskrivelse.html.j2: mallen ligger utanför husstilens mapp" in result.output
    assert "HEMLIGT" not in result.output
    assert not Path("out/AMN-2018-0329").exists()


def test_an_include_that_is_a_fifo_is_refused_not_waited_for(house):
    folder, case = house
    template = folder / "tjansteskrivelse.html.j2"
    edit(template, "{% block", "{% include 'egen/rör.html.j2' %}{% block")
    os.mkfifo(folder / "rör.html.j2")
    result = arende("build", case, "--out", "out", "--format", "docx", cwd=Path.cwd())
    assert result.returncode == 3, result.stderr
    assert "templates/egen/rör.html.j2: mallen är en namngiven rörledning (FIFO), inte en fil" in result.stderr


def test_a_house_register_linked_from_outside_is_refused(house, tmp_path):
    folder, case = house
    (folder / "hus.yaml").rename(tmp_path / "hus.yaml")
    (folder / "hus.yaml").symlink_to(tmp_path / "hus.yaml")
    result = run("check", case)
    assert result.exit_code == 3
    assert "hus.yaml ligger utanför husstilens mapp" in result.output


@pytest.mark.parametrize("name", ["../templates/uppsala", "/etc", "templates/uppsala", ".."])
def test_hus_names_a_house_never_a_path(case, name):
    edit(case / "arende.yaml", "hus: uppsala", f"hus: '{name}'")
    result = run("check", case)
    assert result.exit_code == 1
    assert f"c/arende.yaml:4:6: hus: okänd husstil '{name}'" in result.output


# --- operating-system errors in Swedish --------------------------------------------------


@pytest.mark.parametrize("code, swedish", [
    (errno.ENOSPC, "disken är full"),
    (errno.EEXIST, "det finns redan en fil med det namnet"),
    (errno.EROFS, "filsystemet är skrivskyddat"),
    (errno.EACCES, "behörighet saknas"),
])
def test_a_full_disk_or_read_only_folder_is_told_in_swedish(case, monkeypatch, code, swedish):
    real = os.replace

    def failing(src, dst, *a, **k):
        if str(dst).endswith(".docx"):
            raise OSError(code, os.strerror(code), str(dst))
        return real(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", failing)
    result = run("build", case, "--out", "out", "--format", "docx")
    assert result.exit_code == 4, result.output
    assert f"kan inte skriva out/AMN-2018-0329: {swedish}" in result.output
    assert os.strerror(code) not in result.output
    assert not list(Path("out").glob(".arende-*"))


def test_an_unknown_os_error_keeps_its_name():
    from generator.os_errors import swedish

    assert swedish(OSError(errno.ESTALE, "Stale file handle")) == \
        "operativsystemet svarade ESTALE: Stale file handle"


# --- what a build leaves behind -----------------------------------------------------------


def test_a_build_leaves_no_weasyprint_font_folder_in_the_temp_directory(case, tmp_path, monkeypatch):
    # WeasyPrint removes its copy of the house fonts only when the garbage collector
    # gets round to it; a long-lived process (the preview, this test run) piles them up.
    import tempfile

    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    result = run("build", case, "--out", "out", "-f", "pdf")
    assert result.exit_code == 0, result.output
    assert Path("out/AMN-2018-0329/AMN-2018-0329_tjansteskrivelse.pdf").is_file()
    assert list(temp.glob("weasyprint-*")) == []


@pytest.mark.parametrize("epoch, shown", [("4354819199", "2107-12-31 23:59:59"),
                                          ("99999999999", "5138-11-16 09:46:39")])
def test_a_source_date_epoch_no_docx_can_hold_names_the_variable(case, monkeypatch, epoch, shown):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    result = run("build", case, "--out", "out")
    assert result.exit_code == 4, result.output
    assert f"SOURCE_DATE_EPOCH='{epoch}' är {shown} UTC, efter 2107-12-31 23:59:58" in result.output
    assert "husstil" not in result.output
    assert not Path("out/AMN-2018-0329").exists()


def test_the_last_source_date_epoch_a_docx_can_hold_is_built(case, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "4354819198")
    result = run("build", case, "--out", "out", "-f", "docx")
    assert result.exit_code == 0, result.output


# --- the preview under load ---------------------------------------------------------------


def test_the_preview_answers_200_requests_at_once(case):
    import shutil
    import threading
    import urllib.request

    from generator.preview import serving

    with serving(case, interval=0.05) as server:
        if shutil.which("ss"):   # the queue the kernel keeps for the listening socket
            listing = subprocess.run(["ss", "-ltnH", f"sport = :{server.port}"], capture_output=True,
                                     text=True).stdout.split()
            assert int(listing[2]) >= 200, listing
        answers: list[int | str] = []
        start = threading.Barrier(200)

        def ask() -> None:
            start.wait()
            try:
                with urllib.request.urlopen(server.url + "version", timeout=60) as response:
                    answers.append(response.status)
            except OSError as exc:
                answers.append(str(exc))

        threads = [threading.Thread(target=ask) for _ in range(200)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert answers == [200] * 200


def test_a_build_killed_outright_leaves_no_staging_folder_once_the_next_has_run(case):
    import signal
    import time

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = Path("out")
    killed = subprocess.Popen([sys.executable, "-m", "generator", "build", "c", "--out", "out", "-f", "pdf"],
                              cwd=Path.cwd(), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not list(out.glob(".arende-*")) and killed.poll() is None:
            time.sleep(0.02)
    finally:
        killed.send_signal(signal.SIGKILL)
        killed.wait()
    assert list(out.glob(".arende-*")), "the build ended before it staged anything"
    result = run("build", case, "--out", out, "-f", "docx")
    assert result.exit_code == 0, result.output
    assert list(out.glob(".*")) == []


def test_a_staging_folder_of_a_running_build_is_left_alone(case):
    os.makedirs(f"out/.arende-{os.getppid()}-pågår")
    os.makedirs("out/.arende-arkiv-1-annat")
    assert run("build", case, "--out", "out", "-f", "docx").exit_code == 0
    assert {p.name for p in Path("out").glob(".*")} == {".arende-arkiv-1-annat", f".arende-{os.getppid()}-pågår"}


# --- targets that cannot be written --------------------------------------------------------


@pytest.mark.parametrize("args, message", [
    (["new", "fil/ärende", "--hus", "uppsala"],
     "kan inte skapa fil/ärende: en del av sökvägen är en fil, inte en mapp; inget skrevs"),
    (["schema", "--out", "fil/schema"],
     "kan inte skriva schemana i fil/schema: en del av sökvägen är en fil, inte en mapp"),
    (["archive", "c", "--out", "fil/arkiv"],
     "kan inte skriva i fil/arkiv: en del av sökvägen är en fil, inte en mapp"),
    (["build", "c", "--out", "fil/ut", "-f", "docx"],
     "kan inte skriva i fil/ut: en del av sökvägen är en fil, inte en mapp"),
])
def test_a_file_where_a_folder_should_be_is_told_not_crashed_on(case, args, message):
    Path("fil").write_text("en fil", encoding="utf-8")
    result = run(*args)
    assert result.exit_code == 4, result.output
    assert message in result.output
    assert Path("fil").read_text(encoding="utf-8") == "en fil"


def test_new_on_a_read_only_disk_leaves_no_half_made_case(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def read_only(self, *args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))

    monkeypatch.setattr(Path, "write_text", read_only)
    result = run("new", "plans/nytt", "--hus", "uppsala")
    assert result.exit_code == 4, result.output
    assert "kan inte skriva plans/nytt: filsystemet är skrivskyddat; inget skrevs" in result.output
    assert not Path("plans/nytt").exists()


def test_schema_on_a_full_disk_keeps_the_old_files_whole(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("schema", "--out", "s").exit_code == 0
    before = {p.name: p.read_bytes() for p in Path("s").iterdir()}
    Path("s/arende.schema.json").write_text("{}", encoding="utf-8")   # the model changed since

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", full)
    result = run("schema", "--out", "s")
    assert result.exit_code == 4, result.output
    assert "kan inte skriva schemana i s: disken är full" in result.output
    assert sorted(p.name for p in Path("s").iterdir()) == sorted(before)
    assert Path("s/arende.schema.json").read_text(encoding="utf-8") == "{}"


# --- the same thing twice, nested manifests ------------------------------------------------

TWICE = ("    dokument: bilaga-1-handlingsplan.yaml\n",
         "    dokument: bilaga-1-handlingsplan.yaml\n  - titel: Igen\n    dokument: {name}\n")


@pytest.mark.parametrize("name", ["bilaga-1-handlingsplan.yaml", "./bilaga-1-handlingsplan.yaml", "kopia.yaml"])
def test_the_same_bilaga_listed_twice_is_refused(case, name):
    (case / "kopia.yaml").symlink_to(BILAGA)
    edit(case / "arende.yaml", TWICE[0], TWICE[1].format(name=name))
    result = run("check", case)
    assert result.exit_code == 1, result.output
    assert "c/arende.yaml:77:15: bilaga 2, dokument: samma fil som bilaga 1 i listan" in result.output


def test_a_manifest_nested_100000_deep_is_a_finding_not_a_crash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("paket").mkdir()
    Path("paket/manifest.json").write_text('{"a":' * 100_000 + "1" + "}" * 100_000, encoding="utf-8")
    result = run("verify", "paket")
    assert result.exit_code == 1, result.output
    assert "manifest.json är nästlat för djupt för att vara ett manifest" in result.output


def test_a_manifest_that_is_a_fifo_is_not_waited_for(tmp_path):
    (tmp_path / "paket").mkdir()
    os.mkfifo(tmp_path / "paket" / "manifest.json")
    result = arende("verify", "paket", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "paket/manifest.json (inget arkivpaket)" in result.stdout + result.stderr


def _interrupted_mid_build(*args: str, who: str) -> None:
    """``arende build *args`` stopped with Ctrl-C (the whole job, as a terminal does) while
    its papers are being written: the processes beside it (*who*) ignore Ctrl-C, and the
    build ends with 130 and 'avbrutet.', no traceback from any of them."""
    import signal
    import time

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    build = subprocess.Popen([sys.executable, "-m", "generator", "build", *args], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        while not list(Path("out").glob(".arende-*")) and build.poll() is None:   # papers being written
            time.sleep(0.02)
        beside = _children(build.pid)
        assert beside, f"no {who}"
        for pid, ignored in beside.items():   # one that answered would print a traceback
            assert ignored & (1 << (signal.SIGINT - 1)), f"{who} {pid} does not ignore Ctrl-C"
        os.killpg(build.pid, signal.SIGINT)
        _, err = build.communicate(timeout=120)
    finally:
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
    assert build.returncode == 130, err
    assert err.splitlines()[-1] == "avbrutet."
    assert "Traceback" not in err and "KeyboardInterrupt" not in err


def test_ctrl_c_during_jobs_2_prints_no_worker_traceback(case):
    import shutil

    from conftest import STOCKHOLM

    copy_case(STOCKHOLM, Path("s"))
    out = Path("out")
    _interrupted_mid_build("c", "s", "--out", "out", "--jobs", "2", "-f", "pdf", "-q", who="worker")
    shutil.rmtree("c")   # the next build sweeps what the stopped workers had staged
    assert run("build", "s", "--out", out, "-f", "docx").exit_code == 0
    assert list(out.glob(".*")) == []


def test_ctrl_c_while_one_case_is_built_beside_a_side_process(case):
    """One case, two jobs: its PDFs are laid out in a forked side process, which must
    not print a traceback of its own either."""
    _interrupted_mid_build("c", "--out", "out", "--jobs", "2", "-q", who="side process")


def _children(parent: int) -> dict[int, int]:
    """The processes whose parent is *parent*, with the mask of signals each ignores."""
    found = {}
    for entry in Path("/proc").iterdir():
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":\t", 1) for line in status.splitlines() if ":\t" in line)
        if fields.get("PPid", "").strip() == str(parent) and "python" in fields.get("Name", "").lower():
            found[int(entry.name)] = int(fields["SigIgn"].strip(), 16)
    return found


# --- limits set too low ----------------------------------------------------------------------


@pytest.mark.parametrize("value, message", [
    ("150", "ARENDE_MINNESGRANS=150 är för lågt: en handling behöver minst 1024 MB för att kunna göras"),
    ("mycket", "ARENDE_MINNESGRANS='mycket' är inget antal megabyte"),
])
def test_a_memory_limit_too_low_for_the_libraries_is_a_message_not_an_abort(case, value, message):
    # 150 MB used to end in a GLib abort or a segmentation fault inside Pango.
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ARENDE_MINNESGRANS": value}
    result = subprocess.run([sys.executable, "-m", "generator", "build", "c", "--out", "out", "-f", "pdf"],
                            cwd=Path.cwd(), env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 4, result.stderr
    assert f"fel: {message}" in result.stderr
    assert not Path("out/AMN-2018-0329").exists()


def test_a_plan_with_200000_unknown_keys_is_refused_in_one_message_and_little_memory(case):
    import tracemalloc

    from generator.errors import InvalidPlan
    from generator.load import load_yaml

    with open(case / "arende.yaml", "a", encoding="utf-8") as plan:
        plan.writelines(f"okänt{n}: x\n" for n in range(200_000))
    result = run("check", case)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "c/arende.yaml:565:1: fler än 500 fält på samma nivå (en plan har några tiotal fält; "
        "kontrollera indraget och innehållet)", "1 ärende kontrollerat: 1 fel hittades."]
    tracemalloc.start()
    try:
        with pytest.raises(InvalidPlan):
            load_yaml(case / "arende.yaml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 40 * 1024 * 1024, f"{peak / 1024 / 1024:.0f} MB"


def test_a_plan_may_have_500_keys_at_one_level():
    from generator.load.source import parse_yaml

    assert len(parse_yaml("".join(f"k{n}: x\n" for n in range(500)), Path("p.yaml")).data) == 500


def test_a_fifo_in_the_case_folder_does_not_stop_the_preview(case):
    import threading

    from generator.preview.watch import CaseWatcher

    os.mkfifo(case / "rör.yaml")   # matched by the watcher's *.yaml, never written to
    watcher = CaseWatcher(case)
    builds = []
    for _ in range(2):   # the first build, then a poll for changes
        thread = threading.Thread(target=lambda: builds.append(watcher.rebuild()), daemon=True)
        thread.start()
        thread.join(timeout=120)
        assert not thread.is_alive(), "the watcher waits on the FIFO"
    assert [build.ok for build in builds] == [True, True]


def test_an_archive_package_that_is_a_link_in_a_loop_is_named_so(case):
    Path("arkiv").mkdir()
    Path("arkiv/AMN-2018-0329").symlink_to("AMN-2018-0329")
    result = run("archive", case, "--out", "arkiv")
    assert result.exit_code == 4, result.output
    assert "arkiv/AMN-2018-0329 är en symbolisk länk som pekar i en slinga; inget skrevs" in result.output
    assert [p.name for p in Path("arkiv").iterdir()] == ["AMN-2018-0329"]


def test_a_font_linked_from_outside_the_house_is_refused_not_embedded(house, tmp_path):
    import shutil

    folder, case = house
    (folder / "fonts").mkdir()
    (tmp_path / "elsewhere").mkdir()
    for face in ("Regular", "Bold", "Italic", "BoldItalic"):
        name = f"LiberationSerif-{face}.ttf"
        shutil.copy(ROOT / "templates" / "base" / "fonts" / name, tmp_path / "elsewhere" / name)
        (folder / "fonts" / name).symlink_to(tmp_path / "elsewhere" / name)
    edit(folder / "hus.yaml", "    brödtext: Times New Roman", "    brödtext: Liberation Serif")
    result = run("build", case, "--out", "out", "-f", "docx")
    assert result.exit_code == 3, result.output
    assert "LiberationSerif-Regular.ttf: typsnitt: 'LiberationSerif-Regular.ttf' " \
           "ligger utanför husstilens mapp" in result.output
    assert not Path("out/AMN-2018-0329").exists()
