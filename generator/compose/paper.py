"""Stage 3, compose: a validated case becomes one paper HTML document per paper.

The HTML is the contract between compose and the writers (see docs/paper-html.md):
the PDF writer lays it out with the house CSS, the DOCX writer walks it. Everything a
writer needs, metadata included, is in the HTML, so the two formats cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment

from generator import __version__
from generator.compose.markdown import render_block, render_inline, revisions_signed
from generator.errors import TemplateProblem
from generator.house import BASE, House
from generator.paper import Paper
from generator.read import CaseBundle, Document
from generator.naming import case_prefix, slug
from generator.model.plan import Area, Columns

MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december"]



def compose_case(bundle: CaseBundle) -> list[Paper]:
    """The case's papers in order: the tjänsteskrivelse, then each rendered bilaga."""
    case, house = bundle.case, bundle.house
    register = house.register
    department = register.departments[case.department]
    prefix = case_prefix(bundle)
    paper_type = register.paper_type
    common = {
        "case": case,
        "house": house,
        "register": register,
        "department": department,
        "board_name": register.boards[case.board],
        "proposal_heading": register.proposal_heading.replace("{förvaltning}", department.name),
        "attachment_numbers": case.attachment_numbers(),
    }
    authors = ", ".join(officer.name for officer in case.officers)
    meta = _meta(case.title, authors, case.date, case.dnr, paper_type, common["board_name"])
    # Every paper of the case, bilagor too, signs its revisions the same way.
    with revisions_signed(*case.change_signature()):
        papers = [_render(house, "tjansteskrivelse", f"{prefix}_{slug(paper_type).lower()}",
                          case.title, {**common, "meta": meta, "kind": "tjansteskrivelse"})]
        for document in bundle.documents:
            papers.append(_compose_document(document, house, prefix, common, authors))
    return papers


def _compose_document(document: Document, house: House, prefix: str, common: dict,
                      authors: str) -> Paper:
    case = common["case"]
    model = document.model
    kind = model.kind
    label = f"Bilaga {document.number}"
    meta = _meta(model.title, authors, case.date, case.dnr, f"{label}, {kind}", common["board_name"])
    context = {**common, "meta": meta, "kind": kind, "doc": model, "bilaga": document}
    stem = f"{prefix}_bilaga-{document.number}_{slug(kind)}"
    return _render(house, kind, stem, model.title, context)


def _meta(title, authors, date, dnr, kind_label, board) -> dict[str, str]:
    """The head metadata every writer reads (WeasyPrint maps most of it to PDF info).

    ``dcterms.modified`` is the paper's date too, unless SOURCE_DATE_EPOCH says
    otherwise (see generator.dates); neither is ever the time of the build.
    """
    from generator.dates import modified_stamp

    meta = {
        "title": title,
        "author": authors,
        "description": " ".join(filter(None, [kind_label, dnr, board])),
        "keywords": ", ".join(filter(None, [dnr, board, kind_label])),
        "generator": f"arende {__version__}",
        "dcterms.created": date.isoformat(),
        "dcterms.modified": modified_stamp(date),
        "arende.kind": kind_label,
        "arende.board": board,
    }
    if dnr:
        meta["arende.dnr"] = dnr
    return meta


def _render(house: House, kind: str, stem: str, title: str, context: dict) -> Paper:
    env = _environment(house.roots)
    name = _template_name(env, house, kind)
    try:
        html = env.get_template(name).render(context)
    except jinja2.TemplateError as exc:
        where = f"{getattr(exc, 'filename', None) or name}:{getattr(exc, 'lineno', '') or ''}"
        raise TemplateProblem(f"mallfel i {where}: {exc}") from None
    return Paper(kind, stem, title, html, house)


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
                raise TemplateProblem(
                    f"mallen {name} rad {node.lineno} använder {what}: data skulle kunna bli HTML. "
                    "Ta bort det (texten escapas redan rätt) eller för in platsen i SAFE_ALLOWLIST "
                    "med en motivering.")
        return tree


_ENVIRONMENTS: dict[tuple[Path, ...], jinja2.Environment] = {}


def _environment(roots: tuple[Path, ...]) -> jinja2.Environment:
    """One sandboxed, autoescaping, strict environment per search path, reused across papers."""
    if roots not in _ENVIRONMENTS:
        env = _PaperEnvironment(
            loader=jinja2.FileSystemLoader([str(root) for root in roots]),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        env.filters.update(md=render_block, md_inline=render_inline, long_date=long_date,
                           actors=", ".join)
        env.globals.update(columns=columns)
        _ENVIRONMENTS[roots] = env
    return _ENVIRONMENTS[roots]


def long_date(value: dt.date) -> str:
    """A date as Swedish prose: 2021-08-24 → '24 augusti 2021'."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def columns(area: Area, defaults: Columns) -> list[tuple[str, str]]:
    """The (field, heading) pairs of an area's action table, in print order."""
    chosen = area.columns or defaults
    pairs = [("action", chosen.action), ("lead", chosen.lead),
             ("others", chosen.others), ("schedule", chosen.schedule)]
    return [(key, heading) for key, heading in pairs if heading]
