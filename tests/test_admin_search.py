"""The desk's article search: through the search index, so it is fast however many stories there are,
over every status (the site's search still shows readers only what is published), and by byline."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from articles.search import search_articles

from .factories import ArticleFactory, BylineFactory, EditionFactory, PageFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


@pytest.fixture
def editor(client):
    client.force_login(UserFactory(group="编辑"))
    return client


def found(client, query):
    return {article.title for article in client.get(CHANGELIST, {"q": query}).context["cl"].result_list}


@pytest.fixture
def every_status():
    """The same word in a story of each status, all in a published edition."""
    page = PageFactory(edition=EditionFactory(published=True))
    for status in Article.Status:
        ArticleFactory(
            page=page, status=status, title=f"{status.label}稿", body=f"稻田里的收割机({status.label})。"
        )
    return {f"{status.label}稿" for status in Article.Status}


def test_the_desk_finds_stories_of_every_status_and_readers_only_the_published_one(editor, client, every_status):
    assert found(editor, "收割机") == every_status
    assert [a.title for a in search_articles("收割机")] == ["已发布稿"]

    client.logout()
    page = client.get(reverse("articles:search"), {"q": "收割机"}).content.decode()
    assert "已发布稿" in page and "草稿稿" not in page and "已撤稿稿" not in page


def test_a_draft_is_found_by_its_new_words_as_soon_as_it_is_saved(editor):
    draft = ArticleFactory(title="早稻", body="旧的说法。")
    assert found(editor, "新提法") == set()
    draft.body = "换了新提法。"
    draft.save()
    assert found(editor, "新提法") == {"早稻"}
    assert found(editor, "旧的说法") == set()


def test_words_are_found_in_the_headline_group_body_or_bylines_and_all_must_occur(editor):
    kicker = ArticleFactory(kicker="茂名市", title="一")
    subtitle = ArticleFactory(subtitle="记茂名的一天", title="二")
    byline = ArticleFactory(title="三")
    BylineFactory(article=byline, reporter__name="梁茂名")
    ArticleFactory(title="四", body="与此无关。")
    assert found(editor, "茂名") == {"一", "二", "三"}
    assert found(editor, "茂名 一天") == {"二"}
    assert found(editor, "梁茂") == {"三"}


def test_letters_and_digits_are_found_whatever_their_case_or_width(editor):
    ArticleFactory(title="COVID-19 疫苗", body="")
    ArticleFactory(title="流感", body="")
    assert found(editor, "covid") == found(editor, "ＣＯＶＩＤ") == {"COVID-19 疫苗"}
    assert found(editor, "19 疫苗") == {"COVID-19 疫苗"}


def test_a_word_without_anything_searchable_narrows_nothing(editor):
    ArticleFactory(title="甲"), ArticleFactory(title="乙")
    assert found(editor, "——") == {"甲", "乙"}
    assert found(editor, "—— 甲") == {"甲"}


def test_searching_runs_as_many_queries_for_fifty_stories_as_for_five(editor, django_assert_max_num_queries):
    for _ in range(5):
        BylineFactory(article=ArticleFactory(body="收割机"))
    editor.get(CHANGELIST, {"q": "收割机"})  # compile the templates first
    with CaptureQueriesContext(connection) as few:
        assert len(editor.get(CHANGELIST, {"q": "收割机"}).context["cl"].result_list) == 5
    for _ in range(45):
        BylineFactory(article=ArticleFactory(body="收割机"))
    with django_assert_max_num_queries(len(few)):
        assert len(editor.get(CHANGELIST, {"q": "收割机"}).context["cl"].result_list) == 50
