"""The preview's web server: standard library only, on 127.0.0.1, never crashing on input.

Routes (all GET):
  /                      the page, with the current content in it
  /handelser             an event stream (server-sent events): the build number, sent
                         the moment a rebuild is done, so the page reloads at once
  /version               the build number, for a page that cannot listen to events
  /innehall              the page's replaceable content for the current build
  /handling/N            paper N as its own HTML document, shown in an iframe
  /mall/R/PATH           a stylesheet, font or logo from template root R (fixed list)
  /stil/N                the CSS generated from paper N's house declaration
  /ladda-ner/N/FORMAT    paper N as a freshly written PDF or DOCX
"""

from __future__ import annotations

import re
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote

from generator.errors import ArendeError
from generator.os_errors import swedish
from generator.house import template_roots
from generator.read import case_file
from generator.preview import page
from generator.preview.watch import CaseWatcher
from generator.writers import FORMATS, writer_for

HOST = "127.0.0.1"
EVENT_KEEPALIVE_SECONDS = 10
# Only what papers load; a house folder also holds hus.yaml and templates, which the
# browser never needs.
ASSET_TYPES = {".css": "text/css", ".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff",
               ".woff2": "font/woff2", ".png": "image/png", ".svg": "image/svg+xml",
               ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif"}
DOWNLOAD_TYPES = {"pdf": "application/pdf",
                  "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def number(text: str) -> int | None:
    """A plain decimal index from a URL segment (not '²' or '٣', which str.isdigit admits)."""
    return int(text) if re.fullmatch(r"[0-9]{1,6}", text) else None


class PreviewServer(ThreadingHTTPServer):
    """An HTTP server for one case's watcher; binds at construction (port 0: any free port)."""

    daemon_threads = True  # a browser holding a connection open must not block Ctrl+C
    # The listen backlog (socketserver's default is 5): a page loading its papers, fonts
    # and images while polling, in several tabs, opens many connections at once, and
    # those beyond the backlog wait for the kernel's SYN retries (seconds each).
    request_queue_size = 256

    def __init__(self, watcher: CaseWatcher, port: int):
        # Set first: a failed bind closes the server from within the base __init__.
        self.closing = threading.Event()   # ends the event streams
        super().__init__((HOST, port), Handler)
        self.watcher = watcher
        self.folder = case_file(watcher.plan).parent
        self.roots = template_roots()
        # WeasyPrint's warning collector is a process-wide logger handler: one write at a time.
        self.write_lock = threading.Lock()

    def server_close(self) -> None:
        self.closing.set()
        super().server_close()

    def handle_error(self, request, client_address) -> None:
        """A browser closing a connection is routine; anything else gets one line in the terminal."""
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):
            print(f"fel i förhandsgranskningen: {type(error).__name__}: {error}", file=sys.stderr)

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def asset_url(self, path: Path) -> str | None:
        """The /mall/ address of a file inside one of the template roots."""
        real = Path(path).resolve()
        for index, root in enumerate(self.roots):
            if real.is_relative_to(root):
                return f"/mall/{index}/" + quote(real.relative_to(root).as_posix())
        return None

    def asset_path(self, segments: list[str]) -> Path | None:
        """The file a /mall/ address names, or None for anything outside the roots.

        Each segment is decoded on its own, so an encoded slash or dot-dot stays inside
        one name and is refused; the resolved path (symlinks followed) must still lie
        inside its root.
        """
        index = number(segments[0]) if segments else None
        if len(segments) < 2 or index is None or index >= len(self.roots):
            return None
        root = self.roots[index]
        try:
            names = [unquote(segment, errors="strict") for segment in segments[1:]]
        except UnicodeDecodeError:
            return None
        for name in names:
            if not name or name.startswith(".") or any(c in name for c in "/\\\0:"):
                return None
        try:
            real = root.joinpath(*names).resolve(strict=True)
        except (OSError, RuntimeError, ValueError):
            return None
        if not real.is_relative_to(root) or not real.is_file() or real.suffix.lower() not in ASSET_TYPES:
            return None
        return real


class Handler(BaseHTTPRequestHandler):
    """Routes one request; every failure becomes a response, never a dead server."""

    server: PreviewServer
    server_version = "arende-preview"
    sys_version = ""

    def log_message(self, format, *args):  # noqa: A002 - http.server's signature
        """Quiet: the terminal shows rebuilds, not the page's polling."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's hook
        try:
            self._route()
        except ConnectionError:  # the browser went away mid-answer
            pass
        except OSError as exc:   # the operating system's English, said in Swedish
            print(f"fel i förhandsgranskningen vid {self.path!r}: {swedish(exc)}", file=sys.stderr)
            self._send(500, page.message_page("Fel i förhandsgranskningen", f"Det gick inte: {swedish(exc)}."))
        except Exception as exc:  # noqa: BLE001 - one bad request must not end the preview
            print(f"internt fel i förhandsgranskningen vid {self.path!r}: {type(exc).__name__}: {exc}",
                  file=sys.stderr)
            self._send(500, page.message_page("Internt fel i förhandsgranskningen",
                                              "Se terminalen för detaljer."))

    def _route(self) -> None:
        # A DNS-rebinding page could otherwise read the case through the user's browser.
        if self.headers.get("Host") not in (f"{HOST}:{self.server.port}", f"localhost:{self.server.port}"):
            self._send(403, "fel: okänd värd", "text/plain; charset=utf-8")
            return
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        head, *rest = path.split("/")[1:] or [""]
        watcher, folder = self.server.watcher, self.server.folder
        if path == "/":
            self._send(200, page.page(watcher.current, folder))
        elif path == "/handelser":
            self._events()
        elif path == "/version":
            self._send(200, str(watcher.current.version), "text/plain; charset=utf-8")
        elif path == "/innehall":
            self._send(200, page.content(watcher.current, folder))
        elif head == "handling" and len(rest) == 1:
            self._paper(rest[0])
        elif head == "mall":
            self._asset(rest)
        elif head == "stil" and len(rest) == 1:
            self._house_css(rest[0])
        elif head == "ladda-ner" and len(rest) == 2:
            self._download(rest[0], rest[1])
        else:
            self._not_found()

    def _events(self) -> None:
        """The build number now, then each new one as it is built, until the page goes
        away or the server stops. A comment line now and then finds a dead connection."""
        watcher = self.server.watcher
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.close_connection = True
        sent = None
        while not self.server.closing.is_set():
            version = watcher.wait_for_build(sent, EVENT_KEEPALIVE_SECONDS)
            if version != sent:
                self.wfile.write(f"data: {version}\n\n".encode())
                sent = version
            else:
                self.wfile.write(b": \n\n")
            self.wfile.flush()

    def _paper_index(self, text: str):
        build = self.server.watcher.current
        index = number(text)
        return build, index if index is not None and index < len(build.papers) else None

    def _paper(self, text: str) -> None:
        build, index = self._paper_index(text)
        if index is None:
            self._not_found()
            return
        paper = build.papers[index]
        sheets = [url for url in map(self.server.asset_url, paper.house.stylesheets) if url]
        sheets.append(f"/stil/{index}")
        base = self.server.asset_url(paper.house.folder)
        self._send(200, page.paper_document(paper.html, (base or "") + "/", sheets))

    def _house_css(self, text: str) -> None:
        """The CSS generated from the paper's house declaration, fonts from /mall/."""
        build, index = self._paper_index(text)
        if index is None:
            self._not_found()
            return
        sheet = build.papers[index].house.css_for(self.server.asset_url)
        self._send(200, sheet, "text/css; charset=utf-8")

    def _asset(self, segments: list[str]) -> None:
        path = self.server.asset_path(segments)
        if path is None:
            self._not_found()
            return
        try:
            data = path.read_bytes()
        except OSError as exc:   # a font or logo taken away or unreadable while the preview runs
            self._send(500, f"fel: {path.name} kan inte läsas: {swedish(exc)}", "text/plain; charset=utf-8")
            return
        self._send(200, data, ASSET_TYPES[path.suffix.lower()])

    def _download(self, text: str, fmt: str) -> None:
        build, index = self._paper_index(text)
        if index is None or fmt not in FORMATS or not build.ok:   # no file of an older paper
            self._send(404, page.message_page(
                "Filen finns inte just nu",
                "Ärendet har fel eller har ändrats. Ladda om sidan och försök igen."))
            return
        paper = build.papers[index]
        name = f"{paper.stem}.{fmt}"
        try:
            with self.server.write_lock, tempfile.TemporaryDirectory(prefix="arende-preview-") as tmp:
                target = Path(tmp) / name
                writer_for(fmt)(paper, target)
                data = target.read_bytes()
        except ArendeError as exc:
            self._send(500, page.message_page(f"{fmt.upper()}-filen kunde inte göras", exc.format_message()))
            return
        except OSError as exc:   # a full disk or a temporary folder that cannot be written
            self._send(500, page.message_page(f"{fmt.upper()}-filen kunde inte göras",
                                              f"Filen kunde inte skrivas: {swedish(exc)}."))
            return
        except Exception as exc:  # noqa: BLE001 - shown to the user, the server goes on
            self._send(500, page.message_page(f"{fmt.upper()}-filen kunde inte göras",
                                              f"{type(exc).__name__}: {exc}"))
            return
        # stem is ASCII by construction (compose.slug), so it needs no RFC 5987 encoding.
        self._send(200, data, DOWNLOAD_TYPES[fmt],
                   {"Content-Disposition": f'attachment; filename="{name}"'})

    def _not_found(self) -> None:
        self._send(404, "fel: finns inte", "text/plain; charset=utf-8")

    def _send(self, status: int, body: str | bytes, content_type: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        # Every answer describes the case as it is now; a cached one would show an old paper.
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

