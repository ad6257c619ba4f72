"""Validating a whole dataset: every file's records built and checked, then references across files."""

from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence

from diaspora_cli.core.loading import RawFile, SourceText
from diaspora_cli.core.model import (
    Country,
    Dataset,
    DatasetInfo,
    Event,
    Organization,
    Person,
    Place,
    Source,
)
from diaspora_cli.core.validation.builders import (
    _build_country,
    _build_event,
    _build_info,
    _build_organization,
    _build_source,
    _EventReader,
)
from diaspora_cli.core.validation.issues import Issue, _did_you_mean
from diaspora_cli.core.validation.people import _build_person, _build_place
from diaspora_cli.core.validation.records import _Checker, _Record
from diaspora_cli.core.validation.schema import (
    _ALPHA2,
    _SLUG,
    TOP_KEYS,
)


def validate_dataset(raws: Iterable[RawFile], strict: bool = False) -> tuple[Dataset | None, list[Issue]]:
    """Build a Dataset from parsed files; returns it (None if unusable) and every issue found.

    `strict` also reports what is accepted but not yet citable: a source given inline (a URL or
    free text) instead of the id of a [[sources]] record.

    Files are taken one at a time and let go once their records are built (only their `source`
    is kept, to locate issues), so a lazy iterable keeps one file's tables in memory at a time.
    """
    checker = _Checker()
    infos: list[DatasetInfo] = []
    homes: list[SourceText] = []
    paths: list[str] = []
    any_dataset = False
    countries: list[Country] = []
    organizations: list[Organization] = []
    events: list[Event] = []
    sources: list[Source] = []
    people: list[Person] = []
    places: list[Place] = []
    reader = _EventReader()
    # Issues are ordered as if every file's top-level checks ran first, then the dataset-wide
    # ones, then countries, organizations and events of each file in turn, then references:
    # each issue gets its (stage, file number) here, and the final sort uses it to break ties.
    stages: list[tuple[int, int]] = []

    def staged(stage: int, number: int) -> None:
        stages.extend([(stage, number)] * (len(checker.issues) - len(stages)))

    for number, raw in enumerate(raws):
        source = raw.source
        paths.append(raw.path)
        for key in raw.tables:
            if key not in TOP_KEYS:
                checker.file_problem(source, f"unknown top-level key {key!r}", _did_you_mean(key, TOP_KEYS), key)
        any_dataset = any_dataset or "dataset" in raw.tables
        dataset_table = raw.tables.get("dataset")
        if dataset_table is not None:
            if not isinstance(dataset_table, dict):
                checker.file_problem(source, "'dataset' must be a table", "write it as [dataset]", "dataset")
            else:
                infos.append(_build_info(_Record(checker, source, "dataset", 0, dataset_table)))
                homes.append(source)
        staged(0, number)
        sources.extend(checker.collect(raw, "sources", _build_source))
        countries.extend(checker.collect(raw, "countries", _build_country))
        places.extend(checker.collect(raw, "places", _build_place))
        people.extend(checker.collect(raw, "people", _build_person))
        staged(2, number)
        organizations.extend(checker.collect(raw, "organizations", _build_organization))
        staged(3, number)
        events.extend(checker.collect(raw, "events", _build_event, reader))
        staged(4, number)
        del raw, dataset_table  # this file's tables can go before the next file is parsed
    del reader
    if not infos and paths and not any_dataset:
        checker.issues.append(Issue(paths[0], "no [dataset] table in any file of the dataset"))
    elif len(infos) > 1:
        others = ", ".join(home.path for home in homes[1:])
        checker.issues.append(
            Issue(
                homes[1].path,
                f"[dataset] appears in {len(infos)} files ({homes[0].path}, {others}); it belongs in one",
                line=homes[1].locate("dataset", 0),
            )
        )
    staged(1, 0)
    _check_references(checker, countries, organizations, events, list(zip(homes, infos, strict=True)))
    _check_people_places(checker, countries, organizations, events, people, places)
    mirrors = infos[0].mirror_domains if infos else ()
    _check_sources(checker, sources, [*countries, *places, *people, *organizations, *events], mirrors, strict)
    staged(5, 0)
    # Reading order: file by file, top to bottom (reference checks run last but sort in place).
    order = {path: number for number, path in enumerate(paths)}
    issues = checker.issues
    ranked = sorted(
        range(len(issues)), key=lambda i: (order.get(issues[i].file, -1), issues[i].line or 0, stages[i], i)
    )
    checker.issues = issues = [issues[i] for i in ranked]
    if any(True for _ in issues) or not infos:
        return None, issues
    dataset = Dataset(
        info=infos[0],
        events=_chronological(events),
        organizations=tuple(sorted(organizations, key=lambda o: o.id)),
        countries=tuple(sorted(countries, key=lambda c: c.code)),
        files=tuple(paths),
        sources=tuple(sorted(sources, key=lambda s: s.id)),
        people=tuple(sorted(people, key=lambda p: p.id)),
        places=tuple(sorted(places, key=lambda p: p.id)),
    )
    return dataset, issues


