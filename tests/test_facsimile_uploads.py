"""A day's page PDFs uploaded in the desk: stories read from each PDF's text layer through the same
importer and parser (preview first), the PDF attached as the printed page and the zones found; a PDF
without a text layer attached beside the text file of the same page; broken files named in Chinese
and nothing of them stored."""
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles import facsimile
from articles.models import Article, Page, PageFacsimile, StoryZone

from .factories import PublicationFactory, UserFactory
from .pdfs import STORIES, page_pdf

pytestmark = pytest.mark.django_db

UPLOAD = "admin:articles_page_upload"
OTHER = {
    "bridge": {
        "title": "江上第二座大桥合龙",
        "body": "本报讯 记者王芳 昨日上午,横跨江面的第二座大桥顺利合龙,预计明年春节前通车,两岸往来将缩短到十分钟。"
        "大桥全长一千二百米,双向六车道,两侧设有步行道和自行车道,方便市民过江。",
    },
    "park": {
        "title": "湿地公园开放首日游人如织",
        "body": "本报讯 记者周敏 通讯员园林宣 湿地公园昨日正式对外开放,市民带着孩子前来观鸟、散步,"
        "园内栈道串起大小十二个湖塘,种植水生植物六十余种。",
    },
    "library": {
        "title": "社区图书馆延长开放时间",
        "body": "本报讯 记者林涛 从本月起,全市四十家社区图书馆每晚开放到九点,周末全天开放,"
        "方便上班族和学生借书读书,馆内还增设了自习座位和充电设施。",
    },
}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "staging")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def paper(client):
    client.force_login(UserFactory(group="值班主任"))
    return PublicationFactory(name="茂名晚报")


def stored_files(root: Path):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def pdf_file(name, data):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def upload(client, paper, *files):
    return client.post(reverse(UPLOAD), {"files": list(files), "publication": paper.pk, "date": "2026-11-29", "first_number": 1})


def confirm(client, preview):
    return client.post(reverse(UPLOAD), {"token": preview.context["token"], "confirm": "1"}, follow=True)


def test_a_days_pdfs_are_read_previewed_then_imported_with_their_printed_pages_and_zones(client, paper, media_root):
    preview = upload(client, paper, pdf_file("A01.pdf", page_pdf().data), pdf_file("A02.pdf", page_pdf(OTHER).data))

    html = preview.content.decode()
    assert "尚未导入" in html and "确认导入 2 个文件" in html
    for story in [*STORIES.values(), *OTHER.values()]:
        assert story["title"] in html
    assert html.count("将附到本版,按文字找到 3 篇稿件的热区") == 2
    assert not Page.objects.exists() and not PageFacsimile.objects.exists()
    assert stored_files(media_root) == []

    done = confirm(client, preview)

    assert "新建 2" in done.content.decode() and "失败 0" in done.content.decode()
    first, second = Page.objects.order_by("number")
    assert [a.title for a in first.articles.order_by("position")] == [s["title"] for s in STORIES.values()]
    assert [a.title for a in second.articles.order_by("position")] == [s["title"] for s in OTHER.values()]
    assert first.articles.get(title=STORIES["water"]["title"]).dateline == "本报讯"
    for page in (first, second):
        assert page.facsimile.kind == "pdf"
        assert StoryZone.objects.filter(page=page, source="matched").count() == 3
    assert len(stored_files(media_root)) == 6  # each page's PDF and its two images


def test_a_pdf_without_text_beside_its_text_file_is_attached_as_the_printed_page(client, paper):
    text = "\n\n".join(f"# {s['title']}\n\n{s['body']}" for s in STORIES.values())
    preview = upload(
        client, paper, SimpleUploadedFile("A01.txt", text.encode()), pdf_file("A01.pdf", page_pdf(text=False).data)
    )
    assert "版面图 A01.pdf 将附到本版,按文字找到 0 篇稿件的热区(其余可在版面页手工划定)" in preview.content.decode()

    confirm(client, preview)

    page = Page.objects.get()
    assert page.source_filename == "A01.txt"
    assert page.articles.count() == 3
    assert page.facsimile.kind == "pdf" and page.facsimile.text_lines == []
    assert not page.zones.exists()  # no text to match: the editor draws them


def test_a_pdf_without_text_alone_asks_for_its_text_file(client, paper, media_root):
    preview = upload(client, paper, pdf_file("A03.pdf", page_pdf(text=False).data))

    html = preview.content.decode()
    assert "这个 PDF 没有文字层" in html and "A03.txt" in html
    assert 'name="confirm"' not in html  # nothing to import
    assert stored_files(media_root) == []


def test_broken_pdfs_are_named_with_their_reason_and_nothing_of_them_is_stored(client, paper, media_root, monkeypatch):
    good = page_pdf().data
    monkeypatch.setattr(facsimile, "MAX_UPLOAD_BYTES", 3 * len(good))
    text = "\n\n".join(f"# {s['title']}\n\n{s['body']}" for s in OTHER.values())
    files = [
        pdf_file("A01.pdf", good),
        pdf_file("A02.pdf", good[: len(good) // 3]),
        pdf_file("A03.pdf", page_pdf(encrypt="secret").data),
        pdf_file("A04.pdf", good + b"\n%" + b"x" * (3 * len(good))),
        SimpleUploadedFile("A05.txt", text.encode()),  # its page's PDF is broken: neither is imported
        pdf_file("A05.pdf", b"%PDF-1.7\n" + b"\x00broken" * 40),
    ]
    preview = upload(client, paper, *files)

    html = preview.content.decode()
    assert html.count("无法导入") == 4
    assert "这个 PDF 打不开" in html
    assert "设了密码或加密保护" in html
    assert "文件太大" in html
    assert "版面图 A05.pdf:这个 PDF 打不开" in html
    assert "确认导入 1 个文件" in html

    done = confirm(client, preview)

    assert "新建 1" in done.content.decode() and "失败 4" in done.content.decode()
    page = Page.objects.get()
    assert page.source_filename == "A01.pdf"
    assert not Article.objects.filter(title=OTHER["bridge"]["title"]).exists()
    scan = page.facsimile
    assert stored_files(media_root) == sorted([scan.source.name, scan.image_large.name, scan.image_small.name])


def test_uploading_the_same_pdf_again_changes_nothing_and_stores_no_second_copy(client, paper, media_root):
    data = page_pdf().data
    confirm(client, upload(client, paper, pdf_file("A01.pdf", data)))
    before = stored_files(media_root)

    done = confirm(client, upload(client, paper, pdf_file("A01.pdf", data)))

    assert "未变 1" in done.content.decode()
    assert stored_files(media_root) == before
    assert StoryZone.objects.count() == 3


def test_the_form_says_pdfs_are_taken_and_how_much_one_upload_may_carry(client, paper, settings):
    settings.REQUEST_MAX_BYTES = 200 * 1024 * 1024
    html = client.get(reverse(UPLOAD)).content.decode()
    assert "版面文件(.txt)或 PDF" in html and ".pdf,application/pdf" in html
    assert "合计最多 200 MB" in html
