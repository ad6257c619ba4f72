"""The parse cache: a validated dataset kept as an indexed SQLite file in the user cache folder.

One file per dataset selection (the list of source files), named by a hash of that list, the
package version and the record schema. Inside it the identity of every source file (path, size,
mtime_ns, ctime_ns, inode) recorded when it was read; any difference means the file is rebuilt.
A file modified within RACY_NS of being read is not cached at all, so a same-size edit within
one timestamp tick cannot hide behind an unchanged mtime (git's "racy clean" problem); ctime
cannot be set back by `touch -d` or `cp -p`, so edits with a restored mtime are caught too.

Events are stored one row each (a marshal blob, with a crc32) beside their first and last day
and their countries, so a filtered query reads only the rows that can match, and a full listing
streams rows without holding them all. marshal, not pickle: it builds plain tuples and cannot
run code, so even a tampered cache file can only give wrong values, never execute anything.

Every failure (missing, unreadable, truncated or garbage file, read-only folder) is silent: the
caller reads the sources instead. The cache is never required and never changes an answer.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import marshal
import os
import sqlite3
import sys
import time
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO, overload

from diaspora_cli import __version__
from diaspora_cli.core.haystack import EMPTY, Namer, dataset_haystacks, event_text
from diaspora_cli.core.model import (
    Country,
    Dataset,
    DatasetInfo,
    Event,
    IndexedEvents,
    Organization,
    PartialDate,
    PopulationFigure,
    Source,
)
from diaspora_cli.core.packing import (
    LazySources,
    _country,
    _day,
    _event,
    _organization,
    _person,
    _place,
    _plain,
    _plain_event,
)
from diaspora_cli.core.record import field_types
from diaspora_cli.core.spelling import needles

FORMAT = 4  # bump when the layout below changes
RACY_NS = 3_000_000_000  # coarse file systems (FAT: 2 s) keep one mtime for edits this close together
MAGIC = b"SQLite format 3\x00"
_CACHE_ERRORS = (sqlite3.Error, OSError, ValueError, TypeError, EOFError, KeyError, IndexError, OverflowError)

Identity = tuple[str, str, int, int, int, int, int]  # display path, real path, size, mtime, ctime, inode, device


def cache_folder(environ: Mapping[str, str]) -> Path:
    """$XDG_CACHE_HOME/diaspora, else ~/.cache/diaspora."""
    base = environ.get("XDG_CACHE_HOME", "").strip()
    if base and os.path.isabs(base):  # a relative one is invalid by the XDG spec: ignored
        return Path(base) / "diaspora"
    try:
        home = environ.get("HOME") or str(Path.home())
    except (RuntimeError, KeyError):  # no HOME and no password entry: no cache, not a crash
        raise OSError("no home folder for the cache") from None
    return Path(home) / ".cache" / "diaspora"


def identify(paths: Sequence[Path]) -> list[Identity] | None:
    """What the cache checks about each source file; None if any cannot be stat'ed."""
    out: list[Identity] = []
    try:
        for path in paths:
            info = os.stat(path)
            out.append(
                (
                    str(path),
                    os.path.realpath(path),
                    info.st_size,
                    info.st_mtime_ns,
                    info.st_ctime_ns,
                    info.st_ino,
                    info.st_dev,
                )
            )
    except OSError:
        return None
    return out


def _schema() -> str:
    """Changes whenever a record class gains, loses or retypes a field."""
    parts = [
        f"{cls.__name__}:" + ",".join(f"{name}={kind}" for name, kind in field_types(cls).items())
        for cls in (Event, Organization, Country, PopulationFigure, PartialDate, DatasetInfo, Source)
    ]
    return ";".join(parts)


