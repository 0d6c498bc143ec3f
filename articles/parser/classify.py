"""Say what each block of a page is: headline, story text, caption, credit line, staff box …"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .blocks import COLUMN, Block
from .credits import (
    Lead,
    is_bare_credit,
    read_closing_credit,
    read_closing_dateline,
    read_credit_line,
    read_credits,
    read_lead,
    read_photo_credit,
    read_signature,
    read_source_credits,
    read_staff_line,
    strip_photo_end,
    tokens,
)
from .decisions import Correction, Label, Piece
from .keys import piece_keys
from .model import Credit, ParsedPage, Photo, Role, StaffCredit
from .vocabulary import (
    BOX_LABELS,
    BULLETS,
    CJK,
    CLOSERS,
    CONTINUATION_START,
    DANGLING_END,
    EMAIL,
    END_MARK,
    FULL_DATE,
    FURNITURE,
    PAGE_LABEL,
    QUOTED_SAYING,
    RELATED,
    RELATED_START,
    RUN_ON_END,
    SENTENCE_END,
    SIGNATURE,
    SOURCE_LINE,
    SPEECH,
    STAFF_ROLE,
    SURNAMES,
    COMPOUND_SURNAMES,
    has_photo_label,
    is_closing_note,
    is_speaker_line,
    is_running_head,
)

HEADING = "heading"  # a markdown heading line, a **bold** line or a short plain line
TEXT = "text"
CAPTION = "caption"
CREDITS = "credits"  # a line of bylines only
CLOSING = "closing"  # "(区红十字会)": a credit closing a story
RELATED_LABEL = "related"  # "□ 相关新闻"
END = "end"  # "(完)": the story ends here
MERGED = "merged"  # text taken into the caption below it

_BOLD_LINE = re.compile(r"^\*\*(?P<text>[^*]+)\*\*$")
_STRAY_LATIN = re.compile(rf"[{CJK}]\s+(?:and|&)\s+[{CJK}]")  # conversion debris in running text


@dataclass
class Item:
    kind: str
    text: str
    lines: list[str]
    gap: int = 0
    level: int = 0  # markdown heading level; 0 for a plain or bold line
    bold: bool = False
    two_lines: bool = False  # a subhead printed on two short lines between paragraphs
    lead: Lead | None = None
    credits: list[Credit] = field(default_factory=list)
    photo: Photo | None = None
    printed: str = ""  # a credit as printed
    piece: Piece | None = None  # the piece of the page the item was read from
    staff: list[StaffCredit] = field(default_factory=list)  # STAFF: the people a staff-box line names
    forced: str | None = None  # the label an editor gave the piece
    dateline: str | None = None  # CLOSING: a 电头 printed in the closing bracket
    not_subhead: str | None = None  # HEADING: why the line, if not a headline, is text and not a subhead
    box_label: bool = False  # HEADING: the label of a box (核心阅读): never part of a headline group
    in_run: bool = False  # set apart inside an indented run, after one of its paragraphs (blocks.Block.in_run)
    column: bool = False  # a paragraph joined up from a column's printed lines (blocks.COLUMN)
    wrapped_subhead: str = ""  # a subhead a column printed over several of its lines, as read (blocks.Block)

    def ends_open(self) -> bool:
        """The text stops mid-sentence: it runs on into the next block (a column break)."""
        if self.kind != TEXT:
            return False
        if self.lead is not None:  # a dateline alone ("新华社北京4月28日电") ends no sentence, yet is whole
            return bool(self.lead.rest) and not ends_sentence(self.lead.rest)
        return not ends_sentence(self.text)


# Items of a page that are not part of any story: taken off the page before stories are read
STAFF, FURNITURE_LINE, MARKUP = "staff", "furniture", "markup"


def ends_sentence(text: str) -> bool:
    text = text.rstrip()
    if not text:
        return True
    if text[-1] in SENTENCE_END:
        return True
    if text[-1] in CLOSERS:
        return True
    return False


def classify(blocks: list[Block], page: ParsedPage, emails: list[str], corrections=()) -> tuple[list[Item], list[Piece]]:
    """The page's story items in page order, and every piece of the page (each item's, and each line
    taken off the page as staff box, furniture or markup). Corrections are applied by piece key."""
    items = _read_items(blocks, page)
    pieces = [item.piece for item in items]
    for piece, key in zip(pieces, piece_keys(piece.text for piece in pieces)):
        piece.key = key
    _attach_corrections(pieces, corrections)
    story_items = []
    for item in items:
        if item.piece.label_fixed:
            item = _apply_label(item, item.piece.label_fixed)
        if item.kind in (STAFF, FURNITURE_LINE, MARKUP):
            _take_off_page(item, page, emails)
        else:
            story_items.append(item)
    _settle_plain_text(story_items)
    for item in story_items:
        if item.kind == HEADING and not item.forced:
            if item.two_lines:
                item.not_subhead = _two_line_subhead_veto(item)
            elif item.wrapped_subhead:
                item.not_subhead = _wrapped_subhead_veto(item.text)
            else:
                item.not_subhead = subhead_veto(item.text)
            item.box_label = is_box_label(item.text)
    return story_items, pieces


def _read_items(blocks: list[Block], page: ParsedPage) -> list[Item]:
    """One item per piece of the page, in page order, as the rules read it."""
    items: list[Item] = []
    in_staff_box = False
    has_text = False
    for block in _split_stacked_headlines(_join_broken_credits(blocks)):
        if not block.lines:  # a bare "#"
            item = Item(kind=MARKUP, text=block.printed, lines=[], printed=block.dropped)
            item.piece = Piece(block.numbers[0], block.printed)
            items.append(item)
            in_staff_box = False
            continue
        if block.dropped:
            page.dropped.append(block.dropped)
        taken, kept, numbers = _take_staff_box(block, at_top=not has_text or in_staff_box)
        in_staff_box = not kept
        if kept:
            printed = block.printed or "\n".join(kept)
            kept = _unbold_credit(kept, page)
            item = _classify_block(block, kept)
            item.piece = Piece(numbers[0], printed)
            has_text = True
            if not taken:
                items.append(item)
                continue
            taken.append(item)
            taken.sort(key=lambda it: it.piece.line)
        items += taken
    return items


def _unbold_credit(lines: list[str], page: ParsedPage) -> list[str]:
    """A credit or caption set in bold ("**本报记者 张三**") is read for what it says, its marks dropped."""
    bold = _BOLD_LINE.match(lines[0]) if len(lines) == 1 and lines[0].startswith("**") else None
    if bold is None or not _read_credit_or_caption(Item(kind=TEXT, text="", lines=[]), bold.group("text"),
                                                   [bold.group("text")], marked=True):
        return lines
    page.dropped.append("****")
    return [bold.group("text").strip()]


def _join_broken_credits(blocks: list[Block]) -> list[Block]:
    """A bracketed credit broken across a column ("（记者某某" / "某某 某某）"): one block, the names
    kept apart by a space."""
    out: list[Block] = []
    k = 0
    while k < len(blocks):
        block = blocks[k]
        nxt = blocks[k + 1] if k + 1 < len(blocks) else None
        if nxt is not None and _opens_a_credit(block) and _closes_a_credit(nxt):
            first, second = block.lines[0].strip(), nxt.lines[0].strip()
            if read_closing_credit(first + " " + second):
                printed = block.lines[0] + "\n" * (nxt.numbers[0] - block.numbers[-1]) + nxt.lines[0]
                out.append(Block(lines=[first + " " + second], gap=block.gap,
                                 numbers=block.numbers[:1], printed=printed))
                k += 2
                continue
        out.append(block)
        k += 1
    return out


def _opens_a_credit(block: Block) -> bool:
    if len(block.lines) != 1 or block.heading_level:
        return False
    line = block.lines[0].strip()
    return line[:1] in _OPENING and len(line) <= _BROKEN_CREDIT_MAX and "）" not in line and ")" not in line


def _closes_a_credit(block: Block) -> bool:
    if len(block.lines) != 1 or block.heading_level:
        return False
    line = block.lines[0].strip()
    return line[-1:] in _CLOSING and len(line) <= _BROKEN_CREDIT_MAX and "（" not in line and "(" not in line


_OPENING, _CLOSING = ("（", "("), ("）", ")")


_BROKEN_CREDIT_MAX = 24


def _split_stacked_headlines(blocks: list[Block]) -> list[Block]:
    """A title with its subtitle on the very next line ("小山村走出特色产业路" / "——某村…"), or a
    headline group printed line under line straight over a story's dateline ("城市更新" / "老旧小区改造
    惠及万户居民" / "本报讯…"): one block a line."""
    out = []
    blocks = _mark_headline_runs(blocks)
    for k, block in enumerate(blocks):
        lines = block.lines
        stacked = 1 < len(lines) <= 3 and any(line.startswith(("——", "—")) for line in lines[1:])
        before = blocks[k - 1] if k else None
        over_a_lead = _headline_lines_over_a_lead(block, before, blocks[k + 1] if k + 1 < len(blocks) else None)
        if stacked or over_a_lead:
            out += [
                Block(lines=[line], gap=block.gap if i == 0 else 0, numbers=[number], stacked=over_a_lead)
                for i, (line, number) in enumerate(zip(lines, block.numbers))
            ]
        elif len(lines) > 1 and _credit_line(lines[0]) and not _credit_line(lines[1]) \
                and not (block.laid_out == COLUMN and _credit_line(lines[0] + lines[1])):
            # "■ 本报记者 张三" printed straight over the story's text: a line of its own (in a column, a
            # name cut at the column's width goes on on the next line: "…郎兵" / "兵")
            out += [Block(lines=lines[:1], gap=block.gap, numbers=block.numbers[:1]),
                    Block(lines=lines[1:], gap=0, numbers=block.numbers[1:])]
        elif _ends_in_caption_line(lines):
            out += [Block(lines=lines[:-1], gap=block.gap, numbers=block.numbers[:-1]),
                    Block(lines=lines[-1:], gap=0, numbers=block.numbers[-1:])]
        else:
            out.append(block)
    return out


