"""The desk's writes that carry a rule: workflow steps, sign-off, publishing, merging reporters.

Every function is keyword-only, takes the acting user, checks that user's rights and the rule
itself, and raises `DeskError` (a message for the editor, in Chinese) or `PermissionDenied`
when it refuses. Admin actions and views call these and never hold the logic themselves.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from . import editing, facsimile_uploads
from .facsimile import Prepared
from .importing import UNTITLED, ImportReport, Outcome, PageImporter, PageTarget, edited, plan_order, stored_corrections
from .manifest import ManifestError, parse_manifest
from .media import MediaStorageError
from .pagefiles import MAX_BYTES, PageFile, PageFileError, decode_page_text, page_file_from_bytes
from .house_style import read_page
from .parser import ParsedPage, parse_page
from .scripts import printed_in_traditional

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone
import reversion

from .models import Article, Byline, DutyAssignment, Edition, Page, Photo, Reporter, StatusChange


class DeskError(Exception):
    """A step the desk's rules do not allow; the message tells the editor why."""


def _require(user, permission: str, what: str) -> None:
    if not user.has_perm(permission):
        raise PermissionDenied(f"你没有{what}的权限")


def _log(*, user, obj, message: str) -> None:
    """Record who did what and when in the object's admin history."""
    LogEntry.objects.log_actions(user_id=user.pk, queryset=[obj], action_flag=CHANGE, change_message=message)


# Articles


def transition_article(*, article: Article, transition: Article.Transition, user) -> Article:
    """Take one workflow step (送审, 审核通过, 发布, 撤稿, 恢复) and record who took it and when."""
    transition = Article.Transition(transition)
    _require(user, transition.permission, transition.label)
    with transaction.atomic():
        current = Article.objects.select_for_update().get(pk=article.pk)
        source = Article.Status(current.status)
        if source not in transition.sources:
            raise DeskError(f"“{current.title}”当前是{source.label},不能{transition.label}")
        now = timezone.now()
        changes = {"status": transition.target, "version": F("version") + 1, "updated_at": now}
        if transition.target == Article.Status.PUBLISHED and current.published_at is None:
            changes["published_at"] = now
        Article.objects.filter(pk=current.pk).update(**changes)
        StatusChange.objects.create(
            article=current, transition=transition, from_status=source, to_status=transition.target, user=user, at=now
        )
        with reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment(f"{transition.label}:{source.label} → {transition.target.label}")
            reversion.add_to_revision(Article.objects.get(pk=current.pk))
    article.refresh_from_db()
    return article


@dataclass
class BatchResult:
    done: list = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # one line per refused row, saying why


def transition_articles(*, articles, transition: Article.Transition, user) -> BatchResult:
    """The same step on many articles: each that allows it is moved, the rest are named with the reason."""
    transition = Article.Transition(transition)
    _require(user, transition.permission, transition.label)
    result = BatchResult()
    for article in articles:
        try:
            result.done.append(transition_article(article=article, transition=transition, user=user))
        except DeskError as error:
            result.refused.append(str(error))
    return result


def can_edit_article(*, article: Article | None, user) -> bool:
    """Editors change drafts and stories under review; approved, published or spiked ones are the desk's."""
    if not user.has_perm("articles.change_article"):
        return False
    if article is None or Article.Status(article.status).open_to_editors:
        return True
    return user.has_perm("articles.publish_article")


# Pages


