"""`diaspora stats`: counts equal what timeline (or orgs) lists, and every drill-down lists exactly its bucket."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pytest
import typer
import typer.main
import typer.testing

from diaspora_cli.cli.app import app
from diaspora_cli.core.facets import BY_CHOICES
from diaspora_cli.core.loading import embedded_root
from diaspora_cli.core.model import Dataset
from diaspora_cli.output.charts import command_lines
from diaspora_cli.output.render import FORMATS
from tests.conftest import MINI, Result, run_cli

SHIPPED = str(embedded_root())
EVENT_FACETS = [by for by in BY_CHOICES if by != "type"]
ANSI = re.compile(r"\x1b\[[0-9;]*m")
LOADED: dict[tuple[str, ...], Dataset] = {}

FILTERS = [
    [],
    ["--country", "DE", "--country", "TR"],
    ["--from", "1995", "--to", "2005-06"],
    ["--year", "2001"],
    ["--tag", "emigre"],
    ["--category", "emigration", "--category", "congress"],
    ["--search", "congress in"],
    ["--to", "1990-06"],
]


@pytest.fixture(autouse=True)
def load_once(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Hundreds of drill-downs run here: parse each dataset once (a Dataset is frozen, so sharing is safe)."""
    from diaspora_cli.core import store

    real = store.open_dataset

    def cached(data: Sequence[str], environ: Mapping[str, str], use_cache: bool = True) -> Dataset:
        key = tuple(data)
        if key not in LOADED:
            LOADED[key] = real(data, environ, use_cache)
        return LOADED[key]

    monkeypatch.setattr(store, "open_dataset", cached)
    # Building the Click command from the Typer app is most of a run's time; it never changes.
    if hasattr(typer.testing, "_get_command"):
        command = typer.main.get_command(app)
        monkeypatch.setattr(typer.testing, "_get_command", lambda _app: command)
    yield


def rows(result: Result) -> list[dict[str, object]]:
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert isinstance(data, list)
    return data


def stats(data: str, *args: str) -> list[dict[str, object]]:
    return rows(run_cli(["--data", data, "stats", "-f", "json", *args]))


def count_rows(args: list[str]) -> int:
    return len(rows(run_cli([*args, "-f", "json"])))


def independent_query(by: str, bucket: object, filters: list[str]) -> list[str]:
    """The timeline arguments for a bucket, written here without the code under test."""
    if by == "decade":
        assert isinstance(bucket, int)
        start, end = bucket, bucket + 9
        if "--year" in filters:
            return ["timeline", *filters]  # the year already lies inside its decade
        if "--from" in filters or "--to" in filters:
            return ["timeline", *filters, *_clip(filters, start, end)]
        return ["timeline", *filters, "--from", str(start), "--to", str(end)]
    if by == "year":
        rest = [f for i, f in enumerate(filters) if f != "--year" and (i == 0 or filters[i - 1] != "--year")]
        return ["timeline", *rest, "--year", str(bucket)]
    flag = {
        "country": "--country",
        "category": "--category",
        "tag": "--tag",
        "source-kind": "--source-kind",
        "publisher": "--publisher",
    }[by]
    rest = []
    skip = False
    for i, f in enumerate(filters):
        if skip:
            skip = False
            continue
        if f == flag:
            skip = True
            continue
        rest.append(filters[i])
    return ["timeline", *rest, flag, str(bucket)]


def _clip(filters: list[str], start: int, end: int) -> list[str]:
    # The later --from/--to wins in Click, so append the intersection of the filter and the decade.
    given = dict(zip(filters[::2], filters[1::2], strict=False))
    lo = given.get("--from")
    hi = given.get("--to")
    lo_text = lo if lo is not None and int(lo[:4]) >= start else str(start)
    hi_text = hi if hi is not None and int(hi[:4]) <= end else str(end)
    return ["--from", lo_text, "--to", hi_text]


@pytest.mark.parametrize("data", [str(MINI), SHIPPED], ids=["mini", "shipped"])
@pytest.mark.parametrize("by", EVENT_FACETS)
@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: " ".join(f) or "all")
def test_counts_equal_timeline_and_drill_downs(data: str, by: str, filters: list[str]) -> None:
    buckets = stats(data, "--by", by, *filters)
    total = count_rows(["--data", data, "timeline", *filters])
    if total == 0:
        assert buckets == []
        return
    matching = rows(run_cli(["--data", data, "timeline", *filters, "-f", "json"]))
    if by in ("source-kind", "publisher") and not any(r["source_kinds"] for r in matching):
        assert buckets == []  # nothing they cite is a [[sources]] record: no kind or publisher to count by
        return
    assert buckets, "some events match, so there are buckets"
    for bucket in buckets:
        assert bucket["total"] == total
        expected = count_rows(["--data", data, *independent_query(by, bucket["bucket"], filters)])
        assert bucket["count"] == expected, bucket
        words = shlex.split(str(bucket["command"]))
        assert words[:3] == ["diaspora", "--data", data]
        assert count_rows(words[1:]) == bucket["count"], bucket["command"]


