"""The editors' desk: the admin editors and duty editors work in all day.

Actions and buttons are thin: they call `articles.services`, which checks rights and rules, and
report its answer. Custom pages (preview, my desk, page upload) live in `articles.admin_views`.
"""
from collections import Counter

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms.models import BaseInlineFormSet
from django.shortcuts import get_object_or_404
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import content_disposition_header
from django.utils.html import format_html
from import_export.admin import ExportActionMixin, ImportMixin
from import_export.formats.base_formats import CSV, JSON, XLSX
from reversion.admin import VersionAdmin
from reversion.models import Version
import reversion

from . import (
    admin_ordering, admin_views, editing, exporting, facsimile_admin, ordering, resources, search, services,
    structure_views,
)
from .date_terms import date_query
from .importing import unique_slug
from .forms import ArticleForm, DeskExportForm, MergeReportersForm, PublishForm
from .markup import render_markdown
from .media import MediaErrorsInAdmin
from .models import (
    Article,
    Byline,
    DutyAssignment,
    DutyEditor,
    Edition,
    Page,
    Photo,
    Publication,
    Reporter,
    StatusChange,
    name_key,
)

# An article's history is its text with its bylines and photos; its workflow log is kept apart,
# so reverting an old version never deletes steps that happened since.
reversion.register(Byline)
reversion.register(Photo)
reversion.register(Article, follow=["bylines", "photos"])

admin.site.site_header = "数字报编辑台"
admin.site.site_title = "编辑台"
admin.site.index_title = "稿件与版面"


def report(modeladmin, request, call):
    """Run a service call; show its refusal as an error message instead of a crash. True when it went through."""
    try:
        call()
    except (services.DeskError, PermissionDenied) as error:
        modeladmin.message_user(request, str(error), messages.ERROR)
        return False
    return True


def confirmation(request, modeladmin, queryset, *, template, title, action, **context):
    """The intermediate page an action shows before it acts: the selected rows travel as hidden fields."""
    return TemplateResponse(
        request,
        template,
        {
            **modeladmin.admin_site.each_context(request),
            "title": title,
            "opts": modeladmin.model._meta,
            "queryset": queryset,
            "action": action,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            **context,
        },
    )


class BulkImportExport(ImportMixin, ExportActionMixin):
    """Export selected rows (an action) or the whole filtered list, and import through a preview,
    in CSV, XLSX or JSON; each needs its own permission (import_*, export_*)."""

    formats = [CSV, XLSX, JSON]
    export_form_class = DeskExportForm
    import_template_name = "admin/articles/import.html"
    import_error_display = ("message",)
    import_export_change_list_template = "admin/import_export/change_list_import_export.html"
    export_scope = ()  # (paper, date) lookups naming what an exported file holds

    def get_export_filename(self, request, queryset, file_format):
        """稿件-茂名晚报-2022-11-07.csv: what the file holds, for which paper and which days."""
        return exporting.export_filename(
            str(self.model._meta.verbose_name), queryset, self.export_scope, file_format.get_extension()
        )

    def get_import_formats(self):
        """CSV is read in UTF-8 or GB18030 (Excel on a Chinese Windows); see resources.DeskCSV."""
        return [resources.DeskCSV, XLSX, JSON]

    def add_data_read_fail_error_to_form(self, form, e):
        """One Chinese sentence instead of the exception's class name."""
        if isinstance(e, resources.UnreadableFile):
            message = str(e)
        else:
            message = "读不出这个文件:它不是所选格式(CSV、XLSX 或 JSON)的表格,或者已经损坏。请确认选对了格式,或用本页“导出”得到的文件作底稿"
        form.add_error("import_file", message)

    def _do_file_export(self, file_format, request, queryset, export_form=None):
        """CSV and JSON stream as they are read, XLSX is written to a temporary file: the same file
        as django-import-export's, without the whole list in memory (see articles.exporting)."""
        response = exporting.export_response(self, request, queryset, file_format, export_form)
        if response is None:
            response = super()._do_file_export(file_format, request, queryset, export_form)
            filename = self.get_export_filename(request, queryset, file_format)
            response["Content-Disposition"] = content_disposition_header(True, filename)
        return response


# Inlines


class PageInline(admin.TabularInline):
    model = Page
    fields = ["number", "name", "article_count", "signed_off_by", "signed_off_at"]
    readonly_fields = ["article_count", "signed_off_by", "signed_off_at"]
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        placed = Count("articles", filter=Q(articles__removed_at__isnull=True))
        return super().get_queryset(request).select_related("signed_off_by").annotate(n_articles=placed)

    @admin.display(description="稿件数")
    def article_count(self, page):
        return getattr(page, "n_articles", "")


