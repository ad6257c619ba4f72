"""Measure every figure of the speed-and-scale targets side by side and print one table.

    python benchmarks/run.py            # everything: about 5-10 minutes on 2 cores
    python benchmarks/run.py --quick    # 10 runs of the fast figures, 3 of the slow ones, no peers

Run it with the Python of the environment where diaspora is installed (the `diaspora` script
beside sys.executable is measured; the floor is that same interpreter's `-c pass`). Each figure is
the median of N runs with min-max, as a ratio to the floor; runs of all figures are interleaved
round by round, so a busy machine slows every figure alike. The 100k dataset is generated into
benchmarks/out/ (deterministic from the seed); the peers (sqlite-utils, jq) are installed into
benchmarks/.venv and, for jq, from the system packages when it is missing. Caches go to
benchmarks/out/cache, never to the user's own cache folder. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import fcntl
import glob
import json
import os
import pty
import shutil
import statistics
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
DATA_100K = OUT / "data-100k"
CACHE = OUT / "cache"
PEERS = HERE / ".venv"
SEED = 2026
COUNTRY, FROM, TO = "Azerbaijan", "2001", "2003"


@dataclass
class Sample:
    seconds: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


@dataclass
class Case:
    key: str
    label: str
    argv: list[str]
    env: dict[str, str] | None = None
    tty: bool = False
    before: Callable[[], None] | None = None  # untimed preparation before each run (cold cache)
    slow: bool = False
    stdin: str | None = None
    sample: Sample = field(default_factory=Sample)


def diaspora_argv() -> list[str]:
    script = Path(sys.executable).with_name("diaspora")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "diaspora_cli"]


def run_once(case: Case) -> None:
    """One timed run; wall time and the child's own peak RSS (wait4), output drained and discarded."""
    if case.before:
        case.before()
    env = dict(os.environ if case.env is None else case.env)
    master = None
    if case.tty:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 120, 0, 0))
        stdout: int = slave
        env.setdefault("TERM", "xterm-256color")
    else:
        stdout = subprocess.DEVNULL
    stdin = subprocess.PIPE if case.stdin is not None else subprocess.DEVNULL
    start = time.perf_counter()
    proc = subprocess.Popen(case.argv, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, env=env)
    drain = None
    if master is not None:
        os.close(slave)

        def read_all() -> None:
            try:
                while os.read(master, 65536):
                    pass
            except OSError:
                pass  # EIO: the child closed the terminal

        drain = threading.Thread(target=read_all, daemon=True)
        drain.start()
    if case.stdin is not None:
        assert proc.stdin is not None
        proc.stdin.write(case.stdin.encode())
        proc.stdin.close()
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    if drain is not None:
        drain.join(5)
        assert master is not None
        os.close(master)
    case.sample.seconds.append(elapsed)
    case.sample.rss_kb.append(usage.ru_maxrss)
    if proc.returncode != 0:
        case.sample.failures.append(f"exit {proc.returncode}: {err.decode(errors='replace')[-300:]}")


def ensure_dataset(events: int) -> Path:
    stamp = DATA_100K / ".generated"
    want = f"events={events} seed={SEED}"
    if stamp.exists() and stamp.read_text() == want:
        return DATA_100K
    print(f"generating the synthetic dataset ({events:,} events) ...", file=sys.stderr)
    subprocess.run(
        [sys.executable, str(HERE / "generate.py"), str(DATA_100K), "--events", str(events), "--seed", str(SEED)],
        check=True,
    )
    # Older than the cache's "racy" window, as any real dataset file would be.
    old = time.time() - 3600
    for path in DATA_100K.glob("*.toml"):
        os.utime(path, (old, old))
    stamp.write_text(want)
    return DATA_100K


