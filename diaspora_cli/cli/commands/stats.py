"""The picture commands: stats (counts per bucket with drill-downs) and chart (a decade timeline)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from diaspora_cli.cli.app import (
    AppState,
    CategoryOpt,
    ColorOpt,
    CountryOpt,
    FieldsOpt,
    FormatOpt,
    FromOpt,
    NoHeaderOpt,
    NoPagerOpt,
    OrgOpt,
    SearchOpt,
    TagOpt,
    TimelineArgs,
    ToOpt,
    YearOpt,
    command,
    emit,
    event_filter,
    output,
)

if TYPE_CHECKING:
    from diaspora_cli.core.facets import Selection
    from diaspora_cli.core.query import EventFilter

# Spelled out, not imported from facets, so that `diaspora --help` does not load it (a test checks).
BY_HELP = "decade, year, country, category, type, tag"


BucketLimitOpt = Annotated[
    int | None, typer.Option("--limit", "-n", metavar="N", min=0, help="At most this many buckets.")
]
BucketReverseOpt = Annotated[
    bool, typer.Option("--reverse", "-r", help="Reverse the bucket order (newest or smallest first).")
]


def _selection(state: AppState, args: TimelineArgs, flt: EventFilter) -> Selection:
    from diaspora_cli.core.facets import Selection

    return Selection(
        countries=tuple(sorted(flt.countries)),
        categories=tuple(sorted(flt.categories)),
        tags=tuple(sorted(flt.tags)),
        organizations=tuple(sorted(flt.organizations)),
        start=args.start,
        end=args.end,
        year=args.year,
        search=args.search or None,
        data=tuple(state.data),
    )


@command("stats")
def stats(
    ctx: typer.Context,
    by: Annotated[str, typer.Option("--by", "-b", metavar="FACET", help=f"Bucket by {BY_HELP}.")] = "decade",
    country: CountryOpt = None,
    category: CategoryOpt = None,
    tag: TagOpt = None,
    org: OrgOpt = None,
    start: FromOpt = None,
    end: ToOpt = None,
    year: YearOpt = None,
    search: SearchOpt = None,
    limit: BucketLimitOpt = None,
    reverse: BucketReverseOpt = False,
    fmt: FormatOpt = "auto",
    fields: FieldsOpt = None,
    no_header: NoHeaderOpt = False,
    color: ColorOpt = "auto",
    no_pager: NoPagerOpt = False,
) -> None:
    """Count events per decade, year, country, category or tag (organizations per type), with drill-downs.

    Takes the timeline filters. Each bucket carries the command that lists exactly its records.
    An event counts in every decade and year it touches and under each of its countries and tags,
    so percentages (of the distinct matching events) may add up to more than 100. With --country
    or --tag given, only those values are buckets. Decades and years run from the first to the
    last with a match, empty ones shown as 0; other buckets come most first. --limit and --reverse
    apply to buckets. --by type counts organizations: --country is their seat, --from/--to/--year
    their founding date, --search their text; --category, --tag and --org do not apply.

    \b
    Examples:
      diaspora stats
      diaspora stats --by country --limit 10
      diaspora stats --by year --from 1988 --to 1995 -f csv
      diaspora stats --by category --country Germany -f json
    """
    from diaspora_cli.core import facets
    from diaspora_cli.core.errors import UsageError

    if by not in facets.BY_CHOICES:
        raise UsageError(f"--by: unknown value {by!r}; valid: {', '.join(facets.BY_CHOICES)}")
    out = output(ctx, fmt, fields, no_header, color, no_pager)
    state = ctx.ensure_object(AppState)
    dataset = state.dataset()
    args = TimelineArgs(country or (), category or (), tag or (), org or (), start, end, year, search)
    flt = event_filter(dataset, args)
    sel = _selection(state, args, flt)
    if by == "type":
        buckets = facets.count_organizations(dataset, flt, sel)
        noun = "organizations"
    else:
        buckets = facets.count_events(dataset, flt, sel, by)
        noun = "events"
    if reverse:
        buckets.reverse()
    if limit is not None:
        buckets = buckets[:limit]
    if out.fmt.name != "table" or out.fields or not buckets:
        emit(out, facets.STATS_FIELDS, buckets, f"no {noun} match")
        return
    from diaspora_cli.output import charts

    total = buckets[0].total
    heading = f"{noun.capitalize()} by {by}: {total} matching {noun}"
    notes = {
        "decade": "An event counts in every decade it touches.",
        "year": "An event counts in every year it touches.",
        "country": "An event counts under each of its countries.",
        "tag": "An event counts under each of its tags.",
    }
    charts.render_buckets(buckets, out.streams, heading, notes.get(by, ""))


@command("chart")
def chart(
    ctx: typer.Context,
    country: CountryOpt = None,
    category: CategoryOpt = None,
    tag: TagOpt = None,
    org: OrgOpt = None,
    start: FromOpt = None,
    end: ToOpt = None,
    year: YearOpt = None,
    search: SearchOpt = None,
    color: ColorOpt = "auto",
    no_pager: NoPagerOpt = False,
) -> None:
    """Draw the timeline: decades down the page with a bar of events per decade, then each event.

    Takes the timeline filters. Glyphs show how precisely a date is known (day, month, year,
    circa); a span over several years is drawn as a line beside the events it runs past. Plain
    text in a pipe or with NO_COLOR; fits any width from 40 columns.

    \b
    Examples:
      diaspora chart
      diaspora chart --country Germany
      diaspora chart --from 1985 --to 1995 | less
    """
    from diaspora_cli.core import query
    from diaspora_cli.output import charts

    out = output(ctx, "table", None, False, color, no_pager)
    dataset = ctx.ensure_object(AppState).dataset()
    args = TimelineArgs(country or (), category or (), tag or (), org or (), start, end, year, search)
    events = list(query.filter_events(dataset, event_filter(dataset, args)))
    if not events:
        out.streams.note("no events match")
        return
    data = charts.chart_data(events)
    first, last = data.per_decade[0][0], data.per_decade[-1][0]
    noun = "event" if len(events) == 1 else "events"
    heading = f"{len(events)} {noun}, {first}s–{last}s"
    charts.render_chart(data, out.streams, heading)
