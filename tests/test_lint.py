"""ruff (lint and format) and mypy --strict are part of the test command."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def _available(module: str) -> bool:
    return shutil.which(module) is not None or _run(module, "--version").returncode == 0


@pytest.mark.parametrize(
    "args",
    [
        ("ruff", "check", "."),
        ("ruff", "format", "--check", "."),
        ("mypy",),
    ],
    ids=["ruff-check", "ruff-format", "mypy-strict"],
)
def test_static_checks(args: tuple[str, ...]) -> None:
    if not _available(args[0]):
        pytest.fail(f"{args[0]} is not installed: install the test extra (pip install -e '.[test]')")
    result = _run(*args)
    assert result.returncode == 0, result.stdout + result.stderr