def ensure_peers() -> tuple[str | None, str | None]:
    """sqlite-utils from PyPI in benchmarks/.venv; jq from PATH or the system packages."""
    sqlite_utils = PEERS / "bin" / "sqlite-utils"
    if not sqlite_utils.exists():
        print("installing sqlite-utils into benchmarks/.venv ...", file=sys.stderr)
        try:
            subprocess.run([sys.executable, "-m", "venv", str(PEERS)], check=True)
            subprocess.run([str(PEERS / "bin" / "python"), "-m", "pip", "install", "-q", "sqlite-utils"], check=True)
        except (OSError, subprocess.CalledProcessError) as exc:
            print(f"  sqlite-utils unavailable: {exc}", file=sys.stderr)
    jq = shutil.which("jq")
    if jq is None and shutil.which("apt-get") and os.geteuid() == 0:
        print("installing jq from the system packages ...", file=sys.stderr)
        subprocess.run(["apt-get", "install", "-y", "-q", "jq"], stdout=subprocess.DEVNULL, check=False)
        jq = shutil.which("jq")
    return (str(sqlite_utils) if sqlite_utils.exists() else None), jq


def export_peer_data(data: Path, sqlite_utils: str | None, env: dict[str, str]) -> tuple[Path, Path | None]:
    """The same 100k events as a JSON array (for jq) and an SQLite table (for sqlite-utils)."""
    json_path = OUT / "events-100k.json"
    db_path = OUT / "events-100k.db"
    if not json_path.exists() or json_path.stat().st_mtime < (data / ".generated").stat().st_mtime:
        with open(json_path, "w", encoding="utf-8") as handle:
            subprocess.run(
                [*diaspora_argv(), "--data", str(data), "timeline", "-f", "json"], stdout=handle, env=env, check=True
            )
        db_path.unlink(missing_ok=True)
    if sqlite_utils and not db_path.exists():
        subprocess.run([sqlite_utils, "insert", str(db_path), "events", str(json_path)], check=True)
    return json_path, (db_path if db_path.exists() else None)


def clear_cache() -> None:
    shutil.rmtree(CACHE / "cold", ignore_errors=True)


def median_ms(case: Case) -> float:
    return statistics.median(case.sample.seconds) * 1000


# Every command, as a user types it, on the embedded dataset; the targets of issue 12.
STARTUP = {
    "timeline": ["timeline", "--format", "tsv"],
    "help": ["--help"],
    "timeline-help": ["timeline", "--help"],
    "countries": ["countries", "-f", "tsv"],
    "country": ["country", "Germany", "-f", "tsv"],
    "orgs": ["orgs", "-f", "tsv"],
    "show": ["show", "first-congress-world-azerbaijanis-2001", "-f", "json"],
    "search": ["search", "congress", "-f", "tsv"],
    "on-this-day": ["on-this-day", "--date", "11-09", "-f", "tsv"],
    "stats": ["stats", "--by", "decade", "-f", "tsv"],
    "chart": ["chart", "--country", "Germany"],
    "validate": ["validate"],
}
STARTUP_TARGETS = {"timeline": 6.0, "help": 5.0, "orgs": 6.0, "show": 6.0, "search": 6.0, "stats": 6.0}


def report_startup(args: argparse.Namespace, cases: list[Case]) -> int:
    """Time the start-up cases round by round and print their ratios to the floor."""
    for case in cases:
        run_once(case)
        if case.sample.failures:
            print(f"{case.label}: FAILED: {case.sample.failures[-1]}", file=sys.stderr)
            return 1
        case.sample = Sample()
    for number in range(args.runs):
        print(f"\rround {number + 1}/{args.runs}", end="", file=sys.stderr, flush=True)
        for case in cases:
            run_once(case)
    print(file=sys.stderr)
    floor = median_ms(cases[0])
    print(f"floor: {sys.executable} -c pass = {floor:.1f} ms median; {args.runs} runs, interleaved")
    print("| figure | median ms | ratio (min-max) | target |")
    print("| --- | --- | --- | --- |")
    for case in cases:
        s = sorted(case.sample.seconds)
        key = case.key.removeprefix("cmd-")
        target = f"<= {STARTUP_TARGETS[key]:g}x" if key in STARTUP_TARGETS else ""
        if target and median_ms(case) > STARTUP_TARGETS[key] * floor:
            target += " NOT MET"
        ratio = f"{median_ms(case) / floor:.1f}x ({s[0] * 1000 / floor:.1f}-{s[-1] * 1000 / floor:.1f})"
        print(f"| {case.label} | {median_ms(case):.1f} | {ratio} | {target} |")
    return 0


