"""Backing up and restoring everything: the database's rows and the uploaded media.

A backup is one .tar.gz holding `data.json` (every row, with natural keys, so it loads into any fresh
database of either kind) and `media/` (uploaded photos). Restoring loads it into a migrated, empty
database in one transaction, then puts the media files back.
"""

from __future__ import annotations

import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.exceptions import ValidationError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, transaction

from .models import Edition, Publication

DATA_NAME = "data.json"
MEDIA_DIR = "media"
FORMAT_NAME = "backup.json"
FORMAT = {"format": "newsroom-backup", "version": 1}
# rows Django recreates itself on migrate, or that mean nothing in another database
NOT_BACKED_UP = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]


class BackupError(Exception):
    """A backup that cannot be made or restored; the message says why."""


def write_backup(path: str | Path) -> dict:
    """Write a backup to `path`; returns counts for the report."""
    data = io.StringIO()
    call_command(
        "dumpdata",
        natural_foreign=True,
        natural_primary=True,
        exclude=NOT_BACKED_UP,
        stdout=data,
        indent=None,
    )
    payload = data.getvalue().encode("utf-8")
    media_root = Path(settings.MEDIA_ROOT)
    media_files = [p for p in media_root.rglob("*") if p.is_file()] if media_root.is_dir() else []
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    with tarfile.open(partial, "w:gz") as archive:
        _add_bytes(archive, FORMAT_NAME, json.dumps(FORMAT).encode())
        _add_bytes(archive, DATA_NAME, payload)
        for file in media_files:
            archive.add(file, arcname=f"{MEDIA_DIR}/{file.relative_to(media_root).as_posix()}")
    partial.replace(path)  # a backup file either is complete or does not exist
    return {"rows": len(json.loads(payload)), "media": len(media_files)}


def restore_backup(path: str | Path, *, force: bool = False) -> dict:
    """Load a backup into this (migrated) database and media folder."""
    if not force and (Publication.objects.exists() or Edition.objects.exists()):
        raise BackupError("数据库里已有数据:恢复需要一个新建的空数据库(或加 --force 合并进去)")
    try:
        archive = tarfile.open(path, "r:gz")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{Path(path).name}: 不是可读的备份文件({error})") from error
    with archive, tempfile.TemporaryDirectory() as tmp:
        _check_format(archive)
        members = [m for m in archive.getmembers() if m.isfile()]
        media = [m for m in members if m.name.startswith(f"{MEDIA_DIR}/")]
        for member in media:
            if ".." in Path(member.name).parts or member.name.startswith("/"):
                raise BackupError(f"备份里有不安全的路径:{member.name}")
        data_file = Path(tmp) / DATA_NAME
        data_file.write_bytes(archive.extractfile(DATA_NAME).read())
        rows = len(json.loads(data_file.read_text(encoding="utf-8")))
        try:
            with transaction.atomic():
                call_command("loaddata", str(data_file), verbosity=0)
        except (DeserializationError, DatabaseError, ValidationError) as error:
            raise BackupError(f"备份里的记录无法载入,数据库未改动({error})") from error
        media_root = Path(settings.MEDIA_ROOT)
        for member in media:
            target = media_root / Path(member.name).relative_to(MEDIA_DIR)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.extractfile(member).read())
    _rebuild_derived()
    return {"rows": rows, "media": len(media)}


def _check_format(archive: tarfile.TarFile) -> None:
    try:
        found = json.loads(archive.extractfile(FORMAT_NAME).read())
    except (KeyError, AttributeError, ValueError) as error:
        raise BackupError("不是本系统的备份文件(缺少 backup.json)") from error
    if found.get("format") != FORMAT["format"] or found.get("version", 0) > FORMAT["version"]:
        raise BackupError(f"备份格式 {found} 不受支持")


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    archive.addfile(info, io.BytesIO(data))


def _rebuild_derived() -> None:
    """Indexes built from the rows (search) are rebuilt, not restored."""
    from django.core.management import get_commands

    if "reindex_search" in get_commands():
        call_command("reindex_search", verbosity=0)
