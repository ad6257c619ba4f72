"""`diaspora people` and `diaspora person`: the people the records name."""

from __future__ import annotations

from diaspora_cli.cli.options import OutputFlags
from diaspora_cli.cli.session import AppState, output
from diaspora_cli.core.record import Record


class PeopleOptions(Record):
    """`diaspora people`."""

    country: tuple[str, ...]
    role: tuple[str, ...]
    search: str | None
    output: OutputFlags


def people(opts: PeopleOptions, state: AppState) -> None:
    """People, filtered by country, role and text."""
    from diaspora_cli.core import query, summaries
    from diaspora_cli.output.fields import PERSON_FIELDS
    from diaspora_cli.output.printer import emit

    out = output(state, opts.output)
    dataset = state.dataset()
    roles = query.resolve_choices(opts.role, summaries.all_roles(dataset), "--role")
    found = summaries.filter_people(dataset, query.resolve_countries(dataset, opts.country), roles, opts.search or "")
    emit(out, PERSON_FIELDS, found, "no people match", dataset=dataset)


class PersonOptions(Record):
    """`diaspora person NAME`."""

    name: str
    section: str | None
    output: OutputFlags


def person(opts: PersonOptions, state: AppState) -> None:
    """One person with the organizations and events that name them."""
    from diaspora_cli.core import query, summaries
    from diaspora_cli.output.people import person_report

    out = output(state, opts.output)
    dataset = state.dataset()
    summary = summaries.summarise_person(dataset, query.resolve_person(dataset, opts.name))
    person_report(summary, out, opts.section, dataset)
