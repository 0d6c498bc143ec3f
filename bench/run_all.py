"""Every benchmark, on SQLite and on PostgreSQL, one after another: the figures for docs/PERFORMANCE.md.

    python bench/run_all.py [--quick] [--only import,site,search,admin,parse] [--log FILE]

Each script measures its own baseline in the same run (loaddata, a static file, a substring scan,
the same list at 1,000 articles), so the ratios hold on a busy machine where the absolute figures
do not. PostgreSQL is the server on 127.0.0.1:5432; every script works in throwaway databases of its
own and drops them. `--quick` runs small sizes, to check the scripts rather than to measure.
"""

import argparse
import os
import shlex
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# name: [(arguments at full size, arguments in --quick)], one entry per database.
BENCHES = {
    "import": [
        (["bench/import_throughput.py", "--database", db], ["--pages", "200"]) for db in ("sqlite", "postgres")
    ],
    "site": [
        (["bench/site_throughput.py", "--database", db, "--cache", cache], ["--seconds", "2", "--rounds", "1"])
        for db, cache in (("sqlite", "local"), ("postgres", "local"), ("postgres", "redis"))
    ],
    "search": [
        (["bench/search_latency.py", "--databases", "sqlite,postgresql"], ["--articles", "2000"]),
    ],
    "admin": [
        (["bench/admin_changelist.py", "--database", db], ["--articles", "3000", "--runs", "1"])
        for db in ("sqlite", "postgres")
    ],
    # no database: the parser alone, typical pages beside the hostile shapes
    "parse": [
        (["bench/parse_throughput.py"], ["--size", "100000", "--seconds", "1"]),
    ],
}


class Tee:
    def __init__(self, path: Path | None):
        self.file = path.open("a", encoding="utf-8") if path else None

    def __call__(self, text: str = "") -> None:
        print(text, flush=True)
        if self.file:
            self.file.write(text + "\n")
            self.file.flush()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: check the scripts run")
    parser.add_argument("--only", default=",".join(BENCHES), help="comma-separated: " + ",".join(BENCHES))
    parser.add_argument("--log", type=Path, help="also append everything printed to this file")
    args = parser.parse_args()
    out = Tee(args.log)
    chosen = [name for name in args.only.split(",") if name]
    unknown = set(chosen) - set(BENCHES)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")

    out(f"# {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {cpu_summary()}")
    failures = []
    for name in chosen:
        for command, quick in BENCHES[name]:
            argv = [sys.executable, *command, *(quick if args.quick else [])]
            out(f"\n## {name}: python {shlex.join(argv[1:])}")
            started = time.perf_counter()
            result = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True)
            for line in result.stdout.splitlines():
                out(line)
            if result.returncode:
                failures.append(shlex.join(argv[1:]))
                out(f"FAILED (exit {result.returncode}):")
                for line in result.stderr.splitlines()[-20:]:
                    out("    " + line)
            out(f"({time.perf_counter() - started:.0f} s)")
    if failures:
        out("\nfailed: " + "; ".join(failures))
    return 1 if failures else 0


def cpu_summary() -> str:
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        model = "unknown CPU"
    return f"{os.cpu_count()} × {model}, Python {sys.version.split()[0]}"


if __name__ == "__main__":
    sys.exit(main())
