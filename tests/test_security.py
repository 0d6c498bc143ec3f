"""What stands between the desk and an attacker: login throttling, the admin's address, upload caps."""

import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.urls import clear_url_caches, reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def throttled(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


def test_repeated_wrong_passwords_lock_the_login_even_for_the_right_one(client, throttled):
    User.objects.create_user("editor", password="the-right-one", is_staff=True)
    login = reverse("admin:login")
    for _ in range(2):
        response = client.post(login, {"username": "editor", "password": "guess"})
        assert response.status_code == 200  # the form again, with an error
    assert client.post(login, {"username": "editor", "password": "guess"}).status_code == 429

    response = client.post(login, {"username": "editor", "password": "the-right-one"})

    assert response.status_code == 429
    assert "登录已暂停" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_right_password_before_the_limit_logs_in(client, throttled):
    User.objects.create_user("editor", password="the-right-one", is_staff=True)
    login = reverse("admin:login")
    client.post(login, {"username": "editor", "password": "guess"})

    response = client.post(login, {"username": "editor", "password": "the-right-one"})

    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_the_admin_path_comes_from_the_environment():
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'newsroom.settings'; django.setup();"
        "from django.urls import reverse; print(reverse('admin:index'))"
    )
    env = {"DJANGO_ADMIN_PATH": "desk-7f3a", "DJANGO_DEBUG": "1", "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", code], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True)

    assert result.stdout.strip() == "/desk-7f3a/", result.stderr


def test_an_oversized_request_body_is_refused(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = client.post(reverse("admin:login"), {"username": "x" * 4096, "password": "y"})
    assert response.status_code == 400