def _code_stamp() -> list[tuple[str, int, int]]:
    """Every module of the core (it decides what a valid dataset is): an edit there invalidates caches.

    The whole package folder and its sub-packages, found by walking them, so a module moved or
    added anywhere in the core is covered without a list to keep.
    """
    here = Path(__file__).resolve().parent
    out = []
    folders = [here]
    while folders:
        folder = folders.pop()
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            for item in entries:
                if item.name.endswith(".py"):
                    info = item.stat()
                    out.append((os.path.relpath(item.path, here), info.st_size, info.st_mtime_ns))
                elif item.is_dir() and not item.name.startswith(("_", ".")):
                    folders.append(Path(item.path))
    return sorted(out)


def cache_path(identities: Sequence[Identity], environ: Mapping[str, str]) -> Path:
    """The cache file for this selection of files (by path), version and schema."""
    key = repr((FORMAT, __version__, sys.version_info[:2], _schema(), [i[:2] for i in identities]))
    data = key.encode("utf-8", "surrogatepass")
    # Only a name: the fingerprint inside decides. (zlib, not hashlib: OpenSSL costs 3 ms to load.)
    return cache_folder(environ) / f"dataset-{zlib.crc32(data):08x}{zlib.adler32(data):08x}.sqlite"


def _fingerprint(identities: Sequence[Identity]) -> bytes:
    return marshal.dumps((FORMAT, __version__, _schema(), _code_stamp(), list(identities)))


# ---- writing -----------------------------------------------------------------------------------

_SCHEMA_SQL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE events (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, first_day INTEGER NOT NULL,
                     last_day INTEGER NOT NULL, crc INTEGER NOT NULL, record BLOB NOT NULL,
                     haystack TEXT NOT NULL);
