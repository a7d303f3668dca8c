"""The DOCX papers, as a Word user relies on them: styles, numbering, footnotes, fields,
repeated table headings, revisions, metadata, and the same words as the paper HTML."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import lxml.html
import pytest
from lxml import etree
from PIL import Image

from conftest import ROOT, SEEDS, STOCKHOLM, UPPSALA, copy_case, edit
from generator.compose.paper import compose_case
from generator.errors import RenderFailure, TemplateProblem
from generator.read import read_case
from generator.writers.docx import write_docx
from generator.writers.docx.styles import STYLE_MAP, check_styles
from generator.vocabulary import ROLES
from test_fidelity import recall

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORD = re.compile(r"\w+")


@pytest.fixture(scope="module")
def papers():
    """The composed papers of both seed cases: house → [tjänsteskrivelse, bilagor …]."""
    return {"uppsala": compose_case(read_case(UPPSALA)),
            "stockholm": compose_case(read_case(STOCKHOLM))}


@pytest.fixture(scope="module")
def built(papers, tmp_path_factory) -> dict[str, list[Path]]:
    """Every paper written to DOCX once: house → paths in paper order."""
    out = tmp_path_factory.mktemp("docx")
    files = {}
    for house, composed in papers.items():
        files[house] = []
        for paper in composed:
            target = out / f"{paper.stem}.docx"
            write_docx(paper, target)
            files[house].append(target)
    return files


def part(path: Path, name: str):
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def story(path: Path, kind: str, which: str):
    """The header or footer part of *kind* ('header'/'footer') used for *which* pages."""
    document = docx.Document(str(path))
    section = document.sections[0]
    name = f"{'first_page_' if which == 'first' else ''}{kind}"
    return getattr(section, name)._element


def paragraph_texts(root) -> list[str]:
    """Each paragraph's text as Word shows it: w:t, with a tab as "\t" (deleted text,
    w:delText, left out)."""
    return ["".join("\t" if t.tag == W + "tab" else t.text or ""
                    for t in p.iter(W + "t", W + "tab")) for p in root.iter(W + "p")]


# --- tables ---------------------------------------------------------------------------


def test_action_tables_repeat_their_heading_row_and_keep_rows_whole(built):
    bilaga = built["uppsala"][1]
    tables = part(bilaga, "word/document.xml").findall(".//w:tbl", NS)
    action_tables = [t for t in tables
                     if t.find("w:tblPr/w:tblStyle", NS).get(W + "val") == "Dokumenttabell"]
    assert len(action_tables) == 5
    for table in action_tables:
        rows = table.findall("w:tr", NS)
        assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
        assert all(r.find("w:trPr/w:tblHeader", NS) is None for r in rows[1:])
        assert all(r.find("w:trPr/w:cantSplit", NS) is not None for r in rows)
        widths = [int(c.get(W + "w")) for c in table.findall("w:tblGrid/w:gridCol", NS)]
        assert widths[0] > 2 * max(widths[1:])          # the action column is the wide one
        assert sum(widths) <= 163 * 56.7 + 5            # A4 text width (163 mm) in twips


# --- footnotes ------------------------------------------------------------------------


@pytest.mark.parametrize("house, index, call, body", [
    ("uppsala", 1, "Den myndighetsövergripande",
     "Den myndighetsövergripande arbetsgruppen består"),
    ("stockholm", 0, "projektet ”ASF Lyfter", "Projektet ASF Lyfter ägs av Skoopi"),
])
def test_footnotes_are_word_footnotes_called_where_the_html_calls_them(built, house, index,
                                                                       call, body):
    path = built[house][index]
    notes = part(path, "word/footnotes.xml")
    by_id = {n.get(W + "id"): n for n in notes.findall("w:footnote", NS)}
    assert by_id["-1"].get(W + "type") == "separator"
    assert by_id["0"].get(W + "type") == "continuationSeparator"
    assert body in paragraph_texts(by_id["1"])[0]
    assert by_id["1"].find(".//w:pStyle", NS).get(W + "val") == "FootnoteText"
    document = part(path, "word/document.xml")
    (calling,) = [p for p in document.iter(W + "p")
                  if p.find(".//w:footnoteReference", NS) is not None]
    assert call in "".join(t.text for t in calling.iter(W + "t"))
    reference = calling.find(".//w:footnoteReference", NS)
    assert reference.get(W + "id") == "1"
    assert reference.getparent().find("w:rPr/w:rStyle", NS).get(W + "val") == "FootnoteReference"
    settings = part(path, "word/settings.xml")
    assert [n.get(W + "id") for n in settings.findall("w:footnotePr/w:footnote", NS)] == ["-1", "0"]


# --- header and footer ----------------------------------------------------------------


def fields(element) -> list[str]:
    return [t.text.strip() for t in element.iter(W + "instrText")]


def test_header_has_page_fields_and_first_page_shows_only_the_number(built):
    path = built["uppsala"][0]
    sect = part(path, "word/document.xml").find(".//w:body/w:sectPr", NS)
    assert sect.find("w:titlePg", NS) is not None
    later, first = story(path, "header", "later"), story(path, "header", "first")
    assert fields(first) == ["PAGE", "NUMPAGES"]
    # The dnr and date in the later pages' header are the document's properties.
    assert fields(later) == ["DOCPROPERTY Diarienummer \\* MERGEFORMAT",
                             "DOCPROPERTY Datum \\* MERGEFORMAT", "PAGE", "NUMPAGES"]
    assert "Uppsala kommun · AMN-2018-0329 · 2018-09-05" in "".join(paragraph_texts(later))
    first_text = "".join(paragraph_texts(first))
    assert "Uppsala kommun" not in first_text
    # The cached results: page 1 on the first page, 2 on the later ones; written alone,
    # the DOCX does not know the page count and leaves it empty rather than guess.
    assert first_text == "\tSida 1 ()"
    assert "".join(paragraph_texts(later)).endswith("\tSida 2 ()")


def field_results(element) -> dict[str, str]:
    """Each field's instruction → the result it caches (the text between separate and end)."""
    results, instruction, inside = {}, None, False
    for node in element.iter(W + "instrText", W + "fldChar", W + "t"):
        if node.tag == W + "instrText":
            instruction, results[node.text.strip()] = node.text.strip(), ""
        elif node.tag == W + "fldChar":
            inside = node.get(W + "fldCharType") == "separate"
        elif inside:
            results[instruction] += node.text
    return results


