"""Stage 5, cli: the `arende` command, a thin click layer over the stages.

Everything users read here is Swedish. Errors of our own (bad plans, broken house
styles, failed renders) are ArendeError subclasses that click prints without a
traceback; anything unexpected is reported in one line too, with the traceback only
under --debug.
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

import click

from generator import __version__, cli_swedish
from generator.cli_settings import CASE_FILE, CONTEXT, DEFAULT_PLANS, ExistingPath, default_plans
from generator.errors import ArendeError, HouseProblem, InvalidPlan, display_path

if TYPE_CHECKING:
    from generator.side import SideProcess

cli_swedish.install()

DEFAULT_OUT = Path("output")
FORMAT_CHOICES = {"pdf": ("pdf",), "docx": ("docx",), "all": ("pdf", "docx")}


@click.group(context_settings=CONTEXT, options_metavar="[FLAGGOR]",
             subcommand_metavar="KOMMANDO [ARGUMENT]...")
@click.version_option(__version__, "--version", message="arende %(version)s",
                      help="Visa versionen och avsluta.")
@click.option("--debug", is_flag=True, help="Visa hela felspårningen vid interna fel.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Gör nämndhandlingar (tjänsteskrivelser med bilagor) av ärenden skrivna i YAML.

    Varje ärende är en mapp under plans/ med en arende.yaml och dess bilagor.
    Kör 'arende KOMMANDO --help' för hjälp om ett kommando.
    """
    ctx.obj = {"debug": debug}


def _at_least_one(ctx: click.Context, param: click.Parameter, value: int | None) -> int | None:
    if value is not None and value < 1:
        raise click.BadParameter("måste vara minst 1")
    return value


@cli.command(context_settings=CONTEXT, options_metavar="[FLAGGOR]")
@click.argument("plans", nargs=-1, type=click.Path(path_type=Path), metavar="[PLAN]...")
@click.option("--out", "-o", type=click.Path(path_type=Path, file_okay=False),
              default=DEFAULT_OUT, show_default=True,
              help="Mapp att skriva handlingarna i; varje ärende får en egen undermapp.")
@click.option("--format", "-f", "fmt", type=click.Choice(list(FORMAT_CHOICES)),
              default="all", show_default=True,
              help="Vilka filformat som ska skrivas: pdf, docx eller båda (all).")
@click.option("--quiet", "-q", is_flag=True,
              help="Skriv bara ut fel och varningar, för skript.")
@click.option("--jobs", "-j", type=int, default=None, metavar="ANTAL", callback=_at_least_one,
              help="Hur många ärenden som byggs samtidigt, vart och ett i en egen process "
                   "[standard: antalet processorkärnor].")
@click.option("--force", is_flag=True,
              help="Bygg om alla ärenden, även de som inte har ändrats sedan de byggdes.")
@click.option("--utkast", "draft", is_flag=True,
              help="Bygg utkast: varje sida får vattenstämpeln UTKAST, och platshållare «…» "
                   "som är kvar stoppar inte bygget.")
def build(plans: tuple[Path, ...], out: Path, fmt: str, quiet: bool, jobs: int | None,
          force: bool, draft: bool) -> None:
    """Gör PDF och DOCX av ett eller flera ärenden och möten.

    PLAN är en ärendemapp, en arende.yaml-fil, en mötesfil i plans/möten/ eller en mapp
    med ärenden. Utan PLAN byggs ärendet i den mapp du står i, eller annars alla
    ärenden och möten under plans/. Ett möte ger kallelsen och mötets handlingar som en
    PDF (också i en offentlig version) i output/moten/; dess ärenden byggs med det.
    Ärenden med fel rapporteras med fil, rad och fält; för dem skrivs inga filer. Övriga ärenden byggs ändå, och kommandot
    avslutas med felkod om något ärende hade fel.

    Ett ärende som inte har ändrats sedan det byggdes (varken ärendets filer,
    husstilen eller arende) byggs inte om, så länge dess handlingar finns kvar
    oförändrade; --force bygger om ändå.

    En platshållare «…» som är kvar är ett fel, utom i ett utkast (status: utkast
    i arende.yaml, eller --utkast): då blir det en varning, och varje sida får
    vattenstämpeln UTKAST. Varningar skrivs före sammanfattningen.
    """
    from generator.process import default_jobs
    from generator.side import side_process

    named = list(plans) or default_plans()
    # One case: its side process is forked now, to import WeasyPrint while this process
    # imports the plan models and reads the case (generator.side).
    with side_process(_names_one_case(named) and (jobs or default_jobs()) > 1, FORMAT_CHOICES[fmt]) as side:
        _build(named, out, fmt, quiet, jobs, force, draft, side)