def _credit_line(line: str) -> bool:
    """A short line that is only credits ("■ 本报记者 张三"); a sentence is not read for them."""
    return len(line) <= 40 and "。" not in line and read_credit_line(line) is not None


def _mark_headline_runs(blocks: list[Block]) -> list[Block]:
    """Headline lines that the e-paper export printed line under line over an indented paragraph come
    apart as one block a line: two or three such lines with no blank line between them or under them
    are marked as one stacked headline group when they read as one (see _headline_lines_over_a_lead)."""
    k = 0
    while k < len(blocks):
        if k + 1 == len(blocks) or not _adjacent(blocks[k], blocks[k + 1]):
            k += 1  # most blocks stand apart: no need to read them
            continue
        end = k
        while end < len(blocks) and end - k < 3 and (end == k or _adjacent(blocks[end - 1], blocks[end])) and \
                _headline_line(blocks[end]):
            end += 1
        if end - k >= 2 and end < len(blocks) and _adjacent(blocks[end - 1], blocks[end]):
            run = blocks[k:end]
            group = Block(lines=[b.lines[0] for b in run], gap=run[0].gap, numbers=[b.numbers[0] for b in run])
            if _headline_lines_over_a_lead(group, blocks[k - 1] if k else None, blocks[end]):
                for b in run:
                    b.stacked = True
                k = end
                continue
        k += 1
    return blocks


def _headline_line(block: Block) -> bool:
    if len(block.lines) != 1 or block.heading_level:
        return False
    return _stacked_line(block.lines[0])


def _stacked_line(line: str) -> bool:
    """A line of a headline group printed line under line: short (a column's tag after it aside) and
    not a sentence."""
    line = _TAGGED_HEADLINE.sub("", line)  # a kicker may close on a dash or colon: "山西、浙江、河南——"
    return len(line) <= _STACKED_LINE_MAX and _headline_like(line.rstrip(_EXCLAIM_OR_ASK).rstrip(_FRAMING_END))


def _adjacent(block: Block, after: Block) -> bool:
    return bool(block.numbers and after.numbers) and after.numbers[0] == block.numbers[-1] + 1


def _headline_lines_over_a_lead(block: Block, before: Block | None, after: Block | None) -> bool:
    """Two or three short lines that read as headlines, none ending a sentence, straight over a
    paragraph that opens with a 电头: a kicker, title and subtitle printed line under line. Not where
    the text above stops mid-sentence: a story's own parts may stand in its column break."""
    lines = block.lines
    if not 1 < len(lines) <= 3 or block.heading_level or after is None or not after.lines or after.heading_level:
        return False
    if before is not None and before.lines and _stops_mid_sentence(before.lines[-1]):
        return False
    # a kicker or title may exclaim or ask ("“疫”呼即应!" over "市12345热线当好…")
    if not all(_stacked_line(line) for line in lines):
        return False
    lead = read_lead(after.lines[0])
    if lead is not None and bool(lead.rest):
        return True
    # or over a paragraph, the last line carrying the column's tag ("…形成长效机制（扫黑除恶进行时）")
    return _TAGGED_HEADLINE.search(lines[-1]) is not None and len(after.text) > _STACKED_LINE_MAX


