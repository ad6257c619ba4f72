"""The Typer app: thin commands that parse flags into options, query, and hand a Table to render."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from diaspora_cli import __version__
from diaspora_cli.errors import DiasporaError, ExitCode, UsageError

if TYPE_CHECKING:
    from diaspora_cli.fields import FieldSet, Value
    from diaspora_cli.model import Dataset
    from diaspora_cli.render import Format, Table
    from diaspora_cli.streams import Streams

PROG = "diaspora"
FORMAT_NAMES = ("auto", "table", "tsv", "csv", "json", "jsonl", "markdown")  # checked against render.FORMATS in tests


@dataclass
class AppState:
    """Global options, and the streams (tests pass their own)."""

    data: list[str] = field(default_factory=list)
    debug: bool = False
    use_cache: bool = True
    streams: Streams | None = None
    environ: dict[str, str] | None = None

    def env(self) -> dict[str, str]:
        """The environment the command sees."""
        return dict(os.environ) if self.environ is None else self.environ

    def dataset(self) -> Dataset:
        """The dataset selected by --data / $DIASPORA_DATA / the embedded one."""
        from diaspora_cli.store import open_dataset

        return open_dataset(self.data, self.env(), self.use_cache)


app = typer.Typer(
    name=PROG,
    help="Explore a diaspora history dataset: timelines, countries, organizations, sources.\n\n"
    "Ships with a curated, sourced dataset on the Azerbaijani diaspora; --data loads your own.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain Click help: no Rich import for --help, and clean in pipes
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"{PROG} {__version__}")
        raise typer.Exit()


@app.callback()
def _global(
    ctx: typer.Context,
    data: Annotated[
        list[str] | None,
        typer.Option(
            "--data",
            "-d",
            metavar="PATH",
            help="Dataset file or folder (repeatable; combined into one dataset). "
            "Default: $DIASPORA_DATA, else the embedded dataset. '@embedded' names the embedded one.",
        ),
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not read or write the parse cache.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors (for bug reports).")] = False,
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Global options come before the command name."""
    state = ctx.ensure_object(AppState)
    state.data = list(data or [])
    state.debug = debug
    state.use_cache = not no_cache


F = TypeVar("F", bound=Callable[..., Any])


def _report(exc: DiasporaError, streams_err: Any) -> None:
    from diaspora_cli.text import neutralise

    for line in exc.lines():
        streams_err.write(f"{PROG}: {neutralise(line)}\n")


def command(name: str | None = None) -> Callable[[F], F]:
    """Register a command, wrapped by the one place that turns errors into messages and exit codes."""

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> None:
            ctx = kwargs["ctx"]
            state = ctx.ensure_object(AppState)
            err = state.streams.err if state.streams else sys.stderr
            try:
                fn(*args, **kwargs)
                out = state.streams.out if state.streams else sys.stdout
                out.flush()
            except DiasporaError as exc:
                if state.debug:
                    raise
                _report(exc, err)
                raise typer.Exit(int(exc.exit_code)) from None
            except BrokenPipeError:
                # The reader (head, less) closed the pipe: stop quietly, and keep Python's
                # final flush of stdout from complaining on stderr.
                _silence_stdout()
                raise typer.Exit(int(ExitCode.OK)) from None
            except KeyboardInterrupt:
                err.write(f"{PROG}: interrupted\n")
                raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
            except OSError as exc:
                if state.debug:
                    raise
                from diaspora_cli.text import neutralise

                reason = exc.strerror or str(exc)
                where = f" {neutralise(str(exc.filename))}" if exc.filename else ""
                err.write(f"{PROG}: cannot write output{where}: {reason}\n")
                _silence_stdout()
                raise typer.Exit(int(ExitCode.DATA)) from None

        app.command(name)(wrapper)
        return fn

    return decorate


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # not a real file descriptor (tests): nothing will flush to it anyway


