"""The values a house's style declaration is made of: lengths in points or millimetres,
colours, per cents, page sets, and the base every part of the declaration shares. Both
:mod:`generator.house.style` and :mod:`generator.house.style_marks` build on these."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

MM_IN_PT = 72 / 25.4


class StyleModel(BaseModel):
    """Base of the declaration's parts: unknown keys are errors, values immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)


def _points(value):
    """A length in points: a number (points) or text with a unit ('6mm', '8pt', '0.5cm')."""
    if isinstance(value, str):
        text = value.strip().replace(",", ".")
        match = re.fullmatch(r"(-?\d+(?:\.\d+)?)\s*(pt|mm|cm)?", text)
        if not match:
            raise ValueError(f"'{value}' är inget mått (skriv t.ex. 11, '11pt' eller '6mm')")
        number, unit = float(match.group(1)), match.group(2) or "pt"
        return number * {"pt": 1, "mm": MM_IN_PT, "cm": 10 * MM_IN_PT}[unit]
    return value


def _millimetres(value):
    """A length in millimetres: a number (mm) or text with a unit ('25mm', '2.5cm', '72pt')."""
    if isinstance(value, str):
        text = value.strip().replace(",", ".")
        match = re.fullmatch(r"(-?\d+(?:\.\d+)?)\s*(mm|cm|pt)?", text)
        if not match:
            raise ValueError(f"'{value}' är inget mått (skriv t.ex. 25 eller '25mm')")
        number, unit = float(match.group(1)), match.group(2) or "mm"
        return number * {"mm": 1, "cm": 10, "pt": 1 / MM_IN_PT}[unit]
    return value


def _colour(value):
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"#?[0-9a-fA-F]{6}", text):
            return "#" + text.lstrip("#").upper()
        if re.fullmatch(r"#?[0-9a-fA-F]{3}", text):
            return "#" + "".join(c * 2 for c in text.lstrip("#")).upper()
        raise ValueError(f"'{value}' är ingen färg (skriv sex hexadecimala siffror, t.ex. '#1F3864')")
    return value


Points = Annotated[float, BeforeValidator(_points, json_schema_input_type=float | str),
                   Field(ge=0, le=400)]
Millimetres = Annotated[float, BeforeValidator(_millimetres, json_schema_input_type=float | str),
                        Field(ge=0, le=600)]
Colour = Annotated[str, BeforeValidator(_colour)]
Percent = Annotated[float, Field(gt=0, le=100)]
Pages = Literal["alla", "första", "övriga", "inga"]
