"""The explore commands: timeline, countries, country, orgs, show, search, on-this-day."""

from __future__ import annotations

from typing import Annotated

import typer

from diaspora_cli.cli import completion as _complete
from diaspora_cli.cli.actions import SECTIONS as SECTIONS  # the --section values (completion checks its copy)
from diaspora_cli.cli.app import (
    AppState,
    CategoryOpt,
    ColorOpt,
    CountryOpt,
    FieldsOpt,
    FormatOpt,
    FromOpt,
    LimitOpt,
    NoHeaderOpt,
    NoPagerOpt,
    OrgOpt,
    ReverseOpt,
    SearchOpt,
    TagOpt,
    ToOpt,
    YearOpt,
    command,
    emit,
    output,
)


@command("timeline")
def timeline(
    ctx: typer.Context,
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
    fmt: FormatOpt = "auto",
    fields: FieldsOpt = None,
    no_header: NoHeaderOpt = False,
    color: ColorOpt = "auto",
    no_pager: NoPagerOpt = False,
) -> None:
    """Events in date order, filtered.

    Filters of different kinds combine (AND); a repeated filter matches any of its values.

    \b
    Examples:
      diaspora timeline
      diaspora timeline --from 2001 --to 2008 --country Germany
      diaspora timeline --category congress -f json
      diaspora timeline --search emigre --reverse --limit 5
    """
    from diaspora_cli.cli import actions  # the body is framework-free, so the fast path can run it too

    actions.timeline(
        ctx,
        country=country,
        category=category,
        tag=tag,
        org=org,
        start=start,
        end=end,
        year=year,
        search=search,
        limit=limit,
        reverse=reverse,
        fmt=fmt,
        fields=fields,
        no_header=no_header,
        color=color,
        no_pager=no_pager,
    )


# ---- countries ------------------------------------------------------------------------------------


@command("countries")
def countries(
    ctx: typer.Context,
    fmt: FormatOpt = "auto",
    fields: FieldsOpt = None,
    no_header: NoHeaderOpt = False,
    color: ColorOpt = "auto",
    no_pager: NoPagerOpt = False,
) -> None:
    """One row per country: latest population figure, organizations, events, first and last event year.

    \b
    Examples:
      diaspora countries
      diaspora countries -f csv > countries.csv
      diaspora countries --fields code,name,events
    """
    from diaspora_cli.cli import actions

    actions.countries(ctx, fmt=fmt, fields=fields, no_header=no_header, color=color, no_pager=no_pager)


@command("country")
def country(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            help="Code (DE, DEU), name or alias (Almaniya, Deutschland).", autocompletion=_complete.complete_country
        ),
    ],
    section: Annotated[
        str,
        typer.Option(
            "--section",
            metavar="SECTION",
            help="For tsv/csv/markdown: summary, population, organizations or events.",
            autocompletion=_complete.complete_section,
        ),
    ] = "summary",
    fmt: FormatOpt = "auto",
    fields: FieldsOpt = None,
    no_header: NoHeaderOpt = False,
    color: ColorOpt = "auto",
    no_pager: NoPagerOpt = False,
) -> None:
    """Everything about one country: names, population figures, organizations and events.

    On a terminal all sections are shown; json is one object holding them all; tsv, csv and
    markdown print one --section.

    \b
    Examples:
      diaspora country Germany
      diaspora country türkiye --section population -f csv
      diaspora country GE -f json | jq '.events | length'
    """
    from diaspora_cli.cli import actions

    actions.country(
        ctx, name=name, section=section, fmt=fmt, fields=fields, no_header=no_header, color=color, no_pager=no_pager
    )


# ---- organizations -------------------------------------------------------------------------------


