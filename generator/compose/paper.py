"""Stage 3, compose: a validated case becomes one paper HTML document per paper.

The HTML is the contract between compose and the writers (see docs/paper-html.md):
the PDF writer lays it out with the house CSS, the DOCX writer walks it. What the paper
says about itself (title, type, dates, dnr) travels beside the HTML as typed
``Paper.facts``, made once here, so the two formats and the archive cannot disagree.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import sys
import traceback
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment

from generator import __version__
from generator.compose import furniture, marks
from generator.compose.markdown import render_block, render_inline, revisions_signed
from generator.compose.tables import actions_table, table_view, tables_of
from generator.dates import modified_moment
from generator.errors import ArendeError, TemplateProblem, display_path
from generator.house import BASE, House
from generator.house.loader import FolderLoader
from generator.kinds import PaperKind, kind_for
from generator.kinds.tjansteskrivelse import registration_year
from generator.paper import Paper, PaperFacts
from generator.read import CaseBundle, Document
from generator.naming import case_prefix
from generator.swedish import and_list, long_date

# The language of every paper; base/paper.html.j2 writes it as <html lang>.
LANGUAGE = "sv"


def compose_case(bundle: CaseBundle) -> list[Paper]:
    """The case's papers in order: the main paper, then each rendered bilaga."""
    return [_paper(outcome) for outcome in _compose_each(bundle)]


def _paper(outcome: "Paper | TemplateProblem") -> Paper:
    if isinstance(outcome, TemplateProblem):
        raise outcome
    return outcome


def compose_each(bundle: CaseBundle, unknown: "UnknownNames") -> list["Paper | TemplateProblem"]:
    """For ``arende hus kontrollera``: each paper of the case, or the error that stopped
    it, so one broken template does not hide the others. A name or attribute a template
    uses that does not exist renders as nothing and is recorded in *unknown* with its
    template line, so every one of them is found in one round."""
    token = _UNKNOWN.set(unknown)
    try:
        return list(_compose_each(bundle, keep_going=True))
    finally:
        _UNKNOWN.reset(token)


def _compose_each(bundle: CaseBundle, keep_going: bool = False):
    case, house = bundle.case, bundle.house
    register = house.register
    department = register.departments[case.department]
    prefix = case_prefix(bundle)
    joint = _joint(case, register)
    common = {
        "case": case,
        "house": house,
        "style": house.style,
        "register": register,
        "department": department,
        "board_name": register.boards[case.board],
        "masthead_details": house.style.masthead.details(case.details),
        "proposal_heading": register.proposal_heading
            .replace("{förvaltning}", and_list([part["name"] for part in joint["departments"]]))
            .replace("{nämnd}", and_list([recipient["name"] for recipient in joint["recipients"]])),
        "attachment_numbers": case.attachment_numbers(),
        "joint": joint,
        # Every paper of a draft carries the house's watermark (generator/model/status.py).
        "watermark": house.style.marks.draft if bundle.is_draft else None,
    }
    authors = tuple(officer.name for officer in case.officers)
    makers = [lambda: _compose_paper(kind_for(case.kind), case, None, prefix, common, authors, {})]
    makers += [functools.partial(_compose_document, document, prefix, common, authors)
               for document in bundle.documents]
    signature = case.change_signature()
    for make in makers:
        try:
            # Every paper of the case, bilagor too, signs its revisions the same way;
            # set around each paper only, as this generator yields in between.
            with revisions_signed(*signature), tables_of(register, house.style):
                paper = make()
        except TemplateProblem as exc:
            if not keep_going:
                raise
            yield exc
            continue
        yield paper


def _compose_document(document: Document, prefix: str, common: dict,
                      authors: tuple[str, ...]) -> Paper:
    model = document.model
    return _compose_paper(kind_for(model.kind), model, document.number, prefix, common, authors,
                          {"doc": model, "bilaga": document})


def _compose_paper(kind: PaperKind, model, number: int | None, prefix: str, common: dict,
                   authors: tuple[str, ...], context: dict) -> Paper:
    """One paper of *kind*: its kind names it and says what it is; the case fills in
    the date and dnr a paper does not have of its own."""
    case = common["case"]
    identity = kind.describe(model, common["register"], number)
    joint = common["joint"]
    # A bilaga with a dnr of its own carries that one; every other paper all the case's.
    dnrs = tuple(case.dnrs) if identity.dnr in (None, case.dnr) else (identity.dnr,)
    facts = paper_facts(identity.title, identity.label, authors, identity.date or case.date,
                   dnrs, tuple(recipient["name"] for recipient in joint["recipients"]),
                   tuple(part["name"] for part in joint["departments"]), joint["year"])
    furniture_context = _furniture(common["house"], case, common["department"], joint,
                                   number, facts.date, dnrs, getattr(model, "marker", None))
    context = {**common, **furniture_context, **context, "meta": paper_meta(facts), "kind": kind.template}
    # The stamps are the main paper's: its plan holds signerad:, beslutad:, reviderad:.
    context["stamps"] = [] if number is not None else _stamps(common["house"], case, common["board_name"],
                                                              furniture_context["fields"])
    return render_paper(common["house"], kind.template, f"{prefix}_{identity.file_name}", identity.title,
                   context, facts)


