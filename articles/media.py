"""Uploaded media: what may be uploaded, and a clear error when the disk will not take it.

A photo upload that meets a full disk or a folder the server may not write to raises
`MediaStorageError` with a sentence for the editor; the partial file is removed. The admin turns it
into a message and rolls the whole save back (the database in its transaction, and any file the
same save had already written), so nothing is half-saved.
"""

from __future__ import annotations

import contextlib
import contextvars
import errno

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import FileExtensionValidator
from django.db import models
from django.http import HttpResponseRedirect
from PIL import Image

IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "gif", "webp"]
MAX_IMAGE_BYTES = 10 * 1024 * 1024
# A photo in a newspaper is at most a few thousand pixels a side; 40 megapixels (8000 x 5000) is
# more than any camera the desk uses. A PNG of one colour can claim 100 megapixels in 12 KB and
# would cost every reader's browser (and any thumbnailer) hundreds of MB to decode.
MAX_IMAGE_PIXELS = 40_000_000

_REASONS = {
    errno.ENOSPC: "服务器磁盘已满",
    errno.EDQUOT: "服务器磁盘配额已用完",
    errno.EACCES: "服务器没有写入图片目录的权限",
    errno.EPERM: "服务器没有写入图片目录的权限",
    errno.EROFS: "图片目录是只读的",
}


class MediaStorageError(Exception):
    """An upload the storage could not write; the message is for the editor."""


_saved_in_this_request: contextvars.ContextVar[list | None] = contextvars.ContextVar("saved_media", default=None)


class SafeFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        try:
            saved = super()._save(name, content)
        except OSError as error:
            self._remove_partial(name)
            reason = _REASONS.get(error.errno, f"写入失败({error.strerror or error})")
            raise MediaStorageError(f"图片“{name}”未能保存:{reason}") from error
        batch = _saved_in_this_request.get()
        if batch is not None:
            batch.append((self, saved))
        return saved

    def _remove_partial(self, name):
        try:
            if self.exists(name):
                self.delete(name)
        except OSError:
            pass


validate_image_extension = FileExtensionValidator(IMAGE_EXTENSIONS, message="只能上传 JPG、PNG、GIF 或 WebP 图片。")


def validate_image_size(file) -> None:
    if file.size > MAX_IMAGE_BYTES:
        raise ValidationError(f"图片不能大于 {MAX_IMAGE_BYTES // 1024 // 1024} MB(这张有 {file.size / 1024 / 1024:.1f} MB)。")


def validate_image_pixels(file) -> None:
    """Refuse an image whose width x height is over MAX_IMAGE_PIXELS; only its header is read."""
    image = getattr(file, "image", None)  # set by the form field, which has opened it already
    if image is None:
        try:
            file.seek(0)
            with Image.open(file) as opened:
                width, height = opened.size
        except Exception:  # not an image: the form field says so
            return
        finally:
            file.seek(0)
    else:
        width, height = image.size
    if width * height > MAX_IMAGE_PIXELS:
        raise ValidationError(
            f"图片像素太多:这张是 {width}×{height},约 {width * height / 1_000_000:.0f} 百万像素,"
            f"最多 {MAX_IMAGE_PIXELS // 1_000_000} 百万像素。请缩小后再上传。"
        )


class PhotoFormField(forms.ImageField):
    """Django's image field, but an extension outside the four allowed is refused by
    ``validate_image_extension`` alone, which names those four, rather than also by Django's own
    check, which lists every format Pillow can read."""

    default_validators = []


class PhotoImageField(models.ImageField):
    """The photo field: JPG, PNG, GIF or WebP, at most 10 MB and MAX_IMAGE_PIXELS.

    It stores and migrates exactly as ``models.ImageField`` (``deconstruct`` names that class)."""

    default_validators = [validate_image_pixels]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PhotoFormField, **kwargs})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs


@contextlib.contextmanager
def all_or_no_files():
    """Files saved inside the block are deleted again if the block fails with a storage error."""
    batch: list = []
    token = _saved_in_this_request.set(batch)
    try:
        yield
    except MediaStorageError:
        for storage, name in batch:
            storage._remove_partial(name)
        raise
    finally:
        _saved_in_this_request.reset(token)


class MediaErrorsInAdmin:
    """ModelAdmin mixin: a media write failure becomes a message; the save is rolled back.

    The admin's change form runs in a transaction, which the error aborts; the files the same save
    had already written are removed, and the editor is sent back to the form with the reason.
    """

    def changeform_view(self, request, *args, **kwargs):
        try:
            with all_or_no_files():
                return super().changeform_view(request, *args, **kwargs)
        except MediaStorageError as error:
            self.message_user(request, f"{error}。本次修改没有保存,请稍后再试或联系管理员。", messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
