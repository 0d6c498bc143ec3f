"""Train the parser's confidence model (articles/parser/confidence.py) on gold pages.

usage: python bench/train_confidence.py [CORPUS] [--split dev] [--out articles/parser/confidence_model.json]
                                        [--cross-check]

CORPUS is a folder built by bench/corpus/build.py (its manifest names each page's split; only the pages
of `--split` are read, so the held-out papers stay unseen) or any folder of NAME.txt + NAME.gold.json
pages (all read). Default: ~/.cache/newsroom-corpus.

Each page is parsed with the rules' own confidence; each decision the gold speaks of is an example,
right or wrong exactly as bench/parse_confidence.py scores it (its score_page), with the features
confidence.features_of() gives it. The model is a logistic regression with an L2 penalty, fitted by
full-batch gradient descent in a fixed order, its weights rounded: the same pages give the same file,
byte for byte. `--cross-check` also prints, for each paper, the figures of a model trained without it
(what to expect on a paper the model has not seen).

Retrain after any change to the parser's rules: one command, then commit the model file.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from articles.parser import parse_page  # noqa: E402
from articles.parser.confidence import FEATURE_VERSION, MODEL_FILE, ConfidenceModel, features_of  # noqa: E402
from bench.parse_confidence import Scored, figures, folder_pages, score_page  # noqa: E402

L2 = 0.003  # penalty per weight, against the mean log-loss of the examples
ITERATIONS = 300
STEP = 0.5
MIN_COUNT = 2  # a feature seen on fewer examples gets no weight
DIGITS = 4  # weights are rounded to this many decimals


def examples_of(pages) -> tuple[list[tuple[list[str], bool]], list[Scored]]:
    """(features, right) for each scored decision of the pages given as (name, text, gold), and the
    scored decisions themselves in the same order."""
    examples, scored = [], []
    for name, text, gold in pages:
        page = parse_page(text, confidence_model=None)
        features = features_of(page, text)
        for s in score_page(name, text, gold, page=page):
            if features[s.index] is not None:
                examples.append((features[s.index], not s.error))
                scored.append(s)
    return examples, scored


def train(examples, l2: float = L2, iterations: int = ITERATIONS, step: float = STEP,
          min_count: int = MIN_COUNT) -> ConfidenceModel:
    """A logistic model of P(right) fitted to the examples; deterministic."""
    counts: dict[str, int] = {}
    for features, _ in examples:
        for name in set(features):
            counts[name] = counts.get(name, 0) + 1
    names = sorted(n for n, c in counts.items() if c >= min_count)
    index = {n: k for k, n in enumerate(names)}
    # examples with the same features and outcome are fitted once, weighted by their number
    grouped: dict[tuple, list[float]] = {}
    for features, right in examples:
        row = tuple(sorted({index[n] for n in features if n in index}))
        grouped.setdefault((row, right), [0.0])[0] += 1.0
    rows = [(row, 1.0 if right else 0.0, w[0]) for (row, right), w in sorted(grouped.items())]
    total = float(len(examples)) or 1.0
    weights = [0.0] * len(names)
    right_share = sum(1 for _, r in examples if r) / total if examples else 0.5
    bias = math.log(max(right_share, 1e-3) / max(1 - right_share, 1e-3))
    squares = [0.0] * (len(names) + 1)  # Adagrad: each weight's step shrinks with its gradients
    for _ in range(iterations):
        grad = [0.0] * len(names)
        grad_bias = 0.0
        for row, y, count in rows:
            score = bias + sum(weights[k] for k in row)
            p = 1.0 / (1.0 + math.exp(-score)) if score > -30 else 0.0
            g = (p - y) * count / total
            grad_bias += g
            for k in row:
                grad[k] += g
        for k in range(len(names)):
            gk = grad[k] + l2 * weights[k]
            squares[k] += gk * gk
            weights[k] -= step * gk / (math.sqrt(squares[k]) + 1e-8)
        squares[-1] += grad_bias * grad_bias
        bias -= step * grad_bias / (math.sqrt(squares[-1]) + 1e-8)
    kept = {n: round(w, DIGITS) for n, w in zip(names, weights) if round(w, DIGITS) != 0.0}
    return ConfidenceModel(bias=round(bias, DIGITS), weights=kept)


def model_json(model: ConfidenceModel, about: dict) -> str:
    """The model file's text: sorted, one weight a line, so a retrained model reads as a diff."""
    data = {
        "feature_version": FEATURE_VERSION,
        "trained_on": about,
        "bias": model.bias,
        "weights": dict(sorted(model.weights.items())),
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def rescored(scored: list[Scored], examples, model: ConfidenceModel) -> list[Scored]:
    """The scored decisions with the model's confidence in place of the rules'."""
    return [Scored(s.page, s.line, s.label, s.gold, round(model.probability(f), 3), s.error, s.why, s.index)
            for s, (f, _) in zip(scored, examples)]


def corpus_pages(corpus: Path, split: str | None) -> tuple[Path, list[str] | None, dict[str, str]]:
    """The pages folder, the names of the pages to read (None: all) and each page's paper."""
    pages = corpus / "pages" if (corpus / "pages").is_dir() else corpus
    manifest = corpus / "manifest.json"
    if not manifest.exists():
        return pages, None, {}
    entries = json.loads(manifest.read_text(encoding="utf-8"))
    chosen = [m for m in entries if split is None or m.get("split", "") == split]
    return pages, [m["page"] for m in chosen], {m["page"]: m.get("paper", "") for m in chosen}


def gold_pages(corpus: Path, split: str) -> tuple[list, list[str] | None, dict[str, str]]:
    """The gold pages of `split` (name, text, gold), the names read (None: a folder without manifest, all
    read) and each page's paper; exits with a message when there are none."""
    if not corpus.is_dir():
        raise SystemExit(f"no such folder: {corpus}")
    folder, names, papers = corpus_pages(corpus, split)
    pages = list(folder_pages(folder, names))
    if not pages:
        raise SystemExit(f"no gold pages in {corpus} (split {split})")
    return pages, names, papers


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=Path.home() / ".cache" / "newsroom-corpus")
    parser.add_argument("--split", default="dev", help="the manifest's split to train on (default dev)")
    parser.add_argument("--out", type=Path, default=MODEL_FILE, help="where to write the model")
    parser.add_argument("--cross-check", action="store_true", help="figures of each paper left out in turn")
    args = parser.parse_args(argv)
    pages, names, papers = gold_pages(args.corpus, args.split)
    examples, scored = examples_of(pages)
    model = train(examples)
    about = {"split": args.split if names is not None else "", "pages": len(pages), "decisions": len(examples),
             "errors": sum(1 for _, right in examples if not right)}
    text = model_json(model, about)
    args.out.write_text(text, encoding="utf-8")
    print(f"{len(pages)} pages, {len(examples)} decisions, {about['errors']} errors; "
          f"{len(model.weights)} weights, {len(text.encode('utf-8')):,} bytes → {args.out.name}")
    print(f"  rules' confidence: {figures(scored).line()}")
    print(f"  model (on the pages it learnt from): {figures(rescored(scored, examples, model)).line()}")
    if args.cross_check and papers:
        for paper in sorted(set(papers.values())):
            inside = [k for k, s in enumerate(scored) if papers.get(s.page) == paper]
            taken = set(inside)
            rest = [e for k, e in enumerate(examples) if k not in taken]
            left_out = train(rest)
            mine = [scored[k] for k in inside]
            print(f"  {paper} left out: rules {figures(mine).errors_held:.1%}, model "
                  f"{figures(rescored(mine, [examples[k] for k in inside], left_out)).line()}")


if __name__ == "__main__":
    main()
