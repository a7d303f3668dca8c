"""The blocks of a joint paper: several förvaltningar, each with its own handläggare,
and several recipient nämnder, each with its own sammanträde.

A case written for one förvaltning and one nämnd keeps its single keys
(``förvaltning:``, ``handläggare:``, ``nämnd:``, ``sammanträde:``); a joint case writes
the list keys instead (``förvaltningar:``, ``nämnder:``). The tjänsteskrivelse reads
both forms into the lists below, so compose and the writers see one shape.
"""

from __future__ import annotations


from pydantic import Field, ValidationInfo, field_validator

from generator.limits import MAX_LIST_ITEMS
from generator.model.plan import Date, Person, Strict, Text, in_register


class JointDepartment(Strict):
    """One förvaltning of a joint paper and its own contact persons."""

    abbreviation: Text = Field(alias="förvaltning")
    officers: list[Person] = Field(alias="handläggare", min_length=1, max_length=MAX_LIST_ITEMS)

    @field_validator("abbreviation")
    @classmethod
    def _in_register(cls, value: str, info: ValidationInfo) -> str | None:
        return in_register("förvaltning", value, info)


class JointBoard(Strict):
    """One recipient nämnd of a joint paper and the date it meets on the case."""

    abbreviation: Text = Field(alias="nämnd")
    meeting: Date | None = Field(None, alias="sammanträde")

    @field_validator("abbreviation")
    @classmethod
    def _in_register(cls, value: str, info: ValidationInfo) -> str | None:
        return in_register("nämnd", value, info)

