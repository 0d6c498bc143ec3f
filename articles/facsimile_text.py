"""A page's stories from its PDF's text layer, as text the page-text parser reads.

Pure, like ``facsimile``: the positioned lines in, Markdown-ish page text out (headlines as ``#``
lines, paragraphs apart), for the same importer and parser as an OCR'd page file.
"""
from __future__ import annotations

import re

from .facsimile import TextLine

# A line at least this much taller than the page's usual line is a headline: a newspaper sets its
# body in one size and headlines in twice that or more; kickers and subtitles sit between.
HEADLINE_RATIO = 1.4
# How a column's lines break into paragraphs, in characters (the page's usual character width) or
# shares of the column. A justified line runs to its column's edge; one ending a sentence at least a
# character short of it ends its paragraph.
SHORT_END = 1.0
SENTENCE_END = tuple("。!?！？”」』)）")
# A line whose ink covers less than this share of its column, stopping short of its edge, stands
# alone whatever it ends with: a credit line (通讯员 某某), a dateline and byline set apart, a subhead;
# a paragraph's justified lines cover nearly all of it, and its first line (two characters in) runs
# to the edge.
STANDS_ALONE = 0.3
# A line starting this many characters in from the lines around it opens a paragraph (the indent is
# two) or is set apart (a centred subhead, a credit set to the right).
INDENT = 1.5
# Lines further apart than this many times the usual line pitch have a paragraph gap or a picture between.
WIDE_PITCH = 1.6
# Lines whose heights differ by more than this share are in different type: a caption under body text
# (小五号 under 五号 is 9 points under 10.5).
OTHER_SIZE = 0.08
# A line wider than this many usual lines runs across columns (a caption under a two-column picture).
COLUMN_SPAN = 1.5
# A story's column ends where a gap of this many body lines opens below its last line.
COLUMN_BREAK_LINES = 4
# A column's first line further than this many body lines below the headline starts something else
# (a box, the staff box at the foot of the page), not the story's next column.
FIRST_LINE_REACH = 40
# The folio (版次, date, page name) printed in every page's margin is no story's text.
FOLIO = re.compile(r"第\s*[A-Z]?\d{1,2}\s*版|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")


