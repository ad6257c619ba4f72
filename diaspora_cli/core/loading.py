"""Find and read dataset files into raw TOML tables: the only module that touches the file system for data."""

from __future__ import annotations

import bisect
import contextlib
import errno
import os
import re
import stat
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from diaspora_cli.core.errors import DataFileError
from diaspora_cli.core.record import Record, field
from diaspora_cli.core.text import neutralise
from diaspora_cli.core.tomlparse import parse_toml
from diaspora_cli.core.vocab import DATA_ENV_VAR, EMBEDDED_NAME

ENV_VAR = DATA_ENV_VAR
EMBEDDED = EMBEDDED_NAME
MAX_FILE_BYTES = 64 * 1024 * 1024  # larger than any real dataset file; stops /dev/zero-like inputs

# A key at a line start, in a [table] header, or inside an inline table ({ or , before it).
_HEADER = re.compile(r"(?m)^[ \t]*\[\[[ \t]*(events|organizations|countries|sources|people|places)[ \t]*\]\]")
_DATASET_HEADER = re.compile(r"(?m)^[ \t]*\[[ \t]*(dataset)[ \t]*\]")
_FIGURE_HEADER = re.compile(r"(?m)^[ \t]*\[\[[ \t]*countries[ \t]*\.[ \t]*population[ \t]*\]\]")
# Any table header line. A line of a multi-line array that looks like one only makes a located
# line less precise (the record's header instead of its key), never wrong.
_ANY_HEADER = re.compile(r"(?m)^[ \t]*\[\[?[^\[\]\n]*\]\]?[ \t]*(?:#.*)?$")


def display_path(path: Path | str) -> str:
    """A path as it is safe to print on one line: control characters and newlines made visible."""
    return neutralise(str(path)).replace("\n", "\\n")


class SourceText:
    """Where a file's records are written, to point at lines when there is an issue.

    The text is kept only when given. A file read by load_files is not kept (55 MB for 100k
    records): it is read again the first time an issue needs a line, and if its size or content
    (crc32) is not what was parsed, the issues get no line rather than a wrong one.
    """

    def __init__(
        self, path: str, text: str = "", origin: Path | None = None, stamp: tuple[int, int] | None = None
    ) -> None:
        self.path = path
        self._text: str | None = text if origin is None or text else None
        self._origin = origin
        self._stamp = stamp
        self._headers: dict[str, list[int]] | None = None
        self._bounds: list[int] = []
        self._records: list[int] = []
        self._newlines: list[int] | None = None

    @property
    def text(self) -> str:
        """The file's text as parsed; "" when it is no longer what was parsed."""
        if self._text is None:
            self._text = ""
            if self._origin is not None:
                with contextlib.suppress(DataFileError):
                    data = read_bytes(self._origin)
                    if (len(data), zlib.crc32(data)) == self._stamp:
                        self._text = decode(data, self.path)
        return self._text

    def _line_of(self, offset: int) -> int:
        # Newline offsets found once and bisected: a file with thousands of problems stays linear.
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self.text)]
        return bisect.bisect_left(self._newlines, offset) + 1

    def _scan(self) -> dict[str, list[int]]:
        if self._headers is None:
            text = self.text
            found: dict[str, list[int]] = {}
            for pattern in (_HEADER, _DATASET_HEADER):
                for match in pattern.finditer(text):
                    found.setdefault(match.group(1), []).append(match.start())
            found["countries.population"] = [m.start() for m in _FIGURE_HEADER.finditer(text)]
            self._records = sorted(
                s for kind in ("events", "organizations", "countries", "people", "places") for s in found.get(kind, [])
            )
            self._bounds = [m.start() for m in _ANY_HEADER.finditer(text)]
            self._headers = found
        return self._headers

    def _next(self, start: int, pool: list[int]) -> int:
        position = bisect.bisect_right(pool, start)
        return pool[position] if position < len(pool) else len(self.text)

    def locate(self, kind: str, index: int, key: str | None = None) -> int | None:
        """Line of table number `index` of `kind` ([[events]], [dataset], ...) or of its `key = ...` line."""
        starts = self._scan().get(kind, [])
        if index >= len(starts):
            return None
        start = starts[index]
        if key is None:
            return self._line_of(start)
        # The record's own keys end at the next header of any kind, e.g. [[countries.population]].
        own_end = self._next(start, self._bounds)
        key_line = re.compile(rf"(?m)^[ \t]*{re.escape(key)}[ \t]*=").search(self.text, start, own_end)
        return self._line_of(key_line.start()) if key_line else self._line_of(start)

    def locate_figure(self, index: int, number: int) -> int | None:
        """Line of [[countries.population]] number `number` under the `index`-th [[countries]]."""
        headers = self._scan()
        countries = headers.get("countries", [])
        if index >= len(countries):
            return None
        start = countries[index]
        figures = headers["countries.population"]
        first = bisect.bisect_right(figures, start)
        position = first + number
        if position < len(figures) and figures[position] < self._next(start, self._records):
            return self._line_of(figures[position])
        return self._line_of(start)

    def locate_top(self, key: str) -> int | None:
        """Line where a top-level key or table `key` is first written, if findable."""
        pattern = (
            rf"(?m)^[ \t]*(?:\[\[?[ \t]*)?(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')[ \t]*[=.\]]"
        )
        match = re.compile(pattern).search(self.text)
        return self._line_of(match.start()) if match else None


