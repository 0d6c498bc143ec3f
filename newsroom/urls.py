from django.conf import settings
from django.contrib import admin
from django.http import Http404
from django.urls import include, path
from django.views.static import serve

from articles import facsimile_services, thumbnails
from articles.admin_views import DeskAutocompleteView
from articles.models import Photo, Publication


def media(request, path):
    """Uploaded photos, page images and papers' logos, when no proxy in front serves MEDIA_ROOT
    (DJANGO_SERVE_MEDIA)."""
    if not (settings.DEBUG or settings.SERVE_MEDIA):
        raise Http404
    original = thumbnails.original_of(path)
    if facsimile_services.is_page_image(path):
        public = facsimile_services.image_seen_by_readers(path)  # a page of a published edition
    elif original is not None:
        public = Photo.objects.seen_by_readers().filter(image=original).exists()  # held back with its photo
    else:
        public = (
            Photo.objects.seen_by_readers().filter(image=path).exists()
            or Publication.objects.filter(logo=path).exists()  # a paper's logo is public
        )
    if not (public or request.user.is_staff):
        raise Http404  # a draft's or spiked story's photo is held back like its text
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError:  # a name the file system refuses (too long): no such photo
        raise Http404 from None
    if facsimile_services.is_page_image(path):
        # the name holds a hash of the content: a new upload is a new name
        response["Cache-Control"] = "public, max-age=31536000, immutable" if public else "private, no-store"
    return response


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
