"""The registrars' commands, ``arende archive`` and ``arende verify``.

Kept beside cli.py rather than in it: cli.py registers them with ``cli.add_command``.
Like the rest of the command line, everything printed is Swedish.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from generator import cli_swedish
from generator.writers import DEFAULT_PDFA_LEVEL as DEFAULT_LEVEL
from generator.writers import PDFA_LEVELS as LEVELS
from generator.cli_settings import CONTEXT, default_plans
from generator.errors import HouseProblem, InvalidPlan, display_path

cli_swedish.install()

DEFAULT_ARCHIVE = Path("arkiv")


@click.command(context_settings=CONTEXT, options_metavar="[FLAGGOR]")
@click.argument("plans", nargs=-1, type=click.Path(path_type=Path), metavar="[PLAN]...")
@click.option("--out", "-o", type=click.Path(path_type=Path, file_okay=False),
              default=DEFAULT_ARCHIVE, show_default=True,
              help="Mapp att lägga arkivpaketen i; varje ärende får en egen undermapp.")
@click.option("--pdfa", type=click.Choice(LEVELS), default=DEFAULT_LEVEL, show_default=True,
              help="PDF/A-nivå: 1b (mest accepterad), 2b, eller 3b "
                   "(ärendets YAML-filer bäddas in i varje PDF).")
@click.option("--quiet", "-q", is_flag=True, help="Skriv bara ut fel och varningar, för skript.")
def archive(plans: tuple[Path, ...], out: Path, pdfa: str, quiet: bool) -> None:
    """Gör arkivpaket av beslutade ärenden, för registratorer och arkivarier.

    Varje ärende blir en mapp <diarienummer>/ i --out-mappen med handlingarna som
    PDF/A och DOCX, ärendets YAML-filer (kallfiler/) och manifest.json med varje fils
    SHA-256, storlek, handlingstyp, diarienummer, datum och vilket verktyg som gjorde den.

    Inget skrivs någonsin över. Har ärendet ändrats sedan det arkiverades blir det en
    ny version i <diarienummer>/v2/ (v3/ …) vars manifest pekar ut den förra
    versionens manifest med dess kontrollsumma. Är ärendet oförändrat skrivs inget.
    Kontrollera ett paket med 'arende verify'.
    """
    from generator.archive.package import archive_case
    from generator.build import validate_all
    from generator.plan_files import find_cases
    from generator.house_check import without_broken_houses

    case_files = find_cases(list(plans) or default_plans())
    bundles, problems = validate_all(case_files)
    bundles, house_problems = without_broken_houses(case_files, bundles)
    house_errors = [p for p in house_problems if not p.is_warning]
    for warning in [p for p in house_problems if p.is_warning]:
        click.echo(str(warning), err=True)
    for bundle in bundles:
        for warning in bundle.warnings:
            click.echo(str(warning), err=True)
    made = unchanged = 0
    for number, bundle in enumerate(bundles, start=1):
        result = archive_case(bundle, out, pdfa)
        where = f"{display_path(result.folder)}/"
        if result.unchanged:
            unchanged += 1
            if not quiet:
                click.echo(f"oförändrat: {display_path(bundle.folder)} är redan arkiverat som "
                           f"version {result.version} i {where}; inget skrevs.")
            continue
        made += 1
        if not quiet:
            click.echo(f"[{number}/{len(case_files)}] {display_path(bundle.folder)} → {where} "
                       f"(version {result.version}, PDF/A-{pdfa}, {len(result.files)} filer)")
            click.echo(f"  manifest.json sha256: {result.manifest_sha256}")
    if house_errors:
        raise HouseProblem(list(dict.fromkeys(problems + house_errors)))
    if problems:
        raise InvalidPlan(problems)
    if not quiet:
        noun = "ärende arkiverat" if made == 1 else "ärenden arkiverade"
        same = f", {unchanged} oförändrat" if unchanged == 1 else f", {unchanged} oförändrade"
        click.echo(f"{made} {noun}{same if unchanged else ''} i {display_path(out)}/.")


@click.command(context_settings=CONTEXT, options_metavar="[FLAGGOR]")
@click.argument("folder", type=click.Path(path_type=Path), metavar="MAPP")
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON, för skript.")
def verify(folder: Path, as_json: bool) -> None:
    """Kontrollera arkivpaket mot deras manifest.

    MAPP är ett arkivpaket (<diarienummer>/), en version i det (…/v2/) eller en
    mapp med arkivpaket. Varje fils storlek och SHA-256 räknas om. Filer som saknas,
    har ändrats eller inte står i manifestet rapporteras, liksom en version vars
    manifest inte pekar ut den förra versionens. Slutkod 0: allt stämmer, 1: något
    stämmer inte.
    """
    from generator.archive.verify import verify as check

    report = check(folder)
    if as_json:
        click.echo(json.dumps({
            "stämmer": report.ok,
            "kontrollerat": [{"mapp": display_path(c.folder), "version": c.version, "filer": c.files,
                              "manifest_sha256": c.manifest_sha256} for c in report.checked],
            "fynd": [finding.as_dict() for finding in report.findings],
        }, ensure_ascii=False, indent=2))
    else:
        for checked in report.checked:
            click.echo(f"{display_path(checked.folder)}/: version {checked.version}, "
                       f"{checked.files} filer, manifest.json sha256 {checked.manifest_sha256}")
        for finding in report.findings:
            click.echo(str(finding))
        counted = ("1 version kontrollerad" if len(report.checked) == 1
                    else f"{len(report.checked)} versioner kontrollerade")
        if report.ok:
            click.echo(f"{counted}: allt stämmer.")
        else:
            count = len(report.findings)
            click.echo(f"{counted}: {count} {'avvikelse' if count == 1 else 'avvikelser'} hittades.")
    if not report.ok:
        sys.exit(1)
