"""bench/parse_confidence.py: gold labels read off a page's gold annotation, errors found where the
parser's decisions disagree, and the flagged share chosen under its bound."""

from bench.parse_confidence import Scored, figures, gold_of_piece, is_boundary_error, score_page

A = "春风行动启动以来，全区举办招聘会十二场，提供岗位五千余个，吸引两万余名求职者到场。"
B = "人社部门提前摸清企业用工需求，把岗位信息送到村里，送到求职者手中，今年已有三千余人找到工作。"

PAGE = f"# 春风行动送岗位到家门口\n\n本报评论员 张 三\n\n{A}\n\n#### 岗位对接精准\n\n{B}\n\n责编:李大同\n"
GOLD = {
    "publication": None,
    "masthead": [{"name": "李大同", "role": "责编"}],
    "photos": [],
    "articles": [{
        "kicker": None, "title": "春风行动送岗位到家门口", "subtitle": None, "dateline": None,
        "bylines": [{"name": "张三", "role": "reporter"}],
        "subheads": ["岗位对接精准"],
        "photos": [],
        "body_contains": ["全区举办招聘会十二场", "今年已有三千余人找到工作"],
        "body_excludes": [],
    }],
}


def test_gold_labels_come_from_the_gold_fields():
    assert gold_of_piece("# 春风行动送岗位到家门口", GOLD) == (frozenset({"title"}), frozenset({0}))
    assert gold_of_piece("#### 岗位对接精准", GOLD) == (frozenset({"subhead"}), frozenset({0}))
    assert gold_of_piece("本报评论员 张 三", GOLD)[0] == frozenset({"byline"})
    assert gold_of_piece(A, GOLD) == (frozenset({"body"}), frozenset({0}))
    assert gold_of_piece("责编:李大同", GOLD) == (frozenset({"staff"}), frozenset({None}))
    assert gold_of_piece("市民在广场参加活动。", GOLD) is None  # no evidence: not scored


def test_a_decision_the_gold_disagrees_with_is_an_error_and_the_others_are_not():
    scored = score_page("page", PAGE, GOLD)

    assert [(s.line, s.label, s.error) for s in scored] == [
        (1, "title", False),
        (3, "subhead", True),  # the rules do not know 本报评论员: a byline taken for a subhead
        (5, "body", False),
        (7, "subhead", False),
        (9, "body", False),
        (11, "staff", False),
    ]


def test_a_missed_story_start_is_an_error_where_the_story_opens():
    gold = dict(GOLD, articles=[
        dict(GOLD["articles"][0], subheads=[], bylines=[], body_contains=["全区举办招聘会十二场"]),
        {"kicker": None, "title": "岗位对接精准", "subtitle": None, "dateline": None, "bylines": [], "subheads": [],
         "photos": [], "body_contains": ["今年已有三千余人找到工作"], "body_excludes": []},
    ])
    scored = score_page("page", PAGE, gold)

    assert [(s.line, s.error) for s in scored if s.line in (5, 7, 9)] == [(5, False), (7, True), (9, False)]
    assert [s.line for s in scored if is_boundary_error(s)] == [7]  # a story missed, not a byline misread


def test_a_misread_byline_is_an_error_but_no_story_boundary():
    scored = score_page("page", PAGE, GOLD)

    assert [(s.line, is_boundary_error(s)) for s in scored if s.error] == [(3, False)]


def test_the_threshold_flags_at_most_the_share_allowed_and_never_splits_a_tie():
    def s(confidence, error):
        return Scored("p", 1, "body", frozenset({"body"}), confidence, error, "")

    scored = [s(0.1, True), s(0.3, True), s(0.3, False)] + [s(0.9, False)] * 17
    result = figures(scored, max_flagged=0.15)  # 3 of 20 allowed

    assert (result.threshold, result.flagged, result.errors_flagged, result.errors) == (0.3, 3, 2, 2)
    tied = figures([s(0.1, True)] + [s(0.3, True)] * 3 + [s(0.9, False)] * 16, max_flagged=0.15)
    assert (tied.threshold, tied.flagged, tied.errors_held) == (0.1, 1, 0.25)


def test_a_dateline_alone_at_the_end_of_a_feature_the_gold_does_not_score_is_not_scored():
    lead = "新华社北京4月27日电 会议27日下午在北京人民大会堂举行，审议多部法律草案，听取有关报告。"
    page = (f"# 常委会会议在京举行\n\n{lead}\n\n{A}\n\n"
            f"# 草案二次审议看点\n\n新华社记者 王某某\n\n{B}\n\n新华社北京4月27日电\n")
    article = {"kicker": None, "subtitle": None, "bylines": [], "subheads": [], "photos": [], "body_excludes": []}
    gold = {"publication": None, "masthead": [], "photos": [], "articles": [
        {**article, "title": "常委会会议在京举行", "dateline": "新华社北京4月27日电", "body_contains": ["全区举办招聘会十二场"]},
        # a feature: its gold keeps no dateline (only a lead's), and it is not scored
        {**article, "title": "草案二次审议看点", "dateline": None, "body_contains": ["今年已有三千余人找到工作"],
         "optional": True},
    ]}

    lines = [s.line for s in score_page("page", page, gold)]

    assert 3 in lines  # the first story's own dateline is scored
    assert 13 not in lines  # the feature's closing 电头: whose it is, the gold cannot say