CREATE TABLE event_countries (code TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (code, seq)) WITHOUT ROWID;
"""
_INDEX_SQL = """
CREATE INDEX events_id ON events (id);
CREATE INDEX events_first ON events (first_day);
CREATE INDEX events_last ON events (last_day);
"""


def save(dataset: Dataset, identities: Sequence[Identity], read_ns: int, environ: Mapping[str, str]) -> bool:
    """Write the cache for `dataset`, read from files that had `identities` at `read_ns`; False if not written."""
    if any(i[3] >= read_ns - RACY_NS for i in identities):
        return False  # edited moments ago: a same-size edit in the same tick could go unseen
    paths = [Path(i[0]) for i in identities]
    if identify(paths) != list(identities):
        return False  # changed while we read it
    from diaspora_cli.core.gcpause import paused_gc

    scratch: str | None = None
    try:
        target = cache_path(identities, environ)
        target.parent.mkdir(parents=True, exist_ok=True)
        # Built in a scratch file beside the target, not in memory: an in-memory image and its
        # serialized copy cost twice its size (2 x 60 MB for 100k events) at the load's peak.
        import tempfile

        fd, scratch = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".build", dir=target.parent)
        os.close(fd)
        with paused_gc():
            build_file(dataset, _fingerprint(identities), scratch)
        from diaspora_cli.core.atomic import atomic_write

        def write(handle: BinaryIO) -> None:
            with open(scratch, "rb") as source:
                while chunk := source.read(1 << 20):
                    handle.write(chunk)

        atomic_write(target, write)
    except (*_CACHE_ERRORS, MemoryError):
        return False
    finally:
        if scratch is not None:
            with contextlib.suppress(OSError):
                os.unlink(scratch)
    return True


def build_file(dataset: Dataset, fingerprint: bytes, path: str) -> None:
    conn = sqlite3.connect(path)
    try:
        # A scratch file: no journal and no syncs (atomic_write syncs the copy that is kept).
        conn.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
        conn.executescript(_SCHEMA_SQL)
        namer = Namer.of(dataset)
        head: tuple[Any, ...] = (
            _plain(dataset.info),
            [_plain(o) for o in dataset.organizations],
            [_plain(c) for c in dataset.countries],
            list(dataset.files),
            [],  # sources: their own meta row, unpacked only when a command reads them
            [_plain(p) for p in dataset.people],
            [_plain(p) for p in dataset.places],
        )
        meta = [
            ("fingerprint", fingerprint),
            ("head", marshal.dumps(head)),
            ("count", len(dataset.events)),
            ("haystacks", marshal.dumps(dataset_haystacks(dataset, namer))),
            ("sources", marshal.dumps([_plain(s) for s in dataset.sources])),
        ]
        conn.executemany("INSERT INTO meta VALUES (?, ?)", meta)

        def rows() -> Iterator[tuple[int, str, int, int, int, bytes, str]]:
            for seq, event in enumerate(dataset.events):
                blob = marshal.dumps(_plain_event(event))
                first, last = _day(event.first_day()), _day(event.last_day())
                yield seq, event.id, first, last, zlib.crc32(blob), blob, event_text(event, namer)

        conn.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)", rows())
        conn.executemany(
            "INSERT OR IGNORE INTO event_countries VALUES (?, ?)",
            ((code, seq) for seq, event in enumerate(dataset.events) for code in event.countries),
        )
        conn.executescript(_INDEX_SQL)
        conn.execute("ANALYZE")
        conn.commit()
    finally:
        conn.close()


# ---- reading -----------------------------------------------------------------------------------


def load(identities: Sequence[Identity], environ: Mapping[str, str], rebuild: Callable[[], Dataset]) -> Dataset | None:
    """The cached dataset for these files, if the cache is present, intact and current; else None.

    `rebuild` reads the sources again; it is used only if the file turns out damaged mid-way.
    """
    try:
        path = cache_path(identities, environ)
    except _CACHE_ERRORS:
        return None
    return open_file(path, _fingerprint(identities), rebuild)


def open_file(
    path: Path, fingerprint: bytes, rebuild: Callable[[], Dataset], files: Sequence[str] | None = None
) -> Dataset | None:
    """The dataset in the cache file at `path` if it is intact and its fingerprint is this one.

    `files` replaces the file list kept inside (the prebuilt cache was written elsewhere).
    """
    conn: sqlite3.Connection | None = None
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
            size = os.fstat(handle.fileno()).st_size
        if len(header) < 100 or not header.startswith(MAGIC):
            return None
        page = int.from_bytes(header[16:18], "big")
        page = 65536 if page == 1 else page
        if page < 512 or size != page * int.from_bytes(header[28:32], "big"):
            return None  # truncated or grown: never trust it
        # immutable=1: no locking and no journal look-ups; the file is only ever replaced, never edited.
        uri = "file:" + str(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23") + "?mode=ro&immutable=1"
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("fingerprint") != fingerprint:
            conn.close()
            return None
        info, orgs, countries, kept_files, _, people, places = marshal.loads(meta["head"])
        haystacks = marshal.loads(meta["haystacks"])
        if not isinstance(haystacks, dict):
            raise ValueError("damaged cache haystacks")
        events = CachedEvents(conn, int(meta["count"]), rebuild)
        return Dataset(
            info=DatasetInfo(*info),
            events=events,
            organizations=tuple(_organization(o) for o in orgs),
            countries=tuple(_country(c) for c in countries),
            files=tuple(kept_files if files is None else files),
            sources=LazySources(meta["sources"]),
            people=tuple(_person(p) for p in people),
            places=tuple(_place(p) for p in places),
            haystacks=haystacks,
        )
    except _CACHE_ERRORS:
        if conn is not None:
            conn.close()
        return None


class CachedEvents(IndexedEvents):
    """A dataset's events read on demand from the cache, in chronological order.

    If a row turns out damaged while being read (disk error, tampering), the events are read
    from the sources through `rebuild` and the iteration continues where it stopped.
    """

    def __init__(self, conn: sqlite3.Connection, count: int, rebuild: Callable[[], Dataset]) -> None:
        import weakref

        self._conn = conn
        # The connection lives as long as the events; close it explicitly when they go, rather
        # than leave it to the garbage collector (Python 3.13 warns about unclosed connections).
        weakref.finalize(self, conn.close)
        self._count = count
        self._rebuild = rebuild
        self._fallback: Sequence[Event] | None = None
        self._rebuilt: Dataset | None = None

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Event: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Event]: ...

    def __getitem__(self, index: int | slice) -> Event | Sequence[Event]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(self._count)))
        seq = index + self._count if index < 0 else index
        if not 0 <= seq < self._count:
            raise IndexError("event index out of range")
        found = list(self._select("seq = ?", [seq], False))
        return found[0]

    def __iter__(self) -> Iterator[Event]:
        return self._select("", [], False)

    def __reversed__(self) -> Iterator[Event]:
        return self._select("", [], True)

    def candidates(
        self,
        start: _dt.date | None,
        end: _dt.date | None,
        countries: frozenset[str],
        reverse: bool = False,
        text: str = "",
    ) -> Iterator[Event]:
        """Events that overlap [start, end], name one of `countries` (an empty set: any) and
        whose haystack holds a key of the query `text` (as typed; empty: any)."""
        where: list[str] = []
        params: list[Any] = []
        keys = needles(text) if text else ()
        if keys:  # instr on UTF-8 text is the same code-point substring test as Python's `in`
            where.append("(" + " OR ".join("instr(haystack, ?) > 0" for _ in keys) + ")")
            params.extend(keys)
        if start is not None:
            where.append("last_day >= ?")
            params.append(_day(start))
        if end is not None:
            where.append("first_day <= ?")
            params.append(_day(end))
        if countries:
            marks = ", ".join("?" * len(countries))
            where.append(f"seq IN (SELECT seq FROM event_countries WHERE code IN ({marks}))")
            params.extend(sorted(countries))
        return self._select(" AND ".join(where), params, reverse)

    def find(self, event_id: str) -> Event | None:
        """The event with this id, if any."""
        found = list(self._select("id = ?", [event_id], False))
        return found[0] if found else None

    def _select(self, where: str, params: list[Any], reverse: bool) -> Iterator[Event]:
        sql = "SELECT seq, crc, record FROM events" + (f" WHERE {where}" if where else "")
        sql += " ORDER BY seq DESC" if reverse else " ORDER BY seq"
        last = None
        if self._fallback is None:
            try:
                for seq, crc, blob in self._conn.execute(sql, params):
                    if zlib.crc32(blob) != crc:
                        raise ValueError("damaged cache row")
                    event = _event(marshal.loads(blob))
                    last = seq
                    yield event
                return
            except _CACHE_ERRORS:
                self._rebuilt = self._rebuild()
                self._fallback = self._rebuilt.events
        # The cache failed us: answer from the sources with the same predicate, from where we were.
        yield from self._fallback_select(sql, params, reverse, last)

    def _fallback_select(self, sql: str, params: list[Any], reverse: bool, last: int | None) -> Iterator[Event]:
        assert self._fallback is not None
        memory = sqlite3.connect(":memory:")
        try:
            memory.executescript(_SCHEMA_SQL)
            events = list(self._fallback)
            namer = Namer.of(self._rebuilt) if self._rebuilt is not None else EMPTY
            memory.executemany(
                "INSERT INTO events VALUES (?, ?, ?, ?, 0, x'', ?)",
                (
                    (seq, e.id, _day(e.first_day()), _day(e.last_day()), event_text(e, namer))
                    for seq, e in enumerate(events)
                ),
            )
            memory.executemany(
                "INSERT OR IGNORE INTO event_countries VALUES (?, ?)",
                ((code, seq) for seq, e in enumerate(events) for code in e.countries),
            )
            seqs = [row[0] for row in memory.execute(sql, params)]
        finally:
            memory.close()
        for seq in seqs:
            if last is None or (seq < last if reverse else seq > last):
                yield events[seq]


def stamp() -> int:
    """The time to record before reading the sources (see save)."""
    return time.time_ns()
