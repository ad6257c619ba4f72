"""Table (columns + rows of plain values) and the format registry; Rich is imported here and in charts.py only."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from diaspora_cli.core.record import Record, field
from diaspora_cli.core.text import neutralise
from diaspora_cli.output.fields import Value
from diaspora_cli.output.formats import FORMAT_INFO, FormatInfo
from diaspora_cli.output.streams import Streams

LIST_SEPARATOR = "; "
SHORT_COLUMN = 22  # widest value of a column that a table keeps on one line
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class Table(Record, frozen=False):
    """What every format renders: column names and rows of plain values (lists stay lists)."""

    columns: Sequence[str]
    rows: Iterable[Sequence[Value]]
    title: str = ""
    vertical: bool = False  # one record: a field/value layout on a terminal
    # Column headings for people (drawn tables only): a display field may read better under a
    # shorter name than the one programs select it by (population_figure -> population).
    headers: Mapping[str, str] = field(default_factory=dict)


class Format(Record):
    """One output format: what it is (formats.FormatInfo: name, help, human/document/lines/drawn) and its renderer."""

    info: FormatInfo
    render: Callable[[Table, Streams, bool], int]

    @property
    def name(self) -> str:
        """The CLI spelling."""
        return self.info.name

    @property
    def human(self) -> bool:
        """Meant for people (table, markdown)."""
        return self.info.human

    @property
    def document(self) -> bool:
        """A report can be one JSON document (json, jsonl)."""
        return self.info.document

    @property
    def lines(self) -> bool:
        """One document per line (jsonl)."""
        return self.info.lines

    @property
    def drawn(self) -> bool:
        """Laid out by Rich for a terminal (table)."""
        return self.info.drawn


def _flat(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, dict):  # names by language: "az: Bakı; ru: Баку"
        return LIST_SEPARATOR.join(f"{k}: {v}" for k, v in value.items())
    return str(value)


def _safe(text: str, streams: Streams) -> str:
    # Exact bytes for programs; on a terminal nothing in the data may act as a control sequence.
    return neutralise(text) if streams.is_tty else text


def escape_tsv(text: str) -> str:
    """Backslash, tab, newline and carriage return as \\\\, \\t, \\n, \\r."""
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def unescape_tsv(text: str) -> str:
    """Inverse of escape_tsv."""
    out, i = [], 0
    names = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in names:
            out.append(names[text[i + 1]])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _render_tsv(table: Table, streams: Streams, header: bool) -> int:
    write = streams.out.write
    if streams.bom:
        write("\ufeff")
    if header:
        write("\t".join(table.columns) + "\n")
    count = 0
    tty = streams.is_tty
    for row in table.rows:
        cells = [v if type(v) is str else _flat(v) for v in row]
        line = "\t".join(cells)
        # Most rows hold nothing to escape: one look at the joined line (100k rows: ~3x faster)
        # instead of four replaces per cell; the rest take the exact per-cell path.
        if tty or "\\" in line or "\n" in line or "\r" in line or line.count("\t") != len(cells) - 1:
            line = "\t".join(_safe(escape_tsv(c), streams) for c in cells)
        write(line + "\n")
        count += 1
    return count


def neutralise_formula(text: str) -> str:
    """Prefix a ' to values a spreadsheet would run as a formula (=, +, -, @, tab, CR first)."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_line(values: Sequence[object]) -> str:
    """One RFC 4180 record ending in "\\n": a field with `,` `"` CR or LF is quoted, `"` doubled.

    Written by hand rather than with the csv module: with a "\\n" terminator the module leaves a
    bare CR unquoted (readers then split the record), and before Python 3.11 it cannot write a
    NUL at all ("need to escape"). A lone empty field is quoted so the row is not read as blank.
    """
    fields = [str(v) for v in values]
    if fields == [""]:
        return '""\n'
    return ",".join(_csv_field(f) for f in fields) + "\n"


def _csv_field(text: str) -> str:
    if "," in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def _is_number(value: Value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _render_csv(table: Table, streams: Streams, header: bool) -> int:
    line, write = csv_line, streams.out.write
    if streams.bom:
        write("\ufeff")
    if header:
        write(line(table.columns))
    count = 0
    for row in table.rows:
        write(line([v if _is_number(v) else _safe(neutralise_formula(_flat(v)), streams) for v in row]))
        count += 1
    return count


def escape_markdown(text: str) -> str:
    """Backslash, | and < escaped, line breaks as <br>: a value stays in its cell and is never HTML."""
    # `\<` keeps data such as "<br>" or "<script>" literal, so the only <br> in a cell is ours.
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "\\<")
    return text.replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>")


def _render_markdown(table: Table, streams: Streams, header: bool) -> int:
    # A markdown table always has its header row (without it, it is not a table). Markdown is a
    # document for people wherever it goes, so controls are neutralised in a pipe too.
    write = streams.out.write
    write("| " + " | ".join(table.columns) + " |\n")
    write("|" + "|".join(" --- " for _ in table.columns) + "|\n")
    count = 0
    for row in table.rows:
        # Neutralise first, so the backslashes of its visible escapes are escaped in turn.
        cells = [escape_markdown(neutralise(_flat(v))) for v in row]
        write("| " + " | ".join(cells) + " |\n")
        count += 1
    return count


# json.dumps escapes C0 controls itself but leaves DEL, the C1 controls (a lone 0x9b is a CSI),
# bidi overrides and line separators raw. Escaping them as \uXXXX is lossless for any JSON
# reader and keeps the output safe to cat on a terminal, wherever it was saved. Azerbaijani
# letters stay as UTF-8. tests/test_render.py checks this table against text.neutralise.
_JSON_UNSAFE = {
    code: f"\\u{code:04x}"
    for code in (
        *range(0x7F, 0xA0),
        0x061C,
        0x200E,
        0x200F,
        *range(0x2028, 0x202F),
        *range(0x2066, 0x206A),
    )
}