# Output options shared by every command that prints records.
FormatOpt = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="Output format: auto (table on a terminal, tsv in a pipe), table, tsv, csv, json, jsonl, markdown.",
    ),
]
FieldsOpt = Annotated[
    str | None,
    typer.Option("--fields", metavar="A,B,...", help="Fields to show, in order; '--fields help' lists them."),
]
NoHeaderOpt = Annotated[bool, typer.Option("--no-header", help="No header line in tsv/csv.")]
ColorOpt = Annotated[
    str, typer.Option("--color", metavar="WHEN", help="Colour: auto (default; honours NO_COLOR, CLICOLOR, FORCE_COLOR), always, never.")
]
NoPagerOpt = Annotated[bool, typer.Option("--no-pager", help="Never page long tables on a terminal.")]


@dataclass(frozen=True)
class Output:
    """One command's output choices, resolved."""

    streams: Streams
    fmt: Format
    fields: str | None
    header: bool

    @property
    def human(self) -> bool:
        """True for the formats meant for people (table, markdown)."""
        return self.fmt.human


def output(ctx: typer.Context, fmt: str, fields: str | None, no_header: bool, color: str, no_pager: bool) -> Output:
    """Resolve output flags against the streams: the format, colour and pager decisions."""
    from diaspora_cli.render import FORMATS, resolve_format
    from diaspora_cli.streams import COLOR_CHOICES, Streams, decide_color

    state = ctx.ensure_object(AppState)
    if color not in COLOR_CHOICES:
        raise UsageError(f"--color: unknown value {color!r}; valid: {', '.join(COLOR_CHOICES)}")
    if fmt not in FORMATS and fmt != "auto":
        raise UsageError(f"--format: unknown format {fmt!r}; valid: auto, {', '.join(FORMATS)}")
    if state.streams is None:
        state.streams = Streams.from_system(color, pager=not no_pager)
    else:
        state.streams = replace(
            state.streams,
            color=decide_color(color, state.streams.is_tty, state.env()) if color != "auto" else state.streams.color,
            pager=state.streams.pager and not no_pager,
        )
    return Output(state.streams, resolve_format(fmt, state.streams), fields, not no_header)


R = TypeVar("R")


def emit(out: Output, fieldset: FieldSet[R], records: Iterable[R], empty: str, title: str = "") -> int:
    """Render records with the chosen fields; note an empty result on a terminal."""
    from diaspora_cli.render import Table, render_table

    if out.fields == "help":
        _list_fields(out, fieldset)
        return 0
    names = fieldset.select(out.fields, out.human)
    count = render_table(Table(names, fieldset.rows(records, names), title), out.fmt, out.streams, out.header)
    if count == 0:
        out.streams.note(empty)
    return count


def _list_fields(out: Output, fieldset: FieldSet[Any]) -> None:
    from diaspora_cli.render import Table, render_table

    render_table(Table(["field", "meaning"], fieldset.describe()), out.fmt, out.streams, out.header)


# ---- timeline ---------------------------------------------------------------------------------

CountryOpt = Annotated[
    list[str] | None,
    typer.Option("--country", "-c", metavar="NAME", help="Country code, name or alias (repeatable: any of)."),
]
CategoryOpt = Annotated[list[str] | None, typer.Option("--category", metavar="CATEGORY", help="Event category (repeatable: any of).")]
TagOpt = Annotated[list[str] | None, typer.Option("--tag", "-t", metavar="TAG", help="Tag (repeatable: any of).")]
OrgOpt = Annotated[list[str] | None, typer.Option("--org", metavar="ORG", help="Organization id or name (repeatable: any of).")]
FromOpt = Annotated[str | None, typer.Option("--from", metavar="DATE", help="Start: YYYY, YYYY-MM or YYYY-MM-DD (inclusive).")]
ToOpt = Annotated[str | None, typer.Option("--to", metavar="DATE", help="End: YYYY, YYYY-MM or YYYY-MM-DD (inclusive, whole period).")]
YearOpt = Annotated[int | None, typer.Option("--year", "-y", help="Only events overlapping this year.")]
SearchOpt = Annotated[str | None, typer.Option("--search", "-s", metavar="TEXT", help="Literal text, case- and accent-insensitive.")]
LimitOpt = Annotated[int | None, typer.Option("--limit", "-n", min=0, help="At most this many events.")]
ReverseOpt = Annotated[bool, typer.Option("--reverse", "-r", help="Newest first.")]