@pytest.mark.parametrize("data", [str(MINI), SHIPPED], ids=["mini", "shipped"])
@pytest.mark.parametrize(
    "filters",
    [[], ["--country", "DE"], ["--from", "1990", "--to", "2005"], ["--year", "1995"], ["--search", "youth"]],
    ids=lambda f: " ".join(f) or "all",
)
def test_type_counts_organizations(data: str, filters: list[str]) -> None:
    buckets = stats(data, "--by", "type", *filters)
    founded = {"--from": "--founded-from", "--to": "--founded-to"}
    orgs_filters = [founded.get(f, f) for f in filters]
    if "--year" in filters:
        year = filters[filters.index("--year") + 1]
        orgs_filters = ["--founded-from", year, "--founded-to", year]
    total = count_rows(["--data", data, "orgs", *orgs_filters])
    assert sum(int(str(b["count"])) for b in buckets) == total  # one type per organization
    for bucket in buckets:
        assert bucket["count"] == count_rows(["--data", data, "orgs", *orgs_filters, "--type", str(bucket["bucket"])])
        words = shlex.split(str(bucket["command"]))
        assert words[3] == "orgs"
        assert count_rows(words[1:]) == bucket["count"], bucket["command"]


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--tag", "emigre"], "--tag filters events and does not apply"),
        (["--tag", "no-such-tag"], "--tag filters events and does not apply"),  # the flag, not the value
        (["--source-kind", "academic", "--publisher", "x"], "--source-kind and --publisher filter events"),
        (["--org", "nothing"], "--org filters events"),
    ],
)
def test_type_refuses_event_only_filters(flags: list[str], message: str) -> None:
    result = run_cli(["--data", str(MINI), "stats", "--by", "type", *flags])
    assert (result.code, result.out) == (2, "")
    assert "--by type counts organizations: " + message in result.err


def test_empty_decades_inside_the_range_are_zero() -> None:
    buckets = stats(str(MINI))
    assert [(b["bucket"], b["count"]) for b in buckets] == [
        (1920, 1),
        (1930, 0),
        (1940, 1),
        (1950, 0),
        (1960, 0),
        (1970, 0),
        (1980, 1),
        (1990, 1),
        (2000, 3),
    ]
    assert buckets[1]["command"] == f"diaspora --data {MINI} timeline --from 1930 --to 1939"


def test_empty_years_inside_the_range_are_zero() -> None:
    buckets = stats(str(MINI), "--by", "year", "--from", "1985")
    assert [b["bucket"] for b in buckets] == list(range(1989, 2002))
    assert {b["bucket"]: b["count"] for b in buckets}[1995] == 0


def test_a_span_counts_in_every_decade_it_touches() -> None:
    buckets = {b["bucket"]: b for b in stats(str(MINI), "--category", "emigration")}
    assert buckets[1980]["count"] == buckets[1990]["count"] == 1
    assert buckets[1980]["total"] == 2


def test_facets_come_most_first_and_percent_is_whole() -> None:
    buckets = stats(str(MINI), "--by", "tag")
    assert [(b["bucket"], b["count"], b["percent"]) for b in buckets] == [
        ("emigre", 2, 33),
        ("congress", 1, 17),
        ("karabakh-conflict", 1, 17),
        ("state-policy", 1, 17),
        ("youth", 1, 17),
    ]  # percent of all 6 matching events, tagged or not


def test_country_filter_limits_the_buckets() -> None:
    buckets = stats(str(MINI), "--by", "country", "--country", "AZ")
    assert [b["bucket"] for b in buckets] == ["AZ"]  # GE shares an event with AZ but was not asked for


def test_limit_and_reverse_apply_to_buckets() -> None:
    buckets = stats(str(MINI), "--reverse", "--limit", "2")
    assert [b["bucket"] for b in buckets] == [2000, 1990]
    assert buckets[0]["count"] == 3