class ArticleOrderForm(forms.ModelForm):
    """Only the order is edited here. Two stories may swap places: the formset checks that positions
    are unique among the page's stories, and the save moves the rows out of each other's way."""

    seen_position = forms.IntegerField(widget=forms.HiddenInput, required=False)  # where the editor saw it

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seen_position"].initial = self.instance.position

    def validate_unique(self):
        pass


class ArticleOrderFormSet(BaseInlineFormSet):
    def clean(self):
        """Two stories in one place is named by the place, in the editor's words (not the field's name)."""
        taken = Counter(
            form.cleaned_data.get("position") for form in self.forms if getattr(form, "cleaned_data", None)
        )
        clashes = sorted(str(position) for position, count in taken.items() if position is not None and count > 1)
        if clashes:
            raise forms.ValidationError(f"同一版面上有两篇或更多稿件的版内顺序都是 {'、'.join(clashes)},请改成各不相同的数字")
        super().clean()


class ArticleInline(admin.TabularInline):
    """A page's stories in reading order; change 版内顺序 to reorder them."""

    model = Article
    form = ArticleOrderForm
    formset = ArticleOrderFormSet
    fields = ["position", "seen_position", "headline", "credits", "status", "order_tools"]
    readonly_fields = ["headline", "credits", "status", "order_tools"]
    extra = 0
    show_change_link = True
    classes = ["desk-reorder"]

    def get_queryset(self, request):
        self._pages, self._user = {}, request.user
        return super().get_queryset(request).placed().prefetch_related("bylines__reporter").order_by("position")

    @admin.display(description="调整")
    def order_tools(self, article):
        """上移 / 下移 / 移除 where this login may change the page's order (see articles.ordering)."""
        if article.page_id not in self._pages:
            allowed = ordering.may_change_order(page=article.page, user=self._user)
            self._pages[article.page_id] = allowed and Article.objects.placed().filter(page_id=article.page_id).count()
        count = self._pages[article.page_id]
        if not count:
            return "-"
        page_url = reverse("admin:articles_page_change", args=[article.page_id])
        return admin_ordering.order_buttons(article, count, next_url=page_url)

    def has_add_permission(self, request, obj=None):
        return False  # new stories are written in the article form, where their headline group is

    def has_delete_permission(self, request, obj=None):
        return False  # stories are spiked, not deleted

    @admin.display(description="标题")
    def headline(self, article):
        return article.headline

    @admin.display(description="署名")
    def credits(self, article):
        return article.credit_line()


class BylineInline(admin.TabularInline):
    model = Byline
    fields = ["position", "role", "reporter"]
    autocomplete_fields = ["reporter"]
    extra = 0


class PhotoInline(admin.StackedInline):
    model = Photo
    fk_name = "article"
    fields = [("position", "image"), "caption", ("credit", "credit_text")]
    autocomplete_fields = ["credit"]
    extra = 0
    show_change_link = True


class PagePhotoInline(admin.TabularInline):
    """Stand-alone news photos on a page (those with a story are edited with the story)."""

    model = Photo
    fk_name = "page"
    fields = ["position", "caption", "credit", "credit_text", "image"]
    autocomplete_fields = ["credit"]
    extra = 0
    verbose_name = "图片新闻"
    verbose_name_plural = "图片新闻(不配文字稿)"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(article__isnull=True)


class DutyAssignmentInline(admin.TabularInline):
    model = DutyAssignment
    fields = ["position", "role", "duty_editor"]
    autocomplete_fields = ["duty_editor"]
    extra = 0


