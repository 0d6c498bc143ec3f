"""The page structure editor: what the parser made of each piece of a page, and an editor's corrections.

The contract with the parser is docs/PARSE_DECISIONS.md. A correction is one row (`PageCorrection`): the
page's text is parsed again with all its corrections and the page's stories are rewritten through the one
path every page write takes (`services.rewrite_page` → `PageImporter` → `editing.save_article`), so each
changed story gets a version in its history and a signed page's sign-off is withdrawn. Undo deletes the
page's latest correction and rewrites the stories again.

Reordering stories and removing a bogus one are desk actions on stored stories, not parse decisions
(`articles.ordering`); the view offers their buttons beside each story. A correction keeps them: the
importer keeps the desk's order and removals (`importing.plan_order`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from collections import OrderedDict

from django.core.exceptions import PermissionDenied
from django.db import transaction

from .identity import title_key
from .house_style import style_of
from .importing import UNTITLED, stored_corrections
from .models import Page, PageCorrection
from .parser import Label, ParsedPage
from .parser.style import parse_in_style
from .services import DeskError, Rewrite, rewrite_page

# The correction menu, in the order an editor meets the mistakes most often (docs/STRUCTURE.md).
MENU = [
    (Label.BYLINE, "这是署名"),
    (Label.CAPTION, "图片说明"),
    (Label.PHOTO_CREDIT, "图片署名"),
    (Label.SUBHEAD, "小标题"),
    (Label.BODY, "正文"),
    (Label.KICKER, "引题"),
    (Label.TITLE, "主题"),
    (Label.SUBTITLE, "副题"),
    (Label.STAFF, "版面人员"),
    (Label.NOISE, "无用标记"),
]
START, JOIN = PageCorrection.Story.START.value, PageCorrection.Story.JOIN.value
UNCERTAIN_SHOWN = 10  # how many of the least certain decisions the view lists at its top
DOUBTFUL = 0.65  # a decision less likely right than this is highlighted where it stands (~12–15% of them)
COLOURS = 8  # stories are told apart by one of this many colours, in turn


def label_name(label: str) -> str:
    return Label.CHINESE.get(label, label)


@dataclass
class StoryView:
    index: int  # in the parsed page's articles, from 0
    headline: str
    colour: int
    title: str = ""  # the main headline alone, as the stored story's title
    pieces: int = 0

    @property
    def number(self) -> int:
        return self.index + 1


@dataclass
class PieceView:
    key: str
    line: int
    text: str
    label: str
    label_name: str
    story: StoryView | None
    starts_story: bool
    confidence: float
    why: str
    parts: list[tuple[str, str]]  # (Chinese label, text) when the piece holds several things
    doubtful: bool
    corrected: bool
    can_join: bool  # there is a story above to join
    can_start: bool  # the piece does not open a story already

    @property
    def percent(self) -> int:
        return round(self.confidence * 100)


@dataclass
class Structure:
    """A page as the structure view shows it: every piece once, in page order."""

    pieces: list[PieceView]
    stories: list[StoryView]
    uncertain: list[PieceView]
    warnings: list[str]
    masthead: list[str] = field(default_factory=list)
    corrections: list[PageCorrection] = field(default_factory=list)
    state: str = ""  # names what the editor was shown: a correction made meanwhile gives another


def read_structure(parsed: ParsedPage, corrected: set[str] = frozenset()) -> Structure:
    """The view of a parsed page (stored or only uploaded); no database access."""
    stories = [
        StoryView(index, article.headline or UNTITLED, index % COLOURS, article.title or UNTITLED)
        for index, article in enumerate(parsed.articles)
    ]
    pieces = []
    seen_story = False
    for decision in parsed.decisions:
        story = stories[decision.story] if decision.story is not None and decision.story < len(stories) else None
        if story is not None:
            story.pieces += 1
        pieces.append(PieceView(
            key=decision.key,
            line=decision.line,
            text=decision.text,
            label=decision.label,
            label_name=label_name(decision.label),
            story=story,
            starts_story=decision.starts_story,
            confidence=decision.confidence,
            why=decision.why,
            parts=[(label_name(label), text) for label, text in decision.parts],
            doubtful=decision.confidence < DOUBTFUL,
            corrected=decision.key in corrected,
            can_join=seen_story,
            can_start=not decision.starts_story,
        ))
        seen_story = seen_story or story is not None
    by_key = {piece.key: piece for piece in pieces}
    uncertain = [by_key[d.key] for d in parsed.uncertain(UNCERTAIN_SHOWN) if d.key in by_key and d.confidence < 1]
    masthead = [f"{staff.role} {staff.name}" for staff in parsed.masthead]
    return Structure(pieces, stories, uncertain, list(parsed.warnings), masthead)


def read_page(page: Page) -> ParsedPage:
    """The page's stored text as the parser reads it with the page's corrections and its paper's house
    style (articles.house_style).

    A correction reads the page twice, before (to check the editor's choice against what the view
    showed) and after; the view shown before it has read the first, and the view shown after it reads
    the second: the last few readings are kept in the process, so each reading is parsed once.
    """
    style = style_of(edition_id=page.edition_id)
    corrections = tuple(stored_corrections(page))
    key = (page.source_text, corrections, repr(style.rules))
    if key in _readings:
        _readings.move_to_end(key)
        return _readings[key]
    parsed = _readings[key] = parse_in_style(page.source_text, style, corrections)  # the parser is pure
    while len(_readings) > READINGS_KEPT:
        _readings.popitem(last=False)
    return parsed


READINGS_KEPT = 8
_readings: OrderedDict[tuple, ParsedPage] = OrderedDict()


def page_structure(*, page: Page) -> Structure:
    """The stored page's text, parsed with its corrections, and the corrections made so far."""
    rows = list(PageCorrection.objects.filter(page=page).select_related("created_by").order_by("pk"))
    parsed = read_page(page)
    structure = read_structure(parsed, {row.key for row in rows})
    structure.corrections = rows
    structure.state = page_state(page, rows)
    return structure


