"""Every model's admin opens, with rows in it, for an editor."""
import pytest
from django.contrib import admin
from django.urls import reverse

from articles.models import Article, Edition, Page

from .factories import BylineFactory, DutyAssignmentFactory, PhotoFactory

pytestmark = pytest.mark.django_db

ARTICLE_MODELS = [model for model in admin.site._registry if model._meta.app_label == "articles"]


@pytest.fixture
def newsroom():
    byline = BylineFactory()
    PhotoFactory(article=byline.article)
    DutyAssignmentFactory(page=byline.article.page)
    return byline.article


@pytest.mark.parametrize("model", ARTICLE_MODELS, ids=lambda model: model.__name__)
def test_changelist_and_add_form_open(admin_client, newsroom, model):
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    assert admin_client.get(changelist).status_code == 200
    assert admin_client.get(add).status_code == 200


@pytest.mark.parametrize("model", [Edition, Page, Article], ids=lambda model: model.__name__)
def test_change_form_with_inlines_opens(admin_client, newsroom, model):
    row = model.objects.get()
    url = reverse(f"admin:articles_{model._meta.model_name}_change", args=[row.pk])
    assert admin_client.get(url).status_code == 200


def test_search_finds_an_article_by_title(admin_client, newsroom):
    response = admin_client.get(reverse("admin:articles_article_changelist"), {"q": newsroom.title})
    assert list(response.context["cl"].result_list) == [newsroom]


def test_the_login_guard_speaks_chinese_in_the_desk(admin_client):
    """django-axes ships no Chinese: its menu entry, lists and columns come from the project's catalog."""
    index = admin_client.get(reverse("admin:index")).content.decode()
    assert "登录防护" in index and "登录尝试记录" in index and "登录失败记录" in index
    assert "Access attempts" not in index and "Axes" not in index
    attempts = admin_client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert "尝试时间" in attempts and "Attempt Time" not in attempts
