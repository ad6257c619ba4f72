"""Typer's path: the `autocompletion=` functions app.py gives each parameter with a completer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import SupportsIndex

from diaspora_cli.cli.completion.candidates import candidates


class _Folded(str):
    """A candidate already matched by folding.

    Typer's autocompletion layer drops every value that does not start with the typed text
    exactly, which would drop "Gürcüstan" for "gur"; the match was made here, so say yes.
    """

    __slots__ = ()

    def startswith(
        self,
        prefix: str | tuple[str, ...],
        start: SupportsIndex | None = None,
        end: SupportsIndex | None = None,
    ) -> bool:
        return True


def completer(kind: str, choices: Sequence[str] = ()) -> Callable[[object, str], list[tuple[str, str]]]:
    """The autocompletion function of one completer kind (and, for "choice", its choices)."""

    # Typer matches the parameters by name (ctx) and by type (incomplete: str).
    def complete(ctx: object, incomplete: str) -> list[tuple[str, str]]:
        root = ctx.find_root() if hasattr(ctx, "find_root") else None
        params = getattr(root, "params", None) or {}
        data = params.get("data") or []
        return [(_Folded(value), help) for value, help in candidates(kind, incomplete, data, None, choices)]

    complete.__doc__ = f"Completion of {kind} values."
    return complete
