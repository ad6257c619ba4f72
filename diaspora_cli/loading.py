"""Find and read dataset files into raw TOML tables: the only module that touches the file system for data."""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from diaspora_cli.errors import DataFileError
from diaspora_cli.text import neutralise

ENV_VAR = "DIASPORA_DATA"
EMBEDDED = "@embedded"
MAX_FILE_BYTES = 64 * 1024 * 1024  # larger than any real dataset file; stops /dev/zero-like inputs
MAX_KEY_PARTS = 64  # tomli is quadratic in dotted-key length; real keys have 1-3 parts
MAX_MESSAGE = 160

_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_LONG_KEY = re.compile(rf"(?m)^[ \t]*\[{{0,2}}[ \t]*(?:{_KEY_PART}[ \t]*\.[ \t]*){{{MAX_KEY_PARTS}}}")
_HEADER = re.compile(r"(?m)^[ \t]*\[\[[ \t]*(events|organizations|countries)[ \t]*\]\]")


def display_path(path: Path | str) -> str:
    """A path as it is safe to print: control characters in file names made visible."""
    return neutralise(str(path))


@dataclass
class RawFile:
    """One parsed TOML file, with what is needed to point at lines later."""

    path: str
    tables: dict[str, Any]
    text: str = field(repr=False, default="")
    _headers: dict[str, list[int]] | None = field(default=None, repr=False)

    def _line_of(self, offset: int) -> int:
        return self.text.count("\n", 0, offset) + 1

    def locate(self, kind: str, index: int, key: str | None = None) -> int | None:
        """Line of the `[[kind]]` table number `index` (or of its `key = ...` line), if findable."""
        if self._headers is None:
            found: dict[str, list[int]] = {}
            for match in _HEADER.finditer(self.text):
                found.setdefault(match.group(1), []).append(match.start())
            self._headers = found
        starts = self._headers.get(kind, [])
        if index >= len(starts):
            return None
        start = starts[index]
        if key is None:
            return self._line_of(start)
        following = [s for offsets in self._headers.values() for s in offsets if s > start]
        end = min(following, default=len(self.text))
        # A sub-table header such as [[countries.population]] also ends the record's own keys.
        sub = re.compile(r"(?m)^[ \t]*\[").search(self.text, start + 2, end)
        own_end = sub.start() if sub else end
        key_line = re.compile(rf"(?m)^[ \t]*{re.escape(key)}[ \t]*=").search(self.text, start, own_end)
        return self._line_of(key_line.start()) if key_line else self._line_of(start)


def embedded_root() -> Path:
    """The dataset shipped with the package (inside the wheel, or `data/` in a checkout)."""
    packaged = Path(__file__).resolve().parent / "data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "data"


def resolve_roots(data: Sequence[str], environ: Mapping[str, str]) -> list[str]:
    """What to load: `--data` values, else $DIASPORA_DATA (os.pathsep-separated), else the embedded set."""
    if data:
        return list(data)
    env = environ.get(ENV_VAR, "").strip()
    if env:
        return [part for part in env.split(os.pathsep) if part.strip()]
    return [EMBEDDED]


def expand_roots(roots: Sequence[str]) -> list[Path]:
    """Files to read: a file as given, a folder's `*.toml` files in name order; `@embedded` is the shipped set."""
    files: list[Path] = []
    for root in roots:
        path = embedded_root() if root == EMBEDDED else Path(root).expanduser()
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            raise DataFileError(display_path(root), _os_reason(exc)) from None
        if stat.S_ISDIR(mode) and (root == EMBEDDED or path.suffix != ".toml"):
            found = sorted(p for p in path.glob("*.toml") if not p.name.startswith("."))
            if not found:
                raise DataFileError(display_path(root), "folder holds no .toml files")
            files.extend(found)
        else:
            files.append(path)
    unique: list[Path] = []
    seen: set[str] = set()
    for file in files:
        key = os.path.realpath(file)
        if key not in seen:
            seen.add(key)
            unique.append(file)
    return unique


