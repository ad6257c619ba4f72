"""The one description of the command line: every command, argument and option, as plain data.

Everything else reads this table: app.py builds the Typer parameters from it, fastpath.py parses
argv with it (and prints --help from it, see help.py), completion answers shell requests from it,
and options.py turns the parsed values into each command's frozen options object. Adding an
option is one `Param(...)` line here plus, if the command reads it, a field on its options class.

Import-light on purpose (no dataclasses, no typing at run time): a TAB press and `--help` load
it before anything else.
"""

from __future__ import annotations

from diaspora_cli.core.vocab import (
    BY_CHOICES,
    CITATION_STYLES,
    EVENT_CATEGORIES,
    ORGANIZATION_STATUSES,
    ORGANIZATION_TYPES,
    SOURCE_KINDS,
)
from diaspora_cli.exporters import EXPORTERS
from diaspora_cli.output.formats import COLOR_CHOICES, COUNTRY_SECTIONS, FORMAT_CHOICES, FORMATS

TYPE_CHECKING = False  # typing costs start-up; mypy reads this name as True
if TYPE_CHECKING:
    from collections.abc import Sequence


class Param:
    """One argument or option.

    name: the options object's field and the Typer parameter's name. flags: option strings
    ("--country", "-c"); none for an argument. kind: "str", "int" or "flag". group: "filter" or
    "output" when the value belongs to a shared sub-object (options.Filters, options.OutputFlags).
    choices: the valid values, checked with one friendly message (options.check_choices) and
    offered by completion. completer: a completion.candidates kind for values from the dataset.
    """

    __slots__ = (
        "choices",
        "completer",
        "default",
        "eager",
        "flags",
        "fold",
        "group",
        "help",
        "kind",
        "metavar",
        "min",
        "multiple",
        "name",
        "noun",
        "required",
        "show_default",
    )

    def __init__(
        self,
        name: str,
        *flags: str,
        kind: str = "str",
        help: str = "",
        metavar: str | None = None,
        default: object = None,
        multiple: bool = False,
        required: bool = False,
        choices: Sequence[str] = (),
        completer: str | None = None,
        min: int | None = None,
        group: str = "",
        show_default: bool = True,
        eager: str = "",
        noun: str = "value",
        fold: bool = False,
    ) -> None:
        self.name = name
        self.flags = flags
        self.kind = kind
        self.help = help
        self.metavar = metavar
        self.default = False if kind == "flag" and default is None else default
        self.multiple = multiple
        self.required = required
        self.choices = tuple(choices)
        self.completer = ("choice" if choices else "") if completer is None else completer
        self.min = min
        self.group = group
        self.show_default = show_default
        self.eager = eager  # "version": an eager callback only Typer runs (the fast path steps aside)
        self.noun = noun  # "unknown <noun> 'x'" in the message for a value not in choices
        self.fold = fold  # compare a choice after strip() and lower()

    @property
    def is_option(self) -> bool:
        """True for an option, False for a positional argument."""
        return bool(self.flags)

    def __repr__(self) -> str:
        return f"Param({self.name!r}, {', '.join(self.flags)})"


class Command:
    """One command: its name, help (the docstring Click shows), parameters and run function."""

    __slots__ = ("help", "name", "params", "run")

    def __init__(self, name: str, run: str, help: str, params: Sequence[Param]) -> None:
        self.name = name
        self.run = run  # "module:function" under diaspora_cli.cli.commands, imported when the command runs
        self.help = help
        self.params = tuple(params)

    def param(self, name: str) -> Param:
        """The parameter of this name."""
        return next(p for p in self.params if p.name == name)


def _either(choices: Sequence[str]) -> str:
    """'a, b or c': a help text names the choices from their one definition."""
    return ", ".join(choices[:-1]) + " or " + choices[-1]


# ---- shared blocks ------------------------------------------------------------------------------


