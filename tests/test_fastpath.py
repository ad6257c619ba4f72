"""The fast path reads a command line exactly as Typer/Click do, or steps aside."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import given
from hypothesis import strategies as st

from diaspora_cli.cli import fastpath
from diaspora_cli.cli.app import app
from diaspora_cli.cli.options import build_options
from diaspora_cli.cli.spec import COMMANDS, GLOBALS
from diaspora_cli.core.errors import UsageError
from tests.conftest import MINI

click_exceptions = (
    typer.BadParameter.__mro__[1],
    typer.Abort,
)  # Click's UsageError (the base of BadParameter) and Abort

COMMAND = typer.main.get_command(app)


def _received(name: str, values: dict[str, Any]) -> object:
    """What the command's run function receives: its options object, or the usage error instead."""
    from diaspora_cli.cli import session

    command = COMMANDS[name]
    module, _, function = command.run.partition(":")
    run = getattr(__import__(f"diaspora_cli.cli.commands.{module}", fromlist=[function]), function)
    cls = run.__annotations__["opts"]
    cls = getattr(sys.modules[run.__module__], cls) if isinstance(cls, str) else cls
    assert session is not None
    try:
        return build_options(cls, command, values)
    except UsageError as exc:
        return ("usage error", str(exc))


def through_typer(args: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, Any], str, object] | None:
    """What Typer hands to apply_globals and to the command for this command line (None: Click refused)."""
    seen: dict[str, Any] = {}

    def record_globals(state: object, data: Any, no_cache: bool, debug: bool) -> None:
        seen["group"] = {"data": list(data or []), "no_cache": no_cache, "debug": debug}

    def record(name: str, state: object, values: dict[str, Any]) -> int:
        seen["name"], seen["values"] = name, values
        return 0

    monkeypatch.setattr("diaspora_cli.cli.app.apply_globals", record_globals)
    monkeypatch.setattr("diaspora_cli.cli.app.run_command", record)
    try:
        COMMAND.main(args=args, prog_name="diaspora", standalone_mode=False)
    except (typer.Exit, click_exceptions):
        return None  # Click refused the line or printed help: nothing reached a command
    finally:
        monkeypatch.undo()
    if "name" not in seen:
        return None
    return seen["group"], seen["name"], _received(seen["name"], seen["values"])


def through_fastpath(args: list[str]) -> tuple[dict[str, Any], str, object] | None:
    parsed = fastpath.parse(args)
    if parsed is None:
        return None
    group, name, values = parsed
    return (
        {"data": list(group["data"] or []), "no_cache": group["no_cache"], "debug": group["debug"]},
        name,
        _received(name, values),
    )


