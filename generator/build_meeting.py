"""Building a meeting: its kallelse, and its papers as one packet, internal and public.

The cases of a meeting are built first, as any case is (:mod:`generator.build`, with its
cache: an unchanged case is not built again); the meeting then only adds its own papers
and joins the cases' PDFs:

* ``<name>_kallelse.pdf`` and ``.docx``: the kallelse with the föredragningslista, whose
  page column points at the pages of the packet;
* ``<name>_tillagg.pdf`` and ``.docx``, when items were announced after the kallelse;
* ``<name>_handlingar.pdf``: the kallelse (and tillägg), then every item's papers in
  agenda order, with an outline of one entry per item and one per paper below it;
* ``<name>_handlingar-offentlig.pdf``: the same, except that an ärende under sekretess
  is one page with its number, public title and legal ground; with such an ärende also
  ``<name>_kallelse-offentlig.pdf`` and ``.docx``, whose list shows only the public title;
* ``<name>_manifest.json``: each item's pages in both packets and each source paper's
  SHA-256.

The agenda's page numbers depend on how long the kallelse is, which depends (barely) on
the numbers; the kallelse is laid out again until its own length stops changing.

A house with ``sidnumrering: löpande`` pages the packet through: every paper arende
writes is laid out once more for the packet, numbered from its first page there and
printing the packet's length; the case's own PDFs keep "Sida 1 (n)". Attached PDFs
carry no page numbers of ours and are left as they are.

Everything is written into a staging folder and moved into ``<out>/moten/<name>/`` only
when all of it succeeded, as a case's papers are.
"""

from __future__ import annotations

import hashlib
import json
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.build import STAGING_PREFIX, BuildResult, _digest
from generator.errors import RenderFailure, display_path
from generator.kinds import kind_for
from generator.naming import attached_file_name, case_prefix
from generator.paper import Paper
from generator.read import CaseBundle
from generator.read_meeting import AgendaItem, MeetingPlan
from generator.staging import written_into

MEETINGS_FOLDER = "moten"
MANIFEST_FORMAT = "arende-möte"
MANIFEST_VERSION = 1
_MAX_LAYOUTS = 4   # the kallelse's length settles in two rounds; more would be a bug


@dataclass
class MeetingResult:
    plan: MeetingPlan
    folder: Path
    files: list[Path] = field(default_factory=list)
    unchanged: bool = False


@dataclass(frozen=True)
class SourcePaper:
    """One finished PDF of an item, as the packet takes it."""

    label: str      # outline entry: 'Tjänsteskrivelse', 'Bilaga 1 Handlingsplan'
    path: Path      # the finished paper: the case's own PDF, an attached copy, a placeholder
    shown: Path | None = None   # the copy laid out again for a packet paged through
    pages: int | None = None    # its page count, when its build recorded it


def meeting_folder(plan: MeetingPlan, out: Path) -> Path:
    return out / MEETINGS_FOLDER / plan.name


def case_papers(bundle: CaseBundle, folder: Path) -> list[SourcePaper]:
    """A built case's PDFs in the order they are read: the main paper, then its bilagor
    by number, rendered and attached alike."""
    register = bundle.house.register
    prefix = case_prefix(bundle)
    case = bundle.case
    main = kind_for(case.kind).describe(case, register, None)
    papers: list[tuple[int, SourcePaper]] = [
        (0, SourcePaper(main.label, folder / f"{prefix}_{main.file_name}.pdf"))]
    for document in bundle.documents:
        identity = kind_for(document.model.kind).describe(document.model, register, document.number)
        papers.append((document.number, SourcePaper(f"Bilaga {document.number} {document.title}",
                                                    folder / f"{prefix}_{identity.file_name}.pdf")))
    for attached in bundle.attached:
        name = attached_file_name(attached.number, attached.title)
        papers.append((attached.number, SourcePaper(f"Bilaga {attached.number} {attached.title}",
                                                    folder / f"{prefix}_{name}.pdf")))
    return [paper for _, paper in sorted(papers, key=lambda pair: pair[0])]


def build_meeting(plan: MeetingPlan, bundles: dict[Path, CaseBundle], results: dict[Path, BuildResult],
                  out: Path, formats: tuple[str, ...], pool: Executor | None = None) -> MeetingResult:
    """Write the meeting's papers into ``out/moten/<name>/``; *results* are its cases' builds
    by resolved case file (each with its PDFs). With a *pool* (the case builds' workers)
    the public view is written beside the internal one."""
    folder = meeting_folder(plan, out)
    guess = _last_front_pages(folder, plan)
    files = written_into(folder, STAGING_PREFIX,
                         lambda staging: _write_all(plan, bundles, results, staging, formats, guess, pool))
    return MeetingResult(plan, folder, files)


