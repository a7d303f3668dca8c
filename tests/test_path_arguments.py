"""A path on the command line that is a symbolic link in a loop or to nothing is named
so by every command that takes one, not reported as missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run

LOOP = "är en symbolisk länk som pekar i en slinga"
DANGLING = "är en symbolisk länk till något som inte finns"


@pytest.fixture
def links(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("slinga").symlink_to("slinga")
    Path("borta").symlink_to("finns-inte")


# check and preview refuse the argument itself (a usage error, exit 2); build and
# archive report it as a located problem among the cases (exit 1).
@pytest.mark.parametrize(("command", "code", "said"), [
    (["check"], 2, "Sökväg 'slinga' " + LOOP),
    (["preview"], 2, "Sökväg 'slinga' " + LOOP),
    (["build", "--out", "ut"], 1, "slinga: " + LOOP),
    (["archive", "--out", "ut"], 1, "slinga: " + LOOP),
    (["verify"], 1, "slinga (" + LOOP),
])
def test_a_link_in_a_loop_is_named(links, command, code, said):
    result = run(*command, "slinga")
    assert result.exit_code == code, result.output
    assert said in result.output
    assert "finns inte" not in result.output
    assert not Path("ut").exists()


@pytest.mark.parametrize("command", ["check", "preview"])
def test_a_link_to_nothing_is_named(links, command):
    result = run(command, "borta")
    assert result.exit_code == 2
    assert f"Sökväg 'borta' {DANGLING}." in result.output


def test_a_missing_path_is_still_missing(links):
    result = run("check", "saknas")
    assert result.exit_code == 2
    assert "Sökväg 'saknas' finns inte." in result.output
