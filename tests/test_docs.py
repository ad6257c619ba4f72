"""Every command is documented: help text with examples, and a usage section in the README."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from diaspora_cli.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = [info.name or "" for info in app.registered_commands]


def test_commands_are_registered() -> None:
    assert set(COMMANDS) >= {"timeline", "country", "countries", "orgs", "show", "search", "on-this-day", "validate"}


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_a_readme_section(name: str) -> None:
    assert f"### `diaspora {name}" in README


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_help_has_examples(name: str) -> None:
    info = next(i for i in app.registered_commands if i.name == name)
    doc = info.callback.__doc__ or ""  # type: ignore[union-attr]
    assert "Examples:" in doc
    assert f"diaspora {name}" in doc.split("Examples:", 1)[1]


def test_readme_quick_start_is_two_commands_and_ci_runs_the_second() -> None:
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = [b.split("```", 1)[0].strip() for b in quick.split("```sh\n")[1:]]
    assert len(blocks) == 2
    assert blocks[0].endswith("diaspora timeline")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1] in ci.splitlines()  # verbatim, on a line of its own (then again per Python)
    for version in ("3.10", "3.11", "3.12", "3.13"):
        assert version in ci


def test_exit_codes_are_documented() -> None:
    from diaspora_cli.core.errors import ExitCode

    table = README.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    for code in ExitCode:
        assert f"| {int(code)} |" in table


def test_schema_doc_example_is_a_valid_dataset(tmp_path: Path) -> None:
    from diaspora_cli.core.store import check_dataset

    schema = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    example = schema.split("## Complete example", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "example.toml").write_text(example, encoding="utf-8")
    report = check_dataset([str(tmp_path / "example.toml")])
    assert [str(i) for i in report.issues] == []


def test_readme_library_example_runs() -> None:
    """The README's Python example of the core as a library runs and finds German events."""
    import contextlib
    import io
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (code,) = re.findall(r"```python\n(.*?)```", readme.split("## Architecture", 1)[1].split("\n## ", 1)[0], re.S)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})
    titles = eval(out.getvalue())
    assert isinstance(titles, list) and len(titles) == 3 and all(isinstance(t, str) and t for t in titles)


def test_contributing_shows_the_real_option_diff() -> None:
    """CONTRIBUTING.md's example diff is the --status option that the spec really declares."""
    from diaspora_cli.cli.spec import COMMANDS

    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    status = COMMANDS["orgs"].param("status")
    assert '"--status"' in text and "choices=ORGANIZATION_STATUSES" in text
    assert status.flags == ("--status",) and status.multiple


def test_the_audit_summary_is_current() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "audit_summary.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
