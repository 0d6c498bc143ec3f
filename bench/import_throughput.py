"""Parser and importer throughput, each beside a baseline measured in the same run.

    python bench/import_throughput.py [--pages 2000] [--database sqlite|postgres]

1. Parse: MB/s of page text through the parser, over the sample pages.
2. Import: `import_pages` of N pages (the sample pages under varied papers, dates and page numbers)
   into a fresh SQLite database, beside `loaddata` of the equivalent fixture (the importer's own
   output, dumped with natural keys) into another fresh database of the same kind (SQLite files, or
   throwaway PostgreSQL databases on 127.0.0.1:5432). Both are timed as whole
   commands, start-up included. Target: the import, parsing included, is no slower than loaddata.
"""

import argparse
import csv
import datetime
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from throwaway import throwaway_database

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "fixtures" / "pages").glob("*.txt"))
PAPERS = ["茂名晚报", "江门日报", "湛江日报", "南方日报", "羊城晚报", "广州日报", "清远日报", "惠州日报"]
PAGES_PER_EDITION = 8


def parse_throughput(seconds: float = 3.0) -> tuple[float, int]:
    sys.path.insert(0, str(ROOT))
    from articles.parser import parse_page

    texts = [p.read_text(encoding="utf-8") for p in PAGES]
    size = sum(len(t.encode("utf-8")) for t in texts)
    rounds, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        for text in texts:
            parse_page(text)
        rounds += 1
    elapsed = time.perf_counter() - started
    return size * rounds / elapsed / 1e6, rounds * len(texts)


def write_manifest(path: Path, count: int) -> None:
    start = datetime.date(2022, 1, 1)
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["file", "publication", "date", "number", "name"])
        for i in range(count):
            edition = i // PAGES_PER_EDITION
            writer.writerow([
                str(PAGES[i % len(PAGES)]),
                PAPERS[edition % len(PAPERS)],
                (start + datetime.timedelta(days=edition // len(PAPERS))).isoformat(),
                i % PAGES_PER_EDITION + 1,
                "",
            ])


def manage(database_url: str, *args: str) -> float:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_DEBUG": "1"}
    started = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    options = parser.parse_args()

    mb_per_s, parsed = parse_throughput()
    print(f"parse: {mb_per_s:.2f} MB/s ({parsed} pages parsed, sample pages of {PAGES[0].parent.name}/)")

    with (
        tempfile.TemporaryDirectory() as tmp,
        throwaway_database(options.database, Path(tmp), "bench_imported") as imported,
        throwaway_database(options.database, Path(tmp), "bench_loaded") as loaded,
    ):
        tmp = Path(tmp)
        manifest, fixture = tmp / "manifest.csv", tmp / "pages.json"
        write_manifest(manifest, options.pages)
        for database in (imported, loaded):
            manage(database, "migrate", "--noinput", "-v0")

        import_seconds = manage(imported, "import_pages", "--manifest", str(manifest), "-v0")
        manage(imported, "dumpdata", "articles", "--natural-foreign", "--natural-primary", "-o", str(fixture))
        load_seconds = manage(loaded, "loaddata", str(fixture), "-v0")

    n = options.pages
    print(f"database: {options.database}")
    print(f"import_pages: {n} pages in {import_seconds:.1f} s = {n / import_seconds:.0f} pages/s")
    print(f"loaddata (baseline, same data): {load_seconds:.1f} s = {n / load_seconds:.0f} pages/s")
    verdict = "met" if import_seconds <= load_seconds else "NOT met"
    print(f"import / loaddata time: {import_seconds / load_seconds:.2f} (target <= 1.00: {verdict})")


if __name__ == "__main__":
    main()
