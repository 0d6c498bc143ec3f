"""A paper's house style learnt from corrected pages: what it learns, and what it refuses to learn."""

from articles.parser import Correction, Label, parse_page
from articles.parser.decisions import HOUSE_STYLE_CONFIDENCE
from articles.parser.style import Example, HouseStyle, explain, learn, learn_pages, parse_in_style, shape_of


GUESS = 0.5  # how sure the parser is of these pieces: a guess


def page(number, pieces):
    return [Example(number, text, said, settled, confidence=GUESS) for text, said, settled in pieces]


def corrected_pages():
    """Three pages of a paper that credits supplied copy "…供稿" on a line of its own, which the parser took
    for a subhead; its real subheads, which the parser read right, stand in the same places."""
    return [
        page(1, [
            ("老旧小区改造惠及三千户", "title", "title"),
            ("今年以来,全市启动老旧小区改造项目四十个。", "body", "body"),
            ("改造清单", "subhead", "subhead"),
            ("加装电梯十二部,更换管网八公里。", "body", "body"),
            ("城建新闻供稿", "subhead", "byline"),
            ("文化广场周末人气旺", "title", "title"),
            ("周末的文化广场上,市民载歌载舞。", "body", "body"),
            ("文旅快讯供稿", "subhead", "byline"),
        ]),
        page(2, [
            ("秋粮收购进度过半", "title", "title"),
            ("全市已收购秋粮十二万吨。", "body", "body"),
            ("收购价格", "subhead", "subhead"),
            ("每斤比去年高五分。", "body", "body"),
            ("农业快讯供稿", "subhead", "byline"),
            ("新建公交线路下月开通", "title", "title"),
            ("线路全长十八公里,设站二十六个。", "body", "body"),
            ("交通频道供稿", "subhead", "byline"),
        ]),
        page(3, [("社区食堂开张", "title", "title"), ("老人吃饭不再难。", "body", "body")]),
    ]


def relabelled(style, pieces, sure=GUESS):
    keyed = [(str(i), text, label, False, sure) for i, (text, label) in enumerate(pieces)]
    return {int(c.key): c.label for c in style.changes(keyed)}


def test_the_papers_credit_form_is_learnt_and_applied_to_its_next_page():
    style = learn(corrected_pages())

    changed = relabelled(style, [("河道整治完工", "title"), ("两岸绿道同步开放。", "body"), ("水利之声供稿", "subhead")])

    assert changed == {2: Label.BYLINE}
    assert style.rules[0].reason().startswith("本报习惯：")


def test_what_the_corrected_pages_did_not_show_is_left_to_the_parser():
    style = learn(corrected_pages())

    changed = relabelled(style, [("据介绍,绿道全长八公里,沿途设置驿站三处。", "body"), ("社区服务中心", "subhead")])

    assert changed == {}


def test_the_style_corrects_the_parsers_guesses_not_what_it_read_surely():
    style = learn(corrected_pages())

    assert relabelled(style, [("水利之声供稿", "subhead")], sure=0.95) == {}


def test_one_odd_line_on_one_page_is_no_style():
    examples = [page(1, [("本版图片由受访者提供", "body", "noise")]), page(2, [("市场监管局发布提醒", "title", "title")]),
                page(3, [("本版图片由受访者提供", "body", "noise")])]

    assert learn(examples).rules == []


def test_a_rule_that_would_break_as_much_as_it_fixes_is_not_learnt():
    text = ("正文一段。", "body", "body")
    pages = [page(n, [text, ("城建新闻供稿", "subhead", "byline"), text, ("本周读者供稿", "subhead", "subhead"), text])
             for n in (1, 2, 3)]

    assert learn(pages).rules == []


def test_learning_is_deterministic():
    first, second = learn(corrected_pages()), learn(list(reversed(corrected_pages())))

    assert first.rules == second.rules
    assert learn([]).rules == [] and HouseStyle().changes([("k", "城建新闻供稿", "subhead", False, 1.0)]) == []
    assert shape_of(" \n\u3000") == []


PAGE = """城市绿道全线贯通

今年以来,全市新建绿道四十公里,沿线设置驿站十二处。

城建新闻供稿

社区食堂开张

老人吃饭不再难,每餐只要十元。

民生频道供稿
"""


def credit_settle(decisions):
    """An editor's reading of PAGE-like pages: each "…供稿" line is a byline."""
    return [(Label.BYLINE if d.text.endswith("供稿") else d.label, None) for d in decisions]


