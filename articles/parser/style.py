"""A paper's house style, learnt from its editors' corrections.

Each paper prints in a style of its own, the same on every page: where its headlines stand and what
follows them, how its credits and captions read, where its stories begin. When editors correct a few of
its pages in the desk, every piece of those pages has a settled reading: its label, and whether it opens
a story, as the editors set it or saw and left it. From those, learn rules such as "a short line the
parser took for a title, with a title straight below it, is this paper's kicker" or "a long paragraph
straight after a title-less subhead opens a story", and apply them to the paper's next pages.

Rules are learnt as in transformation-based learning (Brill, 1995): start from what the parser said;
among the rules "features → label", take the one that would fix the most pieces of the corrected pages
while breaking the fewest, apply it, and repeat while a rule still gains enough. A rule looks at the
shape of a piece (length, lines, closing punctuation, Markdown marks, its first character, an ordinal
opener such as 一、 or （一）), the parser's label of it and of its neighbours, and the first or last
word of a short credit-like line; never at a name or a sentence. A rule is kept only when it passes a
leave-one-page-out check: learnt from the other corrected pages, it must help the pages left out far
more often than it hurts them, so one odd line, or one odd page, is no style, and what the pages did
not show is left to the parser. Story-boundary rules ("→ opens a story" / "→ continues the story
above") can be asked for; by default they are not learnt (see `_TARGETS`).

Pure Python and deterministic: the same examples give the same rules in the same order.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace

from .decisions import HOUSE_STYLE, JOIN, START, Correction, Decision, Label

# A rule must fix at least this many pieces more than it breaks on the corrected pages, and pass a
# leave-one-page-out check (`_held_out`): each corrected page whose fellows alone would learn it (they
# gain by it) tests it, and it must help some of those pages and hurt at most HURT_SHARE as many as it
# helps. A habit seen on one page only is no habit (no other page would teach it), nor one that several
# pages contradict. Chosen on the dev papers' pages (bench/house_style.py, 10 draws of 3, 6 and 10
# corrected pages; mean gap closed): the old gates (a gain of 3 on two pages, or 4 fixes on one, and
# no page hurt) lost them 1.2%, 0.1% and 4.3%; with the check and no page hurt, a gain of 3 closes 0.1%,
# -1.1% and 2.2%, a gain of 4 0.1%, 0.0% and 1.9%, a gain of 6 0.1%, 0.7% and 0.8%; with a gain of 4,
# HURT_SHARE 0.5 closes 0.1%, 0.9% and 3.3% (1.0: 0.1%, 0.9%, 2.3%), and 9.3% of 人民日报's gap with 30
# corrected pages (0: 5.0%). Gains of 2 and 3 with it: 0.1/0.2/3.4% and 0.1/-0.3/3.5%.
MIN_GAIN = 4
HURT_SHARE = 0.5
# A rule changes only pieces the parser read with less confidence than this. On the dev papers'
# corrected pages (bench/house_style.py: 3 each) 27 of the 33 pieces the parser labelled wrong were
# below it and 600 of the 657 it labelled right at or above it: a paper's style corrects the parser's
# guesses, and a rule learnt from three pages would otherwise also overturn its sure readings of pages
# unlike those three (a dev paper's other pages lost 10% of their gap to such a rule). Of 0.5, 0.7
# and 0.9 it closes the most of the dev papers' gap (0.3%, 1.9%, 0.9%). With the leave-one-page-out
# check (10 draws of 3, 6 and 10 pages), 0.9 closes -0.7%, -0.6% and 1.9%, and letting rules change any
# piece -1.8%, -6.6% and 0.5%, against 0.1%, 0.9% and 3.3%; raising it for a paper whose corrected pages
# show the parser wrong on 5% or more of its sure pieces changed nothing.
SURE = 0.7
# Label rules, then label rules again on the reading the first ones leave. Story-boundary rules can be
# learnt (`targets`), but they are not by default: on the dev papers' other pages they lost up to 139%
# of the gap of a draw (a "this piece opens a story" rule met a few times on the corrected pages splits
# many stories elsewhere), and with 10 corrected pages 19% of 新华每日电讯's on average; with the
# leave-one-page-out check too, they close 0.1%, -1.0% and 1.8% of the dev gap (10 draws of 3, 6, 10
# pages) against 0.1%, 0.9% and 3.3% without them.
STEPS = 2
_TARGETS = ("label",)

_SPACE = re.compile(r"\s+")
_LENGTHS = (6, 12, 20, 32, 64)
_CLOSING = "。！？；…!?;"
_GAP = re.compile(r"\S(?: {2,}|\u3000)\S")
_HEADING = re.compile(r"^(#{1,6})\s")
_CREDIT_WORD = re.compile(r"^\W?([^\s\W\d]{1,4})[\s/:：]")  # 据 / 记者 / 文/ / 本报记者 … before a name
_CREDIT_END = ("供稿", "供图", "提供", "撰稿", "整理", "报道", "摄")  # … after a name: 某某供稿, 某某 摄
# how a numbered part opens: 一、 / （一） / 第一 / 1.; the kind, never the number
_ORDINALS = (("一、", re.compile(r"^[一二三四五六七八九十]+、")), ("（一）", re.compile(r"^\([一二三四五六七八九十]+\)")),
             ("第一", re.compile(r"^第[一二三四五六七八九十]+[，,、：:\s]?")), ("1.", re.compile(r"^\d{1,2}[.、)]")))


@dataclass(frozen=True)
class Example:
    """One piece of a corrected page: what the parser said, and what the editors settled on."""

    page: int  # which corrected page it came from
    text: str
    said: str  # the parser's label
    settled: str  # the label the editors left or set
    starts: bool = False  # the parser opened a story at this piece
    settled_starts: bool | None = None  # whether it opens a story, as settled; None: unknown
    confidence: float = 1.0  # how sure the parser was


@dataclass(frozen=True)
class Rule:
    feature: str  # "是:title|后:title|长:≤12" …
    target: str  # "label" or "story"
    value: str  # a label; or START / JOIN
    fixes: int
    breaks: int
    step: int = 0  # rules of one step apply together, to the reading the steps before left

    def reason(self) -> str:
        """Why the rule changed a piece, for the editor: "本报习惯：主题下接主题、长度≤12字 → 引题"."""
        if self.target == "story":
            then = _STORY[self.value]
        else:
            then = "，下一段".join(Label.CHINESE.get(v, v) for v in self.value.split(">"))
        return f"{HOUSE_STYLE}{_readable(self.feature)} → {then}"


_STORY = {START: "另起一篇", JOIN: "接上一篇"}
_HEADLINE_FEATURES = tuple(f"是:{label}" for label in Label.HEADLINE)


@dataclass(frozen=True)
class Change:
    """What the house style does to one piece of a page: a new label and/or a story boundary."""

    key: str
    label: str | None
    story: str | None
    why: str


@dataclass
class HouseStyle:
    rules: list[Rule] = field(default_factory=list)
    sure: float = SURE  # the rules change only pieces the parser read with less confidence than this

    def changes(
        self, pieces: Sequence[tuple[str, str, str, bool, float]], step: int | None = None, keep: Collection[str] = (),
    ) -> list[Change]:
        """The changes the style makes to a page's pieces (key, text, label, starts_story, confidence), in
        page order; only those of the rules of one step when `step` says which. The pieces whose keys are in
        `keep` (the editor's corrections) are not changed, and neither is the other piece of a pair rule (a
        kicker>title read of two pieces) whose one piece is kept: half a headline group is no group."""
        feats = [set(fs) for fs in page_features([piece[1:] for piece in pieces], self.sure)]
        labels = [piece[2] for piece in pieces]
        stories: list[str | None] = [None] * len(pieces)
        whys: list[str] = [""] * len(pieces)
        for rule in self.rules:  # in the order learnt: each was chosen on what the ones before left
            if step not in (None, rule.step):
                continue
            for i, fs in enumerate(feats):
                if rule.feature not in fs:
                    continue
                starts = pieces[i][3]
                if rule.target == "story":
                    if _opens(rule.value, starts) != _opens(stories[i], starts):
                        stories[i], whys[i] = rule.value, rule.reason()
                    continue
                values = rule.value.split(">")
                if any(k < len(pieces) and pieces[k][0] in keep for k in range(i, i + len(values))):
                    continue
                for k, value in zip((i, i + 1), values):
                    if k < len(pieces) and labels[k] != value:
                        labels[k], whys[k] = value, rule.reason()
        out = []
        for (key, _, said, starts, _), label, story, why in zip(pieces, labels, stories, whys):
            label = None if label == said else label
            if story is not None and _opens(story, starts) == starts:
                story = None
            if label or story:
                out.append(Change(key, label, story, why))
        return out

    def describe(self) -> list[str]:
        """The rules as an editor can read them, with how they did on the corrected pages."""
        return [f"{r.reason()}(改对 {r.fixes} 处,改错 {r.breaks} 处)" for r in self.rules]


def _opens(story: str | None, starts: bool) -> bool:
    return starts if story is None else story == START


def shape_of(text: str) -> list[str]:
    """What a piece looks like, whatever it says."""
    text = unicodedata.normalize("NFKC", text).strip()
    flat = _SPACE.sub("", text)
    if not flat:
        return []
    lines = [line for line in text.split("\n") if line.strip()]
    n = len(flat)
    found = [
        next((f"长:≤{k}" for k in _LENGTHS if n <= k), f"长:>{_LENGTHS[-1]}"),
        f"行:{min(len(lines), 3)}",
        "句:是" if flat.rstrip("”\"’)）】")[-1:] in _CLOSING else "句:否",
    ]
    heading = _HEADING.match(text)
    if heading:
        found.append(f"标:{heading.group(1)}")
    elif flat.startswith("**"):
        found.append("标:粗")
    if any(_GAP.search(line) for line in lines):
        found.append("空:有")
    first = flat.lstrip("#*")[:1]
    if first and not ("\u4e00" <= first <= "\u9fff"):
        found.append(f"起:{'数' if first.isdigit() else first}")
    credit = _CREDIT_WORD.match(text.lstrip("#* "))
    if credit and n <= 20:
        found.append(f"词:{credit.group(1)}")
    elif n <= 20 and first == "据":
        found.append("词:据")
    end = next((word for word in _CREDIT_END if flat.endswith(word)), None)
    if end and n <= 20:
        found.append(f"尾:{end}")
    ordinal = next((kind for kind, pattern in _ORDINALS if pattern.match(flat.lstrip("#*"))), None)
    if ordinal:
        found.append(f"序:{ordinal}")
    return found


def page_features(pieces: Sequence[tuple[str, str, bool, float]], sure: float = SURE) -> list[list[str]]:
    """The features of each piece (text, label the parser gave it, whether it opened a story, how sure)
    page in page order: its shape, its label, and its neighbours' labels."""
    shapes = [shape_of(piece[0]) for piece in pieces]
    out = []
    for i, (text, said, starts, confidence) in enumerate(pieces):
        if not shapes[i] or confidence >= sure:
            out.append([])
            continue
        above = pieces[i - 1][1] if i > 0 else "页首"
        below = pieces[i + 1][1] if i + 1 < len(pieces) else "页尾"
        me = f"是:{said}"
        fs = [me, f"{me}|前:{above}", f"{me}|后:{below}", f"{me}|前:{above}|后:{below}",
              f"{me}|开:{'是' if starts else '否'}"]
        for s in shapes[i]:
            fs += [f"{me}|{s}", f"{me}|前:{above}|{s}", f"{me}|后:{below}|{s}"]
            if s.startswith("词:"):
                fs.append(s)
        # what stands above and below, by its shape: "a subtitle under a bracketed line"
        for side, k, label in (("上", i - 1, above), ("下", i + 1, below)):
            if 0 <= k < len(pieces):
                fs += [f"{me}|{side}{s}" for s in shapes[k] if s[0] in "起标句词序"]
                fs += [f"{me}|{side}{s}|前:{above}|后:{below}" for s in shapes[k] if s[0] in "起标"]
        out.append(fs)
    return out