def _filters(limit_help: str = "", reverse_help: str = "", limit: bool = True) -> list[Param]:
    """The timeline filters; --limit/--reverse are the command's own (events, or buckets in stats)."""
    params = [
        Param(
            "country",
            "--country",
            "-c",
            metavar="NAME",
            multiple=True,
            group="filter",
            completer="country",
            help="Country code, name or alias (repeatable: any of).",
        ),
        Param(
            "category",
            "--category",
            metavar="CATEGORY",
            multiple=True,
            group="filter",
            completer="category",
            help="Event category (repeatable: any of).",
        ),
        Param(
            "tag",
            "--tag",
            "-t",
            metavar="TAG",
            multiple=True,
            group="filter",
            completer="tag",
            help="Tag (repeatable: any of).",
        ),
        Param(
            "org",
            "--org",
            metavar="ORG",
            multiple=True,
            group="filter",
            completer="organization",
            help="Organization id or name (repeatable: any of).",
        ),
        Param(
            "start", "--from", metavar="DATE", group="filter", help="Start: YYYY, YYYY-MM or YYYY-MM-DD (inclusive)."
        ),
        Param(
            "end",
            "--to",
            metavar="DATE",
            group="filter",
            help="End: YYYY, YYYY-MM or YYYY-MM-DD (inclusive, whole period).",
        ),
        Param(
            "year",
            "--year",
            "-y",
            kind="int",
            metavar="YEAR",
            group="filter",
            help="Only events overlapping this year.",
        ),
        Param(
            "search",
            "--search",
            "-s",
            metavar="TEXT",
            group="filter",
            help="Literal text, case- and accent-insensitive.",
        ),
        Param(
            "source_kind",
            "--source-kind",
            metavar="KIND",
            multiple=True,
            group="filter",
            choices=SOURCE_KINDS,
            help="Events citing a source of this kind (repeatable: any of).",
        ),
        Param(
            "publisher",
            "--publisher",
            metavar="NAME",
            multiple=True,
            group="filter",
            help="Events citing a source by this publisher (repeatable: any of).",
        ),
    ]
    if limit:
        params += [
            Param("limit", "--limit", "-n", kind="int", metavar="N", min=0, help=limit_help),
            Param("reverse", "--reverse", "-r", kind="flag", help=reverse_help),
        ]
    return params


FORMAT_HELP = "Output format: auto (table on a terminal, tsv in a pipe), " + ", ".join(FORMATS) + "."
COLOR = Param(
    "color",
    "--color",
    metavar="WHEN",
    default="auto",
    group="output",
    choices=COLOR_CHOICES,
    help="Colour: auto (default; honours NO_COLOR, CLICOLOR, FORCE_COLOR), always, never.",
)
NO_PAGER = Param("no_pager", "--no-pager", kind="flag", group="output", help="Never page long tables on a terminal.")
OUTPUT = [
    Param(
        "fmt",
        "--format",
        "-f",
        metavar="FORMAT",
        default="auto",
        group="output",
        choices=FORMAT_CHOICES,
        noun="format",
        help=FORMAT_HELP,
    ),
    Param(
        "fields",
        "--fields",
        metavar="A,B,...",
        group="output",
        help="Fields to show, in order; '--fields help' lists them.",
    ),
    Param("no_header", "--no-header", kind="flag", group="output", help="No header line in tsv/csv."),
    COLOR,
    NO_PAGER,
]
EVENTS_FILTERS = _filters("At most this many events.", "Newest first.")

# ---- the program --------------------------------------------------------------------------------

PROG = "diaspora"
COMPLETE_VAR = "_" + PROG.upper().replace("-", "_") + "_COMPLETE"  # the variable Typer's completion scripts set
HELP_MAX_WIDTH = 100  # help wraps to the terminal, but never wider than this
PROG_HELP = (
    "Explore a diaspora history dataset: timelines, countries, organizations, sources.\n\n"
    "Ships with a curated, sourced dataset on the Azerbaijani diaspora; --data loads your own."
)
GLOBALS = (
    Param(
        "data",
        "--data",
        "-d",
        metavar="PATH",
        multiple=True,
        help="Dataset file or folder (repeatable; combined into one dataset). "
        "Default: $DIASPORA_DATA, else the embedded dataset. '@embedded' names the embedded one.",
    ),
    Param("no_cache", "--no-cache", kind="flag", help="Do not read or write the parse cache."),
    Param("debug", "--debug", kind="flag", help="Show tracebacks for errors (for bug reports)."),
    Param("version", "--version", "-V", kind="flag", eager="version", help="Print the version and exit."),
)
# Typer adds these two to the group; listed so --help can be printed without it.
TYPER_COMPLETION_HELP = (
    ("--install-completion", "Install completion for the current shell."),
    ("--show-completion", "Show completion for the current shell, to copy it or customize the installation."),
)

