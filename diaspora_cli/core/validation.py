"""Raw TOML tables -> validated records and a list of every problem found. Never prints."""

from __future__ import annotations

import datetime as _dt
import difflib
import operator
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from diaspora_cli.core.loading import RawFile, SourceText
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
    Country,
    Dataset,
    DatasetInfo,
    Event,
    Organization,
    PartialDate,
    PopulationFigure,
)

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ALPHA2 = re.compile(r"[A-Z]{2}")
_ALPHA3 = re.compile(r"[A-Z]{3}")
_URL = re.compile(r"https?://\S+")

DATASET_KEYS = {
    "name": True,
    "description": True,
    "homeland": True,
    "version": True,
    "license": True,
    "sources_policy": True,
    "provenance": False,
    "maintainers": False,
}
EVENT_KEYS = {
    "id": True,
    "date": True,
    "end": False,
    "circa": False,
    "title": True,
    "description": False,
    "place": False,
    "countries": False,
    "category": True,
    "tags": False,
    "organizations": False,
    "sources": True,
    "confidence": False,
    "note": False,
}
ORGANIZATION_KEYS = {
    "id": True,
    "name": True,
    "native_names": False,
    "aliases": False,
    "country": True,
    "city": False,
    "founded": False,
    "dissolved": False,
    "status": False,
    "type": True,
    "website": False,
    "description": False,
    "sources": True,
    "confidence": False,
    "note": False,
}
COUNTRY_KEYS = {
    "code": True,
    "alpha3": True,
    "name": True,
    "aliases": False,
    "region": True,
    "framing": True,
    "description": False,
    "sources": True,
    "confidence": False,
    "note": False,
    "population": False,
}
FIGURE_KEYS = {
    "value": False,
    "low": False,
    "high": False,
    "year": True,
    "kind": True,
    "source": True,
    "note": False,
}
TOP_KEYS = ("dataset", "events", "organizations", "countries")


