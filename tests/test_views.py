"""The public e-paper: what readers see, what they must not see, and what it costs per request."""
import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve, reverse
from hypothesis import given
from hypothesis import strategies as st

from articles.converters import FIRST_YEAR, LAST_YEAR
from articles.models import Article, Byline, Edition

from .factories import (
    ArticleFactory,
    BylineFactory,
    DutyAssignmentFactory,
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


@pytest.fixture
def paper():
    return PublicationFactory(name="茂名晚报", slug="mmwb")


@pytest.fixture
def published_article(paper):
    return ArticleFactory(
        published=True,
        page__edition__published=True,
        page__edition__publication=paper,
        page__edition__date=datetime.date(2022, 7, 15),
        page__number=1,
        kicker="全市上下齐心协力",
        title="市12345热线当好疫情防控总客服",
        subtitle="24小时接听市民来电",
        body="热线24小时有人接听。\n\n## 保障热线不掉线\n\n<script>alert(1)</script>",
    )


def home_of_two_papers(article):
    """The home page's address, with a second paper on the site so that it is the front page of both
    (a site of one paper opens at that paper's latest edition instead)."""
    ArticleFactory(published=True, page__edition__published=True, page__edition__publication__name="江门日报")
    return reverse("articles:home")


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


def text_of(html):
    """What a reader reads: the page's text without tags."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def query_count(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


# --- Article --------------------------------------------------------------------------


def test_article_shows_its_headline_group_and_body(client, published_article):
    url = published_article.get_absolute_url()
    assert url == f"/mmwb/2022-07-15/1/{published_article.pk}/"
    html = html_of(client.get(url))
    assert "全市上下齐心协力" in html
    assert "<h1>市12345热线当好疫情防控总客服</h1>" in html
    assert "24小时接听市民来电" in html
    assert "<h2>保障热线不掉线</h2>" in html
    assert "<script>alert" not in html


def test_article_prints_dateline_and_bylines_as_the_paper_does(client, published_article):
    published_article.dateline = "茂名晚报讯"
    published_article.save()
    li = BylineFactory(article=published_article, reporter__name="李君平", position=1)
    BylineFactory(article=published_article, reporter__name="茂健", role=Byline.Role.CORRESPONDENT, position=2)
    BylineFactory(article=published_article, reporter__name="陈英", role=Byline.Role.CORRESPONDENT, position=3)
    html = html_of(client.get(published_article.get_absolute_url()))
    credits = re.search(r'<p class="credits">.*?</p>', html, re.S).group(0)
    assert text_of(credits).strip() == "茂名晚报讯 记者 李君平 通讯员 茂健 陈英"
    assert f'<a href="{li.reporter.get_absolute_url()}">李君平</a>' in credits


def test_article_shows_photos_with_captions_and_credits(client, published_article):
    PhotoFactory(article=published_article, caption="志愿者进社区宣传。", credit_text="罗栋")
    html = html_of(client.get(published_article.get_absolute_url()))
    assert "志愿者进社区宣传。" in html
    assert "罗栋 摄" in html


def test_article_shows_the_pages_staff_box(client, published_article):
    DutyAssignmentFactory(page=published_article.page, role="值班主任", duty_editor__name="余虔虹")
    DutyAssignmentFactory(page=published_article.page, role="值班主任", duty_editor__name="陈海边")
    DutyAssignmentFactory(page=published_article.page, role="责编", duty_editor__name="钟海浪")
    html = html_of(client.get(published_article.get_absolute_url()))
    box = text_of(re.search(r'<aside class="staff-box".*?</aside>', html, re.S).group(0))
    assert "值班主任 余虔虹 陈海边" in box
    assert "责编 钟海浪" in box


def test_article_links_to_the_stories_beside_it_and_back_to_its_page(client, published_article):
    page = published_article.page
    after = ArticleFactory(page=page, position=published_article.position + 1, published=True, title="下一篇稿件")
    ArticleFactory(page=page, position=published_article.position + 2, title="草稿不该出现")
    html = html_of(client.get(published_article.get_absolute_url()))
    assert f'href="{after.get_absolute_url()}">下一篇:下一篇稿件' in html
    assert "上一篇" not in html
    assert "草稿不该出现" not in html
    assert f'href="{page.get_absolute_url()}"' in html

    html = html_of(client.get(after.get_absolute_url()))
    assert f'href="{published_article.get_absolute_url()}">‹ 上一篇:' in html
    assert "下一篇:" not in html


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.REVIEW, Article.Status.SPIKED])
def test_unpublished_article_is_not_found(client, status):
    article = ArticleFactory(status=status, page__edition__published=True)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_published_article_in_a_draft_edition_is_not_found(client):
    article = ArticleFactory(published=True, page__edition__published=False)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get(article.page.get_absolute_url()).status_code == 404
    assert client.get(article.page.edition.get_absolute_url()).status_code == 404


def test_article_under_another_page_number_of_its_day_redirects_to_its_own_address(client, published_article):
    """The address a story had before its page was renumbered leads to it (never serves it twice)."""
    url = reverse(
        "articles:article",
        kwargs={"slug": "mmwb", "date": "2022-07-15", "number": 2, "pk": published_article.pk},
    )
    response = client.get(url)
    assert response.status_code == 301 and response["Location"] == published_article.get_absolute_url()


def test_article_under_another_day_or_paper_is_not_found(client, published_article):
    for slug, date in [("mmwb", "2022-07-16"), ("jmrb", "2022-07-15")]:
        url = reverse("articles:article", kwargs={"slug": slug, "date": date, "number": 1, "pk": published_article.pk})
        assert client.get(url).status_code == 404


def test_impossible_date_is_not_found(client, published_article):
    assert client.get("/mmwb/2022-02-30/").status_code == 404


# --- Staff preview ---------------------------------------------------------------------


def test_staff_preview_drafts_that_readers_cannot_see(client, admin_user):
    article = ArticleFactory(title="明天见报的稿件", page__edition__published=False)
    edition_url = article.page.edition.get_absolute_url()
    assert client.get(article.get_absolute_url()).status_code == 404

    client.force_login(admin_user)
    for url in (edition_url, article.page.get_absolute_url(), article.get_absolute_url()):
        response = client.get(url)
        html = html_of(response)
        assert "明天见报的稿件" in html
        assert "预览" in html
        assert '<meta name="robots" content="noindex">' in html
        assert "no-store" in response["Cache-Control"]

    client.logout()
    assert client.get(edition_url).status_code == 404


def test_a_readers_page_shows_no_preview_notice(client, published_article):
    assert "预览" not in html_of(client.get(published_article.get_absolute_url()))


# --- Edition and page --------------------------------------------------------------------


@pytest.fixture
def edition(published_article):
    edition = published_article.page.edition
    second = PageFactory(edition=edition, number=2, name="综合", source_text="## 原文引题\n# 原文主题")
    ArticleFactory(page=second, position=1, published=True, title="第二版头条")
    return edition


def test_edition_shows_masthead_page_list_and_first_pages_stories(client, edition, published_article):
    edition.issue_number = 8123
    edition.save()
    html = html_of(client.get(edition.get_absolute_url()))
    masthead = text_of(re.search(r"<h1>.*?</h1>", html, re.S).group(0))
    assert "茂名晚报" in masthead and "2022年7月15日" in masthead and "第8123期" in masthead
    nav = re.search(r'<nav class="page-list".*?</nav>', html, re.S).group(0)
    assert "第01版 要闻" in nav and "第02版 综合" in nav
    assert "市12345热线当好疫情防控总客服" in html
    assert "第二版头条" not in html
    assert "下一版 第02版" in html


def test_page_shows_its_own_stories_and_their_text_never_the_imported_text(client, edition):
    page = edition.pages.get(number=2)
    html = html_of(client.get(page.get_absolute_url()))
    assert "第二版头条" in html
    assert "市12345热线当好疫情防控总客服" not in html
    assert "上一版 第01版" in html
    assert "下一版" not in html
    page_text = re.search(r'<details class="page-text">.*?</details>', html, re.S).group(0)
    assert "第二版头条" in page_text and "热线24小时有人接听。" in page_text
    assert "保障热线不掉线" in page_text and "###" not in page_text  # a subhead, as plain text
    assert "原文主题" not in html  # the imported text is the desk's, not the readers'


def test_stories_are_listed_in_reading_order(client, edition, published_article):
    page = published_article.page
    ArticleFactory(page=page, position=published_article.position + 2, published=True, title="第三篇")
    ArticleFactory(page=page, position=published_article.position + 1, published=True, title="第二篇")
    html = html_of(client.get(page.get_absolute_url()))
    assert html.index(published_article.title) < html.index("第二篇") < html.index("第三篇")


def test_edition_links_to_the_neighbouring_published_editions(client, edition, paper):
    before = EditionFactory(publication=paper, date=datetime.date(2022, 7, 10), published=True)
    EditionFactory(publication=paper, date=datetime.date(2022, 7, 16))  # a draft is skipped
    after = EditionFactory(publication=paper, date=datetime.date(2022, 7, 20), published=True)
    EditionFactory(date=datetime.date(2022, 7, 17), published=True)  # another paper's
    html = html_of(client.get(edition.get_absolute_url()))
    assert f'href="{before.get_absolute_url()}">‹ 上一期 7月10日' in html
    assert f'href="{after.get_absolute_url()}">下一期 7月20日' in html


def test_page_not_in_the_edition_is_not_found(client, edition):
    assert client.get(reverse("articles:page", args=["mmwb", "2022-07-15", 9])).status_code == 404


# --- Home and archive ------------------------------------------------------------------


def test_home_shows_each_paper_with_its_latest_published_edition(client, edition, paper):
    EditionFactory(publication=paper, date=datetime.date(2022, 7, 1), published=True)
    EditionFactory(publication=paper, date=datetime.date(2022, 7, 30))  # draft
    other = EditionFactory(publication__name="江门日报", date=datetime.date(2022, 11, 22), published=True)
    ArticleFactory(page__edition=other, published=True)
    EditionFactory(publication__name="未发布的报纸")
    html = html_of(client.get(reverse("articles:home")))
    assert f'href="{edition.get_absolute_url()}">茂名晚报' in html
    assert f'href="{other.get_absolute_url()}">江门日报' in html
    assert "2022-07-01" not in html and "2022-07-30" not in html
    assert "未发布的报纸" not in html
    assert "第02版 综合" in html


def test_an_edition_without_a_published_story_never_stands_as_a_papers_latest(client, edition, paper):
    """Published with all its stories still drafts (as the desk could once do), or with its one story
    spiked since: readers would open an empty paper. The home page and the paper's page keep the
    newest edition that has a story to read."""
    drafts_only = EditionFactory(publication=paper, date=datetime.date(2022, 7, 20), published=True)
    ArticleFactory(page__edition=drafts_only, status=Article.Status.DRAFT, title="未审的稿件")
    spiked = EditionFactory(publication=paper, date=datetime.date(2022, 7, 21), published=True)
    ArticleFactory(page__edition=spiked, status=Article.Status.SPIKED)
    EditionFactory(publication__name="只有空期的报纸", published=True)
    home_of_two_papers(None)

    home = html_of(client.get(reverse("articles:home")))
    assert f'href="{edition.get_absolute_url()}">茂名晚报' in home
    assert drafts_only.get_absolute_url() not in home and spiked.get_absolute_url() not in home
    assert "只有空期的报纸" not in home
    paper_page = html_of(client.get(reverse("articles:paper", args=["mmwb"])))
    assert f'最新一期:<a href="{edition.get_absolute_url()}">2022年7月15日</a>' in paper_page

    ArticleFactory(page__edition=drafts_only, published=True, title="补发的稿件")
    assert f'href="{drafts_only.get_absolute_url()}">茂名晚报' in html_of(client.get(reverse("articles:home")))


def test_archive_calendar_links_the_days_with_an_edition(client, edition, paper):
    for day in (datetime.date(2022, 7, 3), datetime.date(2022, 5, 14)):
        ArticleFactory(page__edition=EditionFactory(publication=paper, date=day, published=True), published=True)
    EditionFactory(publication=paper, date=datetime.date(2022, 7, 4))  # draft
    EditionFactory(publication=paper, date=datetime.date(2022, 7, 5), published=True)  # nothing to read in it
    html = html_of(client.get(reverse("articles:paper", args=["mmwb"])))
    assert "2022年7月" in html
    linked_days = re.findall(r'href="/mmwb/(\d{4}-\d{2}-\d{2})/"', html)
    assert sorted(set(linked_days) - {"2022-07-15"}) == ["2022-07-03"]  # latest edition also linked on top
    assert 'href="/mmwb/archive/2022-05/"' in html  # June has nothing: skipped
    assert "下一" not in text_of(re.search(r'<nav class="month-nav".*?</nav>', html, re.S).group(0))

    html = html_of(client.get(reverse("articles:archive", args=["mmwb", "2022-05"])))
    assert re.findall(r'href="/mmwb/(2022-05-\d{2})/"', html) == ["2022-05-14"]
    assert 'href="/mmwb/archive/2022-07/"' in html


def test_a_paper_without_published_editions_has_no_archive(client):
    EditionFactory(publication__slug="draftonly")
    assert client.get(reverse("articles:paper", args=["draftonly"])).status_code == 404


# --- Reporter ------------------------------------------------------------------------------


def test_reporter_page_lists_published_and_co_bylined_stories_newest_first(client, published_article, paper):
    reporter = ReporterFactory(name="李君平", publication=paper)
    BylineFactory(article=published_article, reporter=reporter)
    newer = ArticleFactory(
        published=True,
        page__edition__published=True,
        page__edition__publication=paper,
        page__edition__date=datetime.date(2022, 11, 7),
        title="更新的合写稿件",
    )
    BylineFactory(article=newer, reporter=ReporterFactory(name="陈英", publication=paper), position=0)
    BylineFactory(article=newer, reporter=reporter, position=1)
    BylineFactory(article=ArticleFactory(page=published_article.page, title="未发布稿件"), reporter=reporter)
    response = client.get(reporter.get_absolute_url())
    assert list(response.context["articles"]) == [newer, published_article]
    assert "未发布稿件" not in html_of(response)


def test_reporter_page_is_paginated(client, published_article):
    reporter = ReporterFactory(publication=published_article.page.edition.publication)
    for position in range(25):
        article = ArticleFactory(page=published_article.page, position=position + 10, published=True)
        BylineFactory(article=article, reporter=reporter)
    first = html_of(client.get(reporter.get_absolute_url()))
    assert first.count('class="story-title"') == 20
    assert "第 1 / 2 页" in first and '?page=2">下一页' in first
    second = html_of(client.get(reporter.get_absolute_url() + "?page=2"))
    assert second.count('class="story-title"') == 5
    assert client.get(reporter.get_absolute_url() + "?page=3").status_code == 404


def test_reporter_credited_only_in_drafts_is_not_found(client):
    byline = BylineFactory(article__page__edition__published=True)
    assert client.get(byline.reporter.get_absolute_url()).status_code == 404


# --- Queries stay fixed as content grows -----------------------------------------------------


def grow(edition, pages=4, articles=6, bylines=3):
    """Add pages, articles, bylines, photos and staff to an edition."""
    paper = edition.publication
    for number in range(10, 10 + pages):
        page = PageFactory(edition=edition, number=number)
        DutyAssignmentFactory(page=page, duty_editor__publication=paper)
        for position in range(1, articles + 1):
            article = ArticleFactory(page=page, position=position, published=True)
            PhotoFactory(article=article)
            for _ in range(bylines):
                BylineFactory(article=article, reporter__publication=paper)
    return edition


@pytest.mark.parametrize(
    "url_of",
    [
        home_of_two_papers,
        lambda article: reverse("articles:paper", args=[article.page.edition.publication.slug]),
        lambda article: article.page.edition.get_absolute_url(),
        lambda article: article.page.get_absolute_url(),
        lambda article: article.get_absolute_url(),
        lambda article: article.bylines.first().reporter.get_absolute_url(),
    ],
    ids=["home", "archive", "edition", "page", "article", "reporter"],
)
def test_each_view_runs_a_fixed_number_of_queries(client, published_article, url_of):
    reporter = BylineFactory(article=published_article).reporter
    small = query_count(client, url_of(published_article))

    edition = grow(published_article.page.edition)
    for article in Article.objects.filter(page__edition=edition).exclude(pk=published_article.pk)[:30]:
        BylineFactory(article=article, reporter=reporter)
    for day in range(1, 6):
        grow(EditionFactory(publication=edition.publication, date=datetime.date(2022, 7, day), published=True), 2, 2, 2)
    for offset in range(1, 6):
        neighbour = ArticleFactory(page=published_article.page, position=published_article.position + offset, published=True)
        BylineFactory(article=neighbour, reporter=reporter)
        BylineFactory(article=neighbour, reporter__publication=edition.publication)
    DutyAssignmentFactory(page=published_article.page, duty_editor__publication=edition.publication)
    DutyAssignmentFactory(page=None, edition=edition, duty_editor__publication=edition.publication)
    PhotoFactory(article=published_article)
    for _ in range(4):
        BylineFactory(article=published_article, reporter__publication=edition.publication)

    assert query_count(client, url_of(published_article)) == small
    # at most: edition, pages, stories, bylines, staff, the days before and after, 今日 and the printed page
    assert small <= 9


# --- Caching -----------------------------------------------------------------------------------


def test_a_cached_page_is_served_without_queries(client, published_article, django_assert_num_queries):
    url = published_article.get_absolute_url()
    client.get(url)
    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200


def test_an_editors_change_shows_at_once(client, published_article):
    url = published_article.get_absolute_url()
    page_url = published_article.page.get_absolute_url()
    assert "市12345热线" in html_of(client.get(url)) and "市12345热线" in html_of(client.get(page_url))

    published_article.title = "改过的标题"
    published_article.save()
    assert "改过的标题" in html_of(client.get(url))
    assert "改过的标题" in html_of(client.get(page_url))

    published_article.status = Article.Status.SPIKED
    published_article.save()
    assert client.get(url).status_code == 404
    assert "改过的标题" not in html_of(client.get(page_url))


def test_unpublishing_an_edition_takes_it_off_the_site(client, published_article):
    edition = published_article.page.edition
    assert client.get(edition.get_absolute_url()).status_code == 200
    assert client.get(reverse("articles:home"))["Location"] == edition.get_absolute_url()  # its only paper
    edition.status = Edition.Status.DRAFT
    edition.save()
    assert client.get(edition.get_absolute_url()).status_code == 404
    home = html_of(client.get(reverse("articles:home")))
    assert "茂名晚报" not in home and "还没有发布任何一期" in home


def test_the_desks_workflow_steps_show_at_once(client, published_article, admin_user):
    """Desk services write some steps with QuerySet.update(); the site must still notice."""
    from articles import services

    url = published_article.get_absolute_url()
    page_url = published_article.page.get_absolute_url()
    assert client.get(url).status_code == 200 and published_article.title in html_of(client.get(page_url))
    services.transition_article(article=published_article, transition=Article.Transition.SPIKE, user=admin_user)
    assert client.get(url).status_code == 404
    assert published_article.title not in html_of(client.get(page_url))


def test_renaming_a_reporter_shows_on_their_stories(client, published_article):
    byline = BylineFactory(article=published_article, reporter__name="李军平")
    assert "李军平" in html_of(client.get(published_article.get_absolute_url()))
    byline.reporter.name = "李君平"
    byline.reporter.save()
    html = html_of(client.get(published_article.get_absolute_url()))
    assert "李君平" in html and "李军平" not in html


def test_an_editors_preview_never_reaches_readers(client, admin_user):
    article = ArticleFactory(title="尚未发布", page__edition__published=True, page__edition__publication__slug="p")
    client.force_login(admin_user)
    assert "尚未发布" in html_of(client.get(article.page.get_absolute_url()))
    client.logout()
    assert "尚未发布" not in html_of(client.get(article.page.get_absolute_url()))


def test_a_missing_page_says_so_in_chinese(client):
    response = client.get("/nopaper/2022-07-15/")
    assert response.status_code == 404
    assert "没有找到这一页" in response.content.decode()


@pytest.mark.parametrize(
    "url_of",
    [
        home_of_two_papers,
        lambda article: reverse("articles:paper", args=[article.page.edition.publication.slug]),
        lambda article: article.page.get_absolute_url(),
        lambda article: article.get_absolute_url(),
        lambda article: article.bylines.first().reporter.get_absolute_url(),
        lambda article: reverse("articles:search") + "?q=热线",
    ],
    ids=["home", "archive", "page", "article", "reporter", "search"],
)
def test_headings_start_at_one_h1_and_never_skip_a_level(client, published_article, url_of):
    BylineFactory(article=published_article)
    ArticleFactory(page=published_article.page, position=published_article.position + 1, published=True)
    levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", html_of(client.get(url_of(published_article))))]
    assert levels.count(1) == 1 and levels[0] == 1, levels
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:])), levels


@given(st.dates(min_value=datetime.date(FIRST_YEAR, 1, 1), max_value=datetime.date(LAST_YEAR, 12, 31)))
def test_any_date_round_trips_through_the_url(day):
    """Any date addresses take (years 2 to 9998, see articles.converters; year 1 is a 404 by design)."""
    url = reverse("articles:edition", kwargs={"slug": "mmwb", "date": day.isoformat()})
    assert resolve(url).kwargs == {"slug": "mmwb", "date": day}


@pytest.mark.parametrize("day", ["0001-01-01", "0001-12-31", "9999-01-01", "9999-12-31"])
def test_a_date_in_the_first_or_last_year_python_can_hold_is_no_address(day):
    """Those pages could not name the day or month beyond them (see articles/converters.py)."""
    with pytest.raises(Resolver404):
        resolve(f"/mmwb/{day}/")
