"""A signature printed alone after a story's last paragraph is the story's credit, never a subhead or the
next story's headline: the writer's name (张小明), several names, a name with the writer's place of work
in brackets, a name marked as the text's (李大同/文), or the body that issued a notice."""

import pytest

from articles.parser import Label, parse_page

HEAD = "# 全市开展安全生产大检查\n\n"
TEXT = (
    "近日，全市开展安全生产大检查，共排查企业三百余家，发现隐患一百余处，已全部整改到位。\n\n"
    "检查组要求各企业落实主体责任，确保安全生产形势稳定，对发现的问题要立行立改。\n\n"
)
NEXT_HEADLINE = "\n\n# 老旧小区改造惠及万户居民\n\n本报讯（记者 吴志远）今年以来，全区完成老旧小区改造四十余个。\n"
NEXT_DATELINE = "\n\n本报讯（记者 吴志远）今年以来，全区完成老旧小区改造四十余个，惠及居民万余户。\n"


def credits(article):
    return [(c.name, c.role) for c in article.bylines]


@pytest.mark.parametrize("line, expected", [
    ("张小明", [("张小明", "reporter")]),
    ("李大同 张小明", [("李大同", "reporter"), ("张小明", "reporter")]),
    ("李大同、张小明", [("李大同", "reporter"), ("张小明", "reporter")]),
    ("张  伟", [("张伟", "reporter")]),
    ("李大同（作者单位：某某大学）", [("李大同", "reporter")]),
    ("□ 李大同 / 文", [("李大同", "reporter")]),
    ("撰文 李大同", [("李大同", "reporter")]),
])
def test_a_signature_after_the_last_paragraph_credits_the_story(line, expected):
    page = parse_page(HEAD + TEXT + line + "\n")

    story = page.articles[0]
    assert story.title == "全市开展安全生产大检查"
    assert credits(story) == expected
    assert story.subheads == []
    assert line.strip("□ ") not in story.body
    assert len(page.articles) == 1


@pytest.mark.parametrize("line", ["李大同 张小明", "李大同（作者单位：某某大学）", "欧阳小明", "□ 李大同 / 文"])
def test_a_plain_signature_over_the_next_headline_credits_the_story_above(line):
    page = parse_page(HEAD + TEXT + line + NEXT_HEADLINE)

    assert [a.title for a in page.articles] == ["全市开展安全生产大检查", "老旧小区改造惠及万户居民"]
    assert [name for name, _ in credits(page.articles[0])] == [n for n in ("李大同", "张小明", "欧阳小明") if n in line]


def test_the_body_that_issued_a_notice_signs_it_at_the_foot_of_the_page():
    page = parse_page(HEAD + TEXT + "某某市安全生产委员会办公室\n")

    (story,) = page.articles
    assert credits(story) == [("某某市安全生产委员会办公室", "source")]
    assert story.subheads == []


def test_a_brief_whose_headline_ends_in_a_body_name_keeps_its_headline():
    page = parse_page(HEAD + TEXT + "某地成立昆曲发展基金会" + NEXT_DATELINE)

    assert [a.title for a in page.articles] == ["全市开展安全生产大检查", "某地成立昆曲发展基金会"]
    assert credits(page.articles[0]) == []


def test_a_two_character_section_label_over_the_next_headline_is_not_a_signature():
    page = parse_page(HEAD + TEXT + "时评" + NEXT_HEADLINE)

    assert credits(page.articles[0]) == []
    assert "时评" not in [c.name for a in page.articles for c in a.bylines]


def test_a_name_between_two_paragraphs_is_not_a_signature():
    page = parse_page(HEAD + TEXT + "张小明\n\n他在车间里一干就是三十年，这次安全生产大检查中带队排查隐患。\n")

    (story,) = page.articles
    assert credits(story) == []


def test_a_note_on_the_writers_place_of_work_credits_nobody():
    page = parse_page(HEAD + TEXT + "（作者单位：某某大学）\n")

    (story,) = page.articles
    assert credits(story) == []


def test_a_reporters_box_label_is_not_a_reporter():
    page = parse_page(HEAD + TEXT + "■记者手记\n\n这次检查让人看到了企业的变化。\n")

    (story,) = page.articles
    assert credits(story) == []
    assert "记者手记" in story.body


def test_the_signature_decision_is_a_byline_with_its_reason():
    page = parse_page(HEAD + TEXT + "张小明\n")

    (decision,) = [d for d in page.decisions if d.text == "张小明"]
    assert decision.label == Label.BYLINE
    assert "署名" in decision.why


