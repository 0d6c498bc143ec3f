"""Properties that hold for any text: the parser never fails on a page, and it loses nothing printed.

The generated pages mix arbitrary text with lines in the trade's forms (headings, credit lines, staff
box, captions, end marks), so the properties run through the parser's real paths, not just its
"plain paragraph" fallback.
"""

import json
import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.parser import Correction, Label, parse_page
from articles.parser.blocks import normalise, split_blocks
from articles.parser.credits import read_photo_credit
from articles.parser.vocabulary import BULLETS, RELATED

SETTINGS = settings(max_examples=200, deadline=None)

PAGE_LINES = [
    "# 全市开展安全生产大检查",
    "## 稳就业 促发展",
    "### 春风行动送岗位到家门口",
    "#### 岗位对接精准",
    "#",
    "**摊位统一规划。**市场监管部门对摊位统一编号。",
    "■ 通讯员 张三",
    "> 本报记者 孙晓红",
    "文/图 本报记者 周小川",
    "(完)",
    "（完）",
    "值班主任:甲乙 丙丁",
    "责编 版式:戊己 庚辛",
    "新闻热线:1234567",
    "投稿邮箱:beihaiwanbao@163.com",
    "茂名晚报讯 记者李某 ",
    "本报北京2月19日电（记者 王某某）",
    "新华社北京3月5日电（记者 赵明 刘洋）",
    "江门日报讯(记者/黎某 通讯员/吴某) 11月20日，",
    "市民在广场合影。 本报记者 刘某 摄",
    "游客拍照留念。（本报记者 钱某 摄）",
    "图① 新建的桥。",
    "图②：修缮一新的祠堂。",
    "活动共服务居民两百余人次。（某区卫健局）",
    "(张三 李四)",
    "——某村发展茶叶种植带动村民增收",
    "某市公安局交通警察支队\n某市城市管理局\n2023年3月1日",
    "检查中发现，个别乡镇没有落实",
    "后续维护责任的问题。",
    "王五 家住某村，种了二十多亩柚子。",
    "活动为各快递公司 & 外卖平台的骑手送上慰问品",
    "短评",
    "周仲谋",
]
SEPARATORS = ["\n", "\n\n", "\n\n\n\n", "\r\n", "\r\n\r\n", "  \n", "\n\u3000\n"]
NOISE = ["", " ", "\u3000", "\x00", "\ufeff", "\u200b", "\t", "\x0c", "\r", "**", "##", "(", "）", "【", "】"]

long_lines = st.builds(lambda piece, n: piece * n, st.text(min_size=1, max_size=4), st.integers(200, 2000))


def pages(lines):
    line = st.one_of(st.sampled_from(lines), st.text(max_size=40), long_lines)
    piece = st.tuples(st.sampled_from(NOISE), line, st.sampled_from(NOISE), st.sampled_from(SEPARATORS))
    return st.lists(piece, max_size=40).map(lambda parts: "".join("".join(p) for p in parts))


any_text = st.one_of(st.text(), pages(PAGE_LINES))


@SETTINGS
@given(any_text)
def test_parse_page_never_fails_and_gives_json(text):
    page = parse_page(text)

    assert json.loads(json.dumps(page.to_dict(), ensure_ascii=False)) == page.to_dict()
    assert isinstance(page.all_text(), str)


def printed(text):
    return Counter(c for c in text if c.isprintable() and not c.isspace())


def lost_characters(text):
    """Printed characters of the (normalised) input that appear fewer times in everything parsed out."""
    return printed(normalise(text)) - printed(parse_page(text).all_text())