ACCEPTED = [
    ["timeline"],
    ["timeline", "-f", "tsv"],
    ["timeline", "--format=json", "--country", "DE", "-c", "Türkiye", "--from", "1990", "--to=2001-05"],
    ["--data", "x", "-d", "y", "--debug", "timeline", "-n", "3", "-r", "--reverse", "--limit=0"],
    ["timeline", "-n7", "-fjson", "--search", "Rəsulzadə", "--tag", "a", "-t", "b", "--org", "o", "--year", "2001"],
    [
        "timeline",
        "--format",
        "tsv",
        "--format",
        "csv",
        "--no-header",
        "--no-pager",
        "--color",
        "never",
        "--fields",
        "id",
    ],
    ["countries", "-f", "csv"],
    ["country", "Germany"],
    ["country", "-f", "json", "GE", "--section", "events"],
    ["country", "-"],
    ["--data", "-", "country", "AZ"],
    ["--no-cache", "timeline"],
    ["orgs"],
    ["orgs", "--status", "defunct", "--status=active"],
    ["orgs", "--status", "gone"],
    ["orgs", "-c", "DE", "--type", "youth", "--founded-from", "2000", "--founded-to=2010", "-s", "x", "-f", "csv"],
    ["show", "DE", "-f", "json"],
    ["search", "congress", "--no-header"],
    ["on-this-day", "--date", "11-09"],
    ["stats", "--by", "year", "-n", "3", "-r", "--country", "DE"],
    ["stats", "-b", "nope"],
    ["chart", "--from", "1990", "--color", "always", "--no-pager"],
    ["validate"],
    ["validate", "a.toml", "b", "-f", "json"],
    ["export", "html", "-o", "-", "--force", "-n", "2"],
    ["export", " SQLite ", "--output=x.db"],
    ["export", "nope", "-o", "x"],
    ["timeline", "--format", "yaml"],
    ["country", "DE", "--section", "everything"],
    ["timeline", "--color", "sometimes"],
]
REFUSED = [
    [],
    ["--version"],
    ["-V", "timeline"],
    ["timeline", "-rn5"],
    ["timeline", "--", "x"],
    ["timeline", "--limit", "-1"],
    ["timeline", "--limit", "x"],
    ["timeline", "--limit=-1"],
    ["timeline", "--country"],
    ["timeline", "--reverse=yes"],
    ["timeline", "--nope"],
    ["timeline", "extra"],
    ["country"],
    ["country", "a", "b"],
    ["export", "html"],
    ["show"],
    ["timeline", "--format", "-f"],
    ["--install-completion", "bash"],
]


