"""The search page: what a reader who types a word into the e-paper's search box sees."""
import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, Edition
from articles.search import normalise

from .factories import ArticleFactory, BylineFactory, EditionFactory, PageFactory, PublicationFactory, ReporterFactory

pytestmark = pytest.mark.django_db

SAMPLE = Path(settings.BASE_DIR) / "fixtures" / "sample.json"
SEARCH = reverse("articles:search")


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def story(title, body="", *, edition=None, page=None, **fields):
    """A published article on a page of its own (unless given) in a published edition (its own unless given)."""
    page = page or PageFactory(edition=edition or EditionFactory(published=True))
    return ArticleFactory(published=True, page=page, title=title, body=body, **fields)


def search_page(client, **params):
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    return response.content.decode()


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def inline_text(html):
    """Text inside one element: inline tags such as <mark> add no space."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


def results(html):
    """Each result as a reader sees it: (headline, the line under it, the result's whole HTML)."""
    items = re.findall(r'<li class="story-item">(.*?)</li>', html, re.S)
    return [
        (
            inline_text(re.search(r'<h2 class="story-title">(.*?)</h2>', item, re.S).group(1)),
            text_of(re.search(r'<p class="meta">(.*?)</p>', item, re.S).group(1)),
            item,
        )
        for item in items
    ]


def titles(html):
    return [title for title, _, _ in results(html)]


# --- What a reader finds ------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["疫情", "茂名", "热线"])
def test_the_sample_papers_stories_are_found_and_their_matches_marked(client, query):
    call_command("loaddata", SAMPLE, verbosity=0)
    expected = {
        article.title
        for article in Article.objects.published()
        if any(query in normalise(text) for text in (article.kicker, article.title, article.subtitle, article.body))
    }

    html = search_page(client, q=query)

    assert expected and len(expected) <= 20  # one page holds them all
    assert f"找到 {len(expected)} 篇稿件" in text_of(html)
    assert set(titles(html)) == expected
    for title, _, item in results(html):
        assert f"<mark>{query}</mark>" in item, title


def test_a_result_shows_its_paper_date_and_page_and_links_to_the_story(client):
    edition = EditionFactory(
        published=True, publication=PublicationFactory(name="江门日报", slug="jmrb"), date=datetime.date(2022, 11, 22)
    )
    article = ArticleFactory(
        published=True,
        page=PageFactory(edition=edition, number=3, name="综合"),
        title="稻花香里说丰年",
        body="## 晚稻\n\n我市今年**晚稻**面积8.82万公顷。",
    )

    html = search_page(client, q="稻")

    [(title, meta, item)] = results(html)
    assert title == "稻花香里说丰年"
    assert meta == "江门日报 2022年11月22日 第03版 综合"
    assert f'href="{article.get_absolute_url()}"' in item
    assert "<mark>稻</mark>花香里说丰年" in item
    assert "我市今年晚<mark>稻</mark>面积8.82万公顷" in item  # the Markdown is gone from the snippet


@pytest.mark.parametrize("query", ["稻", "茂名", "疫情防控"])
def test_one_two_and_more_characters_find_what_contains_them(client, query):
    story("含有", "茂名市全力做好疫情防控,保障早稻收割。")
    story("不含", "江门市开展专项检查。")

    assert titles(search_page(client, q=query)) == ["含有"]


def test_nothing_found_says_so(client):
    story("江门新闻", "江门市开展专项检查。")

    html = search_page(client, q="茂名")

    assert results(html) == []
    assert "没有找到含有“茂名”的稿件" in text_of(html)


@pytest.mark.parametrize("query", ["", "   ", "!!", ",。“”", "#*"])
def test_a_query_without_anything_searchable_asks_for_one(client, query):
    story("热线", "热线!! 24小时有人接听。")

    html = search_page(client, q=query)

    assert results(html) == []
    assert "请输入" in text_of(html)
    assert "没有找到" not in text_of(html)


def test_the_page_without_a_query_string_asks_for_a_query(client):
    assert "请输入要找的字词" in text_of(search_page(client))


# --- Filters ------------------------------------------------------------------------------------


def test_filter_by_paper(client):
    maoming = PublicationFactory(name="茂名晚报", slug="mmwb")
    jiangmen = PublicationFactory(name="江门日报", slug="jmrb")
    story("茂名的", "疫情防控", edition=EditionFactory(published=True, publication=maoming))
    story("江门的", "疫情防控", edition=EditionFactory(published=True, publication=jiangmen))

    html = search_page(client, q="疫情")
    assert sorted(titles(html)) == ["江门的", "茂名的"]
    assert '<option value="jmrb">江门日报</option>' in html  # the papers a reader can pick
    assert titles(search_page(client, q="疫情", paper="mmwb")) == ["茂名的"]


def test_filter_by_date_range_includes_both_ends(client):
    for day in (1, 2, 3, 4):
        story(f"{day}日", "疫情防控", edition=EditionFactory(published=True, date=datetime.date(2022, 7, day)))

    html = search_page(client, q="疫情", date_from="2022-07-02", date_to="2022-07-03")

    assert titles(html) == ["3日", "2日"]
    assert 'value="2022-07-02"' in html and 'value="2022-07-03"' in html  # the form keeps the range
    assert titles(search_page(client, q="疫情", date_from="2022-07-04")) == ["4日"]


@pytest.mark.parametrize(
    "params, message",
    [
        ({"date_from": "2022-13-01"}, "日期应写成 2022-07-15 这样"),
        ({"date_from": "2022-07-03", "date_to": "2022-07-01"}, "开始日期不能晚于结束日期"),
        ({"paper": "nopaper"}, "没有这份报纸"),
    ],
)
def test_a_filter_that_makes_no_sense_is_explained_in_chinese(client, params, message):
    story("稿件", "疫情防控", edition=EditionFactory(published=True, date=datetime.date(2022, 7, 2)))

    html = search_page(client, q="疫情", **params)

    assert message in text_of(html)
    assert results(html) == []


def test_filter_by_reporter_reached_from_the_reporters_page(client):
    first, second, other = story("第一篇", "疫情"), story("第二篇", "疫情"), story("别人的", "疫情")
    reporter = ReporterFactory(name="李君平", publication=first.page.edition.publication)
    BylineFactory(article=first, reporter=reporter)
    BylineFactory(article=second, reporter=reporter)
    BylineFactory(article=other)

    reporter_page = client.get(reporter.get_absolute_url()).content.decode()
    link = re.search(r'<a href="([^"]+)">搜索此作者的稿件</a>', reporter_page).group(1)
    assert link == f"{SEARCH}?reporter={reporter.pk}"
    prompt = text_of(client.get(link).content.decode())
    assert "只搜 李君平" in prompt and "请输入" in prompt

    html = search_page(client, q="疫情", reporter=reporter.pk)
    assert sorted(titles(html)) == ["第一篇", "第二篇"]
    assert f'name="reporter" value="{reporter.pk}"' in html  # kept when the reader searches again


def test_filter_by_an_authors_name_typed_into_the_form(client):
    mine, shared, other = story("我的稿", "疫情"), story("合写的稿", "疫情"), story("别人的", "疫情")
    BylineFactory(article=mine, reporter=ReporterFactory(name="李君平", publication=mine.page.edition.publication))
    BylineFactory(article=shared, reporter=ReporterFactory(name="李君平", publication=shared.page.edition.publication))
    BylineFactory(article=shared, reporter__name="茂健")
    BylineFactory(article=other, reporter__name="郭永乐")

    html = search_page(client, q="疫情", author="李君平")
    assert sorted(titles(html)) == ["合写的稿", "我的稿"]  # the same name in two papers, a co-byline
    assert 'name="author" value="李君平"' in html  # kept when the reader searches again
    assert sorted(titles(search_page(client, q="疫情", author="君平"))) == ["合写的稿", "我的稿"]

    nobody = text_of(search_page(client, q="疫情", author="王五"))
    assert results(search_page(client, q="疫情", author="王五")) == [] and "去掉筛选条件" in nobody


def test_search_within_an_edition_from_the_editions_page(client):
    edition = EditionFactory(published=True, publication=PublicationFactory(name="茂名晚报", slug="mmwb"))
    story("本期", "疫情", edition=edition)
    story("别期", "疫情", edition=EditionFactory(published=True, publication=edition.publication))

    edition_page = client.get(edition.get_absolute_url()).content.decode()
    form = re.search(r'<form class="edition-search".*?</form>', edition_page, re.S).group(0)
    assert f'action="{SEARCH}"' in form
    assert f'name="edition" value="{edition.pk}"' in form
    assert "在本期中搜索" in text_of(form)

    html = search_page(client, q="疫情", edition=edition.pk)
    assert titles(html) == ["本期"]
    assert f"只搜 茂名晚报 {edition.date.year}年{edition.date.month}月{edition.date.day}日" in text_of(html)
    assert sorted(titles(search_page(client, q="疫情"))) == ["别期", "本期"]


# --- Only what readers may see ------------------------------------------------------------------


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.REVIEW, Article.Status.SPIKED])
def test_unpublished_stories_never_appear(client, status):
    story("已发布", "疫情防控")
    ArticleFactory(status=status, page__edition__published=True, title="未发布", body="疫情防控")
    ArticleFactory(published=True, page__edition__status=Edition.Status.DRAFT, title="未发布的一期", body="疫情防控")

    assert titles(search_page(client, q="疫情")) == ["已发布"]


