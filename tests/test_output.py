"""The output contract through the CLI: every command and format carries the same rows and fields."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from diaspora_cli.core.text import neutralise
from diaspora_cli.output import fields as fieldsets
from diaspora_cli.output.fields import STATS_FIELDS
from diaspora_cli.output.render import FORMATS, neutralise_formula
from diaspora_cli.output.reports import ISSUE_FIELDS
from tests.conftest import INVALID, TESTS, Result, Run, run_cli
from tests.readers import flat, read_csv, read_jsonl, read_markdown, read_tsv

CONTRACT = TESTS / "data" / "valid" / "contract"
INVALID_MULTI = str(INVALID / "multi")

Extract = Callable[[Any], list[dict[str, Any]]]


def _rows(data: Any) -> list[dict[str, Any]]:
    assert isinstance(data, list)
    return data


def _one(data: Any) -> list[dict[str, Any]]:
    assert isinstance(data, dict)
    return [data]


def _section(name: str) -> Extract:
    def extract(data: Any) -> list[dict[str, Any]]:
        if isinstance(data, list):  # json with --section: just that section's array
            return list(data)
        assert isinstance(data, dict)
        return [data] if name == "summary" else list(data[name])

    return extract


def _issues(data: Any) -> list[dict[str, Any]]:
    assert isinstance(data, dict)
    return list(data["issues"])


# name: (arguments, expected exit code, how to find the rows in the json output, the field set)
CASES: dict[str, tuple[list[str], int, Extract, list[str]]] = {
    "timeline": (["timeline"], 0, _rows, fieldsets.EVENT_FIELDS.names),
    "timeline-filtered": (["timeline", "--country", "DE", "--reverse"], 0, _rows, fieldsets.EVENT_FIELDS.names),
    "countries": (["countries"], 0, _rows, fieldsets.COUNTRY_ROW_FIELDS.names),
    "orgs": (["orgs"], 0, _rows, fieldsets.ORGANIZATION_FIELDS.names),
    "search": (["search", "a"], 0, _rows, fieldsets.HIT_FIELDS.names),
    "on-this-day": (["on-this-day", "--date", "11-09"], 0, _rows, fieldsets.EVENT_FIELDS.names),
    "show-event": (["show", "congress-2001"], 0, _one, fieldsets.EVENT_FIELDS.names),
    "show-org": (["show", "org-kultur"], 0, _one, fieldsets.ORGANIZATION_FIELDS.names),
    "show-country": (["show", "DE"], 0, _one, fieldsets.COUNTRY_FIELDS.names),
    "country-summary": (["country", "DE"], 0, _section("summary"), fieldsets.COUNTRY_FIELDS.names),
    "country-population": (
        ["country", "DE", "--section", "population"],
        0,
        _section("population"),
        fieldsets.FIGURE_FIELDS.names,
    ),
    "country-organizations": (
        ["country", "TR", "--section", "organizations"],
        0,
        _section("organizations"),
        fieldsets.ORGANIZATION_FIELDS.names,
    ),
    "country-events": (["country", "AZ", "--section", "events"], 0, _section("events"), fieldsets.EVENT_FIELDS.names),
    "validate": (["validate", INVALID_MULTI], 1, _issues, ISSUE_FIELDS.names),
    "stats": (["stats"], 0, _rows, STATS_FIELDS.names),
    "stats-country": (["stats", "--by", "country"], 0, _rows, STATS_FIELDS.names),
}

TEXT_FORMATS = ("tsv", "csv", "markdown")


def _ok(result: Result, code: int) -> Result:
    assert result.code == code, result.err
    return result


def json_rows(run: Run, case: str, *extra: str) -> list[dict[str, Any]]:
    """The rows of the json output, the reference every other format is compared with."""
    args, code, extract, _ = CASES[case]
    rows = extract(json.loads(_ok(run(*args, "-f", "json", *extra), code).out))
    assert rows, "a contract case needs rows to compare"
    return rows


def read_text(fmt: str, text: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a tsv, csv or markdown output."""
    return {"tsv": read_tsv, "csv": read_csv, "markdown": read_markdown}[fmt](text)


