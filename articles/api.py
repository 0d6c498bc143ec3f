"""A read-only JSON API: what the e-paper shows, as data. Published content only.

Lists are paginated as ``{"count", "next", "previous", "results"}`` with ``?page=N``.
README.md documents every endpoint.
"""
import datetime
import re

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from . import reading
from .caching import public_page
from .markup import render_markdown
from .models import Article, Edition, Publication

PER_PAGE = 50


def not_found(message="没有找到"):
    return JsonResponse({"error": message}, status=404, json_dumps_params={"ensure_ascii": False})


def json(data):
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def api_view(view):
    """GET/HEAD only, cached like the pages, and a 404 in JSON rather than HTML."""

    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404 as error:
            return not_found(str(error) or "没有找到")

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return require_safe(public_page(wrapper))


def paginated(request, queryset, serialize):
    paginator = Paginator(queryset, PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage:
        return not_found("没有这一页")

    def page_url(number):
        query = request.GET.copy()
        query["page"] = number
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return json(
        {
            "count": paginator.count,
            "next": page_url(page.next_page_number()) if page.has_next() else None,
            "previous": page_url(page.previous_page_number()) if page.has_previous() else None,
            "results": [serialize(request, item) for item in page.object_list],
        }
    )


# --- Query parameters ------------------------------------------------------------------

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,50}")


def paper_parameter(request):
    """The ``?paper=<slug>`` filter: None when absent, else a paper's slug; a 404 for a paper that
    does not exist (or a value that could not be a slug), rather than an empty list or a query
    with a value the database refuses."""
    slug = request.GET.get("paper")
    if not slug:
        return None
    if not SLUG.fullmatch(slug) or not Publication.objects.filter(slug=slug).exists():
        raise Http404("没有这份报纸")
    return slug


def date_parameter(request):
    """The ``?date=YYYY-MM-DD`` filter: None when absent, else the date; a 404 when malformed."""
    value = request.GET.get("date")
    if not value:
        return None
    try:
        date = datetime.date.fromisoformat(value)
    except ValueError:
        date = None
    if date is None or date.isoformat() != value:  # fromisoformat also takes 20220715 and more
        raise Http404("日期格式应为 YYYY-MM-DD")
    return date


# --- Shapes -------------------------------------------------------------------------


def edition_ref(request, edition):
    slug, date = edition.publication.slug, edition.date.isoformat()
    return {
        "paper": edition.publication.name,
        "paper_slug": slug,
        "date": date,
        "issue_number": edition.issue_number,
        "url": request.build_absolute_uri(edition.get_absolute_url()),
        "api_url": request.build_absolute_uri(reverse("articles:api_edition", args=[slug, date])),
    }


def page_ref(request, page):
    edition = page.edition
    return {
        "number": page.number,
        "label": page.label,
        "name": page.name,
        "url": request.build_absolute_uri(page.get_absolute_url()),
        "api_url": request.build_absolute_uri(
            reverse("articles:api_page", args=[edition.publication.slug, edition.date.isoformat(), page.number])
        ),
    }


def bylines(request, article):
    return [
        {
            "name": byline.reporter.name,
            "role": byline.role,
            "role_label": byline.get_role_display(),
            "url": request.build_absolute_uri(byline.reporter.get_absolute_url()),
        }
        for byline in article.bylines.all()
    ]


def article_ref(request, article):
    return {
        "id": article.pk,
        "position": article.position,
        "kicker": article.kicker,
        "title": article.title,
        "subtitle": article.subtitle,
        "dateline": article.dateline,
        "bylines": bylines(request, article),
        "url": request.build_absolute_uri(article.get_absolute_url()),
        "api_url": request.build_absolute_uri(reverse("articles:api_article", args=[article.pk])),
    }


def staff_box(rows):
    return [{"role": role, "names": names} for role, names in rows]


# --- Endpoints -----------------------------------------------------------------------


@api_view
def editions(request):
    """Published editions, newest first; ``?paper=<slug>`` keeps one paper's."""
    queryset = Edition.objects.published().select_related("publication").order_by("-date", "publication__name")
    if paper := paper_parameter(request):
        queryset = queryset.filter(publication__slug=paper)
    return paginated(request, queryset, edition_ref)


@api_view
def edition(request, slug, date):
    spread = reading.spread(slug, date)
    return json({**edition_ref(request, spread.edition), "pages": [page_ref(request, page) for page in spread.pages]})


@api_view
def page(request, slug, date, number):
    spread = reading.spread(slug, date, number)
    return json(
        {
            **page_ref(request, spread.page),
            "edition": edition_ref(request, spread.edition),
            "articles": [article_ref(request, article) for article in spread.articles],
            "staff_box": staff_box(spread.staff_box),
            "text": spread.text,
        }
    )


@api_view
def articles(request):
    """Published articles, newest first; ``?paper=<slug>`` and ``?date=YYYY-MM-DD`` narrow them."""
    queryset = reading.newest_first(Article.objects.published())
    if paper := paper_parameter(request):
        queryset = queryset.filter(page__edition__publication__slug=paper)
    if date := date_parameter(request):
        queryset = queryset.filter(page__edition__date=date)
    return paginated(
        request,
        queryset,
        lambda request, article: {
            **article_ref(request, article),
            "edition": edition_ref(request, article.page.edition),
            "page": page_ref(request, article.page),
        },
    )


@api_view
def article(request, pk):
    story = reading.story(pk)
    article = story.article
    return json(
        {
            **article_ref(request, article),
            "edition": edition_ref(request, article.page.edition),
            "page": page_ref(request, article.page),
            "body": article.body,
            "body_html": str(render_markdown(article.body)),
            "photos": [
                {
                    "caption": photo.caption,
                    "credit": photo.credit_name,
                    "image": request.build_absolute_uri(photo.image.url) if photo.image else None,
                }
                for photo in article.photos.all()
            ],
            "staff_box": staff_box(story.staff_box),
        }
    )
