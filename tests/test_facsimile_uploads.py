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
from .pdfs import STORIES, TYPESET, page_pdf, typeset_page_pdf, typeset_text

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
    water = first.articles.get(title=STORIES["water"]["title"])
    assert water.dateline == "本报讯"
    # "通讯员水务宣" ends its line with a space: a byline, not the body's first words
    assert stored_stories(first)[0]["credits"] == [("reporter", "李明"), ("correspondent", "水务宣")]
    assert water.body.startswith("记者昨日从市水务集团获悉")
    for page in (first, second):
        assert page.facsimile.kind == "pdf"
        assert StoryZone.objects.filter(page=page, source="matched").count() == 3
    assert len(stored_files(media_root)) == 6  # each page's PDF and its two images


def stored_stories(page):
    return [
        {
            "headline": (article.kicker, article.title, article.subtitle),
            "dateline": article.dateline,
            "credits": [(byline.role, byline.reporter.name) for byline in article.bylines.order_by("position")],
            "photos": [(photo.caption, photo.credit.name if photo.credit else photo.credit_text) for photo in article.photos.all()],
            "body": article.body,
        }
        for article in page.articles.order_by("position")
    ]


def test_a_typeset_pdf_page_reads_into_the_same_stories_as_its_text_file(client, paper):
    """Credit lines printed alone, a subhead, a caption with its credit set apart, justified and
    indented paragraphs running from one column into the next: the PDF's page reads as the text file
    the typesetting system exports beside it."""
    preview = upload(client, paper, pdf_file("A02.pdf", typeset_page_pdf()))
    html = preview.content.decode()
    assert "确认导入 1 个文件" in html
    assert '<span class="desk-credit">通讯员 林文轩</span>' in html  # the lone credit line under the last paragraph
    assert '<span class="desk-credit">通讯员 园林宣</span>' in html  # the credit line under the headline
    confirm(client, preview)
    from_text = client.post(
        reverse(UPLOAD),
        {"files": [SimpleUploadedFile("A02.txt", typeset_text().encode())], "publication": paper.pk, "date": "2026-11-30", "first_number": 2},
    )
    confirm(client, from_text)

    pdf_page, text_page = Page.objects.order_by("edition__date")
    assert pdf_page.source_filename == "A02.pdf" and text_page.source_filename == "A02.txt"
    read = stored_stories(pdf_page)
    assert read == stored_stories(text_page)
    assert [story["headline"][1] for story in read] == [story["title"] for story in TYPESET]
    park, library = read
    assert park["credits"] == [("reporter", "周敏"), ("correspondent", "园林宣")]
    assert park["photos"] == [("游客在栈道上观鸟。", "周敏")]
    assert "## 栈道串起十二个湖塘" in park["body"].splitlines()  # the subhead, not a paragraph
    assert "开园首日入园游客超过两万人次" in park["body"]  # a paragraph run on from one column into the next
    assert library["dateline"] == "本报讯"
    assert library["credits"] == [("correspondent", "林文轩")]
    assert "林文轩" not in library["body"] and " " not in library["body"]


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


def file_sections(html):
    """Each uploaded file's section of the preview, by its file name."""
    sections = html.split('<section class="module desk-file')[1:]
    return {section.split("<h2>", 1)[1].split(" ", 1)[0]: section.split("</section>", 1)[0] for section in sections}


def test_the_preview_shows_each_pdfs_notes_beside_it_before_anything_is_stored(client, paper, media_root):
    text = "\n\n".join(f"# {s['title']}\n\n{s['body']}" for s in OTHER.values())
    preview = upload(
        client, paper,
        pdf_file("A01.pdf", page_pdf(pages=3).data),  # a proof sheet of three pages: only the first is used
        pdf_file("A02.pdf", page_pdf(OTHER).data),
        SimpleUploadedFile("A03.txt", text.encode()),
        pdf_file("A03.pdf", page_pdf(text=False).data),  # a scan beside its text file: no zones found by text
    )

    sections = file_sections(preview.content.decode())
    assert "尚未导入" in preview.content.decode()
    assert "版面图 A01.pdf 的提示" in sections["A01.pdf"]
    assert "PDF 共有 3 页,只用了第 1 页。" in sections["A01.pdf"]
    assert "版面图 A03.pdf 的提示" in sections["A03.txt"]
    assert "PDF 没有文字层,热区无法自动找出" in sections["A03.txt"]
    assert "的提示" not in sections["A02.pdf"]  # a clean PDF has no notes
    assert "只用了第 1 页" not in sections["A03.txt"] and "没有文字层" not in sections["A01.pdf"]
    assert not Page.objects.exists() and stored_files(media_root) == []


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
