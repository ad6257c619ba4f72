"""Open a dataset: resolve where it lives, read, validate; the one entry point commands use."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from diaspora_cli.errors import ValidationFailed
from diaspora_cli.loading import expand_roots, load_files, resolve_roots
from diaspora_cli.model import Dataset
from diaspora_cli.validation import Issue, validate_dataset


@dataclass(frozen=True)
class Report:
    """The outcome of validating a dataset: the dataset when usable, and every issue."""

    dataset: Dataset | None
    issues: tuple[Issue, ...]
    files: tuple[str, ...]


def check_dataset(roots: Sequence[str]) -> Report:
    """Read and validate every file under `roots`, collecting every problem of every file."""
    paths = expand_roots(roots)
    raws, failures = load_files(paths)
    issues = [Issue(f.path, f.reason, f.line, f.col) for f in failures]
    dataset, problems = validate_dataset(raws)
    issues.extend(problems)
    order = {path: n for n, path in enumerate(raw.path for raw in raws)}
    # Reading order: file by file, top to bottom (reference checks run last but sort in place).
    issues.sort(key=lambda i: (order.get(i.file, -1), i.line or 0))
    return Report(dataset if not issues else None, tuple(issues), tuple(str(p) for p in paths))


def open_dataset(data: Sequence[str], environ: Mapping[str, str], use_cache: bool = True) -> Dataset:
    """The dataset a command works on; raises ValidationFailed (every problem) when it is invalid."""
    roots = resolve_roots(data, environ)
    report = check_dataset(roots)
    if report.dataset is None:
        raise ValidationFailed([str(issue) for issue in report.issues])
    return report.dataset
