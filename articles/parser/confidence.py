"""How sure the parser is of each decision: a learnt estimate of the chance that it is right.

The rules give each piece a label, a reason and a confidence of their own (decisions.py). How often a
reason is right depends on where it fired (the same short line under a headline, in the middle of a
story, on a markdown or a plain page), so the confidence an editor sees is P(correct) from a small
logistic model over what the parser has at hand when it is done with the page:

- the decision: its label, the reason that fired, the rules' own confidence, whether it opens a story;
- the piece's shape: length, how it opens and ends, pauses, spaces, markdown level, parts;
- its place: position in its story, whether it is the story's last piece, the labels of the pieces
  around it, the blank lines before it, whether the text before it stopped mid-sentence, whether its
  story has credits and how many headline parts;
- the page: markdown, plain, or e-paper with indented or packed paragraphs.

Features are named strings, so the model is a table of weights by name, holding every feature it saw
in training. A feature it never saw (a reason, a shape or a neighbourhood no dev page showed, or a rule
added since it was trained) adds no weight but costs the decision `unseen_penalty`: a piece unlike
anything the model learnt from is where a paper it never read goes wrong, so that is where the editor
should look. Without a model file, or with one of another feature version, the rules' own confidence
stands.

The weights are learnt from the corpus's dev pages by `bench/train_confidence.py` into
`confidence_model.json` beside this module. Pure Python: no numpy at parse time.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from .decisions import CORRECTED, HOUSE_STYLE, Label
from .vocabulary import CLOSERS, CONTINUATION_START, RUN_ON_END, SENTENCE_END

FEATURE_VERSION = 1
MODEL_FILE = Path(__file__).with_name("confidence_model.json")

_LENGTHS = (2, 4, 6, 8, 12, 16, 24, 32, 48, 64, 100, 200)
_RULE_BINS = (0.3, 0.45, 0.55, 0.65, 0.8, 0.9, 0.96)
_MARKUP = re.compile(r"^(#{1,6})\s")
_INDENTED = re.compile(r"[ \t\u3000]+\S")  # a line that opens with the paragraph indent
_INDENTS = (" ", "\t", "\u3000")  # the characters _INDENTED opens with
_SENTENCE_OR_CLOSER = SENTENCE_END + CLOSERS


@dataclass(frozen=True)
class ConfidenceModel:
    """A logistic model: P(correct) = 1 / (1 + e^-(bias + Σ the weights of the features present
    − unseen_penalty × the number of features it has no weight for))."""

    bias: float
    weights: dict[str, float]
    unseen_penalty: float = 0.0

    def probability(self, features: list[str]) -> float:
        values = list(map(self.weights.get, features))  # None: a feature the model never saw
        score = self.bias + sum(filter(None, values)) - self.unseen_penalty * values.count(None)
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
            return cls(bias=float(data["bias"]), weights=weights,
                       unseen_penalty=float(data.get("unseen_penalty", 0.0)))
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


def apply(page, text: str, model: ConfidenceModel | None, features: list | None = None) -> None:
    """Each decision's confidence becomes the model's P(correct); an editor's correction stays 1.0, a
    piece the paper's house style set stays 0.9. `features`: features_of(page, text) when already known."""
    if model is None:
        return
    for decision, features in zip(page.decisions, features if features is not None else features_of(page, text)):
        if features is not None:
            decision.confidence = round(model.probability(features), 3)


def page_style(text: str) -> str:
    """How the page was printed into text: "markdown" (heading marks), "indented" (an e-paper export that
    indents each paragraph), "packed" (paragraphs on consecutive lines, no blank line between), "plain"."""
    # the text split at its line breaks, and its lines that print anything, from their first printed
    # character: one look at each line, where a multiline pattern is tried at every character of the page
    rows = text.split("\n")
    lines = [line for line in map(str.lstrip, rows) if line]
    if not lines:
        return "plain"
    # each pattern is tried only on the lines that open with a character it needs (a "#", an indent)
    if any(line.startswith("**") or (line[0] == "#" and _MARKUP.match(line)) for line in lines):
        return "markdown"
    if sum(1 for row in rows if row.startswith(_INDENTS) and _INDENTED.match(row)) * 3 >= len(lines):
        return "indented"
    blank = text.count("\n\n")
    return "packed" if blank * 3 < len(lines) else "plain"


