"""`diaspora person`: one person's record with the organizations and events that name them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from diaspora_cli.core.record import replace
from diaspora_cli.core.summaries import PersonSummary
from diaspora_cli.output.fields import EVENT_FIELDS, ORGANIZATION_FIELDS, PERSON_FIELDS, FieldSet
from diaspora_cli.output.printer import in_language
from diaspora_cli.output.render import Table, render_table
from diaspora_cli.output.reports import count_noun, one_section, record_dict

if TYPE_CHECKING:
    from diaspora_cli.core.model import Dataset
    from diaspora_cli.output.printer import Output


def person_document(summary: PersonSummary, dataset: Dataset | None = None) -> dict[str, Any]:
    """The whole person summary as one JSON object."""
    document = record_dict(PERSON_FIELDS, summary.person, dataset)
    document["organizations"] = [record_dict(ORGANIZATION_FIELDS, o, dataset) for o in summary.organizations]
    document["events"] = [record_dict(EVENT_FIELDS, e, dataset) for e in summary.events]
    document["counts"] = {"organizations": len(summary.organizations), "events": len(summary.events)}
    return document


def person_report(summary: PersonSummary, out: Output, section: str | None, dataset: Dataset | None = None) -> None:
    """Every section on a terminal, one object in json, one section (the summary by default) otherwise."""
    if out.lang != "en":
        summary = replace(
            summary,
            person=in_language(summary.person, out.lang),
            organizations=tuple(in_language(o, out.lang) for o in summary.organizations),
            events=tuple(in_language(e, out.lang) for e in summary.events),
        )
    sections: dict[str, tuple[FieldSet[Any], list[Any]]] = {
        "summary": (PERSON_FIELDS, [summary.person]),
        "organizations": (ORGANIZATION_FIELDS, list(summary.organizations)),
        "events": (EVENT_FIELDS, list(summary.events)),
    }
    if one_section(out, section, sections, lambda: person_document(summary, dataset), dataset):
        return
    person = summary.person
    details = {
        "id": person.id,
        "names": "\n".join(f"{code}: {text}" for code, text in person.names),
        "aliases": ", ".join(person.aliases),
        "life": person.life_text,
        "roles": ", ".join(person.roles),
        "countries": ", ".join(person.countries),
        "description": person.description,
        "note": person.note,
        "counts": count_noun(len(summary.organizations), "organization")
        + ", "
        + count_noun(len(summary.events), "event"),
        "sources": "\n".join(person.sources),
    }
    details = {k: v for k, v in details.items() if v}
    with out.streams.paged():
        streams = out.streams
        render_table(
            Table(list(details), [list(details.values())], title=person.name, vertical=True), out.fmt, streams, True
        )
        for title, (fields, rows) in list(sections.items())[1:]:
            if not rows:
                continue
            streams.out.write("\n")
            names = fields.select(None, True)
            render_table(
                Table(names, fields.rows(rows, names, dataset), title=title.capitalize()), out.fmt, streams, True
            )
