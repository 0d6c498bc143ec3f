"""Bulk import and export: natural keys, readable bylines, escaped formulae, all-or-nothing imports, a lossless round trip."""
from pathlib import Path

import pytest
import tablib
from django.conf import settings
from django.core import serializers
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from import_export.formats.base_formats import CSV, JSON, XLSX

from articles.models import (
    Article,
    Byline,
    DutyAssignment,
    DutyEditor,
    Edition,
    Page,
    Publication,
    Reporter,
)
from articles.resources import RESOURCES, ArticleResource, EditionResource

from .factories import ArticleFactory, BylineFactory, EditionFactory, PageFactory, ReporterFactory, UserFactory

pytestmark = pytest.mark.django_db

SAMPLE = Path(settings.BASE_DIR) / "fixtures" / "sample.json"
ROUND_TRIP_MODELS = [Publication, Edition, DutyEditor, Reporter, Page, DutyAssignment, Article, Byline]
POSITIONED = {"articles.byline": "article", "articles.dutyassignment": "page"}


def snapshot():
    """Every row by natural keys, without ids or timestamps; credits and staff as ordered lists per parent."""
    rows = []
    for model in ROUND_TRIP_MODELS:
        data = serializers.serialize(
            "python", model.objects.all(), use_natural_foreign_keys=True, use_natural_primary_keys=True
        )
        for row in data:
            fields = {k: v for k, v in row["fields"].items() if k not in ("created_at", "updated_at")}
            row.pop("pk", None)
            if row["model"] in POSITIONED:
                fields.pop("position")  # renumbered 1..n on import; the order is compared below
            rows.append((row["model"], repr(sorted(fields.items()))))
    orders = {
        "bylines": sorted(
            (b.article.natural_key(), [(x.reporter.name, x.role) for x in b.article.bylines.order_by("position")])
            for b in Byline.objects.select_related("article__page__edition__publication")
        ),
        "staff": sorted(
            (a.page.natural_key(), [(x.duty_editor.name, x.role) for x in a.page.duty_assignments.order_by("position")])
            for a in DutyAssignment.objects.select_related("page__edition__publication")
        ),
    }
    return sorted(rows), orders


def wipe():
    Article.objects.all().delete()
    for model in [Page, Edition, Reporter, DutyEditor, Publication]:
        model.objects.all().delete()


@pytest.mark.parametrize("file_format", [CSV, XLSX, JSON], ids=lambda f: f.__name__)
def test_exporting_every_model_wiping_and_importing_back_gives_the_same_desk(file_format):
    call_command("loaddata", str(SAMPLE), verbosity=0)
    Article.objects.filter(pk=Article.objects.order_by("pk").first().pk).update(
        title="=HYPERLINK(\"http://evil\")", body="- 第一条\n- 第二条\n\n'@ 引号开头"
    )
    before = snapshot()
    assert before[0] and before[1]["bylines"]
    fmt = file_format()
    files = {resource: fmt.export_data(resource().export()) for resource in RESOURCES}

    wipe()
    assert not Article.objects.exists()
    for resource, exported in files.items():
        dataset = fmt.create_dataset(exported)
        result = resource().import_data(dataset, dry_run=False, raise_errors=True)
        assert not result.has_errors() and not result.has_validation_errors()

    assert snapshot() == before


def test_bylines_travel_as_one_readable_column_and_come_back_in_order():
    article = ArticleFactory()
    BylineFactory(article=article, reporter__name="李君平", role=Byline.Role.REPORTER, position=1)
    BylineFactory(article=article, reporter__name="茂健", role=Byline.Role.CORRESPONDENT, position=2)
    dataset = ArticleResource().export()
    assert dataset.dict[0]["署名"] == "记者:李君平; 通讯员:茂健"
    assert dataset.dict[0]["报纸"] == article.page.edition.publication.name
    assert str(dataset.dict[0]["版次"]) == str(article.page.number)

    row = dataset.dict[0]
    row["署名"] = "通讯员:茂健;记者:张浩洋"
    edited = tablib.Dataset(headers=list(row))
    edited.append(list(row.values()))
    ArticleResource().import_data(edited, dry_run=False, raise_errors=True)
    assert article.credit_line() == "通讯员 茂健 记者 张浩洋"
    assert Reporter.objects.get(name="张浩洋").publication == article.page.edition.publication


def test_formulae_are_escaped_in_the_exported_file():
    ArticleFactory(title="=1+1", kicker="+引题", subtitle="@副题")
    csv_text = CSV().export_data(ArticleResource().export())
    assert "'=1+1" in csv_text and "'+引题" in csv_text and "'@副题" in csv_text
    assert ",=1+1" not in csv_text


def test_a_bad_row_saves_nothing_and_says_which_row_and_why():
    page = PageFactory()
    paper, date = page.edition.publication.name, page.edition.date.isoformat()
    dataset = tablib.Dataset(headers=["报纸", "出版日期", "版次", "版内顺序", "主题", "署名", "状态"])
    dataset.append([paper, date, page.number, 1, "第一篇好稿", "记者:李君平", "草稿"])
    dataset.append([paper, date, page.number, 2, "第二篇", "编委:某人", "草稿"])
    dataset.append([paper, date, 99, 3, "第三篇", "", "草稿"])

    result = ArticleResource().import_data(dataset, dry_run=False, use_transactions=True)

    assert result.has_errors()
    errors = {number: [str(e.error) for e in row_errors] for number, row_errors in result.row_errors()}
    assert "身份“编委”不认识" in errors[2][0]
    assert "没有第99版" in errors[3][0]
    assert not Article.objects.exists()
    assert not Reporter.objects.exists()


