"""Credits as an editor reads them off a page: datelines, bylines, photo credits, closing credits
and the staff box. Every snippet is written in the trade's forms, not copied from a sample page."""

import pytest

from articles.parser import Label, parse_page


def only_article(text):
    page = parse_page(text)
    assert len(page.articles) == 1, [a.title for a in page.articles]
    return page.articles[0]


def credited(article):
    return [(c.name, c.role) for c in article.bylines]


# --- datelines and the bylines printed with them -------------------------------------------------

def test_bureau_dateline_with_reporter_in_brackets():
    article = only_article(
        "# 我省春季植树活动全面展开\n\n"
        "本报北京2月19日电（记者 王立新）记者从国家林草局获悉，今年春季造林任务较上年有所增加。\n\n"
        "各地结合实际，组织开展义务植树活动。\n"
    )

    assert article.dateline == "本报北京2月19日电"
    assert credited(article) == [("王立新", "reporter")]
    assert article.body.startswith("记者从国家林草局获悉")
    assert "王立新" not in article.body
    assert "本报北京" not in article.body


@pytest.mark.parametrize("lead, dateline", [
    ("本报上海3月5日专电 ", "本报上海3月5日专电"),  # a special dispatch
    ("新华社北京3月5日专电（记者 赵明）", "新华社北京3月5日专电"),
    ("央视网消息：", "央视网消息"),  # the colon hands on to the text
    ("本报讯：", "本报讯"),
])
def test_a_dateline_as_papers_also_print_it(lead, dateline):
    article = only_article("# 两部门部署春季农田水利建设\n\n" + lead + "水利部、农业农村部近日联合印发通知。\n")

    assert article.dateline == dateline
    assert article.body == "水利部、农业农村部近日联合印发通知。"


def test_agency_dateline_with_two_reporters():
    article = only_article(
        "# 两部门部署春季农田水利建设\n\n"
        "新华社北京3月5日电（记者 赵明 刘洋）水利部、农业农村部近日联合印发通知，部署春季农田水利建设。\n"
    )

    assert article.dateline == "新华社北京3月5日电"
    assert credited(article) == [("赵明", "reporter"), ("刘洋", "reporter")]
    assert article.body.startswith("水利部、农业农村部")


def test_local_dateline_with_reporter_and_correspondent_before_the_text():
    article = only_article(
        "# 城区完成绿化提升工程\n\n"
        "北海日报讯 记者 蓝天 通讯员 海宣 城区今年完成绿化提升工程十二项。\n"
    )

    assert article.dateline == "北海日报讯"
    assert credited(article) == [("蓝天", "reporter"), ("海宣", "correspondent")]
    assert article.body == "城区今年完成绿化提升工程十二项。"


@pytest.mark.parametrize("dateline", ["晚报讯", "晨报讯"])
def test_a_dateline_of_the_paper_called_by_its_kind(dateline):
    article = only_article(f"# 城区完成绿化提升工程\n\n{dateline}（记者 蓝天）城区今年完成绿化提升工程十二项。\n")

    assert article.dateline == dateline
    assert credited(article) == [("蓝天", "reporter")]
    assert article.body == "城区今年完成绿化提升工程十二项。"


def test_dateline_with_slashed_roles_in_brackets():
    article = only_article(
        "# 古村落焕发新活力\n\n"
        "清溪日报讯(记者/林晓 通讯员/清宣) 11月20日，古村文化节开幕。\n"
    )

    assert article.dateline == "清溪日报讯"
    assert credited(article) == [("林晓", "reporter"), ("清宣", "correspondent")]
    assert article.body == "11月20日，古村文化节开幕。"


@pytest.mark.parametrize(
    "lead, dateline",
    [
        ("本报伦敦、布鲁塞尔3月5日电（记者 赵明）", "本报伦敦、布鲁塞尔3月5日电"),
        ("新华社北京/迪拜3月5日电（记者 赵明）", "新华社北京/迪拜3月5日电"),
    ],
)
def test_a_dateline_filed_from_several_places(lead, dateline):
    article = only_article(f"# 多国举行纪念活动\n\n{lead}多国近日举行纪念活动，各界人士踊跃参加。\n")

    assert article.dateline == dateline
    assert credited(article) == [("赵明", "reporter")]
    assert article.body.startswith("多国近日")