def test_drill_down_quotes_the_shell_words(tmp_path: Path) -> None:
    data = tmp_path / "it's $HOME data"
    shutil.copytree(MINI, data)
    (bucket,) = stats(str(data), "--by", "category", "--search", "congress in")
    quoted = shlex.quote(str(data))
    assert quoted.startswith("'")
    assert bucket["command"] == f"diaspora --data {quoted} timeline --category congress --search 'congress in'"
    assert count_rows(shlex.split(str(bucket["command"]))[1:]) == bucket["count"] == 1


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_renders(fmt: str) -> None:
    result = run_cli(["--data", str(MINI), "stats", "--by", "country", "-f", fmt])
    assert result.code == 0, result.err
    assert "Germany" in result.out
    assert "timeline --country DE" in result.out


def test_tsv_has_plain_numbers() -> None:
    result = run_cli(["--data", str(MINI), "stats", "--by", "category"])
    lines = result.out.splitlines()
    assert lines[0] == "by\tbucket\tlabel\tcount\ttotal\tpercent\tcommand"
    assert (
        lines[1] == f"category\temigration\temigration\t2\t6\t33\tdiaspora --data {MINI} timeline --category emigration"
    )


def test_terminal_shows_bars_percent_and_commands() -> None:
    result = run_cli(["--data", str(MINI), "stats"], tty=True, width=200)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "Events by decade: 6 matching events"
    assert lines[1] == "An event counts in every decade it touches."
    row = next(line for line in lines if line.startswith("2000s"))
    assert re.fullmatch(r"2000s 3  50\.0% █{20,40} +diaspora --data \S+ timeline --from 2000 --to 2009", row)
    assert "1930s 0   0.0%" in result.out


@pytest.mark.parametrize("width", [40, 60, 80, 160])
def test_terminal_fits_the_width(width: int) -> None:
    result = run_cli(["--data", str(MINI), "stats", "--by", "country", "--search", "a"], tty=True, width=width)
    assert result.code == 0, result.err
    assert all(len(line) <= width for line in result.out.splitlines()), result.out
    commands = [line.strip() for line in result.out.splitlines() if "diaspora" in line]
    assert commands


def test_narrow_terminal_puts_commands_under_their_bars() -> None:
    long_path = "/srv/diaspora/a long folder"
    result = run_cli(["--data", str(MINI), "stats", "--by", "tag"], tty=True, width=40)
    lines = result.out.splitlines()
    assert lines[2].startswith("emigre")
    assert lines[3].startswith("  diaspora --data")
    # a command longer than the line is continued with a backslash, so it still pastes

    parts = command_lines(shlex.join(["diaspora", "--data", long_path, "timeline", "--tag", "emigre"]), 40)
    assert all(len(p) <= 40 for p in parts)
    assert all(p.endswith(" \\") for p in parts[:-1])
    assert shlex.split(" ".join(p.removesuffix(" \\") for p in parts)) == [
        "diaspora",
        "--data",
        long_path,
        "timeline",
        "--tag",
        "emigre",
    ]


def test_colour_only_adds_escapes() -> None:
    plain = run_cli(["--data", str(MINI), "stats"], tty=True, width=80)
    coloured = run_cli(["--data", str(MINI), "stats"], tty=True, width=80, color=True)
    assert "\x1b[" not in plain.out
    assert "\x1b[" in coloured.out
    assert ANSI.sub("", coloured.out) == plain.out


def test_no_match_is_empty_not_an_error() -> None:
    result = run_cli(["--data", str(MINI), "stats", "--category", "law", "-f", "json"])
    assert (result.code, result.out) == (0, "[]\n")
    result = run_cli(["--data", str(MINI), "stats", "--category", "law"], tty=True)
    assert (result.code, result.out, result.err) == (0, "", "no events match\n")


def test_unknown_facet_is_a_usage_error() -> None:
    result = run_cli(["--data", str(MINI), "stats", "--by", "month"])
    assert result.code == 2
    assert "--by: unknown value 'month'" in result.err


def test_fields_help_lists_the_bucket_fields() -> None:
    result = run_cli(["--data", str(MINI), "stats", "--fields", "help"])
    names = [line.split("\t")[0] for line in result.out.splitlines()[1:]]
    assert names == ["by", "bucket", "label", "count", "total", "percent", "command"]


def test_help_lists_every_facet() -> None:
    result = run_cli(["stats", "--help"])
    assert f"Bucket by {', '.join(BY_CHOICES)}." in " ".join(result.out.split())


def test_start_up_does_not_load_the_picture_code() -> None:
    import subprocess
    import sys

    lazy = ("diaspora_cli.core.facets", "diaspora_cli.output.charts", "rich")
    probe = f"import sys, diaspora_cli.cli.main; print([m for m in {lazy!r} if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
