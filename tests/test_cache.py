"""The parse cache: same answers with and without it, rebuilt on any change or damage, never required."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from diaspora_cli.core import cache
from diaspora_cli.core.loading import embedded_root, expand_roots
from diaspora_cli.core.model import Dataset, IndexedEvents
from diaspora_cli.core.query import Window, candidate_events
from diaspora_cli.core.search import event_haystack, org_haystack, search_all
from diaspora_cli.core.spelling import matches, needles
from diaspora_cli.core.store import open_dataset
from tests.conftest import MINI, run_cli

HOUR_AGO = time.time() - 3600

COMMANDS = [
    ["timeline", "-f", "json"],
    ["timeline", "--reverse", "--limit", "3", "-f", "json"],
    ["timeline", "--country", "DE", "--from", "1990", "--to", "2010", "-f", "json"],
    ["timeline", "--search", "congress", "-f", "jsonl"],
    ["countries", "-f", "json"],
    ["country", "Germany", "-f", "json"],
    ["orgs", "-f", "json"],
    ["search", "azerbaijan", "-f", "json"],
    ["search", "Rəsulzadə", "-f", "json"],
    ["search", "berlin", "-f", "json"],
    ["timeline", "--search", "berlin", "--country", "DE", "-f", "json"],
    ["timeline", "--search", "KÖLN", "--reverse", "-f", "json"],
    ["orgs", "--search", "kultur", "-f", "json"],
    ["show", "DE", "-f", "json"],
]


def copy_data(source: Path, target: Path) -> Path:
    """A private copy of a dataset whose files were last edited an hour ago (not 'racy')."""
    shutil.copytree(source, target)
    for path in target.iterdir():
        os.utime(path, (HOUR_AGO, HOUR_AGO))
    return target


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return copy_data(MINI, tmp_path / "data")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"XDG_CACHE_HOME": str(tmp_path / "xdg")}


def cache_files(env: dict[str, str]) -> list[Path]:
    folder = Path(env["XDG_CACHE_HOME"]) / "diaspora"
    return sorted(folder.glob("*")) if folder.exists() else []


def run(data: Path, env: dict[str, str], *args: str) -> str:
    result = run_cli(["--data", str(data), *args], environ=env)
    assert result.code == 0, result.err
    return result.out


def cached(data: Path, env: dict[str, str]) -> bool:
    """True when the dataset is answered from the cache."""
    return isinstance(open_dataset([str(data)], env).events, IndexedEvents)


def test_cache_is_written_in_xdg_cache_home_and_then_used(data: Path, env: dict[str, str]) -> None:
    assert not cached(data, env)
    (file,) = cache_files(env)
    assert file.parent == Path(env["XDG_CACHE_HOME"]) / "diaspora"
    assert file.suffix == ".sqlite"
    assert cached(data, env)


def test_home_cache_folder_when_xdg_is_unset(data: Path, tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path / "home")}
    open_dataset([str(data)], env)
    assert list((tmp_path / "home" / ".cache" / "diaspora").glob("dataset-*.sqlite"))


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_same_output_with_and_without_cache(data: Path, env: dict[str, str], args: list[str]) -> None:
    plain = run(data, env, "--no-cache", *args)
    assert not cache_files(env)  # --no-cache writes nothing
    first = run(data, env, *args)  # builds the cache
    assert cache_files(env)
    second = run(data, env, *args)  # answered from it
    assert cached(data, env)
    assert plain == first == second
    assert plain.strip()  # each command printed something real


def test_shipped_dataset_round_trips_exactly(tmp_path: Path, env: dict[str, str]) -> None:
    data = copy_data(embedded_root(), tmp_path / "shipped")
    fresh = open_dataset([str(data)], env)
    again = open_dataset([str(data)], env)
    assert isinstance(again.events, IndexedEvents)
    assert same_records(fresh, again)
    assert len(again.events) == len(fresh.events)
    assert again.events[0] == fresh.events[0] and again.events[-1] == fresh.events[-1]
    assert tuple(reversed(again.events)) == tuple(reversed(fresh.events))
    assert again.events[1:4] == tuple(fresh.events[1:4])
    for event in fresh.events[:5]:
        assert again.record(event.id) == event
    assert again.record("no-such-id") is None


def same_records(a: Dataset, b: Dataset) -> bool:
    return (a.info, tuple(a.events), a.organizations, a.countries, a.files) == (
        b.info,
        tuple(b.events),
        b.organizations,
        b.countries,
        b.files,
    )


@pytest.mark.parametrize(
    ("start", "end", "countries"),
    [
        (None, None, frozenset()),
        ("2001-01-01", None, frozenset()),
        (None, "1995-12-31", frozenset({"DE"})),
        ("1990-06-01", "2008-12-31", frozenset({"DE", "TR", "AZ"})),
        ("2100-01-01", None, frozenset()),
        (None, None, frozenset({"ZZ"})),
    ],
)
@pytest.mark.parametrize("reverse", [False, True])
def test_indexed_candidates_are_exactly_the_overlapping_events(
    tmp_path: Path, env: dict[str, str], start: str | None, end: str | None, countries: frozenset[str], reverse: bool
) -> None:
    import datetime as dt

    data = copy_data(embedded_root(), tmp_path / "shipped")
    fresh = open_dataset([str(data)], env)
    indexed = open_dataset([str(data)], env)
    window = Window(dt.date.fromisoformat(start) if start else None, dt.date.fromisoformat(end) if end else None)
    expected = [
        e
        for e in (reversed(fresh.events) if reverse else fresh.events)
        if window.overlaps(e.first_day(), e.last_day()) and (not countries or not countries.isdisjoint(e.countries))
    ]
    assert list(candidate_events(indexed, window, countries, reverse)) == expected


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty", "half-page"])
def test_damaged_cache_is_rebuilt_silently(data: Path, env: dict[str, str], damage: str) -> None:
    expected = run(data, env, "--no-cache", "timeline", "-f", "json")
    run(data, env, "timeline", "-f", "json")
    (file,) = cache_files(env)
    blob = file.read_bytes()
    if damage == "truncate":
        file.write_bytes(blob[: len(blob) // 2])
    elif damage == "garbage":
        file.write_bytes(os.urandom(len(blob)))
    elif damage == "empty":
        file.write_bytes(b"")
    else:
        file.write_bytes(blob[:100] + b"\0" * (len(blob) - 100))
    result = run_cli(["--data", str(data), "timeline", "-f", "json"], environ=env)
    assert (result.code, result.out, result.err) == (0, expected, "")
    assert cached(data, env)  # rewritten whole


@pytest.mark.parametrize("word", ["congress", "berlin", "Bakı", "youth", "ə", "-", "no such text at all"])
def test_cached_text_matching_is_exactly_the_folded_search(tmp_path: Path, env: dict[str, str], word: str) -> None:
    data = copy_data(embedded_root(), tmp_path / "shipped")
    fresh = open_dataset([str(data)], {**env, "XDG_CACHE_HOME": str(tmp_path / "none")}, use_cache=False)
    open_dataset([str(data)], env)  # writes the cache
    indexed = open_dataset([str(data)], env)
    assert isinstance(indexed.events, IndexedEvents) and indexed.haystacks
    keys = needles(word)
    expected = [e for e in fresh.events if matches(event_haystack(e, fresh), keys)]
    assert list(candidate_events(indexed, Window(), frozenset(), False, word)) == expected
    assert list(search_all(indexed, word)) == list(search_all(fresh, word))
    for org in fresh.organizations:  # the kept text is the text that would be keyed now
        assert indexed.haystacks[org.id] == org_haystack(org, fresh)


@pytest.mark.parametrize("args", [["timeline", "-f", "json"], ["timeline", "--search", "a", "-f", "json"]])
def test_damaged_row_found_mid_way_falls_back_to_the_sources(data: Path, env: dict[str, str], args: list[str]) -> None:
    expected = run(data, env, "--no-cache", *args)
    run(data, env, *args)
    (file,) = cache_files(env)
    with contextlib.closing(sqlite3.connect(file)) as conn:
        (blob,) = conn.execute("SELECT record FROM events WHERE seq = 2").fetchone()
    image = file.read_bytes()
    at = image.index(blob)
    flipped = bytes([image[at + len(blob) // 2] ^ 0x01])
    file.write_bytes(image[: at + len(blob) // 2] + flipped + image[at + len(blob) // 2 + 1 :])
    result = run_cli(["--data", str(data), *args], environ=env)
    assert (result.code, result.out, result.err) == (0, expected, "")


def edit_same_size(path: Path, old: str, new: str) -> None:
    assert len(old.encode()) == len(new.encode())
    text = path.read_text(encoding="utf-8")
    assert old in text
    info = os.stat(path)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert os.stat(path).st_size == info.st_size
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # even the mtime put back


def titles(data: Path, env: dict[str, str]) -> list[str]:
    return [row["title"] for row in json.loads(run(data, env, "timeline", "-f", "json"))]


def test_same_size_edit_with_restored_mtime_invalidates(data: Path, env: dict[str, str]) -> None:
    before = titles(data, env)
    assert cached(data, env)
    target = next(p for p in sorted(data.glob("*.toml")) if "[[events]]" in p.read_text(encoding="utf-8"))
    first = before[0]
    changed = first[:-1] + ("X" if first[-1] != "X" else "Y")
    edit_same_size(target, f'title = "{first}"', f'title = "{changed}"')
    after = titles(data, env)
    assert after[0] == changed
    assert after[1:] == before[1:]


def test_mtime_change_rebuilds_and_new_file_is_seen(data: Path, env: dict[str, str]) -> None:
    run(data, env, "timeline", "-f", "json")
    (file,) = cache_files(env)
    built = os.stat(file).st_mtime_ns
    target = sorted(data.glob("*.toml"))[-1]
    os.utime(target, (HOUR_AGO + 60, HOUR_AGO + 60))
    run(data, env, "timeline", "-f", "json")
    assert os.stat(file).st_mtime_ns != built  # rewritten
    # A file added to the folder changes the selection: a new cache, and its events are seen.
    extra = data / "zz-extra.toml"
    extra.write_text(
        '[[events]]\nid = "extra-event"\ndate = 2099-01-01\ntitle = "Extra"\ncategory = "other"\n'
        'sources = ["https://example.org"]\n',
        encoding="utf-8",
    )
    assert "Extra" in titles(data, env)


def test_freshly_edited_files_are_not_cached(data: Path, env: dict[str, str]) -> None:
    os.utime(sorted(data.glob("*.toml"))[0])  # now: within the racy window
    assert not cached(data, env)
    assert not cache_files(env)


def test_read_only_cache_folder_still_works(data: Path, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    env = {"XDG_CACHE_HOME": str(folder)}
    expected = run(data, env, "--no-cache", "timeline", "-f", "json")
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        result = run_cli(["--data", str(data), "timeline", "-f", "json"], environ=env)
        assert (result.code, result.out, result.err) == (0, expected, "")
    finally:
        folder.chmod(0o700)


def test_cache_path_that_is_a_file_still_works(data: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    env = {"XDG_CACHE_HOME": str(blocker)}
    expected = run(data, env, "--no-cache", "timeline", "-f", "json")
    result = run_cli(["--data", str(data), "timeline", "-f", "json"], environ=env)
    assert (result.code, result.out, result.err) == (0, expected, "")


def test_invalid_data_is_never_cached(tmp_path: Path, env: dict[str, str]) -> None:
    data = copy_data(MINI, tmp_path / "bad")
    records = data / "records.toml"
    records.write_text(records.read_text(encoding="utf-8") + '\n[[events]]\nid = "broken"\n', encoding="utf-8")
    os.utime(records, (HOUR_AGO, HOUR_AGO))
    for _ in range(2):
        result = run_cli(["--data", str(data), "timeline"], environ=env)
        assert result.code == 1
        assert "invalid" in result.err
    assert not cache_files(env)


def test_identity_changes_with_each_field(data: Path) -> None:
    paths = expand_roots([str(data)])
    first = cache.identify(paths)
    assert first is not None and len(first) == len(paths)
    os.utime(paths[0], (HOUR_AGO + 5, HOUR_AGO + 5))
    assert cache.identify(paths) != first
    assert cache.identify([data / "missing.toml"]) is None


def test_unwritable_cache_still_works_even_as_root(
    data: Path, env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("diaspora_cli.core.atomic.atomic_write", refuse)
    expected = run(data, env, "--no-cache", "timeline", "-f", "json")
    result = run_cli(["--data", str(data), "timeline", "-f", "json"], environ=env)
    assert (result.code, result.out, result.err) == (0, expected, "")
    assert not cache_files(env) or all(p.is_dir() for p in cache_files(env))


def test_no_home_folder_at_all_still_works(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def nowhere() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(nowhere))
    expected = run(data, {}, "--no-cache", "timeline", "-f", "json")
    assert run(data, {}, "timeline", "-f", "json") == expected
    with pytest.raises(OSError):
        cache.cache_folder({})
    assert cache.cache_folder({"XDG_CACHE_HOME": "relative/path", "HOME": "/h"}) == Path("/h/.cache/diaspora")