def install_wheel() -> Path:
    """Build the wheel and install it into benchmarks/out/site: what a user's first run meets."""
    site, wheels = OUT / "site", OUT / "wheel"
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(wheels, ignore_errors=True)
    pip = [sys.executable, "-m", "pip", "-q"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(HERE.parent)], check=True
    )
    (wheel,) = wheels.glob("diaspora-*.whl")
    subprocess.run([*pip, "install", "--no-deps", "--target", str(site), str(wheel)], check=True)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(site)], check=True)
    return site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per fast figure (default 15)")
    parser.add_argument("--slow-runs", type=int, default=10, help="runs per 100k cold/full figure (default 10)")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="10 fast runs, 3 slow runs, no peers")
    parser.add_argument("--no-peers", action="store_true", help="skip sqlite-utils and jq")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument(
        "--startup", action="store_true", help="only the start-up of every command on the embedded dataset (no 100k)"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.slow_runs, args.no_peers = 10, 3, True

    data = OUT if args.startup else ensure_dataset(args.events)
    # An installed package has its bytecode compiled (pip does it); a checkout run with
    # PYTHONDONTWRITEBYTECODE would otherwise compile every changed module on every run.
    import diaspora_cli

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(diaspora_cli.__file__).parent)], check=True)
    files = [] if args.startup else sorted(glob.glob(str(data / "*.toml")))
    base_env = {k: v for k, v in os.environ.items() if k not in ("DIASPORA_DATA", "NO_COLOR", "FORCE_COLOR")}
    warm_env = {**base_env, "XDG_CACHE_HOME": str(CACHE / "warm")}
    cold_env = {**base_env, "XDG_CACHE_HOME": str(CACHE / "cold")}
    d = diaspora_argv()
    big = ["--data", str(data)]
    completion_env = {
        **warm_env,
        "_DIASPORA_COMPLETE": "complete_bash",
        "COMP_WORDS": "diaspora timeline --country Ger",
        "COMP_CWORD": "3",
    }
    startup = [
        Case(f"cmd-{key}", f"start-up: {' '.join(argv)}", [*d, *argv], warm_env) for key, argv in STARTUP.items()
    ]
    site = install_wheel()
    wheel_env = {**base_env, "PYTHONPATH": str(site), "XDG_CACHE_HOME": str(CACHE / "wheel")}
    # sys.path[0] is the working folder for -c: drop it so the package comes from the wheel.
    main_code = "import sys; del sys.path[0]; from diaspora_cli.cli.main import main; sys.exit(main())"
    startup += [
        Case(
            "wheel",
            "start-up from the wheel (later runs): timeline -f tsv",
            [sys.executable, "-c", main_code, "timeline", "-f", "tsv"],
            wheel_env,
        ),
        Case(
            "first",
            "first run after a wheel install (empty cache): timeline -f tsv",
            [sys.executable, "-c", main_code, "timeline", "-f", "tsv"],
            wheel_env,
            before=lambda: shutil.rmtree(CACHE / "wheel", ignore_errors=True),
        ),
        Case(
            "first-checkout",
            "first run in a checkout (no prebuilt cache, empty cache): timeline -f tsv",
            [*d, "timeline", "-f", "tsv"],
            {**base_env, "XDG_CACHE_HOME": str(CACHE / "first")},
            before=lambda: shutil.rmtree(CACHE / "first", ignore_errors=True),
        ),
    ]
    if args.startup:
        return report_startup(
            args, [Case("floor", "python -c pass (the floor)", [sys.executable, "-c", "pass"]), *startup]
        )
    tomli_code = "import sys, tomli\nfor f in sys.argv[1:]:\n    tomli.loads(open(f, 'rb').read().decode())"
    cases = [
        Case("floor", "python -c pass (the floor)", [sys.executable, "-c", "pass"]),
        Case("tsv", "timeline --format tsv (embedded)", [*d, "timeline", "--format", "tsv"], warm_env),
        Case("help", "--help", [*d, "--help"], warm_env),
        Case("complete", "completion: timeline --country Ger<TAB>", d, completion_env),
        Case("table", "timeline as a table on a terminal (embedded)", [*d, "timeline", "--no-pager"], warm_env, True),
        Case(
            "filter",
            f"100k warm: timeline --country {COUNTRY} --from {FROM} --to {TO} -f tsv",
            [*d, *big, "timeline", "--country", COUNTRY, "--from", FROM, "--to", TO, "-f", "tsv"],
            warm_env,
        ),
        Case(
            "country", f"100k warm: country {COUNTRY} -f json", [*d, *big, "country", COUNTRY, "-f", "json"], warm_env
        ),
        Case("all", "100k warm: timeline -f tsv (all rows)", [*d, *big, "timeline", "-f", "tsv"], warm_env, slow=True),
        Case(
            "cold",
            "100k cold: first load (empty cache), filtered query",
            [*d, *big, "timeline", "--country", COUNTRY, "--from", FROM, "--to", TO, "-f", "tsv"],
            cold_env,
            before=clear_cache,
            slow=True,
        ),
        Case("tomli", "bare tomli parse of the same 100k files", [sys.executable, "-c", tomli_code, *files], slow=True),
    ]
    if not args.no_peers:
        sqlite_utils, jq = ensure_peers()
        json_path, db_path = export_peer_data(data, sqlite_utils, warm_env)
        sql = (
            'select * from events where date <= :to and coalesce("end", date) >= :from '
            "and exists (select 1 from json_each(events.countries) where value = :code)"
        )
        if sqlite_utils and db_path:
            cases.append(
                Case(
                    "sqlite-utils",
                    "peer: sqlite-utils query (same filter, SQLite file)",
                    [
                        sqlite_utils,
                        "query",
                        str(db_path),
                        sql,
                        "-p",
                        "to",
                        f"{TO}-12-31",
                        "-p",
                        "from",
                        FROM,
                        "-p",
                        "code",
                        "AZ",
                        "--tsv",
                    ],
                )
            )
        if jq:
            jq_filter = (
                f'.[] | select((.countries | index("AZ")) and .date <= "{TO}-12-31" and ((.end // .date) >= "{FROM}"))'
                " | [.id, .when, .title] | @tsv"
            )
            cases.append(
                Case("jq", "peer: jq (same filter, JSON file)", [jq, "-r", jq_filter, str(json_path)], slow=True)
            )

    # Warm the caches (and check every command works) before timing anything.
    for case in cases:
        if case.key not in ("cold",):
            run_once(case)
            if case.sample.failures:
                print(f"{case.label}: FAILED: {case.sample.failures[-1]}", file=sys.stderr)
                return 1
            case.sample = Sample()

    # The peers must answer the same question: same number of rows (sqlite-utils adds a header).
    counts = {}
    for key in ("filter", "sqlite-utils", "jq"):
        case = next((c for c in cases if c.key == key), None)
        if case is not None:
            out = subprocess.run(case.argv, env=case.env, capture_output=True, check=True).stdout
            counts[key] = out.count(b"\n") - (1 if key in ("filter", "sqlite-utils") else 0)
    if len(set(counts.values())) > 1:
        print(f"the filters disagree: {counts}", file=sys.stderr)
        return 1

    rounds = max(args.runs, args.slow_runs)
    for number in range(rounds):
        print(f"\rround {number + 1}/{rounds}", end="", file=sys.stderr, flush=True)
        for case in cases:
            if len(case.sample.seconds) < (args.slow_runs if case.slow else args.runs):
                run_once(case)
    print(file=sys.stderr)

    by = {c.key: c for c in cases}
    floor = median_ms(by["floor"])
    first = median_ms(by["tsv"]) / floor

    def ratio(case: Case, base: float = floor) -> str:
        s = sorted(case.sample.seconds)
        return f"{median_ms(case) / base:5.1f}x ({s[0] * 1000 / base:.1f}-{s[-1] * 1000 / base:.1f})"

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT MET"

    rows: list[tuple[str, str, str, str, str]] = []

    def add(key: str, target: str, ok: bool | None, base: float = floor, unit: str = "") -> None:
        case = by[key]
        shown = unit if unit else ratio(case, base)
        rows.append((case.label, f"{median_ms(case):8.1f}", shown, target, "" if ok is None else verdict(ok)))

    add("floor", "1x", None)
    add("tsv", "<= 6x", median_ms(by["tsv"]) <= 6 * floor)
    add("help", "<= 8x", median_ms(by["help"]) <= 8 * floor)
    add("complete", "<= 6x", median_ms(by["complete"]) <= 6 * floor)
    add("table", "<= 20x", median_ms(by["table"]) <= 20 * floor)
    add("filter", f"<= 3x first = {3 * first:.1f}x", median_ms(by["filter"]) <= 3 * first * floor)
    add("country", f"<= 3x first = {3 * first:.1f}x", median_ms(by["country"]) <= 3 * first * floor)
    add("all", "<= 1000 ms", median_ms(by["all"]) <= 1000)
    tomli = median_ms(by["tomli"])
    add("tomli", "(basis of the next row)", None)
    cold = by["cold"]
    s = sorted(cold.sample.seconds)
    rows.append(
        (
            cold.label,
            f"{median_ms(cold):8.1f}",
            f"{median_ms(cold) / tomli:5.2f}x tomli ({s[0] * 1000 / tomli:.2f}-{s[-1] * 1000 / tomli:.2f})",
            "<= 1.3x tomli",
            verdict(median_ms(cold) <= 1.3 * tomli),
        )
    )
    warm_peak = max(max(by[k].sample.rss_kb) for k in ("filter", "country", "all")) / 1024
    cold_peak = max(cold.sample.rss_kb) / 1024
    rows.append(
        (
            "peak memory, 100k warm (max of the three)",
            "",
            f"{warm_peak:6.0f} MB",
            "<= 250 MB",
            verdict(warm_peak <= 250),
        )
    )
    rows.append(
        ("peak memory, 100k cold (first load)", "", f"{cold_peak:6.0f} MB", "<= 250 MB", verdict(cold_peak <= 250))
    )
    for key in ("sqlite-utils", "jq"):
        if key in by:
            add(key, f"ours: {median_ms(by['filter']) / floor:.1f}x", None)

    print(f"floor: {sys.executable} -c pass = {floor:.1f} ms median; ratios are median (min-max) over the floor")
    print(f"runs: {args.runs} per fast figure, {args.slow_runs} per slow one; {os.cpu_count()} CPUs")
    print("rows of the 100k filter: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    headers = ("figure", "median ms", "ratio", "target", "")
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(5)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |"
    print(line)
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print("| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
    if args.json:
        args.json.write_text(
            json.dumps({c.key: {"seconds": c.sample.seconds, "rss_kb": c.sample.rss_kb} for c in cases}, indent=1)
        )
    failed = [f"{c.label}: {c.sample.failures[0]}" for c in cases if c.sample.failures]
    for failure in failed:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
