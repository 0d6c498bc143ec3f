from django.conf import settings
from django.contrib import admin
from django.http import Http404
from django.urls import include, path
from django.views.static import serve

from articles.admin_views import DeskAutocompleteView
from articles.models import Photo, Publication


def media(request, path):
    """Uploaded photos and papers' logos, when no proxy in front serves MEDIA_ROOT (DJANGO_SERVE_MEDIA)."""
    if not (settings.DEBUG or settings.SERVE_MEDIA):
        raise Http404
    if not (
        request.user.is_staff
        or Photo.objects.seen_by_readers().filter(image=path).exists()
        or Publication.objects.filter(logo=path).exists()  # a paper's logo is public
    ):
        raise Http404  # a draft's or spiked story's photo is held back like its text
    try:
        return serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError:  # a name the file system refuses (too long): no such photo
        raise Http404 from None


urlpatterns = [
    # Before the admin's own autocomplete, which it replaces (same address and name: reporters show their paper).
    path(
        f"{settings.ADMIN_PATH}autocomplete/",
        admin.site.admin_view(DeskAutocompleteView.as_view(admin_site=admin.site)),
    ),
    path(settings.ADMIN_PATH, admin.site.urls),
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media, name="media"),
    path("", include("articles.urls")),
]
