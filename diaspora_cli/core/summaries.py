"""Country summaries: the counts behind a `countries` row and everything `country` shows."""

from __future__ import annotations

from collections.abc import Iterator

from diaspora_cli.core.model import Country, Dataset, Event, Organization
from diaspora_cli.core.query import Window, candidate_events
from diaspora_cli.core.record import Record


class CountryStats(Record):
    """Counts behind a `countries` row."""

    country: Country
    organizations: int
    events: int
    first_event: int | None
    last_event: int | None


def country_rows(dataset: Dataset) -> Iterator[CountryStats]:
    """One summary per country, in code order."""
    orgs: dict[str, int] = {}
    for org in dataset.organizations:
        orgs[org.country] = orgs.get(org.country, 0) + 1
    years: dict[str, list[int]] = {}
    for event in dataset.events:
        for code in event.countries:
            years.setdefault(code, []).append(event.date.year)
    for country in dataset.countries:
        ys = years.get(country.code, [])
        yield CountryStats(
            country, orgs.get(country.code, 0), len(ys), min(ys) if ys else None, max(ys) if ys else None
        )


class CountrySummary(Record):
    """Everything `diaspora country` shows."""

    country: Country
    organizations: tuple[Organization, ...]
    events: tuple[Event, ...]
    per_decade: tuple[tuple[int, int], ...]


def summarise_country(dataset: Dataset, country: Country) -> CountrySummary:
    """The organizations and events of one country, and its events per decade."""
    candidates = candidate_events(dataset, Window(), frozenset([country.code]), False)
    events = tuple(e for e in candidates if country.code in e.countries)
    decades: dict[int, int] = {}
    for event in events:
        decade = event.date.year // 10 * 10
        decades[decade] = decades.get(decade, 0) + 1
    per_decade: tuple[tuple[int, int], ...] = ()
    if decades:
        per_decade = tuple((d, decades.get(d, 0)) for d in range(min(decades), max(decades) + 1, 10))
    return CountrySummary(
        country,
        tuple(o for o in dataset.organizations if o.country == country.code),
        events,
        per_decade,
    )