def sign_off_page(*, page: Page, user) -> Page:
    """The duty editor's 签版: only someone on the paper's duty roster, with a login, may sign."""
    _require(user, "articles.sign_off_page", "签发版面")
    duty_editor = getattr(user, "duty_editor", None)
    if duty_editor is None:
        raise DeskError("你的账号没有关联版面人员记录,不能签版;请在“版面人员”里找到自己,填上你的登录账号")
    if duty_editor.publication_id != page.edition.publication_id:
        raise DeskError(f"你是{duty_editor.publication.name}的编辑,不能签发{page.edition.publication.name}的版面")
    with transaction.atomic():
        current = Page.objects.select_for_update().get(pk=page.pk)
        if current.is_signed_off:
            raise DeskError(f"{page}已由{current.signed_off_by}签发")
        current.signed_off_by = duty_editor
        current.signed_off_at = timezone.now()
        current.save(update_fields=["signed_off_by", "signed_off_at", "updated_at"])
        _log(user=user, obj=current, message=f"签版({duty_editor.name})")
    page.refresh_from_db()
    return page


def pages_awaiting_sign_off(*, duty_editor):
    """The duty editor's desk: unsigned pages they are on duty for, whole-edition duty included."""
    on_duty = DutyAssignment.objects.filter(duty_editor=duty_editor)
    return (
        Page.objects.filter(signed_off_at__isnull=True, edition__status=Edition.Status.DRAFT)
        .filter(Q(pk__in=on_duty.values("page")) | Q(edition__in=on_duty.values("edition")))
        .select_related("edition__publication")
        .annotate(n_articles=Count("articles", filter=Q(articles__removed_at__isnull=True)))
        .order_by("-edition__date", "edition__publication__name", "number")
    )


@dataclass
class ReparseRow:
    position: int
    before: str  # the story as stored: headline and credits, "" when the new reading adds it
    after: str  # as the parser reads it now, "" when the new reading drops it
    changed: bool
    edited: bool  # an editor changed it since the import: re-parsing overwrites that
    differences: list[tuple[str, str, str]] = field(default_factory=list)  # (what, now, after) for each part that changes


@dataclass
class ReparsePreview:
    rows: list[ReparseRow]
    warnings: list[str]
    corrections: int = 0  # the editors' corrections the new reading applies
    parsed: ParsedPage | None = None  # the new reading, for the rewrite that follows in the same request

    @property
    def changes(self) -> int:
        return sum(row.changed for row in self.rows)

    @property
    def overwritten(self) -> list[ReparseRow]:
        return [row for row in self.rows if row.changed and row.edited]


def preview_reparse(*, page: Page, corrections: bool = True, parsed: ParsedPage | None = None) -> ReparsePreview:
    """What re-parsing the page's stored text would change, story by story and part by part; nothing is written.

    The page's structure corrections are applied, as the re-parse applies them, unless `corrections` is False.
    `parsed`: the caller has read the text so already (the structure editor, with a correction just made).
    """
    applied = stored_corrections(page) if corrections else []
    if parsed is None and corrections:  # with the paper's house style, as the re-parse applies it
        parsed = read_page(page.source_text, edition_id=page.edition_id, corrections=applied)
    elif parsed is None:
        parsed = parse_page(page.source_text)
    stored = list(page.articles.placed().prefetch_related("bylines__reporter", "photos__credit").order_by("position"))
    # the stored story each new one will update, and where each will stand, as the importer decides
    removed = page.articles.filter(removed_at__isnull=False).values_list("title", flat=True)
    plan = plan_order(stored, parsed, removed=list(removed))  # the rewrite re-reads the stored text
    rows = [
        _reparse_row(place, stored[i] if i is not None else None, fresh)
        for place, i, fresh in zip(plan.places, plan.matches, parsed.articles)
        if place is not None
    ]
    for k in plan.kept:  # the desk's own stories (inserted, not in the text) stay as they are
        article, place = stored[k], plan.stored_places[k]
        summary = _summary(article.headline, article.credit_line())
        rows.append(ReparseRow(place, summary, summary, False, False, _moved(article, place)))  # nothing overwritten
    rows.sort(key=lambda row: row.position)
    rows += [_reparse_row(a.position, a, None) for k, a in enumerate(stored) if k not in plan.stored_places]
    return ReparsePreview(rows, list(parsed.warnings), len(applied), parsed)


