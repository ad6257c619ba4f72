"""Where output goes and how it may look: terminal or pipe, width, colour, pager."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator, Mapping
from typing import TextIO

from diaspora_cli.core.record import Record, field
from diaspora_cli.output.formats import COLOR_CHOICES as COLOR_CHOICES


def decide_color(choice: str, is_tty: bool, environ: Mapping[str, str]) -> bool:
    """Colour rule: --color wins; then NO_COLOR, FORCE_COLOR/CLICOLOR_FORCE, CLICOLOR=0, TERM=dumb; else a terminal."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    if environ.get("NO_COLOR"):
        return False
    for name in ("CLICOLOR_FORCE", "FORCE_COLOR"):
        if environ.get(name, "") not in ("", "0"):
            return True
    if environ.get("CLICOLOR") == "0":
        return False
    if environ.get("TERM") == "dumb":
        return False
    return is_tty


class Streams(Record, frozen=False):
    """The output and error streams with what is known about them; tests build one directly."""

    out: TextIO
    err: TextIO
    is_tty: bool = False
    err_is_tty: bool = False
    width: int = 80
    height: int = 24
    color: bool = False
    pager: bool = False
    environ: Mapping[str, str] | None = None  # for $PAGER; None means os.environ
    bom: bool = False  # csv/tsv begin with U+FEFF (--bom), for spreadsheets that guess the encoding
    _gathering: bool = field(default=False, init=False, repr=False, compare=False)

    @classmethod
    def from_system(cls, color: str = "auto", pager: bool = True, environ: Mapping[str, str] | None = None) -> Streams:
        """Streams for the real process."""
        env = os.environ if environ is None else environ
        out, err = sys.stdout, sys.stderr
        is_tty = _isatty(out)
        size = _terminal_size((80, 24))
        return cls(
            out=out,
            err=err,
            is_tty=is_tty,
            err_is_tty=_isatty(err),
            width=max(size.columns, 20),
            height=max(size.lines, 5),
            color=decide_color(color, is_tty, env),
            pager=pager and is_tty and env.get("TERM") != "dumb",
            environ=environ,
        )

    def note(self, message: str) -> None:
        """A human note on stderr, only when someone is watching (a terminal)."""
        if self.is_tty or self.err_is_tty:
            self.err.write(f"{message}\n")

    @contextlib.contextmanager
    def paged(self) -> Iterator[None]:
        """Gather what is written inside into one text and page it once (a report of several tables)."""
        if self._gathering:
            yield
            return
        real, buffer = self.out, io.StringIO()
        self.out, self._gathering = buffer, True
        try:
            yield
        finally:
            self.out, self._gathering = real, False
        self.page(buffer.getvalue())

    def page(self, text: str, environ: Mapping[str, str] | None = None) -> None:
        """Write `text`, through a pager when it is taller than the screen and paging is on."""
        if self._gathering or not self.pager or text.count("\n") < self.height - 1:
            self.out.write(text)
            return
        import subprocess

        source = environ if environ is not None else self.environ if self.environ is not None else os.environ
        env = dict(source)
        command = env.get("PAGER") or "less -FRX"
        import shutil

        if not env.get("PAGER") and shutil.which("less", path=env.get("PATH")) is None:
            # No pager installed (common in containers): `sh -c less` would swallow the text.
            self.out.write(text)
            return
        env.setdefault("LESS", "FRX")
        try:
            self.out.flush()
            proc = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
        except OSError:
            self.out.write(text)
            return
        assert proc.stdin is not None
        try:
            proc.stdin.write(text.encode(_encoding(self.out), "replace"))
            proc.stdin.close()
        except BrokenPipeError:
            pass  # the reader quit the pager early: not an error
        try:
            proc.wait()
        except KeyboardInterrupt:
            proc.wait()


def _terminal_size(fallback: tuple[int, int]) -> os.terminal_size:
    """shutil.get_terminal_size, without importing shutil (and bz2, lzma) on every start."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    try:
        lines = int(os.environ["LINES"])
    except (KeyError, ValueError):
        lines = 0
    if columns <= 0 or lines <= 0:
        try:
            size = os.get_terminal_size(sys.__stdout__.fileno())  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            size = os.terminal_size(fallback)
        columns = columns if columns > 0 else size.columns or fallback[0]
        lines = lines if lines > 0 else size.lines or fallback[1]
    return os.terminal_size((columns, lines))


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _encoding(stream: TextIO) -> str:
    return getattr(stream, "encoding", None) or "utf-8"
