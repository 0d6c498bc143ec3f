"""Two editors at one story in two real browsers: a conflicting save, the deliberate overwrite, a
story a duty editor approved while an editor was typing, and a bulk import meeting an editor's save. Screenshots: test-artifacts/screenshots/saving-*.png."""

from importlib import import_module

import pytest
import tablib
from import_export.formats.base_formats import CSV
from playwright.sync_api import expect
from reversion.models import Version

from articles import services
from articles.models import Article
from articles.resources import ArticleResource
from tests.factories import ArticleFactory, PageFactory, UserFactory

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


def test_an_import_preview_lists_only_the_changed_rows_and_refuses_a_stale_one(two_editors, browser, tmp_path):
    """A duty editor exports the list, changes two rows, and imports: the preview shows those two rows'
    changed fields; after an editor saves one of the stories, the same file is refused, naming them."""
    wang, _, server = two_editors
    chief = logged_in(browser, server, "zhou", "值班主任")
    newspaper_page = PageFactory()
    stories = [ArticleFactory(page=newspaper_page, position=n, title=f"第{n}篇稿件", body=f"第{n}篇的正文。") for n in range(1, 13)]
    rows = ArticleResource().export()
    data = [list(r) for r in rows]
    data[2][rows.headers.index("主题")] = "第3篇改过的主题"
    data[7][rows.headers.index("正文")] = "第8篇改过的正文。"
    changed = tablib.Dataset(*data, headers=rows.headers)
    source = tmp_path / "稿件.csv"
    source.write_text(CSV().export_data(changed), encoding="utf-8")

    def import_preview():
        chief.goto(server.url + "/admin/articles/article/")
        chief.get_by_role("link", name="导入").click()
        chief.locator("input[type=file]").set_input_files(str(source))
        chief.locator("select[name=format]").select_option(label="csv")
        chief.get_by_role("button", name="提交").click()

    import_preview()
    table = chief.locator("table.desk-import-changes")
    expect(table).to_be_visible()
    assert table.locator(":scope > tbody > tr").count() == 2
    assert "第3篇改过的主题" in table.inner_text() and "第8篇改过的正文。" in table.inner_text()
    assert "第5篇稿件" not in table.inner_text()
    expect(chief.locator(".desk-import-summary")).to_contain_text("10 行与现有内容相同")
    shot(chief, "5-import-preview-two-rows")

    wang.goto(f"{server.url}/admin/articles/article/{stories[7].pk}/change/")
    wang.locator("#id_body").fill("王刚改的第8篇正文。")
    wang.get_by_role("button", name="保存", exact=True).click()
    expect(wang.locator(".messagelist .success")).to_be_visible()

    import_preview()
    errors = chief.locator(".desk-import-errors")
    expect(errors).to_contain_text("第 9 行")  # as Excel numbers it: the header is row 1
    expect(errors).to_contain_text("wang")
    expect(chief.get_by_role("button", name="确认导入")).to_have_count(0)
    shot(chief, "6-import-preview-stale-row")
    assert Article.objects.get(pk=stories[7].pk).body == "王刚改的第8篇正文。"
    assert Article.objects.get(pk=stories[2].pk).title == "第3篇稿件"
