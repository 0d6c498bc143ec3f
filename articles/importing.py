"""Importing page files: the one path from a page's text to stored editions, pages and articles.

The import_pages command, build_fixtures and the admin upload all go through `PageImporter`.
Each file is imported in a transaction of its own: a failing file leaves the database as it was.
"""

from __future__ import annotations

import datetime
import enum
import hashlib
import json
from dataclasses import dataclass, field

import logging

from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from . import editing, facsimile_services, search
from .identity import arrange, match_reading, reading_order, title_key
from .models import Article, Byline, DutyAssignment, DutyEditor, Edition, Page, PageCorrection, Photo, Publication, Reporter
from .pagefiles import PageFile
from .house_style import read_page
from .parser import Correction, ParsedPage, parse_page
from .parser.credits import is_organisation
from .parser.dates import infer_date

UNTITLED = "(无标题)"
AS_IMPORTED = "导入时的原样"  # the first version of every imported story in its 历史: "导入时的原样(FILE)"

# Two imports of the same page at once: both find no edition or page and both add one; the database
# keeps the first and refuses the second's row. Nothing of the second is stored (its transaction is
# rolled back), and the editor is told why in words of the desk, not the database's.
IMPORTED_BY_SOMEONE_ELSE = "这个版面正由别人同时导入,本次导入未写入任何内容;请稍后刷新查看,确有需要再导入一次。"
DATABASE_TROUBLE = "数据库暂时无法写入,本文件未导入,数据库保持原样;请稍后重试。"

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageTarget:
    """What the caller knows about a file: paper, date, page number and name; the rest is inferred."""

    publication: str | None = None
    date: datetime.date | None = None
    number: int | None = None
    name: str = ""


class Outcome(enum.StrEnum):
    CREATED = "created"
    UNCHANGED = "unchanged"
    UPDATED = "updated"
    FAILED = "failed"

    @property
    def label(self) -> str:
        return {"created": "新建", "unchanged": "未变", "updated": "更新", "failed": "失败"}[self.value]


@dataclass
class ImportReport:
    name: str
    outcome: Outcome
    page: Page | None = None
    articles: int = 0
    kept: list[str] = field(default_factory=list)  # editor-changed articles left as they were
    inferred: list[str] = field(default_factory=list)  # what the importer guessed: 报纸, 日期, 版次
    warnings: list[str] = field(default_factory=list)
    withdrawn_sign_off: str = ""  # the duty editor whose sign-off a changed text withdrew
    error: str = ""
    parsed: ParsedPage | None = None


NO_STORY = "这一版没有识别出任何稿件:请检查文件是否是版面稿,段落之间是否有空行"


class ImportFailed(Exception):
    """A file that cannot be imported; the message says why, for the editor."""


