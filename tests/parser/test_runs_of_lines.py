"""Pages whose text arrives as runs of lines: the e-paper export that indents each paragraph with two
ideographic spaces instead of leaving a blank line between paragraphs. Every snippet is written in
the trade's forms, not copied from a sample page."""

import pytest

from articles.parser import parse_page
from articles.parser.blocks import split_blocks

IND = "\u3000\u3000"

STORY_A = (
    "春风行动送岗位到家门口\n"
    f"{IND}本报讯 记者 林晓 春风行动启动以来，全区举办招聘会十二场，提供岗位五千余个，\n"
    "吸引求职者两万余人次。\n"
    f"{IND}区人社局负责人介绍，今年的招聘会首次开进社区。\n"
    "招聘会开进社区\n"
    f"{IND}在东城社区的招聘现场，前来咨询的居民排起长队。\n"
)
STORY_B = (
    "老旧小区加装电梯提速\n"
    f"{IND}本报讯 记者 王平 今年以来，全市老旧小区已加装电梯三百余台。\n"
    f"{IND}市住建局表示，下半年将再推出一批试点小区。\n"
)


def test_each_indented_line_starts_a_paragraph_and_a_wrapped_line_goes_on_with_it():
    blocks = split_blocks(STORY_A)

    assert [b.text for b in blocks] == [
        "春风行动送岗位到家门口",
        "本报讯 记者 林晓 春风行动启动以来，全区举办招聘会十二场，提供岗位五千余个，吸引求职者两万余人次。",
        "区人社局负责人介绍，今年的招聘会首次开进社区。",
        "招聘会开进社区",
        "在东城社区的招聘现场，前来咨询的居民排起长队。",
    ]
    assert [b.numbers for b in blocks] == [[1], [2, 3], [4], [5], [6]]


def test_a_run_is_read_as_a_story_with_its_headline_subhead_and_text():
    page = parse_page(STORY_A + "\n" + STORY_B)

    assert [a.title for a in page.articles] == ["春风行动送岗位到家门口", "老旧小区加装电梯提速"]
    first = page.articles[0]
    assert first.subheads == ["招聘会开进社区"]
    assert "提供岗位五千余个，吸引求职者两万余人次。" in first.body
    assert "排起长队" in first.body and "加装电梯" not in first.body


def test_lines_set_apart_inside_a_run_are_its_subheads_though_they_speak_of_other_things():
    # two short lines, then one: a round-up's sections, each printed inside the story's run
    story = (
        "春风行动送岗位到家门口\n"
        f"{IND}本报讯 记者 林晓 春风行动启动以来，全区举办招聘会十二场，提供岗位五千余个。\n"
        "东城街道\n"
        "夜市摊位免费申领\n"
        f"{IND}夜市开张首周，六十个摊位全部租出，摊主多为返乡青年。\n"
        "西湖社区\n"
        f"{IND}社区食堂新添早餐窗口，老人每餐只需三元。\n"
    )
    page = parse_page(story + "\n" + STORY_B)

    assert [a.title for a in page.articles] == ["春风行动送岗位到家门口", "老旧小区加装电梯提速"]
    assert page.articles[0].subheads == ["东城街道 夜市摊位免费申领", "西湖社区"]
    assert "老人每餐只需三元" in page.articles[0].body


def test_a_block_without_indented_lines_is_left_whole():
    text = "会议开得短\n落实时间多了\n"

    assert [b.lines for b in split_blocks(text)] == [["会议开得短", "落实时间多了"]]


def test_an_unindented_line_after_an_unfinished_sentence_is_not_a_subhead():
    text = f"标题在此\n{IND}记者走访发现，社区食堂每天供应\n午餐三百余份\n{IND}居民说，饭菜合口。\n"

    assert [b.text for b in split_blocks(text)] == [
        "标题在此", "记者走访发现，社区食堂每天供应午餐三百余份", "居民说，饭菜合口。",
    ]


