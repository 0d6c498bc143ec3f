"""How a page falls into stories: headline groups, subheads, column breaks, captions, sidebars,
notices and where one story ends. Every snippet is written in the trade's forms, not copied from a
sample page."""

import pytest

from articles.parser import Label, parse_page


def only_article(text):
    page = parse_page(text)
    assert len(page.articles) == 1, [a.title for a in page.articles]
    return page.articles[0]


def headline(article):
    return article.kicker, article.title, article.subtitle


def captions(article):
    return [p.caption for p in article.photos]


LEAD = "本报讯 记者 林晓 春风行动启动以来，全区举办招聘会十二场，提供岗位五千余个。\n"


# --- headline groups ----------------------------------------------------------------------------

@pytest.mark.parametrize("title_mark", ["#", "###"])
def test_markdown_kicker_above_the_title(title_mark):
    article = only_article(f"## 稳就业 促发展\n\n{title_mark} 春风行动送岗位到家门口\n\n{LEAD}")

    assert headline(article) == ("稳就业 促发展", "春风行动送岗位到家门口", None)
    assert article.dateline == "本报讯"
    assert article.body.startswith("春风行动启动以来")


def test_markdown_title_kicker_and_subtitle():
    article = only_article(
        "## 稳就业 促发展\n\n# 春风行动送岗位到家门口\n\n### 全区举办招聘会十二场\n\n" + LEAD
    )

    assert headline(article) == ("稳就业 促发展", "春风行动送岗位到家门口", "全区举办招聘会十二场")


@pytest.mark.parametrize("subtitle", ["全区举办招聘会十二场", "——全区春季招聘会侧记"])
@pytest.mark.parametrize("opening", [LEAD, "本报记者 林晓\n\n春风行动启动以来，全区举办招聘会十二场，提供岗位五千余个。\n"])
def test_unmarked_line_under_a_markdown_title_is_its_subtitle(subtitle, opening):
    page = parse_page(f"# 春风行动送岗位到家门口\n\n{subtitle}\n\n{opening}")

    assert [headline(a) for a in page.articles] == [(None, "春风行动送岗位到家门口", subtitle)]
    assert page.articles[0].subheads == []


@pytest.mark.parametrize("before", ["", "城区新增停车位\n\n本报讯 今年以来，城区新增停车位三千个。\n\n"])
def test_line_between_the_title_and_the_lead_is_part_of_the_headline(before):
    page = parse_page(
        f"{before}春风行动送岗位到家门口\n\n让更多居民在家门口有新作为\n\n{LEAD}"
    )

    assert headline(page.articles[-1]) == (None, "春风行动送岗位到家门口", "让更多居民在家门口有新作为")
    assert page.articles[-1].body.startswith("春风行动启动以来")


def test_summary_lines_between_the_title_and_the_lead_stay_text():
    article = only_article(
        "春风行动送岗位到家门口\n\n"
        "全区举办招聘会十二场，提供岗位五千余个，帮助三千余人在家门口就业\n\n"
        "各街道把岗位信息送到居民家门口，让求职者少跑腿、快上岗\n\n" + LEAD
    )

    assert headline(article) == (None, "春风行动送岗位到家门口", None)
    assert "帮助三千余人在家门口就业" in article.body


@pytest.mark.parametrize("marked", [True, False])
def test_box_label_under_the_headline_is_not_part_of_it(marked):
    title = "# 春风行动送岗位到家门口" if marked else "春风行动送岗位到家门口"
    article = only_article(
        f"{title}\n\n核心阅读\n\n全区举办招聘会十二场，提供岗位五千余个。\n\n"
        "春风行动启动以来，各街道把岗位信息送到居民家门口，不少居民在家门口找到了工作。\n"
    )

    assert headline(article) == (None, "春风行动送岗位到家门口", None)
    assert article.subheads == []