def _reparse_row(position: int, article: Article | None, fresh) -> ReparseRow:
    """A stored story and the new reading's story that updates it (either may be None), at `position`."""
    before = _summary(article.headline, article.credit_line()) if article else ""
    after = ""
    if fresh is not None:
        headline = " ".join(filter(None, (fresh.kicker, fresh.title, fresh.subtitle)))
        after = _summary(headline, _parsed_credits(fresh))
    differences = _differences(article, fresh)
    changed = article is None or fresh is None or bool(differences)  # a story that only moves keeps its text
    if article is not None and fresh is not None:
        differences = _moved(article, position) + differences
    return ReparseRow(position, before, after, changed, article is not None and edited(article), differences)


def _moved(article: Article, position: int) -> list[tuple[str, str, str]]:
    return [("位置", f"第 {article.position} 篇", f"第 {position} 篇")] if article.position != position else []


def _parsed_credits(parsed) -> str:
    """The credits as `Article.credit_line` prints stored ones: "记者 陈晓红 林峰 通讯员 茂健"."""
    traditional = printed_in_traditional(f"{parsed.title}\n{parsed.body}")
    groups: list[tuple[str, list[str]]] = []
    for credit in parsed.bylines:
        if groups and groups[-1][0] == credit.role:
            groups[-1][1].append(credit.name)
        else:
            groups.append((credit.role, [credit.name]))
    return " ".join(
        " ".join(filter(None, [Byline.Role(role).printed_prefix(traditional), *names])) for role, names in groups
    )


def _stored_parts(article: Article | None) -> dict[str, str]:
    if article is None:
        return {}
    photos = [f"{p.caption}({p.credit.name} 摄)" if p.credit else p.caption for p in article.photos.all()]
    return {
        "引题": article.kicker, "主题": article.title, "副题": article.subtitle, "电头": article.dateline,
        "署名": article.credit_line(), "小标题": "\n".join(_subheads(article.body)),
        "正文": _plain_body(article.body), "图片": "\n".join(photos),
    }


def _parsed_parts(parsed) -> dict[str, str]:
    if parsed is None:
        return {}
    photos = [f"{p.caption}({p.credit} 摄)" if p.credit else p.caption for p in parsed.photos]
    return {
        "引题": parsed.kicker or "", "主题": parsed.title or UNTITLED, "副题": parsed.subtitle or "",
        "电头": parsed.dateline or "", "署名": _parsed_credits(parsed), "小标题": "\n".join(_subheads(parsed.body)),
        "正文": _plain_body(parsed.body), "图片": "\n".join(photos),
    }


def _subheads(body: str) -> list[str]:
    return [line.lstrip("#").strip() for line in body.splitlines() if line.startswith("#")]


def _plain_body(body: str) -> str:
    return "\n".join(line for line in body.splitlines() if line.strip() and not line.startswith("#"))


def _differences(article: Article | None, parsed) -> list[tuple[str, str, str]]:
    """Each part of the story (headline parts, dateline, credits, subheads, body, photos) that re-parsing changes."""
    now, after = _stored_parts(article), _parsed_parts(parsed)
    return [
        (what, now.get(what, ""), after.get(what, ""))
        for what in ("引题", "主题", "副题", "电头", "署名", "小标题", "正文", "图片")
        if (now.get(what) or "") != (after.get(what) or "")
    ]


def _summary(headline: str, credits: str) -> str:
    return f"{headline}({credits})" if credits else headline


def reparse_page(*, page: Page, user, corrections: bool = True) -> Page:
    """Re-read the page's stored text with today's parser and the page's structure corrections (unless
    `corrections` is False), and rewrite its stories (editors' changes included)."""
    _require(user, "articles.change_page", "重新解析版面")
    message = "按原文重新解析" + ("" if corrections else "(忽略已作的更正)")
    rewrite_page(page=page, user=user, corrections=corrections, source="重新解析", message=message)
    page.refresh_from_db()
    return page