def test_a_reporter_stationed_abroad():
    article = only_article(
        "# 多国举行纪念活动\n\n本报驻英国记者  赵  明\n\n多国近日举行纪念活动，各界人士踊跃参加。\n"
    )

    assert credited(article) == [("赵明", "reporter")]
    assert "驻英国" not in article.body


def test_reporter_who_opens_the_story_is_not_a_byline():
    article = only_article(
        "# 农村危房改造加快推进\n\n"
        "本报讯 记者从县住建局了解到，今年全县计划改造农村危房三百户。\n"
    )

    assert article.dateline == "本报讯"
    assert article.bylines == []
    assert article.body.startswith("记者从县住建局了解到")


# --- credit lines of their own ------------------------------------------------------------------

@pytest.mark.parametrize(
    "line, expected",
    [
        ("> 本报记者 孙晓红", [("孙晓红", "reporter")]),
        ("■ 通讯员 何文秀", [("何文秀", "correspondent")]),
        ("■ 通讯员 农宣 本报记者 高峰", [("农宣", "correspondent"), ("高峰", "reporter")]),
        ("文/图 本报记者 周小川", [("周小川", "reporter")]),
        ("本报记者 周小川 文/图", [("周小川", "reporter")]),
        # the verb glued to the last name: a photo report's credit, a writer's
        ("本报记者  王  芳  周小川摄影报道", [("王芳", "reporter"), ("周小川", "reporter")]),
        ("本报记者 孙晓红 周小川报道", [("孙晓红", "reporter"), ("周小川", "reporter")]),
    ],
)
def test_credit_line_under_the_headline(line, expected):
    article = only_article(
        f"# 老旧小区改造提速\n\n{line}\n\n"
        "今年以来，我市加快推进老旧小区改造，已完成改造小区42个。\n\n"
        "改造后的小区环境明显改善，居民拍手称赞。\n"
    )

    assert credited(article) == expected
    assert article.body.startswith("今年以来")
    for name, _ in expected:
        assert name not in article.body


def test_credit_line_in_the_middle_of_a_story_names_the_paper():
    page = parse_page(
        "# 古村落焕发新活力\n\n"
        "古村文化节昨日开幕，吸引游客上万人次。\n\n"
        "清溪日报全媒体记者 林晓 通讯员 清宣\n\n"
        "文化节持续三天。\n"
    )
    (article,) = page.articles

    assert credited(article) == [("林晓", "reporter"), ("清宣", "correspondent")]
    assert "林晓" not in article.body
    assert "文化节持续三天" in article.body


def test_separate_text_and_photo_credits():
    article = only_article(
        "# 古村落焕发新活力\n\n"
        "文/本报记者 周小川 图/本报记者 钱多多\n\n"
        "春日的古村，游人如织。村里修缮了十余座老宅，开起了民宿和茶馆。\n"
    )

    assert credited(article) == [("周小川", "reporter"), ("钱多多", "photographer")]


@pytest.mark.parametrize(
    "opening",
    [
        "王德发 家住某村，种了二十多亩柚子，往年为销路发愁。",
        "刘春 记者从镇政府了解到，直播间将每周开播两次。",
    ],
)
def test_paragraph_that_starts_like_a_byline_stays_in_the_body(opening):
    article = only_article(
        "# 村里来了助农直播间\n\n"
        "本报讯 记者 高峰 通讯员 农宣 近日，某镇助农直播间开播，当天销售农产品三万余元。\n\n"
        f"{opening}\n\n"
        "今年的柚子在直播间卖出两千多斤。\n"
    )

    assert credited(article) == [("高峰", "reporter"), ("农宣", "correspondent")]
    assert opening in article.body