def _chronological(events: list[Event]) -> tuple[Event, ...]:
    """Sorted by Event.sort_key (date, then id), in two C-keyed passes: ids first, then a stable
    sort by date whose key is computed once per distinct date object, not once per event."""
    by_date: dict[int, tuple[int, int, int]] = {}
    for event in events:
        if id(event.date) not in by_date:
            by_date[id(event.date)] = event.date.sort_key()
    ordered = sorted(events, key=operator.attrgetter("id"))
    keys = [by_date[id(event.date)] for event in ordered]
    ranks = sorted(range(len(ordered)), key=keys.__getitem__)
    return tuple(ordered[i] for i in ranks)


def _check_references(
    checker: _Checker,
    countries: Sequence[Country],
    organizations: Sequence[Organization],
    events: Sequence[Event],
    infos: Sequence[tuple[SourceText, DatasetInfo]],
) -> None:
    seen: dict[str, tuple[str, Event | Organization | Country]] = {}
    codes = [c.code for c in countries]
    code_set = set(codes)  # sets for membership: a large dataset must not check in quadratic time
    alpha3 = {c.alpha3: c.code for c in countries}
    names = {c.name.casefold(): c.code for c in countries}
    org_ids = [o.id for o in organizations]
    org_set = set(org_ids)

    def issue(record: Event | Organization | Country, kind: str, message: str, key: str, hint: str = "") -> None:
        raw, index = checker.where[id(record)]
        line = raw.locate(kind, index, key)
        rid = record.code if isinstance(record, Country) else record.id
        checker.issues.append(
            Issue(record.file, message, line=line, kind=kind, index=index, record_id=rid, field=key, hint=hint)
        )

    def country_hint(code: str) -> str:
        if code.upper() in codes:
            return f"did you mean {code.upper()!r}?"
        if code.upper() in alpha3:
            return f"did you mean {alpha3[code.upper()]!r}?"
        if code.casefold() in names:
            return f"did you mean {names[code.casefold()]!r}?"
        return _did_you_mean(code, codes)

    records: list[tuple[str, Event | Organization | Country]] = [
        *(("countries", c) for c in countries),
        *(("organizations", o) for o in organizations),
        *(("events", e) for e in events),
    ]
    for kind, record in records:
        rid = record.code if isinstance(record, Country) else record.id
        if not rid:
            continue
        key = "code" if kind == "countries" else "id"
        if rid in seen:
            first_kind, first = seen[rid]
            raw, index = checker.where[id(first)]
            # Located only now: finding the line of every record up front cost 100k regex searches.
            line = raw.locate(first_kind, index, "code" if first_kind == "countries" else "id")
            where = f"{raw.path}:{line}" if line is not None else raw.path
            issue(record, kind, f"duplicate id {rid!r} (first at {where})", key)
        else:
            seen[rid] = (kind, record)
    seen_alpha3: set[str] = set()
    for country in countries:
        if country.alpha3 in seen_alpha3:
            issue(country, "countries", f"duplicate alpha3 {country.alpha3!r}", "alpha3")
        seen_alpha3.add(country.alpha3)
    for org in organizations:
        if org.country and org.country not in code_set:
            issue(org, "organizations", f"unknown country {org.country!r}", "country", country_hint(org.country))
    for event in events:
        for code in event.countries:
            if code not in code_set:
                issue(event, "events", f"unknown country {code!r}", "countries", country_hint(code))
        for org_id in event.organizations:
            if org_id not in org_set:
                issue(
                    event, "events", f"unknown organization {org_id!r}", "organizations", _did_you_mean(org_id, org_ids)
                )
    for raw, info in infos:
        # A malformed code is reported by its own check; "not a country" would only repeat it.
        if info.homeland and countries and info.homeland not in code_set and _ALPHA2.fullmatch(info.homeland):
            checker.issues.append(
                Issue(
                    raw.path,
                    f"homeland {info.homeland!r} is not a country of the dataset",
                    line=raw.locate("dataset", 0, "homeland"),
                    kind="dataset",
                    field="homeland",
                )
            )


_Cited = Event | Organization | Country | Source | Person | Place


def _record_issue(checker: _Checker, record: _Cited, kind: str, message: str, key: str, hint: str = "") -> None:
    """An issue about one field of a record, located at its line."""
    raw, index = checker.where[id(record)]
    checker.issues.append(
        Issue(
            record.file,
            message,
            line=raw.locate(kind, index, key),
            kind=kind,
            index=index,
            record_id=record.code if isinstance(record, Country) else record.id,
            field=key,
            hint=hint,
        )
    )


