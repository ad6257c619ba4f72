"""The validator: every problem of every file, located, with hints."""

from __future__ import annotations

import json
from pathlib import Path

from diaspora_cli.core.store import check_dataset
from tests.conftest import INVALID, MINI, run_cli

FIVE = INVALID / "multi" / "five-problems.toml"


def test_five_problems_all_reported_with_locations() -> None:
    result = run_cli(["validate", str(FIVE), "-f", "tsv", "--no-header", "--fields", "line,id,field,message,hint"])
    assert result.code == 1
    rows = [line.split("\t") for line in result.out.splitlines()]
    assert rows == [
        ["27", "bad-date", "date", "2001-02-30 is not a calendar day", ""],
        ["37", "bad-country", "countries", "unknown country 'GEO'", "did you mean 'GE'?"],
        ["45", "no-sources", "sources", "needs at least one entry", ""],
        ["51", "typo-key", "categroy", "unknown key 'categroy'", "did you mean 'category'?"],
        ["58", "end-before-start", "end", "end 1999 is before date 2001", ""],
        ["60", "end-before-start", "category", "unknown value 'protset'", "did you mean 'protest'?"],
    ]
    assert "invalid: 6 problems in 1 file\n" in result.err


def test_five_problems_as_text_on_a_terminal() -> None:
    result = run_cli(["validate", str(FIVE)], tty=True, width=200)
    assert result.code == 1
    lines = result.out.splitlines()
    assert len(lines) == 6
    assert (
        lines[1] == f"{FIVE}:37: events[1] 'bad-country': field 'countries': unknown country 'GEO'; did you mean 'GE'?"
    )


def test_json_report() -> None:
    result = run_cli(["validate", str(FIVE), "-f", "json"])
    assert result.code == 1
    report = json.loads(result.out)
    assert report["valid"] is False
    assert len(report["issues"]) == 6
    first = report["issues"][0]
    assert set(first) >= {"file", "line", "column", "kind", "index", "id", "field", "message", "hint", "location"}


def test_valid_dataset_exits_zero() -> None:
    result = run_cli(["validate", str(MINI)], tty=True)
    assert result.code == 0
    assert result.err.startswith("valid: 6 events, 2 organizations, 4 countries")


def test_every_other_command_refuses_invalid_data_with_the_same_messages() -> None:
    result = run_cli(["--data", str(FIVE), "timeline"])
    assert result.code == 1
    assert (
        f"{FIVE}:37: events[1] 'bad-country': field 'countries': unknown country 'GEO'; did you mean 'GE'?"
        in result.err
    )
    assert result.err.rstrip().endswith("run 'diaspora validate' for a report")
    assert result.out == ""