Settle = Callable[[list[Decision]], list[tuple[str, "bool | None"]]]


def learn_pages(pages: Sequence[tuple[str, Settle]], sure: float = SURE, targets: Sequence[str] = _TARGETS,
                steps: int = STEPS, **limits) -> HouseStyle:
    """The house style of corrected pages, each given as its text and a function telling, for the
    decisions of a reading of it, the label and story start (None: unknown) each piece settles on.

    Learnt in `steps` steps, cycling through `targets` (label rules; with "story", label and story
    rules in turn), each step on the pages as the parser reads them with the rules of the steps before
    applied: what a piece is depends on what the pieces around it were read as, and where a story
    starts on what its pieces are."""
    from . import parse_page

    readings = [parse_page(text).decisions for text, _ in pages]
    rules: list[Rule] = []
    for step in range(steps):
        examples = [_examples(n, d, settle(d)) for n, (d, (_, settle)) in enumerate(zip(readings, pages))]
        new = learn(examples, targets=(targets[step % len(targets)],), sure=sure, **limits).rules
        if new:
            rules += [replace(rule, step=step) for rule in new]
            readings = [parse_in_style(text, HouseStyle(rules, sure)).decisions for text, _ in pages]
    return HouseStyle(rules, sure)


def _examples(number: int, decisions: list[Decision], settled) -> list[Example]:
    return [Example(number, d.text, d.label, label, d.starts_story, opens, d.confidence)
            for d, (label, opens) in zip(decisions, settled)]


