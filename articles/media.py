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

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import FileExtensionValidator
from django.http import HttpResponseRedirect

IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "gif", "webp"]
MAX_IMAGE_BYTES = 10 * 1024 * 1024

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
