"""Smaller copies of photos for lists (the front page's lead photos): made on first use and kept
under ``thumbs/`` beside the originals, so the front page sends a few tens of kB a photo instead of
the camera's megabytes.

A thumbnail's name is its original's name under ``thumbs/WIDTH/`` with ``.webp`` added, so the
media view finds the original again and holds a thumbnail back exactly when it holds back the
photo. A thumbnail older than its original (a file replaced under the same name) is made again.
"""
from __future__ import annotations

import io
import logging
import os
import tempfile
from pathlib import Path

from django.core.files.storage import default_storage
from PIL import Image

logger = logging.getLogger(__name__)

FOLDER = "thumbs"
WIDTH = 720  # a lead photo is at most 16rem on a desktop, the full width of a phone (375 px) at twice its pixels
QUALITY = 80


def thumbnail_name(name: str, width: int = WIDTH) -> str:
    return f"{FOLDER}/{width}/{name}.webp"


def original_of(name: str) -> str | None:
    """The photo a thumbnail's name was made from, or None for a name that is no thumbnail."""
    prefix = f"{FOLDER}/{WIDTH}/"
    if name.startswith(prefix) and name.endswith(".webp") and len(name) > len(prefix) + 5:
        return name[len(prefix):-len(".webp")]
    return None


def thumbnail_url(image, width: int = WIDTH) -> str:
    """The URL of the image's thumbnail, made now if missing; the original's URL when the original
    is already no wider, or cannot be read."""
    try:
        original = Path(image.path)
        target = Path(default_storage.path(thumbnail_name(image.name, width)))
        if not (target.exists() and target.stat().st_mtime >= original.stat().st_mtime):
            if not _make(original, target, width):
                return image.url
        return default_storage.url(thumbnail_name(image.name, width))
    except (OSError, ValueError, Image.DecompressionBombError):
        logger.warning("no thumbnail for %s", image.name, exc_info=True)
        return image.url


def _make(original: Path, target: Path, width: int) -> bool:
    with Image.open(original) as picture:
        if picture.width <= width:
            return False
        picture.draft("RGB", (width, round(picture.height * width / picture.width)))  # JPEG: decode at a fraction
        small = picture.convert("RGB")
        small.thumbnail((width, round(small.height * width / small.width) or 1), Image.LANCZOS)
    buffer = io.BytesIO()
    small.save(buffer, "WEBP", quality=QUALITY)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".part", delete=False) as part:
        part.write(buffer.getvalue())
    os.replace(part.name, target)  # two readers making it at once write the same bytes
    return True
