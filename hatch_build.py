"""Wheel build hook: ship the embedded dataset already parsed, so the first run is a warm one.

The wheel's `diaspora_cli/data/prebuilt.sqlite` is the parse cache of the embedded dataset,
keyed by the data files' contents (see diaspora_cli/core/cache.py, "the prebuilt cache"); it
is written by the same code that will read it. Editable installs and checkouts have none: they
use the user cache as before.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class PrebuiltCacheHook(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        sys.path.insert(0, self.root)
        try:
            from diaspora_cli.core import prebuilt
            from diaspora_cli.core.loading import expand_roots
            from diaspora_cli.core.store import check_files
        finally:
            sys.path.remove(self.root)
        data = Path(self.root) / "data"
        paths = expand_roots([str(data)])
        report = check_files(paths)
        if report.dataset is None:
            raise RuntimeError(f"the embedded dataset is invalid: {report.issues[0]}")
        target = Path(self.directory) / "prebuilt" / prebuilt.PREBUILT
        target.parent.mkdir(parents=True, exist_ok=True)
        prebuilt.write_prebuilt(report.dataset, paths, target)
        build_data["force_include"][str(target)] = f"diaspora_cli/data/{prebuilt.PREBUILT}"
