"""Exports of a whole list, however long it is: rows are written out as they are read.

django-import-export builds a tablib Dataset of every row, then the whole file as one string, then
the response: several copies of a 100,000-article desk in the worker's memory, and nothing sent
until the last row is made. Here the same resource makes the same rows (its columns, in its order,
formulae escaped, bylines as "记者:李君平; 通讯员:茂健"), a chunk at a time:

- CSV and JSON stream to the browser (StreamingHttpResponse), byte for byte what
  django-import-export would have sent, but for the byte-order mark that starts a CSV file: without
  it Excel on a Chinese Windows reads UTF-8 as GBK and shows every character garbled (the import
  takes the file back with or without it);
- XLSX is written by openpyxl in write-only mode to a temporary file, which is then sent. The cells,
  the bold and frozen header row and the wrapped multi-line cells are as tablib writes them, the
  sheet is named for the list (稿件, 版面 …) rather than tablib's "Tablib Dataset"; the
  columns are as wide as the longest cell of the first rows, up to a limit (tablib fits the longest
  cell of all, which needs every row at hand).

Every cell of every format is cleaned of the characters XML cannot hold (a vertical tab that Word
put in a headline, see ``xmltext``): XLSX could not take them, and an export must not fail on
stored text; CSV and JSON get the same cells, so a file says the same whatever its format.
The first chunk is made before the response starts, so a query that fails is still reported on
the export page, as django-import-export does.
django-import-export's IMPORT_EXPORT_ESCAPE_* settings are not read: the desk's resources escape
formulae themselves, and the settings leave both unset.
"""
import codecs
import csv
import io
import itertools
import json
import tempfile

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Min
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from import_export.formats.base_formats import CSV, JSON, XLSX
from import_export.signals import post_export
from tablib.formats._json import serialize_objects_handler

from .batching import batched
from .xmltext import xml_safe

CHUNK_ROWS = 500  # rows per piece of a streamed response
XLSX_MIN_WIDTH, XLSX_MAX_WIDTH = 8, 60  # characters


def rows(resource, queryset, **kwargs):
    """The header, then every row as ``resource.export(queryset, **kwargs)`` would append it."""
    resource.before_export(queryset, **kwargs)
    queryset = resource.filter_export(queryset, **kwargs)
    selected = kwargs.get("export_fields")
    yield [xml_safe(header) for header in resource.get_export_headers(selected_fields=selected)]
    for instance in resource.iter_queryset(queryset):
        yield [xml_safe(value) for value in resource.export_resource(instance, selected_fields=selected, **kwargs)]


def csv_chunks(table):
    """CSV text as tablib writes it (csv.writer, the excel dialect), some rows at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=",")
    for batch in batched(table, CHUNK_ROWS):
        writer.writerows(batch)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def json_chunks(table):
    """A JSON list of one object per row, as tablib writes it (json.dumps of Dataset.dict)."""
    headers = next(table)
    first = True
    for batch in batched(table, CHUNK_ROWS):
        pieces = []
        for row in batch:
            pieces.append("[" if first else ", ")
            pieces.append(json.dumps(dict(zip(headers, row)), default=serialize_objects_handler, ensure_ascii=False))
            first = False
        yield "".join(pieces)
    yield "[]" if first else "]"


def write_xlsx(table, file, title):
    """The rows as one worksheet named ``title``, written straight to ``file`` (openpyxl's write-only mode)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])  # the longest name a sheet may have
    headers = next(table)
    first = list(itertools.islice(table, CHUNK_ROWS))
    for number, column in enumerate(zip(headers, *first), 1):
        width = max(len(str(value)) for value in column)
        sheet.column_dimensions[get_column_letter(number)].width = min(max(width, XLSX_MIN_WIDTH), XLSX_MAX_WIDTH)
    sheet.freeze_panes = "A2"
    bold, wrap = Font(bold=True), Alignment(wrap_text=True)

    def cell(value, **style):
        made = WriteOnlyCell(sheet, value=value)
        for name, setting in style.items():
            setattr(made, name, setting)
        return made

    sheet.append([cell(header, font=bold) for header in headers])
    for row in itertools.chain(first, table):
        sheet.append([cell(value, alignment=wrap) if "\n" in str(value) else value for value in row])
    workbook.save(file)


def export_filename(what: str, queryset, scope, extension: str) -> str:
    """A file name saying what the file holds: 稿件-茂名晚报-2022-11-07.csv, 稿件-2022-11-01至2022-11-07.xlsx.

    `scope` names the paper and date lookups of the rows ((), when the rows have none); the paper
    is named when there is one, the day or the span of days when the rows have dates. Without
    dates the file is named by the day it was exported.
    """
    parts = [what]
    if scope:
        paper, date = scope
        papers = list(queryset.order_by().values_list(paper, flat=True).distinct()[:2])
        if len(papers) == 1:
            parts.append(papers[0])
        span = queryset.aggregate(first=Min(date), last=Max(date))
        if span["first"] is not None:
            first, last = span["first"].isoformat(), span["last"].isoformat()
            parts.append(first if first == last else f"{first}至{last}")
    if len(parts) == 1 or not scope:
        parts.append(f"导出于{timezone.localdate().isoformat()}")
    name = "-".join(part.replace("/", "-") for part in parts)
    return f"{name}.{extension}"


def export_response(modeladmin, request, queryset, file_format, export_form=None):
    """The admin's file download for CSV, JSON and XLSX, made as described above; None for other formats.

    Resource, selected columns and permissions are chosen as django-import-export chooses them.
    """
    if not isinstance(file_format, (CSV, JSON, XLSX)):
        return None
    if not modeladmin.has_export_permission(request):
        raise PermissionDenied
    kwargs = {
        "encoding": modeladmin.to_encoding,
        "export_form": export_form,
        "force_native_type": isinstance(file_format, XLSX),
    }
    resource = modeladmin.choose_export_resource_class(export_form, request)(
        **modeladmin.get_export_resource_kwargs(request, **kwargs)
    )
    table = rows(
        resource, queryset, export_fields=modeladmin.get_export_resource_fields_from_form(export_form), **kwargs
    )
    filename = modeladmin.get_export_filename(request, queryset, file_format)
    if isinstance(file_format, XLSX):
        file = tempfile.TemporaryFile()
        try:
            write_xlsx(table, file, title=str(modeladmin.model._meta.verbose_name_plural))
        except BaseException:
            file.close()
            raise
        file.seek(0)
        response = FileResponse(file, content_type=file_format.get_content_type())
    else:
        chunks = (csv_chunks if isinstance(file_format, CSV) else json_chunks)(table)
        encoding = kwargs["encoding"] or ("utf-8-sig" if isinstance(file_format, CSV) else settings.DEFAULT_CHARSET)
        encoder = codecs.getincrementalencoder(encoding)()  # a BOM once, not once per chunk
        chunks = (encoder.encode(chunk) for chunk in chunks)
        first = next(chunks)  # runs the query now: a failure is still shown on the export page
        response = StreamingHttpResponse(itertools.chain([first], chunks), content_type=file_format.get_content_type())
    response["Content-Disposition"] = content_disposition_header(True, filename)
    post_export.send(sender=None, model=modeladmin.model)
    return response
