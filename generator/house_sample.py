"""The thorough part of checking a house: every template compiled, the sample case
composed through them, and for ``arende hus kontrollera`` written in both writers.

:mod:`generator.house_check` decides which houses to check and remembers the clean
ones; this module is imported only when a house is checked for real, so a build whose
houses are known clean does not import compose for nothing.
"""

from __future__ import annotations

import copy
import re
import tempfile
from pathlib import Path

import jinja2
import lxml.html

from generator.os_errors import swedish
from generator.compose.paper import TemplateFailure, UnknownNames, UnknownUse, compose_each
from generator.errors import (WARNING, ArendeError, Location, Problem, TemplateProblem,
                              display_path)
from generator.house import REGISTER_FILE, House, inspect_house
from generator.kinds import KINDS, kind_for
from generator.kinds.tjansteskrivelse import Case
from generator.load import Source, load_yaml
from generator.model.hints import did_you_mean
from generator.model.messages import problems_from
from generator.read import CaseBundle, Document
from generator.vocabulary import Departure, departures

SAMPLE_FOLDER = "exempel"
SAMPLE_CASE = "arende.yaml"
GUIDE_HINT = "se arende hus guide"
VOCABULARY_HINT = "en mall får bara använda elementen och klasserna i ordförrådet, se arende hus guide"

def check_folder(folder: Path, roots: tuple[Path, ...], write: bool, out: Path | None = None) -> list[Problem]:
    """Every problem of the house in *folder*, found now (see generator.house_check)."""
    house, problems = inspect_house(folder, roots)
    if house is not None:
        problems += _compile_all(house) + _unused_templates(house)
        papers, found = _sample_papers(house)
        problems += found
        if write and not any(not p.is_warning and p.field == "logotyp" for p in problems):
            problems += _write_all(house, papers, out)
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (p.location, p.field, p.message))


# --- templates --------------------------------------------------------------------


def _own_templates(house: House) -> list[Path]:
    return sorted(path for path in house.folder.rglob("*.j2") if path.is_file()
                  and not any(part.startswith(".") for part in path.relative_to(house.folder).parts))


def _environment(house: House) -> jinja2.Environment:
    from generator.compose.paper import _environment

    return _environment(house.roots)


def _compile_all(house: House) -> list[Problem]:
    """Every template of the house compiled, so a syntax error in one no paper reaches
    (a macro file, a block not yet used) is found too."""
    env = _environment(house)
    problems = []
    root = house.folder.parent
    for path in _own_templates(house):
        name = path.relative_to(root).as_posix()
        try:
            env.get_template(name)
        except TemplateFailure as exc:
            problems.append(_template_problem(exc, house))
        except jinja2.TemplateSyntaxError as exc:
            problems.append(_template_problem(TemplateFailure(str(exc), file=path, line=exc.lineno or 0,
                                                              error=exc), house))
    return problems


def _unused_templates(house: House) -> list[Problem]:
    """A template named like no kind of paper is never used: say so, with the names that are."""
    used = {f"{kind.template}.html.j2" for kind in KINDS.values()}
    problems = []
    for path in _own_templates(house):
        if path.parent != house.folder or path.name in used or "scaffold" in path.parts:
            continue
        if _imported_somewhere(house, path.name):
            continue
        guess = did_you_mean(path.name, sorted(used), listing=False)
        problems.append(Problem(Location(path), "", "mallen används inte av någon handling",
                                (f"{guess} " if guess else "") + "mallarna som används heter "
                                + ", ".join(sorted(used)), WARNING))
    return problems


def _imported_somewhere(house: House, name: str) -> bool:
    """Whether some template of the house imports, includes or extends *name*."""
    pattern = re.compile(r"""["'][^"']*\b""" + re.escape(name) + r"""["']""")
    return any(pattern.search(path.read_text(encoding="utf-8", errors="replace"))
               for path in _own_templates(house) if path.name != name)


