"""Every response carries the Content-Security-Policy; only the import preview allows style attributes."""
import pytest
from django.test import Client

from .factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    client = Client()
    client.force_login(UserFactory(username="boss", is_superuser=True, is_staff=True))
    return client


def policy(response):
    return dict(
        (part.split(" ", 1) + [""])[:2] for part in (p.strip() for p in response["Content-Security-Policy"].split(";"))
    )


@pytest.mark.parametrize("path", ["/", "/robots.txt", "/api/articles/", "/sitemap.xml", "/no-such-page/"])
def test_public_responses_allow_nothing_inline(client, path):
    rules = policy(client.get(path))
    assert rules["script-src"] == "'self'" and rules["style-src"] == "'self'" and "style-src-attr" not in rules


def test_the_desk_allows_style_attributes_only_on_the_import_preview(editor):
    assert "style-src-attr" not in policy(editor.get("/admin/articles/reporter/"))
    assert "style-src-attr" not in policy(editor.get("/admin/articles/article/export/"))
    rules = policy(editor.get("/admin/articles/reporter/import/"))
    assert rules["style-src-attr"] == "'unsafe-inline'"
    assert rules["script-src"] == "'self'"  # never scripts
