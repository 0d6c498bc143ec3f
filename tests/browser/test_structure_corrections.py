"""Each correction of the structure view not covered in test_structure.py, made by clicking as an editor
would on a page whose parse is wrong in that one way; then a reader opens the published edition and
sees the corrected story. The clicks are counted by the browser (every click the page receives), and
must be what docs/STRUCTURE.md's table says. Screenshots (1280 px): test-artifacts/screenshots/fix-*.png.
"""
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from articles import services
from articles.models import Article, Page
from tests import structure_pages as pages
from tests.structure_pages import import_wrong_page, key_of

from .conftest import open_page, screenshot
from .test_saving import desk_groups, logged_in

pytestmark = pytest.mark.django_db(transaction=True)

# Every click the page receives, kept across the form posts and redirects of one tab.
COUNT_CLICKS = """
document.addEventListener("click", () => {
  sessionStorage.clicks = String(Number(sessionStorage.clicks || 0) + 1);
}, true);
"""


def shot(tab, name):
    screenshot(tab, f"fix-{name}")
    assert tab.errors == [], tab.errors


def at_structure(browser, live_server, text, username="wang", group="编辑", number=3):
    """The page imported as printed, and an editor's tab on its 结构 view, counting clicks from here."""
    desk_groups()
    page_row = import_wrong_page(text=text, number=number, name=f"0715-{number:02}.txt")
    tab = logged_in(browser, live_server, username, group)
    tab.context.add_init_script(COUNT_CLICKS)
    tab.goto(live_server.url + f"/admin/articles/page/{page_row.pk}/structure/")
    expect(tab.get_by_role("heading", name="最没把握的判断")).to_be_visible()
    return page_row, tab


def clicks(tab) -> int:
    """How many clicks the tab took since the last call."""
    return tab.evaluate("() => { const n = Number(sessionStorage.clicks || 0); sessionStorage.clicks = '0'; return n; }")


def piece(tab, text, page_text):
    return tab.locator(f"#p-{key_of(text, page_text)}")


def correct(tab, text, choice, page_text):
    """As an editor does it: the piece's 更正 menu, then the choice; two clicks."""
    clicks(tab)
    row = piece(tab, text, page_text)
    row.get_by_text("更正", exact=True).click()
    row.get_by_role("button", name=choice, exact=True).click()
    expect(tab.locator(".messagelist .success")).to_contain_text("已更正")
    assert clicks(tab) == 2  # docs/STRUCTURE.md: 2 clicks for every label
    assert tab.errors == [], tab.errors


def published(page_row):
    """The duty editor publishes the page's edition; its stories go out."""
    chief = get_user_model().objects.filter(username="chief").first()
    if chief is None:
        from tests.factories import UserFactory

        chief = UserFactory(username="chief", group="值班主任")
    Article.objects.placed().filter(page=page_row).update(status=Article.Status.APPROVED)
    services.publish_edition(edition=page_row.edition, user=chief, override_reason="测试:未签版发布")
    return page_row


def reader_at(browser, url):
    reader = open_page(browser)
    assert reader.goto(url).status == 200
    return reader


def story_url(page_row, title):
    return page_row.articles.get(title=title).get_absolute_url()


def test_photo_credit_read_as_a_byline_becomes_the_photo_credit_shown_once(browser, live_server):
    text = pages.CREDIT_PAGE
    page_row, tab = at_structure(browser, live_server, text)
    expect(piece(tab, pages.CREDIT, text).locator(".st-label")).to_have_text("署名")
    expect(piece(tab, pages.CREDIT_CAPTION, text).locator(".st-label")).to_have_text("正文")

    correct(tab, pages.CREDIT, "图片署名", text)
    expect(piece(tab, pages.CREDIT, text).locator(".st-label")).to_have_text("图片署名")
    expect(piece(tab, pages.CREDIT_CAPTION, text).locator(".st-label")).to_have_text("图片说明")  # the line above it
    shot(tab, "credit")

    reader = reader_at(browser, live_server.url + story_url(published(page_row), "社区食堂开张 老人每餐五元"))
    figure = reader.locator("figure.photo figcaption")
    expect(figure).to_have_text(f"{pages.CREDIT_CAPTION} 王小明 摄")
    main = reader.locator("main").inner_text()
    assert main.count("王小明 摄") == 1 and "摄 摄" not in main, main  # the credit once, never “王小明 摄 摄”
    assert pages.CREDIT_CAPTION not in reader.locator(".article-body").inner_text()  # a caption, not a paragraph
    credits = reader.locator(".article-header .credits")
    expect(credits).to_have_text("本报讯 记者 张三 摄影 王小明")  # the photographer, not a second reporter
    screenshot(reader, "fix-credit-reader")