def test_a_scan_prompt_is_not_a_subhead():
    page = parse_page(HEAD + TEXT + "扫码看视频\n\n检查还将持续一个月。\n")

    assert page.articles[0].subheads == []


def test_names_over_a_plain_headline_and_its_dateline_sign_the_story_above():
    page = parse_page(HEAD + TEXT + "李大同 张小明" + NEXT_HEADLINE.replace("# ", ""))

    assert [a.title for a in page.articles] == ["全市开展安全生产大检查", "老旧小区改造惠及万户居民"]
    assert credits(page.articles[0]) == [("李大同", "reporter"), ("张小明", "reporter")]


def test_names_over_a_short_line_and_more_text_are_not_taken_for_a_signature():
    # the short line may be a caption inside the story: the names stay as the rules read them before
    text = HEAD + TEXT + "李大同 张小明\n\n居民在食堂排队取餐\n\n不少老人说，家门口有了食堂，再也不用为一日三餐发愁。\n"
    (decision,) = [d for d in parse_page(text).decisions if d.text == "李大同 张小明"]

    assert "稿末" not in decision.why


def test_names_over_a_short_line_are_no_section_title_though_the_text_goes_on():
    text = (
        "社区食堂开张 老人每餐五元\n\n本报讯 7月14日，油城社区食堂正式开张，辖区老人每餐只需五元。\n\n"
        "食堂每天供应午餐和晚餐，社区志愿者轮流帮厨。\n\n李大同 张小明\n\n居民在食堂排队取餐\n\n"
        "不少老人说，家门口有了食堂，再也不用为一日三餐发愁。\n"
    )
    (decision,) = [d for d in parse_page(text).decisions if d.text == "李大同 张小明"]

    assert decision.label != Label.SUBHEAD and "接着上文" not in decision.why


def test_a_commentators_post_and_name_in_brackets_closing_a_story_is_its_signature():
    page = parse_page(
        "便利和风险是一枚硬币的两面\n\n"
        "技术的进步总是跑在法律前面，使用新工具时，也不要忘了为自己的权益多留一道防线。\n\n"
        "（某某大学法学院副教授 赵小武）\n\n"
        "当声音被人“偷走”，该怎么办\n\n"
        "新华社记者 吴某某\n\n"
        "近来，一些人发现自己的声音被人仿冒，用来推销商品，维权却不知从何下手。\n"
    )

    first, second = page.articles
    assert [(c.name, c.role) for c in first.bylines] == [("赵小武", "reporter")]
    assert "赵小武" not in first.body
    assert second.title == "当声音被人“偷走”，该怎么办"


@pytest.mark.parametrize("bracket, expected", [
    ("（某某大学法学院副教授 赵小武）", [("赵小武", "reporter")]),
    ("（某区卫健局 张小三）", [("某区卫健局", "source"), ("张小三", "reporter")]),  # a body and its writer
    ("（黎小君 陈小锋）", [("黎小君", "reporter"), ("陈小锋", "reporter")]),  # two writers
])
def test_a_bracket_closing_a_paragraph_names_a_post_a_body_or_writers(bracket, expected):
    page = parse_page(
        "便利和风险是一枚硬币的两面\n\n"
        "技术的进步总是跑在法律前面，使用新工具时，也不要忘了为自己的权益多留一道防线。" + bracket + "\n"
    )

    assert [(c.name, c.role) for c in page.articles[0].bylines] == expected


def test_a_pupils_signature_after_a_dash_over_the_next_section_opens_no_story():
    # a page of pupils' pieces: each signed "——school, class, name", the next one's label under it
    page = parse_page(
        "春日研学活动场场爆满\n"
        "　　本报讯 城南小学组织学生走进植物园开展春日研学，同学们认识了五十多种植物。\n"
        "　　那天的阳光很好，我第一次知道玉兰花先开花后长叶。\n"
        "　　——城南小学五（3）班 李小明\n"
        "　　体验活动：认识植物\n"
        "　　今天，我跟着老师走进温室，看到了会“吃虫”的猪笼草。\n"
    )

    assert [a.title for a in page.articles] == ["春日研学活动场场爆满"]
    assert "猪笼草" in page.articles[0].body
    dash = next(d for d in page.decisions if d.text.startswith("——城南小学"))
    assert not dash.starts_story and dash.label != "title"
