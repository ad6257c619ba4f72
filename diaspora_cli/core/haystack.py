"""The text that search and --search look in, one string per record.

A haystack is `spelling.haystack`: the strict key of the record's own text, then the loose key
of that text and of the other-language names of what the record names: its own `names`, the
people it links to, the countries it names, and every person and place of the dataset whose
English name or alias appears in its text (so an event that says "Baku" is found by "Bakı" and
"Баку", one that says "Topchubashov" by "Топчибашев"). Names are matched against the record's
strict text as whole words, never as parts of words.

Keying is most of what a search costs, so the parse cache keeps these strings already made
(`dataset_haystacks`, and one column per event row); the query layer computes them only for a
dataset read straight from its files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from diaspora_cli.core.model import Country, Dataset, Event, Organization, Person, Place
from diaspora_cli.core.spelling import SEPARATOR, loose, strict


def _names(names: tuple[tuple[str, str], ...]) -> list[str]:
    return [text for _, text in names]


class Namer:
    """What a dataset calls the things records name, to add to their haystacks."""

    def __init__(
        self,
        orgs: Mapping[str, str] | None = None,
        people: Iterable[Person] = (),
        places: Iterable[Place] = (),
        countries: Iterable[Country] = (),
    ) -> None:
        self.orgs = dict(orgs or {})
        people = list(people)
        self.people = {p.id: [p.name, *p.aliases, *_names(p.names)] for p in people}
        self.countries = {c.code: [c.name, *c.aliases, *_names(c.names)] for c in countries}
        # Whole-word mentions of a person's or a place's English name or alias -> all its names.
        self._mentions: dict[str, list[str]] = {}
        for person in people:
            self._add_mentions([person.name, *person.aliases], self.people[person.id])
        for place in places:
            self._add_mentions([place.name, *place.aliases], [place.name, *place.aliases, *_names(place.names)])
        keys = sorted(self._mentions, key=len, reverse=True)
        self._pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, keys)) + r")\b") if keys else None

    def _add_mentions(self, written: list[str], names: list[str]) -> None:
        for name in written:
            key = strict(name)
            if len(key) >= 4:  # a three-letter alias ("Ali") would name far too much
                self._mentions.setdefault(key, []).extend(names)

    @classmethod
    def of(cls, dataset: Dataset) -> Namer:
        """The namer of a whole dataset."""
        return cls({o.id: o.name for o in dataset.organizations}, dataset.people, dataset.places, dataset.countries)

    def mentioned(self, strict_text: str) -> list[str]:
        """All names of the people and places whose English name `strict_text` contains as words."""
        if self._pattern is None:
            return []
        out: list[str] = []
        for key in dict.fromkeys(self._pattern.findall(strict_text)):
            out.extend(self._mentions[key])
        return out

    def make(self, own: Iterable[str], extra: Iterable[str] = ()) -> str:
        """A haystack from a record's own text and the names it links to."""
        text = "\n".join(own)
        key = strict(text)
        names = [*extra, *self.mentioned(key)]
        return key + SEPARATOR + loose(f"{text}\n" + "\n".join(names) if names else text)


EMPTY = Namer()


def event_text(event: Event, namer: Namer) -> str:
    """Title, description, place, note, tags, the names of its organizations, and other-language names."""
    own = [event.title, event.description, event.place, event.note, *event.tags]
    own += [name for org_id in event.organizations if (name := namer.orgs.get(org_id)) is not None]
    extra = _names(event.names)
    for person_id in event.people:
        extra += namer.people.get(person_id, ())
    for code in event.countries:
        extra += namer.countries.get(code, ())[1:]  # the English name is not in the text: no match on it
    return namer.make(own, extra)


def org_text(org: Organization, namer: Namer = EMPTY) -> str:
    """Id, names, aliases, city, description and note; other-language names of its people."""
    own = [org.id, org.name, *org.native_names, *org.aliases, org.city, org.description, org.note]
    extra = _names(org.names)
    for person_id in org.people:
        extra += namer.people.get(person_id, ())
    return namer.make(own, extra)


def country_text(country: Country, namer: Namer = EMPTY) -> str:
    """Codes, name, aliases, description and note, and the name in other languages."""
    own = [country.code, country.alpha3, country.name, *country.aliases, country.description, country.note]
    return namer.make(own, _names(country.names))


def person_text(person: Person, namer: Namer = EMPTY) -> str:
    """Id, names, aliases, roles, description and note."""
    own = [person.id, person.name, *person.aliases, *person.roles, person.description, person.note]
    return namer.make(own, _names(person.names))


def place_text(place: Place, namer: Namer = EMPTY) -> str:
    """Id, name, aliases and note, and the name in other languages."""
    return namer.make([place.id, place.name, *place.aliases, place.note], _names(place.names))


def dataset_haystacks(dataset: Dataset, namer: Namer | None = None) -> dict[str, str]:
    """Every record's haystack but the events' by id (events get a cache column each)."""
    namer = namer or Namer.of(dataset)
    out = {o.id: org_text(o, namer) for o in dataset.organizations}
    out.update((c.code, country_text(c, namer)) for c in dataset.countries)
    out.update((p.id, person_text(p, namer)) for p in dataset.people)
    out.update((p.id, place_text(p, namer)) for p in dataset.places)
    return out
