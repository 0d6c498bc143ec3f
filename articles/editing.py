"""The one path for every change to a story: the rules each write obeys, whoever writes.

The admin form, bulk import, page upload and re-parse all call `save_article` (or, before they
write, `check_article_write`), so each change to a story

- has its text cleaned (control characters removed, a vertical tab read as a line break),
- is refused when someone changed the story since the version the writer based the change on,
  naming who and which fields, or when the writer may no longer change it,
- bumps the story's version and leaves a django-reversion entry with the user and the source
  ("桌面编辑", "导入 FILE", "重新解析" …),
- withdraws the sign-off of a signed page whose story changed, recorded in the page's history
  with the reason, and reported back so the writer can be told,
- is reindexed and makes the cached pages stale (the article's post_save does both).

A change of the stories' places on a page (articles.ordering: reorder, insert, remove, put back)
goes through `save_places`, which obeys the same rules for many stories at once in a fixed number
of queries: each story's version goes up, each gets its own entry in 历史 with the user and the
reason, a signed page's sign-off is withdrawn, and the cached pages are made stale.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import transaction
from django.db.models import F
from django.utils import timezone
import reversion
from reversion.models import Revision, Version

from . import caching
from .models import Article, Byline, Page, Photo

TEXT_FIELDS = ["kicker", "title", "subtitle", "dateline", "body"]
COMPARED_FIELDS = [*TEXT_FIELDS, "page", "position"]
REMOVAL_FIELDS = ["removed_at", "removed_by_id", "removed_reason"]  # written by articles.ordering alone

# C0 controls except tab and line feed, DEL and the C1 controls; a vertical tab (Word's manual
# line break, and what Excel writes for Alt+Enter in some exports) becomes a line break.
_CONTROL = re.compile(r"[\x00-\x08\x0c\x0e-\x1f\x7f-\x9f]")


class WriteRefused(Exception):
    """A change the rules refuse; the message tells the writer why, in Chinese."""


@dataclass
class EditConflict(WriteRefused):
    """Someone saved the story after the version the change was based on."""

    article: Article  # the story as saved now
    based_on: int
    by: str  # who saved it since, and when ("wang于14:02:11")
    fields: list[str] = field(default_factory=list)  # labels of the fields that differ, when known

    def __str__(self):
        differing = f",改动了{'、'.join(self.fields)}" if self.fields else ""
        return (
            f"{self.by}在你之后保存过“{self.article.title}”(现为第 {self.article.version} 版,"
            f"你的修改基于第 {self.based_on} 版){differing}"
        )


class StoryLocked(WriteRefused):
    """The desk has taken the story over (approved, published, spiked) since the writer opened it."""


@dataclass
class SaveResult:
    article: Article
    withdrawn: list[str] = field(default_factory=list)  # "第01版(余虔虹签发)": sign-offs this change withdrew

    def messages(self) -> list[str]:
        return [f"{page}的稿件改了,原来的签版已撤销,须请值班主任重新签版" for page in self.withdrawn]


def clean_text(value):
    """Text as a story may hold it: no control characters but line breaks and tabs."""
    if not isinstance(value, str):
        return value
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\x0b", "\n").replace("\r", "\n"))


def clean_article_text(article: Article) -> None:
    for name in TEXT_FIELDS:
        setattr(article, name, clean_text(getattr(article, name)))


def last_saved_by(article: Article) -> str:
    """Who saved the story last and when, from its history: "wang于14:02:11", or "另一位编辑"."""
    version = Version.objects.get_for_object(article).select_related("revision__user").first()
    if version is None:
        return "另一位编辑"
    user = version.revision.user
    return f"{user or '某位编辑'}于{timezone.localtime(version.revision.date_created):%m-%d %H:%M:%S}"


def differing_fields(saved: Article, values: dict) -> list[str]:
    """The labels of the compared fields whose given value differs from the saved story's."""
    labels = []
    for name in COMPARED_FIELDS:
        if name not in values:
            continue
        theirs, yours = getattr(saved, name), values[name]
        theirs, yours = getattr(theirs, "pk", theirs), getattr(yours, "pk", yours)
        if (theirs or "") != (yours or ""):
            labels.append(str(Article._meta.get_field(name).verbose_name))
    return labels


def check_article_write(
    *, article_id: int | None, user, based_on_version: int | None, values: dict | None = None, placing: bool = False
):
    """Refuse a change to a stored story, or return the story as saved now (locked till the transaction ends).

    None for a new story. `based_on_version` None means the writer does not know a version
    (a page re-read from its file): no conflict check. `placing` is a change of the story's place
    on its page alone (articles.ordering), whose rights are the page's and checked there.
    """
    if article_id is None:
        return None
    saved = Article.objects.select_for_update().get(pk=article_id)
    if user is not None and not placing and not _may_edit(saved, user):
        raise StoryLocked(
            f"“{saved.title}”在你打开之后已被改为{saved.get_status_display()},只有值班主任还能修改;"
            "你的修改没有保存,仍在表单里,可以复制下来交给值班主任。"
        )
    if based_on_version is not None and saved.version != based_on_version:
        raise EditConflict(saved, based_on_version, last_saved_by(saved), differing_fields(saved, values or {}))
    return saved


def _may_edit(article: Article, user) -> bool:
    if not user.has_perm("articles.change_article"):
        return False
    return Article.Status(article.status).open_to_editors or user.has_perm("articles.publish_article")


