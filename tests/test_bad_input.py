"""Hostile files: every malformed or invalid one gets a located one-line message, fast, in bounded memory.

tests/data/invalid/toml/ holds files the TOML reader refuses, tests/data/invalid/schema/ complete
tiny datasets with exactly one schema problem each; EXPECTED.tsv in each folder gives every
file's line and message. Inputs too large to commit are generated here.
"""

from __future__ import annotations

import errno
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from diaspora_cli.core import loading
from diaspora_cli.core.errors import DataFileError
from diaspora_cli.core.store import check_dataset
from tests.conftest import INVALID, MINI, Result, run_cli

TOML = INVALID / "toml"
SCHEMA = INVALID / "schema"
HANG_GUARD = 5  # seconds: the issue's bound for any answer; only ever a guard, never measured
MEMORY = 1 << 30  # bytes of address space for a child: loading a bad file must fit in 1 GiB


def expected(folder: Path) -> dict[str, tuple[int | None, str]]:
    """File name -> (line or None, message substring), from the folder's EXPECTED.tsv."""
    table: dict[str, tuple[int | None, str]] = {}
    for row in (folder / "EXPECTED.tsv").read_text(encoding="utf-8").splitlines():
        if row.startswith("#") or not row.strip():
            continue
        name, line, message = row.split("\t")
        table[name] = (int(line) if line else None, message)
    return table


TOML_CASES = expected(TOML)
SCHEMA_CASES = expected(SCHEMA)


def test_every_corpus_file_has_an_expectation_and_the_corpus_is_large_enough() -> None:
    for folder, cases in ((TOML, TOML_CASES), (SCHEMA, SCHEMA_CASES)):
        assert sorted(p.name for p in folder.glob("*.toml")) == sorted(cases)
    assert len(TOML_CASES) >= 40
    assert len(SCHEMA_CASES) >= 40


def where(path: Path, line: int | None) -> str:
    return f"{path}:{line}:" if line is not None else f"{path}: "


def assert_clean_failure(result: Result) -> None:
    assert result.code == 1, result
    assert "Traceback" not in result.err and "internal error" not in result.err, result.err
    for text in (result.out, result.err):
        assert "\x1b" not in text


@pytest.mark.parametrize("name", sorted(TOML_CASES))
def test_malformed_toml_is_one_located_message(name: str) -> None:
    line, message = TOML_CASES[name]
    path = TOML / name
    result = run_cli(["--no-cache", "--data", str(path), "timeline"])
    assert_clean_failure(result)
    first = result.err.splitlines()[0]
    assert first.startswith(f"diaspora: {where(path, line)}"), first
    assert message in first
    assert result.out == ""


@pytest.mark.parametrize("name", sorted(TOML_CASES))
def test_validate_reports_malformed_toml_as_one_issue(name: str) -> None:
    line, message = TOML_CASES[name]
    result = run_cli(["validate", str(TOML / name), "-f", "json"])
    assert_clean_failure(result)
    issues = json.loads(result.out)["issues"]
    assert len(issues) == 1, issues
    assert issues[0]["line"] == line
    assert message in issues[0]["message"]


@pytest.mark.parametrize("name", sorted(SCHEMA_CASES))
def test_schema_violation_is_exactly_one_located_issue(name: str) -> None:
    line, message = SCHEMA_CASES[name]
    path = SCHEMA / name
    result = run_cli(["validate", str(path), "-f", "json"])
    assert_clean_failure(result)
    issues = json.loads(result.out)["issues"]
    assert len(issues) == 1, issues
    assert (issues[0]["line"], issues[0]["file"]) == (line, str(path))
    assert message in issues[0]["message"]
    # The people's form names the file and line (or the record) on one line.
    text = run_cli(["validate", str(path)], tty=True, width=300)
    assert text.code == 1
    assert text.out.startswith(where(path, line).rstrip())
    assert message in text.out


@pytest.mark.parametrize("name", sorted(SCHEMA_CASES)[::8])
def test_schema_violation_stops_other_commands_with_the_problem(name: str) -> None:
    line, message = SCHEMA_CASES[name]
    path = SCHEMA / name
    result = run_cli(["--no-cache", "--data", str(path), "countries"])
    assert_clean_failure(result)
    lines = result.err.splitlines()
    assert lines[0].startswith(f"diaspora: {where(path, line).rstrip()}") and message in lines[0]
    assert lines[-1] == "diaspora: the dataset is invalid (1 problem); run 'diaspora validate' for a report"


