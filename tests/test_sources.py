"""Sources as records: the schema's checks, the record views, `diaspora sources`, and source facets."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

from tests.conftest import run_cli

DATASET = """\
[dataset]
name = "Sourced test data"
description = "Records citing source records."
homeland = "AZ"
version = "1"
license = "CC0-1.0"
sources_policy = "Cite by id."
mirror_domains = ["mirror.example"]

[[sources]]
id = "src-state-agency"
url = "https://agency.example/a"
title = "Agency report"
publisher = "State Agency"
kind = "state-media"
language = "en"
published = "2016-06-03"

[[sources]]
id = "src-ministry"
url = "https://ministry.example/b"
title = "Ministry page"
publisher = "Ministry"
kind = "state-body"
language = "az"

[[sources]]
id = "src-journal"
url = "https://journal.example/c"
title = "A study"
publisher = "Journal of Tests"
kind = "academic"
language = "en"
published = "2019"

[[countries]]
code = "AZ"
alpha3 = "AZE"
name = "Azerbaijan"
region = "caucasus"
framing = "homeland"
sources = ["src-journal"]

[[countries]]
code = "DE"
alpha3 = "DEU"
name = "Germany"
region = "western-europe"
framing = "diaspora"
sources = ["src-ministry"]

[[events]]
id = "state-only"
date = "2016-06-03"
title = "Reported by state sources only"
category = "congress"
countries = ["AZ"]
sources = ["src-state-agency", "src-ministry"]
checked = 2026-12-04

[[events]]
id = "mixed"
date = "2019"
title = "Reported by a study and an agency"
category = "culture"
countries = ["DE"]
sources = ["src-journal", "src-state-agency"]

[[events]]
id = "inline"
date = "2020"
title = "Cited inline"
category = "other"
countries = ["DE"]
sources = ["https://news.example/inline"]
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "sourced.toml"
    path.write_text(DATASET, encoding="utf-8")
    return path


def cli(data: Path, *args: str) -> tuple[int, str, str]:
    result = run_cli(["--data", str(data), *args])
    return result.code, result.out, result.err


def as_json(data: Path, *args: str) -> object:
    code, out, err = cli(data, *args, "-f", "json")
    assert (code, err) == (0, ""), err
    return json.loads(out)


def test_sources_lists_every_source_record_with_its_citing_count(data: Path) -> None:
    rows = as_json(data, "sources")
    assert isinstance(rows, list)
    assert [r["id"] for r in rows] == ["src-journal", "src-ministry", "src-state-agency"]
    by_id = {r["id"]: r for r in rows}
    assert by_id["src-state-agency"]["cited_by"] == 2 and by_id["src-state-agency"]["published"] == "2016-06-03"
    assert by_id["src-ministry"]["independent"] is False and by_id["src-journal"]["independent"] is True


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--kind", "state-body", "--kind", "state-media"], ["src-ministry", "src-state-agency"]),
        (["--publisher", "JOURNAL"], ["src-journal"]),
        (["--record", "mixed"], ["src-journal", "src-state-agency"]),
        (["--record", "DE"], ["src-ministry"]),
        (["--record", "src-ministry"], ["src-ministry"]),
    ],
)
def test_sources_filters(data: Path, args: list[str], expected: list[str]) -> None:
    rows = as_json(data, "sources", *args)
    assert isinstance(rows, list) and [r["id"] for r in rows] == expected


def test_sources_by_kind_counts_sources_and_distinct_citing_records(data: Path) -> None:
    rows = as_json(data, "sources", "--by", "kind")
    assert isinstance(rows, list)
    counts = {r["value"]: (r["sources"], r["records"]) for r in rows}
    # state-media: src-state-agency, cited by state-only and mixed; state-body: src-ministry (state-only, DE).
    assert counts == {"state-media": (1, 2), "state-body": (1, 2), "academic": (1, 2)}


def test_unknown_kind_is_a_usage_error_with_nothing_on_stdout(data: Path) -> None:
    code, out, err = cli(data, "sources", "--kind", "blog")
    assert (code, out) == (2, "")
    assert err.startswith("diaspora: --kind: unknown value 'blog'; valid: state-body, state-media")


def test_record_views_say_what_a_record_rests_on(data: Path) -> None:
    state_only = as_json(data, "show", "state-only")
    assert isinstance(state_only, dict)
    assert state_only["sources_independent"] is False and state_only["sourcing"] == "state only"
    assert state_only["source_publishers"] == ["State Agency", "Ministry"]
    assert state_only["source_kinds"] == ["state-media", "state-body"]
    assert [s["title"] for s in state_only["cited_sources"]] == ["Agency report", "Ministry page"]
    assert state_only["checked"] == "2026-12-04"
    mixed = as_json(data, "show", "mixed")
    assert isinstance(mixed, dict) and mixed["sources_independent"] is True and mixed["sourcing"] is None
    inline = as_json(data, "show", "inline")
    assert isinstance(inline, dict) and inline["sources_independent"] is None and inline["cited_sources"] == []


def test_show_a_source_lists_the_records_citing_it(data: Path) -> None:
    source = as_json(data, "show", "src-ministry")
    assert isinstance(source, dict) and source["publisher"] == "Ministry"
    assert source["cited_by_records"] == [
        {"kind": "country", "id": "DE", "title": "Germany"},
        {"kind": "event", "id": "state-only", "title": "Reported by state sources only"},
    ]


