"""One structure tree for the packet, holding every paper's tags.

A tagged PDF ties its page content to its structure tree in two directions: marked
content on a page carries an MCID, and the page's /StructParents (an annotation's
/StructParent) is a key into the document's ParentTree, which lists the structure
element owning each MCID. Copying pages keeps the MCIDs (they are per page) but every
paper numbers its keys from 0, so here each paper's keys move up by the keys used
before it, and one ParentTree lists them all.

The packet's tree::

    Document                      (the packet; /Lang is the catalog's)
      Part  /T "7. Handlingsplan" one per item
        Art /T "Tjänsteskrivelse" one per paper: the paper's own Document, retyped
          … the paper's elements, unchanged

Element ids (WeasyPrint gives table header cells ids like "12-0-1", which data cells
name in /Headers) would clash between papers, so they get the paper's prefix and one
IDTree lists them. A paper's RoleMap and ClassMap are merged; a name two papers map
differently is renamed in the later paper.

An attached PDF without tags (a scanned letter, say) brings its pages and nothing to
the tree: a screen reader finds no text there, as in the attached file itself. The
packet then no longer claims PDF/UA (:attr:`StructureMerger.complete`).
"""

from __future__ import annotations

import re
from typing import Any

# Deeper than this a source's tree is not walked (a guard against loops; WeasyPrint's
# trees are a dozen levels deep).
MAX_DEPTH = 256


class StructureMerger:
    """Builds the packet's structure tree paper by paper (:meth:`add`, then :meth:`finish`)."""

    def __init__(self, packet, language: str):
        import pikepdf

        self.packet = packet
        self.language = language
        self.root = packet.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
        self.document = packet.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document, P=self.root, K=pikepdf.Array()))
        self.parts: dict[int, Any] = {}
        self.nums: list[tuple[int, Any]] = []
        self.ids: dict[bytes, Any] = {}
        self.role_map: dict[str, Any] = {}
        self.class_map: dict[str, Any] = {}
        self.next_key = 0
        self.papers = 0
        self.complete = True   # every paper's tags are in the tree

    def add(self, source, pages: list, label: str, item: int, item_label: str) -> None:
        """Take over the tags of *source*, whose pages were copied as *pages*, as the
        paper *label* of item number *item* (labelled *item_label*)."""
        import pikepdf

        self.papers += 1
        tree = source.Root.get("/StructTreeRoot")
        if not isinstance(tree, pikepdf.Dictionary) or "/K" not in tree:
            self.complete = False
            _forget_keys(pages)
            return
        copied = self.packet.copy_foreign(tree)
        offset = self.next_key
        used = [-1]
        for key, owner in _number_tree(copied.get("/ParentTree")):
            self.nums.append((key + offset, owner))
            used.append(key)
        used.append(_shift_keys(pages, offset) - offset)
        self.next_key = offset + max(used) + 1
        renames = self._merge_maps(copied)
        kids = _kids(copied.get("/K"))
        paper = _paper_element(kids, copied.get("/RoleMap"))
        if paper is None:
            paper = self.packet.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.StructElem, K=pikepdf.Array(kids)))
            for kid in kids:
                if isinstance(kid, pikepdf.Dictionary):
                    kid.P = paper
        paper.S = pikepdf.Name.Art
        paper.T = pikepdf.String(label)
        paper.P = self._part(item, item_label)
        self._part(item, item_label).K.append(paper)
        language = source.Root.get("/Lang")
        if language is not None and str(language) and str(language) != self.language:
            paper.Lang = pikepdf.String(str(language))  # an attached English report, say
        listed = _own_ids(copied, str(source.docinfo.get("/Creator", "")).startswith("arende "))
        if listed is not None and not any(renames.values()) and not listed.keys() & self.ids.keys():
            self.ids.update(listed)   # a paper of arende's: its ids are its own already
        else:
            _walk(paper, f"{self.papers}-".encode(), renames, self.ids)

    def _part(self, item: int, label: str):
        import pikepdf

        if item not in self.parts:
            part = self.packet.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.StructElem, S=pikepdf.Name.Part, T=pikepdf.String(label),
                P=self.document, K=pikepdf.Array()))
            self.document.K.append(part)
            self.parts[item] = part
        return self.parts[item]

    def _merge_maps(self, tree) -> dict[str, dict[str, str]]:
        """Merge the source's RoleMap and ClassMap into the packet's; the names to
        rename in this paper's elements, by map."""
        renames: dict[str, dict[str, str]] = {"/S": {}, "/C": {}}
        for key, merged in (("/RoleMap", self.role_map), ("/ClassMap", self.class_map)):
            own = tree.get(key)
            if own is None:
                continue
            for name in own.keys():
                value, new = own[name], name
                while new in merged and not _same(merged[new], value):
                    new = new + "_"
                merged[new] = value
                if new != name:
                    renames["/S" if key == "/RoleMap" else "/C"][name] = new
        return renames

    def finish(self) -> None:
        """Install the tree in the packet (nothing, when no paper was tagged)."""
        import pikepdf

        if not self.parts:
            return
        root, packet = self.root, self.packet
        root.K = pikepdf.Array([self.document])
        flat: list[Any] = []
        for key, owner in sorted(self.nums, key=lambda pair: pair[0]):
            flat += [key, owner]
        root.ParentTree = packet.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(flat)))
        root.ParentTreeNextKey = self.next_key
        if self.ids:
            pairs: list[Any] = []
            for name in sorted(self.ids):
                pairs += [pikepdf.String(name), self.ids[name]]
            root.IDTree = packet.make_indirect(pikepdf.Dictionary(Names=pikepdf.Array(pairs)))
        for map_name, merged in (("/RoleMap", self.role_map), ("/ClassMap", self.class_map)):
            if merged:
                root[map_name] = pikepdf.Dictionary({name: merged[name] for name in sorted(merged)})
        packet.Root.StructTreeRoot = root
        packet.Root.MarkInfo = pikepdf.Dictionary(Marked=True)


