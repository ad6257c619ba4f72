"""Multi-part reports (country, show, validate): choose Tables per format and hand them to render."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from diaspora_cli.errors import UsageError
from diaspora_cli.fields import (
    COUNTRY_FIELDS,
    EVENT_FIELDS,
    FIGURE_FIELDS,
    ORGANIZATION_FIELDS,
    FieldSet,
    Value,
)
from diaspora_cli.model import Country, Event, Organization
from diaspora_cli.query import CountrySummary
from diaspora_cli.render import Table, render_document, render_table
from diaspora_cli.text import neutralise

if TYPE_CHECKING:
    from diaspora_cli.app import Output
    from diaspora_cli.store import Report

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


def _record_dict(fieldset: FieldSet[Any], record: Any) -> dict[str, Any]:
    return dict(zip(fieldset.names, next(iter(fieldset.rows([record], fieldset.names))), strict=True))


def country_document(summary: CountrySummary) -> dict[str, Any]:
    """The whole country summary as one JSON object."""
    document = _record_dict(COUNTRY_FIELDS, summary.country)
    document["population"] = [_record_dict(FIGURE_FIELDS, p) for p in summary.country.population]
    document["organizations"] = [_record_dict(ORGANIZATION_FIELDS, o) for o in summary.organizations]
    document["events"] = [_record_dict(EVENT_FIELDS, e) for e in summary.events]
    document["counts"] = {
        "population_figures": len(summary.country.population),
        "organizations": len(summary.organizations),
        "events": len(summary.events),
    }
    document["events_per_decade"] = [{"decade": d, "events": n} for d, n in summary.per_decade]
    return document


def country_report(summary: CountrySummary, out: Output, section: str) -> None:
    """`diaspora country`: every section on a terminal table, one object in JSON, one section otherwise."""
    country = summary.country
    sections: dict[str, tuple[FieldSet[Any], list[Any]]] = {
        "summary": (COUNTRY_FIELDS, [country]),
        "population": (FIGURE_FIELDS, list(country.population)),
        "organizations": (ORGANIZATION_FIELDS, list(summary.organizations)),
        "events": (EVENT_FIELDS, list(summary.events)),
    }
    fieldset, records = sections[section]
    if out.fields == "help":
        render_table(Table(["field", "meaning"], fieldset.describe()), out.fmt, out.streams, out.header)
        return
    if out.fmt.name in ("json", "jsonl"):
        if out.fields:
            raise UsageError("--fields does not apply to the json summary; use --section with tsv/csv")
        render_document(country_document(summary), out.streams, lines=out.fmt.name == "jsonl")
        return
    if out.fmt.name != "table" or out.fields:
        # One --section; on a terminal too when --fields picks columns (they belong to one section).
        names = fieldset.select(out.fields, out.human)
        render_table(Table(names, fieldset.rows(records, names)), out.fmt, out.streams, out.header)
        return
    with out.streams.paged():  # one pager for the whole report, not one per section
        _country_tables(summary, out, sections)


def _country_tables(summary: CountrySummary, out: Output, sections: dict[str, tuple[FieldSet[Any], list[Any]]]) -> None:
    country = summary.country
    streams = out.streams
    counts = (
        f"{len(country.population)} population figures, "
        f"{len(summary.organizations)} organizations, {len(summary.events)} events"
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
        render_table(Table(names, fieldset.rows(records, names), title=title.capitalize()), out.fmt, streams, True)


def record_report(record: Event | Organization | Country, out: Output) -> None:
    """`diaspora show`: every field of one record; vertical on a terminal."""
    fieldset: FieldSet[Any]
    records: list[Any] = [record]
    if isinstance(record, Event):
        fieldset = EVENT_FIELDS
    elif isinstance(record, Organization):
        fieldset = ORGANIZATION_FIELDS
    else:
        fieldset = COUNTRY_FIELDS
    if out.fields == "help":
        render_table(Table(["field", "meaning"], fieldset.describe()), out.fmt, out.streams, out.header)
        return
    names = fieldset.select(out.fields, human=False)
    if out.fmt.name == "json":
        document = _record_dict(fieldset, record)
        if isinstance(record, Country):
            document["population"] = [_record_dict(FIGURE_FIELDS, p) for p in record.population]
        render_document({k: document[k] for k in names} if out.fields else document, out.streams)
        return
    render_table(
        Table(names, fieldset.rows(records, names), vertical=out.fmt.name == "table"), out.fmt, out.streams, out.header
    )


VALIDATION_COLUMNS = (
    "location",
    "file",
    "line",
    "column",
    "kind",
    "index",
    "id",
    "field",
    "message",
    "hint",
    "problem",
)
VALIDATION_HELP = (
    "file:line:column, as editors read it",
    "the data file",
    "line in the file",
    "column in the line",
    "record kind (events, organizations, countries)",
    "position of the record in its file",
    "record id",
    "the field at fault",
    "what is wrong",
    "how to fix it",
    "record, field, message and hint in one sentence",
)


def validation_report(report: Report, out: Output) -> None:
    """`diaspora validate`: every issue as a row; a one-line verdict on stderr for people."""
    if out.fields == "help":
        described: list[list[Value]] = [[n, h] for n, h in zip(VALIDATION_COLUMNS, VALIDATION_HELP, strict=True)]
        render_table(Table(["field", "meaning"], described), out.fmt, out.streams, out.header)
        return
    columns = list(VALIDATION_COLUMNS)
    if out.fields:  # checked before any output, in every format
        names = [n.strip() for n in out.fields.split(",") if n.strip()]
        unknown = [n for n in names if n not in columns]
        if unknown or not names:
            raise UsageError(
                f"--fields: unknown field {', '.join(map(repr, unknown))}; valid fields: {', '.join(columns)}"
            )
        columns = names
    if out.fmt.name == "json":
        ds = report.dataset
        render_document(
            {
                "valid": not report.issues,
                "files": list(report.files),
                "issues": [_issue_dict(i, columns if out.fields else None) for i in report.issues],
                "counts": {
                    "events": len(ds.events) if ds else None,
                    "organizations": len(ds.organizations) if ds else None,
                    "countries": len(ds.countries) if ds else None,
                },
            },
            out.streams,
        )
        return
    if out.fmt.name == "table" and not out.fields:
        # People and editors read "file:line: message" best; the location stays clickable.
        for issue in report.issues:
            out.streams.out.write(neutralise(str(issue)) + "\n")
        _verdict(report, out)
        return
    if not out.fields and out.human:
        columns = ["location", "problem"]
    rows: list[list[Value]] = []
    for issue in report.issues:
        # Each name means the same in every format: "message" is the bare message everywhere,
        # "problem" the whole sentence people read.
        values = _issue_dict(issue)
        rows.append([_plain(values.get(c)) for c in columns])
    render_table(Table(columns, rows), out.fmt, out.streams, out.header)
    _verdict(report, out)


def _verdict(report: Report, out: Output) -> None:
    ds = report.dataset
    if ds is not None:
        verdict = (
            f"valid: {len(ds.events)} events, {len(ds.organizations)} organizations, "
            f"{len(ds.countries)} countries in {len(report.files)} files"
        )
    else:
        verdict = f"invalid: {len(report.issues)} problems in {len(report.files)} files"
    if out.human or report.issues:
        out.streams.err.write(verdict + "\n")


def _issue_dict(issue: Any, columns: list[str] | None = None) -> dict[str, Any]:
    values = dict(issue.as_dict(), location=_location(issue), problem=str(issue).split(": ", 1)[1])
    return values if columns is None else {c: values[c] for c in columns}


def _plain(value: object) -> Value:
    return value if isinstance(value, (str, int)) or value is None else str(value)


def _location(issue: Any) -> str:
    where = str(issue.file)
    if issue.line is not None:
        where += f":{issue.line}"
        if issue.col is not None:
            where += f":{issue.col}"
    return where
