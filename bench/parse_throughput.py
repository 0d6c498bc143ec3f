"""Parser speed on ordinary pages beside its speed on hostile text, measured in the same run.

    python bench/parse_throughput.py [--size 1000000] [--seconds 3] [--only latin-run,hash-lines]

1. Typical: MB/s of UTF-8 page text over the sample pages (fixtures/pages), parsed again and again;
   beside it the same without the learnt confidence model (articles/parser/confidence.py).
2. Worst case: for each adversarial shape (tests/parser/adversarial.py: long lines, no line breaks,
   repeated markup, long Latin and digit runs, e-mail-like fragments, brackets …) the MB/s at
   `--size` characters and at a quarter of it. A linear parser keeps its MB/s as the text grows
   (growth ratio of time ≈ 4 for 4× the text); a quadratic one loses it (ratio ≈ 16).
The last line gives the worst MB/s over all shapes beside the typical figure. Times are CPU time of
this process (time.process_time), so other work on a shared machine does not count against it.
"""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.parser import parse_page  # noqa: E402
from tests.parser.adversarial import GENERATORS  # noqa: E402

PAGES = sorted((ROOT / "fixtures" / "pages").glob("*.txt"))


def timed(text: str) -> float:
    started = time.process_time()
    parse_page(text)
    return time.process_time() - started


def typical(seconds: float, **options) -> float:
    texts = [p.read_text(encoding="utf-8") for p in PAGES]
    size = sum(len(t.encode("utf-8")) for t in texts)
    rounds, started = 0, time.process_time()
    while time.process_time() - started < seconds:
        for text in texts:
            parse_page(text, **options)
        rounds += 1
    return size * rounds / (time.process_time() - started) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="characters of hostile text (default 1,000,000)")
    parser.add_argument("--seconds", type=float, default=3.0, help="time spent on the typical pages")
    parser.add_argument("--only", default="", help="comma-separated shapes (default: all)")
    args = parser.parse_args()
    names = [n for n in args.only.split(",") if n] or list(GENERATORS)

    typical_mbs = typical(args.seconds)
    print(f"typical: {typical_mbs:6.2f} MB/s over {len(PAGES)} sample pages", flush=True)
    rules_mbs = typical(args.seconds, confidence_model=None)
    print(f"typical with the rules' own confidence (no learnt model): {rules_mbs:6.2f} MB/s", flush=True)
    print(f"{'shape':20} {'MB at size':>10} {'MB/s':>8} {'MB/s at size/4':>15} {'time ratio':>11}")
    worst = None
    for name in names:
        small, large = GENERATORS[name](args.size // 4), GENERATORS[name](args.size)
        t_small, t_large = timed(small), timed(large)
        mb = len(large.encode("utf-8")) / 1e6
        mbs, mbs_small = mb / t_large, len(small.encode("utf-8")) / 1e6 / t_small
        print(f"{name:20} {mb:10.2f} {mbs:8.2f} {mbs_small:15.2f} {t_large / t_small:11.1f}", flush=True)
        if worst is None or mbs < worst[1]:
            worst = (name, mbs)
    print(f"worst case: {worst[1]:.2f} MB/s ({worst[0]}) beside typical {typical_mbs:.2f} MB/s "
          f"at {args.size:,} characters")


if __name__ == "__main__":
    main()