# --- photo captions in a run of lines ------------------------------------------------------------

LAKE = "湖畔步道焕新开放\n" + f"{IND}本报讯 记者 林晓 经过半年改造，湖畔步道昨日重新开放，沿线新增休息座椅"
LAKE_END = f"{IND}市园林局介绍，步道全长六公里，沿途设有三处观景平台。\n"


def photos(article):
    return [(p.caption, p.credit) for p in article.photos]


def test_a_long_caption_line_after_a_finished_paragraph_is_a_caption_not_part_of_it():
    caption = "清晨的湖畔步道上，市民三五成群地散步、慢跑，不少人停下脚步拍照留念，享受初夏的凉爽"
    page = parse_page(LAKE + "四十余处。\n" + caption + " 张小明 摄\n" + LAKE_END)

    article = page.articles[0]
    assert photos(article) == [(caption, "张小明")]
    assert article.dateline == "本报讯"
    assert article.body.startswith("经过半年改造")
    assert "拍照留念" not in article.body


@pytest.mark.parametrize(
    "caption_line, expected",
    [
        ("清晨的湖畔步道上，市民三五成群地散步 张小明 摄", ("清晨的湖畔步道上，市民三五成群地散步", "张小明")),
        ("改造后的湖畔步道夜景 市园林局供图", ("改造后的湖畔步道夜景", "市园林局")),
    ],
)
@pytest.mark.parametrize("indent", ["", IND])
def test_a_caption_printed_inside_a_column_break_leaves_the_paragraph_whole(caption_line, expected, indent):
    page = parse_page(LAKE + "\n" + indent + caption_line + "\n四十余处，并铺设了透水路面。\n" + LAKE_END)

    article = page.articles[0]
    assert photos(article) == [expected]
    assert "沿线新增休息座椅四十余处，并铺设了透水路面。" in article.body
    assert expected[0] not in article.body


def test_a_caption_printed_apart_keeps_its_text_with_the_credit_on_the_next_line():
    caption = "图为市民在改造一新的湖畔步道上散步，沿线的观景平台吸引不少游客驻足拍照留念。"
    page = parse_page(LAKE + "四十余处。\n" + caption + "\n张小明摄（江城晚报发）\n" + LAKE_END)

    article = page.articles[0]
    assert photos(article) == [(caption, "张小明")]
    assert "图为" not in article.body and "张小明" not in article.body


def test_a_wrapped_line_opening_with_tu_wei_inside_a_sentence_goes_on_with_its_paragraph():
    page = parse_page(LAKE + "，以防有人企\n图为一己之便占用步道。\n" + LAKE_END)

    article = page.articles[0]
    assert article.photos == []
    assert "沿线新增休息座椅，以防有人企图为一己之便占用步道。" in article.body


# --- the e-paper page label ---------------------------------------------------------------------

def test_the_page_label_is_furniture_and_names_the_publication():
    page = parse_page("江城晚报 2025年06月03日 第A05版：城事\n\n" + STORY_A + "\n" + STORY_B)

    assert page.publication == "江城晚报"
    assert "江城晚报 2025年06月03日 第A05版：城事" in page.furniture
    assert page.articles[0].title == "春风行动送岗位到家门口"
    assert page.articles[0].kicker is None


def test_a_label_printed_at_the_foot_without_a_paper_name_is_furniture_only():
    page = parse_page(STORY_B + "\n2025年06月03日 第4版\n")

    assert [a.title for a in page.articles] == ["老旧小区加装电梯提速"]
    assert "第4版" not in page.articles[0].body
    assert page.furniture == ["2025年06月03日 第4版"]


def test_a_sentence_naming_a_date_and_a_page_is_not_a_label():
    text = STORY_B.replace("下半年将再推出一批试点小区。", "详见本报2025年06月03日第4版报道。")

    page = parse_page(text)

    assert "详见本报2025年06月03日第4版报道。" in page.articles[0].body
    assert page.furniture == []
