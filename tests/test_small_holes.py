"""Smaller holes of the probe: robots.txt and the secret admin path, the readers' language, the
login's unsafe ``next``, and commands that print only their own output."""
import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import clear_url_caches, reverse

from .factories import ArticleFactory, EditionFactory, UserFactory

pytestmark = pytest.mark.django_db

SAMPLE_PAGE = Path(__file__).parent / "parser_pages" / "001_national_yaowen.txt"


@pytest.fixture
def secret_admin_path(settings):
    """The admin at a path of the operator's choosing, as DJANGO_ADMIN_PATH sets it."""
    import importlib

    import newsroom.urls

    settings.ADMIN_PATH = "desk-7f3a9c/"
    clear_url_caches()
    importlib.reload(newsroom.urls)
    yield settings.ADMIN_PATH
    settings.ADMIN_PATH = "admin/"
    clear_url_caches()
    importlib.reload(newsroom.urls)


def test_robots_txt_does_not_publish_the_secret_admin_path(client, secret_admin_path):
    assert reverse("admin:index") == f"/{secret_admin_path}"  # the admin really lives there
    text = client.get("/robots.txt").content.decode()
    assert "desk-7f3a9c" not in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert client.get(f"/{secret_admin_path}").status_code == 302  # to its login page


@pytest.mark.parametrize("accept", ["en-US,en;q=0.9", "ja", "zh-CN,zh;q=0.9"])
def test_public_pages_speak_chinese_whatever_the_browser_asks(client, accept):
    edition = EditionFactory(date=datetime.date(2022, 11, 22), published=True)  # a Tuesday
    ArticleFactory(page__edition=edition, published=True)
    first = client.get(edition.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=accept).content.decode()
    then = client.get(edition.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    for html in (first, then):
        assert "2022年11月22日 星期二" in html
        assert "Tuesday" not in html


def test_the_desk_speaks_chinese_to_an_english_browser(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    html = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "注销" in html and "Log out" not in html


@pytest.mark.parametrize("unsafe", ["//evil.example/", "https://evil.example/steal", "http://testserver.evil.example/"])
def test_a_login_with_an_unsafe_next_lands_on_the_desk(client, unsafe):
    UserFactory(username="wang", password="correct horse", is_staff=True, is_superuser=True)
    response = client.post(
        reverse("admin:login"), {"username": "wang", "password": "correct horse", "next": unsafe}, follow=True
    )
    assert response.redirect_chain[0][0] == reverse("admin:index")
    assert response.status_code == 200
    assert "注销" in response.content.decode()


def test_a_login_with_a_safe_next_goes_there(client):
    UserFactory(username="wang", password="correct horse", is_staff=True, is_superuser=True)
    wanted = reverse("admin:articles_article_changelist")
    response = client.post(reverse("admin:login"), {"username": "wang", "password": "correct horse", "next": wanted})
    assert response.status_code == 302 and response["Location"] == wanted


def test_a_command_prints_only_its_own_output(tmp_path):
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings"}
    result = subprocess.run(
        [sys.executable, "manage.py", "parse_page", str(SAMPLE_PAGE)],
        cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.strip().startswith("{")
