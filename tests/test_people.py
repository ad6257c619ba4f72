"""People, places and names in other languages: schema, look-ups, search, and the CLI (#14)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from diaspora_cli.cli.completion import candidates as cands
from diaspora_cli.core import query, search, summaries
from diaspora_cli.core.errors import Ambiguous, NotFound
from diaspora_cli.core.model import Dataset
from diaspora_cli.core.store import open_dataset
from tests.conftest import run_cli

NAMES = Path(__file__).parent / "data" / "valid" / "names"


@pytest.fixture(scope="module")
def named() -> Dataset:
    return open_dataset([str(NAMES)], {})


def cli(*args: str, tty: bool = False) -> tuple[int, str, str]:
    result = run_cli(["--no-cache", "--data", str(NAMES), *args], tty=tty)
    return result.code, result.out, result.err


@pytest.mark.parametrize("typed", ["Rasulzade", "Rəsulzadə", "Resulzade", "Расулзаде", "mammad-amin-rasulzade"])
def test_a_person_resolves_in_any_spelling(named: Dataset, typed: str) -> None:
    assert query.resolve_person(named, typed).id == "mammad-amin-rasulzade"


def test_person_misses_and_ambiguity(named: Dataset) -> None:
    with pytest.raises(NotFound):
        query.resolve_person(named, "Nobody Atall")
    with pytest.raises(NotFound) as caught:
        query.resolve_person(named, "Topchubashev")  # a typo: suggested, never picked
    assert caught.value.suggestions
    assert query.resolve_person(named, "Emin").id == "mammad-amin-rasulzade"  # a whole word of a name


def test_an_ambiguous_person_is_not_picked(named: Dataset) -> None:
    with pytest.raises(Ambiguous):
        query.resolve_person(named, "Mamma")  # a prefix of two people's names


def test_summary_lists_what_names_the_person(named: Dataset) -> None:
    person = query.resolve_person(named, "Topchubashov")
    summary = summaries.summarise_person(named, person)
    assert [o.id for o in summary.organizations] == ["org-kultur"]
    assert summary.events == ()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Bakı", {"baku", "congress-2001"}),  # the place's az name; the event says "Baku"
        ("Баку", {"baku", "congress-2001"}),
        ("Bakü", {"baku", "congress-2001"}),  # Turkish
        ("Топчибашев", {"alimardan-topchubashov", "org-kultur"}),  # through the org's people link
        ("Rəsulzadə", {"mammad-amin-rasulzade", "congress-2001"}),
    ],
)
def test_search_finds_through_names_and_links(named: Dataset, typed: str, expected: set[str]) -> None:
    assert {h.id for h in search.search_all(named, typed)} == expected


def test_search_ranks_and_explains(named: Dataset) -> None:
    hits = search.search_all(named, "Baku")
    assert [h.id for h in hits][:2] == ["baku", "congress-2001"]  # the place named Baku, then the title
    assert (hits[0].rank, hits[0].matched) == (0, "name")
    assert (hits[1].rank, hits[1].matched) == (1, "title")
    linked = {h.id: h for h in search.search_all(named, "Топчибашев")}["org-kultur"]
    assert linked.matched == "other names"


def test_search_with_and_without_the_cache_agree(tmp_path: Path) -> None:
    data = tmp_path / "names"
    shutil.copytree(NAMES, data)
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    for typed in ["Bakı", "Топчибашев", "Rəsulzadə", "congress"]:
        cold = run_cli(["--data", str(data), "search", typed, "-f", "json"], environ=env)
        warm = run_cli(["--data", str(data), "search", typed, "-f", "json"], environ=env)
        files = run_cli(["--no-cache", "--data", str(data), "search", typed, "-f", "json"], environ=env)
        assert cold.out == warm.out == files.out, typed
        assert json.loads(files.out)


def test_timeline_person_filter() -> None:
    code, out, err = cli("timeline", "--person", "Rəsulzadə", "-f", "tsv", "--fields", "id", "--no-header")
    assert (code, out, err) == (0, "congress-2001\n", "")
    code, out, err = cli("timeline", "--person", "Nobody", "-f", "tsv")
    assert code == 2 and out == "" and "--person" in err and "Nobody" in err


@pytest.mark.parametrize("fmt", ["tsv", "csv", "json", "jsonl", "markdown"])
def test_people_listing_in_every_format(fmt: str) -> None:
    code, out, err = cli("people", "-f", fmt)
    assert code == 0 and err == ""
    assert "Mammad Amin Rasulzade" in out and "Alimardan Topchubashov" in out
    if fmt == "json":
        rows = json.loads(out)
        assert rows[2]["names"] is None
        assert rows[1]["names"]["ru"] == "Мамед Эмин Расулзаде"
        assert rows[1]["born"] == "1884-01-31"


def test_people_filters_and_errors() -> None:
    assert cli("people", "--role", "émigré leader", "-f", "tsv", "--fields", "id", "--no-header")[1] == (
        "mammad-amin-rasulzade\n"
    )
    assert cli("people", "--country", "Germany", "-f", "tsv", "--fields", "id", "--no-header")[1] == (
        "alimardan-topchubashov\n"
    )
    code, out, err = cli("people", "--role", "politican")
    assert code == 2 and out == "" and "did you mean politician?" in err


def test_person_report() -> None:
    code, out, err = cli("person", "Расулзаде", "-f", "json")
    document = json.loads(out)
    assert code == 0 and err == ""
    assert document["id"] == "mammad-amin-rasulzade"
    assert [e["id"] for e in document["events"]] == ["congress-2001"]
    assert document["counts"] == {"organizations": 0, "events": 1}
    code, out, _ = cli("person", "Rasulzade", "--section", "events", "-f", "csv")
    assert code == 0 and out.splitlines()[1].startswith("congress-2001,")
    code, out, _ = cli("person", "Rasulzade", tty=True)
    assert code == 0 and "Events" in out and "Məhəmməd Əmin Rəsulzadə" in out
    code, out, err = cli("person", "Nobody")
    assert code == 1 and out == "" and "no person matches 'Nobody'" in err


def test_lang_falls_back_to_english() -> None:
    code, out, _ = cli("timeline", "--lang", "az", "-f", "tsv", "--fields", "id,title", "--no-header")
    rows = dict(line.split("\t") for line in out.splitlines())
    assert code == 0
    assert rows["congress-2001"] == "Bakıda ilk qurultay"
    assert rows["emigre-wave-1920"] == "Émigrés leave after 1920"  # no az title: English, never empty
    assert cli("people", "--lang", "ru", "-f", "tsv", "--fields", "name", "--no-header")[1].splitlines() == [
        "Алимардан Топчибашев",
        "Мамед Эмин Расулзаде",
        "Mammad Test Person",  # no Russian name: English
    ]
    code, out, err = cli("timeline", "--lang", "de")
    assert code == 2 and out == "" and "--lang" in err


def test_show_person_and_place() -> None:
    code, out, _ = cli("show", "baku", "-f", "json")
    assert code == 0 and json.loads(out)["names"] == {"az": "Bakı", "ru": "Баку", "tr": "Bakü"}
    code, out, _ = cli("show", "alimardan-topchubashov", "-f", "json")
    assert code == 0 and json.loads(out)["life"] == "b. 1862"


def test_person_completion() -> None:
    found = cands.candidates("person", "Ras", [str(NAMES)], {})
    assert ("Rasulzade", "Mammad Amin Rasulzade") in found
    assert ("politician", "") in cands.candidates("role", "pol", [str(NAMES)], {})


def _validate(tmp_path: Path, extra: str) -> str:
    data = tmp_path / "d"
    shutil.copytree(NAMES, data)
    (data / "extra.toml").write_text(extra, encoding="utf-8")
    result = run_cli(["--no-cache", "validate", str(data), "-f", "tsv", "--fields", "location,problem", "--no-header"])
    assert result.code == 1
    return result.out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('[[people]]\nid = "x-y"\nname = "X"\nsources = ["s"]\nnames = { en = "X" }\n', "'en' is the record's own"),
        ('[[people]]\nid = "x-y"\nname = "X"\nsources = ["s"]\nnames = { AZ1 = "X" }\n', "is not a language code"),
        ('[[people]]\nid = "x-y"\nname = "X"\nsources = ["s"]\nnames = "X"\n', "must be a table of language"),
        ('[[people]]\nid = "x-y"\nname = "X"\nsources = ["s"]\nborn = "1900"\ndied = "1890"\n', "is before born"),
        ('[[people]]\nid = "x-y"\nname = "X"\nsources = ["s"]\ncountries = ["XX"]\n', "unknown country 'XX'"),
        ('[[people]]\nid = "baku"\nname = "X"\nsources = ["s"]\n', "duplicate id 'baku'"),
        ('[[places]]\nid = "p"\nname = "P"\ncountry = "ZZ"\nsources = ["s"]\n', "unknown country 'ZZ'"),
        (
            '[[events]]\nid = "e"\ndate = "2001"\ntitle = "T"\ncategory = "other"\nsources = ["s"]'
            '\npeople = ["rasul"]\n',
            "unknown person 'rasul'",
        ),
    ],
)
def test_schema_problems_are_located(tmp_path: Path, extra: str, message: str) -> None:
    out = _validate(tmp_path, extra)
    assert message in out and "extra.toml:" in out, out


def test_sqlite_export_has_people_places_and_links(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "d.db"
    code, _, err = cli("export", "sqlite", "-o", str(db))
    assert code == 0, err
    with sqlite3.connect(db) as conn:
        people = {row[0]: json.loads(row[1]) for row in conn.execute("SELECT id, names FROM people")}
        links = conn.execute("SELECT event_id, person_id FROM event_people").fetchall()
        orgs = conn.execute("SELECT organization_id, person_id FROM organization_people").fetchall()
        place = conn.execute("SELECT country, names FROM places WHERE id = 'baku'").fetchone()
        found = conn.execute(
            "SELECT p.id FROM people_fts f JOIN people p ON p.rowid = f.rowid WHERE people_fts MATCH ?", ("Расулзаде",)
        ).fetchall()
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    assert people["mammad-amin-rasulzade"]["ru"] == "Мамед Эмин Расулзаде" and people["mammad-test-person"] == {}
    assert links == [("congress-2001", "mammad-amin-rasulzade")]
    assert orgs == [("org-kultur", "alimardan-topchubashov")]
    assert place[0] == "AZ" and json.loads(place[1])["az"] == "Bakı"
    assert found == [("mammad-amin-rasulzade",)]
