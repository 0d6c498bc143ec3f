"""The structure view used as a hurried, confused or unauthorised user would: a second editor's stale
view, a signed-off page, view-only rights, a double click, a 60-story page, the keyboard alone and a
phone. Nothing is changed that the user did not mean, and each refusal says why in Chinese.
Screenshots: test-artifacts/screenshots/misuse-*.png."""

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Page, PageCorrection
from tests.factories import UserFactory
from tests.structure_pages import BYLINE, CAPTION, SPLIT, WRONG_PAGE, import_wrong_page, key_of

from .conftest import open_page, screenshot
from .test_saving import PASSWORD, desk_groups, logged_in

pytestmark = pytest.mark.django_db(transaction=True)


def shot(tab, name):
    screenshot(tab, f"misuse-{name}")
    assert tab.errors == [], tab.errors


def structure_url(live_server, page_row):
    return live_server.url + f"/admin/articles/page/{page_row.pk}/structure/"


def titles(page_row):
    return list(page_row.articles.placed().order_by("position").values_list("title", flat=True))


def open_menu(tab, text, page_text=WRONG_PAGE):
    row = tab.locator(f"#p-{key_of(text, page_text)}")
    row.get_by_text("更正", exact=True).click()
    return row


def test_a_correction_from_a_stale_view_is_refused_and_changes_nothing(browser, live_server):
    desk_groups()
    page_row = import_wrong_page()
    wang = logged_in(browser, live_server, "wang", "编辑")
    li = logged_in(browser, live_server, "li", "编辑")
    wang.goto(structure_url(live_server, page_row))
    li.goto(structure_url(live_server, page_row))

    open_menu(wang, BYLINE).get_by_role("button", name="这是署名", exact=True).click()
    expect(wang.locator(".messagelist .success")).to_contain_text("已更正")
    after_wang = titles(page_row)

    open_menu(li, SPLIT).get_by_role("button", name="从这里另起一篇", exact=True).click()  # li still sees the page as it was
    expect(li.locator(".messagelist .error")).to_contain_text("你的更正没有保存")
    assert PageCorrection.objects.filter(page=page_row).count() == 1 and titles(page_row) == after_wang
    expect(li.locator(f"#p-{key_of(BYLINE)} .st-label")).to_have_text("署名")  # the refreshed view shows wang's
    shot(li, "stale")

    open_menu(wang, CAPTION).get_by_role("button", name="图片说明", exact=True).click()  # wang goes on
    expect(wang.locator(".messagelist .success")).to_contain_text("已更正")
    li.get_by_role("button", name="撤销最后一处更正").click()  # li would undo what li saw last: wang's byline
    expect(li.locator(".messagelist .error")).to_contain_text("你的更正没有保存")
    assert PageCorrection.objects.filter(page=page_row).count() == 2


def test_an_editor_cannot_correct_a_signed_off_page(browser, live_server):
    desk_groups()
    page_row = import_wrong_page()
    editor = logged_in(browser, live_server, "wang", "编辑")
    editor.goto(structure_url(live_server, page_row))  # opened before the duty editor signs
    duty_editor = page_row.duty_assignments.get(role="值班主任").duty_editor
    Page.objects.filter(pk=page_row.pk).update(signed_off_by=duty_editor, signed_off_at=timezone.now())
    before = titles(page_row)

    open_menu(editor, BYLINE).get_by_role("button", name="这是署名", exact=True).click()
    expect(editor.locator(".messagelist .error")).to_contain_text("只有值班主任能更正")
    assert not PageCorrection.objects.exists() and titles(page_row) == before
    expect(editor.locator(".errornote")).to_contain_text("只有值班主任能更正")
    expect(editor.locator(".st-menu")).to_have_count(0)
    expect(editor.get_by_role("button", name="撤销最后一处更正")).to_have_count(0)
    shot(editor, "signed-off")


