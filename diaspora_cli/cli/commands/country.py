"""`diaspora country`: everything about one country."""

from __future__ import annotations

from diaspora_cli.cli.options import OutputFlags
from diaspora_cli.cli.session import AppState, output
from diaspora_cli.core.record import Record


class CountryOptions(Record):
    """`diaspora country NAME`."""

    name: str
    section: str | None
    output: OutputFlags


def country(opts: CountryOptions, state: AppState) -> None:
    """Everything about one country."""
    from diaspora_cli.core import query, summaries
    from diaspora_cli.output import reports

    out = output(state, opts.output)
    dataset = state.dataset()
    summary = summaries.summarise_country(dataset, query.resolve_country(dataset, opts.name))
    reports.country_report(summary, out, opts.section, dataset)
