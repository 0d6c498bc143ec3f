"""What a reader sees: the lookups behind the public e-paper.

Every lookup starts from a ``Scope``: readers get the ``published()`` querysets and
nothing else; staff previewing the site get every row, so they can check a draft
where it will appear. Each function runs a fixed number of queries, however many
pages, articles or bylines there are.

Nothing here reads ``Page.source_text``: the imported text of a page holds every story as
it came in, drafts, stories under review and spiked ones included, and the wording before
an editor's correction. It is the desk's material for checking the OCR and is shown only
there. What readers get as a page's text is made from the stories they may read.
"""
import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404

from .markup import plain_text
from .models import Article, Byline, DutyAssignment, Edition, Page, Photo, Publication, Reporter

WEEKDAY_NAMES = ["一", "二", "三", "四", "五", "六", "日"]


@dataclass(frozen=True)
class Scope:
    """What one visitor may read: published content, or everything for a previewing editor."""

    preview: bool = False

    @classmethod
    def for_user(cls, user):
        return cls(preview=bool(user.is_active and user.is_staff))

    def editions(self):
        return Edition.objects.all() if self.preview else Edition.objects.published()

    def pages(self):
        return Page.objects.all() if self.preview else Page.objects.published()

    def articles(self):
        return Article.objects.placed() if self.preview else Article.objects.published()

    def latest_candidates(self):
        """Editions that may stand as a paper's latest: for readers, only a published one with
        at least one story to read (an empty edition never heads the home page)."""
        return self.editions() if self.preview else self.editions().with_published_stories()


READERS = Scope()


def pages_without_source():
    """Pages as readers' views load them: without the imported source text, which is not theirs."""
    return Page.objects.defer("source_text")


def bylines_with_reporters():
    """Bylines in print order with what a link to each reporter needs, for prefetching."""
    return Prefetch(
        "bylines", queryset=Byline.objects.select_related("reporter__publication").order_by("position")
    )


def credit_groups(article):
    """The bylines as the paper prints them: [("记者", [reporter, …]), ("通讯员", […])] (記者 on a page
    printed in traditional characters).

    Consecutive names in one role share the role word; a source is printed bare.
    Uses the prefetched bylines, so it costs no query.
    """
    groups = []
    traditional = article.printed_in_traditional()
    for byline in article.bylines.all():
        prefix = Byline.Role(byline.role).printed_prefix(traditional)
        if groups and groups[-1][2] == byline.role:
            groups[-1][1].append(byline.reporter)
        else:
            groups.append((prefix, [byline.reporter], byline.role))
    return [(prefix, reporters) for prefix, reporters, _ in groups]


def staff_box(edition, page=None):
    """The staff box (值班主任 · 责编 · 版式 …) as printed: [("值班主任", ["余虔虹", "陈海边"]), …].

    Edition-wide assignments come first, then the page's own; names with the same role
    in a row share it.
    """
    scope = Q(edition=edition) | Q(page=page) if page is not None else Q(edition=edition)
    assignments = (
        DutyAssignment.objects.filter(scope)
        .select_related("duty_editor")
        .order_by("page_id", "position", "pk")
    )
    rows = []
    for assignment in assignments:
        if rows and rows[-1][0] == assignment.role:
            rows[-1][1].append(assignment.duty_editor.name)
        else:
            rows.append((assignment.role, [assignment.duty_editor.name]))
    return rows


# --- Home and archive -----------------------------------------------------------


def papers_with_latest_edition(scope=READERS):
    """Every paper that has a readable edition, each with ``latest_edition`` and its pages.

    The latest edition is the newest of ``scope.latest_candidates()``: for readers one with a story.
    """
    latest = (
        scope.latest_candidates().filter(publication=OuterRef("pk")).order_by("-date").values("pk")[:1]
    )
    papers = list(
        Publication.objects.annotate(latest_edition_id=Subquery(latest))
        .filter(latest_edition_id__isnull=False)
        .order_by("name")
    )
    editions = scope.editions().filter(pk__in=[paper.latest_edition_id for paper in papers])
    editions = {
        edition.pk: edition
        for edition in editions.prefetch_related(Prefetch("pages", pages_without_source().order_by("number")))
    }
    for paper in papers:
        paper.latest_edition = editions[paper.latest_edition_id]
        paper.latest_edition.publication = paper
    return papers