def _template_problem(failure: TemplateFailure, house: House) -> Problem:
    """A template failure as a located problem in the house's words."""
    error, file, line = failure.error, failure.file, failure.line
    if file is None:
        file, line = house.folder / REGISTER_FILE, 0
    text = _line(file, line)
    column, field, hint = 0, "", GUIDE_HINT
    message = f"mallfel: {error}" if error is not None else failure.format_message()
    if isinstance(error, jinja2.TemplateSyntaxError):
        message, hint = _syntax(error, sorted(_environment(house).filters))
    elif isinstance(error, jinja2.TemplateNotFound):
        message = f"mallen '{error.name}' finns inte"
        hint = "mallarna som finns heter base/<typ>.html.j2 och base/components.html.j2"
    elif error is not None and not isinstance(error, jinja2.TemplateError):
        message = f"mallen kunde inte göras: {type(error).__name__}: {error}"
    elif error is None:   # '|safe' or 'autoescape false' (see compose.paper._PaperEnvironment)
        what = "'|safe'" if "'|safe'" in message else "'autoescape false'"
        message = f"mallen använder {what}: data skulle kunna bli HTML"
        hint = "ta bort det; texten escapas redan rätt"
    return Problem(_at(file, line, column, text), field, message, hint, verbatim=True)


def _at(file: Path, line: int, column: int, text: str) -> Location:
    if line and not column:   # where the line's text starts
        column = len(text) - len(text.lstrip()) + 1
    return Location(file, line, column) if line else Location(file)


def _unknown_problem(use: UnknownUse, house: House) -> Problem:
    """An unknown name or attribute, at the line of the house's own template that uses it."""
    own = [frame for frame in use.frames if frame[0].resolve().is_relative_to(house.folder)]
    file, line = (own or list(use.frames) or [(house.folder / REGISTER_FILE, 0)])[-1]
    text = _line(file, line)
    field, message, hint, column = _undefined(use.owner, use.name, text, use.names)
    return Problem(_at(file, line, column, text), field, message, hint, verbatim=True)


def _line(file: Path, line: int) -> str:
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except OSError:
        return ""
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _undefined(owner, name: str, text: str, names: tuple[str, ...]) -> tuple[str, str, str, int]:
    """Field, message, hint and column for an unknown name or attribute."""
    if owner is jinja2.utils.missing:
        column = _column(text, r"(?<![\w.])" + re.escape(name) + r"\b")
        hint = did_you_mean(name, names, listing=False)
        return name, "okänt namn i mallen", f"{hint} {GUIDE_HINT}".strip() if hint else \
            f"namnen en mall kan använda står i husguiden ({GUIDE_HINT})", column
    match = re.search(r"([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*)\s*(?:\.|\[\s*['\"])" + re.escape(name) + r"\b", text)
    expression = f"{match.group(1)}.{name}" if match else name
    column = match.start() + 1 if match else 0
    known = _attributes(owner)
    alias = _field_of_alias(owner, name)
    if alias:
        hint = f"i mallarna heter fältet '{alias}'; '{name}' är namnet i YAML"
    else:
        guess = did_you_mean(name, known, listing=False)
        hint = guess or ("kända: " + ", ".join(known) if 0 < len(known) <= 30 else GUIDE_HINT)
    return expression, f"okänt fält '{name}'", hint, column


def _column(text: str, pattern: str) -> int:
    match = re.search(pattern, text)
    return match.start() + 1 if match else 0


def _attributes(owner) -> list[str]:
    """The names a template may use on *owner*: a model's fields and properties, a
    mapping's keys, a template module's macros."""
    if isinstance(owner, dict):
        return sorted(str(key) for key in owner)
    names = {name for name in dir(owner) if not name.startswith("_")}
    fields = getattr(type(owner), "model_fields", None)
    if fields is not None:   # a pydantic model: leave out pydantic's own machinery
        names = {name for name in names if not name.startswith("model_")} | set(fields)
    return sorted(names)


def _field_of_alias(owner, alias: str) -> str | None:
    """The attribute a YAML key (the Swedish alias) is called by in templates."""
    for name, field in (getattr(type(owner), "model_fields", None) or {}).items():
        if field.alias == alias:
            return name
    return None


_TAGS = ["block", "endblock", "if", "elif", "else", "endif", "for", "endfor", "set", "endset",
         "macro", "endmacro", "import", "from", "extends", "include", "call", "endcall",
         "filter", "endfilter", "with", "endwith"]


