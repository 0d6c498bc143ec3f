"""Headlines on plain pages (no markup) as OCR prints them: a headline group line under line straight over
the story's 电头, and a headline that exclaims or asks."""

import pytest

from articles.parser import Label, parse_page

FIRST = (
    "全市开展安全生产大检查\n\n"
    "本报讯（记者 周国强）近日，全市开展安全生产大检查，共排查企业三百余家，发现隐患一百余处，已全部整改到位。\n\n"
    "检查组要求各企业落实主体责任，确保安全生产形势稳定，对发现的问题要立行立改，不留死角。\n\n"
)
LEAD = "本报讯（记者 吴志远）今年以来，全区完成老旧小区改造四十余个，惠及居民一万余户，群众满意度明显提升。\n"


def headlines(page):
    return [(a.kicker, a.title, a.subtitle) for a in page.articles]


def test_a_kicker_and_title_line_under_line_over_a_dateline_open_a_story():
    page = parse_page(FIRST + "城市更新\n老旧小区改造惠及万户居民\n\n" + LEAD)

    assert headlines(page)[1] == ("城市更新", "老旧小区改造惠及万户居民", None)
    assert "城市更新" not in page.articles[0].body
    assert [c.name for c in page.articles[1].bylines] == ["吴志远"]


def test_a_title_and_subtitle_line_under_line_over_a_dateline_open_a_story():
    page = parse_page(FIRST + "老旧小区改造工作扎实推进\n惠及全区一万余户居民\n\n" + LEAD)

    assert [" ".join(p for p in h if p) for h in headlines(page)][1] == "老旧小区改造工作扎实推进 惠及全区一万余户居民"
    assert len(page.articles) == 2


def test_short_lines_in_a_column_break_are_not_a_headline_group():
    # the text above stops mid-sentence: the lines under it are the same story's
    page = parse_page(
        FIRST.rstrip("\n").rstrip("。") + "，\n\n城市更新\n老旧小区改造\n\n" + LEAD
    )

    assert ("城市更新", "老旧小区改造", None) not in headlines(page)


def test_two_lines_of_a_broken_paragraph_over_a_dateline_stay_text():
    page = parse_page(FIRST + "全区今年完成老旧小区改造四十余个，惠及居民一万余户，\n群众满意度明显提升，下一步还将继续推进。\n\n" + LEAD)

    assert all("群众满意度" not in (h[1] or "") for h in headlines(page))


@pytest.mark.parametrize("title", ["家门口的食堂开张了！", "老旧小区改造，居民满意吗？"])
def test_a_headline_that_exclaims_or_asks_over_a_dateline_opens_a_story(title):
    page = parse_page(FIRST + title + "\n\n" + LEAD)

    assert [a.title for a in page.articles] == ["全市开展安全生产大检查", title]
    assert title not in page.articles[0].body


def test_a_question_alone_between_paragraphs_is_still_text():
    page = parse_page(FIRST + "你们觉得怎么样？\n\n老人们纷纷点头，说社区食堂办到了大家心坎上，以后吃饭不用愁了。\n")

    assert len(page.articles) == 1
    assert "你们觉得怎么样？" in page.articles[0].body


def test_a_headline_group_under_a_photo_source_line_opens_a_story():
    # "资料图片" ends no sentence either, but it is no text cut at a column's end
    page = parse_page(FIRST + "资料图片\n\n城市更新\n老旧小区改造惠及万户居民\n\n" + LEAD)

    assert headlines(page)[1] == ("城市更新", "老旧小区改造惠及万户居民", None)


def test_an_exclaiming_kicker_over_its_title_over_a_dateline_opens_a_story():
    page = parse_page(FIRST + "“安”心守护!\n社区食堂开张 老人每餐五元\n\n" + LEAD)

    assert headlines(page)[1] == ("“安”心守护!", "社区食堂开张 老人每餐五元", None)
    assert "安”心守护" not in page.articles[0].body


def test_an_exclaiming_kicker_on_its_own_line_over_its_title_and_dateline():
    page = parse_page(FIRST + "“安”心守护！\n\n社区食堂开张 老人每餐五元\n\n" + LEAD)

    assert headlines(page)[1] == ("“安”心守护！", "社区食堂开张 老人每餐五元", None)


