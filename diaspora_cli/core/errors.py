"""The exception family and exit codes: domain code raises, `cli.main` turns them into exits."""

from __future__ import annotations

import enum
from collections.abc import Sequence


class ExitCode(enum.IntEnum):
    """Process exit codes, documented in the README."""

    OK = 0
    DATA = 1  # invalid data, failed validation, nothing found, write error
    USAGE = 2  # bad flags or arguments (the value Click/Typer already uses)
    INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT


class DiasporaError(Exception):
    """Base of every error the tool reports to the user as one message."""

    exit_code: ExitCode = ExitCode.DATA

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def lines(self) -> list[str]:
        """The lines to print on stderr (without the program-name prefix)."""
        return [self.message]


class DataFileError(DiasporaError):
    """A data file cannot be read or parsed (I/O, encoding, TOML syntax, limits)."""

    def __init__(self, path: str, message: str, line: int | None = None, col: int | None = None) -> None:
        where = path
        if line is not None:
            where += f":{line}"
            if col is not None:
                where += f":{col}"
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line
        self.col = col
        self.reason = message


class ValidationFailed(DiasporaError):
    """The dataset has schema problems; carries every one of them."""

    def __init__(self, problems: Sequence[str]) -> None:
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"the dataset is invalid ({count} {noun}); run 'diaspora validate' for a report")
        self.problems = list(problems)

    SHOWN = 10  # a command other than validate shows the first few; validate lists them all

    def lines(self) -> list[str]:
        """The first problems, then the summary line."""
        shown = self.problems[: self.SHOWN]
        more = len(self.problems) - len(shown)
        return [*shown, *([f"... and {more} more"] if more else []), self.message]


class NotFound(DiasporaError):
    """A looked-up name or id matches nothing; may carry suggestions."""

    def __init__(self, what: str, query: str, suggestions: Sequence[str] = ()) -> None:
        message = f"no {what} matches {query!r}"
        if suggestions:
            message += "; did you mean " + " or ".join(suggestions) + "?"
        super().__init__(message)
        self.suggestions = list(suggestions)


class UsageError(DiasporaError):
    """A flag value the tool cannot use (unknown field, bad date bound, unknown category)."""

    exit_code = ExitCode.USAGE


class Ambiguous(DiasporaError):
    """A name matches several records and the tool will not pick one silently."""

    def __init__(self, what: str, query: str, candidates: Sequence[str]) -> None:
        shown = ", ".join(candidates[:5]) + (", ..." if len(candidates) > 5 else "")
        super().__init__(f"{query!r} matches several {what}: {shown}; be more specific")
        self.candidates = list(candidates)
