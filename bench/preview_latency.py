"""How long after a save the preview shows the new paper, as a browser sees it.

``arende preview`` runs as a user runs it (its own process, its own port); headless
Chromium (Debian's chromium and chromedriver, through selenium) has the page open. A
script in the page notes ``Date.now()`` the moment the new content is swapped in; the
benchmark notes the time just before it writes the case file. Both clocks are this
machine's, so the difference is save-to-screen. The time the server itself needs (the
save until its event stream names the new build) is measured beside it, on a plain
HTTP connection to /handelser.

    python3 bench/preview_latency.py [RUNS]    # prints JSON: both lists of seconds
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "plans" / "uppsala-amn-2018-0329"
TITLE = "titel: Handlingsplan sociala företag"
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
# Notes when each version's content took the place of the old one.
WATCH_SWAPS = """
window.__shown = {};
new MutationObserver(() => {
  const content = document.getElementById('innehall');
  if (content && !(content.dataset.version in window.__shown)) window.__shown[content.dataset.version] = Date.now();
}).observe(document.body, {childList: true, subtree: true, attributes: true, attributeFilter: ['id']});
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _event(stream) -> int:
    data = None
    while True:
        line = stream.readline().decode()
        if not line:
            raise RuntimeError("the event stream ended")
        if line.startswith("data:"):
            data = int(line[5:])
        elif line.strip() == "" and data is not None:
            return data


def measure(runs: int) -> dict[str, list[float]]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import WebDriverWait

    work = Path(tempfile.mkdtemp(prefix="arende-preview-bench-"))
    case = shutil.copytree(CASE, work / "case")
    plan = case / "arende.yaml"
    original = plan.read_text(encoding="utf-8")
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen([sys.executable, "-m", "generator", "preview", str(case), "--port", str(port)],
                              cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--user-data-dir={work / 'profile'}", "--window-size=1200,1400"):
        options.add_argument(argument)
    os.environ["SE_OFFLINE"] = "true"
    browser = None
    screen: list[float] = []
    pushed: list[float] = []
    try:
        assert server.stdout is not None
        server.stdout.readline()   # "Förhandsgranskning: http://…": it listens
        browser = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
        browser.get(f"http://127.0.0.1:{port}/")
        browser.execute_script(WATCH_SWAPS)
        events = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        events.request("GET", "/handelser")
        stream = events.getresponse()
        version = _event(stream)
        for run in range(runs + 1):   # the first save warms the server up, untimed
            time.sleep(0.5)
            saved = time.time()
            plan.write_text(original.replace(TITLE, f"{TITLE} ({run})"), encoding="utf-8")
            version = _event(stream)
            heard = time.time()
            shown = WebDriverWait(browser, 30, poll_frequency=0.02).until(
                lambda driver: driver.execute_script(f"return window.__shown['{version}']"))
            if run:
                pushed.append(heard - saved)
                screen.append(shown / 1000 - saved)
        events.close()
    finally:
        if browser is not None:
            browser.quit()
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)
    return {"pushed": pushed, "screen": screen}


if __name__ == "__main__":
    print(json.dumps(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 9)))
