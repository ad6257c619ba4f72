"""Readers for every output format, written apart from the renderers so tests read output back."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from diaspora_cli.output.render import LIST_SEPARATOR, unescape_tsv

Rows = list[dict[str, str]]


def read_tsv(text: str, header: bool = True) -> tuple[list[str], list[list[str]]]:
    """Header and rows of TSV: one record per line, tab-split, each value unescaped."""
    assert text.endswith("\n") or text == "", "TSV ends with a newline"
    lines = text.split("\n")[:-1]
    records = [[unescape_tsv(cell) for cell in line.split("\t")] for line in lines]
    if not header:
        return [], records
    return lines[0].split("\t"), records[1:]


def read_csv(text: str, header: bool = True) -> tuple[list[str], list[list[str]]]:
    """Header and rows through the csv module."""
    # Python 3.10's reader refuses NUL ("line contains NUL"); a NUL is data like any other here,
    # so it travels through the reader as a noncharacter and comes back afterwards.
    hidden = "\ufffe"
    assert hidden not in text
    records = [
        [cell.replace(hidden, "\0") for cell in row]
        for row in csv.reader(io.StringIO(text.replace("\0", hidden), newline=""))
    ]
    if not header:
        return [], records
    return records[0], records[1:]


def split_markdown_row(line: str) -> list[str]:
    """Cells of one markdown table row: `\\x` is a literal x, an unescaped | ends a cell, <br> is a line break."""
    assert line.startswith("| ") and line.endswith(" |"), line
    body = line[1:-1]
    cells: list[str] = []
    cell: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            cell.append(body[i + 1])
            i += 2
        elif ch == "|":
            cells.append("".join(cell))
            cell = []
            i += 1
        elif body.startswith("<br>", i):
            cell.append("\n")
            i += 4
        else:
            cell.append(ch)
            i += 1
    cells.append("".join(cell))
    # Each cell is written as " value ": drop exactly that one space on each side.
    for value in cells:
        assert value.startswith(" ") and value.endswith(" "), cells
    return [value[1:-1] for value in cells]


def read_markdown(text: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a markdown table (the second line is the delimiter row)."""
    lines = text.split("\n")
    assert lines[-1] == ""
    lines = lines[:-1]
    assert set(lines[1].replace("|", "").split()) == {"---"}, lines[1]
    return split_markdown_row(lines[0]), [split_markdown_row(line) for line in lines[2:]]


def read_jsonl(text: str) -> list[Any]:
    """One JSON value per line."""
    return [json.loads(line) for line in text.splitlines()]


def flat(value: Any) -> str:
    """A JSON value as tsv, csv and markdown write it: lists joined with LIST_SEPARATOR."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return str(value)
