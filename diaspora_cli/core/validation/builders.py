"""Record builders: a TOML table -> an Event, Organization, Country or DatasetInfo, with every problem reported.

Events have two builders on purpose: `_EventReader` takes the common, plainly valid table in one
pass and shares repeated values (100k events), and anything it does not recognise goes to
`_build_event`, which words every problem; records and messages are the same either way.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from diaspora_cli.core.model import (
    CONFIDENCES,
    EVENT_CATEGORIES,
    FRAMINGS,
    MAX_YEAR,
    MIN_YEAR,
    ORGANIZATION_STATUSES,
    ORGANIZATION_TYPES,
    POPULATION_KINDS,
    REGIONS,
    SOURCE_KINDS,
    Country,
    DatasetInfo,
    Event,
    Organization,
    PartialDate,
    PopulationFigure,
    Source,
)
from diaspora_cli.core.validation.issues import _did_you_mean
from diaspora_cli.core.validation.records import _Record, _type_name
from diaspora_cli.core.validation.schema import (
    _ALPHA2,
    _ALPHA3,
    _LANGUAGE,
    _SLUG,
    _URL,
    COUNTRY_KEYS,
    DATASET_KEYS,
    EVENT_KEYS,
    FIGURE_KEYS,
    ORGANIZATION_KEYS,
    SOURCE_KEYS,
)


def _build_info(record: _Record) -> DatasetInfo:
    record.check_keys(DATASET_KEYS)
    homeland = record.string("homeland", required=True)
    if homeland and not _ALPHA2.fullmatch(homeland):
        record.problem(f"{homeland!r} is not an upper-case ISO 3166-1 alpha-2 code", "homeland")
    return DatasetInfo(
        name=record.string("name", required=True),
        description=record.string("description", required=True),
        homeland=homeland,
        version=record.string("version", required=True),
        license=record.string("license", required=True),
        sources_policy=record.string("sources_policy", required=True),
        provenance=record.string("provenance"),
        maintainers=record.strings("maintainers"),
        mirror_domains=tuple(d.lower() for d in record.strings("mirror_domains")),
    )


def checked_day(record: _Record) -> str:
    """`checked = YYYY-MM-DD`: the day a curator last checked the record against its sources."""
    date = record.date("checked")
    if date is None:
        return ""
    if date.precision != "day" or date.circa:
        record.problem("must be a full date (YYYY-MM-DD): the day the record was checked", "checked")
        return ""
    return date.iso()


def _build_source(record: _Record) -> Source | None:
    record.check_keys(SOURCE_KEYS)
    url = record.string("url", required=True)
    if url and not _URL.fullmatch(url):
        record.problem("must be an http(s) URL", "url")
    archived = record.string("archived")
    if archived and not _URL.fullmatch(archived):
        record.problem("must be an http(s) URL", "archived")
    language = record.string("language", required=True)
    if language and not _LANGUAGE.fullmatch(language):
        record.problem(f"{language!r} is not a language code", "language", "an ISO 639-1 code such as en, az, ru, tr")
    accessed = record.date("accessed")
    if accessed is not None and accessed.precision != "day":
        record.problem("must be a full date (YYYY-MM-DD)", "accessed")
    source = Source(
        id=record.slug("id"),
        url=url,
        title=record.string("title", required=True),
        publisher=record.string("publisher", required=True),
        kind=record.vocabulary("kind", SOURCE_KINDS),
        language=language,
        published=record.date("published"),
        authors=record.strings("authors"),
        archived=archived,
        accessed=accessed.iso() if accessed is not None else "",
        note=record.string("note"),
        file=record.raw.path,
    )
    return source


def _build_event(record: _Record) -> Event | None:
    record.check_keys(EVENT_KEYS)
    circa = record.table.get("circa", False)
    if not isinstance(circa, bool):
        record.problem(f"must be true or false, not {_type_name(circa)}", "circa")
        circa = False
    date = record.date("date")
    end = record.date("end")
    if date is not None and circa:
        date = PartialDate(date.year, date.month, date.day, True)
    if end is not None and circa:
        end = PartialDate(end.year, end.month, end.day, True)
    if date is not None and end is not None and end.last_day() < date.first_day():
        record.problem(f"end {end.iso()} is before date {date.iso()}", "end")
    title = record.string("title", required=True)
    if "\n" in title:
        record.problem("must be one line", "title")
    event = Event(
        id=record.slug("id"),
        date=date or PartialDate(MIN_YEAR),
        end=end,
        title=title,
        description=record.string("description"),
        place=record.string("place"),
        countries=record.strings("countries"),
        category=record.vocabulary("category", EVENT_CATEGORIES),
        tags=record.strings("tags"),
        organizations=record.strings("organizations"),
        sources=record.strings("sources", non_empty=True),
        confidence=record.vocabulary("confidence", CONFIDENCES),
        note=record.string("note"),
        file=record.raw.path,
        checked=checked_day(record),
        people=record.strings("people"),
        names=record.names(),
    )
    for tag in event.tags:
        if not _SLUG.fullmatch(tag):
            record.problem(f"tag {tag!r} is not a slug (lowercase letters, digits and single '-')", "tags")
    return event if date is not None else None


class _Unusual(Exception):
    """A table the fast path leaves to the detailed checker."""


_EVENT_KEY_SET = frozenset(EVENT_KEYS)
_EVENT_REQUIRED = frozenset(key for key, required in EVENT_KEYS.items() if required)
_CATEGORY_SET = frozenset(EVENT_CATEGORIES)
_CONFIDENCE_SET = frozenset(CONFIDENCES)


class _EventReader:
    """The common case quickly: a well-formed [[events]] table becomes its Event in one pass.

    Anything it does not recognise as plainly valid (any type, value or key that _build_event
    would report, and a few it would accept) returns None, and _build_event then finds and words
    every problem; so records and messages are the same either way. Repeated strings, lists and
    dates are shared between events (100k events name a few hundred places, tags and dates).
    """

    def __init__(self) -> None:
        self._pool: dict[Any, Any] = {}
        self._dates: dict[Any, PartialDate] = {}
        self._circa_dates: dict[Any, PartialDate] = {}
        self._tags: set[str] = set()

    def __call__(self, table: dict[str, Any], file: str) -> Event | None:
        keys = table.keys()
        if not (keys <= _EVENT_KEY_SET and keys >= _EVENT_REQUIRED) or "names" in keys:
            return None  # names: rare, and worded by the detailed builder
        try:
            return self._event(table, file)
        except _Unusual:
            return None

    def _event(self, table: dict[str, Any], file: str) -> Event:
        get = table.get
        intern = self._pool.setdefault
        circa = get("circa", False)
        if circa is not True and circa is not False:
            raise _Unusual
        date = self._date(table["date"], circa)
        end = get("end")
        if end is not None:
            end = self._date(end, circa)
            if end.last_day() < date.first_day():
                raise _Unusual
        title = table["title"]
        if type(title) is not str or "\n" in title or not title.strip():
            raise _Unusual
        rid = table["id"]
        if type(rid) is not str or not _SLUG.fullmatch(rid):
            raise _Unusual
        description = get("description", "")
        place = get("place", "")
        note = get("note", "")
        if type(description) is not str or type(place) is not str or type(note) is not str:
            raise _Unusual
        category = table["category"]
        if type(category) is not str or category not in _CATEGORY_SET:
            raise _Unusual
        confidence = get("confidence", "")
        if confidence != "" and (type(confidence) is not str or confidence not in _CONFIDENCE_SET):
            raise _Unusual
        sources = self._strings(table["sources"])
        if not sources:
            raise _Unusual
        checked = get("checked", "")
        if checked != "":
            if type(checked) is not _dt.date:
                raise _Unusual  # a string or a datetime: the detailed builder words the problem
            checked = intern(checked, checked.isoformat())
        tags = self._strings(get("tags"))
        known = self._tags
        for tag in tags:
            if tag not in known:
                if not _SLUG.fullmatch(tag):
                    raise _Unusual
                known.add(tag)
        # Positional, in field order: a third cheaper than keywords for 100k frozen records.
        return Event(
            rid,
            date,
            intern(title, title),
            intern(category, category),
            sources,
            end,
            intern(description, description),
            intern(place, place),
            self._strings(get("countries")),
            tags,
            self._strings(get("organizations")),
            intern(confidence, confidence),
            intern(note, note),
            file,
            checked,
            self._strings(get("people")),
        )

    def _date(self, value: Any, circa: bool) -> PartialDate:
        kind = type(value)
        if kind is not str and kind is not _dt.date:  # a datetime is not a date here
            raise _Unusual
        known = self._circa_dates if circa else self._dates
        found = known.get(value)
        if found is None:
            try:
                if kind is str:
                    found = PartialDate.parse(value)
                else:
                    found = PartialDate.build(value.year, value.month, value.day)
            except ValueError:
                raise _Unusual from None
            if circa:
                found = PartialDate(found.year, found.month, found.day, True)
            known[value] = found
        return found

    def _strings(self, value: Any) -> tuple[str, ...]:
        """An array of strings, none of them blank, as a shared tuple of shared strings."""
        if value is None:
            return ()
        if type(value) is not list:
            raise _Unusual
        for item in value:
            if type(item) is not str or not item.strip():
                raise _Unusual
        intern = self._pool.setdefault
        shared = tuple(map(intern, value, value))
        found: tuple[str, ...] = intern(shared, shared)
        return found


def _build_organization(record: _Record) -> Organization | None:
    record.check_keys(ORGANIZATION_KEYS)
    founded = record.date("founded")
    dissolved = record.date("dissolved")
    if founded and dissolved and dissolved.last_day() < founded.first_day():
        record.problem(f"dissolved {dissolved.iso()} is before founded {founded.iso()}", "dissolved")
    website = record.string("website")
    if website and not _URL.fullmatch(website):
        record.problem(f"{website!r} is not an http(s) URL", "website")
    country = record.string("country", required=True)
    return Organization(
        id=record.slug("id"),
        name=record.string("name", required=True),
        native_names=record.strings("native_names"),
        aliases=record.strings("aliases"),
        country=country,
        city=record.string("city"),
        founded=founded,
        dissolved=dissolved,
        status=record.vocabulary("status", ORGANIZATION_STATUSES, "unknown"),
        type=record.vocabulary("type", ORGANIZATION_TYPES),
        website=website,
        description=record.string("description"),
        sources=record.strings("sources", non_empty=True),
        confidence=record.vocabulary("confidence", CONFIDENCES),
        note=record.string("note"),
        file=record.raw.path,
        checked=checked_day(record),
        people=record.strings("people"),
        names=record.names(),
    )


def _int(record: _Record, table: dict[str, Any], key: str, number: int) -> int | None:
    what = f"population figure {number + 1}"
    value = table.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        record.problem(f"{what}: {key!r} must be an integer, not {_type_name(value)}", "population", figure=number)
        return None
    if value < 0:
        record.problem(f"{what}: {key!r} must not be negative", "population", figure=number)
        return None
    return value


def _build_figure(record: _Record, number: int, table: object) -> PopulationFigure | None:
    what = f"population figure {number + 1}"
    if not isinstance(table, dict):
        record.problem(f"{what} must be a table", "population", figure=number)
        return None
    for key in table:
        if key not in FIGURE_KEYS:
            hint = _did_you_mean(key, list(FIGURE_KEYS))
            record.problem(f"{what}: unknown key {key!r}", "population", hint, figure=number)
    for key, required in FIGURE_KEYS.items():
        if required and key not in table:
            record.problem(f"{what}: {key!r} is required", "population", figure=number)
    value = _int(record, table, "value", number)
    low = _int(record, table, "low", number)
    high = _int(record, table, "high", number)
    year = _int(record, table, "year", number)
    if value is None and (low is None or high is None):
        if "value" not in table and ("low" in table) != ("high" in table):
            record.problem(f"{what}: 'low' and 'high' go together", "population", figure=number)
        elif "value" not in table and "low" not in table:
            record.problem(f"{what}: needs 'value' or 'low' and 'high'", "population", figure=number)
    if value is not None and (low is not None or high is not None):
        record.problem(f"{what}: give 'value' or 'low'/'high', not both", "population", figure=number)
    if low is not None and high is not None and low > high:
        record.problem(f"{what}: low {low:,} is above high {high:,}", "population", figure=number)
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        record.problem(f"{what}: year {year} is outside {MIN_YEAR}-{MAX_YEAR}", "population", figure=number)
    kind = table.get("kind")
    if isinstance(kind, str) and kind not in POPULATION_KINDS:
        hint = _did_you_mean(kind, POPULATION_KINDS) or "one of: " + ", ".join(POPULATION_KINDS)
        record.problem(f"{what}: unknown kind {kind!r}", "population", hint, figure=number)
    elif kind is not None and not isinstance(kind, str):
        record.problem(f"{what}: 'kind' must be a string", "population", figure=number)
    source = table.get("source")
    if source is not None and (not isinstance(source, str) or not source.strip()):
        record.problem(f"{what}: 'source' must be a non-empty string", "population", figure=number)
    note = table.get("note", "")
    if not isinstance(note, str):
        record.problem(f"{what}: 'note' must be a string", "population", figure=number)
        note = ""
    if year is None or not isinstance(kind, str) or not isinstance(source, str):
        return None
    return PopulationFigure(year, kind, source, value, low, high, note)


def _build_country(record: _Record) -> Country | None:
    record.check_keys(COUNTRY_KEYS)
    code = record.string("code", required=True)
    if code and not _ALPHA2.fullmatch(code):
        hint = f"write {code.upper()!r}" if _ALPHA2.fullmatch(code.upper()) else ""
        record.problem(f"{code!r} is not an upper-case ISO 3166-1 alpha-2 code", "code", hint)
    alpha3 = record.string("alpha3", required=True)
    if alpha3 and not _ALPHA3.fullmatch(alpha3):
        record.problem(f"{alpha3!r} is not an upper-case ISO 3166-1 alpha-3 code", "alpha3")
    raw_population = record.table.get("population", [])
    figures: list[PopulationFigure] = []
    if not isinstance(raw_population, list):
        record.problem("must be an array of tables", "population", "write each as [[countries.population]]")
    else:
        for number, table in enumerate(raw_population):
            figure = _build_figure(record, number, table)
            if figure is not None:
                figures.append(figure)
    return Country(
        code=code,
        alpha3=alpha3,
        name=record.string("name", required=True),
        aliases=record.strings("aliases"),
        region=record.vocabulary("region", REGIONS),
        framing=record.vocabulary("framing", FRAMINGS),
        description=record.string("description"),
        sources=record.strings("sources", non_empty=True),
        confidence=record.vocabulary("confidence", CONFIDENCES),
        note=record.string("note"),
        population=tuple(figures),
        file=record.raw.path,
        checked=checked_day(record),
        names=record.names(),
    )
