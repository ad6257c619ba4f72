"""Counts per bucket (decade, year, country, ...) and the drill-down command for each: pure, no printing.

A bucket's count is exactly what its drill-down command lists. Because `timeline --from/--to`
keeps every event that overlaps the window, an event counts in every decade or year it touches,
and an event with several countries or tags counts under each of them; `total` is the number of
distinct matching records, so the percentages may add up to more than 100.
"""

from __future__ import annotations

import datetime as _dt
import shlex
from collections.abc import Callable, Iterable, Sequence

from diaspora_cli.core.errors import UsageError
from diaspora_cli.core.model import Dataset, Event, Organization
from diaspora_cli.core.query import EventFilter, OrgFilter, Window, filter_events, filter_organizations, publisher_names
from diaspora_cli.core.record import Record, replace
from diaspora_cli.core.text import fold
from diaspora_cli.core.vocab import BY_CHOICES as BY_CHOICES

TIME_FACETS = ("decade", "year")
PROG = "diaspora"


class Selection(Record):
    """The active filters, resolved but with dates as typed, so a drill-down reads like what was typed."""

    countries: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    start: str | None = None
    end: str | None = None
    year: int | None = None
    search: str | None = None
    source_kinds: tuple[str, ...] = ()
    publishers: tuple[str, ...] = ()
    data: tuple[str, ...] = ()  # global --data values, so the command reads the same dataset

    def prefix(self, command: str) -> list[str]:
        """`diaspora [--data PATH]... COMMAND`."""
        tokens = [PROG]
        for path in self.data:
            tokens += ["--data", path]
        return [*tokens, command]

    def timeline_args(self) -> list[str]:
        """`diaspora timeline` with every active filter."""
        tokens = self.prefix("timeline")
        for flag, values in (
            ("--country", self.countries),
            ("--category", self.categories),
            ("--tag", self.tags),
            ("--org", self.organizations),
            ("--source-kind", self.source_kinds),
            ("--publisher", self.publishers),
        ):
            for value in values:
                tokens += [flag, value]
        if self.start is not None:
            tokens += ["--from", self.start]
        if self.end is not None:
            tokens += ["--to", self.end]
        if self.year is not None:
            tokens += ["--year", str(self.year)]
        if self.search is not None:
            tokens += ["--search", self.search]
        return tokens


class Bucket(Record):
    """One row of `diaspora stats`: a bucket, how many records fall in it, and how to list them."""

    by: str
    key: str | int
    label: str
    count: int
    total: int
    command: str

    @property
    def share(self) -> float:
        """Percent of the matching records, unrounded."""
        return 100.0 * self.count / self.total if self.total else 0.0

    @property
    def percent(self) -> int:
        """Percent of the matching records, rounded half up to a whole number."""
        return (200 * self.count + self.total) // (2 * self.total) if self.total else 0


def covered_years(first: _dt.date, last: _dt.date, window: Window) -> range:
    """The years of [first, last] that lie inside the window (empty when none do)."""
    start = max(first, window.start) if window.start else first
    end = min(last, window.end) if window.end else last
    return range(start.year, end.year + 1) if start <= end else range(0)


def _fill(counts: dict[int, int], step: int) -> list[tuple[int, int]]:
    """Every bucket from the first to the last one with a count, zeros included."""
    if not counts:
        return []
    return [(k, counts.get(k, 0)) for k in range(min(counts), max(counts) + 1, step)]


def _window_drill(sel: Selection, window: Window, first: _dt.date, last: _dt.date) -> Selection:
    """The selection narrowed to [first, last]; a typed bound stays when it is the narrower one."""
    if _inside(window, first, last):
        return sel  # always so with --year: the window is one year, inside its decade
    narrower_start = sel.start is not None and window.start is not None and window.start >= first
    narrower_end = sel.end is not None and window.end is not None and window.end <= last
    return replace(
        sel,
        start=sel.start if narrower_start else str(first.year),
        end=sel.end if narrower_end else str(last.year),
    )


def _inside(window: Window, first: _dt.date, last: _dt.date) -> bool:
    """True when the active window already lies inside [first, last]."""
    return window.start is not None and window.end is not None and first <= window.start and window.end <= last


