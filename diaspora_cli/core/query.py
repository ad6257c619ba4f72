"""Pure filters, look-ups and summaries over a Dataset: no I/O, no printing."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from diaspora_cli.core.errors import Ambiguous, NotFound, UsageError
from diaspora_cli.core.model import (
    EVENT_CATEGORIES,
    ORGANIZATION_TYPES,
    AnyRecord,
    Country,
    Dataset,
    Event,
    IndexedEvents,
    Organization,
    PartialDate,
    Person,
    Source,
)
from diaspora_cli.core.record import Record, field
from diaspora_cli.core.search import event_haystack, org_haystack
from diaspora_cli.core.spelling import loose, matches, needles, strict
from diaspora_cli.core.text import fold


def parse_bound(text: str, flag: str, *, end: bool) -> _dt.date:
    """A --from/--to bound: YYYY, YYYY-MM or YYYY-MM-DD; a partial end bound means the whole period."""
    try:
        if text.strip().startswith("~"):
            raise ValueError(f"{text!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
        date = PartialDate.parse(text)
    except ValueError as exc:
        raise UsageError(f"{flag}: {exc}") from None
    return date.last_day() if end else date.first_day()


def parse_month_day(text: str) -> tuple[int, int]:
    """An on-this-day --date: MM-DD or M-D (11-09, 2-26), or a whole YYYY-MM-DD day, whose
    month and day are used (29 February allowed)."""
    parts = text.strip().split("-")
    try:
        if len(parts) == 3 and len(parts[0]) == 4 and parts[0].isdigit():
            _dt.date.fromisoformat(text.strip())  # a real day, then only its month and day count
            parts = parts[1:]
        # ASCII digits only (isdigit would take other scripts' digits), one or two of them.
        if len(parts) != 2 or not all(p and len(p) <= 2 and p.isascii() and p.isdigit() for p in parts):
            raise ValueError
        month, day = int(parts[0]), int(parts[1])
        _dt.date(2000, month, day)  # a leap year, so 02-29 is accepted
    except ValueError:
        raise UsageError(
            f"--date: {text!r} is not a month and day (use MM-DD, e.g. 11-09, or a date, e.g. 2001-11-09)"
        ) from None
    return month, day


class Window(Record):
    """An inclusive range of days; either end may be open."""

    start: _dt.date | None = None
    end: _dt.date | None = None

    def overlaps(self, first: _dt.date, last: _dt.date) -> bool:
        """True when [first, last] shares at least one day with the window."""
        if self.start is not None and last < self.start:
            return False
        return not (self.end is not None and first > self.end)

    def intersect(self, other: Window) -> Window:
        """The window that lies in both."""
        starts = [d for d in (self.start, other.start) if d is not None]
        ends = [d for d in (self.end, other.end) if d is not None]
        return Window(max(starts) if starts else None, min(ends) if ends else None)


def make_window(
    start: str | None, end: str | None, year: int | None, flags: tuple[str, str] = ("--from", "--to")
) -> Window:
    """The date window of --from, --to and --year together; an empty one is a usage mistake."""
    first, last = flags
    window = Window(
        parse_bound(start, first, end=False) if start else None,
        parse_bound(end, last, end=True) if end else None,
    )
    if window.start and window.end and window.start > window.end:
        raise UsageError(f"{first} {start} is after {last} {end}: nothing can match")
    if year is not None:
        try:
            year_window = Window(_dt.date(year, 1, 1), _dt.date(year, 12, 31))
        except ValueError:
            raise UsageError(f"--year: {year} is not a usable year") from None
        combined = window.intersect(year_window)
        if combined.start and combined.end and combined.start > combined.end:
            given = " and ".join(f"{f} {v}" for f, v in ((first, start), (last, end)) if v)
            raise UsageError(f"--year {year} lies outside {given}: nothing can match")
        window = combined
    return window


class EventFilter(Record):
    """Every timeline filter, resolved: codes, ids and folded text. Different filters AND, repeats OR."""

    window: Window = field(default_factory=Window)
    countries: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    source_kinds: frozenset[str] = frozenset()
    publishers: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    organizations: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()
    text: str = ""  # --search as typed: matched by its spelling keys (core.spelling.needles)
    limit: int | None = None
    reverse: bool = False


def event_matches(event: Event, flt: EventFilter, dataset: Dataset, text_checked: bool = False) -> bool:
    """True when the event passes every filter of `flt` (`text_checked`: its --search text is known to match)."""
    if not flt.window.overlaps(event.first_day(), event.last_day()):
        return False
    if flt.countries and flt.countries.isdisjoint(event.countries):
        return False
    if flt.categories and event.category not in flt.categories:
        return False
    if flt.tags and flt.tags.isdisjoint(event.tags):
        return False
    if flt.organizations and flt.organizations.isdisjoint(event.organizations):
        return False
    if flt.people and flt.people.isdisjoint(event.people):
        return False
    if flt.source_kinds or flt.publishers:
        cited = [dataset.source(r) for r in event.sources]
        if flt.source_kinds and flt.source_kinds.isdisjoint(s.kind for s in cited if s is not None):
            return False
        if flt.publishers and flt.publishers.isdisjoint(fold(s.publisher) for s in cited if s is not None):
            return False
    return not (flt.text and not text_checked and not matches(event_haystack(event, dataset), needles(flt.text)))


def filter_events(dataset: Dataset, flt: EventFilter) -> Iterator[Event]:
    """Matching events in chronological order (ties by id), or reversed; at most `limit`."""
    events = candidate_events(dataset, flt.window, flt.countries, flt.reverse, flt.text)
    text_checked = isinstance(dataset.events, IndexedEvents)  # the cache matched the text already
    # With no filter at all every event matches: skip the test (a tenth of a 100k-row listing).
    everything = flt == EventFilter(limit=flt.limit, reverse=flt.reverse)
    count = 0
    for event in events:
        if flt.limit is not None and count >= flt.limit:
            return
        if everything or event_matches(event, flt, dataset, text_checked):
            count += 1
            yield event


def candidate_events(
    dataset: Dataset, window: Window, countries: frozenset[str], reverse: bool, text: str = ""
) -> Iterable[Event]:
    """Events in order that may pass the window, country and (folded) text filters.

    A cached dataset reads only those and has checked the text; otherwise the text is left to
    the caller.
    """
    if isinstance(dataset.events, IndexedEvents):
        return dataset.events.candidates(window.start, window.end, countries, reverse, text)
    return reversed(dataset.events) if reverse else dataset.events


def _close_matches(word: str, possibilities: list[str], n: int, cutoff: float) -> list[str]:
    import difflib  # only a miss needs suggestions: keep it out of every start-up

    return difflib.get_close_matches(word, possibilities, n=n, cutoff=cutoff)


def _choices(value: str, choices: Sequence[str], flag: str) -> str:
    if value in choices:
        return value
    folded = {fold(c): c for c in choices}
    if fold(value) in folded:
        return folded[fold(value)]
    close = _close_matches(fold(value), list(folded), n=3, cutoff=0.6)
    hint = "did you mean " + " or ".join(folded[c] for c in close) + "?" if close else "valid: " + ", ".join(choices)
    raise UsageError(f"{flag}: unknown value {value!r}; {hint}")


def resolve_choices(values: Sequence[str], choices: Sequence[str], flag: str) -> frozenset[str]:
    """Check values against a list of choices (folded; a miss is a usage error with suggestions)."""
    return frozenset(_choices(v, choices, flag) for v in values)


def resolve_categories(values: Sequence[str]) -> frozenset[str]:
    """Check --category values against the vocabulary."""
    return frozenset(_choices(v, EVENT_CATEGORIES, "--category") for v in values)


def resolve_types(values: Sequence[str]) -> frozenset[str]:
    """Check --type values against the organization types."""
    return frozenset(_choices(v, ORGANIZATION_TYPES, "--type") for v in values)


def all_tags(dataset: Dataset) -> list[str]:
    """Every tag in use, sorted."""
    return sorted({tag for event in dataset.events for tag in event.tags})


def publisher_names(dataset: Dataset) -> dict[str, str]:
    """Folded publisher -> one spelling of it (the first by sort), so "Today.az" and "Today.Az" are one publisher."""
    names: dict[str, str] = {}
    for name in sorted({s.publisher for s in dataset.sources}):
        names.setdefault(fold(name), name)
    return names


def resolve_publishers(dataset: Dataset, values: Sequence[str]) -> frozenset[str]:
    """Check --publisher values against the publishers of the dataset's sources (folded, exact)."""
    if not values:
        return frozenset()
    names = publisher_names(dataset)
    resolved = set()
    for value in values:
        found = names.get(fold(value))
        if found is None:
            close = _close_matches(fold(value), list(names), n=3, cutoff=0.5)
            hint = "did you mean " + " or ".join(repr(names[c]) for c in close) + "?" if close else ""
            raise UsageError(
                f"--publisher: unknown publisher {value!r}; {hint or 'see diaspora sources --by publisher'}"
            )
        resolved.add(fold(found))
    return frozenset(resolved)


