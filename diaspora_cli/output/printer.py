"""One command's resolved output choices (`Output`) and the common way to print records with them."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar, cast

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
    lang: str = "en"  # --lang: titles and names in this language where the records give one

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
    if out.lang != "en":
        records = (in_language(r, out.lang) for r in records)
    rows = _started(fieldset.rows(records, names, dataset))
    count = render_table(Table(names, rows, title, headers=headers), out.fmt, out.streams, out.header)
    if count == 0:
        out.streams.note(empty)
    return count


def in_language(item: R, lang: str) -> R:
    """A record (or a countries row) with its title or name in `lang` where the data gives one."""
    from diaspora_cli.core.model import Country, Event, Organization, Person, Place, localised
    from diaspora_cli.core.record import replace
    from diaspora_cli.core.summaries import CountryStats

    found: Any = item
    if isinstance(found, (Event, Organization, Country, Person, Place)):
        return cast(R, localised(found, lang))
    if isinstance(found, CountryStats):
        return cast(R, replace(found, country=localised(found.country, lang)))
    return item


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
