"""Pictures for a terminal: bars for `stats` and the decade timeline of `chart` (Rich lives here and in render).

Both lay out their own lines to fit `streams.width` (40 columns and up) and go through a Rich
console only for colour, so with colour off (a pipe, NO_COLOR) the output is plain text.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from diaspora_cli.core.model import Event, PartialDate
from diaspora_cli.core.record import Record, field
from diaspora_cli.core.text import neutralise

if TYPE_CHECKING:
    from rich.text import Text

    from diaspora_cli.core.facets import Bucket
    from diaspora_cli.output.streams import Streams

EIGHTHS = " ▏▎▍▌▋▊▉"
FULL = "█"
MAX_BAR = 40

# Precision glyphs: a year-only date must not look like a day.
GLYPH_DAY = "●"
GLYPH_MONTH = "◐"
GLYPH_YEAR = "○"
GLYPH_CIRCA = "◌"
LANE_START, LANE, LANE_END, RULE = "┌", "│", "└", "─"
LEGEND = (
    f"{GLYPH_DAY} day",
    f"{GLYPH_MONTH} month",
    f"{GLYPH_YEAR} year",
    f"{GLYPH_CIRCA} circa",
    f"{LANE_START}{LANE}{LANE_END} span of years",
    f"{FULL} events touching the decade",
)


def bar(value: int, top: int, width: int) -> str:
    """A horizontal bar of `value` scaled so `top` fills `width` cells, in eighths; never empty for value > 0."""
    if top <= 0 or value <= 0 or width <= 0:
        return ""
    eighths = max(1, round(value / top * width * 8))
    full, rest = divmod(eighths, 8)
    return FULL * full + (EIGHTHS[rest] if rest else "")


def glyph(date: PartialDate) -> str:
    """The precision glyph of a date: circa first, then day, month or year."""
    if date.circa:
        return GLYPH_CIRCA
    return {"day": GLYPH_DAY, "month": GLYPH_MONTH}.get(date.precision, GLYPH_YEAR)


def short_span(event: Event) -> str:
    """The date as read, with a same-year span shortened: "2001-11-09–10", "2020-09-27–11-10"."""
    start, end = event.date, event.end
    if end is None or end == start or end.year != start.year or start.month is None or end.month is None:
        return event.span_text
    prefix = "c. " if start.circa or end.circa else ""
    if start.day is not None and end.day is not None:
        tail = f"{end.day:02d}" if end.month == start.month else f"{end.month:02d}-{end.day:02d}"
    else:
        tail = end.iso()[5:]
    return f"{prefix}{start.iso()}–{tail}"


def _console(streams: Streams, buffer: io.StringIO) -> Any:
    from diaspora_cli.output.render import rich_console

    return rich_console(streams, buffer)


def _emit(lines: Sequence[Text], streams: Streams) -> None:
    buffer = io.StringIO()
    console = _console(streams, buffer)
    for line in lines:
        line.rstrip()  # padding and empty bars leave trailing spaces
        console.print(line, overflow="fold")  # lines are laid out to fit; fold only what cannot
    streams.page(buffer.getvalue())


def _style(streams: Streams, style: str) -> str:
    return style if streams.color else ""


# ---- stats ----------------------------------------------------------------------------------------


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


def render_buckets(buckets: Sequence[Bucket], streams: Streams, heading: str, note: str = "") -> None:
    """`stats` on a terminal: label, count, percent and a bar per bucket, and its drill-down command."""
    from rich.text import Text

    width = max(streams.width, 20)
    lines: list[Text] = [Text(neutralise(heading), style=_style(streams, "bold"))]
    if note:
        lines.append(Text(neutralise(note), style=_style(streams, "dim")))
    label_w = min(max(len(b.label) for b in buckets), max(8, width // 3))
    count_w = max(len(str(b.count)) for b in buckets)
    fixed = label_w + 1 + count_w + 1 + 6 + 1  # "label count 100.0% "
    command_w = max(len(b.command) for b in buckets)
    inline = width - fixed - 2 - command_w >= 12
    bar_w = min(MAX_BAR, (width - fixed - 2 - command_w) if inline else (width - fixed))
    top = max(b.count for b in buckets)
    for b in buckets:
        line = Text()
        line.append(_fit(neutralise(b.label), label_w).ljust(label_w) + " ", style=_style(streams, "bold"))
        line.append(str(b.count).rjust(count_w) + " ")
        line.append(f"{b.share:5.1f}%".rjust(6) + " ", style=_style(streams, "dim"))
        drawn = bar(b.count, top, bar_w)
        line.append(drawn, style=_style(streams, "cyan"))
        if inline:
            line.append(" " * (bar_w - len(drawn) + 2))
            line.append(neutralise(b.command), style=_style(streams, "dim"))
        lines.append(line)
        if not inline:
            for part in command_lines(b.command, width - 2):
                lines.append(Text("  " + neutralise(part), style=_style(streams, "dim")))
    _emit(lines, streams)


def command_lines(command: str, width: int) -> list[str]:
    """A shell command broken at word boundaries into lines of `width`, joined by backslash-newline."""
    import shlex

    words = [shlex.quote(w) for w in shlex.split(command)]
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if current and len(candidate) + 2 > width:
            lines.append(current + " \\")
            current = "  " + word
        else:
            current = candidate
    lines.append(current)
    return lines


# ---- chart ----------------------------------------------------------------------------------------


def spans_years(event: Event) -> bool:
    """A span over more than one calendar year gets a lane of its own."""
    return event.end is not None and event.end.year > event.date.year


def _end_key(date: PartialDate) -> tuple[int, int, int]:
    # A year-only end means "through December", a month end "through its last day".
    if date.month is None:
        return (date.year, 13, 0)
    return (date.year, date.month, 32 if date.day is None else date.day)


class _Row(Record, frozen=False):
    key: tuple[int, int, int, int, str]
    kind: str  # "decade", "event" or "end"
    decade: int = 0
    event: Event | None = None
    lane: int = -1
    lanes: list[bool] = field(default_factory=list)  # lanes drawn on this row (before it starts/ends)


class ChartData(Record):
    """What the chart shows: the events in order and the events touching each decade."""

    events: tuple[Event, ...]
    per_decade: tuple[tuple[int, int], ...]


def chart_data(events: Sequence[Event]) -> ChartData:
    """Decades from the first start to the last end, zeros included; an event counts in each decade it touches."""
    counts: dict[int, int] = {}
    for event in events:
        for decade in range(event.first_day().year // 10 * 10, event.last_day().year // 10 * 10 + 1, 10):
            counts[decade] = counts.get(decade, 0) + 1
    decades = range(min(counts), max(counts) + 1, 10) if counts else range(0)
    return ChartData(tuple(events), tuple((d, counts.get(d, 0)) for d in decades))


def _rows(data: ChartData) -> tuple[list[_Row], int]:
    rows = [_Row((d, 0, 0, -1, ""), "decade", decade=d) for d, _ in data.per_decade]
    for event in data.events:
        rows.append(_Row((*event.date.sort_key(), 0, event.id), "event", event=event))
        if spans_years(event):
            assert event.end is not None
            rows.append(_Row((*_end_key(event.end), 1, event.id), "end", event=event))
    rows.sort(key=lambda r: r.key)
    lanes: list[str | None] = []  # event id holding each lane
    for row in rows:
        if row.kind == "event" and row.event is not None and spans_years(row.event):
            free = [i for i, holder in enumerate(lanes) if holder is None]
            row.lane = free[0] if free else len(lanes)
            if not free:
                lanes.append(None)
            lanes[row.lane] = row.event.id
        if row.kind == "end" and row.event is not None:
            row.lane = lanes.index(row.event.id)
        row.lanes = [holder is not None for holder in lanes]
        if row.kind == "end":
            lanes[row.lane] = None
    return rows, max((len(r.lanes) for r in rows), default=0)


def render_chart(data: ChartData, streams: Streams, heading: str) -> None:
    """`chart`: decades down a vertical axis with density bars; events with precision glyphs; spans as lanes."""
    from rich.text import Text

    width = max(streams.width, 20)
    rows, lane_count = _rows(data)
    per_decade = dict(data.per_decade)
    top = max(per_decade.values(), default=0)
    lanes_w = lane_count + 1 if lane_count else 0
    axis_w = 8  # "1990s ┤ "
    dates = [short_span(r.event) if r.kind == "event" else str(r.event.end) for r in rows if r.event is not None]
    date_w = max((len(d) for d in dates), default=0)
    body = width - axis_w - lanes_w - 2  # after the glyph and its space
    inline = body - date_w - 1 >= 20
    title_w = max(10, body - date_w - 1 if inline else body)
    count_w = max((len(str(n)) for n in per_decade.values()), default=1)
    bar_w = max(4, min(MAX_BAR, width - axis_w - lanes_w - count_w - 1))

    label_style = _style(streams, "bold")
    axis_style = _style(streams, "dim")
    lane_style = _style(streams, "magenta")

    def lane_cells(row_lanes: list[bool], mark: int = -1, mark_char: str = "") -> Text:
        cells = Text()
        if not lanes_w:
            return cells
        for i in range(lane_count):
            on = i < len(row_lanes) and row_lanes[i]
            if i == mark:
                cells.append(mark_char, style=lane_style)
            elif on:
                cells.append(LANE, style=lane_style)
            else:  # a rule from the lane's start or end to the glyph, under no other lane
                cells.append(RULE if 0 <= mark < i else " ", style=lane_style)
        cells.append(RULE if mark >= 0 else " ", style=lane_style)
        return cells

    lines: list[Text] = [Text(neutralise(heading), style=label_style)]
    for row in rows:
        if row.kind == "decade":
            count = per_decade[row.decade]
            line = Text(f"{row.decade}s".rjust(5) + " ", style=label_style)
            line.append("┤ ", style=axis_style)
            line.append_text(lane_cells(row.lanes))
            drawn = bar(count, top, bar_w)
            line.append(drawn, style=_style(streams, "cyan"))
            line.append((" " if drawn else "") + str(count), style=_style(streams, "dim") if not count else "")
            lines.append(line)
            continue
        assert row.event is not None
        event = row.event
        after = list(row.lanes)
        if row.kind == "end":
            date, mark_char = event.end, LANE_END
            assert date is not None
            # One line only: the lane already ties the end to its start.
            when, title, style = str(date), _fit(f"end: {event.title}", title_w), _style(streams, "dim")
            after[row.lane] = False
        else:
            date, mark_char = event.date, LANE_START
            when, title, style = short_span(event), event.title, ""
        wrapped = textwrap.wrap(neutralise(title), title_w, break_long_words=True) or [""]
        first = Text(" " * 6)
        first.append("│ ", style=axis_style)
        first.append_text(lane_cells(row.lanes, row.lane, mark_char))
        first.append(glyph(date) + " ", style=_style(streams, "yellow") if row.kind == "event" else style)
        first.append(neutralise(when).ljust(date_w) if inline else neutralise(when), style=_style(streams, "dim"))
        rest = wrapped
        if inline:
            first.append(" ")
            first.append(wrapped[0], style=style)
            rest = wrapped[1:]
        lines.append(first)
        for part in rest:
            line = Text(" " * 6)
            line.append("│ ", style=axis_style)
            line.append_text(lane_cells(after))
            line.append("  " + (" " * (date_w + 1) if inline else "") + part, style=style)
            lines.append(line)
    lines.extend(_legend(width, streams))
    _emit(lines, streams)


def _legend(width: int, streams: Streams) -> list[Text]:
    from rich.text import Text

    lines: list[Text] = []
    current = ""
    for item in LEGEND:
        candidate = f"{current}   {item}" if current else item
        if len(candidate) > width and current:
            lines.append(Text(current, style=_style(streams, "dim")))
            current = item
        else:
            current = candidate
    if current:
        lines.append(Text(current, style=_style(streams, "dim")))
    return lines
