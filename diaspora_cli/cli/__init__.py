"""The command line: entry point, the spec of every command and option, the Typer app built
from it, the fast parser, completion, and the commands' run functions.

May import diaspora_cli.core, diaspora_cli.output and diaspora_cli.exporters; Typer is imported
only in app.py (and only when the fast path declines a command line).
"""
