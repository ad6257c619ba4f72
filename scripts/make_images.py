#!/usr/bin/env python3
"""Render the README pictures from the real CLI on the embedded dataset, as SVG files in docs/images/.

Each picture runs a diaspora command in-process, as on a colour terminal of a fixed width, and
hands its output to a recording Rich console that exports SVG. Nothing is drawn by hand, so
regenerating after a change to the data or the code keeps the pictures true.

    python scripts/make_images.py            # write docs/images/*.svg
    python scripts/make_images.py --check    # exit 1 if any committed picture is out of date
    python scripts/make_images.py --out DIR  # write somewhere else
"""

from __future__ import annotations

import argparse
import io
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
WIDTH = 100


@dataclass(frozen=True)
class Picture:
    """One image: its file name, the command it shows and the terminal width it is drawn at."""

    name: str
    args: tuple[str, ...]
    width: int = WIDTH
    until: str = ""  # stop before the first line that starts with this (keeps a long report short)


PICTURES = (
    Picture("timeline.svg", ("timeline", "--from", "2001", "--to", "2003")),
    Picture("stats-decade.svg", ("stats", "--by", "decade")),
    Picture("stats-country.svg", ("stats", "--by", "country", "--limit", "10")),
    Picture("chart-germany.svg", ("chart", "--country", "Germany")),
    Picture("chart-narrow.svg", ("chart", "--from", "1985", "--to", "1995"), width=48),
    Picture("country-germany.svg", ("country", "Germany"), until="Population"),
)


def run(args: tuple[str, ...], width: int) -> str:
    """The command's standard output as a colour terminal of `width` columns would receive it."""
    import typer

    from diaspora_cli.cli.app import app  # the app with every command registered
    from diaspora_cli.cli.session import AppState
    from diaspora_cli.output.streams import Streams

    out, err = io.StringIO(), io.StringIO()
    streams = Streams(out=out, err=err, is_tty=True, err_is_tty=False, width=width, height=10_000, color=True)
    # An empty environment: the embedded dataset, whatever DIASPORA_DATA or NO_COLOR say here.
    state = AppState(streams=streams, environ={})
    command = typer.main.get_command(app)
    code = command.main(["--no-cache", *args], prog_name="diaspora", standalone_mode=False, obj=state)
    if code not in (None, 0) or err.getvalue():
        raise SystemExit(f"diaspora {' '.join(args)} failed ({code}): {err.getvalue().strip()}")
    return out.getvalue()


def cut(ansi: str, until: str) -> str:
    """The lines before the first one that reads `until` (colour codes ignored), then a marker."""
    import re

    lines = ansi.splitlines()
    for i, line in enumerate(lines):
        if until and re.sub(r"\x1b\[[0-9;]*m", "", line).strip().startswith(until):
            kept = lines[:i]
            while kept and not re.sub(r"\x1b\[[0-9;]*m", "", kept[-1]).strip():
                kept.pop()
            return "\n".join([*kept, "", f"\x1b[2m… ({until.lower()} and more sections follow)\x1b[0m"])
    return ansi


def to_svg(ansi: str, title: str, width: int) -> str:
    """SVG of terminal output with its colours, in a window titled with the command."""
    from rich.console import Console
    from rich.text import Text

    console = Console(record=True, width=width, file=io.StringIO(), force_terminal=True, color_system="standard")
    console.print(Text.from_ansi(ansi.rstrip("\n")), soft_wrap=True)
    return console.export_svg(title=title)


def main(argv: list[str] | None = None) -> int:
    """Write (or with --check, compare) every picture."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=IMAGES, help="folder for the SVG files (default: docs/images)")
    parser.add_argument("--check", action="store_true", help="compare with the files instead of writing them")
    options = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    stale = []
    options.out.mkdir(parents=True, exist_ok=True)
    for picture in PICTURES:
        output = cut(run(picture.args, picture.width), picture.until)
        svg = to_svg(output, "$ diaspora " + " ".join(picture.args), picture.width)
        path = options.out / picture.name
        if options.check:
            if not path.exists() or path.read_text(encoding="utf-8") != svg:
                stale.append(picture.name)
            continue
        path.write_text(svg, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    if stale:
        print("out of date: " + ", ".join(stale) + "; run python scripts/make_images.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