def parse_in_style(text: str, style: HouseStyle, corrections: Sequence[Correction] = ()):
    """The page parsed with the editor's corrections and the paper's style, step by step as learnt (see
    `learn_pages`). A piece the editor corrected keeps the editor's word alone."""
    from . import parse_page

    page = parse_page(text, corrections)
    if not style.rules:
        return page
    mine = {c.key for c in corrections}
    made: dict[str, Correction] = {}
    for step in sorted({rule.step for rule in style.rules}):
        pieces = [(d.key, d.text, d.label, d.starts_story, d.confidence) for d in page.decisions]
        changes = [c for c in style.changes(pieces, step, keep=mine) if c.key not in mine]
        if not changes:
            continue
        for c in changes:
            old = made.get(c.key)
            made[c.key] = Correction(c.key, c.label or (old and old.label), c.story or (old and old.story), c.why)
        page = parse_page(text, [*corrections, *made.values()])
    return page


def learn(pages: Sequence[Sequence[Example]], *, min_gain: int = MIN_GAIN, targets: Sequence[str] = _TARGETS,
          sure: float = SURE) -> HouseStyle:
    """Rules learnt greedily from the corrected pages (each a list of its pieces' examples, in page
    order); see the module's docstring."""
    examples = [e for page in pages for e in page]
    feats = [f for page in pages for f in page_features([(e.text, e.said, e.starts, e.confidence) for e in page], sure)]
    holders: dict[str, list[int]] = {}
    for i, fs in enumerate(feats):
        for f in fs:
            holders.setdefault(f, []).append(i)
    style = HouseStyle(sure=sure)
    # labels first: a story boundary rule reads better once its pieces are what they are
    labels = _Target("label", [e.said for e in examples], [{e.settled} for e in examples])
    stories = _Target("story", [None] * len(examples), [_story_ok(e) for e in examples], [e.starts for e in examples])
    for target in (labels, stories):
        if target.name not in targets:
            continue
        while (best := _best_rule(target, examples, feats, holders, min_gain)) is not None:
            style.rules.append(best)
            for i in holders[best.feature]:
                for k, value in _reach(examples, i, best.value):
                    target.current[k] = value
    return style