@pytest.mark.parametrize("args", ACCEPTED, ids=" ".join)
def test_accepted_lines_read_exactly_as_typer(args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    fast = through_fastpath(args)
    assert fast is not None
    assert fast == through_typer(args, monkeypatch)


@pytest.mark.parametrize("args", REFUSED, ids=" ".join)
def test_doubtful_lines_are_left_to_typer(args: list[str]) -> None:
    assert fastpath.parse(args) is None
    assert fastpath.run(args, {"XDG_CACHE_HOME": "/nonexistent"}) is None


def _token_lists() -> st.SearchStrategy[list[str]]:
    words = st.sampled_from(["DE", "Germany", "x", "-", "0", "3", "-1", "07", "2001", "+4", " 5", "=", "a=b", ""])
    options = sorted({flag for c in COMMANDS.values() for p in (*GLOBALS, *c.params) for flag in p.flags})
    noise = st.sampled_from([*options, "--", "-rn", "-h", "--nope"])
    token = st.one_of(
        words,
        st.sampled_from(options),
        st.builds(lambda o, w: f"{o}={w}", st.sampled_from(options), words),
        st.builds(lambda o, w: f"{o}{w}", st.sampled_from([o for o in options if len(o) == 2]), words),
        noise,
    )
    command = st.sampled_from(sorted(COMMANDS))
    return st.builds(lambda a, c, b: [*a, c, *b], st.lists(token, max_size=3), command, st.lists(token, max_size=8))


@given(_token_lists())
def test_any_line_the_fast_path_accepts_typer_reads_the_same(args: list[str]) -> None:
    fast = through_fastpath(args)
    if fast is None:
        return
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert fast == through_typer(args, monkeypatch), args


def test_every_command_of_the_spec_is_on_the_typer_app() -> None:
    assert list(COMMAND.commands) == list(COMMANDS)
    for name, command in COMMANDS.items():
        assert [p.name for p in COMMAND.commands[name].params] == [p.name for p in command.params]


def test_an_eager_callback_does_nothing_with_its_default() -> None:
    for param in COMMAND.params:
        if param.callback is not None:
            assert not param.default, f"{param.name}: a callback must do nothing with its default"


def run_main(args: list[str], env: dict[str, str], slow: bool = False) -> tuple[int, str, str, bool]:
    code = (
        "import sys\nimport diaspora_cli.cli.main as cli\n"
        + ("import diaspora_cli.cli.fastpath as f\nf.run = lambda *a, **k: None\n" if slow else "")
        + "try:\n    cli.main(sys.argv[1:])\n"
        "finally:\n    sys.stderr.write('typer imported: %s' % ('typer' in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, env=env, timeout=120)
    err = result.stderr.decode()
    body, _, flag = err.rpartition("typer imported: ")
    return result.returncode, result.stdout.decode(), body, flag == "True"


@pytest.mark.parametrize(
    "args",
    [
        ["timeline", "-f", "json"],
        ["timeline", "--country", "DE", "--reverse", "-n", "2", "-f", "tsv"],
        ["countries", "-f", "csv"],
        ["country", "Germany", "-f", "json"],
        ["country", "Nowhere"],
        ["timeline", "--from", "2001-02-30"],
        ["--help"],
        ["-h"],
        ["timeline", "--help"],
        ["country", "-h"],
        ["orgs", "-f", "json"],
        ["orgs", "--founded-from", "2000x"],
        ["show", "DE", "-f", "json"],
        ["show", "nope"],
        ["search", "congress", "-f", "csv"],
        ["search", ""],
        ["on-this-day", "--date", "11-09", "-f", "tsv"],
        ["stats", "--by", "country", "-f", "json"],
        ["stats", "--by", "nope"],
        ["chart", "--color", "never"],
        ["validate", "-f", "json"],
        ["export", "timelinejs", "-o", "-"],
        ["export", "sqlite", "-o", "-"],
        ["timeline", "--format", "yaml"],
        ["stats", "--help"],
        ["export", "--help"],
        ["validate", "-h"],
    ],
    ids=" ".join,
)
def test_same_output_and_exit_code_fast_and_slow(tmp_path: Path, args: list[str]) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "DIASPORA_DATA": str(MINI), "COLUMNS": "80"}
    slow = run_main(args, env, slow=True)
    fast = run_main(args, env)
    assert slow[3] is True and fast[3] is False, "the fast run imported Typer (or the slow one did not)"
    assert slow[:3] == fast[:3]


@pytest.mark.parametrize("columns", [40, 60, 80, 100, 120, 200])
@pytest.mark.parametrize("name", ["", *COMMANDS])
def test_help_from_the_spec_is_typers_help(name: str, columns: int, monkeypatch: pytest.MonkeyPatch) -> None:
    import contextlib
    import io

    from diaspora_cli.cli import help as helptext

    monkeypatch.setenv("COLUMNS", str(columns))
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.suppress(SystemExit):
        COMMAND.main(args=[name, "--help"] if name else ["--help"], prog_name="diaspora", standalone_mode=False)
    mine = helptext.command_help(COMMANDS[name], columns) if name else helptext.program_help(columns)
    assert buffer.getvalue().startswith("Usage: diaspora")
    assert mine == buffer.getvalue()


def test_framework_free_modules_do_not_import_typer() -> None:
    code = (
        "import sys\nimport diaspora_cli.cli.main, diaspora_cli.cli.fastpath, diaspora_cli.cli.help\n"
        "import diaspora_cli.cli.session, diaspora_cli.cli.options, diaspora_cli.cli.completion.shell\n"
        "import diaspora_cli.cli.commands.timeline, diaspora_cli.cli.commands.stats\n"
        "import diaspora_cli.cli.commands.export, diaspora_cli.cli.commands.validate\n"
        "print('typer' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"


def test_the_first_run_after_an_install_writes_nothing_but_the_dataset_cache(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "DIASPORA_DATA": str(MINI)}
    code, out, _, typer_imported = run_main(["orgs", "-f", "tsv"], env)
    assert code == 0 and out.startswith("id\t") and not typer_imported
    written = sorted(p.name for p in (tmp_path / "cache").rglob("*") if p.is_file())
    assert written and all(name.startswith("dataset-") for name in written), written


def test_a_completion_request_is_never_run_as_a_command(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    assert fastpath.run(["timeline"], {**env, "_DIASPORA_COMPLETE": "complete_bash"}) is None
