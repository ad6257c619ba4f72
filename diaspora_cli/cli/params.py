"""The building blocks of the command-line description: Param, Command, the shared option blocks.

spec.py declares every command with these; this module holds what several commands share (the
timeline filters, the output options, the global options) so that each is declared once.
Import-light on purpose (no dataclasses, no typing at run time), like spec.py.
"""

from __future__ import annotations

from diaspora_cli.core.vocab import SOURCE_KINDS
from diaspora_cli.output.formats import COLOR_CHOICES, FORMAT_CHOICES, FORMATS

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


def either(choices: Sequence[str]) -> str:
    """'a, b or c': a help text names the choices from their one definition."""
    return ", ".join(choices[:-1]) + " or " + choices[-1]


# ---- shared blocks ------------------------------------------------------------------------------


def event_filters(limit_help: str = "", reverse_help: str = "", limit: bool = True) -> list[Param]:
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
            help="Literal text in any spelling: case, accents, Azerbaijani, Turkish and Cyrillic letters folded.",
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
        Param(
            "person",
            "--person",
            metavar="NAME",
            multiple=True,
            group="filter",
            completer="person",
            help="Events naming this person: id or name in any spelling (repeatable: any of).",
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
LANGUAGES = ("en", "az", "ru", "tr")
LANG = Param(
    "lang",
    "--lang",
    metavar="LANG",
    default="en",
    group="output",
    choices=LANGUAGES,
    help="Titles and names in this language where the data gives one (else English): " + ", ".join(LANGUAGES) + ".",
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
    Param(
        "bom",
        "--bom",
        kind="flag",
        group="output",
        help="Start csv/tsv with a UTF-8 byte-order mark, so Excel on Windows reads ə, ü and ş.",
    ),
    COLOR,
    NO_PAGER,
]
EVENTS_FILTERS = event_filters("At most this many events.", "Newest first.")

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