def _reach(examples: Sequence[Example], i: int, value: str) -> list[tuple[int, str]]:
    """The pieces a rule's value sets from piece i: "kicker>title" sets i and the piece below it."""
    if not isinstance(value, str) or ">" not in value:
        return [(i, value)]
    first, below = value.split(">")
    out = [(i, first)]
    if i + 1 < len(examples) and examples[i + 1].page == examples[i].page:
        out.append((i + 1, below))
    return out


@dataclass
class _Target:
    name: str
    current: list  # what each piece is now
    ok: list[set]  # what each piece may be
    starts: list[bool] | None = None

    def right(self, i: int, value) -> bool:
        if self.starts is None:
            return value in self.ok[i]
        return _opens(value, self.starts[i]) in self.ok[i]


def _story_ok(e: Example) -> set:
    if e.settled_starts is None:
        return {True, False}
    if e.said in Label.HEADLINE and e.settled_starts is False:
        # "continues the story above" makes a headline a subhead: that is a label rule's to learn,
        # with the evidence of the label; a story rule never joins a headline
        return {True, False} if e.starts else {False}
    return {e.settled_starts}


def _best_rule(target: _Target, examples, feats, holders, min_gain) -> Rule | None:
    best, best_key = None, None
    for feature, value, fixed, broken in _tallies(target, examples, feats, holders):
        fixes, breaks = sum(fixed.values()), sum(broken.values())
        if fixes - breaks < min_gain or not _held_out(fixed, broken):
            continue
        # more gain first, then fewer breaks, then the narrower (more conditions), then by name
        key = (fixes - breaks, -breaks, feature.count("|"), feature, value)
        if best_key is None or key > best_key:
            best, best_key = Rule(feature, target.name, value, fixes, breaks), key
    return best


