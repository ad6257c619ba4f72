"""Search: every kind of record matched by the spelling keys of a query, ranked, with what matched.

The haystacks come from core.haystack (kept in the parse cache when there is one); the keys
from core.spelling. query.py filters with the same haystacks for --search.
"""

from __future__ import annotations

from collections.abc import Iterable

from diaspora_cli.core.errors import UsageError
from diaspora_cli.core.haystack import Namer, country_text, event_text, org_text, person_text, place_text
from diaspora_cli.core.model import (
    AnyRecord,
    Country,
    Dataset,
    Event,
    IndexedEvents,
    Organization,
    PartialDate,
    Person,
    Place,
    name_in,
)
from diaspora_cli.core.record import Record, replace
from diaspora_cli.core.spelling import CYRILLIC, loose, matches, needles, strict


def namer(dataset: Dataset) -> Namer:
    """The dataset's names for haystacks, built once per dataset."""
    found = dataset.memo.get("namer")
    if not isinstance(found, Namer):
        found = dataset.memo["namer"] = Namer.of(dataset)
    return found


def event_haystack(event: Event, dataset: Dataset) -> str:
    """What --search looks in: title, description, place, tags, note, org names, other-language names."""
    return event_text(event, namer(dataset))


def org_haystack(org: Organization, dataset: Dataset | None = None) -> str:
    """What --search looks in for an organization."""
    if dataset is None:
        return org_text(org)
    kept = dataset.haystacks.get(org.id)  # made by the cache
    return org_text(org, namer(dataset)) if kept is None else kept


def country_haystack(country: Country, dataset: Dataset | None = None) -> str:
    """What search looks in for a country."""
    if dataset is None:
        return country_text(country)
    kept = dataset.haystacks.get(country.code)
    return country_text(country, namer(dataset)) if kept is None else kept


def person_haystack(person: Person, dataset: Dataset) -> str:
    """What search looks in for a person."""
    kept = dataset.haystacks.get(person.id)
    return person_text(person, namer(dataset)) if kept is None else kept


def place_haystack(place: Place, dataset: Dataset) -> str:
    """What search looks in for a place."""
    kept = dataset.haystacks.get(place.id)
    return place_text(place, namer(dataset)) if kept is None else kept


class Hit(Record):
    """One search result of any kind: what matched, and where."""

    kind: str
    id: str
    when: str
    title: str
    matched: str = ""  # the field the query was found in ("title", "names.az", "description", ...)
    snippet: str = ""  # the matching part of that field, when it is not the title
    rank: int = 2  # 0: a title or name is the query; 1: in a title or name; 2: elsewhere; 3-5: the same by spelling
    order: tuple[int, int, int] = (9999, 0, 0)  # date to order by within a rank (undated last)


_NAME_FIELDS = ("title", "name", "names", "aliases", "native_names")


def _fields_of(record: AnyRecord) -> list[tuple[str, str]]:
    """(field, text) pairs search reports a match in, title or name first."""
    out: list[tuple[str, str]] = []
    if isinstance(record, Event):
        out.append(("title", record.title))
    else:
        out.append(("name", record.name))
    out += [(f"names.{code}", text) for code, text in record.names]
    if isinstance(record, Organization):
        out += [("native_names", n) for n in record.native_names]
    if not isinstance(record, Event):
        out += [("aliases", a) for a in record.aliases]
    if isinstance(record, Country):
        out += [("code", record.code), ("code", record.alpha3)]
    if isinstance(record, (Organization, Person, Place)):
        out.append(("id", record.id))
    if isinstance(record, Event):
        out += [("place", record.place), ("description", record.description), ("tags", " ".join(record.tags))]
    elif isinstance(record, Organization):
        out += [("city", record.city), ("description", record.description)]
    elif isinstance(record, Person):
        out += [("roles", ", ".join(record.roles)), ("description", record.description)]
    elif isinstance(record, Country):
        out.append(("description", record.description))
    out.append(("note", record.note))
    return [(name, text) for name, text in out if text]


