"""Group a page's classified blocks into stories in reading order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .classify import (
    CAPTION, CLOSING, CREDITS, END, HEADING, MERGED, RELATED_LABEL, TEXT, Item, ends_sentence, subhead_veto,
)
from .cohesion import ABOVE, BELOW, goes_on, han_pairs
from .credits import read_closing_credit, read_signature
from .decisions import CORRECTED, JOIN, START, Label, Piece
from .model import Article, Credit, ParsedPage, Photo, Role
from .vocabulary import (
    FURNITURE,
    CJK,
    CLOSERS,
    EMAIL,
    FULL_DATE,
    NOTICE_TITLE,
    ORG_SUFFIXES,
    SENTENCE_END,
    has_photo_label,
    is_closing_note,
    is_jump_mark,
)

PARAGRAPH, SUBHEAD = "p", "sub"
_LABEL_MAX = 6  # a column label stranded under a headline: "精神文明创建"
_LABEL_KICKER = 4  # a plain line this short above a title is its kicker: 短评, 时评
_LONG_HEADLINE = 28  # a plain line this long, printed in parts, is a story's headline, not a subhead
_STORY_TALK = re.compile(r"将|下一步|今后|此外|据悉|据了解|表示|认为|强调|指出|要求")
_PHOTO_CREDIT_MARK = re.compile(r"文\s*(?:[/／]\s*)?图|图\s*[/／]|摄")  # one \s* per gap: see credits._TEXT_AND_PHOTO


@dataclass
class Part:
    kind: str  # PARAGRAPH or SUBHEAD
    text: str
    lines: list[str] = field(default_factory=list)
    plain: bool = False  # a subhead read from a plain line (no markup, not set apart inside a run)
    piece: Piece | None = None  # the piece of the page it was read from
    alone: bool = False  # a line printed alone (a box label, a signature): never re-joined with the next


@dataclass
class Story:
    article: Article
    levels: list[int] = field(default_factory=list)  # markdown levels of the headline group
    parts: list[Part] = field(default_factory=list)
    closed: bool = False  # a closing credit was read: the story is over
    heads: list[Piece] = field(default_factory=list)  # the pieces of its headline group, in order
    searched: int = 0  # parts[:searched] hold no plain subhead (so no search goes over them twice)
    photos_at: list[tuple[int, Photo, list[Credit]]] = field(default_factory=list)  # read inside it: line, photo, credits
    subheads_checked: int = 0  # parts[:subheads_checked] were looked through for a subhead (`has_subhead`)
    subheaded: bool = False  # … and held one

    @property
    def has_lead(self) -> bool:
        """A dateline or a byline for the text has been read."""
        return bool(self.article.dateline or self.article.credit_lines)

    def text(self) -> str:
        return self.article.title + "".join(part.text for part in self.parts)

    def has_subhead(self) -> bool:
        """Whether a part is a subhead; each part is looked at once, however often this is asked."""
        if not self.subheaded:
            self.subheaded = any(part.kind == SUBHEAD for part in self.parts[self.subheads_checked :])
            self.subheads_checked = len(self.parts)
        return self.subheaded


@dataclass
class _Boundary:
    """A caption between two stories: it goes to the one whose credits it shares."""

    photo: Photo
    credits: list[Credit]
    before: Story | None
    after: Story | None = None
    piece: Piece | None = None


def segment(items: list[Item], page: ParsedPage) -> list[Story]:
    stories: list[Story] = []
    boundary: list[_Boundary] = []
    current: Story | None = None
    _next_content = _content_after(items)
    headline_end = -1  # the item right after the last headline group that opened a story
    title_levels: list[int] = []  # the markdown levels of the page's first marked headline group
    _settle_dash_lines(items)
    i = 0
    while i < len(items):
        item = items[i]
        piece = item.piece
        if (current is None or current.closed) and _kicker_between_stories(item, items[i + 1 : i + 2]):
            item.kind = HEADING
            piece.judge(Label.KICKER, 0.5, "稿件之间紧接标题的短行,判为引题")
        elif (current is None or current.closed) and _title_after_story_end(item, _next_content(i + 1), current):
            item.kind = HEADING
            piece.judge(Label.TITLE, 0.45, "上一稿已结束或版面开头,其后接正文的短行判为新稿标题")
        if item.kind in (HEADING, RELATED_LABEL):
            start = i
            group, i = _take_group(items, i)
            following = _next_content(i)
            if start == headline_end and _extends_headline(group, current):
                _extend_headline(group, current, page)
                headline_end = i
                continue
            starts, sure, why = _starts_story(group, following, current, title_levels)
            if starts:
                current = _new_story(group, page, sure, why)
                stories.append(current)
                headline_end = i
                title_levels = title_levels or current.levels
                for pending in boundary:
                    if pending.after is None:
                        pending.after = current
            else:
                if current is None:  # an editor's subhead above every headline
                    current = _untitled(stories, page, piece)
                if _two_line_subhead_in_run(group):  # "会议开得短" / "落实时间多了": one subhead
                    current.parts.append(Part(SUBHEAD, " ".join(g.text for g in group), piece=piece))
                    for head in group:
                        _place(head.piece, Label.SUBHEAD, current, sure, why)
                    continue
                for head in group:
                    if head.not_subhead:  # a box label, a signature, a labelled line …: text of the story
                        current.parts.append(Part(PARAGRAPH, head.text, [head.text], piece=head.piece, alone=True))
                        _place(head.piece, Label.BODY, current, min(sure, 0.6), head.not_subhead)
                    else:
                        # set apart inside a run, a subhead is as sure as a marked one (Part.plain)
                        current.parts.append(Part(
                            SUBHEAD, head.text, plain=not (head.level or head.bold or head.in_run), piece=head.piece,
                        ))
                        _place(head.piece, Label.SUBHEAD, current, sure, why)
                    if head.level or head.bold:
                        page.dropped.append("#" * head.level or "****")
            continue
        i += 1
        if item.kind == MERGED:
            continue
        fixed = piece.story_fixed
        if fixed == START:
            current = _untitled(stories, page, piece, warn=False)
        joined = fixed == JOIN
        if item.kind == END:
            page.dropped.append(item.printed)
            piece.owner = current
            if current is not None:
                current.closed = True
            continue
        if item.kind == CAPTION and not item.photo.caption and not item.photo.credit:
            # "资料图片", "图片来源：某某" alone, with no caption to go with: a note on a picture, not text
            page.dropped.append(item.text)
            _place(piece, Label.PHOTO_CREDIT, current, 0.8, "单独一行的图片来源(资料图片、某某社发…)")
            if current is not None and current.parts:  # printed where the story's text ends, as a credit is
                current.closed = True
        elif item.kind == CAPTION:
            piece.owner = item.photo
            if current is not None and (joined or fixed == START):
                _add_photo_inside(current, item)
            else:
                _place_caption(item, _next_content(i), current, boundary)
        elif item.kind in (CREDITS, CLOSING):
            if current is None:
                current = _untitled(stories, page, piece)
            if item.kind == CREDITS and current.has_lead and current.parts and not joined \
                    and not _ends_the_story(current, _next_content(i + 1)):
                current = _split_at_last_subhead(current, stories)
            if item.kind == CREDITS and not current.has_lead and not joined:
                _absorb_headline_lines(current, over_credits=True)
            if item.kind == CLOSING and not joined:
                current = _split_off_unrelated_end(current, stories, boundary)
            _add_credits(current.article, item.credits, item.printed)
            if item.dateline:
                current.article.dateline = current.article.dateline or item.dateline
            current.closed = current.closed or (item.kind == CLOSING and bool(current.parts))
            piece.owner = current
        elif item.kind == TEXT and is_jump_mark(item.text) and not item.forced:
            page.dropped.append(item.text)  # "（下转第3版）": the story goes on elsewhere, not its text
            _place(piece, Label.NOISE, current, 0.9, "转版标记")
        elif item.kind == TEXT:
            if current is None:
                current = _untitled(stories, page, piece)
            if item.lead and _closes_story(item, current, _next_content(i)):
                # "……。" / "新华社某地某日电" / next headline: a feature's 电头 printed at its end
                current.article.dateline = current.article.dateline or item.lead.dateline
                current.closed = True
                piece.owner = current
                piece.doubt(0.7, "正文末单独一行的电头,判为本稿电头")
                continue
            if item.lead:
                relayed = False
                if current.has_lead and current.parts and not joined:
                    current = _split_at_last_subhead(current, stories)
                    # in a story with no subhead: a dispatch the story relays in its text ("据新华社…电（记者
                    # 某某）"), whose reporter is the dispatch's, not the story's (a section's 电头 under a
                    # subhead an editor kept is the section's own)
                    relayed = current.has_lead and bool(current.parts) and not current.has_subhead()
                if relayed and not piece.label_fixed:
                    _add_paragraph(current, item.text, item.lines, piece)
                    piece.judge(Label.BODY, 0.6, "正文中转述的电讯,其电头和署名留在正文")
                    piece.owner = current
                    continue
                if not current.has_lead and not joined:
                    _absorb_headline_lines(current)
                _add_lead(current, item, keep_dateline=joined)
            else:
                _add_paragraph(current, item.text, item.lines, piece)
            piece.owner = current
    _split_off_unrelated(stories, boundary)
    stories = _gather_packages(stories, items, boundary)
    _settle_boundary(boundary, page)
    kept = []
    for story in stories:
        if _is_advertisement(story):
            _take_off_as_advertisement(story, page)
        else:
            kept.append(story)
    return kept


_PHONE = re.compile(r"(?<!\d)(?:0\d{2,3}[-－—\s]?\d{7,8}|1[3-9]\d{9}|400[-－\s]?\d{3}[-－\s]?\d{4})(?!\d)")
_AD_LINE_MAX = 24  # an advertisement prints slogans and contacts, no line of running text


def _is_advertisement(story: Story) -> bool:
    """A "story" of short slogans and contact lines (售楼热线：…, 地址：…, a phone number) with no
    dateline, credit, photo or sentence is an advertisement set among the stories, unless an editor
    said a word on any of its pieces."""
    article = story.article
    if story.has_lead or article.bylines or article.photos or not story.parts:
        return False
    lines = _story_lines(story)
    if any(len(line) > _AD_LINE_MAX or "。" in line for line in lines):
        return False
    if not any(FURNITURE.match(line) or _PHONE.search(line) for line in lines[1:]):
        return False
    return not any(piece.correction for piece in _story_pieces(story))


def _take_off_as_advertisement(story: Story, page: ParsedPage) -> None:
    """The advertisement's pieces become the page's furniture, and its text goes to `dropped`."""
    for piece in _story_pieces(story):
        piece.label, piece.owner, piece.parts = Label.FURNITURE, None, []
        piece.confidence, piece.why = min(piece.confidence, 0.7), "广告:只有短语和联系方式,没有成句的正文"
        page.dropped.append(piece.text)
    page.furniture += [line for line in _story_lines(story) if line]


def _story_lines(story: Story) -> list[str]:
    return [story.article.headline] + [part.text for part in story.parts]


def _story_pieces(story: Story) -> list[Piece]:
    return story.heads + [part.piece for part in story.parts if part.piece]


_DASH = ("——", "—")
_DASH_LINE_MAX = 64
_NOT_A_TITLE_END = tuple("。；;，,、：:")  # a title may end in "？" or "！", not in these


def _settle_dash_lines(items: list[Item]) -> None:
    """A dash ties a headline group together: a short line ending in "——" over a headline is its 引题,
    and a short line over a "——" line is the 主题 that 副题 explains, though neither reads as a
    headline alone (a pause or a question mark in it)."""
    for k, item in enumerate(items):
        if item.kind == HEADING:
            marked = item.level or item.bold or item.forced or item.piece.story_fixed
            if not marked and _is_signature(item.text):
                item.kind = TEXT  # "——编者", "——某某": who said the quotation above, part of the text
                item.piece.judge(Label.BODY, 0.6, "破折号后的署名,判为正文")
            continue
        nxt = items[k + 1] if k + 1 < len(items) else None
        if item.kind != TEXT or nxt is None or nxt.kind != HEADING:  # most items: no headline under them
            continue
        # an editor's story start on the line leaves it the 引题 of the headline under it (the story starts
        # at its headline group); a join keeps it the text of the story above
        if item.lead or item.forced or item.piece.story_fixed == JOIN:
            continue
        if len(item.lines) != 1:
            continue
        text = item.text.strip()
        if nxt.forced or len(text) > _DASH_LINE_MAX or is_closing_note(text):
            continue
        if text.endswith("——") and len(text) > 2:
            item.kind = HEADING
            item.not_subhead = subhead_veto(text)  # over a subhead, not a headline: a lead-in of the text
            item.piece.judge(Label.KICKER, 0.6, "以破折号结尾的短行,下接标题,判为引题")
        elif _is_dash_subtitle(nxt.text) and not text.rstrip(CLOSERS).endswith(_NOT_A_TITLE_END) and len(text) <= 40:
            item.kind = HEADING
            item.piece.judge(Label.TITLE, 0.6, "下接破折号副题的短行,判为主题")


def _kicker_between_stories(item: Item, after: list[Item]) -> bool:
    """A short line at the top of the page or after a story's end, right over a headline: the 引题,
    though it does not read as a headline alone ("配学校、盖医院，某地推进搬迁", "…如何？")."""
    if item.kind != TEXT or item.lead or item.forced or item.piece.story_fixed or len(item.lines) != 1:
        return False
    if not after:
        return False
    text = item.text.strip()
    nxt = after[0]
    return (
        not is_closing_note(text)
        and nxt.kind == HEADING
        and not nxt.forced
        and len(text) <= 40
        and not text.rstrip(CLOSERS).endswith(_NOT_A_TITLE_END)
        and not EMAIL.search(text)
    )


def _is_signature(text: str) -> bool:
    text = text.strip()
    return text.startswith(_DASH) and 0 < len(re.sub(r"\s", "", text.lstrip("—"))) <= _SIGNATURE_MAX


def _is_dash_subtitle(text: str) -> bool:
    """"——某某…", a phrase after a dash; not "——编 者", "——某某", a signature after a quotation."""
    text = text.strip()
    return text.startswith(_DASH) and len(re.sub(r"\s", "", text.lstrip("—"))) > _SIGNATURE_MAX


_SIGNATURE_MAX = 5


def _place(piece: Piece, label: str, story: Story | None, sure: float, why: str) -> None:
    """The piece is `label` of `story`, as sure as its reading alone and its place allow; the reason
    given is the one for its place, which also says what it was taken for."""
    piece.label, piece.owner, piece.parts = label, story, []
    piece.confidence, piece.why = min(piece.confidence, sure), why


def _add_paragraph(story: Story, text: str, lines: list[str], piece: Piece | None = None) -> None:
    closing = read_closing_credit(text)
    if closing and closing[1]:  # "…三百余家。(记者 张小东)": the credit ends the story
        credits, before, printed = closing
        _add_credits(story.article, credits, printed)
        story.parts.append(Part(PARAGRAPH, before, [before], piece=piece))
        story.closed = True
        return
    story.parts.append(Part(PARAGRAPH, text, lines, piece=piece))
    if len(lines) > 1 and FULL_DATE.match(lines[-1].strip()):
        story.closed = True  # a signature block: issuer and date end the notice
    elif lines and is_closing_note(lines[-1]) and not is_jump_mark(lines[-1]):
        story.closed = True  # "（作者为…）", "（本报某地某日电）": the story's last line


def _closes_story(item: Item, story: Story, following: Item | None) -> bool:
    """A 电头 alone on a line after a story's text, with a headline or the page's end after it: the
    story's own 电头 printed at its end (as features print it), not the lead of a story of its own."""
    lead = item.lead
    if lead.rest.strip() or lead.credits or item.piece.story_fixed or item.forced:
        return False
    if not any(part.kind == PARAGRAPH for part in story.parts):
        return False
    return following is None or following.kind in (HEADING, RELATED_LABEL) or _headline_line(following)


