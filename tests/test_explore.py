"""The explore commands through the CLI: rows, not only exit codes."""

from __future__ import annotations

import json

import pytest

from diaspora_cli.core.model import Dataset
from tests.conftest import Result, Run, run_cli


def rows(result: Result) -> list[dict[str, object]]:
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert isinstance(data, list)
    return data


def event_ids(result: Result) -> list[str]:
    return [str(r["id"]) for r in rows(result)]


ALL = ["emigre-wave-1920", "kultur-founded-1949", "span-1989-1992", "year-only-2001", "month-2001-06", "congress-2001"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], ALL),
        (["--from", "2001-06"], ["year-only-2001", "month-2001-06", "congress-2001"]),
        (["--to", "2001"], ALL),
        (["--to", "1949-01"], ["emigre-wave-1920"]),
        (["--from", "1949-02-01", "--to", "1949-02-01"], ["kultur-founded-1949"]),
        (["--year", "1990"], ["span-1989-1992"]),
        (["--country", "Almaniya"], ["year-only-2001", "month-2001-06"]),
        (
            ["--country", "DE", "--country", "tur"],
            ["emigre-wave-1920", "kultur-founded-1949", "year-only-2001", "month-2001-06"],
        ),
        (["--category", "emigration"], ["emigre-wave-1920", "span-1989-1992"]),
        (["--category", "congress", "--category", "culture"], ["month-2001-06", "congress-2001"]),
        (["--tag", "emigre"], ["emigre-wave-1920", "kultur-founded-1949"]),
        (["--org", "org-kultur"], ["kultur-founded-1949"]),
        (["--org", "Berlin Youth Union"], ["month-2001-06"]),
        (["--search", "ŞƏKİ"], ["year-only-2001"]),
        (["--search", "baku"], ["congress-2001"]),
        (["--limit", "2"], ALL[:2]),
        (["--reverse", "--limit", "1"], ["congress-2001"]),
        (["--country", "TR", "--tag", "emigre", "--from", "1940"], ["kultur-founded-1949"]),
        (["--category", "law"], []),
    ],
)
def test_timeline_filters(run: Run, args: list[str], expected: list[str]) -> None:
    assert event_ids(run("timeline", "-f", "json", *args)) == expected


def test_timeline_dates_keep_precision(run: Run) -> None:
    by_id = {r["id"]: r for r in rows(run("timeline", "-f", "json"))}
    assert by_id["year-only-2001"]["date"] == "2001"
    assert by_id["year-only-2001"]["when"] == "2001"
    assert by_id["month-2001-06"]["date"] == "2001-06"
    assert by_id["emigre-wave-1920"]["when"] == "c. 1920"
    assert by_id["emigre-wave-1920"]["circa"] is True
    assert by_id["span-1989-1992"]["when"] == "1989–1992"
    assert by_id["congress-2001"]["end"] == "2001-11-10"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--category", "protset"], 2, "--category: unknown value 'protset'; did you mean protest"),
        # One rule: a filter value that matches nothing is a usage mistake (2), whatever the flag.
        (["--country", "Atlantis"], 2, "--country: no country matches 'Atlantis'"),
        (["--country", "Germny"], 2, "did you mean Germany (DE)?"),
        (["--tag", "emgre"], 2, "did you mean emigre?"),
        (["--org", "org-kultr"], 2, "--org: no organization matches 'org-kultr'; did you mean org-kultur?"),
        (["--from", "2001-13"], 2, "--from: month 13 does not exist"),
        (["--from", "2002", "--to", "2001"], 2, "--from 2002 is after --to 2001: nothing can match"),
        (["--from", "2020", "--year", "2001"], 2, "--year 2001 lies outside --from 2020: nothing can match"),
    ],
)
@pytest.mark.parametrize("command", ["timeline", "stats", "chart", "export timelinejs -o -"])
def test_timeline_bad_filter_values(run: Run, command: str, args: list[str], code: int, message: str) -> None:
    result = run(*command.split(), *args)
    assert result.code == code
    assert message in result.err
    assert result.out == ""
    assert "Traceback" not in result.err


