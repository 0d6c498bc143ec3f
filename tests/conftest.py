import pytest


def pytest_configure(config):
    """Test-only settings on top of newsroom.settings, which pytest-django has loaded.

    The suite runs with DEBUG off, as a server does, so it needs a throwaway secret
    key; static files are looked up per request (no collectstatic manifest), and
    passwords are hashed fast.
    """
    from django.conf import settings

    settings.SECRET_KEY = "tests-only-secret-key-never-used-outside-the-test-suite"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_AUTOREFRESH = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Login throttling needs the request; the test client's login() passes none. The tests of the
    # throttling itself turn it back on.
    settings.AXES_ENABLED = False


@pytest.fixture
def empty_page_cache():
    """No cached page, no process copy and no remembered outage of the shared cache, before the test."""
    from django.core.cache import cache

    from articles import caching

    cache.clear()
    caching.process_copies.clear()
    caching._unreachable.clear()
    caching._unannounced.clear()
