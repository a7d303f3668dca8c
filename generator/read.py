"""Reading a whole case: its main paper, its house and its bilaga documents.

Which model a file is validated as, and which checks it gets beyond that, is its
kind of paper's (:mod:`generator.kinds`), named by its ``typ``.

Everything wrong is collected before anything is raised, across every file of the
case, so a person fixes all mistakes in one round instead of one per run. The house
is found first (from the raw ``hus`` value), so that validation can check boards,
bodies and the diarienummer against the house's register in the same pass as types.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.errors import InvalidPlan, Location, Problem
from generator.house import House, find_house
from generator.load import Source, load_yaml
from generator.load.files import climbs, inside, kind_of_path
from generator.load.pdf import UnusablePdf, inspect_pdf, is_pdf_name
from generator.load.source import dotted
from generator.kinds import KINDS, kind_for, kind_of
from generator.model.checks import (as_final, check_glyphs, check_text, is_placeholder,
                                    without_shadowed_warnings)
from generator.model.status import DRAFT
from generator.model.messages import problems_from
from generator.kinds.tjansteskrivelse import Case
from generator.model.plan import PaperModel, attachment_number
from generator.plan_files import CASE_FILE
from generator.positions import spoken


@dataclass
class Document:
    """A bilaga that is itself a plan document, rendered as its own paper."""

    number: int
    title: str
    model: PaperModel       # the model of its kind (a handlingsplan, a generic bilaga …)
    source: Source


@dataclass
class AttachedPdf:
    """A bilaga that is an existing PDF in the case folder: listed, numbered, stamped
    and copied, never rendered or changed."""

    number: int
    title: str
    path: Path
    pages: int
    pdfa: str | None        # the PDF/A conformance it claims ('2b'), or None
    location: Location      # its 'dokument:' in arende.yaml, for later messages
    field: str              # and that field's name, 'bilagor[1].dokument'


@dataclass
class CaseBundle:
    """A validated case: the main paper, its house, and its rendered bilagor."""

    folder: Path
    case: Case              # the main paper (a tjänsteskrivelse)
    house: House
    source: Source
    documents: list[Document] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    attached: list[AttachedPdf] = field(default_factory=list)
    # Asked for as a draft (arende build --utkast), whatever the plan's status says.
    draft: bool = False

    @property
    def is_draft(self) -> bool:
        """Whether the case's papers are a draft: by the build's choice or the plan's status."""
        return self.draft or self.case.status == DRAFT

    @property
    def placeholders(self) -> list[Problem]:
        """The warnings about placeholders left in: errors in a build that is no draft."""
        return [p for p in self.warnings if is_placeholder(p)]

    @property
    def sources(self) -> list[Path]:
        """The case's YAML files."""
        return [self.source.path] + [doc.source.path for doc in self.documents]

    @property
    def inputs(self) -> list[Path]:
        """Every file the case's output is made from: its YAML files and attached PDFs."""
        return self.sources + [pdf.path for pdf in self.attached]


def case_file(path: Path) -> Path:
    """The case file for *path*: the folder's ``arende.yaml``, or the file itself."""
    path = Path(path)
    return path / CASE_FILE if path.is_dir() else path


def read_case(path: Path) -> CaseBundle:
    """Load and validate the case at *path*, or raise :class:`InvalidPlan` with every problem."""
    file = case_file(path)
    source = load_yaml(file)
    _require_mapping(source)
    house = _house_of(source)
    schedules = house.register.checks.schedule_form
    problems: list[Problem] = []
    case = None
    try:
        case = _validate(source, kind_of(source, main=True).model, house)
    except InvalidPlan as exc:
        problems.extend(exc.problems)

    documents: list[Document] = []
    attached: list[AttachedPdf] = []
    attachments = source.data.get("bilagor")
    numbers: dict[int, int] = {}
    files: dict[Path, int] = {}
    for index, entry in enumerate(attachments if isinstance(attachments, list) else []):
        if not isinstance(entry, dict):
            continue
        number = _number(entry, index)
        if number in numbers:
            problems.append(Problem(
                source.locate(("bilagor", index)), f"bilagor[{index}].nummer",
                f"bilaga {number} finns redan ({spoken(('bilagor', numbers[number]))} i listan)",
                "varje bilaga ska ha ett eget nummer"))
        numbers.setdefault(number, index)
        if not isinstance(entry.get("dokument"), str):
            continue
        at = ("bilagor", index, "dokument")
        try:
            read: AttachedPdf | Document = (
                _read_pdf(file.parent, entry, number, source, at) if is_pdf_name(entry["dokument"])
                else _read_document(file.parent, entry, number, house, source, at))
        except InvalidPlan as exc:
            problems.extend(exc.problems)
            continue
        path = read.path if isinstance(read, AttachedPdf) else read.source.path
        same = files.setdefault(path.resolve(), index)
        if same != index:   # one file twice: two bilagor that say the same, numbered apart
            problems.append(Problem(source.locate(at), dotted(at), f"samma fil som {spoken(('bilagor', same))} i listan",
                                    "varje bilaga ska vara en egen fil"))
        elif isinstance(read, AttachedPdf):
            attached.append(read)
        else:
            documents.append(read)
            problems.extend(check_text(read.source, schedules) + check_glyphs(read.source, house))
    for document in documents:
        problems.extend(_kind_checks(document.model, house, document.source, set(numbers)))
    if case is not None:
        problems.extend(_kind_checks(case, house, source, set(numbers)))
    problems = without_shadowed_warnings(problems + check_text(source, schedules) + check_glyphs(source, house))
    if case is None or any(not p.is_warning for p in problems):  # no case: its errors are here
        # its placeholders as the build will see them once the other errors are fixed
        final = source.data.get("status") != DRAFT
        raise InvalidPlan([as_final(p) if final and is_placeholder(p) else p for p in problems])
    problems.sort(key=lambda p: (p.location, p.field))
    return CaseBundle(file.parent, case, house, source, documents, warnings=problems, attached=attached)