def _check_people_places(
    checker: _Checker,
    countries: Sequence[Country],
    organizations: Sequence[Organization],
    events: Sequence[Event],
    people: Sequence[Person],
    places: Sequence[Place],
) -> None:
    """Ids unique across every kind; the people records name exist; countries named exist."""
    codes = [c.code for c in countries]
    code_set = set(codes)
    taken: dict[str, str] = {c.code: "countries" for c in countries}
    taken.update((o.id, "organizations") for o in organizations)
    person_ids = [p.id for p in people]
    person_set = set(person_ids)

    def issue(record: Event | Organization | Person | Place, kind: str, message: str, key: str, hint: str = "") -> None:
        _record_issue(checker, record, kind, message, key, hint)

    event_ids = {e.id for e in events} if (people or places) else set()
    named: list[tuple[str, Person | Place]] = [*(("places", p) for p in places), *(("people", p) for p in people)]
    for kind, record in named:
        if not record.id:
            continue
        other = taken.get(record.id) or ("events" if record.id in event_ids else "")
        if other:
            issue(record, kind, f"duplicate id {record.id!r} (also one of the {other})", "id")
        else:
            taken[record.id] = kind
    for place in places:
        if place.country and place.country not in code_set:
            issue(place, "places", f"unknown country {place.country!r}", "country", _did_you_mean(place.country, codes))
    for person in people:
        for code in person.countries:
            if code not in code_set:
                issue(person, "people", f"unknown country {code!r}", "countries", _did_you_mean(code, codes))
    linking: list[tuple[str, Sequence[Event | Organization]]] = [("organizations", organizations), ("events", events)]
    for kind, linked in linking:
        for one in linked:
            for person_id in one.people:
                if person_id not in person_set:
                    hint = _did_you_mean(person_id, person_ids) or "add a [[people]] record with this id"
                    issue(one, kind, f"unknown person {person_id!r}", "people", hint)


def is_inline(reference: str) -> bool:
    """True for a source given in place (a URL or free text), not by the id of a [[sources]] record."""
    return not _SLUG.fullmatch(reference)


def _host(url: str) -> str:
    rest = url.split("://", 1)[-1]
    return rest.split("/", 1)[0].split("@")[-1].split(":")[0].lower()


def _mirrored(url: str, mirrors: Sequence[str]) -> str:
    """The mirror domain `url` is on ("" if none): the host itself or a sub-domain of it."""
    host = _host(url)
    return next((m for m in mirrors if host == m or host.endswith("." + m)), "")


def _check_sources(
    checker: _Checker,
    sources: Sequence[Source],
    records: Sequence[Event | Organization | Country | Person | Place],
    mirrors: Sequence[str],
    strict: bool,
) -> None:
    """Source records: unique ids and URLs, no mirror, each cited; every reference known."""
    by_id: dict[str, Source] = {}
    by_url: dict[str, Source] = {}

    def issue(record: _Cited, kind: str, message: str, key: str, hint: str = "") -> None:
        _record_issue(checker, record, kind, message, key, hint)

    def where(source: Source) -> str:
        raw, index = checker.where[id(source)]
        line = raw.locate("sources", index, "id")
        return f"{raw.path}:{line}" if line is not None else raw.path

    for source in sources:
        if not source.id:
            continue
        if source.id in by_id:
            issue(source, "sources", f"duplicate source id {source.id!r} (first at {where(by_id[source.id])})", "id")
            continue
        by_id[source.id] = source
        if source.url in by_url:
            first = by_url[source.url]
            issue(source, "sources", f"same url as source {first.id!r} ({where(first)})", "url", "cite that id instead")
        elif source.url:
            by_url[source.url] = source
        mirror = _mirrored(source.url, mirrors)
        if mirror:
            issue(
                source,
                "sources",
                f"{mirror} is a mirror in the dataset's policy",
                "url",
                "cite the page it copies, on its original site",
            )
    ids = sorted(by_id)
    cited: set[str] = set()
    kinds = {Event: "events", Organization: "organizations", Country: "countries", Person: "people", Place: "places"}
    for record in records:
        kind = kinds[type(record)]
        references = [("sources", r) for r in record.sources]
        if isinstance(record, Country):
            references += [("population", f.source) for f in record.population]
        for key, reference in references:
            # In a dataset without [[sources]] every reference is a citation in place (older
            # datasets cite short text such as "x"); once it has them, a slug means an id.
            if by_id and not is_inline(reference):
                if reference in by_id:
                    cited.add(reference)
                else:
                    issue(record, kind, f"unknown source id {reference!r}", key, _did_you_mean(reference, ids))
                continue
            mirror = _mirrored(reference, mirrors) if reference.startswith(("http://", "https://")) else ""
            if mirror:
                issue(record, kind, f"{mirror} is a mirror in the dataset's policy", key, "cite the original page")
            elif strict:
                issue(
                    record,
                    kind,
                    f"source given inline: {reference[:80]!r}",
                    key,
                    "make it a [[sources]] record (id, url, title, publisher, kind, language) and cite its id",
                )
    for source in by_id.values():
        if source.id not in cited:
            issue(source, "sources", f"source {source.id!r} is cited by no record", "id", "cite it or remove it")
