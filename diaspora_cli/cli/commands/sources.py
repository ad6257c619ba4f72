"""`diaspora sources`: the source records, filtered, or counted per publisher or kind."""

from __future__ import annotations

from diaspora_cli.cli.options import OutputFlags
from diaspora_cli.cli.session import AppState, output
from diaspora_cli.core.record import Record


class SourcesOptions(Record):
    """`diaspora sources`."""

    kind: tuple[str, ...]
    publisher: str | None
    record: tuple[str, ...]
    by: str | None
    output: OutputFlags


def sources(opts: SourcesOptions, state: AppState) -> None:
    """List source records (or count them per publisher or kind)."""
    from diaspora_cli.core import citing, query
    from diaspora_cli.core.model import Source
    from diaspora_cli.core.text import fold
    from diaspora_cli.output.fields import SOURCE_COUNT_FIELDS, SOURCE_FIELDS
    from diaspora_cli.output.printer import emit

    out = output(state, opts.output)
    dataset = state.dataset()
    wanted: set[str] | None = None
    for record_id in opts.record:
        record = query.find_record(dataset, record_id)
        ids = {record.id} if isinstance(record, Source) else set(citing.record_references(record))
        wanted = ids if wanted is None else wanted | ids
    text = fold(opts.publisher or "")
    chosen = [
        s
        for s in dataset.sources
        if (not opts.kind or s.kind in opts.kind)
        and (not text or text in fold(s.publisher))
        and (wanted is None or s.id in wanted)
    ]
    if opts.by:
        counts = citing.count_sources(dataset, chosen, opts.by)
        emit(out, SOURCE_COUNT_FIELDS, counts, "no sources match", dataset=dataset)
        return
    note = "no sources match" if dataset.sources else "this dataset has no [[sources]] records"
    emit(out, SOURCE_FIELDS, chosen, note, dataset=dataset)
