"""Backing up and restoring everything: the database's rows, with their ids, and the uploaded media.

A backup is one .tar.gz holding `backup.json` (the format, and how far each table's ids had got),
`data.jsonl` (every row, one a line) and `media/` (uploaded photos). It loads into a fresh database
of either kind, SQLite or PostgreSQL.

Every row keeps its primary key: readers' addresses carry article and reporter ids, and the desk's
history (django-reversion's versions, the admin log) refers to rows by id, so a restored site
answers the same URLs with the same stories and the same history. References to rows the target
database makes itself on migrate (content types, permissions) are written by natural key, as their
ids differ from one database to another.

A restore replaces the database's content in one transaction: it empties the tables it restores,
loads the rows, rebuilds the search index from them and moves each id sequence past every id the
backed-up database had handed out (a deleted story's id is never given to a new one), then puts the
media files back. If anything fails, the transaction is rolled back, the media files it added are
removed and PostgreSQL's sequences (which a rollback does not restore) are set back as they were:
the database is left exactly as it was. (A photo file already there under the same name, which
only a restore over existing content can meet, is overwritten by the backup's.)
"""

from __future__ import annotations

import datetime
import io
import json
import tarfile
import tempfile
import zlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers import jsonl
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection, models, transaction

from . import search

FORMAT_NAME = "backup.json"
DATA_NAME = "data.jsonl"
LEGACY_DATA_NAME = "data.json"  # version 1: natural keys instead of ids
MEDIA_DIR = "media"
FORMAT = {"format": "newsroom-backup", "version": 2}
# Rows migrate makes in every database, with ids of that database's own: referred to by natural key.
MADE_BY_MIGRATE = {"contenttypes.contenttype", "auth.permission"}
# Rows not backed up: those above, logins in progress, and the search index (rebuilt from the rows).
NOT_BACKED_UP = MADE_BY_MIGRATE | {"sessions.session", "articles.searchdocument"}
# Rows a migration puts in a fresh database (the desk's groups): a backup's own replace them.
SEEDED_BY_MIGRATIONS = {"auth.group"}
ARCHIVE_ERRORS = (tarfile.TarError, EOFError, zlib.error, OSError)
LOAD_ERRORS = (DeserializationError, DatabaseError, ValidationError, ObjectDoesNotExist, ValueError, TypeError)


class BackupError(Exception):
    """A backup that cannot be made or restored; the message says why."""


# --- What is backed up --------------------------------------------------------------------


def backed_up_models() -> list[type[models.Model]]:
    """Every model whose rows a backup carries, parents before children."""
    ordered = serializers.sort_dependencies([(config, None) for config in apps.get_app_configs()], allow_cycles=True)
    return [
        model
        for model in ordered
        if model._meta.label_lower not in NOT_BACKED_UP
        and model._meta.managed
        and not model._meta.proxy
        and not model._meta.swapped
    ]


def _tables(backed_up) -> list[str]:
    """The tables of these models and of their many-to-many links."""
    tables = []
    for model in backed_up:
        tables.append(model._meta.db_table)
        for field in model._meta.local_many_to_many:
            if field.remote_field.through._meta.auto_created:
                tables.append(field.remote_field.through._meta.db_table)
    return tables


class _Serializer(jsonl.Serializer):
    """JSON lines with every row's id; references to rows migrate makes (content types,
    permissions) by natural key, as those ids are the source database's own."""

    def start_serialization(self):
        super().start_serialization()
        self.count = getattr(self, "count", 0)

    def end_object(self, obj):
        super().end_object(obj)
        self.count += 1

    def handle_fk_field(self, obj, field):
        self.use_natural_foreign_keys = _made_by_migrate(field.remote_field.model)
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        self.use_natural_foreign_keys = _made_by_migrate(field.remote_field.model)
        super().handle_m2m_field(obj, field)


