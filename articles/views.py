"""The public e-paper. Views are thin: they pick the visitor's scope, ask ``reading`` for
what to show (always through a ``published()`` queryset for readers) and render it."""
from django import forms
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from . import reading, search as full_text
from .caching import public_page
from .models import Article, Edition, Publication, Reporter

STORIES_PER_PAGE = 20


def paginate(request, queryset, per_page=STORIES_PER_PAGE, allow_empty=False):
    """One page of results; a page number that is not there is a 404, an empty list too
    unless ``allow_empty`` (a search that finds nothing still has its page)."""
    paginator = Paginator(queryset, per_page, allow_empty_first_page=allow_empty)
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
    """One day's paper opened at one page: 版面导航, the page's stories, and their text as plain text."""
    scope = reading.Scope.for_user(request.user)
    spread = reading.spread(slug, date, number, scope)
    return render(request, "articles/edition_detail.html", {"spread": spread, "preview": spread.is_preview})


@public_page
def article(request, slug, date, number, pk):
    scope = reading.Scope.for_user(request.user)
    try:
        story = reading.story(pk, slug=slug, date=date, number=number, scope=scope)
    except Http404:
        # A page renumbered since keeps its stories' old addresses working; another paper or day does not.
        moved_to = reading.story_address(pk, scope=scope)
        same_day = reverse("articles:edition", kwargs={"slug": slug, "date": date.isoformat()})
        if moved_to is None or moved_to == request.path or not moved_to.startswith(same_day):
            raise
        return redirect(moved_to, permanent=True)
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


DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SearchForm(forms.Form):
    """The search page's query string: ``q`` and the filters a reader can narrow it with.

    Only published papers, editions and credited reporters are choices, so an id in the
    URL never reveals a name readers cannot otherwise see.
    """

    q = forms.CharField(label="关键词", required=False)
    paper = forms.ModelChoiceField(
        label="报纸",
        queryset=Publication.objects.filter(pk__in=Edition.objects.published().values("publication")).order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="全部报纸",
        error_messages={"invalid_choice": "没有这份报纸。"},
    )
    date_from = forms.DateField(
        label="从", required=False, widget=DATE_INPUT, error_messages={"invalid": "日期应写成 2022-07-15 这样。"}
    )
    date_to = forms.DateField(
        label="到", required=False, widget=DATE_INPUT, error_messages={"invalid": "日期应写成 2022-07-15 这样。"}
    )
    author = forms.CharField(
        label="作者", required=False, max_length=20, strip=True,
        widget=forms.TextInput(attrs={"placeholder": "姓名", "size": 8}),
    )
    # A reporter or an edition arrives by a link (a reporter's page, an edition's search box).
    reporter = forms.ModelChoiceField(
        queryset=Reporter.objects.filter(pk__in=Article.objects.published().values("bylines__reporter"))
        .select_related("publication"),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "没有这位作者已发布的稿件。"},
    )
    edition = forms.ModelChoiceField(
        queryset=Edition.objects.published().select_related("publication"),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "这一期报纸不存在或尚未发布。"},
    )

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError("开始日期不能晚于结束日期。")
        return data


@public_page(shared=False)
def search(request):
    """Full-text search of the published stories, ranked, 20 a page, each with its matches marked.

    Readers' queries are endless, and anyone can make up more: a result page is kept only in this
    process's copies (bounded in size), never in the shared cache, so made-up queries cannot fill Redis."""
    form = SearchForm(request.GET)
    query = form.data.get("q", "").strip()
    context = {"form": form, "query": query, "searchable": bool(full_text.parse_query(query)), "results": None}
    if form.is_valid() and context["searchable"]:
        data = form.cleaned_data
        articles = full_text.search_articles(
            query,
            publication=data["paper"],
            date_from=data["date_from"],
            date_to=data["date_to"],
            reporter=data["reporter"],
            author=data["author"],
            edition=data["edition"],
        )
        context["page_obj"] = paginate(request, articles, allow_empty=True)
        context["results"] = [marked(article, query) for article in context["page_obj"]]
    return render(request, "articles/search.html", context)


def marked(article, query):
    """A search result: the headline group whole and a snippet of the body, the matches marked."""
    headline = {
        field: full_text.highlight(text, query, length=len(text))
        for field, text in (("kicker", article.kicker), ("title", article.title), ("subtitle", article.subtitle))
    }
    return {"article": article, **headline, "snippet": full_text.highlight(article.body, query)}


def robots(request):
    """Where crawlers may go. Only public addresses are named: the desk's address is kept secret
    (DJANGO_ADMIN_PATH), and its pages need a login anyway, so robots.txt does not mention it."""
    sitemap = request.build_absolute_uri(reverse("articles:sitemap"))
    news = request.build_absolute_uri(reverse("articles:news_sitemap"))
    lines = ["User-agent: *", f"Disallow: {reverse('articles:search')}", f"Sitemap: {sitemap}", f"Sitemap: {news}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
