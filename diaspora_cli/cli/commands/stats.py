"""`diaspora stats`: count events (or organizations) per bucket, with drill-downs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from diaspora_cli.cli.options import Filters, OutputFlags
from diaspora_cli.cli.session import AppState, event_filter, output
from diaspora_cli.core.errors import UsageError
from diaspora_cli.core.record import Record

if TYPE_CHECKING:
    from diaspora_cli.core.facets import Selection
    from diaspora_cli.core.query import EventFilter

# Filters of events only: `--by type` counts organizations, so they cannot apply.
_EVENT_ONLY = (
    ("--category", "category"),
    ("--tag", "tag"),
    ("--org", "org"),
    ("--source-kind", "source_kind"),
    ("--publisher", "publisher"),
)

# What each bucket kind means for counting, said under the bars.
_NOTES = {
    "decade": "An event counts in every decade it touches.",
    "year": "An event counts in every year it touches.",
    "country": "An event counts under each of its countries.",
    "tag": "An event counts under each of its tags.",
}


def _selection(state: AppState, filters: Filters, flt: EventFilter) -> Selection:
    from diaspora_cli.core.facets import Selection

    return Selection(
        countries=tuple(sorted(flt.countries)),
        categories=tuple(sorted(flt.categories)),
        tags=tuple(sorted(flt.tags)),
        organizations=tuple(sorted(flt.organizations)),
        start=filters.start,
        end=filters.end,
        year=filters.year,
        search=filters.search or None,
        source_kinds=tuple(sorted(flt.source_kinds)),
        publishers=tuple(sorted(flt.publishers)),
        data=tuple(state.data),
    )


class StatsOptions(Record):
    """`diaspora stats`: --limit and --reverse apply to the buckets, not the events."""

    by: str
    filters: Filters
    limit: int | None
    reverse: bool
    output: OutputFlags


def stats(opts: StatsOptions, state: AppState) -> None:
    """Count events (or organizations) per bucket, with drill-downs."""
    from diaspora_cli.core import facets
    from diaspora_cli.output.fields import STATS_FIELDS
    from diaspora_cli.output.printer import emit

    out = output(state, opts.output)
    if opts.by == "type":  # said before the values are looked up: the flag is the mistake, not its value
        given = [flag for flag, value in _EVENT_ONLY if getattr(opts.filters, value)]
        if given:
            verb = "filters events and does not" if len(given) == 1 else "filter events and do not"
            raise UsageError(f"--by type counts organizations: {' and '.join(given)} {verb} apply")
    dataset = state.dataset()
    flt = event_filter(dataset, opts.filters)
    sel = _selection(state, opts.filters, flt)
    if opts.by == "type":
        buckets = facets.count_organizations(dataset, flt, sel)
        noun = "organizations"
    else:
        buckets = facets.count_events(dataset, flt, sel, opts.by)
        noun = "events"
    if opts.reverse:
        buckets.reverse()
    if opts.limit is not None:
        buckets = buckets[: opts.limit]
    if not out.fmt.drawn or out.fields or not buckets:
        emit(out, STATS_FIELDS, buckets, f"no {noun} match")
        return
    from diaspora_cli.output import charts

    heading = f"{noun.capitalize()} by {opts.by}: {buckets[0].total} matching {noun}"
    charts.render_buckets(buckets, out.streams, heading, _NOTES.get(opts.by, ""))
