"""Bulk import and export (django-import-export): one ModelResource per model, keyed on natural ids.

Rows name what an editor would: a page is 报纸 + 出版日期 + 版次, a reporter is 署名 + 报纸. An article is
its 稿件编号 (its fixed id, articles.identity), never its place: a row updates the same story after the
page's stories were reordered. A file from before stories had ids (no 稿件编号 column) still imports,
its rows matched by 报纸 + 出版日期 + 版次 + 版内顺序 as then. Bylines travel as one readable column ("记者:李君平; 通讯员:茂健"), a page's staff box the
same way ("值班主任:余虔虹; 责编:钟海浪"). Choices travel as their Chinese labels.

Cells that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return)
are exported with a leading apostrophe, and the apostrophe is taken off again on import, so a
round trip is lossless in every format.
"""
from __future__ import annotations

import datetime
import re

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from import_export import fields, resources, widgets
from import_export.formats.base_formats import CSV

from . import editing
from .batching import batched
from .identity import ALPHABET, UID_LENGTH, new_uid
from .models import (
    Article,
    Byline,
    DutyAssignment,
    DutyEditor,
    Edition,
    Page,
    Publication,
    Reporter,
)
from .scripts import simplified

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXPORT_CHUNK_SIZE = 2000  # rows read, and their related rows prefetched, at a time


def escape_formula(value):
    if isinstance(value, str) and (value.startswith(FORMULA_STARTS) or _escaped(value)):
        return "'" + value
    return value


def unescape_formula(value):
    if isinstance(value, str) and _escaped(value):
        return value[1:]
    return value


def _escaped(value: str) -> bool:
    stripped = value.lstrip("'")
    return value.startswith("'") and stripped.startswith(FORMULA_STARTS)


class ChoiceLabelWidget(widgets.Widget):
    """A choice as its label (已发布); the stored value is accepted on import too."""

    def __init__(self, choices, **kwargs):
        self.choices = choices
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        value = (value or "").strip()
        if not value:
            return self.choices.values[0]
        for choice in self.choices:
            if value in (choice.label, choice.value):
                return choice.value
        raise ValueError(f"“{value}”不是可选的值({'、'.join(self.choices.labels)})")

    def render(self, value, obj=None, **kwargs):
        return self.choices(value).label if value else ""


class IsoDateTimeWidget(widgets.Widget):
    """A moment in ISO 8601 with its offset, to the microsecond: nothing lost on the way back in."""

    def clean(self, value, row=None, **kwargs):
        if not value:
            return None
        if isinstance(value, datetime.datetime):
            moment = value
        else:
            try:
                moment = datetime.datetime.fromisoformat(str(value).strip())
            except ValueError:
                raise ValueError(f"时间“{value}”应写成 2022-07-15T06:00:00+08:00") from None
        return moment if timezone.is_aware(moment) else timezone.make_aware(moment)

    def render(self, value, obj=None, **kwargs):
        return timezone.localtime(value).isoformat() if value else ""


class PublicationWidget(widgets.ForeignKeyWidget):
    def __init__(self, **kwargs):
        super().__init__(Publication, field="name", **kwargs)

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except Publication.DoesNotExist:
            raise ValueError(f"没有名为“{value}”的报纸") from None


class EditionWidget(widgets.ForeignKeyWidget):
    """The 出版日期 column, read with the row's 报纸."""

    def __init__(self, **kwargs):
        super().__init__(Edition, field="date", **kwargs)

    def clean(self, value, row=None, **kwargs):
        if not value:
            raise ValueError("缺少出版日期")
        date = widgets.DateWidget().clean(value)
        try:
            return Edition.objects.get(publication__name=row["报纸"], date=date)
        except Edition.DoesNotExist:
            raise ValueError(f"没有{row['报纸']} {date.isoformat()}这一期") from None

    def render(self, value, obj=None, **kwargs):
        return value.date.isoformat() if value else ""


class PageWidget(widgets.ForeignKeyWidget):
    """The 版次 column, read with the row's 报纸 and 出版日期."""

    def __init__(self, **kwargs):
        super().__init__(Page, field="number", **kwargs)

    def clean(self, value, row=None, **kwargs):
        edition = EditionWidget().clean(row["出版日期"], row)
        try:
            return Page.objects.get(edition=edition, number=int(value))
        except (Page.DoesNotExist, TypeError, ValueError):
            raise ValueError(f"{edition}没有第{value}版") from None

    def render(self, value, obj=None, **kwargs):
        return value.number if value else ""


