"""`diaspora timeline`: events in date order, filtered."""

from __future__ import annotations

from diaspora_cli.cli.options import Filters, OutputFlags
from diaspora_cli.cli.session import AppState, event_filter, output
from diaspora_cli.core.record import Record


class TimelineOptions(Record):
    """`diaspora timeline`."""

    filters: Filters
    limit: int | None
    reverse: bool
    output: OutputFlags


def timeline(opts: TimelineOptions, state: AppState) -> None:
    """Events in date order, filtered."""
    from diaspora_cli.core import query
    from diaspora_cli.output.fields import EVENT_FIELDS
    from diaspora_cli.output.printer import emit

    out = output(state, opts.output)
    dataset = state.dataset()
    flt = event_filter(dataset, opts.filters, opts.limit, opts.reverse)
    emit(out, EVENT_FIELDS, query.filter_events(dataset, flt), "no events match", dataset=dataset)
