"""Forms of the editors' desk: the steps admin actions ask about before they act, and conflict-safe article editing."""
from django import forms
from django.conf import settings
from django.utils.functional import cached_property
from import_export.forms import SelectableFieldsExportForm

from . import editing, ordering
from .models import Article, Publication, Reporter


class PublishForm(forms.Form):
    override_reason = forms.CharField(
        label="未全部签版即发布的理由",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="有版面尚未签发。写明理由后仍可发布,理由会记录在本期和它的历史里。",
    )


class MergeReportersForm(forms.Form):
    keep = forms.ModelChoiceField(
        label="保留哪一位",
        queryset=Reporter.objects.none(),
        widget=forms.RadioSelect,
        help_text="其余几位的署名和图片署名都并到这一位名下,然后删除。",
    )

    def __init__(self, *args, reporters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = reporters
        self.fields["keep"].label_from_instance = lambda r: f"{r.name}({r.publication.name},{r.article_count} 篇)"


class ArticleForm(forms.ModelForm):
    """The article form remembers which version the editor opened, so a save over someone else's is caught.

    On a conflict nothing is saved: the form comes back with the editor's own text in it and the
    other version's differing fields beside it. Saving again overwrites the other editor's version
    only when the editor ticks "我已看过差异,用我的版本覆盖", shown with the differences; the
    overwritten version stays in the history. A story the desk took over meanwhile (approved,
    published, spiked) is refused the same way, with the editor's text kept on the form.
    The rules themselves are `articles.editing`'s.
    """

    opened_version = forms.IntegerField(label="打开时的版本", widget=forms.HiddenInput, required=False)
    conflict_version = forms.IntegerField(label="冲突时对方的版本", widget=forms.HiddenInput, required=False)
    overwrite = forms.BooleanField(label="我已看过差异,用我的版本覆盖", required=False)
    bookkeeping = ["opened_version", "conflict_version", "overwrite"]
    conflict = None  # the fields that differ: (label, saved by the other editor, this editor's)
    desk_user = None  # set by the admin: who is saving
    based_on_version = None  # after clean: the version this save may replace

    class Meta:
        model = Article
        fields = "__all__"
        widgets = {"body": forms.Textarea(attrs={"rows": 24, "class": "vLargeTextField desk-body"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["opened_version"] = self.instance.version

    def _get_validation_exclusions(self):
        """The page-and-place check is the form's own (`clean`), in the desk's words, not Django's
        generic "包含 版面 和 版内顺序 的 稿件 已经存在"."""
        return {*super()._get_validation_exclusions(), "position"}

    def occupant(self, cleaned):
        """The other story at the place the form puts this one, if any."""
        page, position = cleaned.get("page"), cleaned.get("position")
        if page is None or position is None:
            return None
        return Article.objects.placed().filter(page=page, position=position).exclude(pk=self.instance.pk).first()

    @cached_property
    def changed_data(self):
        """What the editor changed; the form's own bookkeeping is not a change to the story."""
        return [name for name in super().changed_data if name not in self.bookkeeping]

    def clean(self):
        cleaned = super().clean()
        for name in editing.TEXT_FIELDS:
            if isinstance(cleaned.get(name), str):
                cleaned[name] = editing.clean_text(cleaned[name])
        occupant = self.occupant(cleaned)
        if not self.instance.pk:  # a new story at a taken place is inserted there: the others move down
            if occupant is not None and self.desk_user and not ordering.may_change_order(page=cleaned["page"], user=self.desk_user):
                self.add_error("position", f"{cleaned['page'].label}第 {cleaned['position']} 篇已有稿件,你不能在这一版插入稿件;请排在本版最后")
            return cleaned
        if occupant is not None:
            self.add_error("position", (
                f"{cleaned['page'].label}第 {cleaned['position']} 篇已是“{occupant.title}”。"
                "要调整顺序,请用本页上方的“上移”“下移”(其他稿件会自动让位),这里的版内顺序请保持原样"
            ))
        based_on = cleaned.get("opened_version")
        if cleaned.get("overwrite") and cleaned.get("conflict_version") is not None:
            based_on = cleaned["conflict_version"]  # the version whose differences the editor saw
        self.based_on_version = based_on
        try:
            editing.check_article_write(
                article_id=self.instance.pk, user=self.desk_user, based_on_version=based_on, values=cleaned
            )
        except editing.StoryLocked as refusal:
            raise forms.ValidationError(str(refusal), code="locked") from None
        except editing.EditConflict as conflict:
            saved = conflict.article
            self.conflict = [
                (self.fields[name].label, self._shown(getattr(saved, name)), self._shown(cleaned.get(name)))
                for name in editing.COMPARED_FIELDS
                if name in self.fields and editing.differing_fields(saved, {name: cleaned.get(name)})
            ]
            self.data = self.data.copy()
            self.data[self.add_prefix("conflict_version")] = saved.version
            self.data.pop(self.add_prefix("overwrite"), None)  # each overwrite is chosen with the table in view
            raise forms.ValidationError(
                f"{conflict.by}保存过这篇稿件(现为第 {saved.version} 版),你的修改基于第 {conflict.based_on} 版。"
                "你的修改没有保存,仍在下面的表格里。请对照下方列出的不同之处:可以改好后勾选"
                "“我已看过差异,用我的版本覆盖”再保存(对方的版本留在历史里),或离开本页放弃你的修改。",
                code="conflict",
            ) from None
        return cleaned

    @staticmethod
    def _shown(value):
        return str(value) if value not in (None, "") else "(空)"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or more files from a single input; cleans to a list.

    Empty files are let through: the upload names each unreadable file and imports the others."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,text/plain"}))
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


MAX_UPLOAD_FILES = 50  # page files in one upload; the request itself may carry more (settings), so this says why


class PageUploadForm(forms.Form):
    """Page files and what they are: the paper and date for all of them, or a manifest per file."""

    publication = forms.ModelChoiceField(
        label="报纸", queryset=Publication.objects.all(), required=False,
        help_text="不选则从电头、邮箱等推断,导入后标记待确认。",
    )
    date = forms.DateField(
        label="出版日期", required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text="不填则从文中推断,导入后标记待确认。",
    )
    first_number = forms.IntegerField(
        label="起始版次", required=False, min_value=1, max_value=999,
        help_text="按文件名顺序依次编为第N、N+1…版;不填则接在本期已有版面之后。",
    )
    files = MultipleFileField(
        label="版面文件(.txt)或 PDF", required=False,
        widget=MultipleFileInput(attrs={"accept": ".txt,text/plain,.pdf,application/pdf,.jpg,.jpeg,.png"}),
        help_text="可一次选多个文件,每个文件是一个版面。排版系统导出的 PDF 有文字层的,可单独上传,稿件从 PDF 读出;"
        "PDF 或图片与同名的 .txt(如 A01.pdf 和 A01.txt)一起上传时,文字取自 .txt,PDF 或图片作为版面图附上。",
    )
    manifest = forms.FileField(
        label="或者:清单文件", required=False,
        help_text="TOML、JSON 或 CSV,每条写明 file、publication、date、number、name;清单里列的文件须一并上传。",
    )
    force = forms.BooleanField(
        label="覆盖编辑改过的稿件", required=False,
        help_text="重新上传已导入过的版面时,编辑改过的稿件默认保留不动;勾选则按新文件重写。",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = settings.REQUEST_MAX_BYTES // 1024 // 1024
        self.fields["files"].help_text += f"一次上传的文件合计最多 {limit} MB;一天的 PDF 超过时请分批上传。"

    def clean(self):
        cleaned = super().clean()
        files = cleaned.get("files") or []
        if not files and "files" not in self.errors:
            self.add_error("files", "请至少选择一个版面文件。")
        if len(files) > MAX_UPLOAD_FILES:
            self.add_error("files", f"一次最多上传 {MAX_UPLOAD_FILES} 个版面文件,你选了 {len(files)} 个;请分批上传。")
        return cleaned


class DeskExportForm(SelectableFieldsExportForm):
    """The export form with each column named as it is in the file (主题, 署名 …), not by its field name."""

    def _get_field_label(self, resource, field_name):
        field = resource.fields.get(field_name)
        return field.column_name if field else field_name
