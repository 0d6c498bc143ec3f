"""Uploading page files in the admin: choose the paper and date, see what the parser read, confirm, see the result."""
import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, DutyEditor, Edition, Page, Publication, Reporter

from .factories import PublicationFactory, UserFactory

pytestmark = pytest.mark.django_db

PAGES = Path(settings.BASE_DIR) / "fixtures" / "pages"
MAONAN = PAGES / "002_1d4c0614ade68ba1.txt"  # 茂南新闻, with a staff box
JIANGMEN = PAGES / "004_535a5cc98f37db43.txt"  # 江门日报, the year named in the text
MAOMING = PAGES / "000_4b0be50fa2f147f9.txt"  # 茂名晚报, no year in the text
UPLOAD = "admin:articles_page_upload"


@pytest.fixture(autouse=True)
def staging(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    return tmp_path / "newsroom-page-uploads"


@pytest.fixture
def chief(client):
    user = UserFactory(group="值班主任")
    client.force_login(user)
    return user


def page_file(path, name=None):
    return SimpleUploadedFile(name or path.name, path.read_bytes(), content_type="text/plain")


def upload(client, *files, **fields):
    return client.post(reverse(UPLOAD), {"files": list(files), **fields})


def confirm(client, preview, **extra):
    return client.post(reverse(UPLOAD), {"token": preview.context["token"], "confirm": "1", **extra}, follow=True)


def stored():
    return (Edition.objects.count(), Page.objects.count(), Article.objects.count(), Reporter.objects.count())


def test_the_preview_shows_what_the_parser_read_and_stores_nothing(client, chief, staging):
    paper = PublicationFactory(name="茂南新闻")
    preview = upload(client, page_file(MAONAN), publication=paper.pk, date="2022-11-07", first_number=2)

    html = preview.content.decode()
    assert "尚未导入" in html
    assert "将新建" in html and "茂南新闻 2022-11-07 第02版" in html
    assert "茂南区领导率队检查督导疫情防控工作" in html
    assert "通讯员 何文萍" in html
    assert "值班主任 余虔虹" in html
    assert "确认导入 1 个文件" in html
    assert stored() == (0, 0, 0, 0)
    assert DutyEditor.objects.count() == 0
    assert any(staging.iterdir())  # the bytes wait on disk for the confirm


def test_confirming_imports_the_files_and_links_to_their_pages(client, chief, staging):
    paper = PublicationFactory(name="茂南新闻")
    preview = upload(client, page_file(MAONAN), publication=paper.pk, date="2022-11-07", first_number=2)
    done = confirm(client, preview)

    page = Page.objects.get()
    assert (page.edition.publication, page.edition.date, page.number) == (paper, datetime.date(2022, 11, 7), 2)
    assert page.source_text == MAONAN.read_text(encoding="utf-8")
    assert page.articles.filter(title="茂南区领导率队检查督导疫情防控工作").exists()
    html = done.content.decode()
    assert "新建 1" in html and "失败 0" in html
    assert reverse("admin:articles_page_change", args=[page.pk]) in html
    assert page.get_absolute_url() in html
    assert not any(staging.iterdir())  # nothing left behind


def test_each_unreadable_file_is_named_with_its_reason_and_the_rest_import(client, chief):
    paper = PublicationFactory(name="江门日报")
    files = [
        page_file(JIANGMEN),
        SimpleUploadedFile("scan.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
        SimpleUploadedFile("blank.txt", b"  \n\n"),
        SimpleUploadedFile("huge.txt", "长".encode() * (2 * 1024 * 1024)),
    ]
    preview = upload(client, *files, publication=paper.pk, date="2022-11-22")

    html = preview.content.decode()
    assert html.count("无法导入") == 3
    assert "不是文本文件" in html
    assert "文件是空的" in html
    assert "文件过大(6.0 MB,上限 5 MB)" in html
    assert "确认导入 1 个文件" in html

    done = confirm(client, preview)
    assert Page.objects.count() == 1
    assert "新建 1" in done.content.decode() and "失败 3" in done.content.decode()


def test_a_manifest_says_what_each_file_is_and_names_the_files_it_misses(client, chief):
    manifest = SimpleUploadedFile(
        "pages.csv",
        "file,publication,date,number,name\n"
        f"{MAONAN.name},茂南新闻,2022-11-07,3,社区\n"
        "missing.txt,茂南新闻,2022-11-07,4,\n".encode(),
    )
    unlisted = page_file(MAOMING, "extra.txt")
    preview = upload(client, page_file(MAONAN), unlisted, manifest=manifest)

    html = preview.content.decode()
    assert "茂南新闻 2022-11-07 第03版" in html
    assert "清单 pages.csv 里没有这个文件" in html
    assert "清单里列了这个文件,但没有上传" in html

    confirm(client, preview)
    page = Page.objects.get()
    assert (page.number, page.name, page.edition.publication.name) == (3, "社区", "茂南新闻")


def test_a_manifest_that_cannot_be_read_is_an_error_on_the_form(client, chief):
    manifest = SimpleUploadedFile("pages.toml", b"[[page]\nfile = ")
    response = upload(client, page_file(MAONAN), manifest=manifest)
    assert "清单格式有误" in response.content.decode()
    assert "token" not in response.context


def test_files_without_page_numbers_take_the_next_free_ones_in_the_preview_as_on_import(client, chief):
    paper = PublicationFactory(name="江门日报")
    first, second = page_file(JIANGMEN, "a.txt"), page_file(MAOMING, "b.txt")
    preview = upload(client, first, second, publication=paper.pk, date="2022-11-22")

    html = preview.content.decode()
    assert "江门日报 2022-11-22 第01版" in html and "江门日报 2022-11-22 第02版" in html
    confirm(client, preview)
    assert list(Page.objects.values_list("source_filename", "number")) == [("a.txt", 1), ("b.txt", 2)]


def test_what_the_importer_guessed_is_shown_and_left_for_an_editor_to_confirm(client, chief):
    preview = upload(client, page_file(JIANGMEN))
    assert "推断:报纸、日期、版次" in preview.content.decode()
    assert Publication.objects.count() == 0

    confirm(client, preview)
    edition = Edition.objects.get()
    assert edition.publication.name == "江门日报"
    assert edition.date_inferred and edition.publication_inferred


def test_uploading_the_same_file_again_changes_nothing(client, chief):
    paper = PublicationFactory(name="江门日报")
    confirm(client, upload(client, page_file(JIANGMEN), publication=paper.pk, date="2022-11-22"))
    before = list(Article.objects.values_list("pk", "version"))

    again = upload(client, page_file(JIANGMEN), publication=paper.pk, date="2022-11-22")
    assert "未变(已导入过)" in again.content.decode()
    done = confirm(client, again)
    assert "未变 1" in done.content.decode()
    assert list(Article.objects.values_list("pk", "version")) == before


def test_a_changed_file_for_a_signed_off_page_says_the_sign_off_goes_and_then_withdraws_it(client, chief):
    paper = PublicationFactory(name="江门日报")
    confirm(client, upload(client, page_file(JIANGMEN), publication=paper.pk, date="2022-11-22", first_number=1))
    Page.objects.update(signed_off_by=DutyEditor.objects.create(publication=paper, name="周主任"),
                        signed_off_at=datetime.datetime(2022, 11, 21, 22, tzinfo=datetime.timezone.utc))
    changed = JIANGMEN.read_text(encoding="utf-8").replace("8.82万公顷", "9.01万公顷").encode()
    upload_changed = SimpleUploadedFile(JIANGMEN.name, changed, content_type="text/plain")

    preview = upload(client, upload_changed, publication=paper.pk, date="2022-11-22", first_number=1)
    assert "周主任 原来的签版将撤销" in preview.content.decode()
    assert Page.objects.get().is_signed_off  # nothing changes before the confirm

    done = confirm(client, preview)
    assert "周主任 原来的签版已撤销" in done.content.decode()
    assert not Page.objects.get().is_signed_off


def test_an_upload_is_imported_once_and_only_from_the_session_that_made_it(client, chief):
    paper = PublicationFactory(name="江门日报")
    preview = upload(client, page_file(JIANGMEN), publication=paper.pk, date="2022-11-22")

    other = client_class_login(UserFactory(group="值班主任"))
    stolen = other.post(reverse(UPLOAD), {"token": preview.context["token"], "confirm": "1"}, follow=True)
    assert "已经导入过或已过期" in stolen.content.decode()
    assert Page.objects.count() == 0

    confirm(client, preview)
    twice = confirm(client, preview)
    assert "已经导入过或已过期" in twice.content.decode()
    assert Page.objects.count() == 1


def test_giving_up_after_the_preview_imports_nothing(client, chief, staging):
    paper = PublicationFactory(name="江门日报")
    preview = upload(client, page_file(JIANGMEN), publication=paper.pk, date="2022-11-22")
    response = client.post(reverse(UPLOAD), {"token": preview.context["token"], "cancel": "1"}, follow=True)
    assert "什么也没有导入" in response.content.decode()
    assert stored() == (0, 0, 0, 0)
    assert not any(staging.iterdir())


def test_the_form_asks_for_at_least_one_file(client, chief):
    response = client.post(reverse(UPLOAD), {})
    assert "请至少选择一个版面文件" in response.content.decode()


def test_the_upload_is_offered_to_those_who_may_import_pages_only(client):
    client.force_login(UserFactory(group="编辑"))
    assert "上传版面文件" not in client.get(reverse("admin:articles_page_changelist")).content.decode()
    assert client.get(reverse(UPLOAD)).status_code == 403
    assert client.post(reverse(UPLOAD), {"files": [page_file(JIANGMEN)]}).status_code == 403
    assert Page.objects.count() == 0

    client.force_login(UserFactory(group="值班主任"))
    for changelist in ("admin:articles_page_changelist", "admin:articles_edition_changelist"):
        assert reverse(UPLOAD) in client.get(reverse(changelist)).content.decode()
    assert client.get(reverse(UPLOAD)).status_code == 200


def test_a_reader_without_a_login_is_sent_to_the_login_page(client):
    response = client.get(reverse(UPLOAD))
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))