def _os_reason(exc: OSError) -> str:
    reasons = {
        errno.ENOENT: "no such file or folder",
        errno.EACCES: "permission denied",
        errno.ELOOP: "too many levels of symbolic links (a symlink loop?)",
        errno.ENOTDIR: "a part of the path is not a folder",
        errno.ENAMETOOLONG: "file name too long",
        errno.EISDIR: "is a folder, not a file",
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))


def read_text(path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read one file as UTF-8 text, refusing anything that is not a regular, reasonably sized text file."""
    name = display_path(path)
    try:
        info = os.stat(path)
    except OSError as exc:
        raise DataFileError(name, _os_reason(exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise DataFileError(name, "is a folder, not a TOML file")
    if not stat.S_ISREG(info.st_mode):
        raise DataFileError(name, "is not a regular file (a FIFO, socket or device?)")
    if info.st_size > max_bytes:
        raise DataFileError(name, f"is {info.st_size:,} bytes, over the {max_bytes:,}-byte limit for one data file")
    try:
        # O_NONBLOCK: if the path was swapped for a FIFO after the check, open must not hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise DataFileError(name, _os_reason(exc)) from None
    if len(data) > max_bytes:
        raise DataFileError(name, f"is over the {max_bytes:,}-byte limit for one data file")
    return decode(data, name)


def decode(data: bytes, name: str) -> str:
    """Bytes to text with a precise message for the usual ways a file is not UTF-8 TOML."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataFileError(name, "is UTF-16 encoded; save it as UTF-8")
    if data.startswith(b"\x1f\x8b"):
        raise DataFileError(name, "is gzip-compressed; decompress it first")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a UTF-8 byte-order mark (Windows editors) is harmless: drop it
    nul = data.find(b"\x00")
    if nul != -1:
        line, col = _position(data, nul)
        raise DataFileError(name, "contains a NUL byte (a binary file?)", line, col)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _position(data, exc.start)
        raise DataFileError(
            name, f"is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8", line, col
        ) from None


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, col


_TOMLI_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TOMLI_EOF = re.compile(r"\s*\(at end of document\)$")


def parse_toml(text: str, name: str) -> dict[str, Any]:
    """Parse TOML text; every parser failure becomes a DataFileError naming file, line and column."""
    long_key = _LONG_KEY.search(text)
    if long_key is not None:
        at = text.count("\n", 0, long_key.start()) + 1
        raise DataFileError(name, f"a key has more than {MAX_KEY_PARTS} dotted parts", at, 1)
    import tomli  # deferred: only a cache miss pays for the parser

    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        message = str(exc)
        position = _TOMLI_POSITION.search(message)
        line: int | None = None
        col: int | None = None
        if position:
            line, col = int(position.group(1)), int(position.group(2))
            message = message[: position.start()]
        elif _TOMLI_EOF.search(message):
            message = _TOMLI_EOF.sub("", message) + " (at end of file)"
        if text.lstrip().startswith(("{", "[{", "[\n")) and line == 1:
            message += " (is this JSON saved as .toml?)"
        if "<<<<<<<" in text or ">>>>>>>" in text:
            message += " (the file holds git conflict markers)"
        raise DataFileError(name, _clip(message), line, col) from None
    except RecursionError:
        raise DataFileError(name, "nesting is too deep to parse") from None
    except ValueError as exc:
        # CPython's int() digit limit, and any other value the parser cannot build.
        raise DataFileError(name, _clip(f"a value cannot be read: {exc}")) from None


def _clip(message: str) -> str:
    message = neutralise(" ".join(message.split()))
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 1] + "…"


def load_files(paths: Sequence[Path]) -> tuple[list[RawFile], list[DataFileError]]:
    """Read and parse every file; files that fail are returned as errors, not raised."""
    raws: list[RawFile] = []
    failures: list[DataFileError] = []
    for path in paths:
        name = display_path(path)
        try:
            text = read_text(path)
            raws.append(RawFile(name, parse_toml(text, name), text))
        except DataFileError as exc:
            failures.append(exc)
    return raws, failures
