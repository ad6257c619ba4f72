"""A SQLite database of the dataset for sqlite3 and datasette: tables, link tables, indexes, full-text search.

The chosen events go in `events`; countries, organizations, population figures and sources go in
whole, so every foreign key resolves. Dates are kept as text at their precision ("2001",
"2001-11") beside sortable `first_day`/`last_day` columns (ISO days).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from typing import BinaryIO

from diaspora_cli.core.model import Dataset, Event, PartialDate
from diaspora_cli.exporters import source_label, source_url

SCHEMA = """
CREATE TABLE dataset (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE countries (
  code TEXT PRIMARY KEY, alpha3 TEXT NOT NULL, name TEXT NOT NULL, aliases TEXT NOT NULL,
  region TEXT NOT NULL, framing TEXT NOT NULL, description TEXT, confidence TEXT, note TEXT
);
CREATE TABLE organizations (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, native_names TEXT NOT NULL, aliases TEXT NOT NULL,
  country TEXT NOT NULL REFERENCES countries(code), city TEXT, type TEXT NOT NULL, status TEXT NOT NULL,
  founded TEXT, founded_circa INTEGER NOT NULL, founded_first_day TEXT, dissolved TEXT,
  website TEXT, description TEXT, confidence TEXT, note TEXT
);
CREATE TABLE sources (
  id INTEGER PRIMARY KEY, citation TEXT NOT NULL, url TEXT, source_id TEXT UNIQUE, title TEXT,
  publisher TEXT, kind TEXT, independent INTEGER, published TEXT, language TEXT, authors TEXT,
  archived TEXT, accessed TEXT, note TEXT
);
CREATE TABLE population_figures (
  id INTEGER PRIMARY KEY, country TEXT NOT NULL REFERENCES countries(code), year INTEGER NOT NULL,
  kind TEXT NOT NULL, value INTEGER, low INTEGER, high INTEGER, figure TEXT NOT NULL,
  source_id INTEGER NOT NULL REFERENCES sources(id), note TEXT
);
CREATE TABLE events (
  id TEXT PRIMARY KEY, position INTEGER NOT NULL, title TEXT NOT NULL, category TEXT NOT NULL,
  "when" TEXT NOT NULL, date TEXT NOT NULL, end_date TEXT, precision TEXT NOT NULL, circa INTEGER NOT NULL,
  first_day TEXT NOT NULL, last_day TEXT NOT NULL, place TEXT, description TEXT, confidence TEXT, note TEXT
);
CREATE TABLE event_countries (
  event_id TEXT NOT NULL REFERENCES events(id), country_code TEXT NOT NULL REFERENCES countries(code),
  PRIMARY KEY (event_id, country_code)
);
CREATE TABLE event_organizations (
  event_id TEXT NOT NULL REFERENCES events(id), organization_id TEXT NOT NULL REFERENCES organizations(id),
  PRIMARY KEY (event_id, organization_id)
);
CREATE TABLE event_tags (
  event_id TEXT NOT NULL REFERENCES events(id), tag TEXT NOT NULL, PRIMARY KEY (event_id, tag)
);
CREATE TABLE event_sources (
  event_id TEXT NOT NULL REFERENCES events(id), source_id INTEGER NOT NULL REFERENCES sources(id),
  PRIMARY KEY (event_id, source_id)
);
CREATE TABLE organization_sources (
  organization_id TEXT NOT NULL REFERENCES organizations(id), source_id INTEGER NOT NULL REFERENCES sources(id),
  PRIMARY KEY (organization_id, source_id)
);
CREATE TABLE country_sources (
  country_code TEXT NOT NULL REFERENCES countries(code), source_id INTEGER NOT NULL REFERENCES sources(id),
  PRIMARY KEY (country_code, source_id)
);
CREATE TABLE people (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, names TEXT NOT NULL, aliases TEXT NOT NULL, born TEXT, died TEXT,
  roles TEXT NOT NULL, countries TEXT NOT NULL, description TEXT, confidence TEXT, note TEXT
);
CREATE TABLE places (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL REFERENCES countries(code),
  names TEXT NOT NULL, aliases TEXT NOT NULL, confidence TEXT, note TEXT
);
CREATE TABLE event_people (
  event_id TEXT NOT NULL REFERENCES events(id), person_id TEXT NOT NULL REFERENCES people(id),
  PRIMARY KEY (event_id, person_id)
);
CREATE TABLE organization_people (
  organization_id TEXT NOT NULL REFERENCES organizations(id), person_id TEXT NOT NULL REFERENCES people(id),
  PRIMARY KEY (organization_id, person_id)
);
CREATE TABLE person_sources (
  person_id TEXT NOT NULL REFERENCES people(id), source_id INTEGER NOT NULL REFERENCES sources(id),
  PRIMARY KEY (person_id, source_id)
);
CREATE TABLE place_sources (
  place_id TEXT NOT NULL REFERENCES places(id), source_id INTEGER NOT NULL REFERENCES sources(id),
  PRIMARY KEY (place_id, source_id)
);
CREATE INDEX event_people_person ON event_people(person_id);
CREATE INDEX organization_people_person ON organization_people(person_id);
CREATE INDEX events_first_day ON events(first_day, last_day);
CREATE INDEX events_category ON events(category);
CREATE INDEX organizations_country ON organizations(country);
CREATE INDEX organizations_type ON organizations(type);
CREATE INDEX population_figures_country ON population_figures(country, year);
CREATE INDEX event_countries_country ON event_countries(country_code);
CREATE INDEX event_organizations_organization ON event_organizations(organization_id);
CREATE INDEX event_tags_tag ON event_tags(tag);
CREATE INDEX event_sources_source ON event_sources(source_id);
CREATE INDEX organization_sources_source ON organization_sources(source_id);
CREATE INDEX country_sources_source ON country_sources(source_id);
"""

# External-content FTS5 tables. datasette finds a table's index by `content="<table>"` written
# with double quotes (its detect_fts pattern; single quotes went unseen, so `_search=` was
# ignored) and then offers a search box and `?_search=` on events, organizations and sources.
FTS_SCHEMA = """
CREATE VIRTUAL TABLE events_fts USING fts5(
  title, description, place, note,
  content="events", content_rowid="rowid", tokenize="unicode61 remove_diacritics 2"
);
INSERT INTO events_fts(events_fts) VALUES ('rebuild');
CREATE VIRTUAL TABLE organizations_fts USING fts5(
  name, native_names, aliases, city, description, note,
  content="organizations", content_rowid="rowid", tokenize="unicode61 remove_diacritics 2"
);
INSERT INTO organizations_fts(organizations_fts) VALUES ('rebuild');
CREATE VIRTUAL TABLE sources_fts USING fts5(
  title, publisher, note,
  content="sources", content_rowid="id", tokenize="unicode61 remove_diacritics 2"
);
INSERT INTO sources_fts(sources_fts) VALUES ('rebuild');
CREATE VIRTUAL TABLE people_fts USING fts5(
  name, names, aliases, description, note,
  content="people", content_rowid="rowid", tokenize="unicode61 remove_diacritics 2"
);
INSERT INTO people_fts(people_fts) VALUES ('rebuild');
"""

NO_FTS5 = "note: this Python's SQLite has no FTS5 module; the database has no full-text indexes (*_fts)"


def has_fts5(conn: sqlite3.Connection) -> bool:
    """True when this SQLite library can create FTS5 tables."""
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x)")
        conn.execute("DROP TABLE temp.fts5_probe")
    except sqlite3.OperationalError:
        return False
    return True


def _text(value: str) -> str | None:
    return value or None


def _iso(date: PartialDate | None) -> str | None:
    return date.iso() if date is not None else None


def _json(values: Iterable[str]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _source_row(dataset: Dataset, reference: str, number: int) -> tuple[object, ...]:
    """One row of `sources`: every field of a [[sources]] record; an inline citation has only its text."""
    source = dataset.source(reference)
    if source is None:
        # Inline: the citation is all there is; it is its own title, so datasette labels it.
        return (number, reference, source_url(reference), None, reference, *([None] * 9))
    citation = source_label(dataset, reference)[0]
    return (
        number,
        citation,
        source.url,
        source.id,
        source.title,
        source.publisher,
        source.kind,
        int(source.independent),
        _iso(source.published),
        source.language,
        _json(source.authors),
        _text(source.archived),
        _text(source.accessed),
        _text(source.note),
    )


class _Sources:
    """Distinct citations numbered in order of first appearance."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def id(self, citation: str) -> int:
        if citation not in self.ids:
            self.ids[citation] = len(self.ids) + 1
        return self.ids[citation]


def fill(conn: sqlite3.Connection, dataset: Dataset, events: Sequence[Event], fts: bool) -> None:
    """Create the schema in `conn` and insert the dataset's rows."""
    conn.executescript(SCHEMA)
    sources = _Sources()
    info = dataset.info
    meta = {
        "name": info.name,
        "description": info.description,
        "homeland": info.homeland,
        "version": info.version,
        "license": info.license,
        "sources_policy": info.sources_policy,
        "provenance": info.provenance,
        "maintainers": ", ".join(info.maintainers),
    }
    conn.executemany("INSERT INTO dataset VALUES (?, ?)", meta.items())
    for c in dataset.countries:
        conn.execute(
            "INSERT INTO countries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                c.code,
                c.alpha3,
                c.name,
                _json(c.aliases),
                c.region,
                c.framing,
                _text(c.description),
                _text(c.confidence),
                _text(c.note),
            ),
        )
        for s in dict.fromkeys(c.sources):
            conn.execute("INSERT INTO country_sources VALUES (?, ?)", (c.code, sources.id(s)))
        for p in c.population:
            conn.execute(
                "INSERT INTO population_figures (country, year, kind, value, low, high, figure, source_id, note)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (c.code, p.year, p.kind, p.value, p.low, p.high, p.text, sources.id(p.source), _text(p.note)),
            )
    for o in dataset.organizations:
        conn.execute(
            "INSERT INTO organizations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                o.id,
                o.name,
                _json(o.native_names),
                _json(o.aliases),
                o.country,
                _text(o.city),
                o.type,
                o.status,
                _iso(o.founded),
                int(bool(o.founded and o.founded.circa)),
                o.founded.first_day().isoformat() if o.founded else None,
                _iso(o.dissolved),
                _text(o.website),
                _text(o.description),
                _text(o.confidence),
                _text(o.note),
            ),
        )
        for s in dict.fromkeys(o.sources):
            conn.execute("INSERT INTO organization_sources VALUES (?, ?)", (o.id, sources.id(s)))
    for position, e in enumerate(events, start=1):
        conn.execute(
            "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                e.id,
                position,
                e.title,
                e.category,
                e.span_text,
                e.date.iso(),
                _iso(e.end),
                e.date.precision,
                int(e.date.circa),
                e.first_day().isoformat(),
                e.last_day().isoformat(),
                _text(e.place),
                _text(e.description),
                _text(e.confidence),
                _text(e.note),
            ),
        )
        conn.executemany("INSERT INTO event_countries VALUES (?, ?)", [(e.id, c) for c in dict.fromkeys(e.countries)])
        conn.executemany(
            "INSERT INTO event_organizations VALUES (?, ?)", [(e.id, o) for o in dict.fromkeys(e.organizations)]
        )
        conn.executemany("INSERT INTO event_tags VALUES (?, ?)", [(e.id, t) for t in dict.fromkeys(e.tags)])
        conn.executemany(
            "INSERT INTO event_sources VALUES (?, ?)", [(e.id, sources.id(s)) for s in dict.fromkeys(e.sources)]
        )
    _fill_people(conn, dataset, events, sources)
    conn.executemany(
        "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [_source_row(dataset, reference, number) for reference, number in sources.ids.items()],
    )
    if fts:
        conn.executescript(FTS_SCHEMA)


