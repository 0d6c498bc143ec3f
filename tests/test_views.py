"""The public e-paper shows published content and nothing else."""
import datetime

import pytest
from django.urls import resolve, reverse
from hypothesis import given
from hypothesis import strategies as st

from articles.models import Article

from .factories import ArticleFactory, BylineFactory, EditionFactory, PageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_article():
    return ArticleFactory(
        published=True,
        page__edition__published=True,
        page__edition__publication__slug="mmwb",
        page__edition__date=datetime.date(2022, 7, 15),
        page__number=1,
        title="市12345热线当好疫情防控总客服",
        body="热线24小时有人接听。\n\n### 保障热线不掉线\n\n<script>alert(1)</script>",
    )


def test_published_article_is_shown(client, published_article, django_assert_max_num_queries):
    url = published_article.get_absolute_url()
    assert url == f"/mmwb/2022-07-15/1/{published_article.pk}/"
    with django_assert_max_num_queries(4):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "市12345热线当好疫情防控总客服" in html
    assert "<h3>保障热线不掉线</h3>" in html
    assert "<script>" not in html


@pytest.mark.parametrize(
    "status", [Article.Status.DRAFT, Article.Status.REVIEW, Article.Status.SPIKED]
)
def test_unpublished_article_is_not_found(client, status):
    article = ArticleFactory(status=status, page__edition__published=True)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_published_article_in_a_draft_edition_is_not_found(client):
    article = ArticleFactory(published=True, page__edition__published=False)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get(article.page.get_absolute_url()).status_code == 404
    assert client.get(article.page.edition.get_absolute_url()).status_code == 404


def test_article_under_the_wrong_page_is_not_found(client, published_article):
    url = reverse(
        "articles:article",
        kwargs={"slug": "mmwb", "date": "2022-07-15", "number": 2, "pk": published_article.pk},
    )
    assert client.get(url).status_code == 404


def test_impossible_date_is_not_found(client, published_article):
    assert client.get("/mmwb/2022-02-30/").status_code == 404


def test_edition_lists_its_pages(client, published_article):
    PageFactory(edition=published_article.page.edition, number=2, name="综合")
    response = client.get(published_article.page.edition.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "第01版 要闻" in html
    assert "第02版 综合" in html


def test_page_lists_only_published_articles(client, published_article):
    ArticleFactory(page=published_article.page, title="尚未发布的稿件")
    response = client.get(published_article.page.get_absolute_url())
    assert response.status_code == 200
    assert list(response.context["articles"]) == [published_article]
    assert published_article.get_absolute_url() in response.content.decode()


def test_home_lists_only_published_editions(client, published_article):
    draft = EditionFactory(date=datetime.date(2022, 7, 16))
    response = client.get(reverse("articles:home"))
    assert response.status_code == 200
    assert list(response.context["edition_list"]) == [published_article.page.edition]
    assert draft.get_absolute_url() not in response.content.decode()


def test_reporter_page_lists_published_stories(client, published_article):
    byline = BylineFactory(article=published_article)
    ArticleFactory(page=published_article.page, title="未发布稿件")
    response = client.get(byline.reporter.get_absolute_url())
    assert response.status_code == 200
    assert list(response.context["articles"]) == [published_article]


def test_reporter_credited_only_in_drafts_is_not_found(client):
    byline = BylineFactory(article__page__edition__published=True)
    assert client.get(byline.reporter.get_absolute_url()).status_code == 404


@given(st.dates())
def test_any_date_round_trips_through_the_url(day):
    url = reverse("articles:edition", kwargs={"slug": "mmwb", "date": day.isoformat()})
    assert resolve(url).kwargs == {"slug": "mmwb", "date": day}