COMMANDS: dict[str, Command] = {
    c.name: c
    for c in (
        Command(
            "timeline",
            "timeline:timeline",
            """Events in date order, filtered.

            Filters of different kinds combine (AND); a repeated filter matches any of its values.

            \b
            Examples:
              diaspora timeline
              diaspora timeline --from 2001 --to 2008 --country Germany
              diaspora timeline --category congress -f json
              diaspora timeline --search emigre --reverse --limit 5
            """,
            [*EVENTS_FILTERS, *OUTPUT],
        ),
        Command(
            "countries",
            "countries:countries",
            """One row per country: latest population figure, organizations, events, first and last event year.

            \b
            Examples:
              diaspora countries
              diaspora countries -f csv > countries.csv
              diaspora countries --fields code,name,events
            """,
            OUTPUT,
        ),
        Command(
            "country",
            "country:country",
            """Everything about one country: names, population figures, organizations and events.

            On a terminal all sections are shown; json is one object holding them all; tsv, csv and
            markdown print one --section.

            \b
            Examples:
              diaspora country Germany
              diaspora country türkiye --section population -f csv
              diaspora country GE -f json | jq '.events | length'
            """,
            [
                Param(
                    "name",
                    required=True,
                    completer="country",
                    help="Code (DE, DEU), name or alias (Almaniya, Deutschland).",
                ),
                Param(
                    "section",
                    "--section",
                    metavar="SECTION",
                    default="summary",
                    choices=COUNTRY_SECTIONS,
                    help=f"For tsv/csv/markdown: {_either(COUNTRY_SECTIONS)}.",
                ),
                *OUTPUT,
            ],
        ),
        Command(
            "orgs",
            "orgs:orgs",
            """Organizations, filtered by country, type, founding date and text.

            \b
            Examples:
              diaspora orgs --country Germany
              diaspora orgs --type youth --founded-from 2000
              diaspora orgs --status defunct
              diaspora orgs --search kultur -f json
            """,
            [
                EVENTS_FILTERS[0],
                Param(
                    "kind",
                    "--type",
                    metavar="TYPE",
                    multiple=True,
                    completer="type",
                    help="Organization type (repeatable: any of).",
                ),
                Param(
                    "status",
                    "--status",
                    metavar="STATUS",
                    multiple=True,
                    choices=ORGANIZATION_STATUSES,
                    help=f"Status: {_either(ORGANIZATION_STATUSES)} (repeatable: any of).",
                ),
                Param("founded_from", "--founded-from", metavar="DATE", help="Founded on or after (YYYY[-MM[-DD]])."),
                Param("founded_to", "--founded-to", metavar="DATE", help="Founded on or before (whole period)."),
                EVENTS_FILTERS[7],
                *OUTPUT,
            ],
        ),
        Command(
            "show",
            "show:show",
            """One record (event, organization or country) with every field and all its sources.

            \b
            Examples:
              diaspora show first-congress-world-azerbaijanis-2001
              diaspora show org-state-committee-diaspora -f json
              diaspora show DE
            """,
            [
                Param(
                    "record_id",
                    metavar="ID",
                    required=True,
                    completer="record",
                    help="Event id, organization id or country code.",
                ),
                *OUTPUT,
            ],
        ),
        Command(
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
                    help="Citation style: " + _either(CITATION_STYLES) + ".",
                ),
            ],
        ),
        Command(
            "search",
            "search:search",
            """Search events, organizations and countries at once; a kind column says which is which.

            \b
            Examples:
              diaspora search congress
              diaspora search "Rəsulzadə"
              diaspora search youth -f jsonl
            """,
            [
                Param(
                    "text", required=True, help="Literal text; case, accents and Azerbaijani/Turkish letters folded."
                ),
                *OUTPUT,
            ],
        ),
        Command(
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
        ),
        Command(
            "on-this-day",
            "on_this_day:on_this_day",
            """Events that happened on this day of the year (today by default), oldest first.

            \b
            Examples:
              diaspora on-this-day
              diaspora on-this-day --date 11-09
            """,
            [Param("date", "--date", metavar="MM-DD", help="Month and day (default: today)."), *OUTPUT],
        ),
        Command(
            "export",
            "export:export",
            """Export the timeline's events (with every timeline filter) for TimelineJS, datasette/sqlite3 or a web page.

            Formats: timelinejs (TimelineJS 3 JSON), sqlite (a database with full-text search, for
            datasette or sqlite3), html (one self-contained, offline page with filters and search).
            The file is written to a temporary file and renamed into place; an existing file is kept
            unless --force is given.

            \b
            Examples:
              diaspora export timelinejs -o timeline.json
              diaspora export sqlite -o diaspora.db --force && datasette diaspora.db
              diaspora export html -o germany.html --country Germany
              diaspora export html -o - --from 1991 > page.html
            """,
            [
                Param(
                    "fmt",
                    metavar="FORMAT",
                    required=True,
                    show_default=False,
                    choices=tuple(EXPORTERS),
                    noun="format",
                    fold=True,
                    help="One of: " + ", ".join(EXPORTERS) + ".",
                ),
                Param(
                    "path",
                    "--output",
                    "-o",
                    metavar="PATH",
                    required=True,
                    help="File to write (required); '-' writes to stdout (timelinejs and html only).",
                ),
                Param("force", "--force", kind="flag", help="Replace PATH if it exists."),
                *EVENTS_FILTERS,
            ],
        ),
        Command(
            "stats",
            "stats:stats",
            """Count events per decade, year, country, category, tag, source kind or publisher (organizations per type), with drill-downs.

            Takes the timeline filters. Each bucket carries the command that lists exactly its records.
            An event counts in every decade and year it touches and under each of its countries, tags,
            and the kinds and publishers of the sources it cites,
            so percentages (of the distinct matching events) may add up to more than 100. With --country
            or --tag given, only those values are buckets. Decades and years run from the first to the
            last with a match, empty ones shown as 0; other buckets come most first. --limit and --reverse
            apply to buckets. --by type counts organizations: --country is their seat, --from/--to/--year
            their founding date, --search their text; --category, --tag and --org do not apply.

            \b
            Examples:
              diaspora stats
              diaspora stats --by country --limit 10
              diaspora stats --by year --from 1988 --to 1995 -f csv
              diaspora stats --by category --country Germany -f json
              diaspora stats --by source-kind
            """,
            [
                Param(
                    "by",
                    "--by",
                    "-b",
                    metavar="FACET",
                    default="decade",
                    choices=BY_CHOICES,
                    help="Bucket by " + ", ".join(BY_CHOICES) + ".",
                ),
                *_filters("At most this many buckets.", "Reverse the bucket order (newest or smallest first)."),
                *OUTPUT,
            ],
        ),
        Command(
            "chart",
            "chart:chart",
            """Draw the timeline: decades down the page with a bar of events per decade, then each event.

            Takes the timeline filters. Glyphs show how precisely a date is known (day, month, year,
            circa); a span over several years is drawn as a line beside the events it runs past. Plain
            text in a pipe or with NO_COLOR; fits any width from 40 columns.

            \b
            Examples:
              diaspora chart
              diaspora chart --country Germany
              diaspora chart --from 1985 --to 1995 | less
            """,
            [*_filters(limit=False), COLOR, NO_PAGER],
        ),
        Command(
            "validate",
            "validate:validate",
            """Check a dataset and report every problem in every file; exit 1 if there is any.

            \b
            Examples:
              diaspora validate
              diaspora validate my-data/
              diaspora validate events.toml -f json
              diaspora validate --strict
            """,
            [
                Param(
                    "paths",
                    metavar="[PATH]...",
                    multiple=True,
                    help="Files or folders to check (default: the selected dataset).",
                ),
                Param(
                    "strict",
                    "--strict",
                    kind="flag",
                    help="Also report sources given inline (a URL or text) instead of a [[sources]] id.",
                ),
                *OUTPUT,
            ],
        ),
    )
}

# Values that completion offers without reading the dataset.
CHOICE_LISTS = {"category": EVENT_CATEGORIES, "type": ORGANIZATION_TYPES}
