"""What each piece inside a story is: subheads and the short lines printed alone that are not
subheads (box labels, source lines, signatures, labelled lines), captions, credits. Every snippet is
placeholder text written in the trade's forms, not copied from a page."""

import pytest

from articles.parser import parse_page

PARA_A = "春风行动启动以来，全区举办招聘会十二场，提供岗位五千余个，吸引两万余名求职者到场。"
PARA_B = "人社部门提前摸清企业用工需求，把岗位信息送到村里，送到求职者手中，今年已有三千余人找到工作。"
PARA_C = "下一步，全区还将开展技能培训，帮助求职者提升本领，让更多人在家门口找到称心的工作。"


def story(middle: str):
    page = parse_page(f"# 春风行动送岗位到家门口\n\n本报讯 {PARA_A}\n\n{middle}\n\n{PARA_B}\n\n{PARA_C}\n")
    assert len(page.articles) == 1, [a.title for a in page.articles]
    return page.articles[0]


def test_a_short_line_between_paragraphs_is_a_subhead():
    article = story("岗位送到家门口")

    assert article.subheads == ["岗位送到家门口"]
    assert "## 岗位送到家门口" in article.body


@pytest.mark.parametrize("line", ["核心阅读", "【编者按】", "■内容提要", "编者的话"])
def test_a_box_label_is_not_a_subhead(line):
    article = story(line)

    assert article.subheads == []
    assert f"\n\n{line}\n\n" in article.body  # kept as its own line, not run into the next paragraph


@pytest.mark.parametrize("line", ["数据来源：某某区统计局", "资料来源：某某研究院", "——编 者", "——某某某", "马 兰"])
def test_a_source_line_or_a_signature_is_not_a_subhead(line):
    article = story(line)

    assert article.subheads == []
    assert line in article.body


@pytest.mark.parametrize("line", ["作用：提升工作效率", "建议：完善配套措施"])
def test_a_labelled_line_is_text_not_a_subhead(line):
    article = story(line)

    assert article.subheads == []
    assert f"\n\n{line}\n\n" in article.body


def test_a_line_closed_by_a_column_tag_opens_the_next_story():
    page = parse_page(
        f"# 春风行动送岗位到家门口\n\n本报讯 {PARA_A}\n\n{PARA_B}\n\n"
        f"把好事办到群众心坎上（社区观察）\n\n{PARA_C}\n"
    )

    assert [a.title for a in page.articles] == ["春风行动送岗位到家门口", "把好事办到群众心坎上（社区观察）"]
    assert page.articles[0].subheads == [] and page.articles[1].body == PARA_C


@pytest.mark.parametrize(
    "line, after",
    [
        ("就业服务是必要的", PARA_B),  # ends in 的, a whole phrase
        ("招聘会办到村口", "过去一年，" + PARA_B),  # the next paragraph opens with 过去, not a broken phrase
        ("统筹各方资源 促进社会参与", PARA_B),  # ends in 参与, a whole word
        ("坚持需求导向", PARA_B),  # 向 closes the word 导向 here
        ("乡村振兴大有作为", PARA_B),  # and 为 the word 作为
        ("用好政策红利，稳住就业基本盘", PARA_B),  # one comma in a line short enough for a subhead
    ],
)
def test_a_subhead_between_finished_paragraphs(line, after):
    page = parse_page(f"# 春风行动送岗位到家门口\n\n本报讯 {PARA_A}\n\n{line}\n\n{after}\n\n{PARA_C}\n")

    (article,) = page.articles
    assert article.subheads == [line]


@pytest.mark.parametrize(
    "line, after",
    [
        ("面对求职者的咨询、求助等源源不断", "的各种问题，工作人员逐一登记并及时答复。" + PARA_B),  # broken at 的
        ("全区各街道社区和", PARA_B),  # ends in 和: the phrase goes on
        ("岗位信息送到村里，送到求职者手中，送到企业门口", PARA_B),  # commas: a sentence
    ],
)
def test_a_short_line_that_reads_as_part_of_a_sentence_is_not_a_subhead(line, after):
    page = parse_page(f"# 春风行动送岗位到家门口\n\n本报讯 {PARA_A}\n\n{line}\n\n{after}\n\n{PARA_C}\n")

    (article,) = page.articles
    assert article.subheads == []


def test_numbered_captions_in_a_row_are_each_a_caption():
    page = parse_page(
        f"# 古村落焕发新活力\n\n本报讯 {PARA_A}\n\n"
        "图①：游客在古村老宅前拍照留念。\n\n钱多多摄\n\n"
        "图②：村民在祠堂前表演民俗节目。\n\n"
        "图③：孩子们在古井边听老人讲故事。\n\n孙小雨摄\n\n"
        f"{PARA_B}\n"
    )

    (article,) = page.articles
    assert [p.caption for p in article.photos] == [
        "图①：游客在古村老宅前拍照留念。", "图②：村民在祠堂前表演民俗节目。", "图③：孩子们在古井边听老人讲故事。",
    ]
    assert "图②" not in article.body and article.body.endswith(PARA_B)


def test_the_head_of_a_paragraph_broken_inside_a_quotation_is_not_a_subhead():
    line = "一位老农望着田地说“要是有台抽水机"
    page = parse_page(
        f"# 春风行动送岗位到家门口\n\n本报讯 {PARA_A}\n\n{line}\n\n就好了。”如今，村里的灌溉设施已经全部更新。{PARA_B}\n"
    )

    (article,) = page.articles
    assert article.subheads == []
    assert line in article.body


def test_a_box_label_under_the_headline_is_not_its_subtitle():
    page = parse_page(
        f"春风行动送岗位到家门口（民生观察）\n\n核心阅读\n\n全区今年举办招聘会十二场，三千余人在家门口找到工作。\n\n"
        f"本报讯 {PARA_A}\n\n{PARA_B}\n"
    )

    (article,) = page.articles
    assert (article.kicker, article.title, article.subtitle) == (None, "春风行动送岗位到家门口（民生观察）", None)
    assert article.subheads == []
    assert "核心阅读" in article.body
