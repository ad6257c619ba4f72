"""Real processes: narrow encodings degrade to escapes, Ctrl-C is one line and exit 130.

Broken pipes (`| head`) and a full disk (`> /dev/full`) are covered by tests/test_pipes.py.
"""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.conftest import MINI, TESTS

HOSTILE = TESTS / "data" / "valid" / "hostile"
HANG_GUARD = 20  # seconds; a guard against a hang, never a measurement


def base_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    drop = ("DIASPORA", "PYTHON", "LC_", "LANG", "COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "CLICOLOR")
    env = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    env.update(XDG_CACHE_HOME=str(tmp_path / "cache"), TERM="xterm", **extra)
    return env


ENCODINGS = {
    "ascii": {"PYTHONIOENCODING": "ascii"},
    "latin-1": {"PYTHONIOENCODING": "latin-1"},
    "C-locale": {"LC_ALL": "C"},
    # The C locale without Python's UTF-8 rescue: stdio really is ASCII.
    "C-locale-strict": {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
}

# (arguments, exit code, a text the output must hold in some form)
RUNS = [
    (["--data", str(MINI), "timeline", "-f", "tsv"], 0, "migr"),
    (["--data", str(MINI), "country", "TR", "-f", "json"], 0, "rkiye"),
    (["--data", str(HOSTILE), "timeline", "-f", "csv"], 0, "family"),
    (["--data", str(HOSTILE), "search", "hostile", "-f", "markdown"], 0, "hostile-cjk"),
    (["--data", str(MINI), "country", "Türkiyəx"], 1, "rkiy"),
]


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
@pytest.mark.parametrize(("args", "code", "needle"), RUNS, ids=lambda v: v[2] if isinstance(v, list) else str(v))
def test_narrow_encodings_escape_instead_of_crashing(
    tmp_path: Path, encoding: str, args: list[str], code: int, needle: str
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "diaspora_cli", "--no-cache", *args],
        capture_output=True,
        env=base_env(tmp_path, **ENCODINGS[encoding]),
        stdin=subprocess.DEVNULL,
        timeout=HANG_GUARD,
    )
    out, err = result.stdout, result.stderr
    assert result.returncode == code, err
    assert b"Traceback" not in err and b"UnicodeEncodeError" not in err
    # Python's C-locale rescue makes plain LC_ALL=C UTF-8; the others really are narrow.
    stream_encoding = {"ascii": "ascii", "latin-1": "latin-1", "C-locale": "utf-8"}.get(encoding, "ascii")
    text = (out if code == 0 else err).decode(stream_encoding)  # nothing the stream cannot carry...
    assert needle in text
    if stream_encoding != "utf-8":
        assert "\\u" in text  # ...because the letters it cannot carry became escapes (ə is \u0259)
    if code:
        assert len(err.splitlines()) == 1


def run_on_pty(args: list[str], env: dict[str, str]) -> tuple[int, bytes, bytes]:
    """Run the CLI with stdout on a pseudo-terminal, so `auto` means a Rich table."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "diaspora_cli", *args],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=subprocess.PIPE,
        env=env,
    )
    os.close(slave)
    chunks = []
    deadline = time.monotonic() + HANG_GUARD
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed its end
                break
            if not chunk:
                break
            chunks.append(chunk)
        elif proc.poll() is not None:
            break
    os.close(master)
    assert proc.stderr is not None
    err = proc.stderr.read()
    proc.stderr.close()
    return proc.wait(timeout=HANG_GUARD), b"".join(chunks), err


@pytest.mark.parametrize("encoding", ["ascii", "C-locale-strict"])
def test_a_terminal_that_cannot_show_letters_gets_escapes(tmp_path: Path, encoding: str) -> None:
    env = base_env(tmp_path, COLUMNS="120", LINES="50", **ENCODINGS[encoding])
    code, out, err = run_on_pty(["--no-cache", "--data", str(HOSTILE), "orgs", "--no-pager"], env)
    assert (code, err) == (0, b"")
    out.decode("ascii")  # every letter beyond ASCII became an escape
    assert b"org-hostile" in out and b"\\u" in out
    # Colour is on for a terminal: our SGR codes are the only escape sequences.
    assert re.search(rb"\x1b\[[0-9;]*m", out)
    assert b"\x1b" not in re.sub(rb"\x1b\[[0-9;]*m", b"", out)


def write_large_dataset(folder: Path, files: int = 10, events: int = 2_000) -> None:
    folder.mkdir()
    (folder / "a-dataset.toml").write_text((MINI / "dataset.toml").read_text(encoding="utf-8"), encoding="utf-8")
    for number in range(files):
        parts = []
        for index in range(events):
            parts.append(
                f'[[events]]\nid = "ev-{number}-{index}"\ndate = "{1900 + index % 120}"\n'
                f'title = "Event {index} of file {number}: Şəki, İstanbul"\ncategory = "other"\n'
                f'countries = ["DE", "TR"]\ntags = ["bulk"]\nsources = ["Generated source {index}"]\n'
            )
        (folder / f"events-{number:02d}.toml").write_text("\n".join(parts), encoding="utf-8")


# The CLI as it runs for a user, plus one thing: a marker file appears when the first data file
# is handed to the parser, so the test interrupts a load in progress instead of guessing a delay.
MARKED = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    import diaspora_cli.core.loading as loading

    marker = Path(sys.argv[1])
    parse = loading.parse_toml

    def marked(text, name):
        marker.touch()
        return parse(text, name)

    loading.parse_toml = marked
    sys.argv = ["diaspora", *sys.argv[2:]]
    from diaspora_cli.cli.main import main

    main()
    """
)


def test_ctrl_c_during_a_long_load_is_one_line_and_130(tmp_path: Path) -> None:
    data = tmp_path / "big"
    write_large_dataset(data)
    marker = tmp_path / "parsing"
    proc = subprocess.Popen(
        [sys.executable, "-c", MARKED, str(marker), "--no-cache", "--data", str(data), "timeline", "-f", "tsv"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=base_env(tmp_path),
    )
    deadline = time.monotonic() + HANG_GUARD
    while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert marker.exists(), "the child never started parsing"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=HANG_GUARD)
    assert proc.returncode == 130
    assert err == b"diaspora: interrupted\n"
    assert out == b""


def test_ctrl_c_while_the_commands_are_imported_is_one_line_and_130(tmp_path: Path) -> None:
    # A deterministic stand-in for a Ctrl-C in the first few hundred milliseconds.
    code = textwrap.dedent(
        """
        import builtins

        real = builtins.__import__

        def interrupted(name, *args, **kwargs):
            if name == "typer":
                raise KeyboardInterrupt
            return real(name, *args, **kwargs)

        builtins.__import__ = interrupted
        import diaspora_cli.cli.main

        diaspora_cli.cli.main.main(["--version"])  # a line the fast path leaves to Typer, so Typer is imported
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, env=base_env(tmp_path), timeout=HANG_GUARD
    )
    assert (result.returncode, result.stderr, result.stdout) == (130, b"diaspora: interrupted\n", b"")
