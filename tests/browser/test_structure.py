"""An editor corrects a wrongly parsed page in the structure view, a click or two a mistake, and readers
see the corrected stories. Screenshots: test-artifacts/screenshots/structure-*.png (1280 px wide)."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article, Edition
from tests.structure_pages import BYLINE, CAPTION, MERGE, SPLIT, import_wrong_page, key_of

from .conftest import screenshot
from .test_saving import desk_groups, logged_in

pytestmark = pytest.mark.django_db(transaction=True)


def shot(page, name):
    screenshot(page, f"structure-{name}")
    assert page.errors == [], page.errors


def correct(tab, text, choice):
    """Two clicks: the piece's 更正 menu, then the choice."""
    piece = tab.locator(f"#p-{key_of(text)}")
    piece.get_by_text("更正", exact=True).click()
    piece.get_by_role("button", name=choice, exact=True).click()
    expect(tab.locator(".messagelist .success")).to_contain_text("已更正")


def test_an_editor_fixes_byline_caption_split_and_merge_and_readers_see_the_corrected_page(browser, live_server):
    desk_groups()
    page_row = import_wrong_page()
    tab = logged_in(browser, live_server, "wang", "编辑")

    tab.goto(live_server.url + "/admin/articles/page/")
    tab.get_by_role("link", name="结构").click()
    expect(tab.get_by_role("heading", name="最没把握的判断")).to_be_visible()
    bogus = tab.locator(f"#p-{key_of(BYLINE)}")
    expect(bogus.locator(".st-label")).to_have_text("主题")
    expect(bogus.locator(".st-story-head")).to_contain_text("第 2 篇")
    shot(tab, "1-as-parsed")

    tab.locator(f"#p-{key_of(BYLINE)}").get_by_text("更正", exact=True).click()
    shot(tab, "2-menu-open")
    tab.locator(f"#p-{key_of(BYLINE)}").get_by_role("button", name="这是署名", exact=True).click()
    expect(tab.locator(".messagelist .success")).to_contain_text("已更正")
    expect(tab.locator(f"#p-{key_of(BYLINE)} .st-label")).to_have_text("署名")

    correct(tab, CAPTION, "图片说明")
    correct(tab, SPLIT, "从这里另起一篇")
    correct(tab, MERGE, "并入上一篇")
    expect(tab.locator(f"#p-{key_of(SPLIT)} .st-story-head")).to_contain_text(f"第 3 篇 · {SPLIT}")
    expect(tab.locator(f"#p-{key_of(MERGE)} .st-label")).to_have_text("小标题")
    expect(tab.locator(".st-corrections tbody tr")).to_have_count(4)
    shot(tab, "3-corrected")

    stories = list(page_row.articles.order_by("position"))
    assert [s.title for s in stories] == ["社区食堂开张 老人每餐五元", "老旧小区加装电梯提速", SPLIT, "暑期游泳安全提示"]

    now = timezone.now()
    Edition.objects.filter(pk=page_row.edition_id).update(status=Edition.Status.PUBLISHED, published_at=now)
    Article.objects.filter(page=page_row).update(status=Article.Status.PUBLISHED, published_at=now)
    reader = browser.new_page(viewport={"width": 1280, "height": 900})
    reader.goto(live_server.url + page_row.get_absolute_url())
    headings = reader.locator("main").get_by_role("heading").all_inner_texts()
    assert SPLIT in headings and "暑期游泳安全提示" in headings
    assert not any(MERGE in h or BYLINE in h for h in headings if h != MERGE), headings  # a subhead, not a story
    assert "本报讯 记者 陈晓红 林峰" in reader.locator("main").inner_text()
    reader.goto(live_server.url + stories[0].get_absolute_url())
    story = reader.locator("main").inner_text()
    assert "陈晓红" in story and "林峰" in story and CAPTION in story
    reader.goto(live_server.url + stories[3].get_absolute_url())
    expect(reader.get_by_role("heading", name=MERGE)).to_be_visible()
    screenshot(reader, "structure-4-reader-merged-story")
    reader.close()


