"""WSGI entry point: exposes ``application`` for a WSGI server."""
import os

from django.core.wsgi import get_wsgi_application

from newsroom.serving import refuse_without_secret_key

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

application = get_wsgi_application()

refuse_without_secret_key()
