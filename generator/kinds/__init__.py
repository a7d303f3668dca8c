"""The kinds of paper, each one registered unit.

A kind of paper (tjänsteskrivelse, handlingsplan, a generic bilaga …) is one module
in this package. The module defines the kind's model (its YAML fields, with the
shared building blocks of :mod:`generator.model.plan`), says how a paper of that
kind is named and labelled, and registers a :class:`PaperKind` with
:func:`register_kind`. Every module here is imported when the package is, so adding a
kind is adding its module and its template (``templates/base/<template>.html.j2``);
reading, compose, the schemas and the docs test find it through :data:`KINDS`.

Layering: this package sits at model level. It may use the model and the loader,
never the house, reading or compose.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.errors import InvalidPlan, Problem
from generator.load.source import Source
from generator.model.plan import PaperModel


@dataclass(frozen=True)
class Identity:
    """What a kind says about one paper of it: title, type label, file name, own dates."""

    title: str
    label: str                      # metadata type label: 'Tjänsteskrivelse', 'Bilaga 1, handlingsplan'
    file_name: str                  # the file name after the case prefix, without suffix
    date: dt.date | None = None     # the paper's own date, if it has one apart from the case's
    dnr: str | None = None          # the paper's own diarienummer, likewise


# describe(model, register, number): the paper's identity. *number* is the bilaga's
# number, None for a main paper.
Describe = Callable[[Any, Any, "int | None"], Identity]
# check(model, register, source, numbers): the kind's own errors and warnings, located
# in *source*; *numbers* are the case's bilaga numbers.
Check = Callable[[Any, Any, Source, "set[int]"], "list[Problem]"]


@dataclass(frozen=True)
class PaperKind:
    """One kind of paper: its model, names, template, file name, metadata and checks."""

    typ: str                        # the value of 'typ' in YAML, in Swedish: 'handlingsplan'
    model: type[PaperModel]
    template: str                   # templates/<house>/<template>.html.j2; also Paper.kind
    main: bool                      # the case's main paper (arende.yaml), else a bilaga file
    describe: Describe
    schema: str                     # the JSON Schema's file name in plans/.schema/
    schema_title: str               # the schema's title, shown by editors
    check: Check | None = None
    help: Mapping[str, str] = field(default_factory=dict)  # editor help for this kind's own keys
    default: bool = False           # a case file without 'typ' is this (main) kind


KINDS: dict[str, PaperKind] = {}


def register_kind(kind: PaperKind) -> PaperKind:
    """Add *kind* to :data:`KINDS`, refusing what would make the registry ambiguous."""
    if kind.typ in KINDS:
        raise ValueError(f"paper kind {kind.typ!r} is registered twice")
    declared = kind.model.model_fields.get("kind")
    if declared is None or declared.alias != "typ" or typing.get_args(declared.annotation) != (kind.typ,):
        raise ValueError(f"{kind.model.__name__} must declare kind: Literal[{kind.typ!r}] with alias 'typ'")
    if kind.default and (not kind.main or any(other.default for other in KINDS.values())):
        raise ValueError(f"{kind.typ!r}: only one main kind can be the default")
    clash = [other.typ for other in KINDS.values()
             if other.template == kind.template or other.schema == kind.schema]
    if clash:
        raise ValueError(f"{kind.typ!r} shares its template or schema name with {clash[0]!r}")
    KINDS[kind.typ] = kind
    return kind


def kind_for(typ: str) -> PaperKind:
    """The registered kind whose 'typ' is *typ*; a KeyError for an unknown one."""
    return KINDS[typ]


def main_kinds() -> list[PaperKind]:
    return [kind for kind in KINDS.values() if kind.main]


def bilaga_kinds() -> list[PaperKind]:
    return [kind for kind in KINDS.values() if not kind.main]


def kind_of(source: Source, *, main: bool) -> PaperKind:
    """The kind of the plan file *source*: a case file (*main*) or a bilaga file.

    Raises :class:`InvalidPlan` located at ``typ`` when it names no kind, or a kind
    that cannot stand where the file stands, listing the kinds that can.
    """
    typ = source.data.get("typ")
    fitting = main_kinds() if main else bilaga_kinds()
    known = "möjliga typer" + (" i arende.yaml: " if main else ": ") + ", ".join(k.typ for k in fitting)
    if typ is None and main:
        default = next((kind for kind in fitting if kind.default), None)
        if default is not None:
            return default
    if typ is None:
        message = "fältet saknas"
    elif not isinstance(typ, str):
        message = "ska vara text"
    elif typ in KINDS and KINDS[typ].main == main:
        return KINDS[typ]
    elif typ in KINDS and main:
        message = f"'{typ}' kan bara vara en bilaga, inte ärendets huvudhandling"
        known += f"; en {typ} skrivs i en egen fil som bilagor[].dokument pekar ut"
    elif typ in KINDS:
        message = f"'{typ}' är ärendets huvudhandling (arende.yaml), inte en bilaga"
    else:
        message = f"okänd dokumenttyp '{typ}'"
    raise InvalidPlan([Problem(source.locate(("typ",)), "typ", message, known)])


def _register_every_module() -> None:
    """Import every kind module of this package; each registers its kind on import."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    # Main kinds first, then bilaga kinds, each alphabetically: the order of listings.
    ordered = sorted(KINDS.values(), key=lambda kind: (not kind.main, kind.typ))
    KINDS.clear()
    KINDS.update((kind.typ, kind) for kind in ordered)


_register_every_module()
