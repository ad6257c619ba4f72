"""`--help` from the spec, laid out exactly as Typer (plain Click help, rich_markup_mode=None) lays it out.

Importing Typer and building the Click tree costs more than everything else `--help` does, so
the fast path prints help from the spec with this small formatter. The layout rules are Click's
(usage line, paragraphs with `\\b` blocks kept as written, a two-column definition list whose
first column is at most 30 wide, short help of commands cut at a sentence end or with "...");
tests/test_help.py compares every command's help with Typer's at several widths.
"""

from __future__ import annotations

import inspect
import shutil
import textwrap

from diaspora_cli.cli.spec import (
    COMMANDS,
    GLOBALS,
    HELP_MAX_WIDTH,
    PROG,
    PROG_HELP,
    TYPER_COMPLETION_HELP,
    Command,
    Param,
)

FIRST_COLUMN_MAX = 30
COLUMN_GAP = 2
HELP_OPTION = ("-h, --help", "Show this message and exit.")


class _Wrapper(textwrap.TextWrapper):
    """Click's wrapping: a word longer than the line is cut at the line's end, not moved down."""

    def _handle_long_word(self, reversed_chunks: list[str], cur_line: list[str], cur_len: int, width: int) -> None:
        room = max(width - cur_len, 1)
        word = reversed_chunks[-1]
        cur_line.append(word[:room])
        reversed_chunks[-1] = word[room:]


def _wrap(text: str, width: int, first: str = "", rest: str = "", paragraphs: bool = False) -> str:
    text = text.expandtabs()
    if not paragraphs:
        return _Wrapper(width, initial_indent=first, subsequent_indent=rest, replace_whitespace=False).fill(text)
    blocks: list[tuple[int, bool, str]] = []  # (indent, keep as written, text)
    lines: list[str] = []
    indent: int | None = None
    for line in [*text.splitlines(), ""]:
        if line:
            if indent is None:
                stripped = line.lstrip()
                indent = len(line) - len(stripped)
                line = stripped
            lines.append(line)
            continue
        if lines:
            if lines[0].strip() == "\b":
                blocks.append((indent or 0, True, "\n".join(lines[1:])))
            else:
                blocks.append((indent or 0, False, " ".join(lines)))
        lines, indent = [], None
    out = []
    for extra, raw, block in blocks:
        pad_first, pad_rest = first + " " * extra, rest + " " * extra
        if raw:
            out.append("\n".join((pad_first if i == 0 else pad_rest) + ln for i, ln in enumerate(block.splitlines())))
        else:
            out.append(
                _Wrapper(width, initial_indent=pad_first, subsequent_indent=pad_rest, replace_whitespace=False).fill(
                    block
                )
            )
    return "\n\n".join(out)


def _definitions(rows: list[tuple[str, str]], width: int, indent: int) -> str:
    first_col = min(max(len(name) for name, _ in rows), FIRST_COLUMN_MAX) + COLUMN_GAP
    out = []
    for name, text in rows:
        line = " " * indent + name
        if not text:
            out.append(line + "\n")
            continue
        if len(name) <= first_col - COLUMN_GAP:
            line += " " * (first_col - len(name))
        else:
            line += "\n" + " " * (first_col + indent)
        wrapped = _wrap(text, max(width - first_col - 2, 10), paragraphs=True).splitlines()
        out.append(line + wrapped[0] + "\n")
        out.extend(" " * (first_col + indent) + more + "\n" for more in wrapped[1:])
    return "".join(out)


def _extras(param: Param) -> str:
    extra = []
    if param.show_default and param.default not in (None, False) and not param.multiple:
        extra.append(f"default: {param.default}")
    if param.min is not None:
        extra.append(f"x>={param.min}")
    if param.required:
        extra.append("required")
    return f"[{'; '.join(extra)}]" if extra else ""


def _record(param: Param) -> tuple[str, str]:
    if param.is_option:
        flags = sorted(param.flags, key=lambda f: len(f) - len(f.lstrip("-")))
        name = ", ".join(flags) + ("" if param.kind == "flag" else f" {param.metavar}")
    else:
        name = param.metavar or param.name
    extra = _extras(param)
    text = f"{param.help}  {extra}" if param.help and extra else param.help or extra
    return name, text


def _usage_piece(param: Param) -> str:
    var = param.metavar or param.name
    if var.startswith("["):
        return var
    return f"{{{var}}}" if param.required else f"[{var}]"


def _short_help(text: str, limit: int) -> str:
    words = text.split("\n\n", 1)[0].split()
    if not words:
        return ""
    if words[0] == "\b":
        words = words[1:]
    length = 0
    i = 0
    for i, word in enumerate(words):
        length += len(word) + (i > 0)
        if length > limit:
            break
        if word.endswith("."):
            return " ".join(words[: i + 1])
        if length == limit and i != len(words) - 1:
            break
    else:
        return " ".join(words)
    length += 3
    while i > 0:
        length -= len(words[i]) + (i > 0)
        if length <= limit:
            break
        i -= 1
    return " ".join(words[:i]) + "..."


def help_width(columns: int | None = None) -> int:
    """The width Click wraps help to: the terminal's, at most HELP_MAX_WIDTH, less 2, at least 50."""
    if columns is None:
        columns = shutil.get_terminal_size().columns
    return max(min(columns, HELP_MAX_WIDTH) - 2, 50)


def _page(prog: str, usage: str, text: str, sections: list[tuple[str, list[tuple[str, str]]]], width: int) -> str:
    prefix = f"Usage: {prog} "
    if width >= len(prefix) + 20:
        out = _wrap(usage, width, first=prefix, rest=" " * len(prefix)) + "\n"
    else:  # the arguments go below, indented past "Usage:"
        out = prefix + "\n" + _wrap(usage, width, first=" " * 11, rest=" " * 11) + "\n"
    if text:
        out += "\n" + _wrap(inspect.cleandoc(text), width, first="  ", rest="  ", paragraphs=True) + "\n"
    for title, rows in sections:
        if rows:
            out += f"\n{title}:\n" + _definitions(rows, width, 2)
    return out


def command_help(command: Command, columns: int | None = None) -> str:
    """What `diaspora COMMAND --help` prints."""
    width = help_width(columns)
    arguments = [p for p in command.params if not p.is_option]
    usage = " ".join(["[OPTIONS]", *map(_usage_piece, arguments)])
    options = [*(_record(p) for p in command.params if p.is_option), HELP_OPTION]
    return _page(
        f"{PROG} {command.name}",
        usage,
        command.help,
        [("Arguments", [_record(p) for p in arguments]), ("Options", options)],
        width,
    )


def program_help(columns: int | None = None) -> str:
    """What `diaspora --help` prints."""
    width = help_width(columns)
    options = (
        [_record(p) for p in GLOBALS] + list(TYPER_COMPLETION_HELP) + [("-h, --help", "Show this message and exit.")]
    )
    limit = width - 6 - max(len(name) for name in COMMANDS)
    commands = [(c.name, _short_help(inspect.cleandoc(c.help), limit)) for c in COMMANDS.values()]
    return _page(PROG, "[OPTIONS] COMMAND [ARGS]...", PROG_HELP, [("Options", options), ("Commands", commands)], width)