def client_class_login(user):
    from django.test import Client

    other = Client()
    other.force_login(user)
    return other


TRADITIONAL = "本報訊 記者李君平 7月14日至15日，省督導組到茂名市檢查安全生產工作，要求各級黨委政府壓實責任。\n"
JAPANESE = "東京都は十四日、新型コロナウイルスの感染者が新たに確認されたと発表した。政府は対策を強化する方針だ。\n"


def test_junk_files_are_named_with_their_reason_and_never_stored(client, chief):
    paper = PublicationFactory(name="江门日报")
    files = [
        SimpleUploadedFile("punct.txt", ("，。！？、；：“”（）\n" * 100).encode()),
        SimpleUploadedFile("markup.txt", b"**\n\n##\n\n**\n\n" * 100),
        SimpleUploadedFile("big5.txt", TRADITIONAL.encode("big5") * 20),
        SimpleUploadedFile("sjis.txt", JAPANESE.encode("shift_jis") * 20),
    ]
    preview = upload(client, *files, publication=paper.pk, date="2022-11-22")

    html = preview.content.decode()
    assert html.count("无法导入") == 4
    assert html.count("只有标点或排版符号") == 2
    assert html.count("可能是繁体 Big5 或日文 Shift-JIS") == 2
    assert stored() == (0, 0, 0, 0)