@pytest.mark.parametrize("line", ["新华社记者", "本报特约记者", "■本报记者"])
def test_an_outlets_role_word_printed_without_names_is_a_credit_not_a_headline(line):
    page = parse_page("# 全省春耕备耕有序推进\n\n" + line + "\n\n各地抢抓农时，春耕备耕工作有序推进，农资供应充足。\n")

    (article,) = page.articles
    assert (article.title, article.subtitle) == ("全省春耕备耕有序推进", None)
    assert line not in article.body and article.bylines == []
    assert [d.label for d in page.decisions if d.text == line] == [Label.BYLINE]


# --- photo credits -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "caption_line",
    [
        "游客在古村老宅前拍照留念。 清溪日报记者 钱多多 摄",
        "游客在古村老宅前拍照留念。（本报记者 钱多多 摄）",
        "游客在古村老宅前拍照留念。 钱多多/摄",
    ],
)
def test_caption_ending_in_a_photo_credit(caption_line):
    article = only_article(
        "# 古村落焕发新活力\n\n"
        "本报讯 古村文化节昨日开幕，吸引游客上万人次。\n\n"
        f"{caption_line}\n\n"
        "文化节持续三天。\n"
    )

    assert [(p.caption, p.credit) for p in article.photos] == [("游客在古村老宅前拍照留念。", "钱多多")]
    assert ("钱多多", "photographer") in credited(article)
    assert "拍照留念" not in article.body
    assert "钱多多" not in article.body
    assert "文化节持续三天" in article.body


def test_reporter_who_also_took_the_photo_is_listed_once_as_reporter():
    article = only_article(
        "# 古村落焕发新活力\n\n"
        "本报讯 记者 钱多多 古村文化节昨日开幕，吸引游客上万人次。\n\n"
        "游客在古村老宅前拍照留念。 本报记者 钱多多 摄\n\n"
        "文化节持续三天。\n"
    )

    assert credited(article) == [("钱多多", "reporter")]
    assert article.photos[0].credit == "钱多多"


def test_a_photo_supplied_by_an_organisation_with_a_long_name():
    article = only_article(
        "# 古村落焕发新活力\n\n"
        "本报讯 古村文化节昨日开幕，吸引游客上万人次。\n\n"
        "修缮一新的古村祠堂 清溪县文化和旅游局供图\n\n"
        "文化节持续三天。\n"
    )

    assert [(p.caption, p.credit) for p in article.photos] == [("修缮一新的古村祠堂", "清溪县文化和旅游局")]
    assert "祠堂" not in article.body


@pytest.mark.parametrize(
    "sentence",
    [
        "这组照片是他清晨在村口拍摄",  # 拍摄 is a verb, not a credit
        "文化节开幕。他亲自拍摄",  # a word after the last sentence that is no one's name
        "文化节开幕。王老师拍摄",  # 拍摄 after a name: the verb, not a credit
        "展板上的老照片均由村民自发供图",  # 供图 closing a sentence with no supplier set apart
        "照片由村民供图",  # a supplier longer than a name that names no organisation
    ],
)
def test_a_paragraph_ending_in_she_or_gongtu_without_a_credit_is_text(sentence):
    page = parse_page(
        "# 古村落焕发新活力\n\n"
        "本报讯 古村文化节昨日开幕，吸引游客上万人次。\n\n"
        f"{sentence}\n\n"
        "文化节持续三天。\n"
    )

    assert [p.caption for a in page.articles for p in a.photos] + [p.caption for p in page.photos] == []
    assert sentence in page.articles[0].body


def test_a_captioned_credit_printed_under_a_paragraph_without_a_blank_line_leaves_the_paragraph_whole():
    article = only_article(
        "# 古村落焕发新活力\n\n"
        "本报讯 记者 周小川 古村文化节昨日开幕，吸引游客上万人次。\n"
        "游客在古村老宅前拍照留念 钱多多 摄\n\n"
        "文化节持续三天。\n"
    )

    assert article.dateline == "本报讯"
    assert [(p.caption, p.credit) for p in article.photos] == [("游客在古村老宅前拍照留念", "钱多多")]
    assert article.body.startswith("古村文化节昨日开幕，吸引游客上万人次。")
    assert "拍照留念" not in article.body