def test_a_learnt_style_relabels_a_new_page_and_the_editors_correction_wins():
    said = {d.text: d.label for d in parse_page(PAGE).decisions}
    assert said["城建新闻供稿"] != Label.BYLINE  # the parser alone does not read the credit
    style = learn_pages([(PAGE.replace("城市", city), credit_settle) for city in ("东城", "西城", "南城", "北城")])

    styled = {d.text: d for d in parse_in_style(PAGE, style).decisions}
    assert styled["城建新闻供稿"].label == Label.BYLINE
    assert styled["城建新闻供稿"].why.startswith("本报习惯：")
    # learnt from the editors, so the confidence model does not re-guess it; but not the editor's own word
    assert styled["城建新闻供稿"].confidence == HOUSE_STYLE_CONFIDENCE < 1

    key = styled["民生频道供稿"].key
    mine = {d.text: d for d in parse_in_style(PAGE, style, [Correction(key=key, label=Label.BODY)]).decisions}
    assert mine["民生频道供稿"].label == Label.BODY and mine["城建新闻供稿"].label == Label.BYLINE


def test_a_headline_group_read_the_wrong_way_round_is_learnt_as_one_habit():
    """A paper whose two-line headline groups are kicker and title, where the parser reads title and
    subtitle: one group per page, two pieces wrong each time."""
    pages = [page(n, [(f"第{n}条引题", "title", "kicker"), (f"第{n}条主题", "subtitle", "title"),
                      ("正文一段。", "body", "body")]) for n in (1, 2)]

    style = learn(pages)

    assert relabelled(style, [("另一条引题", "title"), ("另一条主题", "subtitle"), ("正文。", "body")]) == {
        0: Label.KICKER, 1: Label.TITLE}
    assert "下一段主题" in style.rules[0].reason()


def test_a_headline_habit_leaves_a_group_whose_other_half_the_editor_set():
    """The editor marked a group's second line its subtitle: the kicker>title habit would leave the story
    a kicker and no title, so it changes neither line of that group (and still reads the other groups)."""
    pages = [page(n, [(f"第{n}条引题", "title", "kicker"), (f"第{n}条主题", "subtitle", "title"),
                      ("正文一段。", "body", "body")]) for n in (1, 2)]
    style = learn(pages)
    pieces = [("0", "另一条主题", "title", True, GUESS), ("1", "另一条副题", "subtitle", False, 1.0),
              ("2", "正文。", "body", False, GUESS), ("3", "再一条引题", "title", True, GUESS),
              ("4", "再一条主题", "subtitle", False, GUESS)]

    changed = {c.key: c.label for c in style.changes(pieces, keep={"1"})}

    assert changed == {"3": Label.KICKER, "4": Label.TITLE}


def test_a_habit_that_corrected_pages_contradict_is_not_learnt():
    """Three pages credit supplied copy "…供稿" on a line of its own; on two more the same form is a real
    subhead (a column of readers' letters). Learnt from the other pages, the rule would break each of those
    two: more pages hurt than the check allows (HURT_SHARE), though it gains 4 pieces in all."""
    credit = [("正文一段。", "body", "body"), ("城建新闻供稿", "subhead", "byline"), ("正文一段。", "body", "body"),
              ("文旅快讯供稿", "subhead", "byline")]
    letters = [("正文一段。", "body", "body"), ("本周读者供稿", "subhead", "subhead"), ("正文一段。", "body", "body")]
    pages = [page(n, credit) for n in (1, 2, 3)]

    new_page = [("正文。", "body"), ("交通频道供稿", "subhead"), ("正文。", "body")]
    assert relabelled(learn(pages), new_page) == {1: Label.BYLINE}
    assert learn([*pages, page(4, letters), page(5, letters)]).rules == []


def test_a_habit_seen_on_one_corrected_page_alone_is_not_learnt():
    """However often one page shows it: no other corrected page would have taught it."""
    many = page(1, [(f"第{n}路快讯供稿", "subhead", "byline") for n in range(8)])

    assert learn([many, page(2, [("正文一段。", "body", "body")])]).rules == []


def test_numbered_parts_are_told_from_other_short_lines_by_their_ordinal():
    """A paper whose numbered parts (一、… 二、…) are subheads the parser read as text; its other short lines
    without an ordinal are text, and stay text."""
    pages = [page(n, [("一、总体要求", "body", "subhead"), ("正文一段。", "body", "body"), ("二、主要任务", "body", "subhead"),
                      ("简短一句", "body", "body"), ("正文一段。", "body", "body")]) for n in (1, 2)]

    style = learn(pages)

    assert relabelled(style, [("三、保障措施", "body"), ("正文。", "body"), ("另一短句", "body")]) == {0: Label.SUBHEAD}
    assert "序号" in style.rules[0].reason()


def test_explain_tells_why_three_pages_showing_a_habit_once_each_teach_nothing():
    three = [(PAGE.replace("城市", city), credit_settle) for city in ("东城", "西城", "南城")]

    lines = explain(three)

    assert lines[0].startswith("6 of ")  # the two credit lines of each page
    assert any("→ byline" in line and line.endswith("gain 3 < 4") for line in lines[1:])
    assert any(line.endswith("passes") for line in explain([*three, (PAGE, credit_settle)])[1:])
