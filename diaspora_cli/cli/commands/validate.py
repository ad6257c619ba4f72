"""`diaspora validate`: check a dataset and report every problem."""

from __future__ import annotations

from typing import Annotated

import typer

from diaspora_cli.cli.app import AppState, ColorOpt, FieldsOpt, FormatOpt, NoHeaderOpt, NoPagerOpt, command, output
from diaspora_cli.core.errors import ExitCode


@command("validate")
def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(metavar="[PATH]...", help="Files or folders to check (default: the selected dataset)."),
    ] = None,
    fmt: FormatOpt = "auto",
    fields: FieldsOpt = None,
    no_header: NoHeaderOpt = False,
    color: ColorOpt = "auto",
    no_pager: NoPagerOpt = False,
) -> None:
    """Check a dataset and report every problem in every file; exit 1 if there is any.

    \b
    Examples:
      diaspora validate
      diaspora validate my-data/
      diaspora validate events.toml -f json
    """
    from diaspora_cli.core.loading import resolve_roots
    from diaspora_cli.core.store import check_dataset
    from diaspora_cli.output import reports

    out = output(ctx, fmt, fields, no_header, color, no_pager)
    state = ctx.ensure_object(AppState)
    roots = list(paths) if paths else resolve_roots(state.data, state.env())
    report = check_dataset(roots)
    reports.validation_report(report, out)
    if report.issues and fields != "help":  # listing the fields is not a validation run
        raise typer.Exit(int(ExitCode.DATA))
