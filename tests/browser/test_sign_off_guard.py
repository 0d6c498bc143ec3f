"""A signed-off page guards its content, as two people at the desk meet it: the duty editor signs a page
off, an editor then changes a story on it, and the sign-off is withdrawn with the reason where the duty
editor looks. Screenshots: test-artifacts/screenshots/signoff-*.png."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from articles.models import Page
from tests.factories import ArticleFactory, DutyEditorFactory, PageFactory

from .conftest import screenshot
from .test_saving import desk_groups, logged_in

pytestmark = pytest.mark.django_db(transaction=True)


def shot(page, name):
    screenshot(page, f"signoff-{name}")
    assert page.errors == [], page.errors


def test_a_story_changed_on_a_signed_page_withdraws_the_sign_off_and_the_duty_editor_sees_why(browser, live_server):
    desk_groups()
    page_row = PageFactory(number=2, name="要闻", edition__publication__name="茂名晚报")
    story = ArticleFactory(page=page_row, position=1, title="全市开展安全检查", status="draft")
    chief = logged_in(browser, live_server, "chief", "值班主任")
    DutyEditorFactory(name="余虔虹", publication=page_row.edition.publication, user=get_user_model().objects.get(username="chief"))
    editor = logged_in(browser, live_server, "wang", "编辑")

    chief.goto(live_server.url + "/admin/articles/page/")
    chief.locator(f"input[name=_selected_action][value='{page_row.pk}']").check()
    chief.select_option("select[name=action]", "sign_off")
    chief.locator("button[name=index]").click()
    expect(chief.locator(".messagelist")).to_contain_text("签发")
    assert Page.objects.get(pk=page_row.pk).is_signed_off
    shot(chief, "1-signed")

    editor.goto(live_server.url + f"/admin/articles/article/{story.pk}/change/")
    editor.locator("#id_title").fill("全市开展安全大检查")
    editor.get_by_role("button", name="保存", exact=True).click()
    expect(editor.locator(".messagelist .warning")).to_contain_text("原来的签版已撤销,须请值班主任重新签版")
    shot(editor, "2-editor-told")

    assert not Page.objects.get(pk=page_row.pk).is_signed_off
    chief.goto(live_server.url + f"/admin/articles/page/{page_row.pk}/history/")
    history = chief.locator("#content-main").inner_text()
    assert "撤销签版(原由余虔虹签发)" in history and "wang" in history
    shot(chief, "3-page-history")