def test_built_with_the_pdf_the_page_fields_cache_its_page_count(tmp_path):
    from pypdf import PdfReader

    from generator.build import build_case

    files = build_case(read_case(UPPSALA), tmp_path, ("docx", "pdf")).files
    for pdf in [f for f in files if f.suffix == ".pdf"]:
        pages = str(len(PdfReader(pdf).pages))
        path = pdf.with_suffix(".docx")
        assert field_results(story(path, "header", "first")) == {"PAGE": "1", "NUMPAGES": pages}
        later = field_results(story(path, "header", "later"))
        assert (later["PAGE"], later["NUMPAGES"]) == ("2", pages)
    assert pages == "4"   # the bilaga: not "Sida 1 (1)" on every page


def test_stockholm_address_is_the_footer_of_every_page(built):
    path = built["stockholm"][0]
    for which in ("first", "later"):
        text = " ".join(paragraph_texts(story(path, "footer", which)))
        assert "Arbetsmarknadsförvaltningen" in text and "Livdjursgatan 4" in text
        assert "info.amf@stockholm.se" in text


# --- styles, headings, numbering ---------------------------------------------------------


def test_headings_use_words_builtin_heading_styles(built, papers):
    for house in ("uppsala", "stockholm"):
        for path, paper in zip(built[house], papers[house]):
            body = lxml.html.document_fromstring(paper.html).find("body")
            document = docx.Document(str(path))
            for level in (1, 2, 3):
                expected = [" ".join(h.text_content().split()) for h in body.iter(f"h{level}")]
                found = [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]
                assert found == expected, (path.name, level)


def test_writer_sets_no_fonts_or_sizes_of_its_own(built):
    for path in [*built["uppsala"], *built["stockholm"]]:
        document = part(path, "word/document.xml")
        assert document.find(".//w:rFonts", NS) is None
        assert document.find(".//w:sz", NS) is None
        assert document.find(".//w:spacing", NS) is None


def numbered(document, style: str) -> list[tuple[str, int]]:
    """(text, numId) of each paragraph in *style*."""
    out = []
    for p in document.paragraphs:
        if p.style.name == style:
            num_id = p._p.find("w:pPr/w:numPr/w:numId", NS)
            out.append((p.text, int(num_id.get(W + "val")) if num_id is not None else None))
    return out


def start_of(path: Path, num_id: int) -> int:
    numbering = part(path, "word/numbering.xml")
    num = numbering.find(f"w:num[@w:numId='{num_id}']", NS)
    return int(num.find("w:lvlOverride/w:startOverride", NS).get(W + "val"))


def test_decision_points_and_lists_use_word_numbering_each_restarting(built):
    path = built["stockholm"][0]
    document = docx.Document(str(path))
    points = numbered(document, "Beslutspunkt")
    assert [text[:40] for text, _ in points] == [
        "Arbetsmarknadsnämnden beslutar att godkä", "Arbetsmarknadsnämnden beslutar att för k"]
    assert points[0][1] is not None and points[0][1] == points[1][1]
    assert start_of(path, points[0][1]) == 1
    lists = numbered(document, "List Number")
    assert [t for t, _ in lists] == ["Kompetensutveckling", "Upphandling", "Nätverk",
                                     "Företagsrådgivning", "Myndigheternas kunskap"]
    assert lists[0][1] != points[0][1] and start_of(path, lists[0][1]) == 1
    attachments = numbered(document, "Bilageförteckning")
    assert [t for t, _ in attachments] == ["Handlingsplan för att främja ASF",
                                           "Utredning av handlingsutrymmet för att främja ASF"]
    assert start_of(path, attachments[0][1]) == 1
    bullets = numbered(document, "Aktivitet")
    assert len(bullets) == 20 and len({n for _, n in bullets}) == 2   # two lists, own instances


def test_a_bilaga_numbered_by_hand_keeps_its_number_in_word(tmp_path):
    case = copy_case(STOCKHOLM, tmp_path / "c")
    edit(case / "arende.yaml", "  - titel: Utredning av handlingsutrymmet för att främja ASF",
         "  - titel: Utredning av handlingsutrymmet för att främja ASF\n    nummer: 3")
    paper = compose_case(read_case(case))[0]
    assert '<li value="3">' in paper.html  # what the PDF prints
    target = tmp_path / "x.docx"
    write_docx(paper, target)
    attachments = numbered(docx.Document(str(target)), "Bilageförteckning")
    assert [start_of(target, num_id) for _, num_id in attachments] == [1, 3]


def test_att_clauses_hang_with_bold_att(built):
    document = docx.Document(str(built["uppsala"][0]))
    clauses = [p for p in document.paragraphs if p.style.name == "Att-sats"]
    assert len(clauses) == 2
    for clause in clauses:
        first = clause.runs[0]
        assert first.text == "att" and first.style.name == "Att"
        assert clause._p.find(".//w:tab", NS) is not None
        assert clause.text.startswith("att\t")     # a bare tab, no "att·→"
    style = document.styles["Att-sats"].paragraph_format
    assert style.first_line_indent < 0 and style.left_indent == -style.first_line_indent


# --- revisions and metadata --------------------------------------------------------------