@dataclass
class Rewrite:
    """What rewriting a page's stories from its text did, for the editor who asked."""

    articles: int
    withdrawn: str = ""  # "余虔虹": whose sign-off the change withdrew
    overwritten: list[str] = field(default_factory=list)  # headlines of stories an editor had changed by hand

    def messages(self, page: Page) -> list[str]:
        said = []
        if self.withdrawn:
            said.append(f"{page}的稿件变了,{self.withdrawn}的签版已撤销,须重新签版")
        if self.overwritten:
            said.append(
                f"以下稿件曾有人手工改过,已按新的结构重写:{'、'.join(self.overwritten)};"
                "改过的样子留在各稿件的“历史”里,可以恢复"
            )
        return said


def rewrite_page(
    *, page: Page, user, corrections: bool, source: str, message: str, parsed: ParsedPage | None = None
) -> Rewrite:
    """Rewrite the page's stories from its stored text through the importer (the one write path), with the
    page's corrections or without; the caller has checked the user's rights. Raises `DeskError`.
    The text is parsed once (or not at all when the caller passes its reading, `parsed`): the preview of
    what changes and the import share the reading.

    The importer skips a text it has seen; forgetting the stored fingerprint makes it read the text again,
    and it writes the same fingerprint back.
    """
    if not page.source_text.strip():
        raise DeskError(f"{page}没有原始文字,无法重新解析")
    edition = page.edition
    page_file = PageFile(
        name=page.source_filename or f"{page.label}.txt",
        text=page.source_text,
        sha256=page.source_hash,
        size=len(page.source_text.encode()),
    )
    target = PageTarget(publication=edition.publication.name, date=edition.date, number=page.number, name=page.name)
    preview = preview_reparse(page=page, corrections=corrections, parsed=parsed)
    done = Rewrite(0, overwritten=[row.before.split("(")[0] or f"第 {row.position} 篇" for row in preview.overwritten])
    try:
        with transaction.atomic():
            Page.objects.filter(pk=page.pk).update(source_hash="")
            if preview.changes and page.is_signed_off:
                done.withdrawn = str(page.signed_off_by)
                editing.withdraw_sign_off(page=page, user=user, reason=f"{source}后稿件有变")
            importer = PageImporter(force=True, user=user, source=source, corrections=corrections)
            result = importer.import_file(page_file, target, parsed=preview.parsed)
            if result.error:
                raise DeskError(f"{page}重新解析失败:{result.error}")
            done.articles = result.articles
            if done.withdrawn:
                message += f";稿件有变,{done.withdrawn}的签版已撤销,须重新签版"
            _log(user=user, obj=page, message=f"{message}:{result.articles} 篇稿件")
    except editing.StoryLocked as error:
        raise DeskError(
            "这次改动要改到已审核通过、已发布或已撤下的稿件,只有值班主任能改;本次没有改动任何稿件,请交给值班主任"
        ) from error
    except editing.WriteRefused as error:
        raise DeskError(f"{error}(本次没有改动任何稿件)") from error
    return done


# Editions


@dataclass
class PagePlan:
    """One page of an edition about to be published: which of its stories go out, which stay behind."""

    page: Page
    going_out: list[Article]  # approved, or published before (an edition taken down and put back)
    drafts: list[Article]
    in_review: list[Article]
    spiked: list[Article]

    @property
    def held_back(self) -> list[Article]:
        return self.drafts + self.in_review + self.spiked

    @property
    def empty(self) -> bool:
        """Readers will find no story on this page."""
        return not self.going_out


