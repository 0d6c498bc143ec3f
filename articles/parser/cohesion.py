"""Whether the text below a line goes on with the text above it: lexical cohesion.

A story keeps to its subject: the paragraphs under one of its subheads name the people, places and
things the paragraphs above it named, while the next story, run on under a headline the page gives no
mark to, speaks of other things. The measure is the share of the two-character words (pairs of Han
characters side by side) of the text below that the text above also uses, as text segmenters since
TextTiling (Hearst, 1997) compare the blocks on either side of a possible break. Pairs with one of the
commonest characters of news text (的, 是, 年, 月 …) say nothing of a subject and are not counted.

Both sides are windows of bounded length, so a page costs time in proportion to its length however many
lines are weighed.
"""

from __future__ import annotations

import re

from .vocabulary import CJK

ABOVE = 800  # characters of text above the line weighed: the story so far, at most this much of its end
BELOW = 300  # characters below it: the line and the text under it, at most this much

_COMMON = "的了在是和与及也都而就对为有这那我他她它们个之上中下一不人年月日"
_COMMON_CHAR = re.compile(f"[{_COMMON}]")  # a common character parts words as a space does


def han_pairs(text: str) -> set[str]:
    """Every pair of side-by-side Han characters in the text, overlapping ("安全隐患": 安全, 全隐, 隐患)."""
    pairs = set(_EVEN_PAIR.findall(text))
    pairs.update(_ODD_PAIR.findall(text))
    return pairs


# Two scans that each take a pair and move past it (quicker than a match of no width at every character):
# the pairs at an even place from the start of their run of Han characters, then those at an odd place
# (after a Han character; the pair before, taken by the first scan, is stepped over).
_EVEN_PAIR = re.compile(rf"[{CJK}]{{2}}")
_ODD_PAIR = re.compile(rf"(?<=[{CJK}])[{CJK}]{{2}}")


def word_pairs(text: str) -> set[str]:
    """The text's two-character words that can tell its subject."""
    return han_pairs(_COMMON_CHAR.sub(" ", text))


def goes_on(above: str, below: str, share: float) -> bool:
    """Whether at least `share` of the words of `below` are used in `above` (see `continuation`): `above`
    is read from its end a stretch at a time, and the reading stops once enough words are found (most
    are near the line)."""
    words = word_pairs(below[:BELOW])
    if not words:
        return True
    needed = share * len(words)
    found: set[str] = set()
    above = above[-ABOVE:]
    for end in range(len(above), 0, -_STRETCH):
        stretch = above[max(0, end - _STRETCH - 1) : end]  # one character over: no pair cut
        # a word (two Han characters, neither a common one) is among the stretch's word_pairs exactly when it
        # is printed in the stretch: so looked up, the reading stops at the word that makes enough
        for word in words:
            if word not in found and word in stretch:
                found.add(word)
                if len(found) >= needed:
                    return True
        if len(found) >= needed:  # (a share of 0 needs no word)
            return True
    return False


_STRETCH = 200


def continuation(above: str, below: str) -> float:
    """Share of the words of `below` (its first BELOW characters) that `above` (its last ABOVE) uses:
    0 for a text that shares nothing with what came before, 1 for one that says only what it said."""
    words = word_pairs(below[:BELOW])
    if not words:
        return 1.0  # nothing to tell by: no sign of a new subject
    return len(words & word_pairs(above[-ABOVE:])) / len(words)