@pytest.mark.parametrize("subhead", ["（一）加强组织领导", "(2)压实企业主体责任"])
def test_a_subhead_numbered_in_brackets_is_a_subhead(subhead):
    page = parse_page(FIRST + subhead + "\n\n检查组还将开展回头看，确保各项整改措施落实到位，不留死角。\n")

    assert page.articles[0].subheads == [subhead]


PARAGRAPH = "检查组还将开展回头看，确保各项整改措施落实到位，对新发现的隐患一律挂牌督办，限期整改。\n"


def test_a_subhead_printed_on_two_short_lines_between_paragraphs_is_one_subhead():
    page = parse_page(FIRST + "外贸开门红\n外资开年稳\n\n" + PARAGRAPH)

    (story,) = page.articles
    assert story.subheads == ["外贸开门红 外资开年稳"]
    assert "外贸开门红" not in story.body.replace("## 外贸开门红 外资开年稳", "")
    (decision,) = [d for d in page.decisions if d.text.startswith("外贸开门红")]
    assert decision.label == Label.SUBHEAD


def test_two_short_lines_long_together_stay_one_subhead_not_a_new_story():
    page = parse_page(FIRST + "提高农业供给质量推动产业升级\n让农民增加经营性收入再上台阶\n\n" + PARAGRAPH)

    assert len(page.articles) == 1
    assert page.articles[0].subheads == ["提高农业供给质量推动产业升级 让农民增加经营性收入再上台阶"]


@pytest.mark.parametrize("lines", [
    "退休人员：\n按退休金的千分之一点五缴费，单位不缴",  # whom the section is of, then its point
    "农民、城镇居民：\n按年缴费，个人和政府各担一半",
    "规划先行，织密城乡交通网络\n打通城乡断头路，畅通群众出行的最后一公里",  # each line short, the two long together
])
def test_a_subhead_on_two_lines_whose_first_tells_whom_or_what_it_is_of(lines):
    page = parse_page(FIRST + lines + "\n\n" + PARAGRAPH)

    (story,) = page.articles
    assert story.subheads == [lines.replace("\n", " ")]
    assert lines.split("\n")[1] not in story.body.replace("## " + lines.replace("\n", " "), "")


@pytest.mark.parametrize("lines", [
    "精简会议文件，压减报表材料，\n让更多干部深入一线抓落实",  # clause by clause: a sentence
    "推动法治建设\n某某大学法学院院长  张三",  # a forum piece's title over its writer
])
def test_two_short_lines_that_are_no_subhead_are_not_made_one(lines):
    page = parse_page(FIRST + lines + "\n\n" + PARAGRAPH)

    assert all(s.replace(" ", "") != lines.replace("\n", "").replace(" ", "") for a in page.articles for s in a.subheads)


def test_two_short_lines_under_text_cut_mid_sentence_are_not_a_subhead():
    page = parse_page(FIRST.rstrip("\n").rstrip("。") + "，同时要求各地\n\n外贸开门红\n外资开年稳\n\n" + PARAGRAPH)

    assert page.articles[0].subheads == []


@pytest.mark.parametrize("title", [
    "某某分别会见某国副总理兼财政部长某某某、某某大学经济管理学院顾问委员会委员",
    "京津冀、黄河流域国家级自然保护区生态环境保护成效显著",
    "文化交流团访问法国、荷兰、立陶宛三国",
])
def test_a_long_line_full_of_enumeration_marks_over_a_dateline_is_a_headline(title):
    page = parse_page(FIRST + title + "\n\n" + LEAD)

    assert headlines(page)[1] == (None, title, None)
    assert title not in page.articles[0].body


def test_a_broken_line_of_text_over_a_dateline_is_no_headline():
    # the paragraph above stops mid-sentence, and a line with a clause comma reads as text
    page = parse_page(
        FIRST + "据统计，今年以来共查处各类问题一千余起，批评教育和处理相关人员两千余人，其中给予党纪政务\n\n" + LEAD
    )

    assert "批评教育和处理相关人员两千余人" in page.articles[0].body


