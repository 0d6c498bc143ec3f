"""The front page and the reader's comforts in a real browser, at 1280 px and on a 375 px phone:
lead stories with their photo, font size remembered from page to page, ← → turning pages, the
往期 date picker without JavaScript, and a story printed without the site around it.

Every step is screenshotted, must log no console error and must not scroll sideways.
"""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from playwright.sync_api import expect

from articles.models import Article, Edition

from ..factories import ArticleFactory, PageFactory
from .conftest import CHROMIUM_FLAGS, DESKTOP, open_page, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_375 = {"width": 375, "height": 812}
VIEWPORTS = [(DESKTOP, "desktop"), (PHONE_375, "phone")]


def looks_right(page, name):
    screenshot(page, name)
    assert page.errors == [], page.errors
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px"


@pytest.fixture
def site(sample_site, settings, tmp_path):
    """The sample papers, a photo for a lead story of 江门日报, and its edition with a second and third page."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.SERVE_MEDIA = True
    lead = Article.objects.get(page__edition__publication__slug="jmrb", page__number=1, position=2)
    photo = lead.photos.first()
    buffer = io.BytesIO()
    Image.new("RGB", (640, 400), (214, 170, 60)).save(buffer, format="PNG")
    photo.image = SimpleUploadedFile("rice.png", buffer.getvalue(), content_type="image/png")
    photo.save()
    edition = Edition.objects.get(publication__slug="jmrb")
    for number, name, title in [(2, "综合", "二版的新闻稿件"), (3, "民生", "三版的民生稿件")]:
        ArticleFactory(page=PageFactory(edition=edition, number=number, name=name), title=title, published=True)
    from django.core.cache import cache

    cache.clear()
    return sample_site


def font_size(page, selector):
    return float(page.eval_on_selector(selector, "element => parseFloat(getComputedStyle(element).fontSize)"))


@pytest.mark.parametrize("viewport, size", VIEWPORTS)
def test_the_front_page_shows_each_papers_leads_and_takes_the_reader_to_a_story(browser, site, viewport, size):
    page = open_page(browser, viewport)
    page.goto(site.url + "/")
    jmrb = page.get_by_role("region", name="江门日报")
    expect(jmrb.get_by_role("heading", name="快递(外卖)小哥 争当基层治理“轻骑兵”")).to_be_visible()
    expect(jmrb.get_by_role("img", name="活动为各快递公司 & 外卖平台的“文明骑士”志愿服务队授予队旗。")).to_be_visible()
    expect(jmrb.get_by_role("navigation", name="江门日报版面").get_by_role("link", name="第03版 民生")).to_be_visible()
    expect(page.get_by_role("region", name="茂名晚报").get_by_role("heading", level=4).first).to_be_visible()
    looks_right(page, f"front-home-{size}")

    jmrb.get_by_role("link", name="三项活动同时启动").click()
    assert page.get_by_role("heading", level=1).inner_text() == "三项活动同时启动"
    looks_right(page, f"front-article-{size}")


@pytest.mark.parametrize("viewport, size", VIEWPORTS)
def test_font_size_is_set_by_keyboard_and_remembered_on_the_next_page(browser, site, viewport, size):
    page = open_page(browser, viewport)
    page.goto(site.url + "/jmrb/2022-11-22/1/")
    normal = font_size(page, ".story-title")
    bigger = page.get_by_role("button", name="放大字号")
    bigger.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Space")
    assert "font-step-2" in page.locator("html").get_attribute("class")
    assert font_size(page, ".story-title") > normal * 1.2
    looks_right(page, f"front-font-bigger-page-{size}")

    page.get_by_role("link", name="稻花香里说丰年").click()
    assert "font-step-2" in page.locator("html").get_attribute("class")  # remembered across pages
    looks_right(page, f"front-font-bigger-article-{size}")
    for _ in range(3):
        page.get_by_role("button", name="缩小字号").click()
    assert "font-step--1" in page.locator("html").get_attribute("class")
    page.goto(site.url + "/jmrb/2022-11-22/1/")
    assert font_size(page, ".story-title") < normal


def test_the_largest_type_still_fits_a_phone_on_the_search_page(browser, site):
    page = open_page(browser, PHONE_375)
    page.goto(site.url + "/search/?q=疫情")
    for _ in range(4):  # as large as A+ goes
        page.get_by_role("button", name="放大字号").click()
    assert "font-step-3" in page.locator("html").get_attribute("class")
    expect(page.get_by_label("到", exact=True)).to_be_visible()
    looks_right(page, "front-font-largest-search-phone")


def test_arrow_keys_turn_the_pages_but_not_while_typing(browser, site):
    page = open_page(browser, DESKTOP)
    page.goto(site.url + "/jmrb/2022-11-22/1/")
    page.keyboard.press("ArrowRight")
    page.wait_for_url("**/jmrb/2022-11-22/2/")
    page.keyboard.press("ArrowRight")
    page.wait_for_url("**/jmrb/2022-11-22/3/")
    page.keyboard.press("ArrowRight")  # the last page: nowhere to go
    page.keyboard.press("ArrowLeft")
    page.wait_for_url("**/jmrb/2022-11-22/2/")
    expect(page.get_by_role("heading", name="第02版 综合")).to_be_visible()

    page.get_by_role("searchbox", name="在本期中搜索").fill("稻花")
    page.keyboard.press("ArrowLeft")  # moves the caret in the box, not the page
    page.wait_for_timeout(300)
    assert page.url.endswith("/jmrb/2022-11-22/2/")
    assert page.errors == []


@pytest.mark.parametrize("viewport, size", VIEWPORTS)
def test_the_date_picker_today_and_page_links_work_without_javascript(browser, site, viewport, size):
    context = browser.new_context(viewport=viewport, locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url + "/mmwb/2022-11-07/")
    expect(page.get_by_role("button", name="放大字号")).to_have_count(0)  # no dead buttons without JS
    expect(page.get_by_role("link", name="今日")).to_be_visible()
    page.get_by_label("往期日期").fill("2022-08-01")
    page.get_by_role("button", name="查看").click()
    page.wait_for_url("**/mmwb/2022-07-15/")  # the nearest earlier edition
    assert "2022年7月15日" in page.get_by_role("heading", level=1).inner_text()
    screenshot(page, f"front-date-picker-{size}")
    page.get_by_role("link", name="今日").click()
    page.wait_for_url("**/mmwb/2022-11-07/")
    page.goto(site.url + "/jmrb/2022-11-22/")  # an edition of three pages: turn them by the links
    page.get_by_role("link", name="下一版").click()
    page.wait_for_url("**/jmrb/2022-11-22/2/")
    expect(page.get_by_role("link", name="二版的新闻稿件")).to_be_visible()
    page.get_by_role("link", name="下一版").click()
    page.wait_for_url("**/jmrb/2022-11-22/3/")
    expect(page.get_by_role("link", name="下一版")).to_have_count(0)  # the last page
    page.get_by_role("link", name="上一版").click()
    page.wait_for_url("**/jmrb/2022-11-22/2/")
    screenshot(page, f"front-page-links-nojs-{size}")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"scrolls sideways by {overflow}px"
    context.close()


def test_a_date_before_the_first_edition_is_told_in_chinese(browser, site):
    page = open_page(browser, PHONE_375)
    response = page.goto(site.url + "/mmwb/date/?date=2001-01-01")
    assert response.status == 404  # said so to crawlers too; the browser logs it, which is no error of the page's
    page.errors.remove("Failed to load resource: the server responded with a status of 404 (Not Found)")
    expect(page.get_by_role("alert")).to_have_text("茂名晚报在2001年1月1日及以前没有出版的报纸。")
    looks_right(page, "front-date-picker-none-phone")


@pytest.mark.parametrize("viewport, size", VIEWPORTS)
def test_printing_a_story_shows_black_text_on_white_and_its_address(browser, site, viewport, size):
    page = open_page(browser, viewport)
    page.goto(site.url + "/jmrb/2022-11-22/1/")
    page.get_by_role("button", name="放大字号").click()  # a reader's screen size is not the printed one
    page.get_by_role("link", name="稻花香里说丰年").click()
    page.emulate_media(media="print")
    for chrome in (".site-header", ".site-footer", ".breadcrumbs", ".story-nav", ".font-size", ".skip-link"):
        expect(page.locator(chrome)).not_to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".print-url")).to_be_visible()
    assert page.locator(".print-url").inner_text().endswith(page.url.split("//", 1)[1])
    colours = page.eval_on_selector(
        ".article-body p", "p => [getComputedStyle(p).color, getComputedStyle(document.body).backgroundColor]"
    )
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    screenshot(page, f"front-print-{size}")
    assert page.errors == []