@SETTINGS
@given(any_text)
def test_every_printed_character_is_kept_somewhere(text):
    assert not lost_characters(text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "**全市开展安全生产大检查**\n\n本报讯 近日，全市开展安全生产大检查。\n",
            id="bold-headline",
        ),
        pytest.param(
            "# 新线路开通\n\n本报讯 新线路今日开通。\n\n□ 相关新闻\n\n## 公交优惠\n\n"
            "# 公交卡优惠延续至年底\n\n本报讯 优惠政策延续至年底。\n",
            id="related-label-over-kicker",
        ),
        pytest.param(
            "# 新线路开通\n\n本报讯 新线路今日开通。\n\n□ 相关新闻\n\n【链接】\n\n"
            "公交卡优惠延续至年底\n\n本报讯 优惠政策延续至年底。\n",
            id="two-related-labels",
        ),
        pytest.param(
            "# 古村落焕发新活力\n\n本报讯 古村文化节昨日开幕。\n\n"
            "（游客在古村老宅前拍照留念。本报记者 钱多多 摄）\n\n文化节持续三天。\n",
            id="caption-wholly-in-brackets",
        ),
        pytest.param("# 新线路开通\n\n本报讯 新线路今日开通。\n\n**服务延伸到村**\n\n各镇设立服务站。\n", id="bold-subhead"),
        pytest.param(
            "# 新线路开通\n\n本报讯 新线路今日开通。\n\n□ 相关新闻\n\n公交卡优惠延续至年底\n\n本报讯 优惠政策延续至年底。\n",
            id="related-label",
        ),
    ],
)
def test_nothing_printed_is_lost_on_these_pages(text):
    assert not lost_characters(text)


# --- parse decisions: the page shown once, piece by piece (docs/PARSE_DECISIONS.md) ---------------

@SETTINGS
@given(any_text)
def test_every_printed_character_is_in_exactly_one_piece(text):
    page = parse_page(text)
    decisions = page.decisions

    assert printed("".join(d.text for d in decisions)) == printed(normalise(text))
    assert [d.line for d in decisions] == sorted(d.line for d in decisions)
    assert len({d.key for d in decisions}) == len(decisions)
    assert all(d.story is None or 0 <= d.story < len(page.articles) for d in decisions)
    assert all(0.0 <= d.confidence <= 1.0 and d.why for d in decisions)
    for d in decisions:  # a piece holding several things is cut into them, nothing left over
        if d.parts:
            assert printed("".join(part for _, part in d.parts)) == printed(d.text)


@SETTINGS
@given(any_text, st.data())
def test_any_corrections_keep_the_page_whole(text, data):
    """Whatever an editor marks, the parse does not fail and loses nothing printed."""
    pieces = parse_page(text).decisions
    chosen = data.draw(st.lists(st.sampled_from(pieces), max_size=8)) if pieces else []
    corrections = [
        Correction(
            d.key,
            label=data.draw(st.sampled_from([None, *Label.ALL])),
            story=data.draw(st.sampled_from([None, "start", "join"])),
        )
        for d in chosen
    ]
    page = parse_page(text, corrections)

    assert not printed(normalise(text)) - printed(page.all_text())
    assert json.loads(json.dumps(page.to_dict(), ensure_ascii=False)) == page.to_dict()
    corrected = {c.key for c in corrections if c.label or c.story}
    for d in page.decisions:
        if d.key in corrected:
            assert (d.confidence, d.why) == (1.0, "编辑已更正")


# the same pages in traditional characters (read as simplified and given back as printed), with the
# characters whose simplified forms coincide (臺, 颱 and 台; 後 and 后; 髮 and 發) side by side
TRADITIONAL_LINES = [
    "【本報訊】記者：梁某某　陳某某", "■記者何某某、司徒某某", "責任編輯：李某某", "臺灣颱風天文台", "皇后前後", "頭髮發展",
    "港區國安法 市民上街反對", "圖為新建的橋。 本報記者 劉某 攝", "（記者胡某\n張某某 王某）", "陳凱歌（導演）",
]


@SETTINGS
@given(pages(TRADITIONAL_LINES))
def test_every_printed_character_of_a_traditional_page_is_kept_as_printed(text):
    assert not lost_characters(text)
