"""``arende hus``: the commands for those who make a municipality's house style.

``kontrollera`` checks houses as thoroughly as plans. Registered by cli.py with ``cli.add_command``; like the rest
of the command line, everything printed is Swedish.
"""

from __future__ import annotations

import json
import sys

import click

from generator import cli_swedish
from generator.cli_settings import CONTEXT
from generator.errors import display_path

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
def check_houses_command(names: tuple[str, ...], as_json: bool) -> None:
    """Kontrollera husstilar utan att göra några handlingar.

    Utan NAMN kontrolleras alla husstilar. hus.yaml (register och stil:), mallarna,
    logotypen och typsnitten kontrolleras, och ett exempelärende görs med husets
    mallar som PDF och Word-fil. Varje fel och varning skrivs som
    fil:rad:kolumn: fält: meddelande (tips). Slutkod 0: inga fel, 2: fel i
    kommandoraden, 3: fel i en husstil.
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
        findings += check_house(folder, write=True)
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
    if errors:
        sys.exit(3)
