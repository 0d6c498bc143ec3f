"""The read-only JSON API: what the e-paper shows, as data, paginated, published content only."""
import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import api
from articles.models import Byline

from .factories import ArticleFactory, BylineFactory, DutyAssignmentFactory, EditionFactory, PageFactory, PhotoFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def article():
    article = ArticleFactory(
        published=True,
        page__edition__published=True,
        page__edition__publication__name="茂名晚报",
        page__edition__publication__slug="mmwb",
        page__edition__date=datetime.date(2022, 7, 15),
        page__number=1,
        page__name="要闻",
        kicker="引题",
        title="市12345热线当好疫情防控总客服",
        subtitle="副题",
        dateline="茂名晚报讯",
        body="热线24小时有人接听。\n\n## 保障热线不掉线\n\n正文。",
    )
    BylineFactory(article=article, reporter__name="李君平", position=0)
    BylineFactory(article=article, reporter__name="茂健", role=Byline.Role.CORRESPONDENT, position=1)
    return article


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_editions_list_published_editions_newest_first(client, article):
    older = EditionFactory(publication=article.page.edition.publication, date=datetime.date(2022, 7, 1), published=True)
    EditionFactory(publication=article.page.edition.publication, date=datetime.date(2022, 7, 20))  # draft
    data = get_json(client, reverse("articles:api_editions"))
    assert data["count"] == 2
    assert [(e["paper"], e["date"]) for e in data["results"]] == [("茂名晚报", "2022-07-15"), ("茂名晚报", "2022-07-01")]
    assert data["results"][1]["url"] == "http://testserver" + older.get_absolute_url()

    EditionFactory(publication__slug="jmrb", published=True)
    assert get_json(client, reverse("articles:api_editions") + "?paper=jmrb")["count"] == 1


def test_editions_are_paginated(client):
    for day in range(api.PER_PAGE + 3):
        EditionFactory(publication__slug="mmwb", publication__name="茂名晚报", date=datetime.date(2020, 1, 1) + datetime.timedelta(days=day), published=True)
    first = get_json(client, reverse("articles:api_editions"))
    assert first["count"] == api.PER_PAGE + 3
    assert len(first["results"]) == api.PER_PAGE
    assert first["previous"] is None
    second = get_json(client, first["next"].replace("http://testserver", ""))
    assert len(second["results"]) == 3
    assert second["next"] is None
    assert get_json(client, reverse("articles:api_editions") + "?page=9", status=404)["error"]


def test_edition_lists_its_pages_and_a_page_its_articles_and_text(client, article):
    PageFactory(edition=article.page.edition, number=2, name="综合")
    DutyAssignmentFactory(page=article.page, role="责编", duty_editor__name="钟海浪")
    edition = get_json(client, get_json(client, reverse("articles:api_editions"))["results"][0]["api_url"].replace("http://testserver", ""))
    assert [(p["label"], p["name"]) for p in edition["pages"]] == [("第01版", "要闻"), ("第02版", "综合")]

    page = get_json(client, edition["pages"][0]["api_url"].replace("http://testserver", ""))
    assert [a["title"] for a in page["articles"]] == ["市12345热线当好疫情防控总客服"]
    assert page["staff_box"] == [{"role": "责编", "names": ["钟海浪"]}]
    assert "source_text" not in page  # the imported text is the desk's: it holds what was held back
    assert page["text"].startswith("引题\n市12345热线当好疫情防控总客服\n副题\n茂名晚报讯 记者 李君平 通讯员 茂健\n\n")
    assert "热线24小时有人接听。\n\n保障热线不掉线\n\n正文。" in page["text"]
    assert page["edition"]["date"] == "2022-07-15"


