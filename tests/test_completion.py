"""Completion of values: the light dataset scan, folded matching, and the fast path against Typer's own answers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.core import TyperArgument, TyperOption

from diaspora_cli.cli.app import app
from diaspora_cli.cli.completion import candidates as cands
from diaspora_cli.cli.completion import scan as scanning
from diaspora_cli.cli.completion import shell as shell_module
from diaspora_cli.cli.spec import COMMANDS
from diaspora_cli.core.loading import expand_roots, resolve_roots
from diaspora_cli.core.model import Dataset
from tests.conftest import MINI

# ---- the scan agrees with the validated dataset ------------------------------------------------------


def check_index(index: scanning.Index, dataset: Dataset) -> None:
    assert sorted(index.countries) == sorted((c.code, c.alpha3, c.name, c.aliases) for c in dataset.countries)
    assert sorted(index.organizations) == sorted((o.id, o.name) for o in dataset.organizations)
    assert sorted(index.events) == sorted((e.id, e.title) for e in dataset.events)
    assert index.tags == {t for e in dataset.events for t in e.tags}


def test_scan_of_mini_matches_the_dataset(mini: Dataset) -> None:
    check_index(scanning.scan([str(MINI)], {}), mini)


def test_scan_of_shipped_data_matches_the_dataset(shipped: Dataset) -> None:
    check_index(scanning.scan([], {}), shipped)


def test_scan_reads_toml_it_might_trip_on() -> None:
    text = '''
[dataset]
name = "not a country"

[[countries]]  # a comment
code = 'GE'
alpha3 = "GEO"
name = "Geor\\u0067ia"
aliases = [ # names
  "Sakartvelo", # the endonym
  'G\\ürcüstan',
  "with ] bracket",
]
description = """
[[events]]
id = "fake"
"""

[[countries.population]]
name = "not the country's name"
value = 1

[[events]]
id = "e1"
title = "A \\"quoted\\" title"
tags = ["a", "b"]
sources = [["nested"], "x"]
'''
    index = scanning.Index()
    scanning.scan_text(text, index)
    assert index.countries == [("GE", "GEO", "Georgia", ("Sakartvelo", "G\\ürcüstan", "with ] bracket"))]
    assert index.events == [("e1", 'A "quoted" title')]
    assert index.tags == {"a", "b"}
    assert index.organizations == []


@pytest.mark.parametrize(
    ("data", "environ"),
    [
        ([], {}),
        ([str(MINI)], {}),
        ([str(MINI / "records.toml"), "@embedded"], {}),
        ([], {"DIASPORA_DATA": str(MINI)}),
    ],
)
def test_data_files_are_the_loaders_files(data: list[str], environ: dict[str, str]) -> None:
    expected = [os.path.realpath(p) for p in expand_roots(resolve_roots(data, environ))]
    assert [os.path.realpath(p) for p in scanning.data_files(data, environ)] == expected


# ---- candidates ------------------------------------------------------------------------------------------


CHOICES = {
    "format": COMMANDS["timeline"].param("fmt").choices,
    "section": COMMANDS["country"].param("section").choices,
    "export": COMMANDS["export"].param("fmt").choices,
}


def values(kind: str, incomplete: str, data: tuple[str, ...] = (str(MINI),)) -> list[str]:
    if kind in CHOICES:
        return [v for v, _ in cands.candidates("choice", incomplete, data, {}, CHOICES[kind])]
    return [v for v, _ in cands.candidates(kind, incomplete, data, {})]


@pytest.mark.parametrize("typed", ["gur", "gür", "GÜR", "Gurc"])
def test_country_alias_with_azerbaijani_letters(typed: str) -> None:
    assert cands.candidates("country", typed, [str(MINI)], {}) == [("Gürcüstan", "Georgia (GE)")]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("azer", ["Azerbaijan", "Azərbaycan"]),
        ("azərb", ["Azerbaijan", "Azərbaycan"]),
        ("ge", ["GE", "GEO", "Georgia", "Germany"]),
        ("tür", ["TUR", "Türkiye", "Turkey", "Türkiyə"]),
        ("istanbul", ["İstanbul region"]),
        ("alm", ["Almaniya"]),
        ("xx", []),
        ("", ["Azerbaijan", "Georgia", "Germany", "Türkiye"]),
    ],
)
def test_country_candidates(typed: str, expected: list[str]) -> None:
    assert values("country", typed) == expected


def test_shipped_countries_complete_from_a_folded_prefix() -> None:
    found = cands.candidates("country", "gur", [], {})
    assert ("Gürcüstan", "Georgia (GE)") in found
    assert all(help for _, help in found)


@pytest.mark.parametrize(
    ("kind", "typed", "expected"),
    [
        ("organization", "berl", ["org-berlin-youth"]),
        ("organization", "azerbaijan cult", ["org-kultur"]),
        ("organization", "org-", ["org-kultur", "org-berlin-youth"]),
        ("record", "con", ["congress-2001"]),
        ("record", "DE", ["DE"]),
        ("record", "refugee", ["span-1989-1992"]),
        ("category", "con", ["congress"]),
        ("category", "EM", ["emigration"]),
        ("tag", "kara", ["karabakh-conflict"]),
        ("tag", "", ["congress", "emigre", "karabakh-conflict", "state-policy", "youth"]),
        ("type", "cu", ["cultural-centre"]),
        ("format", "js", ["json", "jsonl"]),
        ("section", "p", ["population"]),
        ("export", "", ["timelinejs", "sqlite", "html"]),
    ],
)
def test_other_candidates(kind: str, typed: str, expected: list[str]) -> None:
    assert values(kind, typed) == expected


# ---- the fast path gives Typer's own answer --------------------------------------------------------------


def typer_answer(
    environ: dict[str, str], monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> tuple[str, int]:
    """What Typer prints and its exit code for a completion request."""
    for key, value in environ.items():
        monkeypatch.setenv(key, value)
    command = typer.main.get_command(app)
    with pytest.raises(SystemExit) as exit_info:
        command.main(args=[], prog_name="diaspora", standalone_mode=False)
    out = capfd.readouterr().out
    code = exit_info.value.code
    return out, int(code) if isinstance(code, int) else 0


def request(shell: str, line: str) -> dict[str, str]:
    """The environment a shell's completion script sets for `line` (the cursor at its end)."""
    env = {"_DIASPORA_COMPLETE": f"complete_{shell}", "DIASPORA_DATA": str(MINI)}
    if shell == "bash":
        words = line.split()
        cword = len(words) if line.endswith(" ") else len(words) - 1
        return {**env, "COMP_WORDS": "\n".join(words), "COMP_CWORD": str(cword)}
    env["_TYPER_COMPLETE_ARGS"] = line
    if shell == "fish":
        env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    return env


