"""The Jinja loader for house templates: only regular files inside their own folder.

Jinja's FileSystemLoader refuses ``..`` in a template name but follows symbolic
links wherever they point, and opens a FIFO (hanging forever). This loader looks a
template up the same way (the house folder first, then ``base/``), and refuses a
template or include that is a link out of its folder (``templates/egen/x.html.j2``
must resolve inside ``templates/egen/``), a link in a loop, a FIFO or a device:
the house's fault, so a TemplateProblem (exit 3) naming the file.
"""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path

from generator.errors import TemplateProblem, display_path
from generator.load.files import FileRefused, inside, kind_of_path, read_regular

MAX_TEMPLATE_BYTES = 1024 * 1024


class FolderLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that reads only regular files inside their own house folder."""

    def get_source(self, environment: jinja2.Environment, template: str):  # noqa: D102 - Jinja hook
        pieces = split_template_path(template)
        for root in self.searchpath:
            path = Path(root, *pieces)
            if not os.path.lexists(path):
                continue
            reason = kind_of_path(path)
            if reason:
                raise TemplateProblem(f"{_shown(path)}: mallen {reason}")
            if not path.is_file():
                continue
            folder = Path(root, pieces[0]) if len(pieces) > 1 else Path(root)
            if not inside(folder, path):
                raise TemplateProblem(
                    f"{_shown(path)}: mallen ligger utanför husstilens mapp "
                    "(en symbolisk länk ut ur mappen); lägg själva filen i husets mapp")
            try:
                raw = read_regular(path, MAX_TEMPLATE_BYTES)
            except FileRefused as exc:
                raise TemplateProblem(f"{_shown(path)}: mallen {exc}") from None
            if len(raw) > MAX_TEMPLATE_BYTES:
                raise TemplateProblem(f"{_shown(path)}: mallen är större än 1 MB")
            try:
                text = raw.decode(self.encoding)
            except UnicodeDecodeError:
                raise TemplateProblem(f"{_shown(path)}: mallen är inte UTF-8-kodad") from None
            mtime = os.path.getmtime(path)

            def uptodate(path: Path = path, mtime: float = mtime) -> bool:
                try:
                    return os.path.getmtime(path) == mtime
                except OSError:
                    return False

            return text, os.path.normpath(path), uptodate
        raise jinja2.TemplateNotFound(template)


def _shown(path: Path) -> str:
    """*path* as the user would type it, the link itself rather than where it points."""
    return str(Path(display_path(path.parent)) / path.name)
