"""The shipped dataset: validates, meets the coverage floor, and holds the facts it must."""

from __future__ import annotations

import re

import pytest

from diaspora_cli.core.loading import embedded_root
from diaspora_cli.core.model import POPULATION_KINDS, Dataset
from diaspora_cli.core.store import check_dataset


def test_shipped_dataset_validates() -> None:
    report = check_dataset([str(embedded_root())])
    assert [str(i) for i in report.issues] == []


def test_coverage_floor(shipped: Dataset) -> None:
    assert len(shipped.events) >= 100
    assert len(shipped.organizations) >= 70
    assert len(shipped.countries) >= 35
    decades = {e.date.year // 10 * 10 for e in shipped.events}
    assert set(range(1910, 2030, 10)) <= decades
    homeland = [o for o in shipped.organizations if o.country == shipped.info.homeland]
    abroad = [o for o in shipped.organizations if o.country != shipped.info.homeland]
    assert len(homeland) >= 3 and len(abroad) >= 50


def test_every_record_is_sourced(shipped: Dataset) -> None:
    records = [*shipped.events, *shipped.organizations, *shipped.countries]
    unsourced = [getattr(r, "id", getattr(r, "code", "?")) for r in records if not any(s.strip() for s in r.sources)]
    assert unsourced == []


def test_every_population_figure_is_complete(shipped: Dataset) -> None:
    for country in shipped.countries:
        for figure in country.population:
            assert figure.year and figure.kind in POPULATION_KINDS and figure.source.strip(), country.code
            assert (figure.value is not None) != (figure.low is not None and figure.high is not None), country.code


def test_low_confidence_records_explain_themselves(shipped: Dataset) -> None:
    vague = [e.id for e in shipped.events if e.confidence == "low" and not e.note]
    vague += [o.id for o in shipped.organizations if o.confidence == "low" and not o.note]
    assert vague == []


def test_dataset_carries_licence_and_provenance(shipped: Dataset) -> None:
    assert shipped.info.license == "CC-BY-4.0"
    assert shipped.info.provenance
    assert shipped.info.homeland == "AZ"


@pytest.mark.parametrize(
    ("event_id", "date", "end"),
    [
        ("first-congress-world-azerbaijanis-2001", "2001-11-09", "2001-11-10"),
        ("second-congress-world-azerbaijanis-2006", "2006-03-16", None),
        ("third-congress-world-azerbaijanis-2011", "2011-07-05", "2011-07-06"),
        ("fourth-congress-world-azerbaijanis-2016", "2016-06-03", "2016-06-04"),
        ("fifth-congress-shusha-2022", "2022-04-22", "2022-04-23"),
        ("state-committee-founded-2002", "2002-07-05", None),
        ("state-committee-renamed-2008", "2008-11-19", None),
        ("law-state-policy-azerbaijanis-abroad-2002", "2002-12-27", None),
        ("world-azerbaijani-youth-union-founded-2012", "2012-03-12", None),
        ("solidarity-day-declared-1991", "1991-12", None),
        ("diaspora-rallies-2020-war", "2020-09-27", "2020-11-10"),
        ("soviet-takeover-first-emigration-wave-1920", "1920-04-28", None),
    ],
)
def test_must_have_facts(shipped: Dataset, event_id: str, date: str, end: str | None) -> None:
    event = shipped.record(event_id)
    assert event is not None, event_id
    assert event.date.iso() == date  # type: ignore[union-attr]
    assert (event.end.iso() if event.end else None) == end  # type: ignore[union-attr]


def test_fifth_congress_is_in_shusha(shipped: Dataset) -> None:
    event = shipped.record("fifth-congress-shusha-2022")
    assert "Shusha" in event.place  # type: ignore[union-attr]


def test_iran_is_framed_as_indigenous(shipped: Dataset) -> None:
    iran = shipped.country("IR")
    assert iran is not None and iran.framing == "indigenous"
    assert "diaspora" in iran.description.lower()


def test_emigre_period_after_1920_is_covered(shipped: Dataset) -> None:
    emigre = [
        e
        for e in shipped.events
        if 1920 <= e.date.year < 1940 and e.category in ("emigration", "organization", "media")
    ]
    assert len(emigre) >= 5


PARTISAN = re.compile(r"diaspor\.gov\.az|azertag|trend\.az|report\.az|apa\.az|azernews|news\.az|today\.az|panarmenian")


def test_state_sourced_claims_are_attributed(shipped: Dataset) -> None:
    """An event sourced only to partisan outlets says whose claim it is, or is not marked high confidence."""
    unattributed = []
    for event in shipped.events:
        if event.sources and all(PARTISAN.search(s) for s in event.sources):
            text = f"{event.description} {event.note}".lower()
            attributed = any(w in text for w in ("according to", "state", "committee", "reported", "says", "said"))
            if not attributed and event.confidence == "high":
                unattributed.append(event.id)
    assert unattributed == []


# ---- the coverage floor of the 2026-12 audit and expansion (issue: "twice the coverage") ----
# These are the figures reached, as a ratchet: a change may add records, never fall below them.
# The issue's targets not yet met are written beside them.
FLOOR_EVENTS = 218  # target 220 (not met by 2)
FLOOR_ORGANIZATIONS = 173  # target 150
FLOOR_COUNTRIES = 55
FLOOR_PEOPLE = 47  # target 40
FLOOR_PLACES = 29
PLACE_PHRASES = (" and ", " to ", "elsewhere", "border", "worldwide", "europe", "front", "cities", " assr")


def test_the_expanded_coverage_floor(shipped: Dataset) -> None:
    assert len(shipped.events) >= FLOOR_EVENTS
    assert len(shipped.organizations) >= FLOOR_ORGANIZATIONS
    assert len(shipped.countries) >= FLOOR_COUNTRIES
    assert len(shipped.people) >= FLOOR_PEOPLE
    assert len(shipped.places) >= FLOOR_PLACES
    per_decade = {d: 0 for d in range(1910, 2030, 10)}
    for event in shipped.events:
        decade = event.date.year // 10 * 10
        if decade in per_decade:
            per_decade[decade] += 1
    assert {d: n for d, n in per_decade.items() if n < 5} == {}


def test_every_record_is_checked_claim_by_claim(shipped: Dataset) -> None:
    records = [*shipped.events, *shipped.organizations, *shipped.countries, *shipped.people, *shipped.places]
    unchecked = [getattr(r, "id", getattr(r, "code", "?")) for r in records if not r.checked]
    assert unchecked == []
    assert all(r.sources for r in records)


def test_every_person_and_place_is_named_by_a_record_or_linked(shipped: Dataset) -> None:
    """People and places are there to find records: each is linked from one, or its name or an
    alias appears in one's text (as a word, as search matches it)."""
    from diaspora_cli.core.search import event_haystack, org_haystack
    from diaspora_cli.core.spelling import strict

    linked = {p for r in [*shipped.events, *shipped.organizations] for p in r.people}
    texts = [event_haystack(e, shipped) for e in shipped.events] + [
        org_haystack(o, shipped) for o in shipped.organizations
    ]
    orphans = []
    for record in [*shipped.people, *shipped.places]:
        if record.id in linked:
            continue
        keys = [strict(n) for n in (record.name, *record.aliases)]
        if not any(f" {k}" in f" {t}" for k in keys for t in texts):
            orphans.append(record.id)
    assert orphans == []


def test_every_country_a_record_names_exists(shipped: Dataset) -> None:
    from diaspora_cli.core import query
    from diaspora_cli.core.errors import DiasporaError

    codes = {c.code for c in shipped.countries}
    assert {code for e in shipped.events for code in e.countries} <= codes
    assert {o.country for o in shipped.organizations} <= codes
    missing: list[tuple[str, str]] = []
    for event in shipped.events:
        for part in event.place.split(";"):
            if "," not in part:
                continue  # a city or a site on its own
            tail = re.sub(r"\s*\(.*?\)\s*", " ", part.split(",")[-1]).strip()
            if not tail or any(p in f" {tail.lower()} " for p in PLACE_PHRASES):
                continue  # a route or a region ("Moscow and other cities", "Europe"), not one country
            try:
                query.resolve_country(shipped, tail)
            except DiasporaError:
                if not event.countries:  # a city list ("Los Angeles, San Francisco") is fine beside codes
                    missing.append((event.id, tail))
    assert missing == []
