"""Page text laid out in other ways than one blank line between paragraphs: packed one paragraph a line
(text copied out of a layout program or an e-paper page), a column's lines as OCR reads them, paragraphs
two blank lines apart. Before each page-level check such a page read as one paragraph per story, or its
paragraphs as captions. Every snippet is written in the trade's forms, not copied from a page."""

from articles.parser import parse_page
from articles.parser.blocks import split_blocks

STORY_A = (
    "春风行动送岗位到家门口\n"
    "本报讯 记者 林晓 春风行动启动以来，全区举办招聘会十二场，提供岗位五千余个。\n"
    "区人社局负责人介绍，今年的招聘会首次开进社区，求职者在家门口就能找到工作。\n"
    "招聘会开进社区\n"
    "在东城社区的招聘现场，前来咨询的居民排起长队，二十多家企业带来了一千多个岗位。\n"
    "一位求职者说，以前找工作要跑很远，现在下楼就能面试。\n"
)
STORY_B = (
    "老旧小区加装电梯提速\n"
    "本报讯 记者 王平 今年以来，全市老旧小区已加装电梯三百余台。\n"
    "市住建局表示，下半年将再推出一批试点小区。\n"
    "加装电梯的费用由业主、财政和公积金共同承担。\n"
)


def test_each_line_of_a_packed_page_is_a_paragraph():
    blocks = split_blocks(STORY_A)

    assert [b.text for b in blocks] == [line for line in STORY_A.splitlines()]
    assert [b.numbers for b in blocks] == [[n] for n in range(1, 7)]


def test_a_packed_page_reads_as_its_stories_with_headlines_datelines_and_subheads():
    for page_text in (STORY_A + "\n" + STORY_B, STORY_A + STORY_B):  # stories apart, or not even that
        page = parse_page(page_text)

        assert [a.title for a in page.articles] == ["春风行动送岗位到家门口", "老旧小区加装电梯提速"]
        first, second = page.articles
        assert first.dateline == "本报讯" and [c.name for c in first.bylines] == ["林晓"]
        assert first.subheads == ["招聘会开进社区"]
        assert "提供岗位五千余个。\n\n区人社局负责人介绍" in first.body  # two paragraphs, not one
        assert "加装电梯" not in first.body
        assert second.dateline == "本报讯" and "共同承担" in second.body


def test_a_subhead_printed_on_two_lines_of_a_packed_page_is_one_subhead():
    story = STORY_A.replace("招聘会开进社区\n", "招聘会开进社区\n岗位送到家门口\n")

    page = parse_page(story)

    assert len(page.articles) == 1
    assert page.articles[0].subheads == ["招聘会开进社区 岗位送到家门口"]


def test_a_story_headline_over_its_credit_line_on_a_packed_page_opens_a_story():
    story_b = STORY_B.replace("本报讯 记者 王平 ", "本报记者 王平\n")

    page = parse_page(STORY_A + story_b)

    assert [a.title for a in page.articles] == ["春风行动送岗位到家门口", "老旧小区加装电梯提速"]
    assert [c.name for c in page.articles[1].bylines] == ["王平"]


def test_paragraphs_wrapped_at_the_column_width_are_not_a_packed_page():
    # a narrow column: a paragraph runs over several lines and ends a sentence on its last line only
    wrapped = (
        "春风行动送岗位到家门口\n\n"
        "本报讯 记者 林晓 春风行动启动\n以来，全区举办招聘会十二场，\n提供岗位五千余个，吸引求职\n者两万余人次。\n\n"
        "区人社局负责人介绍，今年的招\n聘会首次开进社区，求职者在家\n门口就能找到工作。\n"
    )

    page = parse_page(wrapped)

    assert [a.title for a in page.articles] == ["春风行动送岗位到家门口"]
    body = page.articles[0].body
    assert "提供岗位五千余个，吸引求职者两万余人次。" in body
    assert "求职者在家门口就能找到工作。" in body