def expected_cell(fmt: str, value: Any, tty: bool = False) -> str:
    """How a json value reads back from a text format (the documented transformations)."""
    text = flat(value)
    if fmt == "csv":
        return neutralise(neutralise_formula(text)) if tty else neutralise_formula(text)
    if fmt == "markdown":
        return neutralise(text)
    if tty:  # tsv's own escapes carry tab, newline and CR exactly; other controls are neutralised
        return "".join(ch if ch in "\t\n\r" else neutralise(ch) for ch in text)
    return text


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
@pytest.mark.parametrize("case", list(CASES))
def test_text_formats_carry_the_json_rows(run: Run, case: str, fmt: str) -> None:
    args, code, _, names = CASES[case]
    reference = json_rows(run, case)
    header, rows = read_text(fmt, _ok(run(*args, "-f", fmt), code).out)
    assert len(rows) == len(reference)
    if fmt == "markdown":
        assert set(header) <= set(names)
    else:
        assert header == names  # machine formats: every field, in the field-set order
    for row, ref in zip(rows, reference, strict=True):
        assert len(row) == len(header)
        assert row == [expected_cell(fmt, ref[name]) for name in header]


@pytest.mark.parametrize("case", list(CASES))
def test_jsonl_carries_the_json_rows(run: Run, case: str) -> None:
    args, code, extract, names = CASES[case]
    reference = json_rows(run, case)
    lines = read_jsonl(_ok(run(*args, "-f", "jsonl"), code).out)
    if case == "country-summary":  # the country summary is one document, on one line
        assert len(lines) == 1
        rows = extract(lines[0])
    else:  # one object per line (a country --section too); validate streams its issues as rows
        rows = lines
    assert len(rows) == len(reference)
    for row, ref in zip(rows, reference, strict=True):
        assert set(names) <= set(row)
        assert {k: row[k] for k in names} == {k: ref[k] for k in names}


@pytest.mark.parametrize("case", [c for c in CASES if CASES[c][2] is _rows])
def test_json_holds_every_field_by_default(run: Run, case: str) -> None:
    _, _, _, names = CASES[case]
    for row in json_rows(run, case):
        assert list(row) == names


@pytest.mark.parametrize("case", list(CASES))
def test_table_on_a_terminal_shows_the_rows(run: Run, case: str) -> None:
    args, code, _, _ = CASES[case]
    reference = json_rows(run, case)
    result = _ok(run(*args, "-f", "table", tty=True, width=400), code)
    assert "\x1b" not in result.out  # colour off: the fixture's Streams say so
    if case == "validate":
        shown = [f"{r['location']}: {r['problem']}" for r in reference]
    else:
        key = next(k for k in ("title", "name", "figure", "code", "label") if k in reference[0])
        shown = [str(r[key]) for r in reference]
    positions = [result.out.find(text) for text in shown]
    assert -1 not in positions, (shown, result.out)
    if not case.startswith(("show", "country")):
        # Same order as json: each row found after the one before (a title may be part of another).
        at = 0
        for text in shown:
            at = result.out.find(text, at)
            assert at >= 0, (text, result.out)
            at += len(text)


def test_lists_are_joined_with_the_list_separator(run: Run) -> None:
    for fmt in TEXT_FORMATS:
        _, rows = read_text(fmt, run("timeline", "--fields", "id,countries", "-f", fmt).out)
        by_id = dict((r[0], r[1]) for r in rows)
        assert by_id["span-1989-1992"] == "AZ; GE", fmt
        assert by_id["congress-2001"] == "AZ", fmt


@pytest.mark.parametrize("fmt", ["tsv", "csv", "json", "jsonl", "markdown"])
def test_machine_formats_and_markdown_never_carry_colour(run: Run, fmt: str) -> None:
    result = run("timeline", "-f", fmt, "--color", "always", tty=True)
    assert result.code == 0
    assert "\x1b" not in result.out
    assert "\x1b[" in run("timeline", "-f", "table", "--color", "always").out  # the flag does work


def test_json_is_utf8_without_escapes_for_letters(run: Run) -> None:
    out = run("timeline", "-f", "json").out
    assert "Şəki and İstanbul" in out
    assert "\\u" not in out
    assert "Şəki and İstanbul" in run("timeline", "-f", "jsonl").out


def test_json_dates_are_strings_at_their_precision(run: Run) -> None:
    dates = {r["id"]: r["date"] for r in json.loads(run("timeline", "-f", "json").out)}
    assert dates["emigre-wave-1920"] == "1920"
    assert dates["month-2001-06"] == "2001-06"
    assert dates["congress-2001"] == "2001-11-09"


# ---- fields -------------------------------------------------------------------------------------

