"""The bundled example meeting, plans/möten/amn-2018-09-26.yaml, as a new user builds it.

Four Uppsala cases on one agenda: the seed (AMN-2018-0329), a delårsbokslut with a generic
bilaga (0398), a remiss answer whose bilaga 2 is an attached PDF (0371) and a secret
individual matter (0405). The secret case's text names the person SEKRETESS-SENTINEL-7Q; the
public kallelse and packet must not hold that string anywhere: not in the page text, the
outline, the metadata, the structure tree or a file name.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import PLANS, outline, pdf_pages, run

MEETING = PLANS / "möten" / "amn-2018-09-26.yaml"
SENTINEL = "SEKRETESS-SENTINEL-7Q"
SECRET_DNR = "AMN-2018-0405"
PUBLIC_TITLE = "Individärende enligt socialtjänstlagen"
REMISS = PLANS / "uppsala-amn-2018-0371" / "remiss-region-uppsala.pdf"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("example-meeting")
    result = run("build", MEETING, "--out", out)
    assert result.exit_code == 0, result.output
    folder = out / "moten" / "amn-2018-09-26"
    return {"out": out, "folder": folder, "output": result.output,
            "manifest": json.loads((folder / "amn-2018-09-26_manifest.json").read_text(encoding="utf-8"))}


def plan() -> dict:
    return yaml.load(MEETING.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def pdf_strings(path: Path) -> str:
    """Every text string and decoded stream of a PDF, its metadata and structure tree
    included, as one text to search."""
    import pikepdf

    found: list[str] = []
    seen: set[tuple[int, int]] = set()

    def walk(obj) -> None:
        if isinstance(obj, pikepdf.Object) and obj.is_indirect:
            if obj.objgen in seen:
                return
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.String):
            found.append(str(obj))
        elif isinstance(obj, pikepdf.Array):
            for item in obj:
                walk(item)
        elif isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            for key in obj.keys():
                if key not in ("/Parent", "/P", "/Pg"):
                    walk(obj[key])
            if isinstance(obj, pikepdf.Stream):
                try:
                    data = obj.read_bytes()
                except pikepdf.PdfError:   # an image filter qpdf leaves encoded
                    data = obj.read_raw_bytes()
                found.append(data.decode("latin-1"))
                found.append(data.decode("utf-16-be", errors="ignore"))

    with pikepdf.open(path) as pdf:
        walk(pdf.trailer)
        for obj in pdf.objects:
            walk(obj)
        found.append(str(pdf.docinfo))
        found.append(str(pdf.open_metadata()))
    return "\n".join(found)


def flat(pages: list[str]) -> str:
    """Page text with its white space made single spaces."""
    return " ".join(" ".join(pages).split())


def squeezed(text: str) -> str:
    """Text without white space and hyphens: pdftotext drops the hyphen where a line
    breaks after one ("SEKRETESS-" / "SENTINEL-7Q" reads "SEKRETESSSENTINEL-7Q")."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011]", "", text)


def holds_sentinel(pages: list[str]) -> bool:
    return squeezed(SENTINEL) in squeezed("".join(pages))


def numbered_cases() -> list[tuple[str, str]]:
    """(number, case folder) of each ärende on the agenda, numbered as the house numbers
    it: every item but a section row counts (Uppsala numbers its formal items)."""
    number, found = 0, []
    for entry in plan()["punkter"]:
        if "avsnitt" in entry:
            continue
        number += 1
        if "ärende" in entry:
            found.append((str(number), entry["ärende"]))
    return found