def _bins(bounds: tuple[int, ...]) -> list[str]:
    """The bin of each count from 0 to the last bound, then one for the rest: "≤2", "≤4" … ">200"."""
    table = []
    for n in range(bounds[-1] + 2):
        table.append(next((f"≤{b}" for b in bounds if n <= b), f">{bounds[-1]}"))
    return table


def _bin(table: list[str], n: int) -> str:  # for counts that may be negative or large
    if n < 0:
        return table[0]
    return table[n] if n < len(table) else table[-1]


_LENGTH_BINS = _bins(_LENGTHS)
_LENGTH_TOP = len(_LENGTH_BINS) - 1
_GAP_BINS = _bins((1, 2, 3))
_PLACE_BINS = _bins((0, 1, 2, 3, 5, 9))
_PAUSE_BINS = _bins((0, 1, 3))
_RULE_NAMES = [f"≤{b}" for b in _RULE_BINS] + ["high"]  # the bin of the rules' confidence c: bisect_left(_RULE_BINS, c)


@cache  # one character: a few thousand answers at most
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


@lru_cache(maxsize=4096)  # only the first two characters count: callers pass those, so few answers are kept
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


_HEADS = frozenset(Label.HEADLINE + (Label.SUBHEAD,))
_SUBHEAD_BINS = _bins((0, 1, 2, 4))
_RUN_BINS = _bins((0, 2, 5, 10, 20))  # hundreds of characters


def _text_runs(decisions, order) -> list[int]:
    """For each decision, the characters of story text next to it (in `order`) up to the next headline
    or subhead, or the story's end."""
    runs = [0] * len(decisions)
    run, story = 0, object()
    for i in order:
        d = decisions[i]
        runs[i] = run if d.story == story else 0
        if d.story != story or d.label in _HEADS:
            run, story = 0, d.story
        if d.label not in _HEADS:
            run += len(d.text)
    return runs


class _Names(dict):
    """Feature names made once and looked up after: `make(key)` builds the name for a key not seen yet.
    Its keys are labels and classes, a few dozen at most, so the table stays small."""

    def __init__(self, make):
        super().__init__()
        self.make = make

    def __missing__(self, key):
        name = self[key] = self.make(key)
        return name


class _LabelFeatures:
    """The names of the features that pair a value with a decision's label ("len:≤8|body"), made once
    per label rather than once per decision. Building these strings again for every decision, and
    hashing each new string to look its weight up, was most of the time the model took; a name made
    once keeps its hash."""

    def __init__(self, label: str):
        lab = "|" + label
        self.lab = lab
        self.length = ["len:" + b + lab for b in _LENGTH_BINS]
        self.gap = ["gap:" + b + lab for b in _GAP_BINS]
        self.pauses = ["pauses:" + b + lab for b in _PAUSE_BINS]
        self.place = ["place:" + b + lab for b in _PLACE_BINS]
        self.subheads = ["subheads:" + b + lab for b in _SUBHEAD_BINS]
        self.after = ["after:" + b + lab for b in _RUN_BINS]
        self.before = ["before:" + b + lab for b in _RUN_BINS]
        self.end = _Names(lambda kind: "end:" + kind + lab)
        self.start = _Names(lambda kind: "start:" + kind + lab)
        self.next = _Names(lambda after: "next:" + after + lab)
        self.around = _Names(lambda before: _Names(lambda after: "around:" + before + ">" + label + ">" + after))
        self.starts = ["starts" + lab]
        self.starts_after = _Names(lambda before: "starts|prev:" + before)
        self.story = _Names(lambda feature: feature + lab)  # the story's credits and headline parts
        self.last, self.new_story, self.after_open, self.space = (
            "last" + lab, "newstory" + lab, "after_open" + lab, "space" + lab
        )


_LABEL_FEATURES = _Names(_LabelFeatures)  # by label: a dozen labels (Label.ALL)
_RULE_FEATURES = ["rule:" + name for name in _RULE_NAMES]


