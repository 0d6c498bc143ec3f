"""A duty editor publishes editions from the 期 list in a real browser: the confirmation page shows,
page by page, what goes out and what stays behind; an edition with nothing to go out cannot be
published, and readers' home page keeps the last edition that has stories.

Screenshots: test-artifacts/screenshots/publish-*.png; no step may log a console error.
"""

import datetime

import pytest
from playwright.sync_api import expect

from articles.models import Article, Edition, Publication
from tests.factories import ArticleFactory, EditionFactory, PageFactory

from .conftest import open_page, screenshot
from .test_desk import desk  # noqa: F401  (the logged-in duty editor of 江门日报)

pytestmark = pytest.mark.django_db(transaction=True)

S = Article.Status


def shot(page, name):
    screenshot(page, f"publish-{name}")
    assert page.errors == [], page.errors


@pytest.fixture
def editions():
    """Two new editions of 江门日报 after the sample's 11月22日: one with an approved story, one with drafts only."""
    paper = Publication.objects.get(name="江门日报")
    ready = EditionFactory(publication=paper, date=datetime.date(2022, 11, 23))
    front = PageFactory(edition=ready, number=1, name="要闻")
    PageFactory(edition=ready, number=2, name="综合")
    ArticleFactory(page=front, position=1, status=S.APPROVED, title="侨乡新闻头条见报")
    ArticleFactory(page=front, position=2, status=S.DRAFT, title="还在改的草稿")
    drafts_only = EditionFactory(publication=paper, date=datetime.date(2022, 11, 24))
    page = PageFactory(edition=drafts_only, number=1, name="要闻")
    for position in range(1, 4):
        ArticleFactory(page=page, position=position, status=S.DRAFT, title=f"未审草稿{position}")
    return ready, drafts_only


def choose(page, dates, action="发布所选的期"):
    page.goto(page.base + "/admin/articles/edition/")
    for date in dates:
        page.locator("#result_list tbody tr").filter(has_text=date).locator("input.action-select").check()
    page.locator("select[name=action]").select_option(label=action)
    page.get_by_role("button", name="执行").click()


def test_a_duty_editor_publishes_through_the_confirmation_page(desk, editions):  # noqa: F811
    page = desk
    ready, drafts_only = editions

    choose(page, ["2022年11月24日"])
    expect(page.get_by_text("不能发布:江门日报 2022-11-24没有一篇可以见报的稿件")).to_be_visible()
    expect(page.get_by_text("所选的期都不能发布。")).to_be_visible()
    shot(page, "1-drafts-only-refused")
    page.get_by_role("link", name="返回").click()
    expect(page.locator("select[name=action]")).to_be_visible()

    choose(page, ["2022年11月23日"])
    expect(page.get_by_role("heading", name="江门日报 2022-11-23")).to_be_visible()
    expect(page.get_by_text("见报 1 篇;不见报:草稿 1 篇;空版:第02版")).to_be_visible()
    front_row = page.locator("table.desk-plan tbody tr").first
    expect(front_row.locator("td").nth(0)).to_have_text("侨乡新闻头条见报")
    expect(front_row.locator("td").nth(1)).to_contain_text("还在改的草稿")
    shot(page, "2-confirmation")
    assert Edition.objects.get(pk=ready.pk).status == Edition.Status.DRAFT  # nothing until confirmed

    page.get_by_label("未全部签版即发布的理由").fill("排版系统故障,经总编同意")
    page.get_by_role("button", name="写明理由并发布 1 期").click()
    expect(page.locator(".messagelist .success")).to_contain_text("已发布:江门日报 2022-11-23(见报 1 篇")
    shot(page, "3-published")

    reader = open_page(page.context.browser)
    reader.goto(page.base + "/")
    card = reader.locator("section.front").filter(has_text="江门日报")
    expect(card.locator("time")).to_have_text("2022年11月23日 星期三")
    reader.goto(page.base + "/jmrb/2022-11-23/1/")
    expect(reader.get_by_role("link", name="侨乡新闻头条见报")).to_be_visible()
    assert "还在改的草稿" not in reader.locator("main").inner_text()
    assert reader.errors == [], reader.errors