def _same(left, right) -> bool:
    try:
        return bool(left.unparse() == right.unparse())
    except Exception:  # noqa: BLE001 - not comparable: treat as different
        return False


def _number_tree(node, depth: int = 0, seen: set | None = None) -> list[tuple[int, Any]]:
    """The (key, value) pairs of a number tree, its kids' included."""
    import pikepdf

    seen = set() if seen is None else seen
    if not isinstance(node, pikepdf.Dictionary) or depth > MAX_DEPTH:
        return []
    if node.is_indirect:
        if node.objgen in seen:
            return []
        seen.add(node.objgen)
    pairs = []
    nums = node.get("/Nums")
    if isinstance(nums, pikepdf.Array):
        for index in range(0, len(nums) - 1, 2):
            pairs.append((int(nums[index]), nums[index + 1]))
    for kid in node.get("/Kids", ()):
        pairs += _number_tree(kid, depth + 1, seen)
    return pairs


# The ids a paper of arende's gives its elements: its own token, then WeasyPrint's id
# (generator.writers.pdf.tags.own_element_ids).
_OWN_ID = re.compile(rb"p[0-9a-f]{10}-")


def _own_ids(tree, ours: bool) -> dict[bytes, Any] | None:
    """The ids of a paper arende laid out, from its IDTree, by name; None for any other
    source (no IDTree, ids not all under one token of arende's, or an empty IDTree in a
    paper that is not *ours*), whose tree is then walked and its ids prefixed."""
    import pikepdf

    node = tree.get("/IDTree")
    if not isinstance(node, pikepdf.Dictionary) or "/Kids" in node:
        return None
    names = node.get("/Names")
    if not isinstance(names, pikepdf.Array) or len(names) % 2:
        return None
    found: dict[bytes, Any] = {}
    token = None
    for index in range(0, len(names), 2):
        name, element = bytes(names[index]), names[index + 1]
        match = _OWN_ID.match(name)
        if match is None or token not in (None, match.group(0)) or not isinstance(element, pikepdf.Dictionary):
            return None
        token = match.group(0)
        found[name] = element
    return found if found or ours else None


