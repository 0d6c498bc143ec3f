"""The desk's own admin pages: a story's preview, workflow and sign-off buttons, a duty editor's desk,
and the page-file upload (form, preview, confirm).

Each view is thin: it checks the request, calls `articles.services`, and shows or reports the answer.
They are wired into the admin (and its login) by the ModelAdmins' `get_urls`.
"""
from django.contrib import admin, messages
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import services, structure, uploads
from .forms import PageUploadForm
from .importing import Outcome
from .markup import render_markdown
from .models import Article, Byline, Page, Reporter


class DeskAutocompleteView(AutocompleteJsonView):
    """The admin's autocomplete, with each reporter's paper beside the name: two papers may each
    have a 李明, and a byline should name the story's own paper's one."""

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if isinstance(obj, Reporter):
            result["text"] = f"{obj.name}({obj.publication.name})"
        return result


def _context(request, **context):
    return {**admin.site.each_context(request), **context}


def _back(request, fallback):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback)


MAX_PREVIEW_CHARS = 200_000


@require_POST
def render_body(request):
    """The body being typed, rendered as the site will show it (sanitised), for the live preview."""
    if not (request.user.has_perm("articles.change_article") or request.user.has_perm("articles.add_article")):
        raise PermissionDenied
    body = request.POST.get("body", "")
    if len(body) > MAX_PREVIEW_CHARS:
        return HttpResponse(f"正文太长,无法预览(超过 {MAX_PREVIEW_CHARS} 字)。", status=413,
                            content_type="text/plain; charset=utf-8")
    return HttpResponse(render_markdown(body), content_type="text/html; charset=utf-8")  # admin_view: never cached


def _pk(model, object_id):
    """The id in a desk address as the model's key; a 404 for one that cannot be (``abc``)."""
    try:
        return model._meta.pk.to_python(object_id)
    except ValidationError:
        raise Http404("没有这个编号") from None


def preview_article(request, object_id):
    """A story as a reader would see it, drafts included: staff only, never cached or indexed."""
    if not request.user.has_perm("articles.view_article"):
        raise PermissionDenied
    article = get_object_or_404(
        Article.objects.select_related("page__edition__publication").prefetch_related("bylines__reporter", "photos"),
        pk=_pk(Article, object_id),
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
    article = get_object_or_404(Article, pk=_pk(Article, object_id))
    try:
        services.transition_article(article=article, transition=step, user=request.user)
    except services.DeskError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"“{article.title}”已{step.label},现为{article.get_status_display()}")
    return redirect("admin:articles_article_change", article.pk)


@require_POST
def sign_off_page(request, object_id):
    page = get_object_or_404(Page.objects.select_related("edition__publication"), pk=_pk(Page, object_id))
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


def upload_pages(request):
    """Upload page files: the form, then the parsed preview (nothing stored yet), then the import on confirm.

    The preview and the import are the same import, the preview's rolled back; the files wait on disk
    under a token held in the editor's session in between.
    """
    if not request.user.has_perm("articles.import_page"):
        raise PermissionDenied
    if request.method == "POST" and "token" in request.POST:
        return _confirm_upload(request)
    form = PageUploadForm(request.POST, request.FILES) if request.method == "POST" else PageUploadForm()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            entries = services.plan_page_upload(
                files=data["files"], manifest=data["manifest"], publication=data["publication"],
                date=data["date"], first_number=data["first_number"],
            )
        except services.DeskError as error:
            form.add_error("manifest", str(error))
        else:
            outcomes = services.import_page_upload(entries=entries, user=request.user, dry_run=True, force=data["force"])
            return _upload_page(
                request, "admin/articles/page/upload_preview.html", "上传版面文件:预览",
                token=uploads.stage(request.session, entries),
                force=data["force"],
                files=[_shown(outcome) for outcome in outcomes],
                importable=sum(o.report.outcome != Outcome.FAILED for o in outcomes),
            )
    return _upload_page(request, "admin/articles/page/upload.html", "上传版面文件", form=form)


def _confirm_upload(request):
    token = request.POST["token"]
    if "cancel" in request.POST:
        uploads.discard(request.session, token)
        messages.info(request, "已放弃这次上传,什么也没有导入。")
        return redirect("admin:articles_page_upload")
    entries = uploads.load(request.session, token)
    if entries is None:
        messages.error(request, "这次上传已经导入过或已过期,请重新上传文件。")
        return redirect("admin:articles_page_upload")
    outcomes = services.import_page_upload(
        entries=entries, user=request.user, dry_run=False, force=request.POST.get("force") == "1"
    )
    uploads.discard(request.session, token)
    return _upload_page(
        request, "admin/articles/page/upload_done.html", "上传版面文件:导入结果",
        files=[_shown(outcome, done=True) for outcome in outcomes],
        counts={outcome: sum(o.report.outcome == outcome for o in outcomes) for outcome in Outcome},
    )


def _upload_page(request, template, title, **context):
    return TemplateResponse(request, template, _context(request, title=title, opts=Page._meta, **context))


ROLE_LABELS = dict(Byline.Role.choices)
PREVIEW_LABELS = {"created": "将新建", "unchanged": "未变(已导入过)", "updated": "将更新", "failed": "无法导入"}


def _shown(outcome, *, done=False):
    """One file's report as the preview and result pages show it: bylines with their printed roles,
    and after the import, links to the page in the desk and on the site."""
    report = outcome.report
    stored = done and report.page is not None
    parsed = report.parsed
    articles = []
    for position, article in enumerate(parsed.articles if parsed else [], 1):
        articles.append({
            "position": position,
            "article": article,
            "credits": [(ROLE_LABELS.get(c.role, c.role), c.name) for c in article.bylines],
        })
    return {
        "report": report,
        "outcome": Outcome(report.outcome),
        "label": Outcome(report.outcome).label if done else PREVIEW_LABELS[report.outcome],
        "admin_url": reverse("admin:articles_page_change", args=[report.page.pk]) if stored else "",
        "site_url": report.page.get_absolute_url() if stored else "",
        "where": outcome.where,
        "facsimile_name": outcome.facsimile_name,
        "zones": outcome.zones,
        "facsimile_notes": outcome.facsimile_notes,
        "articles": articles,
        "masthead": parsed.masthead if parsed else [],
        "photos": parsed.photos if parsed else [],
        "structure": structure.read_structure(parsed) if parsed and not done else None,  # every piece, read-only
    }
