"""Score the page parser on the corpus built by bench/corpus/build.py, per paper and per split.

usage: python bench/parse_eval.py [--corpus ~/.cache/newsroom-corpus] [--seeds DIR ...]
                                  [--score-tool PATH] [--verbose PAGE_PREFIX] [--misses] [--by-style]

Scoring is score_parse.py's own (found in a sibling `shared/tools` folder of the checkout, or
given with --score-tool): each page is scored with its score_page() and the counts summed per
group exactly as its main() sums them. The sample pages (tests/parser_pages and any --seeds
folder) are scored beside the corpus in the same run.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from articles.parser import parse_page  # noqa: E402

DEFAULT_CORPUS = Path.home() / ".cache" / "newsroom-corpus"


def find_score_tool(given: Path | None) -> Path:
    if given:
        return given
    for parent in [ROOT, *ROOT.parents]:
        candidate = parent / "shared" / "tools" / "score_parse.py"
        if candidate.exists():
            return candidate
    raise SystemExit("score_parse.py not found: give it with --score-tool")


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score_parse", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def summarise(scorer, totals: dict) -> dict:
    """The metric figures and the mean score, computed as score_parse.main() prints them."""
    figures = {}
    for key, counts in totals.items():
        if len(counts) == 3:
            figures[key] = scorer.f1(*counts)[0]
        else:
            figures[key] = counts[0] / counts[1] if counts[1] else 1.0
    figures["score"] = sum(figures.values()) / len(figures) if figures else 0.0
    return figures


def add(totals: dict, counts: dict) -> None:
    for key, value in counts.items():
        slot = totals.setdefault(key, [0] * len(value))
        for i, x in enumerate(value):
            slot[i] += x


MISS_KINDS = [("MISSING article", "story missed or merged"), ("EXTRA article", "extra story"),
              ("headline split", "headline split"), ("dateline differs", "dateline"), ("bylines in", "bylines"),
              ("subheads in", "subheads"), ("MISSING caption", "caption missed"), ("lacks", "body lacks a span"),
              ("leaks", "body leaks credit/caption/staff"), ("masthead", "staff box")]


def miss_kind(line: str) -> str:
    return next((label for marker, label in MISS_KINDS if marker in line), "other")


def score_folder(scorer, folder: Path, names: list[str] | None = None, verbose: str | None = None,
                 misses: dict | None = None):
    """Parse every NAME.txt with a NAME.gold.json in folder; return {name: counts} and the seconds spent.
    When `misses` is given, it collects each page's miss lines (name -> lines)."""
    results, seconds = {}, 0.0
    for gold_file in sorted(folder.glob("*.gold.json")):
        name = gold_file.name[: -len(".gold.json")]
        if names is not None and name not in names:
            continue
        text = (folder / f"{name}.txt").read_text(encoding="utf-8")
        started = time.perf_counter()
        pred = parse_page(text).to_dict()
        seconds += time.perf_counter() - started
        lines: list[str] = []
        results[name] = scorer.score_page(json.loads(gold_file.read_text(encoding="utf-8")), pred, lines.append)
        if verbose and name.startswith(verbose) and lines:
            print(f"== {name}\n" + "\n".join(lines))
        if misses is not None:
            misses[name] = lines
    return results, seconds


def table(scorer, groups: list[tuple[str, int, dict]]) -> None:
    keys = None
    rows = []
    for label, pages, totals in groups:
        figures = summarise(scorer, totals)
        keys = keys or [k for k in figures if k != "score"]
        rows.append((label, pages, figures))
    short = {"articles": "art", "headline_split": "head", "dateline": "date", "bylines": "byl",
             "byline_roles": "role", "subheads": "subh", "captions": "capt", "body_checks": "body",
             "masthead": "staff", "publication": "pub"}
    print(f"{'group':34} {'pages':>5} {'score':>6} " + " ".join(f"{short.get(k, k):>6}" for k in keys))
    for label, pages, figures in rows:
        print(f"{label:34} {pages:5d} {figures['score']:6.3f} " + " ".join(f"{figures[k]:6.3f}" for k in keys))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--seeds", type=Path, action="append", default=[],
                        help="a folder of sample pages with gold (repeatable); tests/parser_pages is always scored")
    parser.add_argument("--score-tool", type=Path)
    parser.add_argument("--verbose", metavar="PAGE_PREFIX", help="list every miss on pages whose name starts so")
    parser.add_argument("--misses", action="store_true", help="count the misses by kind per split")
    parser.add_argument("--by-style", action="store_true", help="score the pages per way their text arrives")
    args = parser.parse_args(argv)
    tool = find_score_tool(args.score_tool)
    scorer = load_scorer(tool)

    corpus = args.corpus.expanduser()
    manifest_file = corpus / "manifest.json"
    if not manifest_file.exists():
        raise SystemExit(f"no corpus at {corpus}: build it with bench/corpus/build.py (see docs/PARSER_CORPUS.md)")
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    misses: dict = {}
    results, seconds = score_folder(scorer, corpus / "pages", [m["page"] for m in manifest], args.verbose, misses)
    size = sum((corpus / "pages" / f"{m['page']}.txt").stat().st_size for m in manifest)

    def total(pages: list[str]) -> dict:
        totals: dict = {}
        for page in pages:
            add(totals, results[page])
        return totals

    groups = []
    for split in ("dev", "heldout"):
        in_split = [m for m in manifest if m["split"] == split]
        for paper in sorted({m["paper"] for m in in_split}):
            pages = [m["page"] for m in in_split if m["paper"] == paper]
            groups.append((f"{split}  {paper} ({', '.join(sorted({m['level'] for m in in_split if m['paper'] == paper}))})",
                           len(pages), total(pages)))
        if in_split:
            groups.append((f"{split.upper()} (all)", len(in_split), total([m["page"] for m in in_split])))

    sample_folders = [ROOT / "tests" / "parser_pages", *args.seeds]
    if not args.seeds:
        shared_seeds = tool.parent.parent / "seeds"
        if shared_seeds.exists():
            sample_folders.append(shared_seeds)
    for folder in sample_folders:
        sample, _ = score_folder(scorer, folder, verbose=args.verbose)
        totals = {}
        for counts in sample.values():
            add(totals, counts)
        groups.append((f"sample  {folder.name}", len(sample), totals))

    print(f"scored with {tool.name}; {len(manifest)} corpus pages, "
          f"{len({m['paper'] for m in manifest})} papers, parse {size / 1e6 / seconds:.1f} MB/s")
    table(scorer, groups)
    if args.by_style:
        print("\nby the way the page text arrives (all splits):")
        styles = sorted({m.get("style", "?").split("/")[0] for m in manifest})
        table(scorer, [(f"style  {style}", len(pages), total(pages)) for style in styles
                       for pages in [[m["page"] for m in manifest if m.get("style", "?").split("/")[0] == style]]])
    if args.misses:
        print("\nmisses by kind (score_parse --verbose lines), per split:")
        for split in ("dev", "heldout"):
            counts = Counter(miss_kind(line) for m in manifest if m["split"] == split for line in misses[m["page"]])
            print(f"  {split:8} " + ", ".join(f"{kind} {n}" for kind, n in counts.most_common()))


if __name__ == "__main__":
    main()
