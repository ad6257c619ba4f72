"""Filters, windows and look-ups, without the CLI."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diaspora_cli.core import query, search, summaries
from diaspora_cli.core.errors import Ambiguous, NotFound, UsageError
from diaspora_cli.core.model import Dataset, Event, PartialDate


def ids(events: object) -> list[str]:
    return [e.id for e in events]  # type: ignore[attr-defined]


def test_timeline_is_chronological_with_ties_by_id(mini: Dataset) -> None:
    got = ids(query.filter_events(mini, query.EventFilter()))
    assert got == [
        "emigre-wave-1920",
        "kultur-founded-1949",
        "span-1989-1992",
        "year-only-2001",
        "month-2001-06",
        "congress-2001",
    ]


def test_reverse_and_limit(mini: Dataset) -> None:
    got = ids(query.filter_events(mini, query.EventFilter(reverse=True, limit=2)))
    assert got == ["congress-2001", "month-2001-06"]


@pytest.mark.parametrize(
    ("start", "end", "year", "expected"),
    [
        # A year-only event overlaps any window inside its year.
        ("2001-06", None, None, ["year-only-2001", "month-2001-06", "congress-2001"]),
        ("2001-07", None, None, ["year-only-2001", "congress-2001"]),
        # A partial end bound means the whole period.
        (
            None,
            "2001",
            None,
            [
                "emigre-wave-1920",
                "kultur-founded-1949",
                "span-1989-1992",
                "year-only-2001",
                "month-2001-06",
                "congress-2001",
            ],
        ),
        (
            None,
            "2001-06",
            None,
            ["emigre-wave-1920", "kultur-founded-1949", "span-1989-1992", "year-only-2001", "month-2001-06"],
        ),
        # A span overlaps a window inside it.
        ("1990", "1990", None, ["span-1989-1992"]),
        (None, None, 1991, ["span-1989-1992"]),
        ("2001-11-10", "2001-11-10", None, ["year-only-2001", "congress-2001"]),
        ("2001-11-11", "2001-12-31", None, ["year-only-2001"]),
        ("1921", "1948", None, []),
    ],
)
def test_window_semantics(
    mini: Dataset, start: str | None, end: str | None, year: int | None, expected: list[str]
) -> None:
    flt = query.EventFilter(window=query.make_window(start, end, year))
    assert ids(query.filter_events(mini, flt)) == expected


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [("2001-13", None, "--from"), (None, "2001/02", "--to"), ("2002", "2001", "after"), ("~2001", None, "--from")],
)
def test_bad_bounds_are_usage_errors(start: str | None, end: str | None, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        query.make_window(start, end, None)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("DE", "DE"),
        ("deu", "DE"),
        ("germany", "DE"),
        ("Almaniya", "DE"),
        ("deutschland", "DE"),
        ("turkiye", "TR"),
        ("TÜRKİYƏ", "TR"),
        ("Turkey", "TR"),
        ("istanbul region", "TR"),
        ("gürcüstan", "GE"),
        ("GURCUSTAN", "GE"),
        ("azerbaycan", "AZ"),
        ("Azərbaycan", "AZ"),
        ("Germ", "DE"),  # unique prefix
    ],
)
def test_resolve_country(mini: Dataset, name: str, code: str) -> None:
    assert query.resolve_country(mini, name).code == code


def test_resolve_country_miss_suggests(mini: Dataset) -> None:
    with pytest.raises(NotFound) as caught:
        query.resolve_country(mini, "Germny")
    assert caught.value.message == "no country matches 'Germny'; did you mean Germany (DE)?"


def test_exact_code_wins_over_prefix(mini: Dataset) -> None:
    assert query.resolve_country(mini, "ge").code == "GE"


def test_prefix_shared_by_two_countries_is_ambiguous(mini: Dataset) -> None:
    with pytest.raises(Ambiguous, match=r"Georgia \(GE\).*Germany \(DE\)|Germany \(DE\).*Georgia \(GE\)"):
        query.resolve_country(mini, "g")


def test_unknown_category_and_tag_suggest(mini: Dataset) -> None:
    with pytest.raises(UsageError, match="did you mean protest"):
        query.resolve_categories(["protset"])
    with pytest.raises(UsageError, match="did you mean emigre"):
        query.resolve_tags(mini, ["emigr"])


def test_search_is_literal_and_folded(mini: Dataset) -> None:
    flt = query.EventFilter(text="seki")
    assert ids(query.filter_events(mini, flt)) == ["year-only-2001"]
    assert ids(query.filter_events(mini, query.EventFilter(text="("))) == []  # not a regex


def test_search_all_kinds(mini: Dataset) -> None:
    hits = list(search.search_all(mini, "kultur"))
    assert [(h.kind, h.id) for h in hits] == [("organization", "org-kultur")]
    assert {h.kind for h in search.search_all(mini, "a")} == {"country", "organization", "event"}


def test_on_this_day(mini: Dataset) -> None:
    assert ids(query.on_this_day(mini, 11, 9)) == ["congress-2001"]
    assert ids(query.on_this_day(mini, 11, 10)) == ["congress-2001"]  # a span's end day counts
    assert ids(query.on_this_day(mini, 1, 1)) == []  # year-only dates are never "on a day"


def test_org_filters(mini: Dataset) -> None:
    flt = query.OrgFilter(window=query.Window(dt.date(1990, 1, 1), None))
    assert [o.id for o in query.filter_organizations(mini, flt)] == ["org-berlin-youth"]
    flt = query.OrgFilter(types=query.resolve_types(["youth"]))
    assert [o.id for o in query.filter_organizations(mini, flt)] == ["org-berlin-youth"]


def test_country_summary(mini: Dataset) -> None:
    summary = summaries.summarise_country(mini, query.resolve_country(mini, "TR"))
    assert [e.id for e in summary.events] == ["emigre-wave-1920", "kultur-founded-1949"]
    assert summary.per_decade == ((1920, 1), (1930, 0), (1940, 1))


# --- properties -------------------------------------------------------------------------------

days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2030, 12, 31))


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    day = draw(days)
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return PartialDate(day.year)
    if precision == "month":
        return PartialDate(day.year, day.month)
    return PartialDate(day.year, day.month, day.day)


@st.composite
def events(draw: st.DrawFn) -> Event:
    start = draw(partial_dates())
    end = draw(st.none() | partial_dates())
    if end is not None and end.last_day() < start.first_day():
        start, end = end, start
        if end.last_day() < start.first_day():
            end = None
    return Event(id="e", date=start, end=end, title="t", category="other", sources=("s",))


@given(events(), st.none() | partial_dates(), st.none() | partial_dates())
def test_window_keeps_exactly_overlapping_events(event: Event, lo: PartialDate | None, hi: PartialDate | None) -> None:
    try:
        window = query.make_window(lo.iso() if lo else None, hi.iso() if hi else None, None)
    except UsageError:
        return  # --from after --to: rejected, nothing to filter
    first, last = event.first_day(), (event.end or event.date).last_day()
    expected = (lo is None or last >= lo.first_day()) and (hi is None or first <= hi.last_day())
    dataset = Dataset(info=None, events=(event,), organizations=(), countries=())  # type: ignore[arg-type]
    kept = list(query.filter_events(dataset, query.EventFilter(window=window)))
    assert (kept == [event]) == expected


def test_far_miss_suggests_nothing(mini: Dataset) -> None:
    with pytest.raises(NotFound) as caught:
        query.resolve_country(mini, "Atlantis")
    assert caught.value.message == "no country matches 'Atlantis'"


@pytest.mark.parametrize(
    ("typed", "code"),
    [("Turkei", "TR"), ("Sweeden", "SE"), ("Азербайджан", "AZ"), ("Azərbaycan", "AZ"), ("Gurcustan", "GE")],
)
def test_country_spelled_another_way_resolves(shipped: Dataset, typed: str, code: str) -> None:
    assert query.resolve_country(shipped, typed).code == code


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("Rusia", ["Russia (RU)"]),  # not also United States or Iran, as difflib's cut-off alone gave
        ("Germny", ["Germany (DE)"]),
        ("Turky", ["Türkiye (TR)"]),  # "Turkei" and "Sweeden" resolve now: their loose keys are the names'
        ("Swdeen", ["Sweden (SE)"]),
        ("Frnace", ["France (FR)"]),
        ("Atlantis", []),
        ("Qqqqq", []),
    ],
)
def test_country_suggestions_are_the_closest_only(shipped: Dataset, typed: str, suggested: list[str]) -> None:
    with pytest.raises(NotFound) as caught:
        query.resolve_country(shipped, typed)
    assert caught.value.suggestions == suggested