def _names(names: tuple[tuple[str, str], ...]) -> str:
    return json.dumps(dict(names), ensure_ascii=False)


def _fill_people(conn: sqlite3.Connection, dataset: Dataset, events: Sequence[Event], sources: _Sources) -> None:
    """People and places with their names by language (a JSON object), and who names whom."""
    for p in dataset.people:
        conn.execute(
            "INSERT INTO people VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                p.id,
                p.name,
                _names(p.names),
                _json(p.aliases),
                _iso(p.born),
                _iso(p.died),
                _json(p.roles),
                _json(p.countries),
                _text(p.description),
                _text(p.confidence),
                _text(p.note),
            ),
        )
        conn.executemany(
            "INSERT INTO person_sources VALUES (?, ?)", [(p.id, sources.id(s)) for s in dict.fromkeys(p.sources)]
        )
    for place in dataset.places:
        conn.execute(
            "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                place.id,
                place.name,
                place.country,
                _names(place.names),
                _json(place.aliases),
                _text(place.confidence),
                _text(place.note),
            ),
        )
        conn.executemany(
            "INSERT INTO place_sources VALUES (?, ?)", [(place.id, sources.id(s)) for s in dict.fromkeys(place.sources)]
        )
    for e in events:
        conn.executemany("INSERT INTO event_people VALUES (?, ?)", [(e.id, p) for p in dict.fromkeys(e.people)])
    for o in dataset.organizations:
        conn.executemany("INSERT INTO organization_people VALUES (?, ?)", [(o.id, p) for p in dict.fromkeys(o.people)])


def write(dataset: Dataset, events: Sequence[Event], handle: BinaryIO) -> list[str]:
    """Build the database in a private temporary folder, then copy its bytes to `handle`."""
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="diaspora-sqlite-") as folder:
        path = os.path.join(folder, "export.db")
        conn = sqlite3.connect(path)
        try:
            fts = has_fts5(conn)
            if not fts:
                notes.append(NO_FTS5)
            with conn:
                fill(conn, dataset, events, fts)
            problems = conn.execute("PRAGMA foreign_key_check").fetchall()
            if problems:  # validation guarantees references resolve; a miss here is our bug
                raise RuntimeError(f"sqlite export: unresolved references {problems[:3]}")
        finally:
            conn.close()
        with open(path, "rb") as source:
            shutil.copyfileobj(source, handle)
    return notes
