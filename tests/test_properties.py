"""Properties: the loader raises only our errors, formats round-trip, filters never crash.

Run many examples with HYPOTHESIS_PROFILE=thorough (see tests/hypothesis_profiles.py).
"""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from diaspora_cli.core import query, search
from diaspora_cli.core.errors import Ambiguous, DataFileError, NotFound, UsageError
from diaspora_cli.core.loading import RawFile, decode, parse_toml
from diaspora_cli.core.model import Dataset
from diaspora_cli.core.store import open_dataset
from diaspora_cli.core.text import neutralise
from diaspora_cli.core.validation import (
    COUNTRY_KEYS,
    DATASET_KEYS,
    EVENT_KEYS,
    FIGURE_KEYS,
    ORGANIZATION_KEYS,
    validate_dataset,
)
from diaspora_cli.output.fields import Value
from diaspora_cli.output.render import FORMATS, Table, render_table
from diaspora_cli.output.streams import Streams
from tests import readers
from tests.conftest import MINI

DATASET: Dataset = open_dataset([str(MINI)], {}, use_cache=False)
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def load(data: bytes) -> None:
    """Everything between the bytes of a file and a Dataset; only DataFileError may escape."""
    try:
        text = decode(data, "f.toml")
        raw = RawFile("f.toml", parse_toml(text, "f.toml"), text)
    except DataFileError as exc:
        assert exc.path == "f.toml" and "\n" not in exc.message
        return
    assert_int64(raw.tables)  # TOML's integer range: larger ones break formatting and JSON later
    _, issues = validate_dataset([raw])
    for issue in issues:
        assert issue.file == "f.toml"
        assert issue.line is None or 1 <= issue.line <= text.count("\n") + 1
        str(issue)  # every issue can be shown


def assert_int64(value: object) -> None:
    if isinstance(value, dict):
        for item in value.values():
            assert_int64(item)
    elif isinstance(value, list):
        for item in value:
            assert_int64(item)
    elif isinstance(value, int):
        assert -(2**63) <= value < 2**63


@given(st.binary(max_size=4096))
def test_arbitrary_bytes_raise_only_our_error(data: bytes) -> None:
    load(data)


SCHEMA_KEYS = sorted({*DATASET_KEYS, *EVENT_KEYS, *ORGANIZATION_KEYS, *COUNTRY_KEYS, *FIGURE_KEYS})
KEYS = [*SCHEMA_KEYS, "bogus", '"quoted key"', "a.b", ""]
HEADERS = ["[dataset]", "[[events]]", "[[countries]]", "[[organizations]]", "[[countries.population]]", "[events]"]
SCALARS = [
    '"AZ"',
    '"de"',
    '"2001"',
    '"~1923"',
    '"2001-02-30"',
    '"2001-13"',
    '"٢٠٠١"',
    "2001-11-09",
    "2001-02-30",
    "2001-11-09T10:00:00",
    "10:00:00",
    "25:00:00",
    "1e999",
    "nan",
    "-0",
    "9223372036854775807",
    "9223372036854775808",
    "0x" + "f" * 40,
    "9" * 5000,
    "true",
    "True",
    "[]",
    '[""]',
    '["a", 1]',
    "{}",
    "{ a = 1 }",
    '"\\u001b[31m"',
    '"\\uD800"',
    '"unterminated',
    "'literal'",
    '"""multi\nline"""',
    "[[1, 2], [3]]",
    "[" * 5000 + "]" * 5000,
    "{ a = " * 3000 + "1" + " }" * 3000,
]
JUNK = ["<<<<<<< HEAD", "=======", "{", "}", "]", "[[", ",", "#", "\\", "\r", "\x00", "\ufeff", "é", "ə", "\u202e"]


@st.composite
def toml_like(draw: st.DrawFn) -> str:
    """Lines that look like a dataset: headers, key = value with schema keys, and some junk."""
    value = st.one_of(st.sampled_from(SCALARS), st.text(max_size=12).map(json.dumps))
    pair = st.builds(lambda k, v: f"{k} = {v}", st.sampled_from(KEYS), value)
    line = st.one_of(
        st.sampled_from(HEADERS),
        pair,
        pair,  # listed twice: most documents should parse, so that validation sees them
        st.builds(lambda k, v: f"{k} = [{v}, {v}]", st.sampled_from(KEYS), value),
        st.sampled_from(JUNK),
        st.text(max_size=20),
    )
    return "\n".join(draw(st.lists(line, max_size=25)))