def test_line_ending_in_a_dash_over_the_title_is_its_kicker():
    page = parse_page(
        f"春风行动送岗位到家门口\n\n{LEAD}\n"
        "全区各街道把招聘会开到居民楼下，今年已办十二场——\n\n城区新增停车位三千个\n\n"
        "本报讯 今年以来，城区新增停车位三千个。\n"
    )

    assert [headline(a) for a in page.articles] == [
        (None, "春风行动送岗位到家门口", None),
        ("全区各街道把招聘会开到居民楼下，今年已办十二场——", "城区新增停车位三千个", None),
    ]


@pytest.mark.parametrize("title", ["停车难，难在哪里？", "城区新增停车位、充电桩、公厕"])
def test_line_over_a_dash_subtitle_is_the_title_though_it_reads_like_a_sentence(title):
    page = parse_page(f"{title}\n\n——关于城区停车的调查\n\n本报记者 林晓\n\n今年以来，城区新增停车位三千个。\n")

    assert [headline(a) for a in page.articles] == [(None, title, "——关于城区停车的调查")]


@pytest.mark.parametrize("before", ["", "城区新增停车位\n\n本报讯 今年以来，城区新增停车位三千个。（记者 张小东）\n\n"])
def test_short_line_over_the_title_at_the_top_or_after_a_story_is_its_kicker(before):
    page = parse_page(
        f"{before}建岗位、办培训、送服务，全区多措并举稳就业\n\n春风行动送岗位到家门口（民生观察）\n\n{LEAD}"
    )

    assert headline(page.articles[-1]) == (
        "建岗位、办培训、送服务，全区多措并举稳就业", "春风行动送岗位到家门口（民生观察）", None
    )
    assert len(page.articles) == (2 if before else 1)


def test_title_at_the_top_with_a_byline_under_it_though_it_reads_like_a_sentence():
    page = parse_page("与时代同行、与城市共进：老街区焕发新活力新面貌\n\n本报记者 林晓\n\n今年以来，老街区改造完成十二处。\n")

    assert [a.title for a in page.articles] == ["与时代同行、与城市共进：老街区焕发新活力新面貌"]
    assert [c.name for c in page.articles[0].bylines] == ["林晓"]


def test_title_at_the_top_over_a_paragraph_that_tells_when_and_whence():
    page = parse_page(
        "教育部：义务教育学校 严禁设立重点班、实验班\n\n"
        "记者3日从教育部获悉，教育部办公厅近日印发通知，部署开展中小学阳光招生专项行动。\n"
    )

    (article,) = page.articles
    assert article.title == "教育部：义务教育学校 严禁设立重点班、实验班"
    assert article.body.startswith("记者3日从教育部获悉")


def test_signature_after_a_dash_is_no_subtitle():
    page = parse_page(
        f"春风行动送岗位到家门口\n\n{LEAD}\n"
        "“岗位就在家门口，这样的服务真贴心！”\n\n——编  者\n\n"
        "各街道还将继续举办招聘会，把更多岗位送到居民家门口。\n"
    )

    assert [a.title for a in page.articles] == ["春风行动送岗位到家门口"]



def test_editors_signature_at_the_end_of_the_page_stays_in_the_text():
    article = only_article(f"# 春风行动送岗位到家门口\n\n{LEAD}\n——编者\n")

    assert article.subheads == []
    assert article.body.endswith("——编者")


def test_signature_under_a_quotation_stays_in_the_text_above_the_next_headline():
    page = parse_page(
        "春风行动送岗位到家门口\n\n“岗位就在家门口，这样的服务真贴心。”\n\n——李 明\n\n"
        "岗位对接精准\n\n服务贴心周到\n\n本报记者 林晓\n\n今年已有三千余人在家门口找到工作。\n"
    )

    assert [headline(a) for a in page.articles] == [
        (None, "春风行动送岗位到家门口", None),
        (None, "岗位对接精准", "服务贴心周到"),
    ]
    assert "李明" in page.articles[0].body.replace(" ", "")


