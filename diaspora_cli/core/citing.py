"""What records cite: source records resolved from references, who a record rests on, who cites a source."""

from __future__ import annotations

from collections.abc import Sequence

from diaspora_cli.core.model import AnyRecord, Country, Dataset, Event, Organization, PartialDate, Person, Place, Source
from diaspora_cli.core.record import Record


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


def record_references(record: AnyRecord) -> list[str]:
    """Every source reference of a record, population figures' included, in order, once each."""
    references = list(record.sources)
    if isinstance(record, Country):
        references += [f.source for f in record.population]
    return list(dict.fromkeys(references))


def citing_records(dataset: Dataset, source_id: str) -> list[AnyRecord]:
    """The records that cite this source: countries, places, people, organizations, then events by date."""
    records: list[AnyRecord] = [
        *dataset.countries,
        *dataset.places,
        *dataset.people,
        *dataset.organizations,
        *dataset.events,
    ]
    return [r for r in records if source_id in record_references(r)]


class SourceCount(Record):
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


class Reference(Record):
    """One thing to cite: a source record, a record of the dataset, or the dataset itself.

    `role` is "source", "record" or "dataset". Only what the data says is filled in: a record has
    no URL and a source without `published` has no date (a citation never guesses one).
    """

    key: str
    role: str
    title: str
    kind: str  # the source kind, the record kind (event, organization, country) or "dataset"
    publisher: str = ""
    authors: tuple[str, ...] = ()
    issued: PartialDate | None = None
    url: str = ""
    accessed: str = ""
    archived: str = ""
    language: str = ""
    container: str = ""  # the dataset a record belongs to
    version: str = ""
    license: str = ""
    note: str = ""


def _source_reference(source: Source) -> Reference:
    return Reference(
        key=source.id,
        role="source",
        title=source.title,
        kind=source.kind,
        publisher=source.publisher,
        authors=source.authors,
        issued=source.published,
        url=source.url,
        accessed=source.accessed,
        archived=source.archived,
        language=source.language,
        note=source.note,
    )


def _inline_reference(record_key: str, number: int, reference: str) -> Reference:
    """A source given inline (user datasets): a URL or free text, nothing more is known."""
    is_url = reference.startswith(("http://", "https://"))
    return Reference(
        key=f"{record_key}-source-{number}",
        role="source",
        title="" if is_url else reference,
        kind="other",
        url=reference if is_url else "",
        note="Given inline in the dataset, not as a [[sources]] record.",
    )


_KINDS: dict[type, str] = {
    Event: "event",
    Organization: "organization",
    Country: "country",
    Person: "person",
    Place: "place",
}


def record_kind(record: AnyRecord) -> str:
    """ "event", "organization", "country", "person" or "place"."""
    return _KINDS[type(record)]


def record_key(record: AnyRecord) -> str:
    """A record's id (a country's code)."""
    return record.code if isinstance(record, Country) else record.id


def record_title(record: AnyRecord) -> str:
    """What a record is called: an event's title, an organization's or a country's name."""
    return record.title if isinstance(record, Event) else record.name


def _record_reference(dataset: Dataset, record: AnyRecord) -> Reference:
    kind = record_kind(record)
    info = dataset.info
    return Reference(
        key=record_key(record),
        role="record",
        title=record_title(record),
        kind=kind,
        authors=info.maintainers,
        container=info.name,
        version=info.version,
        license=info.license,
        note=f"Record {record_key(record)} ({kind})"
        + (f", checked against its sources on {record.checked}" if record.checked else "")
        + ".",
    )


def dataset_reference(dataset: Dataset) -> Reference:
    """The dataset as a whole."""
    info = dataset.info
    return Reference(
        key="dataset-" + info.version if info.version else "dataset",
        role="dataset",
        title=info.name,
        kind="dataset",
        authors=info.maintainers,
        version=info.version,
        license=info.license,
    )


def references(dataset: Dataset, found: Sequence[AnyRecord | Source]) -> list[Reference]:
    """What to cite for these records: a source as itself; a record as an entry of the dataset,
    followed by every source it cites; no record at all: the dataset. Each reference once."""
    if not found:
        return [dataset_reference(dataset)]
    out: dict[str, Reference] = {}
    for item in found:
        if isinstance(item, Source):
            out.setdefault(item.id, _source_reference(item))
            continue
        entry = _record_reference(dataset, item)
        out.setdefault(entry.key, entry)
        for number, ref in enumerate(record_references(item), 1):
            source = dataset.source(ref)
            cited = _source_reference(source) if source is not None else _inline_reference(entry.key, number, ref)
            out.setdefault(cited.key, cited)
    return list(out.values())