@given(toml_like())
# Always tried, whatever is drawn: the inputs that once broke the loader in other ways.
@example("[[countries]]\n" + "population = " + "[" * 5000 + "]" * 5000)
@example("x = " + "{ a = " * 3000 + "1" + " }" * 3000)
@example("[[countries.population]]\nvalue = 0x" + "f" * 40 + "\nyear = 2001")
@example("[[countries.population]]\nlow = " + "9" * 5000)
@example("a" + ".a" * 5000 + " = 1")
@example("[[events]]\nid = 'x'\ndate = 2001-02-30")
def test_toml_like_text_raises_only_our_error(text: str) -> None:
    load(text.encode("utf-8", "surrogatepass"))


def table_value() -> st.SearchStrategy[Value]:
    text = st.text(max_size=30)
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**63), max_value=2**63 - 1),
        text,
        st.lists(st.text(max_size=10).filter(lambda s: "; " not in s), max_size=4),
        st.sampled_from(["=1+1", "+1", "-1", "@x", "\tt", "\rr", "a|b", "a\tb", "a\nb", "\\", "<br>", '"q"', "a,b"]),
    )


COLUMNS = st.lists(
    st.sampled_from(["id", "title", "when", "note", "count", "tags"]), min_size=1, max_size=6, unique=True
)


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[list[Value]]]:
    columns = draw(COLUMNS)
    rows = draw(st.lists(st.lists(table_value(), min_size=len(columns), max_size=len(columns)), max_size=6))
    return columns, rows


def render(fmt: str, columns: list[str], rows: list[list[Value]]) -> str:
    streams = Streams(out=io.StringIO(), err=io.StringIO(), is_tty=False, width=120)
    count = render_table(Table(columns, iter(rows)), FORMATS[fmt], streams, True)
    assert count == len(rows)
    out = streams.out.getvalue()
    assert isinstance(out, str)
    return out


def flat(value: Value) -> str:
    return readers.flat(value)


@given(tables())
def test_tsv_round_trips(table: tuple[list[str], list[list[Value]]]) -> None:
    columns, rows = table
    header, read = readers.read_tsv(render("tsv", columns, rows))
    assert header == columns
    assert read == [[flat(v) for v in row] for row in rows]


@given(tables())
def test_csv_round_trips_with_formulas_neutralised(table: tuple[list[str], list[list[Value]]]) -> None:
    columns, rows = table

    def expected(value: Value) -> str:
        text = flat(value)
        number = isinstance(value, int) and not isinstance(value, bool)
        return "'" + text if not number and text.startswith(FORMULA) else text

    header, read = readers.read_csv(render("csv", columns, rows))
    assert header == columns
    assert read == [[expected(v) for v in row] for row in rows]


@given(tables())
def test_markdown_round_trips_to_the_neutralised_text(table: tuple[list[str], list[list[Value]]]) -> None:
    columns, rows = table
    header, read = readers.read_markdown(render("markdown", columns, rows))
    assert header == columns
    assert read == [[neutralise(flat(v)) for v in row] for row in rows]


@given(tables())
def test_json_and_jsonl_round_trip_exactly(table: tuple[list[str], list[list[Value]]]) -> None:
    columns, rows = table
    objects = [dict(zip(columns, row, strict=True)) for row in rows]
    assert json.loads(render("json", columns, rows)) == objects
    lines = render("jsonl", columns, rows).split("\n")
    assert lines[-1] == ""
    assert [json.loads(line) for line in lines[:-1]] == objects


ALLOWED = (UsageError, NotFound, Ambiguous)
QUERY_TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", " ", "~2001", "2001", "2001-02", "2001-02-29", "0000", "9999-12-31", "02-29", "DE", "de"]),
    st.from_regex(r"[0-9~-]{0,12}", fullmatch=True),
)


def calm(action: Any) -> None:
    try:
        result = action()
        if hasattr(result, "__next__"):
            list(result)
    except ALLOWED:
        pass


@given(QUERY_TEXT, QUERY_TEXT, st.one_of(st.none(), st.integers(min_value=-(10**6), max_value=10**6)))
def test_date_filters_never_crash(start: str, end: str, year: int | None) -> None:
    calm(lambda: query.make_window(start or None, end or None, year))
    calm(lambda: query.parse_bound(start, "--from", end=False))
    calm(lambda: query.parse_bound(end, "--to", end=True))
    calm(lambda: query.parse_month_day(start))


@given(QUERY_TEXT)
def test_name_filters_never_crash(text: str) -> None:
    calm(lambda: query.resolve_country(DATASET, text))
    calm(lambda: search.search_all(DATASET, text))
    calm(lambda: query.resolve_organization(DATASET, text))
    calm(lambda: query.resolve_tags(DATASET, [text]))
    calm(lambda: query.resolve_categories([text]))
    calm(lambda: query.find_record(DATASET, text))


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_every_day_of_the_range_is_a_bound(day: dt.date) -> None:
    text = day.isoformat()
    assert query.parse_bound(text, "--from", end=False) == day
    assert query.parse_bound(text, "--to", end=True) == day
    assert query.parse_month_day(text[5:]) == (day.month, day.day)