class PageImporter:
    def __init__(
        self, *, dry_run: bool = False, force: bool = False, user=None, source: str = "", corrections: bool = True
    ):
        self.dry_run = dry_run
        self.force = force
        self.corrections = corrections  # apply the editors' corrections of a page already stored
        self.user = user  # who the history names for changed stories; None for a command
        self.source = source  # what the history says the change was ("重新解析"); "导入 FILE" by default
        self._reporters: dict[tuple[int, str], Reporter] = {}
        self._editors: dict[tuple[int, str], DutyEditor] = {}
        self._publications: dict[str, Publication] = {}

    def import_file(
        self, page_file: PageFile, target: PageTarget = PageTarget(), *, parsed: ParsedPage | None = None
    ) -> ImportReport:
        """Store the page file. `parsed`: the caller has read the text already, with the page's
        corrections as this importer applies them (the structure editor and re-parse do)."""
        read = parsed is not None
        if parsed is None:
            parsed = parse_page(page_file.text)
        try:
            with transaction.atomic():
                report = self._store(page_file, parsed, target, read)
                if self.dry_run:
                    transaction.set_rollback(True)
        except ImportFailed as error:
            self.forget()
            return ImportReport(page_file.name, Outcome.FAILED, error=str(error), parsed=parsed)
        except IntegrityError:
            logger.warning("import of %s lost a race with another import", page_file.name, exc_info=True)
            self.forget()
            return ImportReport(page_file.name, Outcome.FAILED, error=IMPORTED_BY_SOMEONE_ELSE, parsed=parsed)
        except DatabaseError:
            logger.exception("import of %s failed in the database", page_file.name)
            self.forget()
            return ImportReport(page_file.name, Outcome.FAILED, error=DATABASE_TROUBLE, parsed=parsed)
        if self.dry_run:
            self.forget()
        parsed = report.parsed = report.parsed or parsed
        if not parsed.articles:
            report.warnings.append(NO_STORY)
        report.warnings += parsed.warnings
        return report

    def forget(self) -> None:
        """Rows made in a rolled-back transaction are gone: drop them from the caches."""
        self._reporters.clear()
        self._editors.clear()
        self._publications.clear()

    def _store(self, page_file: PageFile, parsed: ParsedPage, target: PageTarget, read: bool) -> ImportReport:
        self._file_name = page_file.name
        inferred = []
        name = target.publication or parsed.publication
        if not name:
            raise ImportFailed("无法判断这个版面属于哪份报纸:请指明报纸(上传页选“报纸”,清单里写 publication)")
        if not target.publication:
            inferred.append("报纸")
        date = target.date or infer_date(page_file.text)
        if date is None:
            raise ImportFailed("无法推断出版日期(文中没有年份):请用 --date 或清单指明")
        if not target.date:
            inferred.append("日期")
        publication = self._publication(name)
        edition, _ = Edition.objects.get_or_create(
            publication=publication,
            date=date,
            defaults={"date_inferred": not target.date, "publication_inferred": not target.publication},
        )
        page = self._find_page(edition, page_file, target)
        if page is None:
            number = target.number or self._next_number(edition)
            if not target.number:
                inferred.append("版次")
            page = Page(edition=edition, number=number)
            if self.corrections and not read:  # the paper's house style, learnt from its corrected pages
                parsed = read_page(page_file.text, publication_id=publication.pk, parsed=parsed)
            self._write_page(page, page_file, parsed, target)
            count = self._create_articles(page, publication, [(n, n, a) for n, a in enumerate(parsed.articles, 1)])
            return ImportReport(page_file.name, Outcome.CREATED, page, count, inferred=inferred, parsed=parsed)
        if self._unchanged(page, page_file, target):
            return ImportReport(page_file.name, Outcome.UNCHANGED, page, page.articles.count(), inferred=inferred)
        if self.corrections and not read:  # the editors' decisions about this page's pieces hold for its new
            # text too, and the paper's house style for the rest
            parsed = read_page(
                page_file.text, publication_id=publication.pk, corrections=stored_corrections(page), parsed=parsed
            )
        same_text = page.source_text == page_file.text
        withdrawn = ""
        source = self.source or f"导入 {page_file.name}"
        if page.is_signed_off and page.source_text != page_file.text:  # a changed page is signed off anew
            withdrawn = str(page.signed_off_by)
            editing.withdraw_sign_off(page=page, user=self.user, reason=f"原文换了({source})")
        self._write_page(page, page_file, parsed, target)
        kept = self._update_articles(page, publication, parsed, source, same_text)
        facsimile_services.match_zones(page=page)  # stories kept their ids; their text may have changed
        return ImportReport(
            page_file.name, Outcome.UPDATED, page, len(parsed.articles), kept, inferred, withdrawn_sign_off=withdrawn,
            parsed=parsed,
        )

    # pages

    def _find_page(self, edition: Edition, page_file: PageFile, target: PageTarget) -> Page | None:
        pages = Page.objects.filter(edition=edition)
        if target.number:
            return pages.filter(number=target.number).first()
        return (
            pages.filter(source_hash=page_file.sha256).first()
            or pages.filter(source_filename=page_file.name).first()
        )

    def _unchanged(self, page: Page, page_file: PageFile, target: PageTarget) -> bool:
        """The same bytes under the same name; with --force, also no editor's change left to undo."""
        if page.source_hash != page_file.sha256 or (target.name and target.name != page.name):
            return False
        if not self.force:
            return True
        articles = page.articles.prefetch_related("bylines__reporter", "photos__credit")
        return not any(edited(article) for article in articles)

    def _next_number(self, edition: Edition) -> int:
        numbers = set(edition.pages.values_list("number", flat=True))
        return next(n for n in range(1, len(numbers) + 2) if n not in numbers)

    def _write_page(self, page: Page, page_file: PageFile, parsed: ParsedPage, target: PageTarget) -> None:
        page.source_text = page_file.text
        page.source_filename = page_file.name[:255]
        page.source_hash = page_file.sha256
        if target.name:
            page.name = target.name[:50]
        page.save()
        page.duty_assignments.all().delete()
        page.photos.filter(article__isnull=True).delete()
        publication = page.edition.publication
        seen = set()
        assignments = []
        for position, staff in enumerate(parsed.masthead, 1):
            editor = self._editor(publication, staff.name)
            role = staff.role[:20]
            if (editor.pk, role) not in seen:
                seen.add((editor.pk, role))
                assignments.append(DutyAssignment(page=page, duty_editor=editor, role=role, position=position))
        DutyAssignment.objects.bulk_create(assignments)
        Photo.objects.bulk_create(
            self._photo(publication, photo, position, page=page) for position, photo in enumerate(parsed.photos, 1)
        )

    # articles

    def _create_articles(self, page: Page, publication: Publication, placed) -> int:
        """New stories, `placed` as (position, place in the text, parsed story), in a fixed number of
        queries however many."""
        if not placed:
            return 0
        rows = [self._article_row(page, position, a, number) for position, number, a in placed]
        created = Article.objects.bulk_create(rows)
        search.index_articles(created)  # bulk_create sends no post_save
        self._create_credits(publication, zip(created, [a for _, _, a in placed]))
        self._record_as_imported(created)
        return len(created)

    def _record_as_imported(self, articles) -> None:
        """Each new story's first version in its 历史 is what the import made of the file, so an
        editor can always go back to it. One revision per story: reverting one never touches another."""
        comment = f"{AS_IMPORTED}({getattr(self, '_file_name', '') or '版面文件'})"
        editing.record_versions([(article, comment) for article in articles], self.user, timezone.now())

    def _create_credits(self, publication: Publication, pairs) -> None:
        bylines, photos = [], []
        for article, parsed in pairs:
            seen = set()
            for position, credit in enumerate(parsed.bylines, 1):
                reporter = self._reporter(publication, credit.name, credit.role)
                if (reporter.pk, credit.role) not in seen:
                    seen.add((reporter.pk, credit.role))
                    bylines.append(Byline(article=article, reporter=reporter, role=credit.role, position=position))
            photos += [
                self._photo(publication, photo, position, page=article.page, article=article)
                for position, photo in enumerate(parsed.photos, 1)
            ]
        Byline.objects.bulk_create(bylines)
        Photo.objects.bulk_create(photos)

    def _article_row(self, page: Page, position: int, parsed, text_position: int | None = None) -> Article:
        article = Article(
            page=page,
            position=position,
            kicker=_fit(parsed.kicker, 255),
            title=_fit(parsed.title, 255) or UNTITLED,
            subtitle=_fit(parsed.subtitle, 255),
            dateline=_fit(parsed.dateline, 100),
            body=parsed.body,
            text_position=text_position or position,
        )
        article.import_fingerprint = fingerprint(
            article,
            [(_fit(c.name, 100), c.role) for c in parsed.bylines],
            [(p.caption, _fit(p.credit, 100)) for p in parsed.photos],
        )
        return article

    def _update_articles(
        self, page: Page, publication: Publication, parsed: ParsedPage, source: str, same_text: bool = False
    ) -> list[str]:
        """Rewrite the page's articles from the new text, but keep those an editor has changed.

        A stored story is the new text's story with the same headline wherever it now stands, else
        the one in its place (`identity.match_reading`), so a story that moved keeps its id, its
        address and its history. Stories the new text no longer has are deleted, unless an editor
        changed them: those are kept. Removed stories stay removed. The order is `plan_order`'s:
        the new text's, unless the desk reordered the page. Re-reading the same text (a correction, a
        re-parse) does not bring back a story the desk removed; a changed file may.
        """
        existing = list(
            page.articles.placed().prefetch_related("bylines__reporter", "photos__credit").order_by("position")
        )
        removed = page.articles.filter(removed_at__isnull=False).values_list("title", flat=True) if same_text else []
        plan = plan_order(existing, parsed, keep=lambda old: edited(old) and not self.force, removed=list(removed))
        stays = [existing[k] for k in plan.kept]
        places = {existing[k].pk: position for k, position in plan.stored_places.items()}
        for old in existing:  # articles the new text no longer has (and no editor changed)
            if old.pk not in places:
                old.delete()
        # each stored story to its new place first, in a fixed number of queries however many move
        editing.save_places(
            changes=[(old, places[old.pk], f"{source}:移到第 {places[old.pk]} 篇") for old in existing if old.pk in places],
            user=self.user,
        )
        self._create_articles(page, publication, [
            (plan.places[j], j + 1, a)
            for j, a in enumerate(parsed.articles) if plan.matches[j] is None and plan.places[j] is not None
        ])
        # where each stored story now stands in the text (kept ones: nowhere), for the next reading
        text_positions = {existing[k].pk: j + 1 for j, k in enumerate(plan.matches) if k is not None}
        moved_in_text = [old for old in existing if old.pk in places and old.text_position != text_positions.get(old.pk)]
        for old in moved_in_text:
            old.text_position = text_positions.get(old.pk)
        Article.objects.bulk_update(moved_in_text, ["text_position"])
        kept = [old.title for old in stays]
        for position, index, parsed_article in zip(plan.places, plan.matches, parsed.articles):
            if index is None:
                continue
            old = existing[index]
            if edited(old) and not self.force:
                kept.append(old.title)
                continue
            new = self._article_row(page, position, parsed_article)
            changed = current_fingerprint(old) != new.import_fingerprint
            if not changed and old.import_fingerprint == new.import_fingerprint:
                continue  # the story reads as stored: no write, no empty version in its history
            for name in ("kicker", "title", "subtitle", "dateline", "body", "import_fingerprint"):
                setattr(old, name, getattr(new, name))
            editing.save_article(
                article=old, user=self.user, source=source,
                write_related=lambda article, parsed=parsed_article: self._replace_credits(publication, article, parsed),
                changed=changed,
            )
        return kept

    def _replace_credits(self, publication: Publication, article: Article, parsed) -> None:
        article.bylines.all().delete()
        article.photos.all().delete()
        self._create_credits(publication, [(article, parsed)])

    # people

    def _publication(self, name: str) -> Publication:
        if name not in self._publications:
            publication = Publication.objects.filter(name=name).first()
            if publication is None:
                publication = Publication.objects.create(name=name[:100], slug=unique_slug(name))
            self._publications[name] = publication
        return self._publications[name]

    def _reporter(self, publication: Publication, name: str, role: str) -> Reporter:
        name = _fit(name, 100)
        key = (publication.pk, name)
        if key not in self._reporters:
            kind = Reporter.Kind.ORGANISATION if role == Byline.Role.SOURCE and is_organisation(name) else Reporter.Kind.PERSON
            self._reporters[key] = Reporter.objects.credited_as(publication, name) or (
                Reporter.objects.create(publication=publication, name=name, kind=kind)
            )
        return self._reporters[key]

    def _editor(self, publication: Publication, name: str) -> DutyEditor:
        name = _fit(name, 50)
        key = (publication.pk, name)
        if key not in self._editors:
            self._editors[key] = DutyEditor.objects.printed_as(publication, name) or DutyEditor.objects.create(
                publication=publication, name=name
            )
        return self._editors[key]

    def _photo(self, publication, photo, position, *, page, article=None) -> Photo:
        credit = self._reporter(publication, photo.credit, Byline.Role.PHOTOGRAPHER) if photo.credit else None
        return Photo(
            article=article,
            page=page,
            caption=photo.caption,
            credit=credit,
            credit_text=_fit(photo.credit_line, 100),
            position=position,
        )


