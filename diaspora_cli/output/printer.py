"""One command's resolved output choices (`Output`) and the common way to print records with them."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from diaspora_cli.core.record import Record

if TYPE_CHECKING:
    from diaspora_cli.core.model import Dataset
    from diaspora_cli.output.fields import FieldSet, Value
    from diaspora_cli.output.render import Format
    from diaspora_cli.output.streams import Streams


class Output(Record):
    """One command's output choices, resolved against the streams."""

    streams: Streams
    fmt: Format
    fields: str | None
    header: bool

    @property
    def human(self) -> bool:
        """True for the formats meant for people (table, markdown)."""
        return self.fmt.human


R = TypeVar("R")


def emit(
    out: Output,
    fieldset: FieldSet[R],
    records: Iterable[R],
    empty: str,
    title: str = "",
    dataset: Dataset | None = None,
) -> int:
    """Render records with the chosen fields (those about sources read `dataset`); note an empty result."""
    from diaspora_cli.output.render import Table, render_table

    if out.fields == "help":
        list_fields(out, fieldset)
        return 0
    names = fieldset.select(out.fields, out.human)
    headers = {f.name: f.label for f in fieldset.fields if f.label}
    rows = _started(fieldset.rows(records, names, dataset))
    count = render_table(Table(names, rows, title, headers=headers), out.fmt, out.streams, out.header)
    if count == 0:
        out.streams.note(empty)
    return count


def list_fields(out: Output, fieldset: FieldSet[Any]) -> None:
    """`--fields help`: each field of the kind with what it means, in the chosen format."""
    from diaspora_cli.output.render import Table, render_table

    render_table(Table(["field", "meaning"], fieldset.describe()), out.fmt, out.streams, out.header)


def _started(rows: Iterable[list[Value]]) -> Iterable[list[Value]]:
    """The same rows, with the first one already made: a query that fails as it starts (a bad
    search text, an unknown filter value) fails before a header is written, so stdout stays empty."""
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        return ()
    return itertools.chain((first,), iterator)
