"""`arende preview`: the server, its rebuilds and its page, then the page in a real browser.

The server tests run the preview in background threads (``generator.preview.serving``,
port 0 so the kernel picks a free port) against a private copy of the Uppsala case and
talk to it over HTTP, as the page does. One test runs the real command in a subprocess
to see Ctrl+C end it cleanly.

The browser test drives headless Chromium through Selenium and Debian's chromedriver
rather than the DevTools protocol by hand: Selenium's waits, frame switching and
visible-text reading are exactly what the test needs, with no websocket client or
protocol code of our own to maintain. The driver path is given explicitly and
SE_OFFLINE is set, so Selenium Manager never runs or reaches the network.
"""

from __future__ import annotations

import errno
import html
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, UPPSALA, copy_case, edit
from generator.cli import cli
from generator.errors import TemplateProblem
from generator.preview import serving
from generator.preview.watch import CaseWatcher, build_once

TITLE = "Handlingsplan sociala företag"
NEW_TITLE = "Handlingsplan för sociala företag, reviderad"
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture
def case(tmp_path) -> Path:
    return copy_case(UPPSALA, tmp_path / "uppsala-amn-2018-0329")


@pytest.fixture
def preview(case):
    with serving(case, interval=0.05) as server:
        yield server


def fetch(server, path: str) -> str:
    """The body of a GET through urllib, as text with HTML entities resolved."""
    with urllib.request.urlopen(server.url.rstrip("/") + path, timeout=30) as response:
        return html.unescape(response.read().decode("utf-8"))


def words(page: str) -> str:
    """A page's text without its markup, as a reader sees it (roughly)."""
    return re.sub(r"<[^>]+>", "", page)


