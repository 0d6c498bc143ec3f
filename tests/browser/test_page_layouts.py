"""A page file laid out one paragraph a line, with no blank line between paragraphs (text copied out of a
layout program), uploaded in a real browser as a duty editor would: the preview shows its stories with their
headlines, datelines and credits, and tells the editor the page was read line by line, to check its
paragraphs, before anything is imported; and so does a column's printed lines as OCR reads them.
Screenshots: test-artifacts/screenshots/layout-packed-preview.png, layout-column-preview.png."""

import pytest
from playwright.sync_api import expect

from articles.models import Page
from tests.factories import PublicationFactory
from tests.parser.test_page_layouts import column

from .conftest import screenshot
from .test_saving import desk_groups, logged_in

pytestmark = pytest.mark.django_db(transaction=True)

PACKED = (
    "春风行动送岗位到家门口\n"
    "本报讯 记者 林晓 春风行动启动以来，全区举办招聘会十二场，提供岗位五千余个。\n"
    "区人社局负责人介绍，今年的招聘会首次开进社区，求职者在家门口就能找到工作。\n"
    "招聘会开进社区\n"
    "在东城社区的招聘现场，前来咨询的居民排起长队，二十多家企业带来了一千多个岗位。\n"
    "老旧小区加装电梯提速\n"
    "本报讯 记者 王平 今年以来，全市老旧小区已加装电梯三百余台。\n"
    "市住建局表示，下半年将再推出一批试点小区。\n"
)


def previewed(browser, live_server, tmp_path, text: str, number: int):
    """A duty editor's browser showing the upload preview of `text` as page `number` of 清溪日报."""
    desk_groups()
    PublicationFactory(name="清溪日报", slug="qxrb")
    chief = logged_in(browser, live_server, "chief", "值班主任")
    path = tmp_path / f"0716-{number:02d}.txt"
    path.write_text(text, encoding="utf-8")
    chief.goto(live_server.url + "/admin/articles/page/upload/")
    chief.get_by_label("报纸").select_option(label="清溪日报")
    chief.get_by_label("出版日期").fill("2024-07-16")
    chief.get_by_label("起始版次").fill(str(number))
    chief.get_by_label("版面文件(.txt)").set_input_files(str(path))
    chief.get_by_role("button", name="上传并预览").click()
    return chief


def shows_stories(chief, stories: list[tuple[str, str]]) -> None:
    """The preview lists these stories, each (headline, a reporter), and nothing is imported yet."""
    rows = chief.locator("table.desk-parsed tbody tr")
    expect(rows).to_have_count(len(stories))
    for row, (headline, reporter) in enumerate(stories):
        expect(rows.nth(row)).to_contain_text(headline)
        expect(rows.nth(row)).to_contain_text(reporter)
    assert not Page.objects.exists()  # a preview: nothing imported yet


def test_a_packed_page_previews_as_its_stories_with_a_note_to_check_the_paragraphs(browser, live_server, tmp_path):
    chief = previewed(browser, live_server, tmp_path, PACKED, 2)

    expect(chief.get_by_text("本页各段之间没有空行，已按一行一段读入，请核对分段和标题")).to_be_visible()
    shows_stories(chief, [("春风行动送岗位到家门口", "林晓"), ("老旧小区加装电梯提速", "王平")])
    screenshot(chief, "layout-packed-preview")
    assert chief.errors == [], chief.errors


# a column's lines as OCR reads them: the first story's headline fills the column's width by chance, and
# its subhead is printed on two lines; the second story's headline runs wider than the column
COLUMN = "\n".join([
    "春风行动送岗位到家门口了吗",
    column("本报讯 记者 林晓 春风行动启动以来，全区举办招聘会十二场，提供岗位五千余个，吸引求职者两万余人次。"),
    column("区人社局负责人介绍，今年的招聘会首次开进社区，求职者在家门口就能找到合适的工作岗位。"),
    "招聘会开进社区",
    "求职不用再跑远路",
    column("在东城社区的招聘现场，前来咨询的居民排起长队，二十多家企业带来了一千多个岗位，涵盖制造、物流、家政等行业。"),
    "",
    "老旧小区加装电梯提速 今年已装三百余台",
    column("本报讯 记者 王平 今年以来，全市老旧小区已加装电梯三百余台，惠及居民两万余户，群众满意度明显提升。"),
    column("市住建局表示，下半年将再推出一批试点小区，加装电梯的费用由业主、财政和公积金共同承担。"),
]) + "\n"


def test_a_columns_lines_preview_as_stories_with_subheads_and_a_note_to_check_the_paragraphs(
    browser, live_server, tmp_path
):
    chief = previewed(browser, live_server, tmp_path, COLUMN, 3)

    expect(chief.get_by_text("本页按印刷行逐行排列，已按行长拼回段落，请核对分段")).to_be_visible()
    shows_stories(chief, [("春风行动送岗位到家门口了吗", "林晓"), ("老旧小区加装电梯提速 今年已装三百余台", "王平")])
    screenshot(chief, "layout-column-preview")
    assert chief.errors == [], chief.errors