@dataclass
class PublishPlan:
    """What publishing an edition would put before readers, page by page, and whether it may go out."""

    edition: Edition
    pages: list[PagePlan]
    refusal: str = ""  # why it cannot be published; "" when it can

    @property
    def unsigned(self) -> list[str]:
        return [plan.page.label for plan in self.pages if not plan.page.is_signed_off]

    @property
    def going_out(self) -> int:
        return sum(len(plan.going_out) for plan in self.pages)

    @property
    def held_back(self) -> int:
        return sum(len(plan.held_back) for plan in self.pages)

    @property
    def empty_pages(self) -> list[str]:
        return [plan.page.label for plan in self.pages if plan.empty]

    @property
    def fingerprint(self) -> str:
        """Names what the editor was shown: any story or sign-off that changes since gives another."""
        parts = [str(self.edition.pk)]
        for plan in self.pages:
            parts.append(f"{plan.page.pk}:{int(plan.page.is_signed_off)}")
            parts += [f"{article.pk}={article.status}" for article in plan.going_out + plan.held_back]
        return hashlib.sha256(" ".join(parts).encode()).hexdigest()[:16]

    def held_back_counts(self) -> str:
        """"草稿 1 篇、撤稿 1 篇": the stories that stay behind, by status; "" when none do."""
        counts = [
            (label, sum(len(getattr(plan, name)) for plan in self.pages))
            for label, name in (("草稿", "drafts"), ("待审", "in_review"), ("撤稿", "spiked"))
        ]
        return "、".join(f"{label} {count} 篇" for label, count in counts if count)

    def summary(self) -> str:
        """One line for the history and the editor: "见报 5 篇;不见报:草稿 1 篇、撤稿 1 篇;空版:第03版"."""
        line = f"见报 {self.going_out} 篇"
        held = self.held_back_counts()
        if held:
            line += f";不见报:{held}"
        if self.empty_pages:
            line += f";空版:{'、'.join(self.empty_pages)}"
        return line


GOES_OUT = (Article.Status.APPROVED, Article.Status.PUBLISHED)


def plan_publication(*, edition: Edition) -> PublishPlan:
    """What publishing ``edition`` would do, read from the database; nothing is written.

    Approved stories go out with the edition, and stories published before (when an edition taken
    off the site is put back); drafts, stories in review and spiked ones stay behind. An edition
    that would put no story before readers is refused, so an empty edition never becomes a paper's
    latest.
    """
    edition = Edition.objects.select_related("publication").get(pk=edition.pk)
    pages = list(edition.pages.defer("source_text").order_by("number"))
    stories = {}
    articles = Article.objects.placed().filter(page__edition=edition).only("pk", "page_id", "position", "title", "status")
    for article in articles.order_by("position"):
        stories.setdefault(article.page_id, []).append(article)
    S = Article.Status
    plans = []
    for page in pages:
        on_page = stories.get(page.pk, [])
        plans.append(PagePlan(
            page=page,
            going_out=[a for a in on_page if a.status in GOES_OUT],
            drafts=[a for a in on_page if a.status == S.DRAFT],
            in_review=[a for a in on_page if a.status == S.REVIEW],
            spiked=[a for a in on_page if a.status == S.SPIKED],
        ))
    plan = PublishPlan(edition=edition, pages=plans)
    plan.refusal = _refusal(plan)
    return plan


def _refusal(plan: PublishPlan) -> str:
    edition = plan.edition
    if edition.status == Edition.Status.PUBLISHED:
        return f"{edition}已经发布"
    if edition.date_inferred or edition.publication_inferred:
        return f"{edition}的日期或报纸是推断的,请先确认再发布"
    if not plan.pages:
        return f"{edition}还没有版面,不能发布"
    if not plan.going_out:
        if not plan.held_back:
            return f"{edition}的版面上还没有稿件,发布出去读者只会看到空版"
        return (
            f"{edition}没有一篇可以见报的稿件({plan.held_back_counts()},没有一篇审核通过),"
            "发布出去读者只会看到空版;请先审核通过要见报的稿件"
        )
    return ""


