"""The desk's small frictions in a real browser: a letter-spaced reporter found by typing the name without
spaces (with the paper shown), a cross-paper byline warned about, and uploads that name what is wrong."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from articles.models import Article, Byline
from tests.factories import PublicationFactory, ReporterFactory

from .test_desk import desk, shot  # noqa: F401  (the logged-in duty editor)

pytestmark = pytest.mark.django_db(transaction=True)

MAONAN = Path(settings.BASE_DIR) / "fixtures" / "pages" / "002_1d4c0614ade68ba1.txt"


def test_typing_a_name_without_spaces_finds_the_spaced_reporter_and_a_cross_paper_byline_warns(desk):
    page = desk
    ReporterFactory(name="倪  弋", publication=PublicationFactory(name="人民日报"))
    story = Article.objects.filter(page__edition__publication__name="江门日报").order_by("pk").first()
    page.goto(page.base + f"/admin/articles/article/{story.pk}/change/")
    page.locator("#bylines-group .add-row a").click()
    row = page.locator("#bylines-group tr.dynamic-bylines").last
    row.locator(".select2-selection").click()
    page.locator(".select2-search__field").fill("倪弋")
    option = page.locator(".select2-results__option", has_text="倪  弋(人民日报)")
    expect(option).to_be_visible()
    shot(page, "edges-1-reporter-autocomplete")
    option.click()
    row.locator("select[name$='-role']").select_option(value=Byline.Role.REPORTER)
    page.get_by_role("button", name="保存", exact=True).click()

    warning = page.locator(".messagelist .warning")
    expect(warning).to_contain_text("署名里有别的报纸的作者:倪  弋(人民日报)")
    shot(page, "edges-2-cross-paper-warning")
    assert story.bylines.filter(reporter__name="倪  弋").exists()


def test_an_upload_names_the_empty_file_and_refuses_too_many_files_in_chinese(desk, tmp_path):
    page = desk
    page.goto(page.base + "/admin/articles/page/upload/")
    many = [{"name": f"{n:02}.txt", "mimeType": "text/plain", "buffer": "正文".encode()} for n in range(51)]
    page.get_by_label("版面文件(.txt)").set_input_files(many)
    page.get_by_role("button", name="上传并预览").click()
    expect(page.locator(".errorlist")).to_contain_text("一次最多上传 50 个版面文件,你选了 51 个")
    shot(page, "edges-3-too-many-files")

    page.get_by_label("报纸").select_option(label="茂名晚报")
    page.get_by_label("出版日期").fill("2022-11-08")
    page.get_by_label("版面文件(.txt)").set_input_files(
        [{"name": MAONAN.name, "mimeType": "text/plain", "buffer": MAONAN.read_bytes()},
         {"name": "empty.txt", "mimeType": "text/plain", "buffer": b""}]
    )
    page.get_by_role("button", name="上传并预览").click()
    preview = page.locator("#content-main").inner_text()
    assert "empty.txt" in preview and "文件是空的" in preview
    assert "茂南区领导率队检查督导疫情防控工作" in preview
    shot(page, "edges-4-empty-file-named")
