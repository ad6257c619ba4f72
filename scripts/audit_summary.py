"""Summarise the audit tables in docs/audit/*.md into docs/audit/README.md.

Every table with a `verdict` column counts (the first audit of each file, the second reading of
records added later, the re-check samples); a record's row in a later table of the same kind
does not replace an earlier one: both readings are counted, as they are separate checks.

    python scripts/audit_summary.py           # write docs/audit/README.md
    python scripts/audit_summary.py --check   # exit 1 if it is out of date (the test suite runs this)
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AUDIT = ROOT / "docs" / "audit"
TARGET = AUDIT / "README.md"
VERDICTS = ("correct", "corrected", "claim removed", "record removed", "not audited")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def rows(path: Path) -> list[dict[str, str]]:
    """Every row of every table in `path` whose header has a verdict column."""
    out: list[dict[str, str]] = []
    header: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            header = None
            continue
        cells = _cells(line)
        if header is None:
            header = [c.lower() for c in cells]
            continue
        if all(set(c) <= set("-: ") for c in cells):
            continue  # the separator row
        if ("verdict" in header or "errors found" in header) and len(cells) == len(header):
            out.append(dict(zip(header, cells, strict=True)))
    return out


def _verdict(text: str) -> str:
    text = text.strip("*` ").lower()
    for verdict in sorted(VERDICTS, key=len, reverse=True):
        if text.startswith(verdict):
            return verdict
    return "other"


def summary() -> str:
    per_file: dict[str, collections.Counter[str]] = {}
    errors: collections.Counter[str] = collections.Counter()
    total: collections.Counter[str] = collections.Counter()
    rechecks: list[tuple[str, int, int]] = []
    for path in sorted(AUDIT.glob("*.md")):
        if path == TARGET:
            continue
        counts: collections.Counter[str] = collections.Counter()
        samples: list[dict[str, str]] = []
        for row in rows(path):
            if "verdict" not in row:
                samples.append(row)
                continue
            verdict = _verdict(row["verdict"])
            counts[verdict] += 1
            kinds = row.get("error types") or row.get("error type") or ""
            for kind in kinds.replace(";", ",").split(","):
                kind = kind.strip(" `*").lower()
                if kind and kind not in ("—", "-", "none"):
                    errors[kind] += 1
        if counts:
            per_file[path.name] = counts
            total.update(counts)
        if samples:
            clean = sum(1 for r in samples if r["errors found"].strip("*` ").lower() in ("0", "none", "no", "—"))
            rechecks.append((path.name, clean, len(samples)))
    lines = [
        "# Audit summary",
        "",
        "Written by `python scripts/audit_summary.py` from the tables in this folder (every table",
        "with a `verdict` column: first audits, second readings of added records, re-check samples).",
        "Each file's own header says who checked what, how, and against which stored pages.",
        "",
        "| file | " + " | ".join(VERDICTS) + " | other | rows |",
        "| --- | " + " | ".join("---:" for _ in VERDICTS) + " | ---: | ---: |",
    ]
    for name, counts in per_file.items():
        cells = [str(counts.get(v, 0)) for v in (*VERDICTS, "other")]
        lines.append(f"| [{name}]({name}) | " + " | ".join(cells) + f" | {sum(counts.values())} |")
    cells = [str(total.get(v, 0)) for v in (*VERDICTS, "other")]
    lines.append("| **all** | " + " | ".join(cells) + f" | {sum(total.values())} |")
    lines += ["", "Error types found (a row may name several):", "", "| error type | rows |", "| --- | ---: |"]
    lines += [f"| {kind} | {n} |" for kind, n in sorted(errors.items(), key=lambda kv: (-kv[1], kv[0]))]
    if rechecks:
        lines += ["", "Re-checks of random samples of audited records by a second checker:", ""]
        lines += ["| file | records with no error | records re-checked |", "| --- | ---: | ---: |"]
        lines += [f"| [{name}]({name}) | {clean} | {n} |" for name, clean, n in rechecks]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    text = summary()
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print("docs/audit/README.md is out of date; run python scripts/audit_summary.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