# Fields of the running header that are document properties in the DOCX (see
# generator/writers/docx/properties.py): one source for the header and the masthead.
PROPERTIES = {"diarienummer": "Diarienummer", "datum": "Datum"}


def _furniture(house: House, case, department, joint: dict, attachment: int | None,
               date: dt.date, dnrs: tuple[str, ...], marker: str | None = None) -> dict:
    """The running header, page number and footer the house's style declares, filled in
    with this paper's fields. A joint paper's lists are joined with the house's separator;
    several dnr are then plain text, a single one stays the document property."""
    joined = house.style.header.separator.join
    # A förvaltning's own uppgifter ({telefon}); those only other förvaltningar have
    # are empty here, so a footer line naming one is left out, not an error.
    own = {name: "" for other in house.register.departments.values() for name in other.details}
    meetings = [r["meeting"].isoformat() for r in joint["recipients"] if r["meeting"]]
    fields = {
        **own,
        **department.detail_fields(),
        "kommun": house.register.name,
        "förvaltning": joined(part["name"] for part in joint["departments"]),
        "enhet": department.unit or "",
        "dokumenttyp": house.register.paper_type,
        "diarienummer": joined(dnrs),
        "datum": date.isoformat(),
        "nämnd": joined(recipient["name"] for recipient in joint["recipients"]),
        "sammanträde": joined(meetings),
        "registreringsår": str(joint["year"] or ""),
        "titel": case.title,
        "bilaga": str(attachment or ""),
        "märkning": (marker or f"Bilaga {attachment}") if attachment else "",
    }
    properties = PROPERTIES if len(dnrs) <= 1 else {"datum": "Datum"}
    return furniture_for(house, fields, department, properties, main=attachment is None)


def furniture_for(house: House, fields: dict[str, str], department, properties: dict[str, str],
                  *, main: bool = True) -> dict:
    """The running header, page number and footer of the house's style declaration,
    filled in with *fields*: those of a case's paper, or of a meeting's (the kallelse).
    *main* chooses the main paper's header text over the bilagor's."""
    style = house.style
    text = style.header.text if main else style.header.attachment
    try:
        return {
            "fields": fields,
            "running_header": furniture.fill_markup(text, fields, properties),
            # The later pages' own text (sidhuvud: senare sidor:); a bilaga's are its own text.
            "running_header_later": (None if not style.header.later else furniture.fill_markup(
                style.header.later if main else text, fields, properties)),
            "page_number": furniture.page_number_parts(style.page_number.form),
            "footer_columns": furniture.footer_columns(style.footer.columns, fields,
                                                        department.detail_lines()),
        }
    except furniture.UnknownField as exc:
        raise TemplateProblem(
            f"husstilen {house.key}: okänt fält {{{exc}}} i sidhuvud eller sidfot; fälten är "
            + ", ".join("{" + name + "}" for name in fields)) from None


def _stamps(house: House, case, board_name: str, fields: dict[str, str]) -> list[dict]:
    """The stamps of the main paper, worded as the house declares (stil: stämplar:)."""
    try:
        return marks.stamps(house.style.marks, case, board_name, fields)
    except furniture.UnknownField as exc:
        names = sorted({*fields, "av", "den", "paragraf"})
        raise TemplateProblem(
            f"husstilen {house.key}: okänt fält {{{exc}}} i stil: stämplar:; fälten är "
            + ", ".join("{" + name + "}" for name in names)) from None


def paper_facts(title: str, kind_label: str, authors: tuple[str, ...], date: dt.date,
           dnrs: tuple[str, ...], boards: tuple[str, ...], departments: tuple[str, ...],
           year: int | None) -> PaperFacts:
    """What the paper says about itself, once, for the head, both writers and the archive."""
    return PaperFacts(title=title, kind_label=kind_label, authors=authors, date=date,
                      modified=modified_moment(date), board=", ".join(boards),
                      dnr=dnrs[0] if dnrs else None, dnrs=dnrs, boards=boards,
                      departments=departments, registration_year=year,
                      language=LANGUAGE, generator=f"arende {__version__}")


