"""A reader's journey through the e-paper in a real browser, at desktop and phone widths:
home → edition → page → article → reporter, and the archive calendar.

Every step is screenshotted, must log no console error and must not scroll sideways.
"""

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE, open_page, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

VIEWPORTS = [(DESKTOP, "desktop"), (PHONE, "phone")]


def looks_right(page, name):
    screenshot(page, name)
    assert page.errors == [], page.errors
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px"


@pytest.mark.parametrize("viewport, size", VIEWPORTS)
def test_home_edition_page_article_reporter(browser, sample_site, viewport, size):
    page = open_page(browser, viewport)
    page.goto(sample_site.url + "/")
    assert page.get_by_role("heading", level=1).inner_text() == "各报最新一期"
    expect(page.get_by_role("heading", name="茂名晚报")).to_be_visible()
    looks_right(page, f"epaper-1-home-{size}")

    page.get_by_role("link", name="江门日报", exact=True).click()
    masthead = page.get_by_role("heading", level=1).inner_text()
    assert "江门日报" in masthead and "2022年11月22日" in masthead
    expect(page.get_by_role("navigation", name="版面导航").get_by_role("link", name="第01版 要闻")).to_be_visible()
    looks_right(page, f"epaper-2-edition-{size}")

    page.get_by_role("navigation", name="版面导航").get_by_role("link", name="第01版 要闻").click()
    expect(page.get_by_role("heading", name="第01版 要闻")).to_be_visible()
    page.get_by_text("本版全文(纯文字)").click()
    expect(page.locator(".page-text pre")).to_contain_text("稻花香里说丰年")
    looks_right(page, f"epaper-3-page-{size}")

    page.get_by_role("link", name="稻花香里说丰年").click()
    assert page.get_by_role("heading", level=1).inner_text() == "稻花香里说丰年"
    assert "我市今年晚稻面积8.82万公顷" in page.locator(".article-body").inner_text()
    assert "江门日报讯" in page.locator(".credits").inner_text()
    looks_right(page, f"epaper-4-article-{size}")

    page.locator(".credits").get_by_role("link", name="郭永乐").click()
    assert page.get_by_role("heading", level=1).inner_text() == "郭永乐"
    expect(page.get_by_role("link", name="稻花香里说丰年")).to_be_visible()
    looks_right(page, f"epaper-5-reporter-{size}")


@pytest.mark.parametrize("viewport, size", VIEWPORTS)
def test_archive_calendar_leads_to_an_earlier_edition(browser, sample_site, viewport, size):
    page = open_page(browser, viewport)
    page.goto(sample_site.url + "/")
    page.get_by_role("link", name="茂名晚报往期回顾").click()
    expect(page.get_by_role("heading", name="2022年11月")).to_be_visible()
    page.get_by_role("link", name="2022年7月").click()
    looks_right(page, f"epaper-archive-{size}")
    page.get_by_role("link", name="2022年7月15日").click()
    assert "2022年7月15日" in page.get_by_role("heading", level=1).inner_text()
    page.get_by_role("link", name="下一期 11月7日 ›").click()
    assert "2022年11月7日" in page.get_by_role("heading", level=1).inner_text()


def test_printing_a_story_leaves_the_site_around_it_out(browser, sample_site):
    page = open_page(browser, DESKTOP)
    page.goto(sample_site.url + "/jmrb/2022-11-22/1/")
    page.get_by_role("link", name="稻花香里说丰年").click()
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).not_to_be_visible()
    expect(page.locator(".story-nav")).not_to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.errors == []