def _headline_line(item: Item) -> bool:
    """A short line of text that ends no sentence: a headline the rules did not read as one alone."""
    if item.kind != TEXT or item.lead or item.forced or item.piece.story_fixed or len(item.lines) != 1:
        return False
    text = item.text.strip()
    return (
        2 <= len(text) <= _SHORT_LINE
        and not text.rstrip(CLOSERS).endswith(tuple(SENTENCE_END) + _NOT_A_TITLE_END)
        and len(_CLAUSE_BREAK.findall(text)) <= 1
        and not is_closing_note(text)
        and not EMAIL.search(text)  # "栏目投稿邮箱：…@…": a column's contact, no headline
    )


def _title_after_story_end(item: Item, following: Item | None, current: Story | None) -> bool:
    """After a story's end (a closing credit or 电头), a headline-like line with text under it; at
    the top of the page, one with a byline or a lead under it (else it may be the end of a story
    continued from another page)."""
    if not _headline_line(item) or following is None:
        return False
    if current is None:
        return following.kind == CREDITS or bool(following.kind == TEXT and (following.lead or _opens_a_story(following)))
    return following.kind in (TEXT, CREDITS)


def _opens_a_story(item: Item) -> bool:
    """A paragraph that tells when and whence, as a story's first does with no 电头: "记者3日从教育部获悉",
    "近日，…". The end of a story continued from another page goes on with what it was telling."""
    return _REPORTS_WHEN.match(item.text.strip()) is not None


