"""The page-text parser: one OCR'd newspaper page in, its structure out.

Pure Python with no Django import and no I/O besides reading its two learnt models once (confidence.py,
labeller.py), so it can be tested and benchmarked alone::

    from articles.parser import parse_page
    page = parse_page(text)
    page.to_dict()  # the fields of GOLD_SCHEMA.md
    page.decisions  # what it made of each piece of the page (docs/PARSE_DECISIONS.md)
"""

from .blocks import layout_notes, normalise, split_blocks
from collections.abc import Iterable

from . import confidence as _confidence
from . import labeller as _labeller
from . import script as _script
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


_COMMITTED = object()


def parse_page(
    text: str, corrections: Iterable[Correction] = (), *, confidence_model=_COMMITTED, labeller_model=_COMMITTED
) -> ParsedPage:
    """Structure one page's text, with an editor's corrections of its pieces applied. Never raises on
    any text.

    Where the learnt labeller is sure the rules misread a piece (labeller.py), the page is read again
    with its corrections (reason "模型判断：…"); pass `labeller_model=None` for the rules alone, or
    another `LabellerModel`. Each decision's confidence is the learnt model's chance that it is right
    (confidence.py); pass `confidence_model=None` for the rules' own confidence (what the model is
    trained from), or another `ConfidenceModel`."""
    corrections = list(corrections)
    text, printed = _script.read_as_simplified(text)
    page, plain = _read(text, corrections)
    labeller = _labeller.committed_model() if labeller_model is _COMMITTED else labeller_model
    base = None
    if labeller is not None and labeller.active:
        base = _confidence.features_of(page, plain)
        proposals = _labeller.propose(page, _labeller.features(page, base), labeller)
        if proposals:
            page, plain = _read(text, corrections + [p.correction for p in proposals])
            _labeller.show(page, proposals)
            base = None
    model = _confidence.committed_model() if confidence_model is _COMMITTED else confidence_model
    _confidence.apply(page, plain, model, base)
    if printed is not None:
        _script.give_back(page, printed)
    return page


def _read(text: str, corrections: list[Correction]) -> tuple[ParsedPage, str]:
    """The page as the rules read it with the corrections given, and its normalised text."""
    page = ParsedPage()
    emails: list[str] = []
    plain = normalise(text)
    blocks = split_blocks(plain, normalised=True)
    page.warnings += layout_notes(blocks)  # a page read by its layout: its paragraphs to be checked
    items, pieces = classify(blocks, page, emails, corrections)
    stories = segment(items, page)
    page.articles = [finish(story, page) for story in stories]
    page.publication = infer_publication(page, emails, plain)
    page.decisions = decisions_of(pieces, stories, page.articles)
    return page, plain
