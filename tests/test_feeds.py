"""RSS per paper and per reporter: published stories only, newest first."""
import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Byline

from .factories import (
    ArticleFactory,
    BylineFactory,
    EditionFactory,
    PageFactory,
    PhotoFactory,
    PublicationFactory,
    ReporterFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def items(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    return channel, [(item.findtext("title"), item.findtext("link")) for item in channel.findall("item")]


def story(paper, day, title, **kwargs):
    return ArticleFactory(
        published=True,
        page__edition__published=True,
        page__edition__publication=paper,
        page__edition__date=datetime.date(2022, 7, day),
        title=title,
        **kwargs,
    )


def test_paper_feed_lists_its_published_stories_newest_first(client):
    paper = PublicationFactory(name="茂名晚报", slug="mmwb")
    older = story(paper, 14, "昨天的稿件")
    newer = story(paper, 15, "今天的稿件")
    ArticleFactory(page=newer.page, title="未发布的稿件")
    story(PublicationFactory(name="江门日报"), 16, "别家报纸的稿件")
    channel, listed = items(client.get(reverse("articles:paper_feed", args=["mmwb"])))
    assert channel.findtext("language") == "zh-cn"
    assert "茂名晚报" in channel.findtext("title")
    assert [title for title, _ in listed] == ["今天的稿件", "昨天的稿件"]
    assert listed[0][1].endswith(newer.get_absolute_url())
    assert listed[1][1].endswith(older.get_absolute_url())


def test_reporter_feed_includes_co_bylined_stories(client):
    paper = PublicationFactory(slug="mmwb")
    reporter = ReporterFactory(name="李君平", publication=paper)
    alone = story(paper, 14, "独立采写")
    shared = story(paper, 15, "合写稿件")
    BylineFactory(article=alone, reporter=reporter)
    BylineFactory(article=shared, reporter__publication=paper, position=0)
    BylineFactory(article=shared, reporter=reporter, position=1)
    BylineFactory(article=story(paper, 16, "别人的稿件"), reporter__publication=paper)
    channel, listed = items(client.get(reverse("articles:reporter_feed", args=["mmwb", reporter.pk])))
    assert "李君平" in channel.findtext("title")
    assert [title for title, _ in listed] == ["合写稿件", "独立采写"]


def test_feeds_of_unknown_papers_and_unpublished_reporters_are_not_found(client):
    assert client.get(reverse("articles:paper_feed", args=["nopaper"])).status_code == 404
    byline = BylineFactory()  # credited only in a draft
    url = reverse("articles:reporter_feed", args=[byline.reporter.publication.slug, byline.reporter.pk])
    assert client.get(url).status_code == 404


def test_pages_point_feed_readers_to_the_feeds(client):
    paper = PublicationFactory(slug="mmwb")
    article = story(paper, 15, "稿件")
    reporter = BylineFactory(article=article).reporter
    html = client.get(article.page.edition.get_absolute_url()).content.decode()
    assert f'type="application/rss+xml" title="{paper.name}" href="/mmwb/feed/"' in html
    html = client.get(reporter.get_absolute_url()).content.decode()
    assert f'href="/mmwb/reporters/{reporter.pk}/feed/"' in html


# --- Queries stay fixed as content grows -----------------------------------------------------


def feed_queries(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), items(response)[1]


@pytest.mark.parametrize("feed", ["paper", "reporter"])
def test_a_feed_runs_a_fixed_number_of_queries(client, django_assert_num_queries, feed):
    paper = PublicationFactory(slug="mmwb")
    reporter = ReporterFactory(publication=paper)
    url = (
        reverse("articles:paper_feed", args=["mmwb"])
        if feed == "paper"
        else reverse("articles:reporter_feed", args=["mmwb", reporter.pk])
    )

    def add(day, count):
        page = PageFactory(edition=EditionFactory(published=True, publication=paper, date=datetime.date(2022, 7, day)))
        for _ in range(count):
            article = ArticleFactory(published=True, page=page)
            PhotoFactory(article=article)
            BylineFactory(article=article, reporter=reporter, position=0)
            BylineFactory(article=article, reporter__publication=paper, role=Byline.Role.CORRESPONDENT, position=1)

    add(1, 1)
    small, listed = feed_queries(client, url)
    assert len(listed) == 1

    for day in range(2, 12):
        add(day, 4)
    with django_assert_num_queries(small):
        listed = items(client.get(url))[1]
    assert len(listed) == 30  # a feed holds the latest 30