def test_a_user_who_may_only_view_sees_no_menus(browser, live_server):
    desk_groups()
    page_row = import_wrong_page()
    viewer = UserFactory(username="reader")
    viewer.user_permissions.set(Permission.objects.filter(codename__in=["view_page", "view_article"]))
    tab = open_page(browser)
    tab.goto(live_server.url + "/admin/login/")
    tab.get_by_label("用户名").fill("reader")
    tab.get_by_label("密码").fill(PASSWORD)
    tab.get_by_role("button", name="登录").click()

    tab.goto(structure_url(live_server, page_row))
    expect(tab.locator(f"#p-{key_of(BYLINE)} .st-label")).to_have_text("主题")
    expect(tab.locator(".st-menu")).to_have_count(0)
    expect(tab.locator(".st-order button, .st-order a")).to_have_count(0)
    expect(tab.get_by_text("点该段右边的“更正”")).to_have_count(0)
    shot(tab, "view-only")

    token = next(c["value"] for c in tab.context.cookies() if c["name"] == "csrftoken")
    response = tab.context.request.post(
        structure_url(live_server, page_row) + "correct/",
        form={"key": key_of(BYLINE), "label": "byline", "csrfmiddlewaretoken": token},
        headers={"Referer": structure_url(live_server, page_row)},
    )
    assert response.status == 403 and "CSRF" not in response.text()  # refused for the rights, not the form
    assert not PageCorrection.objects.exists()


def test_a_double_click_on_a_correction_applies_it_once(browser, live_server):
    desk_groups()
    page_row = import_wrong_page()
    tab = logged_in(browser, live_server, "wang", "编辑")
    tab.goto(structure_url(live_server, page_row))
    posts = []
    tab.on("request", lambda request: request.method == "POST" and posts.append(request.url))

    open_menu(tab, CAPTION).get_by_role("button", name="图片说明", exact=True).dblclick()
    expect(tab.locator(".messagelist .success")).to_contain_text("已更正")
    expect(tab.locator(".messagelist .error")).to_have_count(0)  # no “someone corrected it meanwhile” about oneself
    assert PageCorrection.objects.filter(page=page_row).count() == 1
    expect(tab.locator(".st-corrections tbody tr")).to_have_count(1)
    assert len(posts) == 1, posts  # the second click sent nothing


def test_a_second_choice_made_before_the_first_is_saved_is_not_sent(browser, live_server):
    """A hurried editor picks one correction and, before the page comes back, another: only the first goes,
    and the editor is not told that someone else corrected the page meanwhile."""
    desk_groups()
    page_row = import_wrong_page()
    tab = logged_in(browser, live_server, "wang", "编辑")
    tab.goto(structure_url(live_server, page_row))
    posts = []
    tab.on("request", lambda request: request.method == "POST" and posts.append(request.url))

    tab.evaluate(
        """([first, second]) => {
            document.querySelector(`#p-${first} button[value=byline]`).click();
            setTimeout(() => document.querySelector(`#p-${second} button[value=caption]`).click(), 30);
        }""",
        [key_of(BYLINE), key_of(CAPTION)],
    )
    expect(tab.locator(".messagelist .success")).to_contain_text("陈晓红 林峰")
    expect(tab.locator(".messagelist .error")).to_have_count(0)
    assert len(posts) == 1, posts
    assert list(PageCorrection.objects.values_list("label", flat=True)) == ["byline"]


def long_page(stories: int) -> str:
    parts = ["值班主任:余虔虹 责任编辑:李明"]
    for n in range(1, stories + 1):
        parts += [
            f"第{n}条社区简讯标题",
            f"本报讯(记者 张三)第{n}条简讯的第一段,社区开展便民服务活动,居民踊跃参加。",
            f"第{n}条简讯的第二段,活动将每月举办一次。",
        ]
    return "\n\n".join(parts) + "\n"


def test_a_page_of_sixty_stories_stays_usable(browser, live_server):
    desk_groups()
    text = long_page(60)
    page_row = import_wrong_page(text=text)
    tab = logged_in(browser, live_server, "wang", "编辑")
    tab.goto(structure_url(live_server, page_row))
    expect(tab.locator(".st-story-head")).to_have_count(60)
    expect(tab.locator(".st-stories li")).to_have_count(60)
    assert tab.locator(".st-pieces").bounding_box()["y"] < 900, "the pieces start on the first screen"
    last_story = tab.locator(".st-stories li").last
    last_story.scroll_into_view_if_needed()
    expect(last_story.get_by_role("button", name="上移")).to_be_visible()  # the list scrolls to its end

    last = "第60条简讯的第二段,活动将每月举办一次。"
    row = open_menu(tab, last, text)
    menu = row.locator(".st-menu form")
    expect(menu).to_be_visible()
    box, view = menu.bounding_box(), tab.viewport_size
    assert box["x"] >= 0 and box["x"] + box["width"] <= view["width"], box  # the menu is not cut off at the side
    row.get_by_role("button", name="无用标记", exact=True).click()
    expect(tab.locator(".messagelist .success")).to_contain_text("已更正")
    expect(tab.locator(f"#p-{key_of(last, text)} .st-label")).to_have_text("无用标记")
    assert "活动将每月举办一次" not in page_row.articles.get(position=60).body
    shot(tab, "sixty")


