"""Settings come from the environment; a production environment passes Django's deploy checks."""
import os
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "k3Jx9-production-like-secret-5Qm2vLr8Tz1Wc7Hn4Bd6Fg0Ys-Pa",
    "DJANGO_ALLOWED_HOSTS": "epaper.example.com",
    "DJANGO_SECURE_HSTS_SECONDS": "31536000",
    "DJANGO_SECURE_SSL_REDIRECT": "1",
    "DJANGO_SESSION_COOKIE_SECURE": "1",
    "DJANGO_CSRF_COOKIE_SECURE": "1",
}


def run_python(*args, **env):
    """Run Python in a fresh process with the project settings and only the given DJANGO_ variables."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    clean.update(DJANGO_SETTINGS_MODULE="newsroom.settings", **env)
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_passes_with_production_variables():
    result = run_python("manage.py", "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_deploy_check_flags_debug():
    env = {**PRODUCTION_ENV, "DJANGO_DEBUG": "1"}
    result = run_python("manage.py", "check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode != 0
    assert "security.W018" in result.stderr


def test_server_refuses_to_start_without_a_secret_key():
    for entry_point in ["newsroom.wsgi", "newsroom.asgi"]:
        result = run_python("-c", f"import {entry_point}")
        assert result.returncode != 0
        assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_server_starts_with_a_secret_key():
    result = run_python("-c", "import newsroom.wsgi", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr


def test_server_starts_without_a_secret_key_when_debugging():
    result = run_python("-c", "import newsroom.wsgi", DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_offline_commands_run_without_a_secret_key():
    result = run_python("manage.py", "check")
    assert result.returncode == 0, result.stderr


def test_sqlite_writers_wait_for_each_other_and_postgresql_is_left_as_it_is(tmp_path):
    show = "from django.conf import settings; print(sorted(settings.DATABASES['default'].get('OPTIONS', {}).items()))"
    sqlite = run_python("-c", f"import django; django.setup(); {show}", DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}")
    assert sqlite.returncode == 0, sqlite.stderr
    assert "('transaction_mode', 'IMMEDIATE')" in sqlite.stdout and "('timeout', 20)" in sqlite.stdout
    assert "PRAGMA journal_mode=WAL" in sqlite.stdout
    postgres = run_python("-c", f"import django; django.setup(); {show}", DATABASE_URL="postgres://u@127.0.0.1:5432/x")
    assert postgres.returncode == 0, postgres.stderr
    assert postgres.stdout.strip() == "[]"