def _joint(case, register) -> dict:
    """Every förvaltning (with its handläggare), recipient nämnd (with its sammanträde)
    and dnr (with its document property) of the case, for templates to list; a single
    case gives lists of one."""
    return {
        "departments": [{"name": register.departments[part.abbreviation].name, "officers": part.officers}
                        for part in case.departments],
        "recipients": [{"name": register.boards[recipient.abbreviation], "meeting": recipient.meeting}
                       for recipient in case.recipients],
        "dnrs": [(dnr_property(index), dnr) for index, dnr in enumerate(case.dnrs)],
        "year": registration_year(case, register),
    }


def dnr_property(index: int) -> str:
    """The document property of a case's dnr: 'Diarienummer', then 'Diarienummer-2' …"""
    return "Diarienummer" if index == 0 else f"Diarienummer-{index + 1}"


def paper_meta(facts: PaperFacts) -> dict[str, str]:
    """The paper's facts as the head's ``<meta>`` tags.

    WeasyPrint maps some of them to the PDF's metadata before the PDF writer replaces
    that with its own from ``Paper.facts``, and the preview shows them; nothing reads
    them back. ``dcterms.modified`` is the bare date unless SOURCE_DATE_EPOCH moved it.
    """
    if facts.modified == facts.created:
        modified = facts.date.isoformat()
    else:
        modified = facts.modified.strftime("%Y-%m-%dT%H:%M:%SZ")
    meta = {
        "title": facts.title,
        "author": facts.author,
        "description": facts.description,
        "keywords": ", ".join(facts.keywords),
        "generator": facts.generator,
        "dcterms.created": facts.date.isoformat(),
        "dcterms.modified": modified,
        "arende.kind": facts.kind_label,
        "arende.board": facts.board,
    }
    if facts.dnrs:
        meta["arende.dnr"] = ", ".join(facts.dnrs)
    return meta


class TemplateFailure(TemplateProblem):
    """A house's template could not be rendered: where (the template file and line, the
    house's own if the failure passed through one) and the underlying *error*, for
    ``arende hus kontrollera`` to explain; *names* are those the template could use."""

    def __init__(self, message: str, *, file: Path | None = None, line: int = 0,
                 error: BaseException | None = None, names: tuple[str, ...] = ()):
        super().__init__(message)
        self.file, self.line, self.error, self.names = file, line, error, names


class UnknownName(jinja2.UndefinedError):
    """A template used a name, or an attribute of *owner*, that does not exist."""

    def __init__(self, owner, name, message: str):
        super().__init__(message)
        self.owner = owner      # jinja2.utils.missing for a bare name
        self.name = name


class _Undefined(jinja2.StrictUndefined):
    """Jinja2's strict undefined, whose error says what was looked up on what."""

    __slots__ = ()

    def __init__(self, hint=None, obj=jinja2.utils.missing, name=None, exc=jinja2.UndefinedError):
        super().__init__(hint, obj, name, functools.partial(UnknownName, obj, name))


@dataclass(frozen=True)
class UnknownUse:
    """One use of a name or attribute that does not exist: where (the template lines it
    passed through, innermost last), on what (*owner*, missing for a bare name), and
    which names the template could have used."""

    frames: tuple[tuple[Path, int], ...]
    owner: Any
    name: str
    names: tuple[str, ...]


@dataclass
class UnknownNames:
    """Where compose records the unknown names of a lenient render."""

    uses: list[UnknownUse] = field(default_factory=list)
    names: tuple[str, ...] = ()


_UNKNOWN: contextvars.ContextVar[UnknownNames | None] = contextvars.ContextVar("unknown_names", default=None)


class _Recorded(jinja2.ChainableUndefined):
    """An undefined that renders as nothing and records each use (a lenient render)."""

    __slots__ = ()

    def _record(self) -> None:
        sink = _UNKNOWN.get()
        if sink is not None:
            sink.uses.append(UnknownUse(_template_stack(), self._undefined_obj,
                                        str(self._undefined_name), sink.names))

    def __getattr__(self, name: str) -> Any:
        if name[:2] == "__":
            raise AttributeError(name)
        self._record()
        return self

    __getitem__ = __getattr__

    def __str__(self) -> str:
        self._record()
        return ""

    def __html__(self) -> str:
        self._record()
        return ""

    def __iter__(self):
        self._record()
        return iter(())

    def __bool__(self) -> bool:
        self._record()
        return False

    def __len__(self) -> int:
        self._record()
        return 0

    def __call__(self, *args, **kwargs) -> Any:
        self._record()
        return self


def _template_stack() -> tuple[tuple[Path, int], ...]:
    """The template lines being rendered now, innermost last."""
    frames = []
    frame: types.FrameType | None = sys._getframe(1)
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None and template.filename:
            frames.append((Path(template.filename), template.get_corresponding_lineno(frame.f_lineno)))
        frame = frame.f_back
    return tuple(reversed(frames))


