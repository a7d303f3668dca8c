"""A general table (``tabell:``) that any section or area of a paper may hold, and the
house's table presets (``tabellförval:`` in hus.yaml) it may start from.

A table's columns come from a preset of the house or from the plan itself (names,
widths in percent of the text width, whether a column is free prose). A row is a list
of cells in column order, a mapping from column name to cell, or one of the rows that
span every column: ``grupp:`` (a group heading), ``rubrik:`` (a title row) and
``hel rad:`` (text across the whole table). Every cell is Markdown.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from generator.limits import MAX_TABLE_ROWS
from generator.model.base import Markdown, Strict, Text, register_of
from generator.model.hints import did_you_mean

MAX_COLUMNS = 12
# The keys of rows that span every column, and what each is called in a message.
SPANNING = {"grupp": "grupprad", "rubrik": "rubrikrad", "hel rad": "rad över hela tabellen"}
# The preset every house has: its action tables' columns (the register's 'kolumner').
ACTIONS_PRESET = "åtgärder"

Percent = Annotated[float, Field(gt=0, le=100)]


def _yes_no(value):
    """'ja' and 'nej', as staff write them, besides YAML's true and false."""
    if isinstance(value, str) and value.strip().casefold() in ("ja", "nej"):
        return value.strip().casefold() == "ja"
    return value


YesNo = Annotated[bool, BeforeValidator(_yes_no, json_schema_input_type=bool | str)]


class TableColumn(Strict):
    """One column: its heading, its width and whether it holds running prose."""

    name: Text = Field(alias="namn")
    width: Percent | None = Field(None, alias="bredd")
    prose: YesNo = Field(False, alias="prosa")


def _widths_fit(columns: list[TableColumn] | None) -> list[TableColumn] | None:
    """Declared widths may not exceed the text width, and must leave room for the
    columns without one (they share what is left)."""
    if not columns:
        return columns
    declared = sum(column.width or 0 for column in columns)
    if declared > 100.01:
        raise PydanticCustomError("widths_too_wide", "kolumnernas bredder blir {total} %, mer än 100 %",
                                  {"total": f"{declared:g}", "hint": "bredd anges i procent av textbredden"})
    if declared >= 100 and any(column.width is None for column in columns):
        raise PydanticCustomError("widths_leave_nothing",
                                  "kolumnerna med bredd tar hela textbredden; de utan bredd får ingen plats",
                                  {"hint": "ge varje kolumn en bredd, eller minska bredderna"})
    return columns


Columns = Annotated[list[TableColumn], Field(min_length=1, max_length=MAX_COLUMNS), AfterValidator(_widths_fit)]


class TablePreset(Strict):
    """A house's ready table: its columns and how its rows break across pages."""

    columns: Columns = Field(alias="kolumner")
    repeat_header: YesNo = Field(True, alias="rubrikrad upprepas")
    rows_split: YesNo = Field(False, alias="rader får delas")


def _cell(value):
    """A cell as text: numbers and dates as written; an empty cell as nothing."""
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        raise PydanticCustomError("cell_form", "en cell ska vara text",
                                  {"hint": "skriv cellens text; en lista i en cell skrivs med '- ' inom texten"})
    if isinstance(value, bool):
        return "ja" if value else "nej"
    return str(value)


def _row_shape(value):
    """A row is a list of cells or a mapping; its cells are text."""
    if isinstance(value, list):
        return [_cell(cell) for cell in value]
    if isinstance(value, dict):
        return {str(key): _cell(cell) for key, cell in value.items()}
    raise PydanticCustomError(
        "row_form", "en rad ska vara en lista av celler eller en samling 'kolumn: cell'",
        {"hint": "t.ex. ['Ett', 'Två'], {grupp: 'Rubrik'} eller {rubrik: 'Rubrik'}"})


# A footnote reference, and a line that starts a Markdown list.
_FOOTNOTE = re.compile(r"(?<!\\)\[\^[^\]\s]+\](?!:)")
_LIST_LINE = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)]) ", re.MULTILINE)


def _footnote_fits(cell: str, column: TableColumn) -> None:
    """A cell outside a prose column is one line of text, where a footnote is printed;
    with a list in the cell it could not be, so that is an error, not a lost note."""
    if not column.prose and _FOOTNOTE.search(cell) and _LIST_LINE.search(cell):
        raise PydanticCustomError(
            "footnote_in_line_cell", "kolumnen '{name}' är inte prosa: en fotnot i den kan inte stå i en lista",
            {"name": column.name, "hint": "ge kolumnen 'prosa: ja', eller skriv cellen utan lista"})


def _row_fits(row, info: ValidationInfo):
    """A row may not have more cells than the table has columns, nor name a column
    it does not have."""
    columns = table_columns(info.data.get("columns"), info.data.get("preset"), register_of(info))
    if isinstance(row, dict):
        spanning = [key for key in row if key in SPANNING]
        if spanning and len(row) > 1:
            raise PydanticCustomError(
                "spanning_with_cells", "en {kind} går över alla kolumner och kan inte ha andra celler",
                {"kind": SPANNING[spanning[0]], "hint": f"skriv '{spanning[0]}:' som en egen rad"})
        if spanning or columns is None:
            return row
        names = [column.name for column in columns]
        for key in row:
            if key not in names:
                raise PydanticCustomError("unknown_column", "tabellen har ingen kolumn '{key}'",
                                          {"key": key, "hint": did_you_mean(key, names)})
        for column in columns:
            _footnote_fits(row.get(column.name, ""), column)
        return row
    if columns is not None and len(row) > len(columns):
        raise PydanticCustomError(
            "too_many_cells", "raden har {cells} celler men tabellen har {count} kolumner",
            {"cells": len(row), "count": len(columns),
             "hint": "lägg till en kolumn under 'kolumner', eller slå ihop cellerna"})
    if columns is not None:
        for cell, column in zip(row, columns):
            _footnote_fits(cell, column)
    return row


Row = Annotated[list[Markdown] | dict[str, Markdown], BeforeValidator(_row_shape), AfterValidator(_row_fits)]


class Table(Strict):
    """A table in a section or area: from a preset of the house, or with columns of its
    own (which win over the preset's), and its rows."""

    preset: str | None = Field(None, alias="förval")
    columns: Columns | None = Field(None, alias="kolumner")
    repeat_header: YesNo | None = Field(None, alias="rubrikrad upprepas")
    rows_split: YesNo | None = Field(None, alias="rader får delas")
    rows: list[Row] = Field(alias="rader", min_length=1, max_length=MAX_TABLE_ROWS)

    @field_validator("preset")
    @classmethod
    def _known_preset(cls, value: str | None, info: ValidationInfo) -> str | None:
        register = register_of(info)
        if value is not None and register is not None:
            presets = register.table_presets()
            if value not in presets:
                raise PydanticCustomError("unknown_preset", "okänt tabellförval '{value}'",
                                          {"value": value, "hint": did_you_mean(value, presets)})
        return value

    @model_validator(mode="after")
    def _has_columns(self):
        if self.preset is None and self.columns is None:
            raise PydanticCustomError("no_columns", "tabellen har varken förval eller kolumner",
                                      {"hint": "ange 'förval: <husets förval>' eller 'kolumner:' med namn"})
        return self


def table_columns(columns: list[TableColumn] | None, preset: str | None, register) -> list[TableColumn] | None:
    """A table's columns: its own, else its preset's; None when neither is known
    (the preset is unknown, or there is no register to look it up in)."""
    if columns:
        return columns
    if preset is None or register is None:
        return None
    found = register.table_presets().get(preset)
    return found.columns if found is not None else None