def test_subheads_a_long_one_read_as_body_and_a_byline_read_as_a_subhead(browser, live_server):
    text = pages.SUBHEAD_PAGE
    page_row, tab = at_structure(browser, live_server, text)
    expect(piece(tab, pages.LONG_SUBHEAD, text).locator(".st-label")).to_have_text("正文")
    expect(piece(tab, pages.CREDIT_AS_SUBHEAD, text).locator(".st-label")).to_have_text("小标题")

    correct(tab, pages.LONG_SUBHEAD, "小标题", text)
    correct(tab, pages.CREDIT_AS_SUBHEAD, "这是署名", text)
    expect(piece(tab, pages.LONG_SUBHEAD, text).locator(".st-label")).to_have_text("小标题")
    expect(piece(tab, pages.CREDIT_AS_SUBHEAD, text).locator(".st-label")).to_have_text("署名")
    expect(tab.locator(".st-corrections tbody tr")).to_have_count(2)
    shot(tab, "subhead")

    reader = reader_at(browser, live_server.url + story_url(published(page_row), "老旧小区加装电梯提速"))
    expect(reader.locator(".article-body h2")).to_have_text([pages.LONG_SUBHEAD])
    body = reader.locator(".article-body").inner_text()
    assert "赵小云" not in body and "发放到位市住建局" not in body, body  # no longer run into the next paragraph
    expect(reader.locator(".article-header .credits")).to_contain_text("赵小云")
    expect(reader.locator(".article-header .credits")).to_contain_text("钱大勇")


def test_a_false_subhead_goes_back_to_body_after_undoing_a_wrong_click(browser, live_server):
    text = pages.BODY_PAGE
    page_row, tab = at_structure(browser, live_server, text)
    expect(piece(tab, pages.FALSE_SUBHEAD, text).locator(".st-label")).to_have_text("小标题")

    # The editor first picks the wrong piece, sees it, and takes it back in one click.
    correct(tab, pages.TRUE_SUBHEAD, "正文", text)
    expect(piece(tab, pages.TRUE_SUBHEAD, text).locator(".st-label")).to_have_text("正文")
    assert "## 家长看护要到位" not in page_row.articles.get().body
    tab.get_by_role("button", name="撤销最后一处更正").click()
    expect(tab.locator(".messagelist .success")).to_contain_text("撤销更正")
    assert clicks(tab) == 1  # docs/STRUCTURE.md: undo is one click
    expect(piece(tab, pages.TRUE_SUBHEAD, text).locator(".st-label")).to_have_text("小标题")
    expect(tab.locator(".st-corrections tbody tr")).to_have_count(0)

    correct(tab, pages.FALSE_SUBHEAD, "正文", text)
    expect(piece(tab, pages.FALSE_SUBHEAD, text).locator(".st-label")).to_have_text("正文")
    shot(tab, "body")

    reader = reader_at(browser, live_server.url + story_url(published(page_row), "暑期游泳安全提示"))
    expect(reader.locator(".article-body h2")).to_have_text([pages.TRUE_SUBHEAD])
    expect(reader.locator(".article-body p").filter(has_text=pages.FALSE_SUBHEAD)).to_have_text(
        "学校也将在开学前组织一次安全教育课。"  # the paragraph the column break cut, whole again
    )


