"""The Typer app and what every command shares: global state, the error wrapper, output options, filters."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from diaspora_cli import __version__
from diaspora_cli.cli import completion as _complete

# The shared, framework-free parts live in session.py (the fast path runs them without Typer);
# they are re-exported here for the command modules.
from diaspora_cli.cli.session import PROG as PROG
from diaspora_cli.cli.session import AppState as AppState
from diaspora_cli.cli.session import Output as Output
from diaspora_cli.cli.session import TimelineArgs as TimelineArgs
from diaspora_cli.cli.session import apply_globals, guard
from diaspora_cli.cli.session import emit as emit
from diaspora_cli.cli.session import event_filter as event_filter
from diaspora_cli.cli.session import output as output
from diaspora_cli.cli.session import silence_stdout as silence_stdout
from diaspora_cli.output.render import format_help

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
    apply_globals(ctx.ensure_object(AppState), data, no_cache, debug)


F = TypeVar("F", bound=Callable[..., Any])


def command(name: str | None = None) -> Callable[[F], F]:
    """Register a command, wrapped by the one place that turns errors into messages and exit codes."""

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> None:
            code = guard(kwargs["ctx"].ensure_object(AppState), lambda: fn(*args, **kwargs))
            if code:
                raise typer.Exit(code)

        app.command(name)(wrapper)
        return fn

    return decorate


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
