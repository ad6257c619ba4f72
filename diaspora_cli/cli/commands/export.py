"""The export command: the timeline's events, filtered as `timeline` filters them, in a format for another tool."""

from __future__ import annotations

from diaspora_cli.cli.options import Filters
from diaspora_cli.cli.session import AppState, event_filter
from diaspora_cli.core.errors import DiasporaError, UsageError
from diaspora_cli.core.record import Record


class ExportOptions(Record):
    """`diaspora export FORMAT -o PATH` (FORMAT already checked and folded by the spec's choices)."""

    fmt: str
    path: str
    force: bool
    filters: Filters
    limit: int | None
    reverse: bool


def export(opts: ExportOptions, state: AppState) -> None:
    """Write the filtered events with one exporter, atomically, to a file or stdout."""
    import io
    import os
    from pathlib import Path
    from typing import BinaryIO

    from diaspora_cli.core import query
    from diaspora_cli.core.atomic import atomic_write
    from diaspora_cli.core.text import neutralise
    from diaspora_cli.exporters import EXPORTERS
    from diaspora_cli.output.streams import Streams

    exporter = EXPORTERS[opts.fmt]
    to_stdout = opts.path == "-"
    if to_stdout and not exporter.to_stdout:
        raise UsageError(f"export: {exporter.name} cannot go to stdout; give a file with -o PATH")
    target = Path(opts.path)
    if not to_stdout and target.is_dir():
        raise UsageError(f"export: {opts.path!r} is a folder; give a file name")
    if not to_stdout and not opts.force and target.exists():  # say so before any work; atomic_write checks again
        raise DiasporaError(f"export: {opts.path} exists; use --force to replace it")

    streams = state.streams or Streams.from_system(pager=False)
    dataset = state.dataset()
    events = list(query.filter_events(dataset, event_filter(dataset, opts.filters, opts.limit, opts.reverse)))
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
            atomic_write(target, fill, overwrite=opts.force)
        except FileExistsError:
            raise DiasporaError(f"export: {opts.path} exists; use --force to replace it") from None
    for note in notes:
        streams.err.write(f"diaspora: {note}\n")
    if not events:
        streams.note("no events match; the export holds none")
    elif not to_stdout:
        streams.note(f"wrote {len(events)} events to {neutralise(opts.path)} ({exporter.name})")