def raw_get(server, path: str, host: str | None = None) -> tuple[int, dict, bytes]:
    """A GET with *path* sent exactly as written (urllib would tidy some of it)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", host or f"127.0.0.1:{server.port}")
        connection.endheaders()
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def version(server) -> int:
    return int(fetch(server, "/version"))


def wait_for_page(server, since: int, wanted, timeout: float = 10) -> str:
    """The page once the build is newer than *since* and ``wanted(page)`` holds.

    An editor's save may be seen half-written and rebuilt once more, so the content
    is polled, not read once after the first new version.
    """
    deadline = time.monotonic() + timeout
    while True:
        text = fetch(server, "/") if version(server) > since else ""
        if text and wanted(text):
            return text
        if time.monotonic() > deadline:
            raise AssertionError(f"the page did not change as expected within {timeout} s:\n{text[-3000:]}")
        time.sleep(0.05)


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


# The server and its page


def test_page_shows_papers_warnings_and_downloads(preview):
    page = fetch(preview, "/")
    assert TITLE in page
    assert "Varningar" in page and "platshållaren '2018-xx-xx' är kvar" in page
    assert "bilaga-1-handlingsplan.yaml:6:9 — status — platshållaren" in words(page)
    assert 'src="/handling/0?v=1"' in page and 'src="/handling/1?v=1"' in page
    assert "Tjänsteskrivelse:" in page and "Bilaga 1:" in page
    assert "/ladda-ner/0/pdf" in page and "/ladda-ner/1/docx" in page
    paper = fetch(preview, "/handling/0")
    assert f"<title>{TITLE}</title>" in paper
    assert '<link rel="stylesheet" href="/mall/' in paper
    assert "<title>Handlingsplan för Sociala företag</title>" in fetch(preview, "/handling/1")


def test_stylesheets_and_fonts_are_served_from_the_templates(preview):
    paper = fetch(preview, "/handling/0")
    sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)">', paper)
    assert sheets[0].endswith("/paper.css") and sheets[1] == "/stil/0"
    status, headers, css = raw_get(preview, sheets[0])
    assert status == 200 and headers["Content-Type"] == "text/css"
    # The house's generated CSS names its fonts by their addresses on the server.
    status, headers, css = raw_get(preview, sheets[1])
    assert status == 200 and headers["Content-Type"].startswith("text/css")
    font = re.search(r'url\("(/mall/\d/[^"]+\.ttf)"\)', css.decode()).group(1)
    status, headers, data = raw_get(preview, font)
    assert status == 200 and headers["Content-Type"] == "font/ttf" and len(data) > 10_000


def test_errors_show_above_the_last_good_paper_until_fixed(preview, case):
    main = case / "arende.yaml"
    original = main.read_text(encoding="utf-8")

    before = version(preview)
    edit(main, "nämnd: AMN", "nämnd: AMX")
    page = wait_for_page(preview, before, lambda p: "Ärendet har fel" in p)
    assert f"arende.yaml:{line_of(main, 'nämnd: AMX')}:8 — nämnd — okänd nämnd 'AMX' (menade du 'AMN'?)" in words(page)
    # The person keeps their place: the last good paper stays, below the errors, said to be old.
    assert page.index("Ärendet har fel") < page.index("Nedan visas handlingen som den var") < page.index("<iframe")
    assert "1 fel måste rättas innan handlingen kan uppdateras" in page

    before = version(preview)
    edit(main, f"titel: {TITLE}", "titel: [")
    page = wait_for_page(preview, before, lambda p: "YAML-fel" in p)
    # The parser notices the open list where it cannot go on, a few lines further down.
    assert re.search(r"arende\.yaml:\d+:\d+ — YAML-fel: expected ',' or ']'", words(page))
    assert "<iframe" in page and TITLE in fetch(preview, "/handling/0")
    assert "/ladda-ner/" not in page   # no file of a paper the plan no longer is

    before = version(preview)
    main.write_text(original, encoding="utf-8")
    page = wait_for_page(preview, before, lambda p: "<iframe" in p)
    assert TITLE in page and "Ärendet har fel" not in page
    assert TITLE in fetch(preview, "/handling/0")


def test_a_half_saved_file_never_stops_the_server(preview, case):
    main = case / "arende.yaml"
    original = main.read_bytes()
    before = version(preview)
    # Cut inside a multi-byte character: not even UTF-8, let alone YAML.
    cut = original.index("förslag".encode()) + 2
    main.write_bytes(original[:cut])
    page = wait_for_page(preview, before, lambda p: "Ärendet har fel" in p or "kunde inte" in p)
    assert "arende.yaml" in page
    before = version(preview)
    main.write_bytes(b"")
    wait_for_page(preview, before, lambda p: "filen är tom" in p)
    before = version(preview)
    main.write_bytes(original)
    assert TITLE in wait_for_page(preview, before, lambda p: "<iframe" in p and "Ärendet har fel" not in p)


def test_an_unexpected_failure_is_shown_and_the_server_goes_on(preview, case, monkeypatch):
    def broken(bundle):
        raise RuntimeError("trasig <mall>")

    monkeypatch.setattr("generator.preview.watch.compose_case", broken)
    before = version(preview)
    edit(case / "arende.yaml", f"titel: {TITLE}", "titel: Ny titel")
    page = wait_for_page(preview, before, lambda p: "Handlingen kunde inte göras" in p)
    assert "Ärendet kunde inte läsas" in page and "RuntimeError: trasig <mall>" in page
    raw = raw_get(preview, "/")[2].decode()
    assert "trasig &lt;mall&gt;" in raw and "trasig <mall>" not in raw


def test_a_broken_template_is_blamed_on_the_house(case, monkeypatch):
    def broken(bundle):
        raise TemplateProblem("mallfel i uppsala/tjansteskrivelse.html.j2:3: oväntat slut")

    monkeypatch.setattr("generator.preview.watch.compose_case", broken)
    build = build_once(case, 7)
    assert build.version == 7 and not build.ok and not build.papers
    assert build.failure.lead.startswith("Husstilen eller mallen har ett fel")
    assert "oväntat slut" in build.failure.message


def test_case_text_is_escaped_on_the_page(preview, case):
    before = version(preview)
    edit(case / "arende.yaml", "nämnd: AMN", "nämnd: '<script>alert(1)</script>'")
    wait_for_page(preview, before, lambda p: "Ärendet har fel" in p)
    raw = raw_get(preview, "/")[2].decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    assert "<script>alert" not in raw


def test_editing_the_house_register_rebuilds(tmp_path, monkeypatch):
    # A house of our own in ./templates (looked for before the shipped ones), to edit.
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "templates" / "uppsala", tmp_path / "templates" / "uppsala")
    register = tmp_path / "templates" / "uppsala" / "hus.yaml"
    case = copy_case(UPPSALA, tmp_path / "case")
    with serving(case, interval=0.05) as server:
        assert "Arbetsmarknadsnämnden i Uppsala" not in fetch(server, "/handling/0")
        before = version(server)
        edit(register, "AMN: Arbetsmarknadsnämnden", "AMN: Arbetsmarknadsnämnden i Uppsala")
        wait_for_page(server, before, lambda p: "<iframe" in p)
        assert "Arbetsmarknadsnämnden i Uppsala" in fetch(server, "/handling/0")
        # The house (its logo) comes from ./templates, the shared CSS and fonts from the shipped root.
        assert re.findall(r'href="(/mall/\d/)', fetch(server, "/handling/0")) == ["/mall/0/", "/mall/1/"]
        # A change of the declared look reaches the paper's generated CSS.
        before = version(server)
        edit(register, "rubrik 1: {storlek: 16}", "rubrik 1: {storlek: 21}")
        wait_for_page(server, before, lambda p: "<iframe" in p)
        assert "font-size: 21pt" in fetch(server, "/stil/0")


def next_event(stream) -> str:
    """The data of the next event on a server-sent event stream (comments skipped)."""
    data = []
    while True:
        line = stream.readline().decode("utf-8")
        assert line, "the event stream ended"
        if line.startswith("data:"):
            data.append(line[5:].strip())
        elif line in ("\n", "\r\n") and data:
            return "\n".join(data)


def test_a_save_is_heard_and_pushed_to_the_page_at_once(tmp_path, monkeypatch):
    """No polling: the file system says a file of the case (or of its house, in
    another folder) changed, and the event stream says the new build's number."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "templates" / "uppsala", tmp_path / "templates" / "uppsala")
    register = tmp_path / "templates" / "uppsala" / "hus.yaml"
    case = copy_case(UPPSALA, tmp_path / "case")
    with serving(case) as server:
        # Well under the stream's keep-alive (10 s): a build must be pushed, not found later.
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
        connection.request("GET", "/handelser")
        response = connection.getresponse()
        assert response.status == 200
        assert response.getheader("Content-Type").startswith("text/event-stream")
        first = next_event(response)
        assert int(first) == version(server)
        edit(case / "arende.yaml", f"titel: {TITLE}", f"titel: {NEW_TITLE}")
        second = next_event(response)
        assert int(second) > int(first)
        assert NEW_TITLE in fetch(server, "/handling/0")
        edit(register, "AMN: Arbetsmarknadsnämnden", "AMN: Arbetsmarknadsnämnden i Uppsala")
        assert int(next_event(response)) > int(second)
        assert "Arbetsmarknadsnämnden i Uppsala" in fetch(server, "/handling/0")
        connection.close()


