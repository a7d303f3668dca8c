"""`arende hus ny` and `arende hus importera`: starting a house without touching Python."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Mm, Pt, RGBColor

from conftest import run



@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_new_house_is_a_copy_with_a_placeholder_name_and_the_next_steps(here):
    result = run("hus", "ny", "Region Örebro län", "--från", "stockholm")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "skapade templates/Region Örebro län/ (en kopia av husstilen stockholm)",
        "Nästa steg:",
        "  1. Skriv kommunens namn, förvaltningar, nämnder och diarienummer i templates/Region Örebro län/hus.yaml,",
        "     och utseendet under stil: (alla fält: arende hus guide).",
        "     Har kommunen en Word-mall: arende hus importera mall.dotx --till 'Region Örebro län'",
        "  2. Kontrollera husstilen: arende hus kontrollera 'Region Örebro län'",
        "  3. Skapa ett ärende med den och titta på det i webbläsaren:",
        "     arende new plans/mitt-arende --hus 'Region Örebro län'",
        "     arende preview plans/mitt-arende",
    ]
    register = (here / "templates" / "Region Örebro län" / "hus.yaml").read_text(encoding="utf-8")
    assert register.splitlines()[0] == ("# Organisationsregistret för husstilen 'Region Örebro län' "
                                        "(först en kopia av 'stockholm').")
    assert "\nnamn: «Kommunens namn»\n" in register and "Stockholms stad" not in register

    checked = run("hus", "kontrollera", "region örebro län")
    assert checked.exit_code == 0
    assert checked.output.splitlines() == [
        "templates/Region Örebro län/hus.yaml:4:7: varning: namn: platshållaren '«Kommunens namn»' är kvar "
        "(fyll i eller ta bort)",
        "1 husstil kontrollerad: 1 varning hittades.",
    ]


def test_a_new_house_never_overwrites_and_names_what_it_cannot_copy(here):
    assert run("hus", "ny", "exempelby").exit_code == 0
    (here / "templates" / "exempelby" / "hus.yaml").write_text("namn: min\n", encoding="utf-8")
    again = run("hus", "ny", "Exempelby")
    assert again.exit_code == 1
    assert again.output == ("fel: templates/exempelby finns redan; inget skrevs över. Välj ett annat namn, "
                            "eller ändra i den husstil som finns.\n")
    assert (here / "templates" / "exempelby" / "hus.yaml").read_text(encoding="utf-8") == "namn: min\n"
    unknown = run("hus", "ny", "annanby", "--från", "upsala")
    assert unknown.output == "fel: det finns ingen husstil som heter 'upsala' (menade du 'uppsala'?)\n"
    assert run("hus", "ny", "base").output.startswith("fel: 'base' är namnet på de gemensamma grundmallarna")
    assert run("hus", "ny", "../ut").output.startswith("fel: '../ut' kan inte vara ett mappnamn")
    assert not (here / "templates" / "annanby").exists()


def word_template(path: Path, *, template: bool = False) -> Path:
    """A municipality's Word template: A4 with its own margins, Calibri body text,
    Cambria headings in blue."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(30)
    section.left_margin, section.right_margin = Mm(30), Mm(20)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Calibri", Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    for level, size in ((1, 18), (2, 14), (3, 12), (4, 11)):
        heading = document.styles[f"Heading {level}"]
        heading.font.name, heading.font.size = "Cambria", Pt(size)
        heading.font.bold = True
        heading.font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)
        heading.paragraph_format.space_before = Pt(12)
        heading.paragraph_format.space_after = Pt(3)
    document.styles["Heading 4"].font.name = "Arial"
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    if template:   # a .dotx differs only in its main part's content type
        source = zipfile.ZipFile(io.BytesIO(data))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for item in source.infolist():
                content = source.read(item)
                if item.filename == "[Content_Types].xml":
                    content = content.replace(b"document.main+xml", b"template.main+xml")
                target.writestr(item, content)
        data = out.getvalue()
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("suffix", ["docx", "dotx"])
def test_a_word_template_is_read_into_stil_keeping_the_rest_of_the_file(here, suffix):
    assert run("hus", "ny", "exempelby", "--från", "stockholm").exit_code == 0
    register = here / "templates" / "exempelby" / "hus.yaml"
    before = register.read_text(encoding="utf-8")
    mall = word_template(here / f"kommunmall.{suffix}", template=suffix == "dotx")

    result = run("hus", "importera", mall, "--till", "exempelby")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"Läst ur kommunmall.{suffix}:",
        "  sida: A4, marginaler: överkant 20 mm, höger 20 mm, nederkant 30 mm, vänster 30 mm",
        "  brödtext (Normal): Arial, 11 pt, efter 6 pt",
        "  rubrik 1 (Rubrik 1): Times New Roman, 18 pt, fet, färg #1F4E79, före 12 pt, efter 3 pt",
        "  rubrik 2 (Rubrik 2): Times New Roman, 14 pt, fet, färg #1F4E79, före 12 pt, efter 3 pt",
        "  rubrik 3 (Rubrik 3): Times New Roman, 12 pt, fet, färg #1F4E79, före 12 pt, efter 3 pt",
        "  rubrik 4 (Rubrik 4): Arial, 11 pt, fet, kursiv, färg #1F4E79, före 12 pt, efter 3 pt",
        "obs: typsnittet Calibri följer inte med arende; Arial används i stället. Vill ni ha Calibri: lägg "
        "dess typsnittsfiler (.ttf) i templates/exempelby/fonts/ och skriv Calibri under stil: typsnitt: i hus.yaml",
        "obs: typsnittet Cambria följer inte med arende; Times New Roman används i stället. Vill ni ha Cambria: "
        "lägg dess typsnittsfiler (.ttf) i templates/exempelby/fonts/ och skriv Cambria under stil: typsnitt: "
        "i hus.yaml",
        "obs: sidhuvud, sidfot, logotyp och tabeller läses inte ur Word-mallen: ange dem under stil: "
        "(se arende hus guide)",
        "skrev stil: i templates/exempelby/hus.yaml (övriga inställningar under stil: är kvar; "
        "kommentarer inom stil: skrivs inte om)",
        "Kontrollera husstilen: arende hus kontrollera exempelby",
    ]
    after = register.read_text(encoding="utf-8")
    head = before.split("\nstil:\n")[0]
    assert after.startswith(head + "\nstil:\n")            # the register and its comments as they were
    assert after[len(head):] == f"""
stil:
  # sida, typsnitt och rubriker lästa ur kommunmall.{suffix} (arende hus importera)
  sida: {{format: A4, överkant: 20, höger: 20, nederkant: 30, vänster: 30}}
  typsnitt: {{brödtext: Arial, rubriker: Times New Roman}}
  text:
    brödtext: {{storlek: 11, efter: 6}}
    rubrik 1: {{storlek: 18, fet: true, färg: '#1F4E79', före: 12, efter: 3}}
    rubrik 2: {{storlek: 14, fet: true, färg: '#1F4E79', före: 12, efter: 3}}
    rubrik 3: {{storlek: 12, fet: true, färg: '#1F4E79', före: 12, efter: 3}}
    rubrik 4: {{typsnitt: Arial, storlek: 11, fet: true, kursiv: true, färg: '#1F4E79', före: 12, efter: 3}}
  sidhuvud: {{text: '{{dokumenttyp}}[ · Dnr {{diarienummer}}]'}}
  sidfot:
    kolumner:
    - rader: ['**{{förvaltning}}**', '{{enhet}}']
      bredd: 60
    - rader: ['{{adress}}']
    linje: true
  huvud:
    fält: [handläggare, till]
    kolumnbredd: 80
    diarienummer i rubrikblocket: true
    mottagare: false
  underskrifter: {{förvaltning: false}}
"""
    assert run("hus", "kontrollera", "exempelby").exit_code == 0


def test_importing_into_a_house_that_is_not_here_or_from_a_file_that_is_not_word_is_refused(here):
    mall = word_template(here / "mall.docx")
    missing = run("hus", "importera", mall, "--till", "exempelby")
    assert missing.exit_code == 1
    assert missing.output == ("fel: det finns ingen husstil exempelby i templates/ här; skapa den först med "
                              "'arende hus ny exempelby --från uppsala'\n")
    assert run("hus", "ny", "exempelby").exit_code == 0
    (here / "inte.docx").write_text("inte en Word-fil", encoding="utf-8")
    wrong = run("hus", "importera", "inte.docx", "--till", "exempelby")
    assert wrong.output == "fel: inte.docx kan inte läsas som en Word-fil (.docx eller .dotx)\n"
