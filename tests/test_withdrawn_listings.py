"""An edition or page whose stories were all withdrawn (or never published) is not offered to readers:
the 往期 calendar links no such day, and the sitemap lists no such page or edition."""
import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from articles import caching
from articles.models import Article

from .factories import ArticleFactory, EditionFactory, PageFactory, PublicationFactory, UserFactory

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
SPIKED = Article.Status.SPIKED


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    caching.process_copies.clear()


@pytest.fixture
def paper():
    """茂名晚报: 11月22日 with a story to read; 11月21日 and 10月31日 published, every story withdrawn."""
    paper = PublicationFactory(name="茂名晚报", slug="mmwb")
    read = EditionFactory(publication=paper, date=datetime.date(2022, 11, 22), published=True)
    ArticleFactory(page__edition=read, page__number=1, published=True, title="见报稿标题")
    ArticleFactory(page__edition=read, page__number=2, status=SPIKED, title="二版撤稿标题")
    for date in (datetime.date(2022, 11, 21), datetime.date(2022, 10, 31)):
        withdrawn = EditionFactory(publication=paper, date=date, published=True)
        page = PageFactory(edition=withdrawn, number=1)
        ArticleFactory(page=page, status=SPIKED, title="撤稿标题")
        ArticleFactory(page=page, title="草稿标题")
    return paper


def edition_link(day):
    return f'href="{reverse("articles:edition", args=["mmwb", day])}"'


def test_the_calendar_links_only_days_with_a_story_to_read(client, paper):
    html = client.get(reverse("articles:archive", args=["mmwb", datetime.date(2022, 11, 1)])).content.decode()

    assert edition_link(datetime.date(2022, 11, 22)) in html
    assert edition_link(datetime.date(2022, 11, 21)) not in html
    assert 'rel="prev"' not in html  # October has only the withdrawn edition


def test_a_previewing_editor_still_sees_every_edition_in_the_calendar(paper):
    editor = Client()
    editor.force_login(UserFactory(group="编辑"))
    html = editor.get(reverse("articles:archive", args=["mmwb", datetime.date(2022, 11, 1)])).content.decode()

    assert edition_link(datetime.date(2022, 11, 21)) in html
    assert 'rel="prev"' in html


def test_a_calendar_cached_before_the_last_story_is_spiked_drops_its_day(client, paper):
    url = reverse("articles:archive", args=["mmwb", datetime.date(2022, 11, 1)])
    other = EditionFactory(publication=paper, date=datetime.date(2022, 11, 23), published=True)
    story = ArticleFactory(page__edition=other, published=True)
    assert edition_link(other.date) in client.get(url).content.decode()
    assert edition_link(other.date) in client.get(url).content.decode()

    story.status = SPIKED
    story.save()

    assert edition_link(other.date) not in client.get(url).content.decode()


def listed(client):
    index = ET.fromstring(client.get(reverse("articles:sitemap")).content)
    paths = set()
    for section in index.iter(SITEMAP):
        content = client.get(section.text.replace("http://testserver", "")).content
        paths |= {loc.text.replace("http://testserver", "") for loc in ET.fromstring(content).iter(SITEMAP)}
    return paths


def test_the_sitemap_lists_no_page_or_edition_without_a_published_story(client, paper):
    shown = Article.objects.get(title="见报稿标题")
    drafts_only = PageFactory(edition=shown.page.edition, number=3)
    ArticleFactory(page=drafts_only, title="三版草稿")

    paths = listed(client)

    assert {shown.get_absolute_url(), shown.page.get_absolute_url(), shown.page.edition.get_absolute_url()} <= paths
    for title in ("二版撤稿标题", "撤稿标题", "草稿标题", "三版草稿"):
        for article in Article.objects.filter(title=title):
            assert article.page.get_absolute_url() not in paths, title
    for date in (datetime.date(2022, 11, 21), datetime.date(2022, 10, 31)):
        assert reverse("articles:edition", args=["mmwb", date]) not in paths
