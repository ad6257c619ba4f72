"""The controlled vocabularies of the schema (docs/schema.md): plain tuples, cheap to import anywhere."""

from __future__ import annotations

EVENT_CATEGORIES = (
    "emigration",
    "institution",
    "congress",
    "organization",
    "commemoration",
    "protest",
    "law",
    "culture",
    "education",
    "media",
    "statistics",
    "other",
)
ORGANIZATION_TYPES = (
    "state-body",
    "umbrella",
    "community-association",
    "cultural-centre",
    "advocacy",
    "media",
    "youth",
    "student",
    "political",
    "religious",
    "professional",
    "women",
    "business",
    "education",
    "other",
)
ORGANIZATION_STATUSES = ("active", "defunct", "unknown")
REGIONS = (
    "caucasus",
    "eastern-europe",
    "western-europe",
    "northern-europe",
    "southern-europe",
    "central-asia",
    "middle-east",
    "north-america",
    "latin-america",
    "east-asia",
    "south-asia",
    "africa",
    "oceania",
)
FRAMINGS = ("homeland", "indigenous", "minority", "diaspora", "mixed")
POPULATION_KINDS = (
    "census",
    "official-estimate",
    "org-claim",
    "migrant-stock",
    "encyclopaedia",
    "scholarly-estimate",
    "media-estimate",
)
# Who speaks in a source: a record resting only on STATE_SOURCE_KINDS is marked as such.
SOURCE_KINDS = (
    "state-body",
    "state-media",
    "independent-media",
    "international-media",
    "encyclopaedia",
    "academic",
    "organisation",
    "opposing-side-media",
    "official-statistics",
    "foreign-government",
    "archive",
    "other",
)
STATE_SOURCE_KINDS = ("state-body", "state-media")
CITATION_STYLES = ("text", "bibtex", "csl-json", "ris")
CONFIDENCES = ("high", "medium", "low")
# `stats --by`: event facets, and "type" (organizations per type).
BY_CHOICES = ("decade", "year", "country", "category", "type", "tag", "source-kind", "publisher")

# Names that loading and the completion scan share (the scan cannot afford to import loading).
DATA_ENV_VAR = "DIASPORA_DATA"
EMBEDDED_NAME = "@embedded"