def test_plain_title_and_dash_subtitle():
    article = only_article(
        "小山村走出特色产业路\n\n——某村发展茶叶种植带动村民增收\n\n"
        "本报讯（记者 黄志明）近年来，某村依托山地资源发展茶叶种植，村民人均收入明显提高。\n"
    )

    assert article.title == "小山村走出特色产业路"
    assert article.subtitle == "——某村发展茶叶种植带动村民增收"
    assert article.dateline == "本报讯"
    assert article.body == "近年来，某村依托山地资源发展茶叶种植，村民人均收入明显提高。"


def test_plain_title_with_subtitle_on_the_next_line():
    article = only_article(
        "小山村走出特色产业路\n——某村发展茶叶种植带动村民增收\n\n"
        "本报讯（记者 黄志明）近年来，某村依托山地资源发展茶叶种植，村民人均收入明显提高。\n"
    )

    assert article.title == "小山村走出特色产业路"
    assert "小山村走出特色产业路" not in article.body


def test_commentary_label_title_and_author_line():
    article = only_article(
        "短评\n\n让岗位多跑路 让群众少跑腿\n\n周仲谋\n\n"
        "春风行动把岗位送到家门口，这是一件实事。\n\n就业是最大的民生。\n"
    )

    assert headline(article) == ("短评", "让岗位多跑路 让群众少跑腿", None)
    assert [(c.name, c.role) for c in article.bylines] == [("周仲谋", "reporter")]
    assert article.body.startswith("春风行动把岗位送到家门口")


def test_column_label_stranded_under_the_headline_is_left_out_of_the_title():
    article = only_article(
        "小山村走出特色产业路 茶叶种出好日子\n\n乡村振兴\n\n"
        "本报讯 记者 黄志明 近年来，某村依托山地资源发展茶叶种植。\n"
    )

    assert "乡村振兴" not in (article.kicker or "") + article.title + (article.subtitle or "")
    assert "乡村振兴" not in article.body
    assert article.body == "近年来，某村依托山地资源发展茶叶种植。"


# --- subheads and run-in phrases ----------------------------------------------------------------

def test_markdown_and_bold_subheads_in_order():
    article = only_article(
        "# 春风行动送岗位到家门口\n\n" + LEAD + "\n"
        "#### 岗位对接精准\n\n招聘会按行业分区设置展位。\n\n"
        "**服务延伸到村**\n\n各镇设立就业服务站。\n"
    )

    assert article.subheads == ["岗位对接精准", "服务延伸到村"]
    assert article.body.index("岗位对接精准") < article.body.index("招聘会按行业") < article.body.index("服务延伸到村")


def test_plain_short_line_inside_a_story_is_a_subhead():
    article = only_article(
        "春风行动送岗位到家门口\n\n" + LEAD + "\n岗位对接精准\n\n"
        "招聘会按行业分区设置展位，求职者可以按需咨询。\n"
    )

    assert article.title == "春风行动送岗位到家门口"
    assert article.subheads == ["岗位对接精准"]


@pytest.mark.parametrize("tag", ["（民生观察）", "(今日谈)"])
def test_short_line_with_a_column_tag_inside_a_story_opens_a_new_one(tag):
    page = parse_page(
        f"春风行动送岗位到家门口\n\n{LEAD}\n岗位对接精准\n\n今年已有三千余人在家门口找到工作。\n\n"
        f"让就业服务更贴心{tag}\n\n就业是最基本的民生。服务做到群众心坎上，岗位才能留住人。\n"
    )

    assert [a.title for a in page.articles] == ["春风行动送岗位到家门口", f"让就业服务更贴心{tag}"]
    assert page.articles[0].subheads == ["岗位对接精准"]


def test_marked_headline_after_a_story_with_an_unmarked_title_opens_a_new_story():
    page = parse_page(
        "春风行动送岗位到家门口\n\n今年以来，全区举办招聘会十二场，提供岗位五千余个。\n\n"
        "# 城区新增停车位三千个\n\n今年以来，城区新增停车位三千个，缓解了老旧小区停车难。\n\n"
        "### 岗位对接精准\n\n今年已有三千余人在家门口找到工作。\n"
    )

    assert [a.title for a in page.articles] == ["春风行动送岗位到家门口", "城区新增停车位三千个"]
    assert page.articles[1].subheads == ["岗位对接精准"]


