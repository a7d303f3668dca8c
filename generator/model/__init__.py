"""Stage 2, model: typed objects for a case, validated against its house's register."""

from generator.model.case import CaseBundle, Document, read_case

__all__ = ["CaseBundle", "Document", "read_case"]
