"""Split a page's text into blocks: runs of non-blank lines, with the blank lines before them."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .credits import is_caption_line, read_credit_line, read_lead
from .vocabulary import CJK, DATELINE, DATELINE_KINDS, QUOTED_SAYING

_CONTROL_CHARS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\u200b-\u200d\u2060"
_WIDE_SPACE_CHARS = r"\u3000\u00a0\u2002-\u200a\u202f\u205f"
_CONTROL = re.compile(f"[{_CONTROL_CHARS}]")
_WIDE_SPACE = re.compile(f"[{_WIDE_SPACE_CHARS}]")
_CONTROL_OR_WIDE_SPACE = re.compile(f"[{_CONTROL_CHARS}{_WIDE_SPACE_CHARS}]")
_HEADING = re.compile(r"#{1,6}")


def normalise(text: str) -> str:
    """Unify line ends and spaces and remove control characters; keep every printed character."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not _CONTROL_OR_WIDE_SPACE.search(text):
        return text  # nothing to remove or replace, as on most pages: one scan rather than two
    text = _CONTROL.sub("", text)
    return _WIDE_SPACE.sub(" ", text)


def heading_title(rest: str) -> str:
    """The title after a heading's opening marks, without the closing ones: " 标题 ##" → "标题".

    Done with strip() rather than one expression like `\\s*(.*?)\\s*#*\\s*$`, which backtracks over
    every `#` of a long line for each character it extends the title by: quadratic time.
    """
    return rest.strip().rstrip("#").strip()


@dataclass
class Block:
    lines: list[str]
    gap: int  # blank lines before the block
    heading_level: int = 0  # 1-6 for a markdown heading line
    dropped: str = ""  # markup taken off the block's lines
    numbers: list[int] = field(default_factory=list)  # each line's number in the page text, from 1
    printed: str = ""  # a heading line as printed, markup included
    stacked: bool = False  # one line of a headline group printed line under line over its story
    in_run: bool = False  # a line set apart inside an indented run, straight after a paragraph of the run
    laid_out: str = ""  # cut out of a run by its layout: PACKED (a paragraph a line) or COLUMN (a column's lines)
    # a subhead a column printed over several of its lines, as read: a space where a line ended short of
    # the column's width (the writer's break), none where the column cut it ("" for any other block)
    wrapped_subhead: str = ""

    @property
    def text(self) -> str:
        return "".join(self.lines)


def split_blocks(text: str, *, normalised: bool = False) -> list[Block]:
    """Blocks of non-blank lines. A markdown heading line is always a block of its own. `normalised`:
    the text is normalise()'s already (the parser reads a page's normalised text once)."""
    # in page order, each run of lines with which of its lines are indented (a heading's block: None),
    # cut into blocks once the whole page has told whether it is packed
    read: list[tuple[Block, list[bool] | None]] = []
    current: list[str] = []
    numbers: list[int] = []
    indented: list[bool] = []
    gap = 0

    def flush():
        nonlocal current, numbers, indented, gap
        if current:
            read.append((Block(current, gap, numbers=numbers), indented))  # lines, gap: by place, as for every run
            gap = 0
        current, numbers, indented = [], [], []

    for number, raw in enumerate((text if normalised else normalise(text)).split("\n"), 1):
        line = raw.strip()
        if not line:
            if current:  # most blank lines follow a block; the others have nothing to flush
                flush()
            gap += 1
            continue
        match = _HEADING.match(line) if line.startswith("#") else None
        if match:
            flush()
            level, title = len(match.group()), heading_title(line[match.end():])
            markup = line.replace(title, "", 1) if title else line
            if title:
                read.append((Block([title], gap, level, markup, [number], printed=line), None))
            else:  # empty markup: a bare "#"
                read.append((Block([], gap, dropped=markup, numbers=[number], printed=line), None))
            gap = 0
            continue
        current.append(line)
        numbers.append(number)
        indented.append(raw[:1].isspace())
    flush()
    packed = _is_packed([block for block, indented in read if indented is not None and not any(indented[1:])])
    blocks: list[Block] = []
    for block, indented in read:
        blocks += [block] if indented is None else _split_run(block, indented, packed)
    _as_one_blank_line(blocks)
    return blocks