def test_a_broken_house_register_is_shown_as_located_problems(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "templates" / "uppsala", tmp_path / "templates" / "uppsala")
    register = tmp_path / "templates" / "uppsala" / "hus.yaml"
    edit(register, "dokumenttyp: Tjänsteskrivelse", "dokumentyp: X")
    built = build_once(copy_case(UPPSALA, tmp_path / "case"), 1)
    assert ("templates/uppsala/hus.yaml:5:1: dokumentyp: okänt fält (menade du 'dokumenttyp'?)"
            in [str(p) for p in built.problems])
    assert register.absolute() in built.sources  # fixing it rebuilds


def test_same_size_save_within_one_timestamp_tick_is_seen(case):
    main = case / "arende.yaml"
    main.write_text(main.read_text(encoding="utf-8"), encoding="utf-8")  # a fresh mtime
    watcher = CaseWatcher(case)
    watcher.rebuild()
    assert not watcher.changed()
    stat = main.stat()
    edit(main, "nämnd: AMN", "nämnd: AMX")  # same size
    os.utime(main, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # as if within the same tick
    assert watcher.changed()


@pytest.mark.parametrize("path", [
    "/../../etc/passwd",
    "/mall/0/../../../../etc/passwd",
    "/mall/0/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/mall/0/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/mall/0/%252e%252e/%252e%252e/etc/passwd",
    "/mall/0/..%5c..%5c..%5cetc%5cpasswd",
    "/mall/0//etc/passwd",
    "/mall/0/%2fetc%2fpasswd",
    "/mall/0/base/%00",
    "/mall/-1/etc/passwd",
    "/mall/%C2%B2/base/paper.css",
    "/mall/99/base/paper.css",
    "/mall/0/uppsala/hus.yaml",
    "/mall/0/base/paper.html.j2",
    "/handling/..%2f..%2fetc%2fpasswd",
    "/ladda-ner/0/..%2f..%2fetc%2fpasswd",
])
def test_nothing_outside_the_templates_is_served(preview, path):
    status, _, body = raw_get(preview, path)
    assert status in (403, 404)
    assert b"root:" not in body and b"diarienummer" not in body


def test_another_host_name_is_refused(preview):
    assert raw_get(preview, "/", host="angripare.example")[0] == 403
    assert raw_get(preview, "/", host=f"localhost:{preview.port}")[0] == 200


def test_downloads_are_written_on_demand(preview, case):
    status, headers, data = raw_get(preview, "/ladda-ner/0/docx")
    assert status == 200 and data[:2] == b"PK"
    assert headers["Content-Disposition"] == 'attachment; filename="AMN-2018-0329_tjansteskrivelse.docx"'
    status, headers, data = raw_get(preview, "/ladda-ner/1/pdf")
    assert status == 200 and data[:5] == b"%PDF-" and headers["Content-Type"] == "application/pdf"
    assert "bilaga-1_handlingsplan.pdf" in headers["Content-Disposition"]
    before = version(preview)
    edit(case / "arende.yaml", "nämnd: AMN", "nämnd: AMX")
    wait_for_page(preview, before, lambda p: "Ärendet har fel" in p)
    status, _, body = raw_get(preview, "/ladda-ner/0/pdf")
    assert status == 404 and "Filen finns inte just nu" in body.decode()


def test_an_os_error_while_writing_a_download_is_said_in_swedish(preview, monkeypatch):
    def full_disk(fmt):
        def write(paper, target):
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        return write

    monkeypatch.setattr("generator.preview.server.writer_for", full_disk)
    status, _, body = raw_get(preview, "/ladda-ner/0/pdf")
    page = html.unescape(body.decode())
    assert status == 500
    assert "PDF-filen kunde inte göras" in page and "Filen kunde inte skrivas: disken är full." in page
    assert "No space" not in page and "OSError" not in page


def test_an_os_error_while_serving_a_template_file_is_said_in_swedish(preview, tmp_path, monkeypatch):
    folder = tmp_path / "tagen.css"   # a stylesheet replaced by a folder while the preview runs
    folder.mkdir()
    monkeypatch.setattr(preview, "asset_path", lambda segments: folder)
    status, _, body = raw_get(preview, "/mall/0/tagen.css")
    assert status == 500
    assert body.decode() == "fel: tagen.css kan inte läsas: är en mapp, inte en fil"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_command_prints_the_address_and_ends_cleanly_on_ctrl_c(case):
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "generator", "preview", str(case), "--port", str(port)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = []
        for line in process.stdout:  # ends at EOF if the command dies, so no hang
            lines.append(line)
            if line.startswith("Förhandsgranskning:"):
                break
        assert f"Förhandsgranskning: http://127.0.0.1:{port}/ (avsluta med Ctrl+C)\n" in lines, lines
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as response:
            assert TITLE in response.read().decode()
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    assert "Traceback" not in err and "Förhandsgranskningen är avslutad." in out


def test_a_busy_port_is_a_swedish_error(case):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli, ["preview", str(case), "--port", str(port)])
    assert result.exit_code == 1
    assert f"förhandsgranskningen kan inte starta på port {port}" in result.output
    assert "--port" in result.output