def test_photo_credit_with_its_agency_in_brackets_is_no_column_tag():
    page = parse_page(
        f"春风行动送岗位到家门口\n\n{LEAD}\n招聘会现场人头攒动。\n\n林晓摄（某某图片社）\n\n"
        "今年已有三千余人在家门口找到工作，各街道还将继续举办招聘会。\n"
    )

    assert [a.title for a in page.articles] == ["春风行动送岗位到家门口"]


def test_bold_run_in_phrases_stay_in_the_body():
    article = only_article(
        "# 夜市经济激活城市烟火气\n\n本报讯 入夜，城东夜市人头攒动。\n\n"
        "**摊位统一规划。**市场监管部门对摊位统一编号，规范经营秩序。\n\n"
        "**食品安全有保障。**执法人员每晚巡查，抽检食品样品。\n"
    )

    assert article.subheads == []
    assert "摊位统一规划。" in article.body
    assert "食品安全有保障。" in article.body
    assert article.body.index("摊位统一规划") < article.body.index("市场监管部门")


# --- column breaks and captions -------------------------------------------------------------

BROKEN = (
    "# 农村危房改造加快推进\n\n"
    "本报讯 记者从县住建局了解到，今年全县计划改造农村危房三百户，目前已开工两百余户。\n\n"
    "检查中发现，个别乡镇存在只重建设不重管理、没有落实\n\n"
    "{inside}"
    "后续维护责任的问题，县住建局已督促整改。\n\n"
    "下一步，县里将开展专项督查。\n"
)


def test_sentence_split_by_a_column_break_is_rejoined():
    article = only_article(BROKEN.format(inside=""))

    assert "没有落实后续维护责任的问题" in article.body
    assert article.subheads == []


def test_caption_inside_a_column_break():
    article = only_article(BROKEN.format(inside="\n\n工作人员在施工现场检查房屋质量。 本报记者 陈小东 摄\n\n\n\n"))

    assert "没有落实后续维护责任的问题" in article.body
    assert captions(article) == ["工作人员在施工现场检查房屋质量。"]
    assert article.photos[0].credit == "陈小东"
    assert "检查房屋质量" not in article.body


def test_uncredited_caption_inside_a_column_break():
    article = only_article(BROKEN.format(inside="\n\n工作人员在施工现场检查房屋质量\n\n\n\n"))

    assert "没有落实后续维护责任的问题" in article.body
    assert captions(article) == ["工作人员在施工现场检查房屋质量"]


def test_numbered_captions_belong_to_the_story():
    article = only_article(
        "# 城区新增公共停车位三千个\n\n"
        "本报讯 今年以来，城区新增公共停车位三千个，停车难问题得到缓解。\n\n\n\n"
        "图① 新建成的立体停车库。 本报记者 钱多多 摄\n\n"
        "图②：市民在智慧停车平台查询车位。 本报记者 钱多多 摄\n\n"
        "市住建局有关负责人介绍，下一步将继续挖潜增量。\n"
    )

    assert len(article.photos) == 2
    assert "新建成的立体停车库" in captions(article)[0]
    assert "市民在智慧停车平台查询车位" in captions(article)[1]
    assert all(p.credit == "钱多多" for p in article.photos)
    assert "图①" not in article.body
    assert article.body.endswith("下一步将继续挖潜增量。")


def test_caption_goes_to_the_story_of_its_photographer():
    page = parse_page(
        "# 春风行动送岗位到家门口\n\n" + LEAD + "\n"
        "# 夜市经济激活城市烟火气\n\n"
        "本报讯 记者 方华 入夜，城东夜市人头攒动，市民在夜市品尝各色小吃。\n\n\n\n"
        "市民在夜市品尝小吃。 本报记者 方华 摄\n"
    )
    first, second = page.articles

    assert captions(first) == []
    assert captions(second) == ["市民在夜市品尝小吃。"]


