"""What reading a page PDF in a limited child process costs, beside reading it in this process,
and how long the hostile PDFs of the tests take to be refused, measured in the same run.

    python bench/facsimile_sandbox.py [--runs 5]

1. Baseline: ``facsimile.prepare_pdf`` in this process on the test page (reportlab, three stories).
2. The same page through ``facsimile.prepare`` (a child process with its limits): the difference is
   the cost of the child (start-up and imports).
3. Each hostile PDF (3000 pages, a 16000² picture, a million drawn lines) through ``prepare``:
   seconds until it is refused, and the reason. The drawing runs to the wall-clock limit unless the
   memory limit stops it first, so its figure is the limit the server actually holds.
Wall-clock seconds (time.perf_counter), median of the runs.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles import facsimile  # noqa: E402
from tests.pdfs import drawing_bomb_pdf, many_pages_pdf, page_pdf, picture_bomb_pdf  # noqa: E402


def median_seconds(work, runs):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def refused(data):
    started = time.perf_counter()
    try:
        facsimile.prepare(data)
    except facsimile.FacsimileError as error:
        return time.perf_counter() - started, str(error)[:40]
    return time.perf_counter() - started, "NOT REFUSED"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    data = page_pdf().data
    inside = median_seconds(lambda: facsimile.prepare_pdf(data), args.runs)
    child = median_seconds(lambda: facsimile.prepare(data), args.runs)
    print(f"page PDF in this process (baseline): {inside:.3f} s")
    print(f"page PDF in the limited child:       {child:.3f} s  (+{child - inside:.3f} s)")
    for name, hostile in [
        ("3000 pages", many_pages_pdf(3000)),
        ("16000x16000 picture", picture_bomb_pdf(16000)),
        ("a million drawn lines", drawing_bomb_pdf()),
    ]:
        seconds, reason = refused(hostile)
        print(f"{name:<24} {len(hostile) / 1024:8.0f} kB  refused in {seconds:6.2f} s: {reason}")
    print(f"limits: {facsimile.SANDBOX_SECONDS} s, {facsimile.SANDBOX_MEMORY_MB} MB")


if __name__ == "__main__":
    main()