@pytest.mark.parametrize("opening", ["地处内陆，某市港口几乎每天都有江海直达货轮抵达。", "得益于政策支持，某镇的特色产业发展迅速。"])
def test_a_subhead_over_a_paragraph_opening_with_a_word_in_de_or_di(opening):
    page = parse_page(
        FIRST + "黄金水道 通达全球\n\n" + opening + "检查组在码头排查安全隐患，货物经卸货、转运，沿长江被运往各地的工厂。\n"
    )

    assert page.articles[0].subheads == ["黄金水道 通达全球"]


def test_a_line_broken_before_an_adverbial_particle_is_not_a_subhead():
    page = parse_page(FIRST + "各部门要认真\n\n地做好隐患整改工作，限期销号，确保安全。\n")

    assert page.articles[0].subheads == []


def test_a_long_summary_between_a_title_and_its_dateline_is_the_subtitle():
    summary = "要求制定涉企法规必须听取企业意见；决定再取消和下放一批行政许可事项；部署推动家政服务提质扩容"
    page = parse_page(
        "国务院召开常务会议\n\n" + summary + "\n\n"
        "新华社北京2月20日电 国务院总理2月20日主持召开国务院常务会议，部署多项工作。\n"
    )

    assert headlines(page) == [(None, "国务院召开常务会议", summary)]
    assert summary not in page.articles[0].body


@pytest.mark.parametrize("title, between", [
    ("全市开展保健市场专项整治", "编者按：本版今起推出系列报道，报道整治中的新做法，敬请关注。"),  # it ends a sentence: text
    ("速览", "截至1月30日，全市共立案一千余件，案值两亿余元"),  # under a column's label: the brief's own line
    ("恢复小区出入公交运营", "希望广大市民继续做好个人防护，合力筑牢防控屏障，共同守护好城市家园"),  # a sentence
])
def test_text_under_a_label_or_ending_a_sentence_is_not_a_subtitle(title, between):
    page = parse_page(title + "\n\n" + between + "\n\n本报北京2月13日电 （记者林某某）全市开展专项整治行动。\n")

    assert page.articles[0].subtitle is None


def test_a_quoted_saying_under_a_lead_in_is_the_title():
    page = parse_page(FIRST + "老街坊说起社区新食堂\n“在家门口就能吃上热饭”\n\n" + LEAD)

    assert headlines(page)[1] == ("老街坊说起社区新食堂", "“在家门口就能吃上热饭”", None)


def test_a_quoted_title_over_a_line_that_goes_on_keeps_its_subtitle():
    page = parse_page(FIRST + "“在家门口就能吃上热饭”\n社区食堂开张一个月接待老人三千人次\n\n" + LEAD)

    assert headlines(page)[1] == (None, "“在家门口就能吃上热饭”", "社区食堂开张一个月接待老人三千人次")


def test_a_line_closed_by_a_column_tag_is_a_headline_though_it_has_a_comma():
    page = parse_page(
        FIRST + "返乡青年，在家乡种出新希望（乡村振兴·新农人）\n\n"
        "大学毕业后，他回到家乡承包了两百亩土地，种植有机蔬菜，带动周边农户一起增收致富。\n"
    )

    assert [a.title for a in page.articles][1:] == ["返乡青年，在家乡种出新希望（乡村振兴·新农人）"]


def test_a_short_line_closed_by_a_note_on_its_picture_is_no_headline():
    page = parse_page(FIRST + "检查组在现场查看，市民围观（资料图片）\n\n" + LEAD)

    assert all("资料图片" not in a.title for a in page.articles)


def test_a_line_telling_of_an_event_handed_on_by_a_dash_opens_a_story():
    page = parse_page(
        FIRST + "全市老旧小区改造现场推进会召开——\n\n改造一处 惠及一片\n\n"
        "各区在推进会上交流了改造经验，今年全市将完成改造小区四十个，惠及居民一万余户。\n"
    )

    assert headlines(page)[1:] == [("全市老旧小区改造现场推进会召开——", "改造一处 惠及一片", None)]


def test_a_speakers_label_handed_on_by_a_dash_stays_in_its_story():
    page = parse_page(
        FIRST + "安监部门——\n\n隐患整改\n\n"
        "检查组逐一建立安全隐患台账，要求企业限期整改，整改情况将向社会公开。\n"
    )

    assert len(page.articles) == 1