LINES = [
    "diaspora timeline --country gur",
    "diaspora timeline --country Ge",
    "diaspora timeline -c tür",
    "diaspora timeline --country=Ge",
    "diaspora timeline --country ",
    "diaspora --data tests timeline --category con",
    "diaspora timeline --from 2001 --tag kara",
    "diaspora timeline --org berl",
    "diaspora timeline -f js",
    "diaspora orgs --type cu",
    "diaspora orgs --country alm",
    "diaspora country gür",
    "diaspora country --section p",
    "diaspora country -f json Tür",
    "diaspora show con",
    "diaspora show ",
    "diaspora export ",
    "diaspora export -o - s",
    "diaspora export html --country Ge",
    "diaspora stats --country Ge",
    "diaspora chart --tag e",
    "diaspora countries --format m",
    "diaspora validate --format j",
    "diaspora timeline --country xyz",
    "diaspora timeline --unknown x --country Ge",
]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize("line", LINES)
def test_fast_path_answers_as_typer_does(
    shell: str, line: str, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    environ = request(shell, line)
    expected = typer_answer(environ, monkeypatch, capfd)
    fast = shell_module.answer(environ)
    if fast is None:
        # A decline needs a reason: nothing to complete there (Typer answers option names, files),
        # or, for zsh and fish, a help text that Typer passes through Rich and might reword.
        request_ = shell_module._request(environ, shell)
        resolved = shell_module.resolve(*request_) if request_ else None
        if resolved is not None:
            param, incomplete, data = resolved
            found = cands.candidates(param.completer, incomplete, data, environ, param.choices)
            assert shell != "bash" and any(h and not shell_module._plain_help(h) for _, h in found), line
        return
    text, code = fast
    assert (text or "", code) == expected


@pytest.mark.parametrize(
    "line",
    [
        "diaspora timeline --country gur",
        "diaspora show con",
        "diaspora timeline --category con",
        "diaspora country gür",
        "diaspora export ",
    ],
)
def test_fast_path_answers_value_requests(line: str) -> None:
    assert shell_module.answer(request("bash", line)) is not None


@pytest.mark.parametrize(
    "line",
    [
        "diaspora ti",  # command names
        "diaspora timeline --co",  # option names
        "diaspora timeline --from ",  # a value with no completer
        "diaspora export html -o ",  # file names
        "diaspora show --unknown x ",  # an option the table does not know: Typer decides
        "diaspora country Germany ",  # the argument is given
        "diaspora timeline -- --country ",
    ],
)
def test_fast_path_leaves_the_rest_to_typer(line: str) -> None:
    assert shell_module.answer(request("bash", line)) is None


def test_fish_is_args(monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]) -> None:
    for typed, code in (("gur", 0), ("xyz", 1)):
        environ = {**request("fish", f"diaspora timeline --country {typed}"), "_TYPER_COMPLETE_FISH_ACTION": "is-args"}
        assert typer_answer(environ, monkeypatch, capfd) == ("", code)
        assert shell_module.answer(environ) == (None, code)