# a column's tag after a headline, with its number in brackets at most: "（解码·创作之源）", "（看经济（11））"
_TAGGED_HEADLINE = re.compile(r"(?<=[^\s(（])[（(](?:[^（）()\d]|[（(][^（）()]{1,10}[）)]){2,60}[）)]$")
_NOT_A_TAG = re.compile(r"[，,。：:；;]|图|摄|记者|通讯员|提供|来源")  # a clause, a picture's or a credit's note


def _carries_a_column_tag(text: str) -> bool:
    """"他们，在同一文学时空相逢（解码·创作之源）": a line closed by a column's name in brackets, after words
    that end no sentence."""
    tag = _TAGGED_HEADLINE.search(text)
    return bool(tag) and not _NOT_A_TAG.search(tag.group()) and text[: tag.start()][-1:] not in SENTENCE_END


def _stops_mid_sentence(line: str) -> bool:
    """A line of text cut at the column's end ("…北京局增开旅客列车75列，同"); not a short line such as a
    photo's source or a credit, which ends no sentence either."""
    return not ends_sentence(line) and len(line) > _STACKED_LINE_MAX


_STACKED_LINE_MAX = 30  # a headline line; a longer line is a paragraph's, broken at the column's width
_CAPTION_MAX = 120  # a caption is a sentence or two; text longer than this above a credit is a paragraph


def _ends_in_caption_line(lines: list[str]) -> bool:
    """A paragraph with a captioned photo credit printed on the line under it and no blank line
    between ("…四十余处。" / "游客在步道上散步 张三 摄"): the paragraph above is no part of the caption.
    Only when the lines above finish a sentence and are longer than a caption (or open with a 电头),
    so that a caption printed over two lines stays whole."""
    if len(lines) < 2:
        return False
    above = "".join(lines[:-1]).rstrip()
    if not above or above[-1] not in SENTENCE_END + CLOSERS:
        return False
    if len(above) <= _CAPTION_MAX and read_lead(above) is None:
        return False
    photo = read_photo_credit(lines[-1])
    return photo is not None and bool(photo[0])


def _take_staff_box(block: Block, at_top: bool) -> tuple[list[Item], list[str], list[int]]:
    """Take the staff box and the page furniture beside it (hotline, e-mail) off a block's lines:
    one item for each line taken, and the lines kept with their numbers.

    A hotline inside a story (a notice's 服务热线) is the story's text, not furniture.
    """
    lines = block.lines
    staff = list(map(read_staff_line, lines))
    any_staff = any(staff)
    if not any_staff and not at_top and not any(map(_page_head_line, lines)):
        return [], lines, block.numbers  # a block of the stories, as most are: nothing to take off
    taken, kept, numbers = [], [], []
    for line, number, found in zip(lines, block.numbers, staff):
        if found:
            item = Item(kind=STAFF, text=line, lines=[line], staff=found)
        elif PAGE_LABEL.match(line) or is_running_head(line, at_top):
            found = _staff_in_running_head(line)
            item = Item(kind=STAFF, text=line, lines=[line], staff=found) if found else \
                Item(kind=FURNITURE_LINE, text=line, lines=[line])
        elif (any_staff or at_top) and (FURNITURE.match(line.lstrip(BULLETS + " ")) or EMAIL.search(line)):
            item = Item(kind=FURNITURE_LINE, text=line, lines=[line])
        else:
            kept.append(line)
            numbers.append(number)
            continue
        item.piece = Piece(number, block.printed or line)
        taken.append(item)
    return taken, kept, numbers


def _page_head_line(line: str) -> bool:
    """A page label or a line of the running head, among the stories' lines."""
    # (a page label is looked for only in a line that prints its 版, as is_running_head looks for each shape)
    return ("版" in line and PAGE_LABEL.match(line) is not None) or is_running_head(line, False)


def _staff_in_running_head(line: str) -> list | None:
    """The staff a running head prints after its date and section ("A03 要闻 … 责编：某某 美编：某某")."""
    for match in _STAFF_AFTER_HEAD.finditer(line):
        staff = read_staff_line(line[match.start():])
        if staff:
            return staff
    return None


_STAFF_AFTER_HEAD = re.compile(r"(?<=\s)" + STAFF_ROLE.pattern + r"\s*[:：/]")


def _take_off_page(item: Item, page: ParsedPage, emails: list[str]) -> None:
    """A staff-box line, a furniture line or bare markup: kept on the page, outside every story."""
    piece = item.piece
    if item.kind == STAFF:
        page.masthead += item.staff
        page.dropped.append(item.text)
        piece.judge(Label.STAFF, 0.97, "职务加姓名,判为版面人员")
    elif item.kind == FURNITURE_LINE:
        emails += EMAIL.findall(item.text)
        page.furniture.append(item.text)
        page.dropped.append(item.text)
        if PAGE_LABEL.match(item.text) or is_running_head(item.text, at_top=True):
            piece.judge(Label.FURNITURE, 0.95, "报名、日期、版次行,判为版面标签")
        else:
            piece.judge(Label.FURNITURE, 0.9, "热线、邮箱行,判为版面杂项")
    else:
        page.dropped.append(item.printed)
        piece.judge(Label.NOISE, 0.99, "空标记")


def _attach_corrections(pieces: list[Piece], corrections) -> None:
    """Each correction to the piece its key names; a key no longer on the page is ignored. Two
    corrections of one piece (a label and a story) are both kept."""
    if not corrections:
        return
    by_key = {}
    for correction in corrections:
        known = by_key.get(correction.key)
        if known is not None:
            correction = Correction(
                correction.key, correction.label or known.label, correction.story or known.story
            )
        by_key[correction.key] = correction
    for piece in pieces:
        piece.correction = by_key.get(piece.key)


