"""A jump line (the story goes on on another page, or comes from one; a teaser points at the page where the
story is) is no text, no subhead and no headline, however it is bracketed or marked; an editor's credit in
brackets at a story's end is the page's staff, not a byline."""

import pytest

from articles.parser import parse_page

HEAD = "# 全市开展安全生产大检查\n\n本报讯（记者 周国强）近日，全市开展安全生产大检查，共排查企业三百余家，发现隐患一百余处。\n\n"
NEXT = "\n\n# 老旧小区改造惠及万户居民\n\n本报讯（记者 吴志远）今年以来，全区完成老旧小区改造四十余个。\n"


@pytest.mark.parametrize("jump", [
    "（下转A3版）", "(下转02版)", "（紧转A02版）", "（上接第一版）", "下转第三版", "▶详见A05版", "▶ 详见第3版",
    "（详见第5版）", "（全文见第5版）",
])
def test_a_jump_line_is_dropped_from_the_story(jump):
    page = parse_page(HEAD + jump + NEXT)

    first, second = page.articles
    assert first.body == "近日，全市开展安全生产大检查，共排查企业三百余家，发现隐患一百余处。"
    assert first.subheads == [] and second.title == "老旧小区改造惠及万户居民"
    assert jump in page.dropped


@pytest.mark.parametrize("line, role", [("(编辑 张三)", "编辑"), ("（责任编辑：张三）", "责任编辑")])
def test_an_editors_credit_closing_a_story_is_the_pages_staff(line, role):
    page = parse_page(HEAD + line + NEXT)

    assert [(s.role, s.name) for s in page.masthead] == [(role, "张三")]
    assert [c.name for c in page.articles[0].bylines] == ["周国强"]
    assert "张三" not in page.articles[0].body


def test_a_sentence_that_mentions_a_page_is_text():
    page = parse_page(HEAD + "相关报道详见本报今日第5版，敬请关注。" + NEXT)

    assert "相关报道详见本报今日第5版" in page.articles[0].body
