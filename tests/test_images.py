"""scripts/make_images.py: it draws every README picture from the real CLI, and the README folder has them all."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

from tests.conftest import TESTS

ROOT = TESTS.parent
SCRIPT = ROOT / "scripts" / "make_images.py"


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_images", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def test_script_writes_an_svg_per_picture_from_real_output(tmp_path: Path) -> None:
    script = load_script()
    assert script.main(["--out", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(p.name for p in script.PICTURES)
    stats = (tmp_path / "stats-decade.svg").read_text(encoding="utf-8")
    assert stats.startswith("<svg")
    # Rich writes spaces as &#160;: the drill-down command of a real bucket is in the picture.
    assert "diaspora&#160;timeline&#160;--from&#160;2000&#160;--to&#160;2009" in stats
    chart = (tmp_path / "chart-germany.svg").read_text(encoding="utf-8")
    assert re.search(r"span&#160;of&#160;years", chart)
    assert script.main(["--out", str(tmp_path), "--check"]) == 0  # the same output twice: stable files


def test_check_notices_a_stale_picture(tmp_path: Path) -> None:
    script = load_script()
    assert script.main(["--out", str(tmp_path)]) == 0
    (tmp_path / "timeline.svg").write_text("<svg/>", encoding="utf-8")
    assert script.main(["--out", str(tmp_path), "--check"]) == 1


def test_committed_pictures_are_the_scripted_ones() -> None:
    script = load_script()
    committed = sorted(p.name for p in (ROOT / "docs" / "images").glob("*.svg"))
    assert committed == sorted(p.name for p in script.PICTURES)
    pictures_doc = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in committed:
        assert f"images/{name}" in pictures_doc


def test_script_runs_in_a_fresh_interpreter_and_committed_pictures_are_current() -> None:
    import subprocess
    import sys

    # A fresh process: the script must register the commands itself (an in-process run could
    # borrow them from other tests). --check: the README never shows stale output.
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_images.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
