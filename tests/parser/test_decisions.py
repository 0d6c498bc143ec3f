"""Parse decisions (docs/PARSE_DECISIONS.md): every piece of a page, what the parser made of it, in
which story, how sure, and keys that find the piece again. Pages are written in the trade's forms."""

import hashlib

import pytest

from articles.parser import Correction, Label, parse_page, piece_keys

PAGE = (
    "值班主任:王小明  责编:李大同\n"
    "新闻热线:0668-1234567\n"
    "\n"
    "## 稳就业 促发展\n"
    "\n"
    "# 春风行动送岗位到家门口\n"
    "\n"
    "本报讯（记者 林晓 通讯员 陈思）春风行动启动以来，全区举办招聘会十二场，提供岗位五千余个，"
    "吸引两万余名求职者到场。\n"
    "\n"
    "#### 岗位对接精准\n"
    "\n"
    "人社部门提前摸清企业用工需求，把岗位信息送到村里，送到求职者手中。今年以来，已有三千余人通过"
    "招聘会找到工作，其中一半以上是返乡人员。\n"
    "\n"
    "\n"
    "\n"
    "求职者在招聘会现场咨询。本报记者 周小川 摄\n"
    "\n"
    "# 老旧小区加装电梯提速\n"
    "\n"
    "本报讯 记者 黄志明 今年，全市计划为一百个老旧小区加装电梯，目前已开工六十个，居民上下楼难的"
    "问题正逐步得到解决。\n"
)


def by_text(page, start):
    found = [d for d in page.decisions if d.text.startswith(start)]
    assert len(found) == 1, [d.text for d in page.decisions]
    return found[0]


def test_each_piece_of_the_page_says_what_it_is_and_where_it_went():
    page = parse_page(PAGE)
    seen = [(d.line, d.label, d.story, d.starts_story) for d in page.decisions]

    assert seen == [
        (1, Label.STAFF, None, False),
        (2, Label.FURNITURE, None, False),
        (4, Label.KICKER, 0, True),
        (6, Label.TITLE, 0, False),
        (8, Label.DATELINE, 0, False),
        (10, Label.SUBHEAD, 0, False),
        (12, Label.BODY, 0, False),
        (16, Label.CAPTION, 0, False),
        (18, Label.TITLE, 1, True),
        (20, Label.DATELINE, 1, False),
    ]
    assert [a.title for a in page.articles] == ["春风行动送岗位到家门口", "老旧小区加装电梯提速"]


def test_a_lead_line_is_cut_into_dateline_byline_and_text():
    page = parse_page(PAGE)

    assert by_text(page, "本报讯（记者 林晓").parts == [
        (Label.DATELINE, "本报讯"),
        (Label.BYLINE, "（记者 林晓 通讯员 陈思）"),
        (Label.BODY, "春风行动启动以来，全区举办招聘会十二场，提供岗位五千余个，吸引两万余名求职者到场。"),
    ]
    assert by_text(page, "求职者在招聘会").parts == [
        (Label.CAPTION, "求职者在招聘会现场咨询。"),
        (Label.PHOTO_CREDIT, "本报记者 周小川 摄"),
    ]
    assert by_text(page, "人社部门").parts == []


def test_piece_texts_are_the_lines_as_printed():
    page = parse_page(PAGE.replace("\n", "\r\n").replace("周小川", "周\u3000小川"))

    assert by_text(page, "## 稳就业").text == "## 稳就业 促发展"
    assert by_text(page, "值班主任").text == "值班主任:王小明  责编:李大同"
    assert by_text(page, "求职者").text == "求职者在招聘会现场咨询。本报记者 周 小川 摄"


def test_keys_are_the_sha1_of_the_text_without_spaces_numbered_among_equals():
    text = "# 通知\n\n本报讯 今天停水。\n\n（完）\n\n# 通知\n\n本报讯 明天停电。\n\n（完）\n"
    page = parse_page(text)
    digest = hashlib.sha1("（完）".encode()).hexdigest()[:12]

    ends = [d.key for d in page.decisions if d.text == "（完）"]
    assert ends == [f"{digest}-1", f"{digest}-2"]
    assert [d.key for d in page.decisions] == piece_keys(d.text for d in page.decisions)
    assert len({d.key for d in page.decisions}) == len(page.decisions)


def test_keys_survive_a_new_import_with_other_spacing_and_a_change_elsewhere():
    before = {d.text: d.key for d in parse_page(PAGE).decisions}
    again = parse_page(PAGE.replace("本报记者 周小川 摄", "本报记者  周小川  摄").replace("十二场", "十三场"))

    kept = {d.text.replace("  ", " "): d.key for d in again.decisions}
    assert kept["求职者在招聘会现场咨询。本报记者 周小川 摄"] == before["求职者在招聘会现场咨询。本报记者 周小川 摄"]
    assert kept["# 老旧小区加装电梯提速"] == before["# 老旧小区加装电梯提速"]
    changed = next(d for d in again.decisions if "十三场" in d.text)
    assert changed.key not in before.values()


def test_least_certain_decisions_come_first():
    page = parse_page(PAGE)
    flagged = page.uncertain(3)

    assert len(flagged) == 3
    assert [d.confidence for d in flagged] == sorted(d.confidence for d in flagged)
    assert flagged[0].confidence == min(d.confidence for d in page.decisions)
    assert all(d.confidence <= min(flagged[-1].confidence, 1.0) for d in flagged)
    assert page.uncertain(0) == []
    assert page.uncertain(100) == sorted(page.decisions, key=lambda d: d.confidence)


def test_a_caption_read_from_the_gap_alone_is_flagged_first():
    text = (
        "# 古村落焕发新活力\n\n本报讯 古村文化节昨日开幕，吸引大批游客前来参观，村里的老宅、祠堂和古井"
        "都向游客开放，村民在家门口摆起了小吃摊。\n\n\n\n游客在古村老宅前拍照留念。\n\n"
        "文化节将持续三天，期间还将举办非遗展演、民俗巡游等活动，欢迎市民前往。\n"
    )
    page = parse_page(text)
    bare = by_text(page, "游客在古村")

    assert bare.label == Label.CAPTION
    assert page.uncertain(1) == [bare]
    assert by_text(page, "# 古村落").confidence > bare.confidence


def test_text_above_every_headline_is_an_uncertain_start():
    page = parse_page("的问题正逐步得到解决，居民纷纷点赞。\n\n# 新线路开通\n\n本报讯 新线路今日开通。\n")
    jump = page.decisions[0]

    assert (jump.label, jump.story, jump.starts_story) == (Label.BODY, 0, True)
    assert page.uncertain(1) == [jump]
    assert page.articles[0].title == ""


def test_a_correction_whose_piece_is_gone_is_ignored():
    plain = parse_page(PAGE)
    corrected = parse_page(PAGE, [Correction(key="0123456789ab-1", label=Label.BYLINE)])

    assert corrected.to_dict() == plain.to_dict()
    assert corrected.decisions == plain.decisions


@pytest.mark.parametrize("kwargs", [{"label": "headline"}, {"story": "split"}])
def test_a_correction_must_name_a_known_label_or_story_change(kwargs):
    with pytest.raises(ValueError, match="未知"):
        Correction(key="0123456789ab-1", **kwargs)
