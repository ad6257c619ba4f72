"""The output vocabularies, import-light: format names and what each format is, colour choices, sections.

render.py attaches a renderer to each format named here; the command-line spec, --help and
completion read the names from here without loading any renderer.
"""

from __future__ import annotations


class FormatInfo:
    """What a format is, apart from how it is drawn.

    human: meant for people (table, markdown): fields default to the short set, notes may be shown.
    document: a record or report can be written as one JSON document (json, jsonl).
    lines: one document per line (jsonl). drawn: laid out by Rich for a terminal (table), so
    reports may use panels, bars and cards instead of plain rows.
    """

    __slots__ = ("document", "drawn", "help", "human", "lines", "name")

    def __init__(
        self, name: str, help: str, *, human: bool, document: bool = False, lines: bool = False, drawn: bool = False
    ) -> None:
        self.name = name
        self.help = help
        self.human = human
        self.document = document
        self.lines = lines
        self.drawn = drawn


FORMAT_INFO: tuple[FormatInfo, ...] = (
    FormatInfo("table", "aligned table for people (Rich)", human=True, drawn=True),
    FormatInfo("tsv", "tab-separated, escaped \\t \\n \\r \\\\", human=False),
    FormatInfo("csv", "RFC 4180 CSV, formula prefixes neutralised", human=False),
    FormatInfo("json", "a JSON array of objects, UTF-8", human=False, document=True),
    FormatInfo("jsonl", "one JSON object per line, streamed", human=False, document=True, lines=True),
    FormatInfo("markdown", "a GitHub-flavoured markdown table", human=True),
)
FORMATS = tuple(f.name for f in FORMAT_INFO)
FORMAT_CHOICES = ("auto", *FORMATS)
COLOR_CHOICES = ("auto", "always", "never")
COUNTRY_SECTIONS = ("summary", "population", "organizations", "events")
PERSON_SECTIONS = ("summary", "organizations", "events")