def _time_buckets(by: str, events: Sequence[Event], flt: EventFilter, sel: Selection) -> list[Bucket]:
    step = 10 if by == "decade" else 1
    counts: dict[int, int] = {}
    for event in events:
        for key in sorted({y // step * step for y in covered_years(event.first_day(), event.last_day(), flt.window)}):
            counts[key] = counts.get(key, 0) + 1
    buckets = []
    for key, count in _fill(counts, step):
        first, last = _dt.date(key, 1, 1), _dt.date(key + step - 1, 12, 31)
        if by == "year":
            drill = sel if _inside(flt.window, first, last) else replace(sel, year=key)
            label = str(key)
        else:
            drill = _window_drill(sel, flt.window, first, last)
            label = f"{key}s"
        buckets.append(Bucket(by, key, label, count, len(events), shlex.join(drill.timeline_args())))
    return buckets


def _facet_buckets(
    by: str,
    events: Sequence[Event],
    keys_of: Callable[[Event], Iterable[str]],
    chosen: frozenset[str],
    narrow: Callable[[str], Selection],
    label_of: Callable[[str], str],
) -> list[Bucket]:
    counts: dict[str, int] = {}
    for event in events:
        for key in set(keys_of(event)):
            # With --country (or --tag) given, only those values are buckets: "(DE or TR) and FR"
            # cannot be written as timeline flags, so a drill-down would not be exact.
            if not chosen or key in chosen:
                counts[key] = counts.get(key, 0) + 1
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [
        Bucket(by, key, label_of(key), count, len(events), shlex.join(narrow(key).timeline_args()))
        for key, count in ordered
    ]


def count_events(dataset: Dataset, flt: EventFilter, sel: Selection, by: str) -> list[Bucket]:
    """Buckets of the events matching `flt` (limit and reverse ignored): time in order, facets by count."""
    events = list(filter_events(dataset, replace(flt, limit=None, reverse=False)))
    if by in TIME_FACETS:
        return _time_buckets(by, events, flt, sel)
    if by == "country":

        def country_name(code: str) -> str:
            country = dataset.country(code)
            return country.name if country else code

        return _facet_buckets(
            by,
            events,
            lambda e: e.countries,
            flt.countries,
            lambda k: replace(sel, countries=(k,)),
            country_name,
        )
    if by == "category":
        return _facet_buckets(
            by, events, lambda e: (e.category,), flt.categories, lambda k: replace(sel, categories=(k,)), str
        )
    if by == "tag":
        return _facet_buckets(by, events, lambda e: e.tags, flt.tags, lambda k: replace(sel, tags=(k,)), str)
    if by in ("source-kind", "publisher"):
        names = publisher_names(dataset)

        def cited(event: Event) -> list[str]:
            found = [s for s in (dataset.source(r) for r in event.sources) if s is not None]
            return [s.kind if by == "source-kind" else names[fold(s.publisher)] for s in found]

        if by == "source-kind":
            return _facet_buckets(by, events, cited, flt.source_kinds, lambda k: replace(sel, source_kinds=(k,)), str)
        chosen = frozenset(names[p] for p in flt.publishers)
        return _facet_buckets(by, events, cited, chosen, lambda k: replace(sel, publishers=(k,)), str)
    raise UsageError(f"--by: unknown value {by!r}; valid: {', '.join(BY_CHOICES)}")


def founding_bounds(sel: Selection, window: Window) -> tuple[str | None, str | None]:
    """--founded-from/--founded-to values meaning the same window as --from/--to/--year."""
    if sel.year is None:
        return sel.start, sel.end
    first, last = _dt.date(sel.year, 1, 1), _dt.date(sel.year, 12, 31)
    start = sel.start if window.start is not None and window.start > first else str(sel.year)
    end = sel.end if window.end is not None and window.end < last else str(sel.year)
    return start, end


def orgs_args(sel: Selection, window: Window, org_type: str) -> list[str]:
    """`diaspora orgs` narrowed to one type with the filters that apply to organizations."""
    tokens = sel.prefix("orgs")
    for code in sel.countries:
        tokens += ["--country", code]
    tokens += ["--type", org_type]
    start, end = founding_bounds(sel, window)
    if start is not None:
        tokens += ["--founded-from", start]
    if end is not None:
        tokens += ["--founded-to", end]
    if sel.search is not None:
        tokens += ["--search", sel.search]
    return tokens


def org_filter(flt: EventFilter) -> OrgFilter:
    """The organization filter `--by type` uses: seat country, founding date in the window, text."""
    if flt.categories or flt.tags or flt.organizations or flt.source_kinds or flt.publishers:
        raise UsageError(
            "--by type counts organizations: --category, --tag, --org, --source-kind and --publisher"
            " filter events and do not apply"
        )
    return OrgFilter(countries=flt.countries, window=flt.window, text=flt.text)


def count_organizations(dataset: Dataset, flt: EventFilter, sel: Selection) -> list[Bucket]:
    """Organizations matching the filters that apply to them, by type, most first."""
    orgs: list[Organization] = list(filter_organizations(dataset, org_filter(flt)))
    counts: dict[str, int] = {}
    for org in orgs:
        counts[org.type] = counts.get(org.type, 0) + 1
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [
        Bucket("type", key, key, count, len(orgs), shlex.join(orgs_args(sel, flt.window, key)))
        for key, count in ordered
    ]
