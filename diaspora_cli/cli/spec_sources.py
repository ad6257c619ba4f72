"""The source commands of the command line (`cite`, `sources`), as plain data: part of the one
description in spec.py, which lists them among the others; kept here so that no module of the
table outgrows a reader's screen. Import-light, as spec.py.
"""

from __future__ import annotations

from diaspora_cli.cli.params import OUTPUT, Command, Param, either
from diaspora_cli.core.vocab import CITATION_STYLES, SOURCE_KINDS

CITE = Command(
    "cite",
    "cite:cite",
    """Citations for records and sources: plain text, BibTeX, CSL-JSON (Zotero, pandoc) or RIS.

    A source id gives that source; a record gives the record (as an entry of the dataset)
    followed by every source it cites; no id gives the dataset itself. Only what the
    data holds is written: no date, author or URL is guessed.

    \b
    Examples:
      diaspora cite first-congress-world-azerbaijanis-2001
      diaspora cite src-wikipedia-azerbaijani-americans --style bibtex >> refs.bib
      diaspora cite DE org-state-committee-diaspora --style csl-json > refs.json
      diaspora cite --style ris
    """,
    [
        Param(
            "record_ids",
            metavar="[ID]...",
            multiple=True,
            completer="record",
            help="Source ids, event or organization ids, country codes (default: the dataset).",
        ),
        Param(
            "style",
            "--style",
            "-s",
            metavar="STYLE",
            default="text",
            choices=CITATION_STYLES,
            noun="style",
            help="Citation style: " + either(CITATION_STYLES) + ".",
        ),
    ],
)

SOURCES = Command(
    "sources",
    "sources:sources",
    """Source records: who published each page, what kind of source it is, how many records cite it.

    With --by publisher or --by kind, one row per publisher or kind with its counts instead.

    \b
    Examples:
      diaspora sources
      diaspora sources --kind state-media --kind state-body
      diaspora sources --record first-congress-world-azerbaijanis-2001
      diaspora sources --by kind
      diaspora sources --publisher trend -f csv
    """,
    [
        Param(
            "kind",
            "--kind",
            metavar="KIND",
            multiple=True,
            choices=SOURCE_KINDS,
            help="Source kind (repeatable: any of).",
        ),
        Param(
            "publisher",
            "--publisher",
            metavar="TEXT",
            help="Publisher name contains this text (case- and accent-insensitive).",
        ),
        Param(
            "record",
            "--record",
            metavar="ID",
            multiple=True,
            completer="record",
            help="Only sources cited by this record (repeatable: any of).",
        ),
        Param(
            "by",
            "--by",
            metavar="FIELD",
            choices=("publisher", "kind"),
            help="Count per publisher or per kind instead of listing sources.",
        ),
        *OUTPUT,
    ],
)