class _ExactJSONEncoder(DjangoJSONEncoder):
    """Times to the microsecond, as stored (Django's encoder keeps milliseconds)."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


def _made_by_migrate(model) -> bool:
    return model._meta.label_lower in MADE_BY_MIGRATE


def _rows(model):
    natural = [f.name for f in model._meta.local_fields if f.is_relation and _made_by_migrate(f.related_model)]
    return model._base_manager.select_related(*natural).order_by("pk").iterator(chunk_size=2000)


# --- Backup -------------------------------------------------------------------------------


def write_backup(path: str | Path) -> dict:
    """Write a backup to `path`; returns counts for the report."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    with tempfile.TemporaryDirectory() as tmp:
        data_file = Path(tmp) / DATA_NAME
        serializer = _Serializer()
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if outermost:
                _one_snapshot()
            backed_up = backed_up_models()
            with data_file.open("w", encoding="utf-8") as stream:
                for model in backed_up:
                    serializer.serialize(_rows(model), stream=stream, cls=_ExactJSONEncoder)
            high_water = {model._meta.label_lower: _high_water(model) for model in _with_sequences(backed_up)}
        media_root = Path(settings.MEDIA_ROOT)
        media_files = sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.is_dir() else []
        header = {**FORMAT, "rows": serializer.count, "ids_handed_out": high_water}
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, FORMAT_NAME, json.dumps(header, ensure_ascii=False, indent=1).encode())
            archive.add(data_file, arcname=DATA_NAME)
            for file in media_files:
                archive.add(file, arcname=f"{MEDIA_DIR}/{file.relative_to(media_root).as_posix()}")
    partial.replace(path)  # a backup file either is complete or does not exist
    return {"rows": serializer.count, "media": len(media_files)}


