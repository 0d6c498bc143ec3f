"""Where a picture came from, printed instead of a photographer's "摄" (资料图片, 新华社发, 图片来源：某某,
（图片由某某提供）, a picture agency), is a note on the photo: never a subhead, a headline or text, and
nobody's byline. A caption may open with an arrow pointing at its picture (▲…), and may end in a credit
mark before the photographer (图/某某, 摄影：某某)."""

import pytest

from articles.parser import Label, parse_page

HEAD = "# 全市开展安全生产大检查\n\n"
P1 = "本报讯（记者 周国强）近日，全市开展安全生产大检查，共排查企业三百余家，发现隐患一百余处，已全部整改到位。\n\n"
P2 = "检查组要求各企业落实主体责任，确保安全生产形势稳定，对发现的问题要立行立改，不留死角。\n"
CAPTION = "检查组在企业车间检查消防设施。"


def photos(page):
    return [(p.caption, p.credit) for a in page.articles for p in a.photos] + [(p.caption, p.credit) for p in page.photos]


@pytest.mark.parametrize("note", ["资料图片", "本报资料图片", "新华社发", "（新华社发）", "图片来源：某某图库", "CFP供图"])
def test_a_photo_source_printed_alone_is_no_text_no_subhead_and_no_byline(note):
    page = parse_page(HEAD + P1 + note + "\n\n" + P2)

    (story,) = page.articles
    assert note not in story.body and story.subheads == []
    assert [c.name for c in story.bylines] == ["周国强"]
    assert photos(page) == []  # no caption to go with it: no empty photo either
    (decision,) = [d for d in page.decisions if d.text == note]
    assert decision.label == Label.PHOTO_CREDIT


@pytest.mark.parametrize("line, caption", [
    (CAPTION + "（资料图片）", CAPTION),
    (CAPTION + "新华社发", CAPTION),
    (CAPTION + " 图片来源：某某图库", CAPTION),
    ("检查组在企业车间检查消防设施（图片由市应急管理局提供）", "检查组在企业车间检查消防设施"),
    (CAPTION + "IC photo", CAPTION),
    (CAPTION + " （视觉中国）", CAPTION),
])
def test_a_caption_ending_in_its_photo_source_is_a_caption(line, caption):
    page = parse_page(HEAD + P1 + line + "\n\n" + P2)

    (story,) = page.articles
    assert photos(page) == [(caption, None)]
    assert "检查组在企业车间" not in story.body
    assert [c.name for c in story.bylines] == ["周国强"]


def test_a_photo_source_at_a_storys_end_closes_it_and_takes_no_paragraph_for_a_caption():
    page = parse_page(
        HEAD + P1 + "除夕夜里，只有团圆，没有离别。\n\n图片来源：某某图库\n\n春节前的菜市场\n\n"
        "本报讯（记者 吴志远）临近春节，菜市场里年货琳琅满目，市民采购热情高涨。\n"
    )

    assert [a.title for a in page.articles] == ["全市开展安全生产大检查", "春节前的菜市场"]
    assert "只有团圆，没有离别" in page.articles[0].body
    assert photos(page) == []


def test_words_of_a_sentence_ending_like_a_source_are_text():
    page = parse_page(HEAD + P1 + "这份材料随后交给新华社发\n\n" + P2)

    assert photos(page) == []


@pytest.mark.parametrize("mark", ["▲", "△"])
def test_a_caption_opening_with_an_arrow_at_its_picture(mark):
    page = parse_page(HEAD + P1 + mark + CAPTION + "\n\n" + P2)

    (story,) = page.articles
    assert photos(page) == [(mark + CAPTION, None)]
    assert CAPTION not in story.body


@pytest.mark.parametrize("credit", ["图/王平", "摄影/王平", "摄影：王平", "图／王平", "摄影 王平"])
def test_a_caption_ending_in_a_credit_mark_before_the_photographer_is_a_caption(credit):
    page = parse_page(HEAD + P1 + CAPTION + " " + credit + "\n\n" + P2)

    (story,) = page.articles
    assert photos(page) == [(CAPTION, "王平")]
    assert "检查组在企业车间" not in story.body and "王平" not in story.body


@pytest.mark.parametrize("credit", ["（摄影：王平）", "(摄影/王平)", "（图/王平）"])
def test_a_credit_mark_in_brackets_closing_the_caption_is_the_photographer(credit):
    page = parse_page(HEAD + P1 + CAPTION.rstrip("。") + credit + "\n\n" + P2)

    (story,) = page.articles
    assert photos(page) == [(CAPTION.rstrip("。"), "王平")]
    assert "王平" not in story.body and story.subheads == [] and len(page.articles) == 1


@pytest.mark.parametrize("line", ["本报记者 张三 摄影：王平", "本报记者 张三 摄影 王平", "晚报记者 张三 摄影 王平"])
def test_a_reporter_and_a_photographer_on_one_line_are_the_storys_bylines(line):
    page = parse_page(HEAD + line + "\n\n" + P2)

    (story,) = page.articles
    assert [(c.name, c.role) for c in story.bylines] == [("张三", "reporter"), ("王平", "photographer")]
    assert photos(page) == []


def test_a_sentence_ending_in_the_word_for_photography_and_a_name_is_text():
    line = "他退休后迷上了摄影 王平说这是他的第二次青春。"
    page = parse_page(HEAD + P1 + line + "\n\n" + P2)

    assert photos(page) == [] and line in page.articles[0].body


def test_a_credit_line_for_the_text_and_the_pictures_is_the_storys_byline():
    page = parse_page(HEAD + "文/张三 图/王平\n\n" + P2)

    (story,) = page.articles
    assert [(c.name, c.role) for c in story.bylines] == [("张三", "reporter"), ("王平", "photographer")]
    assert photos(page) == []