def _as_one_blank_line(blocks: list[Block]) -> None:
    """Gaps counted from the page's own spacing: a page that sets its paragraphs two or more blank lines
    apart (a word processor's spacing saved as blank lines) has its commonest gap read as one blank line,
    so that only a wider gap tells where a picture stood."""
    gaps = Counter(block.gap for block in blocks[1:] if block.gap)
    if not gaps:
        return
    usual = max(gaps.items(), key=lambda pair: (pair[1], -pair[0]))[0]  # the commonest, the narrower of a tie
    if usual > 1:
        for block in blocks:
            if block.gap:
                block.gap = max(1, block.gap - (usual - 1))


_CLOSING = tuple("。！？…”’）」』】!?)")  # a line ending so ends its sentence
_OPENING_PUNCTUATION = tuple("，。、；：！？）”’」』】,.;:!?)")
_SUBHEAD_MAX = 40


def _split_run(block: Block, indented: list[bool], packed: bool = False) -> list[Block]:
    """A run of lines printed without blank lines between paragraphs (the e-paper export that indents
    each paragraph instead): one block per headline line and per paragraph, as the page reads.

    A line opening with the paragraph indent starts a paragraph. An unindented line after a
    paragraph goes on with it (a wrapped line), unless the paragraph has ended its sentence and the
    line is short and opens and ends as a headline does: then it is a subhead or the next headline.
    The unindented lines before the first paragraph are the headline lines, one block each.
    A block with no indented line after its first is left whole, unless the page is `packed` or the
    block is a column's lines as OCR reads them (`_column_width`).
    An unindented photo caption or photo credit line is a block of its own, and so is one printed
    inside a column break, indented or not: the lines after it go on with the paragraph it broke.
    """
    if not any(indented[1:]):
        if packed and len(block.lines) > 1:
            return _split_packed(block)
        width = _column_width(block.lines)
        return _split_wrapped(block, width) if width else [block]
    pieces: list[Block] = []
    paragraph: Block | None = None  # the paragraph that wrapped lines go on with
    for line, number, indent in zip(block.lines, block.numbers, indented):
        in_break = paragraph is not None and not paragraph.lines[-1].endswith(_CLOSING)
        # in a break only a line ending in a photo credit: a wrapped line may open with "图为" ("企/图为")
        if paragraph is not None and (not indent or in_break) and is_caption_line(line, labelled=not in_break):
            pieces.append(Block(lines=[line], gap=1, numbers=[number]))
            continue
        wrapped = (
            paragraph is not None
            and not indent
            and (
                not paragraph.lines[-1].endswith(_CLOSING)
                or line.startswith(_OPENING_PUNCTUATION)
                or line.endswith(_CLOSING[:3] + ("；", "，"))
                or len(line) > _SUBHEAD_MAX
            )
        )
        if wrapped:
            paragraph.lines.append(line)
            paragraph.numbers.append(number)
            continue
        pieces.append(Block(lines=[line], gap=block.gap if not pieces else 1, numbers=[number],
                            in_run=paragraph is not None and not indent))
        paragraph = pieces[-1] if indent else None
    return pieces


PACKED, COLUMN = "packed", "column"
# what an editor is told of a page read by its layout, to check its paragraphs against the print
LAYOUT_NOTES = {
    PACKED: "本页各段之间没有空行，已按一行一段读入，请核对分段和标题",
    COLUMN: "本页按印刷行逐行排列，已按行长拼回段落，请核对分段",
}


def layout_notes(blocks: list[Block]) -> list[str]:
    """The notes for the layouts the page's blocks were cut by, in a fixed order."""
    used = {block.laid_out for block in blocks}
    return [note for layout, note in LAYOUT_NOTES.items() if layout in used]


_PACKED_MIN_LINES = 4  # lines in the runs of lines of a page that may tell it is packed, the last of each left out
_PARAGRAPH_END = _CLOSING + ("；", ";")  # "……；": an item of a list printed one a line
_INTRODUCES = ("：", ":")  # "如下：", "单位职工：": a line that hands on to the next, whatever the page


def _is_packed(runs: list[Block]) -> bool:
    """Whether the page prints its paragraphs one a line with no blank line or indent between them
    (text copied out of a layout program or an e-paper page): in its runs of lines, most lines end a
    sentence. A paragraph wrapped over several lines ends a sentence on its last line only, and a
    headline group's lines, a staff box's or a notice's signature never do. A line ending in a colon
    tells nothing either way."""
    lines = ended = 0
    for run in runs:
        for line in run.lines[:-1]:
            if not line.endswith(_INTRODUCES):
                lines += 1
                ended += line.endswith(_PARAGRAPH_END)
    return lines >= _PACKED_MIN_LINES - 1 and ended * 2 >= lines