@dataclass(frozen=True)
class TimelineArgs:
    """The raw timeline filter flags, shared by timeline, stats and export."""

    country: Sequence[str] = ()
    category: Sequence[str] = ()
    tag: Sequence[str] = ()
    org: Sequence[str] = ()
    start: str | None = None
    end: str | None = None
    year: int | None = None
    search: str | None = None
    limit: int | None = None
    reverse: bool = False


def event_filter(dataset: Dataset, args: TimelineArgs) -> Any:
    """Resolve raw flags into an EventFilter (codes, ids, folded text)."""
    from diaspora_cli import query
    from diaspora_cli.text import fold

    return query.EventFilter(
        window=query.make_window(args.start, args.end, args.year),
        countries=query.resolve_countries(dataset, args.country),
        categories=query.resolve_categories(args.category),
        tags=query.resolve_tags(dataset, args.tag),
        organizations=frozenset(query.resolve_organization(dataset, o).id for o in args.org),
        text=fold(args.search or ""),
        limit=args.limit,
        reverse=args.reverse,
    )


@command("timeline")
def timeline(
    ctx: typer.Context,
    country: CountryOpt = None,
    category: CategoryOpt = None,
    tag: TagOpt = None,
    org: OrgOpt = None,
    start: FromOpt = None,
    end: ToOpt = None,
    year: YearOpt = None,
    search: SearchOpt = None,
    limit: LimitOpt = None,
    reverse: ReverseOpt = False,
    fmt: FormatOpt = "auto",
    fields: FieldsOpt = None,
    no_header: NoHeaderOpt = False,
    color: ColorOpt = "auto",
    no_pager: NoPagerOpt = False,
) -> None:
    """Events in date order, filtered. Filters of different kinds combine (AND); a repeated filter matches any of its values.

    \b
    Examples:
      diaspora timeline
      diaspora timeline --from 2001 --to 2008 --country Germany
      diaspora timeline --category congress -f json
      diaspora timeline --search emigre --reverse --limit 5
    """
    from diaspora_cli import query
    from diaspora_cli.fields import EVENT_FIELDS

    out = output(ctx, fmt, fields, no_header, color, no_pager)
    state = ctx.ensure_object(AppState)
    dataset = state.dataset()
    args = TimelineArgs(country or (), category or (), tag or (), org or (), start, end, year, search, limit, reverse)
    flt = event_filter(dataset, args)
    emit(out, EVENT_FIELDS, query.filter_events(dataset, flt), "no events match")


# ---- countries ------------------------------------------------------------------------------------


@command("countries")
def countries(
    ctx: typer.Context,
    fmt: FormatOpt = "auto",
    fields: FieldsOpt = None,
    no_header: NoHeaderOpt = False,
    color: ColorOpt = "auto",
    no_pager: NoPagerOpt = False,
) -> None:
    """One row per country: latest population figure, organizations, events, first and last event year.

    \b
    Examples:
      diaspora countries
      diaspora countries -f csv > countries.csv
      diaspora countries --fields code,name,events
    """
    from diaspora_cli import query
    from diaspora_cli.fields import COUNTRY_ROW_FIELDS

    out = output(ctx, fmt, fields, no_header, color, no_pager)
    dataset = ctx.ensure_object(AppState).dataset()
    emit(out, COUNTRY_ROW_FIELDS, query.country_rows(dataset), "no countries in the dataset")


SECTIONS = ("summary", "population", "organizations", "events")


