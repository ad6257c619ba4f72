"""`diaspora on-this-day`: events on this day of the year (today by default), oldest first."""

from __future__ import annotations

from diaspora_cli.cli.options import OutputFlags
from diaspora_cli.cli.session import AppState, output
from diaspora_cli.core.record import Record


class OnThisDayOptions(Record):
    """`diaspora on-this-day`."""

    date: str | None
    output: OutputFlags


def on_this_day(opts: OnThisDayOptions, state: AppState) -> None:
    """Events on this day of the year (today by default), oldest first."""
    import datetime

    from diaspora_cli.core import query
    from diaspora_cli.output.fields import EVENT_FIELDS
    from diaspora_cli.output.printer import emit

    out = output(state, opts.output)
    if opts.date is None:
        today = datetime.date.today()
        month, day = today.month, today.day
    else:
        month, day = query.parse_month_day(opts.date)
    dataset = state.dataset()
    emit(
        out,
        EVENT_FIELDS,
        query.on_this_day(dataset, month, day),
        f"no events on {month:02d}-{day:02d}",
        dataset=dataset,
    )