_REPORTS_WHEN = re.compile(r"^(?:记者|近日|日前|昨天|昨日|今天|今日|本周|当地时间|\d{1,2}月\d{1,2}日|\d{1,2}日)")


def _take_group(items: list[Item], i: int) -> tuple[list[Item], int]:
    """Consecutive headline lines of one style: a markdown group, or plain lines. An editor's
    headline parts stay together; an editor's subhead or story start begins a group of its own."""
    group = [items[i]]
    i += 1
    while i < len(items) and items[i].kind in (HEADING, RELATED_LABEL):
        first, nxt = group[0], items[i]
        if nxt.piece.story_fixed or Label.SUBHEAD in (nxt.forced, first.forced) or nxt.forced == Label.KICKER:
            break
        if nxt.box_label or first.box_label:  # "核心阅读" under a headline labels a box, not a subtitle
            break
        if nxt.forced == Label.TITLE and any(g.forced in (Label.TITLE, Label.SUBTITLE) for g in group):
            break
        if nxt.forced not in (Label.TITLE, Label.SUBTITLE):
            if bool(first.level) != bool(nxt.level) and first.kind != RELATED_LABEL:
                break
            if nxt.bold != first.bold:
                break
        group.append(nxt)
        i += 1
    return group, i


def _extends_headline(group: list[Item], current: Story | None) -> bool:
    """Plain lines right under a markdown headline, before its text: the rest of the headline group
    (a 副题 the conversion left unmarked, a box label), not a new story or subheads. (Plain headline
    lines are already read as one group.)"""
    if current is None or current.parts or current.has_lead or not current.article.title or not current.levels:
        return False
    return all(
        g.kind == HEADING
        and not (g.level or g.bold or g.forced or g.piece.story_fixed)
        and not _SIGNED.search(g.text)
        for g in group
    )


# a role word and the name after it: "本报评论员 张三", an author line the credit readers do not know
_SIGNED = re.compile(r"(?:记者|评论员|通讯员|撰稿人|作者)[\s:：/]+\S")


def _extend_headline(group: list[Item], story: Story, page: ParsedPage) -> None:
    lines = []
    for g in group:
        if g.box_label:
            page.dropped.append(g.text)
            _place(g.piece, Label.FURNITURE, None, 0.7, "标题下的导读框标签,未计入标题")
        else:
            lines.append(g)
    if not lines:
        return
    if story.article.subtitle:  # a subtitle marked as such already: the plain lines are subheads
        for g in lines:
            story.parts.append(Part(SUBHEAD, g.text, plain=True, piece=g.piece))
            _place(g.piece, Label.SUBHEAD, story, 0.4, "标题组后的短行,判为小标题")
        return
    story.article.subtitle = " ".join(g.text for g in lines)
    for g in lines:
        _place(g.piece, Label.SUBTITLE, story, 0.6, "标记标题下紧接的短行,判为副题")


def _content_after(items: list[Item]):
    """A function giving the first item at or after i that is not a caption: the answers are worked
    out in one backward pass, since a run of captions searched from each of them is quadratic."""
    following: list[Item | None] = [None] * (len(items) + 1)
    for k in range(len(items) - 1, -1, -1):
        following[k] = items[k] if items[k].kind not in (CAPTION, MERGED) else following[k + 1]
    return lambda i: following[min(i, len(items))]


def _starts_story(
    group: list[Item], following: Item | None, current: Story | None, title_levels: list[int] = ()
) -> tuple[bool, float, str]:
    """Whether a headline group opens a story (else its lines are subheads), how sure, and why."""
    first = group[0]
    fixed = first.piece.story_fixed
    if fixed == START or (current is None and first.forced != Label.SUBHEAD):
        return True, 1.0 if fixed else 0.85, CORRECTED if fixed else "版面上第一个标题"
    if fixed == JOIN or first.forced == Label.SUBHEAD:
        return False, 1.0, CORRECTED
    if any(g.forced in (Label.KICKER, Label.TITLE) for g in group):
        return True, 1.0, CORRECTED
    if any(g.kind == RELATED_LABEL for g in group):
        return True, 0.9, "相关新闻标签后的标题,判为新稿"
    if following is not None and (following.lead or following.kind == CREDITS):
        return True, 0.9, "标题下接电头或署名,判为新稿"
    if not current.parts and not current.has_lead:
        return False, 0.3, "紧接上一标题,判为小标题"  # still under the last headline: part of it
    if any(_COLUMN_TAG.search(g.text) and not _PHOTO_CREDIT_TAG.search(g.text) for g in group):
        return True, 0.75, "标题后带栏目名,判为新稿"
    if _opens_column_run(first):
        return True, 0.7, "逐行排列的分栏中空行后、首段之前的短行,判为新稿标题"
    if first.in_run and not first.level:
        # an e-paper export prints each story as a run of indented paragraphs, apart from the next: lines
        # set apart inside the run, after one of its paragraphs, are the story's subheads (a headline
        # over a 电头 or carrying a column's tag opens a story all the same)
        return False, 0.7, "同一段落串中紧接段落的短行,判为小标题"  # "…（人民论坛）": a subhead carries no column tag
    if first.bold:
        return False, 0.85, "正文中加粗的短行,判为小标题"
    if first.level:
        # under a headline with no marks, the page's marked headlines tell the level of a headline;
        # with none, "#" is one and a lower level a subhead
        levels = max(current.levels or title_levels or [1])
        if len(group) > 1:
            return True, 0.8, "正文中多行标题组,判为新稿"
        if min(g.level for g in group) <= levels:
            return True, 0.8, "标题级别不低于本稿标题,判为新稿"
        return False, 0.5, "标题级别低于本稿标题,判为小标题"
    if NOTICE_TITLE.search(first.text):
        return True, 0.8, "以“通告”等结尾,判为新稿标题"
    if first.text.lstrip().startswith(_DASH):
        # a 副题 after a dash comes under its 主题, so no headline group opens on one: after text, a line
        # opened by a dash signs or sums up what is above it ("——某某小学五（7）班 某某")
        return False, 0.5, "以破折号开头的短行不开新稿,判为上文的署名或结语"
    if len(group) == 2 and _leads_in(group[0].text):
        return True, 0.5, "以破折号引出下一行的长句,判为新稿的引题和主题"
    if len(group) == 2 and _SPEAKER_TAG.fullmatch(group[1].text.strip()):
        return False, 0.6, "短句下接“（国名）人名”,判为一位发言者的小标题"
    if _parallel_phrases(group):
        return False, 0.6, "正文中字数相同的几行短语(对仗的小标题),判为小标题"
    if len(group) > 1 and not (len(group) == 2 and group[0].text.strip().endswith("——")):
        if _text_below_goes_on(group, following, current):
            return False, 0.4, "正文中多行短句,其下文字接着上文说,判为小标题"
        return True, 0.35, "正文中多行短句,判为新稿标题组"
    if current.closed:
        return True, 0.7, "上一稿已结束,短行判为新稿标题"
    if first.two_lines:
        return False, 0.5, "段落之间两行短句,判为两行的小标题"
    length = len(first.text)
    if length >= _LONG_HEADLINE and " " in first.text.strip():
        # so long a headline prints its parts apart (主题 and 副题 on one line); a long line in one piece is
        # a subhead or text cut off (in the dev papers' gold, 8 of the 10 such lines that opened a story)
        return True, 0.45 + min(0.4, (length - _LONG_HEADLINE) * 0.05), "较长的短行,判为新稿标题"
    if length >= _LONG_HEADLINE - 8:
        return False, 0.45, "较长的短行,判为小标题"
    return False, 0.6, "正文中的短行,判为小标题"


