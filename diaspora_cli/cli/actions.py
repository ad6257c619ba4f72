"""What the most used explore commands do with their flags, free of the CLI framework.

commands/explore.py declares each command's flags for Typer and calls the function of the same
name here with them; fastpath.py calls these directly when it can read the command line exactly
as Click would. Parameter names are the Typer parameters' names (tests/test_fastpath.py checks).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from diaspora_cli.cli.session import AppState, TimelineArgs, emit, event_filter, output
from diaspora_cli.core.errors import UsageError

if TYPE_CHECKING:
    from diaspora_cli.cli.session import StateHolder

SECTIONS = ("summary", "population", "organizations", "events")


def timeline(
    ctx: StateHolder,
    country: Sequence[str] | None,
    category: Sequence[str] | None,
    tag: Sequence[str] | None,
    org: Sequence[str] | None,
    start: str | None,
    end: str | None,
    year: int | None,
    search: str | None,
    limit: int | None,
    reverse: bool,
    fmt: str,
    fields: str | None,
    no_header: bool,
    color: str,
    no_pager: bool,
) -> None:
    """Events in date order, filtered (see `diaspora timeline --help`)."""
    from diaspora_cli.core import query
    from diaspora_cli.output.fields import EVENT_FIELDS

    out = output(ctx, fmt, fields, no_header, color, no_pager)
    state = ctx.ensure_object(AppState)
    dataset = state.dataset()
    args = TimelineArgs(country or (), category or (), tag or (), org or (), start, end, year, search, limit, reverse)
    flt = event_filter(dataset, args)
    emit(out, EVENT_FIELDS, query.filter_events(dataset, flt), "no events match")


def countries(ctx: StateHolder, fmt: str, fields: str | None, no_header: bool, color: str, no_pager: bool) -> None:
    """One row per country (see `diaspora countries --help`)."""
    from diaspora_cli.core import query
    from diaspora_cli.output.fields import COUNTRY_ROW_FIELDS

    out = output(ctx, fmt, fields, no_header, color, no_pager)
    dataset = ctx.ensure_object(AppState).dataset()
    emit(out, COUNTRY_ROW_FIELDS, query.country_rows(dataset), "no countries in the dataset")


def country(
    ctx: StateHolder,
    name: str,
    section: str,
    fmt: str,
    fields: str | None,
    no_header: bool,
    color: str,
    no_pager: bool,
) -> None:
    """Everything about one country (see `diaspora country --help`)."""
    from diaspora_cli.core import query
    from diaspora_cli.output import reports

    if section not in SECTIONS:
        raise UsageError(f"--section: unknown value {section!r}; valid: {', '.join(SECTIONS)}")
    out = output(ctx, fmt, fields, no_header, color, no_pager)
    dataset = ctx.ensure_object(AppState).dataset()
    summary = query.summarise_country(dataset, query.resolve_country(dataset, name))
    reports.country_report(summary, out, section)
