"""The handlingsplan, the usual bilaga: standard sections, then areas with action tables."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.kinds import Identity, PaperKind, register_kind
from generator.limits import MAX_LIST_ITEMS
from generator.model.plan import Area, Markdown, PaperModel, RelatedDocument, Section, Text


class ActionPlan(PaperModel):
    """A handlingsplan, the usual bilaga: standard sections, then areas with action tables."""

    kind: Literal["handlingsplan"] = Field(alias="typ")
    title: Text = Field(alias="titel")
    status: str | None = Field(None, alias="status")
    introduction: Markdown | None = Field(None, alias="inledning")
    purpose: Markdown | None = Field(None, alias="syfte")
    scope: Markdown | None = Field(None, alias="omfattning")
    responsibility: Markdown | None = Field(None, alias="ansvar och uppföljning")
    sections: list[Section] = Field(default_factory=list, alias="avsnitt", max_length=MAX_LIST_ITEMS)
    areas: list[Area] = Field(default_factory=list, alias="områden", max_length=MAX_LIST_ITEMS)
    related: list[RelatedDocument] = Field(default_factory=list, alias="relaterade dokument")

    def standard_sections(self) -> list[tuple[str, str]]:
        """The fixed sections in the order a handlingsplan prints them, skipping empty ones."""
        pairs = [
            ("Inledning", self.introduction),
            ("Syfte", self.purpose),
            ("Omfattning", self.scope),
            ("Ansvar och uppföljning", self.responsibility),
        ]
        return [(heading, text) for heading, text in pairs if text]


def describe(plan: ActionPlan, register, number: int | None) -> Identity:
    return Identity(title=plan.title, label=f"Bilaga {number}, handlingsplan",
                    file_name=f"bilaga-{number}_handlingsplan")


KIND = register_kind(PaperKind(
    typ="handlingsplan",
    model=ActionPlan,
    template="handlingsplan",
    main=False,
    describe=describe,
    schema="handlingsplan.schema.json",
    schema_title="Handlingsplan (bilaga)",
    help={
        "status": "Raden under titeln, t.ex. 'Ett aktiverande dokument som fattades beslut om …'.",
        "syfte": "Text under rubriken Syfte (Markdown).",
        "omfattning": "Text under rubriken Omfattning (Markdown).",
        "ansvar och uppföljning": "Text under rubriken Ansvar och uppföljning (Markdown).",
    },
))