class DeskCSV(CSV):
    """CSV read as bytes and decoded here: UTF-8 (with or without a BOM) or, failing that, GB18030,
    which is what Excel on a Chinese Windows saves (GBK is a subset of it)."""

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            in_stream = decode_table(in_stream)
        return super().create_dataset(in_stream, **kwargs)


_CHINESE = re.compile(r"[\u4e00-\u9fff]")


class UnreadableFile(ValueError):
    """A file that is not the table it claims to be; the message says so in Chinese."""


def decode_table(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise UnreadableFile("文件不是 UTF-8 或 GB18030 编码的 CSV 文本,读不出来;请在 Excel 里“另存为 CSV UTF-8”后再导入")


class DeskResource(resources.ModelResource):
    """What every desk resource shares: formula escaping both ways, a transaction per import, a
    check of the file's columns, and exports read through one cursor a chunk at a time."""

    required_columns: list[str] = []  # beyond the import id columns, which are always required

    def before_import(self, dataset, **kwargs):
        """A file without the columns that identify a row is refused in one sentence, before any row."""
        headers = [str(h).strip() for h in (dataset.headers or [])]
        known = {field.column_name for field in self.fields.values()}
        needed = [self.fields[name].column_name for name in self.get_import_id_fields() or []]
        needed += [c for c in self.required_columns if c not in needed]
        missing = [c for c in needed if c not in headers]
        if missing:
            unknown = [h for h in headers if h and h not in known]
            hint = f";表头里不认识的列:{'、'.join(unknown)}" if unknown else ""
            raise UnreadableFile(
                f"文件缺少“{'”“'.join(missing)}”列{hint}。请用本页“导出”得到的表格作底稿,不要改动第一行的列名"
            )
        super().before_import(dataset, **kwargs)

    def get_chunk_size(self):
        return self._meta.chunk_size or EXPORT_CHUNK_SIZE

    def with_related(self, queryset):
        """The queryset with what the exported columns read from other tables, whoever built it
        (the resource itself, or the admin's filtered list)."""
        return queryset

    def iter_queryset(self, queryset):
        """Every row in the queryset's order, through one cursor, each chunk's related rows prefetched.

        django-import-export pages a prefetching queryset with OFFSET, so each page reads again every
        row before it: the export grows with the square of the rows. ``iterator(chunk_size=...)``
        prefetches per chunk instead (Django 4.1+), and memory stays at one chunk.
        """
        if not isinstance(queryset, QuerySet):
            yield from queryset
            return
        queryset = self.with_related(queryset)
        if not queryset.ordered:
            queryset = queryset.order_by("pk")
        yield from queryset.iterator(chunk_size=self.get_chunk_size())

    def export_field(self, field, instance, **kwargs):
        """As django-import-export exports a cell, with the formula escaped; the field's
        ``dehydrate_*`` method is looked up once per export rather than once per cell."""
        dehydrate = self._dehydrator(field)
        value = dehydrate(instance) if dehydrate is not None else field.export(instance, **kwargs)
        return escape_formula(value)

    def _dehydrator(self, field):
        found = self.__dict__.setdefault("_dehydrators", {})
        if id(field) not in found:
            method = field.get_dehydrate_method(self.get_field_name(field))
            found[id(field)] = method if callable(method) else getattr(self, method, None)
        return found[id(field)]

    def before_import_row(self, row, **kwargs):
        for key, value in row.items():
            row[key] = unescape_formula(value)

    def after_import_row(self, row, row_result, **kwargs):
        row_result.row_number = kwargs.get("row_number")  # the file's row, for the preview

    def get_instance(self, instance_loader, row):
        """A row whose identifying cells cannot be read is an error naming the cell, not an exception."""
        try:
            return super().get_instance(instance_loader, row)
        except (ValidationError, UnreadableFile):
            raise
        except Exception as error:
            if _CHINESE.search(str(error)):
                raise  # the desk's own widgets say what is wrong ("没有第99版")
            raise ValidationError(self.unreadable_cells(row)) from None

    def unreadable_cells(self, row) -> dict:
        """The cells that fail to read: dates first (a page is found by its paper and date), then the ids."""
        dates = [f for f in self.fields.values() if isinstance(f.widget, widgets.DateWidget) and f.column_name in row]
        ids = [self.fields[name] for name in self.place_fields()]
        for group in (dates, ids):
            problems = {}
            for field in group:
                try:
                    field.clean(row)
                except Exception:
                    problems[field.column_name] = f"读不出“{row.get(field.column_name)}”,请填写正确的{field.column_name}"
            if problems:
                return problems
        return {"__all__": "这一行的报纸、日期、版次或顺序读不出来,请对照导出的表格改正"}

    def place_fields(self) -> list[str]:
        """The fields that say which row this is, checked first when a row cannot be read."""
        return self.get_import_id_fields()

    def import_row(self, row, instance_loader, **kwargs):
        """Any other failure of a row is one Chinese sentence; the exception stays in the log."""
        result = super().import_row(row, instance_loader, **kwargs)
        for error in result.errors:
            if not _CHINESE.search(str(error.error)) or "Traceback" in str(error.error):
                error.error = UnreadableFile("这一行存不进去,请对照本页“导出”得到的表格检查各列的值")
        return result

    def import_instance(self, instance, row, **kwargs):
        """A cell's error is named by the file's column (版内顺序), not by the model's field."""
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            raise ValidationError(self.by_column(error)) from None

    def by_column(self, error: ValidationError):
        if not hasattr(error, "error_dict"):
            return error
        columns = {field.attribute: field.column_name for field in self.fields.values()}
        return {columns.get(name, name): errors for name, errors in error.error_dict.items()}


def credit_list(text: str, roles) -> list[tuple[str, str]]:
    """ "记者:李君平; 通讯员:茂健" → [(reporter, 李君平), (correspondent, 茂健)]; a bare name takes the first role.
    A role may be typed in traditional characters (記者), as a Hong Kong paper prints it."""
    pairs = []
    for part in filter(None, (p.strip() for p in (text or "").replace(";", ";").split(";"))):
        label, _, name = part.replace(":", ":").rpartition(":")
        label, name = label.strip(), name.strip()
        role = roles(label) if label in roles.values else next((r for r in roles if r.label == simplified(label)), None)
        if label and role is None:
            raise ValueError(f"“{part}”里的身份“{label}”不认识")
        if not name:
            raise ValueError(f"“{part}”缺少姓名")
        pairs.append((role or list(roles)[0], name))
    return pairs


class PublicationResource(DeskResource):
    name = fields.Field("name", "报纸", widgets.CharWidget())
    slug = fields.Field("slug", "网址代号", widgets.CharWidget())
    description = fields.Field("description", "简介", widgets.CharWidget())

    class Meta:
        skip_unchanged = True  # a row the file leaves as it is is not saved again
        report_skipped = False
        model = Publication
        fields = ["name", "slug", "description"]
        import_id_fields = ["name"]


class EditionResource(DeskResource):
    publication = fields.Field("publication", "报纸", PublicationWidget())
    date = fields.Field("date", "出版日期", widgets.DateWidget())
    issue_number = fields.Field("issue_number", "期号", widgets.IntegerWidget())
    status = fields.Field("status", "状态", ChoiceLabelWidget(Edition.Status))
    published_at = fields.Field("published_at", "发布时间", IsoDateTimeWidget())
    date_inferred = fields.Field("date_inferred", "日期待确认", widgets.BooleanWidget())
    publication_inferred = fields.Field("publication_inferred", "报纸待确认", widgets.BooleanWidget())
    publish_override_reason = fields.Field("publish_override_reason", "未全部签版即发布的理由", widgets.CharWidget())

    class Meta:
        skip_unchanged = True  # a row the file leaves as it is is not saved again
        report_skipped = False
        model = Edition
        fields = [
            "publication", "date", "issue_number", "status", "published_at",
            "date_inferred", "publication_inferred", "publish_override_reason",
        ]
        import_id_fields = ["publication", "date"]

    def get_queryset(self):
        return super().get_queryset().select_related("publication")


class DutyEditorResource(DeskResource):
    publication = fields.Field("publication", "报纸", PublicationWidget())
    name = fields.Field("name", "姓名", widgets.CharWidget())
    user = fields.Field("user", "登录账号", widgets.ForeignKeyWidget(get_user_model(), field="username"))

    class Meta:
        skip_unchanged = True  # a row the file leaves as it is is not saved again
        report_skipped = False
        model = DutyEditor
        fields = ["publication", "name", "user"]
        import_id_fields = ["publication", "name"]

    def get_queryset(self):
        return super().get_queryset().select_related("publication", "user")


class ReporterResource(DeskResource):
    publication = fields.Field("publication", "报纸", PublicationWidget())
    name = fields.Field("name", "署名", widgets.CharWidget())
    kind = fields.Field("kind", "类别", ChoiceLabelWidget(Reporter.Kind))
    affiliation = fields.Field("affiliation", "所属单位", widgets.CharWidget())

    class Meta:
        skip_unchanged = True  # a row the file leaves as it is is not saved again
        report_skipped = False
        model = Reporter
        fields = ["publication", "name", "kind", "affiliation"]
        import_id_fields = ["publication", "name"]

    def get_queryset(self):
        return super().get_queryset().select_related("publication")


class PageResource(DeskResource):
    publication = fields.Field("edition__publication__name", "报纸", readonly=True)
    edition = fields.Field("edition", "出版日期", EditionWidget())
    number = fields.Field("number", "版次", widgets.IntegerWidget())
    name = fields.Field("name", "版名", widgets.CharWidget())
    staff = fields.Field(column_name="值班")
    signed_off_by = fields.Field("signed_off_by", "签发人", widgets.ForeignKeyWidget(DutyEditor, field="name"))
    signed_off_at = fields.Field("signed_off_at", "签发时间", IsoDateTimeWidget())
    source_filename = fields.Field("source_filename", "原始文件名", widgets.CharWidget())
    source_hash = fields.Field("source_hash", "原文指纹", widgets.CharWidget())
    source_text = fields.Field("source_text", "原始文字", widgets.CharWidget())

    class Meta:
        skip_unchanged = True  # a row the file leaves as it is is not saved again
        report_skipped = False
        model = Page
        fields = [
            "publication", "edition", "number", "name", "staff", "signed_off_by", "signed_off_at",
            "source_filename", "source_hash", "source_text",
        ]
        import_id_fields = ["edition", "number"]

    required_columns = ["报纸"]

    def get_queryset(self):
        return (
            super().get_queryset().select_related("edition__publication", "signed_off_by")
            .prefetch_related("duty_assignments__duty_editor")
        )

    def dehydrate_staff(self, page):
        return "; ".join(f"{a.role}:{a.duty_editor.name}" for a in page.duty_assignments.all())

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.attribute == "signed_off_by":
            name = (row.get("签发人") or "").strip()
            instance.signed_off_by = (
                DutyEditor.objects.get_or_create(publication=instance.edition.publication, name=name)[0] if name else None
            )
            return
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def after_save_instance(self, instance, row, **kwargs):
        publication = instance.edition.publication
        instance.duty_assignments.all().delete()
        seen = set()
        for position, (role, name) in enumerate(_staff(row.get("值班")), 1):
            editor, _ = DutyEditor.objects.get_or_create(publication=publication, name=name)
            if (editor.pk, role) not in seen:
                seen.add((editor.pk, role))
                DutyAssignment.objects.create(page=instance, duty_editor=editor, role=role, position=position)


def _staff(text: str) -> list[tuple[str, str]]:
    pairs = []
    for part in filter(None, (p.strip() for p in (text or "").replace(";", ";").split(";"))):
        role, _, name = part.replace(":", ":").partition(":")
        if not name.strip():
            raise ValueError(f"值班“{part}”应写成 职务:姓名")
        pairs.append((role.strip()[:20], name.strip()))
    return pairs


class ArticleResource(DeskResource):
    """Stories, changed only where the file changes them, each change through `articles.editing`.

    A row that changes nothing is skipped and not reported; a changed row shows in the preview as
    "field: old → new". 版本号 is the version the row was exported at: it is never written, and a
    row exported before someone saved the story since is refused, naming who and which fields.
    The workflow (状态, 发布时间), the import fingerprint and the story's place in its page's text
    (原文顺序) are the desk's: taken from the file only for a new story, never changed on an existing one.
    """

    uid = fields.Field("uid", "稿件编号", widgets.CharWidget())
    publication = fields.Field("page__edition__publication__name", "报纸", readonly=True)
    date = fields.Field("page__edition__date", "出版日期", widgets.DateWidget(), readonly=True)
    page = fields.Field("page", "版次", PageWidget())
    position = fields.Field("position", "版内顺序", widgets.IntegerWidget())
    kicker = fields.Field("kicker", "引题", widgets.CharWidget())
    title = fields.Field("title", "主题", widgets.CharWidget())
    subtitle = fields.Field("subtitle", "副题", widgets.CharWidget())
    dateline = fields.Field("dateline", "电头", widgets.CharWidget())
    bylines = fields.Field(column_name="署名")
    body = fields.Field("body", "正文", widgets.CharWidget())
    status = fields.Field("status", "状态", ChoiceLabelWidget(Article.Status))
    published_at = fields.Field("published_at", "发布时间", IsoDateTimeWidget())
    version = fields.Field("version", "版本号", widgets.IntegerWidget(), readonly=True)
    import_fingerprint = fields.Field("import_fingerprint", "导入指纹", widgets.CharWidget())
    text_position = fields.Field("text_position", "原文顺序", widgets.IntegerWidget())

    WORKFLOW = ["status", "published_at", "import_fingerprint", "text_position"]  # kept as saved on an existing story
    REQUIRED = {"title": "主题", "page": "版次", "position": "版内顺序"}
    required_columns = ["报纸", "出版日期", "主题"]

    class Meta:
        model = Article
        fields = [
            "uid", "publication", "date", "page", "position", "kicker", "title", "subtitle", "dateline", "bylines",
            "body", "status", "published_at", "version", "import_fingerprint", "text_position",
        ]
        import_id_fields = ["uid"]
        skip_unchanged = True
        report_skipped = False
        skip_html_diff = True  # the preview lists the changed fields instead (row_result.changes)

    by_place = False  # set per file: a file without 稿件编号 is matched by place, as before ids

    def get_import_id_fields(self):
        return ["page", "position"] if self.by_place else ["uid"]

    def place_fields(self):
        return ["page", "position"] if self.by_place else ["position"]  # a missing page is named by its widget

    def before_import(self, dataset, **kwargs):
        headers = [str(h).strip() for h in (dataset.headers or [])]
        self.by_place = self.fields["uid"].column_name not in headers
        super().before_import(dataset, **kwargs)

    def get_instance(self, instance_loader, row):
        """The story with the row's 稿件编号; none for a row with the cell left empty (a new story,
        given an id) or an id no story has here (a story from another desk's export keeps its id;
        a mistyped id meets the place check in `import_instance`, its place being its story's)."""
        if self.by_place:
            return super().get_instance(instance_loader, row)
        problems = self.unreadable_cells(row)
        if "__all__" not in problems:
            raise ValidationError(problems)  # a page or place that cannot be read is named before anything else
        uid = str(row.get(self.fields["uid"].column_name) or "").strip().lower()
        if not uid:
            return None
        if len(uid) != UID_LENGTH or set(uid) - set(ALPHABET):
            raise ValidationError({"稿件编号": f"“{_short(uid, 20)}”不是稿件编号:应是导出表格里的 {UID_LENGTH} 位编号,新稿件请留空"})
        row[self.fields["uid"].column_name] = uid
        return Article.objects.filter(uid=uid).first()

    def get_queryset(self):
        return self.with_related(super().get_queryset())

    def with_related(self, queryset):
        """Page, edition and paper joined in, without the page's whole source text. Bylines are
        read per chunk by ``iter_queryset``: Django's prefetch builds a queryset for every article,
        which costs more than the rest of the row."""
        return queryset.select_related("page__edition__publication").defer("page__source_text").prefetch_related(None)

    def iter_queryset(self, queryset):
        for chunk in batched(super().iter_queryset(queryset), self.get_chunk_size()):
            credits = {article.pk: [] for article in chunk}
            for byline in Byline.objects.filter(article__in=list(credits)).select_related("reporter").order_by(
                "article_id", "position"
            ):
                credits[byline.article_id].append(byline)
            for article in chunk:
                article.exported_bylines = credits[article.pk]
                yield article

    def dehydrate_bylines(self, article):
        bylines = getattr(article, "exported_bylines", None)
        if bylines is None:
            bylines = article.bylines.all()
        return "; ".join(f"{Byline.Role(b.role).label}:{b.reporter.name}" for b in bylines)

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        credit_list(row.get("署名"), Byline.Role)  # a bad byline fails the row before anything is saved

    def import_instance(self, instance, row, **kwargs):
        saved = {name: getattr(instance, name) for name in [*self.WORKFLOW, "uid"]} if instance.pk else None
        super().import_instance(instance, row, **kwargs)
        if saved is not None:
            for name, value in saved.items():
                setattr(instance, name, value)
        if not instance.uid:
            instance.uid = new_uid()
        editing.clean_article_text(instance)
        empty = [label for name, label in self.REQUIRED.items() if getattr(instance, name, None) in (None, "")]
        if not (instance.title or "").strip():
            empty = empty if "主题" in empty else ["主题", *empty]
            instance.title = ""
        if empty:
            raise ValidationError({
                label: f"{label}不能为空(这一格是空的,或是表格公式,导入时读不到它的值)"
                for label in self.REQUIRED.values() if label in empty
            })
        occupant = Article.objects.placed().filter(page=instance.page, position=instance.position).exclude(pk=instance.pk).first()
        if occupant is not None:
            raise ValidationError({"版内顺序": (
                f"{instance.page.label}第 {instance.position} 篇已是“{occupant.title}”(稿件编号 {occupant.uid});"
                "调整顺序请在编辑台用“上移/下移”,新稿件请排在本版最后"
            )})

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Skip a row that changes nothing; remember what a changed row changes, for the preview."""
        self._changes = []
        if import_validation_errors or original is None or original.pk is None:
            return False
        for name in ["page", "position", "kicker", "title", "subtitle", "dateline", "body"]:
            field = self.fields[name]
            old, new = field.export(original), field.export(instance)
            if old != new:
                self._changes.append((field.column_name, _short(old), _short(new)))
        old, new = self.dehydrate_bylines(original), _credits_text(row.get("署名"))
        if old != new:
            self._changes.append(("署名", old or "(空)", new or "(空)"))
        return not self._changes

    def save_instance(self, instance, is_create, row, **kwargs):
        """Through the desk's one write path: conflict check, version, history "导入 FILE", sign-off."""
        based_on = None
        if not is_create and str(row.get("版本号") or "").strip():
            try:
                based_on = int(str(row["版本号"]).strip())
            except ValueError:
                raise ValidationError({"版本号": f"版本号“{row['版本号']}”不是数字"}) from None
        name = kwargs.get("file_name") or "表格文件"
        try:
            editing.save_article(
                article=instance,
                user=kwargs.get("user"),
                source=f"导入 {name}",
                based_on_version=based_on,
                write_related=lambda article: self._write_bylines(article, row, is_create),
                changed=True,
            )
        except editing.EditConflict as conflict:
            raise ValidationError(
                f"{conflict},表格里的这一行是在那之前导出的;请重新导出,改好后再导入"
            ) from None
        except editing.WriteRefused as refusal:
            raise ValidationError(str(refusal)) from None

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        row_result.changes = getattr(self, "_changes", [])
        self._changes = []

    def _write_bylines(self, instance, row, is_create):
        if not is_create and self.dehydrate_bylines(instance) == _credits_text(row.get("署名")):
            return  # unchanged bylines keep their rows (an editor's open form still knows them)
        publication = instance.page.edition.publication
        instance.bylines.all().delete()
        seen = set()
        for position, (role, name) in enumerate(credit_list(row.get("署名"), Byline.Role), 1):
            kind = Reporter.Kind.ORGANISATION if role == Byline.Role.SOURCE else Reporter.Kind.PERSON
            reporter = Reporter.objects.credited_as(publication, name) or Reporter.objects.create(
                publication=publication, name=name, kind=kind
            )
            if (reporter.pk, role) not in seen:
                seen.add((reporter.pk, role))
                Byline.objects.create(article=instance, reporter=reporter, role=role, position=position)


def _credits_text(text) -> str:
    """The 署名 cell as the export writes it, whatever separators the editor typed."""
    return "; ".join(f"{Byline.Role(role).label}:{name}" for role, name in credit_list(text, Byline.Role))


def _short(value, limit=200) -> str:
    text = "" if value is None else str(value)
    if not text:
        return "(空)"
    return text if len(text) <= limit else text[:limit] + f"…(共 {len(text)} 字)"


RESOURCES = [
    PublicationResource, EditionResource, DutyEditorResource, ReporterResource, PageResource, ArticleResource,
]
