"""The project's settings as the test suite runs them.

The suite runs with DEBUG off, as production does, so it needs a (throwaway)
secret key; static files are served without a collectstatic manifest, and
passwords are hashed fast.
"""
import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key-never-used-outside-the-test-suite")

from newsroom.settings import *  # noqa: E402,F403
from newsroom.settings import STORAGES  # noqa: E402

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Look files up per request instead of indexing a collected STATIC_ROOT at start-up.
WHITENOISE_AUTOREFRESH = True
