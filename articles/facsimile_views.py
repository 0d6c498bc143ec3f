"""The printed page's downloads: one page's PDF and the whole edition as one PDF.

Readers get them only for published editions (``reading.Scope``); an editor previewing gets them
for any edition, never cached by a shared cache."""
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control

from . import facsimile_services, reading
from .models import PageFacsimile

READER_SECONDS = 60 * 60  # a page PDF may be replaced by a corrected one: an hour, not forever


def page_pdf(request, slug, date, number):
    scope = reading.Scope.for_user(request.user)
    page = get_object_or_404(
        scope.pages().select_related("edition__publication"),
        edition__publication__slug=slug, edition__date=date, number=number,
    )
    scan = get_object_or_404(PageFacsimile, page=page, kind=PageFacsimile.Kind.PDF)
    try:
        handle = scan.source.open("rb")
    except OSError:
        raise Http404("The page's file is missing.") from None
    name = f"{page.edition.publication.name}-{date.isoformat()}-{page.label}.pdf"
    return _cached(FileResponse(handle, as_attachment=True, filename=name, content_type="application/pdf"), scope)


def edition_pdf(request, slug, date):
    scope = reading.Scope.for_user(request.user)
    edition = get_object_or_404(scope.editions().select_related("publication"), publication__slug=slug, date=date)
    path = facsimile_services.edition_pdf(edition)
    if path is None:
        raise Http404("No page of this edition has a PDF.")
    name = f"{edition.publication.name}-{date.isoformat()}.pdf"
    return _cached(FileResponse(path.open("rb"), as_attachment=True, filename=name, content_type="application/pdf"), scope)


def _cached(response, scope):
    if scope.preview:
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, public=True, max_age=READER_SECONDS)
    return response