def _split_packed(block: Block) -> list[Block]:
    """Each line of a packed run its own block, as if printed with a blank line under it; but two short
    lines that end no sentence, between lines that do, stay one block, as a subhead printed on two
    lines stands between blank lines (not a headline over its credit or 电头)."""
    lines, numbers = block.lines, block.numbers
    ends = [line.endswith(_CLOSING) for line in lines]
    pieces: list[Block] = []
    i = 0
    while i < len(lines):
        take = 1
        if (0 < i < len(lines) - 2 and ends[i - 1] and ends[i + 2] and not ends[i] and not ends[i + 1]
                and len(lines[i]) <= _SUBHEAD_MAX and len(lines[i + 1]) <= _SUBHEAD_MAX
                and not read_credit_line(lines[i + 1]) and not read_lead(lines[i + 1])):
            take = 2
        pieces.append(Block(lines=lines[i:i + take], gap=block.gap if i == 0 else 1, numbers=numbers[i:i + take],
                            laid_out=PACKED))
        i += take
    return pieces


_COLUMN_MIN_LINES = 4  # lines of a run, its last left out, that may tell a column's width
_COLUMN_MIN_WIDTH = 8
_COLUMN_SHARE = 0.6


def _column_width(lines: list[str]) -> int | None:
    """The width of the column a run of lines was read from, when it is one: the run of an OCR'd
    column prints each line as set, most of them full to the column's width (a closing mark kept on
    the line it closes may make one a character or two longer), a paragraph's last line shorter.
    None for any other run: a headline group, a staff box, lines of unlike lengths."""
    lengths = [len(line) for line in lines[:-1]]
    if len(lengths) < _COLUMN_MIN_LINES:
        return None
    width = max(Counter(lengths).items(), key=lambda pair: (pair[1], pair[0]))[0]  # the commonest, the wider of a tie
    full = sum(1 for n in lengths if width <= n <= width + 2)
    return width if width >= _COLUMN_MIN_WIDTH and full >= _COLUMN_SHARE * len(lengths) else None


_DATE_AT_END = re.compile(r"\d{1,2}月\d{1,2}日$")


def _opens_with_dateline(line: str) -> bool:
    """Whether a printed line opens with a 电头 that names no place or ends on a date ("本报讯",
    "新华社北京10月8日电"): a wrapped line of text may open with words that only look like one
    ("…捷报频传、喜讯", "…报告喜讯")."""
    match = DATELINE.match(line)
    return match is not None and (not match.group("where") or _DATE_AT_END.search(match.group("where")) is not None)


def _is_dateline_alone(line: str) -> bool:
    """Whether a printed line is a 电头 and nothing else ("本报北京10月24日电"), as _opens_with_dateline
    reads one."""
    match = DATELINE.match(line) if line.endswith(DATELINE_KINDS) else None
    return match is not None and match.end() == len(line) and _opens_with_dateline(line)


def _is_credit_line(line: str, below: str) -> bool:
    """Whether a printed line is a credit line: a role word and names only ("本报记者 张钦 王紫轩 郎兵",
    its last name perhaps cut by the column: "记者 张宇璐 通讯员 周" over "歆楠"). A line of text may open
    with a role word too ("记者了解到，…"), but its words after it are no names."""
    if not _ROLE_START.match(line):
        return False  # as most lines do not open with a role word (read_credit_line would look for one)
    run = read_credit_line(line)
    if run is None and below and len(below) <= _CUT_NAME_MAX:
        run = read_credit_line(line + below)
    return run is not None and run.saw_role


# a role word a credit line opens with, after an outlet's name ("本报记者", "江门日报记者") or a bullet
_ROLE_START = re.compile(rf"^\W{{0,2}}[{CJK}]{{0,8}}(?:记者|通讯员|特约|摄影)")
_CUT_NAME_MAX = 3  # the rest of a name the column cut: a character or two (three for a four-character name)


def _ends_with_photo_credit(line: str) -> bool:
    """Whether a printed line ends a caption with its photographer's credit ("…以上 徐青青 摄"): the caption
    ends there, though the line may fill the column's width."""
    return line.endswith(_PHOTO_CREDIT_ENDS) and is_caption_line(line, labelled=False)


_PHOTO_CREDIT_ENDS = ("摄", "摄影", "供图")


_HEADLINE_LINES_OVER_TITLE = 1  # a kicker: the title with its column's tag is the run's first or second line
# "（钟声）", "（解码·赓续文脉）", "（守初心 担使命）": a column's tag in brackets closing a headline, after its title
_COLUMN_TAG_END = re.compile(rf"(?<=[^\s（(])[（(][{CJK}][{CJK}·•\s]{{1,29}}[）)]$")


