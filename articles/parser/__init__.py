"""The page-text parser: one OCR'd newspaper page in, its structure out.

Pure Python with no Django import and no I/O, so it can be tested and benchmarked alone::

    from articles.parser import parse_page
    page = parse_page(text)
    page.to_dict()  # the fields of GOLD_SCHEMA.md
"""

from .blocks import normalise, split_blocks
from .classify import classify
from .model import Article, Credit, ParsedPage, Photo, Role, StaffCredit
from .publication import infer_publication
from .segment import finish, segment

__all__ = ["Article", "Credit", "ParsedPage", "Photo", "Role", "StaffCredit", "parse_page"]


def parse_page(text: str) -> ParsedPage:
    """Structure one page's text. Never raises on any text."""
    page = ParsedPage()
    emails: list[str] = []
    items = classify(split_blocks(text), page, emails)
    page.articles = [finish(story, page) for story in segment(items, page)]
    page.publication = infer_publication(page, emails, normalise(text))
    return page
