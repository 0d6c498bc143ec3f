"""backup / restore: everything out to one file, back into a fresh database, nothing lost."""

import io
import tarfile
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from articles.models import Article, Byline, DutyAssignment, Edition, Photo, Reporter

pytestmark = pytest.mark.django_db(transaction=True)

SAMPLE = Path(settings.BASE_DIR) / "fixtures" / "sample.json"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return Path(settings.MEDIA_ROOT)


def everything():
    """The stored state a newsroom would miss, as comparable values."""
    return {
        "editions": sorted(Edition.objects.values_list("publication__name", "date", "status", "published_at")),
        "articles": sorted(Article.objects.values_list("title", "body", "status", "version", "import_fingerprint")),
        "bylines": sorted(Byline.objects.values_list("article__title", "reporter__name", "role", "position")),
        "reporters": sorted(Reporter.objects.values_list("name", "publication__name", "kind")),
        "photos": sorted(Photo.objects.values_list("caption", "image", "position")),
        "assignments": sorted(DutyAssignment.objects.values_list("duty_editor__name", "role")),
        "users": sorted(User.objects.values_list("username", "password", "is_staff")),
        "groups": sorted(Group.objects.values_list("name", "user__username")),
    }


def test_backup_then_restore_on_a_fresh_database_gives_everything_back(tmp_path, media):
    call_command("loaddata", str(SAMPLE), verbosity=0)
    editor = User.objects.create_user("duty", password="s3cret-pass", is_staff=True)
    group, _ = Group.objects.get_or_create(name="值班主任")
    editor.groups.add(group)
    photo = Photo.objects.filter(article__isnull=False).first()
    photo.image.save("harvest.png", ContentFile(PNG))
    before = everything()
    backup = tmp_path / "newsroom.tar.gz"

    out = StringIO()
    call_command("backup", str(backup), stdout=out)
    assert "已备份" in out.getvalue()

    call_command("flush", interactive=False, verbosity=0)
    for file in media.rglob("*"):
        if file.is_file():
            file.unlink()
    assert not Article.objects.exists()

    call_command("restore", str(backup), stdout=StringIO())

    assert everything() == before
    restored = Photo.objects.get(caption=photo.caption)
    assert Path(restored.image.path).read_bytes() == PNG
    assert User.objects.get(username="duty").check_password("s3cret-pass")


def test_restore_refuses_a_database_that_already_has_data(tmp_path, media):
    call_command("loaddata", str(SAMPLE), verbosity=0)
    backup = tmp_path / "b.tar.gz"
    call_command("backup", str(backup), stdout=StringIO())

    with pytest.raises(CommandError, match="空数据库"):
        call_command("restore", str(backup), stdout=StringIO())


def test_a_file_that_is_not_a_backup_is_refused_and_nothing_is_written(tmp_path, media):
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"not a tarball")
    with pytest.raises(CommandError, match="bogus.tar.gz"):
        call_command("restore", str(bogus), stdout=StringIO())

    other = tmp_path / "other.tar.gz"
    with tarfile.open(other, "w:gz") as archive:
        info = tarfile.TarInfo("data.json")
        info.size = 2
        archive.addfile(info, io.BytesIO(b"[]"))
    with pytest.raises(CommandError, match="backup.json"):
        call_command("restore", str(other), stdout=StringIO())
    assert not Edition.objects.exists()


def test_a_backup_with_a_broken_row_restores_nothing(tmp_path, media):
    call_command("loaddata", str(SAMPLE), verbosity=0)
    backup = tmp_path / "b.tar.gz"
    call_command("backup", str(backup), stdout=StringIO())
    with tarfile.open(backup, "r:gz") as archive:
        members = {m.name: archive.extractfile(m).read() for m in archive.getmembers() if m.isfile()}
    members["data.json"] = members["data.json"].replace(b'"date": "2022-11-22"', b'"date": "2022-11-99"', 1)
    broken = tmp_path / "broken.tar.gz"
    with tarfile.open(broken, "w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    call_command("flush", interactive=False, verbosity=0)

    with pytest.raises(CommandError, match="数据库未改动"):
        call_command("restore", str(broken), stdout=StringIO())
    assert not Edition.objects.exists() and not Article.objects.exists()
