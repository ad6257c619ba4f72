"""What every command shares, without the CLI framework: global state, the error guard, running a command.

Both parsers end in `run_command` (app.py for Typer, fastpath.py without it), so a command runs
the same way whichever read its flags. Nothing here may import typer (tests/test_layers.py checks).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from diaspora_cli.cli.spec import PROG as PROG
from diaspora_cli.core.errors import DiasporaError, ExitCode
from diaspora_cli.core.record import Record, field, replace

if TYPE_CHECKING:
    from diaspora_cli.cli.options import Filters, OutputFlags
    from diaspora_cli.core.model import Dataset
    from diaspora_cli.core.query import EventFilter
    from diaspora_cli.output.printer import Output
    from diaspora_cli.output.streams import Streams


class AppState(Record, frozen=False):
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


def guard(state: AppState, run: Callable[[], int | None]) -> int:
    """Run a command body; the one place that turns its errors into messages and an exit code."""
    err = state.streams.err if state.streams else sys.stderr
    try:
        code = run()
        out = state.streams.out if state.streams else sys.stdout
        out.flush()
        if code:
            return code
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


def output(state: AppState, flags: OutputFlags) -> Output:
    """Resolve the output flags against the streams: the format, colour and pager decisions."""
    from diaspora_cli.output.printer import Output
    from diaspora_cli.output.render import resolve_format
    from diaspora_cli.output.streams import Streams, decide_color

    if state.streams is None:
        state.streams = Streams.from_system(flags.color, pager=not flags.no_pager)
    else:
        state.streams = replace(
            state.streams,
            color=decide_color(flags.color, state.streams.is_tty, state.env())
            if flags.color != "auto"
            else state.streams.color,
            pager=state.streams.pager and not flags.no_pager,
        )
    fmt = resolve_format(flags.fmt, state.streams)
    if flags.bom:
        if fmt.info.name not in ("csv", "tsv"):
            from diaspora_cli.core.errors import UsageError

            raise UsageError(f"--bom applies to csv and tsv output, not {fmt.info.name}")
        state.streams = replace(state.streams, bom=True)
    return Output(state.streams, fmt, flags.fields, not flags.no_header, flags.lang)


def event_filter(dataset: Dataset, filters: Filters, limit: int | None = None, reverse: bool = False) -> EventFilter:
    """Resolve the filter flags into an EventFilter (codes, ids, folded text)."""
    from diaspora_cli.core import query

    return query.EventFilter(
        window=query.make_window(filters.start, filters.end, filters.year),
        countries=query.resolve_countries(dataset, filters.country),
        categories=query.resolve_categories(filters.category),
        tags=query.resolve_tags(dataset, filters.tag),
        organizations=query.resolve_organizations(dataset, filters.org),
        text=filters.search or "",
        source_kinds=frozenset(filters.source_kind),
        publishers=query.resolve_publishers(dataset, filters.publisher),
        people=query.resolve_people(dataset, filters.person),
        limit=limit,
        reverse=reverse,
    )


def run_command(name: str, state: AppState, values: Mapping[str, Any]) -> int:
    """Build the command's options from parsed values and run it under the guard; the exit code."""
    import importlib

    from diaspora_cli.cli.options import build_options
    from diaspora_cli.cli.spec import COMMANDS

    command = COMMANDS[name]
    module_name, _, function_name = command.run.partition(":")
    module = importlib.import_module(f"diaspora_cli.cli.commands.{module_name}")
    run: Callable[[Any, AppState], int | None] = getattr(module, function_name)
    options_class = run.__annotations__["opts"]
    if isinstance(options_class, str):  # postponed annotations: the class lives in the same module
        options_class = getattr(module, options_class)

    def body() -> int | None:
        return run(build_options(options_class, command, values), state)

    return guard(state, body)