def test_no_tab_has_a_stray_space_before_it(built):
    for path in [*built["uppsala"], *built["stockholm"]]:
        with zipfile.ZipFile(path) as z:
            names = [n for n in z.namelist() if re.fullmatch(r"word/(document|header\d+).xml", n)]
        for name in names:
            for tab in part(path, name).iter(W + "tab"):
                if tab.getparent().tag != W + "r":
                    continue   # a tab stop in a paragraph's or style's w:tabs
                before = "".join(t.text or "" for t in tab.itersiblings(W + "t", preceding=True))
                assert not before.endswith(" "), (path.name, name)
                previous = tab.getparent().getprevious()
                text = "".join(t.text or "" for t in previous.iter(W + "t")) if previous is not None else ""
                assert not text.endswith(" "), (path.name, name, text)
    later = story(built["uppsala"][0], "header", "later")
    assert paragraph_texts(later)[0].startswith("Uppsala kommun · AMN-2018-0329 · 2018-09-05\tSida")


def test_revisions_are_tracked_changes_in_the_uppsala_bilaga(built):
    document = part(built["uppsala"][1], "word/document.xml")
    inserted = document.findall(".//w:ins", NS)
    deleted = document.findall(".//w:del", NS)
    # Each revision carries the space that separates it, so none is left between them.
    assert ["".join(t.text for t in i.iter(W + "t")) for i in inserted] == ["samråd ", "samråd "]
    assert ["".join(t.text for t in d.iter(W + "delText")) for d in deleted] == ["dialog ", "dialog "]
    assert all(d.find(".//w:t", NS) is None for d in deleted)
    for mark in inserted + deleted:   # no 'spårade ändringar': the first handläggare, that day
        assert mark.get(W + "author") == "Helmer Linda"
        assert mark.get(W + "date") == "2018-09-05T00:00:00Z"
    ids = [m.get(W + "id") for m in inserted + deleted]
    assert len(set(ids)) == len(ids)


def test_revisions_carry_the_author_and_time_the_plan_gives(tmp_path):
    case = copy_case(UPPSALA, tmp_path / "c")
    with open(case / "arende.yaml", "a", encoding="utf-8") as plan:
        plan.write("\nspårade ändringar:\n  av: Karin Reuterdahl\n  datum: 2018-09-04\n  tid: 14:30\n")
    bilaga = compose_case(read_case(case))[1]    # the bilaga follows its case
    assert '<ins data-author="Karin Reuterdahl" data-date="2018-09-04T14:30">samråd</ins>' in bilaga.html
    write_docx(bilaga, tmp_path / "b.docx")
    marks = [*part(tmp_path / "b.docx", "word/document.xml").iter(W + "ins", W + "del")]
    assert len(marks) == 4
    assert {(m.get(W + "author"), m.get(W + "date")) for m in marks} == {
        ("Karin Reuterdahl", "2018-09-04T14:30:00Z")}   # Word reads w:date as wall-clock time


def test_revision_with_a_date_that_is_no_time_fails(papers, tmp_path):
    paper = broken(papers["uppsala"][1], 'data-date="2018-09-05T00:00">samråd',
                   'data-date="5 sept">samråd')
    with pytest.raises(RenderFailure, match="data-date='5 sept'.*är ingen tidpunkt"):
        write_docx(paper, tmp_path / "x.docx")


def all_changes(root, accept: bool) -> list[str]:
    """The paragraphs' text after Word's Accept All (or Reject All) changes."""
    root = etree.fromstring(etree.tostring(root))
    drop, keep = ("del", "ins") if accept else ("ins", "del")
    for mark in list(root.iter(W + drop)):
        mark.getparent().remove(mark)
    for mark in list(root.iter(W + keep)):
        for text in mark.iter(W + "delText"):
            text.tag = W + "t"
        parent, index = mark.getparent(), mark.getparent().index(mark)
        for offset, child in enumerate(list(mark)):
            parent.insert(index + offset, child)
        parent.remove(mark)
    return [text for text in paragraph_texts(root) if text]


def test_accepting_or_rejecting_all_changes_leaves_single_spaces(built):
    document = part(built["uppsala"][1], "word/document.xml")
    accepted, rejected = all_changes(document, True), all_changes(document, False)
    for texts in (accepted, rejected):
        assert not [t for t in texts if "  " in t or t != t.strip()]
    assert "I samråd med de sociala företagen hitta och utveckla nya metoder" in "\n".join(accepted)
    assert "I samråd med sociala företag utreda behov" in "\n".join(accepted)
    assert "I dialog med de sociala företagen hitta och utveckla nya metoder" in "\n".join(rejected)
    assert "I dialog med sociala företag utreda behov" in "\n".join(rejected)
    assert "dialog" not in "\n".join(accepted) and "samråd" not in "\n".join(rejected)


def changes_as_text(html: str) -> tuple[str, str, str]:
    """A paragraph's revisions with their spaces as the writer places them: the text
    marked up ([+ins+], [-del-]), accepted, and rejected."""
    from generator.writers.docx.inline import collapse, content, own_spaces, segments

    segs = own_spaces(collapse(segments(content(lxml.html.fragment_fromstring(f"<p>{html}</p>")))))
    marked = "".join({"ins": "[+{}+]", "del": "[-{}-]"}.get(s.change, "{}").format(s.text)
                     for s in segs)
    return (marked, "".join(s.text for s in segs if s.change != "del"),
            "".join(s.text for s in segs if s.change != "ins"))


