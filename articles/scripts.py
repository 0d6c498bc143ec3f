"""Traditional characters in the desk: pages of Hong Kong, Macau and Taiwan papers are stored as printed.

The parser reads such a page as simplified text and gives every field back as printed
(articles.parser.script). The desk uses the same table to match a reporter's name printed in either
script, and prints the words it adds itself (记者 before a name) in the script of the story.
"""

from .parser.script import is_traditional, to_simplified, to_usual_forms

# The words the site prints beside names (记者 before one, 摄 after a photographer's), as a traditional page prints them.
TRADITIONAL_WORDS = {"记者": "記者", "通讯员": "通訊員", "摄影": "攝影", "摄": "攝"}


def simplified(text: str) -> str:
    """The text with each traditional character of one simplified form in that form (陳 → 陈): how a
    name printed in either script is matched (乾, a surname beside 干, stays)."""
    return to_simplified(text)


def folded(text: str) -> str:
    """The text as search reads it: every traditional character in its usual simplified form (開 → 开),
    one character for one. Looser than `simplified`, as a query is folded the same way: two characters
    read as one only find more."""
    return to_usual_forms(text)


def printed_in_traditional(text: str) -> bool:
    """Is this story's text printed in traditional characters (by the parser's own test)?"""
    return is_traditional(text)


def in_script(word: str, traditional: bool) -> str:
    """One of the desk's own words before a name, in the script of the story it is printed in."""
    return TRADITIONAL_WORDS.get(word, word) if traditional else word
