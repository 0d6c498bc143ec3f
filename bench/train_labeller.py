"""Train the parser's labeller (articles/parser/labeller.py) on gold pages and choose its thresholds.

usage: python bench/train_labeller.py [CORPUS] [--split dev] [--out articles/parser/labeller_model.json]
                                      [--cross-check] [--thresholds LABEL,STORY]

CORPUS is a folder built by bench/corpus/build.py (only the pages of `--split` are read, so the held-out
papers stay unseen) or any folder of NAME.txt + NAME.gold.json pages (all read). Default:
~/.cache/newsroom-corpus.

Each page is parsed by the rules alone (no labeller, the rules' own confidence). Each piece the gold
speaks of (bench/parse_confidence.py's gold_of_piece, its optional stories left out) is an example for
the label model: its features (labeller.features) and the labels the gold accepts for it. A piece of
story text whose nearest story text above was scored too is an example for the story model: whether the
gold puts it in another story than that piece (as score_page judges a story boundary). Each label's
model and the story model are logistic regressions fitted by bench/train_confidence.py's `train`
(deterministic, weights rounded): the same pages give the same file, byte for byte.

Thresholds: when the corpus's manifest names two papers or more, each paper is left out in turn, the
models are trained on the others, and the paper's pages are parsed with each pair of thresholds of
the grid and scored by score_parse.py (bench/parse_eval.py's machinery). The pair with the best score
over all the papers' pages so read is written into the model; when it does not beat the rules alone by
MIN_GAIN the labeller is written off (thresholds above 1: parse_page reads by the rules alone).
`--cross-check` prints every paper's figures.
Without a manifest the thresholds are `--thresholds` (default 0.8,0.9).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from articles.parser import parse_page  # noqa: E402
from articles.parser.blocks import normalise  # noqa: E402
from articles.parser.confidence import features_of  # noqa: E402
from articles.parser.labeller import (  # noqa: E402
    FEATURE_VERSION, LABELS, MODEL_FILE, PLACED, LabellerModel, Logistic, features, story_before,
)
from bench.parse_confidence import gold_of_piece  # noqa: E402
from bench.parse_eval import add, find_score_tool, load_scorer, summarise  # noqa: E402
from bench.train_confidence import gold_pages, train  # noqa: E402

OFF = 2.0  # a threshold no probability clears
LABEL_GRID = (0.6, 0.7, 0.8, 0.9, 0.95, OFF)
STORY_GRID = (0.7, 0.8, 0.9, 0.95, OFF)
# The thresholds chosen must raise the left-out papers' pooled score by this much over the rules alone,
# else the labeller is written off: on the dev papers a gain below it is a few pieces of one paper, less
# than the score moves between neighbouring thresholds of the grid (see `--cross-check`).
MIN_GAIN = 0.002
MIN_POSITIVES = 5  # a label seen on fewer dev pieces gets no model
L2 = 0.003
ITERATIONS = 300
MIN_COUNT = 5
SMALLEST = 0.01  # a smaller weight is left out of the file: it moves no probability across a threshold


def examples_of(pages):
    """(features, gold labels) for each scored piece and (features, opens) for each story example."""
    labelled, stories = [], []
    for _name, text, gold in pages:
        page = parse_page(text, confidence_model=None, labeller_model=None)
        feats = features(page, features_of(page, normalise(text)))
        optional = {g for g, a in enumerate(gold.get("articles") or []) if a.get("optional")}
        known = [gold_of_piece(d.text, gold) for d in page.decisions]
        known = [None if k is None or k[1] & optional else k for k in known]
        above_index, last = [], None  # the nearest story-text decision above each, by index
        for i, d in enumerate(page.decisions):
            above_index.append(last)
            if d.label not in PLACED and d.story is not None:
                last = i
        for i, (d, f, k) in enumerate(zip(page.decisions, feats, known)):
            if f is None or k is None:
                continue
            labels, gold_stories = k
            labelled.append((f, labels))
            a = above_index[i]
            if (d.label in PLACED or d.story is None or a is None or known[a] is None
                    or labels <= PLACED or None in gold_stories):
                continue
            stories.append((f, not (gold_stories & known[a][1])))
    return labelled, stories


def fit(labelled, stories, label_threshold: float = OFF, story_threshold: float = OFF) -> LabellerModel:
    models = {}
    for label in LABELS:
        examples = [(f, label in labels) for f, labels in labelled]
        if sum(1 for _, yes in examples if yes) >= MIN_POSITIVES:
            models[label] = _fitted(examples)
    return LabellerModel(models, _fitted(stories), label_threshold, story_threshold)


def _fitted(examples) -> Logistic:
    m = train(examples, l2=L2, iterations=ITERATIONS, min_count=MIN_COUNT)
    return Logistic(m.bias, {k: w for k, w in m.weights.items() if abs(w) >= SMALLEST})


def with_thresholds(model: LabellerModel, label: float, story: float) -> LabellerModel:
    return LabellerModel(model.labels, model.story, label, story)


def model_json(model: LabellerModel, about: dict) -> str:
    """The model file's text: sorted, one weight a line, so a retrained model reads as a diff."""
    def part(m: Logistic) -> dict:
        return {"bias": m.bias, "weights": dict(sorted(m.weights.items()))}
    data = {
        "feature_version": FEATURE_VERSION,
        "trained_on": about,
        "thresholds": {"label": model.label_threshold, "story": model.story_threshold},
        "labels": {name: part(m) for name, m in sorted(model.labels.items())},
        "story": part(model.story),
    }
    if not model.active:  # written off: no weights shipped, and parse_page reads by the rules alone
        data["labels"], data["story"] = {}, {"bias": 0.0, "weights": {}}
    return json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n"