def resolve_tags(dataset: Dataset, values: Sequence[str]) -> frozenset[str]:
    """Check --tag values against the tags in use; an unknown tag is an error, not an empty result."""
    if not values:
        return frozenset()  # no need to collect every tag (a scan of all events) to check nothing
    tags = {fold(t): t for t in all_tags(dataset)}
    resolved = set()
    for value in values:
        found = tags.get(fold(value))
        if found is None:
            close = _close_matches(fold(value), list(tags), n=3, cutoff=0.5)
            hint = (
                "did you mean " + " or ".join(tags[c] for c in close) + "?"
                if close
                else "see 'diaspora stats --by tag'"
            )
            raise UsageError(f"--tag: unknown tag {value!r}; {hint}")
        resolved.add(found)
    return frozenset(resolved)


def _country_keys(country: Country) -> list[str]:
    return [country.code, country.alpha3, country.name, *country.aliases, *(text for _, text in country.names)]


def _org_keys(org: Organization) -> list[str]:
    return [org.id, org.name, *org.native_names, *org.aliases, *(text for _, text in org.names)]


T = TypeVar("T")


def _fold_index(records: Iterable[T], keys_of: Callable[[T], list[str]]) -> list[tuple[T, list[str]]]:
    """Each record with its names folded: once per record, however many comparisons follow."""
    return [(record, [fold(k) for k in keys_of(record)]) for record in records]