def test_staff_get_the_same_results_as_readers(client, admin_user):
    story("已发布", "疫情防控")
    ArticleFactory(page__edition__published=True, title="草稿", body="疫情防控")
    client.force_login(admin_user)

    assert titles(search_page(client, q="疫情")) == ["已发布"]


def test_filters_never_reveal_what_is_not_published(client):
    draft_edition = EditionFactory(publication__name="茂名晚报")
    unpublished = BylineFactory(reporter__name="只有草稿的记者", article__page__edition__published=True)
    story("已发布", "疫情防控")

    by_reporter = text_of(search_page(client, q="疫情", reporter=unpublished.reporter.pk))
    assert "只有草稿的记者" not in by_reporter and "没有这位作者已发布的稿件" in by_reporter
    in_edition = text_of(search_page(client, q="疫情", edition=draft_edition.pk))
    assert "茂名晚报" not in in_edition and "这一期报纸不存在或尚未发布" in in_edition
    assert "茂名晚报" not in search_page(client)  # no paper to pick that has no published edition


def test_a_story_appears_and_disappears_as_editors_publish_and_spike_it(client):
    article = ArticleFactory(page__edition__published=True, title="明天见报", body="疫情防控")
    assert titles(search_page(client, q="疫情")) == []

    article.status = Article.Status.PUBLISHED
    article.save()
    assert titles(search_page(client, q="疫情")) == ["明天见报"]

    article.title = "改过的标题"
    article.save()
    assert titles(search_page(client, q="疫情")) == ["改过的标题"]

    article.status = Article.Status.SPIKED
    article.save()
    assert titles(search_page(client, q="疫情")) == []