# In a real browser


@pytest.fixture
def browser(tmp_path, monkeypatch):
    """Headless Chromium through Debian's chromedriver; skipped where either is missing."""
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    if not (CHROMEDRIVER.is_file() and CHROMIUM.is_file()):
        pytest.skip("chromium och chromium-driver saknas (sh tools/install-system-packages.sh --test)")
    monkeypatch.setenv("SE_OFFLINE", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--no-first-run", f"--user-data-dir={tmp_path / 'chromium-profile'}",
                     "--window-size=1200,1400"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def live_preview(case):
    """The preview as the command runs it: the file system's events, pushed to the page."""
    with serving(case) as server:
        yield server


def test_the_open_page_follows_every_save(browser, live_preview, case):
    from selenium.common.exceptions import NoSuchElementException, NoSuchFrameException, \
        StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    # The content is swapped while we look; a vanished frame or element just means "not yet".
    wait = WebDriverWait(browser, 10, poll_frequency=0.1, ignored_exceptions=(
        NoSuchElementException, NoSuchFrameException, StaleElementReferenceException))

    def in_first_paper(script_or_text):
        browser.switch_to.default_content()
        frame = browser.find_element(By.CSS_SELECTOR, "#innehall iframe")
        browser.switch_to.frame(frame)
        try:
            if script_or_text == "text":
                return browser.find_element(By.TAG_NAME, "h1").text
            return browser.execute_script(script_or_text)
        finally:
            browser.switch_to.default_content()

    def page_text():
        browser.switch_to.default_content()
        return browser.find_element(By.ID, "innehall").text

    browser.get(live_preview.url)
    wait.until(lambda _: in_first_paper("text") == TITLE)
    # The paper's own fonts came through /mall/, not the system's.
    loaded = wait.until(lambda _: in_first_paper(
        "return document.fonts.status === 'loaded' && Array.from(document.fonts)"
        ".filter(f => f.status === 'loaded').map(f => f.family.replace(/\"/g, ''))"))
    assert {"Liberation Serif", "Liberation Sans"} <= set(loaded)
    assert "Varningar" in page_text()
    # Set on the page to prove it is updated in place, never reloaded.
    browser.execute_script("window.notReloaded = true")

    main = case / "arende.yaml"
    edit(main, f"titel: {TITLE}", f"titel: {NEW_TITLE}")
    wait.until(lambda _: in_first_paper("text") == NEW_TITLE)
    assert NEW_TITLE in browser.title

    edit(main, "nämnd: AMN", "nämnd: AMX")
    wait.until(lambda _: "Ärendet har fel" in page_text())
    assert f"arende.yaml:{line_of(main, 'nämnd: AMX')}:8 — nämnd — okänd nämnd 'AMX'" in page_text()
    assert "Nedan visas handlingen som den var" in page_text()   # the last good paper stays
    assert in_first_paper("text") == NEW_TITLE

    edit(main, "nämnd: AMX", "nämnd: AMN")
    wait.until(lambda _: "Ärendet har fel" not in page_text() and in_first_paper("text") == NEW_TITLE)
    assert browser.execute_script("return window.notReloaded") is True