# At or above this share of words in common with the story above, the text under a group of plain short
# lines goes on with the story, and the lines are its subheads (cohesion.py). On the dev pages the groups
# read as headlines before this rule fall at 0.10 into 24 subheads and 13 headlines above it, 10 and 33
# below; the headlines above it mostly print a "——" 副题, which keeps them headlines.
_GOES_ON = 0.10
_SUBHEAD_LINE_MAX = 20  # a subhead's line is short: a longer line in the group is a headline's


def _text_below_goes_on(group: list[Item], following: Item | None, current: Story) -> bool:
    """Lines set apart in a story, over text that keeps to the story's subject: a section's subheads (a
    feature of many voices, a round of places), not the next story's headline, which speaks of other
    things. A line after a dash is a headline group's 副题 ("——访某某"), so that group is a headline."""
    if following is None or following.kind != TEXT:
        return False
    if any(_is_dash_subtitle(g.text) or len(g.text.strip()) > _SUBHEAD_LINE_MAX for g in group):
        return False
    signed = read_signature(group[0].text)
    if signed and signed[1]:  # names only ("陈晓红 林峰"): a signature or a credit, not a section's title
        return False
    return goes_on(_story_end(current), following.text, _GOES_ON)


# "（英国）理查德·托马斯·考利特": a voice of a feature of many voices, by country and name, under the title of
# what that voice says (its section's subhead); no headline's 副题 names a person so
_SPEAKER_TAG = re.compile(rf"[（(][{CJK}]{{2,8}}[）)]\s*[{CJK}][{CJK}·•]{{1,15}}")
_PARALLEL_MAX = 7  # "机制再创新" / "支部联支部" / "一线练队伍": a feature's section titled in matched phrases
_PLAIN_PHRASE = re.compile(rf"[{CJK}\d]+")
_SPACE = re.compile(r"\s+")


def _parallel_phrases(group: list[Item]) -> bool:
    """Three or more short phrases of one length, with no punctuation: the matched phrases (对仗) a feature
    titles a section with, one subhead a line. A headline group's 引题, 主题 and 副题 differ in length."""
    texts = [_SPACE.sub("", g.text) for g in group]
    return len(texts) >= 3 and len({len(t) for t in texts}) == 1 and len(texts[0]) <= _PARALLEL_MAX \
        and all(_PLAIN_PHRASE.fullmatch(t) for t in texts)


def _story_end(story: Story, parts: int | None = None) -> str:
    """The last ABOVE characters of the story's headline and its first `parts` parts (all of them by
    default), gathered from their end: a story weighed at each of many lines costs no more than its
    end each time."""
    texts, size = [], 0
    for part in reversed(story.parts[:parts]):
        texts.append(part.text)
        size += len(part.text)
        if size >= ABOVE:
            break
    else:
        texts.append(story.article.headline)
    return "".join(reversed(texts))[-ABOVE:]


def _opens_column_run(item: Item) -> bool:
    """A short line heading a column's run of printed lines, before the run's first paragraph. OCR of a
    column prints no blank line between a story's paragraphs, nor around its subheads (those stand inside
    the run, `in_run`): a blank line is where the column stopped, at the end of a story or a box, so the
    lines under it that are no text open the next story."""
    return item.column and not item.in_run and not item.level


def _two_line_subhead_in_run(group: list[Item]) -> bool:
    """Two short lines set apart inside an indented run: one subhead printed on two lines."""
    return len(group) == 2 and group[0].in_run and not any(g.not_subhead or g.level or g.bold for g in group)


_LEAD_IN_MIN = 8  # "天津基层党建述职评议会勇于揭短亮丑——" tells what happened; "英国首相——" names a speaker


def _leads_in(text: str) -> bool:
    """A line that tells of an event and hands on to the line below with a dash: the next story's 引题
    ("《某某白皮书》发布——" over its 主题), not a speaker's or a point's label inside a story ("舆论——")."""
    text = text.strip()
    return text.endswith("——") and len(text.rstrip("—")) >= _LEAD_IN_MIN


def _new_story(group: list[Item], page: ParsedPage, sure: float, why: str) -> Story:
    labels = [g for g in group if g.kind == RELATED_LABEL]
    lines = [g for g in group if g.kind != RELATED_LABEL]
    page.dropped += [label.printed for label in labels]
    levels = [g.level for g in lines if g.level]
    for g in lines:
        if g.level or g.bold:
            page.dropped.append("#" * g.level or "****")
    story = Story(article=Article(title=""), levels=levels)
    texts = [g.text for g in lines]
    if not levels and len(texts) >= 2 and _is_column_label(texts[-1], texts[0]) and not lines[-1].forced:
        page.dropped.append(texts.pop())
        page.warnings.append(f"栏目名“{page.dropped[-1]}”未计入标题")
        _place(lines.pop().piece, Label.FURNITURE, None, 0.5, "标题组末的短栏目名,未计入标题")
    roles = _headline_roles(texts, levels, [g.forced for g in lines])
    split_why = "其余各行按位置分" if any(g.forced for g in lines) else _split_headline_why(texts, levels)[1]
    parts = {role: [t for t, r in zip(texts, roles) if r == role] for role in Label.HEADLINE}
    head_kicker = " ".join(parts[Label.KICKER]) or None
    related = labels[0].text if labels else None
    story.article.title = " ".join(parts[Label.TITLE])
    story.article.kicker = head_kicker or related
    story.article.subtitle = " ".join(parts[Label.SUBTITLE]) or None
    story.heads = [g.piece for g in lines]
    for g, role in zip(lines, roles):
        _place(g.piece, role, story, sure, why)
        if len(lines) > 1 and not levels and not g.forced:
            g.piece.doubt(0.45, f"多行短句的标题组:{split_why}")
    for k, label in enumerate(labels):
        if k == 0 and not head_kicker:
            _place(label.piece, Label.KICKER, story, sure, why)
        else:
            _place(label.piece, Label.NOISE, story, 0.8, "相关新闻标签,未计入标题")
    opener = next((g for g in group if g.piece.label not in (Label.NOISE, Label.FURNITURE)), group[0])
    opener.piece.starts_story = True
    return story


