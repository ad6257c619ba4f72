"""What records cite: source records resolved from references, who a record rests on, who cites a source."""

from __future__ import annotations

from collections.abc import Sequence

from diaspora_cli.core.model import Country, Dataset, Event, Organization, Source


def cited_sources(dataset: Dataset, references: Sequence[str]) -> list[Source]:
    """The [[sources]] records these references name (inline URLs and text have none)."""
    found = (dataset.source(r) for r in references)
    return [s for s in found if s is not None]


def sources_independent(dataset: Dataset, references: Sequence[str]) -> bool | None:
    """False when every cited source is a state body or state-aligned media; None when none is a record."""
    cited = cited_sources(dataset, references)
    if not cited:
        return None
    return any(s.independent for s in cited)


def record_references(record: Event | Organization | Country) -> list[str]:
    """Every source reference of a record, population figures' included, in order, once each."""
    references = list(record.sources)
    if isinstance(record, Country):
        references += [f.source for f in record.population]
    return list(dict.fromkeys(references))


def citing_records(dataset: Dataset, source_id: str) -> list[Event | Organization | Country]:
    """The records that cite this source, countries first, then organizations, then events by date."""
    records: list[Event | Organization | Country] = [*dataset.countries, *dataset.organizations, *dataset.events]
    return [r for r in records if source_id in record_references(r)]