class RawFile(Record, frozen=False):
    """One parsed TOML file: its tables, and its `source` to point at lines later.

    The validator keeps only `source` once a file's records are built, so the tables of one
    file at a time are alive.
    """

    path: str
    tables: dict[str, Any]
    text: str = field(repr=False, default="")
    origin: Path | None = field(repr=False, default=None)
    stamp: tuple[int, int] | None = field(repr=False, default=None)
    source: SourceText = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.source = SourceText(self.path, self.text, self.origin, self.stamp)

    def locate(self, kind: str, index: int, key: str | None = None) -> int | None:
        """See SourceText.locate."""
        return self.source.locate(kind, index, key)

    def locate_figure(self, index: int, number: int) -> int | None:
        """See SourceText.locate_figure."""
        return self.source.locate_figure(index, number)

    def locate_top(self, key: str) -> int | None:
        """See SourceText.locate_top."""
        return self.source.locate_top(key)


def embedded_root() -> Path:
    """The dataset shipped with the package (inside the wheel, or `data/` in a checkout)."""
    package = Path(__file__).resolve().parent.parent  # diaspora_cli/, two levels above core/loading.py
    packaged = package / "data"
    if packaged.is_dir():
        return packaged
    return package.parent / "data"


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
            try:
                # scandir, not glob: glob turns an unreadable folder into an empty one.
                with os.scandir(path) as entries:
                    names = [e.name for e in entries if e.name.endswith(".toml") and not e.name.startswith(".")]
            except OSError as exc:
                raise DataFileError(display_path(root), _os_reason(exc)) from None
            found = [path / name for name in sorted(names)]
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
    return decode(read_bytes(path, max_bytes), display_path(path))


def read_bytes(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """Read one file's bytes, refusing anything that is not a regular, reasonably sized file."""
    name = display_path(path)
    try:
        info = os.stat(path)
    except OSError as exc:
        raise DataFileError(name, _os_reason(exc)) from None
    _check_kind(name, info, max_bytes)  # before open: a device or FIFO is never even opened
    try:
        # O_NONBLOCK: if the path was swapped for a FIFO after the check, open must not hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as handle:
            _check_kind(name, os.fstat(handle.fileno()), max_bytes)  # and what was opened is still a file
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise DataFileError(name, _os_reason(exc)) from None
    if len(data) > max_bytes:
        raise DataFileError(name, f"is over the {max_bytes:,}-byte limit for one data file")
    return data


def _check_kind(name: str, info: os.stat_result, max_bytes: int) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise DataFileError(name, "is a folder, not a TOML file")
    if not stat.S_ISREG(info.st_mode):
        raise DataFileError(name, "is not a regular file (a FIFO, socket or device?)")
    if info.st_size > max_bytes:
        raise DataFileError(name, f"is {info.st_size:,} bytes, over the {max_bytes:,}-byte limit for one data file")


def decode(data: bytes, name: str) -> str:
    """Bytes to text with a precise message for the usual ways a file is not UTF-8 TOML."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise DataFileError(name, "is UTF-32 encoded; save it as UTF-8", 1, 1)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataFileError(name, "is UTF-16 encoded; save it as UTF-8", 1, 1)
    if data.startswith(b"\x1f\x8b"):
        raise DataFileError(name, "is gzip-compressed; decompress it first", 1, 1)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a UTF-8 byte-order mark (Windows editors) is harmless: drop it
    nul = data.find(b"\x00")
    if nul != -1:
        line, col = _position(data, nul)
        head = data[:64]
        if len(head) >= 4 and (head[1::2].count(0) == len(head) // 2 or head[0::2].count(0) == (len(head) + 1) // 2):
            raise DataFileError(name, "looks UTF-16 encoded (every other byte is NUL); save it as UTF-8", line, col)
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


def load_files(paths: Sequence[Path]) -> tuple[list[RawFile], list[DataFileError]]:
    """Read and parse every file; files that fail are returned as errors, not raised."""
    failures: list[DataFileError] = []
    return list(iter_files(paths, failures)), failures


def iter_files(paths: Iterable[Path], failures: list[DataFileError]) -> Iterator[RawFile]:
    """Read and parse one file at a time; files that fail are appended to `failures`, not raised.

    Nothing of a file is kept here once it is handed on: its text is dropped after parsing (see
    SourceText), and its tables live as long as the caller holds the RawFile.
    """
    for path in paths:
        name = display_path(path)
        try:
            data = read_bytes(path)
            stamp = (len(data), zlib.crc32(data))
            text = decode(data, name)
            del data
            raw = RawFile(name, parse_toml(text, name), origin=path, stamp=stamp)
            del text
        except DataFileError as exc:
            failures.append(exc)
            continue
        yield raw
        del raw
