"""Any saved or deleted row of this app makes the cached public pages stale.

Every model of the app is watched, not a list: a desk action that writes with
``QuerySet.update()`` (which sends no signal) still records a row beside it (a status
change, a log entry) and so still invalidates. The cache is invalidated at once, and
again when the transaction commits: a reader who rendered a page between the two
would otherwise keep the state from before the commit in the cache.
"""
from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save

from . import caching
from .models import Reporter, name_key


def content_changed(sender, **kwargs):
    caching.invalidate()
    transaction.on_commit(caching.invalidate)


def reporter_name_key(sender, instance, **kwargs):
    """A reporter's matching key follows its name on every save, loaddata and restore (raw saves) included."""
    instance.name_key = name_key(instance.name)


def connect():
    pre_save.connect(reporter_name_key, sender=Reporter, dispatch_uid="reporter-name-key")
    for model in apps.get_app_config("articles").get_models():
        uid = f"epaper-cache-{model._meta.label_lower}"
        post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}-delete")