def test_lines_ending_in_a_colon_do_not_make_a_page_packed():
    # an information box: each label over its figure, one pair a block
    box = "".join(f"{label}：\n{value}\n\n" for label, value in [
        ("单位职工", "按工资的百分之一缴纳"), ("退休人员", "个人不缴费"),
        ("灵活就业人员", "按单位职工标准参保"), ("城乡居民", "按年缴费"),
    ])

    blocks = split_blocks(box)

    assert [b.lines for b in blocks] == [
        ["单位职工：", "按工资的百分之一缴纳"], ["退休人员：", "个人不缴费"],
        ["灵活就业人员：", "按单位职工标准参保"], ["城乡居民：", "按年缴费"],
    ]


# A column as OCR reads it: each printed line a line of the text file, paragraphs not set apart.
WIDTH = 14


def column(text: str) -> str:
    """The text set in a column WIDTH characters wide, a closing mark kept on the line it closes."""
    lines, start = [], 0
    while start < len(text):
        end = start + WIDTH
        while end < len(text) and text[end] in "，。、；：！？”":
            end += 1
        lines.append(text[start:end])
        start = end
    return "\n".join(lines)


LEAD_A = "本报讯 记者 林晓 春风行动启动以来，全区举办招聘会十二场，提供岗位五千余个，吸引求职者两万余人次。"
PARA_A = "区人社局负责人介绍，今年的招聘会首次开进社区，求职者在家门口就能找到合适的工作岗位。"
PARA_B = "在东城社区的招聘现场，前来咨询的居民排起长队，二十多家企业带来了一千多个岗位，涵盖制造、物流、家政等行业。"
COLUMN_PAGE = "\n".join(["春风行动送岗位到家门口", column(LEAD_A), column(PARA_A), "招聘会开进社区", column(PARA_B)]) + "\n"


def test_the_lines_of_a_column_are_cut_into_its_paragraphs():
    blocks = split_blocks(COLUMN_PAGE)

    assert [b.text for b in blocks] == ["春风行动送岗位到家门口", LEAD_A, PARA_A, "招聘会开进社区", PARA_B]


def test_a_column_page_reads_as_its_story_with_dateline_subhead_and_paragraphs():
    page = parse_page(COLUMN_PAGE)

    (story,) = page.articles
    assert (story.title, story.dateline, story.subheads) == ("春风行动送岗位到家门口", "本报讯", ["招聘会开进社区"])
    assert story.body.split("\n\n")[:2] == [LEAD_A.split("林晓 ")[1], PARA_A]


def test_a_subhead_under_a_paragraph_that_fills_its_last_line_stands_alone():
    full = "区人社局负责人介绍，今年招聘会首次开进社区，居民都点赞。"  # 28 characters: two full lines
    assert column(full).split("\n")[-1].endswith("。") and len(column(full).split("\n")[-1]) == WIDTH
    page_text = "\n".join(["春风行动送岗位到家门口", column(LEAD_A), column(full), "招聘会开进社区", column(PARA_B)])

    assert [b.text for b in split_blocks(page_text)] == ["春风行动送岗位到家门口", LEAD_A, full, "招聘会开进社区", PARA_B]


def test_a_headline_that_fills_the_column_by_chance_still_stands_over_the_dateline():
    headline = "春风行动送岗位到家门口了吗"  # WIDTH - 1 characters: as full as a wrapped line
    assert len(headline) == WIDTH - 1
    page_text = "\n".join([headline, column(LEAD_A), column(PARA_A), "招聘会开进社区", column(PARA_B)])

    assert [b.text for b in split_blocks(page_text)] == [headline, LEAD_A, PARA_A, "招聘会开进社区", PARA_B]
    (story,) = parse_page(page_text).articles
    assert (story.title, story.dateline) == (headline, "本报讯")


