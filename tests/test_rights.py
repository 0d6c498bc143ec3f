"""Who may do what at the desk: each group exactly its part, and nothing at all without a login."""
import pytest
from django.contrib import admin
from django.urls import reverse

from articles import services
from articles.models import Article, Edition, Page

from .admin_forms import change_form_data
from .factories import ArticleFactory, DutyEditorFactory, PageFactory, UserFactory

pytestmark = pytest.mark.django_db

S = Article.Status


def login(client, group):
    user = UserFactory(group=group)
    client.force_login(user)
    return user


def admin_urls():
    """Every page of the desk: the index, each model's list and add form, and the desk's own pages."""
    urls = [reverse("admin:index"), reverse("admin:articles_my_desk")]
    for model in admin.site._registry:
        opts = model._meta
        urls += [
            reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
            reverse(f"admin:{opts.app_label}_{opts.model_name}_add"),
        ]
    return urls


def test_a_reader_without_a_login_sees_no_admin_page(client):
    article = ArticleFactory()
    urls = admin_urls() + [
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:articles_article_preview", args=[article.pk]),
        reverse("admin:articles_article_history", args=[article.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:login")), url


def test_a_reader_cannot_sign_off_or_move_a_story(client):
    article = ArticleFactory()
    client.post(reverse("admin:articles_page_sign_off", args=[article.page.pk]))
    client.post(reverse("admin:articles_article_transition", args=[article.pk, "publish"]))
    assert not Page.objects.get().is_signed_off
    assert Article.objects.get().status == S.DRAFT


# 编辑


def test_an_editor_edits_a_draft(client):
    login(client, "编辑")
    article = ArticleFactory(title="旧标题")
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, change_form_data(client.get(url), title="新标题"))
    assert response.status_code == 302
    assert Article.objects.get().title == "新标题"


@pytest.mark.parametrize("status", [S.APPROVED, S.PUBLISHED, S.SPIKED])
def test_an_editor_reads_but_cannot_change_a_story_the_desk_has_taken(client, status):
    login(client, "编辑")
    article = ArticleFactory(title="旧标题", status=status)
    url = reverse("admin:articles_article_change", args=[article.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    response = client.post(url, {"title": "新标题"})
    assert "只有值班主任还能修改" in response.content.decode()  # refused with the reason, not a bare 403
    assert Article.objects.get().title == "旧标题"


def test_an_editor_submits_but_cannot_publish_or_sign_off(client):
    user = login(client, "编辑")
    article = ArticleFactory()
    DutyEditorFactory(user=user, publication=article.page.edition.publication)

    client.post(reverse("admin:articles_article_transition", args=[article.pk, "submit"]))
    assert Article.objects.get().status == S.REVIEW

    assert client.post(reverse("admin:articles_article_transition", args=[article.pk, "approve"])).status_code == 403
    client.post(reverse("admin:articles_page_sign_off", args=[article.page.pk]))
    assert Article.objects.get().status == S.REVIEW
    assert not Page.objects.get().is_signed_off


def test_an_editor_cannot_change_pages_editions_or_accounts(client):
    login(client, "编辑")
    page = PageFactory()
    assert client.post(reverse("admin:articles_page_change", args=[page.pk]), {"name": "改"}).status_code == 403
    assert client.post(reverse("admin:articles_edition_change", args=[page.edition.pk]), {}).status_code == 403
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


# 值班主任


def test_a_duty_editor_signs_off_and_publishes(client):
    user = login(client, "值班主任")
    article = ArticleFactory(status=S.APPROVED)
    DutyEditorFactory(user=user, publication=article.page.edition.publication)

    client.post(reverse("admin:articles_page_sign_off", args=[article.page.pk]))
    edition = article.page.edition
    publish = {"action": "publish", "_selected_action": [edition.pk]}
    asked = client.post(reverse("admin:articles_edition_changelist"), publish)
    assert "确认见报的稿件" in asked.content.decode() and not Edition.objects.published().exists()
    plan = services.plan_publication(edition=edition).fingerprint
    client.post(reverse("admin:articles_edition_changelist"), {**publish, "post": "yes", f"plan_{edition.pk}": plan})

    assert Page.objects.get().is_signed_off
    assert Edition.objects.published().exists()
    assert list(Article.objects.published()) == [article]


def test_a_duty_editor_cannot_manage_accounts(client):
    login(client, "值班主任")
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403


# 管理员


def test_an_administrator_manages_accounts_and_may_do_everything_at_the_desk(client):
    user = login(client, "管理员")
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 200
    for permission in ["publish_edition", "sign_off_page", "publish_article", "delete_article", "import_article"]:
        assert user.has_perm(f"articles.{permission}")


def test_the_groups_differ_exactly_in_publishing_signing_importing_and_accounts():
    editor, chief, administrator = UserFactory(group="编辑"), UserFactory(group="值班主任"), UserFactory(group="管理员")
    rights = {
        "articles.change_article": (True, True, True),
        "articles.export_article": (True, True, True),
        "articles.publish_article": (False, True, True),
        "articles.publish_edition": (False, True, True),
        "articles.sign_off_page": (False, True, True),
        "articles.import_article": (False, True, True),
        "articles.delete_reporter": (False, True, True),
        "articles.delete_article": (False, False, True),
        "auth.change_user": (False, False, True),
    }
    for permission, expected in rights.items():
        assert tuple(u.has_perm(permission) for u in (editor, chief, administrator)) == expected, permission
