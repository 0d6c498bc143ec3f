"""The desk's own admin pages: a story's preview, workflow and sign-off buttons, and a duty editor's desk.

Each view is thin: it checks the request, calls `articles.services`, and shows or reports the answer.
They are wired into the admin (and its login) by the ModelAdmins' `get_urls`.
"""
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import services
from .markup import render_markdown
from .models import Article, Page


def _context(request, **context):
    return {**admin.site.each_context(request), **context}


def _back(request, fallback):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback)


def preview_article(request, object_id):
    """A story as a reader would see it, drafts included: staff only, never cached or indexed."""
    if not request.user.has_perm("articles.view_article"):
        raise PermissionDenied
    article = get_object_or_404(
        Article.objects.select_related("page__edition__publication").prefetch_related("bylines__reporter", "photos"),
        pk=object_id,
    )
    response = TemplateResponse(
        request,
        "admin/articles/article/preview.html",
        _context(
            request,
            title=f"预览:{article.title}",
            article=article,
            body=render_markdown(article.body),
            opts=Article._meta,
            original=article,
        ),
    )
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def transition_article(request, object_id, transition):
    try:
        step = Article.Transition(transition)
    except ValueError:
        raise Http404("没有这个流程步骤") from None
    article = get_object_or_404(Article, pk=object_id)
    try:
        services.transition_article(article=article, transition=step, user=request.user)
    except services.DeskError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"“{article.title}”已{step.label},现为{article.get_status_display()}")
    return redirect("admin:articles_article_change", article.pk)


@require_POST
def sign_off_page(request, object_id):
    page = get_object_or_404(Page.objects.select_related("edition__publication"), pk=object_id)
    try:
        services.sign_off_page(page=page, user=request.user)
    except services.DeskError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"已签发 {page}")
    return _back(request, reverse("admin:articles_page_change", args=[page.pk]))


def my_desk(request):
    """The logged-in duty editor's pages that await sign-off."""
    duty_editor = getattr(request.user, "duty_editor", None)
    pages = []
    if duty_editor is not None:
        pages = services.pages_awaiting_sign_off(duty_editor=duty_editor)
    return TemplateResponse(
        request,
        "admin/articles/my_desk.html",
        _context(
            request,
            title="我的值班台",
            duty_editor=duty_editor,
            pages=pages,
            can_sign_off=request.user.has_perm("articles.sign_off_page"),
        ),
    )