def test_news_photo_of_its_own():
    page = parse_page(
        "# 春风行动送岗位到家门口\n\n" + LEAD + "\n\n\n\n"
        "4月11日晚，海湾大桥亮起灯光，吸引不少游客驻足拍照。 本报记者 陈小东 摄\n"
    )

    assert [(p.caption, p.credit) for p in page.photos] == [("4月11日晚，海湾大桥亮起灯光，吸引不少游客驻足拍照。", "陈小东")]
    assert captions(page.articles[0]) == []


def test_a_caption_that_says_it_shows_a_picture_goes_to_the_photo_story_above_it():
    page = parse_page(
        "# 炼火庆丰收\n\n10月7日晚，某县东坑村举办民俗炼火活动庆祝丰收，村民赤膊光脚踏过炭火。\n\n"
        "图为炼火者在进行表演。\n\n杨小清摄（影像中国）\n\n"
        "# 老手艺又回来了\n\n本报讯 记者 方华 近日，中医药文化展在市博物馆开幕。\n"
    )
    first, second = page.articles

    assert captions(first) == ["图为炼火者在进行表演。"]
    assert [(c.name, c.role) for c in first.bylines] == [("杨小清", "photographer")]
    assert page.photos == [] and captions(second) == []


def test_a_labelled_caption_sharing_no_word_with_either_story_shows_the_one_above():
    # "图为…" says it shows the picture of a text: the text above it, the nearer, when the words tell nothing
    page = parse_page(
        "# 春风行动送岗位到家门口\n\n" + LEAD + "\n\n"
        "图为海湾大桥亮起灯光。\n\n杨小清摄\n\n"
        "# 老手艺又回来了\n\n本报讯 记者 方华 近日，中医药文化展在市博物馆开幕。\n"
    )

    assert captions(page.articles[0]) == ["图为海湾大桥亮起灯光。"] and page.photos == []


def test_a_labelled_caption_sharing_words_with_the_story_below_only_shows_that_one():
    page = parse_page(
        "# 春风行动送岗位到家门口\n\n" + LEAD + "\n\n"
        "图为中医药文化展现场。\n\n杨小清摄\n\n"
        "# 老手艺又回来了\n\n本报讯 记者 方华 近日，中医药文化展在市博物馆开幕。\n"
    )

    assert captions(page.articles[0]) == []
    assert captions(page.articles[1]) == ["图为中医药文化展现场。"]


def test_last_paragraph_of_a_text_and_photo_story_stays_in_the_body():
    article = only_article(
        "# 全市开展安全生产大检查\n\n文/图 本报记者 周小川\n\n"
        "近日，全市开展安全生产大检查，共排查企业三百余家。\n\n"
        "下一步，该市将持续开展专项整治，确保安全生产形势稳定。\n"
    )

    assert article.body.endswith("确保安全生产形势稳定。")
    assert captions(article) == []


def test_paragraph_after_a_credited_caption_stays_in_the_body():
    article = only_article(
        "# 春风行动送岗位到家门口\n\n" + LEAD + "\n\n\n"
        "求职者在招聘会现场咨询。 本报记者 林晓 摄\n\n\n\n"
        "据介绍，招聘会还设置了政策咨询台。\n\n"
        "下一步，全区将继续举办专场招聘会。\n"
    )

    assert captions(article) == ["求职者在招聘会现场咨询。"]
    assert "招聘会还设置了政策咨询台" in article.body


# --- several stories on a page --------------------------------------------------------------

def test_related_news_sidebar_is_its_own_article():
    page = parse_page(
        "# 我市新增三条公交线路\n\n"
        "本报讯 记者 方华 下周一起，我市新开通三条公交线路，方便市民出行。\n\n"
        "新线路覆盖城东新区多个小区。\n\n"
        "□ 相关新闻\n\n"
        "公交卡优惠延续至年底\n\n"
        "本报讯 记者从市公交集团获悉，公交卡乘车优惠政策延续至今年年底。\n"
    )
    main, related = page.articles

    assert main.title == "我市新增三条公交线路"
    assert "公交卡" not in main.body
    assert related.title == "公交卡优惠延续至年底"
    assert related.body == "记者从市公交集团获悉，公交卡乘车优惠政策延续至今年年底。"


