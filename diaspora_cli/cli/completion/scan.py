"""A light scan of the dataset files for completion: only the few keys it needs, nothing validated.

Reading the TOML files with the real loader and validator costs several times Python's start-up,
which a TAB key should not wait for. Imports only os and the core's vocabularies.
"""

from __future__ import annotations

import os

from diaspora_cli.core.vocab import DATA_ENV_VAR, EMBEDDED_NAME

TYPE_CHECKING = False  # typing itself costs start-up; mypy reads this name as True
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence


class Index:
    """What completion needs from the dataset: names and ids, nothing validated."""

    def __init__(self) -> None:
        self.countries: list[tuple[str, str, str, tuple[str, ...]]] = []  # code, alpha3, name, aliases
        self.organizations: list[tuple[str, str]] = []  # id, name
        self.events: list[tuple[str, str]] = []  # id, title
        self.people: list[tuple[str, str, tuple[str, ...]]] = []  # id, name, aliases
        self.tags: set[str] = set()
        self.roles: set[str] = set()


_WANTED = {
    "countries": ("code", "alpha3", "name", "aliases"),
    "organizations": ("id", "name"),
    "events": ("id", "title", "tags"),
    "people": ("id", "name", "aliases", "roles"),
    "places": ("id", "name"),
}
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\", "e": "\x1b"}
_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-. ")


def _decode(raw: str) -> str:
    """A basic string's escapes (\\n, \\", \\uXXXX, ...) decoded."""
    if "\\" not in raw:
        return raw
    out: list[str] = []
    i, n = 0, len(raw)
    while i < n:
        ch = raw[i]
        if ch != "\\" or i + 1 >= n:
            out.append(ch)
            i += 1
            continue
        code = raw[i + 1]
        if code in "uU":
            width = 4 if code == "u" else 8
            digits = raw[i + 2 : i + 2 + width]
            if len(digits) == width and all(d in "0123456789abcdefABCDEF" for d in digits):
                number = int(digits, 16)
                out.append(chr(number) if number < 0x110000 else "\ufffd")
            i += 2 + width
            continue
        out.append(_ESCAPES.get(code, code))
        i += 2
    return "".join(out)


def _string_end(text: str, i: int) -> int:
    """Index of the quote closing the one-line string that opens at text[i] (or the line's end)."""
    quote = text[i]
    line_end = text.find("\n", i + 1)
    line_end = len(text) if line_end < 0 else line_end
    j = i
    while True:
        j = text.find(quote, j + 1, line_end)
        if j < 0:
            return line_end
        if quote == "'":
            return j
        backslashes = 0
        while text[j - 1 - backslashes] == "\\":
            backslashes += 1
        if backslashes % 2 == 0:
            return j


def _value(text: str, i: int) -> tuple[list[str], int]:
    """The string(s) of the value starting at text[i] and the index after it; other values give []."""
    n = len(text)
    if i >= n:
        return [], i
    if text.startswith(('"""', "'''"), i):
        quote = text[i : i + 3]
        end = text.find(quote, i + 3)
        if end < 0:
            return [], n
        while text.startswith(quote[0], end + 3):  # up to two quotes may end the content itself
            end += 1
        return [], end + 3
    ch = text[i]
    if ch in "\"'":
        end = _string_end(text, i)
        raw = text[i + 1 : end]
        return [_decode(raw) if ch == '"' else raw], end + 1
    if ch != "[":
        return [], i
    found: list[str] = []
    depth = 0
    while i < n:  # characters between strings are few (commas, blanks): step over them one by one
        ch = text[i]
        if ch in "\"'":
            strings, i = _value(text, i)
            found.extend(strings)
            continue
        if ch == "#":
            stop = text.find("\n", i)
            i = n if stop < 0 else stop
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return found, i + 1
        i += 1
    return found, n