@dataclass
class OrderPlan:
    matches: list[int | None]  # for each story of the new reading, the stored story it updates (None: new)
    places: list[int | None]  # for each story of the new reading, its position on the page (None: left off)
    kept: list[int]  # stored stories the reading no longer has that stay (an editor changed them)
    stored_places: dict[int, int]  # each stored story that stays on the page (updated or kept): its position
    desk: bool  # the desk had reordered the page: its order is kept


def plan_order(stored: list[Article], parsed: ParsedPage, keep=lambda article: False, removed=()) -> OrderPlan:
    """Which stored story (`stored`, in the page's order) each story of a new reading updates, and the
    page's order afterwards.

    When nobody reordered the page (its stories stand as the text printed them, `Article.text_position`), the new
    reading's order is the page's, as the text prints it, and the stored stories it no longer has but
    `keep` keeps go after it. When the desk reordered it (上移/下移, a story inserted mid-page), the stored
    stories keep the desk's order among themselves, whatever the new text prints; a story new in the
    reading goes right after the story printed before it (a split-off part after its story); a story the
    reading no longer has leaves its place and the others close up. `identity.arrange` has the rules.
    A story the text never gave (the desk inserted it) is never matched by place and always stays.
    A story of the reading with the headline of a story the desk removed (`removed`: their titles, given
    when the text is the one the desk saw) stays off the page: the removal is the desk's decision.
    """
    order = reading_order([a.text_position for a in stored])
    desk = order != list(range(len(stored)))
    printed = sum(a.text_position is not None for a in stored)
    new_titles = [_fit(p.title, 255) or UNTITLED for p in parsed.articles]
    matches = match_reading([a.title for a in stored], new_titles, order, printed)
    claimed = set(matches)
    kept = [k for k, a in enumerate(stored) if k not in claimed and (a.text_position is None or keep(a))]
    gone = {title_key(title) for title in removed}
    left_out = {j for j, k in enumerate(matches) if k is None and title_key(new_titles[j]) in gone}
    order = arrange(matches, len(stored), kept, desk=desk, left_out=left_out)
    places: list[int | None] = [None] * len(matches)
    stored_places = {}
    for position, (kind, index) in enumerate(order, 1):
        if kind == "new":
            places[index] = position
            if matches[index] is not None:
                stored_places[matches[index]] = position
        else:
            stored_places[index] = position
    return OrderPlan(matches, places, kept, stored_places, desk)


