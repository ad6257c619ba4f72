"""Shell completion of values (countries, categories, tags, organization and record ids, formats).

Two paths give the same answers:

- Typer's own: the `complete_*` functions below are the `autocompletion=` of the options.
- A fast path, `maybe_complete()`, run by `cli.main` before Typer is imported: when the shell asks
  for the value of an option or argument that has a completer here, it answers in the shell's
  format and exits; anything else (command and option names, file names, PowerShell) falls
  through to Typer. Importing Typer and the commands costs several times Python's own start-up,
  which a TAB key should not wait for.

Candidates come from a light scan of the TOML files (only the few keys completion needs), not
from the validated dataset, for the same reason. Matching folds case, accents and Azerbaijani
letters (diaspora_cli.core.text.fold): "gur" and "gür" both offer "Gürcüstan".

This module imports only os, sys, diaspora_cli.core.text and diaspora_cli.core.vocab; keep it that way.
"""

from __future__ import annotations

import os
import sys

from diaspora_cli.core.text import fold
from diaspora_cli.core.vocab import EVENT_CATEGORIES, ORGANIZATION_TYPES

TYPE_CHECKING = False  # typing itself costs start-up; mypy reads this name as True
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from typing import SupportsIndex

PROG_VAR = "_DIASPORA_COMPLETE"
DATA_VAR = "DIASPORA_DATA"  # = loading.ENV_VAR
EMBEDDED = "@embedded"  # = loading.EMBEDDED

# The schema's vocabularies come from vocab.py; the lists below are copies of names defined in
# modules that would cost the start-up this module exists to avoid, and tests/test_completion.py
# checks each against its source.
CATEGORIES = EVENT_CATEGORIES
ORG_TYPES = ORGANIZATION_TYPES
OUTPUT_FORMATS = ("auto", "table", "tsv", "csv", "json", "jsonl", "markdown")  # "auto" + render.FORMATS
SECTIONS = ("summary", "population", "organizations", "events")  # actions.SECTIONS
EXPORT_FORMATS = ("timelinejs", "sqlite", "html")  # exporters.EXPORTERS

Candidate = tuple[str, str]  # (value, help); help "" means none


# ---- a light scan of the dataset files ----------------------------------------------------------


class Index:
    """What completion needs from the dataset: names and ids, nothing validated."""

    def __init__(self) -> None:
        self.countries: list[tuple[str, str, str, tuple[str, ...]]] = []  # code, alpha3, name, aliases
        self.organizations: list[tuple[str, str]] = []  # id, name
        self.events: list[tuple[str, str]] = []  # id, title
        self.tags: set[str] = set()


