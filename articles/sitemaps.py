"""sitemap.xml (editions, pages, articles, reporters) and a news sitemap of the last two days.

Everything listed goes through ``published()``.
"""
import datetime

from django.contrib.sitemaps import Sitemap
from django.db import models
from django.shortcuts import render
from django.utils import timezone

from .caching import public_page
from .models import Article, Edition, Page, Reporter

NEWS_DAYS = 2


class EditionSitemap(Sitemap):
    changefreq = "never"
    limit = 10000

    def items(self):
        return (
            Edition.objects.published()
            .with_published_stories()
            .select_related("publication")
            .order_by("-date", "pk")
        )

    def lastmod(self, edition):
        return edition.updated_at


class PageSitemap(Sitemap):
    changefreq = "never"
    limit = 10000

    def items(self):
        stories = Article.objects.published().filter(page=models.OuterRef("pk"))
        return (
            Page.objects.published()
            .filter(models.Exists(stories))  # a page of drafts or withdrawn stories only is not listed
            .select_related("edition__publication")
            .order_by("-edition__date", "pk")
        )

    def lastmod(self, page):
        return page.updated_at


class ArticleSitemap(Sitemap):
    changefreq = "never"
    limit = 10000

    def items(self):
        return (
            Article.objects.published()
            .select_related("page__edition__publication")
            .order_by("-page__edition__date", "pk")
        )

    def lastmod(self, article):
        return article.updated_at


class ReporterSitemap(Sitemap):
    changefreq = "weekly"
    limit = 10000

    def items(self):
        credited = Article.objects.published().values("bylines__reporter")
        return Reporter.objects.filter(pk__in=credited).select_related("publication").order_by("pk")


SITEMAPS = {
    "editions": EditionSitemap,
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "reporters": ReporterSitemap,
}


def recent_news(days=NEWS_DAYS):
    """Published stories in editions dated within the last ``days`` days, for the news sitemap."""
    since = timezone.localdate() - datetime.timedelta(days=days - 1)
    return (
        Article.objects.published()
        .filter(page__edition__date__gte=since)
        .select_related("page__edition__publication")
        .order_by("-page__edition__date", "page__number", "position")[:1000]
    )


@public_page
def news_sitemap(request):
    return render(
        request,
        "sitemaps/news.xml",
        {"articles": recent_news()},
        content_type="application/xml; charset=utf-8",
    )