def _last_front_pages(folder: Path, plan: MeetingPlan) -> list[int] | None:
    """How long the kallelse (and tillägg) came out in the last build, from its manifest:
    the best first guess for this one's layout (a guess only, checked as any other)."""
    try:
        manifest = json.loads((folder / f"{plan.name}_manifest.json").read_text(encoding="utf-8"))
        pages = manifest["paket"]["intern"]["kallelsens sidor"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if isinstance(pages, list) and all(isinstance(count, int) and count > 0 for count in pages):
        return pages
    return None


def _write_all(plan: MeetingPlan, bundles: dict[Path, CaseBundle], results: dict[Path, BuildResult],
               staging: Path, formats: tuple[str, ...], guess: list[int] | None = None,
               pool: Executor | None = None) -> list[Path]:
    items = {item.index: _item_papers(item, bundles, results) for item in plan.cases}
    confidential = bool([item for item in plan.cases if item.entry.confidential is not None])
    work = _ViewWork(plan, bundles, staging, formats, guess, confidential)
    # With a pool the views are written in its workers, which have WeasyPrint imported
    # from building the cases (this process need not import it): the public view, which
    # differs only with a secret item, beside the internal one.
    later = pool.submit(work.write, items, False) if pool is not None else None
    public = pool.submit(work.write, items, True) if confidential and pool is not None else None
    internal = later.result() if later is not None else work.write(items, public=False)
    views = [internal]
    if confidential:
        # One after the other, the public kallelse starts from the internal one's length:
        # as long but for a line or so, it is then laid out once instead of twice.
        views.append(public.result() if public is not None else
                     replace(work, guess=[found.pages for *_, found in internal.front or []] or guess)
                     .write(items, True))
    elif "pdf" in formats:   # no secret: the same kallelse heads the public packet
        views.append(work.write(items, public=True, front=internal.front))
    staged = [path for view in views for path in view.staged]
    manifest_items: dict[int, dict] = {}
    for view in views:
        for index, record in view.records.items():
            manifest_items.setdefault(index, {}).update(record)
    packets = {("offentlig" if view.public else "intern"): view.packet for view in views if view.packet}
    manifest = staging / f"{plan.name}_manifest.json"
    manifest.write_bytes(_manifest(plan, packets, manifest_items))
    staged.append(manifest)
    for view in views:
        for path in view.scratch:
            path.unlink(missing_ok=True)
    return staged


@dataclass
class _ViewDone:
    """What writing one view gave: its files, its packet's record and its items' pages."""

    public: bool
    staged: list[Path]
    packet: dict | None
    records: dict[int, dict]
    front: list | None = None   # the kallelse's (paper, path, layout), kept for the public view
    scratch: list[Path] = field(default_factory=list)   # written only to go into the packet


@dataclass
class _ViewWork:
    """Writing the kallelse and packet of one view; picklable, so that the public view
    can be written in a worker process while this one writes the internal view."""

    plan: MeetingPlan
    bundles: dict[Path, CaseBundle]
    staging: Path
    formats: tuple[str, ...]
    guess: list[int] | None
    confidential: bool

    def write(self, papers: dict[int, list[SourcePaper]], public: bool, front: list | None = None) -> _ViewDone:
        from generator.compose.meeting import View

        plan, staging, formats = self.plan, self.staging, self.formats
        composed: dict[Path, Paper] = {}   # what arende wrote of the packet's papers, by path
        if public and self.confidential:
            papers, composed = self._withheld(papers)
        continuous = plan.house.register.meetings.paging == "löpande"
        if front is None:
            has_supplement = any(item.entry.supplement for item in plan.items)
            front, view = _front_papers(plan, self.bundles, papers, View(public=public), staging,
                                        has_supplement, continuous, self.guess)
        else:
            view = View(public=public)
        counts = [found.pages for *_, found in front]
        staged: list[Path] = []
        if not public or self.confidential:   # the public kallelse only where it differs
            for paper, path, found in front:
                staged.append(path)
                if "docx" in formats:
                    docx = path.with_suffix(".docx")
                    _write(paper, docx, "docx", layout=found)
                    staged.append(docx)
        done = _ViewDone(public, staged, None, {}, front if not public else None, list(composed))
        if "pdf" not in formats:
            # What of the kallelse was staged only as a source of the packet is not a file of ours.
            done.staged = [path for path in staged if path.suffix == ".docx"]
            return done
        if continuous:
            papers = _paged_through(plan, self.bundles, papers, sum(counts),
                                    staging / f"sidnumrerade{view.suffix}", composed)
        packet_items = _packet_items(plan, front, papers, public)
        name = f"{plan.name}_handlingar{view.suffix}.pdf"
        target = staging / name
        layout = _write_packet(plan, packet_items, target, public)
        staged.append(target)
        done.packet = {"fil": name, "sidor": layout.pages, "kallelsens sidor": counts,
                       "sha256": _digest(target)["sha256"]}
        _record_pages(plan, packet_items, layout, papers, done.records, public)
        return done


    def _withheld(self, papers: dict[int, list[SourcePaper]]
                  ) -> tuple[dict[int, list[SourcePaper]], dict[Path, Paper]]:
        """The public view's papers: each ärende under sekretess as its one page."""
        from generator.compose.meeting import compose_withheld_page

        papers, composed = dict(papers), {}
        for item in self.plan.cases:
            if item.entry.confidential is None:
                continue
            bundle = self.bundles.get(item.case_file.resolve()) if item.case_file else None
            page = compose_withheld_page(self.plan, item, bundle)
            path = self.staging / f"{page.stem}.pdf"
            _write(page, path, "pdf")
            papers[item.index] = [SourcePaper(page.title, path)]
            composed[path] = page
        return papers, composed


def _item_papers(item: AgendaItem, bundles: dict[Path, CaseBundle],
                 results: dict[Path, BuildResult]) -> list[SourcePaper]:
    assert item.case_file is not None
    key = item.case_file.resolve()
    bundle, result = bundles[key], results[key]
    papers = case_papers(bundle, result.folder)
    missing = [paper.path for paper in papers if not paper.path.is_file()]
    if missing:
        raise RenderFailure(f"ärendets PDF {display_path(missing[0])} saknas; mötet kan inte sättas ihop "
                            "(bygg med --format pdf eller all)")
    recorded = {name: record.get("pages") for name, record in result.digests.items()}
    return [replace(paper, pages=count) if isinstance(count := recorded.get(paper.path.name), int) and count > 0
            else paper for paper in papers]


def _front_papers(plan: MeetingPlan, bundles, papers: dict[int, list[SourcePaper]], view,
                  staging: Path, has_supplement: bool, continuous: bool, guess: list[int] | None = None):
    """The kallelse (and tillägg) of one view, laid out until their page numbers hold:
    [(paper, pdf path, its layout)], and the view with the pages it printed. Each layout
    costs as much as a case's paper, so the first one starts from *guess* when it fits."""
    from generator.compose.meeting import View, compose_kallelse

    front_pages = [1, 1] if has_supplement else [1]
    if guess is not None and len(guess) == len(front_pages):
        front_pages = list(guess)
    for _ in range(_MAX_LAYOUTS):
        pages = _first_pages(plan, papers, sum(front_pages))
        view = View(public=view.public, pages=pages)
        written, counts = [], []
        total = sum(front_pages) + sum(_page_count(paper) for item in plan.cases
                                       for paper in papers[item.index])
        for number, supplement in enumerate([False, True] if has_supplement else [False]):
            paper = compose_kallelse(plan, bundles, view, supplement=supplement)
            path = staging / f"{paper.stem}.pdf"
            paging = {"paging": (1 + sum(front_pages[:number]), total)} if continuous else {}
            # Written only when as long as its numbers assumed; else it is laid out again.
            found = _write(paper, path, "pdf", accept=front_pages[number].__eq__, **paging)
            counts.append(found.pages)
            written.append((paper, path, found))
        if counts == front_pages:
            return written, view
        front_pages = counts
    raise RuntimeError("the kallelse's length did not settle")


def _paged_through(plan: MeetingPlan, bundles: dict[Path, CaseBundle], papers: dict[int, list[SourcePaper]],
                   front: int, folder: Path, composed: dict[Path, Paper]) -> dict[int, list[SourcePaper]]:
    """Every paper arende wrote, laid out again into *folder* numbered as the packet's
    pages after *front* pages of kallelse; attached PDFs stay as they are."""
    from generator.compose.paper import compose_case

    folder.mkdir()
    counts = {paper.path: _page_count(paper) for item in plan.cases for paper in papers[item.index]}
    total = front + sum(counts.values())
    page = front + 1
    paged: dict[int, list[SourcePaper]] = {}
    for item in plan.cases:
        own = {path.name: paper for path, paper in composed.items()}
        if item.case_file is not None and item.case_file.resolve() in bundles:
            own |= {f"{paper.stem}.pdf": paper for paper in compose_case(bundles[item.case_file.resolve()])}
        paged[item.index] = []
        for source in papers[item.index]:
            paper = own.get(source.path.name)
            if paper is not None:
                shown = folder / source.path.name
                found = _write(paper, shown, "pdf", paging=(page, total))
                if found.pages != counts[source.path]:   # numbers stand in the margins
                    raise RuntimeError(f"{source.path.name} changed length when paged through")
                source = replace(source, shown=shown)
            paged[item.index].append(source)
            page += counts[source.path]
    return paged


def _first_pages(plan: MeetingPlan, papers: dict[int, list[SourcePaper]], front: int) -> dict[int, int]:
    """Each item's first page in the packet, after *front* pages of kallelse."""
    pages: dict[int, int] = {}
    page = front + 1
    for item in plan.cases:
        pages[item.index] = page
        page += sum(_page_count(paper) for paper in papers[item.index])
    return pages


_COUNTS: dict[tuple[Path, int, int], int] = {}


def _page_count(paper: SourcePaper) -> int:
    """The paper's page count: as its build recorded it, else read from the file."""
    if paper.pages is not None:
        return paper.pages
    import pikepdf

    path = paper.path
    stat = path.stat()
    key = (path.resolve(), stat.st_mtime_ns, stat.st_size)
    if key not in _COUNTS:
        try:
            with pikepdf.open(path) as pdf:
                _COUNTS[key] = len(pdf.pages)
        except pikepdf.PdfError as exc:
            raise RenderFailure(f"{display_path(path)} kan inte läsas som PDF: {exc}") from None
    return _COUNTS[key]


def _write(paper, path: Path, fmt: str, **options):
    from generator.writers import writer_for

    return writer_for(fmt)(paper, path, **options)


def _packet_items(plan: MeetingPlan, front, papers: dict[int, list[SourcePaper]], public: bool):
    from generator.writers.pdf.packet import PacketItem, PacketPaper

    items = [PacketItem(paper.facts.kind_label, (PacketPaper(paper.facts.kind_label, path),), nested=False)
             for paper, path, _ in front]
    for item in plan.cases:
        title = _outline_title(plan, item, public)
        items.append(PacketItem(title, tuple(PacketPaper(p.label, p.shown or p.path)
                                             for p in papers[item.index])))
    return items


def _outline_title(plan: MeetingPlan, item: AgendaItem, withheld: bool) -> str:
    entry = item.entry
    if withheld and entry.confidential is not None:
        title = entry.confidential.public_title or plan.house.register.meetings.confidential_title
    else:
        title = item.title
    return f"{item.number}. {title}" if item.number else title


def _write_packet(plan: MeetingPlan, items, target: Path, public: bool):
    from generator.compose.meeting import meeting_words
    from generator.compose.paper import paper_facts
    from generator.writers.pdf.packet import write_packet

    register = plan.house.register
    department = register.departments[plan.meeting.department_key(register)]
    label = "Handlingar, offentlig version" if public else "Handlingar"
    facts = paper_facts(f"Handlingar till {meeting_words(plan)['of_meeting']}", label,
                        (plan.meeting.secretary.name,), plan.meeting.drawn_up, (),
                        (plan.organ_name,), (department.name,), None)
    return write_packet(items, target, facts, f"{plan.name}_handlingar{'-offentlig' if public else ''}")


def _record_pages(plan: MeetingPlan, packet_items, layout, papers, manifest_items: dict, public: bool) -> None:
    """Each item's pages in this packet, and (from the internal one) its source papers."""
    front = len(packet_items) - len(plan.cases)
    for offset, item in enumerate(plan.cases):
        pages = layout.items[front + offset]
        record = manifest_items.setdefault(item.index, {})
        record["offentlig" if public else "intern"] = {"första sida": pages.first, "sista sida": pages.last}
        if not public:
            record["handlingar"] = [
                {"etikett": paper.label, "fil": paper.path.name, "sidor": span.last - span.first + 1,
                 "första sida": span.first, "sha256": _digest(paper.path)["sha256"]}
                for paper, span in zip(papers[item.index], pages.papers)]


def _manifest(plan: MeetingPlan, packets: dict, items: dict[int, dict]) -> bytes:
    meeting = plan.meeting
    rules = plan.house.register.meetings
    entries = []
    for item in plan.items:
        if item.entry.section:
            continue
        confidential = item.entry.confidential
        record: dict[str, object] = {"nummer": item.number, "typ": item.entry.kind,
                  "rubrik": (confidential.public_title or rules.confidential_title) if confidential else item.title,
                  "sekretess": confidential is not None, "tillägg": item.entry.supplement}
        if item.dnrs:
            record["diarienummer"] = list(item.dnrs)
        record.update(items.get(item.index, {}))
        entries.append(record)
    manifest = {"format": MANIFEST_FORMAT, "formatversion": MANIFEST_VERSION,
                "möte": {"organ": plan.organ_name, "datum": meeting.date.isoformat(),
                         "tid": meeting.time.strftime("%H:%M"), "plats": meeting.place,
                         "upprättad": meeting.drawn_up.isoformat(), "plan": plan.file.name},
                "paket": packets, "punkter": entries}
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode()


def plans_digest(keys, files: tuple[Path, ...], draft: bool, house):
    """A digest fed with what a meeting's (or protokoll's) papers are made of besides
    their cases: arende, the formats, the plan *files*, draft or not, the house."""
    digest = hashlib.sha256()
    digest.update(keys.tool().encode())
    digest.update(json.dumps(list(keys.formats)).encode())
    for file in files:
        digest.update(hashlib.sha256(file.read_bytes()).hexdigest().encode())
    digest.update(str(draft).encode())
    for index, root in enumerate(house.roots):
        for part in (house.key, "base"):
            digest.update(f"{index}{part}{keys.tree(root / part)}".encode())
    return digest


def meeting_key(plan: MeetingPlan, keys, results: dict[Path, BuildResult]) -> str:
    """What the meeting's files are made from: its plan, its house, the tool, and the
    files its cases' builds wrote."""
    digest = plans_digest(keys, (plan.file,), plan.is_draft, plan.house)
    for item in plan.cases:
        assert item.case_file is not None
        result = results[item.case_file.resolve()]
        digest.update(json.dumps(sorted((path.name, _digest(path)["sha256"]) for path in result.files)).encode())
    return digest.hexdigest()


def read_meetings(files: list[Path], *, draft: bool = False) -> tuple[list[MeetingPlan], list]:
    """Every meeting plan that reads, and the problems of those that do not."""
    from generator.read_meeting import read_meeting

    return read_each(read_meeting, files, draft=draft)


def read_each(reader, files: list[Path], *, draft: bool = False) -> tuple[list, list]:
    """What *reader* makes of each of *files*, and the problems of those it refuses."""
    from generator.errors import InvalidPlan

    plans, problems = [], []
    for file in files:
        try:
            plans.append(reader(file, draft=draft))
        except InvalidPlan as exc:
            problems.extend(exc.problems)
    return plans, problems


def ready_meetings(plans: list[MeetingPlan], bundles: list[CaseBundle], failed: set[Path]
                   ) -> tuple[list[MeetingPlan], list]:
    """The meetings whose cases all read and agree with them, and the problems of the others.

    *failed* are the resolved case files that did not read (their own problems are
    reported with them); a meeting listing one is not built, and says which.
    """
    from generator.errors import Problem
    from generator.load.source import dotted
    from generator.read_meeting import check_meeting

    by_file = {bundle.source.path.resolve(): bundle for bundle in bundles}
    ready, problems = [], []
    for plan in plans:
        found = check_meeting(plan, by_file)
        for item in plan.cases:
            assert item.case_file is not None
            if item.case_file.resolve() in failed or item.case_file.resolve() not in by_file:
                at = item.at + ("ärende",)
                found.append(Problem(plan.source.locate(at), dotted(at),
                                     f"ärendet {display_path(item.case_file.parent)} har fel; mötet byggs inte",
                                     "rätta ärendets fel (de visas ovan)"))
        errors = [p for p in found if not p.is_warning]
        if errors:   # the meeting's own warnings go with its errors: it is not built
            problems += plan.warnings + found
        plan.warnings += [p for p in found if p.is_warning]
        if not errors:
            ready.append(plan)
    return ready, problems


def build_meetings(plans: list[MeetingPlan], bundles: list[CaseBundle], results: list[BuildResult],
                   out: Path, formats: tuple[str, ...], *, force: bool = False,
                   pool: Executor | None = None):
    """Build each meeting whose inputs changed; yield a MeetingResult per meeting."""
    from generator import cache

    keys = cache.Keys(formats)
    by_file = {bundle.source.path.resolve(): bundle for bundle in bundles}
    built = {result.bundle.source.path.resolve(): result for result in results}
    for plan in plans:
        folder = meeting_folder(plan, out)
        key = meeting_key(plan, keys, built)
        files = None if force else cache.unchanged(folder, key)
        if files is not None:
            yield MeetingResult(plan, folder, files, unchanged=True)
            continue
        cache.forget(folder)
        result = build_meeting(plan, by_file, built, out, formats, pool)
        cache.record(folder, key, {path.name: _digest(path) for path in result.files})
        yield result
