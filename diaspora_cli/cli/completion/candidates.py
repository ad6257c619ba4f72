"""Completion candidates: (value, help) pairs for a partial word, by completer kind.

Matching folds case, accents and Azerbaijani letters (diaspora_cli.core.text.fold): "gur" and
"gür" both offer "Gürcüstan". The kinds are the spec's `completer` names; "choice" offers the
parameter's own choices, "category" and "type" the schema's vocabularies.
"""

from __future__ import annotations

from diaspora_cli.cli.completion.scan import Index, scan
from diaspora_cli.core.text import fold
from diaspora_cli.core.vocab import EVENT_CATEGORIES, ORGANIZATION_TYPES

TYPE_CHECKING = False  # typing itself costs start-up; mypy reads this name as True
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

Candidate = tuple[str, str]  # (value, help); help "" means none


def _starts(key: str, prefix: str) -> bool:
    return fold(key).startswith(prefix)


def _words(words: Sequence[str], incomplete: str) -> list[Candidate]:
    prefix = fold(incomplete)
    return [(w, "") for w in words if _starts(w, prefix)]


def country_candidates(index: Index, incomplete: str) -> list[Candidate]:
    """Codes, names and aliases that start with the folded input; names only for an empty input."""
    prefix = fold(incomplete)
    out: dict[str, str] = {}
    for code, alpha3, name, aliases in sorted(index.countries, key=lambda c: fold(c[2])):
        label = f"{name} ({code})"
        keys = [name] if not prefix else [code, alpha3, name, *aliases]
        for key in keys:
            if key and _starts(key, prefix):
                out.setdefault(key, label)
    return list(out.items())


def organization_candidates(index: Index, incomplete: str) -> list[Candidate]:
    """Organization ids whose id or name starts with the folded input."""
    prefix = fold(incomplete)
    return [(i, name) for i, name in index.organizations if _starts(i, prefix) or _starts(name, prefix)]


def person_candidates(index: Index, incomplete: str) -> list[Candidate]:
    """People's names and aliases (then ids) starting with the folded input, each with the full name."""
    prefix = fold(incomplete)
    out: dict[str, str] = {}
    for person_id, name, aliases in sorted(index.people, key=lambda p: fold(p[1])):
        for key in (name, *aliases, person_id):
            if key and _starts(key, prefix):
                out.setdefault(key, name if key != name else person_id)
    return list(out.items())


def record_candidates(index: Index, incomplete: str) -> list[Candidate]:
    """Country codes, organization, person and event ids (`show ID`), matched on the id or the name/title."""
    prefix = fold(incomplete)
    out = [(code, name) for code, _, name, _ in index.countries if _starts(code, prefix) or _starts(name, prefix)]
    out += organization_candidates(index, incomplete)
    out += [(i, name) for i, name, _ in index.people if _starts(i, prefix) or _starts(name, prefix)]
    out += [(i, title) for i, title in index.events if _starts(i, prefix) or _starts(title, prefix)]
    return out


def tag_candidates(index: Index, incomplete: str) -> list[Candidate]:
    """Tags in use."""
    return _words(sorted(index.tags), incomplete)


# Completer kind -> function of (index, partial word); "choice" is answered from the parameter's choices.
COMPLETERS: dict[str, Callable[[Index, str], list[Candidate]]] = {
    "country": country_candidates,
    "organization": organization_candidates,
    "record": record_candidates,
    "tag": tag_candidates,
    "person": person_candidates,
    "role": lambda index, text: _words(sorted(index.roles), text),
    "category": lambda _, text: _words(EVENT_CATEGORIES, text),
    "type": lambda _, text: _words(ORGANIZATION_TYPES, text),
}
_NEEDS_DATA = frozenset({"country", "organization", "record", "tag", "person", "role"})


def candidates(
    kind: str,
    incomplete: str,
    data: Sequence[str] = (),
    environ: Mapping[str, str] | None = None,
    choices: Sequence[str] = (),
) -> list[Candidate]:
    """The candidates of one completer for a partial word."""
    import os

    if kind == "choice":
        return _words(choices, incomplete)
    env = os.environ if environ is None else environ
    index = scan(data, env) if kind in _NEEDS_DATA else Index()
    return COMPLETERS[kind](index, incomplete)
