"""TOML text -> tables, with guards tomli lacks: quadratic dotted keys, huge integers, deep nesting.

Every parser error becomes a DataFileError naming the file, line and column, worded for people
(a YAML or JSON file saved as .toml is named as such). loading.py reads files and calls this.
"""

from __future__ import annotations

import re
from typing import Any

from diaspora_cli.core.errors import DataFileError
from diaspora_cli.core.text import neutralise

MAX_KEY_PARTS = 64  # tomli is quadratic in dotted-key length; real keys have 1-3 parts
MAX_MESSAGE = 160
_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_LONG_KEY = re.compile(rf"(?m)(?:^[ \t]*\[{{0,2}}|[{{,])[ \t]*(?:{_KEY_PART}[ \t]*\.[ \t]*){{{MAX_KEY_PARTS}}}")

_TOMLI_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TOMLI_EOF = re.compile(r"\s*\(at end of document\)$")
_CONFLICT = re.compile(r"(?m)^(?:<{7}|={7}|>{7})(?:[ \t].*)?$")
_YAML_LINE = re.compile(r"""^[ \t]*(?:---[ \t]*$|-[ \t]|[A-Za-z0-9_"'-]+[ \t]*:(?:[ \t]|$))""")
_NUMBER_VALUE = re.compile(r"=[ \t]*[+-]?(?:\d|0x|0o|0b)")
_DATE_VALUE = re.compile(r"=[ \t]*(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}:\d{1,2})")
# Integers TOML cannot hold (beyond 64 bits) need 16 hex digits after "0x", or else a run of
# 16 or more of [0-9_] (19 decimal, 22 octal, 64 binary digits): cheap pre-checks for both.
_LONG_HEX = re.compile(r"0x[0-9A-Fa-f_]{16}")
_DIGIT_RUN = b"0" * 16
_DIGITS_ONLY = bytes(0x30 if byte in b"0123456789_" else 0x20 for byte in range(256))  # digits and _ -> "0"
_INT_LITERAL = re.compile(r"(?<![\w.])[+-]?(?:0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|\d[\d_]*)(?![\w.:-])")
_HUGE_DECIMAL = re.compile(r"\d[\d_]{4000,}")
INT64 = (-(2**63), 2**63 - 1)
_REWORDED = (
    ("Cannot overwrite a value", "a key or table is defined twice (cannot overwrite a value)"),
    ("Cannot declare ", "a table is declared twice or clashes with a key: cannot declare "),
    ("Cannot mutate immutable namespace ", "cannot add keys to an inline table or array defined earlier: "),
    ("Illegal character '\\n'", "a string is not closed before the end of the line"),
    ("Found invalid character '\\n'", "a string is not closed before the end of the line"),
)


def parse_toml(text: str, name: str) -> dict[str, Any]:
    """Parse TOML text; every parser failure becomes a DataFileError naming file, line and column."""
    long_key = _LONG_KEY.search(text) if _has_dotted_line(text) else None
    if long_key is not None:
        at = text.count("\n", 0, long_key.start()) + 1
        raise DataFileError(name, f"a key has more than {MAX_KEY_PARTS} dotted parts", at, 1)
    import tomli  # deferred: only a cache miss pays for the parser

    try:
        tables: dict[str, Any] = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise _syntax_error(str(exc), text, name) from None
    except RecursionError:
        line, col = _deepest(text)
        raise DataFileError(name, "arrays or tables are nested too deeply to parse", line, col) from None
    except MemoryError:
        raise DataFileError(name, "is too large to parse in the memory available") from None
    except ValueError as exc:
        # CPython refuses int() of more than 4,300 digits (sys.int_max_str_digits) to stay linear.
        huge = _HUGE_DECIMAL.search(text)
        line = text.count("\n", 0, huge.start()) + 1 if huge else None
        if "digits" in str(exc):
            raise DataFileError(name, "an integer has thousands of digits (TOML allows 64 bits)", line) from None
        raise DataFileError(name, _clip(f"a value cannot be read: {exc}"), line) from None
    if _may_hold_huge_integer(text):
        _check_integers(tables, text, name)
    return tables