FIELD_COMMANDS: dict[str, tuple[list[str], int, list[str]]] = {
    "timeline": (["timeline"], 0, fieldsets.EVENT_FIELDS.names),
    "countries": (["countries"], 0, fieldsets.COUNTRY_ROW_FIELDS.names),
    "orgs": (["orgs"], 0, fieldsets.ORGANIZATION_FIELDS.names),
    "search": (["search", "a"], 0, fieldsets.HIT_FIELDS.names),
    "on-this-day": (["on-this-day", "--date", "11-09"], 0, fieldsets.EVENT_FIELDS.names),
    "show": (["show", "congress-2001"], 0, fieldsets.EVENT_FIELDS.names),
    "country": (["country", "DE", "--section", "population"], 0, fieldsets.FIGURE_FIELDS.names),
    "validate": (["validate", INVALID_MULTI], 1, ISSUE_FIELDS.names),
    "stats": (["stats", "--by", "category"], 0, STATS_FIELDS.names),
}


@pytest.mark.parametrize("fmt", ["tsv", "csv", "markdown"])
@pytest.mark.parametrize("command", list(FIELD_COMMANDS))
def test_fields_select_and_order(run: Run, command: str, fmt: str) -> None:
    args, code, names = FIELD_COMMANDS[command]
    chosen = [names[2], names[0]]
    header, rows = read_text(fmt, _ok(run(*args, "--fields", ",".join(chosen), "-f", fmt), code).out)
    assert header == chosen
    assert rows and all(len(r) == 2 for r in rows)


@pytest.mark.parametrize("command", ["timeline", "countries", "orgs", "search", "on-this-day", "show", "stats"])
def test_fields_select_and_order_json(run: Run, command: str) -> None:
    args, code, names = FIELD_COMMANDS[command]
    chosen = [names[2], names[0]]
    for fmt in ("json", "jsonl"):
        out = _ok(run(*args, "--fields", ",".join(chosen), "-f", fmt), code).out
        data = json.loads(out) if fmt == "json" else read_jsonl(out)
        rows = data if isinstance(data, list) else [data]
        assert rows and all(list(r) == chosen for r in rows)


@pytest.mark.parametrize("fmt", ["tsv", "json", "table"])
@pytest.mark.parametrize("command", list(FIELD_COMMANDS))
def test_unknown_field_is_a_usage_error_listing_the_valid_ones(run: Run, command: str, fmt: str) -> None:
    args, _, names = FIELD_COMMANDS[command]
    result = run(*args, "--fields", f"{names[0]},nonsense", "-f", fmt)
    if command == "country" and fmt == "json":  # the json summary takes no --fields at all
        assert result.code == 2 and "--fields" in result.err
        return
    assert result.code == 2
    assert result.out == ""
    assert "'nonsense'" in result.err
    assert ", ".join(names) in result.err


@pytest.mark.parametrize("command", list(FIELD_COMMANDS))
def test_fields_help_lists_the_fields(run: Run, command: str) -> None:
    args, _, names = FIELD_COMMANDS[command]
    result = run(*args, "--fields", "help", "-f", "tsv")
    assert result.code == 0, result.err
    header, rows = read_tsv(result.out)
    assert header == ["field", "meaning"]
    assert [r[0] for r in rows] == names
    assert all(r[1] for r in rows)


def test_fields_alone_is_a_usage_error(run: Run) -> None:
    result = run("timeline", "--fields")
    assert result.code == 2
    assert "--fields" in result.err


@pytest.mark.parametrize(
    ("args", "fieldset"),
    [
        (["timeline"], fieldsets.EVENT_FIELDS),
        (["countries"], fieldsets.COUNTRY_ROW_FIELDS),
        (["orgs"], fieldsets.ORGANIZATION_FIELDS),
        (["search", "a"], fieldsets.HIT_FIELDS),
    ],
)
def test_tables_show_the_default_set_and_machines_every_field(
    run: Run, args: list[str], fieldset: fieldsets.FieldSet[Any]
) -> None:
    header, _ = read_markdown(run(*args, "-f", "markdown").out)
    assert header == list(fieldset.table_default)
    table = run(*args, "-f", "table", tty=True, width=400).out
    first = table.split()[: len(fieldset.table_default)]
    labels = {f.name: f.label for f in fieldset.fields if f.label}  # a drawn table's headings
    assert first == [labels.get(name, name) for name in fieldset.table_default]
    header, _ = read_tsv(run(*args, "-f", "tsv").out)
    assert header == fieldset.names