@pytest.mark.parametrize("html, marked, accepted, rejected", [
    ("I <ins>samråd</ins> <del>dialog</del> med",
     "I [+samråd +][-dialog -]med", "I samråd med", "I dialog med"),
    ("I <del>dialog</del> <ins>samråd</ins>.",       # at a sentence's end: the space before
     "I[- dialog-][+ samråd+].", "I samråd.", "I dialog."),
    ("Vi <del>gärna</del> vill", "Vi [-gärna -]vill", "Vi vill", "Vi gärna vill"),
    ("(<del>gärna</del> vill)", "([-gärna -]vill)", "(vill)", "(gärna vill)"),
    ("samråd<del>et</del> <ins>nu</ins> med",         # part of a word keeps its neighbours
     "samråd[-et-] [+nu +]med", "samråd nu med", "samrådet med"),
    ("I <del>dia</del>logen", "I [-dia-]logen", "I logen", "I dialogen"),
    ("I <del>dialog</del><ins>samråd</ins> med",      # Word's own overtyping: no gap to move
     "I [-dialog-][+samråd+] med", "I samråd med", "I dialog med"),
])
def test_revisions_standing_as_words_carry_their_own_space(html, marked, accepted, rejected):
    assert changes_as_text(html) == (marked, accepted, rejected)


def test_core_properties_come_from_the_html_head(built):
    props = docx.Document(str(built["uppsala"][0])).core_properties
    assert props.title == "Handlingsplan sociala företag"
    assert props.author == "Helmer Linda, Reuterdahl Karin, Öhman Carl"
    assert props.subject == "AMN-2018-0329"
    assert props.created == props.modified == dt.datetime(2018, 9, 5, tzinfo=dt.timezone.utc)
    assert props.last_modified_by == props.author
    assert props.language == "sv-SE"
    assert "Arbetsmarknadsnämnden" in props.keywords
    stockholm = docx.Document(str(built["stockholm"][0])).core_properties
    assert stockholm.subject == "Tjänsteutlåtande Arbetsmarknadsnämnden"   # no dnr: description
    assert stockholm.created == dt.datetime(2021, 8, 10, tzinfo=dt.timezone.utc)


def test_language_is_swedish_for_every_style(built):
    styles = part(built["stockholm"][0], "word/styles.xml")
    lang = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert lang.get(W + "val") == "sv-SE"


def test_same_paper_gives_the_same_bytes(papers, built, tmp_path):
    again = tmp_path / "again.docx"
    write_docx(papers["uppsala"][1], again)
    assert again.read_bytes() == built["uppsala"][1].read_bytes()


# --- the vocabulary ----------------------------------------------------------------------


def broken(paper, old: str, new: str):
    assert old in paper.html
    return dataclasses.replace(paper, html=paper.html.replace(old, new, 1))


def test_anything_outside_the_vocabulary_fails_loudly_and_writes_nothing(papers, tmp_path):
    paper = papers["uppsala"][0]
    paper = broken(paper, "<strong>bilaga 1</strong>", "<code>bilaga 1</code>")
    paper = broken(paper, '<p class="recipient">', '<p class="recipient fancy">')
    paper = broken(paper, "<h2>Beredning</h2>", '<h2>Beredning</h2><aside>Not</aside>')
    target = tmp_path / "x.docx"
    with pytest.raises(TemplateProblem) as failure:
        write_docx(paper, target)
    message = failure.value.format_message()
    assert failure.value.exit_code == 3                    # the house template's fault
    assert "<code> ingår inte" in message
    assert "okänd klass 'fancy'" in message
    assert "<aside> ingår inte" in message
    assert re.search(r"rad \d+: <code>", message)
    assert "docs/paper-html.md" in message
    assert not target.exists()


def test_known_element_in_the_wrong_place_or_with_unknown_attribute_fails(papers, tmp_path):
    paper = broken(papers["stockholm"][0], "<td>2021-09-01</td>",
                   '<td rowspan="2"><h2>2021-09-01</h2></td>')
    with pytest.raises(TemplateProblem) as failure:
        write_docx(paper, tmp_path / "x.docx")
    message = failure.value.format_message()
    assert "attributet 'rowspan'" in message
    assert "<h2> får inte stå i <td>" in message


