"""Fix-ups of the PDF structure tree that WeasyPrint 70 leaves undone.

Run in WeasyPrint's ``finisher`` hook (see :mod:`generator.writers.pdf`), on the pydyf
objects before they are written: the running header and footer (page margin boxes)
are marked content that no structure element in the tree owns, so they become
pagination artifacts; table header cells get the /Scope that tells a screen reader
which cells they head; and PDF/A-3's associated files are listed once.
"""

from __future__ import annotations


def object_at(pdf, reference):
    """The pydyf object a reference (b'12 0 R') points at."""
    return pdf.objects[int(reference.split()[0])]


def structure_elements(pdf):
    """Every structure element reachable from the structure tree root, by object number."""
    root = object_at(pdf, pdf.catalog["StructTreeRoot"])
    reached, todo = {}, list(root["K"])
    while todo:
        kid = todo.pop()
        if not isinstance(kid, (bytes, str)):
            continue  # an MCID
        element = object_at(pdf, kid)
        if element.number in reached or element.get("Type") != "/StructElem":
            continue
        reached[element.number] = element
        todo.extend(element.get("K", ()))
    return reached


def running_content_as_artifacts(pdf, reached: dict) -> None:
    """Mark the margin boxes' content (running header, page number, address footer) as
    pagination artifacts, so a screen reader does not read it out on every page.

    WeasyPrint tags it with MCIDs whose structure elements hang outside the tree; the
    marked content is turned into ``/Artifact`` and its parent tree entry into null.
    *reached* is the tree's elements (:func:`structure_elements`).
    """
    import pydyf

    parent_tree = object_at(pdf, object_at(pdf, pdf.catalog["StructTreeRoot"])["ParentTree"])
    nums = parent_tree["Nums"]
    for page_number, page_reference in enumerate(pdf.page_references):
        # Pages come first in the number tree, in order: key p at 2p, its MCID array after.
        if nums[2 * page_number] != page_number:
            continue
        owners = nums[2 * page_number + 1]
        orphans = {mcid for mcid, owner in enumerate(owners)
                   if isinstance(owner, (bytes, str)) and int(owner.split()[0]) not in reached}
        if not orphans:
            continue
        stream = object_at(pdf, object_at(pdf, page_reference)["Contents"]).stream
        for position, item in enumerate(stream):
            if (isinstance(item, pydyf.Dictionary) and item.get("MCID") in orphans
                    and stream[position + 1] == b"BDC"):
                owners[item["MCID"]] = "null"
                stream[position - 1] = "/Artifact"
                stream[position] = pydyf.Dictionary({"Type": "/Pagination"})


def scope_header_cells(pdf, elements: dict) -> None:
    """Give every TH a /Scope: Column in a THead, Row when it leads a body row.

    WeasyPrint links data cells to header cells with /Headers, but checkers and some
    screen readers look for the header cell's own /Scope (PDF/UA-1 7.5).
    """
    import pydyf

    for element in elements.values():
        if element.get("S") != "/TH":
            continue
        row = object_at(pdf, element["P"])
        in_head = "P" in row and object_at(pdf, row["P"]).get("S") == "/THead"
        first = row["K"][0] if row.get("K") else None
        leads_row = isinstance(first, (bytes, str)) and object_at(pdf, first) is element
        attributes = element.setdefault("A", pydyf.Dictionary({"O": "/Table"}))
        attributes["Scope"] = "/Row" if leads_row and not in_head else "/Column"


def own_element_ids(pdf, elements: dict, token: str) -> None:
    """Prefix every element id (WeasyPrint's header cells' "12-0-1") and every /Headers
    entry naming one with *token*, and list the ids in the tree's /IDTree.

    The token is the paper's own (from its stable document id), so its ids stay unique
    when the paper is joined with others in a meeting's packet, which then takes them
    over from the IDTree instead of walking the paper's whole tree to rename them
    (generator.writers.pdf.packet_tags).
    """
    import pydyf

    def own(name) -> pydyf.String:
        return pydyf.String(f"{token}-{getattr(name, 'string', name)}")

    ids: dict[str, bytes] = {}
    for element in elements.values():
        if "ID" in element:
            element["ID"] = own(element["ID"])
            ids[element["ID"].string] = element.reference
        attributes = element.get("A")
        for owner in attributes if isinstance(attributes, list) else [attributes]:
            if isinstance(owner, dict) and "Headers" in owner:
                owner["Headers"] = pydyf.Array([own(name) for name in owner["Headers"]])
    # Written also when empty: the packet then knows this paper has no ids to rename.
    names = pydyf.Array()
    for name in sorted(ids):
        names.extend([pydyf.String(name), ids[name]])
    object_at(pdf, pdf.catalog["StructTreeRoot"])["IDTree"] = pydyf.Dictionary({"Names": names})


def id_token(document_id: str) -> str:
    """A short token of a paper's document id, for its element ids."""
    import hashlib

    return "p" + hashlib.sha256(document_id.encode()).hexdigest()[:10]


def unique_associated_files(pdf) -> None:
    """WeasyPrint 70 lists each PDF/A-3 associated file twice in the catalog's /AF."""
    if "AF" in pdf.catalog:
        pdf.catalog["AF"][:] = list(dict.fromkeys(pdf.catalog["AF"]))