def test_country_json_holds_everything(run: Run) -> None:
    result = run("country", "almaniya", "-f", "json")
    assert result.code == 0
    doc = json.loads(result.out)
    assert doc["code"] == "DE" and doc["alpha3"] == "DEU" and doc["name"] == "Germany"
    assert doc["aliases"] == ["Deutschland", "Almaniya"]
    assert [p["figure"] for p in doc["population"]] == ["20,000–30,000", "15,219"]
    assert doc["population"][0]["low"] == 20000 and doc["population"][0]["kind"] == "encyclopaedia"
    assert [o["id"] for o in doc["organizations"]] == ["org-berlin-youth"]
    assert [e["id"] for e in doc["events"]] == ["year-only-2001", "month-2001-06"]
    assert doc["counts"] == {"population_figures": 2, "organizations": 1, "events": 2}


@pytest.mark.parametrize("name", ["istanbul region", "TÜRKİYE", "turkiye", "TUR", "tr", "Türkiyə"])
def test_country_names_resolve(run: Run, name: str) -> None:
    result = run("country", name, "-f", "json")
    assert json.loads(result.out)["code"] == "TR"


def test_country_miss(run: Run) -> None:
    result = run("country", "Germny")
    assert result.code == 1
    assert result.err == "diaspora: no country matches 'Germny'; did you mean Germany (DE)?\n"


def test_country_sections_in_tsv(run: Run) -> None:
    out = run("country", "DE", "-f", "tsv", "--section", "population").out.splitlines()
    assert out[0].split("\t") == ["figure", "value", "low", "high", "year", "kind", "source", "note"]
    assert [line.split("\t")[0] for line in out[1:]] == ["20,000–30,000", "15,219"]
    events = run("country", "DE", "-f", "tsv", "--section", "events", "--fields", "id").out.splitlines()
    assert events == ["id", "year-only-2001", "month-2001-06"]


def test_country_terminal_shows_all_sections(run: Run) -> None:
    result = run("country", "DE", tty=True)
    assert result.code == 0
    for text in ("Germany", "DE / DEU", "Population", "20,000–30,000", "Organizations", "org-berlin-youth", "Events"):
        assert text in result.out


def test_countries_rows(run: Run) -> None:
    data = {r["code"]: r for r in rows(run("countries", "-f", "json"))}
    assert list(data) == ["AZ", "DE", "GE", "TR"]
    assert data["DE"]["population_figure"] == "20,000–30,000"
    assert data["DE"]["population"] is None  # a range has no single number
    assert (data["DE"]["population_low"], data["DE"]["population_high"]) == (20_000, 30_000)
    single = [r for r in data.values() if r["population_figure"] and "–" not in r["population_figure"]]
    assert single and all(r["population"] == r["population_low"] == r["population_high"] for r in single)
    assert all(isinstance(r["population"], int) for r in single)
    assert data["DE"]["population_year"] == 2010
    assert data["DE"]["population_kind"] == "encyclopaedia"
    assert data["DE"]["organizations"] == 1 and data["DE"]["events"] == 2
    assert data["TR"]["first_event"] == 1920 and data["TR"]["last_event"] == 1949
    assert data["AZ"]["population"] is None


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], ["org-berlin-youth", "org-kultur"]),
        (["--country", "Türkiye"], ["org-kultur"]),
        (["--type", "youth"], ["org-berlin-youth"]),
        (["--founded-from", "1950"], ["org-berlin-youth"]),
        (["--founded-to", "1949"], ["org-kultur"]),
        (["--search", "KÜLTÜR"], ["org-kultur"]),
    ],
)
def test_orgs_filters(run: Run, args: list[str], expected: list[str]) -> None:
    assert [r["id"] for r in rows(run("orgs", "-f", "json", *args))] == expected


def test_orgs_by_status(shipped: Dataset) -> None:
    result = run_cli(["orgs", "--status", "defunct", "--status", "unknown", "-f", "json"])
    expected = sorted(o.id for o in shipped.organizations if o.status in ("defunct", "unknown"))
    assert result.code == 0 and result.err == ""
    got = json.loads(result.out)
    assert sorted(r["id"] for r in got) == expected and expected
    assert {r["status"] for r in got} == {"defunct", "unknown"}


def test_orgs_unknown_status_is_a_usage_error(run: Run) -> None:
    result = run("orgs", "--status", "gone")
    assert (result.code, result.out) == (2, "")
    assert result.err == "diaspora: --status: unknown value 'gone'; valid: active, defunct, unknown\n"


def test_orgs_unknown_type(run: Run) -> None:
    result = run("orgs", "--type", "yuoth")
    assert result.code == 2 and "did you mean youth" in result.err