def _headline_roles(texts: list[str], levels: list[int], forced: list[str | None]) -> list[str]:
    """Kicker, title or subtitle for each line of a headline group; an editor's parts kept."""
    if not any(f in Label.HEADLINE for f in forced):
        return _split_headline(texts, levels)
    if Label.TITLE in forced:
        at = forced.index(Label.TITLE)
        return [
            f if f in Label.HEADLINE else (Label.KICKER if k < at else Label.SUBTITLE)
            for k, f in enumerate(forced)
        ]
    free = [k for k, f in enumerate(forced) if f not in Label.HEADLINE]
    free_roles = dict(zip(free, _split_headline([texts[k] for k in free], [])))
    return [forced[k] if forced[k] in Label.HEADLINE else free_roles[k] for k in range(len(texts))]


def _is_column_label(text: str, first: str) -> bool:
    return len(text) <= _LABEL_MAX and " " not in text and " " in first.strip()


# 引题 that frames the 主题: who spoke where ("某某在…会议上强调", "某某强调坚持…"), a speaker
# ("某某：") or a lead-in ending in a dash; and the column tag in brackets ("（人民论坛）") that a
# paper prints after its 主题, not after the 引题 (a line wholly in brackets, a document's date
# under its title, is a 副题, not a tagged title)
_FRAMES_THE_TITLE = re.compile(r"(?:强调|指出|表示|要求|提出|时说|会上|——|[:：])$")
_SPEAKER_FRAMES = re.compile(r"强调|指出|希望")
# an 引题 the 主题 completes as a sentence: when or on what ("在…之际", "就…周年", "经…批准"), or
# who issued what ("中共中央国务院印发" over the document's name)
_SETS_THE_SCENE = re.compile(r"^(?:在|就|经|值|随着|围绕|为庆祝|为纪念).{1,30}(?:之际|周年|批准|期间|前夕|以来|之时)$")
# an 引题 that ends on the occasion the 主题 tells of: "清明扫墓期间", "富阳农村工作会议上" (the dev papers'
# two-line groups whose first line ends so: 3 引题 of 3)
_ON_THE_OCCASION = re.compile(r"(?:期间|会议上|会上|仪式上|典礼上|之际|前夕)$")
_WANTS_AN_OBJECT = re.compile(r"(?:印发|签署通令|签署命令|发布命令|发出通知|颁布)$")


def _names_who(line: str) -> bool:
    """An 引题 naming who did what the 主题 says: bodies or places in a list ("中央宣传部、中央文明办、
    民政部", "山西、浙江、河南"), or joined and left open by 等 ("中央政法委联合教育部等"); not a clause
    that ends in 等 ("某某会表决通过某法等")."""
    parts = _JOINS.split(line.strip().removesuffix("等"))
    return len(parts) > 1 and all(
        re.fullmatch(rf"[{CJK}]{{2,16}}", part) and (len(part) <= 3 or part.endswith(ORG_SUFFIXES)) for part in parts
    )


_JOINS = re.compile(r"、|联合|会同")  # bodies listed, or acting together

_PHOTO_CREDIT_TAG = re.compile(r"摄\s*[（(][^（）()]*[）)]$")  # "某某摄（某图片社）": a credit, no tag
# "（人民论坛）", "（感言·岁末年初看经济（11））": a column's name, one bracket inside it at most
_COLUMN_TAG = re.compile(r"(?<=[^\s(（])[（(](?:[^（）()]|[（(][^（）()]{1,10}[）)]){2,60}[）)]$")


def _split_headline(texts: list[str], levels: list[int]) -> list[str]:
    """Kicker, title or subtitle for each line of a headline group (引题 · 主题 · 副题)."""
    return _split_headline_why(texts, levels)[0]


def _split_headline_why(texts: list[str], levels: list[int]) -> tuple[list[str], str]:
    """The roles `_split_headline` gives the lines, and why: the sign read, or none ("按位置")."""
    K, T, S = Label.KICKER, Label.TITLE, Label.SUBTITLE
    if len(texts) <= 1:
        return [T] * len(texts), "单行标题"
    dash = next((k for k in range(1, len(texts)) if _is_dash_subtitle(texts[k])), None)
    if dash is not None:  # the line over the first "——" line is the 主题
        return [K] * (dash - 1) + [T] + [S] * (len(texts) - dash), "破折号副题之上为主题"
    if len(texts) >= 3:
        return [K, T] + [S] * (len(texts) - 2), "按位置分引题、主题、副题"
    first, second = texts
    if second.lstrip().startswith(("——", "—", "--")):
        return [T, S], "破折号副题之上为主题"
    if len(first) <= _LABEL_KICKER:  # "短评" over a commentary's title
        return [K, T], "首行是短标签,判为引题"
    if _FRAMES_THE_TITLE.search(first) or (_COLUMN_TAG.search(second) and not _COLUMN_TAG.search(first)):
        return [K, T], "首行引出下行(说话人、冒号、破折号)或次行带栏目名,判为引题"
    if _SPEAKER_FRAMES.search(first) and not _SPEAKER_FRAMES.search(second):
        return [K, T], "首行说谁讲话,判为引题"
    if _SETS_THE_SCENE.match(first) or _ON_THE_OCCASION.search(first.strip()) or _WANTS_AN_OBJECT.search(first) \
            or _names_who(first):
        return [K, T], "首行交代场合、发文或主体,判为引题"
    if first.rstrip().endswith(("!", "！")) and not second.rstrip().endswith(("!", "！")):
        return [K, T], "首行感叹,判为引题"  # an exclamation over a statement frames it: "“疫”呼即应!"
    if len(levels) == 2:
        a, b = levels
        if a != 1 and (b < a or (a == 2 and b == 3)):
            return [K, T], "标记级别:首行低于次行,判为引题"
    if _is_quote(second) and not _is_quote(first):
        return [K, T], "次行是引语,判为主题"  # a 主题 that quotes a saying, under the line that tells whose
    if _CLAUSE_PAUSE.search(first) and not _CLAUSE_PAUSE.search(second):
        return [K, T], "首行带逗号成句,判为引题"  # "狠抓环境治理，享受生态红利" over "万泉河清 琼海更美"
    if _NAMES_THE_EVENT.search(first) or _NAMES_THE_WORK.fullmatch(first.strip()):
        return [K, T], "首行点明赛事或作品,判为引题"  # "巴黎柔道大满贯赛"; "京剧《某某》"
    if _HANDS_ON.search(first) or _ONLY_WHEN.fullmatch(first.strip()):
        return [K, T], "首行列举或只说时间,判为引题"  # "有了公益食堂、咖啡馆……"; "4月8日至4月26日"
    return [T, S], "无引题线索,按位置判为主题、副题"


_CLAUSE_PAUSE = re.compile(r"[，,]")
# a sports 引题 names the competition and its round; the 主题 gives the result
_NAMES_THE_EVENT = re.compile(r"(?:首局|决赛|大满贯赛|锦标赛|联赛|世界杯|最强战|[杯赛].{1,4}站)$")
# a review's 引题 names the work reviewed by its genre: "京剧《孙尚香》", "话剧《小镇琴声》"
_NAMES_THE_WORK = re.compile(rf"[{CJK}]{{1,6}}《[^》]{{1,20}}》")


