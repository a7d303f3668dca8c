"""The preview's HTML: the page, its replaceable content, and each paper as a sheet.

Everything taken from the case (titles, messages, file names) is escaped here; the
paper HTML itself was escaped by compose and is served as its own document in an
iframe, so the house CSS lays it out without touching the page around it.
"""

from __future__ import annotations

import html
import time
from pathlib import Path

from generator.errors import Problem, display_path
from generator.preview.watch import Build

STATIC = Path(__file__).resolve().parent / "static"
PAGE_CSS = (STATIC / "preview.css").read_text(encoding="utf-8")
PAGE_JS = (STATIC / "preview.js").read_text(encoding="utf-8")
SHEET_CSS = (STATIC / "sheet.css").read_text(encoding="utf-8")


def text(value: object) -> str:
    """Escaped for an element's content (quotes may stay, so messages read as written)."""
    return html.escape(str(value), quote=False)


def attr(value: object) -> str:
    """Escaped for a double-quoted attribute value."""
    return html.escape(str(value), quote=True)


def page(build: Build, folder: Path) -> str:
    """The whole preview page, with the current content already in it."""
    return f"""<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>{text(page_title(build, folder))}</title>
<style>{PAGE_CSS}</style>
<script>{PAGE_JS}</script>
</head>
<body>
<header class="bar">
<h1>Förhandsgranskning av {text(folder.name)}</h1>
<span class="status" id="status">{text(status_line(build))}</span>
<span class="offline">Förhandsgranskningen svarar inte. Starta den igen med 'arende preview'.</span>
</header>
<main>
{content(build, folder)}
</main>
</body>
</html>
"""


def page_title(build: Build, folder: Path) -> str:
    if build.problems or build.failure:
        return f"Fel – {folder.name}"
    return f"{build.title or folder.name} – förhandsgranskning"


def status_line(build: Build) -> str:
    when = time.strftime("%H:%M:%S", time.localtime(build.built_at))
    return f"Uppdaterad {when}. Sidan uppdateras själv när du sparar en fil i ärendet."


def content(build: Build, folder: Path) -> str:
    """The part of the page that is replaced when the case is rebuilt."""
    parts = [f'<div class="content" id="innehall" data-version="{build.version}" '
             f'data-title="{attr(page_title(build, folder))}" data-status="{attr(status_line(build))}">']
    if build.failure:
        parts.append('<section class="notice failure"><h2>Handlingen kunde inte göras</h2>'
                     f"<p>{text(build.failure.lead)}</p><pre>{text(build.failure.message)}</pre></section>")
    elif build.problems:
        errors = [p for p in build.problems if not p.is_warning]
        warnings = [p for p in build.problems if p.is_warning]
        parts.append('<section class="notice errors"><h2>Ärendet har fel</h2>'
                     f"<p>{text(_count(len(errors), 'fel', 'fel'))} måste rättas innan handlingen "
                     f"kan {'uppdateras' if build.papers else 'visas'}. "
                     "Rätta och spara; sidan uppdateras av sig själv.</p>"
                     f"{problem_list(errors, folder)}</section>")
        if warnings:
            parts.append(_warnings(warnings, folder))
    else:
        if build.warnings:
            parts.append(_warnings(build.warnings, folder))
        parts.append('<p class="notice hint">Så här blir handlingen ungefär. Sidbrytningar, '
                     "sidhuvud och sidnummer syns bara i PDF-filen.</p>")
    if build.papers and not build.ok:
        when = time.strftime("%H:%M:%S", time.localtime(build.papers_from))
        parts.append(f'<p class="notice hint stale">Nedan visas handlingen som den var {text(when)}, '
                     "innan felen ovan. Den uppdateras när felen är rättade.</p>")
    for index, (paper, label) in enumerate(zip(build.papers, build.labels)):
        # Downloads only of a paper the plan is now, not of the last good one kept on show.
        downloads = (f'<a href="/ladda-ner/{index}/pdf" download>Ladda ner PDF</a>'
                     f'<a href="/ladda-ner/{index}/docx" download>Ladda ner DOCX</a>') if build.ok else ""
        parts.append(
            f'<section class="sheet"><p class="sheet-label"><span>{text(label)}: '
            f"<strong>{text(paper.title)}</strong></span><span>{downloads}</span></p>"
            f'<iframe src="/handling/{index}?v={build.version}" title="{attr(paper.title)}" '
            # No scripts in the paper; same origin so the page can size the frame.
            'sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox" '
            'onload="fit(this)"></iframe></section>')
    parts.append("</div>")
    return "\n".join(parts)


def _warnings(warnings, folder: Path) -> str:
    return ('<section class="notice warnings"><h2>Varningar</h2>'
            "<p>Varningar stoppar inte handlingen, men titta på det här:</p>"
            f"{problem_list(warnings, folder)}</section>")


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def problem_list(problems, folder: Path) -> str:
    items = "".join(f"<li>{problem_item(p, folder)}</li>" for p in problems)
    return f"<ol>{items}</ol>"


def problem_item(problem: Problem, folder: Path) -> str:
    """'fil:rad:kolumn — fält — meddelande (tips)', each part escaped."""
    parts = [f'<span class="where">{text(where(problem, folder))}</span>']
    if problem.field:
        parts.append(f'<span class="field">{text(problem.position)}</span>')
    message = text(problem.message)
    if problem.hint:
        message += f' <span class="tip">({text(problem.hint)})</span>'
    parts.append(message)
    return " — ".join(parts)


def where(problem: Problem, folder: Path) -> str:
    """The problem's place, with the file named relative to the case folder when inside it."""
    location = problem.location
    try:
        name = str(Path(location.file).resolve().relative_to(folder.resolve()))
    except ValueError:
        name = display_path(location.file)
    return f"{name}:{location.line}:{location.column}" if location.line else name


def paper_document(paper_html: str, base_href: str, stylesheets: list[str]) -> str:
    """The paper's own HTML with its house CSS linked and the screen stand-ins added."""
    links = "".join(f'<link rel="stylesheet" href="{attr(href)}">' for href in stylesheets)
    # target=_blank: a link in the paper must not replace the sheet inside its frame.
    head = f'<base href="{attr(base_href)}" target="_blank">{links}<style>{SHEET_CSS}</style>'
    # Before </head>, so <meta charset> stays first; nothing in a paper's head has a URL.
    at = paper_html.find("</head>")
    if at < 0:
        return head + paper_html
    return paper_html[:at] + head + paper_html[at:]


def message_page(title: str, message: str) -> str:
    """A small page for a download that could not be made."""
    return (f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>{text(title)}</title>'
            f"<style>{PAGE_CSS}</style></head><body><main><section class=\"notice failure\">"
            f"<h2>{text(title)}</h2><pre>{text(message)}</pre></section></main></body></html>")