_WANTED = {
    "countries": ("code", "alpha3", "name", "aliases"),
    "organizations": ("id", "name"),
    "events": ("id", "title", "tags"),
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
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # diaspora_cli/
    packaged = os.path.join(here, "data")
    return packaged if os.path.isdir(packaged) else os.path.join(os.path.dirname(here), "data")


def data_files(data: Sequence[str], environ: Mapping[str, str]) -> list[str]:
    """The files `--data` / $DIASPORA_DATA / the embedded dataset name (as loading.expand_roots finds them)."""
    roots = list(data)
    if not roots:
        env = environ.get(DATA_VAR, "").strip()
        roots = [p for p in env.split(os.pathsep) if p.strip()] if env else [EMBEDDED]
    files: list[str] = []
    for root in roots:
        path = _embedded_root() if root == EMBEDDED else os.path.expanduser(root)
        if os.path.isdir(path) and (root == EMBEDDED or not path.endswith(".toml")):
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


# ---- candidates ---------------------------------------------------------------------------------


def _starts(key: str, prefix: str) -> bool:
    return fold(key).startswith(prefix)


def _words(words: Sequence[str], incomplete: str) -> list[Candidate]:
    prefix = fold(incomplete)
    return [(w, "") for w in words if _starts(w, prefix)]


def country_candidates(index: Index, incomplete: str) -> list[Candidate]:
    """Codes, names and aliases that start with the folded input; names only for an empty input."""
    prefix = fold(incomplete)
    out: dict[str, str] = {}
    for code, alpha3, name, aliases in sorted(index.countries, key=lambda c: fold(c[2])):
        label = f"{name} ({code})"
        keys = [name] if not prefix else [code, alpha3, name, *aliases]
        for key in keys:
            if key and _starts(key, prefix):
                out.setdefault(key, label)
    return list(out.items())


def organization_candidates(index: Index, incomplete: str) -> list[Candidate]:
    """Organization ids whose id or name starts with the folded input."""
    prefix = fold(incomplete)
    return [(i, name) for i, name in index.organizations if _starts(i, prefix) or _starts(name, prefix)]


def record_candidates(index: Index, incomplete: str) -> list[Candidate]:
    """Country codes, organization ids and event ids (`show ID`), matched on the id or the name/title."""
    prefix = fold(incomplete)
    out = [(code, name) for code, _, name, _ in index.countries if _starts(code, prefix) or _starts(name, prefix)]
    out += organization_candidates(index, incomplete)
    out += [(i, title) for i, title in index.events if _starts(i, prefix) or _starts(title, prefix)]
    return out


def tag_candidates(index: Index, incomplete: str) -> list[Candidate]:
    """Tags in use."""
    return _words(sorted(index.tags), incomplete)


# Completer name -> (needs the dataset scan, function of (index, incomplete)).
COMPLETERS: dict[str, Callable[[Index, str], list[Candidate]]] = {
    "country": country_candidates,
    "organization": organization_candidates,
    "record": record_candidates,
    "tag": tag_candidates,
    "category": lambda _, text: _words(CATEGORIES, text),
    "type": lambda _, text: _words(ORG_TYPES, text),
    "format": lambda _, text: _words(OUTPUT_FORMATS, text),
    "section": lambda _, text: _words(SECTIONS, text),
    "export": lambda _, text: _words(EXPORT_FORMATS, text),
}
_NEEDS_DATA = frozenset({"country", "organization", "record", "tag"})


def candidates(
    kind: str, incomplete: str, data: Sequence[str] = (), environ: Mapping[str, str] | None = None
) -> list[Candidate]:
    """The candidates of one completer for a partial word."""
    env = os.environ if environ is None else environ
    index = scan(data, env) if kind in _NEEDS_DATA else Index()
    return COMPLETERS[kind](index, incomplete)


# ---- Typer's path: the autocompletion= functions ------------------------------------------------


class _Folded(str):
    """A candidate already matched by folding.

    Typer's autocompletion layer drops every value that does not start with the typed text
    exactly, which would drop "Gürcüstan" for "gur"; the match was made here, so say yes.
    """

    __slots__ = ()

    def startswith(
        self,
        prefix: str | tuple[str, ...],
        start: SupportsIndex | None = None,
        end: SupportsIndex | None = None,
    ) -> bool:
        return True


def _typer_candidates(kind: str, ctx: object, incomplete: str) -> list[tuple[str, str]]:
    root = ctx.find_root() if hasattr(ctx, "find_root") else None
    params = getattr(root, "params", None) or {}
    data = params.get("data") or []
    return [(_Folded(value), help) for value, help in candidates(kind, incomplete, data)]


def _completer(kind: str, doc: str) -> Callable[[object, str], list[tuple[str, str]]]:
    # Typer matches the parameters by name (ctx) and by type (incomplete: str).
    def complete(ctx: object, incomplete: str) -> list[tuple[str, str]]:
        return _typer_candidates(kind, ctx, incomplete)

    complete.__doc__ = doc
    return complete


complete_country = _completer("country", "Country codes, names and aliases.")
complete_organization = _completer("organization", "Organization ids.")
complete_record = _completer("record", "Record ids for `show`.")
complete_tag = _completer("tag", "Tags in use.")
complete_category = _completer("category", "Event categories.")
complete_type = _completer("type", "Organization types.")
complete_format = _completer("format", "Output formats.")
complete_section = _completer("section", "Sections of `country`.")
complete_export_format = _completer("export", "Export formats.")


# ---- the fast path ------------------------------------------------------------------------------

# What the fast path knows of the command line, per command: value options and their completer
# ("" = none: Typer answers), flags, and the completer of the first argument. Checked against the
# real Typer commands by tests/test_completion.py; a command missing here falls through to Typer.
_OUT = {"--format": "format", "-f": "format", "--fields": "", "--color": ""}
_OUT_FLAGS = ("--no-header", "--no-pager")
_FILTERS = {
    "--country": "country",
    "-c": "country",
    "--category": "category",
    "--tag": "tag",
    "-t": "tag",
    "--org": "organization",
    "--from": "",
    "--to": "",
    "--year": "",
    "-y": "",
    "--search": "",
    "-s": "",
    "--limit": "",
    "-n": "",
}
GLOBAL_VALUES = {"--data": "", "-d": ""}
GLOBAL_FLAGS = ("--no-cache", "--debug", "-h", "--help")
COMMANDS: dict[str, tuple[dict[str, str], tuple[str, ...], str]] = {
    "timeline": ({**_FILTERS, **_OUT}, ("--reverse", "-r", *_OUT_FLAGS), ""),
    "countries": (dict(_OUT), _OUT_FLAGS, ""),
    "country": ({"--section": "section", **_OUT}, _OUT_FLAGS, "country"),
    "orgs": (
        {
            "--country": "country",
            "-c": "country",
            "--type": "type",
            "--founded-from": "",
            "--founded-to": "",
            "--search": "",
            "-s": "",
            **_OUT,
        },
        _OUT_FLAGS,
        "",
    ),
    "show": (dict(_OUT), _OUT_FLAGS, "record"),
    "search": (dict(_OUT), _OUT_FLAGS, ""),
    "on-this-day": ({"--date": "", **_OUT}, _OUT_FLAGS, ""),
    "validate": (dict(_OUT), _OUT_FLAGS, ""),
    "export": ({"--output": "", "-o": "", **_FILTERS}, ("--force", "--reverse", "-r"), "export"),
    "stats": ({"--by": "", "-b": "", **_FILTERS, **_OUT}, ("--reverse", "-r", *_OUT_FLAGS), ""),
    "chart": (
        {**{k: v for k, v in _FILTERS.items() if k not in ("--limit", "-n")}, "--color": ""},
        ("--no-pager",),
        "",
    ),
}
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


def resolve(args: Sequence[str], incomplete: str) -> tuple[str, str, list[str]] | None:
    """(completer, partial word, --data values) for a value request the fast path can answer, else None."""
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
    values, flags, positional = COMMANDS[args[i]]
    rest = args[i + 1 :]
    if rest and rest[-1] in values:
        kind = values[rest[-1]]
        return (kind, incomplete, data) if kind else None
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
    if positional and given == 0:
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
    kind, incomplete, data = resolved
    found = candidates(kind, incomplete, data, environ)
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
