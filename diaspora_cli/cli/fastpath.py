"""Run the commonest commands without importing Typer, reading the command line exactly as Click would.

Importing Typer and building the Click command tree from the signatures costs about 5x Python's
own start-up, more than everything else `diaspora timeline` does on the shipped dataset. So a
normal (slow) run saves a *spec* of the command line, taken from the real Click command tree:
every parameter of the group and of the commands in FAST, with its option strings, type, range,
multiplicity and default. It lives in the user cache folder, keyed on the size and mtime of every
source file of this package and of Typer, so it is rebuilt whenever a flag could have changed.
The flags keep one definition (the Typer signatures in app.py and commands/); this module holds
a generic reader of that spec, not a second copy of the options.

The reader takes only what it can read without doubt: long options (`--opt value`,
`--opt=value`), single short options (`-f value`, `-fvalue`, `-r`), the command's arguments, and
known commands. Anything else returns None and Typer runs as usual, with its own messages:
--help, --version, `--`, bundled short flags, an unknown option, a value that starts with "-",
a number that does not convert or is out of range, a missing or extra argument, --no-cache (it
writes nothing, so it reads no spec either), or no saved spec yet. A parameter with a callback
makes the fast path step aside when it is given; when absent its callback would see its default,
which must do nothing (true of --version and Typer's completion options; tests check).
tests/test_fastpath.py runs many command lines both ways and compares what the commands receive.

`--help` (of the app and of the FAST commands) is answered from the same file: a slow run saves
the help text that Click printed for the terminal width of the moment (it wraps to the width),
and a later `--help` at the same width prints it back; any other width goes through Typer.
"""

from __future__ import annotations

import marshal
import os
import sys
import time
import zlib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

FORMAT = 2
FAST = ("timeline", "countries", "country")  # the functions of the same name in actions.py
GLOBALS = {"data", "no_cache", "debug", "version", "install_completion", "show_completion"}  # see apply_globals
SPEC_PREFIX = "cli-spec-"

# One parameter, as plain values so marshal can store it.
# (name, is_option, long opts, short opts, secondary opts, is_flag, flag_value, multiple,
#  type: "str" | "int", min, max, min_open, max_open, default, has_callback)
Param = tuple[Any, ...]


class _Context:
    """The one thing commands ask of typer.Context: ensure_object."""

    def __init__(self) -> None:
        self.obj: object = None

    def ensure_object(self, object_type: type[Any]) -> Any:
        if not isinstance(self.obj, object_type):
            self.obj = object_type()
        return self.obj


# ---- the spec: taken from the Click tree by a slow run ------------------------------------------


def _stamp() -> list[tuple[str, int, int]]:
    """Size and mtime of every source file whose change could change the command line."""
    here = Path(__file__).resolve().parent
    folders = [here, here / "commands"]
    for entry in sys.path:
        if not entry:
            continue  # the current folder: not where an installed Typer lives
        typer_dir = Path(entry) / "typer"
        if (typer_dir / "__init__.py").is_file():
            folders += [typer_dir, typer_dir / "_click"]
            break
    out = []
    for folder in folders:
        try:
            with os.scandir(folder) as entries:
                for item in entries:
                    if item.name.endswith(".py"):
                        info = item.stat()
                        out.append((str(folder / item.name), info.st_size, info.st_mtime_ns))
        except OSError:
            continue
    return sorted(out)


def spec_path(environ: Mapping[str, str]) -> Path:
    """Where the spec of this exact code lives."""
    from diaspora_cli.core.cache import cache_folder

    key = repr((FORMAT, sys.version_info[:2], _stamp())).encode("utf-8", "surrogatepass")
    return cache_folder(environ) / f"{SPEC_PREFIX}{zlib.crc32(key):08x}{zlib.adler32(key):08x}.marshal"


def describe(command: Any) -> dict[str, Any]:
    """The spec of a Click group: its own parameters and those of the FAST commands it can read."""
    spec: dict[str, Any] = {"format": FORMAT, "group": _table(command), "commands": {}, "help": {}}
    for name in FAST:
        sub = command.commands.get(name)
        if sub is None or getattr(sub, "allow_extra_args", False) or getattr(sub, "ignore_unknown_options", False):
            continue
        table = _table(sub)
        if table is not None:
            spec["commands"][name] = table
    return spec