def test_related_news_sidebar_keeps_its_own_kicker():
    page = parse_page(
        "# 新线路开通\n\n本报讯 新线路今日开通。\n\n"
        "□ 相关新闻\n\n## 公交优惠\n\n# 公交卡优惠延续至年底\n\n本报讯 优惠政策延续至年底。\n"
    )

    related = page.articles[1]
    assert related.title == "公交卡优惠延续至年底"
    assert "公交优惠" in (related.kicker or "")


def test_two_stories_each_with_its_dateline():
    page = parse_page(
        "春风行动送岗位到家门口\n\n" + LEAD + "\n"
        "城区新增停车位\n\n本报讯 今年以来，城区新增停车位三千个。\n"
    )

    assert [a.title for a in page.articles] == ["春风行动送岗位到家门口", "城区新增停车位"]
    assert "停车位" not in page.articles[0].body


def test_closing_credit_on_its_own_line_ends_a_story_before_a_dated_one():
    page = parse_page(
        "全市开展安全生产大检查\n\n"
        "本报讯 近日，全市开展安全生产大检查，共排查企业三百余家。\n\n"
        "（记者 张小东 通讯员 李明华）\n\n"
        "城区新增停车位\n\n本报讯 今年以来，城区新增停车位三千个。\n"
    )
    first, second = page.articles

    assert [(c.name, c.role) for c in first.bylines] == [("张小东", "reporter"), ("李明华", "correspondent")]
    assert second.title == "城区新增停车位"


NEXT_WITHOUT_DATELINE = "城区新增停车位\n\n今年以来，城区新增停车位三千个。\n"


@pytest.mark.parametrize("after", ["城区新增停车位\n\n本报讯 今年以来，城区新增停车位三千个。\n", ""])
def test_dateline_printed_at_the_end_of_a_feature_is_its_own(after):
    page = parse_page(
        "春风行动送岗位到家门口\n\n本报记者 林晓\n\n春风行动启动以来，全区举办招聘会十二场。\n\n"
        "岗位对接精准\n\n今年已有三千余人在家门口找到工作。\n\n本报某市3月5日电\n\n" + after
    )

    first = page.articles[0]
    assert [a.title for a in page.articles] == ["春风行动送岗位到家门口"] + (["城区新增停车位"] if after else [])
    assert (first.dateline, first.subheads) == ("本报某市3月5日电", ["岗位对接精准"])
    assert "三千余人" in first.body


@pytest.mark.parametrize("end", ["（记者 张小东）", "本报某市3月5日电"])
def test_short_line_after_a_story_end_opens_the_next_story(end):
    page = parse_page(
        "全市开展安全生产大检查\n\n本报记者 张小东\n\n近日，全市开展安全生产大检查，共排查企业三百余家。\n\n"
        f"{end}\n\n让居民在家门口有新作为\n\n今年以来，各街道把岗位信息送到居民家门口。\n"
    )

    assert [a.title for a in page.articles] == ["全市开展安全生产大检查", "让居民在家门口有新作为"]


def test_closing_credit_on_its_own_line_ends_the_story():
    page = parse_page(
        "全市开展安全生产大检查\n\n"
        "本报讯 近日，全市开展安全生产大检查，共排查企业三百余家。\n\n"
        "（记者 张小东）\n\n" + NEXT_WITHOUT_DATELINE
    )

    assert [a.title for a in page.articles] == ["全市开展安全生产大检查", "城区新增停车位"]
    assert "停车位" not in page.articles[0].body


def test_closing_credit_at_the_end_of_a_paragraph_ends_the_story():
    page = parse_page(
        "全市开展安全生产大检查\n\n"
        "本报讯 近日，全市开展安全生产大检查，共排查企业三百余家。（记者 张小东）\n\n" + NEXT_WITHOUT_DATELINE
    )

    assert [a.title for a in page.articles] == ["全市开展安全生产大检查", "城区新增停车位"]
    assert [c.name for c in page.articles[0].bylines] == ["张小东"]
    assert "张小东" not in page.articles[0].body