def _ends_with_column_tag(line: str) -> bool:
    """Whether a printed line ends with a column's tag after a title: the line of text that ends with
    a bracket closes a credit or a note ("（记者 某某）" alone, "…（下转第3版）"), not a name of words alone."""
    if not line.endswith(("）", ")")):
        return False  # as most lines do not
    tag = _COLUMN_TAG_END.search(line)
    # "新华社北京4月27日电（记者某某）": a 电头 with its credit in brackets opens the text
    return tag is not None and not _opens_with_dateline(line) and read_credit_line(tag.group()[1:-1]) is None


_PARTS_SPACE = re.compile(rf"[{CJK}]\s+[{CJK}]")


def _printed_in_parts(line: str) -> bool:
    """A line whose words a space sets apart ("马某再次出庭 瘦了13公斤"), as headlines print their parts; not a
    电头 or a credit line, which set their names apart so too."""
    return " " in line and _PARTS_SPACE.search(line) is not None and not _opens_with_dateline(line) \
        and not _ROLE_START.match(line)


def _split_wrapped(block: Block, width: int) -> list[Block]:
    """A column's lines cut into paragraphs: full lines go on to the next; a shorter line ends its
    paragraph (or stands alone: a headline, a subhead, a credit). A line longer than the column by more
    than the marks it keeps from opening the next line (a headline across columns) stands alone. A
    short line that ends no sentence, under a line that ends one, opens a block of its own: a subhead
    under a paragraph that filled its last line. A line that opens with a 电头 opens a story's lead, and
    a credit line opens a block of its own, whatever the line above: a headline or 副题 over it may fill
    the column's width by chance, as a caption's last line may that ends with its photographer's credit. The lines set
    apart after a paragraph of the run are `in_run`, as in an indented run: the column goes on with the
    same story (its subheads), unless they say otherwise."""
    pieces: list[Block] = []
    current: Block | None = None
    before = ""
    after_paragraph = False  # a paragraph of the run has ended above the line
    lines = block.lines
    for k, (line, number) in enumerate(zip(lines, block.numbers)):
        # a character short still counts as full here (a line that ends on a wider mark), though only lines
        # of the width or longer told the width (_column_width); a line is longer than the column only by
        # the marks no line may open with (避头尾), kept on the line they close
        full = width - 1 <= len(line) <= width or (
            width < len(line) <= width + 2 and line.endswith(_OPENING_PUNCTUATION)
        )
        # a 电头 alone on its line (the space after it fell at the line's end) goes on with the lead under it
        full = full or (k + 1 < len(lines) and _is_dateline_alone(line))
        # a headline heading the run (under its kicker at most) with its column's tag may be as wide as the
        # column by chance; under a credit line, the text begins ("…组织（欧佩克）")
        # and so may one printed in parts, a space between them (a column's text sets no space between words)
        tagged = current is None and len(pieces) <= _HEADLINE_LINES_OVER_TITLE and (
            _ends_with_column_tag(line) or _printed_in_parts(line)
        )
        full = full and not tagged
        # a saying in quotation marks under a finished paragraph is a subhead, though as wide as the column
        saying = before.endswith(_CLOSING) and QUOTED_SAYING.match(line) is not None
        full = full and not saying
        wide = len(line) > width and not full
        if current is not None and (
            wide
            or saying
            or (not full and before.endswith(_CLOSING) and not line.endswith(_CLOSING))
            or _opens_with_dateline(line)
            or _is_credit_line(line, lines[k + 1] if k + 1 < len(lines) else "")
        ):
            # full lines cut off so are a paragraph of the run as much as one closed by a short line
            after_paragraph = after_paragraph or before.endswith(_CLOSING) or len(current.lines) > 1
            current = None
        if current is None:
            current = Block(lines=[], gap=block.gap if not pieces else 1, laid_out=COLUMN, in_run=after_paragraph)
            pieces.append(current)
        current.lines.append(line)
        current.numbers.append(number)
        if not full or _ends_with_photo_credit(line):
            after_paragraph = after_paragraph or (not wide and not tagged and line.endswith(_CLOSING)) \
                or len(current.lines) > 1
            current = None
        before = line
    return _join_wrapped_subheads(pieces)


# a subhead's characters over all its printed lines, at most: two lines of a subhead's length. On the dev
# stories composed as columns, 30 to 60 score within 0.003 of subheads F1 (40 and 50 the best, 0.701)
_WRAPPED_SUBHEAD_MAX = 40