def test_loose_text_in_a_block_container_fails_instead_of_vanishing(papers, tmp_path):
    # The writer renders a section's child elements only: text directly in it would be lost.
    paper = broken(papers["uppsala"][0], "<h2>Beredning</h2>", "<h2>Beredning</h2>lös text")
    with pytest.raises(TemplateProblem, match=r'lös text direkt i <section class="section">'):
        write_docx(paper, tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists()


def test_every_role_is_documented_and_every_paragraph_role_has_a_style():
    text = (ROOT / "docs" / "paper-html.md").read_text("utf-8")
    first_cells = [line.split("|")[1] for line in text.splitlines() if line.startswith("| `")]
    documented = {role for cell in first_cells for role in re.findall(r"`([^`]+)`", cell)}
    assert sorted(set(ROLES) - documented) == []
    assert sorted(documented - set(ROLES)) == []
    paragraph_roles = {r for r in ROLES if r.split(".")[0] in ("p", "h1", "h2", "h3", "h4")}
    assert sorted(paragraph_roles - set(STYLE_MAP)) == []


@pytest.mark.parametrize("house", ["uppsala", "stockholm"])
def test_generated_styles_are_every_style_the_writer_names_and_nothing_else(built, house):
    document = docx.Document(str(built[house][0]))
    check_styles(document)
    names = {style.name for style in document.styles}
    assert names <= {name for name, _ in STYLE_MAP.values()} | {
        "Normal", "Default Paragraph Font", "Normal Table", "No List"}
    # Word keeps its own ids for built-in styles, and plain ASCII ids for ours.
    ids = {style.name: style.style_id for style in document.styles}
    assert ids["footnote text"] == "FootnoteText" and ids["Ordmärke"] == "Ordmarke"
    assert all(style_id.isascii() and style_id.isalnum() for style_id in ids.values())
    fonts = [f.get(W + "name") for f in part(built[house][0], "word/fontTable.xml")]
    assert fonts and set(fonts) <= {"Arial", "Times New Roman"}
    settings = part(built[house][0], "word/settings.xml")
    assert settings.find("w:proofState", NS) is None
    assert settings.find("w:decimalSymbol", NS).get(W + "val") == ","


def test_markdown_lists_links_and_notes_become_word_constructs(papers, tmp_path):
    from generator.compose.markdown import render_block

    text = render_block(
        "Se [planen](https://example.se/plan) och noten[^1].\n\n"
        "3. tredje\n4. fjärde\n   - inre punkt\n\n"
        "- lös\n\n- lista\n\n  med ett andra stycke\n\n"
        "[^1]: Noten länkar till [källan](https://example.se/kalla).\n")
    paper = broken(papers["stockholm"][0], "<h2>Jämställdhetsanalys</h2>",
                   f"<h2>Jämställdhetsanalys</h2>{text}")
    target = tmp_path / "md.docx"
    write_docx(paper, target)
    document = docx.Document(str(target))
    texts = {p.text: p for p in document.paragraphs}
    third, inner = texts["tredje"], texts["inre punkt"]
    num_id = int(third._p.find("w:pPr/w:numPr/w:numId", NS).get(W + "val"))
    assert start_of(target, num_id) == 3
    assert inner._p.find("w:pPr/w:numPr/w:ilvl", NS).get(W + "val") == "1"
    assert texts["med ett andra stycke"].style.name == "List Continue"
    link = texts["Se planen och noten."]._p.find("w:hyperlink", NS)
    assert document.part.rels[link.get(f"{{{NS_R}}}id")].target_ref == "https://example.se/plan"
    assert link.find("w:r/w:rPr/w:rStyle", NS).get(W + "val") == "Hyperlink"
    notes = part(target, "word/footnotes.xml")
    assert notes.find(".//w:hyperlink", NS) is not None     # related from the footnotes part
    with zipfile.ZipFile(target) as z:
        assert b"https://example.se/kalla" in z.read("word/_rels/footnotes.xml.rels")
    assert docx_words(target) == html_words(paper.html)


# --- the logo ----------------------------------------------------------------------------


def with_logo(paper, tmp_path: Path, name: str, fmt: str):
    house = tmp_path / "hus"
    house.mkdir()
    Image.new("RGB", (300, 80), "navy").save(house / name, fmt)
    logo = f'<img src="{name}" alt="Uppsala kommun">'
    paper = broken(paper, '<p class="wordmark">Uppsala kommun</p>', logo)
    return dataclasses.replace(paper, house=dataclasses.replace(paper.house, folder=house))


def test_png_logo_becomes_a_described_picture(papers, tmp_path):
    paper = with_logo(papers["uppsala"][0], tmp_path, "logo.png", "PNG")
    target = tmp_path / "logo.docx"
    write_docx(paper, target)
    document = part(target, "word/document.xml")
    wp = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
    (doc_pr,) = document.iter(wp + "docPr")
    assert doc_pr.get("descr") == "Uppsala kommun"
    assert any(n.startswith("word/media/") for n in zipfile.ZipFile(target).namelist())


def test_logo_that_is_not_png_or_jpeg_is_refused(papers, tmp_path):
    paper = with_logo(papers["uppsala"][0], tmp_path, "logo.png", "GIF")   # a GIF named .png
    with pytest.raises(RenderFailure, match="GIF.*PNG eller JPEG"):
        write_docx(paper, tmp_path / "logo.docx")


# --- the same words as the HTML ---------------------------------------------------------

INLINE_TAGS = {"strong", "em", "a", "ins", "span"}


def html_words(html: str) -> list[str]:
    """The body's words in reading order, the page header and footer and deleted text left
    out, and each footnote's words moved after the text, as Word stores them."""
    body = lxml.html.document_fromstring(html).find("body")
    out: list[str] = []
    notes: list[str] = []

    def walk(element) -> None:
        if element.tag in ("header", "footer", "del"):
            return
        if element.get("class") == "footnote":
            notes.append(element.text_content())
            return
        gap = "" if element.tag in INLINE_TAGS else " "
        out.append(gap + (element.text or ""))
        for child in element:
            if isinstance(child.tag, str):
                walk(child)
            out.append(child.tail or "")
        out.append(gap)

    walk(body)
    return WORD.findall("".join(out)) + WORD.findall(" ".join(notes))


def docx_words(path: Path) -> list[str]:
    """The words of the body then the footnotes (w:t only: deleted text is w:delText)."""
    words = []
    for name in ("word/document.xml", "word/footnotes.xml"):
        if name in zipfile.ZipFile(path).namelist():
            words += WORD.findall(" ".join(paragraph_texts(part(path, name))))
    return words


def test_docx_has_exactly_the_words_of_the_paper_html(built, papers):
    for house in ("uppsala", "stockholm"):
        for path, paper in zip(built[house], papers[house]):
            assert docx_words(path) == html_words(paper.html), path.name


# --- reading the papers back -------------------------------------------------------------


@pytest.mark.parametrize("house", ["uppsala", "stockholm"])
def test_seed_reads_back_from_the_docx(shared, built, house):
    assert recall(shared, SEEDS[house], built[house]) >= 0.97


@pytest.mark.skipif(importlib.util.find_spec("openxml_audit") is None,
                    reason="openxml-audit är inte installerat (pip install openxml-audit)")
def test_docx_is_valid_office_open_xml(built):
    from openxml_audit import OpenXmlValidator

    validator = OpenXmlValidator()
    for path in [*built["uppsala"], *built["stockholm"]]:
        result = validator.validate(str(path))
        assert result.is_valid, (path.name, [str(e) for e in result.errors])


@pytest.fixture(scope="module")
def libreoffice_pdfs(built, tmp_path_factory) -> dict[str, list[Path]]:
    """Each DOCX opened and printed to PDF by LibreOffice, as a Word user's office suite would."""
    from pages import Unavailable, office_pdfs

    out = tmp_path_factory.mktemp("lo")
    files = [p for paths in built.values() for p in paths]
    try:
        office_pdfs(files, out, tmp_path_factory.mktemp("lo-profile"))
    except Unavailable as exc:
        pytest.skip(str(exc))
    return {house: [out / f"{p.stem}.pdf" for p in paths] for house, paths in built.items()}


@pytest.mark.parametrize("house", ["uppsala", "stockholm"])
def test_libreoffice_reads_the_whole_paper(shared, libreoffice_pdfs, house):
    assert recall(shared, SEEDS[house], libreoffice_pdfs[house]) >= 0.97


def test_libreoffice_pages_match_the_pdf_within_one(libreoffice_pdfs, built_pdfs):
    from pypdf import PdfReader

    for house in ("uppsala", "stockholm"):
        for office, weasy in zip(libreoffice_pdfs[house], built_pdfs[house]):
            assert office.stem == weasy.stem
            assert abs(len(PdfReader(office).pages) - len(PdfReader(weasy).pages)) <= 1, office.name


def test_whitespace_collapses_across_elements_as_in_html():
    from generator.writers.docx.inline import collapse, content, segments

    body = lxml.html.fragment_fromstring("<p>  a <strong> b</strong>\n  c <br> d </p>")
    texts = [(s.kind, s.text) for s in collapse(segments(content(body)))]
    assert texts == [("text", "a "), ("text", "b"), ("text", " c"), ("br", ""), ("text", "d")]


# --- document properties -------------------------------------------------------------

PROPERTY_PAPER = """<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>Egenskaper</title>
<meta name="author" content="Helmer Linda, Reuterdahl Karin">
<meta name="dcterms.created" content="2018-09-05">
<meta name="arende.kind" content="Tjänsteskrivelse">
<meta name="arende.board" content="Arbetsmarknadsnämnden">
<meta name="arende.dnr" content="AMN-2018-0329">
</head><body class="paper">
<header class="page-header"><span class="header-text">Uppsala kommun ·
<span class="doc-property" data-property="Diarienummer">AMN-2018-0329</span> ·
<span class="doc-property" data-property="Datum">2018-09-05</span></span>
<span class="page-number">Sida <span class="page-current"></span> (<span class="page-total"></span>)</span></header>
<section class="masthead"><div class="meta">
<div class="meta-item meta-date"><p class="meta-label">Datum</p>
<p class="meta-value"><span class="doc-property" data-property="Datum">2018-09-05</span></p></div>
<div class="meta-item meta-dnr"><p class="meta-label">Diarienummer</p>
<p class="meta-value"><strong><span class="doc-property" data-property="Diarienummer"> AMN-2018-0329 </span></strong></p></div>
</div></section>
<h1>Egenskaper</h1>
<p>Förvaltningen <span class="doc-property" data-property="Förvaltning">Arbetsmarknadsförvaltningen</span> skriver.</p>
<p>Sida två.</p><p style="page-break-before: always"></p>
</body></html>
"""


@pytest.fixture
def property_paper(papers):
    from generator.paper import Paper

    html = PROPERTY_PAPER.replace('<p style="page-break-before: always"></p>\n', "")
    return Paper("tjansteskrivelse", "egenskaper", "Egenskaper", html, papers["uppsala"][0].house,
                 papers["uppsala"][0].facts)


def custom_properties(path: Path) -> dict[str, str]:
    custom = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
    root = part(path, "docProps/custom.xml")
    assert all(p.get("fmtid") == "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" for p in root)
    assert [p.get("pid") for p in root] == [str(n) for n in range(2, 2 + len(root))]
    return {p.get("name"): p[0].text for p in root.iter(custom + "property")}


def property_fields(root) -> list[tuple[str, str]]:
    """Each DOCPROPERTY field in *root*: its instruction and cached result."""
    return [(i, r) for i, r in _all_fields(root) if i.startswith("DOCPROPERTY")]


def _all_fields(root) -> list[tuple[str, str]]:
    fields, inside = [], False
    for node in root.iter(W + "instrText", W + "fldChar", W + "t"):
        if node.tag == W + "instrText":
            fields.append([node.text.strip(), ""])
        elif node.tag == W + "fldChar":
            inside = node.get(W + "fldCharType") == "separate"
        elif inside:
            fields[-1][1] += node.text
    return [tuple(f) for f in fields]


def test_doc_property_spans_become_docproperty_fields_over_custom_properties(property_paper,
                                                                             tmp_path):
    path = tmp_path / "p.docx"
    write_docx(property_paper, path)
    assert custom_properties(path) == {
        "Diarienummer": "AMN-2018-0329", "Datum": "2018-09-05", "Nämnd": "Arbetsmarknadsnämnden",
        "Handläggare": "Helmer Linda, Reuterdahl Karin, Öhman Carl", "Handlingstyp": "Tjänsteskrivelse",
        "Förvaltning": "Arbetsmarknadsförvaltningen", "Registreringsår": "2018"}
    with zipfile.ZipFile(path) as z:
        types = z.read("[Content_Types].xml").decode()
        rels = z.read("_rels/.rels").decode()
    assert ('PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.custom-properties+xml"') in types
    assert ('relationships/custom-properties" Target="docProps/custom.xml"') in rels
    later = story(path, "header", "later")
    assert property_fields(later) == [(r"DOCPROPERTY Diarienummer \* MERGEFORMAT", "AMN-2018-0329"),
                                      (r"DOCPROPERTY Datum \* MERGEFORMAT", "2018-09-05")]
    assert paragraph_texts(later)[0].startswith("Uppsala kommun · AMN-2018-0329 · 2018-09-05\tSida")
    body = part(path, "word/document.xml")
    assert property_fields(body) == [(r"DOCPROPERTY Datum \* MERGEFORMAT", "2018-09-05"),
                                     (r"DOCPROPERTY Diarienummer \* MERGEFORMAT", "AMN-2018-0329"),
                                     (r"DOCPROPERTY Förvaltning \* MERGEFORMAT",
                                      "Arbetsmarknadsförvaltningen")]
    # The result keeps the span's marks; its edge spaces stay outside the field.
    (dnr,) = [t for t in body.iter(W + "t") if t.text == "AMN-2018-0329"]
    assert dnr.getparent().find("w:rPr/w:b", NS) is not None
    assert "Förvaltningen Arbetsmarknadsförvaltningen skriver." in paragraph_texts(body)


def test_the_pdf_prints_a_doc_property_as_its_text(property_paper, tmp_path):
    from conftest import pdf_pages
    from generator.writers.pdf import write_pdf

    write_pdf(property_paper, tmp_path / "p.pdf")
    text = " ".join(" ".join(pdf_pages(tmp_path / "p.pdf")).split())
    assert "Förvaltningen Arbetsmarknadsförvaltningen skriver." in text
    assert "Datum 2018-09-05" in text and "Diarienummer AMN-2018-0329" in text


@pytest.mark.parametrize("old, new, message", [
    ('data-property="Datum">2018-09-05</span></p>', 'data-property="Datum">5 september 2018</span></p>',
     "dokumentegenskapen 'Datum' är '5 september 2018' här men '2018-09-05' i rad 11"),
    ('data-property="Förvaltning">', 'data-property="Förvaltning">AMF</span> och '
     '<span class="doc-property" data-property="Förvaltning">',
     "dokumentegenskapen 'Förvaltning' är 'Arbetsmarknadsförvaltningen' här men 'AMF' i rad"),
    ('data-property="Förvaltning"', 'data-property="Vår förvaltning"',
     "dokumentegenskapen 'Vår förvaltning' har ett namn som Word inte kan visa i ett fält"),
    ('data-property="Förvaltning"', 'data-property=""', "attributet 'data-property' saknas"),
])
def test_a_doc_property_with_two_values_or_no_usable_name_fails(property_paper, tmp_path,
                                                                old, new, message):
    paper = broken(property_paper, old, new)
    with pytest.raises(TemplateProblem) as failure:
        write_docx(paper, tmp_path / "x.docx")
    assert message in failure.value.format_message()
    assert not (tmp_path / "x.docx").exists()


def test_a_doc_property_that_disagrees_with_the_papers_facts_fails(property_paper, tmp_path):
    facts = dataclasses.replace(property_paper.facts, date=dt.date(2018, 9, 6))
    with pytest.raises(TemplateProblem) as failure:
        write_docx(dataclasses.replace(property_paper, facts=facts), tmp_path / "x.docx")
    assert ("rad 11: dokumentegenskapen 'Datum' är '2018-09-05' här men '2018-09-06' i "
            "handlingens uppgifter") in failure.value.format_message()
    assert not (tmp_path / "x.docx").exists()


def test_libreoffice_shows_doc_properties_as_fields_bound_to_the_property(property_paper,
                                                                        tmp_path):
    """LibreOffice prints the value in header and masthead, and reads each field as its
    'DocInformation:Custom' field of that property (text:user-defined in ODF): the one
    value a registrar corrects under File › Properties."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice saknas (apt-get install libreoffice-writer-nogui)")
    from conftest import pdf_pages

    paper = dataclasses.replace(property_paper, html=PROPERTY_PAPER.replace(
        '<p style="page-break-before: always"></p>', "<p>Fyllnad till sida två.</p>" * 60))
    path = tmp_path / "p.docx"
    write_docx(paper, path)
    profile = tmp_path / "lo-profile"
    for fmt in ("pdf", "odt"):
        subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                        "--convert-to", fmt, "--outdir", str(tmp_path), str(path)],
                       check=True, capture_output=True, timeout=300)
    pages = pdf_pages(tmp_path / "p.pdf")
    assert len(pages) >= 2
    assert re.search(r"Datum\s+2018-09-05\s+Diarienummer\s+AMN-2018-0329", pages[0])   # masthead
    assert "Uppsala kommun · AMN-2018-0329 · 2018-09-05" in pages[1]      # the running header
    text = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
    bound = {}
    with zipfile.ZipFile(tmp_path / "p.odt") as odt:
        for name in ("styles.xml", "content.xml"):     # headers, body
            for field in etree.fromstring(odt.read(name)).iter(text + "user-defined"):
                bound.setdefault(name, []).append((field.get(text + "name"), field.text))
    assert bound["styles.xml"] == [("Diarienummer", "AMN-2018-0329"), ("Datum", "2018-09-05")]
    assert bound["content.xml"] == [("Datum", "2018-09-05"), ("Diarienummer", "AMN-2018-0329"),
                                    ("Förvaltning", "Arbetsmarknadsförvaltningen")]


def test_doc_property_macro_gives_the_span_templates_can_put_anywhere(papers, tmp_path):
    """The macro templates call (templates/base/components.html.j2), used as the Uppsala
    tjänsteskrivelse would use it in its header and masthead."""
    from generator.compose.paper import _environment

    paper = papers["uppsala"][0]
    macros = _environment(paper.house.roots).from_string(
        '{% import "base/components.html.j2" as c %}'
        '{{ c.doc_property("Diarienummer", dnr) }}|{{ c.doc_property("Datum", date) }}|'
        '{{ c.meta_item("Datum", c.doc_property("Datum", date), "meta-date") }}|'
        '{{ c.doc_property("Förvaltning", "A & <B>") }}')
    dnr, date, meta_date, escaped = macros.render(dnr="AMN-2018-0329", date="2018-09-05").split("|")
    assert dnr == '<span class="doc-property" data-property="Diarienummer">AMN-2018-0329</span>'
    assert escaped == ('<span class="doc-property" data-property="Förvaltning">'
                       'A &amp; &lt;B&gt;</span>')
    html = paper.html.replace("Uppsala kommun · AMN-2018-0329 · 2018-09-05",
                              f"Uppsala kommun · {dnr} · {date}")
    html = html.replace('<p class="meta-value">AMN-2018-0329</p>', f'<p class="meta-value">{dnr}</p>')
    start = html.index('<div class="meta-item meta-date">')
    end = html.index("</div>", start) + len("</div>")
    html = html[:start] + meta_date.strip() + html[end:]
    path = tmp_path / "u.docx"
    write_docx(dataclasses.replace(paper, html=html), path)
    header = property_fields(story(path, "header", "later"))
    masthead = property_fields(part(path, "word/document.xml"))
    assert header == masthead[::-1] == [(r"DOCPROPERTY Diarienummer \* MERGEFORMAT", "AMN-2018-0329"),
                                        (r"DOCPROPERTY Datum \* MERGEFORMAT", "2018-09-05")]
    assert docx_words(path) == html_words(html)


def test_a_row_taller_than_a_page_may_split_so_no_word_is_clipped(tmp_path):
    """Word and LibreOffice cut off a row that may not split and does not fit on a page."""
    from pages import office_pdfs, page_texts

    case = copy_case(UPPSALA, tmp_path / "c")
    long_text = " ".join(f"ord{n}" for n in range(1200)) + " SLUTORDET"
    edit(case / "bilaga-1-handlingsplan.yaml", "Samverka genom kontinuerliga",
         f"{long_text} Samverka genom kontinuerliga")
    paper = compose_case(read_case(case))[1]
    target = tmp_path / "lang.docx"
    write_docx(paper, target)
    rows = part(target, "word/document.xml").findall(".//w:tr", NS)
    long_rows = [r for r in rows if "SLUTORDET" in "".join(t.text or "" for t in r.iter(W + "t"))]
    assert len(long_rows) == 1 and long_rows[0].find("w:trPr/w:cantSplit", NS) is None
    assert all(r.find("w:trPr/w:cantSplit", NS) is not None for r in rows if r not in long_rows)
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice saknas")
    (rendered,) = office_pdfs([target], tmp_path / "lo", tmp_path / "profil")
    text = " ".join(page_texts(rendered))
    assert "SLUTORDET" in text and "ord1199" in text


def test_a_house_font_of_its_own_travels_inside_the_docx(tmp_path, monkeypatch):
    """A font every Word has is named; a house's own font is embedded (obfuscated, as Word
    embeds fonts), so the paper looks the same on a computer that lacks it."""
    import uuid

    from conftest import own_house
    from generator.house import forget_houses
    from generator.writers.docx.ooxml import obfuscate_font

    monkeypatch.chdir(tmp_path)
    house, case = own_house(tmp_path, "egen")
    (house / "fonts").mkdir()
    for face in ("Regular", "Bold", "Italic", "BoldItalic"):
        shutil.copy(ROOT / "templates" / "base" / "fonts" / f"LiberationSerif-{face}.ttf", house / "fonts")
    edit(house / "hus.yaml", "    brödtext: Times New Roman", "    brödtext: Liberation Serif")
    forget_houses()
    target = tmp_path / "egen.docx"
    write_docx(compose_case(read_case(case))[0], target)
    table = part(target, "word/fontTable.xml")
    own = table.find("w:font[@w:name='Liberation Serif']", NS)
    embedded = {el.tag.split("}")[1]: el for el in own if el.tag.startswith(W + "embed")}
    assert sorted(embedded) == ["embedBold", "embedBoldItalic", "embedItalic", "embedRegular"]
    assert table.find("w:font[@w:name='Arial']", NS).find("w:embedRegular", NS) is None  # Word has it
    regular = embedded["embedRegular"]
    with zipfile.ZipFile(target) as z:
        rels = etree.fromstring(z.read("word/_rels/fontTable.xml.rels"))
        name = next(r.get("Target") for r in rels if r.get("Id") == regular.get(f"{{{NS_R}}}id"))
        data = z.read(f"word/{name}")
    original = (house / "fonts" / "LiberationSerif-Regular.ttf").read_bytes()
    assert data[:32] != original[:32] and data[32:] == original[32:]
    assert obfuscate_font(data, uuid.UUID(regular.get(W + "fontKey"))) == original
    assert part(target, "word/settings.xml").find("w:embedTrueTypeFonts", NS) is not None
    if importlib.util.find_spec("openxml_audit") is not None:
        from openxml_audit import OpenXmlValidator

        result = OpenXmlValidator().validate(str(target))
        assert result.is_valid, [str(e) for e in result.errors]
    forget_houses()


def test_a_font_whose_licence_forbids_embedding_is_named_not_embedded_and_warned_of(tmp_path, monkeypatch):
    from fontTools.ttLib import TTFont

    from conftest import own_house
    from generator.house import forget_houses

    monkeypatch.chdir(tmp_path)
    house, case = own_house(tmp_path, "egen")
    (house / "fonts").mkdir()
    for face in ("Regular", "Bold", "Italic", "BoldItalic"):
        with TTFont(ROOT / "templates" / "base" / "fonts" / f"LiberationSerif-{face}.ttf") as font:
            font["OS/2"].fsType = 0x0002      # restricted licence embedding
            font.save(house / "fonts" / f"Egen-{face}.ttf")
    edit(house / "hus.yaml", "    brödtext: Times New Roman", "    brödtext: Liberation Serif")
    forget_houses()
    target = tmp_path / "egen.docx"
    from conftest import run

    checked = run("hus", "kontrollera", "egen")
    assert ("varning: stil, typsnitt, brödtext: typsnittet 'Liberation Serif' får enligt sin licens "
            "inte bäddas in (Egen-Bold.ttf, Egen-BoldItalic.ttf, Egen-Italic.ttf, Egen-Regular.ttf)"
            in checked.output), checked.output
    write_docx(compose_case(read_case(case))[0], target)
    own = part(target, "word/fontTable.xml").find("w:font[@w:name='Liberation Serif']", NS)
    assert own is not None and own.find("w:embedRegular", NS) is None
    forget_houses()
