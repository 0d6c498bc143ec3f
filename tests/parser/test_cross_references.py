"""Lines that stand alone between paragraphs like a headline but are not one: a bracketed pointer to
the page where more is printed, a speaker's name and post over his part of a feature of many voices,
and a bracketed credit broken across two lines by a column break."""

import pytest

from articles.parser import parse_page

FIRST = (
    "全市开展安全生产大检查\n\n"
    "本报讯（记者 周国强）近日，全市开展安全生产大检查，共排查企业三百余家，发现隐患一百余处。\n\n"
)
SECOND = "老旧小区改造惠及万户居民\n\n本报讯（记者 吴志远）今年以来，全区完成老旧小区改造四十余个，惠及居民一万余户。\n"


@pytest.mark.parametrize("pointer", [
    "（相关报道见第四版）", "(相关报道见第二版)", "（图片报道见第二、三版）", "（《某某文集》主要篇目介绍见第二版）",
    "（更多报道见A3版）",
])
def test_a_pointer_to_another_page_is_no_headline(pointer):
    page = parse_page(FIRST + pointer + "\n\n" + SECOND)

    assert [a.title for a in page.articles] == ["全市开展安全生产大检查", "老旧小区改造惠及万户居民"]
    assert [a.kicker for a in page.articles] == [None, None]
    assert pointer in page.dropped


def test_a_bracketed_aside_that_names_no_page_is_not_a_pointer():
    page = parse_page(FIRST + "（这次检查持续到月底，见于多个部门的通知）\n\n" + SECOND)

    assert "（这次检查持续到月底，见于多个部门的通知）" not in page.dropped


VOICES = (
    "用心用情讲好身边故事\n\n"
    "编者按：本版请几位文艺工作者谈谈创作的体会。\n\n"
    "扎根生活才有好作品\n\n"
    "陈小明（中学教师、业余作家）\n\n"
    "我在学校教了二十年书，写下的故事都来自身边的学生和家长，每一个人物都有原型可寻。\n\n"
    "创作要经得起时间检验\n\n"
    "王  雷（电视剧《某某》主演）\n\n"
    "拿到剧本后，我用了三个月时间到连队体验生活，和战士们同吃同住同训练，这才找到人物的感觉。\n"
)


def test_a_speakers_name_and_post_over_his_part_is_no_headline():
    page = parse_page(VOICES)

    assert [a.title for a in page.articles] == ["用心用情讲好身边故事"]
    story = page.articles[0]
    assert story.subheads == ["扎根生活才有好作品", "创作要经得起时间检验"]
    assert "陈小明（中学教师、业余作家）" in story.body and "王  雷（电视剧《某某》主演）" in story.body


@pytest.mark.parametrize("title", ["母亲（外一首）", "回家（上）", "春天的约定（组诗）"])
def test_a_poems_or_serials_bracketed_note_still_heads_a_story(title):
    page = parse_page(FIRST + title + "\n\n本报讯（记者 吴志远）今年以来，全区完成老旧小区改造四十余个。\n")

    assert [a.title for a in page.articles] == ["全市开展安全生产大检查", title]


def test_a_bracketed_credit_broken_across_a_column_is_one_credit():
    page = parse_page(
        "奋斗创造美好生活\n\n"
        "座谈会上，代表们表示，将牢记嘱托，在各自岗位上埋头苦干，为发展贡献力量。\n\n"
        "（记者胡某\n\n张某某 王某）\n\n"
        "新华社北京5月1日电\n\n" + SECOND
    )

    first, second = page.articles
    assert first.title == "奋斗创造美好生活"
    assert [c.name for c in first.bylines] == ["胡某", "张某某", "王某"]
    assert first.dateline == "新华社北京5月1日电"
    assert second.title == "老旧小区改造惠及万户居民"


def test_a_bracket_opened_on_one_line_and_closed_on_the_next_is_no_headline():
    page = parse_page(
        FIRST + "（本文根据记者在现场的采访\n\n整理而成，有删节）\n\n" + SECOND
    )

    assert [a.title for a in page.articles] == ["全市开展安全生产大检查", "老旧小区改造惠及万户居民"]
