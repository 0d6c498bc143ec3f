"""A paper's house style in the desk: learnt from its editors' structure corrections, applied to its pages.

Every page of a publication that an editor corrected in the structure view is a labelled example of
how that paper prints: each piece settles on what the page reads with the editor's corrections (the
pieces corrected and the ones seen and left). `articles.parser.style` learns rules from those pages;
`read_page` applies them whenever a page of the publication is imported or parsed again, the editor's
own corrections of that page winning. See docs/PARSE_DECISIONS.md ("House style").

The style costs a fixed number of queries (one to read the publication's corrections, which name the
cached style, one more to learn it) and is cached per publication under a name that changes with every
correction added or undone and every corrected page given a new text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from django.core.cache import cache
from django.db.models import Subquery

from .models import Edition, Page, PageCorrection
from .parser import Correction, ParsedPage, parse_page
from .parser.style import HouseStyle, learn_pages, parse_in_style

# The latest corrected pages a style is learnt from: enough for a paper's habits, few enough that
# learning takes about half a second (12 pages of a national daily, 71k characters: 0.23 to 0.46 s), once
# per correction made or undone.
PAGES_LEARNT = 12
# Raised when the learner changes, so that no cache holds a style learnt by an older one.
_VERSION = 2
_DAY = 24 * 3600


def style_of(publication_id: int | None = None, *, edition_id: int | None = None) -> HouseStyle:
    """The house style learnt from the publication's corrected pages (no rules when it has none); the
    publication given by its id, or as the publication of an edition.

    Two queries at most: the publication's corrections (newest first, with their page's text hash),
    which also name the cached style, and on a miss the texts of the pages learnt from."""
    if publication_id is not None:
        rows = PageCorrection.objects.filter(page__edition__publication_id=publication_id)
    elif edition_id is not None:
        of_edition = Edition.objects.filter(pk=edition_id).values("publication_id")[:1]
        rows = PageCorrection.objects.filter(page__edition__publication_id=Subquery(of_edition))
    else:
        return HouseStyle()
    rows = list(rows.order_by("-pk").values_list(
        "pk", "page_id", "page__source_hash", "key", "label", "story", "page__edition__publication_id"
    ))
    if not rows:
        return HouseStyle()
    publication_id = rows[0][-1]
    # every correction added or undone, and every corrected page's new text, names another style
    state = hashlib.sha256(repr(rows).encode()).hexdigest()[:24]
    name = f"house-style:{_VERSION}:{publication_id}:{state}"
    style = cache.get(name)
    if style is None:
        style = _learn(rows)
        cache.set(name, style, _DAY)
    return style


def _learn(rows) -> HouseStyle:
    latest: dict[int, dict[str, tuple[str | None, str | None]]] = {}
    for _, page_id, _, key, label, story, _ in rows:  # newest first: the newest label and story of a piece win
        if page_id not in latest and len(latest) == PAGES_LEARNT:
            continue
        old_label, old_story = latest.setdefault(page_id, {}).get(key, (None, None))
        latest[page_id][key] = (old_label or label or None, old_story or story or None)
    texts = dict(Page.objects.filter(pk__in=latest).values_list("pk", "source_text"))
    pages = []
    for page_id in sorted(latest):
        text = texts.get(page_id)
        if text:
            corrections = [Correction(key=key, label=label, story=story) for key, (label, story) in latest[page_id].items()]
            pages.append((text, _settled_by(text, corrections)))
    return learn_pages(pages)


def _settled_by(text: str, corrections: list[Correction]):
    """What each piece of the page settles on: its reading with the editor's corrections."""
    settled = {d.key: (d.label, d.starts_story) for d in parse_page(text, corrections).decisions}
    return lambda decisions: [settled.get(d.key, (d.label, None)) for d in decisions]


def read_page(
    text: str, *, publication_id: int | None = None, edition_id: int | None = None,
    corrections: Sequence[Correction] = (), parsed: ParsedPage | None = None,
) -> ParsedPage:
    """The page's text parsed with the editor's corrections and the house style of the publication
    (given by id, or as an edition's). `parsed` is the text already parsed without corrections, returned
    when there is nothing to apply."""
    style = style_of(publication_id, edition_id=edition_id)
    if not style.rules and not corrections and parsed is not None:
        return parsed
    return parse_in_style(text, style, list(corrections))