def test_article_as_data(client, article):
    PhotoFactory(article=article, caption="图片说明", credit_text="罗栋")
    data = get_json(client, reverse("articles:api_article", args=[article.pk]))
    assert (data["kicker"], data["title"], data["subtitle"], data["dateline"]) == (
        "引题", "市12345热线当好疫情防控总客服", "副题", "茂名晚报讯"
    )
    assert [(b["role_label"], b["name"]) for b in data["bylines"]] == [("记者", "李君平"), ("通讯员", "茂健")]
    assert data["body"] == article.body
    assert "<h2>保障热线不掉线</h2>" in data["body_html"]
    assert data["photos"] == [{"caption": "图片说明", "credit": "罗栋", "image": None}]
    assert data["page"]["label"] == "第01版"
    assert data["url"] == "http://testserver" + article.get_absolute_url()


def test_articles_filter_by_paper_and_date(client, article):
    ArticleFactory(published=True, page__edition__published=True, page__edition__date=datetime.date(2022, 7, 16))
    assert get_json(client, reverse("articles:api_articles"))["count"] == 2
    assert get_json(client, reverse("articles:api_articles") + "?paper=mmwb")["count"] == 1
    assert get_json(client, reverse("articles:api_articles") + "?date=2022-07-16")["count"] == 1
    get_json(client, reverse("articles:api_articles") + "?date=July", status=404)


def test_unpublished_content_is_not_in_the_api(client, article):
    draft = ArticleFactory(page=article.page, title="草稿")
    hidden = ArticleFactory(
        published=True, page__edition__published=False, page__edition__publication=article.page.edition.publication
    )
    get_json(client, reverse("articles:api_article", args=[draft.pk]), status=404)
    get_json(client, reverse("articles:api_article", args=[hidden.pk]), status=404)
    edition = hidden.page.edition
    get_json(client, reverse("articles:api_edition", args=["mmwb", edition.date.isoformat()]), status=404)
    assert get_json(client, reverse("articles:api_articles"))["count"] == 1
    page = get_json(client, reverse("articles:api_page", args=["mmwb", "2022-07-15", 1]))
    assert [a["title"] for a in page["articles"]] == [article.title]


def test_the_api_only_reads(client, article):
    assert client.post(reverse("articles:api_editions")).status_code == 405
    assert client.delete(reverse("articles:api_article", args=[article.pk])).status_code == 405


# --- Queries stay fixed as content grows -----------------------------------------------------


def grow(edition, pages=3, articles=4):
    """Pages on an edition, each with stories carrying bylines, a photo and a staff box."""
    for number in range(10, 10 + pages):
        page = PageFactory(edition=edition, number=number)
        DutyAssignmentFactory(page=page)
        for _ in range(articles):
            article = ArticleFactory(published=True, page=page)
            PhotoFactory(article=article)
            BylineFactory(article=article, position=0)
            BylineFactory(article=article, role=Byline.Role.CORRESPONDENT, position=1)


@pytest.mark.parametrize(
    "url_of",
    [
        lambda article: reverse("articles:api_editions"),
        lambda article: reverse("articles:api_edition", args=["mmwb", "2022-07-15"]),
        lambda article: reverse("articles:api_page", args=["mmwb", "2022-07-15", 1]),
        lambda article: reverse("articles:api_articles"),
        lambda article: reverse("articles:api_article", args=[article.pk]),
    ],
    ids=["editions", "edition", "page", "articles", "article"],
)
def test_each_endpoint_runs_a_fixed_number_of_queries(client, django_assert_num_queries, article, url_of):
    url = url_of(article)
    with CaptureQueriesContext(connection) as queries:
        small = get_json(client, url)

    edition = article.page.edition
    grow(edition)
    for _ in range(4):
        neighbour = ArticleFactory(published=True, page=article.page)
        BylineFactory(article=neighbour)
        BylineFactory(article=neighbour)
    PhotoFactory(article=article)
    DutyAssignmentFactory(page=article.page)
    DutyAssignmentFactory(page=None, edition=edition)
    for day in range(1, 8):
        grow(EditionFactory(publication=edition.publication, date=datetime.date(2022, 7, day), published=True), 2, 3)
    cache.clear()
    with django_assert_num_queries(len(queries)):
        large = get_json(client, url)
    assert large != small  # the larger site shows more
