"""Builders for the kinds that name things: [[people]] and [[places]], with their other-language names."""

from __future__ import annotations

from diaspora_cli.core.model import CONFIDENCES, Person, Place
from diaspora_cli.core.validation.builders import checked_day
from diaspora_cli.core.validation.records import _Record
from diaspora_cli.core.validation.schema import PERSON_KEYS, PLACE_KEYS


def _build_person(record: _Record) -> Person | None:
    record.check_keys(PERSON_KEYS)
    born = record.date("born")
    died = record.date("died")
    if born and died and died.last_day() < born.first_day():
        record.problem(f"died {died.iso()} is before born {born.iso()}", "died")
    roles = record.strings("roles")
    for role in roles:
        if role != role.strip() or "\n" in role:
            record.problem(f"role {role!r} must be one trimmed line", "roles")
    return Person(
        id=record.slug("id"),
        name=record.string("name", required=True),
        sources=record.strings("sources", non_empty=True),
        names=record.names(),
        aliases=record.strings("aliases"),
        born=born,
        died=died,
        roles=roles,
        countries=record.strings("countries"),
        description=record.string("description"),
        confidence=record.vocabulary("confidence", CONFIDENCES),
        note=record.string("note"),
        file=record.raw.path,
        checked=checked_day(record),
    )


def _build_place(record: _Record) -> Place | None:
    record.check_keys(PLACE_KEYS)
    return Place(
        id=record.slug("id"),
        name=record.string("name", required=True),
        country=record.string("country", required=True),
        sources=record.strings("sources", non_empty=True),
        names=record.names(),
        aliases=record.strings("aliases"),
        confidence=record.vocabulary("confidence", CONFIDENCES),
        note=record.string("note"),
        file=record.raw.path,
        checked=checked_day(record),
    )
