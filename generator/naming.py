"""File and folder names of a case's output: predictable, ASCII, never a path.

Kept apart from compose so the commands that do not render (check) can name a
case's folder without importing the templating machinery.
"""

from __future__ import annotations

import re
import unicodedata


def slug(text: str) -> str:
    """An ASCII file-name part: 'Tjänsteutlåtande' → 'Tjansteutlatande', 'AMN 2021/182' → 'AMN-2021-182'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    plain = re.sub(r"[^A-Za-z0-9.]+", "-", plain).strip("-.")
    return plain or "arende"


def case_prefix(bundle) -> str:
    """The file-name prefix of a case: its dnr, or the case folder's name when it has none."""
    return slug(bundle.case.dnr) if bundle.case.dnr else slug(bundle.folder.name)


def attached_file_name(number: int, title: str) -> str:
    """An attached PDF's file name after the case prefix, without suffix, in the scheme
    of the rendered bilagor: 'Karta över området', 2 → 'bilaga-2_karta-over-omradet'."""
    return f"bilaga-{number}_{slug(title).lower()[:60].strip('-.') or 'bilaga'}"
