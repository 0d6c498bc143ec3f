"""A page's order of stories: moving a story, placing a new one mid-page, removing a bogus one.

Every change of place goes through the desk's write path (`articles.editing.save_places`, and
`save_article` for a new story), so it bumps the moved stories' versions, leaves an entry in each
one's 历史 and withdraws the sign-off of a signed page, in a fixed number of queries however long
the page. The rights are the page's:

- 编辑 (change_article) reorder, insert and remove on pages not signed off, in editions not
  published; they remove only stories still open to them (草稿, 待审);
- 值班主任 (sign_off_page, publish_article) may also change signed-off pages, which withdraws the
  sign-off (recorded in the page's history), and restore removed stories.

A removed story is not deleted: it leaves the page's order (its place is freed and the stories
after it close up), keeps its history, and records who removed it, when and why. Readers and the
page's story lists never show it; the desk lists it under 已移除.

Positions are renumbered 1..n in one transaction with the page's row locked, so two editors
reordering one page at once take turns, and a move based on a place the story no longer has
(`from_position`) or on an older version (`based_on_version`) is refused with the reason.
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from . import editing
from .models import Article, Edition, Page

PARKED_POSITION = 32767  # the top of the position range, where a story waits while others move


class OrderRefused(Exception):
    """A change of order the rules refuse; the message tells the editor why, in Chinese."""


def move_story(
    *, article: Article, position: int, user, from_position: int | None = None, based_on_version: int | None = None
) -> editing.SaveResult:
    """Put `article` at `position` (1 = top) on its page; the stories in between shift by one."""
    with transaction.atomic():
        page, placed = _lock_page(article.page_id, user, "调整稿件顺序")
        current = _find(placed, article)
        _refuse_stale(current, from_position, based_on_version)
        position = _checked_position(position, len(placed))
        if current.position == position:
            return editing.SaveResult(current)
        placed.remove(current)
        placed.insert(position - 1, current)
        result = _renumber(placed, user, f"调整版内顺序:“{current.title}”移到第 {position} 篇")
    article.refresh_from_db()
    return result


def insert_story(
    *, article: Article, position: int, user, source: str = "新稿件插入版面", write_related=None
) -> editing.SaveResult:
    """Save a new story (a split-off part, say) at `position` on its page; the stories from there on
    move down by one. `write_related(article)` writes its bylines and photos in the same change."""
    if article.pk is not None:
        raise ValueError("insert_story places a new story; use move_story for a stored one")
    with transaction.atomic():
        page, placed = _lock_page(article.page_id, user, "插入稿件")
        position = _checked_position(position, len(placed) + 1)
        result = _renumber(placed, user, f"“{article.title}”插入第 {position} 篇,其后稿件下移", skip=position)
        article.position = position
        saved = editing.save_article(article=article, user=user, source=source, write_related=write_related)
        result.article = saved.article
        result.withdrawn += saved.withdrawn
    return result


def remove_story(*, article: Article, reason: str, user) -> editing.SaveResult:
    """Take a bogus story off its page's order, with the reason; it is kept, with its history."""
    reason = (reason or "").strip()
    if not reason:
        raise OrderRefused("请写明移除的理由(如“解析多出的稿件”),理由会记在稿件的历史里")
    with transaction.atomic():
        page, placed = _lock_page(article.page_id, user, "移除稿件")
        current = _find(placed, article)
        if not Article.Status(current.status).open_to_editors and not user.has_perm("articles.publish_article"):
            raise OrderRefused(f"“{current.title}”现为{current.get_status_display()},只有值班主任能移除它")
        placed.remove(current)
        current.removed_at, current.removed_by, current.removed_reason = timezone.now(), user, reason[:1000]
        result = _renumber(
            placed, user, f"“{current.title}”移除后,其后稿件上移", extra=[(current, None, f"从版面移除,理由:{reason}")]
        )
        result.article = current
    article.refresh_from_db()
    return result


def restore_story(*, article: Article, user, position: int | None = None) -> editing.SaveResult:
    """Put a removed story back on its page: at `position`, or after the last story."""
    if not user.has_perm("articles.publish_article"):
        raise PermissionDenied("只有值班主任能把移除的稿件恢复到版面上")
    with transaction.atomic():
        page, placed = _lock_page(article.page_id, user, "恢复稿件")
        current = Article.objects.select_for_update().get(pk=article.pk)
        if current.removed_at is None:
            raise OrderRefused(f"“{current.title}”没有被移除,无需恢复")
        position = _checked_position(position or len(placed) + 1, len(placed) + 1)
        current.removed_at, current.removed_by, current.removed_reason = None, None, ""
        result = _renumber(
            placed, user, f"“{current.title}”恢复到第 {position} 篇,其后稿件下移",
            skip=position, extra=[(current, position, f"恢复到版面第 {position} 篇")],
        )
        result.article = current
    article.refresh_from_db()
    return result


