"""Finished PDFs joined into one packet: a meeting's papers as one document to page through.

A pure library: it knows papers (finished PDFs, each with an outline label) grouped in
items, and nothing of meetings. The pages of every source PDF are copied unchanged and in
order, so each paper keeps its own page numbers ("Sida k (n)"); a house that wants the
packet paged through renders its papers with ``write_pdf(..., paging=...)`` first.

What the packet adds:

- an outline: one open entry per item, under it one closed entry per paper (unless the
  item is not *nested*), and under that the paper's own bookmarks, pointing at their
  pages in the packet (:mod:`generator.writers.pdf.packet_outline`);
- one structure tree holding every paper's tags, so a screen reader reads the whole
  packet (:mod:`generator.writers.pdf.packet_tags`);
- named destinations kept per paper, renamed so that papers cannot clash
  (:mod:`generator.writers.pdf.packet_links`);
- arende's XMP packet and document information, written from the packet's facts as a
  single paper's are.

The same sources and facts give the same bytes: nothing but the facts' dates is written
and the file id is computed from the content.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import RenderFailure, display_path

if TYPE_CHECKING:
    from generator.paper import PaperFacts

# A PDF/UA-1 claim in a source's XMP, as an element or as an attribute.
_PDFUA_CLAIM = re.compile(rb"pdfuaid:part(?:>\s*|\s*=\s*[\"'])\s*1\b")


@dataclass(frozen=True)
class PacketPaper:
    """One paper of the packet."""

    label: str      # its outline entry, e.g. "Tjänsteskrivelse", "Bilaga 1 Handlingsplan"
    path: Path      # a finished PDF: written by arende's PDF writer, or an attached PDF copy


@dataclass(frozen=True)
class PacketItem:
    """One item of the packet: a level-1 outline entry and its papers, in order.

    An item without papers has no pages and gets no outline entry (its
    :class:`ItemPages` is then the empty range before the next page). With
    ``nested=False`` the item's papers get no entries of their own: their bookmarks
    stand directly under the item's (meant for an item of a single paper, the kallelse).
    """

    label: str                       # level-1 outline entry: "7. Handlingsplan sociala företag"
    papers: tuple[PacketPaper, ...]
    nested: bool = True


@dataclass(frozen=True)
class PaperPages:
    """Where one paper landed: its first and last page of the packet, from 1."""

    first: int
    last: int


@dataclass(frozen=True)
class ItemPages:
    """Where one item landed. An item without papers has ``last == first - 1``."""

    first: int
    last: int
    papers: tuple[PaperPages, ...]


@dataclass(frozen=True)
class PacketLayout:
    """The packet's page count and where each item (in the order given) landed."""

    pages: int
    items: tuple[ItemPages, ...]


def plan_pages(items: Sequence[PacketItem]) -> PacketLayout:
    """Where every item and paper will land, from the source PDFs' page counts, without writing."""
    with ExitStack() as stack:
        counts = [[len(_open(stack, paper.path).pages) for paper in item.papers] for item in items]
    return _layout(counts)


def write_packet(items: Sequence[PacketItem], target: Path, facts: PaperFacts,
                 document_key: str) -> PacketLayout:
    """Join the papers into one PDF at target; return where each landed (== plan_pages).

    *facts* says what the packet is (title, type, nämnd, dates) in its XMP and document
    information, as a single paper's facts do; *document_key* (the meeting, say) seeds
    its stable document id. Writes only *target*, so the caller decides how to make it
    appear atomically. A source that cannot be read is a RenderFailure naming it.
    """
    import pikepdf

    from generator.writers.pdf import packet_links, packet_outline, packet_tags

    with ExitStack() as stack:
        sources = [[_open(stack, paper.path) for paper in item.papers] for item in items]
        layout = _layout([[len(source.pages) for source in papers] for papers in sources])
        packet = pikepdf.new()
        stack.enter_context(packet)
        structure = packet_tags.StructureMerger(packet, language=facts.language)
        names = packet_links.NamedDestinations(packet)
        outline: list[packet_outline.Entry] = []
        number = 0
        for index, (item, papers, pages) in enumerate(zip(items, sources, layout.items)):
            entries = []
            for paper, source, where in zip(item.papers, papers, pages.papers):
                number += 1
                with _reading(paper.path):
                    copied = _copy_pages(packet, source)
                    page_map = {page.objgen: copied[index] for index, page in enumerate(source.pages)}
                    prefix = f"{number}-"
                    names.add(source, page_map, prefix)
                    structure.add(source, copied, paper.label, index, item.label)
                    entries.append(packet_outline.Entry(
                        paper.label, packet_outline.page_top(copied[0]),
                        packet_outline.read(source, page_map, names.resolver(source, page_map))))
            if entries:
                children = ([entry for paper_entry in entries for entry in paper_entry.children]
                            if not item.nested else entries)
                outline.append(packet_outline.Entry(item.label, entries[0].destination, children))
        structure.finish()
        names.finish()
        packet_outline.write(packet, outline)
        claims_ua = structure.complete and all(_claims_pdfua(source) for papers in sources
                                               for source in papers)
        _install_metadata(packet, facts, document_key, pdfua=claims_ua)
        version = max((source.pdf_version for papers in sources for source in papers), default="1.7")
        try:
            # No object streams: a PDF/UA or PDF/A-1 reader may not expect them, and the
            # sources (WeasyPrint's) have none either. Streams are copied as they are.
            packet.save(target, deterministic_id=True, fix_metadata_version=False,
                        min_version=version, linearize=False)
        except pikepdf.PdfError as exc:
            raise RenderFailure(f"handlingarna kunde inte sättas ihop till {target.name}: "
                                f"{_short(exc)}") from None
    return layout