@command("orgs")
def orgs(
    ctx: typer.Context,
    country: CountryOpt = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--type",
            metavar="TYPE",
            help="Organization type (repeatable: any of).",
            autocompletion=_complete.complete_type,
        ),
    ] = None,
    founded_from: Annotated[
        str | None, typer.Option("--founded-from", metavar="DATE", help="Founded on or after (YYYY[-MM[-DD]]).")
    ] = None,
    founded_to: Annotated[
        str | None, typer.Option("--founded-to", metavar="DATE", help="Founded on or before (whole period).")
    ] = None,
    search: SearchOpt = None,
    fmt: FormatOpt = "auto",
    fields: FieldsOpt = None,
    no_header: NoHeaderOpt = False,
    color: ColorOpt = "auto",
    no_pager: NoPagerOpt = False,
) -> None:
    """Organizations, filtered by country, type, founding date and text.

    \b
    Examples:
      diaspora orgs --country Germany
      diaspora orgs --type youth --founded-from 2000
      diaspora orgs --search kultur -f json
    """
    from diaspora_cli.core import query
    from diaspora_cli.core.text import fold
    from diaspora_cli.output.fields import ORGANIZATION_FIELDS

    out = output(ctx, fmt, fields, no_header, color, no_pager)
    dataset = ctx.ensure_object(AppState).dataset()
    window = query.Window(
        query.parse_bound(founded_from, "--founded-from", end=False) if founded_from else None,
        query.parse_bound(founded_to, "--founded-to", end=True) if founded_to else None,
    )
    flt = query.OrgFilter(
        countries=query.resolve_countries(dataset, country or ()),
        types=query.resolve_types(kind or ()),
        window=window,
        text=fold(search or ""),
    )
    emit(out, ORGANIZATION_FIELDS, query.filter_organizations(dataset, flt), "no organizations match")


# ---- show, search, on-this-day ---------------------------------------------------------------------


@command("show")
def show(
    ctx: typer.Context,
    record_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="Event id, organization id or country code.", autocompletion=_complete.complete_record
        ),
    ],
    fmt: FormatOpt = "auto",
    fields: FieldsOpt = None,
    no_header: NoHeaderOpt = False,
    color: ColorOpt = "auto",
    no_pager: NoPagerOpt = False,
) -> None:
    """One record (event, organization or country) with every field and all its sources.

    \b
    Examples:
      diaspora show first-congress-world-azerbaijanis-2001
      diaspora show org-state-committee-diaspora -f json
      diaspora show DE
    """
    from diaspora_cli.core import query
    from diaspora_cli.output import reports

    out = output(ctx, fmt, fields, no_header, color, no_pager)
    dataset = ctx.ensure_object(AppState).dataset()
    reports.record_report(query.find_record(dataset, record_id), out)


@command("search")
def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Literal text; case, accents and Azerbaijani/Turkish letters folded.")],
    fmt: FormatOpt = "auto",
    fields: FieldsOpt = None,
    no_header: NoHeaderOpt = False,
    color: ColorOpt = "auto",
    no_pager: NoPagerOpt = False,
) -> None:
    """Search events, organizations and countries at once; a kind column says which is which.

    \b
    Examples:
      diaspora search congress
      diaspora search "Rəsulzadə"
      diaspora search youth -f jsonl
    """
    from diaspora_cli.core import query
    from diaspora_cli.output.fields import HIT_FIELDS

    out = output(ctx, fmt, fields, no_header, color, no_pager)
    dataset = ctx.ensure_object(AppState).dataset()
    emit(out, HIT_FIELDS, query.search_all(dataset, text), "nothing matches")


@command("on-this-day")
def on_this_day(
    ctx: typer.Context,
    date: Annotated[str | None, typer.Option("--date", metavar="MM-DD", help="Month and day (default: today).")] = None,
    fmt: FormatOpt = "auto",
    fields: FieldsOpt = None,
    no_header: NoHeaderOpt = False,
    color: ColorOpt = "auto",
    no_pager: NoPagerOpt = False,
) -> None:
    """Events that happened on this day of the year (today by default), oldest first.

    \b
    Examples:
      diaspora on-this-day
      diaspora on-this-day --date 11-09
    """
    import datetime

    from diaspora_cli.core import query
    from diaspora_cli.output.fields import EVENT_FIELDS

    out = output(ctx, fmt, fields, no_header, color, no_pager)
    if date is None:
        today = datetime.date.today()
        month, day = today.month, today.day
    else:
        month, day = query.parse_month_day(date)
    dataset = ctx.ensure_object(AppState).dataset()
    emit(out, EVENT_FIELDS, query.on_this_day(dataset, month, day), f"no events on {month:02d}-{day:02d}")