def test_a_caption_printed_over_two_lines_stays_whole():
    article = only_article(
        "# 古村落焕发新活力\n\n"
        "本报讯 古村文化节昨日开幕，吸引游客上万人次。\n\n"
        "游客在古村老宅前拍照留念。\n"
        "老宅已有三百年历史 钱多多 摄\n\n"
        "文化节持续三天。\n"
    )

    assert [p.caption for p in article.photos] == ["游客在古村老宅前拍照留念。 老宅已有三百年历史"]
    assert "拍照留念" not in article.body


# --- closing credits ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "closing, expected",
    [
        ("（李明华）", [("李明华", "reporter")]),
        ("(张小东 李明华)", [("张小东", "reporter"), ("李明华", "reporter")]),
        ("（某区卫健局）", [("某区卫健局", "source")]),
        ("（区红十字会）", [("区红十字会", "source")]),
        ("（记者 张小东 通讯员 李明华）", [("张小东", "reporter"), ("李明华", "correspondent")]),
    ],
)
def test_closing_credit_after_the_last_paragraph(closing, expected):
    article = only_article(
        "# 社区开展义诊活动\n\n"
        "本报讯 日前，某街道社区卫生服务中心在社区广场开展义诊活动，为居民免费测量血压。\n\n"
        f"活动共服务居民两百余人次。{closing}\n"
    )

    assert credited(article) == expected
    assert article.body.endswith("活动共服务居民两百余人次。")


def test_closing_credit_on_a_line_of_its_own():
    article = only_article(
        "# 社区开展义诊活动\n\n"
        "本报讯 日前，某街道社区卫生服务中心在社区广场开展义诊活动。\n\n"
        "活动共服务居民两百余人次。\n\n"
        "（某区卫健局）\n"
    )

    assert credited(article) == [("某区卫健局", "source")]
    assert "卫健局" not in article.body


def test_bracketed_aside_that_is_not_a_credit_stays_in_the_body():
    article = only_article(
        "# 社区开展义诊活动\n\n"
        "本报讯 日前，社区开展义诊活动，为居民免费测量血压（含血糖检测）。\n"
    )

    assert article.bylines == []
    assert article.body.endswith("（含血糖检测）。")


@pytest.mark.parametrize("note", ["（讲话全文另发）", "（下转第二版）", "（详见第五版）"])
def test_a_bracketed_note_to_the_reader_is_not_a_credit(note):
    article = only_article(
        "# 社区开展义诊活动\n\n"
        "本报讯 日前，某街道社区卫生服务中心在社区广场开展义诊活动，为居民免费测量血压。\n\n"
        f"活动共服务居民两百余人次。{note}\n"
    )

    assert article.bylines == []


def test_a_column_tag_after_a_quoted_headline_is_not_a_closing_credit():
    page = parse_page(
        "# 社区开展义诊活动\n\n"
        "本报讯 日前，某街道社区卫生服务中心在社区广场开展义诊活动，为居民免费测量血压。\n\n"
        "大山里的“菜老师”（身边的榜样）\n\n"
        "某乡中心小学的一位教师，二十年来带着学生在校园菜地里认识作物，学生们都叫她菜老师。\n"
    )

    assert [a.title for a in page.articles] == ["社区开展义诊活动", "大山里的“菜老师”（身边的榜样）"]
    assert all(a.bylines == [] for a in page.articles)


@pytest.mark.parametrize("line", ["文脉悠长 书香满城", "图片来源：某某图片社"])
def test_a_line_opening_with_wen_or_tu_is_not_a_credit_line(line):
    article = only_article(
        "# 古村落焕发新活力\n\n"
        "本报讯 古村文化节昨日开幕，吸引游客上万人次，老宅、祠堂和古井都向游客开放。\n\n"
        f"{line}\n\n"
        "文化节将持续三天，期间还将举办非遗展演、民俗巡游等活动，吸引更多游客走进古村。\n"
    )

    assert article.bylines == []


def test_a_photo_credit_followed_by_the_agency_in_brackets():
    article = only_article(
        "# 古村落焕发新活力\n\n"
        "本报讯 古村文化节昨日开幕，吸引游客上万人次，老宅、祠堂和古井都向游客开放。\n\n"
        "图为游客在古村老宅前拍照留念。\n\n"
        "钱多多摄（某某图片社）\n\n"
        "文化节将持续三天，期间还将举办非遗展演、民俗巡游等活动，吸引更多游客走进古村。\n"
    )

    assert [(p.caption, p.credit) for p in article.photos] == [("图为游客在古村老宅前拍照留念。", "钱多多")]
    assert ("钱多多", "photographer") in credited(article)


