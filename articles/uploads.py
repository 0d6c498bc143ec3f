"""Uploaded page files waiting between the preview and the confirm: kept on disk under a random token.

Nothing reaches the database before the editor confirms, so the bytes wait in a directory of their
own (under Django's FILE_UPLOAD_TEMP_DIR, or the system's temporary directory), named by a token the
editor's session holds. Confirming or abandoning an upload removes it; uploads left for a day are
swept away when the next one is staged.
"""

from __future__ import annotations

import datetime
import json
import secrets
import shutil
import tempfile
import time
from pathlib import Path

from django.conf import settings

from .facsimile import Prepared, TextLine
from .importing import PageTarget
from .services import UploadEntry

SESSION_KEY = "desk_page_uploads"
MAX_AGE = 24 * 3600


def root() -> Path:
    return Path(settings.FILE_UPLOAD_TEMP_DIR or tempfile.gettempdir()) / "newsroom-page-uploads"


def stage(session, entries: list[UploadEntry]) -> str:
    """Keep the entries (bytes and targets) and return the token that finds them again."""
    _sweep()
    token = secrets.token_urlsafe(16)
    folder = root() / token
    folder.mkdir(parents=True, mode=0o700)
    plan = []
    for index, entry in enumerate(entries):
        if entry.data is not None:
            (folder / f"{index}.bin").write_bytes(entry.data)
        scan = entry.facsimile
        if scan is not None:  # the printed page as checked and rendered for the preview: the confirm only stores it
            for part, data in [("source", scan.source), *scan.images.items()]:
                (folder / f"{index}.{part}").write_bytes(data)
        target = entry.target
        plan.append({
            "name": entry.name,
            "error": entry.error,
            "has_data": entry.data is not None,
            "facsimile_name": entry.facsimile_name,
            "facsimile": None if scan is None else {
                "kind": scan.kind, "extension": scan.extension, "width": scan.width, "height": scan.height,
                "lines": [line.as_list() for line in scan.lines], "notes": scan.notes, "images": list(scan.images),
            },
            "publication": target.publication,
            "date": target.date.isoformat() if target.date else None,
            "number": target.number,
            "page_name": target.name,
        })
    (folder / "plan.json").write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    session[SESSION_KEY] = [*session.get(SESSION_KEY, [])[-9:], token]
    return token


def load(session, token: str) -> list[UploadEntry] | None:
    """The staged entries, or None when the token is not this session's or the upload is gone."""
    if token not in session.get(SESSION_KEY, []):
        return None
    folder = root() / token
    try:
        plan = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
        return [
            UploadEntry(
                name=item["name"],
                data=(folder / f"{index}.bin").read_bytes() if item["has_data"] else None,
                target=PageTarget(
                    publication=item["publication"],
                    date=datetime.date.fromisoformat(item["date"]) if item["date"] else None,
                    number=item["number"],
                    name=item["page_name"],
                ),
                error=item["error"],
                facsimile_name=item.get("facsimile_name", ""),
                facsimile=_load_facsimile(folder, index, item.get("facsimile")),
            )
            for index, item in enumerate(plan)
        ]
    except (OSError, ValueError, KeyError):
        return None


def _load_facsimile(folder: Path, index: int, meta: dict | None) -> Prepared | None:
    if meta is None:
        return None
    return Prepared(
        kind=meta["kind"],
        source=(folder / f"{index}.source").read_bytes(),
        extension=meta["extension"],
        width=meta["width"],
        height=meta["height"],
        images={size: (folder / f"{index}.{size}").read_bytes() for size in meta["images"]},
        lines=[TextLine.from_list(row) for row in meta["lines"]],
        notes=meta["notes"],
    )


def discard(session, token: str) -> None:
    session[SESSION_KEY] = [t for t in session.get(SESSION_KEY, []) if t != token]
    if token and token in {p.name for p in _folders()}:
        shutil.rmtree(root() / token, ignore_errors=True)


def _folders():
    return [p for p in root().iterdir() if p.is_dir()] if root().is_dir() else []


def _sweep() -> None:
    cutoff = time.time() - MAX_AGE
    for folder in _folders():
        try:
            if folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue
