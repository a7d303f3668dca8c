"""A plan's general table (``tabell:``) made ready for its template: the columns
resolved from the table itself or the house's preset, each width in percent, each
cell's Markdown rendered, and the spanning rows told apart.

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


def table_view(table: Table) -> TableView:
    """*table* as its template prints it, with the house set by :func:`tables_of`."""
    house = _HOUSE.get()
    if house is None:
        raise RuntimeError("table_view() outside tables_of(): no house to take presets from")
    register, style = house
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
