"""A reader opens a page whose stories went every way (published, draft, in review, spiked, corrected)
in a real browser, unfolds 本版全文 and finds only the published stories, as published; a page whose
only story is a draft shows no text at all. Screenshots: test-artifacts/screenshots/held-back-*.png.
"""

import pytest
from django.test import Client
from playwright.sync_api import expect

from tests.factories import UserFactory
from tests.held_back import HELD_BACK, LATER_SPIKED, PUBLISHED, build_newsroom

from .conftest import DESKTOP, PHONE, open_page, screenshot
from .test_desk import duty_editors_group

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def newsroom(live_server):
    duty_editors_group()
    chief = UserFactory(group="值班主任")
    desk = Client()
    desk.force_login(chief)
    edition = build_newsroom(chief, desk)
    return live_server.url + edition.get_absolute_url()


@pytest.mark.parametrize("viewport, size", [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_a_reader_sees_only_what_was_published_on_the_page(browser, newsroom, viewport, size):
    page = open_page(browser, viewport)
    page.goto(newsroom + "1/")
    expect(page.get_by_role("heading", name="第01版 要闻")).to_be_visible()
    page.get_by_text("本版全文(纯文字)").click()
    expect(page.locator(".page-text pre")).to_be_visible()
    screenshot(page, f"held-back-1-page-{size}")

    shown = page.locator("main").inner_text()
    for marker in PUBLISHED + LATER_SPIKED:
        assert marker in shown, marker
    for marker in HELD_BACK:
        assert marker not in shown, marker
    text = page.locator(".page-text pre").inner_text()
    assert text.index("甲刊发标题稳妥见报") < text.index("戊更正标题照常见报") < text.index("庚后撤标题先见报")
    assert "戊新稿更正暗记" in text and "戊旧稿错字暗记" not in text
    assert "记者 郝甲晨" in text

    page.get_by_role("link", name="下一版 第02版 ›").click()
    expect(page.get_by_text("本版没有已发布的稿件。")).to_be_visible()
    expect(page.locator(".page-text")).to_have_count(0)
    shown = page.locator("main").inner_text()
    assert "己空版" not in shown
    screenshot(page, f"held-back-2-drafts-only-page-{size}")
    assert page.errors == [], page.errors
