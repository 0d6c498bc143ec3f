"""backup / restore: everything out to one file and back into a fresh database, every id kept.

The database backed up has lived: stories deleted (gaps in the ids, the highest id among them),
a page-upload preview rolled back (on PostgreSQL its ids are spent all the same), photos, and the
desk's history (django-reversion versions, status changes, the admin log), all of which refer to
stories by id. The restore is compared row by row, ids included, and by a reader's bookmarked URL.
"""

import datetime
import io
import json
import tarfile
from io import StringIO
from pathlib import Path

import pytest
import reversion
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from reversion.models import Revision, Version

from articles import services
from articles.models import (
    Article,
    Byline,
    DutyAssignment,
    DutyEditor,
    Edition,
    Page,
    Photo,
    Publication,
    Reporter,
    SearchDocument,
    StatusChange,
)

from .factories import ArticleFactory, BylineFactory, PhotoFactory

pytestmark = pytest.mark.django_db(transaction=True)

SAMPLE = Path(settings.BASE_DIR) / "fixtures" / "sample.json"
PAGE_FILE = Path(__file__).parent / "parser_pages" / "001_national_yaowen.txt"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)
COMPARED = [
    Publication, Edition, Page, Article, StatusChange, Reporter, Byline, DutyEditor, DutyAssignment, Photo,
    User, Group, Revision, Version, LogEntry,
]
DESK_GROUPS = ["管理员", "值班主任", "编辑"]  # what migrate puts in a fresh database, in its own order


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return Path(settings.MEDIA_ROOT)


def everything():
    """Every row a newsroom would miss, ids and references included, as comparable values.

    Content types and permissions are made by each database itself, so references to them are
    compared by what they name."""
    kinds = {pk: (app, model) for pk, app, model in ContentType.objects.values_list("pk", "app_label", "model")}
    state = {}
    for model in COMPARED:
        rows = []
        for row in model.objects.order_by("pk").values():
            if "content_type_id" in row:
                row["content_type_id"] = kinds.get(row["content_type_id"])
            rows.append(row)
        state[model._meta.label] = rows
    state["user groups"] = sorted(User.groups.through.objects.values_list("user_id", "group_id"))
    state["group rights"] = sorted(Group.permissions.through.objects.values_list("group_id", "permission__codename"))
    return state


def sequences():
    """How far each table's ids have got, read straight from the database."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT sequencename, last_value FROM pg_sequences ORDER BY 1")
        else:
            cursor.execute("SELECT name, seq FROM sqlite_sequence ORDER BY 1")
        return cursor.fetchall()


def a_lived_in_newsroom(media):
    """The sample papers after some days' work; returns what the test needs to look at."""
    call_command("loaddata", str(SAMPLE), verbosity=0)
    desk = User.objects.create_superuser("duty", password="s3cret-pass")
    duty_group, _ = Group.objects.get_or_create(name="值班主任")
    duty_group.permissions.add(Permission.objects.get(codename="publish_article"))
    desk.groups.add(duty_group)
    page = Page.objects.filter(edition__status=Edition.Status.PUBLISHED).first()

    spiked = [ArticleFactory(page=page, position=90 + n, title=f"撤下的稿件{n}") for n in range(3)]
    story = ArticleFactory(page=page, position=95, title="秋收稻谷满仓", body="今年全市早稻喜获丰收。")
    BylineFactory(article=story, reporter__name="秋收记者", reporter__publication=page.edition.publication)
    PhotoFactory(article=story, caption="农民在田间收割稻谷。").image.save("harvest.png", ContentFile(PNG))
    newest = ArticleFactory(page=page, position=96, title="最后一篇后来删掉")
    ever_used = {story.pk, newest.pk, *(a.pk for a in spiked)}
    for article in [*spiked, newest]:
        article.delete()  # gaps in the ids, the highest id among them

    # The desk's history of the story: an edit saved through the admin, then the workflow.
    with reversion.create_revision():
        reversion.set_user(desk)
        story.title = "秋收时节稻谷满仓"
        story.save()
    for step in (Article.Transition.SUBMIT, Article.Transition.APPROVE, Article.Transition.PUBLISH):
        services.transition_article(article=story, transition=step, user=desk)
    LogEntry.objects.log_actions(user_id=desk.pk, queryset=[story], action_flag=CHANGE, change_message="改标题")

    # A page upload previewed and not imported: its transaction is rolled back.
    upload = SimpleUploadedFile(PAGE_FILE.name, PAGE_FILE.read_bytes())
    entries = services.plan_page_upload(
        files=[upload], publication=page.edition.publication, date=datetime.date(2023, 2, 20)
    )
    (preview,) = services.import_page_upload(entries=entries, user=desk, dry_run=True)
    assert preview.report.page is not None and not Page.objects.filter(edition__date="2023-02-20").exists()
    story.refresh_from_db()
    return story, ever_used


def as_a_fresh_database(media):
    """What `migrate` leaves: no rows but the desk's groups, with ids of this database's own."""
    call_command("flush", interactive=False, verbosity=0)
    for name in DESK_GROUPS:
        Group.objects.create(name=name)
    for file in media.rglob("*"):
        if file.is_file():
            file.unlink()


