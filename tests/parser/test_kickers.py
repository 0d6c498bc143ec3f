"""An 引题 that names who speaks or acts stands over its 主题: a name or body closed by a colon or a
dash, a list of bodies or places, a subject left open by 等. On pages whose paragraphs are indented
and whose headline lines are printed line under line with no blank line, the lines still make one
headline group."""

import pytest

from articles.parser import parse_page

FIRST = (
    "全市开展安全生产大检查\n\n"
    "本报讯（记者 周国强）近日，全市开展安全生产大检查，共排查企业三百余家，发现隐患一百余处。\n\n"
)
LEAD = "本报北京10月8日电  （记者王某）记者8日从有关部门获悉，一项新的便民措施将于下月起在全国推行。\n"


def headlines(page):
    return [(a.kicker, a.title, a.subtitle) for a in page.articles]


@pytest.mark.parametrize("kicker", ["林某某：", "国家税务总局：", "某省市场监督管理局下功夫提高办事效率——"])
def test_a_kicker_saying_who_speaks_over_a_title_over_a_dateline(kicker):
    page = parse_page(FIRST + kicker + "\n\n办事不用再跑腿 群众少等一小时\n\n" + LEAD)

    assert headlines(page)[1] == (kicker, "办事不用再跑腿 群众少等一小时", None)
    assert kicker.rstrip("：—") not in page.articles[0].body


def test_a_kicker_over_a_title_that_carries_a_column_tag():
    page = parse_page(
        FIRST + "国家税务总局：\n\n个税零申报并不影响纳税记录（回应）\n\n"
        "有网友询问，个税零申报是否影响纳税记录的连续性。税务部门表示，零申报不影响纳税记录。\n"
    )

    assert headlines(page)[1] == ("国家税务总局：", "个税零申报并不影响纳税记录（回应）", None)


def test_a_line_ending_in_a_colon_inside_a_story_is_text():
    page = parse_page(
        FIRST + "检查组提出三点要求：\n\n"
        "一是压实企业主体责任，二是加强日常巡查，三是建立隐患台账，限期整改到位。\n"
    )

    assert len(page.articles) == 1
    assert "检查组提出三点要求：" in page.articles[0].body


INDENTED = (
    "全市开展安全生产大检查\n"
    "　　本报讯（记者 周国强）近日，全市开展安全生产大检查，共排查企业三百余家，发现隐患一百余处。\n"
)


@pytest.mark.parametrize("kicker, title", [
    ("中央宣传部、中央文明办、民政部", "向贫困地区农村敬老院赠送电视机"),
    ("山西、浙江、河南", "打好减负组合拳 为基层干部松绑"),
    ("中央政法委联合教育部等", "政法实务大讲堂创办"),
    ("山西、浙江、河南、广西、陕西——", "打好减负组合拳 为基层干部松绑（守初心 担使命 找差距 抓落实·主题教育整改落实）"),
])
def test_stacked_headline_lines_of_an_indented_export_make_one_group(kicker, title):
    page = parse_page(INDENTED + kicker + "\n" + title + "\n　　" + LEAD)

    assert headlines(page)[1] == (kicker, title, None)
    assert kicker not in page.articles[0].body


def test_stacked_headline_lines_over_a_paragraph_when_the_title_carries_a_column_tag():
    page = parse_page(
        INDENTED + "某省出重拳、深彻查、铲土壤\n边扫边治边建 形成长效机制（扫黑除恶进行时）\n"
        "　　10月9日，某市公安局收到一面锦旗，这是当地群众送来的，感谢警方打掉了一个恶势力团伙。\n"
    )

    assert headlines(page)[1] == ("某省出重拳、深彻查、铲土壤", "边扫边治边建 形成长效机制（扫黑除恶进行时）", None)


@pytest.mark.parametrize("kicker, title", [
    ("狠抓源头治理，守住一江清水", "城区河道十年来首次全线达标"),  # the 引题 runs as clauses, the 主题 does not
    ("全国游泳锦标赛", "本市小将夺得两枚金牌"),  # the competition over its result
    ("乒乓球世界杯多哈站", "本市选手闯入女单四强"),
    ("越剧《某某传》", "老戏新排见匠心"),  # a review: the work by its genre over the point
])
def test_a_kicker_that_frames_its_title_by_clauses_event_or_work(kicker, title):
    page = parse_page(FIRST + kicker + "\n\n" + title + "\n\n" + LEAD)

    assert headlines(page)[1] == (kicker, title, None)


@pytest.mark.parametrize("title, subtitle", [
    ("全市开展秋冬季森林防火大检查", "排查隐患一百余处 整改率达九成"),
    ("城区河道整治工程通过验收", "十年来首次全线达标，沿岸居民受益"),  # a 副题 with a pause of its own
])
def test_a_title_over_its_subtitle_stays_so(title, subtitle):
    page = parse_page(FIRST + title + "\n\n" + subtitle + "\n\n" + LEAD)

    assert headlines(page)[1] == (None, title, subtitle)


@pytest.mark.parametrize("kicker, title", [
    ("有了社区食堂、图书室、健身角……", "老小区住出了新滋味"),  # a list trailing off into the 主题
    ("咳嗽、失眠、腰腿疼等", "名老中医每周到社区坐诊"),  # a list closed by 等
    ("5月1日至5月5日", "城南公园举办郁金香花展"),  # only when
    ("国庆假期期间", "城南部分道路实行临时交通管制"),  # the occasion the 主题 tells of
    ("全区经济工作会议上", "区长点名表扬了一家小面馆"),
])
def test_a_kicker_that_lists_or_tells_when_over_its_title(kicker, title):
    # two headline lines of one level: which is the 引题 is told by the lines themselves
    page = parse_page(f"# {kicker}\n\n# {title}\n\n记者 王平\n\n社区里新开了食堂和图书室，居民们说日子越过越有滋味。\n")

    assert headlines(page) == [(kicker, title, None)]