# --- Pages of results -------------------------------------------------------------------------------


def test_pagination_keeps_the_query_and_filters(client):
    paper = PublicationFactory(slug="mmwb")
    page = PageFactory(edition=EditionFactory(published=True, publication=paper))
    for n in range(25):
        story(f"热线{n}", "12345热线", page=page)
    story("别家报纸的热线", "12345热线")

    first = search_page(client, q="热线", paper="mmwb")
    assert len(results(first)) == 20
    assert "第 1 / 2 页" in text_of(first)
    next_link = re.search(r'<a rel="next" href="([^"]+)">下一页</a>', first).group(1).replace("&amp;", "&")
    assert next_link == "?q=%E7%83%AD%E7%BA%BF&paper=mmwb&page=2"

    second = client.get(SEARCH + next_link).content.decode()
    assert len(results(second)) == 5
    assert "别家报纸的热线" not in titles(first) + titles(second)
    assert len(set(titles(first)) | set(titles(second))) == 25
    assert client.get(SEARCH, {"q": "热线", "page": 3}).status_code == 404


def query_count(client, params):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(SEARCH, params)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_a_page_of_results_costs_the_same_queries_however_many_match(client, django_assert_num_queries):
    paper = PublicationFactory(slug="mmwb")
    reporter = ReporterFactory(publication=paper)
    page = PageFactory(edition=EditionFactory(published=True, publication=paper))
    params = {"q": "热线", "paper": "mmwb", "reporter": reporter.pk, "date_from": "2000-01-01"}

    def add(count):
        for n in range(count):
            article = story(f"热线{n}", "12345热线", page=page, kicker="引题", subtitle="副题")
            BylineFactory(article=article, reporter=reporter)
            BylineFactory(article=article, reporter__publication=paper)

    add(5)
    small, html = query_count(client, params)
    assert len(results(html)) == 5

    add(45)
    cache.clear()
    with django_assert_num_queries(small):
        html = client.get(SEARCH, params).content.decode()
    assert len(results(html)) == 20
    assert "找到 50 篇稿件" in text_of(html)


# --- Caching -------------------------------------------------------------------------------------


def test_a_repeated_search_is_served_from_the_cache(client, django_assert_num_queries):
    story("热线", "12345热线")
    search_page(client, q="热线")

    with django_assert_num_queries(0):
        assert titles(search_page(client, q="热线")) == ["热线"]
    assert titles(search_page(client, q="热线", paper="nopaper")) == []  # another query string, another page


# --- Escaping --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "热线<svg onload=alert(1)>", "'onfocus='alert(1)"],
)
def test_the_query_is_shown_escaped_wherever_it_appears(client, query):
    story("热线", "<b>12345</b>热线")

    html = search_page(client, q=query)

    assert "<script>alert" not in html
    assert "<img src=x" not in html and "<svg" not in html
    assert "'onfocus='" not in html
    assert "<b>12345</b>" not in html


def test_a_story_with_markup_in_its_text_is_shown_as_text(client):
    story("<i>热线</i>", "<script>alert(1)</script>热线")

    html = search_page(client, q="热线")

    assert "<script>alert(1)" not in html and "<i>" not in html
    assert "&lt;i&gt;<mark>热线</mark>&lt;/i&gt;" in html


# --- Getting there ------------------------------------------------------------------------------------


def test_every_page_has_the_search_box_in_its_header(client):
    article = story("热线", "12345热线")
    for url in (reverse("articles:home"), article.get_absolute_url(), article.page.get_absolute_url()):
        page = client.get(url, follow=True).content.decode()  # a site of one paper opens at its edition
        header = re.search(r'<header class="site-header">.*?</header>', page, re.S)
        assert f'<form class="site-search" role="search" aria-label="全站" action="{SEARCH}" method="get">' in header.group(0)
        assert 'name="q"' in header.group(0)