def publish_edition(*, edition: Edition, user, override_reason: str = "", confirmed: str | None = None) -> Edition:
    """Publish an edition once every page is signed off, or unsigned with a recorded reason.

    The edition's approved articles go out with it; drafts, stories under review and spiked ones stay
    unpublished. An edition with no story to go out is refused (see `plan_publication`). ``confirmed``
    is the fingerprint of the plan the editor was shown: if the edition changed since, nothing is
    published and the editor is asked to look again.
    """
    _require(user, "articles.publish_edition", "发布")
    override_reason = override_reason.strip()
    with transaction.atomic():
        current = Edition.objects.select_for_update().select_related("publication").get(pk=edition.pk)
        plan = plan_publication(edition=current)
        if plan.refusal:
            raise DeskError(plan.refusal)
        if confirmed is not None and confirmed != plan.fingerprint:
            raise DeskError(f"{current}的稿件或签版在你确认之后有了变动,没有发布;请重新查看要见报的稿件后再发布")
        unsigned = plan.unsigned
        if unsigned and not override_reason:
            raise DeskError(f"{current}有版面未签发({'、'.join(unsigned)}):请先签版,或写明理由后发布")
        now = timezone.now()
        current.status = Edition.Status.PUBLISHED
        current.published_at = now
        current.publish_override_reason = override_reason if unsigned else ""
        current.save(update_fields=["status", "published_at", "publish_override_reason", "updated_at"])
        Article.objects.placed().filter(page__edition=current, status=Article.Status.APPROVED).update(
            status=Article.Status.PUBLISHED, published_at=now, version=F("version") + 1, updated_at=now
        )
        message = f"发布:{plan.summary()}"
        if unsigned:
            message += f";未签发:{'、'.join(unsigned)};理由:{override_reason}"
        _log(user=user, obj=current, message=message)
    edition.refresh_from_db()
    return edition


def unpublish_edition(*, edition: Edition, user) -> Edition:
    """Take an edition off the site; its articles keep their status and return with it."""
    _require(user, "articles.publish_edition", "撤下")
    with transaction.atomic():
        current = Edition.objects.select_for_update().get(pk=edition.pk)
        if current.status != Edition.Status.PUBLISHED:
            raise DeskError(f"{current}没有发布,无需撤下")
        current.status = Edition.Status.DRAFT
        current.published_at = None
        current.save(update_fields=["status", "published_at", "updated_at"])
        _log(user=user, obj=current, message="撤下")
    edition.refresh_from_db()
    return edition


def confirm_inferred_date(*, edition: Edition, user) -> Edition:
    """An editor has checked the date and paper the importer guessed: clear the flags."""
    _require(user, "articles.change_edition", "确认日期")
    if not (edition.date_inferred or edition.publication_inferred):
        raise DeskError(f"{edition}的日期和报纸无需确认")
    edition.date_inferred = edition.publication_inferred = False
    edition.save(update_fields=["date_inferred", "publication_inferred", "updated_at"])
    _log(user=user, obj=edition, message="确认推断的日期和报纸")
    return edition


# Reporters


def merge_reporters(*, keep: Reporter, duplicates, user) -> int:
    """Fold duplicate reporters (OCR variants of one name) into `keep`, moving their bylines and photo credits.

    A byline the kept reporter already has on the same article in the same role is dropped rather than
    doubled. Returns how many bylines moved.
    """
    _require(user, "articles.delete_reporter", "合并作者")
    duplicates = [reporter for reporter in duplicates if reporter.pk != keep.pk]
    if not duplicates:
        raise DeskError("请至少选两位作者:一位保留,其余并入")
    other_papers = sorted({r.publication.name for r in duplicates if r.publication_id != keep.publication_id})
    if other_papers:
        raise DeskError(f"只能合并同一报纸的作者:{keep.name}属{keep.publication.name},不能并入{'、'.join(other_papers)}的作者")
    ids = [reporter.pk for reporter in duplicates]
    with transaction.atomic():
        taken = set(Byline.objects.filter(reporter=keep).values_list("article_id", "role"))
        moved = 0
        for byline in Byline.objects.filter(reporter__in=ids).order_by("pk"):
            if (byline.article_id, byline.role) in taken:
                byline.delete()
                continue
            taken.add((byline.article_id, byline.role))
            byline.reporter = keep
            byline.save(update_fields=["reporter"])
            moved += 1
        Photo.objects.filter(credit__in=ids).update(credit=keep)
        names = "、".join(reporter.name for reporter in duplicates)
        Reporter.objects.filter(pk__in=ids).delete()
        _log(user=user, obj=keep, message=f"并入作者:{names}")
    return moved