def _require_mapping(source: Source) -> None:
    if not isinstance(source.data, dict):
        raise InvalidPlan([Problem(Location(source.path, 1, 1), "",
                                   "filen ska innehålla fält (nyckel: värde), inte en lista eller en ensam text")])


def _house_of(source: Source) -> House:
    name = source.data.get("hus")
    misspelt = _misspelt_house_key(source) if name is None else None
    if misspelt is not None:   # 'huss: uppsala': say that, not that hus is missing
        raise InvalidPlan([Problem(source.locate((misspelt,), key=True), misspelt, "okänt fält",
                                   "menade du 'hus'?")])
    if not isinstance(name, str) or not name.strip():
        raise InvalidPlan([Problem(source.locate(("hus",)), "hus",
                                   "fältet saknas" if name is None else "ska vara text",
                                   "husstilen avgör mallar och register, t.ex. 'hus: uppsala'")])
    return find_house(name, source.locate(("hus",)))


def _misspelt_house_key(source: Source) -> str | None:
    """A top-level key no kind of paper knows that is a misspelling of 'hus'."""
    known = {field.alias or name for kind in KINDS.values() for name, field in kind.model.model_fields.items()}
    for key in source.data:
        if isinstance(key, str) and key not in known and difflib.get_close_matches(key, ["hus"], cutoff=0.6):
            return key
    return None


def _number(entry: dict[str, Any], index: int) -> int:
    """A bilaga's number from raw YAML, where 'nummer' is still text (or anything else)."""
    written = entry.get("nummer")
    number = int(written) if isinstance(written, str) and written.strip().isdigit() else None
    return attachment_number(number, index)


def inside_case(folder: Path, name: str, parent: Source, at: tuple) -> Path:
    """The file a bilaga's ``dokument:`` names: inside the case folder (no ``..`` or
    symbolic link out of it) and there, else :class:`InvalidPlan` at *at*."""
    path = folder / name
    refused = kind_of_path(path)   # a FIFO, a device, a link in a loop: never read
    if climbs(name) or (not refused and not inside(folder, path)):
        raise InvalidPlan([Problem(parent.locate(at), dotted(at),
                                   "dokumentet måste ligga i ärendets mapp",
                                   "inte via '..' eller en symbolisk länk ut ur mappen")])
    if refused:
        raise InvalidPlan([Problem(parent.locate(at), dotted(at), f"'{name}' {refused}")])
    if not path.is_file():
        raise InvalidPlan([Problem(parent.locate(at), dotted(at),
                                   f"filen '{name}' finns inte i {folder.name}/")])
    return path


def _read_pdf(folder: Path, entry: dict, number: int, parent: Source, at: tuple) -> AttachedPdf:
    """An attached PDF, opened far enough to know it can be listed, stamped and copied."""
    path = inside_case(folder, entry["dokument"], parent, at)
    try:
        facts = inspect_pdf(path)
    except UnusablePdf as exc:
        raise InvalidPlan([Problem(parent.locate(at), dotted(at), f"{entry['dokument']}: {exc}")]) from None
    title = entry.get("titel")
    return AttachedPdf(number, title if isinstance(title, str) and title.strip() else path.stem,
                       path.resolve(), facts.pages, facts.pdfa, parent.locate(at), dotted(at))


def _read_document(folder: Path, entry: dict, number: int, house: House,
                   parent: Source, at: tuple) -> Document:
    path = inside_case(folder, entry["dokument"], parent, at)
    source = load_yaml(path)
    _require_mapping(source)
    model = _validate(source, kind_of(source, main=False).model, house)
    return Document(number, str(entry.get("titel") or model.title), model, source)


def _kind_checks(model: PaperModel, house: House, source: Source, numbers: set[int]) -> list[Problem]:
    """The cross-field checks of *model*'s own kind of paper, if it has any."""
    check = kind_for(model.kind).check
    return check(model, house.register, source, numbers) if check else []


def _validate(source: Source, model_class: type[BaseModel], house: House):
    try:
        return model_class.model_validate(source.data, context={"register": house.register, "style": house.style})
    except ValidationError as exc:
        raise InvalidPlan(problems_from(exc, source, model_class)) from None
