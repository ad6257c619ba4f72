"""What every command shares, without the CLI framework: global state, output choices, the error guard.

app.py wires these into Typer; fastpath.py uses them directly, so a command can run without
importing Typer at all. Nothing here may import typer (tests/test_fastpath.py checks).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, TypeVar

from diaspora_cli.core.errors import DiasporaError, ExitCode, UsageError

if TYPE_CHECKING:  # a Protocol class costs start-up, and only mypy needs it
    from typing import Protocol

    from diaspora_cli.core.model import Dataset
    from diaspora_cli.core.query import EventFilter
    from diaspora_cli.output.fields import FieldSet
    from diaspora_cli.output.render import Format
    from diaspora_cli.output.streams import Streams

    V = TypeVar("V")

    class StateHolder(Protocol):
        """What a command needs of its context: typer.Context, or the fast path's stand-in."""

        def ensure_object(self, object_type: type[V]) -> V:
            """The context's object of this type, created on first use."""


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
        from diaspora_cli.core.store import open_dataset

        return open_dataset(self.data, self.env(), self.use_cache)


def apply_globals(state: AppState, data: list[str] | None, no_cache: bool, debug: bool) -> None:
    """Record the global options (those before the command name) on the state."""
    state.data = list(data or [])
    state.debug = debug
    state.use_cache = not no_cache


def report(exc: DiasporaError, streams_err: Any) -> None:
    """Write an error's lines to stderr, each after the program name."""
    from diaspora_cli.core.text import neutralise

    for line in exc.lines():
        streams_err.write(f"{PROG}: {neutralise(line)}\n")


def guard(state: AppState, run: Callable[[], object]) -> int:
    """Run a command body; the one place that turns its errors into messages and an exit code."""
    err = state.streams.err if state.streams else sys.stderr
    try:
        run()
        out = state.streams.out if state.streams else sys.stdout
        out.flush()
    except DiasporaError as exc:
        if state.debug:
            raise
        report(exc, err)
        return int(exc.exit_code)
    except BrokenPipeError:
        # The reader (head, less) closed the pipe: stop quietly, and keep Python's
        # final flush of stdout from complaining on stderr.
        silence_stdout()
        return int(ExitCode.OK)
    except KeyboardInterrupt:
        # cli.main writes the one "interrupted" line for every exit 130 (Typer turns an
        # interrupt outside a command into 130 too); writing it here as well printed two.
        return int(ExitCode.INTERRUPTED)
    except OSError as exc:
        if state.debug:
            raise
        from diaspora_cli.core.text import neutralise

        reason = exc.strerror or str(exc)
        where = f" {neutralise(str(exc.filename))}" if exc.filename else ""
        err.write(f"{PROG}: cannot write output{where}: {reason}\n")
        silence_stdout()
        return int(ExitCode.DATA)
    return int(ExitCode.OK)


def silence_stdout() -> None:
    """Point stdout at /dev/null, so a closed pipe does not fail the final flush."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # not a real file descriptor (tests): nothing will flush to it anyway


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


def output(ctx: StateHolder, fmt: str, fields: str | None, no_header: bool, color: str, no_pager: bool) -> Output:
    """Resolve output flags against the streams: the format, colour and pager decisions."""
    from diaspora_cli.output.render import FORMATS, resolve_format
    from diaspora_cli.output.streams import COLOR_CHOICES, Streams, decide_color

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
    from diaspora_cli.output.render import Table, render_table

    if out.fields == "help":
        list_fields(out, fieldset)
        return 0
    names = fieldset.select(out.fields, out.human)
    count = render_table(Table(names, fieldset.rows(records, names), title), out.fmt, out.streams, out.header)
    if count == 0:
        out.streams.note(empty)
    return count


def list_fields(out: Output, fieldset: FieldSet[Any]) -> None:
    """`--fields help`: each field of the kind with what it means, in the chosen format."""
    from diaspora_cli.output.render import Table, render_table

    render_table(Table(["field", "meaning"], fieldset.describe()), out.fmt, out.streams, out.header)


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


def event_filter(dataset: Dataset, args: TimelineArgs) -> EventFilter:
    """Resolve raw flags into an EventFilter (codes, ids, folded text)."""
    from diaspora_cli.core import query
    from diaspora_cli.core.text import fold

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
