"""How sure the parser is of each decision: a learnt estimate of the chance that it is right.

The rules give each piece a label, a reason and a confidence of their own (decisions.py). How often each
reason is right depends on where it fired: a short line read as a subhead is usually right inside a long
story and often wrong straight under a headline; a body piece of a packed e-paper page is surer than one
of a plain page with a headline printed on its first line. So the confidence an editor sees is
P(correct) from a small logistic model over what the parser has at hand when it is done with the page:

- the decision: its label, the reason that fired, the rules' own confidence, whether it opens a story;
- the piece's shape: length, lines, how it opens and ends, digits, spaces, markup, parts;
- its place: position in its story, the labels of the pieces before and after, whether the text before
  it stopped mid-sentence, whether its story has a dateline and credits, how long the story is;
- the page: markdown, plain or e-paper (indented or packed paragraphs), how many stories it has.

Features are named strings, so the model is a table of weights by name: a reason the model has not seen
(a rule added or reworded since it was trained) adds nothing, and the generic features (label, the
rules' confidence, shape, place) still speak. Without a model file, or with one of another feature
version, the rules' own confidence stands.

The weights are learnt from the corpus's dev pages by `bench/train_confidence.py` into
`confidence_model.json` beside this module. Pure Python: no numpy at parse time.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .decisions import CORRECTED, Label
from .vocabulary import CLOSERS, CONTINUATION_START, RUN_ON_END, SENTENCE_END

FEATURE_VERSION = 1
MODEL_FILE = Path(__file__).with_name("confidence_model.json")

_LENGTHS = (2, 4, 6, 8, 12, 16, 24, 32, 48, 64, 100, 200)
_RULE_BINS = (0.3, 0.45, 0.55, 0.65, 0.8, 0.9, 0.96)
_DIGIT = re.compile(r"\d")
_PAUSE = re.compile(r"[,，、]")
_MARKUP = re.compile(r"^(#{1,6})\s")
_INDENTED = re.compile(r"^[ \t\u3000]+\S", re.M)
_LINE = re.compile(r"\S.*$", re.M)


@dataclass(frozen=True)
class ConfidenceModel:
    """A logistic model: P(correct) = 1 / (1 + e^-(bias + Σ weight of each feature present × value))."""

    bias: float
    weights: dict[str, float]

    def probability(self, features: dict[str, float]) -> float:
        weights = self.weights
        score = self.bias + sum(weights.get(name, 0.0) * value for name, value in features.items())
        if score < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-score))

    @classmethod
    def from_dict(cls, data: dict) -> ConfidenceModel | None:
        """The model a file holds, or None when it is of another feature version or malformed."""
        try:
            if data.get("feature_version") != FEATURE_VERSION:
                return None
            weights = {str(k): float(v) for k, v in data["weights"].items()}
            return cls(bias=float(data["bias"]), weights=weights)
        except (AttributeError, KeyError, TypeError, ValueError):
            return None


@lru_cache(maxsize=1)
def committed_model() -> ConfidenceModel | None:
    """The model shipped beside this module, read once; None when it is missing or unreadable."""
    try:
        data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return ConfidenceModel.from_dict(data)


def apply(page, text: str, model: ConfidenceModel | None) -> None:
    """Each decision's confidence becomes the model's P(correct); an editor's correction stays 1.0."""
    if model is None:
        return
    for decision, features in zip(page.decisions, features_of(page, text)):
        if features is not None:
            decision.confidence = round(model.probability(features), 3)


def page_style(text: str) -> str:
    """How the page was printed into text: "markdown" (heading marks), "indented" (an e-paper export that
    indents each paragraph), "packed" (paragraphs on consecutive lines, no blank line between), "plain"."""
    lines = _LINE.findall(text)
    if not lines:
        return "plain"
    if any(_MARKUP.match(line) or line.startswith("**") for line in lines):
        return "markdown"
    if len(_INDENTED.findall(text)) * 3 >= len(lines):
        return "indented"
    blank = text.count("\n\n")
    return "packed" if blank * 3 < len(lines) else "plain"


def _length_bin(n: int) -> str:
    return next((f"≤{b}" for b in _LENGTHS if n <= b), f">{_LENGTHS[-1]}")


def _rule_bin(c: float) -> str:
    return next((f"≤{b}" for b in _RULE_BINS if c <= b), "high")


def _end_class(ch: str) -> str:
    if not ch:
        return "none"
    if ch in SENTENCE_END:
        return "stop"
    if ch in CLOSERS:
        return "closer"
    if ch in RUN_ON_END:
        return "open"
    if ch.isdigit():
        return "digit"
    if ch.isascii() and ch.isalpha():
        return "latin"
    return "word"


def _start_class(text: str) -> str:
    if text.startswith(("——", "—", "--")):
        return "dash"
    if text.startswith("#"):
        return "mark"
    if text.startswith("**"):
        return "bold"
    ch = text[:1]
    if not ch:
        return "none"
    if ch in CONTINUATION_START:
        return "continues"
    if ch in "(（【[《“\"":
        return "bracket"
    if ch.isdigit():
        return "digit"
    if ch.isascii() and ch.isalpha():
        return "latin"
    if not ch.isalnum():
        return "mark"
    return "word"