# an 引题 that lists and hands on to the 主题: it trails off ("……") or closes its list with 等
_HANDS_ON = re.compile(r"(?:……|…)$|^[^、]+(?:、[^、]+){2,}等$")
# an 引题 that only tells when: "4月8日至4月26日", "3月28日—4月5日"
_ONLY_WHEN = re.compile(r"(?:\d{1,2}月)?\d{1,2}日\s*(?:至|到|—|-|～)\s*(?:\d{1,2}月)?\d{1,2}日")


def _is_quote(line: str) -> bool:
    """A line that is one quotation: “开放的中国市场是我们的机遇”."""
    line = line.strip()
    return line.startswith("“") and line.endswith("”") and line.count("“") == 1


def _untitled(stories: list[Story], page: ParsedPage, piece: Piece, warn: bool = True) -> Story:
    """A story with no headline, opened by `piece`: text at the top of the page, or an editor's split."""
    if warn:
        page.warnings.append("版面开头有无标题的文字(可能是转版稿)")
        piece.doubt(0.3, "版面开头无标题的文字(可能是转版稿)")
    story = Story(article=Article(title=""))
    stories.append(story)
    piece.starts_story = True
    return story


_HEADLINE_LINE_MAX = 64
_SHORT_LINE = 40
_PAUSE = re.compile(r"[,，、;；]")
_CLAUSE_BREAK = re.compile(r"[,，;；]")  # two of them make a sentence, not a headline line


def _absorb_headline_lines(story: Story, over_credits: bool = False) -> None:
    """The lead comes after a title and one or two short lines that end no sentence: those lines are
    the rest of the headline group (read as text because of a word a headline seldom ends in), since
    a headline group runs from the title to the lead. Over the story's credit line (`over_credits`),
    one such line may run as clauses: the story's text comes under its credits, never over them."""
    article = story.article
    if not article.title or not story.parts or len(story.parts) > 2 or article.kicker or article.subtitle:
        return
    if len(story.heads) != 1 or story.heads[0].correction:
        return
    # under a column's label (速览, 数读) the line is the brief's own summary, not the label's subtitle
    one = len(story.parts) == 1
    if not (one and len(article.title) > _LABEL_KICKER and _summary_subtitle(story.parts[0], over_credits)):
        for part in story.parts:
            if not _headline_part(part, len(story.parts)):
                return
    texts = [article.title] + [part.text.strip() for part in story.parts]
    pieces = story.heads + [part.piece for part in story.parts]
    roles = _split_headline(texts, [])
    parts = {role: " ".join(t for t, r in zip(texts, roles) if r == role) or None for role in Label.HEADLINE}
    article.kicker, article.subtitle = parts[Label.KICKER], parts[Label.SUBTITLE]
    article.title = parts[Label.TITLE] or ""
    for piece, role in zip(pieces, roles):
        _place(piece, role, story, 0.5, "标题与电头之间的短行,判为标题组的一部分")
    story.heads = pieces
    story.parts = []
    story.subheads_checked, story.subheaded = 0, False


def _headline_part(part: Part, parts: int) -> bool:
    """A short line between a title and its lead that ends no sentence (one of `parts` such lines)."""
    text = part.text.strip()
    if part.kind != PARAGRAPH or len(part.lines) != 1 or not text or len(text) > _HEADLINE_LINE_MAX:
        return False
    if text.rstrip(CLOSERS).endswith(tuple(SENTENCE_END) + _NOT_A_TITLE_END) or part.piece is None:
        return False
    pauses = len(_PAUSE.findall(text))
    if parts > 1 and (pauses > 1 or (pauses and len(text) > 20) or len(text) > _SHORT_LINE):
        return False  # lines of a summary box under the headline, which run on as sentences do
    if FULL_DATE.match(text) or len(_CLAUSE_BREAK.findall(text)) > 1:
        return False
    return not part.piece.correction


def _summary_subtitle(part: Part, over_credits: bool = False) -> bool:
    """The 副题 a national daily prints under a meeting's title, summing up its decisions in clauses
    ("要求……；决定……；部署……"): one paragraph between the title and the 电头, long but with no sentence
    in it (a summary box's text, or an editor's note, ends its sentences) and its clauses, if it has
    several, set apart by semicolons (a sentence that lost its full stop runs on with commas), or by
    commas too when the story's credit line follows it (`over_credits`): text never stands over those."""
    text = part.text.strip()
    listed = over_credits or "；" in text or not re.search(r"[，,]", text)
    return (part.kind == PARAGRAPH and len(part.lines) == 1 and part.piece is not None and not part.piece.correction
            and len(text) <= _SUMMARY_SUBTITLE_MAX and not re.search(rf"[{SENTENCE_END}]", text)
            and not text.endswith(_NOT_A_TITLE_END) and listed)


_SUMMARY_SUBTITLE_MAX = 160


def _add_lead(story: Story, item: Item, keep_dateline: bool = False) -> None:
    lead = item.lead
    if not (keep_dateline and story.article.dateline):
        story.article.dateline = lead.dateline
    _add_credits(story.article, lead.credits, lead.consumed)
    if lead.rest:
        _add_paragraph(story, lead.rest, [lead.rest], item.piece)


def _add_credits(article: Article, credits: list[Credit], printed: str) -> None:
    for credit in credits:
        article.add_credit(Credit(credit.name, credit.role))
    if printed:
        article.credit_lines.append(printed)


def _ends_the_story(story: Story, following: Item | None) -> bool:
    """A credit line printed after a story's text, where the story ends (the page's end, a headline or a
    dateline follow): the story's closing credit ("■記者某某"), not the byline of a story under the last
    subhead, which would stand over that story's text."""
    if not story.parts or story.parts[-1].kind != PARAGRAPH:
        return False
    return following is None or following.kind != TEXT or following.lead is not None


def _split_at_last_subhead(story: Story, stories: list[Story]) -> Story:
    """A second dateline or byline inside a story: the last plain subhead was the next story's headline."""
    for k in range(len(story.parts) - 1, story.searched - 1, -1):
        part = story.parts[k]
        if part.kind == SUBHEAD and part.plain and not (part.piece and part.piece.correction):
            new = _split_story(story, k, 0.55, "正文中再现电头或署名,上一小标题判为新稿标题")
            stories.append(new)
            return new
    story.searched = len(story.parts)
    return story


# Below this share of words in common with the story above, the text under a lone plain subhead is
# another story's (cohesion.py). On the dev papers' pages composed without marks, the lines the rules
# before this one read as subheads of stories with at most two of them fall at 0.05 into 29 headlines
# and 3 subheads (0.03: 18 and 1; 0.07: 34 and 7; 0.10: 38 and 18); 0.03 to 0.06 score the same.
_UNRELATED = 0.05


def _split_off_unrelated(stories: list[Story], boundary: list[_Boundary]) -> None:
    """A plain line read as a subhead is the next story's headline when the text under it speaks of other
    things than the story above (cohesion.py) and the story has no run of subheads (a story subheaded
    throughout keeps its subheads, whatever they open on: a list of films, a round of places)."""
    k = 0
    while k < len(stories):
        story = stories[k]
        k += 1
        subheads = [j for j, part in enumerate(story.parts) if part.kind == SUBHEAD]
        if len(subheads) > 2:
            continue
        j = next((j for j in subheads if _unrelated_subhead(story, j)), None)
        if j is not None:
            stories.insert(k, _split_unrelated(story, j, boundary))


def _split_off_unrelated_end(story: Story, stories: list[Story], boundary: list[_Boundary]) -> Story:
    """A closing credit or 电头 is the last section's: when that section is another story's (its plain
    subhead over text of another subject), that story is opened first, so the credit goes to it."""
    subheads = [j for j, part in enumerate(story.parts) if part.kind == SUBHEAD]
    if not subheads or len(subheads) > 2 or not _unrelated_subhead(story, subheads[-1]):
        return story
    new = _split_unrelated(story, subheads[-1], boundary)
    stories.append(new)
    return new


