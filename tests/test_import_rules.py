"""Bulk import of stories through the admin, as a duty editor does it: export, edit a few rows, import.

Only what the file changes is changed, each change goes through the desk's one write path
(articles.editing), and every refusal is one Chinese sentence naming the row and the column.
"""
import datetime
import io
from urllib.parse import unquote

import openpyxl
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from import_export.formats.base_formats import CSV
from reversion.models import Version

from articles import editing
from articles.models import Article, Byline
from articles.resources import ArticleResource

from .admin_forms import change_form_data
from .test_resources import export_form_data
from .factories import ArticleFactory, BylineFactory, PageFactory, UserFactory

pytestmark = pytest.mark.django_db

IMPORT = "admin:articles_article_import"


@pytest.fixture
def chief(client):
    user = UserFactory(group="值班主任", username="zhou")
    client.force_login(user)
    return user


def exported():
    return ArticleResource().export()


def upload(dataset, name="稿件.csv", encoding="utf-8"):
    return SimpleUploadedFile(name, CSV().export_data(dataset).encode(encoding), content_type="text/csv")


def preview(client, file, file_format="0"):
    return client.post(reverse(IMPORT), {"format": file_format, "import_file": file})


def confirm(client, response):
    form = response.context["confirm_form"]
    return client.post(reverse("admin:articles_article_process_import"), {n: form[n].value() for n in form.fields})


def text(response):
    return response.content.decode()


def with_cell(dataset, row, column, value):
    rows = [list(r) for r in dataset]
    rows[row][dataset.headers.index(column)] = value
    changed = tablib.Dataset(headers=dataset.headers)
    for r in rows:
        changed.append(r)
    return changed


def test_a_file_changing_two_of_39_rows_previews_and_saves_only_those_two(client, chief):
    page = PageFactory()
    articles = [ArticleFactory(page=page, position=n, title=f"稿件{n}") for n in range(1, 40)]
    data = with_cell(with_cell(exported(), 4, "主题", "改过的主题"), 20, "正文", "改过的正文")
    before = {a.pk: (a.version, Article.objects.get(pk=a.pk).updated_at) for a in articles}

    shown = preview(client, upload(data))
    html = text(shown)
    assert "修改 2 行" in html and "37 行与现有内容相同" in html
    rows = shown.context["result"].valid_rows()
    assert len(rows) == 2
    assert ("主题", "稿件5", "改过的主题") in rows[0].changes and len(rows[0].changes) == 1
    assert [c[0] for c in rows[1].changes] == ["正文"]
    assert "稿件6" not in html  # an unchanged row is not listed

    confirm(client, shown)
    changed = {a.pk for a in Article.objects.all() if (a.version, a.updated_at) != before[a.pk]}
    assert changed == {articles[4].pk, articles[20].pk}
    assert Version.objects.count() == 2


def test_each_imported_change_is_in_the_history_with_who_and_the_file(client, chief):
    article = ArticleFactory(title="旧主题")
    confirm(client, preview(client, upload(with_cell(exported(), 0, "主题", "新主题"), name="十一月稿件.csv")))
    version = Version.objects.get_for_object(article).get()
    assert version.revision.user == chief and version.revision.comment == "导入 十一月稿件.csv"
    article.refresh_from_db()
    assert article.title == "新主题" and article.version == 2


def test_a_row_exported_before_someone_saved_since_is_refused_naming_who_and_what(client, chief):
    article = ArticleFactory(title="原主题", body="原正文")
    stale = with_cell(exported(), 0, "主题", "表格里改的主题")
    wang = UserFactory(group="编辑", username="wang")
    saved = Article.objects.get()
    saved.body = "王后来加的一段"
    editing.save_article(article=saved, user=wang, source="桌面编辑", based_on_version=saved.version)

    shown = preview(client, upload(stale))
    html = text(shown)
    assert "confirm_form" not in shown.context
    assert "第 2 行" in html and "wang" in html and "正文" in html
    article.refresh_from_db()
    assert article.body == "王后来加的一段" and article.title == "原主题"


def test_the_version_column_is_never_written(client, chief):
    article = ArticleFactory(title="原主题", version=5)
    data = with_cell(with_cell(exported(), 0, "版本号", 4), 0, "主题", "新主题")
    shown = preview(client, upload(data))
    assert "confirm_form" not in shown.context  # a row claiming an older version is a conflict
    article.refresh_from_db()
    assert article.version == 5

    data = with_cell(exported(), 0, "主题", "新主题")
    confirm(client, preview(client, upload(data)))
    article.refresh_from_db()
    assert article.version == 6 and article.title == "新主题"


