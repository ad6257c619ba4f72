"""`diaspora search`: events, organizations and countries matching a text."""

from __future__ import annotations

from diaspora_cli.cli.options import OutputFlags
from diaspora_cli.cli.session import AppState, output
from diaspora_cli.core.record import Record


class SearchOptions(Record):
    """`diaspora search TEXT`."""

    text: str
    output: OutputFlags


def search(opts: SearchOptions, state: AppState) -> None:
    """Events, organizations and countries matching a text."""
    from diaspora_cli.core import query
    from diaspora_cli.output.fields import HIT_FIELDS
    from diaspora_cli.output.printer import emit

    out = output(state, opts.output)
    emit(out, HIT_FIELDS, query.search_all(state.dataset(), opts.text), "nothing matches")
