"""Finding stories in the article list: search across headline, body and bylines, and the edition-month filter."""
import datetime

import pytest
from django.urls import reverse

from .factories import ArticleFactory, BylineFactory, EditionFactory, PageFactory, ReporterFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:articles_article_changelist"


@pytest.fixture
def editor(client):
    client.force_login(UserFactory(group="编辑"))


def found(client, **params):
    return list(client.get(reverse(CHANGELIST), params).context["cl"].result_list)


def test_every_word_must_appear_in_the_headline_body_or_bylines(client, editor):
    both = ArticleFactory(title="晚稻丰收", body="收割机来回穿梭。")
    BylineFactory(article=both, reporter__name="郭永乐")
    ArticleFactory(title="晚稻丰收", body="另一篇。")
    assert found(client, q="晚稻 郭永乐") == [both]
    assert found(client, q="收割机 郭永") == [both]


def test_a_story_credited_to_two_matching_names_is_listed_once(client, editor):
    article = ArticleFactory(title="社区活动")
    paper = article.page.edition.publication
    BylineFactory(article=article, reporter=ReporterFactory(name="陈芝锋", publication=paper))
    BylineFactory(article=article, role="correspondent", reporter=ReporterFactory(name="陈芝", publication=paper))
    response = client.get(reverse(CHANGELIST), {"q": "陈芝"})
    assert list(response.context["cl"].result_list) == [article]
    assert response.context["cl"].result_count == 1


def test_the_month_filter_offers_the_months_that_have_editions_and_keeps_to_one(client, editor):
    november = ArticleFactory(page=PageFactory(edition=EditionFactory(date=datetime.date(2022, 11, 22))))
    ArticleFactory(page=PageFactory(edition=EditionFactory(date=datetime.date(2022, 7, 15))))
    html = client.get(reverse(CHANGELIST)).content.decode()
    assert "2022年11月" in html and "2022年7月" in html and "2022年8月" not in html
    assert found(client, edition_month="2022-11") == [november]