def test_the_schema_base_is_valid_so_each_file_tests_one_thing(tmp_path: Path) -> None:
    # Undo the one change of a file and it must be valid: take the duplicate-alpha3 case back.
    text = (SCHEMA / "country-duplicate-alpha3.toml").read_text(encoding="utf-8")
    fixed = tmp_path / "fixed.toml"
    fixed.write_text(text.replace('alpha3 = "DEU"\nname = "Türkiye"', 'alpha3 = "TUR"\nname = "Türkiye"'), "utf-8")
    report = check_dataset([str(fixed)])
    assert report.issues == ()


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    folder = tmp_path / "bom"
    folder.mkdir()
    for source in MINI.glob("*.toml"):
        (folder / source.name).write_bytes(b"\xef\xbb\xbf" + source.read_bytes().replace(b"\n", b"\r\n"))
    result = run_cli(["--no-cache", "--data", str(folder), "show", "congress-2001", "-f", "json"])
    assert result.code == 0, result.err
    assert json.loads(result.out)["title"] == "First congress in Baku"


# ---- generated inputs: too large to commit -------------------------------------------------------

GENERATED = {
    "deep-arrays.toml": ("x = " + "[" * 50_000 + "]" * 50_000 + "\n", 1, "nested too deeply"),
    "deep-inline-tables.toml": ("x = " + "{a = " * 20_000 + "1" + "}" * 20_000 + "\n", 1, "nested too deeply"),
    "integer-5000-digits.toml": ('[dataset]\nname = "x"\nsize = ' + "9" * 5_000 + "\n", 3, "thousands of digits"),
    "integer-1m-digits.toml": ("size = " + "1" * 1_000_000 + "\n", 1, "thousands of digits"),
    "hex-integer-100k-digits.toml": ("\n\nsize = 0x" + "f" * 100_000 + "\n", 3, "outside the 64-bit range"),
    "one-megabyte-line-unclosed.toml": ('[dataset]\nname = "' + "a" * 1_048_576 + "\n", 2, "not closed"),
    "one-megabyte-line-of-garbage.toml": ("# ok\n" + "@" * 1_048_576 + "\n", 2, "Invalid statement"),
    "dotted-key-5000-parts.toml": ("\n" + ".".join(["a"] * 5_000) + " = 1\n", 2, "more than 64 dotted parts"),
    "quoted-dotted-key-5000-parts.toml": ('"a"' + '."a"' * 5_000 + " = 1\n", 1, "more than 64 dotted parts"),
    "table-header-5000-parts.toml": ("[" + ".".join(["t"] * 5_000) + "]\n", 1, "more than 64 dotted parts"),
    "array-table-header-5000-parts.toml": ("[[" + " . ".join(["t"] * 5_000) + "]]\n", 1, "more than 64 dotted"),
    "inline-table-key-5000-parts.toml": ("x = {" + ".".join(["k"] * 5_000) + " = 1}\n", 1, "more than 64 dotted"),
    "binary-noise.toml": (bytes(range(256)) * 4096, 1, "NUL byte"),
}


def write_generated(folder: Path, name: str) -> Path:
    content = GENERATED[name][0]
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_large_input_is_one_located_message(tmp_path: Path, name: str) -> None:
    _, line, message = GENERATED[name]
    path = write_generated(tmp_path, name)
    result = run_cli(["--no-cache", "--data", str(path), "timeline"])
    assert_clean_failure(result)
    first = result.err.splitlines()[0]
    assert first.startswith(f"diaspora: {path}:{line}:"), first[:300]
    assert message in first
    # The message is about the input, not a copy of it.
    assert len(first) < 400


# ---- the real process: no hang, bounded memory, one message -------------------------------------


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def child_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DIASPORA", "PYTHON", "LC_", "LANG"))}
    env.update({"XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONIOENCODING": "utf-8", "COLUMNS": "100"})
    return env


