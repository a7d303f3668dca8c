"""The XMP metadata packet of every PDF arende writes, published and archival alike.

WeasyPrint writes its own packet, but declares every namespace on ``rdf:RDF`` and
writes the PDF/A identification as attributes; Apache PDFBox Preflight (and PDF/A-1,
ISO 19005-1 6.7) want each schema in an ``rdf:Description`` of its own that declares
its namespace. So the PDF writer replaces the packet with the one made here.

What a registrar looks for is here in standard Dublin Core (title, creator, date,
identifier = diarienummer, type = paper type, language), mirrored in the document
information dictionary the way PDF/A-1 requires (6.7.3: Title, Author, Subject,
Keywords, Creator, Producer and both dates equal in both places). The nämnd, the
diarienummer and the paper type are also in a small ``arende:`` schema. It and the
PDF/UA identification (``pdfuaid:part``) are described by PDF/A extension schemas
(ISO 19005-1 6.7.8), which PDF/A requires of schemas it does not predefine.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from generator.paper import PaperFacts

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NAMESPACES = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
    # Our own: a URN, since arende has no web address that could promise to last.
    "arende": "urn:arende:xmp:1.0#",
}
# The arende: properties: XMP name, Info dictionary key, description.
CASE_PROPERTIES = (
    ("diarienummer", "Diarienummer", "Ärendets diarienummer"),
    ("namnd", "Namnd", "Nämnden som handlingen riktar sig till"),
    ("handlingstyp", "Handlingstyp", "Handlingens typ, t.ex. tjänsteskrivelse eller bilaga"),
    ("forvaltning", "Forvaltning", "Förvaltningen eller förvaltningarna som skrivit handlingen"),
    ("registreringsar", "Registreringsar", "Året då ärendet diariefördes"),
)
# The packet's fixed id, from the XMP specification (it marks the packet, not the file).
PACKET_ID = "W5M0MpCehiHzreSzNTczkc9d"


@dataclass(frozen=True)
class PaperMetadata:
    """What a PDF says about its paper, in XMP and in the document information."""

    title: str
    author: str
    description: str
    keywords: tuple[str, ...]
    creator_tool: str
    producer: str
    created: dt.datetime
    modified: dt.datetime
    language: str
    dnr: str
    board: str
    kind: str
    document_id: str
    department: str = ""    # a joint paper's förvaltningar, comma-separated
    registration_year: str = ""

    @property
    def case_values(self) -> dict[str, str]:
        """The arende: properties that have a value, by XMP name."""
        values = {"diarienummer": self.dnr, "namnd": self.board, "handlingstyp": self.kind,
                  "forvaltning": self.department, "registreringsar": self.registration_year}
        return {name: value for name, value in values.items() if value}


def facts_metadata(facts: PaperFacts, *, producer: str, document_id: str) -> PaperMetadata:
    """What a PDF says about the paper (or packet of papers) whose facts are *facts*."""
    return PaperMetadata(
        title=facts.title,
        author=facts.author,
        description=facts.description,
        keywords=facts.keywords,
        creator_tool=facts.generator,
        producer=producer,
        created=facts.created,
        modified=facts.modified,
        language=facts.language,
        dnr=", ".join(facts.all_dnrs),
        board=facts.board,
        kind=facts.kind_label,
        department=", ".join(facts.departments),
        registration_year=str(facts.registration_year or ""),
        document_id=document_id,
    )


def stable_document_id(what: str, key: str) -> str:
    """The XMP document id of a *what* ('paper', 'packet') named *key*: the same key
    gives the same id in every build and version."""
    return f"uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'urn:arende:{what}:{key}')}"


def pdf_date(moment: dt.datetime) -> str:
    """A PDF date string (ISO 32000-1 7.9.4) in UTC: ``D:20180905000000Z``."""
    return moment.astimezone(dt.timezone.utc).strftime("D:%Y%m%d%H%M%SZ")


def xmp_date(moment: dt.datetime) -> str:
    """An XMP date (ISO 8601) in UTC: ``2018-09-05T00:00:00Z``."""
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def info_entries(meta: PaperMetadata) -> dict[str, str]:
    """The document information entries, equal to their XMP counterparts (PDF/A-1 6.7.3),
    plus the case's own entries under Swedish keys that ``pdfinfo -custom`` shows."""
    entries = {
        "Title": meta.title,
        "Author": meta.author,
        "Subject": meta.description,
        "Keywords": ", ".join(meta.keywords),
        "Creator": meta.creator_tool,
        "Producer": meta.producer,
        "CreationDate": pdf_date(meta.created),
        "ModDate": pdf_date(meta.modified),
    }
    keys = {name: key for name, key, _ in CASE_PROPERTIES}
    entries.update({keys[name]: value for name, value in meta.case_values.items()})
    return {key: value for key, value in entries.items() if value}


