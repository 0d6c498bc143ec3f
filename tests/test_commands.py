from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run(**options):
    out = StringIO()
    call_command("ensure_demo_admin", stdout=out, **options)
    return out.getvalue()


def test_demo_admin_is_created_once_and_can_log_in(client, settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)

    assert "演示管理员: admin / newsroom-demo" in run()
    assert "演示管理员: admin / newsroom-demo" in run()

    assert get_user_model().objects.filter(username="admin", is_superuser=True).count() == 1
    assert client.login(username="admin", password="newsroom-demo")
    assert client.get("/admin/").status_code == 200


def test_demo_admin_password_comes_from_the_environment(client, settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "another-secret")

    assert "演示管理员: admin / another-secret" in run()
    assert client.login(username="admin", password="another-secret")


def test_demo_admin_is_refused_outside_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        run()
    assert not get_user_model().objects.exists()
