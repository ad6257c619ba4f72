"""The explore commands: timeline, countries, country, orgs, show, search, on-this-day."""

from __future__ import annotations

from dataclasses import dataclass

from diaspora_cli.cli.options import Filters, OutputFlags
from diaspora_cli.cli.session import AppState, event_filter, output


@dataclass(frozen=True)
class TimelineOptions:
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
    emit(out, EVENT_FIELDS, query.filter_events(dataset, flt), "no events match")


@dataclass(frozen=True)
class CountriesOptions:
    """`diaspora countries`."""

    output: OutputFlags


def countries(opts: CountriesOptions, state: AppState) -> None:
    """One row per country."""
    from diaspora_cli.core import query
    from diaspora_cli.output.fields import COUNTRY_ROW_FIELDS
    from diaspora_cli.output.printer import emit

    out = output(state, opts.output)
    emit(out, COUNTRY_ROW_FIELDS, query.country_rows(state.dataset()), "no countries in the dataset")


@dataclass(frozen=True)
class CountryOptions:
    """`diaspora country NAME`."""

    name: str
    section: str
    output: OutputFlags


def country(opts: CountryOptions, state: AppState) -> None:
    """Everything about one country."""
    from diaspora_cli.core import query
    from diaspora_cli.output import reports

    out = output(state, opts.output)
    dataset = state.dataset()
    summary = query.summarise_country(dataset, query.resolve_country(dataset, opts.name))
    reports.country_report(summary, out, opts.section)


@dataclass(frozen=True)
class OrgsOptions:
    """`diaspora orgs`."""

    country: tuple[str, ...]
    kind: tuple[str, ...]
    founded_from: str | None
    founded_to: str | None
    search: str | None
    output: OutputFlags


def orgs(opts: OrgsOptions, state: AppState) -> None:
    """Organizations, filtered by country, type, founding date and text."""
    from diaspora_cli.core import query
    from diaspora_cli.core.text import fold
    from diaspora_cli.output.fields import ORGANIZATION_FIELDS
    from diaspora_cli.output.printer import emit

    out = output(state, opts.output)
    dataset = state.dataset()
    window = query.Window(
        query.parse_bound(opts.founded_from, "--founded-from", end=False) if opts.founded_from else None,
        query.parse_bound(opts.founded_to, "--founded-to", end=True) if opts.founded_to else None,
    )
    flt = query.OrgFilter(
        countries=query.resolve_countries(dataset, opts.country),
        types=query.resolve_types(opts.kind),
        window=window,
        text=fold(opts.search or ""),
    )
    emit(out, ORGANIZATION_FIELDS, query.filter_organizations(dataset, flt), "no organizations match")


@dataclass(frozen=True)
class ShowOptions:
    """`diaspora show ID`."""

    record_id: str
    output: OutputFlags


def show(opts: ShowOptions, state: AppState) -> None:
    """One record with every field and all its sources."""
    from diaspora_cli.core import query
    from diaspora_cli.output import reports

    out = output(state, opts.output)
    reports.record_report(query.find_record(state.dataset(), opts.record_id), out)


@dataclass(frozen=True)
class SearchOptions:
    """`diaspora search TEXT`."""

    text: str
    output: OutputFlags


def search(opts: SearchOptions, state: AppState) -> None:
    """Events, organizations and countries matching a text."""
    from diaspora_cli.core import query
    from diaspora_cli.output.fields import HIT_FIELDS
    from diaspora_cli.output.printer import emit

    out = output(state, opts.output)
    emit(out, HIT_FIELDS, query.search_all(state.dataset(), opts.text), "nothing matches")


@dataclass(frozen=True)
class OnThisDayOptions:
    """`diaspora on-this-day`."""

    date: str | None
    output: OutputFlags


def on_this_day(opts: OnThisDayOptions, state: AppState) -> None:
    """Events on this day of the year (today by default), oldest first."""
    import datetime

    from diaspora_cli.core import query
    from diaspora_cli.output.fields import EVENT_FIELDS
    from diaspora_cli.output.printer import emit

    out = output(state, opts.output)
    if opts.date is None:
        today = datetime.date.today()
        month, day = today.month, today.day
    else:
        month, day = query.parse_month_day(opts.date)
    emit(out, EVENT_FIELDS, query.on_this_day(state.dataset(), month, day), f"no events on {month:02d}-{day:02d}")