def cross_paper_credits(*, article: Article) -> list[str]:
    """The story's bylines and photo credits given to another paper's reporters, as "倪弋(江门日报)"."""
    paper = article.page.edition.publication_id
    reporters = Reporter.objects.filter(Q(bylines__article=article) | Q(photos__article=article)).exclude(
        publication_id=paper
    )
    return sorted({f"{r.name}({r.publication.name})" for r in reporters.select_related("publication")})


def accounts_to_link(*, user, editor_id=None):
    """The logins a desk user without account rights may put on a staff record: their own, unless it is
    already on another record, and whatever login the record has now (so saving it keeps it)."""
    User = get_user_model()
    allowed = Q(pk=user.pk, duty_editor__isnull=True)
    if editor_id is not None:
        allowed |= Q(duty_editor__pk=editor_id)
    return User.objects.filter(allowed)


# Page upload


@dataclass
class UploadEntry:
    """One uploaded page file and what it is, or why it cannot be imported."""

    name: str
    data: bytes | None = None
    target: PageTarget = field(default_factory=PageTarget)
    error: str = ""
    facsimile_name: str = ""  # the page's PDF or image uploaded with it (A01.pdf beside A01.txt, or the PDF alone)
    facsimile: Prepared | None = None  # that file checked and rendered, to be attached as the printed page


def plan_page_upload(*, files, manifest=None, publication=None, date=None, first_number=None) -> list[UploadEntry]:
    """Pair each uploaded page file (name, size and read()) with the paper, date and page it is.

    Without a manifest, every file gets the chosen paper and date, and consecutive page numbers in
    file-name order from `first_number` (none: the importer takes the next free one). With a manifest,
    each file gets its entry's values (matched by file name), the form's filling the gaps; a file the
    manifest does not list, or one it lists but was not uploaded, is an entry with the reason.
    Unreadable files (binary, empty, oversized, unknown encoding) are entries with the reason too.
    A page PDF or image goes with the text file of the same name, or stands for the page's text
    itself (a PDF with a text layer): see `facsimile_uploads`.
    Raises `DeskError` when the manifest itself cannot be read.
    """
    files = sorted(files, key=lambda f: f.name)
    entries = facsimile_uploads.pair(
        [_read_upload(upload) for upload in files if not facsimile_uploads.is_printed_page(upload.name)],
        [upload for upload in files if facsimile_uploads.is_printed_page(upload.name)],
        UploadEntry,
    )
    given = PageTarget(publication=publication.name if publication else None, date=date)
    if manifest is None:
        for offset, entry in enumerate(entries):
            number = first_number + offset if first_number else None
            entry.target = PageTarget(publication=given.publication, date=given.date, number=number)
        return entries
    try:
        text = decode_page_text(manifest.name, manifest.read(MAX_BYTES + 1))
        listed = {path.name: target for path, target in parse_manifest(manifest.name, text, Path())}
    except (ManifestError, PageFileError) as error:
        raise DeskError(str(error)) from error
    for entry in entries:
        target = listed.get(entry.name) or listed.get(entry.facsimile_name)
        if target is None:
            entry.error = entry.error or f"清单 {manifest.name} 里没有这个文件"
            entry.data = None
        else:
            entry.target = PageTarget(
                publication=target.publication or given.publication,
                date=target.date or given.date,
                number=target.number,
                name=target.name,
            )
    uploaded = {entry.name for entry in entries} | {entry.facsimile_name for entry in entries}
    entries += [UploadEntry(name, error="清单里列了这个文件,但没有上传") for name in listed if name not in uploaded]
    return entries