def test_a_page_that_yields_no_story_shows_the_warning_in_the_preview(client, chief):
    paper = PublicationFactory(name="江门日报")
    oneline = ("新闻热线:12345678 投稿邮箱:news@example.com " + "市民在广场参加活动，现场气氛热烈。" * 3000).encode()

    preview = upload(client, SimpleUploadedFile("oneline.txt", oneline), publication=paper.pk, date="2022-11-22")

    assert "这一版没有识别出任何稿件" in preview.content.decode()
    good = upload(client, page_file(JIANGMEN), publication=paper.pk, date="2022-11-22")
    assert "没有识别出任何稿件" not in good.content.decode()


def test_control_characters_in_an_upload_are_cleaned_before_anything_is_stored(client, chief):
    paper = PublicationFactory(name="江门日报")
    data = "# 全市开展安全生产\x0b大检查\n\n本报讯 记者 林晓\x00 近日，全市开展\x1b大检查。\x0c共排查企业\x85三百余家。\n"

    preview = upload(client, SimpleUploadedFile("word.txt", data.encode()), publication=paper.pk, date="2022-11-22")
    confirm(client, preview)

    page = Page.objects.get()
    texts = [page.source_text] + [t for a in Article.objects.all() for t in (a.title, a.body)]
    assert not any(c in t for t in texts for c in "\x0b\x0c\x00\x1b\x85")
    assert "全市开展安全生产" in Article.objects.values_list("title", flat=True)