def _names_one_case(paths: list[Path]) -> bool:
    """Whether *paths* is one case: its folder or its arende.yaml."""
    if len(paths) != 1:
        return False
    path = Path(paths[0])
    return path.name == CASE_FILE and path.is_file() or (path / CASE_FILE).is_file()


def _build(named: list[Path], out: Path, fmt: str, quiet: bool, jobs: int | None, force: bool, draft: bool,
           early: SideProcess | None) -> None:
    """`arende build` of the plans *named*, with the side process *early* if one was forked."""
    from contextlib import nullcontext

    from generator.build import build_cases, validate_all, workers
    from generator.drafts import settle
    from generator.house_check import without_broken_houses
    from generator.plan_files import find_plans, split_protocols
    from generator.process import default_jobs
    from generator.side import side_process

    case_files, meeting_files = find_plans(named)
    meetings: list = []
    protocols: list = []
    problems: list = []
    if meeting_files:   # only then are the meeting and protokoll models imported
        from generator.build_meeting import build_meetings, read_meetings, ready_meetings
        from generator.build_protocol import build_protocols, read_protocols, ready_protocols

        meeting_files, protocol_files = split_protocols(meeting_files)
        protocols, problems = read_protocols(protocol_files, draft=draft)
        # A protokoll's meeting is built with it.
        meeting_files = list(dict.fromkeys(meeting_files + [plan.meeting.file for plan in protocols]))
        meetings, meeting_problems = read_meetings(meeting_files, draft=draft)
        problems += meeting_problems
    # A meeting's cases are built with it, once each, whether named or not.
    case_files = list(dict.fromkeys(
        [file for file in case_files]
        + [item.case_file for plan in meetings for item in plan.cases if item.case_file is not None]))
    total = len(case_files)
    built = unchanged = 0
    results = []
    with workers(jobs or default_jobs(), total, FORMAT_CHOICES[fmt]) as pool, \
            (nullcontext(early) if early is not None else
             side_process(pool is None and (jobs or default_jobs()) > 1 and total > 0, FORMAT_CHOICES[fmt])) as side:
        bundles, case_problems = validate_all(case_files)   # while the workers start
        bundles, house_problems = without_broken_houses(case_files, bundles)
        bundles, case_problems = settle(bundles, case_problems, draft)
        problems += case_problems
        for warning in [p for p in house_problems if p.is_warning]:
            click.echo(str(warning), err=True)
        house_errors = [p for p in house_problems if not p.is_warning]
        for bundle in bundles:
            for warning in bundle.warnings:
                click.echo(str(warning), err=True)
        read_files = {bundle.source.path.resolve() for bundle in bundles}
        failed = {file.resolve() for file in case_files} - read_files
        if meetings:
            meetings, meeting_problems = ready_meetings(meetings, bundles, failed)
            problems += meeting_problems
        for number, result in build_cases(bundles, out, FORMAT_CHOICES[fmt], pool=pool, force=force,
                                          side=side):
            results.append(result)
            if result.unchanged:
                unchanged += 1
                if not quiet:
                    click.echo(f"oförändrat: {display_path(result.bundle.folder)} "
                               f"({display_path(result.folder)}/)")
                continue
            built += 1
            if not quiet:
                names = ", ".join(path.name for path in result.files)
                click.echo(f"[{number}/{total}] {display_path(result.bundle.folder)} → "
                           f"{display_path(result.folder)}/ ({names})")
        meetings_built = protocols_built = 0
        for plan in meetings:
            for warning in plan.warnings:
                click.echo(str(warning), err=True)
        for meeting in build_meetings(meetings, bundles, results, out, FORMAT_CHOICES[fmt], force=force,
                                      pool=pool) if meetings else ():
            if not quiet:
                if meeting.unchanged:
                    click.echo(f"oförändrat: {display_path(meeting.plan.file)} ({display_path(meeting.folder)}/)")
                else:
                    names = ", ".join(path.name for path in meeting.files)
                    click.echo(f"möte {display_path(meeting.plan.file)} → {display_path(meeting.folder)}/ ({names})")
            meetings_built += not meeting.unchanged
        if protocols:
            protocols, protocol_problems = ready_protocols(protocols, bundles, failed)
            problems += protocol_problems
        for protocol in protocols:
            for warning in protocol.warnings:
                click.echo(str(warning), err=True)
        for done in build_protocols(protocols, bundles, out, FORMAT_CHOICES[fmt], force=force) if protocols else ():
            protocols_built += not done.unchanged
            if quiet:
                continue
            if done.unchanged:
                click.echo(f"oförändrat: {display_path(done.plan.file)} ({display_path(done.folder)}/)")
            else:
                names = ", ".join(path.name for path in done.files)
                click.echo(f"protokoll {display_path(done.plan.file)} → {display_path(done.folder)}/ ({names})")
    problems = list(dict.fromkeys(problems))
    if house_errors:
        raise HouseProblem(list(dict.fromkeys(problems + house_errors)))
    if problems:
        raise InvalidPlan(problems)
    if not quiet:
        noun = "ärende byggt" if built == 1 else "ärenden byggda"
        said = f"{built} {noun}"
        if unchanged:
            said += f", {unchanged} " + ("oförändrat" if unchanged == 1 else "oförändrade")
        if meetings:
            said += f"; {meetings_built} " + ("möte byggt" if meetings_built == 1 else "möten byggda")
            same = len(meetings) - meetings_built
            if same:
                said += f", {same} " + ("oförändrat" if same == 1 else "oförändrade")
        if protocols:
            said += f"; {protocols_built} " + ("protokoll byggt" if protocols_built == 1 else "protokoll byggda")
            same = len(protocols) - protocols_built
            if same:
                said += f", {same} " + ("oförändrat" if same == 1 else "oförändrade")
        click.echo(f"{said} i {display_path(out)}/.")


