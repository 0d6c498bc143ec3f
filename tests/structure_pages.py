"""A page whose parse is wrong in each way the structure editor corrects, written for these tests.

Read as printed, the parser takes the byline 陈晓红 林峰 for a new story's title (and the caption under
it for its subtitle), reads the stand-alone line 高温天气注意防暑 as a subhead of the lift story although
it heads a story of its own (the text under it speaks of lift works too), and starts a story at 家长看护要到位, a subhead of the swimming story
(the text under it shares no words with the story above it)."""

from articles.importing import PageImporter, PageTarget
from articles.pagefiles import page_file_from_bytes
from articles.parser import parse_page

WRONG_PAGE = """值班主任:余虔虹 责任编辑:李明

社区食堂开张 老人每餐五元

本报讯 7月14日,油城社区食堂正式开张,辖区六十岁以上老人每餐只需五元,食堂由社区与爱心企业合办。

食堂每天供应午餐和晚餐,菜式每周更换,社区志愿者轮流帮厨。

陈晓红 林峰

居民在食堂排队取餐

不少老人说,家门口有了食堂,再也不用为一日三餐发愁。

老旧小区加装电梯提速

本报讯(记者 张三)今年以来,我市老旧小区加装电梯工作明显提速,已有四十二台电梯完成安装并投入使用。

市住建局有关负责人介绍,下一步将简化审批流程,并对加装电梯给予补贴。

高温天气注意防暑

加装电梯工地上,施工人员改为错峰作业,市住建局提醒各施工单位做好防暑降温。

暑期游泳安全提示

本报讯(记者 李四)暑假来临,孩子们游泳的机会增多。

家长看护要到位

切勿独自下水

有关部门提醒,切勿到水库、河塘等野外水域嬉水。
"""

BYLINE, CAPTION, SPLIT, MERGE = "陈晓红 林峰", "居民在食堂排队取餐", "高温天气注意防暑", "家长看护要到位"


def key_of(text: str, page_text: str = WRONG_PAGE) -> str:
    """The key the parser gives the piece printed as `text`."""
    return next(d.key for d in parse_page(page_text).decisions if d.text == text)


def import_wrong_page(paper="茂名晚报", date=None, number=3, text=WRONG_PAGE, name="0715-03.txt"):
    import datetime

    target = PageTarget(publication=paper, date=date or datetime.date(2022, 7, 15), number=number, name="社区")
    report = PageImporter().import_file(page_file_from_bytes(name, text.encode()), target)
    assert not report.error, report.error
    return report.page


# One page for each other correction the structure view offers, each wrong in that one way (read as
# printed, the parser makes the mistake named beside it). The tests correct them in a browser.

CREDIT_PAGE = """社区食堂开张 老人每餐五元

本报讯(记者 张三)7月14日,油城社区食堂正式开张,辖区六十岁以上老人每餐只需五元。

居民在食堂排队取餐。

本报记者 王小明

不少老人说,家门口有了食堂,再也不用为一日三餐发愁。
"""
CREDIT, CREDIT_CAPTION = "本报记者 王小明", "居民在食堂排队取餐。"  # a photo credit without 摄, read as the story's byline

SUBHEAD_PAGE = """老旧小区加装电梯提速

本报讯(记者 李四)今年以来,我市老旧小区加装电梯工作明显提速,已有四十二部新梯投用。

审批流程更简单更透明,补贴资金按月足额发放到位

市住建局有关负责人介绍,下一步将简化审批流程,并对加装电梯给予补贴。

赵小云 钱大勇

加装电梯的小区居民表示,上下楼方便多了。
"""
# A subhead long enough to read as a paragraph, and a correspondents' line read as a subhead.
LONG_SUBHEAD, CREDIT_AS_SUBHEAD = "审批流程更简单更透明,补贴资金按月足额发放到位", "赵小云 钱大勇"

BODY_PAGE = """暑期游泳安全提示

本报讯(记者 王五)暑假来临,孩子们游泳的机会增多,有关部门发出安全提示。

家长看护要到位

有关部门提醒,家长要看护好孩子,不到无人看管的水域游泳。

学校也将在开学前

组织一次安全教育课。
"""
TRUE_SUBHEAD, FALSE_SUBHEAD = "家长看护要到位", "学校也将在开学前"  # a paragraph cut by a column break

HEADLINE_PAGE = """油城社区为民办实事

社区食堂开张 老人每餐五元

本报讯(记者 张三)7月14日,油城社区食堂正式开张,辖区六十岁以上老人每餐只需五元。

食堂每天供应午餐和晚餐,菜式每周更换。

暑期安全教育进社区

孩子游泳家长要看护

本报讯(记者 王五)暑假来临,社区组织志愿者为孩子们上了一堂游泳安全课。

老旧小区加装电梯提速

全市已有四十二部新梯投用,六十岁以上老人上下楼不再犯愁

本报讯(记者 李四)今年以来,我市老旧小区加装电梯工作明显提速。
"""
# Story 1 and 2: a kicker read as the title (so the title as the subtitle); story 3: its subtitle, between
# its title and its lead, which the rules read as such.
KICKER_1, TITLE_1 = "油城社区为民办实事", "社区食堂开张 老人每餐五元"
KICKER_2, TITLE_2 = "暑期安全教育进社区", "孩子游泳家长要看护"
TITLE_3, SUBTITLE_3 = "老旧小区加装电梯提速", "全市已有四十二部新梯投用,六十岁以上老人上下楼不再犯愁"

STAFF_PAGE = """值班主任:余虔虹

社区食堂开张 老人每餐五元

本报讯(记者 张三)7月14日,油城社区食堂正式开张,辖区六十岁以上老人每餐只需五元。

食堂每天供应午餐和晚餐,菜式每周更换,社区志愿者轮流帮厨。

出品:李明 文案:王五 终校:赵六
"""
STAFF_LINE = "出品:李明 文案:王五 终校:赵六"  # staff roles the vocabulary lacks, read as part of the story (its last subhead or paragraph)

NOISE_PAGE = """社区食堂开张 老人每餐五元

本报讯(记者 张三)7月14日,油城社区食堂正式开张,辖区六十岁以上老人每餐只需五元。

&

食堂每天供应午餐和晚餐,菜式每周更换,社区志愿者轮流帮厨。
"""
NOISE = "&"  # left by the conversion, read as a paragraph

BOGUS_PAGE = """社区食堂开张 老人每餐五元

本报讯(记者 张三)7月14日,油城社区食堂正式开张,辖区六十岁以上老人每餐只需五元。

食堂每天供应午餐和晚餐,菜式每周更换,社区志愿者轮流帮厨。

便民信息 房屋出租

联系人:周先生

油城小区两房一厅出租,拎包入住,有意者请到小区物业登记。
"""
BOGUS = "便民信息 房屋出租"  # a classified ad the parser took for a story

# The same page where a new story's kicker and headline, printed bold, are read as two subheads of the
# lift story: 从这里另起一篇,主题是下一段 on the kicker splits there with both in place.
KICKER, HEADLINE = "**健康提醒**", "**高温天气注意防暑**"
KICKER_PAGE = WRONG_PAGE.replace(f"{SPLIT}\n", f"{KICKER}\n\n{HEADLINE}\n")
