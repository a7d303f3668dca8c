"""The `arende` command as administrators use it: output, exit codes, Swedish messages."""

from __future__ import annotations

import shutil
import subprocess
import sys
import types

import pytest

from conftest import PLANS, ROOT, STOCKHOLM, UPPSALA, copy_case, edit, run



def test_build_all_bundled_plans_into_out(tmp_path):
    result = run("build", PLANS, "--out", tmp_path, "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == [
        "4468-2017/4468-2017_arende.pdf",
        "AMN-2018-0329/AMN-2018-0329_bilaga-1_handlingsplan.pdf",
        "AMN-2018-0329/AMN-2018-0329_tjansteskrivelse.pdf",
        "AMN-2018-0371/AMN-2018-0371_bilaga-1_yttrande.pdf",
        # the attached remiss, stamped "Bilaga 2" (a copy; it follows whatever the --format)
        "AMN-2018-0371/AMN-2018-0371_bilaga-2_remiss-fran-region-uppsala-rs-2018-00733.pdf",
        "AMN-2018-0371/AMN-2018-0371_tjansteskrivelse.pdf",
        "AMN-2018-0398/AMN-2018-0398_bilaga-1_rapport.pdf",
        "AMN-2018-0398/AMN-2018-0398_tjansteskrivelse.pdf",
        "AMN-2018-0405/AMN-2018-0405_tjansteskrivelse.pdf",
        "SN-18-0098/SN-18-0098_tjansteskrivelse.pdf",
        "kalmar-2014-gemensam-overformyndare/kalmar-2014-gemensam-overformyndare_tjansteskrivelse.pdf",
        "karlskoga-2015-ny-familjecentral/karlskoga-2015-ny-familjecentral_tjansteskrivelse.pdf",
        # the example meeting of plans/möten/ (tests/test_example_meeting.py reads it)
        # its protokoll, the public copy, the utdrag of §§ 95-102 and the anslagsbevis
        # (tests/test_protocol.py reads them)
        "moten/amn-2018-09-26/amn-2018-09-26_anslagsbevis.pdf",
        "moten/amn-2018-09-26/amn-2018-09-26_handlingar-offentlig.pdf",
        "moten/amn-2018-09-26/amn-2018-09-26_handlingar.pdf",
        "moten/amn-2018-09-26/amn-2018-09-26_kallelse-offentlig.pdf",
        "moten/amn-2018-09-26/amn-2018-09-26_kallelse.pdf",
        "moten/amn-2018-09-26/amn-2018-09-26_manifest.json",
        "moten/amn-2018-09-26/amn-2018-09-26_protokoll-offentlig.pdf",
        "moten/amn-2018-09-26/amn-2018-09-26_protokoll.pdf",
        *(f"moten/amn-2018-09-26/amn-2018-09-26_protokollsutdrag-§{number}.pdf" for number in
          (100, 101, 102, 95, 96, 97, 98, 99)),
        "stockholm-amn-2021-arende-7/stockholm-amn-2021-arende-7_tjansteutlatande.pdf",
        "vallentuna-2015-forskoleplatser-karby/vallentuna-2015-forskoleplatser-karby_tjansteskrivelse.pdf",
    ]
    lines = result.stdout.splitlines()  # warnings go to stderr
    assert lines[0].startswith("[1/10] ") and lines[9].startswith("[10/10] ")
    assert lines[10].startswith("möte plans/möten/amn-2018-09-26.yaml → ")
    assert lines[11].startswith("protokoll plans/möten/amn-2018-09-26-protokoll.yaml → ")
    assert lines[-1] == f"10 ärenden byggda; 1 möte byggt; 1 protokoll byggt i {tmp_path}/."


def test_quiet_build_prints_only_problems(tmp_path):
    result = run("build", PLANS, "--out", tmp_path, "--format", "pdf", "--quiet")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "varning: status: platshållaren '2018-xx-xx'" in result.stderr
    # 14 of the 10 cases (the stamped remiss too), 4 of the meeting, 11 of its protokoll
    assert len(list(tmp_path.rglob("*.pdf"))) == 29


def test_invalid_plan_gets_located_errors_exit_1_and_no_files(tmp_path):
    case = copy_case(UPPSALA, tmp_path / "c")
    edit(case / "arende.yaml", "nämnd: AMN", "nämnd: AMX")
    edit(case / "arende.yaml", "diarienummer: AMN-2018-0329", "diarienummer: 2018-329")
    edit(case / "bilaga-1-handlingsplan.yaml", "titel: Handlingsplan för Sociala företag", "titl: X")
    out = tmp_path / "out"
    result = run("build", case, "--out", out, "--format", "pdf")
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 4, result.output
    assert lines[0].endswith("arende.yaml:13:15: diarienummer: diarienumret '2018-329' följer inte mönstret "
                             "för Uppsala kommun (skrivs som AMN-2018-0329)")
    assert lines[1].endswith("arende.yaml:14:8: nämnd: okänd nämnd 'AMX' (menade du 'AMN'?)")
    # The misspelt key is one message: not also 'titel: fältet saknas'.
    assert lines[2].endswith("bilaga-1-handlingsplan.yaml:4:1: titl: okänt fält (menade du 'titel'?)")
    assert lines[3] == "3 fel hittades; inga filer skrevs."
    assert not out.exists() or not any(out.rglob("*"))