def test_timeline_table_marks_state_only_records(data: Path) -> None:
    result = run_cli(["--data", str(data), "timeline"], tty=True, width=120)
    lines = {line.split()[0]: line for line in result.out.splitlines() if line.strip()[:4].isdigit()}
    assert "state only" in lines["2016-06-03"] and "state only" not in lines["2019"]


def test_source_facets_drill_down_to_exactly_their_events(data: Path) -> None:
    for by in ("source-kind", "publisher"):
        buckets = as_json(data, "stats", "--by", by)
        assert isinstance(buckets, list) and buckets
        for bucket in buckets:
            args = shlex.split(bucket["command"])[1:]  # drop "diaspora"; the command carries --data
            rows = json.loads(run_cli([*args, "-f", "json"]).out)
            assert len(rows) == bucket["count"], bucket
    kinds = {b["bucket"]: b["count"] for b in as_json(data, "stats", "--by", "source-kind")}  # type: ignore[union-attr]
    assert kinds == {"state-media": 2, "state-body": 1, "academic": 1}


def test_timeline_by_publisher_is_exact_and_a_typo_suggests(data: Path) -> None:
    rows = as_json(data, "timeline", "--publisher", "state agency")
    assert isinstance(rows, list) and [r["id"] for r in rows] == ["state-only", "mixed"]
    code, out, err = cli(data, "timeline", "--publisher", "Minstry")
    assert (code, out) == (2, "") and "did you mean 'Ministry'?" in err


@pytest.mark.parametrize(
    ("changes", "message", "marker"),
    [
        (
            [('["src-journal"]\n\n[[countries]]', '["src-jurnal"]\n\n[[countries]]')],
            "unknown source id 'src-jurnal'",
            '["src-jurnal"]',
        ),
        (
            [("https://ministry.example/b", "https://agency.example/a")],
            "same url as source 'src-state-agency'",
            "https://agency.example/a",
        ),
        (
            [("https://journal.example/c", "https://www.mirror.example/c")],
            "mirror.example is a mirror",
            "www.mirror.example",
        ),
        (
            [("https://news.example/inline", "https://mirror.example/x")],
            "mirror.example is a mirror",
            "mirror.example/x",
        ),
        (
            [
                ('["src-journal"]\n\n[[countries]]', '["src-ministry"]\n\n[[countries]]'),
                ('["src-journal", "src-state-agency"]', '["src-state-agency"]'),
            ],
            "source 'src-journal' is cited by no record",
            'id = "src-journal"',
        ),
    ],
)
def test_validation_of_sources(data: Path, changes: list[tuple[str, str]], message: str, marker: str) -> None:
    text = data.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new, 1)
    data.write_text(text, encoding="utf-8")
    # The problem is reported at the line that holds it (the last line with the marker: a duplicate's second copy).
    line = max(n for n, content in enumerate(text.splitlines(), 1) if marker in content)
    code, out, err = cli(data, "validate", "-f", "json")
    assert code == 1 and err == ""
    issues = json.loads(out)["issues"]
    found = [i for i in issues if message in i["message"]]
    assert len(found) == 1, issues
    assert found[0]["line"] == line and found[0]["location"].endswith(f"sourced.toml:{line}")


def test_strict_reports_inline_sources_and_the_plain_run_accepts_them(data: Path) -> None:
    assert cli(data, "validate")[0] == 0
    code, out, _ = cli(data, "validate", "--strict", "-f", "json")
    issues = json.loads(out)["issues"]
    assert code == 1 and [i["id"] for i in issues] == ["inline"]
    assert "[[sources]]" in issues[0]["hint"] and "source given inline" in issues[0]["message"]


def test_a_dataset_without_source_records_keeps_citing_text(tmp_path: Path) -> None:
    from tests.conftest import MINI

    result = run_cli(["--data", str(MINI), "validate"])
    assert result.code == 0
    result = run_cli(["--data", str(MINI), "sources", "-f", "json"])
    assert (result.code, json.loads(result.out)) == (0, [])


def test_exports_carry_the_source_records(data: Path, tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "d.db"
    assert cli(data, "export", "sqlite", "-o", str(db))[0] == 0
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT s.source_id, s.title, s.publisher, s.kind, s.independent, s.published FROM sources s"
            " JOIN event_sources es ON es.source_id = s.id WHERE es.event_id = 'state-only' ORDER BY s.id"
        ).fetchall()
        inline = conn.execute("SELECT citation, title, url, source_id FROM sources WHERE source_id IS NULL").fetchall()
    finally:
        conn.close()
    assert sorted(rows) == [
        ("src-ministry", "Ministry page", "Ministry", "state-body", 0, None),
        ("src-state-agency", "Agency report", "State Agency", "state-media", 0, "2016-06-03"),
    ]
    assert inline == [("https://news.example/inline",) * 3 + (None,)]
    code, page, _ = cli(data, "export", "html", "-o", "-")
    assert code == 0
    assert '<a href="https://agency.example/a">Agency report · State Agency · 2016-06-03</a>' in page
    code, timeline, _ = cli(data, "export", "timelinejs", "-o", "-")
    slides = {s["unique_id"]: s["text"]["text"] for s in json.loads(timeline)["events"]}
    assert "A study · Journal of Tests · 2019</a>" in slides["mixed"]