@command("country")
def country(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Code (DE, DEU), name or alias (Almaniya, Deutschland).")],
    section: Annotated[
        str,
        typer.Option("--section", metavar="SECTION", help="For tsv/csv/markdown: summary, population, organizations or events."),
    ] = "summary",
    fmt: FormatOpt = "auto",
    fields: FieldsOpt = None,
    no_header: NoHeaderOpt = False,
    color: ColorOpt = "auto",
    no_pager: NoPagerOpt = False,
) -> None:
    """Everything about one country: names, population figures, organizations and events.

    On a terminal all sections are shown; json is one object holding them all; tsv, csv and
    markdown print one --section.

    \b
    Examples:
      diaspora country Germany
      diaspora country türkiye --section population -f csv
      diaspora country GE -f json | jq '.events | length'
    """
    from diaspora_cli import query, reports

    if section not in SECTIONS:
        raise UsageError(f"--section: unknown value {section!r}; valid: {', '.join(SECTIONS)}")
    out = output(ctx, fmt, fields, no_header, color, no_pager)
    dataset = ctx.ensure_object(AppState).dataset()
    summary = query.summarise_country(dataset, query.resolve_country(dataset, name))
    reports.country_report(summary, out, section)


# ---- organizations -------------------------------------------------------------------------------


@command("orgs")
def orgs(
    ctx: typer.Context,
    country: CountryOpt = None,
    kind: Annotated[list[str] | None, typer.Option("--type", metavar="TYPE", help="Organization type (repeatable: any of).")] = None,
    founded_from: Annotated[str | None, typer.Option("--founded-from", metavar="DATE", help="Founded on or after (YYYY[-MM[-DD]]).")] = None,
    founded_to: Annotated[str | None, typer.Option("--founded-to", metavar="DATE", help="Founded on or before (whole period).")] = None,
    search: SearchOpt = None,
    fmt: FormatOpt = "auto",
    fields: FieldsOpt = None,
    no_header: NoHeaderOpt = False,
    color: ColorOpt = "auto",
    no_pager: NoPagerOpt = False,
) -> None:
    """Organizations, filtered by country, type, founding date and text.

    \b
    Examples:
      diaspora orgs --country Germany
      diaspora orgs --type youth --founded-from 2000
      diaspora orgs --search kultur -f json
    """
    from diaspora_cli import query
    from diaspora_cli.fields import ORGANIZATION_FIELDS
    from diaspora_cli.text import fold

    out = output(ctx, fmt, fields, no_header, color, no_pager)
    dataset = ctx.ensure_object(AppState).dataset()
    window = query.Window(
        query.parse_bound(founded_from, "--founded-from", end=False) if founded_from else None,
        query.parse_bound(founded_to, "--founded-to", end=True) if founded_to else None,
    )
    flt = query.OrgFilter(
        countries=query.resolve_countries(dataset, country or ()),
        types=query.resolve_types(kind or ()),
        window=window,
        text=fold(search or ""),
    )
    emit(out, ORGANIZATION_FIELDS, query.filter_organizations(dataset, flt), "no organizations match")


# ---- show, search, on-this-day ---------------------------------------------------------------------


@command("show")
def show(
    ctx: typer.Context,
    record_id: Annotated[str, typer.Argument(metavar="ID", help="Event id, organization id or country code.")],
    fmt: FormatOpt = "auto",
    fields: FieldsOpt = None,
    no_header: NoHeaderOpt = False,
    color: ColorOpt = "auto",
    no_pager: NoPagerOpt = False,
) -> None:
    """One record (event, organization or country) with every field and all its sources.

    \b
    Examples:
      diaspora show first-congress-world-azerbaijanis-2001
      diaspora show org-state-committee-diaspora -f json
      diaspora show DE
    """
    from diaspora_cli import query, reports

    out = output(ctx, fmt, fields, no_header, color, no_pager)
    dataset = ctx.ensure_object(AppState).dataset()
    reports.record_report(query.find_record(dataset, record_id), out)


@command("search")
def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Literal text; case, accents and Azerbaijani/Turkish letters folded.")],
    fmt: FormatOpt = "auto",
    fields: FieldsOpt = None,
    no_header: NoHeaderOpt = False,
    color: ColorOpt = "auto",
    no_pager: NoPagerOpt = False,
) -> None:
    """Search events, organizations and countries at once; a kind column says which is which.

    \b
    Examples:
      diaspora search congress
      diaspora search "Rəsulzadə"
      diaspora search youth -f jsonl
    """
    from diaspora_cli import query
    from diaspora_cli.fields import HIT_FIELDS

    out = output(ctx, fmt, fields, no_header, color, no_pager)
    dataset = ctx.ensure_object(AppState).dataset()
    emit(out, HIT_FIELDS, query.search_all(dataset, text), "nothing matches")