@dataclass(frozen=True)
class Issue:
    """One problem, located as precisely as the data allows."""

    file: str
    message: str
    line: int | None = None
    col: int | None = None
    kind: str = ""
    index: int | None = None
    record_id: str = ""
    field: str = ""
    hint: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        parts = [where]
        if self.kind:
            record = f"{self.kind}[{self.index}]" if self.index is not None else self.kind
            if self.record_id:
                record += f" {self.record_id!r}"
            parts.append(record)
        if self.field:
            parts.append(f"field {self.field!r}")
        text = ": ".join(parts) + ": " + self.message
        if self.hint:
            text += f"; {self.hint}"
        return text

    def as_dict(self) -> dict[str, object]:
        """Plain form for the JSON report."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.col,
            "kind": self.kind or None,
            "index": self.index,
            "id": self.record_id or None,
            "field": self.field or None,
            "message": self.message,
            "hint": self.hint or None,
        }


def suggest(value: str, choices: Sequence[str], limit: int = 3) -> list[str]:
    """Close matches for a misspelt value, best first."""
    return difflib.get_close_matches(value, list(choices), n=limit, cutoff=0.6)


def _did_you_mean(value: str, choices: Sequence[str]) -> str:
    close = suggest(value, choices, 1)
    return f"did you mean {close[0]!r}?" if close else ""


class _Record:
    """Reads fields of one raw table, recording problems against its location."""

    def __init__(self, checker: _Checker, raw: SourceText, kind: str, index: int, table: dict[str, Any]) -> None:
        self.checker = checker
        self.raw = raw
        self.kind = kind
        self.index = index
        self.table = table
        rid = table.get("id", table.get("code", ""))
        self.record_id = rid if isinstance(rid, str) else ""

    def problem(self, message: str, key: str | None = None, hint: str = "", figure: int | None = None) -> None:
        if figure is not None:
            line = self.raw.locate_figure(self.index, figure)
        else:
            line = self.raw.locate(self.kind, self.index, key)
        self.checker.issues.append(
            Issue(
                self.raw.path,
                message,
                line=line,
                kind=self.kind,
                index=self.index,
                record_id=self.record_id,
                field=key or "",
                hint=hint,
            )
        )

    def check_keys(self, allowed: dict[str, bool]) -> None:
        for key in self.table:
            if key not in allowed:
                self.problem(f"unknown key {key!r}", key, _did_you_mean(key, list(allowed)))
        for key, required in allowed.items():
            if required and key not in self.table:
                self.problem("is required", key)

    def string(self, key: str, required: bool = False) -> str:
        value = self.table.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.problem(f"must be a string, not {_type_name(value)}", key)
            return ""
        if required and not value.strip():
            self.problem("must not be empty", key)
        return value

    def strings(self, key: str, non_empty: bool = False) -> tuple[str, ...]:
        value = self.table.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem("must be an array of strings", key)
            return ()
        if non_empty and not any(v.strip() for v in value):
            self.problem("needs at least one entry", key)
        if any(not v.strip() for v in value):
            self.problem("holds an empty string", key)
        return tuple(value)

    def vocabulary(self, key: str, choices: Sequence[str], default: str = "") -> str:
        value = self.string(key)
        if not value:
            return default
        if value not in choices:
            hint = _did_you_mean(value, choices) or "one of: " + ", ".join(choices)
            self.problem(f"unknown value {value!r}", key, hint)
        return value

    def date(self, key: str) -> PartialDate | None:
        value = self.table.get(key)
        if value is None:
            return None
        if isinstance(value, _dt.datetime):
            self.problem("must be a date without a time", key, f"write {value.date().isoformat()}")
            return None
        if isinstance(value, _dt.date):
            try:
                return PartialDate.build(value.year, value.month, value.day)
            except ValueError as exc:
                self.problem(str(exc), key)
                return None
        if isinstance(value, str):
            try:
                return PartialDate.parse(value)
            except ValueError as exc:
                self.problem(str(exc), key)
                return None
        self.problem(f'must be a date or a "YYYY"/"YYYY-MM" string, not {_type_name(value)}', key)
        return None

    def slug(self, key: str) -> str:
        value = self.string(key, required=True)
        if value and not _SLUG.fullmatch(value):
            self.problem(f"{value!r} is not a slug (lowercase letters, digits and single '-')", key)
        return value


def _type_name(value: object) -> str:
    names = {
        bool: "a boolean",
        int: "an integer",
        float: "a float",
        str: "a string",
        list: "an array",
        dict: "a table",
        _dt.date: "a date",
        _dt.datetime: "a date-time",
        _dt.time: "a time",
    }
    return names.get(type(value), type(value).__name__)


T = TypeVar("T")


class _Checker:
    def __init__(self) -> None:
        self.issues: list[Issue] = []
        # Where each built record came from, by identity: duplicates with equal values stay apart.
        self.where: dict[int, tuple[SourceText, int]] = {}

    def file_problem(self, raw: SourceText, message: str, hint: str = "", key: str = "") -> None:
        self.issues.append(Issue(raw.path, message, line=raw.locate_top(key) if key else None, hint=hint))

    def tables(self, raw: RawFile, key: str) -> list[dict[str, Any]]:
        value = raw.tables.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.file_problem(raw.source, f"{key!r} must be an array of tables", f"write each as [[{key}]]", key)
            return []
        return value

    def collect(
        self,
        raw: RawFile,
        key: str,
        build: Callable[[_Record], T | None],
        fast: Callable[[dict[str, Any], str], T | None] | None = None,
    ) -> list[T]:
        out: list[T] = []
        source = raw.source
        for index, table in enumerate(self.tables(raw, key)):
            built = fast(table, raw.path) if fast is not None else None
            if built is None:
                built = build(_Record(self, source, key, index, table))
            # Records with problems still count for references, so that one bad field of a
            # country does not also make every event naming it "unknown". The dataset is only
            # built when there is no issue at all.
            if built is not None:
                out.append(built)
                self.where[id(built)] = (source, index)
        return out


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
    )


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
        if not (keys <= _EVENT_KEY_SET and keys >= _EVENT_REQUIRED):
            return None
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
    )


def validate_dataset(raws: Iterable[RawFile]) -> tuple[Dataset | None, list[Issue]]:
    """Build a Dataset from parsed files; returns it (None if unusable) and every issue found.

    Files are taken one at a time and let go once their records are built (only their `source`
    is kept, to locate issues), so a lazy iterable keeps one file's tables in memory at a time.
    """
    checker = _Checker()
    infos: list[DatasetInfo] = []
    homes: list[SourceText] = []
    paths: list[str] = []
    any_dataset = False
    countries: list[Country] = []
    organizations: list[Organization] = []
    events: list[Event] = []
    reader = _EventReader()
    # Issues are ordered as if every file's top-level checks ran first, then the dataset-wide
    # ones, then countries, organizations and events of each file in turn, then references:
    # each issue gets its (stage, file number) here, and the final sort uses it to break ties.
    stages: list[tuple[int, int]] = []

    def staged(stage: int, number: int) -> None:
        stages.extend([(stage, number)] * (len(checker.issues) - len(stages)))

    for number, raw in enumerate(raws):
        source = raw.source
        paths.append(raw.path)
        for key in raw.tables:
            if key not in TOP_KEYS:
                checker.file_problem(source, f"unknown top-level key {key!r}", _did_you_mean(key, TOP_KEYS), key)
        any_dataset = any_dataset or "dataset" in raw.tables
        dataset_table = raw.tables.get("dataset")
        if dataset_table is not None:
            if not isinstance(dataset_table, dict):
                checker.file_problem(source, "'dataset' must be a table", "write it as [dataset]", "dataset")
            else:
                infos.append(_build_info(_Record(checker, source, "dataset", 0, dataset_table)))
                homes.append(source)
        staged(0, number)
        countries.extend(checker.collect(raw, "countries", _build_country))
        staged(2, number)
        organizations.extend(checker.collect(raw, "organizations", _build_organization))
        staged(3, number)
        events.extend(checker.collect(raw, "events", _build_event, reader))
        staged(4, number)
        del raw, dataset_table  # this file's tables can go before the next file is parsed
    del reader
    if not infos and paths and not any_dataset:
        checker.issues.append(Issue(paths[0], "no [dataset] table in any file of the dataset"))
    elif len(infos) > 1:
        others = ", ".join(home.path for home in homes[1:])
        checker.issues.append(
            Issue(
                homes[1].path,
                f"[dataset] appears in {len(infos)} files ({homes[0].path}, {others}); it belongs in one",
                line=homes[1].locate("dataset", 0),
            )
        )
    staged(1, 0)
    _check_references(checker, countries, organizations, events, list(zip(homes, infos, strict=True)))
    staged(5, 0)
    # Reading order: file by file, top to bottom (reference checks run last but sort in place).
    order = {path: number for number, path in enumerate(paths)}
    issues = checker.issues
    ranked = sorted(
        range(len(issues)), key=lambda i: (order.get(issues[i].file, -1), issues[i].line or 0, stages[i], i)
    )
    checker.issues = issues = [issues[i] for i in ranked]
    if any(True for _ in issues) or not infos:
        return None, issues
    dataset = Dataset(
        info=infos[0],
        events=_chronological(events),
        organizations=tuple(sorted(organizations, key=lambda o: o.id)),
        countries=tuple(sorted(countries, key=lambda c: c.code)),
        files=tuple(paths),
    )
    return dataset, issues


def _chronological(events: list[Event]) -> tuple[Event, ...]:
    """Sorted by Event.sort_key (date, then id), in two C-keyed passes: ids first, then a stable
    sort by date whose key is computed once per distinct date object, not once per event."""
    by_date: dict[int, tuple[int, int, int]] = {}
    for event in events:
        if id(event.date) not in by_date:
            by_date[id(event.date)] = event.date.sort_key()
    ordered = sorted(events, key=operator.attrgetter("id"))
    keys = [by_date[id(event.date)] for event in ordered]
    ranks = sorted(range(len(ordered)), key=keys.__getitem__)
    return tuple(ordered[i] for i in ranks)


def _check_references(
    checker: _Checker,
    countries: Sequence[Country],
    organizations: Sequence[Organization],
    events: Sequence[Event],
    infos: Sequence[tuple[SourceText, DatasetInfo]],
) -> None:
    seen: dict[str, tuple[str, Event | Organization | Country]] = {}
    codes = [c.code for c in countries]
    code_set = set(codes)  # sets for membership: a large dataset must not check in quadratic time
    alpha3 = {c.alpha3: c.code for c in countries}
    names = {c.name.casefold(): c.code for c in countries}
    org_ids = [o.id for o in organizations]
    org_set = set(org_ids)

    def issue(record: Event | Organization | Country, kind: str, message: str, key: str, hint: str = "") -> None:
        raw, index = checker.where[id(record)]
        line = raw.locate(kind, index, key)
        rid = record.code if isinstance(record, Country) else record.id
        checker.issues.append(
            Issue(record.file, message, line=line, kind=kind, index=index, record_id=rid, field=key, hint=hint)
        )

    def country_hint(code: str) -> str:
        if code.upper() in codes:
            return f"did you mean {code.upper()!r}?"
        if code.upper() in alpha3:
            return f"did you mean {alpha3[code.upper()]!r}?"
        if code.casefold() in names:
            return f"did you mean {names[code.casefold()]!r}?"
        return _did_you_mean(code, codes)

    records: list[tuple[str, Event | Organization | Country]] = [
        *(("countries", c) for c in countries),
        *(("organizations", o) for o in organizations),
        *(("events", e) for e in events),
    ]
    for kind, record in records:
        rid = record.code if isinstance(record, Country) else record.id
        if not rid:
            continue
        key = "code" if kind == "countries" else "id"
        if rid in seen:
            first_kind, first = seen[rid]
            raw, index = checker.where[id(first)]
            # Located only now: finding the line of every record up front cost 100k regex searches.
            line = raw.locate(first_kind, index, "code" if first_kind == "countries" else "id")
            where = f"{raw.path}:{line}" if line is not None else raw.path
            issue(record, kind, f"duplicate id {rid!r} (first at {where})", key)
        else:
            seen[rid] = (kind, record)
    seen_alpha3: set[str] = set()
    for country in countries:
        if country.alpha3 in seen_alpha3:
            issue(country, "countries", f"duplicate alpha3 {country.alpha3!r}", "alpha3")
        seen_alpha3.add(country.alpha3)
    for org in organizations:
        if org.country and org.country not in code_set:
            issue(org, "organizations", f"unknown country {org.country!r}", "country", country_hint(org.country))
    for event in events:
        for code in event.countries:
            if code not in code_set:
                issue(event, "events", f"unknown country {code!r}", "countries", country_hint(code))
        for org_id in event.organizations:
            if org_id not in org_set:
                issue(
                    event, "events", f"unknown organization {org_id!r}", "organizations", _did_you_mean(org_id, org_ids)
                )
    for raw, info in infos:
        # A malformed code is reported by its own check; "not a country" would only repeat it.
        if info.homeland and countries and info.homeland not in code_set and _ALPHA2.fullmatch(info.homeland):
            checker.issues.append(
                Issue(
                    raw.path,
                    f"homeland {info.homeland!r} is not a country of the dataset",
                    line=raw.locate("dataset", 0, "homeland"),
                    kind="dataset",
                    field="homeland",
                )
            )
