"""A plain short line between paragraphs: the subhead of the story above when the text under it goes on with
that story's subject, the headline of the next story when it speaks of other things (lexical cohesion)."""

from articles.parser import Correction, Label, parse_page
from articles.parser.cohesion import continuation, goes_on

STORY = (
    "全市开展安全生产大检查\n\n"
    "本报讯（记者 周国强）近日，全市开展安全生产大检查，检查组深入化工企业、建筑工地和商场超市，"
    "共排查企业三百余家，发现安全隐患一百余处。\n\n"
    "检查组要求各企业落实安全生产主体责任，对排查发现的安全隐患立行立改，化工企业要建立隐患台账。\n\n"
)
UNRELATED = (
    "秋收时节稻谷飘香\n\n"
    "金秋十月，城郊万亩稻田迎来丰收，收割机在田间来回穿梭，农户们忙着晾晒稻谷、装袋入仓，"
    "合作社负责人说今年水稻亩产比去年增加五十多公斤。\n\n"
)
CONTINUED = (
    "隐患整改不过夜\n\n"
    "对检查发现的安全隐患，检查组逐一建立台账，要求企业限期整改，化工企业和建筑工地的隐患已整改九成，"
    "商场超市的消防通道全部清理到位。\n\n"
)


def test_a_lone_line_over_text_of_another_subject_opens_a_story():
    page = parse_page(STORY + UNRELATED)

    assert [a.title for a in page.articles] == ["全市开展安全生产大检查", "秋收时节稻谷飘香"]
    assert "稻谷" not in page.articles[0].body
    assert page.articles[0].subheads == []
    title = next(d for d in page.decisions if d.text == "秋收时节稻谷飘香")
    assert title.label == Label.TITLE and title.starts_story
    assert "用词不相干" in title.why


def test_a_lone_line_over_text_that_goes_on_with_the_story_is_its_subhead():
    page = parse_page(STORY + CONTINUED)

    assert [a.title for a in page.articles] == ["全市开展安全生产大检查"]
    assert page.articles[0].subheads == ["隐患整改不过夜"]


def test_a_run_of_subheads_stays_whatever_each_opens_on():
    # a round-up subheaded throughout: each part may speak of its own place, the story is one
    parts = "".join(
        f"{head}\n\n{text}\n\n"
        for head, text in (
            ("东城街道", "东城街道组织志愿者清理楼道杂物，为老人更换烟感报警器，居民拍手称好。"),
            ("西湖社区", "西湖社区开展消防演练，物业保安现场示范灭火器使用方法，孩子们看得认真。"),
            ("南山园区", "南山园区邀请专家讲解用电常识，园区企业员工踊跃提问，气氛热烈。"),
        )
    )
    page = parse_page(STORY + parts)

    assert len(page.articles) == 1
    assert page.articles[0].subheads == ["东城街道", "西湖社区", "南山园区"]


def test_an_editors_subhead_is_kept_though_the_text_under_it_is_unrelated():
    first = parse_page(STORY + UNRELATED)
    key = next(d.key for d in first.decisions if d.text == "秋收时节稻谷飘香")

    page = parse_page(STORY + UNRELATED, [Correction(key=key, label=Label.SUBHEAD)])

    assert [a.title for a in page.articles] == ["全市开展安全生产大检查"]
    assert page.articles[0].subheads == ["秋收时节稻谷飘香"]


def test_a_caption_under_the_new_headline_goes_with_the_new_story():
    caption = "收割机在稻田里作业。本报记者 林海 摄\n\n"
    page = parse_page(STORY + UNRELATED + caption + "农户们说，今年稻谷收成好，价格也不错，一年的辛苦没有白费。\n")

    titles = [a.title for a in page.articles]
    assert titles == ["全市开展安全生产大检查", "秋收时节稻谷飘香"]
    assert not page.articles[0].photos
    assert [p.caption for p in page.articles[1].photos] == ["收割机在稻田里作业。"]
    assert [(c.name, c.role) for c in page.articles[0].bylines] == [("周国强", "reporter")]
    assert [(c.name, c.role) for c in page.articles[1].bylines] == [("林海", "photographer")]


def test_continuation_weighs_the_words_the_text_below_shares_with_the_text_above():
    above = "全市开展安全生产大检查，排查化工企业安全隐患。"

    assert continuation(above, "化工企业安全隐患整改到位。") > 0.5
    assert continuation(above, "城郊稻田迎来丰收，农户晾晒稻谷。") == 0.0
    assert continuation(above, "2024") == 1.0  # nothing to tell by: no sign of a new subject


def test_goes_on_agrees_with_the_share_of_words_in_common():
    above = "全市开展安全生产大检查，排查化工企业安全隐患。检查组深入建筑工地。"
    for below in ("化工企业安全隐患整改到位。", "城郊稻田迎来丰收，农户晾晒稻谷。", "建筑工地迎来丰收。", "2024"):
        share = continuation(above, below)
        assert goes_on(above, below, share)
        assert not goes_on(above, below, share + 0.01) or share == 1.0