def _spelling_index(records: Iterable[T], keys_of: Callable[[T], list[str]]) -> list[tuple[T, list[str]]]:
    """Each record with the loose spelling keys of its names (core.spelling), for a second try."""
    return [(record, [loose(k) for k in keys_of(record)]) for record in records]


def _exact_or_prefix(index: list[tuple[T, list[str]]], key: str) -> list[T]:
    """Records with a name equal to `key`; only if there are none, those with a name starting with it."""
    exact = [record for record, keys in index if key in keys]
    if exact or not key:
        return exact
    return [record for record, keys in index if any(k.startswith(key) for k in keys)]


def resolve_country(dataset: Dataset, query: str) -> Country:
    """Find one country by code, alpha-3, name or alias: exact first, then a unique prefix, never a guess."""
    key = fold(query)
    if not key:
        raise NotFound("country", query)
    index = _fold_index(dataset.countries, _country_keys)
    found = _exact_or_prefix(index, strict(query)) or _spelled(dataset.countries, _country_keys, query)
    if len(found) == 1:
        return found[0]
    if found:
        raise Ambiguous("countries", query, [f"{c.name} ({c.code})" for c in found])
    raise NotFound("country", query, _suggest_countries(index, key))


def _spelled(records: Iterable[T], keys_of: Callable[[T], list[str]], query: str) -> list[T]:
    """Records with a name whose loose spelling key is the query's ("Азербайджан" -> Azerbaijan); whole
    names only, and only for queries long enough to have one (core.spelling.needles)."""
    keys = needles(query)[1:]
    if not keys:
        return []
    return [record for record, names in _spelling_index(records, keys_of) if keys[0] in names]


def _suggest_countries(index: list[tuple[Country, list[str]]], folded_query: str) -> list[str]:
    """Up to three "Name (CODE)" suggestions for a miss, closest first.

    Each country scores by its closest name or alias (difflib's similarity ratio). 0.7 keeps
    "Germny" -> Germany (0.92) and "Turkei" -> Turkey (0.83) but suggests nothing for
    "Atlantis"; and a suggestion must be nearly as close as the best one (within 0.1), so
    "Rusia" offers Russia alone, not whatever else clears the bar.
    """
    import difflib  # only a miss needs suggestions: keep it out of every start-up

    matcher = difflib.SequenceMatcher(b=folded_query, autojunk=False)
    best: dict[str, tuple[float, Country]] = {}
    for country, keys in index:
        for key in keys:
            matcher.set_seq1(key)
            if matcher.real_quick_ratio() < 0.7 or matcher.quick_ratio() < 0.7:
                continue
            score = matcher.ratio()
            if score >= 0.7 and score > best.get(country.code, (0.0, country))[0]:
                best[country.code] = (score, country)
    ranked = sorted(best.values(), key=lambda item: (-item[0], item[1].name))
    if not ranked:
        return []
    top = ranked[0][0]
    return [f"{c.name} ({c.code})" for score, c in ranked[:3] if score >= top - 0.1]


