"""sitemap.xml lists published content only; the news sitemap the last two days' stories."""
import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from .factories import ArticleFactory, BylineFactory, EditionFactory, PageFactory

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def locations(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return [loc.text for loc in ET.fromstring(response.content).iter(f"{{{NS['s']}}}loc")]


def test_sitemap_lists_published_editions_pages_articles_and_reporters(client):
    article = ArticleFactory(published=True, page__edition__published=True)
    reporter = BylineFactory(article=article).reporter
    draft = ArticleFactory(page=article.page)
    hidden = ArticleFactory(published=True, page__edition__published=False)

    sections = locations(client, reverse("articles:sitemap"))
    listed = [loc for section in sections for loc in locations(client, section.replace("http://testserver", ""))]
    paths = {loc.replace("http://testserver", "") for loc in listed}
    assert {
        article.get_absolute_url(),
        article.page.get_absolute_url(),
        article.page.edition.get_absolute_url(),
        reporter.get_absolute_url(),
    } <= paths
    assert draft.get_absolute_url() not in paths
    assert hidden.get_absolute_url() not in paths
    assert hidden.page.edition.get_absolute_url() not in paths


def test_news_sitemap_holds_the_last_two_days_only(client):
    today = timezone.localdate()
    fresh = ArticleFactory(published=True, page__edition__published=True, page__edition__date=today, title="今日新闻")
    yesterday = ArticleFactory(
        published=True, page__edition__published=True, page__edition__date=today - datetime.timedelta(days=1)
    )
    old = ArticleFactory(
        published=True, page__edition__published=True, page__edition__date=today - datetime.timedelta(days=3)
    )
    ArticleFactory(page=fresh.page, title="草稿")
    response = client.get(reverse("articles:news_sitemap"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    urls = root.findall("s:url", NS)
    paths = [url.findtext("s:loc", namespaces=NS).replace("http://testserver", "") for url in urls]
    assert sorted(paths) == sorted([fresh.get_absolute_url(), yesterday.get_absolute_url()])
    assert old.get_absolute_url() not in paths
    titles = [url.findtext("news:news/news:title", namespaces=NS) for url in urls]
    assert "今日新闻" in titles and "草稿" not in titles
    names = {url.findtext("news:news/news:publication/news:name", namespaces=NS) for url in urls}
    assert fresh.page.edition.publication.name in names


def test_robots_txt_points_to_both_sitemaps(client):
    EditionFactory(published=True)
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/news-sitemap.xml" in text


# --- Queries stay fixed as content grows -----------------------------------------------------


def add_editions(count, start):
    """Published editions of one paper dated from ``start``, each with pages, stories and bylines."""
    for day in range(count):
        edition = EditionFactory(
            published=True, publication__name="茂名晚报", publication__slug="mmwb", date=start + datetime.timedelta(days=day)
        )
        for number in (1, 2):
            page = PageFactory(edition=edition, number=number)
            for _ in range(3):
                article = ArticleFactory(published=True, page=page)
                BylineFactory(article=article)
                BylineFactory(article=article)


@pytest.mark.parametrize(
    "url",
    [
        "/sitemap-editions.xml",
        "/sitemap-pages.xml",
        "/sitemap-articles.xml",
        "/sitemap-reporters.xml",
        "/news-sitemap.xml",
        "/sitemap.xml",  # the index: always the same four sections, each with its latest change
    ],
)
def test_each_sitemap_runs_a_fixed_number_of_queries(client, django_assert_num_queries, url):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    add_editions(1, yesterday)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        small = locations(client, url)

    add_editions(1, yesterday + datetime.timedelta(days=1))
    add_editions(8, yesterday - datetime.timedelta(days=20))
    cache.clear()
    with django_assert_num_queries(len(queries)):
        large = locations(client, url)
    if url == "/sitemap.xml":
        assert len(large) == len(small) == 4
    else:
        assert len(large) > len(small)  # the larger site lists more
