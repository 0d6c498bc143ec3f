"""Traditional characters in the desk: pages of Hong Kong, Macau and Taiwan papers are stored as printed.

The parser reads such a page as simplified text and gives every field back as printed
(articles.parser.script). The desk uses the same table to match a reporter's name printed in either
script, and prints the words it adds itself (记者 before a name) in the script of the story.
"""

# the parser's own conversions: `simplified` matches a name printed in either script (陳 → 陈; 乾, a
# surname beside 干, stays); `folded` is how search reads a story and a query (every character in its
# usual form: 開 → 开), looser, as both sides are folded alike; `printed_in_traditional` is the parser's
# test of a page's script
from .parser.script import is_traditional as printed_in_traditional  # noqa: F401
from .parser.script import to_simplified as simplified  # noqa: F401
from .parser.script import to_usual_forms as folded  # noqa: F401

# The words the site prints beside names (记者 before one, 摄 after a photographer's), as a traditional page prints them.
TRADITIONAL_WORDS = {"记者": "記者", "通讯员": "通訊員", "摄影": "攝影", "摄": "攝"}


def in_script(word: str, traditional: bool) -> str:
    """One of the desk's own words before a name, in the script of the story it is printed in."""
    return TRADITIONAL_WORDS.get(word, word) if traditional else word
