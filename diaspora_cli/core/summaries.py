"""Summaries: the counts behind a `countries` row, everything `country` and `person` show, `people` listings."""

from __future__ import annotations

from collections.abc import Iterator

from diaspora_cli.core.model import Country, Dataset, Event, Organization, Person
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


class PersonSummary(Record):
    """Everything `diaspora person` shows."""

    person: Person
    organizations: tuple[Organization, ...]
    events: tuple[Event, ...]


def summarise_person(dataset: Dataset, person: Person) -> PersonSummary:
    """The organizations and events that name this person (their `people` lists), events by date."""
    return PersonSummary(
        person,
        tuple(o for o in dataset.organizations if person.id in o.people),
        tuple(e for e in dataset.events if person.id in e.people),
    )


def filter_people(dataset: Dataset, countries: frozenset[str], roles: frozenset[str], text: str) -> Iterator[Person]:
    """People who lived or worked in one of `countries`, have one of `roles` and match `text` (each: any if empty)."""
    from diaspora_cli.core.search import person_haystack
    from diaspora_cli.core.spelling import matches, needles

    keys = needles(text) if text else ()
    for person in dataset.people:
        if countries and countries.isdisjoint(person.countries):
            continue
        if roles and roles.isdisjoint(person.roles):
            continue
        if keys and not matches(person_haystack(person, dataset), keys):
            continue
        yield person


def all_roles(dataset: Dataset) -> list[str]:
    """Every role in use, sorted."""
    return sorted({role for person in dataset.people for role in person.roles})