def reorder_page(*, page: Page, order: list[int], user, expected: dict[int, int] | None = None) -> editing.SaveResult:
    """Give the page's stories the order of `order` (their ids, top first; every placed story once).

    `expected` ({id: position}) is where the editor saw each story: if any has moved since,
    nothing changes and the editor is asked to look again.
    """
    with transaction.atomic():
        page, placed = _lock_page(page.pk, user, "调整稿件顺序")
        by_id = {story.pk: story for story in placed}
        if sorted(order) != sorted(by_id):
            raise OrderRefused(f"{page.label}的稿件在你打开之后有增减,顺序没有改;请刷新后再调整")
        stale = [by_id[pk].title for pk, seen in (expected or {}).items() if pk in by_id and by_id[pk].position != seen]
        if stale:
            raise OrderRefused(
                f"“{'”“'.join(stale)}”的位置在你打开之后被别人改过,顺序没有改;请刷新页面,看过现在的顺序再调整"
            )
        return _renumber([by_id[pk] for pk in order], user, "调整版内顺序")


def may_change_order(*, page: Page, user) -> bool:
    """Would this user be let to reorder or remove stories on this page? (For showing buttons.)"""
    try:
        _check_page_rights(page, user, "调整稿件顺序")
    except (OrderRefused, PermissionDenied):
        return False
    return True


# --- inside ----------------------------------------------------------------------------------


def _check_page_rights(page: Page, user, what: str) -> None:
    if not user.has_perm("articles.change_article"):
        raise PermissionDenied(f"你没有{what}的权限")
    if user.has_perm("articles.sign_off_page"):
        return
    if page.edition.status == Edition.Status.PUBLISHED:
        raise OrderRefused(f"{page.edition}已经发布,编辑不能再{what};请找值班主任")
    if page.is_signed_off:
        raise OrderRefused(
            f"{page.label}已由{page.signed_off_by}签发,编辑不能再{what};请值班主任调整(调整后须重新签版)"
        )


def _lock_page(page_id: int, user, what: str) -> tuple[Page, list[Article]]:
    """The page (locked, so reorders of one page take turns) and its placed stories in order."""
    pages = Page.objects.select_for_update(of=("self",)).select_related("edition__publication", "signed_off_by")
    page = pages.get(pk=page_id)
    _check_page_rights(page, user, what)
    placed = list(Article.objects.placed().filter(page=page).select_for_update().order_by("position", "pk"))
    return page, placed


def _find(placed: list[Article], article: Article) -> Article:
    for story in placed:
        if story.pk == article.pk:
            return story
    current = Article.objects.filter(pk=article.pk).first()
    if current is None:
        raise OrderRefused("这篇稿件已不存在")
    if current.removed_at is not None:
        raise OrderRefused(f"“{current.title}”已从版面移除,请先恢复")
    raise OrderRefused(f"“{current.title}”在你打开之后已移到别的版面;请刷新后再调整")


def _refuse_stale(current: Article, from_position: int | None, based_on_version: int | None) -> None:
    if from_position is not None and current.position != from_position:
        raise OrderRefused(
            f"“{current.title}”在你打开之后被别人移过(现为第 {current.position} 篇,你看到的是第 {from_position} 篇),"
            "顺序没有改;请刷新后再调整"
        )
    if based_on_version is not None and current.version != based_on_version:
        raise OrderRefused(
            f"{editing.last_saved_by(current)}在你之后改过“{current.title}”(现为第 {current.version} 版),"
            "顺序没有改;请刷新后再调整"
        )


def _checked_position(position, top: int) -> int:
    try:
        position = int(position)
    except (TypeError, ValueError):
        raise OrderRefused(f"版内顺序“{position}”不是数字") from None
    if not 1 <= position <= top:
        raise OrderRefused(f"版内顺序须在 1 到 {top} 之间(本版共 {top} 个位置),“{position}”不在其中")
    return position


def _renumber(ordered: list[Article], user, source: str, skip: int | None = None, extra=()) -> editing.SaveResult:
    """Number `ordered` 1, 2, … (leaving `skip` free) through the desk's write path, with `extra`
    changes ((story, place, note)) made in the same step."""
    changes, number = [], 0
    for story in ordered:
        number += 1
        if number == skip:
            number += 1
        changes.append((story, number, source))
    return editing.save_places(changes=[*extra, *changes], user=user)