# --- the staff box ------------------------------------------------------------------------------

def staff(page):
    return [(s.role, s.name) for s in page.masthead]


STORY = "# 全市开展安全生产大检查\n\n本报讯 近日，全市开展安全生产大检查，共排查企业三百余家。\n"


def test_staff_box_at_the_top_pairs_roles_and_names_in_order():
    page = parse_page(
        "值班主任:周国强 吴志远\n"
        "责编 版式:郑海波 冯春燕\n"
        "新闻热线:1234567\n"
        "投稿邮箱:qingxiribao@163.com\n\n" + STORY
    )

    assert staff(page) == [("值班主任", "周国强"), ("值班主任", "吴志远"), ("责编", "郑海波"), ("版式", "冯春燕")]
    (article,) = page.articles
    assert article.title == "全市开展安全生产大检查"
    assert article.body == "近日，全市开展安全生产大检查，共排查企业三百余家。"


@pytest.mark.parametrize("role", ["审签", "技术编辑", "本版图片"])
def test_who_signs_sets_or_pictures_the_page_is_staff(role):
    page = parse_page(STORY + f"\n{role}：周国强  校对：郑海波\n")

    assert staff(page) == [(role, "周国强"), ("校对", "郑海波")]
    assert "周国强" not in page.articles[0].body


def test_staff_box_on_one_line_at_the_foot():
    page = parse_page(STORY + "\n责任编辑：周国强  美术编辑：吴志远  校对：郑海波\n")

    assert staff(page) == [("责任编辑", "周国强"), ("美术编辑", "吴志远"), ("校对", "郑海波")]
    assert "周国强" not in page.articles[0].body


def test_staff_box_at_the_foot_printed_line_by_line():
    page = parse_page(
        STORY + "\n值班主任：周国强\n\n责编：吴志远\n\n新闻热线：1234567\n\n投稿邮箱：qingxiribao@163.com\n"
    )

    assert staff(page) == [("值班主任", "周国强"), ("责编", "吴志远")]
    (article,) = page.articles
    assert article.subheads == []
    assert article.body == "近日，全市开展安全生产大检查，共排查企业三百余家。"


def test_the_page_host_is_a_staff_role_and_a_story_sentence_about_a_host_is_not():
    page = parse_page(STORY + "\n本版主持：周国强  责编：吴志远\n")

    assert staff(page) == [("本版主持", "周国强"), ("责编", "吴志远")]
    assert "周国强" not in page.articles[0].body

    page = parse_page(STORY.rstrip("\n") + "\n\n晚会由市民代表主持，全场气氛热烈。\n")
    assert staff(page) == []
    assert "晚会由市民代表主持" in page.articles[0].body


def test_the_page_photographer_is_a_staff_role():
    page = parse_page(STORY + "\n本版摄影：钱多多  孙小雨  版式设计：冯春燕\n")

    assert staff(page) == [("本版摄影", "钱多多"), ("本版摄影", "孙小雨"), ("版式设计", "冯春燕")]
    assert "钱多多" not in page.articles[0].body


def test_the_page_photographers_post_at_the_paper_is_no_name():
    page = parse_page(STORY + "\n本版摄影 记者 钱多多\n")

    assert staff(page) == [("本版摄影", "钱多多")]


def test_a_headline_opening_with_a_word_a_role_runs_into_is_no_staff_line():
    page = parse_page(STORY + "\n# 设计师好物\n\n本报讯 设计师们带来了新一季的作品，吸引不少市民驻足。\n")

    assert staff(page) == []
    assert [a.title for a in page.articles] == ["全市开展安全生产大检查", "设计师好物"]