def test_a_restore_gives_back_every_row_with_its_id_its_history_and_its_photos(client, tmp_path, media):
    story, ever_used = a_lived_in_newsroom(media)
    url = story.get_absolute_url()
    reporter_url = story.bylines.get().reporter.get_absolute_url()
    assert client.get(url).status_code == 200
    before = everything()
    history = [v.field_dict["title"] for v in Version.objects.get_for_object(story)]
    assert history[-1] == "秋收时节稻谷满仓" and len(history) == 4
    backup = tmp_path / "newsroom.tar.gz"

    out = StringIO()
    call_command("backup", str(backup), stdout=out)
    assert "已备份" in out.getvalue()
    as_a_fresh_database(media)
    assert not Article.objects.exists()

    call_command("restore", str(backup), stdout=StringIO())

    assert everything() == before
    # A reader's bookmarks still work, and the desk's history is the story's.
    page = client.get(url)
    assert page.status_code == 200 and "秋收时节稻谷满仓" in page.content.decode()
    assert client.get(reporter_url).status_code == 200
    restored = Article.objects.get(pk=story.pk)
    assert [v.field_dict["title"] for v in Version.objects.get_for_object(restored)] == history
    assert LogEntry.objects.get(object_id=str(story.pk)).get_edited_object() == restored
    # The search index is there for the restored stories.
    assert SearchDocument.objects.count() == Article.objects.count()
    assert url in client.get("/search/", {"q": "稻谷满仓"}).content.decode()
    # Photos and logins come back.
    photo = Photo.objects.get(article=restored)
    assert Path(photo.image.path).read_bytes() == PNG
    assert client.get(photo.image.url).status_code == 200
    assert User.objects.get(username="duty").check_password("s3cret-pass")

    # New rows get ids of their own: never a restored one's, nor one a deleted story had.
    fresh = ArticleFactory(page=restored.page, position=97, title="恢复之后的新稿件")
    assert fresh.pk not in ever_used and fresh.pk > max(ever_used)


def test_a_broken_backup_leaves_the_database_as_it_was_and_a_good_one_then_restores(tmp_path, media):
    a_lived_in_newsroom(media)
    before = everything()
    good = tmp_path / "good.tar.gz"
    call_command("backup", str(good), stdout=StringIO())
    # The last byline names a story that does not exist: found only after every row was written.
    broken = rewrite_backup(good, tmp_path / "broken.tar.gz", last_byline_article=999_999)
    as_a_fresh_database(media)
    fresh_state, fresh_sequences = everything(), sequences()

    with pytest.raises(CommandError, match="数据库未改动"):
        call_command("restore", str(broken), stdout=StringIO())

    assert everything() == fresh_state
    assert sequences() == fresh_sequences
    assert not [file for file in media.rglob("*") if file.is_file()]  # no photo left behind

    call_command("restore", str(good), stdout=StringIO())
    assert everything() == before


def test_force_replaces_a_database_that_has_content_and_a_broken_backup_changes_nothing(tmp_path, media):
    story, _ = a_lived_in_newsroom(media)
    before = everything()
    backup = tmp_path / "b.tar.gz"
    call_command("backup", str(backup), stdout=StringIO())
    broken = rewrite_backup(backup, tmp_path / "broken.tar.gz", last_byline_article=999_999)
    Article.objects.filter(pk=story.pk).update(title="备份之后改的标题")
    ArticleFactory(page=story.page, position=97, title="备份之后写的稿件")
    changed, changed_sequences = everything(), sequences()

    with pytest.raises(CommandError, match="空数据库"):
        call_command("restore", str(backup), stdout=StringIO())
    with pytest.raises(CommandError, match="数据库未改动"):
        call_command("restore", str(broken), "--force", stdout=StringIO())
    assert everything() == changed and sequences() == changed_sequences

    call_command("restore", str(backup), "--force", stdout=StringIO())
    assert everything() == before


def rewrite_backup(source: Path, target: Path, *, last_byline_article: int) -> Path:
    with tarfile.open(source, "r:gz") as archive:
        members = {m.name: archive.extractfile(m).read() for m in archive.getmembers() if m.isfile()}
    lines = members["data.jsonl"].decode().splitlines()
    last = max(i for i, line in enumerate(lines) if json.loads(line)["model"] == "articles.byline")
    row = json.loads(lines[last])
    row["fields"]["article"] = last_byline_article
    lines[last] = json.dumps(row, ensure_ascii=False)
    assert last < len(lines) - 10  # rows follow it: the restore has written much before failing
    members["data.jsonl"] = "\n".join(lines).encode()
    with tarfile.open(target, "w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return target


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


def test_a_backup_in_the_earlier_format_still_restores(tmp_path, media):
    """Version 1 wrote rows by natural key (and the search index's rows, which a restore rebuilds)."""
    call_command("loaddata", str(SAMPLE), verbosity=0)
    titles = sorted(Article.objects.values_list("title", flat=True))
    data = StringIO()
    call_command(
        "dumpdata", natural_foreign=True, natural_primary=True, stdout=data,
        exclude=["contenttypes", "auth.permission", "sessions", "admin.logentry"],
    )
    assert '"articles.searchdocument"' in data.getvalue()
    old = tmp_path / "old.tar.gz"
    with tarfile.open(old, "w:gz") as archive:
        for name, payload in [("backup.json", b'{"format": "newsroom-backup", "version": 1}'),
                              ("data.json", data.getvalue().encode())]:
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))
    as_a_fresh_database(media)

    call_command("restore", str(old), stdout=StringIO())

    assert sorted(Article.objects.values_list("title", flat=True)) == titles
    assert SearchDocument.objects.count() == len(titles)


def test_a_truncated_backup_is_refused_with_a_reason_and_nothing_is_written(tmp_path, media):
    call_command("loaddata", str(SAMPLE), verbosity=0)
    backup = tmp_path / "b.tar.gz"
    call_command("backup", str(backup), stdout=StringIO())
    data = backup.read_bytes()
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(data[: len(data) // 2])
    as_a_fresh_database(media)

    with pytest.raises(CommandError, match="损坏"):
        call_command("restore", str(cut), stdout=StringIO())
    assert not Article.objects.exists()
