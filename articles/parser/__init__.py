"""The page-text parser: one OCR'd newspaper page in, its structure out.

Pure Python with no Django import and no I/O, so it can be tested and benchmarked alone::

    from articles.parser import parse_page
    page = parse_page(text)
    page.to_dict()  # the fields of GOLD_SCHEMA.md
    page.decisions  # what it made of each piece of the page (docs/PARSE_DECISIONS.md)
"""

from .blocks import normalise, split_blocks
from collections.abc import Iterable

from .classify import classify
from .decisions import Correction, Decision, Label, decisions_of
from .keys import piece_keys
from .model import Article, Credit, ParsedPage, Photo, Role, StaffCredit
from .publication import infer_publication
from .segment import finish, segment

__all__ = [
    "Article", "Correction", "Credit", "Decision", "Label", "ParsedPage", "Photo", "Role", "StaffCredit",
    "parse_page", "piece_keys",
]


def parse_page(text: str, corrections: Iterable[Correction] = ()) -> ParsedPage:
    """Structure one page's text, with an editor's corrections of its pieces applied. Never raises on
    any text."""
    page = ParsedPage()
    emails: list[str] = []
    items, pieces = classify(split_blocks(text), page, emails, list(corrections))
    stories = segment(items, page)
    page.articles = [finish(story, page) for story in stories]
    page.publication = infer_publication(page, emails, normalise(text))
    page.decisions = decisions_of(pieces, stories, page.articles)
    return page