def _table(command: Any) -> dict[str, Any] | None:
    params: list[Param] = []
    for param in command.params:
        described = _param(param)
        if described is None:
            return None  # a kind of parameter this reader does not know: leave the command to Typer
        params.append(described)
    return {"params": params, "interspersed": bool(getattr(command, "allow_interspersed_args", True))}


def _param(param: Any) -> Param | None:
    kind = type(param.type).__name__
    types = {"StringParamType": "str", "IntParamType": "int", "IntRange": "int", "BoolParamType": "bool"}
    type_name = types.get(kind)
    is_option = type(param).__name__.endswith("Option")
    if type_name is None or param.nargs != 1 or param.envvar or getattr(param, "count", False):
        return None
    if getattr(param, "clamp", False) or getattr(param, "prompt", None):
        return None
    is_flag = bool(getattr(param, "is_flag", False))
    if type_name == "bool" and not is_flag:
        return None
    if not is_option and (not param.required or param.multiple):
        return None
    opts = list(param.opts) if is_option else []
    long_opts = tuple(o for o in opts if o.startswith("--"))
    short_opts = tuple(o for o in opts if len(o) == 2 and o[0] == "-" and o[1] != "-")
    if len(long_opts) + len(short_opts) != len(opts) or not all(o.startswith("--") for o in param.secondary_opts):
        return None
    return (
        param.name,
        is_option,
        long_opts,
        short_opts,
        tuple(param.secondary_opts),
        is_flag,
        getattr(param, "flag_value", True) if is_flag else None,
        bool(param.multiple),
        type_name,
        getattr(param.type, "min", None),
        getattr(param.type, "max", None),
        bool(getattr(param.type, "min_open", False)),
        bool(getattr(param.type, "max_open", False)),
        param.default,
        param.callback is not None,
    )


def remember(command: Any, environ: Mapping[str, str]) -> None:
    """Save the spec of this Click tree (and its help at this width) for later runs; never fails."""
    try:
        path = spec_path(environ)
        width = _columns()
        spec = load_spec(environ) if path.exists() else None
        if spec is not None and width in spec["help"]:
            return
        if spec is None:
            spec = describe(command)
        spec["help"][width] = _help_texts(command)
        data = marshal.dumps(spec)
        path.parent.mkdir(parents=True, exist_ok=True)
        from diaspora_cli.core.atomic import atomic_write

        def write(handle: Any) -> None:
            handle.write(data)

        atomic_write(path, write)
        week_ago = time.time() - 7 * 86400
        for old in path.parent.glob(f"{SPEC_PREFIX}*.marshal"):
            # Left by older code. Not younger ones: two installs sharing the folder would
            # otherwise delete each other's spec on every run.
            if old != path and old.stat().st_mtime < week_ago:
                old.unlink(missing_ok=True)
    except Exception:  # a cache that cannot be written must never fail the command
        pass


def _columns() -> int:
    from diaspora_cli.output.streams import _terminal_size

    return _terminal_size((80, 24)).columns  # what Click's help formatter wraps to (via shutil)


def _help_texts(command: Any) -> dict[str, str]:
    """What `--help` prints for the app ("") and each FAST command, as Click renders it now."""
    import contextlib
    import io

    from diaspora_cli.cli.session import PROG

    texts = {}
    for name in ("", *FAST):
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer), contextlib.suppress(SystemExit):
            command.main(args=[name, "--help"] if name else ["--help"], prog_name=PROG, standalone_mode=False)
        texts[name] = buffer.getvalue()
    return texts