def test_end_mark_closes_a_story():
    page = parse_page(
        "全市开展安全生产大检查\n\n"
        "本报讯 近日，全市开展安全生产大检查，共排查企业三百余家。\n\n（完）\n\n" + NEXT_WITHOUT_DATELINE
    )

    assert [a.title for a in page.articles] == ["全市开展安全生产大检查", "城区新增停车位"]
    assert "（完）" not in page.articles[0].body



@pytest.mark.parametrize("note", ["（作者为某某大学经济学院教授）", "（本报某市3月5日电）", "（新华社某市3月5日电）", "（摘自某某杂志第三期）"])
@pytest.mark.parametrize("gap", ["\n\n", "\n"])
def test_bracketed_closing_note_ends_the_story_and_is_no_headline(note, gap):
    page = parse_page(
        "让绿色成为发展的底色\n\n"
        "绿色发展是高质量发展的底色。各地要把生态保护放在更加突出的位置。\n\n"
        f"只有这样，才能让群众共享发展成果。{gap}{note}\n\n" + NEXT_WITHOUT_DATELINE
    )

    assert [headline(a) for a in page.articles] == [
        (None, "让绿色成为发展的底色", None),
        (None, "城区新增停车位", None),
    ]
    assert "停车位" not in page.articles[0].body


def test_jump_line_is_neither_headline_nor_text_and_the_story_goes_on():
    article = only_article(
        f"春风行动送岗位到家门口\n\n{LEAD}\n（上接第1版）\n\n岗位对接精准\n\n今年已有三千余人在家门口找到工作。\n"
    )

    assert (article.title, article.subheads) == ("春风行动送岗位到家门口", ["岗位对接精准"])
    assert "上接" not in article.body


def test_closing_note_after_a_closing_credit_is_no_kicker():
    page = parse_page(
        "让绿色成为发展的底色\n\n绿色发展是高质量发展的底色。（执笔：张小东）\n\n（作者为某某大学经济学院教授）\n\n"
        + NEXT_WITHOUT_DATELINE
    )

    assert [headline(a) for a in page.articles] == [
        (None, "让绿色成为发展的底色", None),
        (None, "城区新增停车位", None),
    ]


def test_bracketed_closing_dateline_ends_a_story_printed_as_one_run_of_lines():
    page = parse_page(
        "让绿色成为发展的底色\n"
        "\u3000\u3000绿色发展是高质量发展的底色。各地要把生态保护放在更加突出的位置。\n"
        "\u3000\u3000只有这样，才能让群众共享发展成果。\n"
        "\u3000\u3000（本报某市3月5日电）\n\n"
        "城区新增停车位\n\u3000\u3000今年以来，城区新增停车位三千个。\n"
    )

    assert [headline(a) for a in page.articles] == [
        (None, "让绿色成为发展的底色", None),
        (None, "城区新增停车位", None),
    ]


# --- notices ----------------------------------------------------------------------------------

def test_notice_issuers_become_sources_and_the_signature_block_stays():
    article = only_article(
        "# 关于城区部分路段临时交通管制的通告\n\n"
        "因城区供水管网改造施工需要，决定对下列路段实施临时交通管制，请过往车辆绕行。\n\n"
        "一、管制路段：人民路东段。\n\n"
        "二、管制时间：2023年3月5日至3月20日。\n\n"
        "特此通告。\n\n"
        "某市公安局交通警察支队\n"
        "某市城市管理局\n"
        "2023年3月1日\n"
    )

    assert [(c.name, c.role) for c in article.bylines] == [
        ("某市公安局交通警察支队", "source"),
        ("某市城市管理局", "source"),
    ]
    for line in ("特此通告。", "某市公安局交通警察支队", "某市城市管理局", "2023年3月1日"):
        assert line in article.body
    assert article.body.index("某市城市管理局") < article.body.index("2023年3月1日")


