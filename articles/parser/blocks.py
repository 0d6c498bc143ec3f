"""Split a page's text into blocks: runs of non-blank lines, with the blank lines before them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\u200b-\u200d\u2060]")
_WIDE_SPACE = re.compile(r"[\u3000\u00a0\u2002-\u200a\u202f\u205f]")
_HEADING = re.compile(r"#{1,6}")


def normalise(text: str) -> str:
    """Unify line ends and spaces and remove control characters; keep every printed character."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
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

    @property
    def text(self) -> str:
        return "".join(self.lines)


def split_blocks(text: str) -> list[Block]:
    """Blocks of non-blank lines. A markdown heading line is always a block of its own."""
    blocks: list[Block] = []
    current: list[str] = []
    numbers: list[int] = []
    gap = 0

    def flush():
        nonlocal current, numbers, gap
        if current:
            blocks.append(Block(lines=current, gap=gap, numbers=numbers))
            gap = 0
        current, numbers = [], []

    for number, raw in enumerate(normalise(text).split("\n"), 1):
        line = raw.strip()
        if not line:
            flush()
            gap += 1
            continue
        match = _HEADING.match(line)
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
    flush()
    return blocks
