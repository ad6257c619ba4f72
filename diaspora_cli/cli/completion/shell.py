"""The fast path of completion: answer a shell's request for an option's value before Typer loads.

`maybe_complete()`, run by cli.main first: when the shell asks for the value of an option or
argument that has a completer in the spec, it answers in the shell's format, byte for byte as
Typer would, and exits; anything else (command and option names, file names, PowerShell) falls
through to Typer. What an option takes is read from cli/spec.py, the same table Typer's
parameters are built from, so the two cannot disagree about the command line.
"""

from __future__ import annotations

import os
import sys

from diaspora_cli.cli.completion.candidates import candidates
from diaspora_cli.cli.spec import COMMANDS, GLOBALS, Command, Param
from diaspora_cli.cli.spec import COMPLETE_VAR as PROG_VAR

TYPE_CHECKING = False  # typing itself costs start-up; mypy reads this name as True
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

# The group's value options and flags; --version ends the program, so it is Typer's to answer.
GLOBAL_VALUES = {flag: p for p in GLOBALS if p.kind != "flag" for flag in p.flags}
GLOBAL_FLAGS = (*(flag for p in GLOBALS if p.kind == "flag" and not p.eager for flag in p.flags), "-h", "--help")


def _table(command: Command) -> tuple[dict[str, Param], frozenset[str], Param | None]:
    """A command's value options by flag, its flags, and its first positional argument."""
    values = {flag: p for p in command.params if p.is_option and p.kind != "flag" for flag in p.flags}
    flags = frozenset(flag for p in command.params if p.kind == "flag" for flag in p.flags)
    positional = next((p for p in command.params if not p.is_option), None)
    return values, flags, positional


_SPACES = " \t\r\n"


def _split(line: str) -> list[str] | None:
    """Words as Click's split_arg_string gives them, or None when quoting makes it uncertain."""
    if any(ch in "'\"\\" or (ch.isspace() and ch not in _SPACES) for ch in line):
        return None
    return line.split()


def _request(environ: Mapping[str, str], shell: str) -> tuple[list[str], str] | None:
    """(complete words, partial word) as Typer's completion classes read them from the environment."""
    if shell == "bash":
        words = _split(environ.get("COMP_WORDS", ""))
        try:
            cword = int(environ.get("COMP_CWORD", ""))
        except ValueError:
            return None
        if words is None:
            return None
        return words[1:cword], words[cword] if cword < len(words) else ""
    line = environ.get("_TYPER_COMPLETE_ARGS", "")
    words = _split(line)
    if words is None:
        return None
    args = words[1:]
    if args and not line.endswith(" "):
        return args[:-1], args[-1]
    return args, ""


def resolve(args: Sequence[str], incomplete: str) -> tuple[Param, str, list[str]] | None:
    """(parameter, partial word, --data values) for a value request the fast path can answer, else None."""
    args = list(args)
    if incomplete == "=":
        incomplete = ""
    elif "=" in incomplete and incomplete.startswith("-"):
        name, _, incomplete = incomplete.partition("=")
        args.append(name)
    if "--" in args or incomplete.startswith("-"):
        return None
    data: list[str] = []
    i = 0
    while i < len(args):  # global options, then the command name
        arg = args[i]
        name, eq, value = arg.partition("=")
        if arg in GLOBAL_VALUES or (eq and name in GLOBAL_VALUES):
            if eq:
                data.append(value)
            elif i + 1 < len(args):
                data.append(args[i + 1])
                i += 1
            else:
                return None  # completing the global option's own value: Typer's business
        elif arg not in GLOBAL_FLAGS:
            break
        i += 1
    if i >= len(args) or args[i] not in COMMANDS:
        return None
    values, flags, positional = _table(COMMANDS[args[i]])
    rest = args[i + 1 :]
    if rest and rest[-1] in values:
        param = values[rest[-1]]
        return (param, incomplete, data) if param.completer else None
    given = 0
    j = 0
    while j < len(rest):
        arg = rest[j]
        if arg in values:
            j += 1  # its value
        elif arg.startswith("-"):
            name = arg.partition("=")[0]
            if arg not in flags and not ("=" in arg and name in values):
                return None  # an option the table does not know: let Typer judge
        else:
            given += 1
        j += 1
    if positional is not None and positional.completer and given == 0:
        return positional, incomplete, data
    return None


def _zsh_escape(text: str) -> str:
    return text.replace('"', '""').replace("'", "''").replace("$", "\\$").replace("`", "\\`").replace(":", r"\\:")


def _plain_help(text: str) -> bool:
    # Typer passes help through Rich (markup, emoji codes, wrapping); only text Rich leaves as it
    # is may be answered here, so that both paths print the same bytes.
    return len(text) <= 60 and all(ch.isalnum() or ch in " ()-,." for ch in text)


def answer(environ: Mapping[str, str]) -> tuple[str | None, int] | None:
    """What to print and the exit code, exactly as Typer would; None when Typer should answer."""
    instruction = environ.get(PROG_VAR, "")
    action, _, shell = instruction.partition("_")
    if action != "complete" or shell not in ("bash", "zsh", "fish"):
        return None
    request = _request(environ, shell)
    if request is None:
        return None
    resolved = resolve(*request)
    if resolved is None:
        return None
    param, incomplete, data = resolved
    found = candidates(param.completer, incomplete, data, environ, param.choices)
    if shell == "bash":
        return "\n".join(value for value, _ in found) + "\n", 0
    if any(help and not _plain_help(help) for _, help in found):
        return None
    if shell == "zsh":
        items = [f'"{_zsh_escape(v)}":"{_zsh_escape(h)}"' if h else f'"{_zsh_escape(v)}"' for v, h in found]
        return ("_arguments '*: :((" + "\n".join(items) + "))'\n" if items else "_files\n"), 0
    lines = [f"{v}\t{_one_line(h)}" if h else v for v, h in found]
    fish_action = environ.get("_TYPER_COMPLETE_FISH_ACTION", "")
    if fish_action == "is-args":
        return None, 0 if lines else 1
    if fish_action == "get-args" and lines:
        return "\n".join(lines) + "\n", 0
    return "\n", 0


def _one_line(text: str) -> str:
    return "".join(" " if ch.isspace() else ch for ch in text)


def maybe_complete() -> None:
    """Answer a shell's value-completion request and exit; return at once for anything else."""
    if not os.environ.get(PROG_VAR):
        return
    try:
        result = answer(os.environ)
    except Exception:  # never break the shell: let Typer answer instead
        return
    if result is None:
        return
    text, code = result
    if text is not None:
        sys.stdout.write(text)
        sys.stdout.flush()
    sys.exit(code)