def _one_snapshot() -> None:
    """On PostgreSQL, read every table as of one moment, as pg_dump does (SQLite's read
    transaction already does)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    archive.addfile(info, io.BytesIO(data))


# --- Restore ------------------------------------------------------------------------------


def restore_backup(path: str | Path, *, force: bool = False) -> dict:
    """Replace this (migrated) database's content and the media with the backup's.

    Without `force`, a database that already has content is refused.
    """
    try:
        archive = tarfile.open(path, "r:gz")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{Path(path).name}: 不是可读的备份文件({error})") from error
    with archive, tempfile.TemporaryDirectory() as tmp:
        try:
            header = _read_header(archive)
            media = _media_members(archive)  # reads the whole archive: a damaged one fails here
            data_file = _extract_data(archive, header, Path(tmp))
        except ARCHIVE_ERRORS as error:
            raise BackupError(f"{Path(path).name}: 备份文件不完整或已损坏({error})") from error
        backed_up = backed_up_models()
        if not force:
            _refuse_content(backed_up)
        sequences_before = _sequence_states()
        ids_before = {model._meta.label_lower: _high_water(model) for model in _with_sequences(backed_up)}
        written: list[Path] = []
        try:
            with transaction.atomic():
                _empty(backed_up)
                call_command("loaddata", str(data_file), verbosity=0)
                search.reindex()
                _continue_sequences(backed_up, header.get("ids_handed_out", {}), ids_before)
                _write_media(archive, media, written)
        except BaseException as error:
            for file in written:
                file.unlink(missing_ok=True)
            _put_back_sequences(sequences_before)
            if isinstance(error, LOAD_ERRORS):
                raise BackupError(f"备份里的记录无法载入,数据库未改动({error})") from error
            if isinstance(error, ARCHIVE_ERRORS):
                raise BackupError(f"图片文件无法读出或写入,数据库未改动({error})") from error
            raise
    return {"rows": header.get("rows", 0), "media": len(media)}


def _read_header(archive: tarfile.TarFile) -> dict:
    try:
        header = json.loads(archive.extractfile(FORMAT_NAME).read())
    except (KeyError, AttributeError, ValueError) as error:
        raise BackupError("不是本系统的备份文件(缺少 backup.json)") from error
    if header.get("format") != FORMAT["format"] or header.get("version", 0) not in (1, FORMAT["version"]):
        raise BackupError(f"备份格式 {header} 不受支持")
    return header


def _media_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    media = [m for m in archive.getmembers() if m.isfile() and m.name.startswith(f"{MEDIA_DIR}/")]
    for member in media:
        if ".." in Path(member.name).parts or member.name.startswith("/"):
            raise BackupError(f"备份里有不安全的路径:{member.name}")
    return media


def _extract_data(archive: tarfile.TarFile, header: dict, tmp: Path) -> Path:
    if header["version"] == 1:
        # Rows under natural keys, renumbered on loading; its search index entries are rebuilt.
        try:
            rows = json.loads(archive.extractfile(LEGACY_DATA_NAME).read())
        except (KeyError, AttributeError, ValueError) as error:
            raise BackupError(f"备份里的 {LEGACY_DATA_NAME} 缺失或无法读取") from error
        rows = [row for row in rows if row.get("model") not in NOT_BACKED_UP]
        header["rows"] = len(rows)
        data_file = tmp / LEGACY_DATA_NAME
        data_file.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
        return data_file
    data_file = tmp / DATA_NAME
    try:
        with archive.extractfile(DATA_NAME) as source, data_file.open("wb") as target:
            while chunk := source.read(1024 * 1024):
                target.write(chunk)
    except (KeyError, AttributeError) as error:
        raise BackupError(f"备份里的 {DATA_NAME} 缺失或无法读取") from error
    return data_file


def _refuse_content(backed_up) -> None:
    holding = [
        str(model._meta.verbose_name)
        for model in backed_up
        if model._meta.label_lower not in SEEDED_BY_MIGRATIONS and model._base_manager.exists()
    ]
    if holding:
        raise BackupError(
            f"数据库里已有数据({'、'.join(holding[:3])}{'等' if len(holding) > 3 else ''}):"
            "恢复需要一个新建的空数据库(或加 --force 用备份替换现有数据)"
        )


def _empty(backed_up) -> None:
    with connection.cursor() as cursor:
        for statement in connection.ops.sql_flush(no_style(), _tables(backed_up)):
            cursor.execute(statement)


def _write_media(archive: tarfile.TarFile, media, written: list[Path]) -> None:
    media_root = Path(settings.MEDIA_ROOT)
    for member in media:
        target = media_root / Path(member.name).relative_to(MEDIA_DIR)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            written.append(target)
        with archive.extractfile(member) as source:
            target.write_bytes(source.read())


# --- Id sequences ---------------------------------------------------------------------------
# A table's "high-water mark" is the highest id its database has handed out (0 for none):
# on PostgreSQL, its sequence; on SQLite, its AUTOINCREMENT counter in sqlite_sequence.


def _with_sequences(backed_up):
    return [model for model in backed_up if isinstance(model._meta.pk, models.AutoField)]


def _high_water(model) -> int:
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX({connection.ops.quote_name(column)}) FROM {connection.ops.quote_name(table)}")
        highest = cursor.fetchone()[0] or 0
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [connection.ops.quote_name(table), column])
            (sequence,) = cursor.fetchone()
            if sequence:
                cursor.execute(f"SELECT last_value, is_called FROM {sequence}")
                last, called = cursor.fetchone()
                highest = max(highest, last if called else last - 1)
        elif connection.vendor == "sqlite":
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
            highest = max(highest, row[0] if row else 0)
    return highest


def _continue_sequences(backed_up, *marks: dict) -> None:
    """Make each table's next id higher than every id it holds and every id that `marks` say
    a database (the backed-up one, this one before the restore) had handed out."""
    with_sequences = _with_sequences(backed_up)
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), with_sequences):
            cursor.execute(statement)  # past the loaded rows' ids (PostgreSQL)
        for model in with_sequences:
            label, table = model._meta.label_lower, model._meta.db_table
            mark = max(int(m.get(label, 0)) for m in marks)
            if mark <= _high_water(model):
                continue
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, %s), %s)",
                    [connection.ops.quote_name(table), model._meta.pk.column, mark],
                )
            elif connection.vendor == "sqlite":
                cursor.execute("UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [mark, table])
                if cursor.rowcount == 0:
                    cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, mark])


def _sequence_states() -> list[tuple[str, int | None, int]]:
    """PostgreSQL's sequences as they are; a rollback does not put them back (SQLite's counters
    are rows of a table, rolled back with the rest)."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT format('%I.%I', schemaname, sequencename), last_value, start_value FROM pg_sequences"
            " WHERE schemaname = ANY(current_schemas(false))"
        )
        return cursor.fetchall()


def _put_back_sequences(states) -> None:
    with connection.cursor() as cursor:
        for name, last, start in states:
            cursor.execute("SELECT setval(%s::regclass, %s, %s)", [name, start if last is None else last, last is not None])
