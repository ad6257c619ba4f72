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
