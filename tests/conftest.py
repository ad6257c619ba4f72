"""Shared fixtures: the mini dataset, the shipped dataset, and a CLI runner with explicit streams."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diaspora_cli.cli.app import app
from diaspora_cli.cli.session import AppState
from diaspora_cli.core.loading import embedded_root
from diaspora_cli.core.model import Dataset
from diaspora_cli.core.store import open_dataset
from diaspora_cli.output.streams import Streams
from tests import hypothesis_profiles  # noqa: F401  (registers and loads the Hypothesis profile)

TESTS = Path(__file__).resolve().parent
MINI = TESTS / "data" / "valid" / "mini"
INVALID = TESTS / "data" / "invalid"


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Parse caches of the suite go to a temporary HOME/XDG_CACHE_HOME, never the user's own."""
    folder = tmp_path_factory.mktemp("cache-home")
    patch = pytest.MonkeyPatch()
    patch.setenv("HOME", str(folder))
    patch.setenv("XDG_CACHE_HOME", str(folder / ".cache"))
    yield folder
    patch.undo()


@dataclass
class Result:
    """What one CLI run produced."""

    code: int
    out: str
    err: str


Run = Callable[..., Result]


def run_cli(
    args: Sequence[str],
    *,
    tty: bool = False,
    color: bool = False,
    width: int = 100,
    environ: dict[str, str] | None = None,
) -> Result:
    """Run the app in-process with explicit streams: `tty` decides what `auto` means."""
    out, err = io.StringIO(), io.StringIO()
    streams = Streams(out=out, err=err, is_tty=tty, err_is_tty=tty, width=width, height=10_000, color=color)
    state = AppState(streams=streams, environ=environ if environ is not None else {})
    result = CliRunner().invoke(app, list(args), obj=state, catch_exceptions=False)
    # Click's own usage errors go to the runner's stderr; ours go to the Streams.
    return Result(result.exit_code, out.getvalue() + result.stdout, err.getvalue() + result.stderr)


@pytest.fixture
def run() -> Run:
    """Run the CLI on the mini dataset unless the arguments say otherwise."""

    def _run(*args: str, tty: bool = False, **kwargs: object) -> Result:
        return run_cli(["--data", str(MINI), *args], tty=tty, **kwargs)  # type: ignore[arg-type]

    return _run


@pytest.fixture(scope="session")
def mini() -> Dataset:
    """The mini dataset, validated."""
    return open_dataset([str(MINI)], {})


@pytest.fixture(scope="session")
def shipped() -> Dataset:
    """The embedded dataset, validated."""
    return open_dataset([str(embedded_root())], {})
