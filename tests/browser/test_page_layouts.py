"""A page file laid out one paragraph a line, with no blank line between paragraphs (text copied out of a
layout program), uploaded in a real browser as a duty editor would: the preview shows its stories with their
headlines, datelines and credits, and tells the editor the page was read line by line, to check its
paragraphs, before anything is imported; and so does a column's printed lines as OCR reads them. A city
paper's page previews its briefs as the source lines under them end them, and a feature's sections as its
subheads. A package (组稿) previews as one story whose sections' titles are its subheads. Screenshots:
test-artifacts/screenshots/layout-packed-preview.png, layout-column-preview.png, layout-city-page-preview.png,
layout-package-preview.png."""

import pytest
from playwright.sync_api import expect

from articles.models import Page
from tests.factories import PublicationFactory
from tests.parser.test_packages import HEAD, sections
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


# a city paper's page: national briefs closed by their source lines, then a feature of many voices whose
# sections each print a title over the speaker's line; each source line ends its story, and no section
# is previewed as a story of its own
CITY_PAGE = (
    "义务教育学校严禁设立重点班\n\n"
    "记者3日从教育部获悉，教育部办公厅近日印发通知，部署开展中小学阳光招生专项行动。\n\n"
    "据城南发布\n\n"
    "多地发布春季森林防火提示\n\n"
    "近日，多地进入森林防火紧要期，有关部门提醒市民进山不带火种、不烧纸祭扫。\n\n"
    "综合新华社等报道\n\n"
    "春日研学活动场场爆满\n\n"
    "记者 林晓\n\n"
    "城南小学组织学生走进植物园开展春日研学，同学们在植物园里认识了五十多种植物。\n\n"
    "以小见大\n\n"
    "城南小学科学教师 王芳\n\n"
    "同学们在植物园里认识植物，把看到的植物画进了自然笔记，研学让课本上的知识活了起来。\n"
)


def test_a_city_page_previews_its_briefs_by_their_source_lines_and_keeps_a_features_sections(
    browser, live_server, tmp_path
):
    chief = previewed(browser, live_server, tmp_path, CITY_PAGE, 4)

    shows_stories(chief, [("义务教育学校严禁设立重点班", "城南发布"), ("多地发布春季森林防火提示", "新华社"),
                          ("春日研学活动场场爆满", "林晓")])
    screenshot(chief, "layout-city-page-preview")
    assert chief.errors == [], chief.errors


def test_a_package_previews_as_one_story_with_its_sections_as_subheads(browser, live_server, tmp_path):
    chief = previewed(browser, live_server, tmp_path, HEAD + sections(), 5)

    shows_stories(chief, [("过年回家看变化（新春走基层·特别报道）", "陈立")])
    row = chief.locator("table.desk-parsed tbody tr").first
    for reporter in ("王华", "赵平"):
        expect(row).to_contain_text(reporter)
    section = chief.get_by_role("listitem").filter(has_text="家门口就能上班了")
    expect(section).to_contain_text("小标题")
    expect(section).to_contain_text("第 1 篇")
    screenshot(chief, "layout-package-preview")
    assert chief.errors == [], chief.errors
