"""A page printed in traditional characters (a Hong Kong, Macau or Taiwan paper) is read by the same
rules as a simplified one, and every text the parser gives back is exactly as the page printed it."""

from collections import Counter

from articles.parser import parse_page
from articles.parser.blocks import normalise

HONG_KONG = """蘋果日報 2020年06月01日

港區國安法 市民上街反對

【本報訊】全國人大上周通過決定，將為香港訂立國家安全法，多個團體昨日發起遊行，反對立法。

記者：梁某某　陳某某

港台節目昨以國安立法為論題，多名嘉賓出席討論，各自表達意見。

「顛覆政權」隨時搬龍門

國安立法爭議未平，多個團體表示會繼續遊行反對立法；天文台昨日表示，今年颱風季節或較往年活躍，臺灣亦有同樣預測，提醒市民留意最新天氣消息。

■記者何某某、司徒某某

天文台提醒市民 颱風季節將至

【本報訊】天文台昨日發出提示，呼籲市民及早做好防風準備。

責任編輯：李某某
"""


def test_a_hong_kong_page_is_read_like_a_mainland_one():
    page = parse_page(HONG_KONG)

    first, second = page.articles
    assert first.title == "港區國安法 市民上街反對"
    assert first.dateline == "本報訊"
    assert [(c.name, c.role) for c in first.bylines] == [
        ("梁某某", "reporter"), ("陳某某", "reporter"), ("何某某", "reporter"), ("司徒某某", "reporter"),
    ]
    assert first.subheads == ["「顛覆政權」隨時搬龍門"]
    assert second.title == "天文台提醒市民 颱風季節將至" and second.dateline == "本報訊"
    assert [(s.role, s.name) for s in page.masthead] == [("責任編輯", "李某某")]
    assert page.publication == "蘋果日報"


def test_the_text_given_back_is_the_text_printed():
    page = parse_page(HONG_KONG)

    body = page.articles[0].body
    assert "全國人大上周通過決定，將為香港訂立國家安全法" in body
    # 颱, 臺 and 台 share one simplified form: each comes back as printed
    assert "今年颱風季節或較往年活躍，臺灣亦有同樣預測" in body
    assert "天文台昨日表示" in body
    printed = Counter(c for c in normalise(HONG_KONG) if not c.isspace())
    kept = Counter(c for c in page.all_text() if not c.isspace())
    assert not printed - kept


def test_the_parsers_own_words_stay_in_simplified_characters():
    page = parse_page(HONG_KONG)

    reasons = {d.why for d in page.decisions}
    assert "电头开头,判为稿件开头" in reasons


def test_a_simplified_page_quoting_a_traditional_sign_is_read_as_printed():
    text = (
        "老字号焕发新活力\n\n"
        "本报讯（记者 周国强）街角那块写着“萬利商行”的老招牌，已经挂了六十多年，如今店里开始卖文创产品。\n"
    )
    page = parse_page(text)

    assert page.articles[0].title == "老字号焕发新活力"
    assert "写着“萬利商行”的老招牌" in page.articles[0].body
