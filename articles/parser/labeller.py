"""A learnt second opinion on the rules' reading of a page: where it is sure they are wrong, it corrects them.

The rules (classify.py, segment.py) read each piece of a page by the trade's patterns; on papers they
were not written against they misread some: a subhead in the middle of a story taken for the next
story's headline, a headline taken for a subhead, a story opened or joined at the wrong piece. The
labeller looks at every decision with what the rules concluded around it and asks two small learnt
models:

- the label model: for each label a piece may have (headline parts, subhead, text, dateline, byline,
  caption, photo credit, staff box), a logistic model of P(the piece is that) (one against the rest);
- the story model: for a piece of story text, P(it opens a story other than that of the story text
  above it).

Their features are the confidence model's (confidence.features_of: the rules' label and reason, the
piece's shape and place, the page's style) and the labels and shapes of the pieces two before and two
after it (`context_features`). Where a model's reading differs from the rules' and its probability
clears the threshold the model file carries (chosen by leave-one-paper-out on the dev papers, see
bench/train_labeller.py), the labeller proposes a `Correction` with the reason "模型判断：…", and
parse_page reads the page again with it, exactly as it reads an editor's correction. A piece that an
editor or the paper's house style has set is never proposed for: their word stands.

The weights are learnt from the corpus's dev pages by `bench/train_labeller.py` into
`labeller_model.json` beside this module. Without that file, or with one of another feature version or
malformed, the parser reads pages by its rules alone. Pure Python: no numpy at parse time.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .confidence import _LENGTH_BINS, _LENGTH_TOP, _end_class, _start_class
from .decisions import JOIN, START, Correction, Label

FEATURE_VERSION = 1
MODEL_FILE = Path(__file__).with_name("labeller_model.json")
MODEL_WHY = "模型判断："

# The labels the label model knows: every label the gold of a page can give a piece. Furniture and
# noise are taken off the page by the rules and are neither proposed nor overruled.
LABELS = (
    Label.KICKER, Label.TITLE, Label.SUBTITLE, Label.SUBHEAD, Label.BODY, Label.DATELINE, Label.BYLINE,
    Label.CAPTION, Label.PHOTO_CREDIT, Label.STAFF,
)
_KNOWN = frozenset(LABELS)
# Pieces placed by what they tell of, not by where they stand: no story opens or continues at them.
PLACED = frozenset((Label.CAPTION, Label.PHOTO_CREDIT, Label.STAFF, Label.NOISE, Label.FURNITURE))


@dataclass(frozen=True)
class Logistic:
    bias: float
    weights: dict[str, float]


@dataclass(frozen=True)
class LabellerModel:
    """One logistic model per label and one for story openings, with the thresholds a proposal must clear."""

    labels: dict[str, Logistic]
    story: Logistic
    label_threshold: float  # above 1: no label proposals
    story_threshold: float  # above 1: no story proposals

    def __post_init__(self):
        # feature → [(label's index, weight)], so a piece's scores are one pass over its features
        table: dict[str, list[tuple[int, float]]] = {}
        names = list(self.labels)
        for k, name in enumerate(names):
            for feature, weight in self.labels[name].weights.items():
                table.setdefault(feature, []).append((k, weight))
        object.__setattr__(self, "_names", names)
        object.__setattr__(self, "_table", table)
        object.__setattr__(self, "_biases", [self.labels[n].bias for n in names])

    @property
    def active(self) -> bool:
        """Whether any probability can clear a threshold (thresholds above 1 turn the labeller off)."""
        return min(self.label_threshold, self.story_threshold) <= 1.0

    def label_probabilities(self, features: list[str]) -> dict[str, float]:
        """P(the piece is this label) for each label, each model apart (one against the rest)."""
        scores = list(self._biases)
        table = self._table
        for feature in features:
            for k, weight in table.get(feature, ()):
                scores[k] += weight
        return dict(zip(self._names, map(_sigmoid, scores)))

    def opens_probability(self, features: list[str]) -> float:
        weights = self.story.weights
        return _sigmoid(self.story.bias + sum(weights.get(f, 0.0) for f in features))

    @classmethod
    def from_dict(cls, data: dict) -> LabellerModel | None:
        """The model a file holds, or None when it is of another feature version or malformed."""
        try:
            if data.get("feature_version") != FEATURE_VERSION:
                return None
            labels = {str(name): _logistic(m) for name, m in data["labels"].items()}
            if not labels or not set(labels) <= _KNOWN:
                return None
            return cls(labels=labels, story=_logistic(data["story"]),
                       label_threshold=float(data["thresholds"]["label"]),
                       story_threshold=float(data["thresholds"]["story"]))
        except (AttributeError, KeyError, TypeError, ValueError):
            return None


def _logistic(data: dict) -> Logistic:
    return Logistic(float(data["bias"]), {str(k): float(v) for k, v in data["weights"].items()})


def _sigmoid(score: float) -> float:
    if score < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-score))


@lru_cache(maxsize=1)
def committed_model() -> LabellerModel | None:
    """The model shipped beside this module, read once; None when it is missing or unreadable."""
    try:
        data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return LabellerModel.from_dict(data) if isinstance(data, dict) else None


def _shape(d) -> tuple[str, str, str]:
    body = d.text.strip()
    bare = body.lstrip("#* ").rstrip("#* ")
    length = len(bare) - bare.count(" ") - bare.count("\n")
    return _LENGTH_BINS[min(max(length, 0), _LENGTH_TOP)], _end_class(bare[-1:]), _start_class(body[:2])


def context_features(decisions) -> list[list[str]]:
    """For each decision, the labels and shapes of its neighbours two before and two after, each
    joined with its own label (what the rules concluded here, beside what they concluded around)."""
    shapes = [_shape(d) for d in decisions]
    labels = [d.label for d in decisions]
    n = len(decisions)
    out = []
    for i, d in enumerate(decisions):
        lab = "|" + labels[i]
        p1 = labels[i - 1] if i >= 1 else "edge"
        p2 = labels[i - 2] if i >= 2 else "edge"
        n1 = labels[i + 1] if i + 1 < n else "edge"
        n2 = labels[i + 2] if i + 2 < n else "edge"
        f = ["p2:" + p2 + ">" + p1 + lab, "n2:" + n1 + ">" + n2 + lab, "shape:" + "/".join(shapes[i]) + lab]
        if i >= 1:
            size, end, start = shapes[i - 1]
            f += ["plen:" + size + lab, "pend:" + end + lab, "prev:" + p1 + "/" + size + lab]
        if i + 1 < n:
            size, end, start = shapes[i + 1]
            f += ["nlen:" + size + lab, "nstart:" + start + lab, "nshape:" + n1 + "/" + size + "/" + end + lab]
            if d.story is not None and decisions[i + 1].story != d.story:
                f.append("nextstory" + lab)
        out.append(f)
    return out


def features(page, base: list[list[str] | None]) -> list[list[str] | None]:
    """The labeller's features of each decision: the confidence model's (`base`, from
    confidence.features_of; None where an editor or the house style set the piece) and the context's."""
    context = context_features(page.decisions)
    return [None if b is None else b + c for b, c in zip(base, context)]