def _snippet(text: str, keys: tuple[str, ...], width: int = 60) -> str:
    """About `width` characters of `text` around the first match (its start when it cannot be placed)."""
    folded = strict(text)
    at = -1
    if len(folded) == len(text):  # positions carry over only when folding kept the length
        at = min((i for i in (folded.find(k) for k in keys) if i >= 0), default=-1)
    start = max(0, at - width // 3) if at >= 0 else 0
    if start > 0:  # begin and end on whole words
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else 0
    stop = start + width
    if stop < len(text):
        space = text.rfind(" ", start, stop)
        stop = space if space > max(at, start) else stop
    piece = " ".join(text[start:stop].split())
    return ("…" if start > 0 else "") + piece + ("…" if stop < len(text) else "")


def explain(
    record: AnyRecord, keys: tuple[str, ...], dataset: Dataset | None = None, cyrillic: bool = True
) -> tuple[str, str, int]:
    """(matched field, snippet, rank) for a record whose haystack matched `keys`.

    Rank 0: a title or name is the query; 1: a title or name contains it; 2: another field does;
    3, 4, 5: the same, found only by the loose key (another spelling of the query), so that a
    match as typed always comes before a match by transliteration.
    """
    whole = set(keys)
    fields = _fields_of(record)
    if dataset is not None and isinstance(record, Event):  # its organizations' names are in its text
        fields += [("organizations", o.name) for i in record.organizations if (o := dataset.organization(i))]
    # Fields in Cyrillic last: romanising them loads iuliia, which an ASCII query rarely needs.
    fields.sort(key=lambda f: CYRILLIC.search(f[1]) is not None)
    strict_key = keys[0]
    best: tuple[str, str, int] | None = None
    for name, text in fields:
        if CYRILLIC.search(text) and (best is not None or not cyrillic):
            # Cyrillic fields are told apart only for a Cyrillic query: an ASCII one never loads
            # the romaniser to say which field it met (it is then "other names").
            break
        is_name = name.split(".")[0] in _NAME_FIELDS or name in ("code", "id")
        if best is not None and best[2] <= 2 and not is_name:
            break  # another field can only tie with a match as typed
        folded = strict(text)
        as_typed = strict_key in folded
        loosened = "" if as_typed else loose(text)
        if not (as_typed or matches(loosened, keys)):
            continue
        if is_name:
            exact = folded in whole or (loosened or loose(text)) in whole
            found = (name, "", 0 if exact else 1)
        else:
            found = (name, _snippet(text, keys), 2)
        if not as_typed:
            found = (found[0], found[1], found[2] + 3)
        if best is None or found[2] < best[2]:
            best = found
        if best[2] == 0:
            break
    return best if best is not None else ("other names", "", 5)  # names it links to, or in Cyrillic


def _hit(
    kind: str,
    record: AnyRecord,
    title: str,
    when: PartialDate | None,
    keys: tuple[str, ...],
    dataset: Dataset,
    cyrillic: bool,
) -> Hit:
    matched, snippet, rank = explain(record, keys, dataset, cyrillic)
    key = record.code if isinstance(record, Country) else record.id
    text = record.span_text if isinstance(record, Event) else (when.iso() if when else "")
    return Hit(kind, key, text, title, matched, snippet, rank, when.sort_key() if when else (9999, 0, 0))


def search_all(dataset: Dataset, text: str) -> list[Hit]:
    """Search every kind of record by the query's spelling keys (see core.spelling), best first:
    records whose title or a name is the query, then those with it in a title or name, then the
    rest; within each, by date (undated last), then by kind and title."""
    keys = needles(text)
    if not keys:
        raise UsageError("search: give some text to look for")
    cyrillic = CYRILLIC.search(text) is not None
    hits: list[Hit] = []
    for country in dataset.countries:
        if matches(country_haystack(country, dataset), keys):
            hits.append(_hit("country", country, country.name, None, keys, dataset, cyrillic))
    for place in dataset.places:
        if matches(place_haystack(place, dataset), keys):
            hits.append(_hit("place", place, place.name, None, keys, dataset, cyrillic))
    for person in dataset.people:
        if matches(person_haystack(person, dataset), keys):
            hits.append(_hit("person", person, person.name, person.born, keys, dataset, cyrillic))
    for org in dataset.organizations:
        if matches(org_haystack(org, dataset), keys):
            hits.append(_hit("organization", org, org.name, org.founded, keys, dataset, cyrillic))
    if isinstance(dataset.events, IndexedEvents):  # the cache matches the keys itself
        matched: Iterable[Event] = dataset.events.candidates(None, None, frozenset(), False, text)
    else:
        matched = (e for e in dataset.events if matches(event_haystack(e, dataset), keys))
    hits += [_hit("event", event, event.title, event.date, keys, dataset, cyrillic) for event in matched]
    kinds = {"country": 0, "place": 1, "person": 2, "organization": 3, "event": 4}
    hits.sort(key=lambda h: (h.rank, h.order, kinds[h.kind], h.title))
    return hits


def hit_in_language(dataset: Dataset, hit: Hit, lang: str) -> Hit:
    """The hit with its record's title or name in `lang` where the record gives one."""
    record = dataset.record(hit.id)
    if record is None or not record.names:
        return hit
    title = record.title if isinstance(record, Event) else record.name
    return replace(hit, title=name_in(record.names, lang, title))