def _syntax(error: jinja2.TemplateSyntaxError, filters: list[str]) -> tuple[str, str]:
    """A syntax error in Swedish, as far as the usual ones go."""
    text = str(error.message or "")
    if match := re.match(r"Encountered unknown tag '([^']+)'", text):
        guess = did_you_mean(match.group(1), _TAGS, listing=False)
        return f"okänd tagg '{match.group(1)}'", guess or "taggarna är " + ", ".join(_TAGS)
    if match := re.match(r"[Nn]o filter named '([^']+)'", text):
        guess = did_you_mean(match.group(1), filters, listing=False)
        return f"okänt filter '{match.group(1)}'", guess or "husets egna filter är md, md_inline, long_date och actors"
    if text.startswith("Unexpected end of template"):
        missing = re.search(r"looking for the following tags: '([^']+)'", text)
        return ("mallen tar slut innan ett block är avslutat",
                f"saknas {{% {missing.group(1)} %}}?" if missing else "saknas {% endblock %}, {% endif %} "
                "eller {% endfor %}?")
    if match := re.match(r"expected token '([^']+)', got '([^']+)'", text):
        return f"syntaxfel: väntade '{match.group(1)}' men fick '{match.group(2)}'", GUIDE_HINT
    if match := re.match(r"unexpected '([^']+)'", text):
        return f"syntaxfel: oväntat '{match.group(1)}'", "kontrollera {{ }}, {% %} och parenteser på raden"
    if match := re.match(r"[Bb]lock '([^']+)' defined twice", text):
        return f"blocket '{match.group(1)}' finns två gånger", "ta bort det ena"
    return f"syntaxfel i mallen: {text}", GUIDE_HINT


# --- the sample case ---------------------------------------------------------------


def sample_folder(house: House) -> Path:
    """The sample case: the base templates' own (a municipality's ./templates/base may have one)."""
    for root in house.roots:
        if (root / "base" / SAMPLE_FOLDER / SAMPLE_CASE).is_file():
            return root / "base" / SAMPLE_FOLDER
    return house.base / SAMPLE_FOLDER


def _fill(house: House) -> dict[str, str]:
    """The sample's placeholders, from the house's own register."""
    register = house.register
    dnr = register.dnr.example
    match = re.fullmatch(register.dnr.pattern, dnr)
    groups = match.groupdict() if match else {}
    year = groups.get("år") or ""
    year = year if year.isdigit() else "2024"
    board = groups.get("nämnd") or ""
    board = board if board in register.boards else next(iter(register.boards))
    return {"«hus»": house.key, "«förvaltning»": next(iter(register.departments)), "«nämnd»": board,
            "«diarienummer»": dnr, "«datum»": f"{year}-03-01", "«sammanträde»": f"{year}-03-20"}


def _substitute(data, values: dict[str, str]):
    if isinstance(data, str):
        return values.get(data.strip(), data)
    if isinstance(data, dict):
        return {key: _substitute(value, values) for key, value in data.items()}
    if isinstance(data, list):
        return [_substitute(value, values) for value in data]
    return data


def _fit_columns(data, columns) -> None:
    """Leave out of the sample's action tables the values the house has no column for
    (an area with columns of its own keeps its own)."""
    have = {"åtgärd": columns.action, "huvudansvarig": columns.lead,
            "andra berörda": columns.others, "tidplan": columns.schedule}
    if isinstance(data, dict):
        if isinstance(data.get("åtgärder"), list) and "kolumner" not in data:
            for action in data["åtgärder"]:
                for key in [key for key in action if not have.get(key)]:
                    del action[key]
        for value in data.values():
            _fit_columns(value, columns)
    elif isinstance(data, list):
        for value in data:
            _fit_columns(value, columns)


def _sample_source(path: Path, house: House, values: dict[str, str]) -> Source:
    source = load_yaml(path)
    source.data = _substitute(source.data, values)
    _fit_columns(source.data, house.register.columns)
    return source


def _sample_bundles(house: House) -> tuple[list[CaseBundle], list[Problem]]:
    """The sample case as validated bundles: with att-satser, and with numbered points."""
    folder = sample_folder(house)
    values = _fill(house)
    context = {"register": house.register}
    problems: list[Problem] = []
    source = _sample_source(folder / SAMPLE_CASE, house, values)
    documents = []
    for number, entry in enumerate(source.data.get("bilagor", []), start=1):
        if "dokument" not in entry:
            continue
        doc_source = _sample_source(folder / entry["dokument"], house, values)
        model_class = kind_for(doc_source.data["typ"]).model
        try:
            model = model_class.model_validate(doc_source.data, context=context)
        except Exception as exc:  # noqa: BLE001 - pydantic's ValidationError
            problems += _sample_problems(exc, doc_source, model_class, house)
            continue
        documents.append(Document(number, entry["titel"], model, doc_source))
    bundles = []
    proposal = source.data["förslag till beslut"]
    points = {key: value for key, value in proposal.items() if key != "att"} | {"punkter": proposal["att"]}
    case_kind = Case
    for variant in (proposal, points):
        data = copy.deepcopy(source.data) | {"förslag till beslut": variant}
        try:
            case = case_kind.model_validate(data, context=context)
        except Exception as exc:  # noqa: BLE001
            problems += _sample_problems(exc, source, case_kind, house)
            break
        bundles.append(CaseBundle(folder, case, house, source, documents))
    # The house's own form first: that is the variant written by both writers.
    if house.register.proposal_form == "punkter":
        bundles.reverse()
    return bundles, problems


