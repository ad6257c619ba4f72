"""The folded text that search and --search look in, one string per record.

Folding (case, diacritics, normalisation) is most of what a search costs, so the parse cache
keeps these strings already folded (`dataset_haystacks`, and one column per event row); the
query layer computes them only for a dataset read straight from its files.
"""

from __future__ import annotations

from collections.abc import Callable

from diaspora_cli.core.model import Country, Dataset, Event, Organization
from diaspora_cli.core.text import fold


def event_text(event: Event, org_name: Callable[[str], str | None]) -> str:
    """Title, description, place, note, tags and the names of the organizations it names."""
    parts = [event.title, event.description, event.place, event.note, *event.tags]
    for org_id in event.organizations:
        name = org_name(org_id)
        if name is not None:
            parts.append(name)
    return fold("\n".join(parts))


def org_text(org: Organization) -> str:
    """Id, names, aliases, city, description and note."""
    return fold("\n".join([org.id, org.name, *org.native_names, *org.aliases, org.city, org.description, org.note]))


def country_text(country: Country) -> str:
    """Codes, name, aliases, description and note."""
    return fold(
        "\n".join([country.code, country.alpha3, country.name, *country.aliases, country.description, country.note])
    )


def org_names(dataset: Dataset) -> Callable[[str], str | None]:
    """An organization's name by id, for event_text."""
    names = {o.id: o.name for o in dataset.organizations}
    return names.get


def dataset_haystacks(dataset: Dataset) -> dict[str, str]:
    """The organizations' and countries' folded text by id (events get a cache column each)."""
    out = {o.id: org_text(o) for o in dataset.organizations}
    out.update((c.code, country_text(c)) for c in dataset.countries)
    return out