def load_spec(environ: Mapping[str, str]) -> dict[str, Any] | None:
    """The saved spec for this code, if there is an intact one."""
    try:
        spec = marshal.loads(spec_path(environ).read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not isinstance(spec, dict) or spec.get("format") != FORMAT:
        return None
    return spec


# ---- reading a command line ---------------------------------------------------------------------


class _Unsure(Exception):
    """The reader is not certain to read this as Click would: let Typer do it."""


def parse(spec: Mapping[str, Any], args: Sequence[str]) -> tuple[dict[str, Any], str, dict[str, Any]] | None:
    """(group values, command name, command values) as Typer would pass them, or None if unsure."""
    try:
        group = spec["group"]
        given: dict[str, Any] = {}
        i = 0
        while i < len(args) and args[i].startswith("-") and args[i] != "-":
            i = _option(group["params"], args, i, given)
        if i >= len(args) or args[i] not in spec["commands"]:
            raise _Unsure
        name = args[i]
        table = spec["commands"][name]
        values: dict[str, Any] = {}
        positional: list[str] = []
        i += 1
        while i < len(args):
            token = args[i]
            if token == "--" or (token.startswith("-") and token != "-"):
                if token == "--" or (positional and not table["interspersed"]):
                    raise _Unsure
                i = _option(table["params"], args, i, values)
            else:
                positional.append(token)
                i += 1
        arguments = [p for p in table["params"] if not p[1]]
        if len(positional) != len(arguments):
            raise _Unsure
        for param, value in zip(arguments, positional, strict=True):
            values[param[0]] = _convert(param, value)
        return _complete(group["params"], given), name, _complete(table["params"], values)
    except (_Unsure, KeyError, IndexError, TypeError):
        return None


def _option(params: Sequence[Param], args: Sequence[str], i: int, values: dict[str, Any]) -> int:
    token = args[i]
    if token.startswith("--"):
        flag, equals, attached = token.partition("=")
        for param in params:
            if param[1] and (flag in param[2] or flag in param[4]):
                break
        else:
            raise _Unsure
        if param[5]:  # a flag
            if equals:
                raise _Unsure
            _store(param, param[6] if flag in param[2] else False, values)
            return i + 1
        if equals:
            return _value(param, attached, values, i + 1)
    else:
        flag = token[:2]
        for param in params:
            if param[1] and flag in param[3]:
                break
        else:
            raise _Unsure
        if param[5]:
            if len(token) > 2:
                raise _Unsure  # bundled short flags (-rn5): leave them to Click
            _store(param, param[6], values)
            return i + 1
        if len(token) > 2:
            return _value(param, token[2:], values, i + 1)
    if i + 1 >= len(args) or (args[i + 1].startswith("-") and args[i + 1] != "-"):
        raise _Unsure  # missing value, or one that Click might read either way
    return _value(param, args[i + 1], values, i + 2)


def _value(param: Param, text: str, values: dict[str, Any], after: int) -> int:
    _store(param, _convert(param, text), values)
    return after


def _store(param: Param, value: Any, values: dict[str, Any]) -> None:
    if param[14]:
        raise _Unsure  # a callback (--version): only Typer runs it
    if param[7]:
        values.setdefault(param[0], []).append(value)
    else:
        values[param[0]] = value  # a repeated single option: the last one wins, as in Click


def _convert(param: Param, text: str) -> Any:
    if param[8] == "str":
        return text
    try:
        number = int(text)  # what Click's INT type does
    except ValueError:
        raise _Unsure from None
    low, high, low_open, high_open = param[9], param[10], param[11], param[12]
    if low is not None and (number < low or (low_open and number == low)):
        raise _Unsure
    if high is not None and (number > high or (high_open and number == high)):
        raise _Unsure
    return number


def _complete(params: Sequence[Param], values: dict[str, Any]) -> dict[str, Any]:
    return {p[0]: values[p[0]] if p[0] in values else p[13] for p in params}


# ---- running -------------------------------------------------------------------------------------


def _help(spec: Mapping[str, Any], args: Sequence[str]) -> int | None:
    target = args[0] if len(args) == 2 else ""
    if target not in ("", *FAST) or target.startswith("-"):
        return None
    text = spec.get("help", {}).get(_columns(), {}).get(target)
    if not text:
        return None
    sys.stdout.write(text)
    return 0


def run(args: Sequence[str], environ: Mapping[str, str] | None = None) -> int | None:
    """Run the command line without Typer and return its exit code, or None to let Typer run it."""
    env = os.environ if environ is None else environ
    if "--no-cache" in args or not args or env.get("_DIASPORA_COMPLETE"):
        return None  # (a shell asking for completions is Click's to answer, whatever argv holds)
    spec = load_spec(env)
    if spec is None:
        return None
    if args[-1] in ("--help", "-h") and len(args) <= 2:
        return _help(spec, args)
    parsed = parse(spec, args)
    if parsed is None:
        return None
    group, name, values = parsed
    if not set(group) <= GLOBALS:
        return None  # a global option this module does not know how to apply
    from diaspora_cli.cli import actions
    from diaspora_cli.cli.session import AppState, apply_globals, guard

    body: Callable[..., None] = getattr(actions, name.replace("-", "_"))
    ctx = _Context()
    state = ctx.ensure_object(AppState)
    apply_globals(state, group.get("data"), bool(group.get("no_cache")), bool(group.get("debug")))
    return guard(state, lambda: body(ctx, **values))