def _copy_pages(packet, source) -> list:
    """Append *source*'s pages to *packet*; the copies, as page dictionaries, in order.

    The pages are copied first, before anything else of the source (structure tree,
    outline, destinations): pikepdf copies every object only once per source, so what
    refers to a page copied already comes along pointing at the copy.
    """
    start = len(packet.pages)
    packet.pages.extend(source.pages)
    return [packet.pages[index].obj for index in range(start, len(packet.pages))]


def _layout(counts: list[list[int]]) -> PacketLayout:
    items, page = [], 1
    for papers in counts:
        first, placed = page, []
        for count in papers:
            placed.append(PaperPages(page, page + count - 1))
            page += count
        items.append(ItemPages(first, page - 1, tuple(placed)))
    return PacketLayout(pages=page - 1, items=tuple(items))


def _open(stack: ExitStack, path: Path):
    """*path* opened with pikepdf (closed with *stack*), or a RenderFailure saying why not."""
    import pikepdf

    name = display_path(path)
    try:
        pdf = stack.enter_context(pikepdf.open(path))
    except pikepdf.PasswordError:
        raise RenderFailure(f"{name} är lösenordsskyddad och kan inte läggas i handlingarna") from None
    except pikepdf.PdfError as exc:
        raise RenderFailure(f"{name} är ingen läsbar PDF och kan inte läggas i handlingarna "
                            f"({_short(exc)})") from None
    except OSError as exc:
        raise RenderFailure(f"{name} kan inte läsas: {exc.strerror or exc}") from None
    if len(pdf.pages) == 0:
        raise RenderFailure(f"{name} har inga sidor och kan inte läggas i handlingarna")
    return pdf


@contextmanager
def _reading(path: Path) -> Iterator[None]:
    """A pikepdf failure while copying from *path* as a RenderFailure naming it (qpdf
    reads objects lazily: a damaged object shows only when it is copied)."""
    import pikepdf

    try:
        yield
    except pikepdf.PdfError as exc:
        raise RenderFailure(f"{display_path(path)} är skadad och kan inte läggas i "
                            f"handlingarna ({_short(exc)})") from None


def _claims_pdfua(source) -> bool:
    """Whether *source* says in its XMP that it is PDF/UA-1 (arende's papers do)."""
    metadata = source.Root.get("/Metadata")
    try:
        return metadata is not None and bool(_PDFUA_CLAIM.search(metadata.read_bytes()))
    except Exception:  # noqa: BLE001 - an unreadable XMP stream claims nothing
        return False


def _install_metadata(packet, facts: PaperFacts, document_key: str, *, pdfua: bool) -> None:
    """The packet's XMP and document information, written from *facts* exactly as a
    single paper's are (:mod:`generator.writers.pdf.xmp`). It claims PDF/UA-1 only when
    every source claims it and every source's tags made it into the packet's tree."""
    import pikepdf

    from generator.writers.pdf import xmp

    metadata = xmp.facts_metadata(facts, producer=f"pikepdf {pikepdf.__version__}",
                                  document_id=xmp.stable_document_id("packet", document_key))
    packet.trailer.Info = packet.make_indirect(pikepdf.Dictionary({
        f"/{key}": pikepdf.String(value) for key, value in xmp.info_entries(metadata).items()}))
    stream = pikepdf.Stream(packet, xmp.packet(metadata, pdfua=pdfua))
    stream.Type, stream.Subtype = pikepdf.Name.Metadata, pikepdf.Name.XML
    root = packet.Root
    root.Metadata = stream
    root.Lang = pikepdf.String(facts.language)
    root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    # A packet is paged through by its items: open it with the outline showing.
    root.PageMode = pikepdf.Name.UseOutlines


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]
