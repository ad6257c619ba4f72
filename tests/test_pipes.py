"""The real process behind real pipes and a pseudo-terminal: auto format, colour, head, /dev/full."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINI

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "diaspora_cli"]
SCRUBBED = ("NO_COLOR", "FORCE_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "PAGER", "DIASPORA_DATA", "COLUMNS", "LINES")


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    env.update(TERM="xterm", **extra)
    return env


def piped(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*CLI, "--data", str(MINI), *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=env or clean_env(),
        cwd=ROOT,
        timeout=60,
    )


def test_piped_auto_is_tsv_without_escape_codes() -> None:
    auto = piped("timeline")
    tsv = piped("timeline", "-f", "tsv")
    assert auto.returncode == 0 and auto.stderr == b""
    assert auto.stdout == tsv.stdout
    assert auto.stdout.startswith(b"id\twhen\tdate\t")
    assert b"\x1b" not in auto.stdout


@pytest.mark.parametrize(
    ("args", "extra"),
    [
        (["--color", "never"], {"FORCE_COLOR": "1"}),
        ([], {"NO_COLOR": "1", "CLICOLOR_FORCE": "1"}),
        ([], {}),  # a pipe has no colour by default
    ],
    ids=["color-never", "no-color", "pipe"],
)
def test_table_without_colour_has_no_escape_codes(args: list[str], extra: dict[str, str]) -> None:
    result = piped("timeline", "-f", "table", *args, env=clean_env(**extra))
    assert result.returncode == 0
    assert b"Refugee years" in result.stdout
    assert b"\x1b" not in result.stdout


@pytest.mark.parametrize(
    ("args", "extra"),
    [(["--color", "always"], {"NO_COLOR": "1"}), ([], {"FORCE_COLOR": "1"})],
    ids=["color-always", "force-color"],
)
def test_forced_colour_reaches_a_pipe(args: list[str], extra: dict[str, str]) -> None:
    result = piped("timeline", "-f", "table", *args, env=clean_env(**extra))
    assert result.returncode == 0
    assert b"\x1b[" in result.stdout


def test_machine_formats_never_carry_colour() -> None:
    result = piped("timeline", "-f", "tsv", "--color", "always")
    assert result.returncode == 0
    assert result.stdout == piped("timeline", "-f", "tsv").stdout
    assert b"\x1b" not in result.stdout


def shell(pipeline: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["bash", "-c", f"set -o pipefail; {pipeline}"],
        capture_output=True,
        env=clean_env(),
        cwd=ROOT,
        timeout=60,
    )


@pytest.mark.parametrize("fmt", ["auto", "jsonl"])
def test_head_closing_the_pipe_is_quiet_success(fmt: str) -> None:
    # The embedded dataset: its output is larger than a pipe buffer, so the write after head
    # exits really fails with EPIPE.
    command = " ".join(shlex.quote(part) for part in [*CLI, "timeline", "-f", fmt])
    result = shell(f"{command} | head -n 1")
    assert result.stderr == b""
    assert result.returncode == 0
    assert result.stdout.count(b"\n") == 1
    if fmt == "auto":  # jsonl is larger still
        size = shell(f"{command} | wc -c")
        assert int(size.stdout) > 70_000  # bigger than the pipe buffer, or the test proves nothing


def test_write_error_is_one_line_and_exit_1() -> None:
    command = " ".join(shlex.quote(part) for part in [*CLI, "--data", str(MINI), "timeline"])
    result = shell(f"{command} > /dev/full")
    assert result.returncode == 1
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("diaspora: ") and "space" in lines[0]


def test_empty_result_in_a_pipe_is_silent() -> None:
    result = piped("timeline", "--year", "1800")
    assert result.returncode == 0
    assert result.stderr == b""
    assert result.stdout.count(b"\n") == 1  # the header only


def on_terminal(*args: str, extra: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run with stdout on a pseudo-terminal (stderr on a pipe); returns code, terminal text, stderr."""
    import pty  # POSIX only; the suite runs on Linux and macOS

    leader, follower = pty.openpty()
    env = clean_env(**{"COLUMNS": "100", "LINES": "200", **(extra or {})})
    try:
        proc = subprocess.Popen(
            [*CLI, "--data", str(MINI), *args],
            stdin=subprocess.DEVNULL,
            stdout=follower,
            stderr=subprocess.PIPE,
            env=env,
            cwd=ROOT,
        )
    finally:
        os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the other side closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    proc.stderr.close()
    code = proc.wait(timeout=60)
    return code, b"".join(chunks).decode().replace("\r\n", "\n"), err


pty_only = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")


@pty_only
def test_terminal_gets_a_rich_table() -> None:
    code, out, err = on_terminal("timeline", "--no-pager")
    assert code == 0 and err == ""
    assert "─" in out  # the table's rule
    assert "\t" not in out
    header = next(line for line in out.splitlines() if line.strip())
    assert "\x1b[1m" in header  # bold header: colour is on for a terminal
    assert "Refugee years" in out and "AZ, GE" in out


@pty_only
def test_terminal_with_no_color_has_a_table_without_escapes() -> None:
    code, out, _ = on_terminal("timeline", "--no-pager", extra={"NO_COLOR": "1"})
    assert code == 0
    assert "─" in out
    assert "\x1b" not in out


@pty_only
def test_terminal_empty_result_notes_it_on_stderr() -> None:
    code, out, err = on_terminal("timeline", "--year", "1800")
    assert code == 0
    assert out == ""
    assert err == "no events match\n"


@pty_only
@pytest.mark.parametrize("no_pager", [False, True])
def test_terminal_pages_a_table_taller_than_the_screen(tmp_path: Path, no_pager: bool) -> None:
    record = tmp_path / "paged.txt"
    pager = f"sh -c 'cat > {shlex.quote(str(record))}'"
    args = ["timeline", *(["--no-pager"] if no_pager else [])]
    code, out, _ = on_terminal(*args, extra={"PAGER": pager, "LINES": "5"})
    assert code == 0
    if no_pager:
        assert "Refugee years" in out and not record.exists()
    else:
        assert "Refugee years" not in out
        assert "Refugee years" in record.read_text(encoding="utf-8")
