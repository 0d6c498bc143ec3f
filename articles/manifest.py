"""Manifests: which paper, date, page number and page name each page file is.

TOML, JSON or CSV, by the file's ending. Each entry has `file` (relative to the manifest) and any of
`publication`, `date` (YYYY-MM-DD), `number`, `name`::

    [[page]]
    file = "a.txt"
    publication = "茂名晚报"
    date = 2022-07-15
    number = 1
    name = "要闻"
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import tomllib
from pathlib import Path

from .importing import PageTarget
from .pagefiles import decode_page_text

FIELDS = ("file", "publication", "date", "number", "name")


class ManifestError(ValueError):
    """A manifest that cannot be read; the message names the file and the entry."""


def read_manifest(path: str | Path) -> list[tuple[Path, PageTarget]]:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ManifestError(f"{path.name}: 无法读取清单({error.strerror or error})") from error
    return parse_manifest(path.name, decode_page_text(path.name, data), path.parent)


def parse_manifest(name: str, text: str, base: Path) -> list[tuple[Path, PageTarget]]:
    entries = _entries(name, text)
    return [_entry(name, i, entry, base) for i, entry in enumerate(entries, 1)]


def _entries(name: str, text: str) -> list[dict]:
    suffix = Path(name).suffix.lower()
    try:
        if suffix == ".toml":
            data = tomllib.loads(text)
            entries = data.get("page") or data.get("pages") or []
        elif suffix == ".json":
            data = json.loads(text)
            entries = data.get("pages", []) if isinstance(data, dict) else data
        elif suffix == ".csv":
            entries = list(csv.DictReader(io.StringIO(text)))
        else:
            raise ManifestError(f"{name}: 清单须是 .toml、.json 或 .csv 文件")
    except (tomllib.TOMLDecodeError, json.JSONDecodeError, csv.Error) as error:
        raise ManifestError(f"{name}: 清单格式有误({error})") from error
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ManifestError(f"{name}: 清单应是一组条目,每条写明 file 等字段")
    return entries


def _entry(name: str, index: int, entry: dict, base: Path) -> tuple[Path, PageTarget]:
    where = f"{name} 第 {index} 条"
    unknown = set(entry) - set(FIELDS)
    if unknown:
        raise ManifestError(f"{where}: 不认识的字段 {', '.join(sorted(unknown))}")
    if not entry.get("file"):
        raise ManifestError(f"{where}: 缺少 file(版面文件名)")
    return base / str(entry["file"]), PageTarget(
        publication=str(entry.get("publication") or "").strip() or None,
        date=_date(where, entry.get("date")),
        number=_number(where, entry.get("number")),
        name=str(entry.get("name") or "").strip(),
    )


def _date(where: str, value) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError as error:
        raise ManifestError(f"{where}: 日期 {value!r} 不是 YYYY-MM-DD 格式") from error


def _number(where: str, value) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError) as error:
        raise ManifestError(f"{where}: 版次 {value!r} 不是数字") from error
    if not 1 <= number <= 999:
        raise ManifestError(f"{where}: 版次 {number} 超出 1–999")
    return number