def test_problems_across_files_are_all_reported(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text((MINI / "dataset.toml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.toml").write_text(
        '[[events]]\nid = "x"\ndate = "2001"\ntitle = "t"\ncategory = "other"\n', encoding="utf-8"
    )
    (tmp_path / "c.toml").write_text("[[events]\n", encoding="utf-8")
    report = check_dataset([str(tmp_path)])
    messages = [str(i) for i in report.issues]
    assert any(m.startswith(f"{tmp_path / 'c.toml'}:1:") for m in messages)
    assert any("b.toml" in m and "'sources'" in m and "is required" in m for m in messages)


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text((MINI / "dataset.toml").read_text(encoding="utf-8"), encoding="utf-8")
    event = '[[events]]\nid = "same"\ndate = "2001"\ntitle = "t"\ncategory = "other"\nsources = ["s"]\n'
    (tmp_path / "b.toml").write_text(event, encoding="utf-8")
    (tmp_path / "c.toml").write_text(event, encoding="utf-8")
    messages = [str(i) for i in check_dataset([str(tmp_path)]).issues]
    assert any("duplicate id 'same'" in m and "b.toml" in m for m in messages)


def test_environment_variable_selects_data() -> None:
    result = run_cli(["timeline", "-f", "json", "--fields", "id", "--limit", "1"], environ={"DIASPORA_DATA": str(MINI)})
    assert json.loads(result.out) == [{"id": "emigre-wave-1920"}]


def test_data_option_beats_environment(tmp_path: Path) -> None:
    result = run_cli(
        ["--data", str(MINI), "countries", "-f", "json", "--fields", "code"],
        environ={"DIASPORA_DATA": str(tmp_path / "nope")},
    )
    assert [r["code"] for r in json.loads(result.out)] == ["AZ", "DE", "GE", "TR"]


def test_embedded_keyword_combines_with_own_files(tmp_path: Path) -> None:
    extra = tmp_path / "mine.toml"
    extra.write_text(
        '[[events]]\nid = "my-own-event"\ndate = "2024-05"\ntitle = "Mine"\ncategory = "other"\n'
        'countries = ["DE"]\nsources = ["my notes"]\n',
        encoding="utf-8",
    )
    result = run_cli(["--data", "@embedded", "--data", str(extra), "show", "my-own-event", "-f", "json"])
    assert result.code == 0, result.err
    assert json.loads(result.out)["title"] == "Mine"


def _event_variants() -> list[dict[str, object]]:
    import datetime as dt

    base: dict[str, object] = {
        "id": "ev-1",
        "date": "2001-11",
        "title": "A title",
        "category": "congress",
        "sources": ["https://example.org/1"],
        "countries": ["DE"],
        "tags": ["a-tag"],
        "organizations": ["org-1"],
        "description": "Text.",
        "place": "Bakı",
        "confidence": "high",
        "note": "n",
    }
    changes: list[dict[str, object]] = [
        {},
        {"circa": True},
        {"circa": False},
        {"circa": 1},
        {"date": dt.date(2001, 11, 9)},
        {"date": dt.datetime(2001, 11, 9, 10, 0)},
        {"date": "~1920"},
        {"date": "2001-02-30"},
        {"date": "999"},
        {"date": 2001},
        {"end": "2002", "circa": True},
        {"end": "2000"},
        {"end": dt.date(2001, 11, 30)},
        {"title": ""},
        {"title": "  "},
        {"title": "two\nlines"},
        {"title": 5},
        {"id": "Not-A-Slug"},
        {"id": ""},
        {"id": 3},
        {"description": 1.5},
        {"place": ["x"]},
        {"note": True},
        {"category": ""},
        {"category": "protset"},
        {"category": ["congress"]},
        {"confidence": ""},
        {"confidence": "certain"},
        {"confidence": 1},
        {"sources": []},
        {"sources": [" "]},
        {"sources": "https://example.org"},
        {"countries": []},
        {"countries": ["DE", ""]},
        {"countries": ["DE", 1]},
        {"tags": ["Bad Tag"]},
        {"tags": [["nested"]]},
        {"organizations": {"a": 1}},
        {"unknown": 1},
    ]
    out = [{**base, **change} for change in changes]
    for key in ("id", "date", "title", "category", "sources", "countries", "tags", "end"):
        out.append({k: v for k, v in base.items() if k != key})
    return out


def test_the_event_fast_path_builds_what_the_checker_builds_or_steps_aside() -> None:
    """_EventReader may only accept a table that _build_event accepts without an issue, and must
    build the same Event; everything else goes to the checker (so messages cannot differ)."""
    from diaspora_cli.core.loading import RawFile
    from diaspora_cli.core.validation.builders import _build_event, _EventReader
    from diaspora_cli.core.validation.records import _Checker, _Record

    reader = _EventReader()
    accepted = 0
    for table in _event_variants():
        checker = _Checker()
        slow = _build_event(_Record(checker, RawFile("f.toml", {}).source, "events", 0, table))
        fast = reader(table, "f.toml")
        if fast is not None:
            accepted += 1
            assert not checker.issues, (table, checker.issues)
            assert fast == slow
    assert accepted >= 10


def test_lines_come_from_the_file_as_parsed_or_not_at_all(tmp_path: Path) -> None:
    """The text is not kept after parsing: it is read again for a line, and only if unchanged."""
    from diaspora_cli.core.loading import load_files
    from diaspora_cli.core.validation import validate_dataset

    path = tmp_path / "five.toml"
    path.write_bytes(FIVE.read_bytes())
    raws, failures = load_files([path])
    assert not failures and raws[0].source._text is None  # nothing held before an issue needs it
    _, issues = validate_dataset(raws)
    assert [i.line for i in issues] == [27, 37, 45, 51, 58, 60]

    raws, _ = load_files([path])
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[[events]]", "[[ events]]", 1)[:-1], encoding="utf-8")  # same size
    assert len(path.read_bytes()) == len(FIVE.read_bytes())
    _, issues = validate_dataset(raws)
    assert issues[0].message == "2001-02-30 is not a calendar day"
    assert [i.line for i in issues] == [None] * 6  # no line rather than a wrong one


def test_counts_in_messages_read_as_english() -> None:
    from diaspora_cli.output.reports import count_noun as _count

    assert [_count(1, "problem"), _count(2, "problem"), _count(0, "file")] == ["1 problem", "2 problems", "0 files"]
    assert [_count(1, "country"), _count(3, "country")] == ["1 country", "3 countries"]
