"""An editor puts a page's stories in order at the desk: moves one up, removes a bogus one with a
reason, and readers then see the page in the new order without it. Screenshots (1280 px):
test-artifacts/screenshots/order-*.png."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from articles import services
from articles.models import Article, Edition
from tests.factories import ArticleFactory, PageFactory

from .conftest import open_page, screenshot
from .test_saving import desk_groups, logged_in

pytestmark = pytest.mark.django_db(transaction=True)


def shot(page, name):
    screenshot(page, f"order-{name}")
    assert page.errors == [], page.errors


def test_an_editor_moves_a_story_up_and_removes_a_bogus_one_and_readers_see_the_new_order(browser, live_server):
    desk_groups()
    page_row = PageFactory(
        number=2, name="要闻", edition__publication__name="茂名晚报", edition__publication__slug="mmwb"
    )
    titles = ["全市开展安全检查", "稻谷满仓迎丰收", "医院 摄", "社区志愿者服务忙"]
    stories = [
        ArticleFactory(page=page_row, position=n, title=title, status=Article.Status.APPROVED)
        for n, title in enumerate(titles, 1)
    ]
    bogus = stories[2]
    Article.objects.filter(pk=bogus.pk).update(status=Article.Status.DRAFT)  # a photo credit the parser made a story
    editor = logged_in(browser, live_server, "wang", "编辑")

    editor.goto(live_server.url + f"/admin/articles/page/{page_row.pk}/change/")
    rows = editor.locator(".desk-reorder tbody tr.form-row")
    expect(rows).to_have_count(4)
    shot(editor, "1-page-before")

    # 社区志愿者服务忙 belongs above the harvest story: two clicks up.
    rows.filter(has_text="社区志愿者服务忙").get_by_role("button", name="上移").click()
    expect(editor.locator(".messagelist .success")).to_contain_text("第 3 篇")
    editor.goto(live_server.url + f"/admin/articles/page/{page_row.pk}/change/")
    rows.filter(has_text="社区志愿者服务忙").get_by_role("button", name="上移").click()
    expect(editor.locator(".messagelist .success")).to_contain_text("第 2 篇")

    # The bogus story goes, with a reason; without one the desk asks for it.
    editor.goto(live_server.url + f"/admin/articles/page/{page_row.pk}/change/")
    rows.filter(has_text="医院 摄").get_by_role("link", name="移除…").click()
    editor.get_by_role("button", name="移除").click()  # the browser asks for the required reason first
    assert Article.objects.get(pk=bogus.pk).removed_at is None
    editor.locator("#id_reason").fill(" ")
    editor.locator("#id_reason").evaluate("el => el.removeAttribute('required')")
    editor.get_by_role("button", name="移除").click()
    expect(editor.locator(".errorlist")).to_contain_text("请写明移除的理由")
    editor.locator("#id_reason").fill("解析把图片署名当成了稿件")
    shot(editor, "2-remove-reason")
    editor.get_by_role("button", name="移除").click()
    expect(editor.locator(".messagelist .success")).to_contain_text("已从第02版移除“医院 摄”")
    expect(rows).to_have_count(3)
    expect(rows.locator("td.field-headline")).to_have_text(["全市开展安全检查", "社区志愿者服务忙", "稻谷满仓迎丰收"])
    shot(editor, "3-page-after")

    removed = Article.objects.get(pk=bogus.pk)
    assert removed.removed_reason == "解析把图片署名当成了稿件" and removed.removed_by.username == "wang"

    # The duty editor publishes the edition (the removed story too would go out, were it on the page).
    Article.objects.filter(pk=bogus.pk).update(status=Article.Status.APPROVED)
    chief = get_user_model().objects.create_user("chief", is_staff=True)
    chief.groups.add(*__import__("django.contrib.auth.models", fromlist=["Group"]).Group.objects.filter(name="值班主任"))
    services.publish_edition(edition=page_row.edition, user=chief, override_reason="测试:未签版发布")
    assert Edition.objects.get(pk=page_row.edition.pk).status == Edition.Status.PUBLISHED

    reader = open_page(browser)
    reader.goto(live_server.url + page_row.get_absolute_url())
    expect(reader.locator(".story-item .story-title")).to_have_text(["全市开展安全检查", "社区志愿者服务忙", "稻谷满仓迎丰收"])
    expect(reader.get_by_text("医院 摄")).to_have_count(0)
    shot(reader, "4-public-page")
    assert reader.goto(live_server.url + bogus.get_absolute_url()).status == 404