def run_child(tmp_path: Path, *args: str, timeout: float = HANG_GUARD) -> subprocess.CompletedProcess[str]:
    """The CLI as a real process, with a hang guard and an address-space limit."""
    return subprocess.run(
        [sys.executable, "-m", "diaspora_cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="strict",
        env=child_env(tmp_path),
        stdin=subprocess.DEVNULL,
        timeout=timeout,
        preexec_fn=limit_memory,
    )


REPRESENTATIVE = [
    "unclosed-multiline-string.toml",
    "duplicate-table.toml",
    "date-february-30.toml",
    "utf16-le-bom.toml",
    "nul-byte.toml",
    "json-object.toml",
    "git-conflict-markers.toml",
    "int-over-64-bits.toml",
    "empty.toml",
]


@pytest.mark.parametrize("name", REPRESENTATIVE + sorted(GENERATED)[::2])
def test_real_process_answers_in_time_within_a_memory_limit(tmp_path: Path, name: str) -> None:
    path = write_generated(tmp_path, name) if name in GENERATED else TOML / name
    line = GENERATED[name][1] if name in GENERATED else TOML_CASES[name][0]
    result = run_child(tmp_path, "--no-cache", "--data", str(path), "timeline")
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 2, result.stderr[:2000]
    assert lines[0].startswith(f"diaspora: {where(path, line)}")
    assert lines[1].startswith("diaspora: the dataset is invalid")


def test_real_process_validates_every_schema_file_at_once(tmp_path: Path) -> None:
    # Each file is a whole dataset, so together they also clash (ids, [dataset]); what matters
    # is that every file's own problem is there and the answer is quick and clean.
    result = run_child(tmp_path, "validate", str(SCHEMA), "-f", "json", timeout=HANG_GUARD * 2)
    assert result.returncode == 1
    assert result.stderr == ""  # the JSON report says it all
    issues = json.loads(result.stdout)["issues"]
    missing = []
    for name, (line, message) in SCHEMA_CASES.items():
        mine = [i for i in issues if i["file"] == str(SCHEMA / name) and i["line"] == line]
        if not any(message in i["message"] for i in mine):
            missing.append(name)
    # Only "no [dataset] anywhere" cannot hold when the other files each have one.
    assert missing == ["dataset-missing.toml"]


# ---- the file system ----------------------------------------------------------------------------


def fs_case(tmp_path: Path, case: str) -> Path:
    if case == "fifo":
        path = tmp_path / "pipe.toml"
        os.mkfifo(path)
    elif case == "directory":
        path = tmp_path / "x.toml"
        path.mkdir()
        (path / "inner.toml").write_text("[dataset]\n", encoding="utf-8")
    elif case == "symlink-loop":
        path = tmp_path / "loop.toml"
        os.symlink(tmp_path / "other.toml", path)
        os.symlink(path, tmp_path / "other.toml")
    elif case == "dev-zero":
        path = Path("/dev/zero")
    elif case == "over-size-cap":
        path = tmp_path / "huge.toml"
        with path.open("wb") as handle:
            handle.truncate(loading.MAX_FILE_BYTES + 1)  # sparse: no disk used
    elif case == "missing":
        path = tmp_path / "nowhere.toml"
    elif case == "empty-folder":
        path = tmp_path / "empty"
        path.mkdir()
    else:
        raise AssertionError(case)
    return path


FS_CASES = {
    "fifo": "is not a regular file",
    "directory": "is a folder, not a TOML file",
    "symlink-loop": "symbolic links",
    "dev-zero": "is not a regular file",
    "over-size-cap": f"over the {loading.MAX_FILE_BYTES:,}-byte limit",
    "missing": "no such file or folder",
    "empty-folder": "folder holds no .toml files",
}


@pytest.mark.parametrize("case", sorted(FS_CASES))
def test_file_system_oddity_is_one_clear_message(tmp_path: Path, case: str) -> None:
    path = fs_case(tmp_path, case)
    # A real process: if a check regressed, a FIFO or /dev/zero would hang or eat memory,
    # and the guard turns that into a failure instead of a stuck suite.
    result = run_child(tmp_path, "--no-cache", "--data", str(path), "timeline")
    assert result.returncode == 1
    assert result.stdout == ""
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"diaspora: {path}: ") and FS_CASES[case] in first, result.stderr
    assert "Traceback" not in result.stderr