def _header(line: str) -> str | None:
    """The table name of a `[name]` / `[[name]]` line, else None."""
    double = line.startswith("[[")
    close = line.find("]]" if double else "]")
    if close < 0:
        return None
    name = line[2 if double else 1 : close].strip()
    rest = line[close + (2 if double else 1) :].strip()
    if not name or any(ch not in _BARE for ch in name) or (rest and not rest.startswith("#")):
        return None
    return name


def scan_text(text: str, index: Index) -> None:
    """Add the records of one TOML file to `index`."""
    n = len(text)
    pos = 0
    table = ""
    sub = False
    record: dict[str, list[str]] = {}

    def flush() -> None:
        if table == "countries" and record.get("code"):
            name = (record.get("name") or [""])[0]
            index.countries.append(
                (record["code"][0], (record.get("alpha3") or [""])[0], name, tuple(record.get("aliases", [])))
            )
        elif table == "organizations" and record.get("id"):
            index.organizations.append((record["id"][0], (record.get("name") or [""])[0]))
        elif table == "people" and record.get("id"):
            index.people.append((record["id"][0], (record.get("name") or [""])[0], tuple(record.get("aliases", []))))
            index.roles.update(record.get("roles", []))
        elif table == "events" and record.get("id"):
            index.events.append((record["id"][0], (record.get("title") or [""])[0]))
            index.tags.update(record.get("tags", []))

    while pos < n:
        stop = text.find("\n", pos)
        stop = n if stop < 0 else stop
        line = text[pos:stop].strip()
        after = stop + 1
        if line.startswith("["):
            name = _header(line)
            if name is not None:
                base = name.split(".")[0].strip()
                if line.startswith("[[") and name == base:  # a new record
                    flush()
                    record, table, sub = {}, name, False
                elif table and base == table:  # [[countries.population]]: the country's record goes on
                    sub = True
                else:
                    flush()
                    record, table, sub = {}, "", False
        elif line and not line.startswith("#") and "=" in line:
            key = line.split("=", 1)[0].strip()
            start = text.index("=", pos) + 1
            while start < n and text[start] in " \t":
                start += 1
            wanted = not sub and key in _WANTED.get(table, ()) and key not in record
            end = start
            if wanted or text.startswith(("[", '"""', "'''"), start):  # other values end with their line
                values, end = _value(text, start)
                if wanted:
                    record[key] = values
            if end > stop:  # the value ran over several lines: resume after it
                stop = text.find("\n", end)
                after = n if stop < 0 else stop + 1
        pos = after
    flush()


def _embedded_root() -> str:
    here = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # diaspora_cli/
    packaged = os.path.join(here, "data")
    return packaged if os.path.isdir(packaged) else os.path.join(os.path.dirname(here), "data")


def data_files(data: Sequence[str], environ: Mapping[str, str]) -> list[str]:
    """The files `--data` / $DIASPORA_DATA / the embedded dataset name (as loading.expand_roots finds them)."""
    roots = list(data)
    if not roots:
        env = environ.get(DATA_ENV_VAR, "").strip()
        roots = [p for p in env.split(os.pathsep) if p.strip()] if env else [EMBEDDED_NAME]
    files: list[str] = []
    for root in roots:
        path = _embedded_root() if root == EMBEDDED_NAME else os.path.expanduser(root)
        if os.path.isdir(path) and (root == EMBEDDED_NAME or not path.endswith(".toml")):
            try:
                names = sorted(f for f in os.listdir(path) if f.endswith(".toml") and not f.startswith("."))
            except OSError:
                continue
            files.extend(os.path.join(path, f) for f in names)
        else:
            files.append(path)
    return files


def scan(data: Sequence[str], environ: Mapping[str, str]) -> Index:
    """Scan every dataset file; unreadable files are skipped (completion never fails loudly)."""
    index = Index()
    seen: set[str] = set()
    for path in data_files(data, environ):
        real = os.path.realpath(path)
        if real in seen:
            continue
        seen.add(real)
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                text = handle.read(64 * 1024 * 1024)
        except OSError:
            continue
        scan_text(text, index)
    return index