def _shift_keys(pages: list, offset: int) -> int:
    """Move the ParentTree keys of *pages*, their annotations and their form XObjects
    up by *offset*; the highest key now used (offset - 1 when none)."""
    import pikepdf

    highest = offset - 1
    done: set = set()

    def shift(owner, key: str) -> None:
        nonlocal highest
        if owner.is_indirect:
            if owner.objgen in done:
                return
            done.add(owner.objgen)
        if key in owner:
            owner[key] = int(owner[key]) + offset
            highest = max(highest, int(owner[key]))

    def forms(resources, depth: int) -> None:
        xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
        if not isinstance(xobjects, pikepdf.Dictionary) or depth > 8:
            return
        for name in xobjects.keys():
            form = xobjects[name]
            if isinstance(form, pikepdf.Stream) and form.get("/Subtype") == pikepdf.Name.Form \
                    and form.objgen not in done:
                shift(form, "/StructParents")
                forms(form.get("/Resources"), depth + 1)

    for page in pages:
        shift(page, "/StructParents")
        for annotation in page.get("/Annots", ()):
            if isinstance(annotation, pikepdf.Dictionary):
                shift(annotation, "/StructParent")
        forms(page.get("/Resources"), 0)
    return highest


def _forget_keys(pages: list) -> None:
    """An untagged source's pages keep no ParentTree keys (there is no tree for them)."""
    for page in pages:
        if "/StructParents" in page:
            del page["/StructParents"]


def _kids(value) -> list:
    import pikepdf

    if value is None:
        return []
    if isinstance(value, pikepdf.Array):
        return list(value)
    return [value]


def _paper_element(kids: list, role_map) -> Any:
    """The source's single top element when it is a Document (it becomes the paper's Art)."""
    import pikepdf

    if len(kids) != 1 or not isinstance(kids[0], pikepdf.Dictionary):
        return None
    role = kids[0].get("/S")
    for _ in range(8):   # a role map may map a custom name on, through other names
        if role is None or role_map is None or str(role) not in role_map:
            break
        role = role_map[str(role)]
    return kids[0] if role == pikepdf.Name.Document else None


def _walk(paper, prefix: bytes, renames: dict[str, dict[str, str]], ids: dict) -> None:
    """Prefix every element id (and every /Headers entry naming one) with the paper's
    *prefix*, collecting the ids; rename role and class names that clashed."""
    import pikepdf

    roles, classes = renames["/S"], renames["/C"]
    todo, seen = [(paper, 0)], set()
    while todo:
        element, depth = todo.pop()
        if element.is_indirect:
            if element.objgen in seen:
                continue
            seen.add(element.objgen)
        if "/ID" in element:
            new = prefix + bytes(element.ID)
            element.ID = pikepdf.String(new)
            ids[new] = element
        attributes = element.get("/A")
        if attributes is not None:
            for owner in _kids(attributes):
                if not isinstance(owner, pikepdf.Dictionary) or "/Headers" not in owner:
                    continue
                if owner.is_indirect:   # shared by two elements: prefixed once
                    if owner.objgen in seen:
                        continue
                    seen.add(owner.objgen)
                owner.Headers = pikepdf.Array([pikepdf.String(prefix + bytes(name))
                                               for name in owner.Headers])
        if roles and str(element.get("/S")) in roles:
            element.S = pikepdf.Name(roles[str(element.S)])
        if classes and "/C" in element:
            element.C = _renamed(element.C, classes)
        if depth >= MAX_DEPTH:
            continue
        for kid in _kids(element.get("/K")):
            # Kids are elements, marked-content references (/MCR), object references
            # (/OBJR) or bare MCIDs; only elements are walked.
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in (
                    pikepdf.Name.MCR, pikepdf.Name.OBJR):
                todo.append((kid, depth + 1))


def _renamed(value, names: dict[str, str]) -> Any:
    import pikepdf

    if isinstance(value, pikepdf.Array):
        return pikepdf.Array([_renamed(item, names) for item in value])
    if isinstance(value, pikepdf.Name) and str(value) in names:
        return pikepdf.Name(names[str(value)])
    return value
