"""A minimal admin for every model; the full editorial desk is built on top of it later."""
from django.contrib import admin

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
)


class PageInline(admin.TabularInline):
    model = Page
    fields = ["number", "name", "signed_off_by", "signed_off_at"]
    autocomplete_fields = ["signed_off_by"]
    extra = 0
    show_change_link = True


class ArticleInline(admin.TabularInline):
    model = Article
    fields = ["position", "kicker", "title", "subtitle", "status"]
    extra = 0
    show_change_link = True


class BylineInline(admin.TabularInline):
    model = Byline
    fields = ["position", "reporter", "role"]
    autocomplete_fields = ["reporter"]
    extra = 0


class PhotoInline(admin.TabularInline):
    model = Photo
    fields = ["position", "caption", "credit", "credit_text", "image"]
    autocomplete_fields = ["credit"]
    extra = 0
    show_change_link = True


class DutyAssignmentInline(admin.TabularInline):
    model = DutyAssignment
    fields = ["position", "role", "duty_editor"]
    autocomplete_fields = ["duty_editor"]
    extra = 0


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "issue_number",
        "status",
        "date_inferred",
        "publication_inferred",
        "published_at",
    ]
    list_filter = ["status", "publication", "date_inferred", "publication_inferred"]
    list_select_related = ["publication"]
    search_fields = ["publication__name"]
    date_hierarchy = "date"
    autocomplete_fields = ["publication"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [PageInline, DutyAssignmentInline]


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["__str__", "number", "name", "signed_off"]
    list_filter = ["edition__publication", "edition__status"]
    list_select_related = ["edition__publication"]
    search_fields = ["edition__publication__name", "name", "source_filename"]
    autocomplete_fields = ["edition", "signed_off_by"]
    readonly_fields = ["source_hash", "created_at", "updated_at"]
    inlines = [ArticleInline, PhotoInline, DutyAssignmentInline]

    @admin.display(boolean=True, description="已签发")
    def signed_off(self, page):
        return page.is_signed_off


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "page", "position", "status", "updated_at"]
    list_filter = ["status", "page__edition__publication"]
    list_select_related = ["page__edition__publication"]
    search_fields = ["title", "kicker", "subtitle", "body"]
    autocomplete_fields = ["page"]
    readonly_fields = ["version", "import_fingerprint", "created_at", "updated_at"]
    inlines = [BylineInline, PhotoInline]


@admin.register(Reporter)
class ReporterAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "publication", "affiliation"]
    list_filter = ["kind", "publication"]
    list_select_related = ["publication"]
    search_fields = ["name", "affiliation"]
    autocomplete_fields = ["publication"]


@admin.register(Byline)
class BylineAdmin(admin.ModelAdmin):
    list_display = ["__str__", "article", "role"]
    list_filter = ["role"]
    list_select_related = ["reporter", "article"]
    search_fields = ["reporter__name", "article__title"]
    autocomplete_fields = ["article", "reporter"]


@admin.register(DutyEditor)
class DutyEditorAdmin(admin.ModelAdmin):
    list_display = ["name", "publication", "user"]
    list_filter = ["publication"]
    list_select_related = ["publication", "user"]
    search_fields = ["name"]
    autocomplete_fields = ["publication", "user"]


@admin.register(DutyAssignment)
class DutyAssignmentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "page", "edition"]
    list_select_related = ["duty_editor", "page__edition__publication", "edition__publication"]
    search_fields = ["duty_editor__name", "role"]
    autocomplete_fields = ["page", "edition", "duty_editor"]


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    list_display = ["__str__", "article", "page", "credited_to"]
    list_select_related = ["article", "page__edition__publication", "credit"]
    search_fields = ["caption", "credit_text", "credit__name"]
    autocomplete_fields = ["article", "page", "credit"]

    @admin.display(description="摄影")
    def credited_to(self, photo):
        return photo.credit_name
