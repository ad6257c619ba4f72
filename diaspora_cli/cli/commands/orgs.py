"""`diaspora orgs`: organizations, filtered by country, type, founding date and text."""

from __future__ import annotations

from diaspora_cli.cli.options import OutputFlags
from diaspora_cli.cli.session import AppState, output
from diaspora_cli.core.record import Record


class OrgsOptions(Record):
    """`diaspora orgs`."""

    country: tuple[str, ...]
    kind: tuple[str, ...]
    status: tuple[str, ...]
    founded_from: str | None
    founded_to: str | None
    search: str | None
    output: OutputFlags


def orgs(opts: OrgsOptions, state: AppState) -> None:
    """Organizations, filtered by country, type, founding date and text."""
    from diaspora_cli.core import query
    from diaspora_cli.output.fields import ORGANIZATION_FIELDS
    from diaspora_cli.output.printer import emit

    out = output(state, opts.output)
    dataset = state.dataset()
    window = query.make_window(opts.founded_from, opts.founded_to, None, ("--founded-from", "--founded-to"))
    flt = query.OrgFilter(
        countries=query.resolve_countries(dataset, opts.country),
        types=query.resolve_types(opts.kind),
        statuses=frozenset(opts.status),
        window=window,
        text=opts.search or "",
    )
    emit(out, ORGANIZATION_FIELDS, query.filter_organizations(dataset, flt), "no organizations match", dataset=dataset)
