"""The public e-paper. Views only look rows up, always through a ``published()`` queryset."""
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from .models import Article, Edition, Page, Reporter


class HomeView(ListView):
    """The latest published editions of every paper."""

    queryset = (
        Edition.objects.published()
        .select_related("publication")
        .order_by("-date", "publication__name")
    )
    paginate_by = 30


class EditionView(DetailView):
    """One day's paper: its page list (版面导航)."""

    def get_object(self, queryset=None):
        return get_object_or_404(
            Edition.objects.published().select_related("publication"),
            publication__slug=self.kwargs["slug"],
            date=self.kwargs["date"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(pages=self.object.pages.all(), **kwargs)


class PageView(DetailView):
    """One printed page and the stories on it, in reading order."""

    def get_object(self, queryset=None):
        return get_object_or_404(
            Page.objects.published().select_related("edition__publication"),
            edition__publication__slug=self.kwargs["slug"],
            edition__date=self.kwargs["date"],
            number=self.kwargs["number"],
        )

    def get_context_data(self, **kwargs):
        articles = self.object.articles.published()
        return super().get_context_data(articles=articles, **kwargs)


class ArticleView(DetailView):
    def get_object(self, queryset=None):
        return get_object_or_404(
            Article.objects.published()
            .select_related("page__edition__publication")
            .prefetch_related("bylines__reporter", "photos"),
            pk=self.kwargs["pk"],
            page__number=self.kwargs["number"],
            page__edition__date=self.kwargs["date"],
            page__edition__publication__slug=self.kwargs["slug"],
        )


class ReporterView(DetailView):
    """A reporter's published stories; someone credited only in unpublished copy is a 404."""

    def get_object(self, queryset=None):
        return get_object_or_404(
            Reporter.objects.select_related("publication"),
            publication__slug=self.kwargs["slug"],
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        articles = (
            Article.objects.published()
            .credited_to(self.object)
            .select_related("page__edition__publication")
            .order_by("-page__edition__date", "page__number", "position")
        )
        if not articles:
            raise Http404("No published article credits this reporter.")
        return super().get_context_data(articles=articles, **kwargs)
