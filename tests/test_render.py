"""The renderers on their own: escaping, formula neutralising, JSON text, streaming, literal tables."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diaspora_cli.core.text import neutralise
from diaspora_cli.output.fields import Value
from diaspora_cli.output.render import (
    FORMATS,
    LIST_SEPARATOR,
    Table,
    dump_json,
    escape_markdown,
    escape_tsv,
    neutralise_formula,
    render_document,
    render_table,
    resolve_format,
    unescape_tsv,
)
from diaspora_cli.output.streams import Streams
from tests.readers import read_csv, read_markdown, read_tsv, split_markdown_row


def streams(tty: bool = False, color: bool = False) -> Streams:
    return Streams(out=io.StringIO(), err=io.StringIO(), is_tty=tty, color=color, width=120)


def output(s: Streams) -> str:
    assert isinstance(s.out, io.StringIO)
    return s.out.getvalue()


@given(st.text())
def test_tsv_escaping_round_trips_and_leaves_no_separator(text: str) -> None:
    escaped = escape_tsv(text)
    assert not any(ch in escaped for ch in "\t\n\r")
    assert unescape_tsv(escaped) == text


@given(st.text())
def test_markdown_escaping_keeps_a_value_in_one_cell(text: str) -> None:
    cell = escape_markdown(text)
    assert "\n" not in cell and "\r" not in cell
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    assert split_markdown_row(f"| {cell} | x |") == [expected, "x"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+1 555", "'+1 555"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("a=b", "a=b"),
        ("", ""),
        ("Şəki", "Şəki"),
    ],
)
def test_neutralise_formula(text: str, expected: str) -> None:
    assert neutralise_formula(text) == expected


def test_csv_neutralises_formulas_but_not_numbers() -> None:
    s = streams()
    render_table(Table(["a", "b", "c"], [["=1+2", -5, ["@x", "y"]]]), FORMATS["csv"], s)
    assert read_csv(output(s)) == (["a", "b", "c"], [["'=1+2", "-5", "'@x; y"]])


def test_csv_quotes_carriage_returns_and_newlines() -> None:
    s = streams()
    rows: list[list[Value]] = [["a\rb", "c\nd", 'q"uote'], ["x", "y", "z"]]
    render_table(Table(["one", "two", "three"], rows), FORMATS["csv"], s)
    assert output(s).endswith("x,y,z\n")
    assert read_csv(output(s))[1] == [["a\rb", "c\nd", 'q"uote'], ["x", "y", "z"]]


@pytest.mark.parametrize("fmt", ["tsv", "csv", "markdown"])
def test_lists_are_joined_with_the_list_separator(fmt: str) -> None:
    s = streams()
    render_table(Table(["tags"], [[["a", "b", "c"]]]), FORMATS[fmt], s)
    reader = {"tsv": read_tsv, "csv": read_csv, "markdown": read_markdown}[fmt]
    assert reader(output(s))[1] == [[LIST_SEPARATOR.join(["a", "b", "c"])]]
    assert LIST_SEPARATOR == "; "


def test_json_keeps_letters_and_escapes_controls() -> None:
    text = dump_json({"t": "Şəki Gəncə İstanbul \x1b[2J \x9b1m \u202eabc\u202c \x7f \u2028"})
    assert "Şəki Gəncə İstanbul" in text
    for ch in ("\x1b", "\x9b", "\u202e", "\u202c", "\x7f", "\u2028"):
        assert ch not in text
    assert json.loads(text)["t"] == "Şəki Gəncə İstanbul \x1b[2J \x9b1m \u202eabc\u202c \x7f \u2028"


def test_json_escapes_every_character_a_terminal_would_act_on() -> None:
    unsafe = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF and neutralise(chr(c)) != chr(c)]
    assert "\x1b" in unsafe and "\u202e" in unsafe  # the check sees what it should
    text = dump_json("".join(unsafe))
    assert not any(ch in text for ch in unsafe)
    assert json.loads(text) == "".join(unsafe)


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_with_no_rows(fmt: str) -> None:
    s = streams()
    assert render_table(Table(["a"], []), FORMATS[fmt], s) == 0
    assert output(s) == ("[]\n" if fmt == "json" else "")


def test_json_array_is_valid_and_one_row_per_line() -> None:
    s = streams()
    render_table(Table(["a", "b"], [[1, ["x"]], [None, True]]), FORMATS["json"], s)
    assert json.loads(output(s)) == [{"a": 1, "b": ["x"]}, {"a": None, "b": True}]
    assert len(output(s).splitlines()) == 4


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_rows_are_written_as_they_are_produced(fmt: str) -> None:
    s = streams()
    seen: list[str] = []

    def rows() -> Iterator[list[Value]]:
        yield ["first"]
        seen.append(output(s))  # the generator is not exhausted yet
        yield ["second"]
        seen.append(output(s))

    render_table(Table(["a"], rows()), FORMATS[fmt], s)
    assert '"first"' in seen[0] and '"second"' not in seen[0]
    if fmt == "jsonl":
        assert seen[0] == '{"a": "first"}\n'


def test_document_json_is_pretty_and_jsonl_is_one_line() -> None:
    s = streams()
    render_document({"name": "Gəncə", "list": [1, 2]}, s)
    render_document({"name": "Gəncə"}, s, lines=True)
    pretty, line = output(s).rsplit("}\n", 2)[0] + "}\n", output(s).splitlines()[-1]
    assert json.loads(pretty) == {"name": "Gəncə", "list": [1, 2]}
    assert line == '{"name": "Gəncə"}'


@pytest.mark.parametrize("color", [False, True])
def test_table_prints_markup_literally(color: bool) -> None:
    s = streams(tty=True, color=color)
    title = "[bold]x[/bold] [link=https://evil.example]y[/link] :smile: \x1b]52;c;ZXZpbA==\x07"
    render_table(Table(["title"], [[title]]), FORMATS["table"], s)
    text = output(s)
    assert "[bold]x[/bold] [link=https://evil.example]y[/link] :smile:" in text
    assert "\\e]52;c;ZXZpbA==\\x07" in text
    assert "\x1b]" not in text and "\x07" not in text
    assert ("\x1b[" in text) is color


def test_machine_formats_are_exact_in_a_pipe_and_neutralised_on_a_terminal() -> None:
    value = "a\x1bb\u202ec"
    pipe, tty = streams(), streams(tty=True)
    render_table(Table(["v"], [[value]]), FORMATS["tsv"], pipe)
    render_table(Table(["v"], [[value]]), FORMATS["tsv"], tty)
    assert read_tsv(output(pipe))[1] == [[value]]
    assert read_tsv(output(tty))[1] == [[neutralise(value)]]


def test_markdown_escapes_pipes_html_and_line_breaks() -> None:
    s = streams()
    render_table(Table(["v"], [["a | b <br> c\nd \\ e"]]), FORMATS["markdown"], s)
    lines = output(s).splitlines()
    assert lines[2] == "| a \\| b \\<br> c<br>d \\\\ e |"
    assert read_markdown(output(s))[1] == [["a | b <br> c\nd \\ e"]]


def test_format_registry_drives_help_and_auto() -> None:
    assert set(FORMATS) == {"table", "tsv", "csv", "json", "jsonl", "markdown"}
    from diaspora_cli.cli.spec import FORMAT_HELP

    assert all(name in FORMAT_HELP for name in ("auto", *FORMATS))
    assert resolve_format("auto", streams(tty=True)).name == "table"
    assert resolve_format("auto", streams(tty=False)).name == "tsv"
    assert FORMATS["table"].human and FORMATS["markdown"].human
    assert not any(FORMATS[n].human for n in ("tsv", "csv", "json", "jsonl"))


@given(st.lists(st.text(st.characters(blacklist_characters="\ufffe")), min_size=1, max_size=5))
def test_csv_line_reads_back_with_the_csv_module(values: list[str]) -> None:
    from diaspora_cli.output.render import csv_line
    from tests.readers import read_csv

    header, rows = read_csv(csv_line(values), header=False)
    assert header == [] and rows == [values]
