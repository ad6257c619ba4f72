"""`diaspora export`: each format read back by its real reader (json, sqlite3, headless Chromium)."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from diaspora_cli.cli.spec import COMMANDS
from diaspora_cli.exporters import EXPORTERS
from diaspora_cli.exporters import sqlite as sqlite_exporter
from tests.conftest import MINI, Result, Run, run_cli

FILTERS = [
    [],
    ["--country", "TR"],
    ["--from", "2001", "--to", "2001"],
    ["--category", "emigration", "--reverse"],
    ["--tag", "emigre", "--limit", "1"],
    ["--search", "berlin"],
]

# TimelineJS 3 JSON format (timeline.knightlab.com/docs/json-format.html).
SLIDE_KEYS = {"start_date", "end_date", "text", "media", "group", "display_date", "background", "autolink", "unique_id"}
DATE_KEYS = {"year", "month", "day", "hour", "minute", "second", "millisecond", "display_date", "format"}

HOSTILE = """
[[events]]
id = "hostile-1999"
date = "1999"
title = "<script>alert(1)</script> & \\"quotes\\""
description = "Ends the script: </script><!-- and & more"
category = "other"
countries = ["DE"]
sources = ["https://example.org/a?b=1&c=<2>", "javascript:alert(1)", "Book & <i>chapter</i>"]
"""


def timeline_ids(run: Run, *args: str) -> list[str]:
    result = run("timeline", "-f", "json", *args)
    assert result.code == 0, result.err
    return [row["id"] for row in json.loads(result.out)]


def ok(result: Result) -> Result:
    assert result.code == 0, result.err
    return result


@pytest.fixture
def hostile_data(tmp_path: Path) -> Path:
    """The mini dataset plus one event whose text tries to break out of HTML and JSON."""
    folder = tmp_path / "hostile"
    shutil.copytree(MINI, folder)
    with open(folder / "records.toml", "a", encoding="utf-8") as handle:
        handle.write(HOSTILE)
    return folder


# ---- registry --------------------------------------------------------------------------------------


def test_help_names_every_exporter() -> None:
    assert COMMANDS["export"].param("fmt").choices == tuple(EXPORTERS)


# ---- TimelineJS --------------------------------------------------------------------------------------


def check_date(obj: Any) -> dict[str, str]:
    assert isinstance(obj, dict)
    assert set(obj) <= DATE_KEYS
    assert "year" in obj
    for key in ("year", "month", "day"):
        if key in obj:
            assert isinstance(obj[key], str) and obj[key].isdigit(), (key, obj)
    if "day" in obj:
        assert "month" in obj
    return obj


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: " ".join(f) or "all")
def test_timelinejs_follows_the_format_and_the_filters(run: Run, filters: list[str]) -> None:
    doc = json.loads(ok(run("export", "timelinejs", "-o", "-", *filters)).out)
    assert set(doc) <= {"events", "title", "eras", "scale"}
    assert isinstance(doc["events"], list)
    assert doc["title"]["text"]["headline"] == "Mini test dataset"
    assert "start_date" not in doc["title"]
    ids = []
    for slide in doc["events"]:
        assert set(slide) <= SLIDE_KEYS
        check_date(slide["start_date"])
        if "end_date" in slide:
            check_date(slide["end_date"])
        assert isinstance(slide["text"]["headline"], str) and slide["text"]["headline"]
        assert "Sources:" in slide["text"]["text"]
        assert isinstance(slide["group"], str)
        ids.append(slide["unique_id"])
    assert ids == timeline_ids(run, *filters)


def test_timelinejs_dates_keep_their_precision(run: Run) -> None:
    doc = json.loads(ok(run("export", "timelinejs", "-o", "-")).out)
    slides = {s["unique_id"]: s for s in doc["events"]}
    assert slides["year-only-2001"]["start_date"] == {"year": "2001"}
    assert "end_date" not in slides["year-only-2001"]
    assert slides["year-only-2001"]["display_date"] == "2001"
    assert slides["month-2001-06"]["start_date"] == {"year": "2001", "month": "6"}
    assert slides["emigre-wave-1920"]["start_date"] == {"year": "1920"}
    assert slides["emigre-wave-1920"]["display_date"] == "c. 1920"
    assert slides["span-1989-1992"]["start_date"] == {"year": "1989"}
    assert slides["span-1989-1992"]["end_date"] == {"year": "1992"}
    assert slides["span-1989-1992"]["display_date"] == "1989–1992"
    assert slides["congress-2001"]["start_date"] == {"year": "2001", "month": "11", "day": "9"}
    assert slides["congress-2001"]["end_date"] == {"year": "2001", "month": "11", "day": "10"}
    assert slides["congress-2001"]["group"] == "congress"
    assert "Test source K" in slides["congress-2001"]["text"]["text"]


def test_timelinejs_escapes_text_and_links_only_web_sources(hostile_data: Path) -> None:
    result = ok(run_cli(["--data", str(hostile_data), "export", "timelinejs", "-o", "-"]))
    slide = next(s for s in json.loads(result.out)["events"] if s["unique_id"] == "hostile-1999")
    assert slide["text"]["headline"] == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"
    body = slide["text"]["text"]
    assert "<script" not in body and "<!--" not in body and "<i>" not in body
    assert '<a href="https://example.org/a?b=1&amp;c=&lt;2&gt;">' in body
    assert 'href="javascript' not in body
    assert "<li>javascript:alert(1)</li>" in body


# ---- SQLite -----------------------------------------------------------------------------------------


_OPEN: list[sqlite3.Connection] = []


@pytest.fixture(autouse=True)
def _close_connections() -> Iterator[None]:
    """Close what a test opened: Python 3.13 warns about connections left to the collector."""
    yield
    while _OPEN:
        _OPEN.pop().close()


def connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    _OPEN.append(conn)
    return conn


def export_db(run: Run, path: Path, *filters: str) -> sqlite3.Connection:
    ok(run("export", "sqlite", "-o", str(path), *filters))
    return connect(path)


def count(conn: sqlite3.Connection, sql: str, *params: object) -> int:
    value = conn.execute(sql, params).fetchone()[0]
    assert isinstance(value, int)
    return value


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: " ".join(f) or "all")
def test_sqlite_rows_match_the_cli(run: Run, tmp_path: Path, filters: list[str]) -> None:
    conn = export_db(run, tmp_path / "d.db", *filters)
    timeline = json.loads(ok(run("timeline", "-f", "json", *filters)).out)
    ids = [row["id"] for row in timeline]
    assert [r[0] for r in conn.execute("SELECT id FROM events ORDER BY position")] == ids
    assert count(conn, "SELECT count(*) FROM event_countries") == sum(len(r["countries"]) for r in timeline)
    assert count(conn, "SELECT count(*) FROM event_tags") == sum(len(r["tags"]) for r in timeline)
    assert count(conn, "SELECT count(*) FROM event_organizations") == sum(len(r["organizations"]) for r in timeline)
    assert count(conn, "SELECT count(*) FROM event_sources") == sum(len(set(r["sources"])) for r in timeline)
    countries = json.loads(ok(run("countries", "-f", "json")).out)
    assert count(conn, "SELECT count(*) FROM countries") == len(countries)
    assert count(conn, "SELECT count(*) FROM population_figures") == sum(c["figures"] for c in countries)
    assert count(conn, "SELECT count(*) FROM organizations") == len(json.loads(ok(run("orgs", "-f", "json")).out))
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_sqlite_schema_has_keys_indexes_and_dates(run: Run, tmp_path: Path) -> None:
    conn = export_db(run, tmp_path / "d.db")
    targets = {
        row[2]
        for table in ("event_countries", "event_sources", "organizations", "population_figures")
        for row in conn.execute(f"PRAGMA foreign_key_list({table})")
    }
    assert targets == {"events", "countries", "sources"}
    indexes = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"events_first_day", "event_countries_country", "event_tags_tag"} <= indexes
    row = conn.execute(
        'SELECT date, end_date, precision, circa, first_day, last_day, "when" FROM events WHERE id = ?',
        ("year-only-2001",),
    ).fetchone()
    assert row == ("2001", None, "year", 0, "2001-01-01", "2001-12-31", "2001")
    row = conn.execute("SELECT date, first_day, last_day FROM events WHERE id = 'month-2001-06'").fetchone()
    assert row == ("2001-06", "2001-06-01", "2001-06-30")
    assert conn.execute("SELECT circa, \"when\" FROM events WHERE id = 'emigre-wave-1920'").fetchone() == (1, "c. 1920")
    assert conn.execute("SELECT value FROM dataset WHERE key = 'name'").fetchone() == ("Mini test dataset",)
    by_day = [
        r[0] for r in conn.execute("SELECT id FROM events WHERE first_day <= '2001-06-15' AND last_day >= '2001-06-15'")
    ]
    assert sorted(by_day) == ["month-2001-06", "year-only-2001"]


def test_sqlite_full_text_search(run: Run, tmp_path: Path) -> None:
    conn = export_db(run, tmp_path / "d.db")
    if not sqlite_exporter.has_fts5(conn):
        pytest.skip("this Python's SQLite has no FTS5")
    query = "SELECT e.id FROM events_fts JOIN events e ON e.rowid = events_fts.rowid WHERE events_fts MATCH ?"
    assert [r[0] for r in conn.execute(query, ("congress",))] == ["congress-2001"]
    assert [r[0] for r in conn.execute(query, ("istanbul",))] == ["year-only-2001"]  # "İstanbul" in the text
    assert [r[0] for r in conn.execute(query, ("emigres",))] == ["emigre-wave-1920"]  # "Émigrés", accents removed


def test_sqlite_without_fts5_says_so(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sqlite_exporter, "has_fts5", lambda conn: False)
    result = ok(run("export", "sqlite", "-o", str(tmp_path / "d.db")))
    assert "no full-text index" in result.err
    conn = connect(tmp_path / "d.db")
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'events_fts'").fetchone() == (0,)
    assert count(conn, "SELECT count(*) FROM events") == 6


# ---- HTML ---------------------------------------------------------------------------------------------


def test_html_is_self_contained_accessible_and_escaped(hostile_data: Path) -> None:
    page = ok(run_cli(["--data", str(hostile_data), "export", "html", "-o", "-"])).out
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in page
    for landmark in ("<header>", "<nav ", "<main ", "<footer>"):
        assert landmark in page
    assert page.count("<h1>") == 1 and "<h2 " in page and "<h3 " in page
    for control in ("q", "category", "country", "decade"):
        assert f'<label for="{control}">' in page and f'id="{control}"' in page
    assert 'role="status"' in page
    # No network at view time: nothing is loaded from anywhere, and the policy forbids it.
    assert not re.search(r"\bsrc=", page)
    assert not re.search(r"<link\b", page)
    assert "default-src 'none'" in page
    # The hostile event: escaped in the markup, and the embedded JSON cannot end its <script>.
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;" in page
    assert page.count("<script") == 2 and page.count("</script>") == 2
    assert "<!--" not in page
    data = re.search(r'<script type="application/json" id="diaspora-data">(.*?)</script>', page, re.S)
    assert data is not None
    payload = json.loads(data.group(1))
    assert {e["id"] for e in payload["events"]} >= {"hostile-1999", "congress-2001"}
    assert '<a href="https://example.org/a?b=1&amp;c=&lt;2&gt;">' in page
    assert 'href="javascript' not in page


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--virtual-time-budget=5000",
]


def render(page: Path, fragment: str, profile: Path) -> str:
    """The page's DOM after its script ran, as headless Chromium dumps it."""
    assert CHROMIUM is not None
    url = page.resolve().as_uri() + fragment
    proc = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", url],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "HOME": str(profile)},
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def shown(dom: str) -> list[str]:
    """Ids of the events the page shows (rendered and not hidden)."""
    items = re.findall(r'<li class="event"[^>]*>', dom)
    assert items, "no events rendered"
    return [re.search(r'data-id="([^"]+)"', tag).group(1) for tag in items if " hidden" not in tag]  # type: ignore[union-attr]


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium)")
@pytest.mark.parametrize(
    ("fragment", "timeline_args"),
    [
        ("", []),
        ("#q=congress", ["--search", "congress"]),
        ("#q=SEKI", ["--search", "SEKI"]),  # folded like the CLI: "Şəki"
        ("#category=emigration", ["--category", "emigration"]),
        ("#country=DE&q=berlin", ["--country", "DE", "--search", "berlin"]),
        ("#decade=1990", ["--from", "1990", "--to", "1999"]),
        ("#q=no-such-words", ["--search", "no-such-words"]),
    ],
)
def test_html_in_chromium_renders_and_filters(
    run: Run, tmp_path: Path, fragment: str, timeline_args: list[str]
) -> None:
    page = tmp_path / "page.html"
    ok(run("export", "html", "-o", str(page)))
    dom = render(page, fragment, tmp_path / "profile")
    assert re.search(r'<form id="filters" role="search"(?! hidden)', dom), "the script did not run"
    expected = timeline_ids(run, *timeline_args)
    assert sorted(shown(dom)) == sorted(expected)
    total = len(timeline_ids(run))
    status = re.search(r'<p id="count"[^>]*>([^<]*)<', dom)
    assert status is not None
    assert status.group(1) == (
        f"{len(expected)} of {total} events shown" if expected else "No events match the filters."
    )


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium)")
@pytest.mark.parametrize(
    ("data", "query"),
    [
        ("names", "Bakı"),  # a place's other-language name: the event says "Baku"
        ("names", "Bakü"),
        ("names", "Баку"),  # Cyrillic, romanised in the page as in Python (iuliia's scheme)
        ("names", "Rəsulzadə"),  # a linked person's Azerbaijani name
        ("names", "Мамед Эмин"),
        ("names", "men"),  # short: as typed only
        ("shipped", "Ходжалы"),  # the loose key: дж -> j, y -> i
        ("shipped", "Xocalı"),  # x -> kh, c -> j in an Azerbaijani word
        ("shipped", "Azərbaycan Respublikası"),
        ("shipped", "Topçubaşov"),
    ],
)
def test_html_search_box_knows_spellings_as_the_cli_does(tmp_path: Path, data: str, query: str) -> None:
    from urllib.parse import quote

    from tests.conftest import run_cli

    root = ["--data", str(Path(__file__).parent / "data" / "valid" / "names")] if data == "names" else []

    def cli(*args: str) -> Result:
        return run_cli(["--no-cache", *root, *args])

    page = tmp_path / "page.html"
    ok(cli("export", "html", "-o", str(page)))
    dom = render(page, "#q=" + quote(query), tmp_path / "profile")
    expected = [row["id"] for row in json.loads(ok(cli("timeline", "--search", query, "-f", "json")).out)]
    assert sorted(shown(dom)) == sorted(expected)
    if query not in ("men",):
        assert expected, query  # each query finds something, so the comparison means something