def _apply_label(item: Item, label: str) -> Item:
    """The item read again as the editor labelled its piece."""
    piece, text = item.piece, item.piece.text
    lines = text.split("\n")
    if item.kind in (STAFF, FURNITURE_LINE, MARKUP):
        item = Item(kind=TEXT, text="".join(lines), lines=lines, piece=piece)
    item.forced = label
    item.lead, item.photo, item.credits, item.printed = None, None, [], ""
    if not item.level:  # a **bold** line is read again from its printed text
        item.text, item.bold = "".join(item.lines), False
    if label in Label.HEADLINE or label == Label.SUBHEAD:
        item.kind = HEADING
        bold = _BOLD_LINE.match(item.text)
        if bold and not item.level and len(item.lines) == 1:
            item.text, item.bold = bold.group("text").strip(), True
    elif label == Label.BODY:
        item.kind = TEXT
    elif label == Label.DATELINE:
        plain = item.text.strip()
        item.kind, item.lead = TEXT, Lead(dateline=plain, credits=[], consumed=plain, rest="")
    elif label == Label.BYLINE:
        item.kind, item.credits, item.printed = CREDITS, read_byline(item.text), item.text
    elif label == Label.CAPTION:
        item.kind = CAPTION
        photo = read_photo_credit(" ".join(lines))
        if photo:
            caption, names, printed = photo
            item.photo = Photo(caption=caption, credit=names[0] if names else None, credit_line=printed)
            item.credits = [Credit(name, Role.PHOTOGRAPHER) for name in names]
        else:
            item.photo = Photo(caption=item.text)
    elif label == Label.PHOTO_CREDIT:
        names = read_photo_names(item.text)
        item.kind = CAPTION
        item.photo = Photo(caption="", credit=names[0] if names else None, credit_line=item.text.strip())
        item.credits = [Credit(name, Role.PHOTOGRAPHER) for name in names]
    elif label == Label.STAFF:
        item.kind = STAFF
        item.staff = [s for line in lines for s in (read_staff_line(line) or read_any_staff_line(line))]
    elif label == Label.FURNITURE:
        item.kind = FURNITURE_LINE
    else:  # NOISE
        item.kind, item.printed = MARKUP, text
    return item


def _no_space(text: str) -> str:
    return re.sub(r"\s", "", text)


_TITLES = {"作者", "撰文", "评论员", "来源", "编者", "口述"}  # printed before a name, not names


def read_byline(text: str) -> list[Credit]:
    """The credits of a line an editor marked as a byline, read as the byline rules read them: names
    after a title the rules do not know ("本报评论员 张 三") are reporters; a line they cannot read at
    all is one reporter's name."""
    plain = text.strip().lstrip(BULLETS + " ").strip()
    for reader in (read_credit_line, lambda t: read_credits(plain, role=Role.REPORTER)):
        run = reader(text)
        if run and run.credits and not run.rest.strip():
            named = [c for c in run.credits if not (STAFF_ROLE.fullmatch(c.name) or c.name in _TITLES)]
            if named:
                return named
    closing = read_closing_credit(text)
    if closing and not closing[1]:
        return closing[0]
    lead = read_lead(text)
    if lead and lead.credits:
        return lead.credits
    words = [token for token, _ in tokens(re.sub(r"[:：/／、,，()（）]", " ", plain))]
    for k in range(1, len(words)):
        run = read_credits(" ".join(words[k:]), role=Role.REPORTER)
        if run.credits and not run.rest.strip():
            return run.credits
    name = _no_space(plain)
    return [Credit(name, Role.REPORTER)] if name else []


def read_any_staff_line(line: str) -> list[StaffCredit]:
    """A line an editor marked as the staff box that the staff reader cannot read: "文字编辑:王小明
    摄影编辑:李大同" gives each role printed before a colon the names after it; without a colon the
    whole line is one name with no role."""
    staff: list[StaffCredit] = []
    role = None
    for word in line.replace("：", ":").replace(":", ": ").split():
        if word.endswith(":"):
            role = word[:-1]
        elif role is not None:
            staff.append(StaffCredit(word, role))
    return staff or [StaffCredit(_no_space(line), "")]


def read_photo_names(text: str) -> list[str]:
    """The photographers a photo-credit line names, without its "摄": "本报记者 张三 摄" → [张三]."""
    stripped = text.strip().strip("(（)）").strip()
    head = strip_photo_end(stripped)
    if head is None:
        head = stripped
    run = read_credits(head, role=Role.PHOTOGRAPHER)
    if run.credits and not run.rest.strip():
        return [c.name for c in run.credits]
    name = _no_space(head)
    return [name] if name else []


def _classify_block(block: Block, lines: list[str]) -> Item:
    text = "".join(lines)
    item = Item(TEXT, text, lines, block.gap, block.heading_level,  # kind, text, lines, gap, level
                in_run=block.in_run, column=block.laid_out == COLUMN, wrapped_subhead=block.wrapped_subhead)
    plain = text.strip().lstrip(BULLETS).strip()
    if "完" in plain and END_MARK.match(plain):
        item.kind, item.printed = END, text
        return item
    if plain[:1] in RELATED_START and RELATED.match(plain):
        item.kind, item.text, item.printed = RELATED_LABEL, plain.rstrip(":："), text
        return item
    if block.stacked and _stacked_line(text):
        item.kind = HEADING  # one line of a headline group printed line under line over its story
        return item
    if block.heading_level:
        # a credit, a photo's credit or a caption marked as a heading by the conversion (the paper set it
        # in bold) is read for what it says; anything else marked so is a headline or subhead
        if not _read_credit_or_caption(item, text, lines, marked=True):
            item.kind = HEADING
        return item
    bold = _BOLD_LINE.match(text) if text.startswith("**") else None  # (the pattern's opening marks, looked for first)
    if bold and len(lines) == 1:
        item.kind, item.text, item.bold, item.printed = HEADING, bold.group("text").strip(), True, "****"
        return item
    if not _read_credit_or_caption(item, text, lines):
        item.lead = read_lead(text)
    return item


def _read_credit_or_caption(item: Item, text: str, lines: list[str], marked: bool = False) -> bool:
    """Read the block as a photo credit or caption, a closing credit, a source line or a credit line;
    False when it is none of them. A block `marked` as a heading is a caption only when it opens with a
    photo label and ends a sentence ("图为…。")."""
    if marked and has_photo_label(text.strip()) and ends_sentence(text) and len(text) <= _CAPTION_MAX:
        item.kind, item.printed = CAPTION, ""
        item.photo = Photo(caption=text.strip())
        return True
    if text.rstrip()[-1:] == "。":
        # as most paragraphs end: a photo credit or source, a closing bracket, a source line and a line of
        # credits all end on a name, a mark or a bracket, so none of the readers below can read one
        return False
    photo = read_photo_credit(" ".join(lines))
    if photo:
        caption, names, printed = photo
        item.kind, item.printed = CAPTION, printed
        item.photo = Photo(caption=caption, credit=names[0] if names else None, credit_line=printed)
        item.credits = [Credit(name, "photographer") for name in names]
        return True
    dateline = read_closing_dateline(text)
    if dateline:
        item.kind, item.printed = CLOSING, text.strip()
        item.dateline, item.credits = dateline
        return True
    closing = read_closing_credit(text)
    if closing and not closing[1]:
        item.kind, item.credits, item.printed = CLOSING, closing[0], closing[2]
        return True
    sources = read_source_credits(text)
    if sources:  # "据新华社" alone: the story came from there, and its text ends here
        item.kind, item.credits, item.printed = CLOSING, [Credit(source, Role.SOURCE) for source in sources], text
        return True
    credit_line = read_credit_line(text)
    if credit_line:
        item.kind, item.credits, item.printed = CREDITS, credit_line.credits, credit_line.consumed
        return True
    if len(lines) == 1 and is_bare_credit(text):
        item.kind, item.printed = CREDITS, text.strip()
        return True
    return False


