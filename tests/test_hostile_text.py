"""Hostile text in valid data: nothing live on a terminal, aligned tables, unforgeable machine formats.

tests/data/valid/hostile/ is a valid dataset whose strings carry Rich markup, ESC/CSI/OSC 8/OSC 52
sequences, C0 and C1 controls, bidi overrides, zero-width and combining characters, wide CJK
text, emoji, spreadsheet formula prefixes and every delimiter our formats use.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import tomli
from rich.cells import cell_len

from diaspora_cli.core.store import check_dataset
from diaspora_cli.core.text import neutralise
from tests import readers
from tests.conftest import TESTS, run_cli

HOSTILE = TESTS / "data" / "valid" / "hostile"
SGR = re.compile(r"\x1b\[[0-9;]*m")  # the colour codes we add ourselves when colour is on
FORMULA = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet would evaluate
BIDI = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}

COMMANDS = [
    ["timeline", "--fields", "id,title,place,note"],
    ["timeline", "--fields", "id,description,sources"],
    ["orgs"],
    ["countries"],
    ["country", "AZ"],
    ["country", "DE"],
    ["show", "org-hostile"],
    ["show", "hostile-osc8"],
    ["search", "hostile"],
]


def hostile(*args: str, tty: bool = False, color: bool = False, width: int = 100) -> str:
    result = run_cli(["--no-cache", "--data", str(HOSTILE), *args], tty=tty, color=color, width=width)
    assert result.code == 0, result.err
    assert result.err == ""
    return result.out


def source_strings() -> list[str]:
    """Every string of the hostile dataset, as TOML reads it."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in sorted(HOSTILE.glob("*.toml")):
        walk(tomli.loads(path.read_text(encoding="utf-8")))
    return found


def test_the_hostile_dataset_is_valid_and_really_hostile() -> None:
    assert check_dataset([str(HOSTILE)]).issues == ()
    text = "".join(source_strings())
    for needle in ("\x1b[", "\x1b]8;;", "\x1b]52;", "\x9b", "\x00", "\x07", "\r", "\u202e", "\u200b", "[bold", "="):
        assert needle in text, needle


def assert_inert(output: str) -> None:
    """Nothing in `output` can act on a terminal: no control but newline, no bidi override."""
    for ch in output:
        code = ord(ch)
        assert ch == "\n" or not (code < 0x20 or 0x7F <= code <= 0x9F), f"live control {ch!r}"
        assert code not in BIDI, f"bidi control U+{code:04X}"
        assert unicodedata.category(ch) != "Cs", "lone surrogate"


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("width", [100, 48])
def test_terminal_table_is_inert_and_literal(args: list[str], width: int) -> None:
    assert_inert(hostile(*args, tty=True, width=width))


def test_markup_and_emoji_codes_are_printed_as_written() -> None:
    output = hostile("show", "org-hostile", tty=True, color=True, width=200)
    assert "[bold red]loud[/bold red] and [link=https://evil.example]click[/link] :warning:" in output
    assert "⚠" not in output


def test_escapes_are_shown_as_visible_text() -> None:
    output = hostile("timeline", "--fields", "id,title", tty=True, width=200)
    assert "\\e[31mred\\e[0m \\e[2J\\e[H cleared" in output
    assert "\\e]52;c;ZXZpbCBjbGlwYm9hcmQ=\\x07copied" in output
    assert "abc\\u202eevil\\u202c" in output
    assert "csi\\x9b31m" in output


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_colour_adds_only_our_own_codes(args: list[str]) -> None:
    output = hostile(*args, tty=True, color=True)
    assert SGR.search(output), "colour was on: expected our styling"
    assert_inert(SGR.sub("", output))


def table_lines(output: str) -> list[str]:
    """The lines of every table in `output` (titles and blank separators left out)."""
    return [line for line in output.split("\n") if line.strip() and cell_len(line) > 0]


