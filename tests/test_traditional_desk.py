"""Pages printed in traditional characters in the desk: a reporter is one record whatever script a
page prints the name in, the role word the desk prints before a name (记者) is in the story's script,
and a story is found by a query typed in either script."""

import datetime
import unicodedata
from importlib import import_module

import pytest

from articles import search, services
from articles.models import Article, Reporter, name_key
from articles.reading import credit_groups
from articles.search import highlight, search_articles
from tests.factories import ArticleFactory, BylineFactory, EditionFactory, PageFactory
from tests.structure_pages import import_wrong_page

pytestmark = pytest.mark.django_db

TRADITIONAL = """社區圖書館 延長開放時間

【本報訊】某區社區圖書館下月起延長開放時間，週末亦會開放至晚上十時，方便市民溫習及借閱書籍。

記者：梁某某　陳某某

館方表示，將增聘職員應付需求，並會舉辦親子閱讀活動，詳情稍後公佈。

責任編輯：李某某
"""
SIMPLIFIED = """社区食堂开张 老人每餐五元

本报讯（记者 陈某某）7月14日，油城社区食堂正式开张，辖区六十岁以上老人每餐只需五元。

食堂每天供应午餐和晚餐，菜式每周更换，社区志愿者轮流帮厨。
"""


def imported(text, number):
    return import_wrong_page(paper="港島日報", date=datetime.date(2024, 7, 16), number=number, text=text,
                             name=f"0716-{number:02}.txt")


def test_a_name_is_matched_in_either_script():
    assert name_key("陳 某某") == name_key("陈某某") == "陈某某"
    assert name_key("乾某") == "乾某"  # 乾 has two simplified readings: left as printed


def test_one_reporter_for_a_name_printed_in_traditional_and_in_simplified_characters():
    imported(TRADITIONAL, 3)
    imported(SIMPLIFIED, 4)

    assert sorted(Reporter.objects.values_list("name", flat=True)) == ["梁某某", "陳某某"]
    reporter = Reporter.objects.get(name="陳某某")
    assert reporter.bylines.count() == 2


def test_a_traditional_storys_credits_are_printed_in_traditional_characters():
    imported(TRADITIONAL, 3)
    imported(SIMPLIFIED, 4)
    hong_kong = Article.objects.get(title="社區圖書館 延長開放時間")
    mainland = Article.objects.get(title="社区食堂开张 老人每餐五元")

    assert hong_kong.credit_line() == "記者 梁某某 陳某某"
    assert [(prefix, [r.name for r in names]) for prefix, names in credit_groups(hong_kong)] == [
        ("記者", ["梁某某", "陳某某"])
    ]
    assert mainland.credit_line() == "记者 陳某某"


def test_reparsing_an_unchanged_traditional_page_changes_nothing():
    page = imported(TRADITIONAL, 3)

    assert services.preview_reparse(page=page).changes == 0


def test_the_desk_finds_a_reporter_by_either_script(admin_client):
    imported(TRADITIONAL, 3)

    response = admin_client.get("/admin/articles/reporter/", {"q": "陈某某"})
    assert "陳某某" in response.content.decode()


# --- Search -----------------------------------------------------------------------------------


def published_story(title, body):
    return ArticleFactory(published=True, page=PageFactory(edition=EditionFactory(published=True)), title=title, body=body)


def found(query, **filters):
    return [article.title for article in search_articles(query, **filters)]


def test_a_story_is_found_by_a_query_in_either_script_and_marked_as_printed():
    published_story("社區圖書館 延長開放時間", "某區社區圖書館下月起延長開放時間。")
    published_story("社区食堂开张", "油城社区食堂正式开张。")

    assert found("圖書館") == found("图书馆") == ["社區圖書館 延長開放時間"]
    assert found("食堂開張") == ["社区食堂开张"]
    assert str(highlight("某區社區圖書館下月起延長開放時間。", "图书馆")) == "某區社區<mark>圖書館</mark>下月起延長開放時間。"


def test_the_author_box_finds_a_name_in_either_script():
    story = published_story("社區圖書館 延長開放時間", "某區社區圖書館下月起延長開放時間。")
    BylineFactory(article=story, reporter__name="陳某某")

    assert found("圖書館", author="陈某某") == found("圖書館", author="陳某某") == [story.title]


def test_the_migration_indexes_traditional_stories_again(monkeypatch):
    refold = import_module("articles.migrations.0017_search_index_folds_script").refold
    with monkeypatch.context() as before:  # indexed as printed, before the fold
        before.setattr(search, "normalise", lambda text: unicodedata.normalize("NFKC", text).lower())
        published_story("社區圖書館 延長開放時間", "某區社區圖書館下月起延長開放時間。")
    assert found("图书馆") == []

    refold(None, None)

    assert found("图书馆") == found("圖書館") == ["社區圖書館 延長開放時間"]


def test_the_sites_own_words_beside_a_story_follow_its_script():
    from articles.templatetags.epaper import in_script, traditional

    hong_kong = Article(title="社區圖書館 延長開放時間", body="某區社區圖書館下月起延長開放時間。")
    mainland = Article(title="社区食堂开张", body="油城社区食堂正式开张。")
    assert traditional(hong_kong) and not traditional(mainland)
    assert (in_script("摄", hong_kong), in_script("摄", mainland)) == ("攝", "摄")


def test_a_traditional_storys_text_for_its_printed_page_has_its_credits_as_printed():
    from articles.facsimile_services import story_text

    imported(TRADITIONAL, 3)

    assert "記者梁某某 記者陳某某" in story_text(Article.objects.get(title="社區圖書館 延長開放時間"))


def test_a_bulk_import_credits_the_reporter_of_a_name_in_the_other_script():
    import tablib

    from articles.resources import ArticleResource

    imported(TRADITIONAL, 3)
    dataset = ArticleResource().export()
    row = dataset.dict[0]
    row["署名"] = "記者:陈某某; 记者:梁某某"  # typed in either script
    edited = tablib.Dataset(headers=list(row))
    edited.append(list(row.values()))
    ArticleResource().import_data(edited, dry_run=False, raise_errors=True)

    assert sorted(Reporter.objects.values_list("name", flat=True)) == ["梁某某", "陳某某"]
    assert Article.objects.get(title="社區圖書館 延長開放時間").credit_line() == "記者 陳某某 梁某某"


def test_the_reporter_of_the_very_name_printed_is_credited_first():
    from tests.factories import PublicationFactory, ReporterFactory

    paper = PublicationFactory(name="港島日報")
    ReporterFactory(publication=paper, name="陈某某")  # two records kept from before names were matched by script
    hong_kong = ReporterFactory(publication=paper, name="陳某某")

    assert Reporter.objects.credited_as(paper, "陳某某") == hong_kong
    assert Reporter.objects.credited_as(paper, "陳 某某").name == "陈某某"  # the older record


def test_one_staff_member_for_a_name_printed_in_either_script():
    from articles.models import DutyAssignment, DutyEditor

    imported(TRADITIONAL, 3)
    imported(SIMPLIFIED + "\n责任编辑：李某某\n", 4)  # 李 is the same in both scripts
    imported("标题二\n\n本报讯 正文二。\n\n责任编辑：陈某某\n", 5)
    imported("標題三\n\n【本報訊】正文三，繁體字。\n\n責任編輯：陳某某\n", 6)

    assert sorted(DutyEditor.objects.values_list("name", flat=True)) == ["李某某", "陈某某"]
    assert DutyAssignment.objects.filter(duty_editor__name="陈某某").count() == 2
