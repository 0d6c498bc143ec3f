"""Exporting the whole article list: the same file as django-import-export makes, sent as it is read,
with as many queries for many articles as for a few."""
import codecs
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import exporting
from articles.models import Byline

from .factories import ArticleFactory, BylineFactory, PageFactory, ReporterFactory, UserFactory
from .test_resources import export_form_data

pytestmark = pytest.mark.django_db

EXPORT = reverse("admin:articles_article_export")
CSV, XLSX, JSON = "0", "1", "2"


@pytest.fixture
def editor(client):
    client.force_login(UserFactory(group="编辑"))
    return client


@pytest.fixture
def desk():
    """Stories with what a file format can get wrong: formulae, quotes and commas, lines, two bylines."""
    page = PageFactory()
    paper = page.edition.publication
    first = ArticleFactory(page=page, title="=1+1", kicker="+引题", subtitle='副题,带"引号"')
    BylineFactory(article=first, reporter=ReporterFactory(name="李君平", publication=paper), position=1)
    BylineFactory(
        article=first, reporter=ReporterFactory(name="茂健", publication=paper),
        role=Byline.Role.CORRESPONDENT, position=2,
    )
    for _ in range(4):
        ArticleFactory(page=page, body="第一段。\n\n第二段,有逗号。")
    return first


def export(client, file_format, **changes):
    form = client.get(EXPORT)
    return client.post(EXPORT, export_form_data(form, format=file_format, **changes))


def without_streaming(monkeypatch):
    """Export as django-import-export does by itself: the whole file built in memory, then sent."""
    monkeypatch.setattr(exporting, "export_response", lambda *args, **kwargs: None)


@pytest.mark.parametrize("file_format", [CSV, JSON], ids=["csv", "json"])
def test_the_streamed_file_is_the_file_django_import_export_sends(editor, desk, monkeypatch, file_format):
    monkeypatch.setattr(exporting, "CHUNK_ROWS", 2)
    streamed = export(editor, file_format)
    assert streamed.streaming
    pieces = list(streamed.streaming_content)
    assert len(pieces) >= 3  # the download starts before the last row is read

    without_streaming(monkeypatch)
    whole = export(editor, file_format)
    assert not whole.streaming
    bom = codecs.BOM_UTF8 if file_format == CSV else b""
    assert b"".join(pieces) == bom + whole.content
    assert streamed["Content-Type"] == whole["Content-Type"]
    assert streamed["Content-Disposition"] == whole["Content-Disposition"]
    text = whole.content.decode()
    assert "记者:李君平; 通讯员:茂健" in text and "'=1+1" in text and "'+引题" in text


def test_the_xlsx_file_has_the_cells_of_django_import_export_s(editor, desk, monkeypatch):
    written = openpyxl.load_workbook(io.BytesIO(export(editor, XLSX).getvalue()))
    without_streaming(monkeypatch)
    built = openpyxl.load_workbook(io.BytesIO(export(editor, XLSX).content))

    sheet, expected = written.active, built.active
    assert list(sheet.values) == list(expected.values)
    assert sheet.title == "稿件"
    assert sheet.freeze_panes == expected.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    headers = [cell.value for cell in sheet[1]]
    bylines = sheet.cell(row=2, column=headers.index("署名") + 1).value
    assert bylines == "记者:李君平; 通讯员:茂健"
    body = sheet.cell(row=3, column=headers.index("正文") + 1)
    assert "\n" in body.value and body.alignment.wrap_text


def test_a_column_left_out_of_the_export_form_is_left_out_of_the_file(editor, desk):
    form = editor.get(EXPORT)
    body_field = next(name for name in form.context["form"].fields if name.endswith("_body"))
    data = export_form_data(form, format=CSV)
    del data[body_field]
    text = editor.post(EXPORT, data).getvalue().decode("utf-8-sig")
    assert text.splitlines()[0].split(",")[:4] == ["稿件编号", "报纸", "出版日期", "版次"]
    assert "正文" not in text and "第二段" not in text


def export_queries(client, file_format):
    with CaptureQueriesContext(connection) as captured:
        export(client, file_format).getvalue()
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize("file_format", [CSV, XLSX, JSON], ids=["csv", "xlsx", "json"])
def test_exporting_sixty_articles_runs_as_many_queries_as_exporting_five(editor, desk, file_format):
    few = export_queries(editor, file_format)
    for article in ArticleFactory.create_batch(55, page=desk.page):
        BylineFactory(article=article, reporter__publication=desk.page.edition.publication)
    many = export_queries(editor, file_format)
    assert len(many) == len(few)
    assert not any("OFFSET" in sql.upper() for sql in many)


def test_a_long_list_is_read_a_chunk_at_a_time_with_one_byline_query_per_chunk(editor, desk, monkeypatch):
    one_chunk = export_queries(editor, CSV)
    monkeypatch.setattr("articles.resources.EXPORT_CHUNK_SIZE", 2)
    three_chunks = export_queries(editor, CSV)  # five articles, two at a time
    assert len(three_chunks) == len(one_chunk) + 2


def test_a_control_character_a_spreadsheet_cannot_hold_is_left_out_of_the_file(editor, desk):
    ArticleFactory(page=desk.page, body="控制字符\x01在此")
    response = export(editor, XLSX)
    assert response.has_header("Content-Disposition")
    cells = [value for row in openpyxl.load_workbook(io.BytesIO(response.getvalue())).active.values for value in row]
    assert "控制字符在此" in cells


def test_a_csv_file_opens_in_excel_as_chinese_and_imports_back(editor, desk, client, monkeypatch):
    monkeypatch.setattr(exporting, "CHUNK_ROWS", 2)  # several pieces: the mark starts only the first
    exported = export(editor, CSV).getvalue()
    assert exported.startswith(codecs.BOM_UTF8)  # Excel reads UTF-8 only with the mark
    assert exported.count(codecs.BOM_UTF8) == 1
    assert "记者:李君平; 通讯员:茂健" in exported.decode("utf-8-sig")

    client.force_login(UserFactory(group="值班主任"))
    upload = SimpleUploadedFile("articles.csv", exported, content_type="text/csv")
    preview = client.post(reverse("admin:articles_article_import"), {"format": CSV, "import_file": upload})
    assert "confirm_form" in preview.context, preview.content.decode()[:2000]
    assert not preview.context["result"].has_errors()