@dataclass
class MonthArchive:
    """One month of a paper's archive (往期回顾) laid out as a calendar."""

    publication: Publication
    month: datetime.date  # the first day of the month
    weeks: list  # of weeks, each seven (day, edition date or None, in this month)
    previous_month: datetime.date | None
    next_month: datetime.date | None
    latest_edition: Edition | None
    first_edition_date: datetime.date | None = None  # the earliest day the 往期 picker offers
    weekday_names: list = field(default_factory=lambda: WEEKDAY_NAMES)


def month_archive(slug, month=None, scope=READERS):
    """The calendar of one month, with the days that have an edition linked.

    Without ``month`` it shows the month of the paper's latest edition (the newest of
    ``scope.latest_candidates()``). The previous and next links skip months without any edition.
    """
    publication = get_object_or_404(Publication, slug=slug)
    # A day is linked only if readers have a story to read in its edition (not one whose stories
    # were all withdrawn); previewing editors see every edition.
    editions = scope.latest_candidates().filter(publication=publication)
    latest_edition = editions.order_by("-date").first()
    if latest_edition is None:
        raise Http404("This paper has no edition yet.")
    latest_edition.publication = publication
    month = (month or latest_edition.date).replace(day=1)
    next_start = (month + datetime.timedelta(days=32)).replace(day=1)
    edition_days = set(
        editions.filter(date__gte=month, date__lt=next_start).values_list("date", flat=True)
    )
    previous_day = editions.filter(date__lt=month).order_by("-date").values_list("date", flat=True).first()
    next_day = editions.filter(date__gte=next_start).order_by("date").values_list("date", flat=True).first()
    weeks = [
        [(day, day in edition_days, day.month == month.month) for day in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    ]
    return MonthArchive(
        publication=publication,
        month=month,
        weeks=weeks,
        previous_month=previous_day.replace(day=1) if previous_day else None,
        next_month=next_day.replace(day=1) if next_day else None,
        latest_edition=latest_edition,
        first_edition_date=editions.order_by("date").values_list("date", flat=True).first(),
    )


@dataclass
class PickedDate:
    """Where the 往期 date picker leads: an edition, or a message and a status saying why not."""

    edition: Edition | None = None
    error: str = ""
    status: int = 200


def edition_on_or_before(slug, text, scope=READERS):
    """The paper's edition on the date ``text`` (YYYY-MM-DD), or the nearest earlier one."""
    publication = get_object_or_404(Publication, slug=slug)
    try:
        day = datetime.date.fromisoformat(text.strip())
    except ValueError:
        return PickedDate(error="日期应写成 2022-07-15 这样。", status=400)
    edition = (
        scope.latest_candidates().filter(publication=publication, date__lte=day).order_by("-date").first()
    )
    if edition is None:
        return PickedDate(error=f"{publication.name}在{day.year}年{day.month}月{day.day}日及以前没有出版的报纸。", status=404)
    edition.publication = publication
    return PickedDate(edition=edition)


# --- One edition, opened at one page ------------------------------------------------


@dataclass
class Spread:
    """An edition opened at one page: what the edition and page views show."""

    edition: Edition
    pages: list
    page: Page | None
    articles: list
    staff_box: list
    previous_page: Page | None
    next_page: Page | None
    previous_edition_date: datetime.date | None
    next_edition_date: datetime.date | None
    latest_edition_date: datetime.date | None = None  # the paper's 今日: its newest edition

    @property
    def text(self):
        """The page as plain text, made only from the stories this visitor may read."""
        return page_text(self.articles)

    @property
    def is_preview(self):
        """True when an editor is looking at something readers cannot see yet."""
        return self.edition.status != Edition.Status.PUBLISHED or any(
            article.status != Article.Status.PUBLISHED for article in self.articles
        )


def spread(slug, date, number=None, scope=READERS):
    """The edition of ``slug`` on ``date`` opened at page ``number`` (its first page by default)."""
    edition = get_object_or_404(
        scope.editions().select_related("publication"), publication__slug=slug, date=date
    )
    pages = list(pages_without_source().filter(edition=edition).order_by("number"))
    if number is None:
        page = pages[0] if pages else None
    else:
        page = next((page for page in pages if page.number == number), None)
        if page is None:
            raise Http404("No such page in this edition.")
    for each in pages:
        each.edition = edition
    index = pages.index(page) if page else 0
    articles = []
    if page is not None:
        articles = list(
            scope.articles()
            .filter(page=page)
            .order_by("position")
            .prefetch_related(bylines_with_reporters())
        )
        for article in articles:
            article.page = page
    siblings = scope.editions().filter(publication=edition.publication_id)
    return Spread(
        edition=edition,
        pages=pages,
        page=page,
        articles=articles,
        staff_box=staff_box(edition, page),
        previous_page=pages[index - 1] if page and index > 0 else None,
        next_page=pages[index + 1] if page and index + 1 < len(pages) else None,
        previous_edition_date=siblings.filter(date__lt=edition.date)
        .order_by("-date")
        .values_list("date", flat=True)
        .first(),
        next_edition_date=siblings.filter(date__gt=edition.date)
        .order_by("date")
        .values_list("date", flat=True)
        .first(),
        latest_edition_date=scope.latest_candidates()
        .filter(publication=edition.publication_id)
        .order_by("-date")
        .values_list("date", flat=True)
        .first(),
    )


def page_text(articles):
    """A page's stories as plain text, in reading order: each headline group, dateline and
    credits, and body without Markdown; stories are separated by a blank line, a line of asterisks and another.

    Made from ``articles`` as given (the visitor's scope, with their bylines prefetched), never
    from the page's imported source text.
    """
    stories = []
    for article in articles:
        lines = [part for part in (article.kicker, article.title, article.subtitle) if part]
        credit = " ".join(filter(None, (article.dateline, article.credit_line())))
        if credit:
            lines.append(credit)
        body = plain_text(article.body)
        stories.append("\n".join(lines) + ("\n\n" + body if body else ""))
    return "\n\n＊　＊　＊\n\n".join(stories)


# --- One article ------------------------------------------------------------------


@dataclass
class Story:
    """An article with everything its page shows around it."""

    article: Article
    credits: list
    staff_box: list
    previous_article: dict | None
    next_article: dict | None

    @property
    def is_preview(self):
        return (
            self.article.status != Article.Status.PUBLISHED
            or self.article.page.edition.status != Edition.Status.PUBLISHED
        )


def story(pk, *, slug=None, date=None, number=None, scope=READERS):
    """One article and its surroundings; where its URL says it is must match where it is."""
    where = {
        "page__edition__publication__slug": slug,
        "page__edition__date": date,
        "page__number": number,
    }
    article = get_object_or_404(
        scope.articles()
        .select_related("page__edition__publication")
        .defer("page__source_text")
        .prefetch_related(
            bylines_with_reporters(),
            Prefetch("photos", Photo.objects.select_related("credit").order_by("position", "pk")),
        ),
        pk=pk,
        **{lookup: value for lookup, value in where.items() if value is not None},
    )
    page = article.page
    siblings = list(
        scope.articles().filter(page=page).order_by("position").values("pk", "position", "title")
    )
    index = next(i for i, sibling in enumerate(siblings) if sibling["pk"] == article.pk)
    for sibling in siblings:
        sibling["url"] = Article(pk=sibling["pk"], page=page).get_absolute_url()
    return Story(
        article=article,
        credits=credit_groups(article),
        staff_box=staff_box(page.edition, page),
        previous_article=siblings[index - 1] if index > 0 else None,
        next_article=siblings[index + 1] if index + 1 < len(siblings) else None,
    )


def story_address(pk, *, scope=READERS) -> str | None:
    """Where a story the visitor may read is now, or None: a story's id never changes, but its page
    number can (a page renumbered), and the address it had before then must still lead to it."""
    article = scope.articles().select_related("page__edition__publication").filter(pk=pk).first()
    return article.get_absolute_url() if article else None


# --- Reporters and feeds ---------------------------------------------------------------


def newest_first(articles):
    """Articles newest edition first, then in print order, ready to list with their bylines."""
    return (
        articles.select_related("page__edition__publication")
        .defer("page__source_text")
        .prefetch_related(bylines_with_reporters())
        .order_by("-page__edition__date", "page__edition__publication__name", "page__number", "position")
    )


def reporter_with_stories(slug, pk):
    """A reporter and their published stories, co-bylined ones included.

    Someone credited only in unpublished copy has no public page.
    """
    reporter = get_object_or_404(
        Reporter.objects.select_related("publication"), publication__slug=slug, pk=pk
    )
    articles = newest_first(Article.objects.published().credited_to(reporter))
    return reporter, articles


def paper_stories(slug):
    publication = get_object_or_404(Publication, slug=slug)
    articles = newest_first(Article.objects.published().filter(page__edition__publication=publication))
    return publication, articles