def _join_wrapped_subheads(pieces: list[Block]) -> list[Block]:
    """A subhead the column printed over several of its lines, one block: the pieces set apart between a
    paragraph that ended its sentence and the next paragraph, none of them ending one, few characters in
    all. A subhead of two lines (its point under whom it is of) whose lines each wrap at the column's width
    comes apart into as many pieces as short lines; it ends before the paragraph under it, whose lines
    fill the column. A credit, a 电头 or a caption among them keeps them apart."""
    out: list[Block] = []
    k = 0
    while k < len(pieces):
        end = _wrapped_subhead_end(pieces, k) if out and _is_finished_paragraph(out[-1]) else k + 1
        if end == k + 1 and out and _is_finished_paragraph(out[-1]) and _wrapped_saying(pieces, k):
            pieces[k].wrapped_subhead = pieces[k].text
            out.append(pieces[k])
        elif end - k > 1:
            lines = [line for piece in pieces[k:end] for line in piece.lines]
            numbers = [number for piece in pieces[k:end] for number in piece.numbers]
            read = " ".join(piece.text for piece in pieces[k:end])  # each piece ends on a line short of the width
            out.append(Block(lines=lines, gap=pieces[k].gap, numbers=numbers, laid_out=COLUMN, in_run=True,
                             wrapped_subhead=read))
        else:
            out.append(pieces[k])
        k = max(end, k + 1)
    return out


def _wrapped_subhead_end(pieces: list[Block], k: int) -> int:
    """Where the subhead set apart from pieces[k] on ends (the index of the paragraph under it), or k + 1
    when the pieces from k on are no subhead printed over several pieces."""
    size, end = 0, k
    while end < len(pieces) and pieces[end].in_run and not _ends_paragraph(pieces[end].text):
        if _stands_apart(pieces[end]) or _FULL_STOP.search(pieces[end].text):
            return k + 1  # a subhead ends no sentence, inside it or at its end: a full stop makes it text
        size += len(pieces[end].text)
        if size > _WRAPPED_SUBHEAD_MAX:
            return k + 1
        end += 1
    if end - k < 2 or end == len(pieces) or len(pieces[end].lines) < 2:
        return k + 1  # under the pieces, no paragraph of the column's lines: not so sure where they end
    if _stands_apart(pieces[end]):
        return k + 1  # over a 电头 or a credit the lines are the next story's headline group
    if _matched_phrases(pieces[k:end]):
        return k + 1  # a section titled in matched phrases (对仗): a subhead a line
    return end


_SAYING_MAX = 30  # as classify's subhead: of the quoted lines so long on the dev pages, all are headlines or subheads


def _wrapped_saying(pieces: list[Block], k: int) -> bool:
    """A saying in quotation marks the column wrapped over its lines, between paragraphs: a subhead."""
    piece = pieces[k]
    return (len(piece.lines) > 1 and len(piece.text) <= _SAYING_MAX and QUOTED_SAYING.match(piece.text) is not None
            and k + 1 < len(pieces) and len(pieces[k + 1].lines) > 1)


def _matched_phrases(pieces: list[Block]) -> bool:
    """Lines each printed whole on one line, all of one length: matched phrases, each its own subhead,
    not one subhead the column wrapped (whose lines it cuts at its width, whatever the words)."""
    return all(len(piece.lines) == 1 for piece in pieces) and len({len(piece.text) for piece in pieces}) == 1


def _is_finished_paragraph(piece: Block) -> bool:
    """A paragraph of the column's lines that ends its sentence; not a headline group, which may end on
    a column's tag in brackets ("…（解码·文脉）")."""
    return len(piece.lines) > 1 and piece.text.endswith(_SENTENCE_CLOSE)


_SENTENCE_CLOSE = tuple("。！？…”’」』!?")  # _CLOSING less the brackets, which close a column's tag as well


_FULL_STOP = re.compile(r"[。！？!?]")


def _ends_paragraph(text: str) -> bool:
    return text.endswith(_PARAGRAPH_END)


def _stands_apart(piece: Block) -> bool:
    """A piece that is no line of a subhead: a 电头, a credit line, a caption."""
    first = piece.lines[0]
    return (_opens_with_dateline(first) or _is_credit_line(first, "") or is_caption_line(piece.text, labelled=False)
            or piece.text.endswith(_HANDS_ON))


_HANDS_ON = ("——", "—")  # "英国首相——": a line handing on to the subhead under it is text (docs/PARSE_DECISIONS.md)

