"""What every plan model shares: the strict base class, the text field types and the
house register handed to validation (kept apart from plan.py so the table model,
which plan.py's sections use, can share them without a cycle)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo

from generator.limits import MAX_TEXT_CHARS


class Strict(BaseModel):
    """Base of every plan model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)


Text = Annotated[str, Field(min_length=1, max_length=MAX_TEXT_CHARS)]
# A Markdown field; may be absent, never absurdly long.
Markdown = Annotated[str, Field(max_length=MAX_TEXT_CHARS)]


def register_of(info: ValidationInfo):
    """The house register handed to validation as context, or None (schema-only checks)."""
    return (info.context or {}).get("register")
