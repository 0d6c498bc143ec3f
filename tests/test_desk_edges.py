"""The desk's small frictions, each as an editor met it: spaced names, other papers' reporters, adding a
paper, linking one's own login, finding an edition by its date, and errors said in the editor's words."""
import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, DutyAssignment, DutyEditor, Page, Publication, Reporter
from articles.pagefiles import page_file_from_bytes
from articles.importing import PageImporter, PageTarget

from .admin_forms import change_form_data
from .factories import (
    ArticleFactory,
    BylineFactory,
    DutyEditorFactory,
    EditionFactory,
    PageFactory,
    PublicationFactory,
    ReporterFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PAGES = Path(settings.BASE_DIR) / "fixtures" / "pages"
MAONAN = PAGES / "002_1d4c0614ade68ba1.txt"


@pytest.fixture
def chief(client):
    user = UserFactory(group="值班主任")
    client.force_login(user)
    return user


@pytest.fixture
def editor(client):
    user = UserFactory(group="编辑")
    client.force_login(user)
    return user


def autocomplete(client, model, field, term):
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": model, "field_name": field, "term": term},
    )
    assert response.status_code == 200, response.content[:300]
    return [row["text"] for row in response.json()["results"]]


# Reporters


def test_a_name_typed_without_spaces_finds_the_letter_spaced_reporter_with_the_paper_shown(client, editor):
    paper = PublicationFactory(name="人民日报")
    ReporterFactory(name="倪  弋", publication=paper)
    ReporterFactory(name="倪明", publication=paper)

    assert autocomplete(client, "byline", "reporter", "倪弋") == ["倪  弋(人民日报)"]
    listed = client.get(reverse("admin:articles_reporter_changelist"), {"q": "倪弋"}).content.decode()
    assert "倪  弋" in listed and "倪明" not in listed


def test_a_reporter_differing_only_in_spaces_is_refused_as_a_duplicate(client, chief):
    paper = PublicationFactory(name="人民日报")
    ReporterFactory(name="倪　弋", publication=paper)  # a full-width space, as OCR keeps it

    response = client.post(
        reverse("admin:articles_reporter_add"), {"name": "倪弋", "kind": "person", "publication": paper.pk}
    )
    assert response.status_code == 200
    assert "人民日报已有作者“倪　弋”(只差空格)" in response.content.decode()
    assert Reporter.objects.count() == 1

    other = PublicationFactory(name="江门日报")
    client.post(reverse("admin:articles_reporter_add"), {"name": "倪弋", "kind": "person", "publication": other.pk})
    assert Reporter.objects.filter(publication=other).count() == 1  # another paper's 倪弋 is another record


def test_the_importer_credits_a_letter_spaced_reporter_already_on_file():
    existing = ReporterFactory(name="李  君平", publication=PublicationFactory(name="茂名晚报"))
    existing.name = "李 君 平"
    existing.save()
    assert Reporter.objects.named("李君平").get() == existing
    text = "\n".join(["# 全市开展安全检查", "", "茂名晚报讯 记者李君平 通讯员茂健 7月14日,全市开展安全检查。检查组走访了多家企业。"])
    PageImporter().import_file(page_file_from_bytes("a.txt", text.encode()), PageTarget(publication="茂名晚报", date=datetime.date(2022, 7, 15)))
    assert Reporter.objects.filter(publication__name="茂名晚报", name_key="李君平").count() == 1
    assert existing.bylines.count() == 1


def test_saving_a_story_credited_to_another_papers_reporter_warns_the_editor(client, editor):
    story = ArticleFactory(page__edition__publication__name="茂名晚报", status=Article.Status.DRAFT)
    outsider = ReporterFactory(name="倪弋", publication=PublicationFactory(name="人民日报"))
    BylineFactory(article=story, reporter=outsider)
    url = reverse("admin:articles_article_change", args=[story.pk])
    response = client.post(url, change_form_data(client.get(url), title="改过的标题"), follow=True)

    messages = [str(m) for m in response.context["messages"]]
    assert any("署名里有别的报纸的作者:倪弋(人民日报)" in m for m in messages), messages
    assert Article.objects.get(pk=story.pk).title == "改过的标题"  # a warning, not a refusal


# Papers, uploads


def test_a_duty_editor_adds_a_paper_and_its_address_is_made_from_the_name(client, chief):
    response = client.post(reverse("admin:articles_publication_add"), {"name": "湛江晚报", "slug": ""}, follow=True)
    assert response.status_code == 200
    assert Publication.objects.get(name="湛江晚报").slug == "zjwb"


def test_an_editor_still_cannot_add_a_paper(client, editor):
    assert client.get(reverse("admin:articles_publication_add")).status_code == 403


