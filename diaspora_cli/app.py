"""The Typer app and what every command shares: global state, the error wrapper, output options, filters."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from diaspora_cli import __version__
from diaspora_cli import completion as _complete
from diaspora_cli.errors import DiasporaError, ExitCode, UsageError
from diaspora_cli.render import format_help

if TYPE_CHECKING:
    from diaspora_cli.fields import FieldSet
    from diaspora_cli.model import Dataset
    from diaspora_cli.render import Format
    from diaspora_cli.streams import Streams

PROG = "diaspora"


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
                silence_stdout()
                raise typer.Exit(int(ExitCode.OK)) from None
            except KeyboardInterrupt:
                # cli.main writes the one "interrupted" line for every exit 130 (Typer turns an
                # interrupt outside a command into 130 too); writing it here as well printed two.
                raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
            except OSError as exc:
                if state.debug:
                    raise
                from diaspora_cli.text import neutralise

                reason = exc.strerror or str(exc)
                where = f" {neutralise(str(exc.filename))}" if exc.filename else ""
                err.write(f"{PROG}: cannot write output{where}: {reason}\n")
                silence_stdout()
                raise typer.Exit(int(ExitCode.DATA)) from None

        app.command(name)(wrapper)
        return fn

    return decorate


def silence_stdout() -> None:
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
        help="Output format: " + format_help() + ".",
        autocompletion=_complete.complete_format,
    ),
]
FieldsOpt = Annotated[
    str | None,
    typer.Option("--fields", metavar="A,B,...", help="Fields to show, in order; '--fields help' lists them."),
]
NoHeaderOpt = Annotated[bool, typer.Option("--no-header", help="No header line in tsv/csv.")]
ColorOpt = Annotated[
    str,
    typer.Option(
        "--color",
        metavar="WHEN",
        help="Colour: auto (default; honours NO_COLOR, CLICOLOR, FORCE_COLOR), always, never.",
    ),
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
    typer.Option(
        "--country",
        "-c",
        metavar="NAME",
        help="Country code, name or alias (repeatable: any of).",
        autocompletion=_complete.complete_country,
    ),
]
CategoryOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--category",
        metavar="CATEGORY",
        help="Event category (repeatable: any of).",
        autocompletion=_complete.complete_category,
    ),
]
TagOpt = Annotated[
    list[str] | None,
    typer.Option("--tag", "-t", metavar="TAG", help="Tag (repeatable: any of).", autocompletion=_complete.complete_tag),
]
OrgOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--org",
        metavar="ORG",
        help="Organization id or name (repeatable: any of).",
        autocompletion=_complete.complete_organization,
    ),
]
FromOpt = Annotated[
    str | None, typer.Option("--from", metavar="DATE", help="Start: YYYY, YYYY-MM or YYYY-MM-DD (inclusive).")
]
ToOpt = Annotated[
    str | None, typer.Option("--to", metavar="DATE", help="End: YYYY, YYYY-MM or YYYY-MM-DD (inclusive, whole period).")
]
YearOpt = Annotated[int | None, typer.Option("--year", "-y", metavar="YEAR", help="Only events overlapping this year.")]
SearchOpt = Annotated[
    str | None, typer.Option("--search", "-s", metavar="TEXT", help="Literal text, case- and accent-insensitive.")
]
LimitOpt = Annotated[int | None, typer.Option("--limit", "-n", metavar="N", min=0, help="At most this many events.")]
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
