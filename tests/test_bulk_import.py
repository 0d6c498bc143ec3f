"""Bulk import of stories changes only what the file changes, through the desk's one write path.

Each test goes through the admin's import page as a duty editor would: upload, read the preview,
confirm. The files are made from the desk's own export, then edited as an editor would in Excel.
"""
import io

import openpyxl
import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from reversion.models import Version

from articles import editing, services
from articles.models import Article
from articles.resources import ArticleResource

from .factories import ArticleFactory, DutyEditorFactory, PageFactory, UserFactory

pytestmark = pytest.mark.django_db

CSV, XLSX = "0", "1"


@pytest.fixture
def chief(client):
    user = UserFactory(group="值班主任", username="zhou")
    client.force_login(user)
    return user


@pytest.fixture
def stories():
    page = PageFactory()
    return [ArticleFactory(page=page, position=n, title=f"第{n}篇稿件的主题", body=f"第{n}篇的正文。") for n in range(1, 6)]


def exported():
    return ArticleResource().export(queryset=Article.objects.order_by("position"))


def set_cell(dataset, row, column, value):
    values = list(dataset[row])
    values[dataset.headers.index(column)] = value
    dataset[row] = values


def as_csv(dataset, name="稿件.csv", encoding="utf-8-sig"):
    return SimpleUploadedFile(name, dataset.export("csv").encode(encoding), content_type="text/csv")


def preview(client, upload, file_format=CSV):
    return client.post(reverse("admin:articles_article_import"), {"format": file_format, "import_file": upload})


def confirm(client, response):
    form = response.context["confirm_form"]
    data = {name: form[name].value() for name in form.fields}
    return client.post(reverse("admin:articles_article_process_import"), data, follow=True)


def text(response):
    return response.content.decode()


def test_two_changed_rows_of_five_are_previewed_field_by_field_and_only_they_are_saved(client, chief, stories):
    dataset = exported()
    set_cell(dataset, 1, "主题", "第2篇改过的主题")
    set_cell(dataset, 3, "正文", "第4篇改过的正文。")
    versions = {a.pk: a.version for a in Article.objects.all()}

    response = preview(client, as_csv(dataset))

    html = text(response)
    assert "新建 0 行,修改 2 行,3 行与现有内容相同" in html
    rows = response.context["result"].valid_rows()
    assert [row.object_repr for row in rows] == ["第2篇改过的主题", "第4篇稿件的主题"]
    assert rows[0].changes == [("主题", "第2篇稿件的主题", "第2篇改过的主题")]
    assert rows[1].changes == [("正文", "第4篇的正文。", "第4篇改过的正文。")]
    assert "第1篇稿件的主题" not in html  # unchanged rows are not listed
    assert all(a.version == versions[a.pk] for a in Article.objects.all())  # nothing saved before the confirm

    confirm(client, response)

    changed = {a.position: a for a in Article.objects.all()}
    assert changed[2].title == "第2篇改过的主题" and changed[4].body == "第4篇改过的正文。"
    for position, article in changed.items():
        history = list(Version.objects.get_for_object(article))
        if position in (2, 4):
            assert article.version == versions[article.pk] + 1
            assert [(v.revision.user, v.revision.comment) for v in history] == [(chief, "导入 稿件.csv")]
        else:
            assert article.version == versions[article.pk] and history == []


def test_the_version_column_is_never_written_from_the_file(client, chief, stories):
    dataset = exported()
    set_cell(dataset, 0, "版本号", 99)  # an editor typing over the column changes nothing
    response = preview(client, as_csv(dataset))
    assert "修改 0 行" in text(response)
    confirm(client, response)
    assert Article.objects.get(position=1).version == stories[0].version


def test_a_row_exported_before_another_editor_saved_is_refused_naming_row_fields_and_who(client, chief, stories):
    dataset = exported()
    wang = UserFactory(group="编辑", username="wang")
    story = Article.objects.get(position=3)
    story.body = "王编辑后来补的一段。"
    editing.save_article(article=story, user=wang, source="桌面编辑", based_on_version=story.version)
    set_cell(dataset, 2, "主题", "表格里改的主题")

    response = preview(client, as_csv(dataset))

    html = text(response)
    assert not response.context.get("confirm_form")
    assert "第 4 行" in html and "wang" in html and "正文" in html and "请重新导出" in html
    story.refresh_from_db()
    assert story.title == "第3篇稿件的主题" and story.body == "王编辑后来补的一段。"


