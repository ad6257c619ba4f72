"""The layers import one way (cli -> output -> core; exporters -> output, core); Typer only in cli, Rich in output."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "diaspora_cli"
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def dotted(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module an import statement in this file names (at any depth: lazy imports count too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


ALLOWED = {
    "core": {"core", ""},
    "output": {"core", "output", ""},
    "exporters": {"core", "output", "exporters", ""},
    "cli": {"core", "output", "exporters", "cli", ""},
}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: dotted(p))
def test_imports_go_one_way(path: Path) -> None:
    own = layer(dotted(path))
    if own not in ALLOWED:
        return  # diaspora_cli/__init__.py and __main__.py: the entry points above every layer
    for name in imports(path):
        if name == "diaspora_cli" or name.startswith("diaspora_cli."):
            target = layer(name) if name.count(".") >= 1 else ""
            if target in ("__version__", "__main__"):
                target = ""
            assert target in ALLOWED[own], f"{dotted(path)} ({own}) imports {name} ({target})"
        top = name.split(".")[0]
        if top == "typer":
            assert dotted(path) in ("diaspora_cli.cli.app", "diaspora_cli.cli.completion.typer"), dotted(path)
        if top == "rich":
            assert own == "output", f"{dotted(path)} imports Rich outside the output layer"


CORE = [dotted(p) for p in MODULES if layer(dotted(p)) == "core"]


def test_the_core_loads_without_typer_rich_or_the_other_layers() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {CORE!r}:\n    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'rich', 'click')"
        " or m.startswith(('diaspora_cli.output', 'diaspora_cli.cli', 'diaspora_cli.exporters'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
    assert len(CORE) >= 12  # vocab, text, errors, atomic, model, loading, validation/*, store, cache, query, facets


def test_every_package_says_what_lives_there() -> None:
    for folder in ("core", "output", "cli", "exporters", "cli/completion", "cli/commands", "core/validation"):
        doc = ast.get_docstring(ast.parse((PACKAGE / folder / "__init__.py").read_text(encoding="utf-8")))
        assert doc and len(doc) > 40, folder


@pytest.mark.parametrize("path", MODULES, ids=lambda p: dotted(p))
def test_no_module_is_over_about_four_hundred_lines(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 450


@pytest.mark.parametrize("path", MODULES, ids=lambda p: dotted(p))
def test_no_module_uses_the_dataclasses_module(path: Path) -> None:
    # dataclasses (and the inspect it loads) plus exec'd methods per class were a third of every
    # start-up: record classes derive from core.record.Record instead.
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            assert all(a.name != "dataclasses" for a in node.names), dotted(path)
        elif isinstance(node, ast.ImportFrom):
            assert node.module != "dataclasses", dotted(path)


@pytest.mark.parametrize(
    "argv", [["timeline", "-f", "tsv"], ["search", "congress", "-f", "tsv"], ["show", "DE", "-f", "json"]]
)
def test_a_fast_command_loads_no_heavy_module(argv: list[str]) -> None:
    code = (
        "import io, sys\n"
        f"sys.argv = ['diaspora', *{argv!r}]\n"
        "from diaspora_cli.cli.main import main\n"
        "out, sys.stdout = sys.stdout, io.StringIO()\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stdout = out\n"
        "heavy = ('dataclasses', 'inspect', 'typer', 'click', 'rich', 'tomllib', 'tomli', 'json', 'difflib')\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)  # writes the cache
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = result.stdout.strip()
    assert loaded in ("[]", "['json']" if "json" in argv else "[]"), loaded


def test_an_edited_core_module_anywhere_invalidates_the_cache() -> None:
    from diaspora_cli.core import cache

    core_files = sorted((PACKAGE / "core").rglob("*.py"))
    assert any(p.parent.name == "validation" for p in core_files)
    before = cache._code_stamp()
    for path in core_files:
        info = path.stat()
        try:
            os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
            assert cache._code_stamp() != before, f"editing {path.name} would not invalidate the cache"
        finally:
            os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert cache._code_stamp() == before
