"""The SQLite export read by its real readers: a running datasette (JSON API) and sqlite-utils.

The embedded dataset is exported once; datasette is started on a free loopback port, queried
and stopped. It must find the full-text indexes (`_search=`), label foreign keys with titles,
and hold every source record with its fields.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from diaspora_cli.core.model import Dataset
from tests.conftest import run_cli

pytest.importorskip("datasette")


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("datasette") / "d.db"
    result = run_cli(["export", "sqlite", "-o", str(path)])
    assert result.code == 0, result.err
    with contextlib.closing(sqlite3.connect(path)) as conn:  # `with connect()` alone never closes
        try:
            conn.execute("CREATE VIRTUAL TABLE temp.probe USING fts5(x)")
        except sqlite3.OperationalError:
            pytest.skip("this Python's SQLite has no FTS5")
    return path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(database: Path) -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(database), "-h", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"{base}/-/versions.json", timeout=1):
                    break
            except OSError:
                if process.poll() is not None:
                    raise AssertionError(
                        process.stderr.read().decode() if process.stderr else "datasette died"
                    ) from None
                time.sleep(0.1)
        else:
            raise AssertionError("datasette did not start")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def get(server: str, path: str) -> Any:
    with urllib.request.urlopen(server + path, timeout=10) as response:
        return json.loads(response.read().decode("utf-8"))


def fts_ids(database: Path, table: str, key: str, word: str) -> set[str]:
    with contextlib.closing(sqlite3.connect(database)) as conn:
        sql = f"SELECT t.{key} FROM {table}_fts f JOIN {table} t ON t.rowid = f.rowid WHERE {table}_fts MATCH ?"
        return {str(r[0]) for r in conn.execute(sql, (word,))}


@pytest.mark.parametrize(
    ("table", "key", "word"),
    [("events", "id", "khojaly"), ("organizations", "id", "kultur"), ("sources", "source_id", "wikipedia")],
)
def test_search_works_in_datasette_on_each_table(server: str, database: Path, table: str, key: str, word: str) -> None:
    rows = get(server, f"/d/{table}.json?_search={word}&_shape=array&_size=max")
    found = {str(r[key]) for r in rows}
    expected = fts_ids(database, table, key, word)
    assert found == expected and expected
    everything = get(server, f"/d/{table}.json?_size=0")["filtered_table_rows_count"]
    assert len(found) < everything


def test_datasette_labels_sources_by_title_and_holds_every_source(server: str, shipped: Dataset) -> None:
    rows: list[dict[str, Any]] = []
    page: str | None = "/d/sources.json?_shape=objects&_size=max"
    while page:  # datasette pages at 1,000 rows
        body = get(server, page)
        rows += body["rows"]
        page = body.get("next_url")
        if page:
            page = page.split(server, 1)[-1] if server in page else page
    by_id = {r["source_id"]: r for r in rows if r["source_id"] is not None}  # None: a source given inline
    assert set(by_id) == {s.id for s in shipped.sources}
    for source in shipped.sources:
        row = by_id[source.id]
        assert (row["title"], row["publisher"], row["kind"], row["url"]) == (
            source.title,
            source.publisher,
            source.kind,
            source.url,
        )
        assert row["independent"] == int(source.independent)
    links = get(server, "/d/event_sources.json?_labels=on&_shape=array&_size=50")
    titles = {s.title for s in shipped.sources}
    assert links and all(link["source_id"]["label"] in titles for link in links)
    events = {e.id: e.title for e in shipped.events}
    assert all(events[link["event_id"]["value"]] == link["event_id"]["label"] for link in links)


def test_sqlite_utils_reads_tables_and_search(database: Path, shipped: Dataset) -> None:
    tool = shutil.which("sqlite-utils") or str(Path(sys.executable).with_name("sqlite-utils"))
    if not Path(tool).exists():
        pytest.skip("sqlite-utils is not installed")
    tables = json.loads(
        subprocess.run([tool, "tables", str(database), "--counts"], capture_output=True, text=True, check=True).stdout
    )
    counts = {t["table"]: t["count"] for t in tables}
    assert counts["events"] == len(shipped.events)
    assert counts["organizations"] == len(shipped.organizations)
    inline = {r for rec in (*shipped.events, *shipped.organizations, *shipped.countries) for r in rec.sources}
    inline |= {f.source for c in shipped.countries for f in c.population}
    inline = {r for r in inline if shipped.source(r) is None}
    assert counts["sources"] == len(shipped.sources) + len(inline)
    out = subprocess.run(
        [tool, "search", str(database), "events", "khojaly", "-c", "id"], capture_output=True, text=True, check=True
    ).stdout
    found = {r["id"] for r in json.loads(out)}
    assert found == fts_ids(database, "events", "id", "khojaly")
