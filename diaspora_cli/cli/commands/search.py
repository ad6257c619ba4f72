"""`diaspora search`: records of every kind matching a text in any of its spellings, best first."""

from __future__ import annotations

from diaspora_cli.cli.options import OutputFlags
from diaspora_cli.cli.session import AppState, output
from diaspora_cli.core.record import Record


class SearchOptions(Record):
    """`diaspora search TEXT`."""

    text: str
    output: OutputFlags


def search(opts: SearchOptions, state: AppState) -> None:
    """Records of every kind matching a text, best first."""
    from diaspora_cli.core import search as query
    from diaspora_cli.output.fields import HIT_FIELDS
    from diaspora_cli.output.printer import emit

    out = output(state, opts.output)
    emit(out, HIT_FIELDS, query.search_all(state.dataset(), opts.text), "nothing matches")
