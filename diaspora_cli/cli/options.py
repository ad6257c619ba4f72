"""Parsed values → one frozen options object per command; the shared Filters and OutputFlags parts.

Both parsers (Typer's and the fast one) hand `run_command` a dict of values keyed by the spec's
parameter names; `build_options` is the one place that turns it into the command's options
class, checks choices with one friendly message, and builds the shared sub-objects. A command's
run function then takes (options, session) and nothing else, as gh's `listRun(opts)` does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from diaspora_cli.cli.spec import Command
from diaspora_cli.core.errors import UsageError
from diaspora_cli.core.record import Record, fields


class Filters(Record):
    """The timeline filters as typed (resolved against a dataset by session.event_filter)."""

    country: tuple[str, ...] = ()
    category: tuple[str, ...] = ()
    tag: tuple[str, ...] = ()
    org: tuple[str, ...] = ()
    start: str | None = None
    end: str | None = None
    year: int | None = None
    search: str | None = None
    source_kind: tuple[str, ...] = ()
    publisher: tuple[str, ...] = ()
    person: tuple[str, ...] = ()


class OutputFlags(Record):
    """The output options as typed (resolved against the streams by session.output)."""

    fmt: str = "auto"
    fields: str | None = None
    no_header: bool = False
    bom: bool = False
    color: str = "auto"
    no_pager: bool = False
    lang: str = "en"


OptionsT = TypeVar("OptionsT")
_GROUPS = {"filters": ("filter", Filters), "output": ("output", OutputFlags)}


def check_choices(command: Command, values: Mapping[str, Any]) -> dict[str, Any]:
    """The values with each choice parameter checked (and folded where the spec says so)."""
    checked = dict(values)
    for param in command.params:
        value = checked.get(param.name)
        if not param.choices or value is None:
            continue
        given = list(value) if param.multiple else [value]
        if param.fold:
            given = [str(v).strip().lower() for v in given]
            checked[param.name] = given if param.multiple else given[0]
        for raw, folded in zip(list(value) if param.multiple else [value], given, strict=True):
            if folded not in param.choices:
                label = param.flags[0] if param.flags else command.name
                raise UsageError(f"{label}: unknown {param.noun} {raw!r}; valid: {', '.join(param.choices)}")
    return checked


def build_options(cls: type[OptionsT], command: Command, values: Mapping[str, Any]) -> OptionsT:
    """The command's frozen options from parsed values (lists become tuples, None lists empty ones)."""
    checked = check_choices(command, values)
    for param in command.params:
        if param.multiple:
            checked[param.name] = tuple(checked.get(param.name) or ())
    kwargs: dict[str, Any] = {}
    for name in fields(cls):  # type: ignore[arg-type]
        group = _GROUPS.get(name)
        if group is None:
            kwargs[name] = checked[name]
            continue
        tag, part = group
        names = {p.name for p in command.params if p.group == tag}
        kwargs[name] = part(**{k: v for k, v in checked.items() if k in names})
    return cls(**kwargs)
