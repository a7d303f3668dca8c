"""Starting and stopping the preview: in the foreground for the command, in the background for tests."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import click

from generator.os_errors import swedish
from generator.errors import ArendeError, summary
from generator.preview.server import PreviewServer
from generator.preview.watch import Build, CaseWatcher


def run_preview(plan: Path, port: int) -> None:
    """Serve the preview of *plan* on 127.0.0.1:*port* until Ctrl+C."""
    watcher = CaseWatcher(Path(plan), on_build=report)
    server = _bind(watcher, port)
    stop = threading.Event()
    try:
        watcher.rebuild()
        click.echo(f"Förhandsgranskning: {server.url} (avsluta med Ctrl+C)")
        threading.Thread(target=watcher.run, args=(stop,), name="arende-watch", daemon=True).start()
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("\nFörhandsgranskningen är avslutad.")
    finally:
        stop.set()
        server.server_close()


@contextmanager
def serving(plan: Path, port: int = 0, *, interval: float | None = None,
            on_build: Callable[[Build], None] = lambda build: None) -> Iterator[PreviewServer]:
    """The preview running in background threads for as long as the block lasts (port 0: any free port)."""
    watcher = CaseWatcher(Path(plan), on_build=on_build)
    server = _bind(watcher, port)
    stop = threading.Event()
    watch_args = (stop,) if interval is None else (stop, interval)
    threads = [threading.Thread(target=watcher.run, args=watch_args, name="arende-watch", daemon=True),
               threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                                name="arende-serve", daemon=True)]
    try:
        watcher.rebuild()
        for thread in threads:
            thread.start()
        yield server
    finally:
        stop.set()
        if threads[1].is_alive():
            server.shutdown()
        server.server_close()
        for thread in threads:
            if thread.is_alive():
                thread.join(timeout=5)


def _bind(watcher: CaseWatcher, port: int) -> PreviewServer:
    try:
        return PreviewServer(watcher, port)
    except OSError as exc:
        raise ArendeError(f"förhandsgranskningen kan inte starta på port {port}: "
                          f"{swedish(exc)} (välj en annan port med --port)") from None


def report(build: Build) -> None:
    """One line in the terminal per rebuild, for whoever glances at it."""
    when = time.strftime("%H:%M:%S", time.localtime(build.built_at))
    if build.failure:
        first = build.failure.message.strip().splitlines()[0] if build.failure.message.strip() else ""
        click.echo(f"{when} handlingen kunde inte göras: {first}")
    elif build.problems:
        click.echo(f"{when} {summary(list(build.problems))}; felen visas i webbläsaren.")
    else:
        count = len(build.papers)
        line = f"{when} uppdaterad: {count} {'handling' if count == 1 else 'handlingar'}"
        if build.warnings:
            line += f", {len(build.warnings)} {'varning' if len(build.warnings) == 1 else 'varningar'}"
        click.echo(line)
