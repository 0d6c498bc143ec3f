"""Any saved or deleted row the e-paper shows makes the cached public pages stale."""
from django.db.models.signals import post_delete, post_save

from . import caching
from .models import (
    Article,
    Byline,
    DutyAssignment,
    DutyEditor,
    Edition,
    Page,
    Photo,
    Publication,
    Reporter,
)

SHOWN_ON_THE_SITE = [Publication, Edition, Page, Article, Reporter, Byline, DutyEditor, DutyAssignment, Photo]


def content_changed(sender, **kwargs):
    caching.invalidate()


def connect():
    for model in SHOWN_ON_THE_SITE:
        uid = f"epaper-cache-{model._meta.label_lower}"
        post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}-delete")
