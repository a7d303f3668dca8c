"""The running header, page number and footer of a paper, filled in from the house's
style declaration (generator.house.style) and the case's fields.

A declared text names fields in braces, ``{kommun} · {diarienummer}``, and may hold
optional parts in brackets, ``Bilaga {bilaga}[ till {diarienummer}]``: a bracketed part
is printed only when every field in it has a value, so a house without diarienummer
gets no dangling "till".
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from generator.compose.markdown import render_inline

_FIELD = re.compile(r"\{([^{}]+)\}")
_OPTIONAL = re.compile(r"\[([^\[\]]*)\]")
# Private-use characters stand in for field values while the declared text is read as
# Markdown, so a value is never read as Markdown (a dnr with '*' stays a dnr).
_TOKEN = "\ue000{}\ue001"


class UnknownField(ValueError):
    """A declared text names a field the paper does not have."""


def fill(template: str, fields: dict[str, str]) -> str:
    """*template* with its fields filled in and its optional parts kept or dropped."""
    return _FIELD.sub(lambda m: _value(m.group(1), fields), _optional_parts(template, fields))


def _optional_parts(template: str, fields: dict[str, str]) -> str:
    """*template* with each [part] kept (without its brackets) where every field in it
    has a value, and dropped where one is empty."""
    def optional(match: re.Match) -> str:
        names = _FIELD.findall(match.group(1))
        return match.group(1) if all(_value(name, fields) for name in names) else ""

    return _OPTIONAL.sub(optional, template)


def fill_markup(template: str, fields: dict[str, str],
                properties: dict[str, str] | None = None) -> Markup:
    """Like :func:`fill`, with the declared text's own Markdown (``**fet**``) rendered and
    the field values escaped as plain text. A field named in *properties* is printed as
    that document property (``span.doc-property``), so Word shows it through a field."""
    values: list[str] = []
    names: list[str] = []

    def token(match: re.Match) -> str:
        values.append(_value(match.group(1), fields))
        names.append(match.group(1))
        return _TOKEN.format(len(values) - 1)

    html = str(render_inline(_FIELD.sub(token, _optional_parts(template, fields))))
    for index, (name, value) in enumerate(zip(names, values)):
        shown = str(escape(value))
        if properties and name in properties and value:
            shown = (f'<span class="doc-property" data-property="{escape(properties[name])}">'
                     f"{shown}</span>")
        html = html.replace(_TOKEN.format(index), shown)
    return Markup(html)


def _value(name: str, fields: dict[str, str]) -> str:
    if name not in fields:
        raise UnknownField(name)
    return fields[name]


def page_number_parts(form: str) -> list[tuple[str, str]]:
    """'Sida {sida} ({sidor})' as ('text', 'Sida '), ('sida', ''), ('text', ' ('), …"""
    parts: list[tuple[str, str]] = []
    for index, piece in enumerate(re.split(r"\{(sida|sidor)\}", form)):
        if index % 2:
            parts.append((piece, ""))
        elif piece:
            parts.append(("text", piece))
    return parts


def footer_columns(columns, fields: dict[str, str], multiline: dict[str, list[str]]) -> list[dict]:
    """The footer's columns with their lines filled in; a line that is only '{adress}'
    (or another field of several lines in *multiline*) stands for every line of it, and
    a line whose fields are all empty is left out."""
    out = []
    for column in columns:
        lines: list[Markup] = []
        for line in column.lines:
            alone = _FIELD.fullmatch(line.strip())
            if alone and alone.group(1) in multiline:
                lines += [Markup(escape(item)) for item in multiline[alone.group(1)]]
                continue
            names = _FIELD.findall(line)
            if names and not any(_value(name, fields) for name in names):
                continue
            lines.append(fill_markup(line, fields))
        out.append({"heading": column.heading, "lines": lines})
    return out
