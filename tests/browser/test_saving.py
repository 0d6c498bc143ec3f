"""Two editors at one story in two real browsers: a conflicting save, the deliberate overwrite, and a
story a duty editor approved while an editor was typing. Screenshots: test-artifacts/screenshots/saving-*.png."""

from importlib import import_module

import pytest
from playwright.sync_api import expect
from reversion.models import Version

from articles import services
from articles.models import Article
from tests.factories import ArticleFactory, UserFactory

from .conftest import open_page, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "desk-password"  # UserFactory's


def desk_groups():
    """The desk's groups as their migration defines them: a live-server test empties the tables the migrations filled."""
    from django.contrib.auth.models import Group, Permission

    groups = import_module("articles.migrations.0005_desk_groups").GROUPS
    for name, rights in groups.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(content_type__app_label="articles", codename__in=rights))


def logged_in(browser, live_server, username, group):
    UserFactory(username=username, group=group)
    page = open_page(browser)
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="稿件与版面")).to_be_visible()
    return page


def shot(page, name):
    screenshot(page, f"saving-{name}")
    assert page.errors == [], page.errors


@pytest.fixture
def two_editors(browser, live_server):
    desk_groups()
    return (
        logged_in(browser, live_server, "wang", "编辑"),
        logged_in(browser, live_server, "li", "编辑"),
        live_server,
    )


def test_saving_again_after_a_conflict_needs_the_overwrite_ticked(two_editors):
    wang, li, server = two_editors
    article = ArticleFactory(title="原标题", body="原来的第一段。")
    url = f"{server.url}/admin/articles/article/{article.pk}/change/"
    wang.goto(url)
    li.goto(url)

    wang.locator("#id_title").fill("王改的标题")
    wang.locator("#id_body").fill("原来的第一段。\n\n王加的一段。")
    wang.get_by_role("button", name="保存", exact=True).click()
    expect(wang.locator(".messagelist .success")).to_be_visible()

    li.locator("#id_title").fill("李改的标题")
    li.get_by_role("button", name="保存", exact=True).click()
    conflict = li.locator("#desk-conflict")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text("wang")
    expect(conflict.locator("table")).to_contain_text("王改的标题")
    expect(conflict.locator("table")).to_contain_text("李改的标题")
    shot(li, "1-conflict")

    li.get_by_role("button", name="保存", exact=True).click()  # pressing 保存 again, as before, changes nothing
    expect(li.locator("#desk-conflict")).to_be_visible()
    assert Article.objects.get().title == "王改的标题"
    assert "王加的一段。" in Article.objects.get().body

    li.get_by_label("我已看过差异,用我的版本覆盖").check()
    shot(li, "2-overwrite-ticked")
    li.get_by_role("button", name="保存", exact=True).click()
    expect(li.locator(".messagelist .success")).to_be_visible()
    assert Article.objects.get().title == "李改的标题"
    assert "王改的标题" in [v.field_dict["title"] for v in Version.objects.get_for_object(article)]

    li.goto(f"{server.url}/admin/articles/article/{article.pk}/history/")
    expect(li.locator("#content")).to_contain_text("wang")
    expect(li.locator("#content")).not_to_contain_text("opened_version")
    shot(li, "3-history")


def test_a_story_approved_meanwhile_is_explained_and_the_typed_text_stays(two_editors, browser):
    wang, _, server = two_editors
    chief = UserFactory(username="zhou", group="值班主任")
    article = ArticleFactory(title="原标题", status=Article.Status.REVIEW)
    wang.goto(f"{server.url}/admin/articles/article/{article.pk}/change/")
    wang.locator("#id_body").fill("王刚打好的一大段正文,不能丢。")

    services.transition_article(article=article, transition=Article.Transition.APPROVE, user=chief)
    wang.get_by_role("button", name="保存", exact=True).click()

    expect(wang.locator("body")).not_to_contain_text("403")
    expect(wang.locator(".errornote, .errorlist").first).to_be_visible()
    expect(wang.locator("#content")).to_contain_text("只有值班主任还能修改")
    assert wang.locator("#id_body").input_value() == "王刚打好的一大段正文,不能丢。"
    shot(wang, "4-approved-meanwhile")
    assert Article.objects.get().status == Article.Status.APPROVED
    assert Article.objects.get().body != "王刚打好的一大段正文,不能丢。"
