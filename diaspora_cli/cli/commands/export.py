"""The export command: the timeline's events, filtered as `timeline` filters them, in a format for another tool."""

from __future__ import annotations

from typing import Annotated

import typer

from diaspora_cli.cli.app import (
    AppState,
    CategoryOpt,
    CountryOpt,
    FromOpt,
    LimitOpt,
    OrgOpt,
    ReverseOpt,
    SearchOpt,
    TagOpt,
    TimelineArgs,
    ToOpt,
    YearOpt,
    command,
    event_filter,
)
from diaspora_cli.cli.completion import complete_export_format
from diaspora_cli.core.errors import DiasporaError, UsageError

EXPORT_NAMES = "timelinejs, sqlite, html"  # kept equal to exporters.EXPORTERS by a test; no import at start-up


@command("export")
def export(
    ctx: typer.Context,
    fmt: Annotated[
        str,
        typer.Argument(
            metavar="FORMAT",
            help=f"One of: {EXPORT_NAMES}.",
            autocompletion=complete_export_format,
            show_default=False,
        ),
    ],
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="File to write (required); '-' writes to stdout (timelinejs and html only).",
        ),
    ],
    force: Annotated[bool, typer.Option("--force", help="Replace PATH if it exists.")] = False,
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
) -> None:
    """Export the timeline's events (with every timeline filter) for TimelineJS, datasette/sqlite3 or a web page.

    Formats: timelinejs (TimelineJS 3 JSON), sqlite (a database with full-text search, for
    datasette or sqlite3), html (one self-contained, offline page with filters and search).
    The file is written to a temporary file and renamed into place; an existing file is kept
    unless --force is given.

    \b
    Examples:
      diaspora export timelinejs -o timeline.json
      diaspora export sqlite -o diaspora.db --force && datasette diaspora.db
      diaspora export html -o germany.html --country Germany
      diaspora export html -o - --from 1991 > page.html
    """
    import io
    import os
    from pathlib import Path
    from typing import BinaryIO

    from diaspora_cli.core import query
    from diaspora_cli.core.atomic import atomic_write
    from diaspora_cli.core.text import neutralise
    from diaspora_cli.exporters import EXPORTERS
    from diaspora_cli.output.streams import Streams

    exporter = EXPORTERS.get(fmt.strip().lower())
    if exporter is None:
        raise UsageError(f"export: unknown format {fmt!r}; valid: {', '.join(EXPORTERS)}")
    to_stdout = output == "-"
    if to_stdout and not exporter.to_stdout:
        raise UsageError(f"export: {exporter.name} cannot go to stdout; give a file with -o PATH")
    target = Path(output)
    if not to_stdout and target.is_dir():
        raise UsageError(f"export: {output!r} is a folder; give a file name")
    if not to_stdout and not force and target.exists():  # say so before any work; atomic_write checks again
        raise DiasporaError(f"export: {output} exists; use --force to replace it")

    state = ctx.ensure_object(AppState)
    streams = state.streams or Streams.from_system(pager=False)
    dataset = state.dataset()
    args = TimelineArgs(country or (), category or (), tag or (), org or (), start, end, year, search, limit, reverse)
    events = list(query.filter_events(dataset, event_filter(dataset, args)))
    write = exporter.load()

    notes: list[str] = []
    if to_stdout:
        buffer = io.BytesIO()
        notes = write(dataset, events, buffer)
        streams.out.write(buffer.getvalue().decode("utf-8"))
    else:

        def fill(handle: BinaryIO) -> None:
            # The temporary file is private (0600); an export is an ordinary file, so honour the umask.
            umask = os.umask(0)
            os.umask(umask)
            os.fchmod(handle.fileno(), 0o666 & ~umask)
            notes.extend(write(dataset, events, handle))

        try:
            atomic_write(target, fill, overwrite=force)
        except FileExistsError:
            raise DiasporaError(f"export: {output} exists; use --force to replace it") from None
    for note in notes:
        streams.err.write(f"diaspora: {note}\n")
    if not events:
        streams.note("no events match; the export holds none")
    elif not to_stdout:
        streams.note(f"wrote {len(events)} events to {neutralise(output)} ({exporter.name})")