def resolve_countries(dataset: Dataset, values: Sequence[str], flag: str = "--country") -> frozenset[str]:
    """Codes for every --country value; one that matches nothing is a usage mistake (exit 2),
    like an unknown --category: a filter value, not a record looked up."""
    return frozenset(_as_usage(flag, resolve_country, dataset, v).code for v in values)


def resolve_organizations(dataset: Dataset, values: Sequence[str], flag: str = "--org") -> frozenset[str]:
    """Ids for every --org value (a miss is a usage mistake, as for --country)."""
    return frozenset(_as_usage(flag, resolve_organization, dataset, v).id for v in values)


def _as_usage(flag: str, resolve: Callable[[Dataset, str], T], dataset: Dataset, value: str) -> T:
    try:
        return resolve(dataset, value)
    except (NotFound, Ambiguous) as exc:
        raise UsageError(f"{flag}: {exc}") from None


def resolve_organization(dataset: Dataset, query: str) -> Organization:
    """Find one organization by id, name, native name or alias (exact, then unique prefix)."""
    found = _exact_or_prefix(_fold_index(dataset.organizations, _org_keys), strict(query))
    found = found or _spelled(dataset.organizations, _org_keys, query)
    if len(found) == 1:
        return found[0]
    if found:
        raise Ambiguous("organizations", query, [o.id for o in found])
    ids = [o.id for o in dataset.organizations]
    raise NotFound("organization", query, _close_matches(query, ids, n=3, cutoff=0.5))


def _person_keys(person: Person) -> list[str]:
    return [person.id, person.name, *person.aliases, *(text for _, text in person.names)]


def resolve_person(dataset: Dataset, query: str) -> Person:
    """Find one person by id, name, alias or other-language name in any spelling: an exact key
    first, then a unique prefix of one (so "Rəsulzadə", "Resulzade" and "Расулзаде" all work)."""
    keys = needles(query)
    index = [(p, [k for name in _person_keys(p) for k in (strict(name), loose(name))]) for p in dataset.people]
    found = [p for p, names in index if any(k in names for k in keys)]
    if not found:
        found = [p for p, names in index if any(n.startswith(k) for n in names for k in keys)]
    if not found:  # a surname alone: a whole word of one of the names
        found = [p for p, names in index if any(k in n.split() for n in names for k in keys)]
    if len(found) == 1:
        return found[0]
    if found:
        raise Ambiguous("people", query, [f"{p.name} ({p.id})" for p in found])
    raise NotFound("person", query, _close_matches(strict(query), [strict(p.name) for p in dataset.people], 3, 0.5))


def resolve_people(dataset: Dataset, values: Sequence[str]) -> frozenset[str]:
    """Person ids for --person values; an unknown person is an error, not an empty result."""
    return frozenset(_as_usage("--person", resolve_person, dataset, v).id for v in values)


def find_record(dataset: Dataset, record_id: str) -> AnyRecord | Source:
    """Any record by id (a country by its code, any case; a source by its id); suggestions on a miss."""
    found = dataset.record(record_id) or dataset.record(record_id.upper()) or dataset.source(record_id)
    if found is not None:
        return found
    ids = [c.code for c in dataset.countries] + [o.id for o in dataset.organizations] + [e.id for e in dataset.events]
    ids += [s.id for s in dataset.sources]
    raise NotFound("record", record_id, _close_matches(record_id, ids, n=3, cutoff=0.5))


class OrgFilter(Record):
    """Filters of `diaspora orgs`."""

    countries: frozenset[str] = frozenset()
    types: frozenset[str] = frozenset()
    window: Window = field(default_factory=Window)
    text: str = ""
    statuses: frozenset[str] = frozenset()


def filter_organizations(dataset: Dataset, flt: OrgFilter) -> Iterator[Organization]:
    """Organizations passing every filter; a founding-date window drops those with no founding date."""
    for org in dataset.organizations:
        if flt.countries and org.country not in flt.countries:
            continue
        if flt.types and org.type not in flt.types:
            continue
        if flt.statuses and org.status not in flt.statuses:
            continue
        dated = flt.window.start is not None or flt.window.end is not None
        if dated and (org.founded is None or not flt.window.overlaps(org.founded.first_day(), org.founded.last_day())):
            continue
        if flt.text and not matches(org_haystack(org, dataset), needles(flt.text)):
            continue
        yield org


def on_this_day(dataset: Dataset, month: int, day: int) -> Iterator[Event]:
    """Events that began (or, for spans, ended) on this month and day, oldest first."""
    for event in dataset.events:
        for date in (event.date, event.end):
            if date is not None and date.month == month and date.day == day:
                yield event
                break