def case_title(folder: str) -> str:
    return yaml.load((PLANS / folder / "arende.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["titel"]


def test_the_example_meeting_builds_its_four_cases_kallelse_packets_and_manifest(built):
    assert "4 ärenden byggda; 1 möte byggt" in built["output"]
    names = sorted(path.name for path in built["folder"].iterdir())
    assert names == ["amn-2018-09-26_handlingar-offentlig.pdf", "amn-2018-09-26_handlingar.pdf",
                     "amn-2018-09-26_kallelse-offentlig.docx", "amn-2018-09-26_kallelse-offentlig.pdf",
                     "amn-2018-09-26_kallelse.docx", "amn-2018-09-26_kallelse.pdf",
                     "amn-2018-09-26_manifest.json"]
    assert [folder for _, folder in numbered_cases()] == [
        "uppsala-amn-2018-0398", "uppsala-amn-2018-0329", "uppsala-amn-2018-0371", "uppsala-amn-2018-0405"]


def test_check_finds_nothing_in_the_meeting_or_its_new_cases():
    result = run("check", PLANS)
    assert result.exit_code == 0, result.output
    problems = [line for line in result.output.splitlines() if re.match(r"\S+:\d+:\d+: ", line)]
    # The seed's own slips (its handlingsplan) are the only warnings.
    assert problems and all(line.startswith("plans/uppsala-amn-2018-0329/") for line in problems), problems


def test_outline_has_one_entry_per_numbered_case_in_agenda_order(built):
    packet = built["folder"] / "amn-2018-09-26_handlingar.pdf"
    top = [(title, page) for level, title, page in outline(packet) if level == 1]
    expected = ["Kallelse"] + [f"{number}. {case_title(folder)}" for number, folder in numbered_cases()]
    assert [title for title, _ in top] == expected
    assert expected[1:] == ["3. Delårsbokslut per augusti 2018 för arbetsmarknadsnämnden",
                            "4. Handlingsplan sociala företag",
                            "5. Yttrande över remiss om regionalt arbetsmarknadsråd",
                            "6. Talan om ersättningsskyldighet för utbetalt ekonomiskt bistånd enligt "
                            "9 kap. 3 § socialtjänstlagen"]
    pages = [page for _, page in top]
    assert pages[0] == 1 and pages == sorted(set(pages))
    # The manifest agrees: each item starts where its outline entry points.
    items = [item for item in built["manifest"]["punkter"] if item["typ"] == "ärende"]
    assert [(item["nummer"], item["intern"]["första sida"]) for item in items] == [
        (title.split(".")[0], page) for title, page in top[1:]]

    public = built["folder"] / "amn-2018-09-26_handlingar-offentlig.pdf"
    public_top = [title for level, title, _ in outline(public) if level == 1]
    assert public_top == expected[:-1] + [f"6. {PUBLIC_TITLE}"]


def test_public_files_hold_nothing_of_the_secret_case(built):
    folder = built["folder"]
    public = [folder / name for name in ("amn-2018-09-26_handlingar-offentlig.pdf",
                                         "amn-2018-09-26_kallelse-offentlig.pdf")]
    for path in public:
        pages = pdf_pages(path)
        assert not holds_sentinel(pages), path.name
        assert all(SENTINEL not in title for _, title, _ in outline(path)), path.name
        assert SENTINEL not in pdf_strings(path), path.name
        assert SENTINEL.encode() not in path.read_bytes(), path.name
    docx = folder / "amn-2018-09-26_kallelse-offentlig.docx"
    with zipfile.ZipFile(docx) as archive:
        for member in archive.namelist():
            assert SENTINEL.encode() not in archive.read(member), member
    assert SENTINEL not in (folder / "amn-2018-09-26_manifest.json").read_text(encoding="utf-8")
    assert all(SENTINEL not in path.name for path in built["out"].rglob("*"))

    # What the public does see of item 6: its number, public title, diarienummer and ground.
    text = flat(pdf_pages(public[0]))
    assert f"6. {PUBLIC_TITLE}" in text and SECRET_DNR in text and "OSL 26 kap. 1 §" in text
    assert "Talan om ersättningsskyldighet" not in text and "84 312" not in text
    kallelse = flat(pdf_pages(public[1]))
    assert PUBLIC_TITLE in kallelse and "Talan om ersättningsskyldighet" not in kallelse


def test_internal_files_hold_the_secret_case_whole(built):
    folder = built["folder"]
    pages = pdf_pages(folder / "amn-2018-09-26_handlingar.pdf")
    assert holds_sentinel(pages) and SENTINEL in flat(pages) and "84 312 kronor" in flat(pages)
    assert holds_sentinel(pdf_pages(folder / "amn-2018-09-26_kallelse.pdf"))
    item = next(item for item in built["manifest"]["punkter"] if item.get("diarienummer") == [SECRET_DNR])
    assert item["sekretess"] is True and item["nummer"] == "6"


def test_the_attached_remiss_pages_are_inside_the_packet(built):
    import pypdf

    remiss_pages = len(pypdf.PdfReader(REMISS).pages)
    assert remiss_pages >= 2
    for name, side in (("amn-2018-09-26_handlingar.pdf", "intern"),
                       ("amn-2018-09-26_handlingar-offentlig.pdf", "offentlig")):
        packet = built["folder"] / name
        pages = pdf_pages(packet)
        item = next(item for item in built["manifest"]["punkter"]
                    if item.get("diarienummer") == ["AMN-2018-0371"])
        paper = next(paper for paper in item["handlingar"] if paper["fil"].endswith(".pdf")
                     and "_bilaga-2_" in paper["fil"])
        assert paper["sidor"] == remiss_pages
        first = paper["första sida"] + item[side]["första sida"] - item["intern"]["första sida"]
        inside = pages[first - 1:first - 1 + remiss_pages]
        assert len(inside) == remiss_pages
        for number, page in enumerate(inside, 1):
            assert f"Sida {number} ({remiss_pages})" in page and "Region Uppsala" in page, (name, number)
        assert "Bilaga 2" in inside[0] and "Remiss: Förslag om inrättande" in flat(inside[:1])
        # The remiss is the item's last paper: after the item's outline entry, before the next.
        starts = {title.split(".")[0]: page for level, title, page in outline(packet) if level == 1}
        assert starts["5"] < first and starts["6"] == first + remiss_pages == item[side]["sista sida"] + 1


def test_the_remiss_pdf_is_what_the_tool_makes(tmp_path):
    """tools/make_example_remiss.py gives the committed PDF byte for byte (with the
    WeasyPrint that made it; another version lays out and writes the file its own way)."""
    import importlib.util

    import pypdf
    import weasyprint

    producer = pypdf.PdfReader(REMISS).metadata["/Producer"]
    if producer != f"WeasyPrint {weasyprint.__version__}":
        pytest.skip(f"remissen gjordes med {producer}, här finns WeasyPrint {weasyprint.__version__}")

    spec = importlib.util.spec_from_file_location("make_example_remiss",
                                                  PLANS.parent / "tools" / "make_example_remiss.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    made = module.make(tmp_path / "remiss.pdf")
    assert made.read_bytes() == REMISS.read_bytes()
    assert REMISS.stat().st_size < 60_000



def test_the_packet_claims_pdf_ua_only_as_far_as_its_papers_do(built):
    """The attached remiss is a PDF/A without tags: the packet keeps every rendered
    paper's tags but does not claim PDF/UA for pages it cannot vouch for."""
    import pikepdf

    with pikepdf.open(REMISS) as remiss:
        assert "/StructTreeRoot" not in remiss.Root
    with pikepdf.open(built["folder"] / "amn-2018-09-26_handlingar.pdf") as pdf:
        assert "/StructTreeRoot" in pdf.Root and str(pdf.Root.Lang) == "sv"
        assert "pdfuaid:part" not in pdf.open_metadata()


def _structure_ids(pdf) -> tuple[list[bytes], list[bytes], dict[bytes, object]]:
    """Every element id in a PDF's structure tree, every /Headers entry, and its IDTree."""
    import pikepdf

    root = pdf.Root.StructTreeRoot
    ids, headers, todo, seen = [], [], [root.K], set()
    while todo:
        node = todo.pop()
        if isinstance(node, pikepdf.Array):
            todo.extend(node)
            continue
        if not isinstance(node, pikepdf.Dictionary) or node.get("/Type") in (pikepdf.Name.MCR, pikepdf.Name.OBJR):
            continue
        if node.is_indirect:
            if node.objgen in seen:
                continue
            seen.add(node.objgen)
        if "/ID" in node:
            ids.append(bytes(node.ID))
        for owner in [node.A] if isinstance(node.get("/A"), pikepdf.Dictionary) else list(node.get("/A", [])):
            if isinstance(owner, pikepdf.Dictionary) and "/Headers" in owner:
                headers += [bytes(name) for name in owner.Headers]
        if "/K" in node:
            todo.append(node.K)
    names = root.IDTree.Names if "/IDTree" in root else []
    listed = {bytes(names[index]): names[index + 1] for index in range(0, len(names), 2)}
    return ids, headers, listed


@pytest.mark.parametrize("name", ["amn-2018-09-26_handlingar.pdf", "amn-2018-09-26_handlingar-offentlig.pdf"])
def test_every_header_cell_id_in_a_packet_is_unique_listed_and_named_rightly(built, name):
    """Papers joined in a packet keep table header cells apart: each element id once,
    the IDTree listing exactly those ids and pointing at their elements, and every data
    cell's /Headers naming ids of the packet (a screen reader reads a cell's headers)."""
    import pikepdf

    with pikepdf.open(built["folder"] / name) as pdf:
        ids, headers, listed = _structure_ids(pdf)
        assert ids and len(ids) == len(set(ids))
        assert set(listed) == set(ids)
        assert all(bytes(element.ID) == key for key, element in listed.items())
        assert headers and set(headers) <= set(ids)


def test_a_paper_joined_twice_keeps_its_header_cell_ids_apart(built, tmp_path):
    """The same paper twice in one packet (its ids equal in both copies): the second
    copy's ids are renamed, so each id still names one header cell."""
    import datetime as dt

    import pikepdf

    from generator.paper import PaperFacts
    from generator.writers.pdf.packet import PacketItem, PacketPaper, write_packet

    plan_pdf = next((built["out"] / "AMN-2018-0329").glob("*handlingsplan.pdf"))
    items = [PacketItem(f"{n}. Handlingsplan", (PacketPaper("Handlingsplan", plan_pdf),)) for n in (1, 2)]
    facts = PaperFacts(title="Prov", kind_label="Handlingar", authors=("Sekreterare",), date=dt.date(2018, 9, 26),
                       modified=dt.datetime(2018, 9, 26, tzinfo=dt.timezone.utc), board="Nämnden")
    write_packet(items, tmp_path / "twice.pdf", facts, "prov")
    with pikepdf.open(tmp_path / "twice.pdf") as pdf:
        ids, headers, listed = _structure_ids(pdf)
    assert len(ids) == len(set(ids)) == len(listed) > 0
    assert set(headers) <= set(ids)