def _split_unrelated(story: Story, j: int, boundary: list[_Boundary]) -> Story:
    new = _split_story(story, j, 0.5, "小标题下的文字与上文用词不相干,判为新稿标题")
    for pending in boundary:  # a caption printed below the new headline is between it and the next story
        if pending.before is story and pending.piece and new.heads and pending.piece.line > new.heads[0].line:
            pending.before = new
    return new


def _unrelated_subhead(story: Story, j: int) -> bool:
    parts = story.parts
    part = parts[j]
    if part.kind != SUBHEAD or not part.plain or part.piece is None or part.piece.correction:
        return False
    if j == 0 or j + 1 >= len(parts) or parts[j + 1].kind != PARAGRAPH:
        return False
    previous = parts[j - 1]
    if previous.kind == SUBHEAD and previous.piece is not None and previous.piece.correction:
        return False  # printed straight under a subhead an editor set (a headline group joined to its story)
    if "\n" in part.piece.text:
        # a subhead printed on two lines between paragraphs ("中国丝绸博物馆" / "清明假期可免费领蚕宝宝"):
        # a section's, whatever its text speaks of (on the dev pages, 5 such lines split off, none rightly)
        return False
    if not any(p.kind == PARAGRAPH for p in parts[:j]):
        return False
    if _SPEAKER_TAG.fullmatch(parts[j + 1].text.strip()):
        return False  # a voice's title over its speaker: what each voice tells is its own
    above = _story_end(story, j)
    below = part.text
    for p in parts[j + 1 :]:
        if p.kind == SUBHEAD or len(below) >= BELOW:
            break
        below += p.text
    return not goes_on(above, below, _UNRELATED)


_PACKAGE_LONG = 4  # so many sections in a row make a package even under a headline with no column tag


def _gather_packages(stories: list[Story], items: list[Item], boundary: list[_Boundary]) -> list[Story]:
    """A package (组稿): a headline, then sections that each have a reporter of their own. It is one story,
    and the sections' titles are its subheads. Either its sections are introduced alike, by whom or where
    a kicker hands on with a dash ("云南玉溪顾芸——" over "买上鲜花过大年，心情好"), and its headline carries
    its column's tag ("（新春走基层·特别报道）") or the sections run on long; or its headline carries the tag
    and no reporter of its own, and each section under it names its reporter. A story with a 电头 of its
    own, or a column tag of its own, is news in its own right, no section of another."""
    kept: list[Story] = []
    i = 0
    while i < len(stories):
        head = stories[i]
        sections = _sections_under(stories, i)
        kept.append(head)
        if sections:
            owners = {id(section): section for section in sections}
            for item in items:
                if id(item.piece.owner) in owners:
                    item.piece.owner = head
            for pending in boundary:
                pending.before = head if id(pending.before) in owners else pending.before
                pending.after = head if id(pending.after) in owners else pending.after
            for section in sections:
                _fold_in(head, section)
        i += 1 + len(sections)
    return kept


def _sections_under(stories: list[Story], i: int) -> list[Story]:
    """The stories under the i-th that are its package's sections (none when it heads no package)."""
    head = stories[i]
    if _fixed_start(head) or _is_section(head):
        return []
    tagged = bool(_COLUMN_TAG.search(head.article.title))
    introduced = _run(stories, i + 1, _is_section)
    if len(introduced) >= 2 and (tagged or len(introduced) >= _PACKAGE_LONG):
        return introduced
    signed = _run(stories, i + 1, _signed_section) if tagged and not head.has_lead else []
    return signed if len(signed) >= 2 else []


def _run(stories: list[Story], start: int, is_one) -> list[Story]:
    """The stories from the start-th for as long as each `is_one`."""
    end = start
    while end < len(stories) and is_one(stories[end]):
        end += 1
    return stories[start:end]


def _is_section(story: Story) -> bool:
    """A package's section introduced by a kicker that hands on with a dash."""
    article = story.article
    return bool(article.kicker) and article.kicker.rstrip().endswith(_DASH) and not article.subtitle \
        and _no_news_of_its_own(story)


def _signed_section(story: Story) -> bool:
    """A package's section under its own reporter's name."""
    return bool(story.article.credit_lines) and _no_news_of_its_own(story)


def _no_news_of_its_own(story: Story) -> bool:
    return not story.article.dateline and not _COLUMN_TAG.search(story.article.title) and not _fixed_start(story)


def _fixed_start(story: Story) -> bool:
    return any(head.correction for head in story.heads)


def _fold_in(story: Story, section: Story) -> None:
    """A package's section joins its story: the kicker that introduces it as a line of text, its title as a
    subhead, then its text, credits and pictures."""
    for head in section.heads:
        if head.label == Label.KICKER:
            story.parts.append(Part(PARAGRAPH, head.text, [head.text], piece=head, alone=True))
            _place(head, Label.BODY, story, 0.6, "组稿中一节标题上引出人物或地点的一行,判为正文")
        else:
            story.parts.append(Part(SUBHEAD, head.text, piece=head))
            _place(head, Label.SUBHEAD, story, 0.6, "组稿中一节的标题,判为小标题")
        head.starts_story = False
    story.parts += section.parts
    for credit in section.article.bylines:
        story.article.add_credit(credit)
    story.article.credit_lines += section.article.credit_lines
    story.article.dateline = story.article.dateline or section.article.dateline
    story.article.photos += section.article.photos
    story.photos_at += section.photos_at
    story.closed = section.closed


def _split_story(story: Story, j: int, sure: float, why: str) -> Story:
    """The story's parts from its j-th, a plain subhead, made the story that subhead heads."""
    part = story.parts[j]
    new = Story(article=Article(title=part.text), parts=story.parts[j + 1 :])
    del story.parts[j:]
    story.subheads_checked, story.subheaded = 0, False  # its subheads may have gone with the new story
    for moved in new.parts:
        if moved.piece:
            moved.piece.owner = new
    if part.piece:
        new.heads = [part.piece]
        part.piece.starts_story = True
        _place(part.piece, Label.TITLE, new, sure, why)
        _move_photos_below(story, new, part.piece.line)
    return new


def _move_photos_below(story: Story, new: Story, line: int) -> None:
    """The pictures printed under the new story's headline go with it, and their photographers' credits
    with them (a name the story above also credits for its text or another picture stays there too)."""
    moved = [entry for entry in story.photos_at if entry[0] > line]
    if not moved:
        return
    story.photos_at = [entry for entry in story.photos_at if entry[0] <= line]
    photos = {id(photo) for _, photo, _ in moved}
    story.article.photos = [p for p in story.article.photos if id(p) not in photos]
    kept = {c.name for _, _, credits in story.photos_at for c in credits}
    for entry in moved:
        _add_photo(new.article, entry[1], entry[2])
        new.photos_at.append(entry)
    names = {c.name for _, _, credits in moved for c in credits} - kept
    story.article.bylines = [
        c for c in story.article.bylines if not (c.name in names and c.role == Role.PHOTOGRAPHER)
    ]


def _place_caption(item: Item, following: Item | None, current: Story | None, boundary: list[_Boundary]) -> None:
    """A caption inside a story is the story's; one between stories is settled at the end of the page."""
    inside = current is not None and following is not None and following.kind == TEXT
    if inside and (not following.lead or not current.has_lead):
        _add_photo_inside(current, item)
    else:
        boundary.append(_Boundary(photo=item.photo, credits=item.credits, before=current, piece=item.piece))


def _add_photo_inside(story: Story, item: Item) -> None:
    _add_photo(story.article, item.photo, item.credits)
    story.photos_at.append((item.piece.line, item.photo, item.credits))