def _settle_plain_text(items: list[Item]) -> None:
    """Decide, with the neighbours in view, which text blocks are captions and which are headlines;
    say how sure each first reading is."""
    last_not_caption: Item | None = None  # kept as the loop goes: searching back each time is quadratic
    for i, item in enumerate(items):
        before = last_not_caption
        if item.kind != CAPTION:
            last_not_caption = item
        if item.kind != TEXT or item.lead or item.forced:
            _first_judgement(item)
            continue
        after = items[i + 1] if i + 1 < len(items) else None
        follows_caption = i > 0 and items[i - 1].kind == CAPTION
        labelled = has_photo_label(item.text)  # "图⑥：…" after "图⑤：…": one caption each
        if (labelled or not follows_caption) and _is_caption(item, before):
            item.kind = CAPTION
            item.photo = Photo(caption=item.text)
            last_not_caption = before
            if labelled:
                item.piece.judge(Label.CAPTION, 0.6, "以“图为”等开头,判为图片说明")
            else:
                item.piece.judge(Label.CAPTION, 0.4, "前有空行的短句,判为图片说明")
        elif _is_signature(item, before, after, items[i + 2] if i + 2 < len(items) else None):
            item.kind, item.printed = CLOSING, item.text
            item.credits = read_signature(item.text)[0]
            item.piece.judge(Label.BYLINE, 0.7, "稿末单独一行的署名(人名或发文单位)")
        elif _is_author_line(item, items[i - 1] if i else None, after):
            item.kind, item.printed = CREDITS, item.text
            item.credits = [Credit(re.sub(r"\s", "", item.text), "reporter")]
            item.piece.judge(Label.BYLINE, 0.6, "标题下的单独姓名,判为作者")
        elif item.wrapped_subhead:
            # its lines are a column's, so read as a paragraph's they would look like text
            item.kind, item.text = HEADING, item.wrapped_subhead
            item.piece.judge(Label.SUBHEAD, 0.5, "分栏中两段之间折成几行的短句,判为小标题")
        elif looks_like_headline(item, after, items[i - 1] if i else None, items[i + 2] if i + 2 < len(items) else None):
            item.kind = HEADING
            _first_judgement(item, after)
        elif _is_two_line_subhead(item, before, after):
            item.kind, item.text, item.two_lines = HEADING, " ".join(line.strip() for line in item.lines), True
            item.piece.judge(Label.SUBHEAD, 0.5, "段落之间两行短句,判为两行的小标题")
        else:
            _judge_body(item, follows_caption)
    _attach_credit_only_captions(items)


_PAUSES = re.compile(r"[,，、]")


def _two_line_subhead_veto(item: Item) -> str | None:
    """`subhead_veto` for a subhead on two lines, line by line: its first line may tell whom the section is
    of ("退休人员：" over its point), which on one line would be a labelled line."""
    first, second = (line.strip() for line in item.lines)
    return subhead_veto(second) or (None if _WHOM_IT_IS_OF.fullmatch(first) else subhead_veto(first))


def _wrapped_subhead_veto(text: str) -> str | None:
    """`subhead_veto` for a subhead a column wrapped: as on two lines, its first printed line may tell
    whom the section is of ("退休人员：" over its point)."""
    first, _, rest = text.partition(" ")
    return subhead_veto(rest) if rest and _WHOM_IT_IS_OF.fullmatch(first) else subhead_veto(text)


def _is_two_line_subhead(item: Item, before: Item | None, after: Item | None) -> bool:
    """A subhead printed on two short lines between finished paragraphs ("外贸开门红" / "外资开年稳"), with
    no 电头 or credit under it (that would make it the next story's headline group)."""
    if len(item.lines) != 2:
        return False
    lines = [line.strip() for line in item.lines]
    if not all(2 <= len(line) <= _STACKED_LINE_MAX for line in lines):
        return False
    # "退休人员：" over "假设退休金5000元，则缴7.5元": whom the section is of, then its point
    if not ((_headline_like(lines[0]) or _WHOM_IT_IS_OF.fullmatch(lines[0])) and _headline_like(lines[1])):
        return False
    if any(len(_PAUSES.findall(line)) > 1 or "  " in line or "\u3000" in line for line in lines):
        return False  # a clause-by-clause sentence, or a writer's post and padded name: not a subhead
    if before is None or before.kind != TEXT or before.ends_open():
        return False
    if after is None or after.kind != TEXT or after.lead or len(after.text) <= _STACKED_LINE_MAX:
        return False
    return after.text.lstrip()[:1] not in CONTINUATION_START


_WHOM_IT_IS_OF = re.compile(rf"[{CJK}、]{{2,12}}[:：]")
_SUBHEAD_MAX = 30  # a subhead is a short line: a longer one printed alone is text or a headline
_LABELLED = re.compile(r"^[^:：]{1,12}[:：]\s*\S")  # "作用：提升效率", "剧照摄影：某某": a label and its value
_CREDIT_WORDS = re.compile(r"记者|通讯员|编辑|摄$|摄[（(]|摄影[:：]|供图|电$")


def is_box_label(text: str) -> bool:
    """"核心阅读", "【编者按】": the label of a boxed part of a story."""
    return text.strip().strip(BULLETS + " 【】[]").rstrip(":：") in BOX_LABELS


def subhead_veto(text: str) -> str | None:
    """Why a short line printed alone in a story is not a subhead though it stands like one: the
    label of a box, a source line, a signature, a credit, a labelled line, a line opened by a dash or
    a bracket (a subtitle, an aside) or closed by one (a column tag after a headline). None when it
    may be a subhead."""
    plain = text.strip()
    bare = plain.strip(BULLETS + " 【】[]")
    if is_box_label(plain):
        return "栏框标签(如“核心阅读”),不是小标题"
    if SOURCE_LINE.match(bare):
        return "来源行,不是小标题"
    if SIGNATURE.match(plain):
        return "署名行,不是小标题"
    if _CREDIT_WORDS.search(plain):
        return "署名或图片署名,不是小标题"
    if len(plain) > _SUBHEAD_MAX:
        return "超过三十字,不是小标题"
    if plain[:1] in "—–-（(〔【[" and not _BRACKETED_ORDINAL.match(plain):
        return "以破折号或括号开头,不是小标题"
    if plain.endswith("——"):  # "英国首相——", "云南玉溪顾芸——": who speaks or whom the text is of
        return "以破折号引出下文,不是小标题"
    if plain[-1:] in ":：)）】]":
        return "以冒号或括号结尾,不是小标题"
    if _LABELLED.match(plain):
        return "“某某：……”式的标注行,不是小标题"
    if _SCAN_PROMPT.match(bare):
        return "“扫码看视频”式的提示行,不是小标题"
    if FULL_DATE.match(bare):
        return "日期行,不是小标题"
    return None


