"""What search engines and link previews read about a story: schema.org JSON-LD and OpenGraph."""
import json

from django.urls import reverse
from django.utils.safestring import mark_safe

from .markup import plain_summary
from .models import Reporter

# Characters that could end a <script> element or start markup inside one.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def script_json(data):
    """JSON safe to place inside <script type="application/ld+json">."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES))


def person_or_organisation(reporter, request):
    kind = "Organization" if reporter.kind == Reporter.Kind.ORGANISATION else "Person"
    return {
        "@type": kind,
        "name": reporter.name,
        "url": request.build_absolute_uri(reporter.get_absolute_url()),
    }


def news_article(story, request):
    """A schema.org NewsArticle for one story, with where it was printed."""
    article = story.article
    page = article.page
    edition = page.edition
    url = request.build_absolute_uri(article.get_absolute_url())
    publisher = {"@type": "Organization", "name": edition.publication.name}
    credited = [
        person_or_organisation(reporter, request) for _prefix, reporters in story.credits for reporter in reporters
    ]
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": "zh-Hans",
        "datePublished": (article.published_at or edition.published_at or edition.date).isoformat(),
        "dateModified": article.updated_at.isoformat(),
        "description": plain_summary(article.body),
        # A story with no byline is the paper's own (本报讯): the paper is its author.
        "author": credited or [publisher],
        "publisher": publisher,
        "printEdition": f"第{edition.issue_number}期" if edition.issue_number else edition.date.isoformat(),
        "printPage": str(page.number),
        "printSection": page.name,
    }
    if article.subtitle:
        data["alternativeHeadline"] = article.subtitle
    if article.dateline:
        data["dateline"] = article.dateline
    data["image"] = images(article, request)
    return data


def images(article, request):
    """The story's image URLs for search engines and link previews: its photos; without one,
    the paper's logo; without a logo, the paper's generated card (articles.cards). Never empty."""
    urls = [photo.image.url for photo in article.photos.all() if photo.image]
    if not urls:
        publication = article.page.edition.publication
        urls = [publication.logo.url if publication.logo else reverse("articles:paper_card", args=[publication.slug])]
    return [request.build_absolute_uri(url) for url in urls]


def opengraph(story, request):
    """OpenGraph properties for link previews, as (property, content) pairs."""
    article = story.article
    edition = article.page.edition
    pairs = [
        ("og:type", "article"),
        ("og:site_name", edition.publication.name),
        ("og:locale", "zh_CN"),
        ("og:title", article.title),
        ("og:description", plain_summary(article.body)),
        ("og:url", request.build_absolute_uri(article.get_absolute_url())),
        ("article:published_time", (article.published_at or edition.published_at or edition.date).isoformat()),
        ("article:section", article.page.name),
    ]
    pairs += [("og:image", url) for url in images(article, request)]
    return pairs
