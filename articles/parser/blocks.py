"""Split a page's text into blocks: runs of non-blank lines, with the blank lines before them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .credits import is_caption_line

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

    @property
    def text(self) -> str:
        return "".join(self.lines)


def split_blocks(text: str, *, normalised: bool = False) -> list[Block]:
    """Blocks of non-blank lines. A markdown heading line is always a block of its own. `normalised`:
    the text is normalise()'s already (the parser reads a page's normalised text once)."""
    blocks: list[Block] = []
    current: list[str] = []
    numbers: list[int] = []
    indented: list[bool] = []
    gap = 0

    def flush():
        nonlocal current, numbers, indented, gap
        if current:
            blocks.extend(_split_run(Block(lines=current, gap=gap, numbers=numbers), indented))
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
                blocks.append(Block([title], gap, level, markup, [number], printed=line))
            else:  # empty markup: a bare "#"
                blocks.append(Block([], gap, dropped=markup, numbers=[number], printed=line))
            gap = 0
            continue
        current.append(line)
        numbers.append(number)
        indented.append(raw[:1].isspace())
    flush()
    return blocks


_CLOSING = tuple("。！？…”’）」』】!?)")  # a line ending so ends its sentence
_OPENING_PUNCTUATION = tuple("，。、；：！？）”’」』】,.;:!?)")
_SUBHEAD_MAX = 40


def _split_run(block: Block, indented: list[bool]) -> list[Block]:
    """A run of lines printed without blank lines between paragraphs (the e-paper export that indents
    each paragraph instead): one block per headline line and per paragraph, as the page reads.

    A line opening with the paragraph indent starts a paragraph. An unindented line after a
    paragraph goes on with it (a wrapped line), unless the paragraph has ended its sentence and the
    line is short and opens and ends as a headline does: then it is a subhead or the next headline.
    The unindented lines before the first paragraph are the headline lines, one block each.
    A block with no indented line after its first is left whole.
    An unindented photo caption or photo credit line is a block of its own, and so is one printed
    inside a column break, indented or not: the lines after it go on with the paragraph it broke.
    """
    if not any(indented[1:]):
        return [block]
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
