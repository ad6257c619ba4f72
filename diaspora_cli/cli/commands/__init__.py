"""The commands' options classes and run functions, one module per group of commands.

Each command is declared in cli/spec.py; here it gets a frozen options class (built from the
parsed flags by options.build_options) and `run(opts, state) -> exit code | None`. No module
here imports Typer or parses flags.
"""
