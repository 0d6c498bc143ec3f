"""What a paper's house style, learnt from a few corrected pages, does for its other pages.

usage: python bench/house_style.py [--corpus DIR] [--train 3] [--score-tool PATH]

For each paper of the corpus built by bench/corpus/build.py, its pages in name order (by date, then
版次): the first --train pages stand for pages its editors corrected in the desk. Each of their pieces
settles on the label the gold gives it (bench/parse_confidence.py reads the gold per piece); a piece the
gold says nothing of keeps the parser's label, as an editor who looked and left it. A HouseStyle
(articles/parser/style.py) is learnt from those pieces alone, and the paper's other pages are scored with
score_parse.py twice: as the parser reads them, and with the style's relabelling applied as corrections.
Printed per paper and per split: the score before and after, and how much of the gap to 1.0 closed;
beside it the ceiling, the other pages' score had an editor corrected every piece of each of them as
the gold settles it, and how much of the gap that closes: what piece corrections can reach at all
(the rest is text the parser cuts or joins wrongly inside a piece, which no correction changes).
The held-out split's figure is the one that tells: nothing of those papers was looked at for the rules.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from articles.parser import Correction, Label, parse_page  # noqa: E402
from articles.parser.decisions import JOIN, START  # noqa: E402
from articles.parser.style import learn_pages, parse_in_style  # noqa: E402
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


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--train", type=int, default=3, help="corrected pages per paper (default 3)")
    parser.add_argument("--score-tool", type=Path)
    args = parser.parse_args(argv)
    scorer = load_scorer(find_score_tool(args.score_tool))
    corpus = args.corpus.expanduser()
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))

    def load(name):
        folder = corpus / "pages"
        return (folder / f"{name}.txt").read_text(encoding="utf-8"), json.loads(
            (folder / f"{name}.gold.json").read_text(encoding="utf-8"))

    print(f"{'paper':24} {'split':8} {'rules':>5} {'pages':>5} {'before':>7} {'after':>7} {'gap closed':>10}"
          f" {'ceiling':>8} {'of gap':>7}")
    splits: dict[str, tuple[dict, dict, dict, int]] = {}
    for paper in sorted({m["paper"] for m in manifest}):
        names = sorted(m["page"] for m in manifest if m["paper"] == paper)
        split = next(m["split"] for m in manifest if m["paper"] == paper)
        if len(names) <= args.train:
            continue
        style = learn_pages([(text, settle_by_gold(gold)) for text, gold in map(load, names[: args.train])])
        before, after, ceiling = {}, {}, {}
        for name in names[args.train:]:
            text, gold = load(name)
            add(before, scorer.score_page(gold, parse_page(text).to_dict(), lambda line: None))
            add(after, scorer.score_page(gold, parse_in_style(text, style).to_dict(), lambda line: None))
            add(ceiling, scorer.score_page(gold, self_corrected(text, gold).to_dict(), lambda line: None))
        _row(paper, split, len(style.rules), len(names) - args.train, scorer, before, after, ceiling)
        totals = splits.setdefault(split, ({}, {}, {}, 0))
        for total, counts in zip(totals, (before, after, ceiling)):
            add(total, counts)
        splits[split] = (*totals[:3], totals[3] + len(names) - args.train)
    for split, (before, after, ceiling, pages) in splits.items():
        _row(f"{split.upper()} (all)", split, None, pages, scorer, before, after, ceiling)


def _row(label, split, rules, pages, scorer, before, after, ceiling) -> None:
    b, a, c = (summarise(scorer, counts)["score"] for counts in (before, after, ceiling))
    closed = (a - b) / (1 - b) if b < 1 else 0.0
    reachable = (c - b) / (1 - b) if b < 1 else 0.0
    rules = "" if rules is None else rules
    print(f"{label:24} {split:8} {rules:>5} {pages:5d} {b:7.3f} {a:7.3f} {closed:10.1%} {c:8.3f} {reachable:7.1%}")


if __name__ == "__main__":
    main()