def test_an_edition_for_an_unknown_paper_is_refused():
    dataset = tablib.Dataset(headers=["报纸", "出版日期", "状态"])
    dataset.append(["不存在的报纸", "2022-07-15", "草稿"])
    result = EditionResource().import_data(dataset, dry_run=True)
    assert "没有名为“不存在的报纸”的报纸" in str(next(iter(result.row_errors()))[1][0].error)


# In the admin


def export_form_data(response, **extra):
    form = response.context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() not in (None, False)}
    data = {k: ("on" if v is True else v) for k, v in data.items()}
    data.update(extra)
    return data


def test_an_editor_exports_selected_articles_as_csv(client):
    client.force_login(UserFactory(group="编辑"))
    wanted, _ = ArticleFactory(title="要导出的稿件"), ArticleFactory(title="不导出的稿件")
    changelist = reverse("admin:articles_article_changelist")
    form = client.post(changelist, {"action": "export_admin_action", "_selected_action": [wanted.pk]})
    assert form.status_code == 200
    response = client.post(reverse("admin:articles_article_export"), export_form_data(form, format="0"))
    assert response["Content-Type"].startswith("text/csv")
    body = response.getvalue().decode("utf-8")
    assert "要导出的稿件" in body and "不导出的稿件" not in body


def test_the_whole_filtered_list_exports_as_xlsx_and_json(client):
    client.force_login(UserFactory(group="值班主任"))
    EditionFactory(), EditionFactory()
    url = reverse("admin:articles_edition_export")
    page = client.get(url)
    xlsx = client.post(url, export_form_data(page, format="1"))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    as_json = client.post(url, export_form_data(page, format="2"))
    assert len(tablib.Dataset().load(as_json.getvalue().decode(), format="json")) == 2


def csv_upload(rows, headers):
    dataset = tablib.Dataset(headers=headers)
    for row in rows:
        dataset.append(row)
    return SimpleUploadedFile("reporters.csv", CSV().export_data(dataset).encode("utf-8"), content_type="text/csv")


def test_a_duty_editor_imports_through_the_preview_and_confirms(client):
    client.force_login(UserFactory(group="值班主任"))
    paper = ReporterFactory(name="李君平").publication
    url = reverse("admin:articles_reporter_import")
    upload = csv_upload([[paper.name, "李君平", "个人", "茂名晚报社"], [paper.name, "区红十字会", "机构", ""]],
                        ["报纸", "署名", "类别", "所属单位"])

    preview = client.post(url, {"format": "0", "import_file": upload})

    html = preview.content.decode()
    assert "区红十字会" in html and "confirm_form" in preview.context
    assert Reporter.objects.count() == 1  # nothing saved before the confirm
    confirm = preview.context["confirm_form"]
    data = {name: confirm[name].value() for name in confirm.fields}
    client.post(reverse("admin:articles_reporter_process_import"), data)

    assert Reporter.objects.get(name="李君平").affiliation == "茂名晚报社"
    assert Reporter.objects.get(name="区红十字会").kind == Reporter.Kind.ORGANISATION


def test_the_preview_shows_a_bad_row_and_offers_no_confirm(client):
    client.force_login(UserFactory(group="值班主任"))
    paper = ReporterFactory().publication.name
    upload = csv_upload([[paper, "好名字", "个人"], [paper, "坏名字", "外星人"]], ["报纸", "署名", "类别"])
    preview = client.post(reverse("admin:articles_reporter_import"), {"format": "0", "import_file": upload})
    html = preview.content.decode()
    assert "“外星人”不是可选的值" in html
    assert not preview.context.get("confirm_form")
    assert not Reporter.objects.filter(name="好名字").exists()


@pytest.mark.parametrize("group, can_import", [("编辑", False), ("值班主任", True), ("管理员", True)])
def test_importing_is_for_the_desk_and_exporting_for_everyone_on_it(client, group, can_import):
    client.force_login(UserFactory(group=group))
    for model in ["edition", "page", "article", "reporter", "dutyeditor"]:
        assert client.get(reverse(f"admin:articles_{model}_export")).status_code == 200
        assert (client.get(reverse(f"admin:articles_{model}_import")).status_code == 200) == can_import


def test_a_reader_without_a_login_can_neither_import_nor_export(client):
    for name in ["articles_article_export", "articles_article_import"]:
        response = client.get(reverse(f"admin:{name}"))
        assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("resource", RESOURCES, ids=lambda r: r.__name__)
def test_a_file_imported_back_unchanged_saves_no_row_of_any_list(resource):
    """Every list, not only stories: rows the file leaves as they are are neither saved nor listed."""
    call_command("loaddata", str(SAMPLE), verbosity=0)
    exported = CSV().export_data(resource().export())
    result = resource().import_data(CSV().create_dataset(exported), dry_run=False, raise_errors=True)
    assert result.totals["update"] == 0 and result.totals["new"] == 0
    assert result.rows == []  # nothing for the preview to list