class EditorAssignmentInline(admin.TabularInline):
    model = DutyAssignment
    fk_name = "duty_editor"
    fields = ["role", "page", "edition"]
    autocomplete_fields = ["page", "edition"]
    extra = 0
    verbose_name_plural = "值班安排"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("page__edition__publication", "edition__publication")


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    fields = ["at", "transition", "from_status", "to_status", "user"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# Filters


class SignedOffFilter(admin.SimpleListFilter):
    title = "签版"
    parameter_name = "signed_off"

    def lookups(self, request, model_admin):
        return [("yes", "已签发"), ("no", "待签发")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(signed_off_at__isnull=self.value() == "no")
        return queryset


class PageNumberFilter(admin.SimpleListFilter):
    title = "版次"
    parameter_name = "page_number"

    def lookups(self, request, model_admin):
        numbers = Page.objects.order_by("number").values_list("number", flat=True).distinct()
        return [(str(n), f"第{n:02d}版") for n in numbers]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(page__number=int(self.value()))
        return queryset


class EditionMonthFilter(admin.SimpleListFilter):
    """By edition date, a month at a time; the months come from the editions table, which is small,
    so the list stays fast however many articles there are (a date hierarchy on the articles would
    scan them all for its links)."""

    title = "出版日期"
    parameter_name = "edition_month"

    def lookups(self, request, model_admin):
        months = Edition.objects.dates("date", "month", order="DESC")[:36]
        return [(f"{m:%Y-%m}", f"{m.year}年{m.month}月") for m in months]

    def queryset(self, request, queryset):
        try:
            year, month = (int(part) for part in (self.value() or "").split("-"))
        except ValueError:
            return queryset
        return queryset.filter(page__edition__date__year=year, page__edition__date__month=month)


class ReporterFilter(admin.SimpleListFilter):
    """By reporter: the chosen paper's reporters, or the one picked from the reporters' list."""

    title = "作者"
    parameter_name = "reporter"

    def lookups(self, request, model_admin):
        paper = request.GET.get("page__edition__publication__id__exact")
        reporters = Reporter.objects.none()
        if paper and paper.isdigit():
            reporters = Reporter.objects.filter(publication_id=paper)
        if self.value() and self.value().isdigit():
            reporters = reporters | Reporter.objects.filter(pk=self.value())
        return [(str(r.pk), r.name) for r in reporters.order_by("name")[:200]]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(bylines__reporter_id=int(self.value()))
        return queryset


# Model admins


def either(found, more):
    """Rows in either queryset, in the first one's order (an OR of two querysets forgets it)."""
    return (found | more).order_by(*(found.query.order_by or found.model._meta.ordering))


class DateSearch:
    """A search box (and the autocompletes that use it) that also finds rows by the day typed."""

    date_search_field = ""

    def get_search_results(self, request, queryset, search_term):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        day = date_query(search_term, self.date_search_field)
        if day is not None:
            found = either(found, queryset.filter(day))
        return found, may_have_duplicates


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.base_fields["slug"].required = False
        form.base_fields["slug"].help_text += "不填则按报纸名的拼音生成。"
        return form

    def save_model(self, request, obj, form, change):
        if not obj.slug:
            obj.slug = unique_slug(obj.name)
        super().save_model(request, obj, form, change)


@admin.register(Edition)
class EditionAdmin(DateSearch, BulkImportExport, admin.ModelAdmin):
    date_search_field = "date"
    resource_classes = [resources.EditionResource]
    list_display = ["publication", "date", "issue_number", "status", "sign_off_progress", "inferred", "published_at"]
    list_display_links = ["publication", "date"]
    list_filter = ["publication", "status", "date_inferred", "publication_inferred"]
    list_select_related = ["publication"]
    search_fields = ["publication__name"]
    search_help_text = "按报纸或日期查找,日期可写 2022-11-07、20221107 或 11-07。"
    date_hierarchy = "date"
    autocomplete_fields = ["publication"]
    readonly_fields = ["status", "published_at", "publish_override_reason", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["publication", "date", "issue_number"]}),
        ("待确认", {"fields": ["date_inferred", "publication_inferred"]}),
        ("发布", {"fields": ["status", "published_at", "publish_override_reason"]}),
        ("记录", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    inlines = [PageInline, DutyAssignmentInline]
    actions = ["confirm_inferred", "publish", "unpublish"]
    import_export_change_list_template = "admin/articles/edition/change_list.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_pages=Count("pages", distinct=True),
                n_signed=Count("pages", filter=Q(pages__signed_off_at__isnull=False), distinct=True),
            )
        )

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_edition")

    @admin.display(description="签版", ordering="n_signed")
    def sign_off_progress(self, edition):
        return f"{edition.n_signed}/{edition.n_pages}"

    @admin.display(description="待确认")
    def inferred(self, edition):
        return "、".join(w for w, flag in (("日期", edition.date_inferred), ("报纸", edition.publication_inferred)) if flag)

    @admin.action(description="确认推断的日期和报纸", permissions=["change"])
    def confirm_inferred(self, request, queryset):
        done = sum(
            report(self, request, lambda e=edition: services.confirm_inferred_date(edition=e, user=request.user))
            for edition in queryset
        )
        if done:
            self.message_user(request, f"已确认 {done} 期的日期和报纸", messages.SUCCESS)

    @admin.action(description="发布所选的期", permissions=["publish"])
    def publish(self, request, queryset):
        """Always through a confirmation page showing, page by page, which stories go out and which stay
        behind; editions that cannot go out say why. Unsigned pages need a reason. What is confirmed is
        the plan shown: if an edition changed meanwhile, the page is shown again."""
        plans = [services.plan_publication(edition=edition) for edition in queryset]
        ready = [plan for plan in plans if not plan.refusal]
        posted = "post" in request.POST
        form = PublishForm(request.POST if posted else None) if any(plan.unsigned for plan in ready) else None
        changed = [plan for plan in ready if posted and request.POST.get(f"plan_{plan.edition.pk}") != plan.fingerprint]
        if not posted or not ready or changed or (form is not None and not form.is_valid()):
            return confirmation(
                request, self, queryset,
                template="admin/articles/edition/publish.html",
                title="发布所选的期:确认见报的稿件",
                action="publish",
                plans=plans,
                ready=ready,
                changed=changed,
                form=form,
            )
        reason = form.cleaned_data["override_reason"] if form is not None else ""
        done = [
            plan for plan in ready
            if report(self, request, lambda p=plan: services.publish_edition(
                edition=p.edition, user=request.user, override_reason=reason, confirmed=p.fingerprint
            ))
        ]
        if done:
            self.message_user(request, f"已发布:{';'.join(f'{p.edition}({p.summary()})' for p in done)}", messages.SUCCESS)
        for plan in plans:
            if plan.refusal:
                self.message_user(request, f"未发布:{plan.refusal}", messages.ERROR)
        return None

    @admin.action(description="撤下所选的期", permissions=["publish"])
    def unpublish(self, request, queryset):
        done = [
            edition for edition in queryset
            if report(self, request, lambda e=edition: services.unpublish_edition(edition=e, user=request.user))
        ]
        if done:
            self.message_user(request, f"已撤下:{'、'.join(map(str, done))}", messages.SUCCESS)


