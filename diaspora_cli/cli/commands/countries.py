"""`diaspora countries`: one row per country."""

from __future__ import annotations

from diaspora_cli.cli.options import OutputFlags
from diaspora_cli.cli.session import AppState, output
from diaspora_cli.core.record import Record


class CountriesOptions(Record):
    """`diaspora countries`."""

    output: OutputFlags


def countries(opts: CountriesOptions, state: AppState) -> None:
    """One row per country."""
    from diaspora_cli.core import summaries
    from diaspora_cli.output.fields import COUNTRY_ROW_FIELDS
    from diaspora_cli.output.printer import emit

    out = output(state, opts.output)
    emit(out, COUNTRY_ROW_FIELDS, summaries.country_rows(state.dataset()), "no countries in the dataset")
