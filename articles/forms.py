"""Forms of the editors' desk: the steps admin actions ask about before they act, and conflict-safe article editing."""
from django import forms
from django.utils import timezone
from import_export.forms import SelectableFieldsExportForm

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

    On a conflict nothing is saved: the form comes back with the editor's own text in it, the other
    version's differing fields beside it, and the newer version number, so saving again is a choice
    made knowingly.
    """

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    conflict = None  # the fields that differ: (label, saved by the other editor, this editor's)
    last_saved_by = None  # set by the admin: article -> (user, when) or None
    compared = ["kicker", "title", "subtitle", "dateline", "body", "page", "position"]

    class Meta:
        model = Article
        fields = "__all__"
        widgets = {"body": forms.Textarea(attrs={"rows": 24, "class": "vLargeTextField desk-body"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["opened_version"] = self.instance.version

    def clean(self):
        cleaned = super().clean()
        opened = cleaned.get("opened_version")
        if not self.instance.pk or opened is None:
            return cleaned
        saved = Article.objects.select_for_update().get(pk=self.instance.pk)
        if saved.version == opened:
            return cleaned
        self.conflict = [
            (self.fields[name].label, self._shown(name, getattr(saved, name)), self._shown(name, cleaned.get(name)))
            for name in self.compared
            if name in self.fields and self._differs(getattr(saved, name), cleaned.get(name))
        ]
        self.data = self.data.copy()
        self.data[self.add_prefix("opened_version")] = saved.version
        who = self.last_saved_by(saved) if self.last_saved_by else None
        by = f"{who[0] or '某位编辑'}于{timezone.localtime(who[1]):%H:%M:%S}" if who else "另一位编辑"
        raise forms.ValidationError(
            f"{by}刚保存过这篇稿件(第 {saved.version} 版),你打开的是第 {opened} 版。"
            "你的修改没有保存,仍在下面的表格里;请对照下方列出的不同之处,改好后再保存一次。",
            code="conflict",
        )

    @staticmethod
    def _differs(theirs, yours):
        theirs = getattr(theirs, "pk", theirs)
        yours = getattr(yours, "pk", yours)
        return (theirs or "") != (yours or "")

    def _shown(self, name, value):
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
    files = MultipleFileField(label="版面文件(.txt)", required=False, help_text="可一次选多个文件,每个文件是一个版面。")
    manifest = forms.FileField(
        label="或者:清单文件", required=False,
        help_text="TOML、JSON 或 CSV,每条写明 file、publication、date、number、name;清单里列的文件须一并上传。",
    )
    force = forms.BooleanField(
        label="覆盖编辑改过的稿件", required=False,
        help_text="重新上传已导入过的版面时,编辑改过的稿件默认保留不动;勾选则按新文件重写。",
    )

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
