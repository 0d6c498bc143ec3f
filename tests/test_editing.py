"""The one write path for stories (articles.editing): its rules once here, and once per path that calls it."""
import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from reversion.models import Version

from articles import editing, services
from articles.importing import PageImporter, PageTarget
from articles.models import Article, Page
from articles.pagefiles import page_file_from_bytes

from .admin_forms import change_form_data
from .factories import ArticleFactory, DutyEditorFactory, PageFactory, PublicationFactory, UserFactory
from .test_upload_pages import JIANGMEN

pytestmark = pytest.mark.django_db

S = Article.Status


def signed_page(**kwargs):
    page = PageFactory(**kwargs)
    chief = UserFactory(group="值班主任", username="zhou")
    DutyEditorFactory(user=chief, publication=page.edition.publication, name="余虔虹")
    services.sign_off_page(page=page, user=chief)
    page.refresh_from_db()
    assert page.is_signed_off
    return page


def page_history(page):
    return [entry.get_change_message() for entry in LogEntry.objects.filter(object_id=str(page.pk))]


# The rules, at the service


def test_text_loses_control_characters_and_a_vertical_tab_becomes_a_line_break():
    assert editing.clean_text("第一行\x0b第二行\x00\x07\x1b\x7f\u0085\t末尾\r\n") == "第一行\n第二行\t末尾\n"


def test_a_save_cleans_bumps_the_version_and_leaves_a_history_entry_naming_user_and_source():
    user = UserFactory(group="编辑", username="wang")
    article = ArticleFactory(title="旧\x08标题", version=3)
    article.title = "新\x0c标题"
    editing.save_article(article=article, user=user, source="导入 稿件.csv", based_on_version=3)

    article.refresh_from_db()
    assert article.title == "新标题" and article.version == 4
    version = Version.objects.get_for_object(article).get()
    assert version.revision.user == user and version.revision.comment == "导入 稿件.csv"


def test_a_save_based_on_an_older_version_is_refused_naming_who_and_which_fields():
    wang, li = UserFactory(group="编辑", username="wang"), UserFactory(group="编辑", username="li")
    article = ArticleFactory(title="原标题", body="原正文")
    opened = article.version
    first = Article.objects.get(pk=article.pk)
    first.title = "王改的标题"
    editing.save_article(article=first, user=wang, source="桌面编辑", based_on_version=opened)

    second = Article.objects.get(pk=article.pk)
    second.title, second.body = "李改的标题", "原正文"
    with pytest.raises(editing.EditConflict) as refused:
        editing.save_article(article=second, user=li, source="桌面编辑", based_on_version=opened)

    message = str(refused.value)
    assert "wang" in message and "主题" in message and "正文" not in message
    assert Article.objects.get().title == "王改的标题"


def test_a_story_the_desk_took_over_is_refused_for_an_editor_not_for_the_duty_editor():
    editor, chief = UserFactory(group="编辑"), UserFactory(group="值班主任")
    article = ArticleFactory(status=S.APPROVED, title="原标题")
    article.title = "改"
    with pytest.raises(editing.StoryLocked, match="已审"):
        editing.save_article(article=article, user=editor, source="桌面编辑", based_on_version=article.version)
    assert Article.objects.get().title == "原标题"
    editing.save_article(article=article, user=chief, source="桌面编辑", based_on_version=article.version)
    assert Article.objects.get().title == "改" and Article.objects.get().status == S.APPROVED


def test_a_change_withdraws_the_sign_off_and_the_page_history_says_why():
    page = signed_page()
    article = ArticleFactory(page=page, title="原标题")
    editor = UserFactory(group="编辑", username="wang")
    article.title = "改过的标题"
    result = editing.save_article(article=article, user=editor, source="桌面编辑", based_on_version=article.version)

    page.refresh_from_db()
    assert not page.is_signed_off
    assert result.messages() and "签版已撤销" in result.messages()[0]
    assert any("撤销签版" in line and "余虔虹" in line and "改过的标题" in line and "wang" in line for line in page_history(page))


def test_a_save_that_changes_nothing_keeps_the_sign_off():
    page = signed_page()
    article = ArticleFactory(page=page)
    editing.save_article(article=article, user=UserFactory(group="编辑"), source="桌面编辑", based_on_version=article.version)
    page.refresh_from_db()
    assert page.is_signed_off


# Each path


def test_the_desk_form_withdraws_the_sign_off_and_tells_the_editor(client):
    page = signed_page()
    article = ArticleFactory(page=page, title="原标题")
    client.force_login(UserFactory(group="编辑", username="wang"))
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, change_form_data(client.get(url), title="改过的标题"), follow=True)

    page.refresh_from_db()
    assert not page.is_signed_off
    assert any("签版已撤销" in str(m) for m in response.context["messages"])
    assert any("桌面编辑" in line for line in page_history(page))
    assert Version.objects.get_for_object(article).first().revision.comment.startswith("桌面编辑")


