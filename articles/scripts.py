"""Traditional characters in the desk: pages of Hong Kong, Macau and Taiwan papers are stored as printed.

The parser reads such a page as simplified text and gives every field back as printed
(articles.parser.script). The desk uses the same table to match a reporter's name printed in either
script, and prints the words it adds itself (记者 before a name) in the script of the story.
"""

from .parser.script import _to_simplified, read_as_simplified

_SAMPLE = 1000  # as the parser: a story is printed in one script, and its first lines say which

# The role words the desk prints before names, as a traditional page prints them.
TRADITIONAL_WORDS = {"记者": "記者", "通讯员": "通訊員", "摄影": "攝影"}


def simplified(text: str) -> str:
    """The text with each traditional character of one simplified form in that form (陳 → 陈)."""
    return text.translate(_to_simplified())


def printed_in_traditional(text: str) -> bool:
    """Is this story's text printed in traditional characters (by the parser's own test)?"""
    return read_as_simplified(text[:_SAMPLE])[1] is not None


def in_script(word: str, traditional: bool) -> str:
    """One of the desk's own words before a name, in the script of the story it is printed in."""
    return TRADITIONAL_WORDS.get(word, word) if traditional else word