def test_table_matches_the_commands() -> None:
    """The fast path's view of each command (options, flags, completers) is the Typer command's."""
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    root_values = {o for p in group.params if isinstance(p, TyperOption) and not p.is_flag for o in p.opts}
    assert root_values == set(shell_module.GLOBAL_VALUES)
    assert set(group.commands) == set(COMMANDS)
    for name, spec_command in COMMANDS.items():
        table_values, table_flags, positional = shell_module._table(spec_command)
        command = group.commands[name]
        value_opts: dict[str, bool] = {}
        flags: set[str] = set()
        arguments = []
        for param in command.params:
            if isinstance(param, TyperOption):
                if param.is_flag or param.count:
                    flags.update(param.opts + param.secondary_opts)
                else:
                    for opt in param.opts:
                        value_opts[opt] = param._custom_shell_complete is not None
            elif isinstance(param, TyperArgument):
                arguments.append(param)
        assert set(table_values) == set(value_opts), name
        completing = {opt for opt, p in table_values.items() if p.completer}
        assert completing == {o for o, has in value_opts.items() if has}, name
        assert set(table_flags) == flags, name
        has_completer = bool(arguments and arguments[0]._custom_shell_complete is not None)
        assert bool(positional is not None and positional.completer) == has_completer, name


def test_console_script_answers_before_importing_typer() -> None:
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write(str('typer' in sys.modules)))\n"
        # What the console script does: import the entry point, then call it.
        "from diaspora_cli.cli.main import main\n"
        "sys.exit(main())\n"
    )
    environ = {**os.environ, **request("bash", "diaspora timeline --country gur")}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environ, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "Gürcüstan\n"
    assert proc.stderr == "False"  # Typer was never imported


def test_console_script_falls_back_to_typer(tmp_path: Path) -> None:
    environ = {**os.environ, **request("bash", "diaspora timeline --coun")}
    proc = subprocess.run(
        [sys.executable, "-m", "diaspora_cli"], capture_output=True, text=True, env=environ, timeout=60, cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["--country"]
