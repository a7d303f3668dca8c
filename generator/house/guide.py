"""The house author's guide (``docs/husguide.md``, ``arende hus guide``).

Most of the guide is written by hand. Its reference of the style declaration, every
field of ``stil:`` with its default and meaning, is generated here from the model in
:mod:`generator.house.style` (aliases, descriptions, defaults), between two marker
lines, so it cannot fall behind the code: ``tests/test_husguide.py`` fails when the
committed guide differs from what this module makes. Regenerate with
``python -m generator.house.guide``.
"""

from __future__ import annotations

import types
import typing
from pathlib import Path

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.house import style as model
from generator.house import style_values as values
from generator.house.style import ADDRESS_FIELD, FURNITURE_FIELDS, PART_DEFAULTS, HouseStyle, TextStyle
from generator.shipped_docs import shipped_doc

GUIDE_NAME = "husguide.md"
# The generated sections: name → (first marker line, last marker line).
MARKERS = {
    name: (f"<!-- {name}: början. Genererat av generator/house/guide.py ur modellen; ändra inte för hand. -->",
           f"<!-- {name}: slut -->")
    for name in ("stil", "mallnamn")
}


def guide_path() -> Path:
    """The guide: inside the wheel (generator/docs/), or in the checkout's docs/."""
    return shipped_doc(GUIDE_NAME)


def style_reference() -> str:
    """The generated section: ``stil:`` field by field."""
    out: list[str] = []
    for name, info in HouseStyle.model_fields.items():
        inner = _model_of(info.annotation)
        out.append(f"### `{info.alias}`: {_sentence(info.description)}\n")
        if name == "text":
            out.append(_text_parts())
        elif inner is not None:
            out.append(_table(inner))
        if name == "header":
            out.append(_fields_note())
        if name == "footer":
            out.append(f"I raderna kan samma fält stå som i sidhuvudet. En rad som bara är "
                       f"`{{{ADDRESS_FIELD}}}` blir förvaltningens alla adressrader, en rad per rad under "
                       "`adress:` i registret. En rad vars fält alla är tomma skrivs inte.\n")
        if name == "footer":
            out.append("Varje kolumn under `kolumner`:\n")
            out.append(_table(model.FooterColumn))
    return "\n".join(out).rstrip() + "\n"


def _sentence(text: str | None) -> str:
    text = (text or "").strip()
    return text if text.endswith(".") else text + "."


