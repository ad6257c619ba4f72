"""The Typer app, built from the spec: one Click parameter per spec.Param, one command per spec.Command.

Typer reads a command's parameters from its function's signature, so each command gets a small
function whose `__signature__` is made from the spec; calling it hands the values to
session.run_command, exactly as the fast path does. Nothing here declares an option.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Annotated, Any

import typer

from diaspora_cli import __version__
from diaspora_cli.cli import spec
from diaspora_cli.cli.completion.typer import completer
from diaspora_cli.cli.session import AppState, apply_globals, run_command

_TYPES: dict[tuple[str, bool, bool], Any] = {
    # (kind, multiple, may be None) -> the annotation Typer reads the Click type from
    ("str", False, False): str,
    ("str", False, True): str | None,
    ("str", True, True): list[str] | None,
    ("int", False, True): int | None,
    ("flag", False, False): bool,
}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"{spec.PROG} {__version__}")
        raise typer.Exit()


def _parameter(param: spec.Param) -> inspect.Parameter:
    """The inspect.Parameter (annotation carrying typer.Option/Argument) that Typer turns into `param`."""
    kwargs: dict[str, Any] = {"help": param.help or None, "metavar": param.metavar}
    if param.completer:
        kwargs["autocompletion"] = completer(param.completer, param.choices)
    if param.min is not None:
        kwargs["min"] = param.min
    if not param.show_default:
        kwargs["show_default"] = False
    if param.eager == "version":
        kwargs.update(callback=_version, is_eager=True)
    info = typer.Option(*param.flags, **kwargs) if param.is_option else typer.Argument(**kwargs)
    optional = param.default is None and not param.required
    annotation = _TYPES[(param.kind, param.multiple, optional or param.multiple)]
    default = inspect.Parameter.empty if param.required else param.default
    return inspect.Parameter(
        param.name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=Annotated[annotation, info]
    )


def _signed(fn: Callable[..., Any], params: tuple[spec.Param, ...]) -> Callable[..., Any]:
    context = inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context)
    fn.__signature__ = inspect.Signature([context, *map(_parameter, params)])  # type: ignore[attr-defined]
    fn.__annotations__ = {}
    return fn


def _command(command: spec.Command) -> Callable[..., None]:
    def invoke(ctx: typer.Context, **values: Any) -> None:
        code = run_command(command.name, ctx.ensure_object(AppState), values)
        if code:
            raise typer.Exit(code)

    invoke.__doc__ = command.help
    invoke.__name__ = command.name.replace("-", "_")
    return _signed(invoke, command.params)


def _global(ctx: typer.Context, **values: Any) -> None:
    """Global options come before the command name."""
    apply_globals(ctx.ensure_object(AppState), values["data"], values["no_cache"], values["debug"])


def build_app() -> typer.Typer:
    """The Typer app with every command of the spec."""
    app = typer.Typer(
        name=spec.PROG,
        help=spec.PROG_HELP,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,  # plain Click help: no Rich import for --help, and clean in pipes
        context_settings={"help_option_names": ["-h", "--help"], "max_content_width": spec.HELP_MAX_WIDTH},
    )
    app.callback()(_signed(_global, spec.GLOBALS))
    for command in spec.COMMANDS.values():
        app.command(command.name)(_command(command))
    return app


app = build_app()


def click_command() -> Any:
    """The Click group Typer makes of the app (what main() runs when the fast path declines)."""
    return typer.main.get_command(app)
