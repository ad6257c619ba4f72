"""The fast path reads a command line exactly as Typer/Click do, or steps aside."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import given
from hypothesis import strategies as st

from diaspora_cli.cli import actions, fastpath
from tests.conftest import MINI

COMMAND = typer.main.get_command(__import__("diaspora_cli.cli.main", fromlist=["app"]).app)
SPEC = fastpath.describe(COMMAND)


def through_typer(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[dict[str, Any], str, dict[str, Any]] | None:
    """What Typer hands to apply_globals and to the action for this command line (None: Click refused)."""
    seen: dict[str, Any] = {}

    def record_globals(state: object, data: Any, no_cache: bool, debug: bool) -> None:
        seen["group"] = {"data": data, "no_cache": no_cache, "debug": debug}

    def recorder(name: str) -> Any:
        def record(ctx: object, **kwargs: Any) -> None:
            seen["name"], seen["values"] = name, kwargs

        return record

    monkeypatch.setattr("diaspora_cli.cli.app.apply_globals", record_globals)
    for name in fastpath.FAST:
        monkeypatch.setattr(actions, name, recorder(name))
    try:
        COMMAND.main(args=args, prog_name="diaspora", standalone_mode=False)
    except (Exception, SystemExit):
        return None
    finally:
        monkeypatch.undo()
    if "name" not in seen:
        return None
    return seen["group"], seen["name"], seen["values"]


def through_fastpath(args: list[str]) -> tuple[dict[str, Any], str, dict[str, Any]] | None:
    parsed = fastpath.parse(SPEC, args)
    if parsed is None:
        return None
    group, name, values = parsed
    return {k: group[k] for k in ("data", "no_cache", "debug")}, name, values


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
]
REFUSED = [
    [],
    ["--help"],
    ["timeline", "--help"],
    ["timeline", "-h"],
    ["--version"],
    ["-V", "timeline"],
    ["--no-cache", "timeline"],
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
    ["orgs"],
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
    assert fastpath.parse(SPEC, args) is None or "--no-cache" in args
    assert fastpath.run(args, {"XDG_CACHE_HOME": "/nonexistent"}) is None


def _token_lists() -> st.SearchStrategy[list[str]]:
    words = st.sampled_from(["DE", "Germany", "x", "-", "0", "3", "-1", "07", "2001", "+4", " 5", "=", "a=b", ""])
    options: list[str] = []
    for table in (SPEC["group"], *SPEC["commands"].values()):
        for param in table["params"]:
            options += list(param[2]) + list(param[3]) + list(param[4])
    noise = st.sampled_from([*options, "--", "-rn", "-h", "--nope"])
    token = st.one_of(
        words,
        st.sampled_from(options),
        st.builds(lambda o, w: f"{o}={w}", st.sampled_from(options), words),
        st.builds(lambda o, w: f"{o}{w}", st.sampled_from([o for o in options if len(o) == 2]), words),
        noise,
    )
    command = st.sampled_from([*fastpath.FAST, "orgs"])
    return st.builds(lambda a, c, b: [*a, c, *b], st.lists(token, max_size=3), command, st.lists(token, max_size=8))


@given(_token_lists())
def test_any_line_the_fast_path_accepts_typer_reads_the_same(args: list[str]) -> None:
    fast = through_fastpath(args)
    if fast is None:
        return
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert fast == through_typer(args, monkeypatch), args


def test_actions_take_exactly_the_typer_parameters() -> None:
    for name in fastpath.FAST:
        click_params = {p.name for p in COMMAND.commands[name].params}
        action_params = set(inspect.signature(getattr(actions, name)).parameters) - {"ctx"}
        assert action_params == click_params, name
        assert name in SPEC["commands"], f"{name} is not readable by the fast path"


def test_global_options_are_those_the_fast_path_applies() -> None:
    assert {p[0] for p in SPEC["group"]["params"]} <= fastpath.GLOBALS
    for param in COMMAND.params:
        if param.callback is not None:
            assert not param.default, f"{param.name}: a callback must do nothing with its default"


def test_spec_is_saved_once_and_read_back(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    assert fastpath.load_spec(env) is None
    fastpath.remember(COMMAND, env)
    path = fastpath.spec_path(env)
    assert path.parent == tmp_path / "diaspora" and path.exists()
    saved = fastpath.load_spec(env)
    assert saved is not None
    assert {k: v for k, v in saved.items() if k != "help"} == {k: v for k, v in SPEC.items() if k != "help"}
    (texts,) = saved["help"].values()
    assert set(texts) == {"", *fastpath.FAST} and all(text.startswith("Usage: diaspora") for text in texts.values())
    path.write_bytes(b"garbage")
    assert fastpath.load_spec(env) is None
    assert fastpath.run(["timeline"], env) is None


def test_unwritable_cache_folder_is_fine(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    fastpath.remember(COMMAND, {"XDG_CACHE_HOME": str(blocker)})  # no exception


def run_main(args: list[str], env: dict[str, str]) -> tuple[int, str, str, bool]:
    code = (
        "import sys\nimport diaspora_cli.cli.main as cli\n"
        "try:\n    cli.main(sys.argv[1:])\n"
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
    ],
    ids=" ".join,
)
def test_same_output_and_exit_code_fast_and_slow(tmp_path: Path, args: list[str]) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "DIASPORA_DATA": str(MINI)}
    slow = run_main(args, env)  # no spec yet: Typer runs, and saves the spec
    fast = run_main(args, env)
    assert slow[3] is True and fast[3] is False, "the second run did not take the fast path"
    assert slow[:3] == fast[:3]


def test_framework_free_modules_do_not_import_typer() -> None:
    code = (
        "import sys\nimport diaspora_cli.cli.main, diaspora_cli.cli.fastpath\n"
        "import diaspora_cli.cli.actions, diaspora_cli.cli.session\n"
        "print('typer' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"


def test_help_at_another_width_goes_through_typer(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "COLUMNS": "100"}
    wide = run_main(["--help"], env)
    narrow_env = {**env, "COLUMNS": "60"}
    narrow = run_main(["--help"], narrow_env)
    assert narrow[3] is True, "a width not seen before must be rendered by Click"
    assert run_main(["--help"], narrow_env) == (narrow[0], narrow[1], narrow[2], False)
    assert run_main(["--help"], env)[:3] == wide[:3]
    assert max(len(line) for line in narrow[1].splitlines()) <= 60 < max(len(line) for line in wide[1].splitlines())


def test_old_specs_are_pruned_young_ones_kept(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    folder = tmp_path / "diaspora"
    folder.mkdir()
    old, young = folder / "cli-spec-old.marshal", folder / "cli-spec-other-install.marshal"
    for path in (old, young):
        path.write_bytes(b"x")
    week_and_a_day = 8 * 86400
    os.utime(old, (old.stat().st_atime - week_and_a_day, old.stat().st_mtime - week_and_a_day))
    fastpath.remember(COMMAND, env)
    assert not old.exists() and young.exists() and fastpath.spec_path(env).exists()


def test_a_completion_request_is_never_run_as_a_command(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    fastpath.remember(COMMAND, env)
    assert fastpath.load_spec(env) is not None
    assert fastpath.run(["timeline"], {**env, "_DIASPORA_COMPLETE": "complete_bash"}) is None
