"""Field lists per record kind: one snake_case name per value, the same in every format."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from diaspora_cli.core.citing import SourceCount, cited_sources, citing_records, record_references, sources_independent
from diaspora_cli.core.errors import UsageError
from diaspora_cli.core.model import (
    AnyRecord,
    Country,
    Dataset,
    Event,
    Organization,
    PartialDate,
    Person,
    Place,
    PopulationFigure,
    Source,
)
from diaspora_cli.core.record import Record
from diaspora_cli.core.search import Hit
from diaspora_cli.core.summaries import CountryStats
from diaspora_cli.core.vocab import BY_CHOICES

if TYPE_CHECKING:
    from diaspora_cli.core.facets import Bucket  # facets costs start-up; the getters only read attributes

Value = str | int | bool | None | list[str] | dict[str, str]
R = TypeVar("R")


def _with_dataset(get: Callable[[Any, Dataset], Value], dataset: Dataset | None, record: Any) -> Value:
    return get(record, dataset) if dataset is not None else None


def _publishers(record: AnyRecord, dataset: Dataset) -> list[str]:
    return list(dict.fromkeys(s.publisher for s in cited_sources(dataset, record_references(record))))


def _kinds(record: AnyRecord, dataset: Dataset) -> list[str]:
    return list(dict.fromkeys(s.kind for s in cited_sources(dataset, record_references(record))))


def _independent(record: AnyRecord, dataset: Dataset) -> bool | None:
    return sources_independent(dataset, record_references(record))


def _sourcing(record: AnyRecord, dataset: Dataset) -> str | None:
    return "state only" if _independent(record, dataset) is False else None


def _source_fields() -> tuple[Field[Any], ...]:
    """The fields every record kind has about what it cites."""
    return (
        Field("source_publishers", "publishers of the cited source records", lambda r: None, _publishers),
        Field("source_kinds", "kinds of the cited sources (state-body, academic, ...)", lambda r: None, _kinds),
        Field(
            "sources_independent",
            "false when every cited source is a state body or state-aligned media",
            lambda r: None,
            _independent,
        ),
        Field("sourcing", "'state only' when every cited source is state or state-aligned", lambda r: None, _sourcing),
        Field("checked", "the day the record was last checked against its sources", lambda r: r.checked or None),
    )


def _date(value: PartialDate | None) -> str | None:
    """Dates leave as ISO strings at their precision, in this one place."""
    return value.iso() if value is not None else None


class Field(Record, Generic[R]):
    """One output column: a name, what it means, how to read it from a record.

    A field about what a record cites reads the dataset too (`cited`, given the record and the
    dataset); without a dataset it is empty.
    """

    name: str
    help: str
    get: Callable[[R], Value]
    cited: Callable[[R, Dataset], Value] | None = None
    label: str = ""  # heading in a drawn table, when not the name


class FieldSet(Record, Generic[R]):
    """The fields of one record kind and the subset a table shows by default."""

    kind: str
    fields: tuple[Field[R], ...]
    table_default: tuple[str, ...]

    @property
    def names(self) -> list[str]:
        """Every field name, in order."""
        return [f.name for f in self.fields]

    def select(self, requested: str | None, human: bool) -> list[str]:
        """Names to show: `--fields a,b` (checked), else the table default for people or all for machines."""
        if not requested:
            return list(self.table_default) if human else self.names
        names = [n.strip() for n in requested.split(",") if n.strip()]
        unknown = [n for n in names if n not in self.names]
        if unknown or not names:
            bad = ", ".join(repr(n) for n in unknown) or "nothing"
            hint = f"valid fields: {', '.join(self.names)}"
            if len(unknown) == 1:
                import difflib  # only a mistake needs suggestions

                close = difflib.get_close_matches(unknown[0], self.names, n=1, cutoff=0.6)
                hint = f"did you mean {close[0]}? " + hint if close else hint
            raise UsageError(f"--fields: unknown field {bad}; {hint}")
        return names

    def rows(self, records: Iterable[R], names: Sequence[str], dataset: Dataset | None = None) -> Iterable[list[Value]]:
        """Row values for the chosen names, lazily (fields about sources read `dataset`)."""
        getters: list[Callable[[R], Value]] = []
        for name in names:
            f = next(f for f in self.fields if f.name == name)
            if f.cited is None:
                getters.append(f.get)
            else:
                getters.append(functools.partial(_with_dataset, f.cited, dataset))
        for record in records:
            yield [get(record) for get in getters]

    def describe(self) -> list[list[Value]]:
        """Rows of (name, help) for `--fields help`."""
        return [[f.name, f.help] for f in self.fields]


EVENT_FIELDS: FieldSet[Event] = FieldSet(
    "event",
    (
        Field("id", "unique slug", lambda e: e.id),
        Field("when", "the date as read: precision kept, c. for approximate, spans with –", lambda e: e.span_text),
        Field("date", "start date, ISO at its precision (YYYY, YYYY-MM or YYYY-MM-DD)", lambda e: e.date.iso()),
        Field("end", "end date of a span, ISO at its precision", lambda e: _date(e.end)),
        Field("circa", "true when the date is approximate", lambda e: e.date.circa),
        Field("precision", "year, month or day", lambda e: e.date.precision),
        Field("title", "one-line title", lambda e: e.title),
        Field("names", "the title in other languages, by language code", lambda e: dict(e.names) or None),
        Field("category", "event category", lambda e: e.category),
        Field("place", "where it happened", lambda e: e.place),
        Field("countries", "ISO alpha-2 codes", lambda e: list(e.countries)),
        Field("organizations", "organization ids", lambda e: list(e.organizations)),
        Field("people", "ids of the people it names", lambda e: list(e.people)),
        Field("tags", "tags", lambda e: list(e.tags)),
        Field("description", "what happened", lambda e: e.description),
        Field("confidence", "high, medium or low", lambda e: e.confidence or None),
        Field("note", "uncertainty and caveats", lambda e: e.note or None),
        Field("sources", "source ids, URLs or citations", lambda e: list(e.sources)),
        *_source_fields(),
    ),
    ("when", "title", "category", "countries", "sourcing"),
)

ORGANIZATION_FIELDS: FieldSet[Organization] = FieldSet(
    "organization",
    (
        Field("id", "unique slug", lambda o: o.id),
        Field("name", "name", lambda o: o.name),
        Field("native_names", "names in the original language", lambda o: list(o.native_names)),
        Field("names", "the name in other languages, by language code", lambda o: dict(o.names) or None),
        Field("aliases", "other names", lambda o: list(o.aliases)),
        Field("country", "ISO alpha-2 code of the seat", lambda o: o.country),
        Field("city", "city", lambda o: o.city or None),
        Field("founded", "founding date at its precision", lambda o: _date(o.founded)),
        Field(
            "founded_circa", "true when the founding date is approximate", lambda o: bool(o.founded and o.founded.circa)
        ),
        Field("dissolved", "dissolution date at its precision", lambda o: _date(o.dissolved)),
        Field("status", "active, defunct or unknown", lambda o: o.status),
        Field("type", "organization type", lambda o: o.type),
        Field("website", "web address", lambda o: o.website or None),
        Field("people", "ids of its founders and leaders in the data", lambda o: list(o.people)),
        Field("description", "what it does", lambda o: o.description or None),
        Field("confidence", "high, medium or low", lambda o: o.confidence or None),
        Field("note", "uncertainty and caveats", lambda o: o.note or None),
        Field("sources", "source ids, URLs or citations", lambda o: list(o.sources)),
        *_source_fields(),
    ),
    ("id", "name", "country", "city", "founded", "type", "sourcing"),
)


def _latest(stats: CountryStats) -> tuple[str | None, int | None, str | None]:
    figure = stats.country.latest_figure()
    if figure is None:
        return None, None, None
    return figure.text, figure.year, figure.kind


def _bounds(stats: CountryStats) -> tuple[int | None, int | None, int | None]:
    """(value, low, high) of the latest figure as numbers: a single figure is its own low and high."""
    figure = stats.country.latest_figure()
    if figure is None:
        return None, None, None
    if figure.value is not None:
        return figure.value, figure.value, figure.value
    return None, figure.low, figure.high


COUNTRY_ROW_FIELDS: FieldSet[CountryStats] = FieldSet(
    "country",
    (
        Field("code", "ISO 3166-1 alpha-2", lambda s: s.country.code),
        Field("alpha3", "ISO 3166-1 alpha-3", lambda s: s.country.alpha3),
        Field("name", "English name", lambda s: s.country.name),
        Field("region", "region", lambda s: s.country.region),
        Field("framing", "homeland, indigenous, minority, diaspora or mixed", lambda s: s.country.framing),
        # Numbers for programs (jq sort_by, spreadsheets); the formatted figure is its own field.
        Field("population", "latest population figure as a number (null when it is a range)", lambda s: _bounds(s)[0]),
        Field("population_low", "its lower bound (the figure itself when single)", lambda s: _bounds(s)[1]),
        Field("population_high", "its upper bound (the figure itself when single)", lambda s: _bounds(s)[2]),
        Field(
            "population_figure",
            "that figure as written: '7,000' or '11,800,000–16,000,000'",
            lambda s: _latest(s)[0],
            label="population",
        ),
        Field("population_year", "year of that figure", lambda s: _latest(s)[1]),
        Field("population_kind", "kind of that figure (census, org-claim, ...)", lambda s: _latest(s)[2]),
        Field("figures", "number of population figures recorded", lambda s: len(s.country.population)),
        Field("organizations", "number of organizations there", lambda s: s.organizations),
        Field("events", "number of events there", lambda s: s.events),
        Field("first_event", "year of the first event", lambda s: s.first_event),
        Field("last_event", "year of the last event", lambda s: s.last_event),
    ),
    (
        "code",
        "name",
        "population_figure",
        "population_year",
        "population_kind",
        "organizations",
        "events",
    ),
)

COUNTRY_FIELDS: FieldSet[Country] = FieldSet(
    "country",
    (
        Field("code", "ISO 3166-1 alpha-2", lambda c: c.code),
        Field("alpha3", "ISO 3166-1 alpha-3", lambda c: c.alpha3),
        Field("name", "English name", lambda c: c.name),
        Field("names", "the name in other languages, by language code", lambda c: dict(c.names) or None),
        Field("aliases", "endonyms, Azerbaijani and former names", lambda c: list(c.aliases)),
        Field("region", "region", lambda c: c.region),
        Field("framing", "homeland, indigenous, minority, diaspora or mixed", lambda c: c.framing),
        Field("description", "summary", lambda c: c.description or None),
        Field("confidence", "high, medium or low", lambda c: c.confidence or None),
        Field("note", "uncertainty and caveats", lambda c: c.note or None),
        Field("sources", "source ids, URLs or citations", lambda c: list(c.sources)),
        *_source_fields(),
    ),
    ("code", "name", "region", "framing"),
)


def _cited_by(source: Source, dataset: Dataset) -> int:
    return len(citing_records(dataset, source.id))


SOURCE_FIELDS: FieldSet[Source] = FieldSet(
    "source",
    (
        Field("id", "source id, as records cite it", lambda s: s.id),
        Field("title", "title of the page or document, in its own language", lambda s: s.title),
        Field("publisher", "who publishes it", lambda s: s.publisher),
        Field("kind", "state-body, state-media, independent-media, academic, ...", lambda s: s.kind),
        Field("independent", "false for state bodies and state-aligned media", lambda s: s.independent),
        Field("published", "publication date at its precision", lambda s: _date(s.published)),
        Field("language", "language code of the page", lambda s: s.language),
        Field("authors", "authors, where named", lambda s: list(s.authors)),
        Field("url", "web address", lambda s: s.url),
        Field("archived", "an archived copy", lambda s: s.archived or None),
        Field("accessed", "the day it was read", lambda s: s.accessed or None),
        Field("note", "what to know about it", lambda s: s.note or None),
        Field("cited_by", "number of records citing it", lambda s: None, _cited_by),
    ),
    ("id", "publisher", "kind", "published", "title"),
)

SOURCE_COUNT_FIELDS: FieldSet[SourceCount] = FieldSet(
    "source count",
    (
        Field("by", "publisher or kind", lambda c: c.by),
        Field("value", "the publisher or the kind", lambda c: c.value),
        Field("kinds", "kinds of its sources", lambda c: list(c.kinds)),
        Field("sources", "number of source records", lambda c: c.sources),
        Field("records", "distinct records citing them", lambda c: c.records),
    ),
    ("value", "kinds", "sources", "records"),
)

PERSON_FIELDS: FieldSet[Person] = FieldSet(
    "person",
    (
        Field("id", "unique slug", lambda p: p.id),
        Field("name", "name as English-language sources write it", lambda p: p.name),
        Field("names", "the name in other languages, by language code", lambda p: dict(p.names) or None),
        Field("aliases", "other spellings", lambda p: list(p.aliases)),
        Field("life", "born–died as read", lambda p: p.life_text or None),
        Field("born", "birth date at its precision", lambda p: _date(p.born)),
        Field("died", "death date at its precision", lambda p: _date(p.died)),
        Field("roles", "what they were: émigré politician, founder, official, ...", lambda p: list(p.roles)),
        Field("countries", "ISO alpha-2 codes of the countries they lived or worked in", lambda p: list(p.countries)),
        Field("description", "who they were", lambda p: p.description or None),
        Field("confidence", "high, medium or low", lambda p: p.confidence or None),
        Field("note", "uncertainty and caveats", lambda p: p.note or None),
        Field("sources", "source ids", lambda p: list(p.sources)),
        *_source_fields(),
    ),
    ("id", "name", "life", "roles", "countries"),
)

PLACE_FIELDS: FieldSet[Place] = FieldSet(
    "place",
    (
        Field("id", "unique slug", lambda p: p.id),
        Field("name", "name as English-language sources write it", lambda p: p.name),
        Field("names", "the name in other languages, by language code", lambda p: dict(p.names) or None),
        Field("aliases", "other spellings and former names", lambda p: list(p.aliases)),
        Field("country", "ISO alpha-2 code", lambda p: p.country),
        Field("confidence", "high, medium or low", lambda p: p.confidence or None),
        Field("note", "uncertainty and caveats", lambda p: p.note or None),
        Field("sources", "source ids", lambda p: list(p.sources)),
        *_source_fields(),
    ),
    ("id", "name", "names", "country"),
)

HIT_FIELDS: FieldSet[Hit] = FieldSet(
    "hit",
    (
        Field("kind", "country, place, person, organization or event", lambda h: h.kind),
        Field("id", "record id (country code for countries)", lambda h: h.id),
        Field("when", "date of the event, founding or birth", lambda h: h.when or None),
        Field("title", "title or name", lambda h: h.title),
        Field("matched", "the field the text was found in (title, names.az, description, ...)", lambda h: h.matched),
        Field(
            "snippet",
            "the matching part of that field, when it is not the title or a name",
            lambda h: h.snippet or None,
        ),
        Field(
            "rank",
            "0: a title or name is the text; 1: in a title or name; 2: elsewhere; 3-5: the same, in another spelling",
            lambda h: h.rank,
        ),
    ),
    ("kind", "id", "when", "title", "matched"),
)

FIGURE_FIELDS: FieldSet[PopulationFigure] = FieldSet(
    "population figure",
    (
        Field("figure", "the value or range as read", lambda p: p.text),
        Field("value", "single value", lambda p: p.value),
        Field("low", "low end of a range", lambda p: p.low),
        Field("high", "high end of a range", lambda p: p.high),
        Field("year", "year the figure refers to", lambda p: p.year),
        Field("kind", "census, official-estimate, org-claim, migrant-stock, ...", lambda p: p.kind),
        Field("source", "URL or citation", lambda p: p.source),
        Field("note", "scope and caveats", lambda p: p.note or None),
    ),
    ("figure", "year", "kind", "source", "note"),
)


STATS_FIELDS: FieldSet[Bucket] = FieldSet(
    "bucket",
    (
        Field("by", "what the buckets are: " + ", ".join(BY_CHOICES), lambda b: b.by),
        Field("bucket", "the bucket: decade or year as a number, else a code or name", lambda b: b.key),
        Field("label", "the bucket as people read it (1990s, Germany)", lambda b: b.label),
        Field("count", "matching events (organizations for --by type) in the bucket", lambda b: b.count),
        Field("total", "distinct matching events (organizations) in all buckets", lambda b: b.total),
        Field("percent", "count / total in percent, rounded to a whole number", lambda b: b.percent),
        Field("command", "the diaspora command that lists exactly this bucket", lambda b: b.command),
    ),
    ("label", "count", "percent", "command"),
)
