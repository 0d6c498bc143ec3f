"""Photo uploads in the admin: allowed types and sizes, and a disk that will not take the file.

A full disk or a media folder the server may not write to cannot be staged for real in a test
run as root, so the storage's own write is replaced by one that writes part of the file and then
fails with the operating system's error, as a full disk does.
"""
import errno
import io
import os
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from articles.models import Article, Edition, Photo

from .admin_forms import change_form_data
from .factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def editor():
    client = Client()
    client.force_login(UserFactory(group="编辑", username="wang"))
    return client


def png(name="photo.png", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def add_photos(client, article, *uploads, **changes):
    """Post the article's change form with one new photo row per upload, plus any field edits."""
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(client.get(url), **changes)
    first = int(data["photos-TOTAL_FORMS"])
    for offset, upload in enumerate(uploads):
        row = f"photos-{first + offset}"
        data.update({f"{row}-position": str(first + offset + 1), f"{row}-caption": "图片说明", f"{row}-image": upload})
    data["photos-TOTAL_FORMS"] = str(first + len(uploads))
    return client.post(url, data, follow=True)


def stored_files(root: Path):
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def failing_writes(monkeypatch, error_number, *, fail_on=1):
    """Make the `fail_on`-th file write stop half-way with `error_number`, as a full disk does."""
    real_save = FileSystemStorage._save
    calls = []

    def save(storage, name, content):
        calls.append(name)
        if len(calls) < fail_on:
            return real_save(storage, name, content)
        path = Path(storage.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.read()[:10])
        raise OSError(error_number, os.strerror(error_number), str(path))

    monkeypatch.setattr(FileSystemStorage, "_save", save)


def test_a_photo_uploaded_with_an_article_is_stored_and_linked(media_root, editor):
    article = ArticleFactory()
    response = add_photos(editor, article, png())
    assert response.status_code == 200
    photo = Photo.objects.get(article=article)
    assert photo.image.name.startswith("photos/") and photo.image.name.endswith(".png")
    assert stored_files(media_root) == [Path(photo.image.name)]


def test_a_full_disk_tells_the_editor_and_saves_neither_the_photo_nor_the_other_edits(media_root, editor, monkeypatch):
    article = ArticleFactory(title="原来的标题")
    failing_writes(monkeypatch, errno.ENOSPC)

    response = add_photos(editor, article, png(), title="改过的标题")

    assert "服务器磁盘已满" in response.content.decode()
    assert "本次修改没有保存" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "原来的标题"
    assert not Photo.objects.exists()
    assert stored_files(media_root) == []  # the half-written file is gone


def test_a_permission_error_on_the_second_photo_removes_the_first_one_too(media_root, editor, monkeypatch):
    article = ArticleFactory()
    failing_writes(monkeypatch, errno.EACCES, fail_on=2)

    response = add_photos(editor, article, png("one.png"), png("two.png"))

    assert "服务器没有写入图片目录的权限" in response.content.decode()
    assert not Photo.objects.exists()
    assert stored_files(media_root) == []


def test_after_the_disk_has_room_again_the_same_upload_succeeds(media_root, editor, monkeypatch):
    article = ArticleFactory()
    failing_writes(monkeypatch, errno.ENOSPC)
    add_photos(editor, article, png())
    monkeypatch.undo()

    add_photos(editor, article, png())

    assert Photo.objects.filter(article=article).count() == 1
    assert len(stored_files(media_root)) == 1


def test_a_file_that_is_not_a_photo_is_refused_with_the_reason(media_root, editor):
    article = ArticleFactory()
    script = SimpleUploadedFile("photo.svg", b"<svg onload='alert(1)'/>", content_type="image/svg+xml")

    response = add_photos(editor, article, script)

    assert "图片" in response.context["inline_admin_formsets"][1].formset.errors[0]["image"][0]
    assert not Photo.objects.exists()
    assert stored_files(media_root) == []


def test_a_real_image_with_a_disallowed_extension_is_refused(media_root, editor):
    article = ArticleFactory()
    response = add_photos(editor, article, png("photo.bmp"))
    assert "只能上传 JPG、PNG、GIF 或 WebP 图片" in response.content.decode()
    assert not Photo.objects.exists()


def test_a_photo_over_ten_megabytes_is_refused_with_its_size(media_root, editor):
    article = ArticleFactory()
    noise = Image.frombytes("RGB", (2000, 2000), os.urandom(2000 * 2000 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, "PNG", compress_level=0)
    assert buffer.tell() > 10 * 1024 * 1024

    response = add_photos(editor, article, SimpleUploadedFile("big.png", buffer.getvalue(), content_type="image/png"))

    assert "图片不能大于 10 MB" in response.content.decode()
    assert not Photo.objects.exists()
    assert stored_files(media_root) == []


def test_a_request_body_over_the_limit_is_refused_before_it_is_read(settings, editor):
    settings.REQUEST_MAX_BYTES = 1024 * 1024
    article = ArticleFactory(title="原来的标题")
    big = SimpleUploadedFile("big.png", b"\0" * (2 * 1024 * 1024), content_type="image/png")

    response = add_photos(editor, article, big, title="改过的标题")

    assert response.status_code == 413
    assert "上传内容太大" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "原来的标题"
    assert Article.objects.count() == 1


def publish(article):
    Edition.objects.filter(pk=article.page.edition_id).update(status=Edition.Status.PUBLISHED)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)


def test_an_uploaded_photo_is_served_to_readers_unless_a_proxy_serves_media(media_root, editor, settings):
    article = ArticleFactory()
    add_photos(editor, article, png())
    publish(article)
    url = Photo.objects.get().image.url

    response = Client().get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    (media_root.parent / "secret.txt").write_text("not for readers")
    outside = Client().get("/media/%2e%2e/secret.txt")
    assert outside.status_code in (400, 404) and b"not for readers" not in outside.content

    settings.SERVE_MEDIA = False
    assert Client().get(url).status_code == 404


def test_a_held_back_storys_photo_is_not_served_to_readers(media_root, editor):
    article = ArticleFactory(status=Article.Status.DRAFT)
    add_photos(editor, article, png())
    url = Photo.objects.get().image.url

    assert Client().get(url).status_code == 404
    assert editor.get(url).status_code == 200  # staff checking the draft see it

    publish(article)
    assert Client().get(url).status_code == 200
    Article.objects.filter(pk=article.pk).update(status=Article.Status.SPIKED)
    assert Client().get(url).status_code == 404


def solid_png(name, width, height):
    """A one-colour PNG: a few KB on disk however many pixels it claims."""
    buffer = io.BytesIO()
    Image.new("1", (width, height), 1).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_a_photo_of_too_many_pixels_is_refused_naming_its_size(media_root, editor):
    article = ArticleFactory()
    bomb = solid_png("bomb.png", 10_000, 10_000)
    assert bomb.size < 100 * 1024  # small in bytes: the byte limit alone lets it through

    response = add_photos(editor, article, bomb)

    html = response.content.decode()
    assert "图片像素太多:这张是 10000×10000,约 100 百万像素,最多 40 百万像素" in html
    assert not Photo.objects.exists()
    assert stored_files(media_root) == []


def test_a_large_photo_under_the_pixel_limit_is_accepted(media_root, editor):
    article = ArticleFactory()
    response = add_photos(editor, article, solid_png("wide.png", 8000, 5000))
    assert response.status_code == 200
    assert Photo.objects.filter(article=article).count() == 1


def test_a_disallowed_extension_is_refused_naming_only_the_four_allowed(media_root, editor):
    article = ArticleFactory()
    response = add_photos(editor, article, png("photo.tiff"))
    errors = response.context["inline_admin_formsets"][1].formset.errors[0]["image"]
    assert errors == ["只能上传 JPG、PNG、GIF 或 WebP 图片。"]
    assert "bmp" not in response.content.decode().lower()
