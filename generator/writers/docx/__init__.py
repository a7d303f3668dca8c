"""The DOCX writer: the paper HTML walked into a native Word document.

The house's style declaration supplies every style, the page setup and the list
definitions (docx.reference; docx.styles names which style each block gets); the paper HTML is checked against its vocabulary
first (generator.vocabulary), then its header and footer (docx.furniture) and body
(docx.blocks, docx.inline) are written, and the paper's facts (``Paper.facts``)
become the core properties. What python-docx cannot express is in ooxml.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import lxml.html
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from generator.paper import Paper, PaperFacts
from generator.errors import RenderFailure, TemplateProblem
from generator.writers.docx import ooxml
from generator.writers.docx.blocks import render_body
from generator.writers.docx.context import RenderContext
from generator.writers.docx.furniture import render_furniture
from generator.writers.docx.reference import reference_bytes
from generator.writers.docx.styles import check_styles
from generator.writers.docx.properties import document_properties
from generator.writers.layout import Layout
from generator.vocabulary import require
from generator.house.fonts import embedding_restricted
from generator.house.style import WORD_FONTS
from generator.writers.resources import ResourceRefused, house_roots, local_path, read

# A bare language in <html lang> and the region Word's proofing tools expect with it.
LANGUAGE_REGIONS = {"sv": "sv-SE", "en": "en-GB", "fi": "fi-FI", "nb": "nb-NO", "da": "da-DK"}
_CORE_LIMIT = 255   # python-docx refuses longer core-property strings
# What a NUMPAGES field caches until the page count is known: private-use characters
# around a word, a sequence no paper's text holds by chance.
_PAGES_LATER = "\ue000arende-sidantal\ue000"


def _fill_in(document, placeholder: str, text: str) -> None:
    """Put *text* where *placeholder* stands in any part's text (body, headers, footers,
    footnotes)."""
    for part in document.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None:
            continue
        for node in element.iter(qn("w:t")):
            if node.text and placeholder in node.text:
                node.text = node.text.replace(placeholder, text)


def write_docx(paper: Paper, target: Path, *, layout: Layout | None = None,
               later: Callable[[], Layout] | None = None) -> None:
    """Write *paper* to *target* as a Word document styled by its house.

    *layout*, the paper as the PDF writer laid it out, gives the page count the
    NUMPAGES fields cache (see RenderContext.field_result); Word and LibreOffice
    count again when they lay the document out. With *later* instead, the layout is
    asked for only when the document is ready to be saved (the PDF being laid out
    meanwhile elsewhere); the file is the same as with *layout*.
    """
    root = _parse(paper)
    require(root, f"DOCX för '{paper.title}'")
    head, body = root.find("head"), root.find("body")
    if head is None or body is None:
        raise RenderFailure(
            f"DOCX för '{paper.title}': pappers-HTML:en saknar <head> eller <body>")
    facts = paper.facts
    language = _language(facts.language)
    properties = _document_properties(paper, body)

    document = Document(io.BytesIO(reference_bytes(paper.house.style, paper.house.register.name)))
    check_styles(document)
    _clear_body(document)
    ctx = RenderContext(
        document=document,
        house_folder=paper.house.folder,
        resource_roots=house_roots(paper.house),
        title=paper.title,
        revision_date=facts.created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        text_width=Mm(paper.house.style.page.text_width),
        style=paper.house.style,
        pages=_PAGES_LATER if later is not None else (layout.pages if layout else None),
    )
    ooxml.set_language(document.styles.element, document.settings.element, language)
    render_furniture(body, ctx)
    render_body(body, ctx)
    ooxml.embed_fonts(document, _own_fonts(paper))
    _core_properties(document, facts, language)
    ooxml.set_custom_properties(document, properties)
    if later is not None:
        found = later()
        _fill_in(document, _PAGES_LATER, str(found.pages) if found and found.pages else "")
    save_reproducibly(document, target, facts.modified)


def _parse(paper: Paper):
    try:
        return lxml.html.document_fromstring(paper.html)
    except Exception as exc:  # lxml raises several types for unusable input
        raise RenderFailure(f"DOCX för '{paper.title}': pappers-HTML:en kan inte läsas: {exc}")


def _own_fonts(paper: Paper) -> dict[str, dict[tuple[str, str], bytes]]:
    """The faces of the fonts the house brings itself (not Word's own, which every Word
    has, nor one whose licence forbids embedding: the house check warns of those), read
    as every file a writer reads (generator.writers.resources)."""
    roots = house_roots(paper.house)
    found: dict[str, dict[tuple[str, str], bytes]] = {}
    for family, faces in paper.house.faces.items():
        if family in WORD_FONTS or any(embedding_restricted(path) for path in faces.values()):
            continue
        try:
            found[family] = {face: read(local_path(path.as_uri(), roots), path.name)
                             for face, path in faces.items()}
        except ResourceRefused as exc:
            raise RenderFailure(f"DOCX för '{paper.title}': typsnittet {family}: {exc}") from None
    return found


def _document_properties(paper: Paper, body) -> dict[str, str]:
    """The custom document properties (see docx.properties), or a RenderFailure."""
    properties, problems = document_properties(paper.facts, body)
    if problems:
        details = "\n  ".join(problems)
        raise TemplateProblem(f"DOCX för '{paper.title}': dokumentegenskaperna går inte ihop "
                            f"(se docs/paper-html.md):\n  {details}")
    return properties


def _language(lang: str | None) -> str:
    lang = (lang or "sv").strip()
    return lang if "-" in lang else LANGUAGE_REGIONS.get(lang, lang)


def _clear_body(document) -> None:
    """Drop any sample content of the reference .docx, keeping its page setup."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _core_properties(document, facts: PaperFacts, language: str):
    """The same facts the PDF carries (title, dnr, nämnd in the keywords and comments,
    paper type, authors, language, dates), in Word's core properties."""
    props = document.core_properties
    props.title = _fit(facts.title)
    props.subject = _fit(", ".join(facts.all_dnrs) or facts.description)
    if facts.dnr:
        props.identifier = _fit(", ".join(facts.all_dnrs))
    props.author = _fit(facts.author)
    props.keywords = _fit(", ".join(facts.keywords))
    props.comments = _fit(facts.description)
    props.category = _fit(facts.kind_label)
    props.language = language
    props.created = facts.created
    props.modified = facts.modified
    props.last_modified_by = props.author
    props.revision = 1


def _fit(text: str) -> str:
    return text if len(text) <= _CORE_LIMIT else text[:_CORE_LIMIT - 1] + "…"


def save_reproducibly(document, target: Path, when: dt.datetime) -> None:
    """Save with every zip entry stamped *when* (UTC), so equal input gives equal bytes.

    The entries keep python-docx's order; their timestamps, permissions, compression
    and "made on" system are fixed, so neither the clock, the time zone, the umask nor
    the operating system shows in the file.
    """
    buffer = io.BytesIO()
    document.save(buffer)
    when = when.astimezone(dt.timezone.utc)
    if when.year < 1980:  # the earliest time a zip entry can hold
        stamp = (1980, 1, 1, 0, 0, 0)
    else:
        stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second // 2 * 2)
    with zipfile.ZipFile(buffer) as source, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3   # ZipInfo's default is 0 on Windows, 3 elsewhere
            entry.external_attr = 0o644 << 16
            out.writestr(entry, source.read(info.filename))