def _model_of(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _table(cls: type[BaseModel]) -> str:
    rows = ["| fält | standard | värde | betydelse |", "|---|---|---|---|"]
    for info in cls.model_fields.values():
        rows.append(f"| `{info.alias}` | {_default(info)} | {_kind(info)} | {_cell(info.description)} |")
    return "\n".join(rows) + "\n"


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def _text_parts() -> str:
    """The fields of one text kind, then every text kind with the look it has by default."""
    out = ["Under `text:` står ett textslag per rad, med de fält det ska ändra; det som "
           "utelämnas ärvs (typsnitt, storlek, färg och stil från brödtexten, avstånden är "
           "textslagets egna). Till exempel `rubrik 1: {storlek: 16, färg: '#1F3864'}`.\n",
           "Fälten för ett textslag:\n", _table(TextStyle),
           "Textslagen och deras utseende utan egna inställningar (typsnittet är brödtextens, "
           "rubrikernas eller detaljernas enligt `typsnitt`):\n",
           "| textslag | standard |", "|---|---|"]
    for part, look in PART_DEFAULTS.items():
        out.append(f"| `{part}` | {_look(look)} |")
    return "\n".join(out) + "\n"


def _look(look: TextStyle) -> str:
    words = []
    if look.font:
        words.append(look.font)
    if look.size is not None:
        words.append(f"{_number(look.size)} pt")
    for flag, word in ((look.bold, "fet"), (look.italic, "kursiv"), (look.caps, "versaler")):
        if flag:
            words.append(word)
    if look.colour and look.colour != "#000000":
        words.append(f"färg {look.colour}")
    if look.tracking:
        words.append(f"spärrning {_number(look.tracking)}")
    if look.line_height is not None:
        words.append(f"radavstånd {_number(look.line_height)}")
    for value, word in ((look.before, "före"), (look.after, "efter")):
        if value:
            words.append(f"{word} {_number(value)} pt")
    return ", ".join(words) or "som brödtexten"


def _fields_note() -> str:
    rows = ["Fälten som kan stå inom `{}` i sidhuvudets och sidfotens texter:\n",
            "| fält | fylls i med |", "|---|---|"]
    rows += [f"| `{{{field}}}` | {meaning} |" for field, meaning in FURNITURE_FIELDS.items()]
    rows.append("| `{etikett}` | förvaltningens uppgift med den etiketten (`uppgifter:` i registret, "
                "t.ex. `{telefon}`), eller inget |")
    return "\n".join(rows) + "\n"


def _number(value: float) -> str:
    return f"{round(value, 2):g}"


def _default(info: FieldInfo) -> str:
    if info.is_required():
        return "(krävs)"
    value = info.get_default(call_default_factory=True)
    if isinstance(value, BaseModel):
        return "se nedan"
    return _value(value)


def _value(value) -> str:
    if value is None:
        return "inget"
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if isinstance(value, float | int):
        return f"`{_number(value)}`"
    if isinstance(value, str):
        return f"`'{value}'`" if value else "inget"
    if isinstance(value, list):
        return "`[" + ", ".join(str(_number(v) if isinstance(v, float | int) else v) for v in value) + "]`" \
            if value else "inget"
    if isinstance(value, dict):
        return "<br>".join(f"`{k}: {_value(v).strip('`')}`" for k, v in value.items()) if value else "inget"
    return f"`{value}`"


def _kind(info: FieldInfo) -> str:
    """What kind of value the field takes, in the author's words."""
    return _kind_of(info.annotation, list(info.metadata))


def _kind_of(annotation, metadata: list) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        extra = [inner for item in args[1:]
                 for inner in (item.metadata if isinstance(item, FieldInfo) else [item])]
        return _kind_of(args[0], metadata + extra)
    if origin in (typing.Union, types.UnionType):
        return " eller ".join(_kind_of(arg, metadata) for arg in args if arg is not type(None))
    validators = {getattr(m, "func", None) for m in metadata}
    if values._points in validators:
        return "mått: punkter (`11`) eller med enhet (`'6mm'`)"
    if values._millimetres in validators:
        return "mått: millimeter (`25`) eller med enhet (`'2.5cm'`)"
    if values._colour in validators:
        return "färg: `'#1F3864'`"
    if origin is typing.Literal:
        return " \\| ".join(f"`{arg}`" for arg in args)
    if origin is list:
        if args and _model_of(args[0]) is not None:
            return "lista, se nedan"
        return f"lista av {_kind_of(args[0], [])}" if args else "lista"
    if origin is dict:
        return f"antal kolumner → {_kind_of(args[1], [])}" if args and args[0] is int else "samling"
    if annotation is bool:
        return "`true` \\| `false`"
    if annotation is int:
        return "heltal"
    if annotation is float:
        bounds = {(name, getattr(m, name)) for m in metadata for name in ("gt", "le") if hasattr(m, name)}
        return "procent" if {("gt", 0), ("le", 100)} <= bounds else "tal"
    if annotation is str:
        return "text"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "se nedan"
    return str(annotation)


def template_names() -> str:
    """The generated section: what each YAML key is called in a template (the model's
    attribute names), for the case, the bilagor and the register."""
    from generator.kinds import KINDS
    from generator.model.register import Register

    out: list[str] = []
    seen: set[type] = set()
    roots: list[tuple[str, type[BaseModel]]] = [
        (f"`{'case' if kind.main else 'doc'}` i en {kind.typ}", kind.model) for kind in KINDS.values()]
    roots += [("`register`", Register), ("`style`", HouseStyle)]
    queue = list(roots)
    while queue:
        title, cls = queue.pop(0)
        if cls in seen:
            continue
        seen.add(cls)
        rows = [f"#### {title}\n", "| i YAML | i mallen | |", "|---|---|---|"]
        for name, info in cls.model_fields.items():
            inner = _inner(info.annotation)
            note = ""
            if inner is not None and inner not in seen:
                note = f"se {inner.__name__}"
                queue.append((inner.__name__, inner))
            elif inner is not None:
                note = f"se {inner.__name__}"
            rows.append(f"| `{info.alias or name}` | `{name}` | {note} |")
        for name, member in sorted(vars(cls).items()):
            if name.startswith("_") or name.startswith("model_") or name in cls.model_fields:
                continue
            if isinstance(member, property):
                rows.append(f"| | `{name}` | uträknad |")
            elif callable(member) and not isinstance(member, (classmethod, staticmethod)):
                rows.append(f"| | `{name}()` | uträknad |")
        out.append("\n".join(rows) + "\n")
    return "\n".join(out).rstrip() + "\n"


def _inner(annotation) -> type[BaseModel] | None:
    """The model inside ``X``, ``list[X]``, ``X | None`` or ``dict[str, X]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner(arg)
        if found is not None:
            return found
    return None


GENERATORS = {"stil": style_reference, "mallnamn": template_names}


def with_reference(guide: str) -> str:
    """*guide* with each generated section between its markers made anew."""
    for name, (begin, end) in MARKERS.items():
        before, rest = guide.split(begin, 1)
        _, after = rest.split(end, 1)
        guide = f"{before}{begin}\n\n{GENERATORS[name]()}\n{end}{after}"
    return guide


def main() -> None:
    """Regenerate the style reference in the checkout's docs/husguide.md."""
    path = Path(__file__).resolve().parents[2] / "docs" / GUIDE_NAME
    path.write_text(with_reference(path.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"skrev {path}")


if __name__ == "__main__":
    main()
