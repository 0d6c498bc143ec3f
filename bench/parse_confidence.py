"""How well the parser's confidence points an editor at its mistakes.

usage: python bench/parse_confidence.py [DIR ...] [--max-flagged 0.15] [--rules] [--errors]

Each DIR holds NAME.txt pages with NAME.gold.json annotations (GOLD_SCHEMA form): a corpus built by
bench/corpus/build.py (its `pages` folder is found, and its manifest's splits are reported apart), the
shared seed pages or tests/parser_pages. Default: tests/parser_pages.

Each piece of a page gets a gold label where the gold says what it is: its text (NFKC, whitespace and
Markdown marks removed) is a gold kicker, title or subtitle (in any accepted reading), a subhead, a caption
or photo credit; it opens with a gold dateline; it holds little besides a story's credited names (a byline)
or the staff box's names; or it is part of a story's `body_contains` text. Pieces with no gold evidence are
not scored. A scored decision is an error when its label is not the gold one, or its story is wrong: a
piece of story text that continues the story before it where the gold opens another (or the other way
round); a caption, or a piece the gold keeps outside stories, in another story than the gold's (stories
matched by headline, as score_parse.py matches them).

Errors that are story boundaries (a story missed or merged: a headline part read as a subhead or
text, a subhead read as a headline part, a piece in the wrong story) are counted apart.

The decisions are ranked by confidence (the learnt model's, or with `--rules` the rules' own), and flagged up to the highest threshold that flags at most
`--max-flagged` of them. Printed: decisions scored, errors, the share of errors among the flagged, the
share of decisions flagged and the threshold. `confidence_figures()` gives the same to other benches.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from articles.parser import Label, parse_page  # noqa: E402

_MARKS = re.compile(r"[\s#*_>`]+")
# what a byline or staff line prints besides names
_CREDIT_WORDS = re.compile(
    r"本报|记者|通讯员|实习生|见习|特约|全媒体|融媒体|首席|摄影|摄像|摄|文图|文|图|供图|报道|撰稿|编辑|责编|"
    r"值班主任|版式|设计|美编|校对|审读|[/／:：、,，()（）■□●◆▲>|·•]"
)


def norm(text) -> str:
    """Text as the scorer compares it: NFKC, no whitespace, no Markdown marks."""
    return _MARKS.sub("", unicodedata.normalize("NFKC", str(text or "")))


@dataclass
class Scored:
    page: str
    line: int
    label: str
    gold: frozenset[str]
    confidence: float
    error: bool
    why: str
    index: int = -1  # the decision's place in page.decisions


def _readings(article: dict) -> list[dict]:
    return [article] + list(article.get("alternatives") or [])


def _headline(article: dict) -> str:
    return "".join(norm(article.get(k)) for k in ("kicker", "title", "subtitle"))


def match_stories(gold: dict, articles) -> dict[int, int]:
    """Parsed story index → gold article index, by whole headline in any accepted reading, else by title."""
    golds = gold.get("articles") or []
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for key in (lambda r: _headline(r), lambda r: norm(r.get("title"))):
        wanted: dict[str, int] = {}
        for g, article in enumerate(golds):
            for reading in _readings(article):
                wanted.setdefault(key(reading), g)
        for p, article in enumerate(articles):
            if p in pairs:
                continue
            found = wanted.get(key({"kicker": article.kicker, "title": article.title, "subtitle": article.subtitle}))
            if found is not None and found not in taken and key({"title": article.title}) != "":
                pairs[p] = found
                taken.add(found)
    return pairs


def gold_of_piece(text: str, gold: dict) -> tuple[frozenset[str], frozenset] | None:
    """The labels the gold accepts for a piece and the gold stories it may belong to (None in the set:
    the page itself), or None when the gold says nothing about it. Evidence is read in tiers, the
    first that speaks deciding; a piece that several stories could hold may be in any of them."""
    piece = norm(text)
    if not piece:
        return None
    articles = gold.get("articles") or []
    found: list[tuple[set[str], int | None]] = []
    # 1. the piece is exactly a headline part, a subhead, a caption or a photo credit
    for g, article in enumerate(articles):
        labels = {label for reading in _readings(article)
                  for label, key in ((Label.KICKER, "kicker"), (Label.TITLE, "title"), (Label.SUBTITLE, "subtitle"))
                  if norm(reading.get(key)) == piece}
        if any(norm(s) == piece for s in article.get("subheads") or []):
            labels.add(Label.SUBHEAD)
        if labels:
            found.append((labels, g))
    photo_owners = [(g, p) for g, a in enumerate(articles) for p in a.get("photos") or []]
    photo_owners += [(None, p) for p in gold.get("photos") or []]
    for g, photo in photo_owners:
        caption = norm(photo.get("caption"))
        if len(caption) >= 4 and (piece == caption or (piece.startswith(caption) and "摄" in piece[len(caption):])):
            found.append(({Label.CAPTION}, g))
        credit = norm(photo.get("credit"))
        if credit and credit in piece and len(_CREDIT_WORDS.sub("", piece).replace(credit, "")) <= 2:
            found.append(({Label.PHOTO_CREDIT, Label.BYLINE}, g))
    if found:
        return _union(found)
    # a headline printed on the first lines of its text (an e-paper export): the piece opens the story
    heads = set()
    lines = text.split("\n")
    for k in range(1, min(3, len(lines) - 1) + 1):
        heads.add(norm("".join(lines[:k])))
    for g, article in enumerate(articles):
        for reading in _readings(article):
            head = _headline(reading)
            if len(head) >= 4 and head in heads:
                found.append((set(Label.HEADLINE), g))
    if found:
        return _union(found)
    # 2. it opens with a story's dateline: the story whose names or text it holds, if one does
    for g, article in enumerate(articles):
        dateline = norm(article.get("dateline"))
        if dateline and piece.startswith(dateline):
            found.append(({Label.DATELINE}, g))
    if found:
        narrowed = [(labels, g) for labels, g in found if _holds_story_evidence(piece, articles[g])]
        return _union(narrowed or found)
    # 3. it holds little but a story's credited names, or the staff box's
    for g, article in enumerate(articles):
        if _mostly(piece, [norm(b.get("name")) for b in article.get("bylines") or []]):
            found.append(({Label.BYLINE}, g))
    if _mostly(piece, [norm(s.get("name")) for s in gold.get("masthead") or []]):
        found.append(({Label.STAFF}, None))
    if found:
        return _union(found)
    # 4. it is part of a story's text
    if len(piece) >= 8:
        for g, article in enumerate(articles):
            for span in article.get("body_contains") or []:
                span = norm(span)
                if span and (span in piece or (len(piece) >= 12 and piece in span)):
                    found.append(({Label.BODY}, g))
    return _union(found) if found else None


def _union(found) -> tuple[frozenset[str], frozenset]:
    return frozenset(label for labels, _ in found for label in labels), frozenset(g for _, g in found)


def _holds_story_evidence(piece: str, article: dict) -> bool:
    names = [norm(b.get("name")) for b in article.get("bylines") or []]
    spans = [norm(s) for s in article.get("body_contains") or []]
    return any(n and n in piece for n in names) or any(s and s in piece for s in spans)


def _mostly(piece: str, names: list[str]) -> bool:
    names = [n for n in names if n and n in piece]
    if not names:
        return False
    rest = piece
    for name in sorted(names, key=len, reverse=True):
        rest = rest.replace(name, "")
    return len(_CREDIT_WORDS.sub("", rest)) <= 3


def score_page(name: str, text: str, gold: dict, page=None) -> list[Scored]:
    """Each decision of the page that the gold speaks of, and whether it is an error (`page`: the text
    already parsed, e.g. with the rules' own confidence to train a model from).

    A piece's story is judged where the parser decides it: a piece of story text either continues the
    story of the story text before it or opens another, and that is an error when the gold says the
    other; a caption (placed by what it shows, not where it stands) and a page-level piece are judged
    by the story they went to, matched by headline."""
    page = parse_page(text) if page is None else page
    stories = match_stories(gold, page.articles)
    optional = {g for g, a in enumerate(gold.get("articles") or []) if a.get("optional")}
    out = []
    before: tuple[int, frozenset] | None = None  # the last story-text piece: its story and gold stories
    for index, d in enumerate(page.decisions):
        known = gold_of_piece(d.text, gold)
        if known is None:
            continue
        labels, gold_stories = known
        if gold_stories & optional or _bare_dateline_of_optional(d, stories, optional):
            continue
        wrong_label = d.label not in labels
        placed = d.label in (Label.CAPTION, Label.PHOTO_CREDIT) or None in gold_stories or d.story is None
        if placed:
            wrong_story = (None not in gold_stories) if d.story is None else stories.get(d.story) not in gold_stories
        elif before is None:
            wrong_story = d.story in stories and stories[d.story] not in gold_stories
        else:
            wrong_story = (d.story == before[0]) != bool(gold_stories & before[1])
        if not placed:
            before = (d.story, gold_stories)
        out.append(Scored(name, d.line, d.label, labels, d.confidence, wrong_label or wrong_story, d.why, index))
    return out


def _bare_dateline_of_optional(d, stories: dict[int, int], optional: set[int]) -> bool:
    """A 电头 printed alone at the end of a feature the gold does not score (its gold keeps only the
    datelines that open a lead): the gold cannot say whose it is."""
    return d.label == Label.DATELINE and d.text.strip().endswith(("电", "讯")) and stories.get(d.story) in optional


@dataclass
class Figures:
    scored: int
    errors: int
    flagged: int
    errors_flagged: int
    threshold: float | None

    @property
    def errors_held(self) -> float:
        return self.errors_flagged / self.errors if self.errors else 1.0

    @property
    def flagged_share(self) -> float:
        return self.flagged / self.scored if self.scored else 0.0

    def line(self) -> str:
        threshold = "none" if self.threshold is None else f"{self.threshold:.3f}"
        ceiling = min(1.0, self.flagged / self.errors) if self.errors else 1.0
        return (f"decisions scored {self.scored}, errors {self.errors}; flagged (confidence ≤ {threshold}) "
                f"{self.flagged_share:.1%} of decisions, holding {self.errors_held:.1%} of errors "
                f"({self.errors_flagged}/{self.errors}; as many flags could hold at most {ceiling:.1%})")


def figures(scored: list[Scored], max_flagged: float = 0.15) -> Figures:
    """Flag the least confident decisions up to the highest threshold flagging ≤ max_flagged of them."""
    ranked = sorted(scored, key=lambda s: s.confidence)
    allowed = int(max_flagged * len(ranked) + 1e-9)
    count, threshold = 0, None
    i = 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j].confidence == ranked[i].confidence:
            j += 1
        if j > allowed:
            break
        count, threshold, i = j, ranked[i].confidence, j
    flagged = ranked[:count]
    return Figures(len(ranked), sum(s.error for s in ranked), count, sum(s.error for s in flagged), threshold)


def is_boundary_error(s: Scored) -> bool:
    """A story missed or merged: a headline part read as a subhead or as text, a subhead read as a
    headline part, or a piece labelled right in the wrong story."""
    if not s.error:
        return False
    if s.label in s.gold:
        return True
    if s.label in (Label.SUBHEAD, Label.BODY):
        return bool(s.gold & set(Label.HEADLINE))
    return s.label in Label.HEADLINE and Label.SUBHEAD in s.gold


def boundary_line(result: Figures, scored: list[Scored]) -> str:
    """How many of the errors are story boundaries, and how many of those are flagged."""
    boundary = [s for s in scored if is_boundary_error(s)]
    cut = result.threshold if result.threshold is not None else -1.0
    flagged = sum(s.confidence <= cut for s in boundary)
    share = flagged / len(boundary) if boundary else 1.0
    return f"story boundaries (missed or merged): {len(boundary)} of the errors, {share:.1%} of them flagged"


def folder_pages(folder: Path, names: Iterable[str] | None = None):
    """(name, text, gold) for each page of a folder with a gold annotation."""
    wanted = set(names) if names is not None else None
    for gold_file in sorted(folder.glob("*.gold.json")):
        name = gold_file.name[: -len(".gold.json")]
        text_file = folder / f"{name}.txt"
        if (wanted is None or name in wanted) and text_file.exists():
            yield name, text_file.read_text(encoding="utf-8"), json.loads(gold_file.read_text(encoding="utf-8"))


def confidence_figures(pages, max_flagged: float = 0.15, rules: bool = False) -> tuple[Figures, list[Scored]]:
    """Figures over pages given as (name, text, gold), and every scored decision; `rules`: with the
    rules' own confidence instead of the learnt model's."""
    scored = [s for name, text, gold in pages
              for s in score_page(name, text, gold, page=parse_page(text, confidence_model=None) if rules else None)]
    return figures(scored, max_flagged), scored


def _groups(folder: Path) -> list[tuple[str, Path, list[str] | None]]:
    """A corpus folder is reported whole and by split; any other folder whole."""
    pages = folder / "pages" if (folder / "pages").is_dir() else folder
    manifest = folder / "manifest.json"
    groups = [(str(folder), pages, None)]
    if manifest.exists():
        entries = json.loads(manifest.read_text(encoding="utf-8"))
        for split in sorted({m.get("split", "") for m in entries}):
            groups.append((f"  split {split}", pages, [m["page"] for m in entries if m.get("split", "") == split]))
    return groups


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[ROOT / "tests" / "parser_pages"])
    parser.add_argument("--max-flagged", type=float, default=0.15, help="share of decisions flagged at most")
    parser.add_argument("--errors", action="store_true", help="list the errors left unflagged")
    parser.add_argument("--rules", action="store_true",
                        help="rank by the rules' own confidence, not the learnt model's (the figure before it)")
    args = parser.parse_args(argv)
    for folder in args.folders:
        if not folder.is_dir():
            raise SystemExit(f"no such folder: {folder}")
        for title, pages, names in _groups(folder):
            result, scored = confidence_figures(folder_pages(pages, names), args.max_flagged, args.rules)
            print(f"{title}: {result.line()}")
            print(f"{' ' * (len(title) - len(title.lstrip()))}    {boundary_line(result, scored)}")
            if args.errors and names is None:
                cut = result.threshold if result.threshold is not None else -1.0
                for s in scored:
                    if s.error and s.confidence > cut:
                        print(f"    {s.page}:{s.line} {s.label} (gold {'/'.join(sorted(s.gold))}) "
                              f"{s.confidence:.2f} {s.why}")


if __name__ == "__main__":
    main()
