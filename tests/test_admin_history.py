"""An article's history (who changed what, when; revert) and two editors saving the same article."""
import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles import services
from articles.models import Article, Byline

from .admin_forms import change_form_data
from .factories import ArticleFactory, BylineFactory, ReporterFactory, UserFactory

pytestmark = pytest.mark.django_db

S = Article.Status


def desk_client(group, username):
    user = UserFactory(group=group, username=username)
    client = Client()
    client.force_login(user)
    return client, user


def edit(client, article, **changes):
    url = reverse("admin:articles_article_change", args=[article.pk])
    return client.post(url, change_form_data(client.get(url), **changes))


def test_each_save_is_recorded_with_who_and_when_and_shown_in_the_history(client):
    client, user = desk_client("编辑", "wang")
    article = ArticleFactory(title="初稿标题")
    edit(client, article, title="改后的标题")

    version = Version.objects.get_for_object(article).get()
    assert version.revision.user == user
    assert version.field_dict["title"] == "改后的标题"
    history = client.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()
    assert "wang" in history


def test_workflow_steps_appear_in_the_history():
    client, chief = desk_client("值班主任", "zhou")
    article = ArticleFactory(status=S.REVIEW)
    services.transition_article(article=article, transition=Article.Transition.APPROVE, user=chief)
    history = client.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()
    assert "审核通过" in history and "zhou" in history


def test_reverting_brings_back_the_old_text_and_bylines_but_not_the_old_status():
    client, chief = desk_client("值班主任", "zhou")
    article = ArticleFactory(title="第一稿")
    BylineFactory(article=article, reporter__name="李君平")
    edit(client, article, title="第一稿")  # the first recorded version
    first = Version.objects.get_for_object(article).get()
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(client.get(url), title="第二稿", **{"bylines-0-DELETE": "on"})
    client.post(url, data)
    article.refresh_from_db()
    services.transition_article(article=article, transition=Article.Transition.SUBMIT, user=chief)
    assert article.title == "第二稿" and not article.bylines.exists()

    revision_url = reverse("admin:articles_article_revision", args=[article.pk, first.pk])
    form = client.get(revision_url)
    assert "第一稿" in form.content.decode()
    response = client.post(revision_url, change_form_data(form))

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "第一稿"
    assert [b.reporter.name for b in article.bylines.all()] == ["李君平"]
    assert article.status == S.REVIEW  # the workflow is not rewound
    assert article.status_changes.count() == 1


def test_an_editor_cannot_revert_a_published_story():
    client, _ = desk_client("编辑", "wang")
    article = ArticleFactory(title="旧")
    chief_client, _ = desk_client("值班主任", "zhou")
    edit(chief_client, article, title="旧")
    version = Version.objects.get_for_object(article).get()
    Article.objects.filter(pk=article.pk).update(status=S.PUBLISHED, title="新")
    url = reverse("admin:articles_article_revision", args=[article.pk, version.pk])
    assert client.post(url, {"title": "旧"}).status_code == 403
    assert Article.objects.get().title == "新"


