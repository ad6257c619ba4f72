"""One validation problem (`Issue`), located as precisely as the data allows, and near-miss suggestions."""

from __future__ import annotations

from collections.abc import Sequence

from diaspora_cli.core.record import Record


class Issue(Record):
    """One problem, located as precisely as the data allows."""

    file: str
    message: str
    line: int | None = None
    col: int | None = None
    kind: str = ""
    index: int | None = None
    record_id: str = ""
    field: str = ""
    hint: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        parts = [where]
        if self.kind:
            record = f"{self.kind}[{self.index}]" if self.index is not None else self.kind
            if self.record_id:
                record += f" {self.record_id!r}"
            parts.append(record)
        if self.field:
            parts.append(f"field {self.field!r}")
        text = ": ".join(parts) + ": " + self.message
        if self.hint:
            text += f"; {self.hint}"
        return text

    def as_dict(self) -> dict[str, object]:
        """Plain form for the JSON report."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.col,
            "kind": self.kind or None,
            "index": self.index,
            "id": self.record_id or None,
            "field": self.field or None,
            "message": self.message,
            "hint": self.hint or None,
        }


def suggest(value: str, choices: Sequence[str], limit: int = 3) -> list[str]:
    """Close matches for a misspelt value, best first."""
    import difflib  # only a problem needs suggestions: off every start-up

    return difflib.get_close_matches(value, list(choices), n=limit, cutoff=0.6)


def _did_you_mean(value: str, choices: Sequence[str]) -> str:
    close = suggest(value, choices, 1)
    return f"did you mean {close[0]!r}?" if close else ""
