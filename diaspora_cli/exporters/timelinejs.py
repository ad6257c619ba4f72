"""TimelineJS 3 JSON: one slide per event, the dataset as the title slide.

Format reference: https://timeline.knightlab.com/docs/json-format.html. Date parts are strings of
digits, and only the parts the data knows are given, so a year-only event stays year-only.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from typing import Any, BinaryIO

from diaspora_cli.core.model import Dataset, Event, PartialDate
from diaspora_cli.exporters import source_label


def date_object(date: PartialDate) -> dict[str, str]:
    """A TimelineJS date object at the date's precision: {"year": "2001"} or with month and day."""
    obj = {"year": str(date.year)}
    if date.month is not None:
        obj["month"] = str(date.month)
        if date.day is not None:
            obj["day"] = str(date.day)
    return obj


def sources_html(sources: Sequence[str], dataset: Dataset) -> str:
    """The sources (title · publisher · date for source records) as an escaped HTML list; web addresses are links."""
    items = []
    for source in sources:
        label, url = source_label(dataset, source)
        text = html.escape(label)
        items.append(f'<li><a href="{html.escape(url)}">{text}</a></li>' if url else f"<li>{text}</li>")
    return "<p>Sources:</p><ul>" + "".join(items) + "</ul>" if items else ""


def event_slide(event: Event, dataset: Dataset) -> dict[str, Any]:
    """One event as a TimelineJS slide; every piece of data text is HTML-escaped."""
    parts = []
    if event.description:
        parts.append(f"<p>{html.escape(event.description)}</p>")
    facts = []
    if event.place:
        facts.append(f"Place: {html.escape(event.place)}")
    names = [c.name for c in (dataset.country(code) for code in event.countries) if c is not None]
    if names:
        facts.append(f"Countries: {html.escape(', '.join(names))}")
    if event.note:
        facts.append(f"Note: {html.escape(event.note)}")
    if facts:
        parts.append("<p>" + "<br>".join(facts) + "</p>")
    parts.append(sources_html(event.sources, dataset))
    slide: dict[str, Any] = {
        "unique_id": event.id,
        "start_date": date_object(event.date),
        "display_date": event.span_text,
        "text": {"headline": html.escape(event.title), "text": "".join(parts)},
        "group": event.category,
    }
    if event.end is not None and event.end != event.date:
        slide["end_date"] = date_object(event.end)
    return slide


def build(dataset: Dataset, events: Sequence[Event]) -> dict[str, Any]:
    """The whole TimelineJS document."""
    info = dataset.info
    about = f"<p>{html.escape(info.description)}</p>" if info.description else ""
    about += f"<p>Version {html.escape(info.version)}; license {html.escape(info.license)}.</p>"
    if info.sources_policy:
        about += f"<p>{html.escape(info.sources_policy)}</p>"
    return {
        "title": {"text": {"headline": html.escape(info.name), "text": about}},
        "events": [event_slide(e, dataset) for e in events],
    }


def write(dataset: Dataset, events: Sequence[Event], handle: BinaryIO) -> list[str]:
    """Write the TimelineJS JSON document (UTF-8)."""
    text = json.dumps(build(dataset, events), ensure_ascii=False, indent=2) + "\n"
    handle.write(text.encode("utf-8"))
    return []
