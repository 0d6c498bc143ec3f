"""Settings for the newsroom project.

Everything that differs between a laptop and a server is read from an environment
variable in this module and nowhere else; README.md lists every variable. The
defaults are safe for local work: DEBUG is off unless asked for, and a server
without DJANGO_SECRET_KEY refuses to start.
"""
import datetime
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent

TRUE_WORDS = {"1", "true", "yes", "on"}


def env_bool(name, default=False):
    value = os.environ.get(name, "").strip().lower()
    return value in TRUE_WORDS if value else default


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_list(name, default=()):
    items = [item.strip() for item in os.environ.get(name, "").split(",")]
    return [item for item in items if item] or list(default)


def env_path(name, default):
    value = os.environ.get(name, "").strip()
    return Path(value) if value else default


# --- Core -------------------------------------------------------------------

DEBUG = env_bool("DJANGO_DEBUG")

# Only a debugging process gets a fallback key. Without DEBUG the key stays empty:
# the web server refuses to start (see newsroom/wsgi.py), while offline commands
# that sign nothing (check, migrate, parse_page) still run.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
if DEBUG and "testserver" not in ALLOWED_HOSTS:
    ALLOWED_HOSTS.append("testserver")

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "import_export",
    "reversion",
    "newsroom.apps.LoginGuardConfig",  # django-axes, named in Chinese
    "articles",
]

MIDDLEWARE = [
    "newsroom.limits.RequestBodyLimitMiddleware",
    "newsroom.middleware.RefuseBadAddressMiddleware",
    "newsroom.middleware.ContentSecurityPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Readers' cached pages, answered before the middleware below (articles/fast_pages.py).
    "articles.fast_pages.CachedPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Login brute force is throttled by django-axes: after DJANGO_LOGIN_FAILURE_LIMIT failed logins for
# one user name from one address, that pair is locked out for DJANGO_LOGIN_COOLOFF_MINUTES.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("DJANGO_LOGIN_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = env_int("DJANGO_PROXY_COUNT", 0) or None
AXES_LOCKOUT_TEMPLATE = "lockout.html"
# django-axes would announce itself ("AXES: BEGIN version ...") on every command's stderr.
AXES_VERBOSE = False

# After logging in without a safe ``next`` (none, or one pointing off the site), editors land on
# the desk's front page rather than Django's default /accounts/profile/, which does not exist.
LOGIN_REDIRECT_URL = "admin:index"

# The admin lives at a configurable path, so its address is not the first one bots try.
ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "admin").strip("/") + "/"

# Uploads: a whole request is refused over DJANGO_REQUEST_MAX_BYTES before it is read; form fields
# kept in memory are capped; page files are refused over 5 MB by the importer, photos over 10 MB
# or not JPG/PNG/GIF/WebP by their own validators. Larger files wait in FILE_UPLOAD_TEMP_DIR.
REQUEST_MAX_BYTES = env_int("DJANGO_REQUEST_MAX_BYTES", 100 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DJANGO_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_TEMP_DIR = os.environ.get("DJANGO_UPLOAD_TEMP_DIR") or None
# Above the upload form's own limit of 50 page files, so that an editor who picks a few too many is
# told so on the form in Chinese instead of getting a bare 400; far more than that is refused as a 400.
DATA_UPLOAD_MAX_NUMBER_FILES = 200

# Bulk import/export in the admin: importing and exporting each need their own permission
# (articles.import_article, articles.export_article, ...), and an import is one transaction.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
IMPORT_EXPORT_USE_TRANSACTIONS = True

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("DJANGO_CONN_MAX_AGE", 60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite lets one writer in at a time. Each transaction takes the write lock when it begins
    # (BEGIN IMMEDIATE) and waits up to the timeout for another writer to finish: a transaction that
    # read first and then wanted to write while another wrote was refused at once with "database is
    # locked" (two editors correcting a page together). WAL lets readers go on while one writes.
    # Django's SQLite notes: "Database is locked" errors; OPTIONS transaction_mode and init_command
    # (Django 5.1+).
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("DJANGO_SQLITE_TIMEOUT", 20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL")
if CACHE_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, reusing one Redis client instead of building one per call,
            # every call bounded by short timeouts and a circuit breaker (a hung Redis costs a
            # request at most one timeout, then is left alone for the cool-down).
            "BACKEND": "articles.caching.RedisCache",
            "LOCATION": CACHE_URL,
            "OPTIONS": {
                "socket_connect_timeout": float(os.environ.get("CACHE_CONNECT_TIMEOUT") or 0.25),
                "socket_timeout": float(os.environ.get("CACHE_TIMEOUT") or 0.25),
                "cool_down": float(os.environ.get("CACHE_COOL_DOWN") or 5),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Language and time --------------------------------------------------------

# The site and the desk speak Chinese to everyone: there is no LocaleMiddleware, so a browser's
# Accept-Language cannot switch a page to English (and a cached page to every reader after it).

LANGUAGE_CODE = "zh-hans"
# Chinese for the parts of packages that ship none (the login guard's admin)
LOCALE_PATHS = [BASE_DIR / "newsroom" / "locale"]
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Files ------------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = env_path("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env_path("DJANGO_MEDIA_ROOT", BASE_DIR / "media")
# Uploaded photos are served by the app itself unless a proxy in front serves MEDIA_ROOT
# (then set DJANGO_SERVE_MEDIA=0). Several app servers need MEDIA_ROOT on shared storage.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", True)
# A font with Chinese characters for the cards that stand for a story without a photo or logo
# (articles.cards); Debian's fonts-noto-cjk by default. Without one the card shows the paper's slug.
CARD_FONT = env_path("DJANGO_CARD_FONT", "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc")

STORAGES = {
    "default": {"BACKEND": "articles.media.SafeFileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- Security ---------------------------------------------------------------

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool(
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", SECURE_HSTS_SECONDS > 0
)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", SECURE_HSTS_SECONDS > 0)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("DJANGO_CSRF_COOKIE_SECURE", not DEBUG)

# The Content-Security-Policy sent with every response (newsroom.middleware): scripts, styles,
# images and fonts only from this site (photos from MEDIA_URL are on it too), nothing inline.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

# --- Logging ----------------------------------------------------------------

LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
    },
}