def story_before(decisions) -> list[int | None]:
    """For each decision, the story of the nearest piece of story text above it (None: none)."""
    out, last = [], None
    for d in decisions:
        out.append(last)
        if d.label not in PLACED and d.story is not None:
            last = d.story
    return out


@dataclass(frozen=True)
class Proposal:
    correction: Correction
    probability: float  # the model's P of what it proposes


def propose(page, feats: list[list[str] | None], model: LabellerModel) -> list[Proposal]:
    """The corrections the model is sure enough of, one per piece at most, in page order."""
    out = []
    before = story_before(page.decisions)
    for d, f, above in zip(page.decisions, feats, before):
        if f is None or d.label not in _KNOWN:
            continue
        label, story, why, p = None, None, [], 1.0
        probabilities = model.label_probabilities(f)
        best = max(probabilities, key=probabilities.get)
        if best != d.label and probabilities[best] >= model.label_threshold:
            label, p = best, probabilities[best]
            why.append(f"是{Label.CHINESE[best]}(规则读作{Label.CHINESE[d.label]})")
        if (label or d.label) not in PLACED and d.story is not None and above is not None:
            opens = model.opens_probability(f)
            opened = d.story != above
            if not opened and opens >= model.story_threshold:
                story, p = START, min(p, opens)
                why.append("另起一篇(规则接上文)")
            elif opened and 1.0 - opens >= model.story_threshold:
                story, p = JOIN, min(p, 1.0 - opens)
                why.append("接上文(规则另起一篇)")
        if label or story:
            out.append(Proposal(Correction(d.key, label=label, story=story, why=MODEL_WHY + "；".join(why)), p))
    return out


def show(page, proposals: list[Proposal]) -> None:
    """The pieces the model corrected carry its probability as their confidence (decisions.py gives a
    piece with a reason of its own the house style's)."""
    by_key = {p.correction.key: p for p in proposals}
    for d in page.decisions:
        proposal = by_key.get(d.key)
        if proposal is not None and d.why == proposal.correction.why:
            d.confidence = round(proposal.probability, 3)
