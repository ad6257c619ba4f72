"""Console entry point: registers the command modules on the app and maps what escapes to exit codes."""

from __future__ import annotations

# A shell asking for the value of an option (TAB after --country) is answered here, before Typer
# and the commands are imported: they cost several times Python's own start-up. Anything else
# returns at once. See diaspora_cli/completion.py.
from diaspora_cli.completion import maybe_complete

maybe_complete()

import contextlib  # noqa: E402
import sys  # noqa: E402
from collections.abc import Sequence  # noqa: E402

try:
    import typer

    # Importing a command module registers its commands on `app` (one module per group of commands).
    from diaspora_cli.app import PROG, app, silence_stdout
    from diaspora_cli.commands import explore, export, stats, validate  # noqa: F401
    from diaspora_cli.errors import ExitCode
except KeyboardInterrupt:  # Ctrl-C while the imports still run: the same one line, not a traceback
    sys.stderr.write("diaspora: interrupted\n")
    raise SystemExit(130) from None


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point: run the app and exit with its code; tracebacks only with --debug."""
    args = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        # A terminal or pipe that cannot encode a letter gets an escape, not a crash.
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    debug = "--debug" in args
    try:
        command = typer.main.get_command(app)
        code = command.main(args=args, prog_name=PROG, standalone_mode=False)
        if code == int(ExitCode.INTERRUPTED):
            sys.stderr.write(f"{PROG}: interrupted\n")
        sys.stdout.flush()
    except KeyboardInterrupt:
        sys.stderr.write(f"{PROG}: interrupted\n")
        code = int(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        silence_stdout()
        code = int(ExitCode.OK)
    except Exception as exc:  # Click usage errors and anything unforeseen: one line, no traceback
        code = _fatal(exc, debug)
    sys.exit(code if isinstance(code, int) else 0)


def _fatal(exc: Exception, debug: bool) -> int:
    from diaspora_cli.text import neutralise

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
