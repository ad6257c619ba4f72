"""The export formats: a registry of names and the modules that write them, imported only when used."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from diaspora_cli.core.model import Dataset, Event

# An exporter writes the chosen events (and the dataset they come from) to a binary stream and
# returns notes for stderr (for example "no full-text index: this SQLite lacks FTS5").
WriteFn = Callable[["Dataset", "Sequence[Event]", BinaryIO], list[str]]


@dataclass(frozen=True)
class Exporter:
    """One export format: its CLI name, a help line, where its code lives, whether it can go to stdout."""

    name: str
    help: str
    module: str
    to_stdout: bool

    def load(self) -> WriteFn:
        """The module's `write` function (imported now, not at start-up)."""
        write: WriteFn = importlib.import_module(self.module).write
        return write


EXPORTERS: dict[str, Exporter] = {
    e.name: e
    for e in (
        Exporter("timelinejs", "TimelineJS 3 JSON", "diaspora_cli.exporters.timelinejs", to_stdout=True),
        Exporter("sqlite", "SQLite database for datasette / sqlite3", "diaspora_cli.exporters.sqlite", to_stdout=False),
        Exporter("html", "one self-contained HTML page", "diaspora_cli.exporters.html", to_stdout=True),
    )
}


def source_url(source: str) -> str | None:
    """The source itself when it is an http(s) address (the only kind we turn into links), else None."""
    text = source.strip()
    if text.lower().startswith(("https://", "http://")) and not any(ch.isspace() for ch in text):
        return text
    return None
