"""Frozen records of a dataset and the partial dates they carry. Uses nothing of ours but vocab."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator, Mapping, Sequence

from diaspora_cli.core.record import Record, field, replace
from diaspora_cli.core.vocab import (  # re-exported: the vocabularies belong to the schema
    CONFIDENCES,
    EVENT_CATEGORIES,
    FRAMINGS,
    ORGANIZATION_STATUSES,
    ORGANIZATION_TYPES,
    POPULATION_KINDS,
    REGIONS,
    SOURCE_KINDS,
    STATE_SOURCE_KINDS,
)

__all__ = [
    "CONFIDENCES",
    "EVENT_CATEGORIES",
    "FRAMINGS",
    "ORGANIZATION_STATUSES",
    "ORGANIZATION_TYPES",
    "POPULATION_KINDS",
    "REGIONS",
    "SOURCE_KINDS",
    "STATE_SOURCE_KINDS",
]

MIN_YEAR = 1000
MAX_YEAR = 2100

_DATE_RE = re.compile(r"(~?)([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")  # ASCII digits: \d would take any script


class PartialDate(Record):
    """A date known to the year, the month or the day; `circa` marks it approximate.

    Ordered by (year, month, day, circa), as a dataclass with order=True would be.
    """

    year: int
    month: int | None = None
    day: int | None = None
    circa: bool = False

    def _order(self) -> tuple[int, int | None, int | None, bool]:
        return (self.year, self.month, self.day, self.circa)

    def __lt__(self, other: PartialDate) -> bool:
        return self._order() < other._order()

    def __le__(self, other: PartialDate) -> bool:
        return self._order() <= other._order()

    def __gt__(self, other: PartialDate) -> bool:
        return self._order() > other._order()

    def __ge__(self, other: PartialDate) -> bool:
        return self._order() >= other._order()

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse "YYYY", "YYYY-MM", "YYYY-MM-DD", each optionally after "~"; ValueError if not."""
        match = _DATE_RE.fullmatch(text.strip())
        if match is None:
            raise ValueError(f"{text!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
        tilde, y, m, d = match.groups()
        return cls.build(int(y), int(m) if m else None, int(d) if d else None, bool(tilde))

    @classmethod
    def from_date(cls, value: _dt.date, circa: bool = False) -> PartialDate:
        """A day-precision date from a `datetime.date`."""
        return cls(value.year, value.month, value.day, circa)

    @classmethod
    def build(cls, year: int, month: int | None, day: int | None, circa: bool = False) -> PartialDate:
        """Checked constructor: the year in range and a real calendar day."""
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ValueError(f"year {year} is outside {MIN_YEAR}-{MAX_YEAR}")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"month {month:02d} does not exist")
        if day is not None:
            assert month is not None
            try:
                _dt.date(year, month, day)
            except ValueError:
                raise ValueError(f"{year:04d}-{month:02d}-{day:02d} is not a calendar day") from None
        return cls(year, month, day, circa)

    @property
    def precision(self) -> str:
        """ "year", "month" or "day"."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def first_day(self) -> _dt.date:
        """The earliest day the date can mean."""
        return _dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> _dt.date:
        """The latest day the date can mean (31 Dec for a year, month end for a month)."""
        if self.day is not None:
            assert self.month is not None
            return _dt.date(self.year, self.month, self.day)
        if self.month is None:
            return _dt.date(self.year, 12, 31)
        if self.month == 12:
            return _dt.date(self.year, 12, 31)
        return _dt.date(self.year, self.month + 1, 1) - _dt.timedelta(days=1)

    def iso(self) -> str:
        """ISO form at the known precision, without the circa marker: "2001", "2001-11"."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text

    def __str__(self) -> str:
        return ("c. " if self.circa else "") + self.iso()

    def sort_key(self) -> tuple[int, int, int]:
        """Orders a year before its months and a month before its days."""
        return (self.year, self.month or 0, self.day or 0)


def format_span(start: PartialDate, end: PartialDate | None) -> str:
    """Human form of a date or span: "2001-11-09", "c. 1920", "1989–1992", "2001-11-09–10"."""
    if end is None or end == start:
        return str(start)
    prefix = "c. " if start.circa or end.circa else ""
    if start.precision == end.precision == "day" and (start.year, start.month) == (end.year, end.month):
        return f"{prefix}{start.iso()}–{end.day:02d}"  # same month: "2001-11-09–10"
    return f"{prefix}{start.iso()}–{end.iso()}"


