"""Which paper a page belongs to, read off what the page prints: datelines, credits, e-mail."""

import pytest

from articles.parser import parse_page
from articles.parser.publication import paper_from_email


def page_with(dateline, before=""):
    return parse_page(f"{before}# 城区完成绿化提升工程\n\n{dateline} 北海城区今年完成绿化提升工程十二项。\n")


@pytest.mark.parametrize(
    "dateline, paper",
    [
        ("北海日报讯 记者 蓝天", "北海日报"),
        ("清溪晚报讯", "清溪晚报"),
        ("本报讯 记者 蓝天", None),  # the paper's own dateline does not name it
        ("晚报讯（记者 蓝天）", None),  # nor does the paper called by its kind
        ("新华社北京3月5日电（记者 赵明）", None),  # an agency is not the paper
        ("中新网3月5日电", None),
        ("本报北京3月5日电  综合本报驻外记者报道：", None),  # the paper's own reporters, compiled
        ("北海日报讯  北海日报驻京记者 蓝天", "北海日报"),
    ],
)
def test_paper_from_the_dateline(dateline, paper):
    assert page_with(dateline).publication == paper


def test_paper_named_by_most_datelines():
    page = parse_page(
        "# 城区完成绿化提升工程\n\n北海日报讯 城区今年完成绿化提升工程十二项。\n\n"
        "# 新建学校秋季开学\n\n清溪晚报讯 城南新建的两所学校将于秋季开学。\n\n"
        "# 夜市经济激活城市烟火气\n\n清溪晚报讯 入夜，城东夜市人头攒动。\n"
    )

    assert page.publication == "清溪晚报"


def test_paper_from_the_outlet_in_a_photo_credit():
    page = parse_page(
        "# 古村落焕发新活力\n\n本报讯 古村文化节昨日开幕。\n\n"
        "游客在古村老宅前拍照留念。 清溪日报记者 钱多多 摄\n\n文化节持续三天。\n"
    )

    assert page.publication == "清溪日报"


def test_paper_from_a_pinyin_email_in_the_staff_box():
    page = page_with("本报讯", before="值班主任:周国强\n投稿邮箱:beihaiwanbao@163.com\n\n")

    assert page.publication == "北海晚报"
    assert page.articles[0].body.startswith("北海城区")


def test_dateline_outweighs_the_email():
    page = page_with("北海日报讯", before="投稿邮箱:beihaiwanbao@163.com\n\n")

    assert page.publication == "北海日报"


@pytest.mark.parametrize(
    "email, text, paper",
    [
        ("qingxiribao@163.com", "清溪区住建局负责实施，清溪区各街道配合。", "清溪日报"),
        ("qingxiwanbao@163.com", "清溪区住建局负责实施。", "清溪晚报"),
        ("Qing.Xi-XinWen@qq.com", "清溪区", "清溪新闻"),
        ("changshaxinwen@163.com", "长沙市", "长沙新闻"),
    ],
)
def test_paper_from_email_spells_a_place_the_page_names(email, text, paper):
    assert paper_from_email(email, text) == paper


@pytest.mark.parametrize(
    "email, text",
    [
        ("qingxiribao@163.com", "没有这个地名的版面。"),  # the place is not on the page
        ("bhwb2023@163.com", "北海城区"),  # initials, not spelled in full
        ("news@163.com", "北海城区"),
        ("xinwen@163.com", "新闻"),  # a suffix alone names no paper
        ("beihai@163.com", "北海城区"),  # a place alone is not a paper
    ],
)
def test_paper_from_email_gives_up_rather_than_guessing(email, text):
    assert paper_from_email(email, text) is None


@pytest.mark.parametrize("head, paper", [
    ("某某晨报 2024年7月16日 星期二 A03", "某某晨报"),
    ("某某快报 2024年7月16日 星期二", "某某快报"),
    ("A03 2024年7月16日 星期二 某某青年报", "某某青年报"),
    ("某某日报 2024年7月16日 星期二 第A05版", "某某日报"),
])
def test_the_paper_named_in_the_running_head(head, paper):
    page = parse_page(head + "\n\n# 全市开展安全生产大检查\n\n本报讯（记者 周国强）近日，全市开展安全生产大检查。\n")

    assert page.publication == paper
