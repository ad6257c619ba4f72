"""Validation: TOML tables from loading -> a Dataset, or every problem found, each located.

schema.py holds the key tables, issues.py the Issue type, records.py the typed, located getters
of one table, builders.py one builder per kind of record, dataset.py the whole-dataset checks
(duplicates, references, order). Framework-free, like the rest of the core.
"""

from __future__ import annotations

from diaspora_cli.core.validation.dataset import validate_dataset
from diaspora_cli.core.validation.issues import Issue, suggest
from diaspora_cli.core.validation.schema import (
    COUNTRY_KEYS,
    DATASET_KEYS,
    EVENT_KEYS,
    FIGURE_KEYS,
    ORGANIZATION_KEYS,
    TOP_KEYS,
)

__all__ = [
    "COUNTRY_KEYS",
    "DATASET_KEYS",
    "EVENT_KEYS",
    "FIGURE_KEYS",
    "ORGANIZATION_KEYS",
    "TOP_KEYS",
    "Issue",
    "suggest",
    "validate_dataset",
]
