"""The export formats: a registry of names and the modules that write them, imported only when used."""

from __future__ import annotations

TYPE_CHECKING = False  # the command-line spec imports this registry; typing would cost start-up
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import BinaryIO

    from diaspora_cli.core.model import Dataset, Event

    # An exporter writes the chosen events (and the dataset they come from) to a binary stream and
    # returns notes for stderr (for example "no full-text index: this SQLite lacks FTS5").
    WriteFn = Callable[[Dataset, Sequence[Event], BinaryIO], list[str]]


class Exporter:
    """One export format: its CLI name, a help line, where its code lives, whether it can go to stdout."""

    __slots__ = ("help", "module", "name", "to_stdout")

    def __init__(self, name: str, help: str, module: str, *, to_stdout: bool) -> None:
        self.name = name
        self.help = help
        self.module = module
        self.to_stdout = to_stdout

    def load(self) -> WriteFn:
        """The module's `write` function (imported now, not at start-up)."""
        import importlib

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


def source_label(dataset: Dataset, reference: str) -> tuple[str, str | None]:
    """(text, link) for a source reference: "Title · Publisher · date" for a [[sources]] record, else as given."""
    source = dataset.source(reference)
    if source is None:
        return reference, source_url(reference)
    parts = [source.title, source.publisher]
    if source.published is not None:
        parts.append(source.published.iso())
    return " · ".join(parts), source_url(source.url)


def source_url(source: str) -> str | None:
    """The source itself when it is an http(s) address (the only kind we turn into links), else None."""
    text = source.strip()
    if text.lower().startswith(("https://", "http://")) and not any(ch.isspace() for ch in text):
        return text
    return None