@pytest.mark.parametrize("title", ["致全市广大市民的感谢信", "致一线防汛人员的慰问信"])
def test_a_letter_printed_in_full_opens_a_story(title):
    page = parse_page(
        FIRST + title + "\n\n"
        # words of the story above: the genre alone says a letter begins here
        "连日来，全市开展安全生产大检查，各企业积极配合检查组排查安全隐患，在此表示衷心感谢。\n"
    )

    assert [a.title for a in page.articles][1:] == [title]


GOES_ON = "检查组要求各企业落实安全生产主体责任，发现隐患立行立改，整改情况向社会公开。\n"


def under_first(line: str) -> str:
    """A line alone under the first story, over a paragraph that goes on with that story's words."""
    return FIRST + line + "\n\n" + GOES_ON


def test_a_long_line_alone_between_paragraphs_is_a_subhead_of_the_story():
    # as long as a headline, but a headline of its own would be printed as parts (主题 and 副题 apart)
    line = "检查组逐企业排查安全隐患并对发现的问题一律挂牌督办限期整改"
    page = parse_page(under_first(line))

    assert [a.title for a in page.articles] == ["全市开展安全生产大检查"]
    assert page.articles[0].subheads == [line]


def test_a_long_line_printing_title_and_subtitle_apart_opens_a_story():
    line = "全市安全生产大检查转入整改阶段 三百余家企业隐患清单逐项销号"
    page = parse_page(under_first(line))

    assert len(page.articles) == 2
    assert page.articles[1].title.replace(" ", "") in line.replace(" ", "")


def test_a_column_tag_with_a_number_in_brackets_inside_marks_a_headline():
    page = parse_page(under_first("降本增效，物流发展高质量（感言·岁末年初看经济（11））"))

    assert [a.title for a in page.articles][1:] == ["降本增效，物流发展高质量（感言·岁末年初看经济（11））"]


def test_a_saying_in_quotation_marks_alone_between_paragraphs_is_a_subhead_though_it_has_commas():
    saying = "“安全无小事，隐患险于明火，防范胜于救灾”"
    page = parse_page(under_first(saying))

    assert [a.title for a in page.articles] == ["全市开展安全生产大检查"]
    assert page.articles[0].subheads == [saying]


def test_a_quoted_sentence_alone_between_paragraphs_stays_text():
    quoted = "“安全无小事，隐患险于明火。”"
    page = parse_page(under_first(quoted))

    assert page.articles[0].subheads == [] and quoted in page.articles[0].body


def test_a_label_handed_on_by_a_dash_over_a_subhead_is_text_not_a_second_subhead():
    page = parse_page(
        FIRST + "安监部门——\n\n隐患整改\n\n"
        "检查组逐一建立安全隐患台账，要求企业限期整改，整改情况将向社会公开。\n"
    )

    (story,) = page.articles
    assert story.subheads == ["隐患整改"]
    assert "安监部门——" in story.body


def test_a_headline_full_of_enumeration_marks_over_a_credit_line_opens_a_story():
    page = parse_page(FIRST + "捐书、捐款、捐画 九旬老人把一生积蓄留给家乡\n\n记者 王平\n\n" + PARAGRAPH)

    assert [a.title for a in page.articles] == ["全市开展安全生产大检查", "捐书、捐款、捐画 九旬老人把一生积蓄留给家乡"]
    assert [c.name for c in page.articles[1].bylines] == ["王平"]


def test_an_exclaiming_line_between_a_headline_and_its_credit_line_is_part_of_the_headline():
    page = parse_page("航运运价全线上涨，外贸企业压力加大\n\n本地船企承诺“不加价”！\n\n记者 王平 通讯员 李四\n\n" + PARAGRAPH)

    (article,) = page.articles
    assert (article.kicker, article.title) == ("航运运价全线上涨，外贸企业压力加大", "本地船企承诺“不加价”！")
    assert "不加价" not in article.body


def test_a_line_of_clauses_between_the_title_and_the_credit_line_is_the_subtitle():
    page = parse_page(
        "一张清单为社区干部减负\n\n城南区推行社区工作事项清单，清退“分外事”，让干部专注“分内事”\n\n"
        "本报记者 王平\n\n" + PARAGRAPH
    )

    (article,) = page.articles
    assert (article.title, article.subtitle) == (
        "一张清单为社区干部减负", "城南区推行社区工作事项清单，清退“分外事”，让干部专注“分内事”")
    assert "清退" not in article.body and [c.name for c in article.bylines] == ["王平"]