@admin.register(Page)
class PageAdmin(DateSearch, MediaErrorsInAdmin, BulkImportExport, admin.ModelAdmin):
    date_search_field = "edition__date"
    resource_classes = [resources.PageResource]
    list_display = [
        "__str__", "name", "article_count", "signed_off", "signed_off_by", "signed_off_at", structure_views.structure_link
    ]
    list_filter = ["edition__publication", "edition__status", SignedOffFilter]
    list_select_related = ["edition__publication", "signed_off_by"]
    search_fields = ["edition__publication__name", "name", "source_filename"]
    search_help_text = "按报纸、版名、文件名或日期查找,日期可写 2022-11-07、20221107 或 11-07。"
    date_hierarchy = "edition__date"
    autocomplete_fields = ["edition"]
    readonly_fields = [
        "source_text_block", "source_filename", "source_hash", "signed_off_by", "signed_off_at", "created_at", "updated_at"
    ]
    fieldsets = [
        (None, {"fields": ["edition", "number", "name"]}),
        ("签版", {"fields": ["signed_off_by", "signed_off_at"]}),
        ("原始文字", {"fields": ["source_text_block", "source_filename", "source_hash"], "classes": ["collapse"]}),
        ("记录", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    inlines = [ArticleInline, PagePhotoInline, DutyAssignmentInline, *facsimile_admin.INLINES]
    actions = ["sign_off", "reparse"]
    change_form_template = "admin/articles/page/change_form.html"
    import_export_change_list_template = "admin/articles/page/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            n_articles=Count("articles", filter=Q(articles__removed_at__isnull=True))
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("upload/", view(admin_views.upload_pages), name="articles_page_upload"),
            path("<path:object_id>/sign-off/", view(admin_views.sign_off_page), name="articles_page_sign_off"),
            *structure_views.urls(self.admin_site),
            *super().get_urls(),
        ]

    def has_sign_off_permission(self, request):
        return request.user.has_perm("articles.sign_off_page")

    @admin.display(description="稿件数", ordering="n_articles")
    def article_count(self, page):
        return page.n_articles

    @admin.display(boolean=True, description="已签发", ordering="signed_off_at")
    def signed_off(self, page):
        return page.is_signed_off

    @admin.display(description="原始文字")
    def source_text_block(self, page):
        return format_html('<pre class="desk-source">{}</pre>', page.source_text)

    def save_formset(self, request, form, formset, change):
        """The stories' new order goes through articles.ordering (rights, history, sign-off), never
        straight to the rows; a story someone moved since the editor opened the page stops it."""
        if formset.model is not Article:
            return super().save_formset(request, form, formset, change)
        rows = [f for f in formset.forms if f.instance.pk and getattr(f, "cleaned_data", None)]
        formset.new_objects, formset.deleted_objects, formset.changed_objects = [], [], []  # for the admin's log
        if not any(f.cleaned_data["position"] != f.cleaned_data.get("seen_position") for f in rows) and not any(
            "position" in f.changed_data for f in rows
        ):
            return None
        rows.sort(key=lambda f: (f.cleaned_data["position"], f.initial.get("position") or 0))
        try:
            result = ordering.reorder_page(
                page=form.instance,
                order=[f.instance.pk for f in rows],
                user=request.user,
                expected={f.instance.pk: f.cleaned_data.get("seen_position") or f.instance.position for f in rows},
            )
        except (ordering.OrderRefused, PermissionDenied) as error:
            self.message_user(request, str(error), messages.ERROR)
            return None
        formset.changed_objects = [(f.instance, ["position"]) for f in rows if "position" in f.changed_data]
        for line in result.messages():
            self.message_user(request, line, messages.WARNING)
        return None

    @admin.action(description="签发所选版面", permissions=["sign_off"])
    def sign_off(self, request, queryset):
        done = [
            page for page in queryset
            if report(self, request, lambda p=page: services.sign_off_page(page=p, user=request.user))
        ]
        if done:
            self.message_user(request, f"已签发 {len(done)} 个版面", messages.SUCCESS)

    @admin.action(description="重新解析原文(先预览改动)", permissions=["change"])
    def reparse(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "一次只能重新解析一个版面", messages.WARNING)
            return None
        page = queryset.get()
        if "post" in request.POST:
            was_signed_off = page.is_signed_off
            corrections = not request.POST.get("ignore_corrections")
            if report(self, request, lambda: services.reparse_page(page=page, user=request.user, corrections=corrections)):
                self.message_user(request, f"已按原文重新解析 {page}", messages.SUCCESS)
                page.refresh_from_db()
                if was_signed_off and not page.is_signed_off:
                    self.message_user(request, f"{page}的稿件变了,原来的签版已撤销,须重新签版", messages.WARNING)
            return None
        return confirmation(
            request, self, queryset,
            template="admin/articles/page/reparse.html",
            title=f"重新解析 {page}",
            action="reparse",
            page=page,
            preview=services.preview_reparse(page=page),
        )


@admin.register(Article)
class ArticleAdmin(MediaErrorsInAdmin, BulkImportExport, VersionAdmin):
    resource_classes = [resources.ArticleResource]
    export_scope = ("page__edition__publication__name", "page__edition__date")
    form = ArticleForm
    list_display = ["title", "paper", "edition_date", "page_label", "position", "credits", "status", "updated_at"]
    list_filter = [
        "status", "page__edition__publication", EditionMonthFilter, PageNumberFilter, ReporterFilter,
        admin_ordering.RemovedFilter,
    ]
    list_select_related = ["page__edition__publication"]
    search_fields = ["title", "kicker", "subtitle", "body", "bylines__reporter__name"]
    search_help_text = "按标题、正文或署名查找;多个词用空格隔开,须全部出现。"
    autocomplete_fields = ["page"]
    readonly_fields = [
        "uid", "status", "published_at", "body_preview", "version", "created_at", "updated_at",
        "removed_at", "removed_by", "removed_reason",
    ]
    fieldsets = [
        ("标题", {"fields": ["kicker", "title", "subtitle"]}),
        ("位置", {"fields": [("page", "position")]}),
        ("正文", {"fields": ["dateline", "body", "body_preview"]}),
        ("状态", {"fields": ["status", "published_at", "version", "uid", "opened_version", "conflict_version"]}),
        ("移除", {"fields": ["removed_at", "removed_by", "removed_reason"], "classes": ["collapse"]}),
        ("记录", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    inlines = [BylineInline, PhotoInline, StatusChangeInline]
    actions = ["submit", "approve", "publish", "spike", "restore", "put_back"]
    change_form_template = "admin/articles/article/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("bylines__reporter")

    def get_search_results(self, request, queryset, search_term):
        """Every word in the headline group or the body, through the search index (which holds every
        article, drafts included), or in a byline's name. Each word is a subquery of ids, so no join
        multiplies the rows, the list needs no DISTINCT, and no one reads 100,000 bodies. A word with
        no letter, digit or Chinese character (a dash, a quote) is passed over, as the site's search does."""
        for word in search_term.split():
            text = search.matching(word)
            if text is None:
                continue
            queryset = queryset.filter(pk__in=text) | queryset.credited_to_name(word)
        return queryset, False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("render-body/", view(admin_views.render_body), name="articles_article_render_body"),
            path("<path:object_id>/preview/", view(admin_views.preview_article), name="articles_article_preview"),
            path(
                "<path:object_id>/step/<str:transition>/",
                view(admin_views.transition_article),
                name="articles_article_transition",
            ),
            path("<path:object_id>/move/", view(admin_ordering.move_story), name="articles_article_move"),
            path("<path:object_id>/remove/", view(admin_ordering.remove_story), name="articles_article_remove"),
            path("<path:object_id>/put-back/", view(admin_ordering.restore_story), name="articles_article_put_back"),
            *super().get_urls(),
        ]

    def has_change_permission(self, request, obj=None):
        if obj is not None and getattr(request, "desk_saving", None) == obj.pk:
            # A save posted to a story the desk took over meanwhile reaches the form, which refuses
            # it with the reason and keeps the editor's text (articles.editing decides, not a 403).
            return request.user.has_perm("articles.change_article")
        reverting = getattr(request, "desk_workflow_before_revert", None)  # judged on the story as it was
        if obj is not None and obj.is_removed and not reverting:
            return False  # a removed story is read, and put back by the duty editor, not edited
        return services.can_edit_article(article=obj, user=request.user)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.desk_user = request.user
        if getattr(request, "desk_workflow_before_revert", None) and "position" in form.base_fields:
            form.base_fields["position"].required = False  # a revert keeps the story's place (an old version may have none)
        return form

    def save_model(self, request, obj, form, change):
        """Saved with its inlines, in save_related, through articles.editing."""

    def save_related(self, request, form, formsets, change):
        """Every save goes through the desk's one write path: conflict check, version, history,
        sign-off withdrawal. Reverting to an old text never rewinds the workflow."""
        article = form.instance
        kept = getattr(request, "desk_workflow_before_revert", None)
        based_on = form.based_on_version if change else None
        if change and kept:  # the story keeps its workflow state and its place on the page
            Article.objects.filter(pk=article.pk).update(**kept)
            article.page_id, article.position = kept["page_id"], kept["position"]
            based_on = kept["version"]
        write_related = lambda _: super(ArticleAdmin, self).save_related(request, form, formsets, change)
        if not change and form.occupant(form.cleaned_data) is not None:  # a new story placed mid-page
            result = admin_ordering.insert_new(request, article, write_related)
        else:
            result = editing.save_article(
                article=article,
                user=request.user,
                source="恢复旧版本" if kept else "桌面编辑",
                based_on_version=based_on,
                write_related=write_related,
                changed=not change or form.has_changed() or any(formset.has_changed() for formset in formsets),
            )
        for line in result.messages():
            self.message_user(request, line, messages.WARNING)
        others = services.cross_paper_credits(article=article)
        if others:
            paper = article.page.edition.publication.name
            self.message_user(
                request,
                f"注意:这篇是{paper}的稿件,署名里有别的报纸的作者:{'、'.join(others)}。如是同一人,请在“作者”里为{paper}建一条记录再改署名。",
                messages.WARNING,
            )

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        source = "恢复旧版本" if getattr(request, "desk_workflow_before_revert", None) else "桌面编辑"
        reversion.set_comment(f"{source}:{entry.get_change_message() or '未改动内容'}")
        return entry

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        steps = []
        if article is not None:
            if request.method == "POST":
                request.desk_saving = article.pk
            steps = [
                t for t in Article.Transition
                if article.status in t.sources and request.user.has_perm(t.permission)
            ]
        order = {}
        if article is not None:
            order = {
                "may_change_order": not article.is_removed and ordering.may_change_order(page=article.page, user=request.user),
                "may_put_back": article.is_removed and request.user.has_perm("articles.publish_article"),
                "page_count": Article.objects.placed().filter(page_id=article.page_id).count(),
            }
        return super().change_view(
            request, object_id, form_url, {**(extra_context or {}), "workflow_steps": steps, **order}
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        """A conflict alone is said once, in its own box beside the differences, not again as a form error."""
        form = context.get("adminform") and context["adminform"].form
        formsets_clean = all(not inline.formset.total_error_count() for inline in context.get("inline_admin_formsets", []))
        if form is not None and form.conflict is not None and set(form.errors) == {"__all__"} and formsets_clean:
            context["errors"] = None
        return super().render_change_form(request, context, add, change, form_url, obj)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Reverting is editing: the story as it is now decides who may, not the old version's status,
        and the story stays where it is on its page (an old version of a moved story opens too)."""
        article = self.get_object(request, object_id)
        if article is None:
            return super().revision_view(request, object_id, version_id, extra_context)
        if not self.has_change_permission(request, article):
            if request.method == "POST":
                raise PermissionDenied
            # The form shows the old version, which the editor might have been allowed to change:
            # what decides is the story as it is now, so offer no save button.
            extra_context = {
                **(extra_context or {}),
                "show_save": False, "show_save_and_continue": False, "show_save_and_add_another": False,
            }
            messages.warning(request, f"“{article.title}”现为{article.get_status_display()},你只能查看旧版本,不能恢复。")
        request.desk_workflow_before_revert = {
            "status": article.status, "published_at": article.published_at, "version": article.version,
            "page_id": article.page_id, "position": article.position,
            # whether it is on its page is the page's order, not the old version's
            "removed_at": article.removed_at, "removed_by_id": article.removed_by_id, "removed_reason": article.removed_reason,
        }
        # The old version's place may be another story's now; that story steps aside while the old
        # version is shown (or reverted, which keeps this story where it is) and comes back after.
        old = get_object_or_404(Version, pk=version_id, object_id=article.pk).field_dict
        with transaction.atomic():
            occupant = None
            if old.get("position") is not None:
                occupant = Article.objects.filter(page_id=old["page_id"], position=old["position"]).exclude(pk=article.pk).first()
            if occupant is not None:
                Article.objects.filter(pk=occupant.pk).update(position=ordering.PARKED_POSITION)
            response = super().revision_view(request, object_id, version_id, extra_context)
            if occupant is not None:
                Article.objects.filter(pk=occupant.pk).update(position=occupant.position)
        return response

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_article")

    def get_view_on_site_url(self, obj=None):
        """Published stories open on the site; drafts open in the desk's own preview."""
        if obj is None:
            return None
        if Article.objects.published().filter(pk=obj.pk).exists():
            return obj.get_absolute_url()
        return reverse("admin:articles_article_preview", args=[obj.pk])

    @admin.display(description="报纸", ordering="page__edition__publication__name")
    def paper(self, article):
        return article.page.edition.publication.name

    @admin.display(description="出版日期", ordering="page__edition__date")
    def edition_date(self, article):
        return article.page.edition.date

    @admin.display(description="版次", ordering="page__number")
    def page_label(self, article):
        return article.page.label

    @admin.display(description="署名")
    def credits(self, article):
        return article.credit_line()

    @admin.display(description="正文预览")
    def body_preview(self, article):
        """The body as readers will see it; static/desk/body-preview.js renders it again as the editor types."""
        return format_html(
            '<div class="desk-preview" id="desk-body-preview" data-render-url="{}" aria-live="polite">{}</div>',
            reverse("admin:articles_article_render_body"),
            render_markdown(article.body if article else ""),
        )

    def _step(self, request, queryset, transition):
        result = services.transition_articles(articles=queryset, transition=transition, user=request.user)
        if result.done:
            self.message_user(request, f"{transition.label}:{len(result.done)} 篇", messages.SUCCESS)
        for line in result.refused:
            self.message_user(request, line, messages.WARNING)

    @admin.action(description="送审", permissions=["change"])
    def submit(self, request, queryset):
        self._step(request, queryset, Article.Transition.SUBMIT)

    @admin.action(description="审核通过", permissions=["publish"])
    def approve(self, request, queryset):
        self._step(request, queryset, Article.Transition.APPROVE)

    @admin.action(description="发布", permissions=["publish"])
    def publish(self, request, queryset):
        self._step(request, queryset, Article.Transition.PUBLISH)

    @admin.action(description="撤稿", permissions=["publish"])
    def spike(self, request, queryset):
        self._step(request, queryset, Article.Transition.SPIKE)

    @admin.action(description="恢复为草稿", permissions=["publish"])
    def restore(self, request, queryset):
        self._step(request, queryset, Article.Transition.RESTORE)

    @admin.action(description="把移除的稿件恢复到版面", permissions=["publish"])
    def put_back(self, request, queryset):
        admin_ordering.put_back_selected(self, request, queryset)


@admin.register(Reporter)
class ReporterAdmin(BulkImportExport, admin.ModelAdmin):
    resource_classes = [resources.ReporterResource]
    list_display = ["name", "kind", "publication", "affiliation", "articles_link"]
    list_filter = ["publication", "kind"]
    list_select_related = ["publication"]
    search_fields = ["name", "affiliation"]
    search_help_text = "按署名或单位查找;空格不论,倪弋也能找到“倪  弋”。"
    autocomplete_fields = ["publication"]
    actions = ["merge"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("publication")
            .annotate(article_count=Count("bylines__article", distinct=True))
        )

    def get_search_results(self, request, queryset, search_term):
        """Names match whatever spaces either side has (papers print 倪  弋 for 倪弋), in either script (陳 is 陈)."""
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        key = name_key(search_term)
        if key:
            found = either(found, queryset.filter(name_key__contains=key))
        return found, may_have_duplicates

    @admin.display(description="稿件数", ordering="article_count")
    def articles_link(self, reporter):
        url = reverse("admin:articles_article_changelist")
        return format_html('<a href="{}?reporter={}">{}</a>', url, reporter.pk, reporter.article_count)

    @admin.action(description="合并所选作者(同一人的不同写法)", permissions=["delete"])
    def merge(self, request, queryset):
        queryset = queryset.select_related("publication")
        if queryset.count() < 2:
            self.message_user(request, "请至少选两位作者:一位保留,其余并入", messages.WARNING)
            return None
        form = MergeReportersForm(request.POST if "post" in request.POST else None, reporters=queryset)
        if not form.is_valid():
            return confirmation(
                request, self, queryset,
                template="admin/articles/reporter/merge.html",
                title="合并作者",
                action="merge",
                form=form,
            )
        keep = form.cleaned_data["keep"]
        moved = []
        if report(self, request, lambda: moved.append(services.merge_reporters(keep=keep, duplicates=queryset, user=request.user))):
            self.message_user(request, f"已并入{keep.name}:移过 {moved[0]} 条署名", messages.SUCCESS)
        return None


@admin.register(Byline)
class BylineAdmin(admin.ModelAdmin):
    list_display = ["__str__", "article", "role"]
    list_filter = ["role"]
    list_select_related = ["reporter", "article"]
    search_fields = ["reporter__name", "article__title"]
    autocomplete_fields = ["article", "reporter"]


@admin.register(DutyEditor)
class DutyEditorAdmin(BulkImportExport, admin.ModelAdmin):
    resource_classes = [resources.DutyEditorResource]
    list_display = ["name", "publication", "user", "assignment_count"]
    list_filter = ["publication"]
    list_select_related = ["publication", "user"]
    search_fields = ["name"]
    autocomplete_fields = ["publication", "user"]
    inlines = [EditorAssignmentInline]

    def get_autocomplete_fields(self, request):
        """Only those who manage accounts search them; a duty editor picks from a list holding themselves."""
        if request.user.has_perm("auth.view_user"):
            return self.autocomplete_fields
        return ["publication"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user" and not request.user.has_perm("auth.view_user"):
            kwargs["queryset"] = services.accounts_to_link(user=request.user, editor_id=request.resolver_match.kwargs.get("object_id"))
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            field.label_from_instance = lambda account: (
                f"我自己({account.username})" if account.pk == request.user.pk else account.get_username()
            )
            field.help_text = "选“我自己”,把你的登录账号关联到这条记录,之后就能在编辑台签版。"
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_assignments=Count("assignments"))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [path("my-desk/", view(admin_views.my_desk), name="articles_my_desk"), *super().get_urls()]

    @admin.display(description="值班安排", ordering="n_assignments")
    def assignment_count(self, editor):
        return editor.n_assignments


class DutyAssignmentForm(forms.ModelForm):
    def clean(self):
        """Say which of the two mistakes it is; the check constraint alone names only one. (An inline
        under a page or an edition fills its own side, so only this form asks.)"""
        cleaned = super().clean()
        page, edition = cleaned.get("page"), cleaned.get("edition")
        if page is None and edition is None:
            self.add_error("page", "请选择版面或期(二选一):只管一个版面选版面,管整期选期")
        elif page is not None and edition is not None:
            self.add_error("edition", "版面和期只能选一项:只管一个版面选版面,管整期选期")
        return cleaned


@admin.register(DutyAssignment)
class DutyAssignmentAdmin(admin.ModelAdmin):
    form = DutyAssignmentForm
    list_display = ["__str__", "page", "edition"]
    list_select_related = ["duty_editor", "page__edition__publication", "edition__publication"]
    search_fields = ["duty_editor__name", "role"]
    autocomplete_fields = ["page", "edition", "duty_editor"]


@admin.register(Photo)
class PhotoAdmin(MediaErrorsInAdmin, admin.ModelAdmin):
    list_display = ["__str__", "article", "page", "credited_to"]
    list_select_related = ["article", "page__edition__publication", "credit"]
    search_fields = ["caption", "credit_text", "credit__name"]
    autocomplete_fields = ["article", "page", "credit"]

    @admin.display(description="摄影")
    def credited_to(self, photo):
        return photo.credit_name
