"""`diaspora show`: one record with every field and all its sources."""

from __future__ import annotations

from diaspora_cli.cli.options import OutputFlags
from diaspora_cli.cli.session import AppState, output
from diaspora_cli.core.record import Record


class ShowOptions(Record):
    """`diaspora show ID`."""

    record_id: str
    output: OutputFlags


def show(opts: ShowOptions, state: AppState) -> None:
    """One record with every field and all its sources."""
    from diaspora_cli.core import query
    from diaspora_cli.output import reports

    out = output(state, opts.output)
    dataset = state.dataset()
    reports.record_report(query.find_record(dataset, opts.record_id), out, dataset)
