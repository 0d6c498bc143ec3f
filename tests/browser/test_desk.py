"""A duty editor's day at the desk in a real browser: log in, correct a story and see it on the site,
export stories, import reporters through the preview, upload a page file and find its stories.

Every step is screenshotted (test-artifacts/screenshots/desk-*.png) and must log no console error.
"""

import csv
import datetime
import io
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from articles.models import Article, Page, Reporter
from tests.factories import DutyEditorFactory, UserFactory

from .conftest import open_page, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "desk-password"  # UserFactory's
MAONAN = Path(settings.BASE_DIR) / "fixtures" / "pages" / "002_1d4c0614ade68ba1.txt"


def shot(page, name):
    screenshot(page, f"desk-{name}")
    assert page.errors == [], page.errors


def duty_editors_group():
    """The 值班主任 group as its migration defines it: a live-server test empties the tables the migrations filled."""
    from django.contrib.auth.models import Group, Permission

    rights = import_module("articles.migrations.0005_desk_groups").DUTY_EDITOR
    group, _ = Group.objects.get_or_create(name="值班主任")
    group.permissions.set(Permission.objects.filter(content_type__app_label="articles", codename__in=rights))


@pytest.fixture
def desk(browser, sample_site):
    """A duty editor (值班主任 of 江门日报) logged in through the admin's own login form."""
    duty_editors_group()
    user = UserFactory(username="chief", group="值班主任")
    DutyEditorFactory(name="余虔虹", publication__name="江门日报", user=user)
    page = open_page(browser)
    page.goto(sample_site.url + "/admin/")
    assert "登录" in page.title()
    shot(page, "1-login")
    page.get_by_label("用户名").fill("chief")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="稿件与版面")).to_be_visible()
    shot(page, "2-index")
    page.base = sample_site.url
    return page


def test_an_edited_story_shows_on_the_site(desk):
    page = desk
    page.goto(page.base + "/admin/articles/article/")
    page.locator("#searchbar").fill("稻花香里说丰年")
    page.locator("#searchbar").press("Enter")
    page.get_by_role("link", name="稻花香里说丰年", exact=True).click()
    assert page.locator("#id_title").input_value() == "稻花香里说丰年"
    page.locator("#id_subtitle").fill("江门晚稻迎来丰收季")
    shot(page, "3-article-edit")
    page.get_by_role("button", name="保存", exact=True).click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    shot(page, "4-article-saved")

    article = Article.objects.get(title="稻花香里说丰年")
    page.goto(page.base + article.get_absolute_url())
    assert "江门晚稻迎来丰收季" in page.locator("main").inner_text()
    shot(page, "5-article-on-site")


def test_the_body_preview_follows_the_typing_before_anything_is_saved(desk):
    page = desk
    article = Article.objects.get(title="稻花香里说丰年")
    page.goto(page.base + f"/admin/articles/article/{article.pk}/change/")
    preview = page.locator("#desk-body-preview")
    expect(preview).to_contain_text("稻浪黄")

    page.locator("#id_body").fill("开头一段。\n\n## 机收率创新高\n\n<script>alert(1)</script>第二段。")

    expect(preview.locator("h2")).to_have_text("机收率创新高")
    expect(preview).not_to_contain_text("稻浪黄")
    assert preview.locator("script").count() == 0
    shot(page, "3b-body-preview")
    article.refresh_from_db()
    assert article.body.startswith("稻浪黄")  # a preview saves nothing


def test_exporting_selected_stories_downloads_a_csv_with_their_rows(desk):
    page = desk
    page.goto(page.base + "/admin/articles/article/?q=江门")
    rows = page.locator("#result_list tbody tr")
    titles = [rows.nth(i).locator("th").inner_text() for i in range(min(rows.count(), 3))]
    assert titles
    for i in range(len(titles)):
        rows.nth(i).locator("input.action-select").check()
    page.locator("select[name=action]").select_option(label="导出选中的 稿件")
    shot(page, "6-export-action")
    page.get_by_role("button", name="执行").click()
    page.locator("select[name=format]").select_option(label="csv")
    shot(page, "7-export-form")
    with page.expect_download() as download:
        page.get_by_role("button", name="导出", exact=True).click()
    data = Path(download.value.path()).read_text(encoding="utf-8-sig")
    exported = list(csv.DictReader(io.StringIO(data)))
    assert sorted(row["主题"] for row in exported) == sorted(titles)
    assert all(row["报纸"] == "江门日报" for row in exported)


def test_importing_reporters_shows_a_preview_and_saves_on_confirm(desk, tmp_path):
    page = desk
    source = tmp_path / "reporters.csv"
    source.write_text("报纸,署名,类别,所属单位\n江门日报,区卓霖,个人,江门日报社\n江门日报,江海区融媒体中心,机构,\n", encoding="utf-8")
    page.goto(page.base + "/admin/articles/reporter/")
    page.get_by_role("link", name="导入").click()
    page.locator("input[type=file]").set_input_files(str(source))
    page.locator("select[name=format]").select_option(label="csv")
    page.get_by_role("button", name="提交").click()
    preview = page.locator("table.import-preview")
    assert "区卓霖" in preview.inner_text() and "江海区融媒体中心" in preview.inner_text()
    assert not Reporter.objects.filter(name="江海区融媒体中心").exists()
    shot(page, "8-import-preview")
    page.get_by_role("button", name="确认导入").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    shot(page, "9-import-done")
    assert Reporter.objects.get(name="江海区融媒体中心").kind == Reporter.Kind.ORGANISATION


def test_uploading_a_page_file_previews_its_stories_then_imports_them(desk):
    page = desk
    page.goto(page.base + "/admin/articles/page/")
    page.get_by_role("link", name="上传版面文件").click()
    page.get_by_label("报纸").select_option(label="茂名晚报")
    page.get_by_label("出版日期").fill("2022-11-08")
    page.get_by_label("起始版次").fill("3")
    page.get_by_label("版面文件(.txt)").set_input_files(str(MAONAN))
    shot(page, "10-upload-form")
    page.get_by_role("button", name="上传并预览").click()

    preview = page.locator("#content-main").inner_text()
    assert "尚未导入" in preview
    assert "茂南区领导率队检查督导疫情防控工作" in preview
    assert "通讯员 何文萍" in preview
    assert "值班主任 余虔虹" in preview
    assert not Page.objects.filter(edition__date=datetime.date(2022, 11, 8)).exists()
    shot(page, "11-upload-preview")

    page.get_by_role("button", name="确认导入 1 个文件").click()
    assert "新建 1" in page.locator(".desk-summary").inner_text()
    shot(page, "12-upload-done")

    page.get_by_role("link", name="茂名晚报 2022-11-08 第03版").click()
    stories = page.locator(".desk-reorder").inner_text()
    assert "茂南区领导率队检查督导疫情防控工作" in stories
    shot(page, "13-uploaded-page")
