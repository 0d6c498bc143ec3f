"""RSS feeds: the latest published stories of one paper, and of one reporter.

Whatever is stored, a feed is always valid XML: characters XML 1.0 cannot hold (a vertical tab
in a headline) are replaced as the feed is written, see ``xmltext``.
"""
import datetime

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from . import reading
from .markup import plain_summary
from .xmltext import xml_safe_all

ITEMS = 30


class XmlSafeRssFeed(Rss201rev2Feed):
    """RSS 2.0 whose every text, of the channel and of each item, is cleaned for XML first."""

    def write(self, outfile, encoding):
        self.feed = {name: xml_safe_all(value) for name, value in self.feed.items()}
        self.items = [{name: xml_safe_all(value) for name, value in item.items()} for item in self.items]
        return super().write(outfile, encoding)


class StoriesFeed(Feed):
    feed_type = XmlSafeRssFeed
    language = "zh-cn"

    def items(self, obj):
        return obj["articles"][:ITEMS]

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        return plain_summary(item.body, 200)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_author_name(self, item):
        return item.credit_line() or None

    def item_pubdate(self, item):
        edition = item.page.edition
        if item.published_at:
            return item.published_at
        if edition.published_at:
            return edition.published_at
        return timezone.make_aware(datetime.datetime.combine(edition.date, datetime.time(6)))

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.page.name] if item.page.name else []


class PaperFeed(StoriesFeed):
    def get_object(self, request, slug):
        publication, articles = reading.paper_stories(slug)
        return {"publication": publication, "articles": articles}

    def title(self, obj):
        return f"{obj['publication'].name} 数字报"

    def link(self, obj):
        return reverse("articles:paper", kwargs={"slug": obj["publication"].slug})

    def description(self, obj):
        return obj["publication"].description or f"{obj['publication'].name}最新见报稿件"


class ReporterFeed(StoriesFeed):
    def get_object(self, request, slug, pk):
        reporter, articles = reading.reporter_with_stories(slug, pk)
        if not articles.exists():
            raise Http404("No published article credits this reporter.")
        return {"reporter": reporter, "articles": articles}

    def title(self, obj):
        return f"{obj['reporter'].name} - {obj['reporter'].publication.name}"

    def link(self, obj):
        return obj["reporter"].get_absolute_url()

    def description(self, obj):
        return f"{obj['reporter'].name}在{obj['reporter'].publication.name}的见报稿件"
