"""Pydantic's validation errors, turned into located Swedish problems.

Pydantic names the path of each error (with our Swedish aliases) and an error type;
the source table from the loader turns the path into file, line and column, and the
type picks a message a member of staff understands. Misspelt keys get the nearest
known key as a hint.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from generator.errors import Location, Problem
from generator.load.source import Source, dotted
from generator.model.hints import did_you_mean

# Error type → Swedish message. '{…}' fields come from pydantic's error context.
_MESSAGES = {
    "missing": "fältet saknas",
    "string_type": "ska vara text",
    "string_too_short": "får inte vara tomt",
    "int_parsing": "ska vara ett heltal",
    "int_type": "ska vara ett heltal",
    "int_from_float": "ska vara ett heltal",
    "greater_than_equal": "ska vara minst {ge}",
    "bool_parsing": "ska vara ja eller nej (true/false)",
    "bool_type": "ska vara ja eller nej (true/false)",
    "date_type": "ska vara ett datum (ÅÅÅÅ-MM-DD)",
    "date_parsing": "ska vara ett datum (ÅÅÅÅ-MM-DD)",
    "date_from_datetime_parsing": "är inget giltigt datum (ÅÅÅÅ-MM-DD)",
    "date_from_datetime_inexact": "ska vara ett datum utan klockslag (ÅÅÅÅ-MM-DD)",
    "list_type": "ska vara en lista (rader som börjar med '- ')",
    "too_short": "får inte vara tom",
    "too_long": "får ha högst {max_length} rader",
    "string_too_long": "får vara högst {max_length} tecken lång",
    "dict_type": "ska vara en samling fält (nyckel: värde)",
    "model_type": "ska vara en samling fält (nyckel: värde)",
    "model_attributes_type": "ska vara en samling fält (nyckel: värde)",
    "literal_error": "ska vara {expected}",
    "extra_forbidden": "okänt fält",
    "string_pattern_mismatch": "har inte rätt form",
}


def problems_from(error: ValidationError, source: Source, model: type[BaseModel]) -> list[Problem]:
    """Translate every error of *error*, raised validating *source* as *model*."""
    problems = []
    errors = error.errors(include_url=False)
    misspelt = _misspelt_fields(errors, model)
    for item in errors:
        kind = item["type"]
        loc = tuple(item["loc"])
        if kind != "extra_forbidden":   # an unknown key is as written ('title', not 'titel')
            loc = _by_alias(loc, model)
        if loc in misspelt and (kind == "missing" or item.get("input") in (None, [], {})):
            continue   # left out because misspelt: the misspelt key's did-you-mean says it all
        on_key = loc[-1:] == ("[key]",)   # a mapping's key, not its value, is wrong
        if on_key:
            loc = loc[:-1]
        if kind == "extra_forbidden":
            problems.append(_unknown_key(loc, source, model))
            continue
        if kind in ("model_type", "model_attributes_type", "dict_type", "string_type") \
                and item.get("input") is None and loc and isinstance(loc[-1], int):
            problems.append(Problem(source.locate(loc), dotted(loc), "raden är tom",
                                    "fyll i raden, eller ta bort dess streck"))
            continue
        if kind == "string_type" and _text_split_by_colon(item.get("input")):
            problems.append(_colon_in_text(loc, item["input"], source))
            continue
        ctx = item.get("ctx", {})
        if "item_index" in ctx:   # our own check of one item of a text-or-list field
            loc = loc + (ctx["item_index"],)
        if kind == "value_error":
            message = str(ctx.get("error", item["msg"]))
        elif kind not in _MESSAGES:  # our own PydanticCustomError: already Swedish
            message = item["msg"]
        else:
            template = _MESSAGES.get(kind)
            # pydantic lists a Literal's choices as "'a', 'b' or 'c'"
            values = {key: str(value).replace("' or '", "' eller '") for key, value in ctx.items()}
            message = template.format(**values) if template else item["msg"]
        if kind == "missing":
            location = source.locate(loc[:-1])
        else:
            location = source.locate(loc, key=on_key)
        value = item.get("input")
        hint = ctx.get("hint", "")
        if kind in ("string_type", "int_parsing", "date_parsing", "date_from_datetime_parsing",
                    "string_pattern_mismatch") and isinstance(value, (str, int)):
            hint = f"fick '{value}'"
        problems.append(Problem(location, dotted(loc), message, hint))
    return problems


def _by_alias(loc: tuple, model: type[BaseModel]) -> tuple:
    """*loc* in YAML keys: pydantic names a field whose default failed validation (a
    block the house requires, left out) by its attribute."""
    field = model.model_fields.get(str(loc[0])) if loc else None
    if field is not None and field.alias:
        return (field.alias, *loc[1:])
    return loc


def _misspelt_fields(errors: list, model: type[BaseModel]) -> set[tuple]:
    """The paths of missing fields that an unknown key beside them is a misspelling of."""
    found = set()
    for item in errors:
        if item["type"] != "extra_forbidden":
            continue
        loc = tuple(item["loc"])
        guess = did_you_mean(str(loc[-1]), _known_keys(model, loc[:-1]), listing=False)
        if guess:
            found.add(loc[:-1] + (guess.split("'")[1],))
    return found


def _text_split_by_colon(value: Any) -> bool:
    """Whether *value*, found where a text belongs, is a text YAML split at ': ' into a
    key and a value ('- beslutar att: för kännedom …')."""
    return isinstance(value, dict) and len(value) == 1 \
        and all(isinstance(v, str) or v is None for v in value.values())


def _colon_in_text(loc: tuple, value: dict, source: Source) -> Problem:
    key = next(iter(value))
    at = source.locate(loc + (key,), key=True)
    colon = Location(at.file, at.line, at.column + len(key)) if at.line else at
    return Problem(colon, dotted(loc),
                   "kolon följt av mellanslag gör texten till ett fält (nyckel: värde)",
                   "sätt hela texten inom citattecken ('…'), eller ta bort kolonet")


def _unknown_key(loc: tuple, source: Source, model: type[BaseModel]) -> Problem:
    key = str(loc[-1])
    known = _known_keys(model, loc[:-1])
    hint = did_you_mean(key, known)
    return Problem(source.locate(loc, key=True), dotted(loc), "okänt fält", hint)


def _known_keys(model: type[BaseModel], path: tuple) -> list[str]:
    """The YAML keys allowed at *path* inside *model*, following nested models."""
    current: Any = model
    keyed = False   # the last field was a mapping: the next part is its own key (AMF)
    for part in path:
        if isinstance(part, int) or keyed:
            keyed = False
            continue
        field = _field_by_alias(current, part)
        if field is None:
            return []
        keyed = _is_mapping(field.annotation)
        current = _inner_model(field.annotation)
        if current is None:
            return []
    return [f.alias or name for name, f in current.model_fields.items()]


def _is_mapping(annotation) -> bool:
    """Whether *annotation* is ``dict[…]`` (or ``dict[…] | None``)."""
    if getattr(annotation, "__origin__", None) is dict:
        return True
    return any(_is_mapping(arg) for arg in getattr(annotation, "__args__", ()) or ()
               if arg is not type(None))


def _field_by_alias(model: type[BaseModel], alias: str):
    for name, field in model.model_fields.items():
        if (field.alias or name) == alias:
            return field
    return None


def _inner_model(annotation) -> type[BaseModel] | None:
    """The model inside ``X``, ``list[X]``, ``X | None`` or ``dict[str, X]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