def test_an_import_withdraws_the_sign_off_of_a_changed_page_and_the_page_says_why(client, chief, stories):
    page = stories[0].page
    DutyEditorFactory(user=chief, publication=page.edition.publication, name="余虔虹")
    services.sign_off_page(page=page, user=chief)
    dataset = exported()
    set_cell(dataset, 0, "主题", "签版后改的主题")

    done = confirm(client, preview(client, as_csv(dataset)))

    assert done.status_code == 200
    page.refresh_from_db()
    assert not page.is_signed_off
    reasons = [e.get_change_message() for e in LogEntry.objects.filter(object_id=str(page.pk))]
    assert any("撤销签版" in r and "签版后改的主题" in r and "导入 稿件.csv" in r for r in reasons)


def test_a_formula_cell_that_leaves_the_headline_empty_is_a_row_error(client, chief, stories):
    dataset = exported()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(dataset.headers)
    for row in dataset:
        sheet.append(list(row))
    sheet.cell(row=2, column=dataset.headers.index("主题") + 1, value='=HYPERLINK("http://example.com","链接")')
    data = io.BytesIO()
    workbook.save(data)
    upload = SimpleUploadedFile("稿件.xlsx", data.getvalue())

    response = preview(client, upload, XLSX)

    html = text(response)
    assert not response.context.get("confirm_form")
    assert "第 2 行“主题”:主题不能为空" in html
    assert Article.objects.get(position=1).title == "第1篇稿件的主题"


@pytest.mark.parametrize(
    "name, content, file_format, expected",
    [
        ("稿件.xlsx", b"this is not a spreadsheet at all", XLSX, "读不出这个文件"),
        ("稿件.csv", b"\x80\x00\xff\xfe\x00\x81" * 20, CSV, "不是 UTF-8 或 GB18030 编码"),
        ("稿件.csv", "甲,乙\n1,2\n".encode(), CSV, "文件缺少“版次”“版内顺序”“报纸”“出版日期”“主题”列;表头里不认识的列:甲、乙"),
    ],
    ids=["junk-xlsx", "binary-csv", "wrong-columns"],
)
def test_a_junk_or_wrong_file_gets_one_chinese_sentence_and_no_traceback(client, chief, stories, name, content, file_format, expected):
    response = preview(client, SimpleUploadedFile(name, content), file_format)

    html = text(response)
    assert response.status_code == 200 and expected in html
    for leak in ["Traceback", "BadZipFile", "UnicodeDecodeError", "NOT NULL", "IntegrityError", "site-packages"]:
        assert leak not in html
    assert not response.context.get("confirm_form")


@pytest.mark.parametrize(
    "cells, expected",
    [
        ({"版内顺序": "", "主题": "新的一篇"}, "第 2 行“版内顺序”:版内顺序不能为空"),
        ({"版内顺序": "abc"}, "第 2 行“版内顺序”:读不出“abc”"),
        ({"出版日期": "2022-13-01"}, "第 2 行“出版日期”:读不出“2022-13-01”"),
        ({"署名": "外星人:张三", "主题": "改"}, "第 2 行:“外星人:张三”里的身份“外星人”不认识"),
    ],
    ids=["empty-position", "letters-for-position", "impossible-date", "unknown-role"],
)
def test_a_bad_cell_is_named_by_row_and_column_never_as_a_database_error(client, chief, stories, cells, expected):
    dataset = exported()
    for column, value in cells.items():
        set_cell(dataset, 0, column, value)
    response = preview(client, as_csv(dataset))
    html = text(response)
    assert expected in html
    for leak in ["NOT NULL", "Traceback", "ConversionSyntax", "could not be parsed", "IntegrityError"]:
        assert leak not in html
    assert not response.context.get("confirm_form")


def test_a_csv_saved_by_excel_on_a_chinese_windows_is_read(client, chief, stories):
    dataset = exported()
    set_cell(dataset, 0, "主题", "茂名石化扩建项目开工")
    confirm(client, preview(client, as_csv(dataset, encoding="gb18030")))
    assert Article.objects.get(position=1).title == "茂名石化扩建项目开工"


def test_an_export_file_is_named_in_chinese_for_what_it_holds(client, chief, stories):
    edition = stories[0].page.edition
    page = client.get(reverse("admin:articles_article_export"))
    form = page.context["form"]
    data = {n: ("on" if form[n].value() is True else form[n].value()) for n in form.fields if form[n].value() not in (None, False)}
    data["format"] = CSV
    response = client.post(reverse("admin:articles_article_export"), data)
    disposition = response["Content-Disposition"]
    expected = f"稿件-{edition.publication.name}-{edition.date.isoformat()}.csv"
    from urllib.parse import quote

    assert quote(expected) in disposition