def test_one_bad_case_does_not_stop_the_others_but_fails_the_run(tmp_path):
    plans = tmp_path / "plans"
    copy_case(STOCKHOLM, plans / "bra")
    bad = copy_case(UPPSALA, plans / "trasig")
    edit(bad / "arende.yaml", "nämnd: AMN", "nämnd: XYZ")
    result = run("build", plans, "--out", tmp_path / "out", "--format", "pdf")
    assert result.exit_code == 1
    assert (tmp_path / "out" / "bra" / "bra_tjansteutlatande.pdf").is_file()
    assert not (tmp_path / "out" / "AMN-2018-0329").exists()
    assert "okänd nämnd 'XYZ'" in result.output


def test_missing_plan_path_is_a_swedish_error(tmp_path):
    result = run("build", tmp_path / "finns-inte")
    assert result.exit_code == 1
    assert "finns-inte: filen eller mappen finns inte" in result.output


def test_failed_render_leaves_previous_files_and_no_partial_file(tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert run("build", UPPSALA, "--out", out, "--format", "pdf").exit_code == 0
    before = {p: p.read_bytes() for p in out.rglob("*.pdf")}

    import generator.writers.pdf as pdf_writer

    real = pdf_writer.write_pdf

    def failing(paper, target, **options):
        # The bilaga (written in the side process, when there is one): half-written,
        # then the writer dies.
        if "bilaga" in target.name:
            target.write_bytes(b"%PDF-1.7 half")
            raise OSError("disken är full")
        return real(paper, target, **options)

    monkeypatch.setattr(pdf_writer, "write_pdf", failing)
    result = run("build", UPPSALA, "--out", out, "--format", "pdf")
    assert result.exit_code == 4
    assert "kan inte skriva" in result.output and "disken är full" in result.output
    assert {p: p.read_bytes() for p in out.rglob("*.pdf")} == before
    assert [p.name for p in out.iterdir()] == ["AMN-2018-0329"]  # no staging folder left behind


def test_help_is_swedish():
    result = run("--help")
    assert result.exit_code == 0
    assert "Användning: arende [FLAGGOR] KOMMANDO [ARGUMENT]..." in result.output
    assert "Flaggor:" in result.output and "Kommandon:" in result.output
    assert "Show this message" not in result.output
    build_help = run("build", "--help").output
    assert "Gör PDF och DOCX av ett eller flera ärenden och möten." in build_help
    assert "Mapp att skriva handlingarna i" in build_help
    bad = run("build", "--format", "odt")
    assert bad.exit_code == 2 and "Ogiltigt värde för '--format'" in bad.output


def test_output_folder_that_is_a_file_is_a_usage_error(tmp_path):
    blocker = tmp_path / "fil"
    blocker.write_text("inte en mapp")
    result = run("build", UPPSALA, "--out", blocker)
    assert result.exit_code == 2
    assert f"Ogiltigt värde för '--out' / '-o': Mapp '{blocker}' är en fil." in result.output


def test_unwritable_case_folder_fails_cleanly_through_the_console_script(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "AMN-2018-0329").write_text("en fil där ärendets mapp skulle ligga")
    process = subprocess.run([sys.executable, "-m", "generator", "build", str(UPPSALA), "--out", str(out),
                              "--format", "pdf"], capture_output=True, text=True, cwd=ROOT)
    assert process.returncode == 4
    assert "Traceback" not in process.stderr
    assert process.stderr.splitlines()[-1].startswith("fel: kan inte skriva ")
    assert sorted(p.name for p in out.iterdir()) == ["AMN-2018-0329"]


def test_console_script_leaves_with_all_its_output_and_its_exit_code(tmp_path):
    """The console script skips the interpreter's teardown (generator.process.leave):
    what it printed to a pipe must still arrive whole, and its exit code unchanged."""
    long = subprocess.run([sys.executable, "-m", "generator", "format"], capture_output=True, text=True, cwd=ROOT)
    assert long.returncode == 0
    assert long.stdout == run("format").output and len(long.stdout) > 20_000
    plans = tmp_path / "plans"
    copy_case(UPPSALA, plans / "a")
    edit(plans / "a" / "arende.yaml", "nämnd: AMN", "nämnd: AMX")
    failed = subprocess.run([sys.executable, "-m", "generator", "check", str(plans)], capture_output=True,
                            text=True, cwd=ROOT)
    assert failed.returncode == 1
    assert "nämnd: okänd nämnd 'AMX'" in failed.stdout + failed.stderr


def test_two_cases_with_one_dnr_do_not_overwrite_each_other(tmp_path):
    plans = tmp_path / "plans"
    copy_case(UPPSALA, plans / "a")
    copy_case(UPPSALA, plans / "b")
    result = run("build", plans, "--out", tmp_path / "out", "--format", "pdf")
    assert result.exit_code == 1
    assert ("b/arende.yaml:13:15: diarienummer: ärendet " in result.output
            and "a har samma diarienummer; båda skulle skrivas i AMN-2018-0329/" in result.output)
    assert len(list((tmp_path / "out" / "AMN-2018-0329").glob("*.pdf"))) == 2  # case a's two papers


# --- exit codes as README promises: 3 for a house's fault, 70 for arende's own bug ------


def main_exit(monkeypatch, capsys, *args) -> tuple[int, str]:
    """Run the console script's main() in this process (so a monkeypatch reaches the
    writers): its exit code and what it printed on stderr."""
    from generator.cli import main

    monkeypatch.setattr(sys, "argv", ["arende", *(str(a) for a in args)])
    with pytest.raises(SystemExit) as exited:
        main()
    return exited.value.code, capsys.readouterr().err


@pytest.fixture
def bug_in_docx_writer(monkeypatch):
    """A KeyError raised in arende's own DOCX writer code, as a real bug would be: the
    planted function runs with the globals of a generator module."""
    import generator.writers.docx as docx_writer
    from generator.writers.docx import blocks

    def render_body(body, ctx):
        return {}["oops"]

    planted = types.FunctionType(render_body.__code__, vars(blocks), "render_body")
    monkeypatch.setattr(docx_writer, "render_body", planted)


@pytest.mark.parametrize("debug", [(), ("--debug",)], ids=["plain", "debug"])
def test_a_bug_in_a_writer_is_an_internal_error_not_the_house_styles(
        tmp_path, monkeypatch, capsys, bug_in_docx_writer, debug):
    code, err = main_exit(monkeypatch, capsys, *debug, "build", UPPSALA, "--out", tmp_path,
                          "--format", "docx")
    assert code == 70
    assert "husstilens CSS" not in err
    if debug:
        assert "Traceback" in err and "KeyError: 'oops'" in err
    else:
        assert "Traceback" not in err
        assert err.splitlines()[-1].startswith("fel: ett internt fel inträffade. Kör igen med --debug")


def test_debug_may_follow_the_command(tmp_path, monkeypatch, capsys, bug_in_docx_writer):
    code, err = main_exit(monkeypatch, capsys, "build", "--debug", UPPSALA, "--out", tmp_path,
                          "--format", "docx")
    assert code == 70
    assert "Traceback" in err and "KeyError: 'oops'" in err
    for command in ("build", "check", "new", "schema", "preview", "archive", "verify"):
        assert "--debug" in run(command, "--help").output, command


def test_a_library_failing_on_the_input_is_still_a_render_failure():
    import lxml.etree

    from generator.writers import raised_by_arende

    with pytest.raises(lxml.etree.XMLSyntaxError) as caught:
        lxml.etree.fromstring("<p>")
    assert not raised_by_arende(caught.value)
    with pytest.raises(KeyError) as caught:
        {}["oops"]  # here, in a test module: neither arende's nor a library's, so a library's
    assert not raised_by_arende(caught.value)


@pytest.fixture
def own_uppsala(tmp_path, monkeypatch):
    """A working folder whose ./templates/uppsala (found before the shipped one) a test may break."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "templates" / "uppsala", tmp_path / "templates" / "uppsala")
    return tmp_path / "templates" / "uppsala" / "hus.yaml"


def test_a_broken_house_register_exits_3_with_located_lines(own_uppsala, tmp_path):
    edit(own_uppsala, "dokumenttyp: Tjänsteskrivelse", "dokumentyp: X")
    located = "templates/uppsala/hus.yaml:5:1: dokumentyp: okänt fält (menade du 'dokumenttyp'?)"
    for args in (("build", UPPSALA, "--out", tmp_path / "out"), ("check", UPPSALA)):
        result = run(*args)
        assert result.exit_code == 3, result.output
        assert located in result.output.splitlines()
    assert not (tmp_path / "out").exists()


def test_a_house_register_that_is_not_yaml_exits_3_from_worker_processes_too(own_uppsala, tmp_path):
    edit(own_uppsala, "dokumenttyp: Tjänsteskrivelse", "dokumenttyp: [Tjänsteskrivelse")
    plans = tmp_path / "plans"
    copy_case(UPPSALA, plans / "a")
    copy_case(STOCKHOLM, plans / "b")
    result = run("build", plans, "--out", tmp_path / "out", "--jobs", "2")
    assert result.exit_code == 3, result.output
    assert "templates/uppsala/hus.yaml:" in result.output
    assert result.output.rstrip().endswith("husstilen måste rättas; inga filer skrevs.")
