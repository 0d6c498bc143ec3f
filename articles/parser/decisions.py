"""What the parser made of each piece of a page, how sure it is, and an editor's corrections of it.

The contract with the desk is docs/PARSE_DECISIONS.md. While a page is parsed, each piece of it is a
`Piece` that the rules label and place as they go; at the end each piece becomes a `Decision`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_SPACE = re.compile(r"\s")


class Label:
    """What a piece of a page is, as the desk names it."""

    KICKER = "kicker"
    TITLE = "title"
    SUBTITLE = "subtitle"
    DATELINE = "dateline"
    BYLINE = "byline"
    FURNITURE = "furniture"
    SUBHEAD = "subhead"
    BODY = "body"
    CAPTION = "caption"
    PHOTO_CREDIT = "photo_credit"
    STAFF = "staff"
    NOISE = "noise"

    CHINESE = {
        KICKER: "引题",
        TITLE: "主题",
        SUBTITLE: "副题",
        DATELINE: "电头",
        BYLINE: "署名",
        FURNITURE: "版面杂项",
        SUBHEAD: "小标题",
        BODY: "正文",
        CAPTION: "图片说明",
        PHOTO_CREDIT: "图片署名",
        STAFF: "版面人员",
        NOISE: "无用标记",
    }
    ALL = tuple(CHINESE)
    HEADLINE = (KICKER, TITLE, SUBTITLE)


START, JOIN = "start", "join"
CORRECTED = "编辑已更正"
# A piece the paper's house style changed: learnt from the editors, but not an editor's word on this piece.
# Its reason begins with HOUSE_STYLE; the confidence model leaves its confidence as it is, as it leaves an
# editor's correction's.
HOUSE_STYLE = "本报习惯："
HOUSE_STYLE_CONFIDENCE = 0.9


@dataclass(frozen=True)
class Correction:
    """An editor's decision about one piece: what it is, and whether it opens or continues a story."""

    key: str
    label: str | None = None
    story: str | None = None  # START: the piece opens a new story; JOIN: it continues the story above
    why: str | None = None  # set by the paper's house style (not an editor): its reason, "本报习惯：…"

    def __post_init__(self):
        if self.label is not None and self.label not in Label.ALL:
            raise ValueError(f"未知的版面标签“{self.label}”")
        if self.story not in (None, START, JOIN):
            raise ValueError(f"未知的稿件更正“{self.story}”(应为 start 或 join)")


@dataclass
class Decision:
    key: str
    line: int
    text: str
    label: str
    story: int | None
    starts_story: bool
    confidence: float
    why: str
    parts: list[tuple[str, str]] = field(default_factory=list)


@dataclass(eq=False, slots=True)
class Piece:
    """A piece of the page while it is parsed: its label and its place (a story, a photo or the page)."""

    line: int
    text: str
    label: str = Label.BODY
    confidence: float = 1.0
    why: str = ""
    owner: object = None  # the Story it is part of, the Photo it tells of, or None for the page
    starts_story: bool = False
    parts: list[tuple[str, str]] = field(default_factory=list)
    key: str = ""
    correction: Correction | None = None

    @property
    def label_fixed(self) -> str | None:
        return self.correction.label if self.correction else None

    @property
    def story_fixed(self) -> str | None:
        return self.correction.story if self.correction else None

    def judge(self, label: str, confidence: float, why: str) -> None:
        """The rules' label for the piece, how sure they are, and why."""
        self.label, self.confidence, self.why = label, confidence, why
        self.parts = []

    def doubt(self, confidence: float, why: str) -> None:
        """Where the piece went is less sure than what it is: keep the lower confidence and its reason."""
        if confidence < self.confidence:
            self.confidence, self.why = confidence, why

    def split(self, head: str, tail: list[tuple[str, str]]) -> None:
        """The piece holds several things: `tail` as read off its end (label, text), `head` before them."""
        self.parts = split_tail(self.text, head, tail)


def split_tail(text: str, head: str, tail: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Cut `text` into parts: the last ones hold as many printed characters as the `tail` texts read
    from it; the first part, labelled `head`, holds what is before them. Whitespace is not counted,
    so a part read from lines joined without their line breaks still finds its place."""
    cuts: list[tuple[str, int]] = []
    end = len(text)
    for label, part in reversed(tail):
        part = part.strip()
        while end > 0 and text[end - 1].isspace():
            end -= 1
        if text.endswith(part, 0, end):  # read from one line: as printed
            pos = end - len(part)
        else:  # read from lines joined: count its printed characters back
            need, pos = len(_SPACE.sub("", part)), end
            while need and pos > 0:
                pos -= 1
                if not text[pos].isspace():
                    need -= 1
        cuts.append((label, pos))
        end = pos
    out = []
    if text[:end].strip():
        out.append((head, text[:end].strip()))
    bounds = [pos for _, pos in reversed(cuts)] + [len(text)]
    for (label, _), start, stop in zip(reversed(cuts), bounds, bounds[1:]):
        if text[start:stop].strip():
            out.append((label, text[start:stop].strip()))
    return out if len(out) > 1 else []


def decisions_of(pieces: list[Piece], stories: list, articles: list) -> list[Decision]:
    """The pieces (given in page order) as decisions, each with its story's index in `articles`."""
    story_index = {id(story): i for i, story in enumerate(stories)}
    photo_index = {id(photo): i for i, article in enumerate(articles) for photo in article.photos}
    out = []
    for piece in pieces:  # in page order
        owner = piece.owner
        story = story_index.get(id(owner), photo_index.get(id(owner))) if owner is not None else None
        label, confidence, why, parts = piece.label, piece.confidence, piece.why, piece.parts
        if piece.correction:
            label = piece.label_fixed or label
            confidence, why = (HOUSE_STYLE_CONFIDENCE, piece.correction.why) if piece.correction.why else (1.0, CORRECTED)
            if piece.label_fixed:
                parts = []
        # in the order of Decision's fields (key, line, text, label, story, starts_story, confidence, why,
        # parts): a dataclass is built about twice as fast from them by place as by name, for every piece
        out.append(Decision(
            piece.key, piece.line, piece.text, label, story,
            piece.starts_story and story is not None, round(confidence, 3), why,
            parts,
        ))
    return out
