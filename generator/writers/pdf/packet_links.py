"""Named destinations in the packet: every paper's kept, none clashing with another's.

WeasyPrint names a destination after the HTML id it points at, so two papers may both
have a "bilagor"; an attached PDF may use any names at all. Each paper's names get the
paper's own prefix in the packet ("3-bilagor"), and its links (annotations with a
/Dest or a GoTo action) are renamed with them, so a link inside a paper keeps going
where it went. Explicit destinations (a page reference) need no renaming: the link
is copied with its page and points at the copied page.
"""

from __future__ import annotations

from typing import Any

from generator.writers.pdf.packet_outline import moved

# A name tree deeper than this is not read further (a guard against loops).
MAX_DEPTH = 32


class NamedDestinations:
    """Collects the papers' named destinations, renamed, into the packet's name tree."""

    def __init__(self, packet):
        self.packet = packet
        self.names: dict[bytes, Any] = {}
        self._tables: dict[int, dict[bytes, Any]] = {}

    def table(self, source) -> dict[bytes, Any]:
        """Every named destination of *source* (by name, as bytes): its explicit destination."""
        key = id(source)
        if key not in self._tables:
            self._tables[key] = _named_destinations(source)
        return self._tables[key]

    def resolver(self, source, page_map: dict):
        """A function from a name of *source* to its explicit destination there."""
        table = self.table(source)

        def resolve(name) -> Any:
            return table.get(_key(name))

        return resolve

    def add(self, source, page_map: dict, prefix: str) -> None:
        """Take over *source*'s named destinations under *prefix*, and rename the links
        on its copied pages (the values of *page_map*) to match."""
        import pikepdf

        table = self.table(source)
        if not table:
            return
        for name, destination in table.items():
            target = moved(destination, page_map)
            if target is not None:
                self.names[prefix.encode() + name] = target
        done: set = set()
        for page in page_map.values():
            for annotation in page.get("/Annots", ()):
                if not isinstance(annotation, pikepdf.Dictionary):
                    continue
                _rename(annotation, "/Dest", table, prefix, done)
                action = annotation.get("/A")
                if isinstance(action, pikepdf.Dictionary) and action.get("/S") == pikepdf.Name.GoTo:
                    _rename(action, "/D", table, prefix, done)

    def finish(self) -> None:
        """Write the packet's name tree of destinations (sorted, as a name tree must be)."""
        import pikepdf

        if not self.names:
            return
        flat = []
        for name in sorted(self.names):
            flat += [pikepdf.String(name), self.names[name]]
        names = self.packet.Root.get("/Names")
        if names is None:
            names = self.packet.Root.Names = pikepdf.Dictionary()
        names.Dests = self.packet.make_indirect(pikepdf.Dictionary(Names=pikepdf.Array(flat)))


def _rename(owner, key: str, table: dict, prefix: str, done: set) -> None:
    """Rename the destination name at owner[key], once (an action may be shared)."""
    import pikepdf

    if owner.is_indirect:
        if owner.objgen in done:
            return
        done.add(owner.objgen)
    value = owner.get(key)
    if isinstance(value, (pikepdf.String, pikepdf.Name)) and _key(value) in table:
        owner[key] = pikepdf.String(prefix.encode() + _key(value))


def _key(name) -> bytes:
    """A destination's name as bytes: a string as it is, a name (PDF 1.1) without its '/'."""
    import pikepdf

    if isinstance(name, pikepdf.Name):
        return str(name)[1:].encode()
    return bytes(name)


def _named_destinations(source) -> dict[bytes, Any]:
    """Name → explicit destination, from the catalog's name tree and its old /Dests dictionary."""
    import pikepdf

    found: dict[bytes, Any] = {}
    old = source.Root.get("/Dests")
    if isinstance(old, pikepdf.Dictionary):
        for name in old.keys():
            found[name[1:].encode()] = _explicit(old[name])
    names = source.Root.get("/Names")
    tree = names.get("/Dests") if isinstance(names, pikepdf.Dictionary) else None
    if isinstance(tree, pikepdf.Dictionary):
        _read_name_tree(tree, found, 0, set())
    return {name: value for name, value in found.items() if value is not None}


def _read_name_tree(node, found: dict, depth: int, seen: set) -> None:
    import pikepdf

    if depth > MAX_DEPTH or (node.is_indirect and node.objgen in seen):
        return
    if node.is_indirect:
        seen.add(node.objgen)
    pairs = node.get("/Names")
    if isinstance(pairs, pikepdf.Array):
        for index in range(0, len(pairs) - 1, 2):
            if isinstance(pairs[index], pikepdf.String):
                found[bytes(pairs[index])] = _explicit(pairs[index + 1])
    for kid in node.get("/Kids", ()):
        if isinstance(kid, pikepdf.Dictionary):
            _read_name_tree(kid, found, depth + 1, seen)


def _explicit(value) -> Any:
    """A named destination's value: an array, or a dictionary holding it in /D."""
    import pikepdf

    if isinstance(value, pikepdf.Dictionary):
        value = value.get("/D")
    return value if isinstance(value, pikepdf.Array) else None