def test_a_formula_cell_that_empties_the_title_is_a_row_error(client, chief):
    ArticleFactory(title="原主题")
    data = exported()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(data.headers)
    for row in data:
        sheet.append(list(row))
    sheet.cell(row=2, column=data.headers.index("主题") + 1, value='=HYPERLINK("http://example.com","点这里")')
    buffer = io.BytesIO()
    book.save(buffer)
    file = SimpleUploadedFile("稿件.xlsx", buffer.getvalue())

    shown = preview(client, file, file_format="1")
    html = text(shown)
    assert "confirm_form" not in shown.context
    assert "第 2 行“主题”:主题不能为空" in html
    assert Article.objects.get().title == "原主题"


def test_wrong_columns_are_one_chinese_sentence_not_a_traceback(client, chief):
    ArticleFactory()
    data = tablib.Dataset(headers=["报纸", "日期", "标题"])
    data.append(["茂名晚报", "2022-11-07", "某稿"])
    html = text(preview(client, upload(data)))
    assert "文件缺少“版次”“版内顺序”“出版日期”“主题”列" in html and "不认识的列:日期、标题" in html
    assert "Traceback" not in html and "NOT NULL" not in html and "/site-packages/" not in html


@pytest.mark.parametrize("name, data, file_format", [
    ("junk.csv", bytes(range(256)) * 8, "0"),
    ("junk.xlsx", b"this is not a workbook", "1"),
    ("junk.json", b"\x89PNG\r\n\x1a\n", "2"),
])
def test_a_junk_file_is_refused_in_chinese(client, chief, name, data, file_format):
    html = text(preview(client, SimpleUploadedFile(name, data), file_format=file_format))
    assert "读不" in html
    assert "UnicodeDecodeError" not in html and "BadZipFile" not in html and "encountered" not in html


def test_a_csv_saved_by_excel_on_chinese_windows_is_read(client, chief):
    article = ArticleFactory(title="原主题")
    data = with_cell(exported(), 0, "主题", "茂名晚报讯 新主题")
    shown = preview(client, upload(data, encoding="gb18030"))
    assert "confirm_form" in shown.context
    confirm(client, shown)
    article.refresh_from_db()
    assert article.title == "茂名晚报讯 新主题"


def test_an_editor_whose_form_was_open_when_an_import_recreated_bylines_is_told_why(client, chief):
    article = ArticleFactory(title="原主题")
    BylineFactory(article=article, reporter__name="李君平", role=Byline.Role.REPORTER, position=1)
    editor = client.__class__()
    editor.force_login(UserFactory(group="编辑", username="wang"))
    url = reverse("admin:articles_article_change", args=[article.pk])
    open_form = editor.get(url)

    confirm(client, preview(client, upload(with_cell(exported(), 0, "署名", "记者:张浩洋"))))
    assert article.credit_line() == "记者 张浩洋"

    response = editor.post(url, change_form_data(open_form, title="王改的主题"))
    html = text(response)
    assert response.status_code == 200
    assert "zhou" in html and "保存过这篇稿件" in html  # not only "请更正以下错误。"
    assert Article.objects.get().title == "原主题"


def test_an_unchanged_byline_column_keeps_the_byline_rows(client, chief):
    article = ArticleFactory(title="原主题")
    byline = BylineFactory(article=article, reporter__name="李君平", role=Byline.Role.REPORTER, position=1)
    confirm(client, preview(client, upload(with_cell(exported(), 0, "主题", "新主题"))))
    assert Byline.objects.get().pk == byline.pk


def test_export_files_are_named_for_what_they_hold(client, chief):
    page = PageFactory(edition__publication__name="茂名晚报", edition__date=datetime.date(2022, 11, 7))
    ArticleFactory(page=page)
    url = reverse("admin:articles_article_export")
    response = client.post(url, export_form_data(client.get(url), format="0"))
    disposition = response["Content-Disposition"]
    assert "filename*=utf-8''" in disposition.lower()
    assert "稿件-茂名晚报-2022-11-07.csv" in unquote(disposition)


def test_the_article_list_has_a_whole_list_export_button(client, chief):
    html = text(client.get(reverse("admin:articles_article_changelist")))
    assert reverse("admin:articles_article_export") in html