def test_a_credit_line_under_a_subtitle_that_fills_the_column_stands_alone_and_keeps_its_cut_name():
    subtitle = "——关于城南街道就业蹲点观察"  # WIDTH characters: as full as a wrapped line
    credit = "本报记者 林晓 王紫轩 郎兵兵"  # a name cut at the column's width
    assert len(subtitle) == WIDTH and len(credit) == WIDTH + 1
    page_text = "\n".join(["春风行动送岗位到家门口", subtitle, credit[:WIDTH], credit[WIDTH:],
                           column(PARA_A), column(PARA_B)]) + "\n"

    (story,) = parse_page(page_text).articles
    assert story.subtitle == subtitle
    assert [c.name for c in story.bylines] == ["林晓", "王紫轩", "郎兵兵"]
    assert story.body.startswith(PARA_A)


def test_a_wrapped_line_that_only_looks_like_a_dateline_goes_on_with_its_paragraph():
    # "…捷报频传、喜讯不断" opens a line by chance: it names no date, so it is no 电头
    paragraph = "十八大以来，我国的交通基础设施建设领域捷报频传、喜讯不断，一批重大工程相继建成。"
    lines = column(paragraph).split("\n")
    assert lines[1].startswith("施建设领域捷报频传")
    page_text = "\n".join(["春风行动送岗位到家门口", column(LEAD_A), column(paragraph), column(PARA_B)])

    assert [b.text for b in split_blocks(page_text)][2] == paragraph


def test_a_headline_wider_than_the_column_stands_alone_under_a_full_kicker():
    kicker = "区人社局春风行动启动以来？"  # a full line ending a sentence, over a headline across columns
    headline = "春风行动送岗位到家门口 招聘会首次开进社区（民生关注）"
    page_text = "\n".join([kicker, headline, column(LEAD_A), column(PARA_A)])

    assert [b.text for b in split_blocks(page_text)][:2] == [kicker, headline]


def test_a_headline_a_character_wider_than_the_column_is_no_line_of_it():
    # a column's line runs over its width only by the marks kept from opening the next line (避头尾)
    headline = "春风行动送岗位到家门口暖民心了"
    assert len(headline) == WIDTH + 1
    page_text = "\n".join([headline, column(PARA_A), "招聘会开进社区", column(PARA_B)])

    assert [b.text for b in split_blocks(page_text)] == [headline, PARA_A, "招聘会开进社区", PARA_B]
    assert parse_page(page_text).articles[0].title == headline


def test_two_short_lines_set_apart_inside_a_column_are_one_subhead_of_its_story():
    page_text = "\n".join(["春风行动送岗位到家门口", column(LEAD_A), column(PARA_A), "招聘会开进社区",
                           "求职不用再跑远路", column(PARA_B)]) + "\n"

    (story,) = parse_page(page_text).articles
    assert story.subheads == ["招聘会开进社区 求职不用再跑远路"]
    assert story.body.endswith(PARA_B)


def test_a_staff_box_of_lines_alike_in_length_is_not_a_column():
    box = "值班主任：张三丰\n责任编辑：李四光\n美术编辑：王五六\n校对编辑：赵六七\n版式：钱七\n"

    assert [b.lines for b in split_blocks(box)] == [box.split()]


CAPTION = "图为东城社区招聘会现场。 本报记者 王平 摄"


def test_paragraphs_two_blank_lines_apart_read_as_one_blank_line_apart():
    paragraphs = ["春风行动送岗位到家门口", LEAD_A, PARA_A, "招聘会开进社区", PARA_B, "求职者在现场填写登记表。"]
    single = "\n\n".join(paragraphs) + "\n"
    double = "\n\n\n".join(paragraphs) + "\n"

    for text in (single, double):
        (story,) = parse_page(text).articles
        assert story.subheads == ["招聘会开进社区"] and story.photos == []
        assert story.body.endswith("求职者在现场填写登记表。")  # a short last paragraph, no caption


def test_on_a_page_spaced_two_blank_lines_apart_a_wider_gap_still_tells_a_picture():
    paragraphs = ["春风行动送岗位到家门口", LEAD_A, PARA_A]
    text = "\n\n\n".join(paragraphs) + "\n\n\n\n\n" + CAPTION + "\n\n\n" + PARA_B + "\n"

    (story,) = parse_page(text).articles
    assert [(p.caption, p.credit) for p in story.photos] == [("图为东城社区招聘会现场。", "王平")]
    assert "招聘会现场" not in story.body


