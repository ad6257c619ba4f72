"""Console entry point: completion and command fast paths, else Typer; maps what escapes to exit codes."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence

from diaspora_cli.cli.session import silence_stdout
from diaspora_cli.cli.spec import COMPLETE_VAR, PROG
from diaspora_cli.core.errors import ExitCode


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point: run the app and exit with its code; tracebacks only with --debug."""
    if os.environ.get(COMPLETE_VAR):
        # A shell asking for the value of an option (TAB after --country) is answered before
        # Typer and the commands are imported: they cost several times Python's own start-up.
        from diaspora_cli.cli.completion.shell import maybe_complete

        maybe_complete()  # exits when it answered; returns when Typer should answer instead
    args = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        # A terminal or pipe that cannot encode a letter gets an escape, not a crash.
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    debug = "--debug" in args
    try:
        # Every command runs without importing Typer when its flags can be read exactly as
        # Click would (see fastpath.py); anything else goes through Typer.
        from diaspora_cli.cli import fastpath

        code = fastpath.run(args)
        if code is None:
            from diaspora_cli.cli.app import click_command

            command = click_command()
            code = command.main(args=args, prog_name=PROG, standalone_mode=False)
        if code == int(ExitCode.INTERRUPTED):
            sys.stderr.write(f"{PROG}: interrupted\n")
        sys.stdout.flush()
    except KeyboardInterrupt:  # also while the commands are still being imported: one line, not a traceback
        sys.stderr.write(f"{PROG}: interrupted\n")
        code = int(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        silence_stdout()
        code = int(ExitCode.OK)
    except Exception as exc:  # Click usage errors and anything unforeseen: one line, no traceback
        code = _fatal(exc, debug)
    sys.exit(code if isinstance(code, int) else 0)


def _fatal(exc: Exception, debug: bool) -> int:
    from diaspora_cli.core.text import neutralise

    show = getattr(exc, "show", None)
    exit_code = getattr(exc, "exit_code", None)
    if callable(show) and isinstance(exit_code, int):  # a Click exception knows how to show itself
        show()
        return exit_code
    if debug:
        raise exc
    if isinstance(exc, OSError):
        sys.stderr.write(f"{PROG}: {neutralise(exc.strerror or str(exc))}\n")
        return int(ExitCode.DATA)
    sys.stderr.write(f"{PROG}: internal error: {neutralise(repr(exc))}; run with --debug for a traceback\n")
    return int(ExitCode.DATA)
