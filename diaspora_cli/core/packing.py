"""Records <-> plain tuples that marshal can store, for the parse cache; fast paths for 100k events."""

from __future__ import annotations

import datetime as _dt
import marshal
import operator
from collections.abc import Iterator, Sequence
from typing import Any, overload

from diaspora_cli.core.model import Country, Event, Organization, PartialDate, Person, Place, PopulationFigure, Source
from diaspora_cli.core.record import fields


def _date(value: PartialDate | None) -> tuple[int, int | None, int | None, bool] | None:
    return None if value is None else (value.year, value.month, value.day, value.circa)


_DATES: dict[Any, PartialDate] = {}  # 100k events share a few thousand dates: build each once


def _undate(value: Any) -> PartialDate | None:
    if value is None:
        return None
    found = _DATES.get(value)
    if found is None:
        found = _DATES[value] = PartialDate(*value)
    return found


def _plain(record: Any) -> tuple[Any, ...]:
    """Field values in declaration order, nested records as tuples."""
    out: list[Any] = []
    for name in fields(record):
        value = getattr(record, name)
        if isinstance(value, PartialDate):
            value = _date(value)
        elif name == "population":
            value = tuple(_plain(p) for p in value)
        out.append(value)
    return tuple(out)


_EVENT_DATES = tuple(i for i, name in enumerate(fields(Event)) if name in ("date", "end"))
_EVENT_VALUES = operator.attrgetter(*fields(Event))  # one C call per event


def _plain_event(event: Event) -> tuple[Any, ...]:
    """_plain for the 100k case: the same tuple, several times faster."""
    values = _EVENT_VALUES(event)
    first, second = _EVENT_DATES
    head = (*values[:first], _date(values[first]), *values[first + 1 : second], _date(values[second]))
    return (*head, *values[second + 1 :])


_ORG_DATES = [i for i, name in enumerate(fields(Organization)) if name in ("founded", "dissolved")]
_POPULATION = [i for i, name in enumerate(fields(Country)) if name == "population"]


def _event(values: Any) -> Event:
    first, second = _EVENT_DATES
    args = (*values[:first], _undate(values[first]), *values[first + 1 : second], _undate(values[second]))
    return Event(*args, *values[second + 1 :])


def _organization(values: Any) -> Organization:
    values = list(values)
    for i in _ORG_DATES:
        values[i] = _undate(values[i])
    return Organization(*values)


def _country(values: Any) -> Country:
    values = list(values)
    for i in _POPULATION:
        values[i] = tuple(PopulationFigure(*p) for p in values[i])
    return Country(*values)


_SOURCE_DATES = [i for i, name in enumerate(fields(Source)) if name == "published"]


def _source(values: Any) -> Source:
    values = list(values)
    for i in _SOURCE_DATES:
        values[i] = _undate(values[i])
    return Source(*values)


_PERSON_DATES = [i for i, name in enumerate(fields(Person)) if name in ("born", "died")]


def _person(values: Any) -> Person:
    values = list(values)
    for i in _PERSON_DATES:
        values[i] = _undate(values[i])
    return Person(*values)


def _place(values: Any) -> Place:
    return Place(*values)


def _day(value: _dt.date) -> int:
    return value.toordinal()


class LazySources(Sequence[Source]):
    """The dataset's sources as the cache keeps them, unpacked on first read: `search`, `orgs`
    and most listings never read a source, and a thousand of them were a fifth of a warm start.
    Equal to the tuple of the same sources, as the Dataset built from the files holds."""

    def __init__(self, blob: bytes) -> None:
        self._blob = blob
        self._items: tuple[Source, ...] | None = None

    def _all(self) -> tuple[Source, ...]:
        if self._items is None:
            self._items = tuple(_source(s) for s in marshal.loads(self._blob))
        return self._items

    def __len__(self) -> int:
        return len(self._all())

    @overload
    def __getitem__(self, index: int) -> Source: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Source]: ...

    def __getitem__(self, index: int | slice) -> Source | Sequence[Source]:
        return self._all()[index]

    def __iter__(self) -> Iterator[Source]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        return self._all() == (tuple(other) if isinstance(other, Sequence) else other)

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return repr(self._all())