def test_a_page_read_by_its_layout_tells_the_editor_to_check_its_paragraphs():
    assert parse_page(STORY_A + STORY_B).warnings == ["本页各段之间没有空行，已按一行一段读入，请核对分段和标题"]
    assert parse_page(COLUMN_PAGE).warnings == ["本页按印刷行逐行排列，已按行长拼回段落，请核对分段"]
    spaced_apart = STORY_A.replace("\n", "\n\n")
    assert parse_page(spaced_apart).warnings == []


def test_a_credit_line_whose_last_name_the_column_cut_short_is_still_a_credit_line():
    credit = "本报记者 林晓 通讯员 周歆楠"  # the column cuts it after 周
    subtitle = "带城南小学学生走进社区"
    page_text = "\n".join(["春风行动送岗位到家门口", subtitle + "企业", credit[:WIDTH - 1], credit[WIDTH - 1:],
                           column(PARA_A), column(PARA_B)]) + "\n"
    assert credit[:WIDTH - 1].endswith("周") and len(subtitle + "企业") == WIDTH - 1

    (story,) = parse_page(page_text).articles
    assert story.subtitle == subtitle + "企业"
    assert [(c.name, c.role) for c in story.bylines] == [("林晓", "reporter"), ("周歆楠", "correspondent")]


def test_a_caption_whose_credit_line_fills_the_column_ends_there():
    caption = "城南社区招聘会现场人头攒动，求职者排起长长的队　林晓　摄"  # its last line as wide as the column
    lines = column(caption).split("\n")
    assert len(lines[-1]) == WIDTH
    page_text = "\n".join(["春风行动送岗位到家门口", column(LEAD_A), *lines, column(PARA_A)]) + "\n"

    (story,) = parse_page(page_text).articles
    # (a column's line break may have been a space: the caption keeps one there)
    assert [p.caption.replace(" ", "") for p in story.photos] == ["城南社区招聘会现场人头攒动，求职者排起长长的队"]
    assert story.photos[0].credit == "林晓"
    assert story.body.endswith(PARA_A) and "林晓　摄" not in story.body


CANTEEN = "社区食堂开到老人家门口"
PARA_C = "东城社区的长者食堂每天中午供应两荤两素，七十岁以上的老人凭卡就餐还能打八折，不少老人成了回头客。"


def test_a_headline_heading_a_column_run_after_a_blank_line_opens_a_story_of_its_own():
    # a column's OCR sets no blank line inside a story: the short line under the gap heads the next story,
    # even with no 电头 or credit under it (a feature, a brief)
    page_text = COLUMN_PAGE + "\n" + CANTEEN + "\n" + column(PARA_C) + "\n"

    first, second = parse_page(page_text).articles
    assert first.subheads == ["招聘会开进社区"]
    assert (second.title, second.body) == (CANTEEN, PARA_C)


def test_a_line_set_apart_under_a_first_paragraph_that_fills_its_last_line_is_inside_the_run():
    lead = "本报讯 记者 林晓 春风行动启动以来，全区举办招聘会十二场，东城社区居民个个都点赞。"  # three full lines
    assert len(column(lead).split("\n")[-1]) == WIDTH
    page_text = "\n".join(["春风行动送岗位到家门口", column(lead), "招聘会开进社区", column(PARA_B)]) + "\n"

    blocks = split_blocks(page_text)
    assert [(b.text, b.in_run) for b in blocks][1:3] == [(lead, False), ("招聘会开进社区", True)]
    (story,) = parse_page(page_text).articles
    assert story.subheads == ["招聘会开进社区"]


def test_a_subhead_the_column_wrapped_over_several_lines_is_one_subhead():
    # whom the section is of, then its point, which the column wraps at its width
    point = "家门口的招聘会让求职者少跑远路"
    assert len(column(point).split("\n")) == 2
    page_text = "\n".join(["春风行动送岗位到家门口", column(LEAD_A), column(PARA_A), "社区居民：", column(point),
                           column(PARA_B)]) + "\n"

    (story,) = parse_page(page_text).articles
    assert story.subheads == ["社区居民： " + point]  # a space where the writer broke the line
    assert PARA_A in story.body and story.body.endswith(PARA_B)


