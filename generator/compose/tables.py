"""A plan's general table (``tabell:``) made ready for its template: the columns
resolved from the table itself or the house's preset, each width in percent, each
cell's Markdown rendered, and the spanning rows told apart.

An area's action table (``åtgärder:``) is one use of it: :func:`actions_table` makes its
rows the rows of the house's ``åtgärder`` preset, so it is drawn by the same macro and
the same DOCX code as every other table.

Templates are imported without the paper's context, so the house a table is composed
for is set around each paper (:func:`tables_of`) and read by :func:`table_view`, the
template's one entry point (``table_view(section.table)``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from markupsafe import Markup

from generator.compose.markdown import render_cell
from generator.house.style import HouseStyle
from generator.model.plan import Action, Area
from generator.model.register import Register
from generator.model.table import ACTIONS_PRESET, SPANNING, Table, TableColumn

# Spanning row key → the row's kind in the paper HTML (tr.row-group, tr.row-title, tr.row-span).
_ROW_KINDS = {"grupp": "group", "rubrik": "title", "hel rad": "span"}
assert set(_ROW_KINDS) == set(SPANNING)

_HOUSE: ContextVar[tuple[Register, HouseStyle] | None] = ContextVar("table_house", default=None)


@contextmanager
def tables_of(register: Register, style: HouseStyle) -> Iterator[None]:
    """Within this block, tables are composed with this house's presets and widths."""
    token = _HOUSE.set((register, style))
    try:
        yield
    finally:
        _HOUSE.reset(token)


@dataclass(frozen=True)
class ColumnView:
    name: str
    width: float          # percent of the text width
    prose: bool


@dataclass(frozen=True)
class RowView:
    kind: str             # "cells", or a spanning row: "group", "title", "span"
    cells: tuple[Markup, ...]


@dataclass(frozen=True)
class TableView:
    columns: tuple[ColumnView, ...]
    rows: tuple[RowView, ...]
    repeat_header: bool
    rows_split: bool


def _house() -> tuple[Register, HouseStyle]:
    house = _HOUSE.get()
    if house is None:
        raise RuntimeError("a table composed outside tables_of(): no house to take presets from")
    return house


def table_view(table: Table) -> TableView:
    """*table* as its template prints it, with the house set by :func:`tables_of`."""
    register, style = _house()
    preset = register.table_presets().get(table.preset) if table.preset else None
    columns = table.columns or (preset.columns if preset else None)
    if not columns:
        raise RuntimeError("a table without columns passed validation")
    widths = _widths(columns, table, register, style)
    views = tuple(ColumnView(column.name, width, column.prose) for column, width in zip(columns, widths))
    rows = tuple(_row(row, views) for row in table.rows)
    repeat = table.repeat_header if table.repeat_header is not None else (preset.repeat_header if preset else True)
    split = table.rows_split if table.rows_split is not None else (preset.rows_split if preset else False)
    return TableView(views, rows, repeat, split)


def _widths(columns: list[TableColumn], table: Table, register: Register, style: HouseStyle) -> list[float]:
    """Each column's width in percent: as declared; the house's action-table widths for
    the action preset's own columns; else an equal share of what is left."""
    count = len(columns)
    actions = (table.preset == ACTIONS_PRESET and table.columns is None
               and ACTIONS_PRESET not in register.presets)
    if actions and count in style.tables.actions:
        return list(style.tables.actions[count])
    declared = sum(column.width or 0 for column in columns)
    free = [column for column in columns if column.width is None]
    rest = (100 - declared) / len(free) if free else 0
    return [round(column.width if column.width is not None else rest, 3) for column in columns]


def _row(row, columns: tuple[ColumnView, ...]) -> RowView:
    if isinstance(row, dict):
        for key, kind in _ROW_KINDS.items():
            if key in row:
                return RowView(kind, (render_cell(row[key], prose=kind == "span"),))
        texts = [row.get(column.name, "") for column in columns]
    else:
        texts = list(row) + [""] * (len(columns) - len(row))
    return RowView("cells", tuple(render_cell(text, column.prose) for text, column in zip(texts, columns)))


# An action's fields in print order: (attribute of Action and of plan.Columns, YAML key).
_ACTION_FIELDS = (("action", "åtgärd"), ("lead", "huvudansvarig"), ("others", "andra berörda"),
                  ("schedule", "tidplan"))


def actions_table(area: Area) -> Table:
    """An area's ``åtgärder:`` as a table of the house's ``åtgärder`` preset: a column for
    each field the area's (else the register's) ``kolumner:`` names, under that heading;
    the actors joined with commas.

    The widths, and whether the action column is prose, are the house's own ``åtgärder``
    preset's (tabellförval:) when the area shows the register's columns; else
    ``stil: tabeller: åtgärder`` for that many columns, the action column prose."""
    register, style = _house()
    chosen = area.columns or register.columns
    shown = [(attr, getattr(chosen, attr)) for attr, _ in _ACTION_FIELDS if getattr(chosen, attr)]
    default = [attr for attr, _ in _ACTION_FIELDS if getattr(register.columns, attr)]
    own = register.presets.get(ACTIONS_PRESET)
    if own is not None and [attr for attr, _ in shown] == default and len(own.columns) == len(shown):
        columns = [TableColumn.model_construct(name=heading, width=column.width, prose=column.prose)
                   for (_, heading), column in zip(shown, own.columns)]
    else:
        widths: list[float | None] = list(style.tables.actions.get(len(shown), [None] * len(shown)))
        columns = [TableColumn.model_construct(name=heading, width=width, prose=attr == "action")
                   for (attr, heading), width in zip(shown, widths)]
    rows: list[list[str] | dict[str, str]] = [[_action_cell(action, attr) for attr, _ in shown]
                                              for action in area.actions]
    return Table.model_construct(preset=ACTIONS_PRESET, columns=columns, repeat_header=None,
                                 rows_split=None, rows=rows)


def _action_cell(action: Action, attr: str) -> str:
    value = getattr(action, attr)
    if isinstance(value, list):
        return ", ".join(value)
    return value or ""