def save_article(
    *,
    article: Article,
    user,
    source: str,
    based_on_version: int | None = None,
    write_related=None,
    changed=None,
    placing: bool = False,
) -> SaveResult:
    """Save a new or changed story by every rule of the desk (see the module's docstring).

    `write_related(article)` writes what belongs with the story (bylines, photos) in the same
    transaction and revision. `changed` says whether the story's content changed, when the caller
    knows better than a comparison of the story's own fields (a byline changed); None compares.
    Workflow fields are not the writer's: status and publication time stay as saved (and whether
    the story is removed from its page, except for `placing`: articles.ordering's moves and removals).
    Raises `EditConflict` or `StoryLocked` and writes nothing when the rules refuse.
    """
    with transaction.atomic(), reversion.create_revision():
        saved = check_article_write(
            article_id=article.pk, user=user, based_on_version=based_on_version,
            values={name: getattr(article, name) for name in COMPARED_FIELDS if name != "page"}, placing=placing,
        )
        clean_article_text(article)
        if saved is not None:
            article.status, article.published_at = saved.status, saved.published_at
            if not placing:
                for name in REMOVAL_FIELDS:
                    setattr(article, name, getattr(saved, name))
                if saved.removed_at is not None:
                    article.position = None  # a removed story has no place until it is restored
            article.version = saved.version + 1
            if changed is None:
                changed = bool(differing_fields(saved, {n: getattr(article, n) for n in COMPARED_FIELDS}))
        article.save()
        if write_related is not None:
            write_related(article)
        reversion.set_user(user)
        reversion.set_comment(source)
        reversion.add_to_revision(article)
        result = SaveResult(article)
        if saved is not None and changed:
            pages = {saved.page_id, article.page_id}
            for page in Page.objects.filter(pk__in=pages, signed_off_at__isnull=False).select_related("signed_off_by"):
                result.withdrawn.append(
                    withdraw_sign_off(page=page, user=user, reason=f"稿件“{article.title}”有改动({source})")
                )
    return result


PARK_OFFSET = 16384  # above any real place: where stories wait while the others move


def save_places(*, changes: list[tuple[Article, int | None, str]], user) -> SaveResult:
    """Give each story its new place (None: off the page), by the rules of every write.

    `changes` holds (story, new position, what 历史 says about it). The stories must be locked by
    the caller's transaction (articles.ordering locks the page and its stories), and what else
    the caller changed on them (the removal fields) is saved with the place. Queries: a fixed
    number, however many stories move.
    """
    result = SaveResult(changes[0][0] if changes else None)
    moving = [(story, place, note) for story, place, note in changes if story.position != place or story.pk is None]
    if not moving:
        return result
    now = timezone.now()
    with transaction.atomic():
        pks = [story.pk for story, _, _ in moving]
        # off or back onto the page: the removal fields the caller set go with the place
        leaving = [story for story, place, _ in moving if story.position is None or place is None]
        # parked out of the way, with the version and time every story gets, in one query; then the places
        Article.objects.filter(pk__in=pks).update(
            position=F("position") + PARK_OFFSET, version=F("version") + 1, updated_at=now
        )
        for story, place, _ in moving:
            story.position, story.version, story.updated_at = place, story.version + 1, now
        Article.objects.bulk_update([story for story, _, _ in moving], ["position"])
        Article.objects.bulk_update(leaving, ["removed_at", "removed_by", "removed_reason"])
        record_versions([(story, note) for story, _, note in moving], user, now)
        pages = {story.page_id for story, _, _ in moving}
        for page in Page.objects.filter(pk__in=pages, signed_off_at__isnull=False).select_related("signed_off_by"):
            result.withdrawn.append(withdraw_sign_off(page=page, user=user, reason=moving[0][2]))
        caching.invalidate()  # bulk_update sends no post_save
        transaction.on_commit(caching.invalidate)
    return result


def record_versions(stories: list[tuple[Article, str]], user, now) -> None:
    """A version in 历史 for each story, with what the history says about it, in a fixed number of
    queries: one revision per story (reverting one never touches another), holding the story with its
    bylines and photos, as django-reversion's own save would."""
    if not stories:
        return
    pks = [story.pk for story, _ in stories]
    followed = {pk: [] for pk in pks}
    for related in [*Byline.objects.filter(article__in=pks).select_related("reporter"), *Photo.objects.filter(article__in=pks)]:
        followed[related.article_id].append(related)
    revisions = Revision.objects.bulk_create(
        [Revision(date_created=now, user=user if getattr(user, "pk", None) else None, comment=note) for _, note in stories]
    )
    versions = []
    for revision, (story, _) in zip(revisions, stories):
        for obj in [story, *followed[story.pk]]:
            versions.append(Version(
                revision=revision,
                object_id=str(obj.pk),
                content_type=ContentType.objects.get_for_model(type(obj)),
                db="default",
                format="json",
                serialized_data=serializers.serialize("json", [obj]),
                object_repr=str(obj)[:191],
            ))
    Version.objects.bulk_create(versions)


def withdraw_sign_off(*, page: Page, user, reason: str) -> str:
    """Take back a page's sign-off, and say why in the page's history; returns "第01版(X签发)"."""
    signed_by = page.signed_off_by
    Page.objects.filter(pk=page.pk).update(signed_off_by=None, signed_off_at=None, updated_at=timezone.now())
    page.signed_off_by, page.signed_off_at = None, None
    user_id = getattr(user, "pk", None) or _system_user_id()
    if user_id is not None:
        who = getattr(user, "username", "") or "命令行导入"
        LogEntry.objects.log_actions(
            user_id=user_id,
            queryset=[page],
            action_flag=CHANGE,
            change_message=f"撤销签版(原由{signed_by}签发):{reason},改动人 {who}",
        )
    return f"{page}({signed_by}签发)"


def _system_user_id():
    """The admin history needs a user; a write without one (a command) is recorded under the first
    superuser, and goes unrecorded only where there is none."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(is_superuser=True).order_by("pk").values_list("pk", flat=True).first()