@cli.command(context_settings=CONTEXT, options_metavar="[FLAGGOR]")
@click.argument("plans", nargs=-1, type=ExistingPath(), metavar="[PLAN]...")
@click.option("--strict", is_flag=True, help="Räkna varningar som fel (slutkod 1).")
@click.option("--json", "as_json", is_flag=True,
              help="Skriv fynden som JSON, för editorer och skript.")
@click.option("--utkast", "draft", is_flag=True,
              help="Kontrollera som utkast: platshållare «…» som är kvar blir varningar, som i "
                   "'arende build --utkast'.")
def check(plans: tuple[Path, ...], strict: bool, as_json: bool, draft: bool) -> None:
    """Kontrollera ärenden och möten utan att göra några handlingar.

    Utan PLAN kontrolleras ärendet i den mapp du står i, eller annars alla
    ärenden och möten (plans/möten/) under plans/. Ett möte kontrolleras mot sina
    ärenden: att de är ställda till nämnden och har mötets nummer och datum. Varje fel och varning skrivs som fil:rad:kolumn: fält:
    meddelande (tips).
    En platshållare «…» som är kvar är ett fel, som i bygget, utom i ett utkast
    (status: utkast i arende.yaml, eller --utkast): då är den en varning. Varningar
    (t.ex. TODO eller 2018-xx-xx) ger slutkod 0, utom med --strict. Ärendenas husstilar kontrolleras också (som med 'arende hus
    kontrollera', utom att inga exempelhandlingar skrivs). Slutkod 0: inga fel,
    1: fel hittades, 2: fel i kommandoraden, 3: fel i en husstil.
    """
    import json

    from generator.build import validate_all
    from generator.plan_files import find_plans, split_protocols
    from generator.build_meeting import read_meetings, ready_meetings
    from generator.build_protocol import read_protocols, ready_protocols
    from generator.drafts import settle
    from generator.errors import summary
    from generator.house_check import check_houses, houses_for

    case_files, meeting_files = find_plans(list(plans) or default_plans())
    meeting_files, protocol_files = split_protocols(meeting_files)
    protocols, protocol_problems = read_protocols(protocol_files, draft=draft)
    meeting_files = list(dict.fromkeys(meeting_files + [plan.meeting.file for plan in protocols]))
    meetings, meeting_problems = read_meetings(meeting_files, draft=draft)
    meeting_problems += protocol_problems
    case_files = list(dict.fromkeys(
        case_files + [item.case_file for plan in meetings for item in plan.cases if item.case_file]))
    bundles, problems = validate_all(case_files)
    houses = houses_for(case_files, bundles)
    house_findings = check_houses(houses, write=False)
    # What the build will do with a placeholder left in: stop, unless a draft.
    ready, problems = settle(bundles, problems, draft)
    unread = {file.resolve() for file in case_files} - {b.source.path.resolve() for b in ready}
    meetings, agreement = ready_meetings(meetings, ready, unread)
    protocols, protocol_agreement = ready_protocols(protocols, ready, unread)
    problems += meeting_problems + agreement + protocol_agreement
    findings = list(dict.fromkeys(problems + house_findings
                                  + [w for bundle in ready for w in bundle.warnings]
                                  + [w for plan in meetings for w in plan.warnings]
                                  + [w for plan in protocols for w in plan.warnings]))
    findings.sort(key=lambda p: (p.location, p.field))
    errors = sum(not p.is_warning for p in findings)
    failed = errors > 0 or (strict and findings)
    if as_json:
        report = {"ärenden": [display_path(f) for f in case_files],
                  "möten": [display_path(f) for f in meeting_files],
                  "protokoll": [display_path(f) for f in protocol_files],
                  "husstilar": [display_path(f) for f in houses],
                  "fel": errors, "varningar": len(findings) - errors,
                  "fynd": [p.as_dict() for p in findings]}
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for problem in findings:
            click.echo(str(problem))
        counted = "1 ärende kontrollerat" if len(case_files) == 1 else f"{len(case_files)} ärenden kontrollerade"
        if meeting_files:
            counted += " och 1 möte" if len(meeting_files) == 1 else f" och {len(meeting_files)} möten"
        if protocol_files:
            counted += f" och {len(protocol_files)} protokoll"
        result = summary(findings) if findings else "inga fel hittades"
        click.echo(f"{counted}: {result}.")
    if any(not p.is_warning for p in house_findings):
        sys.exit(3)
    if failed:
        sys.exit(1)


