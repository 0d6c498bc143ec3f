"""What a paper's house style, learnt from a few corrected pages, does for its other pages.

usage: python bench/house_style.py [--corpus DIR] [--train 3 6 10] [--draws 10] [--first] [--explain PAPER]
                                   [--score-tool PATH]

For each paper of the corpus built by bench/corpus/build.py, --train of its pages stand for pages its
editors corrected in the desk: drawn at random --draws times (seeded, so every run draws the same pages),
or with --first its first pages by name (date, then 版次). Each of their pieces
settles on the label the gold gives it (bench/parse_confidence.py reads the gold per piece); a piece the
gold says nothing of keeps the parser's label, as an editor who looked and left it. A HouseStyle
(articles/parser/style.py) is learnt from those pieces alone, and the paper's other pages are scored with
score_parse.py twice: as the parser reads them, and with the style's relabelling applied as corrections.
Printed per paper and per split, as the mean over the draws: the rules learnt, the score before and
after, how much of the gap to 1.0 closed (and its least and most over the draws), and the seconds the
learning took;
beside it the ceiling, the other pages' score had an editor corrected every piece of each of them as
the gold settles it, and how much of the gap that closes: what piece corrections can reach at all
(the rest is text the parser cuts or joins wrongly inside a piece, which no correction changes).
The held-out split's figure is the one that tells: nothing of those papers was looked at for the rules.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from articles.parser import Correction, Label, parse_page  # noqa: E402
from articles.parser.decisions import JOIN, START  # noqa: E402
from articles.parser.style import explain, learn_pages, parse_in_style  # noqa: E402
from parse_confidence import gold_of_piece, norm  # noqa: E402
from parse_eval import DEFAULT_CORPUS, add, find_score_tool, load_scorer, summarise  # noqa: E402

# Where the gold accepts several labels for a piece the parser got wrong, the editor picks the first of
# these it accepts (a credit line under a caption is a photo credit before it is a byline).
_PICK = [Label.PHOTO_CREDIT, Label.BYLINE, Label.CAPTION, Label.DATELINE, Label.STAFF, Label.SUBHEAD,
         Label.TITLE, Label.KICKER, Label.SUBTITLE, Label.BODY]


def settle_by_gold(gold: dict):
    """For a reading of a page an editor corrected: the label and story start the gold settles each piece
    on. A piece of story text opens a story where the gold puts it in another story than the story text
    above it; captions and page-level pieces have no boundary; a piece the gold says nothing of keeps the
    parser's label, as an editor who looked and left it."""
    headlines = {norm(r.get(k)) for a in gold.get("articles") or [] for r in [a, *(a.get("alternatives") or [])]
                 for k in ("kicker", "title", "subtitle")} - {""}

    def settle(decisions):
        out, before = [], None
        for d in decisions:
            known = gold_of_piece(d.text, gold)
            settled, opens = d.label, None
            if known is None and d.label in Label.HEADLINE and norm(d.text) not in headlines:
                settled = Label.BODY  # a headline of no gold story: the editor takes the bogus story back
            if known is not None:
                labels, stories = known
                if d.label not in labels:
                    settled = next((label for label in _PICK if label in labels), d.label)
                if settled not in _PLACED and None not in stories:
                    if before is None:
                        opens = d.starts_story
                    elif len(stories) == 1:
                        opens = not (stories & before)
                    before = stories
            out.append((settled, opens))
        return out
    return settle


_PLACED = {Label.CAPTION, Label.PHOTO_CREDIT, Label.STAFF, Label.FURNITURE, Label.NOISE}


def self_corrected(text: str, gold: dict):
    """The page as it reads once an editor corrected it: every piece set to what the gold settles it on."""
    decisions = parse_page(text).decisions
    corrections = []
    for d, (label, opens) in zip(decisions, settle_by_gold(gold)(decisions)):
        story = None if opens is None or opens == d.starts_story else (START if opens else JOIN)
        if story == JOIN and (label or d.label) in Label.HEADLINE:
            story = None  # joining a headline makes it a subhead: the label says what it is
        if label != d.label or story:
            corrections.append(Correction(key=d.key, label=label if label != d.label else None, story=story))
    return parse_page(text, corrections)


@dataclass
class PaperPages:
    """One paper's pages, each read once: its text, how an editor settles it, and its scores before any
    style and at the ceiling (every piece corrected as the gold settles it)."""

    paper: str
    split: str
    names: list[str]
    texts: dict[str, str]
    settles: dict
    golds: dict[str, dict]
    before: dict[str, dict]
    ceiling: dict[str, dict]


def read_corpus(corpus: Path, scorer) -> list[PaperPages]:
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    folder = corpus / "pages"
    papers = []
    for paper in sorted({m["paper"] for m in manifest}):
        names = sorted(m["page"] for m in manifest if m["paper"] == paper)
        split = next(m["split"] for m in manifest if m["paper"] == paper)
        texts = {n: (folder / f"{n}.txt").read_text(encoding="utf-8") for n in names}
        golds = {n: json.loads((folder / f"{n}.gold.json").read_text(encoding="utf-8")) for n in names}
        papers.append(PaperPages(
            paper, split, names, texts, {n: settle_by_gold(golds[n]) for n in names}, golds,
            {n: scorer.score_page(golds[n], parse_page(texts[n]).to_dict(), _quiet) for n in names},
            {n: scorer.score_page(golds[n], self_corrected(texts[n], golds[n]).to_dict(), _quiet) for n in names},
        ))
    return papers


def _quiet(line) -> None:
    return None


