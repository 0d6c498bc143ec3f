"""The page structure view in the desk: one page's pieces as the parser read them, and a menu on each to
correct it. Thin views: the rules live in `articles.structure`. Wired in by `PageAdmin.get_urls`.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from . import ordering, structure
from .admin_ordering import order_buttons
from .admin_views import _pk
from .models import Page
from .services import DeskError


def _page(object_id) -> Page:
    return get_object_or_404(
        Page.objects.select_related("edition__publication", "signed_off_by"), pk=_pk(Page, object_id)
    )


def page_structure(request, object_id):
    if not request.user.has_perm("articles.view_page"):
        raise PermissionDenied
    page = _page(object_id)
    view = structure.page_structure(page=page)
    refusal = structure.refusal(page=page, user=request.user)
    context = {
        **admin.site.each_context(request),
        "title": f"{page} · 结构",
        "page": page,
        "structure": view,
        "stored": _stored_order(request, page, view),
        "menu": structure.MENU,
        "editable": not refusal,
        "refusal": refusal if request.user.has_perm("articles.change_article") else "",
        "opts": Page._meta,
        "original": page,
    }
    response = TemplateResponse(request, "admin/articles/page/structure.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


def _stored_order(request, page, view):
    """The page's stored stories in their order (what readers see), each in the colour of the parsed story
    with its headline, with the desk's 上移 / 下移 / 移除 when the user may change the order."""
    placed = list(page.articles.placed().only("pk", "position", "title", "page_id").order_by("position"))
    colours = {}
    for story in view.stories:
        colours.setdefault(structure.title_key(story.title), story.colour)
    may = ordering.may_change_order(page=page, user=request.user)
    here = reverse("admin:articles_page_structure", args=[page.pk])
    return [
        {
            "article": article,
            "colour": colours.get(structure.title_key(article.title)),
            "tools": order_buttons(article, len(placed), next_url=here) if may else "",
        }
        for article in placed
    ]


@require_POST
def correct_piece(request, object_id):
    page = _page(object_id)
    key = request.POST.get("key", "")
    # one button, two decisions: "start:kicker" splits here with this piece as the new story's kicker
    story, _, label = request.POST.get("story", "").partition(":")
    try:
        outcome = structure.correct_piece(
            page=page, key=key, user=request.user,
            label=request.POST.get("label", "") or label, story=story, state=request.POST.get("state", ""),
        )
    except DeskError as error:
        messages.error(request, str(error))
        return _back(page, key)
    _report(request, page, outcome)
    return _back(page, key)


@require_POST
def undo_correction(request, object_id):
    page = _page(object_id)
    try:
        outcome = structure.undo_correction(page=page, user=request.user, state=request.POST.get("state", ""))
    except DeskError as error:
        messages.error(request, str(error))
    else:
        _report(request, page, outcome, done="")  # said: "撤销更正:…"
    return _back(page, "")


def _report(request, page, outcome, done="已更正"):
    messages.success(request, f"{done}:{outcome.said}" if done else outcome.said)
    for line in outcome.messages(page):
        messages.warning(request, line)


def _back(page, key):
    url = reverse("admin:articles_page_structure", args=[page.pk])
    return redirect(f"{url}#p-{key}" if key and len(key) <= 40 and key.replace("-", "").isalnum() else url)


def urls(admin_site):
    """The structure view's addresses, under the page's own in the admin."""
    view = admin_site.admin_view
    return [
        path("<path:object_id>/structure/", view(page_structure), name="articles_page_structure"),
        path("<path:object_id>/structure/correct/", view(correct_piece), name="articles_page_structure_correct"),
        path("<path:object_id>/structure/undo/", view(undo_correction), name="articles_page_structure_undo"),
    ]


@admin.display(description="结构")
def structure_link(page):
    return format_html('<a href="{}">结构</a>', reverse("admin:articles_page_structure", args=[page.pk]))
