"""Stored text with characters XML cannot hold (Word's vertical tab in a headline, a stray control
character in a body or a name) never makes a feed or an export fail: readers' feed readers get a
valid feed, and the desk gets its file in every format, the whole list or the selected rows."""
import csv
import io
import json
import xml.etree.ElementTree as ET

import openpyxl
import pytest
from django.contrib import admin
from django.db import connection
from django.urls import reverse

from articles.admin import BulkImportExport

from .factories import (
    ArticleFactory, BylineFactory, DutyAssignmentFactory, DutyEditorFactory, EditionFactory, PageFactory,
    ReporterFactory, UserFactory,
)
from .test_resources import export_form_data

pytestmark = pytest.mark.django_db

DIRTY = "\x00\x01\x08\x0b\x0c\x0e\x1f\ufffe"
if connection.vendor == "postgresql":  # PostgreSQL cannot store a NUL, so none can come out of it
    DIRTY = DIRTY.replace("\x00", "")


@pytest.fixture
def dirty_desk():
    """Every text a feed or an export shows carries characters XML 1.0 forbids, stored as they came."""
    edition = EditionFactory(
        publication__slug="mmwb", publication__name="茂名\x0b晚报", publication__description="本地\x01新闻",
        published=True,
    )
    page = PageFactory(edition=edition, name="要\x0c闻")
    article = ArticleFactory(
        page=page, published=True, kicker="引题\x0b", title="市民热线\x0b当好总客服", subtitle="副题\x1f",
        body=f"7月14日\x0b至15日,{DIRTY}全市开展专项检查。\n\n第二段\x01。",
    )
    reporter = ReporterFactory(name="李\x0b君平", publication=edition.publication)
    BylineFactory(article=article, reporter=reporter, position=1)
    DutyAssignmentFactory(page=page, duty_editor=DutyEditorFactory(name="余\x0b虔虹", publication=edition.publication))
    return article, reporter


def assert_clean(text):
    assert not any(char in text for char in DIRTY)


def test_every_feed_is_valid_xml_whatever_the_stored_text(client, dirty_desk):
    article, reporter = dirty_desk
    for url in (
        reverse("articles:paper_feed", args=["mmwb"]),
        reverse("articles:reporter_feed", args=["mmwb", reporter.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        channel = ET.fromstring(response.content).find("channel")
        item = channel.find("item")
        assert "市民热线 当好总客服" in item.findtext("title")  # the line break became a space
        assert "7月14日 至15日" in item.findtext("description")
        assert item.findtext("category") == "要 闻"
        assert "李 君平" in item.findtext("{http://purl.org/dc/elements/1.1/}creator")
        assert_clean(response.content.decode())
    assert ET.fromstring(client.get(reverse("articles:paper_feed", args=["mmwb"])).content).findtext(
        "channel/title"
    ) == "茂名 晚报 数字报"


def bulk_admins():
    return [
        (model, model_admin) for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, BulkImportExport)
    ]


def read_export(response, file_format):
    """The cells of an exported file, as text."""
    content = response.getvalue()
    if file_format == "1":
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        return [[str(value) for value in row if value is not None] for row in sheet.values]
    text = content.decode("utf-8-sig")
    if file_format == "0":
        return list(csv.reader(io.StringIO(text)))
    return [[str(value) for value in row.values()] for row in json.loads(text)]


@pytest.mark.parametrize("file_format", ["0", "1", "2"], ids=["csv", "xlsx", "json"])
@pytest.mark.parametrize("selected", [False, True], ids=["whole-list", "action"])
def test_every_export_of_every_list_succeeds_whatever_the_stored_text(client, dirty_desk, file_format, selected):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    article, _reporter = dirty_desk
    assert len(bulk_admins()) >= 4
    for model, _model_admin in bulk_admins():
        info = model._meta.app_label, model._meta.model_name
        export_url = reverse("admin:%s_%s_export" % info)
        if selected:
            form = client.post(
                reverse("admin:%s_%s_changelist" % info),
                {"action": "export_admin_action", "_selected_action": list(model.objects.values_list("pk", flat=True))},
            )
        else:
            form = client.get(export_url)
        assert form.status_code == 200, model
        response = client.post(export_url, export_form_data(form, format=file_format))
        assert response.status_code == 200 and response.has_header("Content-Disposition"), (
            model, [str(m) for m in response.context["messages"]] if response.context else response
        )
        cells = read_export(response, file_format)
        text = "\n".join(" ".join(row) for row in cells)
        assert_clean(text)
        assert len(cells) >= (1 if file_format == "2" else 2), model  # (a header and) the dirty row
        if model is type(article):
            assert "市民热线 当好总客服" in text and "7月14日 至15日" in text