def scored(scorer, pages, model: LabellerModel | None) -> dict:
    """score_parse.py's summed counts over the pages parsed with the labeller given (None: rules)."""
    totals: dict = {}
    for _name, text, gold in pages:
        pred = parse_page(text, confidence_model=None, labeller_model=model).to_dict()
        add(totals, scorer.score_page(gold, pred, lambda line: None))
    return totals


def leave_one_paper_out(pages, papers: dict[str, str], scorer, show: bool):
    """For each paper, the counts with the rules alone and with each pair of the grid (models trained on
    the other papers); the best pair over all papers' pages and its total figures."""
    rules_total: dict = {}
    grid_totals: dict[tuple[float, float], dict] = {}
    per_paper = []
    for paper in sorted(set(papers.values())):
        mine = [p for p in pages if papers.get(p[0]) == paper]
        rest = [p for p in pages if papers.get(p[0]) != paper]
        model = fit(*examples_of(rest))
        rules = scored(scorer, mine, None)
        add(rules_total, rules)
        row = {}
        for lt in LABEL_GRID:
            for st in STORY_GRID:
                counts = scored(scorer, mine, with_thresholds(model, lt, st)) if (lt, st) != (OFF, OFF) else rules
                row[(lt, st)] = counts
                add(grid_totals.setdefault((lt, st), {}), counts)
        per_paper.append((paper, len(mine), rules, row))
    base = summarise(scorer, rules_total)["score"]
    best = max(grid_totals, key=lambda k: (round(summarise(scorer, grid_totals[k])["score"], 6), k))
    if summarise(scorer, grid_totals[best])["score"] < base + MIN_GAIN:
        best = (OFF, OFF)
    if show:
        print("leave one paper out (models trained on the other dev papers), score_parse score:")
        print(f"  {'thresholds label/story':24}" + "".join(f" {p[:6]:>8}" for p, *_ in per_paper) + "      all")
        print(f"  {'rules alone':24}" + "".join(f" {summarise(scorer, r)['score']:8.3f}" for _, _, r, _ in per_paper)
              + f" {base:8.4f}")
        for key in sorted(grid_totals):
            name = "/".join("off" if t > 1 else f"{t:.2f}" for t in key)
            mark = "  ← chosen" if key == best else ""
            print(f"  {name:24}" + "".join(f" {summarise(scorer, row[key])['score']:8.3f}" for *_, row in per_paper)
                  + f" {summarise(scorer, grid_totals[key])['score']:8.4f}{mark}")
        if best == (OFF, OFF):
            print(f"  no pair beats the rules alone by {MIN_GAIN} over all papers: the labeller is written off")
        for paper, n, rules, row in per_paper:
            a, b = summarise(scorer, rules), summarise(scorer, row[best])
            print(f"  {paper} ({n} pages) rules → rules+model: " + ", ".join(
                f"{k} {a[k]:.3f}→{b[k]:.3f}" for k in a if k == "score" or abs(a[k] - b[k]) > 5e-4))
    return best


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=Path.home() / ".cache" / "newsroom-corpus")
    parser.add_argument("--split", default="dev", help="the manifest's split to train on (default dev)")
    parser.add_argument("--out", type=Path, default=MODEL_FILE, help="where to write the model")
    parser.add_argument("--cross-check", action="store_true", help="print each dev paper's figures left out")
    parser.add_argument("--thresholds", default="0.8,0.9", help="LABEL,STORY when the corpus has no manifest")
    parser.add_argument("--score-tool", type=Path)
    args = parser.parse_args(argv)
    pages, names, papers = gold_pages(args.corpus, args.split)
    if len(set(papers.values())) >= 2:
        scorer = load_scorer(find_score_tool(args.score_tool))
        label_t, story_t = leave_one_paper_out(pages, papers, scorer, args.cross_check)
        chosen = "leave-one-paper-out"
    else:
        label_t, story_t = (float(x) for x in args.thresholds.split(","))
        chosen = "given"
    labelled, stories = examples_of(pages)
    model = fit(labelled, stories, label_t, story_t)
    about = {"split": args.split if names is not None else "", "pages": len(pages), "pieces": len(labelled),
             "story_examples": len(stories), "thresholds": chosen}
    text = model_json(model, about)
    args.out.write_text(text, encoding="utf-8")
    weights = sum(len(m.weights) for m in model.labels.values()) + len(model.story.weights)
    print(f"{len(pages)} pages, {len(labelled)} pieces, {len(stories)} story examples; {len(model.labels)} label "
          f"models + story model, {weights} weights, {len(text.encode('utf-8')):,} bytes → {args.out.name}; "
          f"thresholds label {label_t:g}, story {story_t:g} ({chosen}{', off' if min(label_t, story_t) > 1 else ''})")


if __name__ == "__main__":
    main()