_BRACKETED_ORDINAL = re.compile(r"^[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]\s*\S")  # "（一）加强组织领导"
# "识别二维码…" prompts; "识别更精准" (a subhead on identifying the poor) does not
_SCAN_PROMPT = re.compile(r"^(?:扫码|扫描|扫一扫|长按|识别(?:图中|下方|上方|左侧|右侧)?二维码)")


def _headline_like(line: str) -> bool:
    """A short line that does not read as a sentence: what a headline printed over its text looks like."""
    line = line.strip()
    bare = line.rstrip(CLOSERS)  # a title may end in a quotation: 警惕人工智能“过度谄媚”
    return (
        2 <= len(line) <= 40
        and bare != ""
        and bare[-1] not in SENTENCE_END + RUN_ON_END
        and not any(mark in line for mark in "。;；")
    )


def _first_judgement(item: Item, after: Item | None = None) -> None:
    """What the rules made of an item read alone (headlines are settled again among the stories)."""
    piece, kind = item.piece, item.kind
    if kind == END:
        piece.judge(Label.NOISE, 0.98, "(完)标记")
    elif kind == RELATED_LABEL:
        piece.judge(Label.KICKER, 0.85, "相关新闻标签")
    elif kind == HEADING and (item.level or item.bold):
        piece.judge(Label.TITLE, 0.9, "标记为标题的行" if item.level else "加粗的短行")
    elif kind == HEADING:
        text = item.text.strip()
        sure = 0.55 if 4 <= len(text) <= 40 else 0.45
        piece.judge(Label.TITLE, sure, "不像句子的短行,判为标题")
    elif kind == CAPTION and item.photo.caption and not item.printed:
        piece.judge(Label.CAPTION, 0.8, "标成标题的“图为…”行,判为图片说明")
    elif kind == CAPTION:
        if item.photo.caption:
            piece.judge(Label.CAPTION, 0.95, "以“摄”结尾,判为图片说明和署名")
            piece.split(Label.CAPTION, [(Label.PHOTO_CREDIT, item.printed)])
        else:
            piece.judge(Label.PHOTO_CREDIT, 0.95, "以“摄”结尾的署名,判为图片署名")
    elif kind == CLOSING and item.printed.strip().startswith(("据", "综合")):
        piece.judge(Label.BYLINE, 0.85, "单独一行的“据…”“综合…”,判为稿件来源")
    elif kind == CLOSING and item.dateline:
        piece.judge(Label.DATELINE, 0.9, "稿末括号内的电头,判为本稿电头")
        if item.credits:  # "（新华社北京3月5日电" then "  记者某某、某某）"
            piece.split(Label.DATELINE, [(Label.BYLINE, item.printed.split(item.dateline, 1)[1])])
    elif kind == CLOSING:
        saw_role = any(c.role != Role.SOURCE for c in item.credits) and any(w in item.text for w in ("记者", "通讯员"))
        piece.judge(Label.BYLINE, 0.9 if saw_role else 0.75, "句末括号内的署名")
    elif kind == CREDITS:
        piece.judge(Label.BYLINE, 0.95, "记者、通讯员等署名行")
    elif kind == TEXT and item.lead:
        _judge_lead(item)
    elif kind == TEXT:
        _judge_body(item, False)


_OWN_DATELINE = ("本报", "本台", "新华社", "中新社", "据")


def _judge_lead(item: Item) -> None:
    lead, piece = item.lead, item.piece
    sure = 0.97 if lead.dateline.startswith(_OWN_DATELINE) else 0.88
    piece.judge(Label.DATELINE, sure, "电头开头,判为稿件开头")
    consumed = lead.consumed
    byline = consumed[consumed.find(lead.dateline) + len(lead.dateline):] if lead.credits else ""
    tail = [(Label.BYLINE, byline)] if byline.strip() else []
    closing = read_closing_credit(lead.rest) if lead.rest else None
    if closing and closing[1]:
        tail += [(Label.BODY, closing[1]), (Label.BYLINE, closing[2])]
    elif lead.rest:
        tail.append((Label.BODY, lead.rest))
    piece.split(Label.DATELINE, tail)


def _judge_body(item: Item, follows_caption: bool) -> None:
    text, piece = item.text.strip(), item.piece
    if len(item.lines) > 1 and not item.column and _headline_like(item.lines[0]):
        # the shorter the first line beside the text under it, the more it looks like a headline (not so
        # of a column's printed line: it is as short as the column is narrow)
        share = min(1.0, len(item.lines[0]) / max(1, len(text)) * 4)
        piece.judge(Label.BODY, 0.2 + 0.05 * share, "首行像标题,可能是标题连着正文")
    elif len(text) > 100:
        piece.judge(Label.BODY, 0.95, "长段落,判为正文")
    elif len(text) > 64 or len(item.lines) > 2:
        piece.judge(Label.BODY, 0.85, "较长段落,判为正文")
    elif follows_caption:
        piece.judge(Label.BODY, 0.5, "紧接图片说明的短段,判为正文")
    elif text[-1:] and text[-1] in SENTENCE_END + CLOSERS:
        piece.judge(Label.BODY, 0.75, "以句号结尾的短段,判为正文")
    else:
        piece.judge(Label.BODY, 0.25 + min(0.1, len(text) / 640), "不像标题的短行,判为正文")
    closing = read_closing_credit(item.text)
    if closing and closing[1]:
        piece.split(Label.BODY, [(Label.BYLINE, closing[2])])


def _is_caption(item: Item, before: Item | None) -> bool:
    """A short text standing where a picture was: after a run of blank lines, or inside a column break."""
    text = item.text
    if has_photo_label(text) and len(text) <= 120:
        return True
    if item.gap < 2 or len(text) > 80 or len(item.lines) > 2:
        return False
    sentences = len(_SENTENCE_MARK.findall(text))
    if before is not None and before.ends_open():
        # inside a column break: the text that ends the broken sentence is not a caption
        return sentences == 0
    return text[-1] in SENTENCE_END and sentences <= 2


