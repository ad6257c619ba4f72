"""Colour decisions and the pager: Streams built by hand, a pager script that records its input."""

from __future__ import annotations

import io
import os
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diaspora_cli.cli.app import app
from diaspora_cli.cli.session import AppState
from diaspora_cli.output.render import FORMATS, Table, render_table
from diaspora_cli.output.streams import Streams, decide_color
from tests.conftest import MINI


@pytest.mark.parametrize(
    ("choice", "tty", "environ", "expected"),
    [
        ("auto", True, {}, True),
        ("auto", False, {}, False),
        ("auto", True, {"NO_COLOR": "1"}, False),
        ("auto", True, {"NO_COLOR": ""}, True),  # empty NO_COLOR is unset (no-color.org)
        ("auto", True, {"CLICOLOR": "0"}, False),
        ("auto", True, {"CLICOLOR": "1"}, True),
        ("auto", False, {"CLICOLOR": "1"}, False),  # CLICOLOR=1 does not force a pipe
        ("auto", True, {"TERM": "dumb"}, False),
        ("auto", False, {"CLICOLOR_FORCE": "1"}, True),
        ("auto", False, {"CLICOLOR_FORCE": "0"}, False),
        ("auto", False, {"FORCE_COLOR": "1"}, True),
        ("auto", False, {"FORCE_COLOR": "0"}, False),
        ("auto", True, {"TERM": "dumb", "FORCE_COLOR": "1"}, True),
        ("auto", True, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),  # NO_COLOR wins over the forcing
        ("always", False, {"NO_COLOR": "1"}, True),  # the flag wins over the environment
        ("always", False, {"TERM": "dumb"}, True),
        ("never", True, {"FORCE_COLOR": "1"}, False),
        ("never", True, {}, False),
    ],
)
def test_decide_color(choice: str, tty: bool, environ: dict[str, str], expected: bool) -> None:
    assert decide_color(choice, tty, environ) is expected


def recording_pager(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """$PAGER that appends a marker and its input to a file, so each invocation is counted."""
    record = tmp_path / "paged.txt"
    target = shlex.quote(str(record))
    return {"PAGER": f"sh -c 'echo PAGER-START >> {target}; cat >> {target}'", "PATH": os.environ["PATH"]}, record


def long_table(rows: int) -> Table:
    return Table(["n", "title"], [[str(i), f"row {i}"] for i in range(rows)])


def terminal(environ: dict[str, str], pager: bool = True, height: int = 8) -> Streams:
    return Streams(
        out=io.StringIO(), err=io.StringIO(), is_tty=True, height=height, width=80, pager=pager, environ=environ
    )


def written(streams: Streams) -> str:
    assert isinstance(streams.out, io.StringIO)
    return streams.out.getvalue()


def test_a_long_table_goes_through_the_pager(tmp_path: Path) -> None:
    environ, record = recording_pager(tmp_path)
    streams = terminal(environ)
    render_table(long_table(30), FORMATS["table"], streams)
    assert written(streams) == ""
    paged = record.read_text(encoding="utf-8")
    assert paged.count("PAGER-START") == 1
    assert "row 0" in paged and "row 29" in paged


def test_short_output_is_not_paged(tmp_path: Path) -> None:
    environ, record = recording_pager(tmp_path)
    streams = terminal(environ)
    render_table(long_table(2), FORMATS["table"], streams)
    assert "row 1" in written(streams)
    assert not record.exists()


def test_no_pager_writes_directly(tmp_path: Path) -> None:
    environ, record = recording_pager(tmp_path)
    streams = terminal(environ, pager=False)
    render_table(long_table(30), FORMATS["table"], streams)
    assert "row 29" in written(streams)
    assert not record.exists()


def test_default_pager_missing_writes_directly(tmp_path: Path) -> None:
    streams = terminal({"PATH": str(tmp_path)})  # no $PAGER and no less on this PATH
    render_table(long_table(30), FORMATS["table"], streams)
    assert "row 29" in written(streams)


def test_a_report_of_several_tables_is_paged_once(tmp_path: Path) -> None:
    environ, record = recording_pager(tmp_path)
    streams = terminal(environ)
    with streams.paged():
        render_table(long_table(30), FORMATS["table"], streams)
        streams.out.write("\n")
        render_table(long_table(30), FORMATS["table"], streams)
    assert written(streams) == ""
    assert record.read_text(encoding="utf-8").count("PAGER-START") == 1


def test_a_short_report_is_written_directly(tmp_path: Path) -> None:
    environ, record = recording_pager(tmp_path)
    streams = terminal(environ, height=100)
    with streams.paged():
        render_table(long_table(3), FORMATS["table"], streams)
    assert "row 2" in written(streams)
    assert not record.exists()


@pytest.mark.parametrize("no_pager", [False, True])
def test_cli_pages_a_long_table_unless_no_pager(tmp_path: Path, no_pager: bool) -> None:
    environ, record = recording_pager(tmp_path)
    streams = terminal(environ, height=5)
    state = AppState(streams=streams, environ={})
    args = ["--data", str(MINI), "timeline", *(["--no-pager"] if no_pager else [])]
    result = CliRunner().invoke(app, args, obj=state, catch_exceptions=False)
    assert result.exit_code == 0
    if no_pager:
        assert "Refugee years" in written(streams) and not record.exists()
    else:
        assert written(streams) == "" and "Refugee years" in record.read_text(encoding="utf-8")


def test_cli_pages_a_country_report_once(tmp_path: Path) -> None:
    environ, record = recording_pager(tmp_path)
    state = AppState(streams=terminal(environ, height=5), environ={})
    result = CliRunner().invoke(app, ["--data", str(MINI), "country", "DE"], obj=state, catch_exceptions=False)
    assert result.exit_code == 0
    paged = record.read_text(encoding="utf-8")
    assert paged.count("PAGER-START") == 1
    assert "Germany" in paged and "Population" in paged and "Berlin youth meeting" in paged


def test_pipes_are_never_paged(tmp_path: Path) -> None:
    environ, _ = recording_pager(tmp_path)
    streams = Streams.from_system(environ=environ)  # pytest captures stdout: not a terminal
    assert not streams.is_tty and not streams.pager
    assert not streams.color


def test_note_only_when_someone_watches() -> None:
    quiet = Streams(out=io.StringIO(), err=io.StringIO())
    quiet.note("no events match")
    assert isinstance(quiet.err, io.StringIO) and quiet.err.getvalue() == ""
    watched = Streams(out=io.StringIO(), err=io.StringIO(), is_tty=True)
    watched.note("no events match")
    assert isinstance(watched.err, io.StringIO) and watched.err.getvalue() == "no events match\n"