@command("on-this-day")
def on_this_day(
    ctx: typer.Context,
    date: Annotated[str | None, typer.Option("--date", metavar="MM-DD", help="Month and day (default: today).")] = None,
    fmt: FormatOpt = "auto",
    fields: FieldsOpt = None,
    no_header: NoHeaderOpt = False,
    color: ColorOpt = "auto",
    no_pager: NoPagerOpt = False,
) -> None:
    """Events that happened on this day of the year (today by default), oldest first.

    \b
    Examples:
      diaspora on-this-day
      diaspora on-this-day --date 11-09
    """
    import datetime

    from diaspora_cli import query
    from diaspora_cli.fields import EVENT_FIELDS

    out = output(ctx, fmt, fields, no_header, color, no_pager)
    if date is None:
        today = datetime.date.today()
        month, day = today.month, today.day
    else:
        month, day = query.parse_month_day(date)
    dataset = ctx.ensure_object(AppState).dataset()
    emit(out, EVENT_FIELDS, query.on_this_day(dataset, month, day), f"no events on {month:02d}-{day:02d}")


# ---- validate ------------------------------------------------------------------------------------


@command("validate")
def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(metavar="[PATH]...", help="Files or folders to check (default: the selected dataset)."),
    ] = None,
    fmt: FormatOpt = "auto",
    fields: FieldsOpt = None,
    no_header: NoHeaderOpt = False,
    color: ColorOpt = "auto",
    no_pager: NoPagerOpt = False,
) -> None:
    """Check a dataset and report every problem in every file; exit 1 if there is any.

    \b
    Examples:
      diaspora validate
      diaspora validate my-data/
      diaspora validate events.toml -f json
    """
    from diaspora_cli import reports
    from diaspora_cli.loading import resolve_roots
    from diaspora_cli.store import check_dataset

    out = output(ctx, fmt, fields, no_header, color, no_pager)
    state = ctx.ensure_object(AppState)
    roots = list(paths) if paths else resolve_roots(state.data, state.env())
    report = check_dataset(roots)
    reports.validation_report(report, out)
    if report.issues:
        raise typer.Exit(int(ExitCode.DATA))


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point: run the app and exit with its code; tracebacks only with --debug."""
    args = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        try:
            # A terminal or pipe that cannot encode a letter gets an escape, not a crash.
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass
    debug = "--debug" in args
    try:
        command = typer.main.get_command(app)
        code = command.main(args=args, prog_name=PROG, standalone_mode=False)
        if code == int(ExitCode.INTERRUPTED):
            sys.stderr.write(f"{PROG}: interrupted\n")
        sys.stdout.flush()
    except KeyboardInterrupt:
        sys.stderr.write(f"{PROG}: interrupted\n")
        code = int(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        _silence_stdout()
        code = int(ExitCode.OK)
    except Exception as exc:  # Click usage errors and anything unforeseen: one line, no traceback
        code = _fatal(exc, debug)
    sys.exit(code if isinstance(code, int) else 0)


def _fatal(exc: Exception, debug: bool) -> int:
    from diaspora_cli.text import neutralise

    show = getattr(exc, "show", None)
    exit_code = getattr(exc, "exit_code", None)
    if callable(show) and isinstance(exit_code, int):  # a Click exception knows how to show itself
        show()
        return exit_code
    if debug:
        raise exc
    if isinstance(exc, OSError):
        sys.stderr.write(f"{PROG}: {neutralise(exc.strerror or str(exc))}\n")
        return int(ExitCode.DATA)
    sys.stderr.write(f"{PROG}: internal error: {neutralise(repr(exc))}; run with --debug for a traceback\n")
    return int(ExitCode.DATA)


def _registered() -> Sequence[str]:
    return [c.name or "" for c in app.registered_commands]


# Value = Any keeps the TYPE_CHECKING imports used for readers.
_Unused = (Callable, Iterable)