# ---- writing safely --------------------------------------------------------------------------------------


def test_existing_file_is_kept_without_force(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("precious", encoding="utf-8")
    result = run("export", "timelinejs", "-o", str(target))
    assert result.code == 1
    assert "exists; use --force" in result.err
    assert target.read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]  # no temporary file left behind


def test_force_replaces_the_file(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    ok(run("export", "timelinejs", "-o", str(target), "--force"))
    assert len(json.loads(target.read_text(encoding="utf-8"))["events"]) == 6
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


@pytest.mark.parametrize("fmt", list(EXPORTERS))
def test_new_file_is_written_readable_by_others(run: Run, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    old = os.umask(0o022)
    try:
        ok(run("export", fmt, "-o", str(target)))
    finally:
        os.umask(old)
    assert target.stat().st_size > 0
    assert target.stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("fmt", ["timelinejs", "html"])
def test_dash_writes_to_stdout(run: Run, tmp_path: Path, fmt: str) -> None:
    result = ok(run("export", fmt, "-o", "-"))
    assert result.out.strip()
    assert not (tmp_path / "-").exists() and not Path("-").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "sqlite", "-o", "-"], "cannot go to stdout"),
        (["export", "pdf", "-o", "x"], "unknown format 'pdf'"),
        (["export", "html"], "Missing option"),
        (["export", "html", "-o", "x", "--category", "nope"], "--category"),
    ],
)
def test_usage_errors(run: Run, args: list[str], message: str) -> None:
    result = run(*args)
    assert result.code == 2
    assert message in result.err
    assert not Path("x").exists()


def test_a_folder_is_not_a_target(run: Run, tmp_path: Path) -> None:
    result = run("export", "html", "-o", str(tmp_path), "--force")
    assert result.code == 2
    assert "is a folder" in result.err