def test_show_any_record(run: Run) -> None:
    event = json.loads(run("show", "congress-2001", "-f", "json").out)
    assert event["sources"] == ["Test source K"] and event["place"] == "Baku, Azerbaijan"
    org = json.loads(run("show", "org-kultur", "-f", "json").out)
    assert org["native_names"] == ["Azərbaycan Kültür Dərnəyi"] and org["founded"] == "1949-02-01"
    country = json.loads(run("show", "de", "-f", "json").out)
    assert country["name"] == "Germany" and len(country["population"]) == 2


def test_show_unknown_suggests(run: Run) -> None:
    result = run("show", "congress-2010")
    assert result.code == 1
    assert "no record matches 'congress-2010'; did you mean congress-2001?" in result.err


def test_search_kinds(run: Run) -> None:
    data = rows(run("search", "berlin", "-f", "json"))
    assert [(r["kind"], r["id"]) for r in data] == [("organization", "org-berlin-youth"), ("event", "month-2001-06")]


def test_search_nothing_is_empty_not_error(run: Run) -> None:
    result = run("search", "zzzz", "-f", "json")
    assert result.code == 0 and json.loads(result.out) == []


def test_on_this_day(run: Run) -> None:
    assert event_ids(run("on-this-day", "--date", "11-09", "-f", "json")) == ["congress-2001"]
    assert event_ids(run("on-this-day", "--date", "02-01", "-f", "json")) == ["kultur-founded-1949"]
    bad = run("on-this-day", "--date", "13-01")
    assert bad.code == 2 and "is not a month and day" in bad.err


def test_empty_result_note_only_on_terminal(run: Run) -> None:
    piped = run("timeline", "--category", "law")
    assert piped.code == 0 and piped.err == "" and piped.out.startswith("id\t")
    tty = run("timeline", "--category", "law", tty=True)
    assert tty.code == 0 and tty.err == "no events match\n"


def test_help_ends_with_examples() -> None:
    from diaspora_cli.cli.app import app

    for info in app.registered_commands:
        doc = info.callback.__doc__ or ""  # type: ignore[union-attr]
        assert "Examples:" in doc, info.name
        assert doc.rstrip().splitlines()[-1].strip().startswith("diaspora "), info.name


def test_narrow_terminal_gets_cards_not_folded_columns(run: Run) -> None:
    from rich.cells import cell_len

    result = run("countries", tty=True, width=40)
    assert result.code == 0
    lines = result.out.splitlines()
    assert all(cell_len(line) <= 40 for line in lines)
    # One card per country, each naming every default field on its own line.
    assert sum(1 for line in lines if line.split()[:1] == ["population_kind"]) == 4
    assert any(line.split() == ["name", "Germany"] for line in lines)


def test_wide_terminal_gets_a_grid(run: Run) -> None:
    result = run("countries", tty=True, width=120)
    header = next(line for line in result.out.splitlines() if line.strip())
    assert header.split() == [
        "code",
        "name",
        "population",
        "population_year",
        "population_kind",
        "organizations",
        "events",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["orgs", "--founded-from", "2000", "--founded-to", "1990"], "--founded-from 2000 is after --founded-to 1990"),
        (["orgs", "--country", "Atlantis"], "--country: no country matches 'Atlantis'"),
        (["search", ""], "search: give some text to look for"),
        (["timeline", "--fields", "when,titel"], "did you mean title?"),
    ],
)
@pytest.mark.parametrize("fmt", ["tsv", "csv", "json", "table"])
def test_usage_mistakes_exit_2_with_nothing_on_stdout(run: Run, args: list[str], message: str, fmt: str) -> None:
    result = run(*args, "-f", fmt)
    assert (result.code, result.out) == (2, "")
    assert message in result.err and "Traceback" not in result.err


@pytest.mark.parametrize("date", ["11-09", "11-9", "2001-11-09", "1999-11-09", " 11-09 "])
def test_on_this_day_takes_short_and_whole_dates(run: Run, date: str) -> None:
    assert event_ids(run("on-this-day", "--date", date, "-f", "json")) == ["congress-2001"]


@pytest.mark.parametrize("date", ["13-01", "2001-02-30", "11-09-2001", "1109", "٠٢-٠١", "2-", "11-009"])
def test_on_this_day_refuses_what_is_not_a_day(run: Run, date: str) -> None:
    result = run("on-this-day", "--date", date, "-f", "tsv")
    assert (result.code, result.out) == (2, "")
    assert f"--date: {date!r} is not a month and day" in result.err
