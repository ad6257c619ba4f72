"""The one description of the command line: every command, argument and option, as plain data.

Everything else reads this table: app.py builds the Typer parameters from it, fastpath.py parses
argv with it (and prints --help from it, see help.py), completion answers shell requests from it,
and options.py turns the parsed values into each command's frozen options object. Adding an
option is one `Param(...)` line here plus, if the command reads it, a field on its options class.
The classes and the blocks several commands share (filters, output options, global options)
live in params.py.

Import-light on purpose (no dataclasses, no typing at run time): a TAB press and `--help` load
it before anything else.
"""

from __future__ import annotations

from diaspora_cli.cli.params import (
    COLOR as COLOR,
)
from diaspora_cli.cli.params import (
    COMPLETE_VAR as COMPLETE_VAR,
)
from diaspora_cli.cli.params import (
    EVENTS_FILTERS,
    LANG,
    NO_PAGER,
    OUTPUT,
    either,
    event_filters,
)
from diaspora_cli.cli.params import (
    FORMAT_HELP as FORMAT_HELP,
)
from diaspora_cli.cli.params import (
    GLOBALS as GLOBALS,
)
from diaspora_cli.cli.params import (
    HELP_MAX_WIDTH as HELP_MAX_WIDTH,
)
from diaspora_cli.cli.params import (
    PROG as PROG,
)
from diaspora_cli.cli.params import (
    PROG_HELP as PROG_HELP,
)
from diaspora_cli.cli.params import (
    TYPER_COMPLETION_HELP as TYPER_COMPLETION_HELP,
)
from diaspora_cli.cli.params import (
    Command as Command,
)
from diaspora_cli.cli.params import (
    Param as Param,
)
from diaspora_cli.cli.spec_sources import CITE, SOURCES
from diaspora_cli.core.vocab import (
    BY_CHOICES,
    EVENT_CATEGORIES,
    ORGANIZATION_STATUSES,
    ORGANIZATION_TYPES,
)
from diaspora_cli.exporters import EXPORTERS
from diaspora_cli.output.formats import COUNTRY_SECTIONS, PERSON_SECTIONS

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
            [*EVENTS_FILTERS, *OUTPUT, LANG],
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
            [*OUTPUT, LANG],
        ),
        Command(
            "country",
            "country:country",
            """Everything about one country: names, population figures, organizations and events.

            On a terminal all sections are shown and json is one object holding them all, unless
            --section picks one; tsv, csv and markdown print one section (the summary by default).

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
                    choices=COUNTRY_SECTIONS,
                    help=f"Only this section: {either(COUNTRY_SECTIONS)} (in every format; without it a"
                    " terminal and json show them all, tsv/csv/markdown the summary).",
                ),
                *OUTPUT,
                LANG,
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
                    help=f"Status: {either(ORGANIZATION_STATUSES)} (repeatable: any of).",
                ),
                Param("founded_from", "--founded-from", metavar="DATE", help="Founded on or after (YYYY[-MM[-DD]])."),
                Param("founded_to", "--founded-to", metavar="DATE", help="Founded on or before (whole period)."),
                EVENTS_FILTERS[7],
                *OUTPUT,
                LANG,
            ],
        ),
        Command(
            "people",
            "people:people",
            """People the records name (émigré leaders, founders, officials), filtered by country, role and text.

            Names match in any spelling: Azerbaijani, English, Turkish or Russian.

            \b
            Examples:
              diaspora people
              diaspora people --role "émigré leader" -f csv
              diaspora people --country TR --search Rəsulzadə
              diaspora people --lang az
            """,
            [
                Param(
                    "country",
                    "--country",
                    "-c",
                    metavar="NAME",
                    multiple=True,
                    completer="country",
                    help="Lived or worked in this country: code, name or alias (repeatable: any of).",
                ),
                Param(
                    "role",
                    "--role",
                    metavar="ROLE",
                    multiple=True,
                    completer="role",
                    help="Role, e.g. politician, writer, official (repeatable: any of).",
                ),
                Param(
                    "search", "--search", "-s", metavar="TEXT", help="Text in any spelling (names, roles, description)."
                ),
                *OUTPUT,
                LANG,
            ],
        ),
        Command(
            "person",
            "people:person",
            """Everything about one person: names in other languages, life dates, roles, and the
            organizations and events that name them.

            On a terminal all sections are shown and json is one object holding them all, unless
            --section picks one; tsv, csv and markdown print one section (the summary by default).

            \b
            Examples:
              diaspora person Rasulzade
              diaspora person "Rəsulzadə" --section events
              diaspora person Расулзаде -f json | jq '.events | length'
            """,
            [
                Param(
                    "name",
                    required=True,
                    completer="person",
                    help="Id, name, surname or alias, in any spelling (Rasulzade, Rəsulzadə, Расулзаде).",
                ),
                Param(
                    "section",
                    "--section",
                    metavar="SECTION",
                    choices=PERSON_SECTIONS,
                    help=f"Only this section: {either(PERSON_SECTIONS)} (in every format).",
                ),
                *OUTPUT,
                LANG,
            ],
        ),
        Command(
            "show",
            "show:show",
            """One record (event, organization, country, person, place or source) with every field and all its sources.

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
                    help="Event, organization, person, place or source id, or a country code.",
                ),
                *OUTPUT,
                LANG,
            ],
        ),
        CITE,
        Command(
            "search",
            "search:search",
            """Search every kind of record at once, in any spelling; best matches first.

            A title or name that is the text comes first, then titles and names containing it, then
            the rest, each by date. `matched` says which field matched; `snippet` shows it.

            \b
            Examples:
              diaspora search congress
              diaspora search "Rəsulzadə"
              diaspora search youth -f jsonl
            """,
            [
                Param(
                    "text",
                    required=True,
                    help="Literal text in any spelling: Azerbaijani, English, Turkish or Russian (Rəsulzadə, Баку).",
                ),
                *OUTPUT,
                LANG,
            ],
        ),
        SOURCES,
        Command(
            "on-this-day",
            "on_this_day:on_this_day",
            """Events that happened on this day of the year (today by default), oldest first.

            \b
            Examples:
              diaspora on-this-day
              diaspora on-this-day --date 11-09
            """,
            [Param("date", "--date", metavar="MM-DD", help="Month and day (default: today)."), *OUTPUT, LANG],
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
                *event_filters("At most this many buckets.", "Reverse the bucket order (newest or smallest first)."),
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
            [*event_filters(limit=False), COLOR, NO_PAGER],
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
