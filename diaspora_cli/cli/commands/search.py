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
    dataset = state.dataset()
    hits = query.search_all(dataset, opts.text)
    if out.lang != "en":
        hits = [query.hit_in_language(dataset, hit, out.lang) for hit in hits]
    emit(out, HIT_FIELDS, hits, "nothing matches")
