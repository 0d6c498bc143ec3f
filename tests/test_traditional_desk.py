"""Pages printed in traditional characters in the desk: a reporter is one record whatever script a
page prints the name in, and the role word the desk prints before a name (记者) is in the story's script."""

import datetime

import pytest

from articles import services
from articles.models import Article, Reporter, name_key
from articles.reading import credit_groups
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