def test_the_correction_menu_by_keyboard_alone(browser, live_server):
    desk_groups()
    page_row = import_wrong_page()
    tab = logged_in(browser, live_server, "wang", "编辑")
    tab.goto(structure_url(live_server, page_row))
    summaries = tab.locator(".st-menu summary")
    summaries.nth(0).focus()
    tab.keyboard.press("Tab")  # on to the next piece's menu, as a keyboard user moves
    focused = summaries.nth(1)
    expect(focused).to_be_focused()
    expect(focused).to_have_accessible_name(f"更正第 {tab.locator('.st-line').nth(1).inner_text()} 行")  # which one, said aloud
    outline = focused.evaluate("el => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth")
    assert not outline.startswith("none") and not outline.endswith(" 0px"), outline  # focus can be seen

    row = tab.locator(".st-piece").nth(1)
    tab.keyboard.press("Enter")
    expect(row.locator(".st-menu")).to_have_attribute("open", "")
    tab.keyboard.press("Tab")
    expect(row.locator(".st-menu button:enabled").first).to_be_focused()
    shot(tab, "keyboard-menu")
    tab.keyboard.press("Escape")
    expect(row.locator(".st-menu")).not_to_have_attribute("open", "")
    expect(focused).to_be_focused()  # back where the menu was opened, not lost at the top of the page

    tab.keyboard.press("Enter")
    for _ in range(row.locator(".st-menu button:enabled").count() + 1):
        tab.keyboard.press("Tab")
    expect(row.locator(".st-menu")).not_to_have_attribute("open", "")  # tabbed past its last choice: closed
    expect(summaries.nth(2)).to_be_focused()
    tab.keyboard.press("Enter")
    tab.get_by_role("heading", name="最没把握的判断").click()  # and a click elsewhere closes it too
    expect(tab.locator("details.st-menu[open]")).to_have_count(0)

    byline = tab.locator(f"#p-{key_of(BYLINE)}")
    byline.locator("summary").focus()
    tab.keyboard.press("Enter")
    byline.get_by_role("button", name="这是署名", exact=True).focus()
    tab.keyboard.press("Enter")
    expect(tab.locator(".messagelist .success")).to_contain_text("已更正")
    expect(tab.locator(f"#p-{key_of(BYLINE)} .st-label")).to_have_text("署名")


def test_on_a_phone_the_page_does_not_scroll_sideways(browser, live_server):
    desk_groups()
    page_row = import_wrong_page()
    UserFactory(username="wang", group="编辑")
    tab = open_page(browser, viewport={"width": 375, "height": 800})
    tab.goto(live_server.url + "/admin/login/")
    tab.get_by_label("用户名").fill("wang")
    tab.get_by_label("密码").fill(PASSWORD)
    tab.get_by_role("button", name="登录").click()
    tab.goto(structure_url(live_server, page_row))

    width = tab.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 375, f"the page is {width} px wide on a 375 px phone"
    text = tab.locator(f"#p-{key_of(SPLIT)} .st-text").bounding_box()
    assert text["width"] >= 250, text  # the piece reads across the row, not a character a line
    for piece in tab.locator(".st-piece").all():
        row, menu = piece.locator(".st-row").bounding_box(), piece.locator(".st-menu summary").bounding_box()
        assert menu["x"] + menu["width"] <= row["x"] + row["width"], (row, menu)  # 更正 stays inside its row
    row = open_menu(tab, BYLINE)
    box = row.locator(".st-menu form").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375, box
    assert tab.evaluate("() => document.documentElement.scrollWidth") <= 375
    shot(tab, "phone")
    row.get_by_role("button", name="这是署名", exact=True).click()
    expect(tab.locator(".messagelist .success")).to_contain_text("已更正")


