"""The printed page in the desk: upload a page's PDF or image on the page form, see the zones found,
and set a zone by hand (numbers in the zone rows, or a rectangle dragged on the page image)."""
from django import forms
from django.contrib import admin, messages
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html, format_html_join

from . import facsimile, facsimile_services
from .models import Article, PageFacsimile, StoryZone


class FacsimileForm(forms.ModelForm):
    upload = forms.FileField(
        label="上传版面文件",
        required=False,
        help_text=(
            f"排版系统导出的本版 PDF(有文字层的能自动找出热区),或 JPG/PNG 图片,"
            f"不大于 {facsimile.MAX_UPLOAD_BYTES // 1024 // 1024} MB。上传新文件会替换旧的。"
            "版面发布后,读者能看到版面图和 PDF 上印的全部内容,包括未发布或已撤下的稿件;如需去掉,请上传处理过的版面。"
        ),
    )
    rematch = forms.BooleanField(
        label="按文字重新找热区",
        required=False,
        help_text="稿件文字改过或后来才导入时勾选;编辑划定的热区不变。",
    )

    import_text = forms.BooleanField(
        label="用 PDF 的文字导入本版稿件",
        required=False,
        help_text="本版还没有稿件、又没有 OCR 文字文件时勾选:按 PDF 文字层里的标题和正文分稿,和上传文字文件一样解析。",
    )

    class Meta:
        model = PageFacsimile
        fields = []

    prepared = None

    def has_changed(self):
        ticked = any(self.data.get(self.add_prefix(name)) for name in ("rematch", "import_text"))
        return bool(self.files.get(self.add_prefix("upload"))) or ticked

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload is None:
            if self.instance.pk is None:
                raise forms.ValidationError("请选择本版的 PDF 或图片。")
            return None
        if upload.size > facsimile.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"文件太大:{upload.size / 1024 / 1024:.1f} MB,版面文件最多 {facsimile.MAX_UPLOAD_BYTES // 1024 // 1024} MB。"
            )
        try:
            self.prepared = facsimile.prepare(upload.read(), upload.name)
        except facsimile.FacsimileError as error:
            raise forms.ValidationError(str(error)) from None
        return upload

    def clean(self):
        data = super().clean()
        page = self.instance.page if self.instance.page_id else None
        if data.get("import_text") and page is not None and page.articles.exists():
            self.add_error("import_text", "本版已经有稿件了;从 PDF 导入文字只用于还没有稿件的版面,以免覆盖编辑的修改。")
        if data.get("import_text") and self.prepared is not None and not self.prepared.lines:
            self.add_error("import_text", "这个文件没有文字层(图片或扫描的 PDF),无法从中导入文字。")
        return data

    def save(self, commit=True):
        page = self.instance.page
        if self.prepared is not None:
            self.instance = facsimile_services.attach(page=page, prepared=self.prepared)
        elif self.cleaned_data.get("rematch"):
            facsimile_services.match_zones(page=page, scan=self.instance)
        if self.cleaned_data.get("import_text"):
            try:
                made = facsimile_services.import_text(page=page, user=self.request.user)
            except facsimile_services.NoTextToImport as error:
                messages.warning(self.request, str(error))
            else:
                messages.success(self.request, f"已从 PDF 文字层导入 {made} 篇稿件,请逐篇核对。")
        return self.instance

    def save_m2m(self):
        pass


class FacsimileFormSet(BaseInlineFormSet):
    def delete_existing(self, obj, commit=True):
        if commit:
            facsimile_services.detach(scan=obj)


class FacsimileInline(admin.StackedInline):
    model = PageFacsimile
    form = FacsimileForm
    formset = FacsimileFormSet
    extra = 1
    max_num = 1
    verbose_name = verbose_name_plural = "版面图(PDF 或图片)"
    readonly_fields = ["page_image", "kind", "page_size", "notes", "uploaded_at"]

    class Media:
        js = ["desk/zone-editor.js"]
    fields = ["upload", "rematch", "import_text", "page_image", "kind", "page_size", "notes", "uploaded_at"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.request = request  # the importer names who made the stories; messages
        return formset

    @admin.display(description="版面")
    def page_image(self, scan):
        if not scan.pk:
            return "—"
        zones = format_html_join(
            "",
            '<rect x="{}" y="{}" width="{}" height="{}" data-article="{}"><title>{}</title></rect>',
            (
                (zone.x * 10000, zone.y * 10000, zone.w * 10000, zone.h * 10000, zone.article_id, zone.article.title)
                for zone in StoryZone.objects.filter(page_id=scan.page_id).select_related("article")
            ),
        )
        stories = format_html_join(
            "", '<option value="{}">{}</option>',
            ((article.pk, article.title) for article in Article.objects.filter(page_id=scan.page_id).order_by("position")),
        )
        return format_html(
            '<div class="desk-facsimile" data-zone-editor>'
            '<p class="desk-facsimile-tools"><label>划定热区:<select data-zone-story>'
            '<option value="">选择稿件</option>{}</select></label></p>'
            '<p class="help">选好稿件后,在版面上按住鼠标拖出它的位置,再保存。</p>'
            '<p class="desk-facsimile-status" data-zone-status role="status"></p>'
            '<div class="desk-facsimile-page"><img src="{}" alt="本版版面图">'
            '<svg viewBox="0 0 10000 10000" preserveAspectRatio="none">{}</svg></div></div>',
            stories,
            scan.image_small.url,
            zones,
        )

    @admin.display(description="版面尺寸")
    def page_size(self, scan):
        if not scan.pk:
            return "—"
        if scan.kind == PageFacsimile.Kind.PDF:
            return f"{scan.width * 25.4 / 72:.0f} × {scan.height * 25.4 / 72:.0f} 毫米"
        return f"{scan.width:.0f} × {scan.height:.0f} 像素"


class ZoneForm(forms.ModelForm):
    class Meta:
        model = StoryZone
        fields = ["article", "x", "y", "w", "h"]
        widgets = {name: forms.NumberInput(attrs={"step": "any", "min": "0", "max": "1", "size": 6}) for name in "xywh"}

    def save(self, commit=True):
        if self.has_changed():
            self.instance.source = StoryZone.Source.DRAWN  # an editor's hand: kept when zones are found again
        return super().save(commit)


class ZoneInline(admin.TabularInline):
    model = StoryZone
    form = ZoneForm
    extra = 0
    verbose_name_plural = "热区(版面上每篇稿件的位置,占版面的比例,左上角为 0)"
    fields = ["article", "x", "y", "w", "h", "source"]
    readonly_fields = ["source"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        stories = Article.objects.filter(page=obj) if obj is not None else Article.objects.none()
        formset.form.base_fields["article"].queryset = stories.order_by("position")
        formset.form.base_fields["article"].widget.can_add_related = False
        formset.form.base_fields["article"].widget.can_change_related = False
        return formset


INLINES = [FacsimileInline, ZoneInline]
