"""The wheel carries the dataset and works from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0 and "No module named" in result.stderr:
        pytest.skip(f"cannot build without isolation here: {result.stderr.strip()[-200:]}")
    assert result.returncode == 0, result.stderr
    (found,) = out.glob("diaspora-*.whl")
    return found


def test_wheel_ships_the_dataset(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(n for n in names if n.startswith("diaspora_cli/data/") and n.endswith(".toml"))
    in_repo = sorted(f"diaspora_cli/data/{p.name}" for p in (ROOT / "data").glob("*.toml"))
    assert shipped == in_repo
    assert any(n.endswith("entry_points.txt") for n in names)


def test_installed_wheel_runs_from_an_empty_folder(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("DIASPORA_DATA", None)
    for args, expect in (
        (["--version"], "diaspora "),
        (["validate"], ""),
        (["--help"], "Usage:"),
        (["country", "Germany", "-f", "json"], '"code": "DE"'),
    ):
        result = subprocess.run(
            [sys.executable, "-m", "diaspora_cli", *args],
            cwd=empty,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, (args, result.stderr)
        assert expect in result.stdout
        # The package must come from the installed wheel, not from the checkout.
    probe = subprocess.run(
        [sys.executable, "-c", "import diaspora_cli, sys; print(diaspora_cli.__file__)"],
        cwd=empty,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert probe.stdout.startswith(str(target))


def _install(wheel: Path, target: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )


def _run(target: Path, cache: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(target), "XDG_CACHE_HOME": str(cache)}
    env.pop("DIASPORA_DATA", None)
    return subprocess.run(
        [sys.executable, "-m", "diaspora_cli", *args], cwd=cache.parent, env=env, capture_output=True, text=True
    )


def test_the_first_run_after_an_install_reads_the_prebuilt_cache(wheel: Path, tmp_path: Path) -> None:
    assert "diaspora_cli/data/prebuilt.sqlite" in zipfile.ZipFile(wheel).namelist()
    target = tmp_path / "site"
    _install(wheel, target)
    cache = tmp_path / "cache"
    expected = _run(target, cache, "--no-cache", "timeline", "-f", "json").stdout
    for args in (["timeline", "-f", "json"], ["search", "berlin", "-f", "json"]):
        first = _run(target, cache, *args)
        assert (first.returncode, first.stderr) == (0, "")
        fresh = _run(target, cache, "--no-cache", *args).stdout
        assert first.stdout == fresh
    assert _run(target, cache, "timeline", "-f", "json").stdout == expected
    assert not cache.exists()  # answered from the wheel's prebuilt cache: nothing written


def test_an_edited_installed_dataset_is_not_answered_from_the_prebuilt_cache(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    _install(wheel, target)
    events = sorted((target / "diaspora_cli" / "data").glob("events-*.toml"))[0]
    text = events.read_text(encoding="utf-8")
    title = text.split('title = "', 1)[1].split('"', 1)[0]
    events.write_text(text.replace(f'title = "{title}"', f'title = "{title[:-1]}X"', 1), encoding="utf-8")
    out = _run(target, tmp_path / "cache", "timeline", "-f", "tsv", "--fields", "title").stdout
    assert f"{title[:-1]}X" in out.splitlines() and title not in out.splitlines()
