"""An advertisement set among a page's stories (slogans and contact lines, no sentence, no dateline, no
credit) is page furniture, not a story; a notice or a story that gives a phone number stays a story."""

from articles.parser import Label, parse_page

FIRST = "# 全市开展安全生产大检查\n\n本报讯（记者 周国强）近日，全市开展安全生产大检查，共排查企业三百余家。\n\n"
LAST = "# 老旧小区改造惠及万户居民\n\n本报讯（记者 吴志远）今年以来，全区完成老旧小区改造四十余个。\n"
AD = "某某花园 品质人居\n\n首付10万起 精装交付\n\n售楼热线：0668-1234567\n\n地址：市区某某路88号\n\n"


def test_an_advertisement_between_stories_is_furniture():
    page = parse_page(FIRST + AD + LAST)

    assert [a.title for a in page.articles] == ["全市开展安全生产大检查", "老旧小区改造惠及万户居民"]
    assert "售楼热线：0668-1234567" in page.furniture
    for decision in page.decisions:
        if "售楼热线" in decision.text or "某某花园" in decision.text:
            assert decision.label == Label.FURNITURE and decision.story is None
            assert "广告" in decision.why


def test_a_notice_with_a_phone_number_is_a_story():
    notice = "招聘启事\n\n某某公司因业务发展需要，现招聘销售人员若干名，要求大专以上学历。\n\n联系电话：13800000000\n\n"
    page = parse_page(FIRST + notice + LAST)

    assert "招聘启事" in [a.title for a in page.articles]


def test_a_short_story_with_a_hotline_and_a_dateline_is_a_story():
    brief = "# 便民热线开通\n\n本报讯 市民可拨打热线咨询\n\n服务热线：0668-1234567\n\n"
    page = parse_page(FIRST + brief + LAST)

    assert "便民热线开通" in [a.title for a in page.articles]


def test_an_editor_who_says_the_advertisement_is_a_story_is_heard():
    from articles.parser import Correction
    from articles.parser.decisions import START

    key = next(d.key for d in parse_page(FIRST + AD + LAST).decisions if d.text == "某某花园 品质人居")
    page = parse_page(FIRST + AD + LAST, [Correction(key, label=Label.TITLE, story=START)])

    assert len(page.articles) == 3
