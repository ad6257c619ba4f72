"""`diaspora chart`: the decade picture against expected text at 40, 80 and 160 columns, colour off."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from diaspora_cli.core.loading import embedded_root
from diaspora_cli.core.model import Event, PartialDate
from diaspora_cli.output.charts import GLYPH_CIRCA, GLYPH_DAY, GLYPH_MONTH, GLYPH_YEAR, bar, short_span
from tests.conftest import MINI, TESTS, run_cli

EXPECTED = TESTS / "data" / "expected"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("width", [40, 80, 160])
def test_chart_matches_expected_text(width: int) -> None:
    result = run_cli(["--data", str(MINI), "chart"], width=width)
    assert result.code == 0, result.err
    expected = (EXPECTED / f"chart-mini-{width}.txt").read_text(encoding="utf-8")
    assert result.out == expected


@pytest.mark.parametrize("width", [40, 80, 160])
def test_no_color_environment_gives_the_same_plain_text(width: int) -> None:
    result = run_cli(["--data", str(MINI), "chart"], tty=True, width=width, environ={"NO_COLOR": "1"})
    assert result.out == (EXPECTED / f"chart-mini-{width}.txt").read_text(encoding="utf-8")


def test_colour_only_adds_escapes() -> None:
    coloured = run_cli(["--data", str(MINI), "chart", "--color", "always"], width=80)
    assert "\x1b[" in coloured.out
    assert ANSI.sub("", coloured.out) == (EXPECTED / "chart-mini-80.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [40, 57, 80, 123, 160])
def test_shipped_chart_fits_every_width(width: int) -> None:
    result = run_cli(["--data", str(embedded_root()), "chart"], width=width)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert all(len(line) <= width for line in lines), [line for line in lines if len(line) > width]
    assert "\x1b" not in result.out
    assert all(line == line.rstrip() for line in lines)


def line_of(out: str, text: str) -> str:
    return next(line for line in out.splitlines() if text in line)


def test_precision_is_visible() -> None:
    out = run_cli(["--data", str(MINI), "chart"], width=80).out
    assert f"{GLYPH_YEAR} 2001 " in line_of(out, "Something in 2001")
    assert f"{GLYPH_MONTH} 2001-06 " in line_of(out, "Berlin youth meeting")
    assert f"{GLYPH_DAY} 1949-02-01 " in line_of(out, "Culture association")
    assert f"{GLYPH_CIRCA} c. 1920 " in line_of(out, "Émigrés leave")


def test_a_multi_year_span_is_drawn_down_to_its_end() -> None:
    out = run_cli(["--data", str(MINI), "chart"], width=80).out.splitlines()
    start = next(i for i, line in enumerate(out) if "Refugee years" in line and "end:" not in line)
    end = next(i for i, line in enumerate(out) if "end: Refugee years" in line)
    lane = out[start].index("┌")
    assert out[end][lane] == "└"
    assert all(line[lane] == "│" for line in out[start + 1 : end])
    assert out[start + 1].startswith("1990s")  # the lane runs past the next decade's bar


def test_decades_without_events_are_zero_not_skipped() -> None:
    out = run_cli(["--data", str(MINI), "chart"], width=80).out
    assert [line[:5] for line in out.splitlines() if "┤" in line] == [f"{d}s" for d in range(1920, 2001, 10)]
    assert "1950s ┤   0" in out


def test_filters_apply_and_empty_is_quiet() -> None:
    out = run_cli(["--data", str(MINI), "chart", "--country", "DE"], width=80).out
    assert out.splitlines()[0] == "2 events, 2000s–2000s"
    result = run_cli(["--data", str(MINI), "chart", "--category", "law"], tty=True)
    assert (result.code, result.out, result.err) == (0, "", "no events match\n")


def test_bar_scales_in_eighths() -> None:
    assert bar(0, 5, 10) == ""
    assert bar(5, 5, 10) == "█" * 10
    assert bar(1, 16, 10) == "▋"  # 10/16 of a cell = 5 eighths
    assert bar(1, 1000, 10) == "▏"  # never invisible when there is something


def test_short_span_keeps_precision() -> None:
    def event(start: str, end: str | None) -> Event:
        return Event("x", PartialDate.parse(start), "t", "other", ("s",), PartialDate.parse(end) if end else None)

    assert short_span(event("2001-11-09", "2001-11-10")) == "2001-11-09–10"
    assert short_span(event("2020-09-27", "2020-11-10")) == "2020-09-27–11-10"
    assert short_span(event("2001-06", "2001-08")) == "2001-06–08"
    assert short_span(event("1989", "1992")) == "1989–1992"
    assert short_span(event("~2001", None)) == "c. 2001"


def test_expected_files_are_the_ones_compared() -> None:
    assert sorted(p.name for p in Path(EXPECTED).glob("chart-*.txt")) == [
        "chart-mini-160.txt",
        "chart-mini-40.txt",
        "chart-mini-80.txt",
    ]