def test_a_closing_credit_after_the_unrelated_text_goes_to_the_story_it_closes():
    page = parse_page(STORY + UNRELATED + "（新华社某地10月12日电  记者林海、王芳）\n")

    first, second = page.articles
    assert (first.dateline, [c.name for c in first.bylines]) == ("本报讯", ["周国强"])
    assert (second.title, second.dateline) == ("秋收时节稻谷飘香", "新华社某地10月12日电")
    assert [c.name for c in second.bylines] == ["林海", "王芳"]
    closing = next(d for d in page.decisions if d.text.startswith("（新华社"))
    assert closing.story == 1


# a section of a feature of many voices: its title over the speaker's line, then the speaker's text
SECTION = (
    "隐患整改不过夜\n\n"
    "市安监局执法支队队长 王立新\n\n"
    "对检查发现的安全隐患，检查组逐一建立台账，要求企业限期整改，化工企业和建筑工地的隐患已整改九成，"
    "商场超市的消防通道全部清理到位。\n\n"
)
NEXT_STORY = (
    "秋收时节稻谷飘香\n\n"
    "城郊万亩稻田喜获丰收\n\n"
    "金秋十月，城郊万亩稻田迎来丰收，收割机在田间来回穿梭，农户们忙着晾晒稻谷、装袋入仓，"
    "合作社负责人说今年水稻亩产比去年增加五十多公斤。\n\n"
)


def test_short_lines_over_text_that_goes_on_with_the_story_are_its_subheads():
    page = parse_page(STORY + SECTION)

    (article,) = page.articles
    assert article.subheads == ["隐患整改不过夜", "市安监局执法支队队长 王立新"]
    assert "限期整改" in article.body
    line = next(d for d in page.decisions if d.text == "隐患整改不过夜")
    assert line.label == Label.SUBHEAD and not line.starts_story
    assert "接着上文" in line.why


def test_short_lines_over_text_of_another_subject_open_a_story():
    page = parse_page(STORY + NEXT_STORY)

    assert [(a.title, a.subtitle) for a in page.articles] == [
        ("全市开展安全生产大检查", None), ("秋收时节稻谷飘香", "城郊万亩稻田喜获丰收")]


def test_a_headline_and_its_dash_subtitle_open_a_story_whatever_the_text_under_them():
    page = parse_page(STORY + "隐患整改不过夜\n\n——记市安监局执法支队\n\n" + SECTION.split("\n\n", 2)[2])

    assert [a.title for a in page.articles] == ["全市开展安全生产大检查", "隐患整改不过夜"]
    assert page.articles[1].subtitle == "——记市安监局执法支队"


def test_a_subhead_printed_on_two_lines_stays_whatever_the_text_under_it_speaks_of():
    # a section of a round-up, on two lines between paragraphs: not split off as a story of its own
    page = parse_page(STORY + "城郊农场\n秋收正当时\n\n" + UNRELATED.split("\n\n", 1)[1])

    (article,) = page.articles
    assert article.subheads == ["城郊农场 秋收正当时"]
    assert "稻谷" in article.body


MATCHED = (
    "产业再优化\n\n瓜果能迭代\n\n农户增收入\n\n"
    "大棚里的甜瓜换了新品种，口感更脆，亩产提高两成，收购商上门订货，合作社的冷库也建起来了。\n\n"
)


def test_matched_phrases_over_text_of_another_subject_title_a_section():
    # a feature titles its sections in phrases of one length (对仗); the text under them may turn to a
    # new subject, but no headline group prints three lines of one length
    page = parse_page(STORY + MATCHED)

    assert [a.title for a in page.articles] == ["全市开展安全生产大检查"]
    assert page.articles[0].subheads == ["产业再优化", "瓜果能迭代", "农户增收入"]
    assert "甜瓜" in page.articles[0].body


def test_a_headline_group_of_lines_of_different_lengths_still_opens_a_story():
    group = "产业再优化\n\n城郊瓜果种植户迎来丰收\n\n农户增收入\n\n"
    page = parse_page(STORY + group + MATCHED.split("\n\n", 3)[3])

    assert [a.title for a in page.articles][0] == "全市开展安全生产大检查"
    assert len(page.articles) == 2
    assert "甜瓜" not in page.articles[0].body


def test_a_voices_title_over_its_speaker_is_a_subhead_whatever_the_voice_speaks_of():
    # a feature of many voices: each section is titled with what its speaker says, the speaker by country
    # and name on the line under it; the text under it is that speaker's own story
    voice = (
        "城市的变化让我感到惊讶\n\n（英国）理查德·托马斯\n\n"
        "二十年前我第一次来这里做植物研究，那时候的热带雨林保护站只有几间平房，如今已经建成了标本馆和实验楼。\n\n"
    )
    page = parse_page(STORY + voice)

    assert [a.title for a in page.articles] == ["全市开展安全生产大检查"]
    assert page.articles[0].subheads == ["城市的变化让我感到惊讶"]
    assert "（英国）理查德·托马斯" in page.articles[0].body