@pytest.mark.parametrize("line, expected", [
    ("责任编辑：周国强  责任校对：吴志远", [("责任编辑", "周国强"), ("责任校对", "吴志远")]),
    ("一审：周国强  二审：吴志远  三审：郑海波", [("一审", "周国强"), ("二审", "吴志远"), ("三审", "郑海波")]),
    ("初审 周国强 复审 吴志远 终审 郑海波", [("初审", "周国强"), ("复审", "吴志远"), ("终审", "郑海波")]),
    ("一校：周国强  二校：吴志远  终校：郑海波", [("一校", "周国强"), ("二校", "吴志远"), ("终校", "郑海波")]),
    ("责任美编：周国强  见习编辑：吴志远", [("责任美编", "周国强"), ("见习编辑", "吴志远")]),
    ("版面编辑/周国强  版面设计/吴志远", [("版面编辑", "周国强"), ("版面设计", "吴志远")]),
    ("值班编辑：周国强  文字编辑：吴志远  美术设计：郑海波", [("值班编辑", "周国强"), ("文字编辑", "吴志远"), ("美术设计", "郑海波")]),
    ("总值班：周国强  值班副总编辑：吴志远", [("总值班", "周国强"), ("值班副总编辑", "吴志远")]),
])
def test_a_staff_box_with_the_reviews_and_proof_reading_a_city_paper_prints(line, expected):
    page = parse_page(STORY + "\n" + line + "\n")

    assert staff(page) == expected
    assert page.articles[0].body == "近日，全市开展安全生产大检查，共排查企业三百余家。"


def test_a_sentence_about_reviews_stays_in_the_story():
    page = parse_page(STORY.rstrip("\n") + "\n\n终审判决认定事实清楚，适用法律正确。\n")

    assert staff(page) == []
    assert "终审判决认定事实清楚" in page.articles[0].body


@pytest.mark.parametrize("line, sources", [
    ("据新华社", ["新华社"]),
    ("据新华社电", ["新华社"]),
    ("据《城南日报》", ["城南日报"]),
    ("据江滨新闻客户端", ["江滨新闻客户端"]),
    ("据市气象局", ["市气象局"]),
    ("据城南发布", ["城南发布"]),  # an account with no outlet's suffix: the line alone is the credit
    ("据江滨新闻等", ["江滨新闻"]),
    ("综合新华社等报道", ["新华社"]),  # a story compiled from several sources
    ("综合城南发布、江滨新闻", ["城南发布", "江滨新闻"]),
    ("据了解", []),  # names no source
    ("据悉", []),
    ("据统计", []),
    ("据报道", []),
    ("据理力争", []),
    ("综合施策", []),  # a headline's words, naming no outlet
    ("综合本报驻外记者报道", []),  # the paper's own reporters, credited in bylines
    ("据新华社报道,全国秋粮收购进度过半。", []),  # a sentence, not a credit line
])
def test_a_source_printed_alone_is_read(line, sources):
    from articles.parser.credits import read_source_credits

    assert read_source_credits(line) == sources


def test_a_compiled_story_s_source_line_ends_it_and_the_next_headline_opens_the_next_story():
    page = parse_page(
        "城南公园改造完工\n\n　　城南公园改造工程日前完工,新增步道两公里。\n　　园内还增设了健身器材。\n"
        "　　综合城南发布、江滨新闻\n\n图书馆延长开放\n\n　　图书馆自下月起每天开放到晚上九点。\n"
    )
    first, second = page.articles
    assert [(c.role, c.name) for c in first.bylines] == [("source", "城南发布"), ("source", "江滨新闻")]
    assert "综合" not in first.body and second.title == "图书馆延长开放"


def test_a_sentence_that_names_an_agency_and_ends_on_a_word_with_dian_is_no_dateline():
    (article,) = parse_page(
        "# 听证会再次开庭\n\n当地时间3月26日上午，听证会在城南法院再次开庭。\n\n"
        "当天新华社记者通过内部闭路电视旁听，画面角度有限。\n"
    ).articles
    assert article.dateline is None
    assert "当天新华社记者通过内部闭路电视旁听" in article.body


