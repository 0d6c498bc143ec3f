"""The desk's buttons for a page's order: move a story up or down, remove a bogus one with a
reason, put a removed one back. Thin views over `articles.ordering`, wired in by ArticleAdmin."""
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST

from . import ordering
from .admin_views import _back, _pk
from .models import Article

REFUSALS = (ordering.OrderRefused, PermissionDenied)


def _article(object_id):
    return get_object_or_404(
        Article.objects.select_related("page__edition__publication"), pk=_pk(Article, object_id)
    )


def _report(request, result, done: str):
    messages.success(request, done)
    for line in result.messages():
        messages.warning(request, line)


@require_POST
def move_story(request, object_id):
    """POST …/move/?to=N[&from=M]: `from` is where the editor saw the story (a stale view is refused)."""
    article = _article(object_id)
    source = request.GET if "to" in request.GET else request.POST
    to, seen = source.get("to"), source.get("from")
    try:
        result = ordering.move_story(
            article=article, position=to, user=request.user,
            from_position=int(seen) if str(seen or "").isdigit() else None,
        )
    except REFUSALS as error:
        messages.error(request, str(error))
    else:
        _report(request, result, f"“{article.title}”现为{article.page.label}第 {article.position} 篇")
    return _back(request, reverse("admin:articles_article_change", args=[article.pk]))


def remove_story(request, object_id):
    """GET: the reason form; POST: remove the story from its page's order."""
    article = _article(object_id)
    error = ""
    if request.method == "POST":
        try:
            result = ordering.remove_story(article=article, reason=request.POST.get("reason", ""), user=request.user)
        except REFUSALS as refusal:
            error = str(refusal)
        else:
            _report(request, result, f"已从{article.page.label}移除“{article.title}”,理由记在它的历史里")
            return _back(request, reverse("admin:articles_page_change", args=[article.page_id]))
    elif not ordering.may_change_order(page=article.page, user=request.user):
        raise PermissionDenied
    next_url = request.GET.get("next") or request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure())
    return TemplateResponse(
        request,
        "admin/articles/article/remove.html",
        {
            **admin.site.each_context(request),
            "title": f"从{article.page.label}移除稿件",
            "opts": Article._meta,
            "original": article,
            "error": error,
            "reason": request.POST.get("reason", ""),
            "next": next_url,
            "cancel": next_url if safe else reverse("admin:articles_article_change", args=[article.pk]),
        },
    )


@require_POST
def restore_story(request, object_id):
    article = _article(object_id)
    try:
        result = ordering.restore_story(article=article, user=request.user)
    except REFUSALS as error:
        messages.error(request, str(error))
    else:
        _report(request, result, f"“{article.title}”已恢复到{article.page.label}第 {article.position} 篇")
    return _back(request, reverse("admin:articles_article_change", args=[article.pk]))


def order_buttons(article: Article, count: int, *, next_url: str = "") -> str:
    """上移 / 下移 / 移除 for a story in the page's list: buttons of the page's own form, each
    posting to its own address (a form may not hold another)."""
    if article.pk is None or article.position is None:
        return ""
    move = reverse("admin:articles_article_move", args=[article.pk])
    buttons = []
    for to, css, label in ((article.position - 1, "desk-up", "上移"), (article.position + 1, "desk-down", "下移")):
        if 1 <= to <= count:
            buttons.append((f"{move}?{urlencode({'from': article.position, 'to': to, 'next': next_url})}", css, label))
    html = format_html_join(
        " ", '<button type="submit" formmethod="post" formnovalidate formaction="{}" class="{}">{}</button>', buttons
    )
    remove = reverse("admin:articles_article_remove", args=[article.pk])
    return format_html('{} <a class="desk-remove" href="{}?{}">移除…</a>', html, remove, urlencode({"next": next_url}))


class RemovedFilter(admin.SimpleListFilter):
    """The list shows the stories on their pages; 已移除 shows those taken off, with why and who."""

    title = "版面上"
    parameter_name = "removed"

    def lookups(self, request, model_admin):
        return [("yes", "已移除")]

    def queryset(self, request, queryset):
        return queryset.removed() if self.value() == "yes" else queryset.placed()


def put_back_selected(modeladmin, request, queryset):
    """The admin action: each selected removed story back at the end of its page."""
    done = 0
    for article in queryset:
        try:
            ordering.restore_story(article=article, user=request.user)
        except REFUSALS as error:
            modeladmin.message_user(request, str(error), messages.ERROR)
        else:
            done += 1
    if done:
        modeladmin.message_user(request, f"已恢复到版面:{done} 篇(各排在本版最后)", messages.SUCCESS)


def insert_new(request, article, write_related):
    """A new story saved at a place another story has: inserted there, the others moving down."""
    return ordering.insert_story(
        article=article, position=article.position, user=request.user, source="桌面编辑:插入", write_related=write_related
    )
