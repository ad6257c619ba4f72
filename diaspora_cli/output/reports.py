"""Multi-part reports (country, show, validate): choose Tables per format and hand them to render."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from diaspora_cli.core.citing import (
    cited_sources,
    citing_records,
    record_key,
    record_kind,
    record_references,
    record_title,
)
from diaspora_cli.core.errors import UsageError
from diaspora_cli.core.model import AnyRecord, Country, Dataset, Event, Organization, Person, Place, Source
from diaspora_cli.core.record import replace
from diaspora_cli.core.summaries import CountrySummary
from diaspora_cli.core.text import neutralise
from diaspora_cli.output.fields import (
    COUNTRY_FIELDS,
    EVENT_FIELDS,
    FIGURE_FIELDS,
    ORGANIZATION_FIELDS,
    PERSON_FIELDS,
    PLACE_FIELDS,
    SOURCE_FIELDS,
    Field,
    FieldSet,
)
from diaspora_cli.output.printer import in_language, list_fields
from diaspora_cli.output.render import Table, dump_json, render_document, render_table

if TYPE_CHECKING:
    from diaspora_cli.core.store import Report
    from diaspora_cli.core.validation.issues import Issue
    from diaspora_cli.output.printer import Output

SPARK = "·▁▂▃▄▅▆▇█"  # a zero decade shows as a dot, not a gap that reads as the end of the line


def sparkline(counts: list[int]) -> str:
    """One block character per bucket, scaled to the largest."""
    top = max(counts, default=0)
    if top == 0:
        return ""
    return "".join(SPARK[0] if c == 0 else SPARK[max(1, round(c / top * 8))] for c in counts)


def decade_sparkline(per_decade: tuple[tuple[int, int], ...]) -> str:
    """ "1910s ▂··▅▃ 2020s, most 5 in the 2010s": the line with its ends and its scale."""
    counts = [n for _, n in per_decade]
    peak_decade, peak = max(per_decade, key=lambda dn: (dn[1], -dn[0]))
    first, last = per_decade[0][0], per_decade[-1][0]
    ends = f"{first}s {sparkline(counts)}" + (f" {last}s" if last != first else "")
    return f"{ends}, most {peak} in the {peak_decade}s"


def record_dict(fieldset: FieldSet[Any], record: Any, dataset: Dataset | None = None) -> dict[str, Any]:
    return dict(zip(fieldset.names, next(iter(fieldset.rows([record], fieldset.names, dataset))), strict=True))


def country_document(summary: CountrySummary, dataset: Dataset | None = None) -> dict[str, Any]:
    """The whole country summary as one JSON object."""
    document = record_dict(COUNTRY_FIELDS, summary.country, dataset)
    document["population"] = [record_dict(FIGURE_FIELDS, p) for p in summary.country.population]
    document["organizations"] = [record_dict(ORGANIZATION_FIELDS, o, dataset) for o in summary.organizations]
    document["events"] = [record_dict(EVENT_FIELDS, e, dataset) for e in summary.events]
    document["counts"] = {
        "population_figures": len(summary.country.population),
        "organizations": len(summary.organizations),
        "events": len(summary.events),
    }
    document["events_per_decade"] = [{"decade": d, "events": n} for d, n in summary.per_decade]
    return document


def one_section(
    out: Output,
    section: str | None,
    sections: dict[str, tuple[FieldSet[Any], list[Any]]],
    document: Callable[[], dict[str, Any]],
    dataset: Dataset | None,
) -> bool:
    """The parts of a sectioned report (`country`, `person`) that are not the terminal's full view:
    `--fields help`, json (one object, or just the chosen section) and one section's table.
    False when the caller should draw every section on the terminal."""
    fieldset, records = sections[section or "summary"]
    if out.fields == "help":
        list_fields(out, fieldset)
        return True
    if out.fmt.document:
        if out.fields:
            raise UsageError("--fields does not apply to the json summary; use --section with tsv/csv")
        whole: Any = document()
        if section == "summary":
            whole = {k: v for k, v in whole.items() if k not in sections}
        elif section is not None:  # an array: jsonl gives one line per item, as for any listing
            items = whole[section]
            if out.fmt.lines:
                for item in items:
                    render_document(item, out.streams, lines=True)
            else:
                out.streams.out.write(dump_json(items, 2) + "\n")
            return True
        render_document(whole, out.streams, lines=out.fmt.lines)
        return True
    if not out.fmt.drawn or out.fields or section is not None:
        # One --section; on a terminal too when --fields picks columns (they belong to one section).
        names = fieldset.select(out.fields, out.human)
        render_table(Table(names, fieldset.rows(records, names, dataset)), out.fmt, out.streams, out.header)
        return True
    return False


def country_report(summary: CountrySummary, out: Output, section: str | None, dataset: Dataset | None = None) -> None:
    """`diaspora country`: every section on a terminal table, one object in JSON, one section otherwise.

    A --section given is honoured in every format: json then holds just that section (the
    summary's object, or the population, organizations or events array).
    """
    chosen = section
    if out.lang != "en":
        summary = replace(
            summary,
            country=in_language(summary.country, out.lang),
            organizations=tuple(in_language(o, out.lang) for o in summary.organizations),
            events=tuple(in_language(e, out.lang) for e in summary.events),
        )
    country = summary.country
    sections: dict[str, tuple[FieldSet[Any], list[Any]]] = {
        "summary": (COUNTRY_FIELDS, [country]),
        "population": (FIGURE_FIELDS, list(country.population)),
        "organizations": (ORGANIZATION_FIELDS, list(summary.organizations)),
        "events": (EVENT_FIELDS, list(summary.events)),
    }
    if one_section(out, chosen, sections, lambda: country_document(summary, dataset), dataset):
        return
    with out.streams.paged():  # one pager for the whole report, not one per section
        _country_tables(summary, out, sections, dataset)


def _country_tables(
    summary: CountrySummary,
    out: Output,
    sections: dict[str, tuple[FieldSet[Any], list[Any]]],
    dataset: Dataset | None,
) -> None:
    country = summary.country
    streams = out.streams
    counts = (
        f"{count_noun(len(country.population), 'population figure')}, "
        f"{count_noun(len(summary.organizations), 'organization')}, {count_noun(len(summary.events), 'event')}"
    )
    details = {
        "code": f"{country.code} / {country.alpha3}",
        "aliases": ", ".join(country.aliases),
        "region": country.region,
        "framing": country.framing,
        "counts": counts,
    }
    if summary.per_decade:
        details["events per decade"] = decade_sparkline(summary.per_decade)
    for key in ("description", "note"):
        value = getattr(country, key)
        if value:
            details[key] = value
    details["sources"] = "\n".join(country.sources)
    render_table(
        Table(list(details), [list(details.values())], title=country.name, vertical=True), out.fmt, streams, True
    )
    for title, (fieldset, records) in list(sections.items())[1:]:
        if not records:
            continue
        streams.out.write("\n")
        names = fieldset.select(None, True)
        rows = fieldset.rows(records, names, dataset)
        render_table(Table(names, rows, title=title.capitalize()), out.fmt, streams, True)


def record_report(record: AnyRecord | Source, out: Output, dataset: Dataset) -> None:
    """`diaspora show`: every field of one record and what it cites (or, for a source, who cites it)."""
    fieldset: FieldSet[Any]
    if out.lang != "en":
        record = in_language(record, out.lang)
    records: list[Any] = [record]
    if isinstance(record, Event):
        fieldset = EVENT_FIELDS
    elif isinstance(record, Organization):
        fieldset = ORGANIZATION_FIELDS
    elif isinstance(record, Source):
        fieldset = SOURCE_FIELDS
    elif isinstance(record, Person):
        fieldset = PERSON_FIELDS
    elif isinstance(record, Place):
        fieldset = PLACE_FIELDS
    else:
        fieldset = COUNTRY_FIELDS
    if out.fields == "help":
        list_fields(out, fieldset)
        return
    names = fieldset.select(out.fields, human=False)
    if isinstance(record, Source):
        related = [_brief(r) for r in citing_records(dataset, record.id)]
        related_key = "cited_by_records"
    else:
        related = [_source_dict(s) for s in cited_sources(dataset, record_references(record))]
        related_key = "cited_sources"
    if out.fmt.document and not out.fmt.lines:  # jsonl: one line per row, below
        document = record_dict(fieldset, record, dataset)
        if isinstance(record, Country):
            document["population"] = [record_dict(FIGURE_FIELDS, p) for p in record.population]
        document = {k: document[k] for k in names} if out.fields else document
        if not out.fields:
            document[related_key] = related
        render_document(document, out.streams)
        return
    table = Table(names, fieldset.rows(records, names, dataset), vertical=out.fmt.drawn)
    render_table(table, out.fmt, out.streams, out.header)
    if out.fmt.drawn and related and not out.fields:
        out.streams.out.write("\n")
        if isinstance(record, Source):
            rows = [[r["kind"], r["id"], r["title"]] for r in related]
            render_table(Table(["kind", "id", "title"], rows, title="Cited by"), out.fmt, out.streams, True)
        else:
            rows = [[s["id"], s["publisher"], s["kind"], s["published"], s["title"]] for s in related]
            columns = ["id", "publisher", "kind", "published", "title"]
            render_table(Table(columns, rows, title="Sources"), out.fmt, out.streams, True)


def _source_dict(source: Source) -> dict[str, Any]:
    return {f.name: f.get(source) for f in SOURCE_FIELDS.fields if f.cited is None}


def _brief(record: AnyRecord) -> dict[str, Any]:
    return {"kind": record_kind(record), "id": record_key(record), "title": record_title(record)}


ISSUE_FIELDS: FieldSet[Issue] = FieldSet(
    "issue",
    (
        Field("location", "file:line:column, as editors read it", lambda i: _location(i)),
        Field("file", "the data file", lambda i: i.file),
        Field("line", "line in the file", lambda i: i.line),
        Field("column", "column in the line", lambda i: i.col),
        Field("kind", "record kind (events, organizations, countries)", lambda i: i.kind or None),
        Field("index", "position of the record in its file", lambda i: i.index),
        Field("id", "record id", lambda i: i.record_id or None),
        Field("field", "the field at fault", lambda i: i.field or None),
        Field("message", "what is wrong", lambda i: i.message),
        Field("hint", "how to fix it", lambda i: i.hint or None),
        # "message" is the bare message in every format; "problem" the whole sentence people read.
        Field("problem", "record, field, message and hint in one sentence", lambda i: str(i).split(": ", 1)[1]),
    ),
    ("location", "problem"),
)


def validation_report(report: Report, out: Output) -> None:
    """`diaspora validate`: every issue as a row; a one-line verdict on stderr for people."""
    if out.fields == "help":
        list_fields(out, ISSUE_FIELDS)
        return
    names = ISSUE_FIELDS.select(out.fields, out.human)  # checked before any output, in every format
    if out.fmt.document and not out.fmt.lines:  # jsonl: one line per row, below
        ds = report.dataset
        render_document(
            {
                "valid": not report.issues,
                "files": list(report.files),
                "issues": [dict(zip(names, row, strict=True)) for row in ISSUE_FIELDS.rows(report.issues, names)],
                "counts": {
                    "events": len(ds.events) if ds else None,
                    "organizations": len(ds.organizations) if ds else None,
                    "countries": len(ds.countries) if ds else None,
                },
            },
            out.streams,
        )
        return
    if out.fmt.drawn and not out.fields:
        # People and editors read "file:line: message" best; the location stays clickable.
        for issue in report.issues:
            out.streams.out.write(neutralise(str(issue)) + "\n")
        _verdict(report, out)
        return
    render_table(Table(names, ISSUE_FIELDS.rows(report.issues, names)), out.fmt, out.streams, out.header)
    _verdict(report, out)


def _verdict(report: Report, out: Output) -> None:
    ds = report.dataset
    if ds is not None:
        verdict = (
            f"valid: {count_noun(len(ds.events), 'event')}, {count_noun(len(ds.organizations), 'organization')}, "
            f"{count_noun(len(ds.countries), 'country')} in {count_noun(len(report.files), 'file')}"
        )
    else:
        verdict = f"invalid: {count_noun(len(report.issues), 'problem')} in {count_noun(len(report.files), 'file')}"
    if out.human or report.issues:
        out.streams.err.write(verdict + "\n")


def _location(issue: Issue) -> str:
    where = str(issue.file)
    if issue.line is not None:
        where += f":{issue.line}"
        if issue.col is not None:
            where += f":{issue.col}"
    return where


def count_noun(n: int, noun: str) -> str:
    """'1 problem', '2 problems': messages read as English."""
    if n == 1:
        return f"{n} {noun}"
    return f"{n} {noun[:-1]}ies" if noun.endswith("y") else f"{n} {noun}s"