def test_undo_from_the_correction_list(browser, live_server):
    desk_groups()
    page_row = import_wrong_page()
    tab = logged_in(browser, live_server, "wang", "编辑")
    tab.goto(live_server.url + f"/admin/articles/page/{page_row.pk}/structure/")
    correct(tab, SPLIT, "从这里另起一篇")
    assert page_row.articles.filter(title=SPLIT).exists()
    tab.get_by_role("button", name="撤销最后一处更正").click()
    expect(tab.locator(".messagelist .success")).to_contain_text("撤销更正")
    expect(tab.locator(f"#p-{key_of(SPLIT)} .st-label")).to_have_text("小标题")
    assert not page_row.articles.filter(title=SPLIT).exists()

    first = page_row.articles.get(position=1)
    tab.locator(".st-stories li").first.get_by_role("button", name="下移").click()  # the desk's reorder, from here
    expect(tab.locator(".st-stories li").nth(1)).to_contain_text(first.title)  # the list is the stored order
    assert page_row.articles.get(pk=first.pk).position == 2


def test_the_upload_preview_shows_each_piece_before_anything_is_stored(browser, live_server, tmp_path):
    from articles.models import Page
    from tests.structure_pages import WRONG_PAGE

    chief = chief_previews(browser, live_server, tmp_path / "0715-03.txt", WRONG_PAGE, "2022-07-15")

    expect(chief.get_by_text("逐段解析结果")).to_be_visible()
    split = chief.locator(f"#p-{key_of(SPLIT)}")
    expect(split.locator(".st-label")).to_have_text("小标题")
    expect(split.locator(".st-menu")).to_have_count(0)
    expect(chief.locator(f"#p-{key_of(BYLINE)} .st-label")).to_have_text("主题")
    assert not Page.objects.exists()
    shot(chief, "5-upload-preview")


def test_a_split_whose_headline_is_the_next_piece_is_two_clicks(browser, live_server):
    from tests.structure_pages import HEADLINE, KICKER, KICKER_PAGE

    desk_groups()
    page_row = import_wrong_page(text=KICKER_PAGE)
    tab = logged_in(browser, live_server, "wang", "编辑")
    tab.goto(live_server.url + f"/admin/articles/page/{page_row.pk}/structure/")
    kicker = tab.locator(f"#p-{key_of(KICKER, KICKER_PAGE)}")
    expect(kicker.locator(".st-label")).to_have_text("小标题")

    kicker.get_by_text("更正", exact=True).click()  # 1
    kicker.get_by_role("button", name="从这里另起一篇,主题是下一段", exact=True).click()  # 2
    expect(tab.locator(".messagelist .success")).to_contain_text("这段作引题")
    kicker = tab.locator(f"#p-{key_of(KICKER, KICKER_PAGE)}")
    expect(kicker.locator(".st-label")).to_have_text("引题")
    expect(kicker.locator(".st-story-head")).to_contain_text("高温天气注意防暑")
    expect(tab.locator(f"#p-{key_of(HEADLINE, KICKER_PAGE)} .st-label")).to_have_text("主题")
    shot(tab, "6-split-with-next-headline")
    story = page_row.articles.get(title="高温天气注意防暑")
    assert story.kicker == "健康提醒"


def chief_previews(browser, live_server, path, text, date, number="3"):
    """A duty editor uploads one page file of 茂名晚报 (`text`, saved at `path`) for `date` and page
    `number`: the upload preview's page."""
    from tests.factories import PublicationFactory

    desk_groups()
    PublicationFactory(name="茂名晚报")
    chief = logged_in(browser, live_server, "chief", "值班主任")
    path.write_text(text, encoding="utf-8")
    chief.goto(live_server.url + "/admin/articles/page/upload/")
    chief.get_by_label("报纸").select_option(label="茂名晚报")
    chief.get_by_label("出版日期").fill(date)
    chief.get_by_label("起始版次").fill(number)
    chief.get_by_label("版面文件(.txt)").set_input_files(str(path))
    chief.get_by_role("button", name="上传并预览").click()
    return chief
