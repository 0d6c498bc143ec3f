"""What a web server process checks before it answers a request."""
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def refuse_without_secret_key():
    """Settings give no fallback key unless DEBUG is on; a server must not run without one."""
    try:
        settings.SECRET_KEY  # Django raises ImproperlyConfigured when it is empty
    except ImproperlyConfigured as error:
        raise ImproperlyConfigured(
            "Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for local development)."
        ) from error