def _tallies(target: _Target, examples, feats, holders):
    """Each candidate rule (feature, value) with the pieces it would fix and break, counted per page."""
    wrong = [i for i in range(len(examples)) if not target.right(i, target.current[i])]
    if target.name == "label":
        candidates = {(f, examples[i].settled) for i in wrong for f in feats[i]}
        # a headline group read wrongly is two pieces wrong together: "this title is a kicker, the line
        # below it the title" is one habit of the paper, seen once per group
        for i in wrong:
            j = i - 1
            if j >= 0 and examples[j].page == examples[i].page and {examples[j].settled, examples[i].settled} & set(Label.HEADLINE):
                candidates |= {(f, f"{examples[j].settled}>{examples[i].settled}") for f in feats[j]}
    else:
        candidates = {(f, START if target.ok[i] == {True} else JOIN) for i in wrong for f in feats[i]}
        candidates = {(f, v) for f, v in candidates if v == START or not f.startswith(_HEADLINE_FEATURES)}
    for feature, value in sorted(candidates):
        fixed, broken = Counter(), Counter()
        for i in holders[feature]:
            for k, v in _reach(examples, i, value):
                was, now = target.right(k, target.current[k]), target.right(k, v)
                if now and not was:
                    fixed[examples[k].page] += 1
                elif was and not now:
                    broken[examples[k].page] += 1
        yield feature, value, fixed, broken


def explain(pages: Sequence[tuple[str, Settle]], top: int = 5) -> list[str]:
    """Why the corrected pages teach what they teach: the pieces the parser read wrong (and how many of
    them it was sure of), then the best label rules of the first step, each with the pieces it would fix
    and break per page and whether it passes the gates (the learner keeps the best that passes), and if
    not, why. For a developer, not an editor."""
    from . import parse_page

    readings = [parse_page(text).decisions for text, _ in pages]
    examples = [_examples(n, d, settle(d)) for n, (d, (_, settle)) in enumerate(zip(readings, pages))]
    flat = [e for page in examples for e in page]
    wrong = [e for e in flat if e.said != e.settled]
    kinds = Counter(f"{e.said}→{e.settled}" for e in wrong if e.confidence < SURE)
    lines = [f"{len(wrong)} of {len(flat)} pieces read wrong, {sum(e.confidence >= SURE for e in wrong)} of them "
             f"with confidence ≥ {SURE}" + "".join(f", {k} {n}" for k, n in kinds.most_common())]
    feats = [f for page in examples for f in page_features([(e.text, e.said, e.starts, e.confidence) for e in page])]
    holders: dict[str, list[int]] = {}
    for i, fs in enumerate(feats):
        for f in fs:
            holders.setdefault(f, []).append(i)
    target = _Target("label", [e.said for e in flat], [{e.settled} for e in flat])
    rows = []
    for feature, value, fixed, broken in _tallies(target, flat, feats, holders):
        gain = sum(fixed.values()) - sum(broken.values())
        rows.append((-gain, -feature.count("|"), feature, value, fixed, broken))
    for _, _, feature, value, fixed, broken in sorted(rows)[:top]:
        gain = sum(fixed.values()) - sum(broken.values())
        verdict = ("passes" if gain >= MIN_GAIN and _held_out(fixed, broken) else
                   f"gain {gain} < {MIN_GAIN}" if gain < MIN_GAIN else "fails the leave-one-page-out check")
        per_page = " ".join(f"p{p}:+{fixed[p]}/-{broken[p]}" for p in sorted(set(fixed) | set(broken)))
        lines.append(f"  {feature} → {value}  {per_page}  {verdict}")
    return lines


def _held_out(fixed: Counter, broken: Counter) -> bool:
    """Leave each corrected page out in turn: where the other pages alone gain by the rule (they would
    learn it), does it help the page left out or hurt it? Kept when it helps some such pages and hurts
    at most HURT_SHARE as many."""
    gain = sum(fixed.values()) - sum(broken.values())
    helped = hurt = 0
    for page in set(fixed) | set(broken):
        net = fixed[page] - broken[page]
        if gain - net < 1:
            continue  # the other pages would not learn it: this page is no test of it
        hurt += net < 0
        helped += net > 0
    return helped > 0 and hurt <= helped * HURT_SHARE


_KINDS = {"上": "上一段{}", "下": "下一段{}", "是": "判为{}", "前": "上接{}", "后": "下接{}", "开": "{}另起一篇", "长": "长度{}字", "行": "{}行",
          "句": "{}以句号等结尾", "标": "标记{}", "空": "行内{}空格分隔", "起": "以“{}”开头", "词": "开头词“{}”", "尾": "结尾词“{}”",
          "序": "以“{}”式序号开头"}
_PLACES = {"页首": "版首", "页尾": "版尾"}


def _readable(feature: str) -> str:
    parts = []
    for part in feature.split("|"):
        kind, _, value = part.partition(":")
        if kind[0] in "上下":
            parts.append(_KINDS[kind[0]].format(_readable(part[1:])))
            continue
        value = Label.CHINESE.get(value) or _PLACES.get(value) or value
        if kind in ("开", "句"):
            value = "" if value == "是" else "未"
        parts.append(_KINDS[kind].format(value))
    return "、".join(parts)