def _read_upload(upload) -> UploadEntry:
    name = Path(upload.name).name
    if upload.size > MAX_BYTES:
        return UploadEntry(name, error=f"文件过大({upload.size / 1024 / 1024:.1f} MB,上限 5 MB)")
    data = upload.read()
    try:
        page_file_from_bytes(name, data)
    except PageFileError as error:
        return UploadEntry(name, error=str(error).removeprefix(f"{name}: "))
    return UploadEntry(name, data=data)


@dataclass
class UploadOutcome:
    report: ImportReport
    where: str = ""  # "茂名晚报 2022-07-15 第01版": the page the file went, or would go, to
    facsimile_name: str = ""  # the printed page attached, or to be attached, to that page
    zones: int = 0  # the stories it gives a zone
    facsimile_notes: list[str] = field(default_factory=list)  # what reading it found for the editor to know


def import_page_upload(*, entries: list[UploadEntry], user, dry_run: bool, force: bool = False) -> list[UploadOutcome]:
    """Import the planned files in order, as `import_pages` does: one transaction a file.

    `dry_run` runs the same import inside one more transaction, rolled back at the end, so the
    preview is what the real import will do file after file (a later file sees the page an earlier
    one made, and takes the next page number) and nothing is kept.
    """
    _require(user, "articles.import_page", "上传版面文件")
    importer = PageImporter(force=force, user=user)
    if not dry_run:
        outcomes = [_import_entry(importer, entry, dry_run=False) for entry in entries]
        for outcome in outcomes:
            if outcome.report.outcome in (Outcome.CREATED, Outcome.UPDATED):
                _log(user=user, obj=outcome.report.page, message=f"上传版面文件 {outcome.report.name}")
            elif outcome.facsimile_name and outcome.report.outcome != Outcome.FAILED:
                _log(user=user, obj=outcome.report.page, message=f"上传版面图 {outcome.facsimile_name}")
        return outcomes
    with transaction.atomic():
        outcomes = [_import_entry(importer, entry, dry_run=True) for entry in entries]
        transaction.set_rollback(True)
    return outcomes


def _import_entry(importer: PageImporter, entry: UploadEntry, *, dry_run: bool) -> UploadOutcome:
    """One file's import; with a printed page, the import and the attaching of it stand or fall together."""
    if entry.error or entry.data is None:
        return UploadOutcome(ImportReport(entry.name, Outcome.FAILED, error=entry.error or "没有文件内容"))
    page_file = page_file_from_bytes(entry.name, entry.data)
    zones = 0
    if entry.facsimile is None:
        report = importer.import_file(page_file, entry.target)
    else:
        try:
            with transaction.atomic():
                report = importer.import_file(page_file, entry.target)
                if report.page is not None and report.outcome != Outcome.FAILED:
                    if dry_run:
                        zones = facsimile_uploads.zones_found(page=report.page, prepared=entry.facsimile)
                    else:
                        zones = facsimile_uploads.attach(page=report.page, prepared=entry.facsimile)
        except MediaStorageError as error:
            importer.forget()  # the rows it made are rolled back with the page
            report = ImportReport(entry.name, Outcome.FAILED, error=f"{error},本版没有导入,请稍后重试")
    page = report.page
    where = f"{page.edition.publication.name} {page.edition.date.isoformat()} {page.label}" if page else ""
    scan = entry.facsimile
    return UploadOutcome(report, where, entry.facsimile_name if scan else "", zones, list(scan.notes) if scan else [])