def test_an_editor_who_thinks_better_of_removing_a_story_is_back_on_the_structure_page(browser, live_server):
    desk_groups()
    page_row = import_wrong_page()
    tab = logged_in(browser, live_server, "wang", "编辑")
    tab.goto(structure_url(live_server, page_row))
    before = titles(page_row)
    tab.locator(".st-stories li").nth(1).get_by_role("link", name="移除…").click()
    tab.get_by_role("link", name="取消").click()
    expect(tab).to_have_url(structure_url(live_server, page_row))
    assert titles(page_row) == before

    story = page_row.articles.get(position=2)
    tab.goto(live_server.url + f"/admin/articles/article/{story.pk}/remove/?next=javascript:alert(1)")
    tab.get_by_role("link", name="取消").click()  # an address from elsewhere is not followed
    expect(tab).to_have_url(live_server.url + f"/admin/articles/article/{story.pk}/change/")
    assert tab.errors == [], tab.errors


def test_a_page_typed_in_at_the_desk_says_it_has_no_text_to_correct(browser, live_server):
    from tests.factories import ArticleFactory, PageFactory

    desk_groups()
    page_row = PageFactory(number=2, name="要闻", source_text="")
    ArticleFactory(page=page_row, position=1, title="手工录入的稿件")
    tab = logged_in(browser, live_server, "wang", "编辑")
    tab.goto(structure_url(live_server, page_row))
    expect(tab.locator(".st-intro")).to_contain_text("本版没有存下原文")
    expect(tab.get_by_text("点该段右边的“更正”")).to_have_count(0)  # no pieces, so no talk of them
    expect(tab.locator(".st-stories li")).to_have_text("手工录入的稿件 移除…")
    assert tab.errors == [], tab.errors


CONTRAST = """(element) => {
    const channels = (colour) => {
        const numbers = colour.match(/[\\d.]+/g).map(Number);
        return colour.startsWith("color(") ? numbers.slice(0, 3) : numbers.slice(0, 3).map((n) => n / 255);
    };
    const luminance = (colour) => {
        const [r, g, b] = channels(colour).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    let back = element;
    while (back && getComputedStyle(back).backgroundColor.match(/^rgba\\(.*, 0\\)$|transparent/)) back = back.parentElement;
    const [a, b] = [luminance(getComputedStyle(element).color), luminance(getComputedStyle(back).backgroundColor)];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_piece_can_be_read_in_the_light_and_the_dark_theme(browser, live_server, scheme):
    desk_groups()
    page_row = import_wrong_page()
    UserFactory(username="wang", group="编辑")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", color_scheme=scheme)
    tab = context.new_page()
    tab.errors = []
    tab.goto(live_server.url + "/admin/login/")
    tab.get_by_label("用户名").fill("wang")
    tab.get_by_label("密码").fill(PASSWORD)
    tab.get_by_role("button", name="登录").click()
    tab.goto(structure_url(live_server, page_row))
    open_menu(tab, SPLIT).get_by_role("button", name="从这里另起一篇", exact=True).click()  # one piece marked 已更正

    checked = 0
    for selector in [".st-text", ".st-label", ".st-confidence", ".st-why", ".st-story-head"]:
        for element in tab.locator(f".st-pieces {selector}").all():
            ratio = element.evaluate(CONTRAST)
            assert ratio >= 4.5, f"{selector} “{element.inner_text()[:20]}”: contrast {ratio:.1f} in the {scheme} theme"
            checked += 1
    assert checked > 50
    shot(tab, f"theme-{scheme}")


def test_an_editor_cannot_rewrite_a_story_the_desk_approved(browser, live_server):
    from articles.models import Article

    desk_groups()
    page_row = import_wrong_page()
    Article.objects.filter(page=page_row, position=1).update(status=Article.Status.APPROVED)
    approved = page_row.articles.get(position=1)
    tab = logged_in(browser, live_server, "wang", "编辑")
    tab.goto(structure_url(live_server, page_row))
    open_menu(tab, BYLINE).get_by_role("button", name="这是署名", exact=True).click()  # would merge into story 1
    expect(tab.locator(".messagelist .error")).to_contain_text("只有值班主任能改")
    assert not PageCorrection.objects.exists()
    assert page_row.articles.get(pk=approved.pk).version == approved.version
    expect(tab.locator(f"#p-{key_of(BYLINE)} .st-label")).to_have_text("主题")  # as before