def test_country_fields_on_a_terminal_pick_the_section_columns(run: Run) -> None:
    result = run("country", "DE", "--section", "population", "--fields", "year,kind", "-f", "table", tty=True)
    assert result.code == 0, result.err
    lines = [line.split() for line in result.out.split("\n") if line.strip()]
    assert lines[0] == ["year", "kind"]
    assert ["2010", "encyclopaedia"] in lines


def test_validate_message_means_the_same_in_every_format(run: Run) -> None:
    issues = json_rows(run, "validate")
    for fmt in ("tsv", "markdown"):
        _, rows = read_text(fmt, run("validate", INVALID_MULTI, "--fields", "message,problem", "-f", fmt).out)
        assert [r[0] for r in rows] == [i["message"] for i in issues]
        assert all(r[0] in r[1] for r in rows)


# ---- header ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["tsv", "csv"])
@pytest.mark.parametrize("case", ["timeline", "countries", "orgs", "show-event", "country-population", "validate"])
def test_header_by_default_and_no_header_drops_it(run: Run, case: str, fmt: str) -> None:
    args, code, _, names = CASES[case]
    with_header = _ok(run(*args, "-f", fmt), code).out
    without = _ok(run(*args, "-f", fmt, "--no-header"), code).out
    reader = read_tsv if fmt == "tsv" else read_csv
    header, rows = reader(with_header)
    assert header == names
    assert reader(without, header=False)[1] == rows


def test_no_header_drops_the_table_header_too(run: Run) -> None:
    table = run("timeline", "-f", "table", "--no-header", tty=True, width=200).out
    assert "title" not in table and "Refugee years" in table


# ---- empty results --------------------------------------------------------------------------------

EMPTY = {
    "timeline": (["timeline", "--year", "1800"], "no events match"),
    "orgs": (["orgs", "--search", "zzzz"], "no organizations match"),
    "search": (["search", "zzzz"], "nothing matches"),
    "on-this-day": (["on-this-day", "--date", "01-01"], "no events on 01-01"),
    "stats": (["stats", "--year", "1800"], "no events match"),
}


@pytest.mark.parametrize("command", list(EMPTY))
def test_empty_result_in_a_pipe(run: Run, command: str) -> None:
    args, _ = EMPTY[command]
    expected = {"json": "[]\n", "jsonl": ""}
    for fmt in ("auto", "tsv", "csv", "json", "jsonl", "markdown"):
        result = run(*args, "-f", fmt)
        assert result.code == 0
        assert result.err == ""
        if fmt in expected:
            assert result.out == expected[fmt]
        else:
            reader = read_markdown if fmt == "markdown" else read_csv if fmt == "csv" else read_tsv
            header, rows = reader(result.out)
            assert header and rows == []


@pytest.mark.parametrize("command", list(EMPTY))
def test_empty_result_on_a_terminal_notes_it_on_stderr(run: Run, command: str) -> None:
    args, note = EMPTY[command]
    result = run(*args, tty=True)
    assert result.code == 0
    assert result.out == ""
    assert result.err == note + "\n"


# ---- exit codes -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["timeline"], 0),
        (["timeline", "--year", "1800"], 0),
        (["show", "no-such-record"], 1),
        (["country", "Atlantis"], 1),
        (["validate", INVALID_MULTI], 1),
        (["timeline", "--format", "yaml"], 2),
        (["timeline", "--fields", "nonsense"], 2),
        (["timeline", "--color", "sometimes"], 2),
        (["timeline", "--no-such-option"], 2),
        (["country", "DE", "--section", "nope"], 2),
    ],
)
def test_exit_codes(run: Run, args: list[str], code: int) -> None:
    result = run(*args)
    assert result.code == code, result.err
    if code:
        assert result.err.strip(), "a failure says why on stderr"


