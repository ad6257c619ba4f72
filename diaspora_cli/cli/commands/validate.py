"""`diaspora validate`: check a dataset and report every problem."""

from __future__ import annotations

from diaspora_cli.cli.options import OutputFlags
from diaspora_cli.cli.session import AppState, output
from diaspora_cli.core.errors import ExitCode
from diaspora_cli.core.record import Record


class ValidateOptions(Record):
    """`diaspora validate [PATH]...`."""

    paths: tuple[str, ...]
    strict: bool
    output: OutputFlags


def validate(opts: ValidateOptions, state: AppState) -> int:
    """Check the files (default: the selected dataset); exit 1 if there is any problem."""
    from diaspora_cli.core.loading import resolve_roots
    from diaspora_cli.core.store import check_dataset
    from diaspora_cli.output import reports

    out = output(state, opts.output)
    roots = list(opts.paths) if opts.paths else resolve_roots(state.data, state.env())
    report = check_dataset(roots, opts.strict)
    reports.validation_report(report, out)
    if report.issues and opts.output.fields != "help":  # listing the fields is not a validation run
        return int(ExitCode.DATA)
    return int(ExitCode.OK)