def test_notice_issuer_name_broken_over_two_lines_is_one_source():
    article = only_article(
        "# 关于暂停部分公共场所开放的通知\n\n"
        "为做好疫情防控工作，全区图书馆、文化馆自即日起暂停开放，恢复时间另行通知。\n\n"
        "某市某区新型冠状病毒肺炎\n"
        "疫情防控指挥部\n"
        "2022年12月1日\n"
    )

    assert [(c.name, c.role) for c in article.bylines] == [("某市某区新型冠状病毒肺炎疫情防控指挥部", "source")]
    assert "2022年12月1日" in article.body


@pytest.mark.parametrize("kicker, title", [
    ("市长在全市安全生产工作会议上强调", "压实责任 守牢安全底线"),
    ("区人社局负责人在发布会上表示", "五千个岗位送到家门口"),
    ("全区举办招聘会十二场", "春风行动送岗位到家门口（民生观察）"),
    ("全区举办招聘会十二场", "春风行动送岗位到家门口(民生观察)"),
    ("市长在调研时强调压实安全责任", "守牢安全生产底线"),
    ("在春节到来之际", "市领导走访慰问一线职工"),
    ("就两市结好三十周年", "两市市长互致贺信"),
    ("市委办公室市政府办公室印发", "关于做好春季就业服务工作的意见"),
])
def test_two_plain_headline_lines_read_kicker_first_when_the_first_frames_the_second(kicker, title):
    article = only_article(f"{kicker}\n\n{title}\n\n{LEAD}")

    assert headline(article) == (kicker, title, None)


def test_a_speaker_over_the_title_is_its_kicker():
    article = only_article(f"# 区人社局负责人：\n\n# 五千个岗位送到家门口\n\n{LEAD}")

    assert headline(article) == ("区人社局负责人：", "五千个岗位送到家门口", None)


def test_two_plain_headline_lines_read_title_then_subtitle_otherwise():
    article = only_article(f"春风行动送岗位到家门口\n\n全区举办招聘会十二场\n\n{LEAD}")

    assert headline(article) == (None, "春风行动送岗位到家门口", "全区举办招聘会十二场")


def test_a_date_in_brackets_under_a_title_is_its_subtitle():
    article = only_article("关于做好春季就业服务工作的意见\n\n（2023年2月1日）\n\n全区各部门要把稳就业放在更加突出的位置，落实各项帮扶政策。\n")

    assert headline(article) == (None, "关于做好春季就业服务工作的意见", "（2023年2月1日）")


RELAYING = (
    "电信服务质量稳中有升\n\n"
    "新华社北京4月28日电（记者林海）工业和信息化部28日发布的一季度电信服务质量通告显示，用户申诉量同比下降。\n\n"
    "据新华社北京4月27日电（记者周川）工业和信息化部27日表示，今年将推动千兆光网向农村延伸。\n\n"
    "通告显示，一季度各基础电信企业的投诉处理及时率均在九成以上。\n"
)


def test_a_dispatch_the_story_relays_with_no_subhead_over_it_keeps_the_storys_credits():
    page = parse_page(RELAYING)

    assert len(page.articles) == 1
    story = page.articles[0]
    assert [(c.name, c.role) for c in story.bylines] == [("林海", "reporter")]
    assert story.dateline.startswith("新华社北京4月28日电")
    assert "据新华社北京4月27日电（记者周川）" in story.body
    relayed = next(d for d in page.decisions if d.text.startswith("据新华社"))
    assert relayed.label == Label.BODY and relayed.story == 0


def test_a_dispatch_under_a_subhead_still_opens_its_own_story():
    text = RELAYING.replace("据新华社北京4月27日电", "千兆光网向农村延伸\n\n据新华社北京4月27日电")
    page = parse_page(text)

    assert [a.title for a in page.articles] == ["电信服务质量稳中有升", "千兆光网向农村延伸"]
    assert [c.name for c in page.articles[1].bylines] == ["周川"]
