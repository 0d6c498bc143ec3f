"""The public e-paper. Views are thin: they pick the visitor's scope, ask ``reading`` for
what to show (always through a ``published()`` queryset for readers) and render it."""
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from . import reading
from .caching import public_page

STORIES_PER_PAGE = 20


def paginate(request, queryset, per_page=STORIES_PER_PAGE):
    """One page of results; a page number that is not there is a 404, an empty list too."""
    paginator = Paginator(queryset, per_page, allow_empty_first_page=False)
    try:
        page_obj = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404(str(error)) from error
    return page_obj


@public_page
def home(request):
    scope = reading.Scope.for_user(request.user)
    return render(request, "articles/home.html", {"papers": reading.papers_with_latest_edition(scope)})


@public_page
def archive(request, slug, month=None):
    """A paper's 往期回顾: a month calendar with the days that have an edition linked."""
    scope = reading.Scope.for_user(request.user)
    return render(request, "articles/archive.html", {"archive": reading.month_archive(slug, month, scope)})


@public_page
def edition(request, slug, date, number=None):
    """One day's paper opened at one page: 版面导航, the page's stories, its original text."""
    scope = reading.Scope.for_user(request.user)
    spread = reading.spread(slug, date, number, scope)
    return render(request, "articles/edition_detail.html", {"spread": spread, "preview": spread.is_preview})


@public_page
def article(request, slug, date, number, pk):
    scope = reading.Scope.for_user(request.user)
    story = reading.story(pk, slug=slug, date=date, number=number, scope=scope)
    return render(request, "articles/article_detail.html", {"story": story, "preview": story.is_preview})


@public_page
def reporter(request, slug, pk):
    """Every published story by one reporter or organisation, newest first."""
    reporter, articles = reading.reporter_with_stories(slug, pk)
    page_obj = paginate(request, articles)
    return render(
        request,
        "articles/reporter_detail.html",
        {"reporter": reporter, "page_obj": page_obj, "articles": page_obj.object_list},
    )


def robots(request):
    sitemap = request.build_absolute_uri(reverse("articles:sitemap"))
    news = request.build_absolute_uri(reverse("articles:news_sitemap"))
    lines = ["User-agent: *", f"Disallow: {reverse('admin:index')}", f"Sitemap: {sitemap}", f"Sitemap: {news}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