def packet(meta: PaperMetadata, *, pdfa: tuple[int, str] | None = None, pdfua: bool = False) -> bytes:
    """The whole XMP packet for a PDF.

    *pdfa* is the PDF/A (part, conformance), e.g. ``(1, "B")``; *pdfua* claims PDF/UA-1
    (archival papers claim both: they are tagged like the published ones).
    The output depends only on the arguments, so equal papers give equal packets.
    """
    root = etree.Element("{adobe:ns:meta/}xmpmeta", nsmap={"x": "adobe:ns:meta/"})
    rdf = etree.SubElement(root, f"{{{RDF}}}RDF", nsmap={"rdf": RDF})
    if pdfa:
        _simple(rdf, "pdfaid", {"part": str(pdfa[0]), "conformance": pdfa[1]})
    if pdfua:
        _simple(rdf, "pdfuaid", {"part": "1"})
    _dublin_core(rdf, meta)
    _simple(rdf, "pdf", {"Producer": meta.producer, "Keywords": ", ".join(meta.keywords)})
    _simple(rdf, "xmp", {"CreatorTool": meta.creator_tool, "CreateDate": xmp_date(meta.created),
                         "ModifyDate": xmp_date(meta.modified),
                         "MetadataDate": xmp_date(meta.modified)})
    _simple(rdf, "xmpMM", {"DocumentID": meta.document_id})
    _extension_schemas(rdf, pdfua=pdfua)
    _simple(rdf, "arende", meta.case_values)
    body = etree.tostring(root, encoding="utf-8", pretty_print=True)
    header = f'<?xpacket begin="\ufeff" id="{PACKET_ID}"?>\n'.encode()
    return header + body + b'<?xpacket end="r"?>'


def _description(rdf, *prefixes: str):
    """An rdf:Description for one schema, declaring its namespace itself."""
    nsmap = {prefix: NAMESPACES[prefix] for prefix in prefixes}
    element = etree.SubElement(rdf, f"{{{RDF}}}Description", nsmap=nsmap)
    element.set(f"{{{RDF}}}about", "")
    return element


def _simple(rdf, prefix: str, values: dict[str, str]) -> None:
    """A schema of simple text properties, written as elements (not attributes)."""
    values = {name: value for name, value in values.items() if value}
    if not values:
        return
    description = _description(rdf, prefix)
    for name, value in values.items():
        etree.SubElement(description, f"{{{NAMESPACES[prefix]}}}{name}").text = value


def _dublin_core(rdf, meta: PaperMetadata) -> None:
    dc = NAMESPACES["dc"]
    description = _description(rdf, "dc")
    etree.SubElement(description, f"{{{dc}}}format").text = "application/pdf"
    _array(description, f"{{{dc}}}title", "Alt", [meta.title], lang=True)
    _array(description, f"{{{dc}}}creator", "Seq", [meta.author])   # one entry: PDF/A-1 6.7.3
    _array(description, f"{{{dc}}}description", "Alt", [meta.description], lang=True)
    if meta.dnr:
        etree.SubElement(description, f"{{{dc}}}identifier").text = meta.dnr
    _array(description, f"{{{dc}}}date", "Seq", [meta.created.date().isoformat()])
    _array(description, f"{{{dc}}}type", "Bag", [meta.kind])
    _array(description, f"{{{dc}}}language", "Bag", [meta.language])
    _array(description, f"{{{dc}}}subject", "Bag", list(meta.keywords))


def _array(parent, tag: str, kind: str, items: list[str], lang: bool = False) -> None:
    items = [item for item in items if item]
    if not items:
        return
    container = etree.SubElement(etree.SubElement(parent, tag), f"{{{RDF}}}{kind}")
    for item in items:
        li = etree.SubElement(container, f"{{{RDF}}}li")
        if lang:
            li.set(XML_LANG, "x-default")
        li.text = item


def _extension_schemas(rdf, pdfua: bool) -> None:
    """The PDF/A extension schemas (ISO 19005-1 6.7.8) for the schemas PDF/A does not
    predefine: arende's own and, when the file claims PDF/UA, the PDF/UA identification."""
    description = _description(rdf, "pdfaExtension", "pdfaSchema", "pdfaProperty")
    schemas = etree.SubElement(etree.SubElement(
        description, f"{{{NAMESPACES['pdfaExtension']}}}schemas"), f"{{{RDF}}}Bag")
    if pdfua:
        _schema(schemas, "PDF/UA identification schema", "pdfuaid",
                [("part", "Integer", "internal", "PDF/UA version identifier")])
    _schema(schemas, "arende: nämndhandlingens ärendeuppgifter", "arende",
            [(name, "Text", "external", text) for name, _, text in CASE_PROPERTIES])


def _schema(schemas, title: str, prefix: str, properties: list[tuple[str, str, str, str]]) -> None:
    schema_ns, property_ns = NAMESPACES["pdfaSchema"], NAMESPACES["pdfaProperty"]
    schema = etree.SubElement(schemas, f"{{{RDF}}}li")
    schema.set(f"{{{RDF}}}parseType", "Resource")
    for name, value in (("schema", title), ("namespaceURI", NAMESPACES[prefix]), ("prefix", prefix)):
        etree.SubElement(schema, f"{{{schema_ns}}}{name}").text = value
    sequence = etree.SubElement(etree.SubElement(schema, f"{{{schema_ns}}}property"), f"{{{RDF}}}Seq")
    for name, value_type, category, text in properties:
        item = etree.SubElement(sequence, f"{{{RDF}}}li")
        item.set(f"{{{RDF}}}parseType", "Resource")
        for field, value in (("name", name), ("valueType", value_type), ("category", category),
                             ("description", text)):
            etree.SubElement(item, f"{{{property_ns}}}{field}").text = value
