"""What records cite: source records resolved from references, who a record rests on, who cites a source."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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


@dataclass(frozen=True)
class SourceCount:
    """Sources grouped by publisher or kind, with how many records cite them."""

    by: str
    value: str
    kinds: tuple[str, ...]
    sources: int
    records: int


def count_sources(dataset: Dataset, sources: Sequence[Source], by: str) -> list[SourceCount]:
    """Per publisher or kind: the sources and the distinct records citing any of them, most cited first."""
    groups: dict[str, list[Source]] = {}
    for source in sources:
        groups.setdefault(source.publisher if by == "publisher" else source.kind, []).append(source)
    citing_ids: dict[str, set[str]] = {}
    records: list[Event | Organization | Country] = [*dataset.countries, *dataset.organizations, *dataset.events]
    for record in records:
        rid = record.code if isinstance(record, Country) else record.id
        for reference in record_references(record):
            citing_ids.setdefault(reference, set()).add(rid)
    out = []
    for value, members in groups.items():
        cited_by: set[str] = set()
        for source in members:
            cited_by |= citing_ids.get(source.id, set())
        kinds = tuple(dict.fromkeys(s.kind for s in members))
        out.append(SourceCount(by, value, kinds, len(members), len(cited_by)))
    return sorted(out, key=lambda c: (-c.records, -c.sources, c.value))
