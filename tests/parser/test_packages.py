"""A package (组稿): one headline under its column's tag, then sections each introduced by a kicker that
hands on with a dash, each with its own reporter. The e-paper prints it as one story; its sections' titles
are its subheads."""

from articles.parser import Correction, Label, parse_page
from articles.parser.decisions import START

INTRO = "春节前夕，本报记者走进乡村，听乡亲们讲述这一年家里的新变化。\n\n"
HEAD = "过年回家看变化（新春走基层·特别报道）\n\n" + INTRO
SECTIONS = (
    ("江西赣州刘梅——", "新房亮堂了，住着舒心", "本报记者  陈  立",
     "刘梅家的新房去年秋天落成，三层小楼里通了自来水和天然气，她说今年终于能把父母接来一起过年了。"),
    ("甘肃定西马军——", "家门口就能上班了", "本报记者  王  华",
     "马军在村里的马铃薯加工厂当上了班组长，每月工资四千多元，不用再去外地打工，孩子也能天天见到。"),
    ("贵州毕节杨芳——", "山路通了，心里亮了", "本报记者  赵  平",
     "通组公路修到了杨芳家门口，她家种的猕猴桃有了收购商上门拉货，一亩地比往年多挣两千多元。"),
)


def sections(rows=SECTIONS):
    return "".join(f"{kicker}\n\n{title}\n\n{byline}\n\n{text}\n\n" for kicker, title, byline, text in rows)


def test_a_package_is_one_story_with_its_sections_titles_as_subheads():
    page = parse_page(HEAD + sections())

    assert [a.title for a in page.articles] == ["过年回家看变化（新春走基层·特别报道）"]
    story = page.articles[0]
    assert story.subheads == ["新房亮堂了，住着舒心", "家门口就能上班了", "山路通了，心里亮了"]
    assert [c.name for c in story.bylines] == ["陈立", "王华", "赵平"]
    assert "猕猴桃" in story.body and "江西赣州刘梅——" in story.body
    title = next(d for d in page.decisions if d.text == "家门口就能上班了")
    assert title.label == Label.SUBHEAD and not title.starts_story and title.story == 0
    assert "组稿" in title.why


def test_sections_with_a_dateline_of_their_own_are_news_in_their_own_right():
    rows = [(k, t, "新华社北京2月3日电", text) for k, t, _, text in SECTIONS]
    page = parse_page(HEAD + "".join(f"{k}\n\n{t}\n\n{d}  {text}\n\n" for k, t, d, text in rows))

    assert [a.title for a in page.articles][1:] == [t for _, t, _, _ in SECTIONS]


def test_sections_under_a_headline_without_a_column_tag_need_a_long_run():
    untagged = "过年回家看变化\n\n" + INTRO
    assert len(parse_page(untagged + sections()).articles) == 4
    more = SECTIONS + (("云南玉溪李强——", "花卉卖到了全国", "本报记者  孙  明",
                        "李强的花卉基地用上了冷链物流，玫瑰和百合两天就能送到北方的花店，年前订单排满了。"),)
    page = parse_page(untagged + sections(more))
    assert [a.title for a in page.articles] == ["过年回家看变化"]
    assert len(page.articles[0].subheads) == 4


def test_a_story_under_a_column_tag_of_its_own_is_no_section():
    rows = [(k, f"{t}（最美奋斗者）", b, text) for k, t, b, text in SECTIONS]
    page = parse_page(HEAD + sections(rows))

    assert len(page.articles) == 4


def test_an_editor_who_makes_a_section_a_story_of_its_own_is_heard():
    first = parse_page(HEAD + sections())
    key = next(d.key for d in first.decisions if d.text == "甘肃定西马军——")

    page = parse_page(HEAD + sections(), [Correction(key=key, story=START)])

    assert "家门口就能上班了" in [a.title for a in page.articles]
    assert "马铃薯" not in page.articles[0].body


SIGNED = [(title, byline, text) for _, title, byline, text in SECTIONS]


def signed(head: str) -> str:
    return head + "".join(f"{title}\n\n{byline}\n\n{text}\n\n" for title, byline, text in SIGNED)


def test_sections_each_under_its_reporters_name_make_a_package_under_a_tagged_headline():
    page = parse_page(signed(HEAD))

    assert [a.title for a in page.articles] == ["过年回家看变化（新春走基层·特别报道）"]
    assert page.articles[0].subheads == [title for title, _, _ in SIGNED]


def test_signed_stories_under_an_untagged_or_signed_headline_stay_stories():
    assert len(parse_page(signed("过年回家看变化\n\n" + INTRO)).articles) == 4
    head_signed = "过年回家看变化（新春走基层·特别报道）\n\n本报记者  周  明\n\n" + INTRO
    assert len(parse_page(signed(head_signed)).articles) == 4


def test_an_editor_who_starts_a_story_at_the_last_sections_kicker_gets_that_section_whole():
    first = parse_page(HEAD + sections())
    kicker, title = SECTIONS[-1][0], SECTIONS[-1][1]
    key = next(d.key for d in first.decisions if d.text == kicker)

    page = parse_page(HEAD + sections(), [Correction(key=key, story=START)])

    assert [(a.kicker, a.title) for a in page.articles] == [
        (None, "过年回家看变化（新春走基层·特别报道）"), (kicker, title),
    ]
    assert page.articles[0].subheads == [SECTIONS[0][1], SECTIONS[1][1]]
    assert [c.name for c in page.articles[1].bylines] == ["赵平"]