def _count_bin(n: int, bins: tuple[int, ...]) -> str:
    return next((str(b) for b in bins if n <= b), f">{bins[-1]}")


def features_of(page, text: str) -> list[dict[str, float] | None]:
    """The features of each decision of a parsed page (None for an editor's correction), in page order."""
    decisions = page.decisions
    style = page_style(text)
    stories = len(page.articles)
    story_sizes: dict[int, int] = {}
    for d in decisions:
        if d.story is not None:
            story_sizes[d.story] = story_sizes.get(d.story, 0) + 1
    page_bin = f"page:{style}|stories:{_count_bin(stories, (0, 1, 2, 4, 8))}"
    out: list[dict[str, float] | None] = []
    seen_in_story: dict[int, int] = {}
    last_line = 0
    n = len(decisions)
    for i, d in enumerate(decisions):
        body = d.text.strip()
        lines = body.count("\n") + 1
        start_gap = d.line - last_line  # 1: the line right after the piece before (no blank line)
        last_line = d.line + lines - 1
        place = seen_in_story.get(d.story, 0) if d.story is not None else -1
        if d.story is not None:
            seen_in_story[d.story] = place + 1
        if d.why == CORRECTED:
            out.append(None)
            continue
        label = d.label
        prev = decisions[i - 1] if i else None
        nxt = decisions[i + 1] if i + 1 < n else None
        prev_label = prev.label if prev else "edge"
        next_label = nxt.label if nxt else "edge"
        bare = body.lstrip("#* ").rstrip("#* ")
        length = len("".join(bare.split()))
        size = story_sizes.get(d.story, 0) if d.story is not None else 0
        article = page.articles[d.story] if d.story is not None and d.story < stories else None
        lab = f"|{label}"
        f = {
            f"label:{label}": 1.0,
            f"why:{d.why}": 1.0,
            f"why:{d.why}{lab}": 1.0,
            "rule": d.confidence,
            f"rule:{_rule_bin(d.confidence)}": 1.0,
            f"rule:{_rule_bin(d.confidence)}{lab}": 1.0,
            f"len:{_length_bin(length)}": 1.0,
            f"len:{_length_bin(length)}{lab}": 1.0,
            f"lines:{_count_bin(lines, (1, 2, 3))}{lab}": 1.0,
            f"end:{_end_class(bare[-1:])}{lab}": 1.0,
            f"start:{_start_class(body)}{lab}": 1.0,
            f"prev:{prev_label}{lab}": 1.0,
            f"next:{next_label}{lab}": 1.0,
            f"around:{prev_label}>{label}>{next_label}": 1.0,
            f"gap:{_count_bin(start_gap, (1, 2, 3))}{lab}": 1.0,
            f"{page_bin}": 1.0,
            f"style:{style}{lab}": 1.0,
            f"style:{style}|why:{d.why}": 1.0,
        }
        if d.starts_story:
            f[f"starts{lab}"] = 1.0
            f[f"starts|prev:{prev_label}"] = 1.0
        if d.story is None:
            f[f"outside{lab}"] = 1.0
        else:
            f[f"place:{_count_bin(place, (0, 1, 2, 3, 5, 9))}{lab}"] = 1.0
            f[f"story:{_count_bin(size, (1, 2, 3, 5, 9, 20))}{lab}"] = 1.0
            if place == size - 1:
                f[f"last{lab}"] = 1.0
            if prev is not None and prev.story != d.story:
                f[f"newstory{lab}"] = 1.0
        if article is not None:
            f[f"dateline:{bool(article.dateline)}{lab}"] = 1.0
            f[f"credits:{bool(article.bylines)}{lab}"] = 1.0
            f[f"untitled:{not article.title}{lab}"] = 1.0
            heads = sum(1 for p in (article.kicker, article.title, article.subtitle) if p)
            f[f"heads:{heads}{lab}"] = 1.0
        if prev is not None and prev.label == Label.BODY:
            prev_end = prev.text.rstrip()[-1:]
            if prev_end and prev_end not in SENTENCE_END + CLOSERS:
                f[f"after_open{lab}"] = 1.0
        if _DIGIT.search(bare):
            f[f"digits{lab}"] = 1.0
        if " " in bare:
            f[f"space{lab}"] = 1.0
        pauses = len(_PAUSE.findall(bare))
        f[f"pauses:{_count_bin(pauses, (0, 1, 3))}{lab}"] = 1.0
        if d.parts:
            f[f"parts:{len(d.parts)}{lab}"] = 1.0
        mark = _MARKUP.match(body)
        if mark:
            f[f"md:{len(mark.group(1))}{lab}"] = 1.0
        if nxt is not None and nxt.label == Label.DATELINE:
            f[f"before_dateline{lab}"] = 1.0
        out.append(f)
    return out
