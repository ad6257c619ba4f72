"""Open a dataset: resolve where it lives, read, validate; the one entry point commands use."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from diaspora_cli.core.errors import ValidationFailed
from diaspora_cli.core.gcpause import paused_gc
from diaspora_cli.core.loading import EMBEDDED, embedded_root, expand_roots, resolve_roots
from diaspora_cli.core.model import Dataset
from diaspora_cli.core.record import Record

if TYPE_CHECKING:
    from diaspora_cli.core.validation import Issue


class Report(Record):
    """The outcome of validating a dataset: the dataset when usable, and every issue."""

    dataset: Dataset | None
    issues: tuple[Issue, ...]
    files: tuple[str, ...]


def check_dataset(roots: Sequence[str], strict: bool = False) -> Report:
    """Read and validate every file under `roots`, collecting every problem of every file."""
    return check_files(expand_roots(roots), strict)


def check_files(paths: Sequence[Path], strict: bool = False) -> Report:
    """Read and validate these files, collecting every problem of every file (`strict`: inline sources too)."""
    # Deferred: a warm start from the cache needs neither the parser nor the validator.
    from diaspora_cli.core.errors import DataFileError
    from diaspora_cli.core.loading import iter_files
    from diaspora_cli.core.validation import Issue, validate_dataset

    with paused_gc():
        failures: list[DataFileError] = []
        dataset, problems = validate_dataset(iter_files(paths, failures), strict)  # one file at a time
        issues = [Issue(f.path, f.reason, f.line, f.col) for f in failures]
    issues.extend(problems)
    return Report(dataset if not issues else None, tuple(issues), tuple(str(p) for p in paths))


def open_dataset(data: Sequence[str], environ: Mapping[str, str], use_cache: bool = True) -> Dataset:
    """The dataset a command works on; raises ValidationFailed (every problem) when it is invalid.

    With `use_cache`, a current parse cache answers without reading the sources, and a fresh
    read writes one (see cache.py); either way the records are the same.
    """
    paths = expand_roots(resolve_roots(data, environ))
    if not use_cache:
        return _read(paths)
    from diaspora_cli.core import cache

    embedded = embedded_root()
    if paths and all(p.parent == embedded for p in paths) and len(paths) == len(expand_roots([EMBEDDED])):
        from diaspora_cli.core.prebuilt import load_prebuilt

        prebuilt = load_prebuilt(embedded, paths, lambda: _read(paths))  # a wheel's, parsed at build
        if prebuilt is not None:
            return prebuilt
    identities = cache.identify(paths)
    if identities is None:  # a file vanished: let the reader report it properly
        return _read(paths)
    cached = cache.load(identities, environ, lambda: _read(paths))
    if cached is not None:
        return cached
    started = cache.stamp()
    dataset = _read(paths)
    cache.save(dataset, identities, started, environ)
    return dataset


def _read(paths: Sequence[Path]) -> Dataset:
    report = check_files(paths)
    if report.dataset is None:
        raise ValidationFailed([str(issue) for issue in report.issues])
    return report.dataset