def test_an_empty_file_is_named_and_the_others_are_previewed(client, chief, settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    paper = PublicationFactory(name="茂南新闻")
    files = [
        SimpleUploadedFile("a.txt", MAONAN.read_bytes(), content_type="text/plain"),
        SimpleUploadedFile("empty.txt", b"", content_type="text/plain"),
    ]
    response = client.post(
        reverse("admin:articles_page_upload"), {"files": files, "publication": paper.pk, "date": "2022-11-07"}
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "empty.txt" in text and "文件是空的" in text
    assert "a.txt" in text and "提交的文件为空" not in text


def test_too_many_files_are_refused_on_the_form_with_the_count(client, chief):
    files = [SimpleUploadedFile(f"{n:02}.txt", "正文".encode(), content_type="text/plain") for n in range(51)]
    response = client.post(reverse("admin:articles_page_upload"), {"files": files})
    assert response.status_code == 200
    assert "一次最多上传 50 个版面文件,你选了 51 个" in response.content.decode()
    assert Page.objects.count() == 0


def test_a_page_of_no_known_paper_says_what_to_do_in_desk_terms(client, chief, settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    text = "# 一场秋雨\n\n秋雨落在城里,街上的行人打着伞匆匆走过。老人说这是今年最后一场雨了。\n".encode()
    response = client.post(reverse("admin:articles_page_upload"), {"files": [SimpleUploadedFile("x.txt", text)], "date": "2022-11-07"})
    page = response.content.decode()
    assert "无法判断这个版面属于哪份报纸" in page and "--publication" not in page


# Duty editors


def test_a_duty_editor_links_their_own_login_to_their_record(client, chief):
    record = DutyEditorFactory(name="余虔虹")
    someone_else = UserFactory(username="someone")
    url = reverse("admin:articles_dutyeditor_change", args=[record.pk])
    form = client.get(url)
    page = form.content.decode()
    assert "我自己" in page and "someone" not in page

    response = client.post(url, change_form_data(form, user=chief.pk), follow=True)
    assert response.status_code == 200
    record.refresh_from_db()
    assert record.user == chief

    other_record = DutyEditorFactory(name="陈海边", publication=record.publication)
    other_url = reverse("admin:articles_dutyeditor_change", args=[other_record.pk])
    client.post(other_url, change_form_data(client.get(other_url), user=someone_else.pk))
    other_record.refresh_from_db()
    assert other_record.user is None  # nobody else's login, and not the same login twice


def test_the_staff_model_and_the_editors_group_have_different_names(client, chief):
    index = client.get(reverse("admin:index")).content.decode()
    assert "版面人员" in index
    assert DutyEditor._meta.verbose_name == "版面人员"


def test_an_assignment_with_neither_page_nor_edition_says_to_choose_one(client, chief):
    editor = DutyEditorFactory()
    response = client.post(
        reverse("admin:articles_dutyassignment_add"), {"duty_editor": editor.pk, "role": "责编", "position": 0}
    )
    page = response.content.decode()
    assert "请选择版面或期(二选一)" in page and "请只选" not in page
    assert DutyAssignment.objects.count() == 0


@pytest.mark.parametrize("typed", ["2022-11-07", "20221107", "2022/11/7", "2022年11月7日", "11-07", "11月7日"])
def test_editions_and_pages_are_found_by_the_date_typed(client, chief, typed):
    wanted = EditionFactory(publication__name="茂名晚报", date=datetime.date(2022, 11, 7))
    EditionFactory(publication=wanted.publication, date=datetime.date(2022, 11, 8))
    PageFactory(edition=wanted, number=3, name="要闻")

    editions = autocomplete(client, "dutyassignment", "edition", typed)
    assert len(editions) == 1 and "2022-11-07" in editions[0]
    pages = autocomplete(client, "article", "page", typed)
    assert len(pages) == 1


def test_two_stories_given_one_place_are_named_by_the_place(client, chief):
    page = PageFactory()
    first, second = ArticleFactory(page=page, position=1), ArticleFactory(page=page, position=2)
    url = reverse("admin:articles_page_change", args=[page.pk])
    form = client.get(url)
    data = change_form_data(form)
    prefix = next(inline.formset.prefix for inline in form.context["inline_admin_formsets"] if inline.formset.model is Article)
    data.update({f"{prefix}-0-position": 3, f"{prefix}-1-position": 3})
    response = client.post(url, data)
    page_text = response.content.decode()
    assert "版内顺序都是 3" in page_text and "position的重复数据" not in page_text
    assert sorted(Article.objects.values_list("position", flat=True)) == [1, 2]


def test_a_new_edition_saved_with_its_staff_in_the_inline_is_not_refused(client, chief):
    paper = PublicationFactory(name="茂名晚报")
    editor = DutyEditorFactory(publication=paper, name="余虔虹")
    prefix = "duty_assignments"
    response = client.post(
        reverse("admin:articles_edition_add"),
        {
            "publication": paper.pk, "date": "2022-11-09", "status": "draft",
            "pages-TOTAL_FORMS": 0, "pages-INITIAL_FORMS": 0,
            f"{prefix}-TOTAL_FORMS": 1, f"{prefix}-INITIAL_FORMS": 0,
            f"{prefix}-0-position": 1, f"{prefix}-0-role": "值班主任", f"{prefix}-0-duty_editor": editor.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert DutyAssignment.objects.get().edition.date == datetime.date(2022, 11, 9)


def test_zero_width_characters_do_not_hide_a_name():
    reporter = ReporterFactory(name="倪\u200b弋")
    assert Reporter.objects.named("倪弋").get() == reporter
