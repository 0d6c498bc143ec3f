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
# A line ending a sentence and shorter than this share of its column's full line ends a paragraph.
SHORT_LINE = 0.85
SENTENCE_END = tuple("。!?!?”」』)")
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
    loose = [line for line in loose if not (FOLIO.search(line.text) and len(line.text) < 40)]
    blocks = [_paragraphs(loose)] if loose else []
    for headline in headlines:
        blocks.append(f"# {headline.text}\n\n" + _paragraphs(stories[id(headline)]))
    return "\n\n".join(block.strip() for block in blocks if block.strip()) + "\n"


def _within_reach(headline: TextLine, lines: list[TextLine], body_height: float):
    """The lines that run on from the headline down their column without a wide gap, and the rest."""
    kept, beyond, bottoms = [], [], {}
    for line in sorted(lines, key=lambda l: l.box.y):
        column = round(line.box.x, 2)
        previous = bottoms.get(column, headline.box.bottom)
        if column in bottoms and line.box.y - previous > COLUMN_BREAK_LINES * 1.5 * body_height:
            beyond.append(line)
            continue
        if column not in bottoms and line.box.y - headline.box.bottom > FIRST_LINE_REACH * body_height:
            beyond.append(line)
            continue
        bottoms[column] = line.box.bottom
        kept.append(line)
    return kept, beyond


def _paragraphs(lines: list[TextLine]) -> str:
    if not lines:
        return ""
    tolerance = 0.01
    ordered = sorted(lines, key=lambda l: (round(l.box.x / tolerance), l.box.y))
    full = max(line.box.w for line in ordered)
    paragraphs, current = [], ""
    for line in ordered:
        current += line.text
        if line.box.w < SHORT_LINE * full:
            if line.text.endswith(SENTENCE_END):
                paragraphs.append(current)
                current = ""
            else:
                current += " "  # a short line that ends mid-sentence: a dateline or byline set apart
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)