def test_a_sentence_between_the_title_and_the_credit_line_stays_text():
    page = parse_page("一张清单为社区干部减负\n\n城南区推行社区工作事项清单，清退了一批“分外事”。\n\n本报记者 王平\n\n" + PARAGRAPH)

    (article,) = page.articles
    assert article.subtitle is None and "清退了一批" in article.body


ROUND = (
    "周末赏花好去处\n\n"
    "记者 林晓\n\n"
    "城西湿地的樱花进入盛花期，沿湖两公里的樱花大道粉白一片，周末前去赏花的市民络绎不绝。\n\n"
)


def test_a_service_note_ending_a_section_is_its_text_not_the_next_headline():
    # "导航：…" (where, when, what it costs) ends a city paper's section; the headline below stands alone
    page = parse_page(
        ROUND + "导航：城西湿地南门游客中心\n\n"
        "老街灯会本周开幕\n\n"
        "老街灯会将于本周六开幕，二十多组花灯沿河布置，夜间还有非遗表演和小吃市集，持续到下月初。\n"
    )

    assert headlines(page) == [(None, "周末赏花好去处", None), (None, "老街灯会本周开幕", None)]
    assert "导航：城西湿地南门游客中心" in page.articles[0].body
    note = next(d for d in page.decisions if d.text.startswith("导航"))
    assert note.label == Label.BODY and note.story == 0


def test_a_line_that_opens_as_a_byline_is_never_a_headline():
    # a byline naming an outlet the credit reader does not know is still no headline line
    page = parse_page(ROUND + "老街灯会本周开幕\n\n记者 宋远 城西发布融媒中心 李青\n\n"
                      "老街灯会将于本周六开幕，二十多组花灯沿河布置，夜间还有非遗表演和小吃市集，持续到下月初。\n")

    assert [a.title for a in page.articles] == ["周末赏花好去处", "老街灯会本周开幕"]
    line = next(d for d in page.decisions if d.text.startswith("记者 宋远"))
    assert line.label not in Label.HEADLINE


def test_a_columns_contact_line_is_no_headline():
    page = parse_page(FIRST + "（作者为本报记者）\n\n栏目投稿邮箱：column2019@example.com\n\n"
                      "老旧小区改造工作扎实推进\n惠及全区一万余户居民\n\n" + LEAD)

    assert [a.title for a in page.articles] == ["全市开展安全生产大检查", "老旧小区改造工作扎实推进"]
    contact = next(d for d in page.decisions if "@" in d.text)
    assert contact.label not in Label.HEADLINE


def test_a_subhead_that_opens_with_identify_is_no_scan_prompt():
    page = parse_page(FIRST + "识别须精准\n\n"
                      "检查组对照标准逐家核对企业的安全隐患，防止漏查漏改，对排查发现的隐患建立台账，确保整改到位。\n\n")

    assert page.articles[0].subheads == ["识别须精准"]


def test_a_headline_under_a_long_column_tag_with_pauses_is_a_headline():
    # the tag names the column ("…·…、…"), its pauses are the column's and do not make the line a sentence
    tagged = "抓时效 见实效（守初心 担使命·深入开展“学习、调研、整改”主题教育·整改落实）"
    page = parse_page(FIRST + tagged + "\n\n"
                      "上午9时，区政务服务中心的大门刚打开，前来办事的群众就排起了队，窗口工作人员逐一指导网上申报。\n")

    assert [a.title for a in page.articles] == ["全市开展安全生产大检查", tagged]


def test_a_series_tag_of_over_forty_characters_still_tags_a_headline():
    kicker = "湖南岳阳市退休干部王永福——"
    title = "“为乡亲做力所能及的事就是乐”（守初心 担使命 找差距 抓落实·深入开展“学习、调研、整改”主题教育·身边的初心使命故事）"
    page = parse_page(FIRST + kicker + "\n\n" + title + "\n\n"
                      "退休二十多年来，王永福一直在村里义务辅导孩子功课，还自费为村小学添置了图书和体育器材。\n")

    assert headlines(page)[1] == (kicker, title, None)