def features_of(page, text: str) -> list[list[str] | None]:
    """The features present for each decision of a parsed page (None for an editor's correction), in
    page order. Every feature is a name, present or not."""
    decisions = page.decisions
    articles = page.articles
    style = page_style(text)
    story_sizes: dict[int, int] = {}
    subheads: dict[int, list[int]] = {}  # each story's subheads: how many, and their length in all
    for d in decisions:
        if d.story is not None:
            story_sizes[d.story] = story_sizes.get(d.story, 0) + 1
            if d.label == Label.SUBHEAD:
                count_and_length = subheads.setdefault(d.story, [0, 0])
                count_and_length[0] += 1
                count_and_length[1] += len(d.text)
    story_features = [
        (f"credits:{bool(a.bylines)}", f"heads:{(a.kicker is not None) + bool(a.title) + (a.subtitle is not None)}")
        for a in articles
    ]
    text_after = _text_runs(decisions, reversed(range(len(decisions))))
    text_before = _text_runs(decisions, range(len(decisions)))
    out: list[list[str] | None] = []
    by_reason: dict[tuple[str, str], list[str]] = {}
    seen_in_story: dict[int, int] = {}
    last_line = 0
    n = len(decisions)
    for i, d in enumerate(decisions):
        body = d.text.strip()
        lines = body.count("\n") + 1
        start_gap = d.line - last_line  # 1: the line right after the piece before (no blank line)
        last_line = d.line + lines - 1
        story = d.story
        place = seen_in_story.get(story, 0) if story is not None else -1
        if story is not None:
            seen_in_story[story] = place + 1
        if d.why == CORRECTED or d.why.startswith(HOUSE_STYLE):  # set by the editors, or learnt from them
            out.append(None)
            continue
        label, why = d.label, d.why
        names = _LABEL_FEATURES[label]
        prev = decisions[i - 1] if i else None
        nxt = decisions[i + 1] if i + 1 < n else None
        prev_label = prev.label if prev else "edge"
        next_label = nxt.label if nxt else "edge"
        bare = body.lstrip("#* ").rstrip("#* ")
        spaces = bare.count(" ")
        length = len(bare) - spaces - (lines - 1)  # bare has body's line breaks, lines - 1 of them
        named = by_reason.get((label, why))
        if named is None:  # the features a label and its reason name, the same for every piece they share
            lab = names.lab
            named = by_reason[label, why] = ["label:" + label, "why:" + why + lab, "style:" + style + lab,
                                             "style:" + style + "|why:" + why]
        f = [
            named[0],
            named[1],
            _RULE_FEATURES[bisect_left(_RULE_BINS, d.confidence)],
            names.length[length if length < _LENGTH_TOP else _LENGTH_TOP],
            names.end[_end_class(bare[-1:])],
            names.start[_start_class(body[:2])],
            names.next[next_label],
            names.around[prev_label][next_label],
            _bin(names.gap, start_gap),
            named[2],
            named[3],
            _bin(names.pauses, bare.count(",") + bare.count("，") + bare.count("、")),
        ]
        if d.starts_story:
            f += [names.starts[0], names.starts_after[prev_label]]
        if story is not None:
            size = story_sizes[story]
            f.append(_bin(names.place, place))
            if place == size - 1:
                f.append(names.last)
            if prev is not None and prev.story != story:
                f.append(names.new_story)
            if label in _HEADS:
                # a missed story start is most often a headline read as a subhead: one subhead alone in
                # its story, unlike the story's other subheads in length, or over a text of its own size
                count, total = subheads.get(story, (0, 0))
                f.append(_bin(names.subheads, count))
                if label == Label.SUBHEAD and count > 1:
                    mean = (total - len(d.text)) / (count - 1)
                    f.append(f"like_others:{abs(len(d.text) - mean) <= mean * 0.4}")
                f.append(_bin(names.after, text_after[i] // 100))
                f.append(_bin(names.before, text_before[i] // 100))
            if story < len(articles):
                credits, heads = story_features[story]
                f += [names.story[credits], names.story[heads]]
        if prev is not None and prev.label == Label.BODY:
            prev_end = prev.text.rstrip()[-1:]
            if prev_end and prev_end not in _SENTENCE_OR_CLOSER:
                f.append(names.after_open)
        if spaces:
            f.append(names.space)
        if d.parts:
            f.append(f"parts:{len(d.parts)}{names.lab}")
        if body[:1] == "#":
            mark = _MARKUP.match(body)
            if mark:
                f.append(f"md:{len(mark.group(1))}{names.lab}")
        out.append(f)
    return out