def test_the_desk_form_cleans_control_characters(client):
    article = ArticleFactory(title="原标题")
    client.force_login(UserFactory(group="编辑"))
    url = reverse("admin:articles_article_change", args=[article.pk])
    client.post(url, change_form_data(client.get(url), title="新\x07标题", body="一段\x0b二段"))
    article.refresh_from_db()
    assert article.title == "新标题" and article.body == "一段\n二段"


def test_the_history_does_not_name_the_forms_bookkeeping(client):
    article = ArticleFactory(title="原标题")
    client.force_login(UserFactory(group="编辑"))
    url = reverse("admin:articles_article_change", args=[article.pk])
    client.post(url, change_form_data(client.get(url), title="新标题"))
    history = client.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()
    assert "主题" in history
    assert "opened_version" not in history and "打开时的版本" not in history


def test_an_old_version_of_a_story_that_moved_on_its_page_opens_and_reverts_in_place(client):
    chief = UserFactory(group="值班主任")
    client.force_login(chief)
    page = PageFactory()
    story = ArticleFactory(page=page, position=1, title="第一稿")
    url = reverse("admin:articles_article_change", args=[story.pk])
    client.post(url, change_form_data(client.get(url), title="第一稿"))
    old = Version.objects.get_for_object(story).get()
    client.post(url, change_form_data(client.get(url), title="第二稿", position=3))
    ArticleFactory(page=page, position=1, title="另一篇")  # now holds the old place

    revision_url = reverse("admin:articles_article_revision", args=[story.pk, old.pk])
    form = client.get(revision_url)
    assert form.status_code == 200 and "第一稿" in form.content.decode()
    assert client.post(revision_url, change_form_data(form)).status_code == 302
    story.refresh_from_db()
    assert story.title == "第一稿" and story.position == 3
    assert Article.objects.get(title="另一篇").position == 1


def test_a_page_reimport_records_the_file_in_each_changed_storys_history():
    text = "# 老标题\n\n茂名晚报讯 正文一段。"
    importer = PageImporter()
    target = PageTarget(publication="茂名晚报", date=__import__("datetime").date(2022, 11, 7), number=1)
    report = importer.import_file(page_file_from_bytes("a01.txt", text.encode()), target)
    article = report.page.articles.get()
    PageImporter().import_file(page_file_from_bytes("a01-new.txt", text.replace("老标题", "新标题").encode()), target)

    article.refresh_from_db()
    assert article.title == "新标题" and article.version == 2
    comments = [v.revision.comment for v in Version.objects.get_for_object(article)]
    assert comments == ["导入 a01-new.txt", "导入时的原样(a01.txt)"]  # newest first


def test_a_reparse_is_recorded_as_such_with_the_user():
    chief = UserFactory(group="值班主任", username="zhou")
    page = PageFactory(source_text="# 新的标题\n\n正文。", source_hash="a" * 64)
    article = ArticleFactory(page=page, position=1, title="旧的标题")
    services.reparse_page(page=page, user=chief)
    article.refresh_from_db()
    version = Version.objects.get_for_object(article).get()
    assert article.title == "新的标题" and version.revision.comment == "重新解析" and version.revision.user == chief


def test_an_uploaded_changed_page_file_records_who_and_which_file_and_why_the_sign_off_went(client):
    chief = UserFactory(group="值班主任", username="zhou")
    client.force_login(chief)
    paper = PublicationFactory(name="江门日报")
    url = reverse("admin:articles_page_upload")
    fields = {"publication": paper.pk, "date": "2022-11-22", "first_number": 1}

    def upload(data):
        preview = client.post(url, {"files": [SimpleUploadedFile(JIANGMEN.name, data, content_type="text/plain")], **fields})
        client.post(url, {"token": preview.context["token"], "confirm": "1"}, follow=True)

    original = JIANGMEN.read_bytes()
    upload(original)
    page = Page.objects.get()
    DutyEditorFactory(user=chief, publication=paper, name="余虔虹")
    services.sign_off_page(page=page, user=chief)
    first = page.articles.order_by("position").first()
    upload(original.decode().replace(first.title, first.title + "(更正)").encode())

    first.refresh_from_db()
    version, as_imported = Version.objects.get_for_object(first)  # newest first
    assert version.revision.user == chief and version.revision.comment == f"导入 {JIANGMEN.name}"
    assert as_imported.revision.comment == f"导入时的原样({JIANGMEN.name})"
    page.refresh_from_db()
    assert not page.is_signed_off
    assert any("撤销签版" in line and "余虔虹" in line and JIANGMEN.name in line for line in page_history(page))