def dump_json(obj: Any, indent: int | None = None) -> str:
    """JSON text in UTF-8 (no \\u escapes for letters), with controls and bidi overrides escaped."""
    import json

    return json.dumps(obj, ensure_ascii=False, indent=indent).translate(_JSON_UNSAFE)


def _render_json(table: Table, streams: Streams, header: bool) -> int:
    write = streams.out.write
    count = 0
    for row in table.rows:
        write(("[\n  " if count == 0 else ",\n  ") + dump_json(dict(zip(table.columns, row, strict=False))))
        count += 1
    write("\n]\n" if count else "[]\n")
    return count


def _render_jsonl(table: Table, streams: Streams, header: bool) -> int:
    count = 0
    for row in table.rows:
        streams.out.write(dump_json(dict(zip(table.columns, row, strict=False))) + "\n")
        count += 1
    return count


def _cell(value: Value, vertical: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ("\n" if vertical else ", ").join(value)
    if isinstance(value, dict):
        return ("\n" if vertical else ", ").join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10000 else str(value)
    return value


def rich_console(streams: Streams, file: Any) -> Any:
    """A Rich console that never interprets data: no markup, no emoji codes, no highlighting."""
    from rich.console import Console

    return Console(
        file=file,
        width=streams.width,
        force_terminal=streams.color,
        color_system="standard" if streams.color else None,
        no_color=not streams.color,
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
        soft_wrap=False,
    )


def _render_table(table: Table, streams: Streams, header: bool) -> int:
    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text

    rows = [list(r) for r in table.rows]
    if not rows:
        return 0
    rich_table = RichTable(
        box=box.SIMPLE_HEAD,
        show_header=header and not table.vertical,
        header_style="bold" if streams.color else "",
        title=Text(neutralise(table.title)) if table.title else None,
        title_justify="left",
        pad_edge=False,
    )
    if table.vertical:
        rich_table.add_column("field", style="bold" if streams.color else "", no_wrap=True)
        rich_table.add_column("value", overflow="fold")
        for name, value in zip(table.columns, rows[0], strict=False):
            rich_table.add_row(Text(name), Text(neutralise(_cell(value, True))))
    else:
        cells = [[neutralise(_cell(v, False)) for v in row] for row in rows]
        longest = [max((len(row[i]) for row in cells), default=0) for i in range(len(table.columns))]
        labels = [table.headers.get(name, name) for name in table.columns]
        readable = sum(min(n, max(len(name), 8)) for n, name in zip(longest, labels, strict=True))
        if readable + 3 * len(longest) > streams.width:
            # Too narrow for a grid (many columns, a small terminal): one field/value card per
            # row, the way `psql \x auto` does, instead of columns folded one letter wide.
            return _render_cards(labels, cells, streams)
        wanted = [n if n <= SHORT_COLUMN else 0 for n in longest]
        # Short columns (codes, dates, counts) ask for their widest value so they do not wrap,
        # but only while everything fits: Rich crops columns whose minimums overflow the screen.
        fits = sum(wanted) + sum(10 for n in wanted if n == 0) + 3 * len(wanted) <= streams.width
        for name, want in zip(labels, wanted, strict=True):
            rich_table.add_column(
                name,
                min_width=want if (fits and want) else None,
                overflow="fold",
                ratio=None if want else 1,
            )
        for row in cells:
            rich_table.add_row(*(Text(cell) for cell in row))
    buffer = io.StringIO()
    rich_console(streams, buffer).print(rich_table)
    streams.page(buffer.getvalue())
    return len(rows)


def _render_cards(columns: Sequence[str], cells: list[list[str]], streams: Streams) -> int:
    import io

    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text

    buffer = io.StringIO()
    console = rich_console(streams, buffer)
    for number, row in enumerate(cells, 1):
        card = RichTable(box=box.SIMPLE, show_header=False, pad_edge=False, title=f"{number}", title_justify="left")
        card.add_column("field", style="bold" if streams.color else "", no_wrap=True)
        card.add_column("value", overflow="fold")
        for name, cell in zip(columns, row, strict=True):
            card.add_row(Text(name), Text(cell))
        console.print(card)
    streams.page(buffer.getvalue())
    return len(cells)


_RENDERERS: Mapping[str, Callable[[Table, Streams, bool], int]] = {
    "table": _render_table,
    "tsv": _render_tsv,
    "csv": _render_csv,
    "json": _render_json,
    "jsonl": _render_jsonl,
    "markdown": _render_markdown,
}
# The names and what each format is come from formats.FORMAT_INFO; a name without a renderer fails here, at import.
FORMATS: Mapping[str, Format] = {info.name: Format(info, _RENDERERS[info.name]) for info in FORMAT_INFO}


def resolve_format(name: str, streams: Streams) -> Format:
    """The registry entry for a --format value; auto picks table on a terminal, tsv otherwise."""
    if name == "auto":
        return FORMATS["table" if streams.is_tty else "tsv"]
    return FORMATS[name]


def render_table(table: Table, fmt: Format, streams: Streams, header: bool = True) -> int:
    """Render `table` in `fmt` to streams.out; returns how many rows were written."""
    return fmt.render(table, streams, header)


def render_document(document: Mapping[str, Any], streams: Streams, lines: bool = False) -> None:
    """One JSON object (pretty) or one JSONL line."""
    streams.out.write(dump_json(document, None if lines else 2) + "\n")
