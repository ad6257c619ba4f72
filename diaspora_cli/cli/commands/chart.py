"""`diaspora chart`: draw the timeline: decades down the page, then each event."""

from __future__ import annotations

from typing import TYPE_CHECKING

from diaspora_cli.cli.options import Filters, OutputFlags
from diaspora_cli.cli.session import AppState, event_filter, output
from diaspora_cli.core.record import Record, replace

if TYPE_CHECKING:
    pass

# What each bucket kind means for counting, said under the bars.
_NOTES = {
    "decade": "An event counts in every decade it touches.",
    "year": "An event counts in every year it touches.",
    "country": "An event counts under each of its countries.",
    "tag": "An event counts under each of its tags.",
}


class ChartOptions(Record):
    """`diaspora chart`: the filters, colour and pager (it always draws)."""

    filters: Filters
    output: OutputFlags


def chart(opts: ChartOptions, state: AppState) -> None:
    """Draw the timeline: decades down the page, then each event."""
    from diaspora_cli.core import query
    from diaspora_cli.output import charts

    out = output(state, replace(opts.output, fmt="table"))
    dataset = state.dataset()
    events = list(query.filter_events(dataset, event_filter(dataset, opts.filters)))
    if not events:
        out.streams.note("no events match")
        return
    data = charts.chart_data(events)
    first, last = data.per_decade[0][0], data.per_decade[-1][0]
    noun = "event" if len(events) == 1 else "events"
    charts.render_chart(data, out.streams, f"{len(events)} {noun}, {first}s–{last}s")