class Event(Record):
    """One milestone."""

    id: str
    date: PartialDate
    title: str
    category: str
    sources: tuple[str, ...]
    end: PartialDate | None = None
    description: str = ""
    place: str = ""
    countries: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    confidence: str = ""
    note: str = ""
    file: str = ""
    checked: str = ""  # ISO day of the last claim-by-claim check against the sources
    people: tuple[str, ...] = ()  # ids of [[people]] records
    names: tuple[tuple[str, str], ...] = ()  # (language code, title in that language), as in the file

    @property
    def span_text(self) -> str:
        """The date as people read it, at its precision."""
        return format_span(self.date, self.end)

    def first_day(self) -> _dt.date:
        """Earliest day the event can cover."""
        return self.date.first_day()

    def last_day(self) -> _dt.date:
        """Latest day the event can cover (the end of `end`, else of `date`)."""
        return (self.end or self.date).last_day()

    def sort_key(self) -> tuple[tuple[int, int, int], str]:
        """Chronological, ties broken by id so output is stable."""
        return (self.date.sort_key(), self.id)


class Organization(Record):
    """A diaspora body abroad or a home-country institution."""

    id: str
    name: str
    country: str
    type: str
    sources: tuple[str, ...]
    native_names: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    city: str = ""
    founded: PartialDate | None = None
    dissolved: PartialDate | None = None
    status: str = "unknown"
    website: str = ""
    description: str = ""
    confidence: str = ""
    note: str = ""
    file: str = ""
    checked: str = ""
    people: tuple[str, ...] = ()
    names: tuple[tuple[str, str], ...] = ()


class PopulationFigure(Record):
    """One population figure; a range when `low`/`high` are set instead of `value`."""

    year: int
    kind: str
    source: str
    value: int | None = None
    low: int | None = None
    high: int | None = None
    note: str = ""

    @property
    def text(self) -> str:
        """ "603,070" or "600,000–1,000,000"."""
        if self.value is not None:
            return f"{self.value:,}"
        return f"{self.low:,}–{self.high:,}"


class Country(Record):
    """A country with its aliases and population figures."""

    code: str
    alpha3: str
    name: str
    region: str
    framing: str
    sources: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    description: str = ""
    confidence: str = ""
    note: str = ""
    population: tuple[PopulationFigure, ...] = ()
    file: str = ""
    checked: str = ""
    names: tuple[tuple[str, str], ...] = ()

    def latest_figure(self) -> PopulationFigure | None:
        """The most recent figure (ties: census first, then the order in the data)."""
        best: PopulationFigure | None = None
        for figure in self.population:
            newer = best is None or figure.year > best.year
            census_tie = best is not None and figure.year == best.year and figure.kind == "census" != best.kind
            if newer or census_tie:
                best = figure
        return best


class Person(Record):
    """Someone the dataset's records name: an émigré leader, a founder, an official."""

    id: str
    name: str
    sources: tuple[str, ...]
    names: tuple[tuple[str, str], ...] = ()
    aliases: tuple[str, ...] = ()  # other spellings sources use ("Resulzade"); matched in record text
    born: PartialDate | None = None
    died: PartialDate | None = None
    roles: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    description: str = ""
    confidence: str = ""
    note: str = ""
    file: str = ""
    checked: str = ""

    @property
    def life_text(self) -> str:
        """ "1884–1955", "b. 1923", "" when neither date is known."""
        if self.born and self.died:
            return f"{self.born}–{self.died}"
        if self.born:
            return f"b. {self.born}"
        return f"d. {self.died}" if self.died else ""


class Place(Record):
    """A town or region that records name in `place` or in their text, with its names in other
    languages, so that "Bakı" and "Баку" find what is written "Baku"."""

    id: str
    name: str
    country: str
    sources: tuple[str, ...]
    names: tuple[tuple[str, str], ...] = ()
    aliases: tuple[str, ...] = ()
    confidence: str = ""
    note: str = ""
    file: str = ""
    checked: str = ""


def name_in(names: tuple[tuple[str, str], ...], lang: str, default: str) -> str:
    """The name in `lang` if the record gives one, else `default` (the English name): never empty."""
    for code, text in names:
        if code == lang:
            return text
    return default


