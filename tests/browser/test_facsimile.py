"""A reader opens a page that has its printed page, points at a story on it, and clicks (or tabs to it
and presses Enter) to land on the story; on a desktop and on a 375 px phone. Screenshots:
test-artifacts/screenshots/facsimile-*.png."""
from importlib import import_module

import pytest
from playwright.sync_api import expect

from articles import facsimile, facsimile_services
from tests.factories import ArticleFactory, EditionFactory, PageFactory
from tests.pdfs import STORIES, page_pdf

from .conftest import DESKTOP, open_page, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_375 = {"width": 375, "height": 812}


@pytest.fixture
def printed_page(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    edition = EditionFactory(published=True)
    page = PageFactory(edition=edition, number=1, name="要闻")
    articles = {}
    for position, (key, story) in enumerate(STORIES.items(), start=1):
        articles[key] = ArticleFactory(
            page=page, position=position, title=story["title"], body=story["body"], published=key != "school"
        )
    facsimile_services.attach(page=page, prepared=facsimile.prepare(page_pdf().data))
    return live_server.url, page, articles


@pytest.mark.parametrize("viewport, size", [(DESKTOP, "desktop"), (PHONE_375, "phone")])
def test_a_reader_clicks_a_story_on_the_printed_page_and_lands_on_it(browser, printed_page, viewport, size):
    server, page_row, articles = printed_page
    phone = size == "phone"
    page = open_page(browser, viewport, has_touch=phone, is_mobile=phone)
    page.goto(server + page_row.get_absolute_url())

    image = page.locator(".facsimile-page img")
    expect(image).to_be_visible()
    assert page.evaluate("document.querySelector('.facsimile-page img').naturalWidth") > 0  # the image was served
    box = image.bounding_box()
    assert box["x"] + box["width"] <= viewport["width"]  # the page fits the screen
    zones = page.locator(".facsimile-zones a")
    expect(zones).to_have_count(2)  # the held-back school story has no zone
    market = page.get_by_role("link", name=STORIES["market"]["title"]).first
    market.hover()
    screenshot(page, f"facsimile-page-{size}")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"

    if phone:
        market.tap()  # a finger, not a mouse
    else:
        market.click()

    expect(page).to_have_url(server + articles["market"].get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_contain_text(STORIES["market"]["title"])
    assert not page.errors


def test_the_zones_are_reached_with_the_tab_key_and_highlighted(browser, printed_page):
    server, page_row, articles = printed_page
    page = open_page(browser, DESKTOP)
    page.goto(server + page_row.get_absolute_url())
    water = page.locator(f'.facsimile-zones a[href="{articles["water"].get_absolute_url()}"]')

    for _ in range(40):
        page.keyboard.press("Tab")
        if water.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail("the water story's zone is not in the tab order")
    highlight = water.locator("rect").evaluate("rect => getComputedStyle(rect).stroke")
    assert highlight != "none" and "0, 0, 0, 0" not in highlight
    screenshot(page, "facsimile-focus-desktop")

    page.keyboard.press("Enter")
    expect(page).to_have_url(server + articles["water"].get_absolute_url())


def test_a_duty_editor_uploads_the_page_pdf_and_drags_a_zone_for_a_story(browser, live_server, settings, tmp_path):
    from django.contrib.auth.models import Group, Permission

    from articles.models import StoryZone
    from tests.factories import UserFactory

    from .test_desk import PASSWORD, duty_editors_group

    settings.MEDIA_ROOT = str(tmp_path / "media")
    duty_editors_group()
    rights = import_module("articles.migrations.0011_facsimile_page_images_and_zones").RIGHTS["值班主任"]
    Group.objects.get(name="值班主任").permissions.add(*Permission.objects.filter(codename__in=rights))
    UserFactory(username="chief", group="值班主任")
    edition = EditionFactory()
    page_row = PageFactory(edition=edition, number=1)
    stories = {
        key: ArticleFactory(page=page_row, position=n, title=s["title"], body=s["body"])
        for n, (key, s) in enumerate(STORIES.items(), start=1)
    }
    pdf = tmp_path / "A01.pdf"
    pdf.write_bytes(page_pdf().data)

    page = open_page(browser, DESKTOP)
    page.goto(live_server.url + "/admin/")
    page.get_by_label("用户名").fill("chief")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.goto(live_server.url + f"/admin/articles/page/{page_row.pk}/change/")
    page.locator("input[name='facsimile-0-upload']").set_input_files(str(pdf))
    page.get_by_role("button", name="保存并继续编辑").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert StoryZone.objects.filter(page=page_row).count() == 3

    # the editor moves the school story's zone: a rectangle over the right half of the top
    StoryZone.objects.filter(article=stories["school"]).delete()
    page.reload()
    page.locator("select[data-zone-story]").select_option(str(stories["school"].pk))
    page.locator(".desk-facsimile-page svg").scroll_into_view_if_needed()
    box = page.locator(".desk-facsimile-page svg").bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.05)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.7, box["y"] + box["height"] * 0.15, steps=5)
    page.mouse.move(box["x"] + box["width"] * 0.9, box["y"] + box["height"] * 0.25, steps=5)
    page.mouse.up()
    expect(page.locator("[data-zone-status]")).to_contain_text("已为“三所新建学校秋季开学迎新生”划定热区")
    screenshot(page, "facsimile-desk-drag")
    page.get_by_role("button", name="保存并继续编辑").click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    zone = StoryZone.objects.get(article=stories["school"])
    assert zone.source == "drawn"
    assert (zone.x, zone.y, zone.w, zone.h) == pytest.approx((0.5, 0.05, 0.4, 0.2), abs=0.01)
    assert not page.errors