def _add_photo(article: Article, photo: Photo, credits: list[Credit]) -> None:
    article.photos.append(photo)
    for credit in credits:
        article.add_credit(Credit(credit.name, Role.PHOTOGRAPHER))


def _settle_boundary(boundary: list[_Boundary], page: ParsedPage) -> None:
    """A caption between stories belongs to the one that credits its photographer, else to the one
    it speaks of; a credited picture that matches neither is a news photo of its own (图片新闻)."""
    seen: dict[int, tuple[set[str], list[int]]] = {}
    words: dict[int, set[str]] = {}
    asked: dict[int, int] = {}

    def names_of(story: Story) -> set[str]:
        """A story's credited names, read once however many captions ask (bylines are only appended to,
        so only the new ones are read)."""
        names, read = seen.setdefault(id(story), (set(), [0]))
        names.update(c.name for c in story.article.bylines[read[0]:])
        read[0] = len(story.article.bylines)
        return names

    def shared(caption: set[str], story: Story) -> float:
        """The share of the caption's two-character words that the story uses (_overlap), asked only for
        a caption that its credits do not settle. A short caption's few words are looked for in the
        story's text itself for the first few captions that ask, which is quicker than reading every
        word of the story; past that the story's words are read, once (a caption's words looked up in
        a long text for each of many captions, or a long caption's, would cost the text's length again
        and again: quadratic)."""
        key = id(story)
        if key not in words:
            asked[key] = asked.get(key, 0) + 1
            if len(caption) <= _FEW_WORDS and asked[key] <= _FEW_ASKS:
                text = story.text()  # a word of the caption is two Han characters: in its words if printed in it
                return sum(word in text for word in caption) / len(caption) if caption else 0.0
            words[key] = han_pairs(story.text())
        return _overlap(caption, words[key])

    for pending in boundary:
        credits = pending.credits
        names = {c.name for c in credits}
        neighbours = [s for s in (pending.before, pending.after) if s is not None]
        home = next((s for s in neighbours if names & names_of(s)), None)
        sure, why = 0.9, "图片署名与稿件署名相同"
        if home is None and neighbours:
            caption = han_pairs(pending.photo.caption)
            best = max(neighbours, key=lambda s: shared(caption, s))
            overlap = shared(caption, best)
            if not names or overlap >= _RELATED_CAPTION:
                home = best
                sure = 0.75 if overlap >= _RELATED_CAPTION * 2 else 0.5 if overlap >= _RELATED_CAPTION else 0.4
                why = "两稿之间的图片说明,按用词判归" + ("上稿" if best is pending.before else "下稿")
            elif _shows_the_story_above(pending, shared):
                home, sure, why = pending.before, 0.5, "“图为…”说明紧接上稿正文,且与上稿用词相同,判归上稿"
        if home is not None:
            _add_photo(home.article, pending.photo, credits)
        else:
            page.photos.append(pending.photo)
            sure, why = 0.6, "两稿之间的图片说明,与两稿都不相干,判为图片新闻"
        if pending.piece is not None:
            pending.piece.doubt(sure, why)


_RELATED_CAPTION = 0.15  # seen: 0.2 for a related picture, 0.06 at most for an unrelated one
_FEW_WORDS, _FEW_ASKS = 64, 4  # a caption's words looked up in a story's text, and how often a story is read so


def _shows_the_story_above(pending: _Boundary, shared) -> bool:
    """"图为炼火者在进行表演。" under a photo story's text: a caption that says it shows a picture
    ("图为", "图①") shows the text it follows unless it shares more words with the story below (the
    story above is the nearer; a news photo of its own says what it shows, not "图为"). On the dev
    papers, two such captions sharing no word with either story were the story above's."""
    if pending.before is None or not has_photo_label(pending.photo.caption.strip()):
        return False
    caption = han_pairs(pending.photo.caption)
    above = shared(caption, pending.before)
    below = shared(caption, pending.after) if pending.after is not None else 0.0
    return above >= below


def _overlap(caption: set[str], text: set[str]) -> float:
    """Share of the caption's two-character words that the story's text also uses.

    Both are sets of pairs: looking each pair up in the text itself costs the text's length for each
    pair of a long caption (quadratic)."""
    return len(caption & text) / len(caption) if caption else 0.0


def finish(story: Story, page: ParsedPage) -> Article:
    """Take the closing credit, the notice's issuer and a trailing caption off the text; write the body."""
    article = story.article
    _take_notice_issuer(story)
    _take_trailing_caption(story)
    article.subheads = [p.text for p in story.parts if p.kind == SUBHEAD]
    article.body = _render_body(story.parts)
    return article


def _last_paragraph(story: Story) -> Part | None:
    for part in reversed(story.parts):
        return part if part.kind == PARAGRAPH else None
    return None


def _take_notice_issuer(story: Story) -> None:
    """A notice ends with its issuer and date: the issuer is the story's source; the block stays."""
    last = _last_paragraph(story)
    if last is None or len(last.lines) < 2 or not FULL_DATE.match(last.lines[-1].strip()):
        return
    issuer_lines = last.lines[:-1]
    if any(ch in SENTENCE_END for ch in "".join(issuer_lines)):
        return
    if not NOTICE_TITLE.search(story.article.title) and len(issuer_lines) > 3:
        return
    for issuer in _issuers(issuer_lines):
        story.article.add_credit(Credit(issuer, Role.SOURCE))
    last.text = "  \n".join(s.strip() for s in last.lines)


def _issuers(lines: list[str]) -> list[str]:
    """Issuer names, one a line, a long name broken over lines joined: "…肺炎" + "疫情防控指挥部"."""
    # pending is kept as pieces joined once, not as a string grown line by line (quadratic); its
    # last few characters are enough to see whether it ends in an organisation's suffix
    names, pending, tail = [], [], ""
    longest = max(len(s) for s in ORG_SUFFIXES)
    for line in lines:
        pending.append(line.strip())
        tail = (tail + pending[-1])[-longest:]
        if tail.endswith(ORG_SUFFIXES):  # an organisation's name (is_organisation) ends here
            names.append("".join(pending))
            pending, tail = [], ""
    if pending:
        rest = "".join(pending)
        if names:
            names[-1] += rest
        else:
            names.append(rest)
    return names


def _take_trailing_caption(story: Story) -> None:
    """A story credited 文/图 has a picture: a short last line after the text is its caption."""
    article = story.article
    if article.photos or not any(_PHOTO_CREDIT_MARK.search(line) for line in article.credit_lines):
        return
    last = _last_paragraph(story)
    if last is None or len(story.parts) < 2 or len(last.text) > 50:
        return
    if last.piece is not None and last.piece.label_fixed:
        return
    if sum(last.text.count(ch) for ch in SENTENCE_END) != 1 or not last.text.endswith(tuple(SENTENCE_END)):
        return
    if _STORY_TALK.search(last.text):  # "下一步,该市将…": the story's own closing words
        return
    story.parts.pop()
    photo = Photo(caption=last.text)
    article.photos.append(photo)
    if last.piece is not None:
        last.piece.judge(Label.CAPTION, 0.5, "署“文/图”的稿件末尾短句,判为图片说明")
        last.piece.owner = photo


def _render_body(parts: list[Part]) -> str:
    """Markdown: paragraphs re-joined across column breaks, subheads as headings."""
    out: list[list[str]] = []  # each paragraph as its pieces, joined once at the end
    open_paragraph = False
    for part in parts:
        if part.kind == SUBHEAD:
            out.append([f"## {part.text}"])
            open_paragraph = False
            continue
        text = part.text.strip()
        if not text:
            continue
        if open_paragraph and out:
            out[-1].append(text)
        else:
            out.append([text])
        open_paragraph = not (part.alone or ends_sentence(text)) and "\n" not in text
    return "\n\n".join("".join(pieces) for pieces in out)