def _has_dotted_line(text: str) -> bool:
    """Whether a line holds MAX_KEY_PARTS dots, as a key that long must (its match is one line).

    The full _LONG_KEY search costs 20 ns a character; this one visits each line once.
    """
    find, count = text.find, text.count
    position = find(".")
    while position != -1:
        end = find("\n", position)
        if end == -1:
            end = len(text)
        if count(".", position, end) >= MAX_KEY_PARTS:
            return True
        position = find(".", end)
    return False


def _may_hold_huge_integer(text: str) -> bool:
    """False when no integer literal of the text can be outside 64 bits (see _LONG_HEX)."""
    if _LONG_HEX.search(text):
        return True
    digits = text.encode("utf-8", "surrogatepass").translate(_DIGITS_ONLY)
    return _DIGIT_RUN in digits


def _syntax_error(message: str, text: str, name: str) -> DataFileError:
    line: int | None = None
    col: int | None = None
    position = _TOMLI_POSITION.search(message)
    if position:
        line, col = int(position.group(1)), int(position.group(2))
        message = message[: position.start()]
    elif _TOMLI_EOF.search(message):
        message = _TOMLI_EOF.sub("", message)
        line = text.count("\n") + (0 if text.endswith("\n") else 1)
        if message.startswith(("Unterminated", "Unclosed", "Expected")):
            # Something opened earlier never closes; the last line is only where that shows.
            message += " at end of file; look for an unclosed quote or bracket above"
    for old, new in _REWORDED:
        if message.startswith(old):
            message = new + message[len(old) :]
    lines = text.split("\n")
    source = lines[line - 1] if line and line <= len(lines) else ""
    if message.startswith("Expected newline or end of document"):
        if col and source[col - 1 : col] == "\r":
            message = "a carriage return without a line feed; save the file with \\n or \\r\\n line endings"
        elif _DATE_VALUE.search(source):
            message = "invalid date or time (dates are YYYY-MM-DD, times HH:MM:SS, each part in range)"
        elif _NUMBER_VALUE.search(source):
            message = "invalid number (write 123, 1_000, -1.5 or 1e6; no leading zeros)"
    elif message.startswith(("Invalid hex value", "Unescaped '\\'")):
        message += "; a backslash in a \"...\" string starts an escape: write \\\\ or use a '...' string"
    conflict = _CONFLICT.search(text)
    if conflict is not None:
        line, col = text.count("\n", 0, conflict.start()) + 1, 1
        message = "git conflict marker: resolve the merge before loading"
    elif line == 1 and text.lstrip().startswith(("{", "[{", "[\n")):
        message += " (is this JSON saved as .toml?)"
    elif line == 1 and text.lstrip().startswith("<"):
        message += " (is this HTML or XML saved as .toml?)"
    elif _YAML_LINE.match(source) and not re.search(r"=", source):
        message += " (is this YAML saved as .toml?)"
    return DataFileError(name, _clip(message), line, col)


def _deepest(text: str) -> tuple[int | None, int | None]:
    """Where bracket nesting first gets deep: only to point at the line after the parser gave up."""
    depth = 0
    line, col_start = 1, 0
    for offset, ch in enumerate(text):
        if ch in "[{":
            depth += 1
            if depth > 100:
                return line, offset - col_start + 1
        elif ch in "]}":
            depth -= 1
        elif ch == "\n":
            line, col_start = line + 1, offset + 1
    return None, None


def _check_integers(tables: dict[str, Any], text: str, name: str) -> None:
    """TOML integers are 64-bit; tomli builds larger ones, which later break formatting and JSON."""
    stack: list[tuple[str, Any]] = [("", tables)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((f"{where}.{key}" if where else str(key), item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((f"{where}[{number}]", item) for number, item in enumerate(value))
        elif isinstance(value, int) and not isinstance(value, bool) and not INT64[0] <= value <= INT64[1]:
            line = None
            for match in _INT_LITERAL.finditer(text):
                try:
                    literal = int(match.group().replace("_", ""), 0)
                except ValueError:
                    continue
                if not INT64[0] <= literal <= INT64[1]:
                    line = text.count("\n", 0, match.start()) + 1
                    break
            raise DataFileError(name, _clip(f"integer {where} is outside the 64-bit range TOML allows"), line)


def _clip(message: str) -> str:
    message = neutralise(" ".join(message.split()))
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 1] + "…"
