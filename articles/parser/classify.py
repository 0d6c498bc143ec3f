"""Say what each block of a page is: headline, story text, caption, credit line, staff box …"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .blocks import Block
from .credits import Lead, read_closing_credit, read_credit_line, read_lead, read_photo_credit, read_staff_line
from .model import Credit, ParsedPage, Photo
from .vocabulary import (
    BULLETS,
    CJK,
    CLOSERS,
    CONTINUATION_START,
    DANGLING_END,
    EMAIL,
    END_MARK,
    FURNITURE,
    RELATED,
    RUN_ON_END,
    SENTENCE_END,
    SPEECH,
    SURNAMES,
    COMPOUND_SURNAMES,
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
_PHOTO_LABEL = re.compile(r"^(?:图\s*[①-⑳\d]+|图为|上图|下图|左图|右图)")


@dataclass
class Item:
    kind: str
    text: str
    lines: list[str]
    gap: int = 0
    level: int = 0  # markdown heading level; 0 for a plain or bold line
    bold: bool = False
    lead: Lead | None = None
    credits: list[Credit] = field(default_factory=list)
    photo: Photo | None = None
    printed: str = ""  # a credit as printed

    def ends_open(self) -> bool:
        """The text stops mid-sentence: it runs on into the next block (a column break)."""
        return self.kind == TEXT and not ends_sentence(self.text)


def ends_sentence(text: str) -> bool:
    text = text.rstrip()
    if not text:
        return True
    if text[-1] in SENTENCE_END:
        return True
    if text[-1] in CLOSERS:
        return True
    return False


def classify(blocks: list[Block], page: ParsedPage, emails: list[str]) -> list[Item]:
    items: list[Item] = []
    in_staff_box = False
    for block in _split_stacked_headlines(blocks):
        if block.dropped:
            page.dropped.append(block.dropped)
        lines = _take_staff_box(block.lines, page, emails, at_top=not items or in_staff_box)
        in_staff_box = bool(block.lines) and not lines
        if not lines:
            continue
        items.append(_classify_block(block, lines))
    _settle_plain_text(items)
    return items


def _split_stacked_headlines(blocks: list[Block]) -> list[Block]:
    """A title with its subtitle on the very next line ("小山村走出特色产业路" / "——某村…"): two lines."""
    out = []
    for block in blocks:
        lines = block.lines
        if 1 < len(lines) <= 3 and any(line.startswith(("——", "—")) for line in lines[1:]):
            out += [Block(lines=[line], gap=block.gap if i == 0 else 0) for i, line in enumerate(lines)]
        else:
            out.append(block)
    return out


def _take_staff_box(lines: list[str], page: ParsedPage, emails: list[str], at_top: bool) -> list[str]:
    """Take the staff box and the page furniture beside it (hotline, e-mail) off a block's lines.

    A hotline inside a story (a notice's 服务热线) is the story's text, not furniture.
    """
    staff = [read_staff_line(line) for line in lines]
    staff_lines = {line for line, found in zip(lines, staff) if found}  # a set: `in` stays O(1)
    for found in staff:
        page.masthead += found or []
    kept = []
    for line in lines:
        if line in staff_lines:
            page.dropped.append(line)
        elif (staff_lines or at_top) and (FURNITURE.match(line.lstrip(BULLETS + " ")) or EMAIL.search(line)):
            emails += EMAIL.findall(line)
            page.furniture.append(line)
            page.dropped.append(line)
        else:
            kept.append(line)
    return kept


def _classify_block(block: Block, lines: list[str]) -> Item:
    text = "".join(lines)
    item = Item(kind=TEXT, text=text, lines=lines, gap=block.gap, level=block.heading_level)
    plain = text.strip().lstrip(BULLETS).strip()
    if END_MARK.match(plain):
        item.kind, item.printed = END, text
        return item
    if RELATED.match(plain):
        item.kind, item.text, item.printed = RELATED_LABEL, plain.rstrip(":："), text
        return item
    if block.heading_level:
        item.kind = HEADING
        return item
    bold = _BOLD_LINE.match(text)
    if bold and len(lines) == 1:
        item.kind, item.text, item.bold, item.printed = HEADING, bold.group("text").strip(), True, "****"
        return item
    photo = read_photo_credit(" ".join(lines))
    if photo:
        caption, names, printed = photo
        item.kind, item.printed = CAPTION, printed
        item.photo = Photo(caption=caption, credit=names[0] if names else None, credit_line=printed)
        item.credits = [Credit(name, "photographer") for name in names]
        return item
    closing = read_closing_credit(text)
    if closing and not closing[1]:
        item.kind, item.credits, item.printed = CLOSING, closing[0], closing[2]
        return item
    credit_line = read_credit_line(text)
    if credit_line:
        item.kind, item.credits, item.printed = CREDITS, credit_line.credits, credit_line.consumed
        return item
    item.lead = read_lead(text)
    return item


def _settle_plain_text(items: list[Item]) -> None:
    """Decide, with the neighbours in view, which text blocks are captions and which are headlines."""
    last_not_caption: Item | None = None  # kept as the loop goes: searching back each time is quadratic
    for i, item in enumerate(items):
        before = last_not_caption
        if item.kind != CAPTION:
            last_not_caption = item
        if item.kind != TEXT or item.lead:
            continue
        after = items[i + 1] if i + 1 < len(items) else None
        follows_caption = i > 0 and items[i - 1].kind == CAPTION
        if not follows_caption and _is_caption(item, before):
            item.kind = CAPTION
            item.photo = Photo(caption=item.text)
            last_not_caption = before
        elif _is_author_line(item, items[i - 1] if i else None, after):
            item.kind, item.printed = CREDITS, item.text
            item.credits = [Credit(re.sub(r"\s", "", item.text), "reporter")]
        elif looks_like_headline(item, after):
            item.kind = HEADING
    _attach_credit_only_captions(items)


def _is_caption(item: Item, before: Item | None) -> bool:
    """A short text standing where a picture was: after a run of blank lines, or inside a column break."""
    text = item.text
    if _PHOTO_LABEL.match(text) and len(text) <= 120:
        return True
    if item.gap < 2 or len(text) > 80 or len(item.lines) > 2:
        return False
    sentences = len(re.findall(rf"[{SENTENCE_END}]", text))
    if before is not None and before.ends_open():
        # inside a column break: the text that ends the broken sentence is not a caption
        return sentences == 0
    return text[-1] in SENTENCE_END and sentences <= 2


def _is_author_line(item: Item, before: Item | None, after: Item | None) -> bool:
    """A bare name under a headline, as commentaries print their author: "周仲谋"."""
    if before is None or before.kind != HEADING or after is None or after.kind != TEXT or after.lead:
        return False
    name = re.sub(r"\s", "", item.text)
    if len(item.lines) != 1 or not 2 <= len(name) <= 4 or not re.fullmatch(rf"[{CJK}]+", name):
        return False
    return name[0] in SURNAMES or name.startswith(COMPOUND_SURNAMES)


def looks_like_headline(item: Item, after: Item | None) -> bool:
    """A short line that does not end like a sentence and is not the head of a broken paragraph."""
    text = item.text.strip()
    if len(item.lines) != 1 or not 2 <= len(text) <= 64:
        return False
    last = text[-1]
    if last in SENTENCE_END or last in RUN_ON_END or last in DANGLING_END:
        return False
    if last in CLOSERS and len(text) > 1 and text[-2] in SENTENCE_END:
        return False
    if re.search(rf"[。;；]", text) or SPEECH.search(text) or _STRAY_LATIN.search(text):
        return False
    if re.search(r"[:：]\s*[\d(（]", text):  # "服务热线:96196": a label and its value
        return False
    pauses = len(re.findall(r"[,，、]", text))
    if pauses > 1 or (pauses and len(text) > 20):
        return False
    if after is not None and after.kind == TEXT and not after.lead:
        nxt = after.text.lstrip()
        if nxt[:1] in CONTINUATION_START:
            return False
        first_clause = re.split(r"[,，、。;；:：!?！？]", nxt, maxsplit=1)[0]
        if len(first_clause) <= 2 and len(first_clause) < len(nxt):
            return False
    return True


def _attach_credit_only_captions(items: list[Item]) -> None:
    """"本报记者 张三 摄" alone under a caption text: one photo."""
    for i, item in enumerate(items):
        if item.kind == CAPTION and item.photo and not item.photo.caption and i > 0:
            before = items[i - 1]
            if before.kind in (TEXT, CAPTION) and not before.lead and len(before.text) <= 120:
                item.photo.caption = before.text
                before.kind = MERGED