def test_validate_reports_every_odd_file_of_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    for source in MINI.glob("*.toml"):
        (folder / source.name).write_bytes(source.read_bytes())
    os.mkfifo(folder / "fifo.toml")
    (folder / "dir.toml").mkdir()
    os.symlink(folder / "loop-b.toml", folder / "loop-a.toml")
    os.symlink(folder / "loop-a.toml", folder / "loop-b.toml")
    result = run_child(tmp_path, "validate", str(folder), "-f", "tsv", "--no-header", "--fields", "file,message")
    assert result.returncode == 1
    rows = dict(line.split("\t") for line in result.stdout.splitlines())
    assert rows[str(folder / "fifo.toml")].startswith("is not a regular file")
    assert rows[str(folder / "dir.toml")].startswith("is a folder")
    assert "symbolic links" in rows[str(folder / "loop-a.toml")]
    assert "symbolic links" in rows[str(folder / "loop-b.toml")]
    assert len(rows) == 4  # and the good files of the folder have nothing to report


def test_unreadable_file_is_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # We run as root, so chmod 000 would not stop the read: make os.open refuse instead.
    path = tmp_path / "secret.toml"
    path.write_text("[dataset]\n", encoding="utf-8")
    real_open = os.open

    def refuse(file: object, flags: int, *args: object, **kwargs: object) -> int:
        if os.fspath(file) == str(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    result = run_cli(["--no-cache", "--data", str(path), "timeline"])
    assert_clean_failure(result)
    assert result.err.splitlines()[0] == f"diaspora: {path}: permission denied"


def test_unreadable_folder_is_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    real_scandir = os.scandir

    def refuse(target: object = ".") -> object:
        if os.fspath(target) == str(folder):
            raise PermissionError(errno.EACCES, "Permission denied", str(folder))
        return real_scandir(target)

    monkeypatch.setattr(os, "scandir", refuse)
    result = run_cli(["--no-cache", "--data", str(folder), "timeline"])
    assert_clean_failure(result)
    assert result.err.splitlines()[0] == f"diaspora: {folder}: permission denied"


CONTROL_NAME = "evil\x1b[31m\x07\nname\u202e.toml"
SHOWN_NAME = "evil\\e[31m\\x07\\nname\\u202e.toml"


@pytest.mark.parametrize("exists", [True, False])
def test_control_characters_in_a_file_name_are_shown_escaped(tmp_path: Path, exists: bool) -> None:
    path = tmp_path / CONTROL_NAME
    if exists:
        path.write_text("not toml\n", encoding="utf-8")
    result = run_child(tmp_path, "--no-cache", "--data", str(path), "timeline")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == (2 if exists else 1), lines
    assert lines[0].startswith(f"diaspora: {tmp_path}/{SHOWN_NAME}:")
    for forbidden in ("\x1b", "\x07", "\u202e"):
        assert forbidden not in result.stderr


def test_a_file_name_that_is_not_utf8_is_shown_escaped(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/bad-\xff-name.toml"
    with open(raw, "wb") as handle:
        handle.write(b"= broken\n")
    result = run_child(tmp_path, "--no-cache", "--data", os.fsdecode(raw), "timeline")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith(f"diaspora: {tmp_path}/bad-\\udcff-name.toml:1:1: ")


def test_a_path_swapped_for_a_fifo_after_the_check_does_not_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The race: stat saw a regular file, then the name became a FIFO. open must not block and
    # fstat of what was opened must refuse it.
    path = tmp_path / "swapped.toml"
    path.write_text("[dataset]\n", encoding="utf-8")
    real_stat = os.stat
    seen = []

    def stat_then_swap(target: object, *args: object, **kwargs: object) -> os.stat_result:
        info = real_stat(target, *args, **kwargs)
        if os.fspath(target) == str(path) and not seen:
            seen.append(True)
            path.unlink()
            os.mkfifo(path)
        return info

    monkeypatch.setattr(loading.os, "stat", stat_then_swap)
    with pytest.raises(DataFileError, match="is not a regular file"):
        loading.read_text(path)
    assert seen