AnyRecord = Event | Organization | Country | Person | Place


def localised(record: AnyRecord, lang: str) -> AnyRecord:
    """The record with its title or name in `lang` where it gives one (else unchanged: English)."""
    if lang == "en" or not record.names:
        return record
    if isinstance(record, Event):
        return replace(record, title=name_in(record.names, lang, record.title))
    return replace(record, name=name_in(record.names, lang, record.name))


class DatasetInfo(Record):
    """The `[dataset]` table."""

    name: str
    description: str
    homeland: str
    version: str
    license: str
    sources_policy: str
    provenance: str = ""
    maintainers: tuple[str, ...] = ()
    mirror_domains: tuple[str, ...] = ()  # hosts that copy other sites' pages: never cited


class Source(Record):
    """A cited page or document, cited by id from records (`sources = ["src-..."]`)."""

    id: str
    url: str
    title: str
    publisher: str
    kind: str
    language: str
    published: PartialDate | None = None
    authors: tuple[str, ...] = ()
    archived: str = ""
    accessed: str = ""
    note: str = ""
    file: str = ""

    @property
    def independent(self) -> bool:
        """False for the homeland's state bodies and state-aligned media."""
        return self.kind not in STATE_SOURCE_KINDS


class IndexedEvents(Sequence[Event]):
    """Events kept outside memory (the parse cache), able to skip those a filter cannot match."""

    def candidates(
        self,
        start: _dt.date | None,
        end: _dt.date | None,
        countries: frozenset[str],
        reverse: bool = False,
        text: str = "",
    ) -> Iterator[Event]:
        """Events overlapping [start, end] (either may be open) naming one of `countries` (empty: any)
        whose search haystack holds a key of the query `text` (as typed; empty: any)."""
        raise NotImplementedError

    def find(self, event_id: str) -> Event | None:
        """The event with this id, if any."""
        raise NotImplementedError


class Dataset(Record):
    """A whole validated dataset; events are kept in chronological order.

    `events` is a tuple, or an IndexedEvents when the dataset comes from the parse cache.
    """

    info: DatasetInfo
    events: Sequence[Event]
    organizations: tuple[Organization, ...]
    countries: tuple[Country, ...]
    files: tuple[str, ...] = ()
    sources: Sequence[Source] = ()  # a tuple, or the cache's LazySources (unpacked on first read)
    people: tuple[Person, ...] = ()
    places: tuple[Place, ...] = ()
    # Folded search text of organizations and countries by id, as the parse cache keeps it
    # (core.haystack); empty for a dataset read from its files: search folds as it goes.
    haystacks: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)
    _by_id: Mapping[str, AnyRecord] = field(default_factory=dict, compare=False, repr=False)
    _sources_by_id: Mapping[str, Source] = field(default_factory=dict, compare=False, repr=False)
    # Worked out once per dataset by the query layer (e.g. the names it adds to haystacks).
    memo: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    def source(self, source_id: str) -> Source | None:
        """A source record by id."""
        if not self._sources_by_id and self.sources:
            object.__setattr__(self, "_sources_by_id", {s.id: s for s in self.sources})
        return self._sources_by_id.get(source_id)

    def record(self, record_id: str) -> AnyRecord | None:
        """Any record by id (country codes count as ids)."""
        if not self._by_id:
            index: dict[str, AnyRecord] = {}
            for place in self.places:
                index[place.id] = place
            for person in self.people:
                index[person.id] = person
            for country in self.countries:
                index[country.code] = country
            for org in self.organizations:
                index[org.id] = org
            if not isinstance(self.events, IndexedEvents):  # the cache looks events up by id itself
                for event in self.events:
                    index[event.id] = event
            object.__setattr__(self, "_by_id", index)
        found = self._by_id.get(record_id)
        if found is None and isinstance(self.events, IndexedEvents):
            return self.events.find(record_id)
        return found

    def country(self, code: str) -> Country | None:
        """A country by its alpha-2 code."""
        found = self.record(code)
        return found if isinstance(found, Country) else None

    def person(self, person_id: str) -> Person | None:
        """A person by id."""
        found = self.record(person_id)
        return found if isinstance(found, Person) else None

    def organization(self, org_id: str) -> Organization | None:
        """An organization by id."""
        found = self.record(org_id)
        return found if isinstance(found, Organization) else None