def test_interrupt_exits_130_with_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from diaspora_cli.cli import main as cli
    from diaspora_cli.core import query

    def interrupted(*args: object, **kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(query, "filter_events", interrupted)
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--data", str(TESTS / "data" / "valid" / "mini"), "timeline"])
    assert exit_info.value.code == 130
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "diaspora: interrupted\n"


def test_format_choices_come_from_the_registry(run: Run) -> None:
    result = run("timeline", "--help")
    assert result.code == 0
    text = " ".join(result.out.split())
    for name in ("auto", *FORMATS):
        assert name in text


# ---- hostile text ---------------------------------------------------------------------------------

RAW_CONTROLS = ("\x1b", "\x07", "\x7f", "\x9b", "\u202e", "\u202c", "\u2066", "\u2069", "\r")


def contract(*args: str, tty: bool = False, color: bool = False) -> Result:
    result = run_cli(["--data", str(CONTRACT), *args], tty=tty, color=color, width=400)
    assert result.code == 0, result.err
    return result


def test_contract_fixture_is_valid() -> None:
    result = run_cli(["validate", str(CONTRACT)])
    assert result.code == 0, result.out + result.err


@pytest.mark.parametrize("color", [False, True])
def test_hostile_text_in_a_terminal_table_is_literal_and_inert(color: bool) -> None:
    out = contract("timeline", "-f", "table", tty=True, color=color).out
    assert "[bold]Not bold[/bold] [link=https://evil.example]not a link[/link] :smile:" in out
    assert "CSI \\e[2J clear, OSC 8 \\e]8;;https://evil.example\\x07link" in out
    assert "OSC 52 \\e]52;c;ZXZpbA==\\x07 end" in out
    for ch in RAW_CONTROLS[1:]:
        assert ch not in out
    if color:  # Rich's own styles are the only escapes: SGR sequences, nothing else
        assert "\x1b[" in out
        assert "\x1b]" not in out and "\x1b[2J" not in out
    else:
        assert "\x1b" not in out
    org = contract("show", "org-markup", "-f", "table", tty=True, color=color).out
    assert "[bold]Bold[/bold] [link=https://evil.example]Union[/link]" in org
    assert "-2+3 and a \\e[31mred\\e[0m word" in org


@pytest.mark.parametrize("tty", [False, True])
@pytest.mark.parametrize("fmt", ["tsv", "csv", "markdown"])
@pytest.mark.parametrize(
    "args",
    [["timeline"], ["orgs"], ["show", "AZ"], ["country", "DE", "--section", "population"]],
    ids=["timeline", "orgs", "show", "country"],
)
def test_hostile_text_reads_back_in_every_text_format(args: list[str], fmt: str, tty: bool) -> None:
    data = json.loads(contract(*args, "-f", "json").out)
    reference = data if isinstance(data, list) else [data]  # country --section population: its array
    out = contract(*args, "-f", fmt, tty=tty).out
    header, rows = read_text(fmt, out)
    assert len(rows) == len(reference)
    for row, ref in zip(rows, reference, strict=True):
        assert row == [expected_cell(fmt, ref[name], tty) for name in header]
    if tty or fmt == "markdown":  # on a terminal, and in markdown anywhere, no control survives
        for ch in RAW_CONTROLS:
            assert ch not in out


def test_hostile_text_in_csv_is_formula_neutralised() -> None:
    header, rows = read_csv(contract("timeline", "-f", "csv").out)
    row = dict(zip(header, rows[2], strict=True))
    assert row["title"] == "'=1+2"
    assert row["place"] == "'\tTab-led place"
    assert row["note"] == "'\rCR-led note"
    assert row["sources"] == "'+1 555 0100; -minus; @at"
    assert dict(zip(header, rows[0], strict=True))["sources"].startswith("'=HYPERLINK(")
    header, rows = read_csv(contract("orgs", "-f", "csv").out)
    values = dict(zip(header, rows[0], strict=True))
    assert values["city"] == "'+Berlin"
    assert values["description"].startswith("'-2+3")
    header, rows = read_csv(contract("country", "DE", "--section", "population", "-f", "csv").out)
    assert dict(zip(header, rows[0], strict=True))["source"] == "'@SUM(A1:A9)"
    # numbers stay numbers: only text is prefixed
    assert dict(zip(header, rows[0], strict=True))["value"] == "15219"


def test_hostile_text_in_markdown_stays_in_its_cell() -> None:
    out = contract("timeline", "-f", "markdown", "--fields", "id,description").out
    lines = out.split("\n")
    assert len(lines) == 2 + 3 + 1  # header, delimiter, three rows, final newline: no raw line break
    assert "\\| pipe" in out
    assert "\\<br> \\<script>x\\</script>" in out
    assert "line one<br>line two" in out


def test_hostile_text_in_json_is_lossless_and_inert() -> None:
    for tty in (False, True):
        out = contract("timeline", "-f", "json", tty=tty).out
        for ch in RAW_CONTROLS:
            assert ch not in out
        titles = [r["title"] for r in json.loads(out)]
        assert titles[1].startswith("CSI \x1b[2J clear")
        descriptions = [r["description"] for r in json.loads(out)]
        assert "\u202etxet desrever\u202c" in descriptions[1] and "\x9b31m" in descriptions[1]
        assert "Şəki, İstanbul, Gəncə" in out


def test_output_contract_is_documented() -> None:
    text = (TESTS.parent / "docs" / "output.md").read_text(encoding="utf-8")
    for name in ("auto", *FORMATS):
        assert f"| `{name}`" in text, name
    for needle in ("`--fields help`", '`"; "`', "formula neutralisation", "`NO_COLOR`", "`less -FRX`", "| 130 |"):
        assert needle in text, needle


HOSTILE_FIXTURES = [d for d in (CONTRACT, TESTS / "data" / "valid" / "hostile") if (d / "dataset.toml").exists()]


@pytest.mark.parametrize("tty", [False, True])
@pytest.mark.parametrize("command", ["timeline", "orgs", "countries", "search"])
@pytest.mark.parametrize("fixture", HOSTILE_FIXTURES, ids=lambda d: d.name)
def test_hostile_fixtures_read_back_in_every_format(fixture: Any, command: str, tty: bool) -> None:
    args = ["--data", str(fixture), command, *(["e"] if command == "search" else [])]
    reference = json.loads(run_cli([*args, "-f", "json"]).out)
    assert reference
    for fmt in ("tsv", "csv", "markdown"):
        result = run_cli([*args, "-f", fmt], tty=tty, width=400)
        assert result.code == 0, result.err
        header, rows = read_text(fmt, result.out)
        assert rows == [[expected_cell(fmt, ref[n], tty) for n in header] for ref in reference]
        if tty or fmt == "markdown":
            assert not any(neutralise(ch) != ch for ch in result.out if ch not in "\n" + ("\t" if fmt == "tsv" else ""))
    jsonl = run_cli([*args, "-f", "jsonl"], tty=tty)
    assert read_jsonl(jsonl.out) == reference
    table = run_cli([*args, "-f", "table"], tty=True, color=True, width=400).out
    assert all(ch == "\x1b" or neutralise(ch) == ch for ch in table if ch != "\n")
    assert "\x1b]" not in table and "\x1b[2J" not in table


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_bom_starts_csv_and_tsv_and_changes_nothing_else(run: Run, fmt: str) -> None:
    plain = run("timeline", "-f", fmt).out
    marked = run("timeline", "-f", fmt, "--bom")
    assert marked.code == 0 and marked.out == "\ufeff" + plain
    # What Excel and Python's utf-8-sig reader do: the mark goes, the data is the same.
    assert marked.out.encode("utf-8").decode("utf-8-sig") == plain


@pytest.mark.parametrize("fmt", ["json", "jsonl", "markdown", "table"])
def test_bom_elsewhere_is_a_usage_mistake(run: Run, fmt: str) -> None:
    result = run("timeline", "-f", fmt, "--bom")
    assert (result.code, result.out) == (2, "")
    assert f"--bom applies to csv and tsv output, not {fmt}" in result.err


@pytest.mark.parametrize("section", ["summary", "population", "organizations", "events"])
def test_section_is_honoured_in_json_and_on_a_terminal(run: Run, section: str) -> None:
    whole = json.loads(_ok(run("country", "DE", "-f", "json"), 0).out)
    part = json.loads(_ok(run("country", "DE", "--section", section, "-f", "json"), 0).out)
    if section == "summary":
        assert part == {k: v for k, v in whole.items() if k not in ("population", "organizations", "events")}
    else:
        assert part == whole[section]
        lines = _ok(run("country", "DE", "--section", section, "-f", "jsonl"), 0).out.splitlines()
        assert [json.loads(line) for line in lines] == whole[section]
    table = _ok(run("country", "DE", "--section", section, "-f", "table", tty=True, width=200), 0).out
    everything = _ok(run("country", "DE", "-f", "table", tty=True, width=200), 0).out
    assert len(table) < len(everything)  # one section drawn, not all of them
    wanted = {"summary": "name", "population": "figure", "organizations": "name", "events": "title"}[section]
    first = part if section == "summary" else part[0]
    assert str(first[wanted])[:20] in table
