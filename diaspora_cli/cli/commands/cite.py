"""`diaspora cite`: citations for records and sources in text, BibTeX, CSL-JSON or RIS."""

from __future__ import annotations

from diaspora_cli.cli.session import AppState
from diaspora_cli.core.record import Record


class CiteOptions(Record):
    """`diaspora cite [ID]... [--style STYLE]`."""

    record_ids: tuple[str, ...]
    style: str


def cite(opts: CiteOptions, state: AppState) -> None:
    """Write the references for these ids (or the dataset) in one citation style."""
    from diaspora_cli.core import citing, query
    from diaspora_cli.output.citations import RENDERERS
    from diaspora_cli.output.streams import Streams

    dataset = state.dataset()
    # Every id is looked up before anything is written: a typo in the third id leaves stdout empty.
    found = [query.find_record(dataset, record_id) for record_id in opts.record_ids]
    text = RENDERERS[opts.style](citing.references(dataset, found))
    if state.streams is None:
        state.streams = Streams.from_system("never", pager=False)
    state.streams.out.write(text)