def text_from_lines(lines: list[TextLine]) -> str:
    """The page's text as the page-text parser reads it: each headline as a ``#`` line, and the
    body lines under it joined into paragraphs, in reading order.

    Reading order follows the printed layout: a body line belongs to the nearest headline above it
    that spans its column, and a story's lines are read column by column, top to bottom."""
    if not lines:
        return ""
    heights = sorted(line.box.h for line in lines)
    body_height = heights[len(heights) // 2]
    headlines = sorted((line for line in lines if line.box.h >= HEADLINE_RATIO * body_height), key=lambda l: (l.box.y, l.box.x))
    stories = {id(headline): [] for headline in headlines}
    loose = []
    for line in lines:
        if id(line) in stories:
            continue
        above = [
            h for h in headlines
            if h.box.bottom <= line.box.y + body_height and h.box.x < line.box.right and line.box.x < h.box.right
        ]
        if above:
            stories[id(max(above, key=lambda h: h.box.y))].append(line)
        else:
            loose.append(line)
    for headline in headlines:
        kept, beyond = _within_reach(headline, stories[id(headline)], body_height)
        stories[id(headline)] = kept
        loose += beyond
    for headline in headlines:  # a line set beside a story's lines, past its headline's end: a credit set right
        kept = stories[id(headline)]
        if not kept:
            continue
        area = headline.box
        for line in kept:
            area = area.union(line.box)
        beside = [line for line in loose if area.grown(body_height / 2).contains(line.box)]
        kept += beside
        loose = [line for line in loose if line not in beside]
    loose = [line for line in loose if not (FOLIO.search(line.text) and len(line.text) < 40)]
    blocks = [_paragraphs(loose)] if loose else []
    for headline in headlines:
        blocks.append(f"# {headline.text}\n\n" + _paragraphs(stories[id(headline)]))
    return "\n\n".join(block.strip() for block in blocks if block.strip()) + "\n"


def _within_reach(headline: TextLine, lines: list[TextLine], body_height: float):
    """The lines that run on from the headline down their column without a wide gap, and the rest.

    A line in smaller type than the body after a gap is a caption under its picture: the story goes
    on past it."""
    kept, beyond = [], []
    for column in _column_groups(lines):
        bottom = None
        for line in column:
            if bottom is None:
                if line.box.y - headline.box.bottom > FIRST_LINE_REACH * body_height:
                    beyond.append(line)
                    continue
            elif line.box.y - bottom > COLUMN_BREAK_LINES * 1.5 * body_height and not (
                line.box.h < (1 - OTHER_SIZE) * body_height and line.box.y - bottom < FIRST_LINE_REACH * body_height
            ):
                beyond.append(line)
                continue
            bottom = line.box.bottom
            kept.append(line)
    return kept, beyond


def _paragraphs(lines: list[TextLine]) -> str:
    """The lines read column by column, top to bottom, as page text: a paragraph on one line, and a
    blank line wherever the layout shows a break (see ``_breaks``)."""
    if not lines:
        return ""
    widths = sorted(line.box.w / len(line.text.strip()) for line in lines if len(line.text.strip()) >= 4)
    em = widths[len(widths) // 2] if widths else min(line.box.w for line in lines)
    columns = _columns(lines)
    steps = sorted(b.box.y - a.box.y for column in columns for a, b in zip(column, column[1:]))
    pitch = steps[len(steps) // 2] if steps else 0.0
    pieces, current, before = [], [], None
    for column in columns:
        for index, line in enumerate(column):
            if before is not None and _breaks(before, (column, index), em, pitch):
                pieces.append(current)
                current = []
            current.append(line.text)
            before = (column, index)
    pieces.append(current)
    return "\n\n".join(_joined(piece) for piece in pieces)


def _columns(lines: list[TextLine]) -> list[list[TextLine]]:
    """The lines in columns, left to right, each top to bottom, runs printed side by side on one
    line of a column joined."""
    return [_one_line_runs(column) for column in _column_groups(lines)]


def _column_groups(lines: list[TextLine]) -> list[list[TextLine]]:
    """The lines in columns, left to right, each top to bottom: a line is in the column it overlaps
    for most of its width (an indented first line, a credit set to the right), and only lines of a
    column's width set where a column runs, so a caption across two columns does not join them."""
    widths = sorted(line.box.w for line in lines)
    usual = widths[len(widths) // 2]
    columns = []  # [left, right, lines]
    for line in sorted(lines, key=lambda l: (l.box.w > COLUMN_SPAN * usual, l.box.x, l.box.y)):
        box = line.box
        for column in columns:
            if min(column[1], box.right) - max(column[0], box.x) > 0.5 * min(box.w, column[1] - column[0]):
                column[2].append(line)
                if box.w <= COLUMN_SPAN * usual:
                    column[0], column[1] = min(column[0], box.x), max(column[1], box.right)
                break
        else:
            columns.append([box.x, box.right, [line]])
    return [sorted(column[2], key=lambda l: l.box.y) for column in sorted(columns, key=lambda c: c[0])]


def _one_line_runs(column: list[TextLine]) -> list[TextLine]:
    """Runs printed side by side on one line of a column as one line, a space between them: the
    words of a credit line set a wide space apart ("本报记者  周敏"), a caption and its credit."""
    merged = []
    for line in column:
        last = merged[-1] if merged else None
        if last is not None and line.box.y < last.box.bottom - 0.5 * line.box.h and last.box.y < line.box.bottom - 0.5 * last.box.h:
            first, second = sorted((last, line), key=lambda l: l.box.x)
            merged[-1] = TextLine(first.box.union(second.box), first.text.rstrip() + " " + second.text)
        else:
            merged.append(line)
    return merged


def _breaks(before, after, em: float, pitch: float) -> bool:
    """Whether the text breaks between two lines read one after the other (each given as its column
    and its place in it), as a reader sees the break: the line above ends a sentence short of the
    column's edge, or stands alone (a credit line, a subhead, a dateline set apart); the line below
    is indented, or stands alone after a finished sentence; a paragraph gap or a picture between
    them; a change of type size."""
    above, below = before[0][before[1]], after[0][after[1]]
    left_above, edge_above = _reach(*before)
    left_below, edge_below = _reach(*after)
    ends_sentence = above.text.rstrip().endswith(SENTENCE_END)
    if ends_sentence and edge_above - above.box.right > SHORT_END * em:
        return True
    if _stands_alone(above, left_above, edge_above, em) or below.box.x - left_below > INDENT * em:
        return True
    if ends_sentence and _stands_alone(below, left_below, edge_below, em) and not below.text.rstrip().endswith(SENTENCE_END):
        return True
    if abs(above.box.h - below.box.h) > OTHER_SIZE * max(above.box.h, below.box.h):
        return True
    return before[0] is after[0] and pitch > 0 and below.box.y - above.box.y > WIDE_PITCH * pitch


def _reach(column: list[TextLine], index: int) -> tuple[float, float]:
    """Where the column runs beside a line: the left and right ends of it and the lines around it."""
    near = column[max(0, index - 1):index + 2]
    return min(line.box.x for line in near), max(line.box.right for line in near)


def _stands_alone(line: TextLine, left: float, edge: float, em: float) -> bool:
    """A short line that stops short of the column's edge (an indented first line runs to it)."""
    return line.box.w < (1 - STANDS_ALONE) * (edge - left) and edge - line.box.right > SHORT_END * em


def _joined(texts: list[str]) -> str:
    """A paragraph's lines as one: run together, as a Chinese line wraps, with a space where a line
    ends in one or a Latin word wraps."""
    out = ""
    for text in texts:
        if out and (out.endswith(" ") or (out[-1].isascii() and out[-1].isalnum() and text[:1].isascii() and text[:1].isalnum())):
            out = out.rstrip() + " "
        out += text.strip() if not text.endswith(" ") else text.lstrip()
    return out.strip()