def _sample_problems(error, source: Source, model, house: House) -> list[Problem]:
    """The sample case does not validate against the house's register: say so at hus.yaml."""
    from pydantic import ValidationError

    if not isinstance(error, ValidationError):
        raise error
    where = Location(house.folder / REGISTER_FILE)
    return [Problem(where, "", f"exempelärendet godtas inte av husets register: {p.position}: {p.message}",
                    p.hint or GUIDE_HINT) for p in problems_from(error, source, model)]


def _sample_papers(house: House) -> tuple[list, list[Problem]]:
    """Compose the sample through the house's templates; every vocabulary departure of
    the papers, located in the house's templates. Returns the papers of the house's own
    proposal form (to write) and the problems."""
    bundles, problems = _sample_bundles(house)
    written = []
    for index, bundle in enumerate(bundles):
        unknown = UnknownNames()
        for outcome in compose_each(bundle, unknown):
            if isinstance(outcome, TemplateFailure):
                problems.append(_template_problem(outcome, house))
            elif isinstance(outcome, TemplateProblem):
                problems.append(Problem(Location(house.folder / REGISTER_FILE), "", outcome.format_message(),
                                        GUIDE_HINT))
            else:
                found = [_vocabulary_problem(d, house, outcome.kind) for d in _departures(outcome.html)]
                problems += found
                if index == 0 and not found:
                    written.append(outcome)
        problems += [_unknown_problem(use, house) for use in unknown.uses]
        if unknown.uses:   # those papers were made leniently: not to be written
            written = []
    return written, problems


def _departures(html: str) -> list[Departure]:
    try:
        return departures(lxml.html.document_fromstring(html))
    except Exception as exc:  # noqa: BLE001 - lxml raises several types for unusable input
        return [Departure(None, f"pappers-HTML:en kan inte läsas: {exc}", ("tag", "html"))]


def _vocabulary_problem(departure: Departure, house: House, kind: str) -> Problem:
    """A departure from the vocabulary, at the line of the house's own template that
    writes the class, element or attribute (the kind's own template first)."""
    what, name = departure.needle
    patterns = {
        "class": [r"""class=["'][^"']*?(?<![\w-])(""" + re.escape(name) + r""")(?![\w-])""",
                  r"""["'](""" + re.escape(name) + r""")["']"""],
        "tag": [r"<(" + re.escape(name) + r")\b"],
        "attribute": [r"<[^>]*\s(" + re.escape(name) + r")\s*="],
    }[what]
    own = _own_templates(house)
    first = [path for path in own if path.name == f"{kind}.html.j2"]
    for pattern in patterns:
        for path in first + [p for p in own if p not in first]:
            for number, text in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
                match = re.search(pattern, text)
                if match:
                    return Problem(Location(path, number, match.start(1) + 1), "", departure.message,
                                   VOCABULARY_HINT)
    fallback = first[0] if first else house.folder / REGISTER_FILE
    return Problem(Location(fallback), "", departure.message, VOCABULARY_HINT)


# --- the writers ------------------------------------------------------------------


def _write_all(house: House, papers: list, out: Path | None = None) -> list[Problem]:
    """Each sample paper written as PDF and DOCX, into ``out/<house>/`` or a temporary
    folder; a failure is a problem of the house (located at hus.yaml: the writers do
    not know a line)."""
    from generator.writers import FORMATS, writer_for

    problems = []
    with tempfile.TemporaryDirectory(prefix="arende-hus-") as scratch:
        folder = Path(scratch) if out is None else out / house.key
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ArendeError(f"kan inte skriva i {display_path(folder)}: {swedish(exc)}") from None
        for paper in papers:
            for fmt in FORMATS:
                try:
                    writer_for(fmt)(paper, folder / f"{paper.stem}.{fmt}")
                except ArendeError as exc:
                    problems.append(Problem(Location(house.folder / REGISTER_FILE), "",
                                            f"{fmt.upper()} kunde inte göras: {exc.format_message()}",
                                            GUIDE_HINT))
    return problems
