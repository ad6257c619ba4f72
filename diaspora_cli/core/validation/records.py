"""Reading one TOML table as a record: typed getters that report located problems (the detailed checker)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from diaspora_cli.core.loading import RawFile, SourceText
from diaspora_cli.core.model import (
    PartialDate,
)
from diaspora_cli.core.validation.issues import Issue, _did_you_mean
from diaspora_cli.core.validation.schema import (
    _LANGUAGE,
    _SLUG,
)


class _Record:
    """Reads fields of one raw table, recording problems against its location."""

    def __init__(self, checker: _Checker, raw: SourceText, kind: str, index: int, table: dict[str, Any]) -> None:
        self.checker = checker
        self.raw = raw
        self.kind = kind
        self.index = index
        self.table = table
        rid = table.get("id", table.get("code", ""))
        self.record_id = rid if isinstance(rid, str) else ""

    def problem(self, message: str, key: str | None = None, hint: str = "", figure: int | None = None) -> None:
        if figure is not None:
            line = self.raw.locate_figure(self.index, figure)
        else:
            line = self.raw.locate(self.kind, self.index, key)
        self.checker.issues.append(
            Issue(
                self.raw.path,
                message,
                line=line,
                kind=self.kind,
                index=self.index,
                record_id=self.record_id,
                field=key or "",
                hint=hint,
            )
        )

    def check_keys(self, allowed: dict[str, bool]) -> None:
        for key in self.table:
            if key not in allowed:
                self.problem(f"unknown key {key!r}", key, _did_you_mean(key, list(allowed)))
        for key, required in allowed.items():
            if required and key not in self.table:
                self.problem("is required", key)

    def string(self, key: str, required: bool = False) -> str:
        value = self.table.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.problem(f"must be a string, not {_type_name(value)}", key)
            return ""
        if required and not value.strip():
            self.problem("must not be empty", key)
        return value

    def strings(self, key: str, non_empty: bool = False) -> tuple[str, ...]:
        value = self.table.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem("must be an array of strings", key)
            return ()
        if non_empty and not any(v.strip() for v in value):
            self.problem("needs at least one entry", key)
        if any(not v.strip() for v in value):
            self.problem("holds an empty string", key)
        return tuple(value)

    def vocabulary(self, key: str, choices: Sequence[str], default: str = "") -> str:
        value = self.string(key)
        if not value:
            return default
        if value not in choices:
            hint = _did_you_mean(value, choices) or "one of: " + ", ".join(choices)
            self.problem(f"unknown value {value!r}", key, hint)
        return value

    def date(self, key: str) -> PartialDate | None:
        value = self.table.get(key)
        if value is None:
            return None
        if isinstance(value, _dt.datetime):
            self.problem("must be a date without a time", key, f"write {value.date().isoformat()}")
            return None
        if isinstance(value, _dt.date):
            try:
                return PartialDate.build(value.year, value.month, value.day)
            except ValueError as exc:
                self.problem(str(exc), key)
                return None
        if isinstance(value, str):
            try:
                return PartialDate.parse(value)
            except ValueError as exc:
                self.problem(str(exc), key)
                return None
        self.problem(f'must be a date or a "YYYY"/"YYYY-MM" string, not {_type_name(value)}', key)
        return None

    def names(self, key: str = "names") -> tuple[tuple[str, str], ...]:
        """`names = { az = "...", ru = "..." }`: the record's name or title in other languages."""
        value = self.table.get(key)
        if value is None:
            return ()
        if not isinstance(value, dict):
            self.problem(f"must be a table of language = name, not {_type_name(value)}", key, 'e.g. { az = "Bakı" }')
            return ()
        out: list[tuple[str, str]] = []
        for code, text in value.items():
            if not _LANGUAGE.fullmatch(code):
                self.problem(f"{code!r} is not a language code", key, "an ISO 639-1 code such as az, ru, tr")
            elif code == "en":
                self.problem("'en' is the record's own name or title", key, "give other languages only")
            elif not isinstance(text, str) or not text.strip() or "\n" in text:
                self.problem(f"{code}: must be a one-line, non-empty string", key)
            else:
                out.append((code, text))
        return tuple(out)

    def slug(self, key: str) -> str:
        value = self.string(key, required=True)
        if value and not _SLUG.fullmatch(value):
            self.problem(f"{value!r} is not a slug (lowercase letters, digits and single '-')", key)
        return value


def _type_name(value: object) -> str:
    names = {
        bool: "a boolean",
        int: "an integer",
        float: "a float",
        str: "a string",
        list: "an array",
        dict: "a table",
        _dt.date: "a date",
        _dt.datetime: "a date-time",
        _dt.time: "a time",
    }
    return names.get(type(value), type(value).__name__)


T = TypeVar("T")


class _Checker:
    def __init__(self) -> None:
        self.issues: list[Issue] = []
        # Where each built record came from, by identity: duplicates with equal values stay apart.
        self.where: dict[int, tuple[SourceText, int]] = {}

    def file_problem(self, raw: SourceText, message: str, hint: str = "", key: str = "") -> None:
        self.issues.append(Issue(raw.path, message, line=raw.locate_top(key) if key else None, hint=hint))

    def tables(self, raw: RawFile, key: str) -> list[dict[str, Any]]:
        value = raw.tables.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.file_problem(raw.source, f"{key!r} must be an array of tables", f"write each as [[{key}]]", key)
            return []
        return value

    def collect(
        self,
        raw: RawFile,
        key: str,
        build: Callable[[_Record], T | None],
        fast: Callable[[dict[str, Any], str], T | None] | None = None,
    ) -> list[T]:
        out: list[T] = []
        source = raw.source
        for index, table in enumerate(self.tables(raw, key)):
            built = fast(table, raw.path) if fast is not None else None
            if built is None:
                built = build(_Record(self, source, key, index, table))
            # Records with problems still count for references, so that one bad field of a
            # country does not also make every event naming it "unknown". The dataset is only
            # built when there is no issue at all.
            if built is not None:
                out.append(built)
                self.where[id(built)] = (source, index)
        return out