def template_frames(error: BaseException) -> list[tuple[Path, int]]:
    """The template lines *error* passed through, innermost last (Jinja2 puts the
    templates' own file and line into the traceback)."""
    frames = []
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename.endswith(".j2") and frame.lineno:
            frames.append((Path(frame.filename), frame.lineno))
    filename, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    if filename and line:   # a syntax error: where the parser stopped
        frames.append((Path(filename), line))
    return frames


def render_paper(house: House, kind: str, stem: str, title: str, context: dict,
                 facts: PaperFacts) -> Paper:
    env = _environment(house.roots)
    sink = _UNKNOWN.get()
    if sink is not None:
        sink.names = tuple(sorted({*context, *env.globals}))
    try:
        name = _template_name(env, house, kind)
        html = env.get_template(name).render(context)
    except ArendeError:
        raise
    except Exception as exc:  # noqa: BLE001 - a template may fail in any way (a filter on the wrong type)
        frames = template_frames(exc)
        own = [frame for frame in frames if frame[0].resolve().is_relative_to(house.folder.resolve())]
        file, line = (own or frames)[-1] if (own or frames) else (None, 0)
        where = f"{display_path(file)}:{line}" if file else kind
        names = tuple(sorted({*context, *env.globals}))
        raise TemplateFailure(f"mallfel i {where}: {exc}", file=file, line=line, error=exc,
                              names=names) from None
    return Paper(kind, stem, title, html, house, facts)


def _template_name(env: jinja2.Environment, house: House, kind: str) -> str:
    """A house's own template for *kind*, else the shared one in base/."""
    for folder in (house.key, BASE):
        name = f"{folder}/{kind}.html.j2"
        try:
            env.get_template(name)
            return name
        except jinja2.TemplateNotFound:
            continue
    raise TemplateProblem(f"husstilen {house.key} saknar mall för {kind}")


# Places where a template may mark text as safe HTML or switch autoescaping off, as
# "template name:line". Empty: the Markdown filters return ready-escaped Markup, so no
# template needs either, and a house style from outside cannot smuggle in raw HTML.
SAFE_ALLOWLIST: frozenset[str] = frozenset()


class _PaperEnvironment(SandboxedEnvironment):
    """Jinja2's sandbox, refusing templates that would let data through unescaped."""

    def _parse(self, source, name, filename):
        tree = super()._parse(source, name, filename)
        for node in tree.find_all((nodes.Filter, nodes.EvalContextModifier)):
            if isinstance(node, nodes.Filter) and node.name != "safe":
                continue
            if isinstance(node, nodes.EvalContextModifier) and not any(
                    kw.key == "autoescape" and not (isinstance(kw.value, nodes.Const) and kw.value.value)
                    for kw in node.options):
                continue
            if f"{name}:{node.lineno}" not in SAFE_ALLOWLIST:
                what = "'|safe'" if isinstance(node, nodes.Filter) else "'autoescape false'"
                raise TemplateFailure(
                    f"mallen {name} rad {node.lineno} använder {what}: data skulle kunna bli HTML. "
                    "Ta bort det (texten escapas redan rätt) eller för in platsen i SAFE_ALLOWLIST "
                    "med en motivering.", file=Path(filename) if filename else None, line=node.lineno)
        return tree


_ENVIRONMENTS: dict[tuple[tuple[Path, ...], bool], jinja2.Environment] = {}


def _compiled_templates() -> jinja2.BytecodeCache | None:
    """Jinja2's compiled templates kept between runs in arende's cache folder: compiling
    the templates is about 50 ms of every cold build. Jinja2 keys each entry by the
    template's name and source checksum, so an edited template is compiled afresh."""
    from generator.cache import cache_folder

    folder = cache_folder()
    if folder is None:
        return None
    try:
        (folder / "mallar").mkdir(parents=True, exist_ok=True)
    except OSError:   # a read-only home: compile every time, as before
        return None
    return jinja2.FileSystemBytecodeCache(str(folder / "mallar"))


def _environment(roots: tuple[Path, ...]) -> jinja2.Environment:
    """One sandboxed, autoescaping, strict environment per search path, reused across
    papers (and a lenient one for a render that records unknown names)."""
    lenient = _UNKNOWN.get() is not None
    if (roots, lenient) not in _ENVIRONMENTS:
        env = _PaperEnvironment(
            loader=FolderLoader([str(root) for root in roots]),
            bytecode_cache=_compiled_templates(),
            autoescape=True,
            undefined=_Recorded if lenient else _Undefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        env.filters.update(md=render_block, md_inline=render_inline, long_date=long_date,
                           actors=", ".join)
        env.globals.update(page_parts=furniture.page_number_parts, table_view=table_view,
                           actions_table=actions_table)
        _ENVIRONMENTS[(roots, lenient)] = env
    return _ENVIRONMENTS[(roots, lenient)]

