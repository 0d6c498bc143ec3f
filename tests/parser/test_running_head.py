"""A page's running head and foot (date, 版次, section, registration numbers) are page furniture, never a
story: OCR reads them off the top and foot of every page of a city paper."""

import pytest

from articles.parser import parse_page

STORY = (
    "# 全市开展安全生产大检查\n\n"
    "本报讯（记者 周国强）近日，全市开展安全生产大检查，共排查企业三百余家。\n\n"
    "检查组要求各企业落实主体责任，确保安全生产形势稳定。\n"
)


@pytest.mark.parametrize("head", [
    "A3 2024年7月16日 星期二 要闻",
    "2024年7月16日 星期二 A03",
    "07 2024年7月16日 星期二 文化",
    "2024.7.16 星期二",
    "二〇二四年七月十六日 星期二",
    "2024年7月16日  星期二  农历六月十一",
    "某某晚报 MOUMOU EVENING NEWS",
    "国内统一连续出版物号 CN44-0028",
    "今日8版",
    "第5版",
    "05 综合新闻",
    "要闻 A02",
])
def test_a_running_head_above_the_stories_is_furniture(head):
    page = parse_page(head + "\n\n" + STORY)

    assert [a.title for a in page.articles] == ["全市开展安全生产大检查"]
    assert page.furniture == [head]
    assert head not in page.articles[0].body


@pytest.mark.parametrize("foot", ["2024年7月16日 星期二 A03", "国内统一连续出版物号 CN44-0028"])
def test_a_running_foot_below_the_stories_is_furniture(foot):
    page = parse_page(STORY + "\n" + foot + "\n")

    assert len(page.articles) == 1
    assert foot in page.furniture
    assert foot not in page.articles[0].body


def test_the_staff_a_running_head_prints_after_its_date_go_to_the_staff_box():
    page = parse_page("A03 要闻 2024年7月16日 星期二 责编：吴志远 美编：郑海波\n\n" + STORY)

    assert [(s.role, s.name) for s in page.masthead] == [("责编", "吴志远"), ("美编", "郑海波")]
    assert [a.title for a in page.articles] == ["全市开展安全生产大检查"]


@pytest.mark.parametrize("title", ["G20 峰会今日开幕", "10 大亮点看全市经济", "5G 网络覆盖全市"])
def test_a_headline_opening_with_a_number_is_still_a_headline(title):
    page = parse_page(title + "\n\n" + STORY.replace("# 全市开展安全生产大检查\n\n", ""))

    assert [a.title for a in page.articles] == [title]
    assert page.furniture == []


def test_a_dated_sentence_and_a_notice_date_stay_in_the_story():
    page = parse_page(
        STORY + "\n2024年7月16日 星期二，全市各区同步开展了应急演练。\n\n特此通告。\n\n2024年7月16日\n"
    )

    assert page.furniture == []
    assert "全市各区同步开展了应急演练" in page.articles[0].body
