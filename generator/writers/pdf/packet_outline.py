"""The packet's outline (bookmarks): items, their papers, and each paper's own bookmarks.

A common fault of PDF merge tools is bookmarks that keep pointing at the pages of the
file they came from. Here every bookmark a paper brings is rebuilt in the packet with
its destination moved onto the copied page (an explicit destination; a named one is
looked up in the paper first), so it cannot point outside its paper.

The items are open (their papers show), everything deeper is closed: a packet of forty
items with a dozen headings each would otherwise open as a wall of entries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Deeper than this, a paper's bookmarks are not carried (a guard against loops and
# against a hostile attached PDF; WeasyPrint's go six levels deep at most).
MAX_DEPTH = 32


@dataclass
class Entry:
    """One bookmark: its title, where it goes (a destination array in the packet, or
    None), an action to run instead (a copied URI action, say), and its children."""

    title: str
    destination: Any
    children: list[Entry] = field(default_factory=list)
    action: Any = None


def page_top(page) -> Any:
    """A destination showing the top of *page* at the reader's zoom (as WeasyPrint's own)."""
    import pikepdf

    box = page.get("/CropBox", page.get("/MediaBox"))
    left, top = (box[0], box[3]) if box is not None and len(box) == 4 else (0, 842)
    return pikepdf.Array([page, pikepdf.Name.XYZ, left, top, 0])


def read(source, page_map: dict, resolve: Callable[[Any], Any]) -> list[Entry]:
    """The bookmarks of *source*, rebuilt for the packet.

    *page_map* maps each source page (by object id) to its copy; *resolve* turns a
    named destination of the source into its explicit destination there (or None).
    A bookmark whose destination is on no copied page keeps its place as a heading
    without a destination, so the outline's shape is not lost.
    """
    outlines = source.Root.get("/Outlines")
    if outlines is None:
        return []
    return _entries(source, outlines.get("/First"), page_map, resolve, 0, set())


def _entries(source, node, page_map, resolve, depth: int, seen: set) -> list[Entry]:
    import pikepdf

    entries: list[Entry] = []
    while isinstance(node, pikepdf.Dictionary) and depth < MAX_DEPTH:
        if node.is_indirect:
            if node.objgen in seen:
                break   # a loop in the source's outline
            seen.add(node.objgen)
        title = str(node.get("/Title", ""))
        destination, action = _target(source, node, page_map, resolve)
        children = _entries(source, node.get("/First"), page_map, resolve, depth + 1, seen)
        entries.append(Entry(title, destination, children, action))
        node = node.get("/Next")
    return entries


def _target(source, node, page_map, resolve) -> tuple[Any, Any]:
    """Where a source bookmark goes in the packet: (destination, action)."""
    import pikepdf

    target = node.get("/Dest")
    action = node.get("/A")
    if target is None and isinstance(action, pikepdf.Dictionary):
        if action.get("/S") != pikepdf.Name.GoTo:
            return None, _copied_action(source, action)
        target = action.get("/D")
    if isinstance(target, (pikepdf.String, pikepdf.Name)):
        target = resolve(target)
    return moved(target, page_map), None


def moved(destination, page_map: dict) -> Any:
    """An explicit destination of a source, moved onto the copied page (None when its
    page is not one of the source's pages)."""
    import pikepdf

    if not isinstance(destination, pikepdf.Array) or len(destination) == 0:
        return None
    page = destination[0]
    if not isinstance(page, pikepdf.Dictionary) or not page.is_indirect:
        return None
    copy = page_map.get(page.objgen)
    if copy is None:
        return None
    return pikepdf.Array([copy, *(_scalar(destination[i]) for i in range(1, len(destination)))])


def _scalar(value) -> Any:
    """A name, number or null of a destination, usable in another PDF."""
    import pikepdf

    if isinstance(value, pikepdf.Name):
        return pikepdf.Name(str(value))
    if value is None:
        return None
    try:
        return float(value) if not float(value).is_integer() else int(value)
    except (TypeError, ValueError):
        return None


def _copied_action(source, action) -> Any:
    """A non-GoTo action (a web address, say) of a source bookmark: a copy the packet
    can own. Actions that could run or open something (JavaScript, Launch) are dropped."""
    import pikepdf

    if action.get("/S") not in (pikepdf.Name.URI,):
        return None
    uri = action.get("/URI")
    if uri is None:
        return None
    return pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String(bytes(uri)))


def write(packet, entries: list[Entry]) -> None:
    """Install *entries* as the packet's outline: the first level open, the rest closed."""
    import pikepdf

    if not entries:
        return
    root = packet.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Outlines))
    visible = _link(packet, root, entries, level=1)
    root.Count = visible
    packet.Root.Outlines = root


def _link(packet, parent, entries: list[Entry], level: int) -> int:
    """Write *entries* as the children of *parent*; the number of them a reader sees
    when *parent* is open (the children, and the children of the open ones)."""
    import pikepdf

    items = [packet.make_indirect(pikepdf.Dictionary(Title=pikepdf.String(entry.title),
                                                     Parent=parent)) for entry in entries]
    parent.First, parent.Last = items[0], items[-1]
    visible = len(items)
    for index, (item, entry) in enumerate(zip(items, entries)):
        if index:
            item.Prev = items[index - 1]
        if index + 1 < len(items):
            item.Next = items[index + 1]
        if entry.destination is not None:
            item.Dest = entry.destination
        elif entry.action is not None:
            item.A = entry.action
        if entry.children:
            below = _link(packet, item, entry.children, level + 1)
            is_open = level == 1
            # Open: how many entries show below it; closed: minus how many would.
            item.Count = below if is_open else -below
            if is_open:
                visible += below
    return visible
