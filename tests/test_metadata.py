"""Search engines and link previews read the story's schema.org JSON-LD, OpenGraph and canonical URL."""
import datetime
import json
import re

import pytest
from django.core.cache import cache

from articles.models import Byline, Reporter

from .factories import ArticleFactory, BylineFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def article():
    article = ArticleFactory(
        published=True,
        page__edition__published=True,
        page__edition__publication__name="江门日报",
        page__edition__publication__slug="jmrb",
        page__edition__date=datetime.date(2022, 11, 22),
        page__edition__issue_number=12001,
        page__number=3,
        page__name="综合",
        title="稻花香里说丰年",
        subtitle="全市晚稻收割近九成",
        dateline="江门日报讯",
        body="## 小标题\n\n稻浪黄,农忙忙。11月20日,记者在台山市白沙镇见到稻田里稻香扑鼻。",
    )
    BylineFactory(article=article, reporter__name="郭永乐", position=0)
    BylineFactory(
        article=article,
        reporter__name="区红十字会",
        reporter__kind=Reporter.Kind.ORGANISATION,
        role=Byline.Role.SOURCE,
        position=1,
    )
    return article


def page_of(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_article_carries_news_article_json_ld(client, article):
    html = page_of(client, article)
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "稻花香里说丰年"
    assert data["alternativeHeadline"] == "全市晚稻收割近九成"
    assert data["dateline"] == "江门日报讯"
    assert data["printEdition"] == "第12001期"
    assert data["printPage"] == "3"
    assert data["printSection"] == "综合"
    assert data["publisher"]["name"] == "江门日报"
    assert [(a["@type"], a["name"]) for a in data["author"]] == [("Person", "郭永乐"), ("Organization", "区红十字会")]
    assert data["url"] == f"http://testserver{article.get_absolute_url()}"
    assert data["description"].startswith("稻浪黄")


def test_a_story_without_byline_names_the_paper_as_its_author(client, article):
    article.bylines.all().delete()
    html = page_of(client, article)
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert [(a["@type"], a["name"]) for a in data["author"]] == [("Organization", "江门日报")]


def test_article_carries_opengraph_and_a_canonical_url(client, article):
    html = page_of(client, article)
    og = dict(re.findall(r'<meta property="([^"]+)" content="([^"]*)">', html))
    assert og["og:type"] == "article"
    assert og["og:title"] == "稻花香里说丰年"
    assert og["og:site_name"] == "江门日报"
    assert og["og:url"] == f"http://testserver{article.get_absolute_url()}"
    assert og["og:description"].startswith("稻浪黄")
    assert f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}">' in html


def test_the_first_page_is_canonical_for_its_edition(client, article):
    html = client.get(article.page.edition.get_absolute_url()).content.decode()
    assert f'<link rel="canonical" href="http://testserver{article.page.get_absolute_url()}">' in html
