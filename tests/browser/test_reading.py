"""A reader's first steps on the e-paper, in a real browser."""

import pytest

from .conftest import DESKTOP, PHONE, open_page, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("viewport, name", [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_reader_goes_from_the_home_page_to_a_story(browser, sample_site, viewport, name):
    page = open_page(browser, viewport)
    page.goto(sample_site.url + "/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    page.get_by_role("link", name="江门日报").first.click()
    page.get_by_role("link", name="第01版").first.click()
    page.get_by_role("link", name="稻花香里说丰年").first.click()

    assert "稻花香里说丰年" in page.locator("h1").inner_text()
    assert "我市今年晚稻面积8.82万公顷" in page.content()
    screenshot(page, f"article-{name}")
    assert page.errors == []
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px at {viewport['width']}px"