def test_a_duty_editor_uploads_a_days_pdfs_and_readers_click_the_stories_on_them(browser, live_server, settings, tmp_path):
    from django.core.cache import cache
    from django.utils import timezone

    from articles.models import Article, Edition, Page

    pdfs = [tmp_path / "A01.pdf", tmp_path / "A02.pdf"]
    pdfs[0].write_bytes(page_pdf().data)
    pdfs[1].write_bytes(page_pdf().data[:1500])  # cut short in the export
    page = chief_uploads(browser, live_server, settings, tmp_path, pdfs)

    preview = page.locator("#content-main")
    expect(preview).to_contain_text("尚未导入")
    expect(preview).to_contain_text(STORIES["market"]["title"])
    expect(preview).to_contain_text("按文字找到 3 篇稿件的热区")
    expect(preview).to_contain_text("这个 PDF 打不开")
    screenshot(page, "facsimile-desk-upload-preview")
    page.get_by_role("button", name="确认导入 1 个文件").click()
    expect(page.locator(".desk-summary")).to_contain_text("新建 1")
    screenshot(page, "facsimile-desk-upload-done")

    page_row = Page.objects.get()
    now = timezone.now()
    Edition.objects.filter(pk=page_row.edition_id).update(status=Edition.Status.PUBLISHED, published_at=now)
    page_row.articles.update(status=Article.Status.PUBLISHED, published_at=now)
    cache.clear()
    reader = open_page(browser, PHONE_375, has_touch=True, is_mobile=True)
    reader.goto(live_server.url + page_row.get_absolute_url())
    expect(reader.locator(".facsimile-zones a")).to_have_count(3)
    reader.get_by_role("link", name=STORIES["school"]["title"]).first.tap()
    expect(reader.get_by_role("heading", level=1)).to_contain_text(STORIES["school"]["title"])
    assert page.errors == [] and reader.errors == []


def test_a_duty_editor_sees_a_pdfs_notes_beside_it_in_the_upload_preview(browser, live_server, settings, tmp_path):
    from articles.models import Page

    proof = tmp_path / "A01.pdf"
    proof.write_bytes(page_pdf(pages=3).data)  # a proof sheet of three pages
    page = chief_uploads(browser, live_server, settings, tmp_path, [proof])

    expect(page.locator("#content-main")).to_contain_text("尚未导入")
    notes = page.locator("section.desk-file", has_text="A01.pdf").locator(".desk-facsimile-notes")
    expect(notes).to_be_visible()
    expect(notes).to_contain_text("版面图 A01.pdf 的提示")
    expect(notes).to_contain_text("PDF 共有 3 页,只用了第 1 页。")
    notes.scroll_into_view_if_needed()
    screenshot(page, "facsimile-desk-upload-notes")
    assert not Page.objects.exists()  # seen before anything is stored
    assert not page.errors


def chief_uploads(browser, live_server, settings, tmp_path, files):
    """A duty editor with the facsimile rights signs in and uploads `files` for 茂名晚报 2026-11-29: the
    preview's page."""
    from django.contrib.auth.models import Group, Permission

    from tests.factories import PublicationFactory, UserFactory

    from .test_desk import PASSWORD, duty_editors_group

    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    duty_editors_group()
    rights = import_module("articles.migrations.0011_facsimile_page_images_and_zones").RIGHTS["值班主任"]
    Group.objects.get(name="值班主任").permissions.add(*Permission.objects.filter(codename__in=rights))
    UserFactory(username="chief", group="值班主任")
    PublicationFactory(name="茂名晚报")
    page = open_page(browser, DESKTOP)
    page.goto(live_server.url + "/admin/")
    page.get_by_label("用户名").fill("chief")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.goto(live_server.url + "/admin/articles/page/upload/")
    page.get_by_label("报纸").select_option(label="茂名晚报")
    page.get_by_label("出版日期").fill("2026-11-29")
    page.get_by_label("版面文件").set_input_files([str(path) for path in files])
    page.get_by_role("button", name="上传并预览").click()
    return page
