"""A conversion marks whatever the paper set in bold as a heading (###, **…**): a credit, a photo's
credit or a caption so marked is read for what it says, never taken for a subhead."""

import pytest

from articles.parser import parse_page

HEAD = "# 全市开展安全生产大检查\n\n"
P1 = "本报讯（记者 周国强）近日，全市开展安全生产大检查，共排查企业三百余家，发现隐患一百余处，已全部整改到位。\n\n"
P2 = "\n\n检查组要求各企业落实主体责任，确保安全生产形势稳定，对发现的问题要立行立改，不留死角。\n"


def read(line):
    (story,) = parse_page(HEAD + P1 + line + P2).articles
    return story


@pytest.mark.parametrize("line, credit", [
    ("### 通讯员 张小明", ("张小明", "correspondent")),
    ("## （记者 李大同）", ("李大同", "reporter")),
    ("**本报记者 李大同**", ("李大同", "reporter")),
    ("**■ 李大同**", ("李大同", "reporter")),
    ("**记者 李大同 摄**", ("李大同", "photographer")),
])
def test_a_credit_marked_as_a_heading_is_a_credit(line, credit):
    story = read(line)

    assert credit in [(c.name, c.role) for c in story.bylines]
    assert story.subheads == []
    assert "李大同" not in story.body and "张小明" not in story.body


def test_a_caption_marked_as_a_heading_is_a_caption():
    story = read("### 图为检查组在车间检查消防设施。")

    assert [p.caption for p in story.photos] == ["图为检查组在车间检查消防设施。"]
    assert story.subheads == [] and "图为" not in story.body


def test_a_photo_credit_and_caption_marked_as_a_heading_is_a_photo():
    story = read("### 检查组在车间检查消防设施。 李大同 摄")

    assert [(p.caption, p.credit) for p in story.photos] == [("检查组在车间检查消防设施。", "李大同")]


@pytest.mark.parametrize("line", ["### 编后", "**2024年7月16日**", "### 资料图片"])
def test_a_box_label_a_date_or_a_photo_source_marked_as_a_heading_is_no_subhead(line):
    assert read(line).subheads == []


@pytest.mark.parametrize("line, subhead", [("### 加强组织领导", "加强组织领导"), ("**压实企业主体责任**", "压实企业主体责任")])
def test_a_real_subhead_marked_as_a_heading_stays_a_subhead(line, subhead):
    assert read(line).subheads == [subhead]


def test_every_mark_of_a_bold_credit_is_accounted_for():
    page = parse_page(HEAD + P1 + "**本报记者 李大同**" + P2)

    assert "****" in page.dropped