def stored_corrections(page: Page) -> list[Correction]:
    """The editors' corrections of the page's pieces, one per piece: its latest label and latest story decision."""
    latest: dict[str, tuple[str | None, str | None]] = {}
    for key, label, story in PageCorrection.objects.filter(page=page).order_by("pk").values_list("key", "label", "story"):
        old_label, old_story = latest.get(key, (None, None))
        latest[key] = (label or old_label, story or old_story)
    return [Correction(key=key, label=label, story=story) for key, (label, story) in latest.items()]


def fingerprint(article: Article, bylines: list[tuple[str, str]], photos: list[tuple[str, str]]) -> str:
    """A hash of what an editor can change in an article: its text, credits and captions."""
    content = [article.kicker, article.title, article.subtitle, article.dateline, article.body, bylines, photos]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()


def current_fingerprint(article: Article) -> str:
    bylines = [(b.reporter.name, b.role) for b in article.bylines.all()]
    photos = [(p.caption, p.credit.name if p.credit else "") for p in article.photos.all()]
    return fingerprint(article, bylines, photos)


def edited(article: Article) -> bool:
    """Has an editor changed the article since it was imported?"""
    return current_fingerprint(article) != article.import_fingerprint


def unique_slug(name: str) -> str:
    """An ASCII slug for a paper's URLs: the pinyin initials, as papers' own sites use (茂名晚报 → mmwb)."""
    from pypinyin import Style, lazy_pinyin

    base = slugify("".join(lazy_pinyin(name, style=Style.FIRST_LETTER))) or "paper"
    slug, n = base, 1
    while Publication.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _fit(value: str | None, length: int) -> str:
    return (value or "")[:length]
