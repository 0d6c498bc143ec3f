"""A paper's house style learnt from corrected pages: what it learns, and what it refuses to learn."""

from articles.parser.style import Example, HouseStyle, features_of, learn


def page(number, pieces):
    return [Example(number, text, said, settled) for text, said, settled in pieces]


def corrected_pages():
    """Three pages of a paper that credits stories "文/本报记者 …", which the parser took for body text,
    and prints photo credits "(… 摄)" on their own line, which it took for subheads."""
    return (
        page(1, [
            ("老旧小区改造惠及三千户", "title", "title"),
            ("文/本报记者 陈 明", "body", "byline"),
            ("今年以来,全市启动老旧小区改造项目四十个。", "body", "body"),
            ("(本报记者 陈明 摄)", "subhead", "photo_credit"),
            ("文化广场周末人气旺", "title", "title"),
            ("文/本报记者 李 华 实习生 王小丽", "body", "byline"),
        ])
        + page(2, [
            ("秋粮收购进度过半", "title", "title"),
            ("文/本报记者 张 强", "body", "byline"),
            ("文化馆举办书画展,吸引市民参观。", "body", "body"),
            ("(本报记者 张强 摄)", "subhead", "photo_credit"),
        ])
        + page(3, [
            ("新建公交线路下月开通", "title", "title"),
            ("文/本报记者 周 立", "body", "byline"),
            ("线路全长十八公里,设站二十六个。", "body", "body"),
        ])
    )


def test_the_papers_byline_and_credit_forms_are_learnt_and_applied_to_its_next_page():
    style = learn(corrected_pages())

    assert style.label_for("文/本报记者 吴 刚 通讯员 郑 芳", "body") == "byline"
    assert style.label_for("(本报记者 吴刚 摄)", "subhead") == "photo_credit"


def test_what_the_corrected_pages_did_not_show_is_left_to_the_parser():
    style = learn(corrected_pages())

    # body text that merely begins with 文 (文化…) stays body: the pages had such a paragraph, left as body
    assert style.label_for("文化节期间,各景区接待游客十二万人次。", "body") == "body"
    assert style.label_for("记者从市住建局获悉,改造将于年底完成。", "body") == "body"
    assert style.label_for("社区服务中心", "subhead") == "subhead"


def test_one_odd_line_on_one_page_is_no_style():
    examples = page(1, [("本版图片由受访者提供", "body", "noise"), ("本版图片由受访者提供", "body", "noise")]) + page(
        2, [("市场监管局发布提醒", "title", "title")]
    )

    assert learn(examples).rules == []


def test_a_rule_that_would_break_as_much_as_it_fixes_is_not_learnt():
    examples = (
        page(1, [("记者 王一", "body", "byline"), ("记者节到了,全市新闻工作者座谈。", "body", "body")])
        + page(2, [("记者 王二", "body", "byline"), ("记者站揭牌,服务基层报道。", "body", "body")])
    )

    style = learn(examples)

    assert style.label_for("记者节前夕,协会走访慰问一线记者。", "body") == "body"
    assert style.label_for("记者 赵六", "body") == "byline"  # the style word, not the surname, was learnt
    assert all(rule.breaks == 0 for rule in style.rules)


def test_learning_is_deterministic_and_readable():
    first, second = learn(corrected_pages()), learn(list(reversed(corrected_pages())))

    assert first.rules == second.rules
    assert any("“文/本报记者”" in line for line in first.describe())


def test_relabel_names_only_the_pieces_whose_label_changes():
    style = learn(corrected_pages())
    pieces = [("k1", "文/本报记者 吴 刚", "body"), ("k2", "全市新增绿道四十公里。", "body"), ("k3", "吴刚", "byline")]

    assert style.relabel(pieces) == [("k1", "byline")]


def test_an_empty_style_changes_nothing_and_blank_text_has_no_features():
    assert HouseStyle().label_for("文/本报记者 吴刚", "body") == "body"
    assert features_of(" \n\u3000") == []