def _is_signature(item: Item, before: Item | None, after: Item | None, then: Item | None) -> bool:
    """A signature printed alone after a story's last paragraph ("张小明", "李大同（作者单位：某某大学）",
    "某某市安全生产委员会办公室"): the next piece opens another story (a headline, a dateline) or the
    page ends. A lone two-character name may also be a section label over the next headline, so it
    counts only where a dateline or the page's end follows; a body's name, only at the page's end (over
    a dateline it is a brief's headline: "某地成立某某基金会"). A plain short line after the names heads
    the next story only when a dateline or a credit line follows it."""
    if len(item.lines) != 1 or before is None or before.kind != TEXT or not ends_sentence(before.text):
        return False
    signature = read_signature(item.text)
    if signature is None:
        return False
    credits, plainly = signature
    if after is None:
        return True
    if credits[0].role == Role.SOURCE:  # "…成立…基金会" over a dateline is a brief's headline
        return False
    if after.kind == TEXT and after.lead:
        return True
    if after.kind == HEADING:
        return plainly
    # a plain short line over a dateline is the next story's headline; over more text it may be a
    # caption inside this story, and the names a byline printed mid-story
    plain_headline = after.kind == TEXT and len(after.lines) == 1 and _headline_like(after.text)
    opens_next = then is not None and (then.kind == CREDITS or (then.kind == TEXT and then.lead is not None))
    return plainly and plain_headline and opens_next


def _is_author_line(item: Item, before: Item | None, after: Item | None) -> bool:
    """A bare name under a headline, as commentaries print their author: "周仲谋"."""
    if before is None or before.kind != HEADING or after is None or after.kind != TEXT or after.lead:
        return False
    name = re.sub(r"\s", "", item.text)
    if len(item.lines) != 1 or not 2 <= len(name) <= 4 or not re.fullmatch(rf"[{CJK}]+", name):
        return False
    return name[0] in SURNAMES or name.startswith(COMPOUND_SURNAMES)


# How a short plain line printed alone weighs as a headline or subhead (a score above 0 is one).
# Evidence: the dev split of the parser corpus (docs/PARSER_CORPUS.md); each weight is one trade
# convention, and none alone outweighs the line's stand between two finished paragraphs.
_HEADLINE_WEIGHTS = {
    "base": 1.0,
    "after_open_text": -0.6,  # the text above stops mid-sentence: the line may go on with it
    "dangling_end": -1.5,  # ends in a word that needs an object: 在, 和, 把 …
    "ends_in_de": -0.3,  # ends in 的: "……是必要的" is a whole phrase, "……的" before a noun is not
    "pause": -1.2,  # each comma or enumeration mark past the first
    "long_with_pause": -1.2,  # a comma in a line over 20 characters reads as a sentence
    "next_goes_on": -0.7,  # the next text opens with 了, 着, 过, 之, 于 …: perhaps a broken phrase (过去, 于是 open sentences)
    "next_short_clause": -0.5,  # the next text opens with a clause of 1-2 characters
    "between_paragraphs": 0.4,  # a finished paragraph above and a long one below: a subhead's stand
    "over_a_dateline": 0.5,  # alone between a finished paragraph and a 电头: the next story's headline
    "column_tag": 1.2,  # ends in a column's tag ("…相逢（解码·创作之源）"), which only a headline carries
}
_HEADLINE_THRESHOLD = 0.0
# words ending in a character of DANGLING_END that are whole at the end of a headline ("问题导向",
# "有所作为", "协同", "供给"): the character alone would leave the line waiting for its object
_WHOLE_WORD_ENDS = (
    "参与", "给与", "目的", "面对", "应对", "绝对", "相对", "存在", "所在", "现在", "实在", "内在", "自在",
    "作为", "有为", "可为", "行为", "方向", "导向", "走向", "志向", "转向", "风向", "面向", "取向", "动向",
    "倾向", "协同", "共同", "认同", "不同", "相同", "赞同", "合同", "供给", "补给", "自由", "理由", "普及",
    "惠及", "祥和", "温和", "平和", "人和", "平等", "同等", "合并", "兼并", "转让", "小将", "老将",
)
_PUNCTUATION_START = ",，、。!?！？:：;；)）”’》】"
# words that open a sentence with 的, 地 or 得, which are otherwise particles that only go on a phrase
_OPENING_WORDS = (
    "的确", "地处", "地方", "地区", "地铁", "地球", "地震", "地图", "地面", "地下", "地上", "地理", "地产", "地块",
    "地标", "地位", "地质", "地势", "地名", "得益", "得到", "得知", "得分", "得主", "得失",
)


def headline_score(item: Item, before: Item | None, after: Item | None, then: Item | None = None) -> float | None:
    """How much a one-line text block weighs as a headline or subhead (None: it cannot be one),
    from the line and the text around it (`then`: the item after `after`)."""
    text = item.text.strip()
    if len(item.lines) != 1 or not 2 <= len(text) <= 64 or is_closing_note(text) or is_speaker_line(text):
        return None
    last = text[-1]
    if last in _EXCLAIM_OR_ASK and _exclaims_over_a_lead(text, after, then):
        last = text.rstrip("".join(_EXCLAIM_OR_ASK))[-1:] or last  # "老旧小区焕新颜！" over "本报讯…"
    elif last in _FRAMING_END and _frames_a_title(text, after, then):
        last = text.rstrip(_FRAMING_END)[-1:] or last  # "国家税务总局：" over the title it says
    elif last in SENTENCE_END or last in RUN_ON_END:
        return None
    if last in CLOSERS and len(text) > 1 and text[-2] in SENTENCE_END:
        return None
    if _FULL_STOP.search(text) or SPEECH.search(text) or _STRAY_LATIN.search(text):
        return None
    if _LABEL_AND_VALUE.search(text) or _SERVICE_INFO.match(text) or EMAIL.search(text):
        return None  # "服务热线:96196", "导航：某某服务中心", "投稿邮箱：…@…": a label and its value
    if _OPENS_AS_A_BYLINE.match(text):  # "记者 某某 …": a byline, whatever else the line names
        return None
    if text.count("“") > text.count("”"):  # a quotation left open: the sentence goes on below
        return None
    if text.count("（") + text.count("(") != text.count("）") + text.count(")"):
        return None  # a bracket opened or closed on another line: part of a broken line, never a headline
    w = _HEADLINE_WEIGHTS
    if _heads_a_dateline(text, before, after):
        return w["base"] + w["over_a_dateline"]
    score = w["base"]
    if before is not None and before.ends_open():
        score += w["after_open_text"]
    if last == "的" and not text.endswith(_WHOLE_WORD_ENDS):
        score += w["ends_in_de"]
    elif last in DANGLING_END and not text.endswith(_WHOLE_WORD_ENDS):
        score += w["dangling_end"]
    # a saying in quotation marks printed alone, with no sentence end inside (“入党誓词字数不多，记住并不难”):
    # its commas are the saying's; a quoted sentence of the text ends inside its marks (“……。”)
    quoted = _QUOTED_SAYING.match(text) is not None and len(text) <= _SUBHEAD_MAX
    tagged = _carries_a_column_tag(text)
    # a column's tag is the column's name, not the headline's words: its pauses and length are not weighed
    core = text[: _TAGGED_HEADLINE.search(text).start()] if tagged else text
    pauses = 0 if quoted else len(_PAUSES.findall(core))
    if pauses and len(core) > _SUBHEAD_MAX:  # longer than a subhead, with a comma: a sentence
        return None
    score += w["pause"] * max(0, pauses - 1)
    if pauses and len(core) > 20:
        score += w["long_with_pause"]
    if tagged:
        score += w["column_tag"]
    if after is not None and after.kind == TEXT and not after.lead:
        nxt = after.text.lstrip()
        if nxt[:1] in _PUNCTUATION_START or (nxt[:1] in "的地得" and not nxt.startswith(_OPENING_WORDS)):
            # no sentence opens so (a column break: "…认真" / "地做好"), save with a word: 地处, 得益于
            return None
        if nxt[:1] in CONTINUATION_START:
            score += w["next_goes_on"]
        first_clause = _CLAUSE_END.split(nxt, maxsplit=1)[0]
        if len(first_clause) <= 2 and len(first_clause) < len(nxt):
            score += w["next_short_clause"]
        if len(nxt) > 40 and (before is None or before.kind != TEXT or not before.ends_open()):
            score += w["between_paragraphs"]
    return score