def test_the_second_of_two_editors_saving_the_same_article_is_told_and_loses_nothing():
    first, _ = desk_client("编辑", "wang")
    second, _ = desk_client("编辑", "li")
    article = ArticleFactory(title="原标题", body="原正文")
    url = reverse("admin:articles_article_change", args=[article.pk])
    first_form, second_form = first.get(url), second.get(url)

    assert first.post(url, change_form_data(first_form, title="王改的标题")).status_code == 302
    response = second.post(url, change_form_data(second_form, title="李改的标题", body="李改的正文"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "wang" in html and "保存过这篇稿件" in html
    assert ("主题", "王改的标题", "李改的标题") in response.context["adminform"].form.conflict
    assert "我已看过差异,用我的版本覆盖" in html
    assert "李改的正文" in html  # the second editor's text is still in the form
    assert Article.objects.get().title == "王改的标题"  # and the first editor's save stands


def test_pressing_save_again_after_a_conflict_does_not_overwrite_the_other_editor():
    first, _ = desk_client("编辑", "wang")
    second, _ = desk_client("编辑", "li")
    article = ArticleFactory(title="原标题", body="原正文")
    url = reverse("admin:articles_article_change", args=[article.pk])
    first_form, second_form = first.get(url), second.get(url)
    first.post(url, change_form_data(first_form, title="王改的标题", body="王加的段落"))
    conflict = second.post(url, change_form_data(second_form, title="李改的标题"))

    again = second.post(url, change_form_data(conflict))

    assert again.status_code == 200 and again.context["adminform"].form.conflict
    page = again.content.decode()
    assert page.count("保存过这篇稿件") == 1 and "请更正以下错误" not in page  # said once, in the conflict box
    assert Article.objects.get().title == "王改的标题"
    assert Article.objects.get().body == "王加的段落"


def test_an_overwrite_ticked_with_the_differences_in_view_saves_and_keeps_the_other_version_in_history():
    first, _ = desk_client("编辑", "wang")
    second, _ = desk_client("编辑", "li")
    article = ArticleFactory(title="原标题", body="原正文")
    url = reverse("admin:articles_article_change", args=[article.pk])
    first_form, second_form = first.get(url), second.get(url)
    first.post(url, change_form_data(first_form, title="王改的标题"))
    conflict = second.post(url, change_form_data(second_form, title="李改的标题", body="李改的正文"))

    again = second.post(url, change_form_data(conflict, overwrite="on"))

    assert again.status_code == 302
    assert Article.objects.get().title == "李改的标题"
    titles = [v.field_dict["title"] for v in Version.objects.get_for_object(article)]
    assert "王改的标题" in titles and titles[0] == "李改的标题"


def test_an_overwrite_ticked_against_an_older_conflict_is_a_new_conflict():
    """The tick covers the differences shown; a third save meanwhile is shown again."""
    first, _ = desk_client("编辑", "wang")
    second, _ = desk_client("编辑", "li")
    article = ArticleFactory(title="原标题")
    url = reverse("admin:articles_article_change", args=[article.pk])
    first_form, second_form = first.get(url), second.get(url)
    first.post(url, change_form_data(first_form, title="王改的标题"))
    conflict = second.post(url, change_form_data(second_form, title="李改的标题"))
    first.post(url, change_form_data(first.get(url), title="王再改的标题"))

    again = second.post(url, change_form_data(conflict, overwrite="on"))

    assert again.status_code == 200
    assert ("主题", "王再改的标题", "李改的标题") in again.context["adminform"].form.conflict
    assert Article.objects.get().title == "王再改的标题"


def test_a_story_approved_meanwhile_is_refused_in_chinese_and_the_typed_text_kept():
    client, _ = desk_client("编辑", "wang")
    _, chief = desk_client("值班主任", "zhou")
    article = ArticleFactory(status=S.REVIEW, title="原标题")
    url = reverse("admin:articles_article_change", args=[article.pk])
    form = client.get(url)
    services.transition_article(article=article, transition=Article.Transition.APPROVE, user=chief)
    response = client.post(url, change_form_data(form, title="王刚打的标题", body="王刚打的一大段正文"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "已被改为已审" in html and "只有值班主任还能修改" in html
    assert "王刚打的一大段正文" in html and "王刚打的标题" in html
    assert Article.objects.get().title == "原标题" and Article.objects.get().status == S.APPROVED


def test_an_unchanged_reporter_list_survives_a_save():
    client, _ = desk_client("编辑", "wang")
    byline = BylineFactory(reporter=ReporterFactory(name="茂健"), role=Byline.Role.CORRESPONDENT)
    edit(client, byline.article, title="新标题")
    assert byline.article.credit_line() == "通讯员 茂健"


def test_an_editor_viewing_an_old_version_of_a_published_story_is_offered_no_save():
    client, _ = desk_client("编辑", "wang")
    article = ArticleFactory(title="旧")
    chief_client, _ = desk_client("值班主任", "zhou")
    edit(chief_client, article, title="旧")
    version = Version.objects.get_for_object(article).get()
    Article.objects.filter(pk=article.pk).update(status=S.PUBLISHED, title="新")
    url = reverse("admin:articles_article_revision", args=[article.pk, version.pk])

    shown = client.get(url).content.decode()
    assert 'name="_save"' not in shown
    assert "你只能查看旧版本,不能恢复" in shown
    assert 'name="_save"' in chief_client.get(url).content.decode()
