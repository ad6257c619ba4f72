"""Nothing is lost: the tool never writes a user's data files, and a killed write leaves no torn file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.conftest import MINI, run_cli

HANG_GUARD = 20  # seconds; only a guard against a hang


def snapshot(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every entry of `folder`: modification time, mode and bytes."""
    found = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        found[str(path.relative_to(folder))] = (info.st_mtime_ns, info.st_mode, path.read_bytes())
    return found


COMMANDS = [
    ["validate"],
    ["timeline"],
    ["timeline", "-f", "json", "--country", "Germany"],
    ["countries", "-f", "csv"],
    ["country", "DE"],
    ["country", "TR", "-f", "json"],
    ["orgs", "-f", "markdown"],
    ["show", "congress-2001"],
    ["search", "congress", "-f", "jsonl"],
    ["on-this-day", "--date", "11-09"],
    ["stats", "--by", "decade"],
    ["chart"],
    ["timeline", "--search", "nothing-matches-this"],
    ["show", "no-such-record"],
]


@pytest.mark.parametrize("cache", [True, False], ids=["cache", "no-cache"])
def test_no_command_writes_the_data_files(tmp_path: Path, cache: bool) -> None:
    data = tmp_path / "data"
    data.mkdir()
    old = (1_000_000_000, 1_000_000_000)  # old times: the cache takes only files not edited moments ago
    for source in MINI.glob("*.toml"):
        (data / source.name).write_bytes(source.read_bytes())
        os.utime(data / source.name, ns=old)
    os.utime(data, ns=old)  # and an old folder time shows any entry created or removed there
    before = snapshot(data)
    folder_time = data.stat().st_mtime_ns
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "HOME": str(tmp_path / "home")}
    flags = ["--data", str(data)] + ([] if cache else ["--no-cache"])
    for args in COMMANDS:
        for tty in (False, True):
            result = run_cli([*flags, *args], tty=tty, environ=env)
            assert result.code in (0, 1), (args, result.err)
    for fmt in ("timelinejs", "sqlite", "html"):
        target = tmp_path / "exports" / f"out.{fmt}"
        target.parent.mkdir(exist_ok=True)
        result = run_cli([*flags, "export", fmt, "-o", str(target)], environ=env)
        assert result.code == 0, result.err
        # Without --force an export never replaces a file, a data file least of all.
        refused = run_cli([*flags, "export", fmt, "-o", str(data / "dataset.toml")], environ=env)
        assert refused.code != 0
    assert snapshot(data) == before
    assert data.stat().st_mtime_ns == folder_time  # no file was created or removed there, even briefly
    if cache:
        assert any((tmp_path / "cache").rglob("*")), "the cache was on: it should have been written"


# A child that writes a large file through atomic_write in slow chunks. It touches a marker at a
# chosen moment (mid-write, after fsync but before the rename, after the rename) and then
# sleeps, so the parent can kill it there with SIGKILL: no handler, no cleanup, like a power cut.
WRITER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path

    from diaspora_cli.core import atomic

    target, marker, moment = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    CHUNK = b"N" * 65536

    def write(handle):
        for number in range(64):
            handle.write(CHUNK)
            if number == 10 and moment == "mid-write":
                handle.flush()
                marker.touch()
                time.sleep(60)

    replace = os.replace

    def slow_replace(src, dst):
        if moment == "before-rename":
            marker.touch()
            time.sleep(60)
        replace(src, dst)
        if moment == "after-rename":
            marker.touch()
            time.sleep(60)

    atomic.os.replace = slow_replace
    atomic.atomic_write(target, write)
    """
)
OLD = b"old complete content\n" * 1000
NEW = b"N" * 65536 * 64


@pytest.mark.parametrize(("moment", "expected"), [("mid-write", OLD), ("before-rename", OLD), ("after-rename", NEW)])
def test_kill_9_during_an_atomic_write_leaves_old_or_new(tmp_path: Path, moment: str, expected: bytes) -> None:
    target = tmp_path / "cache.bin"
    target.write_bytes(OLD)
    marker = tmp_path / "marker"
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target), str(marker), moment],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + HANG_GUARD
    while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert marker.exists(), proc.stderr.read() if proc.stderr else ""
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=HANG_GUARD)
    assert proc.returncode == -signal.SIGKILL
    assert target.read_bytes() == expected
    # What a kill leaves behind is at most the hidden temporary file beside it, never the target torn.
    leftovers = [p.name for p in tmp_path.iterdir() if p.name not in ("cache.bin", "marker")]
    assert all(name.startswith(".cache.bin.") and name.endswith(".tmp") for name in leftovers), leftovers
    assert len(leftovers) == (0 if moment == "after-rename" else 1)


def test_kill_9_of_a_first_write_leaves_no_file_at_all(tmp_path: Path) -> None:
    target = tmp_path / "cache.bin"
    marker = tmp_path / "marker"
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target), str(marker), "mid-write"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + HANG_GUARD
    while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert marker.exists()
    proc.kill()
    proc.wait(timeout=HANG_GUARD)
    assert not target.exists()