_FULL_STOP = re.compile(r"[。;；]")
_LABEL_AND_VALUE = re.compile(r"[:：]\s*[\d(（]")
_OPENS_AS_A_BYLINE = re.compile(rf"(?:本报|全媒体|融媒体|首席)?(?:记者|通讯员|实习生)\s+[{CJK}]{{2,4}}(?:\s|$)")
# the service notes a city paper prints under a feature's sections (where, when, how to get there, what it
# costs): a label and its value, text of the section above, never a headline over what follows
_SERVICE_INFO = re.compile(
    r"(?:导航|地址|地点|活动地点|时间|活动时间|开放时间|营业时间|电话|咨询电话|联系电话|预约电话|票价|门票|交通|乘车路线|报名方式|预约方式|费用)"
    r"\s*[:：]\s*\S"
)
_CLAUSE_END = re.compile(r"[,，、。;；:：!?！？]")
_SENTENCE_MARK = re.compile(rf"[{SENTENCE_END}]")
_EXCLAIM_OR_ASK = "！？!?"
_QUOTED_SAYING = QUOTED_SAYING


def _exclaims_over_a_lead(text: str, after: Item | None, then: Item | None = None) -> bool:
    """A headline may exclaim or ask ("家门口的食堂开张了！", "“疫”呼即应!"): a short line so ending, with
    no other sentence in it, straight over a paragraph that opens with a 电头, or over the title that
    stands over that paragraph."""
    bare = text.rstrip(_EXCLAIM_OR_ASK)
    if not 2 <= len(bare) <= _SUBHEAD_MAX or _SENTENCE_MARK.search(bare) or after is None:
        return False
    if (after.kind == TEXT and after.lead is not None) or after.kind == CREDITS:
        return True
    over_title = after.kind == TEXT and len(after.lines) == 1 and _headline_like(after.text)
    return over_title and then is not None and then.kind == TEXT and then.lead is not None


_FRAMING_END = ":：—"


def _frames_a_title(text: str, after: Item | None, then: Item | None) -> bool:
    """An 引题 saying who speaks or acts ("林郑月娥：", "国家税务总局：", "某某局下功夫提高效率——"): a short
    line so ending, no sentence in it, over a one-line title that stands over a 电头 or carries a
    column's tag."""
    bare = text.rstrip(_FRAMING_END)
    if not 2 <= len(bare) <= _SUBHEAD_MAX or re.search(rf"[{SENTENCE_END}。;；,，]", bare) or after is None:
        return False
    if after.kind != TEXT or len(after.lines) != 1 or not _headline_like(after.text) or after.lead:
        return False
    return (then is not None and then.kind == TEXT and then.lead is not None) or \
        _TAGGED_HEADLINE.search(after.text.strip()) is not None


def _heads_a_dateline(text: str, before: Item | None, after: Item | None) -> bool:
    """"某某分别会见某国副总理、某大学顾问委员会委员" alone over "新华社北京10月17日电 …" or over the
    story's credit line ("记者 某某"), after a paragraph that ended its sentence: a headline, however
    long or full of enumeration marks (a broken line of text has clauses, so a comma or colon in it
    says it is not one)."""
    if after is None or (before is not None and before.ends_open()):
        return False
    if after.kind != CREDITS and (after.kind != TEXT or after.lead is None):
        return False
    return len(text) <= _HEADLINE_OVER_DATELINE_MAX and not re.search(r"[，,：:；;。]", text) and \
        text[-1] not in RUN_ON_END


_HEADLINE_OVER_DATELINE_MAX = 48


def looks_like_headline(item: Item, after: Item | None, before: Item | None = None, then: Item | None = None) -> bool:
    """A short line that does not end like a sentence and is not the head of a broken paragraph."""
    score = headline_score(item, before, after, then)
    return score is not None and score > _HEADLINE_THRESHOLD


def _attach_credit_only_captions(items: list[Item]) -> None:
    """"本报记者 张三 摄" alone under a caption text: one photo. A line the editor marked as a photo
    credit under a caption is that caption's credit."""
    for i, item in enumerate(items):
        # a source line alone ("图片来源：某某", "资料图片") names nobody: it takes no text above for its caption
        if item.kind == CAPTION and item.photo and not item.photo.caption and item.credits and i > 0:
            before = items[i - 1]
            if item.forced == Label.PHOTO_CREDIT and before.kind == CAPTION and before.photo:
                before.photo.credit = before.photo.credit or item.photo.credit
                before.photo.credit_line = " ".join(p for p in (before.photo.credit_line, item.photo.credit_line) if p)
                before.credits += item.credits
                item.kind = MERGED
                item.piece.owner = before.photo
                continue
            if before.forced and before.forced != Label.CAPTION:
                continue
            if before.kind in (TEXT, CAPTION) and not before.lead and len(before.text) <= 120:
                item.photo.caption = before.text
                before.kind = MERGED
                before.piece.owner = item.photo
                if not before.forced:
                    before.piece.judge(Label.CAPTION, 0.85, "下接图片署名,判为图片说明")