def page_state(page: Page, rows: list[PageCorrection]) -> str:
    """A short name for the page's text and corrections as they are now."""
    parts = [page.source_hash, *(str(row.pk) for row in rows)]
    return hashlib.sha256(" ".join(parts).encode()).hexdigest()[:16]


def can_correct(*, page: Page, user) -> bool:
    """编辑 correct pages not signed off; 值班主任 also signed ones (the change withdraws the sign-off)."""
    if not user.has_perm("articles.change_article"):
        return False
    return not page.is_signed_off or user.has_perm("articles.sign_off_page")


def refusal(*, page: Page, user) -> str:
    """Why the user may not correct the page, in words for the editor; "" when they may."""
    if not user.has_perm("articles.change_article"):
        return "你只能查看版面结构,不能更正"
    if not can_correct(page=page, user=user):
        return f"{page.label}已由{page.signed_off_by}签发,只有值班主任能更正它的结构(更正会撤销签版)"
    return ""


@dataclass
class Outcome:
    said: str  # what was done, for the editor
    rewrite: Rewrite

    def messages(self, page: Page) -> list[str]:
        return self.rewrite.messages(page)


def correct_piece(*, page: Page, key: str, user, label: str = "", story: str = "", state: str = "") -> Outcome:
    """Record the editor's correction of one piece and rewrite the page's stories with it.

    `state` is what the editor was shown (`Structure.state`); when the page changed since, nothing is done.
    Raises `DeskError` (a message for the editor) or `PermissionDenied`.
    """
    _check(page=page, user=user)
    if not label and not story:
        raise DeskError("请选择要改成什么")
    if label and label not in dict(MENU):
        raise DeskError(f"没有“{label}”这种更正,请从菜单里选")
    if story and story not in (START, JOIN):
        raise DeskError(f"没有“{story}”这种分篇更正,请从菜单里选")
    with transaction.atomic():
        locked = Page.objects.select_for_update().get(pk=page.pk)
        current = page_structure(page=locked)
        _check_state(current, state)
        piece = next((p for p in current.pieces if p.key == key), None)
        if piece is None:
            raise DeskError("这一段在本版原文里找不到了(原文可能刚被重新导入),请看刷新后的结构再改")
        if label and label == piece.label and not story:
            raise DeskError(f"第 {piece.line} 行这一段已经是{label_name(label)}")
        if story == JOIN and not piece.can_join:
            raise DeskError(f"第 {piece.line} 行上面没有稿件,无法并入上一篇")
        if story == START and not piece.can_start:
            raise DeskError(f"第 {piece.line} 行这一段已经是一篇稿件的开头")
        PageCorrection.objects.create(
            page=locked, key=key, label=label, story=story, text=piece.text[:2000], created_by=user
        )
        said = f"第 {piece.line} 行“{_short(piece.text)}”" + _what(label, story)
        rewrite = rewrite_page(
            page=locked, user=user, corrections=True, source="结构更正", message=f"结构更正:{said}",
            parsed=read_page(locked),
        )
    page.refresh_from_db()
    return Outcome(said, rewrite)


def undo_correction(*, page: Page, user, state: str = "") -> Outcome:
    """Take back the page's latest correction and rewrite its stories without it."""
    _check(page=page, user=user)
    with transaction.atomic():
        locked = Page.objects.select_for_update().get(pk=page.pk)
        rows = list(PageCorrection.objects.filter(page=locked).order_by("pk"))
        if state and page_state(locked, rows) != state:
            raise DeskError(STALE)
        if not rows:
            raise DeskError("本版没有可以撤销的更正")
        last = rows[-1]
        said = f"撤销更正:“{_short(last.text)}”{_what(last.label, last.story)}"
        last.delete()
        rewrite = rewrite_page(
            page=locked, user=user, corrections=True, source="撤销结构更正", message=said, parsed=read_page(locked)
        )
    page.refresh_from_db()
    return Outcome(said, rewrite)


STALE = "这一版在你打开之后已有人更正过或重新导入过,你的更正没有保存;请看刷新后的结构再改"


def _check(*, page: Page, user) -> None:
    if not user.has_perm("articles.change_article"):
        raise PermissionDenied("你没有更正版面结构的权限")
    why = refusal(page=page, user=user)
    if why:
        raise DeskError(why)


def _check_state(current: Structure, state: str) -> None:
    if state and current.state != state:
        raise DeskError(STALE)


def _what(label: str, story: str) -> str:
    if story == START and label == Label.KICKER:
        return "从这里另起一篇,这段作引题"
    if story == START:
        return "从这里另起一篇" + (f"(作{label_name(label)})" if label else "")
    if story == JOIN:
        return "并入上一篇"
    return f"改为{label_name(label)}"


def _short(text: str, length: int = 20) -> str:
    line = " ".join(text.split())
    return line if len(line) <= length else line[:length] + "…"