def test_headline_parts_kicker_title_and_subtitle(browser, live_server):
    text = pages.HEADLINE_PAGE
    page_row, tab = at_structure(browser, live_server, text)
    expect(piece(tab, pages.KICKER_1, text).locator(".st-label")).to_have_text("主题")
    # story 3: the line between its title and its lead is read as the subtitle by the rules themselves
    expect(piece(tab, pages.SUBTITLE_3, text).locator(".st-label")).to_have_text("副题")

    correct(tab, pages.KICKER_1, "引题", text)  # story 1: its kicker was read as the title
    correct(tab, pages.TITLE_2, "主题", text)  # story 2: the same mistake, put right from the title's side
    expect(piece(tab, pages.TITLE_1, text).locator(".st-label")).to_have_text("主题")
    expect(piece(tab, pages.KICKER_2, text).locator(".st-label")).to_have_text("引题")
    expect(piece(tab, pages.KICKER_1, text).locator(".st-story-head")).to_contain_text(f"第 1 篇 · {pages.KICKER_1}")
    shot(tab, "headline")

    reader = reader_at(browser, live_server.url + published(page_row).get_absolute_url())
    stories = reader.locator(".story-item")
    expect(stories.locator(".story-title")).to_have_text([pages.TITLE_1, pages.TITLE_2, pages.TITLE_3])
    expect(stories.nth(0).locator(".kicker")).to_have_text(pages.KICKER_1)
    expect(stories.nth(1).locator(".kicker")).to_have_text(pages.KICKER_2)
    expect(stories.nth(2).locator(".subtitle")).to_have_text(pages.SUBTITLE_3)
    expect(stories.locator(".subtitle")).to_have_count(1)
    expect(stories.nth(2).locator(".lead")).not_to_contain_text("犯愁")
    screenshot(reader, "fix-headline-reader")


def test_a_staff_line_in_a_story_goes_to_the_staff_box(browser, live_server):
    text = pages.STAFF_PAGE
    page_row, tab = at_structure(browser, live_server, text)
    expect(piece(tab, pages.STAFF_LINE, text).locator(".st-label")).to_have_text(re.compile("^(小标题|正文)$"))  # the story's

    correct(tab, pages.STAFF_LINE, "版面人员", text)
    row = piece(tab, pages.STAFF_LINE, text)
    expect(row.locator(".st-label")).to_have_text("版面人员")
    expect(row.locator(".st-owner")).to_have_text("版面")  # the page's, no story's
    expect(tab.locator(".st-stories")).to_contain_text("出品 李明")
    shot(tab, "staff")

    reader = reader_at(browser, live_server.url + published(page_row).get_absolute_url())
    staff = reader.locator(".staff-box")
    for role, name in [("值班主任", "余虔虹"), ("出品", "李明"), ("文案", "王五"), ("终校", "赵六")]:
        expect(staff.locator("div").filter(has=reader.locator("dt", has_text=role)).locator("dd")).to_have_text(name)
    reader.goto(live_server.url + story_url(page_row, "社区食堂开张 老人每餐五元"))
    expect(reader.locator(".article-body")).not_to_contain_text("出品")
    expect(reader.locator(".article-body h2")).to_have_count(0)


def test_a_conversion_leftover_is_dropped_from_the_story(browser, live_server):
    text = pages.NOISE_PAGE
    page_row, tab = at_structure(browser, live_server, text)
    assert page_row.articles.get().body.count("&") == 1

    correct(tab, pages.NOISE, "无用标记", text)
    expect(piece(tab, pages.NOISE, text).locator(".st-label")).to_have_text("无用标记")
    shot(tab, "noise")

    reader = reader_at(browser, live_server.url + story_url(published(page_row), "社区食堂开张 老人每餐五元"))
    body = reader.locator(".article-body")
    expect(body).not_to_contain_text("&")
    expect(body.locator("p")).to_have_text([
        "7月14日,油城社区食堂正式开张,辖区六十岁以上老人每餐只需五元。",
        "食堂每天供应午餐和晚餐,菜式每周更换,社区志愿者轮流帮厨。",
    ])


