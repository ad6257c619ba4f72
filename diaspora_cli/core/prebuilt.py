"""The prebuilt parse cache of the embedded dataset, shipped inside the wheel.

A wheel ships the embedded dataset already parsed (PREBUILT, written by hatch_build.py), so
the first run after an install is as fast as any later one and writes nothing. File
identities (mtime, inode) change with every install, so this one is keyed by content: each
data file's name, size and crc32, and the sizes of the core modules, the version and schema.
Reading and summing the embedded files costs about a millisecond.
"""

from __future__ import annotations

import marshal
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

from diaspora_cli import __version__
from diaspora_cli.core.cache import FORMAT, _code_stamp, _schema, build_file, open_file
from diaspora_cli.core.model import Dataset

PREBUILT = "prebuilt.sqlite"


def content_fingerprint(paths: Sequence[Path]) -> bytes | None:
    """What the prebuilt cache checks: the files' names, sizes and contents; None if one is unreadable."""
    files = []
    try:
        for path in paths:
            data = path.read_bytes()
            files.append((path.name, len(data), zlib.crc32(data)))
    except OSError:
        return None
    code = [(name, size) for name, size, _mtime in _code_stamp()]
    return marshal.dumps(("prebuilt", FORMAT, __version__, _schema(), code, files))


def write_prebuilt(dataset: Dataset, paths: Sequence[Path], target: Path) -> None:
    """Write the prebuilt cache for `dataset`, read from `paths` (the build hook calls this)."""
    fingerprint = content_fingerprint(paths)
    if fingerprint is None:
        raise OSError("cannot read the dataset files for the prebuilt cache")
    target.unlink(missing_ok=True)
    build_file(dataset, fingerprint, str(target))


def load_prebuilt(folder: Path, paths: Sequence[Path], rebuild: Callable[[], Dataset]) -> Dataset | None:
    """The embedded dataset from the wheel's prebuilt cache, if it is there and matches `paths`."""
    target = folder / PREBUILT
    if not target.is_file():
        return None  # a checkout or an editable install: the user cache does the work
    fingerprint = content_fingerprint(paths)
    return None if fingerprint is None else open_file(target, fingerprint, rebuild, [str(p) for p in paths])