def draws_of(names: list[str], train: int, draws: int, first: bool = False) -> list[list[str]]:
    """Which pages stand for the corrected ones, draw by draw: `train` pages at random (seeded by the
    draw, so every run draws the same), or with `first` the first `train` pages by date and 版次."""
    if first:
        return [names[:train]]
    return [sorted(random.Random(f"{train}:{d}").sample(names, train)) for d in range(draws)]


@dataclass
class Run:
    """One draw of one paper: the rules learnt and the counts of its other pages."""

    rules: int
    seconds: float
    pages: int
    before: dict
    after: dict
    ceiling: dict


def run_paper(paper: PaperPages, scorer, train: list[str], learner=learn_pages) -> Run:
    started = time.perf_counter()
    style = learner([(paper.texts[n], paper.settles[n]) for n in train])
    seconds = time.perf_counter() - started
    before, after, ceiling = {}, {}, {}
    for name in paper.names:
        if name in train:
            continue
        add(before, paper.before[name])
        add(ceiling, paper.ceiling[name])
        if style.rules:
            add(after, scorer.score_page(paper.golds[name], parse_in_style(paper.texts[name], style).to_dict(), _quiet))
        else:
            add(after, paper.before[name])
    return Run(len(style.rules), seconds, len(paper.names) - len(train), before, after, ceiling)


def gap_closed(scorer, before: dict, after: dict) -> float:
    b, a = (summarise(scorer, counts)["score"] for counts in (before, after))
    return (a - b) / (1 - b) if b < 1 else 0.0


def evaluate(papers: list[PaperPages], scorer, train: int, draws: int, first: bool = False, learner=learn_pages):
    """Per paper, its runs (one per draw); and per split, per draw, the counts of its papers pooled."""
    per_paper: dict[str, list[Run]] = {}
    for paper in papers:
        if len(paper.names) <= train:
            continue
        per_paper[paper.paper] = [run_paper(paper, scorer, chosen, learner)
                                  for chosen in draws_of(paper.names, train, draws, first)]
    per_split: dict[str, list[Run]] = {}
    for paper in papers:
        for d, run in enumerate(per_paper.get(paper.paper, [])):
            runs = per_split.setdefault(paper.split, [])
            if d == len(runs):
                runs.append(Run(0, 0.0, 0, {}, {}, {}))
            pooled = runs[d]
            for total, counts in zip((pooled.before, pooled.after, pooled.ceiling), (run.before, run.after, run.ceiling)):
                add(total, counts)
            pooled.rules += run.rules
            pooled.seconds += run.seconds
            pooled.pages += run.pages
    return per_paper, per_split


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--train", type=int, nargs="+", default=[3, 6, 10],
                        help="corrected pages per paper, one table each (default 3 6 10)")
    parser.add_argument("--draws", type=int, default=10, help="draws of the corrected pages per paper (default 10)")
    parser.add_argument("--first", action="store_true", help="one draw: the first pages by date and 版次")
    parser.add_argument("--explain", metavar="PAPER",
                        help="for each draw of this paper (a dev paper: never tune to a held-out one), the pieces its "
                             "corrected pages show read wrong and the best candidate rules, kept or not and why")
    parser.add_argument("--score-tool", type=Path)
    args = parser.parse_args(argv)
    scorer = load_scorer(find_score_tool(args.score_tool))
    papers = read_corpus(args.corpus.expanduser(), scorer)
    if args.explain:
        paper = next((p for p in papers if p.paper == args.explain), None)
        if paper is None:
            raise SystemExit(f"no paper {args.explain!r} in the corpus")
        for train in args.train:
            for d, chosen in enumerate(draws_of(paper.names, train, args.draws, args.first)):
                print(f"{paper.paper}, {train} corrected pages, draw {d}: {' '.join(chosen)}")
                print("\n".join(explain([(paper.texts[n], paper.settles[n]) for n in chosen])))
        return
    split_of = {p.paper: p.split for p in papers}
    for train in args.train:
        per_paper, per_split = evaluate(papers, scorer, train, args.draws, args.first)
        draws = 1 if args.first else args.draws
        print(f"\n{train} corrected pages per paper, {draws} draw(s)"
              f"{' (the first pages)' if args.first else ''}; learning time per draw, mean")
        print(f"{'paper':24} {'split':8} {'rules':>5} {'pages':>5} {'before':>7} {'after':>7} {'gap closed':>10}"
              f" {'(min..max)':>15} {'ceiling':>8} {'of gap':>7} {'learn s':>7}")
        for paper, runs in per_paper.items():
            _row(scorer, paper, split_of[paper], runs)
        for split, runs in per_split.items():
            _row(scorer, f"{split.upper()} (all)", split, runs)


def _row(scorer, label, split, runs: list[Run]) -> None:
    n = len(runs)
    mean = lambda values: sum(values) / n  # noqa: E731
    b = mean([summarise(scorer, r.before)["score"] for r in runs])
    a = mean([summarise(scorer, r.after)["score"] for r in runs])
    c = mean([summarise(scorer, r.ceiling)["score"] for r in runs])
    closed = [gap_closed(scorer, r.before, r.after) for r in runs]
    reachable = mean([gap_closed(scorer, r.before, r.ceiling) for r in runs])
    spread = f"{min(closed):.1%}..{max(closed):.1%}"
    print(f"{label:24} {split:8} {mean([r.rules for r in runs]):5.1f} {runs[0].pages:5d} {b:7.3f} {a:7.3f}"
          f" {mean(closed):10.1%} {spread:>15} {c:8.3f} {reachable:7.1%} {mean([r.seconds for r in runs]):7.2f}")


if __name__ == "__main__":
    main()
