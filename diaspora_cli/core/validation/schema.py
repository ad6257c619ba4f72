"""The schema's key tables: which keys each kind of record takes, and which are required."""

from __future__ import annotations

import re

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ALPHA2 = re.compile(r"[A-Z]{2}")
_ALPHA3 = re.compile(r"[A-Z]{3}")
_URL = re.compile(r"https?://\S+")
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")  # ISO 639 with optional BCP 47 subtags

DATASET_KEYS = {
    "name": True,
    "description": True,
    "homeland": True,
    "version": True,
    "license": True,
    "sources_policy": True,
    "provenance": False,
    "maintainers": False,
    "mirror_domains": False,
}
EVENT_KEYS = {
    "id": True,
    "date": True,
    "end": False,
    "circa": False,
    "title": True,
    "description": False,
    "place": False,
    "countries": False,
    "category": True,
    "tags": False,
    "organizations": False,
    "people": False,
    "names": False,
    "sources": True,
    "confidence": False,
    "checked": False,
    "note": False,
}
ORGANIZATION_KEYS = {
    "id": True,
    "name": True,
    "native_names": False,
    "aliases": False,
    "country": True,
    "city": False,
    "founded": False,
    "dissolved": False,
    "status": False,
    "type": True,
    "website": False,
    "description": False,
    "people": False,
    "names": False,
    "sources": True,
    "confidence": False,
    "checked": False,
    "note": False,
}
COUNTRY_KEYS = {
    "code": True,
    "alpha3": True,
    "name": True,
    "names": False,
    "aliases": False,
    "region": True,
    "framing": True,
    "description": False,
    "sources": True,
    "confidence": False,
    "checked": False,
    "note": False,
    "population": False,
}
FIGURE_KEYS = {
    "value": False,
    "low": False,
    "high": False,
    "year": True,
    "kind": True,
    "source": True,
    "note": False,
}
SOURCE_KEYS = {
    "id": True,
    "url": True,
    "title": True,
    "publisher": True,
    "kind": True,
    "language": True,
    "published": False,
    "authors": False,
    "archived": False,
    "accessed": False,
    "note": False,
}
PERSON_KEYS = {
    "id": True,
    "name": True,
    "names": False,
    "aliases": False,
    "born": False,
    "died": False,
    "roles": False,
    "countries": False,
    "description": False,
    "sources": True,
    "confidence": False,
    "checked": False,
    "note": False,
}
PLACE_KEYS = {
    "id": True,
    "name": True,
    "country": True,
    "names": False,
    "aliases": False,
    "sources": True,
    "confidence": False,
    "checked": False,
    "note": False,
}
TOP_KEYS = ("dataset", "sources", "events", "organizations", "countries", "people", "places")