def test_a_bogus_story_removed_with_a_reason_is_kept_and_the_duty_editor_puts_it_back(browser, live_server):
    text = pages.BOGUS_PAGE
    page_row, tab = at_structure(browser, live_server, text)
    bogus = page_row.articles.get(title=pages.BOGUS)
    stories = tab.locator(".st-stories li")
    expect(stories).to_have_count(2)

    clicks(tab)
    stories.filter(has_text=pages.BOGUS).get_by_role("link", name="移除…").click()
    tab.locator("#id_reason").fill("分类广告,不是稿件")
    tab.get_by_role("button", name="移除").click()
    expect(tab.locator(".messagelist .success")).to_contain_text(f"移除“{pages.BOGUS}”")
    assert clicks(tab) == 2  # docs/STRUCTURE.md: 移除… + the reason + 移除
    expect(tab).to_have_url(live_server.url + f"/admin/articles/page/{page_row.pk}/structure/")  # back where it began
    expect(stories).to_have_count(1)
    expect(tab.locator(".st-stories")).not_to_contain_text(pages.BOGUS)
    shot(tab, "removed")

    reader = reader_at(browser, live_server.url + published(page_row).get_absolute_url())
    expect(reader.locator(".story-item .story-title")).to_have_text(["社区食堂开张 老人每餐五元"])
    expect(reader.locator("main")).not_to_contain_text("两房一厅")
    assert reader.goto(live_server.url + bogus.get_absolute_url()).status == 404

    # Kept, with its history; the duty editor finds it under 已移除 and puts it back.
    chief = logged_in(browser, live_server, "chief2", "值班主任")
    chief.context.add_init_script(COUNT_CLICKS)
    chief.goto(live_server.url + "/admin/articles/article/")
    clicks(chief)
    chief.get_by_role("link", name="已移除").click()
    chief.get_by_role("link", name=pages.BOGUS).click()
    expect(chief.locator(".errornote")).to_contain_text("分类广告,不是稿件")
    chief.get_by_role("button", name="恢复到版面").click()
    expect(chief.locator(".messagelist .success")).to_contain_text("已恢复到")
    assert clicks(chief) == 3  # docs/STRUCTURE.md: 已移除 → the story → 恢复到版面
    shot(chief, "restored")
    chief.get_by_role("link", name="历史").click()
    expect(chief.locator("#content-main")).to_contain_text("从版面移除,理由:分类广告,不是稿件")
    expect(chief.locator("#content-main")).to_contain_text("恢复到版面第 2 篇")

    bogus.refresh_from_db()
    assert bogus.removed_at is None and bogus.position == 2
    Article.objects.filter(pk=bogus.pk).update(status=Article.Status.PUBLISHED, published_at=timezone.now())
    reader.goto(live_server.url + page_row.get_absolute_url())
    expect(reader.locator(".story-item .story-title")).to_have_text(["社区食堂开张 老人每餐五元", pages.BOGUS])
    assert Page.objects.filter(pk=page_row.pk).exists()


def test_a_package_read_as_one_story_lets_the_editor_split_off_its_last_section(browser, live_server):
    # a package (组稿) is read as one story with its sections' titles as subheads; an editor who finds its
    # last section is news of its own starts a story there, and the rest stays one story
    from tests.parser.test_packages import HEAD, SECTIONS, sections

    text = HEAD + sections()
    page_row, tab = at_structure(browser, live_server, text, number=5)
    last_kicker, last_title = SECTIONS[-1][0], SECTIONS[-1][1]
    expect(piece(tab, SECTIONS[1][1], text).locator(".st-label")).to_have_text("小标题")
    expect(piece(tab, last_title, text).locator(".st-label")).to_have_text("小标题")
    assert page_row.articles.count() == 1

    correct(tab, last_kicker, "从这里另起一篇", text)
    expect(piece(tab, last_kicker, text).locator(".st-story-head")).to_contain_text("第 2 篇")
    shot(tab, "package-split")

    package, split = page_row.articles.order_by("position")
    assert package.title == "过年回家看变化（新春走基层·特别报道）"
    assert "## 新房亮堂了，住着舒心" in package.body and "## 家门口就能上班了" in package.body
    assert "猕猴桃" not in package.body
    assert (split.kicker, split.title) == (last_kicker, last_title) and "猕猴桃" in split.body

    reader = reader_at(browser, live_server.url + story_url(published(page_row), package.title))
    expect(reader.locator(".article-body h2")).to_have_text(["新房亮堂了，住着舒心", "家门口就能上班了"])
    screenshot(reader, "fix-package-reader")
