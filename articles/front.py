"""The front page: each paper's latest edition with the lead stories of its front page.

Like everything a reader sees, it is read through a ``reading.Scope``: readers get published
editions and published stories only, never a draft's headline or photo. It runs a fixed number
of queries, however many papers, pages or stories there are.
"""
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch

from .models import Article, Edition, Photo, Publication
from .reading import READERS

LEAD_STORIES = 4


@dataclass
class FrontPage:
    """One paper's place on the front page."""

    publication: Publication
    edition: Edition
    pages: list
    lead_page: object  # the page the leads come from: 第01版, or the first page with a story to read
    leads: list  # the lead stories, each with ``lead_photo`` (a Photo with an image, or None)


def front_pages(scope=READERS):
    """For every paper with a readable edition, its latest one and the leads of its front page."""
    papers = list(
        Publication.objects.annotate(
            latest_edition_id=scope.latest_candidates()
            .filter(publication=OuterRef("pk"))
            .order_by("-date")
            .values("pk")[:1]
        )
        .filter(latest_edition_id__isnull=False)
        .order_by("name")
    )
    if not papers:
        return []
    readable = scope.articles().filter(page=OuterRef("pk"))
    pages = (
        scope.pages()
        .defer("source_text")
        .annotate(has_stories=Exists(readable))
        .order_by("number")
    )
    editions = {
        edition.pk: edition
        for edition in scope.editions()
        .filter(pk__in=[paper.latest_edition_id for paper in papers])
        .prefetch_related(Prefetch("pages", pages, to_attr="page_list"))
    }
    lead_pages = {}
    for edition in editions.values():
        lead_pages[edition.pk] = next((page for page in edition.page_list if page.has_stories), None)
    articles = (
        scope.articles()
        .filter(page__in=[page for page in lead_pages.values() if page is not None])
        .only("pk", "page_id", "position", "kicker", "title", "subtitle", "body", "status")
        .order_by("page_id", "position")
        .prefetch_related(Prefetch("photos", Photo.objects.exclude(image="").order_by("position", "pk")))
    )
    leads = {}
    for article in articles:
        leads.setdefault(article.page_id, []).append(article)
    result = []
    for paper in papers:
        edition = editions[paper.latest_edition_id]
        edition.publication = paper
        for page in edition.page_list:
            page.edition = edition
        lead_page = lead_pages[edition.pk]
        stories = leads.get(lead_page.pk, [])[:LEAD_STORIES] if lead_page else []
        for article in stories:
            article.page = lead_page
            article.lead_photo = next(iter(article.photos.all()), None)
        result.append(FrontPage(paper, edition, edition.page_list, lead_page, stories))
    return result


def description(front_pages):
    """The home page's meta description: each paper's date and its lead headlines."""
    parts = []
    for front in front_pages:
        headlines = "、".join(f"《{article.title}》" for article in front.leads[:3])
        parts.append(f"{front.publication.name}{front.edition.date.year}年{front.edition.date.month}月{front.edition.date.day}日" + (f":{headlines}" if headlines else ""))
    return ";".join(parts)