@cli.command(context_settings=CONTEXT, options_metavar="[FLAGGOR]")
@click.argument("folder", type=click.Path(path_type=Path), metavar="MAPP")
@click.option("--hus", "house", required=True, help="Husstil, t.ex. uppsala eller stockholm.")
@click.option("--handlingsplan", "with_plan", is_flag=True,
              help="Lägg till en handlingsplan som bilaga 1.")
def new(folder: Path, house: str, with_plan: bool) -> None:
    """Skapa ett nytt ärende eller möte att fylla i.

    MAPP är ärendets nya mapp, t.ex. plans/amn-2026-0412, eller ett nytt mötes fil i
    plans/möten/, t.ex. plans/möten/amn-2026-12-08.yaml, eller protokollet till ett
    möte, t.ex. plans/möten/amn-2026-12-08-protokoll.yaml. Filerna har kommentarer
    som förklarar varje fält och platshållare «så här» som 'arende check' visar
    tills de är ifyllda. En befintlig mapp eller fil skrivs aldrig över.
    """
    from generator.plan_files import is_meeting_file
    from generator.scaffold import is_new_protocol, new_case, new_meeting, new_protocol

    if is_meeting_file(folder):
        if with_plan:
            raise click.UsageError("--handlingsplan gäller ett ärende, inte ett möte")
        made = new_protocol if is_new_protocol(folder) else new_meeting
        for path in made(folder, house):
            click.echo(f"skapade {display_path(path)}")
        click.echo(f"Fyll i filen och kör 'arende check {display_path(folder)}'.")
        return
    for path in new_case(folder, house, with_plan):
        click.echo(f"skapade {display_path(path)}")
    click.echo(f"Fyll i filerna och kör 'arende check {display_path(folder)}'.")


@cli.command(context_settings=CONTEXT, options_metavar="[FLAGGOR]")
@click.option("--out", "-o", type=click.Path(path_type=Path, file_okay=False),
              default=DEFAULT_PLANS / ".schema", show_default=True, help="Mapp att skriva schemana i.")
