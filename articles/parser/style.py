"""A paper's house style, learnt from its editors' corrections.

Each paper prints bylines, credits, captions and staff lines in forms of its own, the same on every page.
When editors correct a few of its pages in the desk, every piece of those pages has a settled label: the
ones they corrected and the ones they saw and left. From those, learn rules of the form "a piece that
begins 文/本报记者 is a byline" and apply them to the paper's next pages before anyone has to.

Rules are learnt as in transformation-based learning (Brill, 1995): start from what the parser said;
among the rules "feature → label", take the one that would fix the most pieces of the corrected pages
while breaking the fewest, apply it, and repeat while a rule still gains enough. A rule is kept only
when it gains on the pages it was learnt from, so a paper's style never overrides the parser on what
those pages do not show.

Pure Python and deterministic: the same examples give the same rules in the same order.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

_SPACE = re.compile(r"\s+")
_LENGTHS = (4, 8, 16, 32, 64)

# A rule must fix at least this many pieces more than it breaks, and fix at least this many pieces on
# at least two pages: one odd line of one page is no style.
MIN_GAIN = 2
MIN_PAGES = 2


@dataclass(frozen=True)
class Example:
    """One piece of a corrected page: what the parser said, and what the editor settled on."""

    page: int  # which corrected page it came from
    text: str
    said: str  # the parser's label
    settled: str  # the label the editor left or set


@dataclass(frozen=True)
class Rule:
    feature: str  # "前:文/本报记者", "尾:摄", "长:≤8" …
    label: str
    fixes: int
    breaks: int


@dataclass
class HouseStyle:
    rules: list[Rule] = field(default_factory=list)

    def label_for(self, text: str, said: str) -> str:
        """The label the paper's style gives a piece the parser labelled `said`."""
        features = set(features_of(text))
        label = said
        for rule in self.rules:  # in the order learnt: each was chosen on the labels the ones before left
            if rule.feature in features:
                label = rule.label
        return label

    def relabel(self, pieces: Iterable[tuple[str, str, str]]) -> list[tuple[str, str]]:
        """(key, label) for each piece (key, text, label) whose label the style changes."""
        changed = []
        for key, text, said in pieces:
            label = self.label_for(text, said)
            if label != said:
                changed.append((key, label))
        return changed

    def describe(self) -> list[str]:
        """The rules as an editor can read them: "开头是“文/本报记者”→ byline(改对 5 处,改错 0 处)"."""
        return [f"{_readable(r.feature)} → {r.label}(改对 {r.fixes} 处,改错 {r.breaks} 处)" for r in self.rules]


def features_of(text: str) -> list[str]:
    """What a rule may look at: the words at the ends of the piece, and how it begins.

    Names differ from page to page; the words around them (本报记者, 通讯员, 摄, 责任编辑) and the marks
    (/, ( ), :) are the paper's style. Papers set a space between the role and the name, so the first
    and last words of a piece are its style words; the opening characters serve where there is no space.
    """
    words = unicodedata.normalize("NFKC", text).split()
    if not words:
        return []
    t = "".join(words)
    length = next((f"≤{n}" for n in _LENGTHS if len(t) <= n), f">{_LENGTHS[-1]}")
    found = []
    if len(words) > 1:
        found += [f"头:{words[0]}", f"头:{words[0]}|词:{min(len(words), 4)}"]
        if len(words[-1]) <= 3:
            found.append(f"末:{words[-1]}")
    # no rule on one opening character or on the length alone: too little to tell a style by
    found += [f"前:{t[:n]}" for n in (2, 3, 4, 5, 6) if len(t) >= n]
    found += [f"尾:{t[-n:]}" for n in (2, 3) if len(t) > n]
    found += [f"前:{t[:n]}|长:{length}" for n in (2, 3, 4) if len(t) > n]
    return found


# Among rules that gain as much, the one read from the piece's words is preferred to the one read
# from its opening characters, which may end in a reporter's surname.
_PREFERENCE = {"头": 0, "末": 0, "前": 1, "尾": 1}


def learn(examples: Sequence[Example], *, min_gain: int = MIN_GAIN, min_pages: int = MIN_PAGES) -> HouseStyle:
    """Rules learnt greedily from the corrected pages' pieces; see the module's docstring."""
    current = [e.said for e in examples]
    feats = [features_of(e.text) for e in examples]
    holders: dict[str, list[int]] = {}
    for i, fs in enumerate(feats):
        for f in fs:
            holders.setdefault(f, []).append(i)
    style = HouseStyle()
    while True:
        best = _best_rule(examples, feats, current, holders, min_gain, min_pages)
        if best is None:
            return style
        style.rules.append(best)
        for i in holders[best.feature]:
            current[i] = best.label


def _best_rule(examples, feats, current, holders, min_gain, min_pages) -> Rule | None:
    # candidates: a feature of a piece still wrong, and the label it should have
    wrong = [i for i, e in enumerate(examples) if current[i] != e.settled]
    candidates = sorted({(f, examples[i].settled) for i in wrong for f in feats[i]})
    best, best_key = None, None
    for feature, label in candidates:
        fixed_pages = Counter()
        fixes = breaks = 0
        for i in holders[feature]:
            e = examples[i]
            if current[i] == label:
                continue
            if e.settled == label:
                fixes += 1
                fixed_pages[e.page] += 1
            elif current[i] == e.settled:
                breaks += 1
        gain = fixes - breaks
        if gain < min_gain or len(fixed_pages) < min_pages:
            continue
        # more gain first, then fewer breaks, then words before characters, then the shorter
        key = (gain, -breaks, -_PREFERENCE[feature[0]], -len(feature), feature, label)
        if best_key is None or key > best_key:
            best, best_key = Rule(feature, label, fixes, breaks), key
    return best


def _readable(feature: str) -> str:
    parts = []
    for part in feature.split("|"):
        kind, _, value = part.partition(":")
        parts.append({
            "头": f"第一个词是“{value}”", "末": f"最后一个词是“{value}”", "词": f"共{value}个词",
            "前": f"开头是“{value}”", "尾": f"结尾是“{value}”", "长": f"长度{value}字",
        }[kind])
    return "且".join(parts)