def test_a_source_line_ends_its_story_as_a_credit_not_text():
    page = parse_page(
        "# 城南公园改造完工\n\n本报讯 城南公园改造工程日前完工,新增步道两公里。\n\n园内还增设了健身器材。\n\n据城南新闻\n\n"
        "# 图书馆延长开放\n\n本报讯 图书馆自下月起每天开放到晚上九点。\n"
    )
    first, second = page.articles
    assert [(c.role, c.name) for c in first.bylines] == [("source", "城南新闻")]
    assert "据城南新闻" not in first.body and second.title == "图书馆延长开放"


# --- credits as city papers print them ---------------------------------------------------------------

NEWS = "今年以来，全区完成老旧小区改造四十余个，惠及居民一万余户，群众满意度明显提升。"


@pytest.mark.parametrize("printed", [
    "本报讯 记者张三 通讯员李四 报道：" + NEWS,
    "本报讯 记者 张三 通讯员 李四 报道 " + NEWS,
])
def test_the_verb_after_the_reporters_names_is_no_name_and_stays_out_of_the_text(printed):
    (article,) = parse_page("# 老旧小区改造惠及万户居民\n\n" + printed + "\n").articles

    assert credited(article) == [("张三", "reporter"), ("李四", "correspondent")]
    assert article.body == NEWS


def test_a_credit_line_printed_straight_over_the_text_is_the_byline():
    (article,) = parse_page("# 老旧小区改造惠及万户居民\n\n本报记者 张三\n" + NEWS + "\n").articles

    assert credited(article) == [("张三", "reporter")]
    assert article.body == NEWS


@pytest.mark.parametrize("outlet", ["晚报", "晨报", "快报"])
def test_a_paper_calling_its_reporter_by_its_kind_credits_the_reporter(outlet):
    (article,) = parse_page(f"# 老旧小区改造惠及万户居民\n\n{outlet}记者 张三 通讯员 李四\n\n" + NEWS + "\n").articles

    assert credited(article) == [("张三", "reporter"), ("李四", "correspondent")]
    assert article.body == NEWS


def test_an_interviewers_question_is_not_a_credit():
    (article,) = parse_page("# 老旧小区改造惠及万户居民\n\n" + NEWS + "\n\n记者：改造中最难的是什么？\n\n"
                            "张三：是协调居民的不同意见。\n").articles

    assert credited(article) == []
    assert "记者：改造中最难的是什么？" in article.body


# --- a 电头 in brackets after the last paragraph (agency copy) ----------------------------------------

CLOSED_STORY = (
    "# 老旧小区改造提速\n\n"
    "今年以来，我市加快推进老旧小区改造，已完成改造小区42个。\n\n"
    "改造后的小区环境明显改善，居民拍手称赞。\n\n"
)


@pytest.mark.parametrize(
    "closing, dateline, expected",
    [
        ("（新华社北京3月5日电  记者张三、李四）", "新华社北京3月5日电", [("张三", "reporter"), ("李四", "reporter")]),
        ("（据新华社电  记者王五）", "据新华社电", [("王五", "reporter")]),
        ("（新华社北京3月5日电）", "新华社北京3月5日电", []),
        # only the reporters before the comma are read; the rest stays printed in the credit line
        ("（新华社北京3月5日电  记者张三，参与采写：李四）", "新华社北京3月5日电", [("张三", "reporter")]),
    ],
)
def test_a_dateline_in_brackets_after_the_last_paragraph_is_the_storys(closing, dateline, expected):
    page = parse_page(CLOSED_STORY + closing + "\n\n春耕时节\n\n田间地头一片繁忙，农机手驾驶拖拉机来回翻地。\n")

    first = page.articles[0]
    assert first.dateline == dateline
    assert credited(first) == expected
    assert "新华社" not in first.body
    # the bracket closes the story: the short line after it heads the next one
    assert [a.title for a in page.articles] == ["老旧小区改造提速", "春耕时节"]
    d = next(d for d in page.decisions if d.text == closing)
    assert d.label == Label.DATELINE and d.story == 0


def test_a_bracket_opening_with_a_dateline_but_naming_no_reporter_stays_text():
    page = parse_page(CLOSED_STORY + "（新华社北京3月5日电  据当地媒体消息）\n")

    assert page.articles[0].dateline is None
    assert "据当地媒体消息" in page.articles[0].body
