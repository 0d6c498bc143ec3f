"""Bulk import of stories: a changed story withdraws its page's sign-off, and a bad cell is named by row and column.

The rest of the import rules are tested in test_import_rules.py.

Each test goes through the admin's import page as a duty editor would: upload, read the preview,
confirm. The files are made from the desk's own export, then edited as an editor would in Excel.
"""
import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles import services
from articles.models import Article
from articles.resources import ArticleResource

from .factories import ArticleFactory, DutyEditorFactory, PageFactory, UserFactory

pytestmark = pytest.mark.django_db

CSV = "0"


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


