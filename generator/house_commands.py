"""``arende hus``: the commands for those who make a municipality's house style.

``kontrollera`` checks houses as thoroughly as plans, ``ny`` starts one by copying
another, ``importera`` reads a Word template's look into ``stil:``, ``guide`` prints
the house author's guide. Registered by cli.py with ``cli.add_command``; like the rest
of the command line, everything printed is Swedish.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from generator import cli_swedish
from generator.cli_settings import CONTEXT
from generator.errors import ArendeError, display_path

cli_swedish.install()


@click.group("hus", context_settings=CONTEXT, options_metavar="[FLAGGOR]",
             subcommand_metavar="KOMMANDO [ARGUMENT]...")
def hus() -> None:
    """Gör och kontrollera husstilar: kommunens register och handlingarnas utseende.

    En husstil är en mapp under templates/ med hus.yaml (registret och, under stil:,
    utseendet), och kanske egna mallar, logotyp och typsnitt. Läs 'arende hus guide'
    för hur man gör en.
    """


@hus.command("kontrollera", context_settings=CONTEXT, options_metavar="[FLAGGOR]")
@click.argument("names", nargs=-1, metavar="[NAMN]...")
@click.option("--json", "as_json", is_flag=True, help="Skriv fynden som JSON, för editorer och skript.")
@click.option("--out", "-o", type=click.Path(path_type=Path, file_okay=False), default=None, metavar="MAPP",
              help="Spara exempelhandlingarna (PDF och Word-fil) i MAPP/NAMN/, för att titta på dem.")
def check_houses_command(names: tuple[str, ...], as_json: bool, out: Path | None) -> None:
    """Kontrollera husstilar utan att göra några handlingar.

    Utan NAMN kontrolleras alla husstilar. hus.yaml (register och stil:), mallarna,
    logotypen och typsnitten kontrolleras, och ett exempelärende görs med husets
    mallar som PDF och Word-fil (sparas i MAPP med --out). Varje fel och varning
    skrivs som fil:rad:kolumn: fält: meddelande (tips). Slutkod 0: inga fel, 2: fel
    i kommandoraden, 3: fel i en husstil.
    """
    from generator.errors import summary
    from generator.house import house_folder, house_names
    from generator.house_check import check_house
    from generator.model.hints import did_you_mean

    folders = []
    for name in names or house_names():
        folder = house_folder(name)
        if folder is None:
            hint = did_you_mean(name.strip().lower(), house_names())
            raise click.BadParameter(f"det finns ingen husstil som heter '{name}'" + (f" ({hint})" if hint else ""),
                                     param_hint="NAMN")
        folders.append(folder)
    findings = []
    for folder in folders:
        findings += check_house(folder, write=True, out=out)
    errors = sum(not p.is_warning for p in findings)
    if as_json:
        click.echo(json.dumps({"husstilar": [display_path(f) for f in folders], "fel": errors,
                               "varningar": len(findings) - errors,
                               "fynd": [p.as_dict() for p in findings]}, ensure_ascii=False, indent=2))
    else:
        for problem in findings:
            click.echo(str(problem))
        counted = "1 husstil kontrollerad" if len(folders) == 1 else f"{len(folders)} husstilar kontrollerade"
        click.echo(f"{counted}: {summary(findings) if findings else 'inga fel hittades'}.")
        if out is not None:
            click.echo(f"Exempelhandlingarna finns i {display_path(out)}/.")
    if errors:
        sys.exit(3)


@hus.command("ny", context_settings=CONTEXT, options_metavar="[FLAGGOR]")
@click.argument("name", metavar="NAMN")
@click.option("--från", "--fran", "source", default="uppsala", show_default=True, metavar="HUS",
              help="Husstilen att utgå från (kopieras).")
def new_house_command(name: str, source: str) -> None:
    """Skapa en ny husstil i templates/NAMN genom att kopiera en som finns.

    NAMN får vara vilket namn som helst, t.ex. älvkarleby eller 'Region Örebro län'.
    Mappen läggs i templates/ i den här mappen (bredvid plans/); en mapp som finns
    skrivs aldrig över. I hus.yaml står sedan namn: «Kommunens namn», att fylla i.
    """
    from generator.house.new import new_house

    target, origin = new_house(name, source)
    shown = display_path(target)
    key = target.name if " " not in target.name else f"'{target.name}'"
    click.echo(f"skapade {shown}/ (en kopia av husstilen {origin.name})")
    click.echo("Nästa steg:")
    click.echo(f"  1. Skriv kommunens namn, förvaltningar, nämnder och diarienummer i {shown}/hus.yaml,")
    click.echo("     och utseendet under stil: (alla fält: arende hus guide).")
    click.echo(f"     Har kommunen en Word-mall: arende hus importera mall.dotx --till {key}")
    click.echo(f"  2. Kontrollera husstilen: arende hus kontrollera {key}")
    click.echo("  3. Skapa ett ärende med den och titta på det i webbläsaren:")
    click.echo(f"     arende new plans/mitt-arende --hus {key}")
    click.echo("     arende preview plans/mitt-arende")


@hus.command("importera", context_settings=CONTEXT, options_metavar="[FLAGGOR]")
@click.argument("template", type=click.Path(path_type=Path, exists=True, dir_okay=False), metavar="MALL")
@click.option("--till", "name", required=True, metavar="NAMN", help="Husstilen vars stil: ska fyllas i.")
def import_command(template: Path, name: str) -> None:
    """Läs sidans format och marginaler, brödtext och rubriker ur en Word-mall.

    MALL är kommunens Word-mall (.dotx) eller ett Word-dokument (.docx) med
    kommunens utseende. Det som läses skrivs in under stil: i husstilens hus.yaml
    (templates/NAMN/hus.yaml); resten av filen lämnas som den är. Typsnitt som inte
    följer med arende byts mot Arial eller Times New Roman, och det sägs vilka.
    """
    from generator.house import REGISTER_FILE, same_name
    from generator.house import fonts as house_fonts
    from generator.house.new import OWN_TEMPLATES
    from generator.house.word import check_style, merged, read_word_style, replace_style_block, style_block
    from generator.load import load_yaml

    folder = next((f for f in OWN_TEMPLATES.iterdir() if same_name(f.name, name)), None) \
        if OWN_TEMPLATES.is_dir() else None
    if folder is None or not (folder / REGISTER_FILE).is_file():
        raise ArendeError(f"det finns ingen husstil {name} i {OWN_TEMPLATES}/ här; skapa den först med "
                          f"'arende hus ny {name} --från uppsala'")
    register = folder / REGISTER_FILE
    source = load_yaml(register)
    old = source.data.get("stil") if isinstance(source.data, dict) else None
    imported = read_word_style(template, set(house_fonts.families(folder / "fonts")), folder.name)
    style = merged(old if isinstance(old, dict) else {}, imported.style)
    wrong = check_style(style)
    if wrong:
        raise ArendeError("det som lästes ur Word-mallen går inte att använda; inget skrevs:\n  "
                          + "\n  ".join(wrong))
    text = register.read_text(encoding="utf-8")
    register.write_text(replace_style_block(text, style_block(style, template.name)), encoding="utf-8")
    click.echo(f"Läst ur {display_path(template)}:")
    for line in imported.read:
        click.echo(f"  {line}")
    for note in imported.notes:
        click.echo(f"obs: {note}")
    click.echo(f"skrev stil: i {display_path(register)} (övriga inställningar under stil: är kvar; "
               "kommentarer inom stil: skrivs inte om)")
    key = folder.name if " " not in folder.name else f"'{folder.name}'"
    click.echo(f"Kontrollera husstilen: arende hus kontrollera {key}")


@hus.command("guide", context_settings=CONTEXT, options_metavar="[FLAGGOR]")
@click.option("--sökväg", "--sokvag", "path_only", is_flag=True,
              help="Skriv bara var guiden finns (en Markdown-fil).")
def guide_command(path_only: bool) -> None:
    """Visa guiden för den som gör en husstil.

    Guiden beskriver vad en husstil är, registret och stil: fält för fält, vad en
    mall kan använda, och hur man börjar, kontrollerar och förhandsgranskar.
    """
    from generator.house.guide import GUIDE_NAME
    from generator.shipped_docs import show_doc

    show_doc(GUIDE_NAME, path_only, "husguiden")
