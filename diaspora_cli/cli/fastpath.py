"""Run any command without importing Typer, reading the command line from the spec exactly as Click would.

Importing Typer and building the Click command tree costs about 5x Python's own start-up, more
than everything else most commands do on the shipped dataset. The spec (cli/spec.py) is the one
description of the command line, so this module reads argv with it directly: no copy of the
options, no saved description, nothing to warm up after an install.

The reader takes only what it can read without doubt: long options (`--opt value`,
`--opt=value`), single short options (`-f value`, `-fvalue`, `-r`), the command's arguments, and
known commands. Anything else returns None and Typer runs as usual, with its own messages:
`--version`, `--`, bundled short flags, an unknown option, a value that starts with "-", a
number that does not convert or is out of range, a missing or extra argument or a missing
required option. `--help` (alone, or right after a command) is printed by help.py.
tests/test_fastpath.py runs many command lines both ways and compares what the commands receive.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from diaspora_cli.cli.spec import COMMANDS, COMPLETE_VAR, GLOBALS, Param


class _Unsure(Exception):
    """The reader is not certain to read this as Click would: let Typer do it."""


def parse(args: Sequence[str]) -> tuple[dict[str, Any], str, dict[str, Any]] | None:
    """(global values, command name, command values) as Typer would pass them, or None if unsure."""
    try:
        given: dict[str, Any] = {}
        i = 0
        while i < len(args) and args[i].startswith("-") and args[i] != "-":
            i = _option(GLOBALS, args, i, given)
        if i >= len(args) or args[i] not in COMMANDS:
            raise _Unsure
        command = COMMANDS[args[i]]
        values: dict[str, Any] = {}
        positional: list[str] = []
        i += 1
        while i < len(args):
            token = args[i]
            if token == "--":
                raise _Unsure
            if token.startswith("-") and token != "-":
                i = _option(command.params, args, i, values)
            else:
                positional.append(token)
                i += 1
        _arguments(command.params, positional, values)
        for param in command.params:
            if param.required and param.is_option and param.name not in values:
                raise _Unsure  # Click's "Missing option" message
        return _complete(GLOBALS, given), command.name, _complete(command.params, values)
    except _Unsure:
        return None


def _arguments(params: Sequence[Param], positional: list[str], values: dict[str, Any]) -> None:
    arguments = [p for p in params if not p.is_option]
    if any(p.multiple for p in arguments):
        if len(arguments) != 1:
            raise _Unsure
        values[arguments[0].name] = [_convert(arguments[0], text) for text in positional]
        return
    if len(positional) != len(arguments):
        raise _Unsure
    for param, text in zip(arguments, positional, strict=True):
        values[param.name] = _convert(param, text)


def _find(params: Sequence[Param], flag: str) -> Param:
    for param in params:
        if flag in param.flags:
            if param.eager:
                raise _Unsure  # --version: only Typer runs its callback
            return param
    raise _Unsure


def _option(params: Sequence[Param], args: Sequence[str], i: int, values: dict[str, Any]) -> int:
    token = args[i]
    if token.startswith("--"):
        flag, equals, attached = token.partition("=")
        param = _find(params, flag)
        if param.kind == "flag":
            if equals:
                raise _Unsure
            values[param.name] = True
            return i + 1
        if equals:
            _store(param, attached, values)
            return i + 1
    else:
        param = _find(params, token[:2])
        if param.kind == "flag":
            if len(token) > 2:
                raise _Unsure  # bundled short flags (-rn5): leave them to Click
            values[param.name] = True
            return i + 1
        if len(token) > 2:
            _store(param, token[2:], values)
            return i + 1
    if i + 1 >= len(args) or (args[i + 1].startswith("-") and args[i + 1] != "-"):
        raise _Unsure  # missing value, or one that Click might read either way
    _store(param, args[i + 1], values)
    return i + 2


def _store(param: Param, text: str, values: dict[str, Any]) -> None:
    value = _convert(param, text)
    if param.multiple:
        values.setdefault(param.name, []).append(value)
    else:
        values[param.name] = value  # a repeated single option: the last one wins, as in Click


def _convert(param: Param, text: str) -> Any:
    if param.kind == "str":
        return text
    try:
        number = int(text)  # what Click's INT type does
    except ValueError:
        raise _Unsure from None
    if param.min is not None and number < param.min:
        raise _Unsure
    return number


def _complete(params: Sequence[Param], values: dict[str, Any]) -> dict[str, Any]:
    return {p.name: values.get(p.name, p.default) for p in params}


def _help(args: Sequence[str]) -> int | None:
    from diaspora_cli.cli import help as helptext

    if len(args) == 1:
        text = helptext.program_help()
    elif args[0] in COMMANDS:
        text = helptext.command_help(COMMANDS[args[0]])
    else:
        return None
    sys.stdout.write(text)
    return 0


def run(args: Sequence[str], environ: Mapping[str, str] | None = None) -> int | None:
    """Run the command line without Typer and return its exit code, or None to let Typer run it."""
    env = os.environ if environ is None else environ
    if not args or env.get(COMPLETE_VAR):
        return None  # (a shell asking for completions is Click's to answer, whatever argv holds)
    if args[-1] in ("--help", "-h") and len(args) <= 2:
        return _help(args)
    parsed = parse(args)
    if parsed is None:
        return None
    group, name, values = parsed
    from diaspora_cli.cli.session import AppState, apply_globals, run_command

    state = AppState()
    apply_globals(state, group["data"], bool(group["no_cache"]), bool(group["debug"]))
    return run_command(name, state, values)