def schema(out: Path) -> None:
    """Skriv planformatets JSON Schema, för editorer som VS Code.

    Schemana görs från modellen, så de stämmer alltid med vad 'arende check'
    godtar. Planer som börjar med raden '# yaml-language-server: $schema=…'
    får då förslag och felmarkeringar medan du skriver.
    """
    from generator.schema import write_schemas

    for path in write_schemas(out):
        click.echo(f"skrev {display_path(path)}")


@cli.command(context_settings=CONTEXT, options_metavar="[FLAGGOR]")
@click.argument("plan", type=ExistingPath(), metavar="PLAN")
@click.option("--port", "-p", type=click.IntRange(1024, 65535), default=8765, show_default=True,
              help="Porten att visa förhandsgranskningen på (bara på den här datorn, 127.0.0.1).")
def preview(plan: Path, port: int) -> None:
    """Visa ett ärende, ett mötes kallelse eller ett protokoll i webbläsaren medan du skriver.

    PLAN är en ärendemapp, en mötesfil eller en protokollsplan i plans/möten/. Handlingen byggs om
    varje gång en YAML-fil i ärendet (eller mötet och dess ärenden) sparas. Är något fel visas
    felen (fil, rad, meddelande) i stället för handlingen tills de är rättade.
    Avsluta med Ctrl+C.
    """
    from generator.preview import run_preview

    run_preview(plan, port)


@cli.command("format", context_settings=CONTEXT, options_metavar="[FLAGGOR]")
@click.option("--sökväg", "--sokvag", "path_only", is_flag=True,
              help="Skriv bara var beskrivningen finns (en Markdown-fil).")
def format_command(path_only: bool) -> None:
    """Visa planformatet: varje fält i arende.yaml och bilagornas filer.

    Beskrivningen följer med arende, så den stämmer med den version du kör.
    """
    from generator.shipped_docs import show_doc

    show_doc("planformat.md", path_only, "planformatet")


def _register_archive_commands() -> None:
    """The registrar's commands live in their own module; they import nothing heavy until run."""
    from generator.archive_commands import archive, verify

    cli.add_command(archive)
    cli.add_command(verify)


_register_archive_commands()


def _debug_everywhere() -> None:
    """Let every command take --debug too, so 'arende build --debug …' works like
    'arende --debug build …'. main() reads the flag itself: the context is gone by the
    time an exception reaches it."""
    def add(command: click.Command) -> None:
        if isinstance(command, click.Group):
            for sub in command.commands.values():
                add(sub)
        elif not any(param.name == "debug" for param in command.params):
            command.params.append(click.Option(["--debug"], is_flag=True, expose_value=False,
                                               help="Visa hela felspårningen vid interna fel."))

    for command in cli.commands.values():
        add(command)



def _wants_debug(args: list[str]) -> bool:
    """Whether --debug is among *args*, before any '--' (after it, it would be a plan's name)."""
    if "--" in args:
        args = args[: args.index("--")]
    return "--debug" in args


def _register_house_commands() -> None:
    """'arende hus …', for those who make and check house styles, in a module of its own."""
    from generator.house_commands import hus

    cli.add_command(hus)


_register_house_commands()
_debug_everywhere()   # last: every command and subcommand is registered by now


def run() -> None:
    """Console-script entry point: :func:`main` in a process tuned for speed
    (:mod:`generator.process`)."""
    from generator.process import leave, tune_collector

    tune_collector()
    try:
        main()
    except SystemExit as exc:
        leave(exc.code)
    leave(0)


def main() -> None:
    """The command line, ending in SystemExit with arende's exit code."""
    debug = _wants_debug(sys.argv[1:])
    try:
        cli.main(prog_name="arende", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("avbrutet.", err=True)
        sys.exit(130)
    except click.ClickException as exc:  # ArendeError included: no traceback
        if debug and exc.__cause__ is not None:  # a library's failure behind a RenderFailure
            traceback.print_exception(exc.__cause__)
        exc.show()
        sys.exit(exc.exit_code)
    except ArendeError as exc:  # pragma: no cover - ArendeError is a ClickException
        exc.show()
        sys.exit(exc.exit_code)
    except Exception:  # noqa: BLE001 - the last line of defence: no traceback for users
        if debug:
            traceback.print_exc()
        else:
            click.echo("fel: ett internt fel inträffade. Kör igen med --debug för detaljer "
                       "och rapportera felet.", err=True)
        sys.exit(70)
    sys.exit(0)