def test_matched_phrases_set_apart_in_a_column_stay_a_subhead_each():
    page_text = "\n".join(["春风行动送岗位到家门口", column(LEAD_A), column(PARA_A), "岗位送上门", "培训跟上来",
                           "服务暖人心", column(PARA_B)]) + "\n"

    (story,) = parse_page(page_text).articles
    assert story.subheads == ["岗位送上门", "培训跟上来", "服务暖人心"]


def test_a_headline_with_its_column_tag_as_wide_as_the_column_heads_its_story():
    # the tag in brackets after the title fills the line by chance: the line is no first line of the text
    title = "长者食堂开进了社区（民生观察）"
    assert WIDTH <= len(title) <= WIDTH + 2
    page_text = COLUMN_PAGE + "\n" + title + "\n" + column(PARA_C) + "\n"

    first, second = parse_page(page_text).articles
    assert (second.title, second.body) == (title, PARA_C)


def test_a_first_line_of_text_ending_in_a_bracketed_name_under_a_credit_goes_on_with_its_paragraph():
    opening = "东城社区开办长者食堂（老年餐桌）"  # as full as a line that keeps its closing mark (避头尾)
    rest = "七十岁以上的老人凭卡就餐还能打八折，不少老人成了回头客。"
    assert len(opening) == WIDTH + 2
    # the run's third line: under its credit line, the text begins
    page_text = "\n".join([CANTEEN, "本报记者 林晓", opening, column(rest), column(PARA_A)]) + "\n"

    (story,) = parse_page(page_text).articles
    assert story.title == CANTEEN and story.body.startswith(opening + rest)


def test_a_saying_in_quotation_marks_as_wide_as_the_column_is_a_subhead():
    saying = "“在家门口就能找到好工作”"
    assert WIDTH - 1 <= len(saying) <= WIDTH  # as full as a wrapped line
    page_text = "\n".join(["春风行动送岗位到家门口", column(LEAD_A), column(PARA_A), saying, column(PARA_B)]) + "\n"

    (story,) = parse_page(page_text).articles
    assert story.subheads == [saying]
    assert story.body.endswith(PARA_A + "\n\n## " + saying + "\n\n" + PARA_B)


def test_a_saying_in_quotation_marks_the_column_wrapped_is_a_subhead():
    saying = "“招聘会开到家门口，求职不用再跑远路”"
    assert len(column(saying).split("\n")) == 2
    page_text = "\n".join(["春风行动送岗位到家门口", column(LEAD_A), column(PARA_B), column(saying),
                           column(PARA_A)]) + "\n"

    (story,) = parse_page(page_text).articles
    assert story.subheads == [saying]
    assert story.body.endswith(PARA_A)


def test_a_dateline_alone_on_its_line_goes_on_with_the_bracketed_credit_under_it():
    # "本报北京3月5日电  （记者林晓）…": the column broke the line at the space after the 电头
    lead = column("（记者林晓）春风行动启动以来，全区举办招聘会十二场，提供岗位五千余个。")
    page_text = "\n".join(["春风行动送岗位到家门口", "本报北京3月5日电", lead, column(PARA_A), column(PARA_B)]) + "\n"

    (story,) = parse_page(page_text).articles
    assert (story.dateline, [c.name for c in story.bylines]) == ("本报北京3月5日电", ["林晓"])
    assert story.body.startswith("春风行动启动以来") and "林晓" not in story.body


def test_a_headline_printed_in_parts_as_wide_as_the_column_heads_its_story():
    title = "长者食堂开张 老人吃上热饭了"  # its parts a space apart, as wide as the column by chance
    assert len(title) == WIDTH
    page_text = COLUMN_PAGE + "\n" + title + "\n" + column(PARA_C) + "\n"

    first, second = parse_page(page_text).articles
    assert (second.title, second.body) == (title, PARA_C)
