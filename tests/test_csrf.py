"""CSRF protection on every form: no view is exempt, every POST form carries the token, and a
forged POST to any of the desk's pages is refused with nothing changed."""
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from articles.models import Article, Edition

from .factories import BylineFactory, DutyAssignmentFactory, PhotoFactory, UserFactory

pytestmark = pytest.mark.django_db


def every_view(patterns=None, prefix=""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            yield from every_view(entry.url_patterns, prefix + str(entry.pattern))
        else:
            yield prefix + str(entry.pattern), entry.callback


def test_the_csrf_middleware_is_on():
    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE


def test_no_view_of_the_site_or_the_desk_is_exempt_from_csrf():
    exempt = [pattern for pattern, view in every_view() if getattr(view, "csrf_exempt", False)]
    assert exempt == []


def test_every_post_form_in_our_templates_carries_the_token():
    missing = []
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for form in re.findall(r"<form\b[^>]*>.*?</form>", text, flags=re.S | re.I):
            if re.search(r'method=["\']?post', form, flags=re.I) and "csrf_token" not in form:
                missing.append(str(template.relative_to(settings.BASE_DIR)))
    assert missing == []


@pytest.fixture
def forger():
    """A logged-in superuser whose browser is made to post by another site: no CSRF token."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(username="chief", is_superuser=True))
    return client


def desk_urls():
    photo = PhotoFactory()
    byline = BylineFactory(article=photo.article)
    assignment = DutyAssignmentFactory(page=photo.article.page)
    page = photo.article.page
    objects = {
        "publication": page.edition.publication, "edition": page.edition, "page": page,
        "article": photo.article, "reporter": byline.reporter, "byline": byline,
        "dutyeditor": assignment.duty_editor, "dutyassignment": assignment, "photo": photo,
    }
    urls = [reverse("admin:articles_page_upload"), reverse("admin:articles_my_desk"),
            reverse("admin:articles_page_sign_off", args=[page.pk]),
            reverse("admin:articles_article_transition", args=[photo.article.pk, "submit"])]
    for model, instance in objects.items():
        urls.append(reverse(f"admin:articles_{model}_changelist"))
        urls.append(reverse(f"admin:articles_{model}_add"))
        urls.append(reverse(f"admin:articles_{model}_change", args=[instance.pk]))
        urls.append(reverse(f"admin:articles_{model}_delete", args=[instance.pk]))
    for model in ("edition", "page", "article", "reporter", "dutyeditor"):
        urls += [reverse(f"admin:articles_{model}_import"), reverse(f"admin:articles_{model}_process_import"),
                 reverse(f"admin:articles_{model}_export")]
    return urls, photo.article


def test_a_forged_post_to_any_desk_page_is_refused_and_changes_nothing(forger):
    urls, article = desk_urls()
    before = (Article.objects.count(), article.status, article.title, Edition.objects.count())

    answers = {url: forger.post(url, {"title": "伪造", "action": "publish", "_selected_action": [article.pk],
                                      "post": "yes"}).status_code for url in urls}

    assert {url: code for url, code in answers.items() if code != 403} == {}
    article.refresh_from_db()
    assert (Article.objects.count(), article.status, article.title, Edition.objects.count()) == before


def test_a_forged_login_post_is_refused(client):
    forged = Client(enforce_csrf_checks=True)
    response = forged.post(reverse("admin:login"), {"username": "chief", "password": "x"})
    assert response.status_code == 403


def test_the_desk_forms_render_the_token_they_need(forger):
    desk_urls()
    for url in (reverse("admin:articles_page_upload"), reverse("admin:articles_article_add")):
        assert b"csrfmiddlewaretoken" in forger.get(url).content, url
