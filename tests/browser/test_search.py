"""Searching the e-paper in a real browser, at desktop and phone widths: from the header's box,
narrowed by paper and dates; within one edition; and a reporter's stories from their page.

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


def result_titles(page):
    return page.locator(".search-results .story-title").all_inner_texts()


@pytest.mark.parametrize("viewport, size", VIEWPORTS)
def test_search_from_the_header_then_narrow_by_paper_and_dates(browser, sample_site, viewport, size):
    page = open_page(browser, viewport)
    page.goto(sample_site.url + "/")
    header_box = page.locator(".site-header").get_by_role("searchbox", name="搜索稿件")
    expect(header_box).to_be_visible()
    looks_right(page, f"search-1-home-{size}")

    header_box.fill("疫情")
    header_box.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("搜索“疫情”")
    expect(page.locator(".search-summary")).to_contain_text("找到")
    expect(page.locator(".search-results mark").first).to_have_text("疫情")
    every_paper = result_titles(page)
    assert any("12345热线" in title for title in every_paper)
    looks_right(page, f"search-2-results-{size}")

    page.get_by_label("报纸").select_option(label="茂名晚报")
    page.get_by_label("从").fill("2022-07-01")
    page.get_by_label("到").fill("2022-07-31")
    page.get_by_label("作者").fill("梁奈")
    page.get_by_role("button", name="搜索").click()
    expect(page.get_by_label("报纸")).to_have_value("mmwb")
    expect(page.get_by_label("作者")).to_have_value("梁奈")
    metas = page.locator(".search-results .meta").all_inner_texts()
    assert metas and all(meta.startswith("茂名晚报 2022年7月") for meta in metas), metas
    assert len(metas) < len(every_paper)
    looks_right(page, f"search-3-filtered-{size}")

    page.locator(".search-results .story-title a").first.click()
    expect(page.locator(".article-body mark, .article-body")).not_to_have_count(0)
    assert "疫情" in page.locator(".article").inner_text()


@pytest.mark.parametrize("viewport, size", VIEWPORTS)
def test_within_an_edition_then_a_reporters_stories(browser, sample_site, viewport, size):
    page = open_page(browser, viewport)
    page.goto(sample_site.url + "/")
    page.get_by_role("link", name="江门日报", exact=True).click()
    box = page.get_by_role("searchbox", name="在本期中搜索")
    expect(box).to_be_visible()
    looks_right(page, f"search-4-edition-{size}")

    box.fill("稻")
    box.press("Enter")
    expect(page.locator(".search-scope")).to_contain_text("只搜 江门日报 2022年11月22日")
    assert result_titles(page) == ["稻花香里说丰年"]
    expect(page.locator(".search-results .snippet mark").first).to_have_text("稻")
    looks_right(page, f"search-5-edition-results-{size}")

    page.get_by_role("link", name="稻花香里说丰年").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("稻花香里说丰年")
    page.locator(".credits").get_by_role("link", name="郭永乐").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("郭永乐")
    page.get_by_role("link", name="搜索此作者的稿件").click()
    expect(page.locator(".search-scope")).to_contain_text("只搜 郭永乐(江门日报)的稿件")
    expect(page.locator(".search-prompt")).to_contain_text("请输入")
    looks_right(page, f"search-6-reporter-prompt-{size}")

    page.get_by_role("searchbox", name="关键词").fill("丰年")
    page.get_by_role("button", name="搜索").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("搜索“丰年”")
    assert result_titles(page) == ["稻花香里说丰年"]
    looks_right(page, f"search-7-reporter-results-{size}")

    page.get_by_role("searchbox", name="关键词").fill("茂名")
    page.get_by_role("button", name="搜索").click()
    expect(page.locator(".search-empty")).to_contain_text("没有找到含有“茂名”的稿件")
    page.get_by_role("link", name="不限作者").click()
    expect(page.locator(".search-results .story-title").first).to_be_visible()
    looks_right(page, f"search-8-without-reporter-{size}")