@pytest.mark.parametrize(
    "args",
    [
        ["timeline", "--fields", "id,title,place"],
        ["timeline", "--fields", "id,title,description,note"],
        ["orgs", "--fields", "id,name,native_names,city"],
        ["search", "hostile"],
        ["countries"],
    ],
    ids=" ".join,
)
@pytest.mark.parametrize("width", [120, 60])
def test_tables_stay_aligned(args: list[str], width: int) -> None:
    output = hostile(*args, tty=True, width=width)
    lines = table_lines(output)
    assert len(lines) > 3
    widths = {cell_len(line) for line in lines}
    assert len(widths) == 1, sorted(widths)
    assert widths.pop() <= width
    # The column gaps line up too: the header rule's breaks fall where every row has a space.
    rule = next(line for line in lines if set(line.strip()) <= {"─", " "} and "─" in line)
    gaps = [i for i, ch in enumerate(rule) if ch == " " and 0 < i < len(rule.rstrip())]
    for line in lines:
        if line is rule or any(cell_len(ch) != 1 for ch in line):
            continue  # only lines of one-cell characters can be checked column by column
        assert all(line[i] == " " for i in gaps), line


def machine_rows(args: list[str], fmt: str, fields: list[str]) -> list[list[str]]:
    output = hostile(*args, "-f", fmt, "--fields", ",".join(fields))
    if fmt == "tsv":
        header, rows = readers.read_tsv(output)
    elif fmt == "csv":
        header, rows = readers.read_csv(output)
    elif fmt == "markdown":
        assert "\x1b" not in output
        header, rows = readers.read_markdown(output)
    else:  # jsonl: one object per "\n"-separated line, whatever else a value holds
        lines = output.split("\n")
        assert lines[-1] == ""
        objects = [json.loads(line) for line in lines[:-1]]
        header, rows = fields, [[readers.flat(o[name]) for name in fields] for o in objects]
    assert header == fields
    return rows


LISTS = [["timeline"], ["orgs"], ["countries"], ["search", "hostile"]]
SECTION = ["country", "DE", "--section", "population"]  # jsonl is the whole summary there, not rows


@pytest.mark.parametrize(
    ("args", "fmt"),
    [
        (args, fmt)
        for args in [*LISTS, SECTION]
        for fmt in ("tsv", "csv", "markdown", "jsonl")
        if args != SECTION or fmt != "jsonl"
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else value,
)
def test_machine_formats_cannot_be_forged(args: list[str], fmt: str) -> None:
    document = json.loads(hostile(*args, "-f", "json"))
    if isinstance(document, dict):  # `country` is one object; its sections are arrays
        document = document["population"]
    fields = list(document[0])
    expected = [[readers.flat(row[name]) for name in fields] for row in document]
    rows = machine_rows(args, fmt, fields)
    assert len(rows) == len(expected)  # no value made an extra row
    assert all(len(row) == len(fields) for row in rows)  # or an extra column
    if fmt == "csv":
        # Text that a spreadsheet would run as a formula gets a leading ' ; numbers stay numbers.
        expected = [
            [
                "'" + v if not isinstance(raw[name], int) and v.startswith(FORMULA) else v
                for name, v in zip(fields, row, strict=False)
            ]
            for raw, row in zip(document, expected, strict=False)
        ]
    if fmt == "markdown":
        # Markdown is for people wherever it goes: controls are shown as escapes there too.
        expected = [[neutralise(v) for v in row] for row in expected]
    assert rows == expected


def test_json_keeps_every_hostile_string_exactly() -> None:
    strings = set(source_strings())
    document = json.loads(hostile("timeline", "-f", "json"))
    seen = {value for row in document for value in row.values() if isinstance(value, str)}
    seen |= {item for row in document for value in row.values() if isinstance(value, list) for item in value}
    titles = {s.replace("\n", " ") for s in strings}
    assert {row["title"] for row in document} <= titles
    assert {row["description"] for row in document} <= strings
    assert "\x1b]8;;https://evil.example\x1b\\innocent\x1b]8;;\x1b\\" in seen
    assert "bell\x07 back\x08space nul\x00 vt\x0b ff\x0c cr\rover" in seen


def test_hostile_file_names_of_a_report_stay_inert(tmp_path: Path) -> None:
    # validate on a terminal prints file names from the data set's own folder names.
    folder = tmp_path / "data\x1b]8;;evil\x07"
    folder.mkdir()
    (folder / "a.toml").write_text("[dataset]\nname = 1\n", encoding="utf-8")
    result = run_cli(["validate", str(folder)], tty=True, width=300)
    assert result.code == 1
    assert_inert(result.out + result.err)
    assert "data\\e]8;;evil\\x07" in result.out
