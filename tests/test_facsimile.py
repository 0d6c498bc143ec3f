"""The printed page: uploads checked and rendered, zones found from the PDF's text, zones shown to
readers only for published stories, page images and PDFs held back with their edition."""
import datetime
import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from articles import facsimile, facsimile_services
from articles.importing import PageImporter, PageTarget
from articles.models import Article, PageFacsimile, StoryZone
from articles.pagefiles import page_file_from_bytes

from .admin_forms import change_form_data
from .factories import ArticleFactory, EditionFactory, PageFactory, UserFactory
from .pdfs import STORIES, drawing_bomb_pdf, many_pages_pdf, page_pdf, picture_bomb_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def printed():
    return page_pdf()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return Path(settings.MEDIA_ROOT)


def stored_files(root: Path):
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def page_with_stories(*, published=True, held_back=()):
    edition = EditionFactory(published=published)
    page = PageFactory(edition=edition, number=1)
    articles = {}
    for position, (key, story) in enumerate(STORIES.items(), start=1):
        articles[key] = ArticleFactory(
            page=page, position=position, title=story["title"], body=story["body"],
            published=key not in held_back,
        )
    return page, articles


# --- Reading and matching ---------------------------------------------------------------------


def test_each_storys_zone_covers_every_line_printed_for_it_and_no_line_of_another(printed):
    prepared = facsimile.prepare(printed.data, "a01.pdf")
    zones = facsimile.find_zones(prepared.lines, {key: s["title"] + "\n" + s["body"] for key, s in STORIES.items()})

    assert set(zones) == set(STORIES)
    for key, zone in zones.items():
        drawn = [facsimile.Box(*line) for line in printed.lines[key]]
        assert all(zone.contains(line, tolerance=0.002) for line in drawn), key
        for other, lines in printed.lines.items():
            if other != key:
                assert not any(zone.contains(facsimile.Box(*line)) for line in lines), (key, other)


def test_a_story_that_runs_on_in_the_next_column_gets_one_zone_over_both(printed):
    prepared = facsimile.prepare(printed.data, "a01.pdf")
    zones = facsimile.find_zones(prepared.lines, {"market": STORIES["market"]["title"] + STORIES["market"]["body"]})
    columns = {round(line[0], 2) for line in printed.lines["market"][1:]}
    assert len(columns) == 2  # the test page does run it over two columns
    assert zones["market"].contains(facsimile.Box(*printed.lines["market"][-1]), tolerance=0.002)


def test_a_story_not_on_the_page_gets_no_zone(printed):
    prepared = facsimile.prepare(printed.data, "a01.pdf")
    zones = facsimile.find_zones(prepared.lines, {"other": "台风过境全市停课一天,市民注意防范强降雨和雷暴大风天气。"})
    assert zones == {}


def test_the_page_is_rendered_in_two_widths():
    prepared = facsimile.prepare(page_pdf().data)
    sizes = {name: Image.open(io.BytesIO(data)).size for name, data in prepared.images.items()}
    assert sizes == {"large": (2000, 3000), "small": (1000, 1500)}
    assert (prepared.width, prepared.height) == (800, 1200)


@pytest.mark.parametrize(
    "data, message",
    [
        (page_pdf().data[:1500], "打不开"),
        (b"%PDF-1.4\n" + b"\x00garbage" * 50, "打不开"),
        (b"", "空的"),
        (b"PK\x03\x04 a zip file", "内容不是 PDF"),
    ],
    ids=["truncated", "junk", "empty", "zip named pdf"],
)
def test_a_broken_file_is_refused_with_the_reason_in_chinese(data, message):
    with pytest.raises(facsimile.FacsimileError, match=message):
        facsimile.prepare(data, "a01.pdf")


def test_a_file_neither_pdf_nor_picture_is_refused_naming_what_may_be_uploaded():
    with pytest.raises(facsimile.FacsimileError, match="只能是 PDF、JPG 或 PNG"):
        facsimile.prepare(b"PK\x03\x04 a zip file", "a01.zip")


def test_an_encrypted_pdf_is_refused_with_the_reason():
    with pytest.raises(facsimile.FacsimileError, match="密码|加密"):
        facsimile.prepare(page_pdf(encrypt="secret").data)


def test_a_page_of_absurd_size_is_refused():
    with pytest.raises(facsimile.FacsimileError, match="页面尺寸异常"):
        facsimile.prepare(page_pdf(size=(14000, 14000), text=False).data)


def test_a_file_over_the_size_cap_is_refused_before_it_is_read(monkeypatch):
    monkeypatch.setattr(facsimile, "MAX_UPLOAD_BYTES", 1000)
    with pytest.raises(facsimile.FacsimileError, match="文件太大"):
        facsimile.prepare(page_pdf().data)


def test_a_pdf_of_thousands_of_pages_is_refused_before_any_is_read():
    with pytest.raises(facsimile.FacsimileError, match="有 3000 页;版面文件应是一版一个 PDF"):
        facsimile.prepare(many_pages_pdf(3000))


def test_a_picture_declaring_billions_of_pixels_is_refused_before_it_is_decoded():
    bomb = picture_bomb_pdf(16000)
    assert len(bomb) < 2 * 1024 * 1024  # a small file …
    with pytest.raises(facsimile.FacsimileError, match="图片像素过多.*16000×16000"):  # … asking for 256 million pixels
        facsimile.prepare(bomb)


def test_a_pdf_that_needs_more_memory_than_allowed_is_refused(monkeypatch):
    monkeypatch.setattr(facsimile, "SANDBOX_MEMORY_MB", 400)  # the drawing needs gigabytes
    with pytest.raises(facsimile.FacsimileError, match="超出了内存或时间上限"):
        facsimile.prepare(drawing_bomb_pdf())


def test_a_pdf_that_takes_longer_than_allowed_is_refused(monkeypatch):
    monkeypatch.setattr(facsimile, "SANDBOX_SECONDS", 1)  # a million lines take PDFium minutes
    with pytest.raises(facsimile.FacsimileError, match="在 1 秒内没能处理完"):
        facsimile.prepare(drawing_bomb_pdf())


def test_of_a_pdf_with_several_pages_the_first_is_kept_and_the_editor_told():
    prepared = facsimile.prepare(page_pdf(pages=3).data)
    assert "共有 3 页,只用了第 1 页" in prepared.notes[0]
    assert len(pdfium.PdfDocument(prepared.source)) == 1
    assert prepared.lines  # the first page's text is read


# --- The desk ------------------------------------------------------------------------------------


@pytest.fixture
def duty_editor():
    client = Client()
    client.force_login(UserFactory(group="值班主任", username="zhuren"))
    return client


def upload_page_file(client, page, upload, **changes):
    url = reverse("admin:articles_page_change", args=[page.pk])
    data = change_form_data(client.get(url), **changes)
    data["facsimile-0-upload"] = upload
    return client.post(url, data, follow=True)


def test_a_duty_editor_uploads_the_page_pdf_and_every_story_gets_its_zone(media_root, duty_editor, printed):
    page, articles = page_with_stories(published=False)

    response = upload_page_file(duty_editor, page, SimpleUploadedFile("A01.pdf", printed.data))

    assert response.status_code == 200
    scan = PageFacsimile.objects.get(page=page)
    assert scan.kind == "pdf"
    zones = {zone.article_id: zone for zone in StoryZone.objects.filter(page=page)}
    assert set(zones) == {article.pk for article in articles.values()}
    assert all(zone.source == "matched" for zone in zones.values())
    assert {str(p) for p in stored_files(media_root)} == {scan.source.name, scan.image_large.name, scan.image_small.name}


def test_a_corrupt_pdf_in_the_desk_is_refused_in_chinese_and_leaves_no_file(media_root, duty_editor, printed):
    page, _articles = page_with_stories(published=False)

    response = upload_page_file(duty_editor, page, SimpleUploadedFile("A01.pdf", printed.data[:2000]))

    assert "这个 PDF 打不开" in response.content.decode()
    assert not PageFacsimile.objects.exists()
    assert stored_files(media_root) == []


def test_a_new_upload_replaces_the_old_files_and_keeps_a_zone_the_editor_drew(
    media_root, duty_editor, printed, django_capture_on_commit_callbacks
):
    page, articles = page_with_stories(published=False)
    upload_page_file(duty_editor, page, SimpleUploadedFile("A01.pdf", printed.data))
    first = PageFacsimile.objects.get(page=page)
    old_names = {first.image_large.name, first.image_small.name}
    water = StoryZone.objects.get(article=articles["water"])
    url = reverse("admin:articles_page_change", args=[page.pk])
    row = next(i for i, z in enumerate(StoryZone.objects.filter(page=page)) if z.pk == water.pk)
    duty_editor.post(url, change_form_data(duty_editor.get(url), **{f"zones-{row}-x": "0.5", f"zones-{row}-w": "0.4"}))
    water.refresh_from_db()
    assert (water.x, water.w, water.source) == (0.5, 0.4, "drawn")

    other = page_pdf(pages=2)  # different bytes, same stories
    with django_capture_on_commit_callbacks(execute=True):
        upload_page_file(duty_editor, page, SimpleUploadedFile("A01-v2.pdf", other.data))

    scan = PageFacsimile.objects.get(page=page)
    assert old_names.isdisjoint({scan.image_large.name, scan.image_small.name})
    assert not any(str(p) in old_names for p in stored_files(media_root))
    water.refresh_from_db()
    assert (water.x, water.source) == (0.5, "drawn")
    assert StoryZone.objects.filter(page=page, source="matched").count() == 2


def test_a_zone_outside_the_page_is_refused_in_chinese(media_root, duty_editor, printed):
    page, articles = page_with_stories(published=False)
    upload_page_file(duty_editor, page, SimpleUploadedFile("A01.pdf", printed.data))
    url = reverse("admin:articles_page_change", args=[page.pk])

    response = duty_editor.post(url, change_form_data(duty_editor.get(url), **{"zones-0-x": "0.9", "zones-0-w": "0.5"}))

    assert "热区超出了版面右边" in response.content.decode()


def test_an_editor_sees_the_page_form_but_cannot_upload(media_root, printed):
    page, _articles = page_with_stories(published=False)
    client = Client()
    client.force_login(UserFactory(group="编辑", username="bianji"))
    url = reverse("admin:articles_page_change", args=[page.pk])
    assert client.get(url).status_code == 200
    data = change_form_data(client.get(url))
    data["facsimile-0-upload"] = SimpleUploadedFile("A01.pdf", printed.data)
    client.post(url, data)
    assert not PageFacsimile.objects.exists()


def test_an_image_can_stand_as_the_page_and_zones_are_set_by_hand(media_root, duty_editor):
    page, articles = page_with_stories(published=False)
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 1800), "white").save(buffer, "PNG")

    upload_page_file(duty_editor, page, SimpleUploadedFile("A01.png", buffer.getvalue()))

    scan = PageFacsimile.objects.get(page=page)
    assert (scan.kind, scan.width, scan.height) == ("image", 1200, 1800)
    assert not StoryZone.objects.filter(page=page).exists()
    assert Image.open(scan.image_small.path).size == (1000, 1500)


# --- Readers ------------------------------------------------------------------------------------


def attach(page, data):
    return facsimile_services.attach(page=page, prepared=facsimile.prepare(data))


def test_readers_see_the_page_image_with_one_linked_zone_per_published_story(media_root, client, printed):
    page, articles = page_with_stories(held_back=("school",))
    scan = attach(page, printed.data)

    html = client.get(page.get_absolute_url()).content.decode()

    assert scan.image_small.url in html
    assert f'href="{articles["water"].get_absolute_url()}" aria-label="{articles["water"].headline}"' in html
    assert f'href="{articles["market"].get_absolute_url()}"' in html
    assert articles["school"].get_absolute_url() not in html
    assert STORIES["school"]["title"] not in html
    assert "本版 PDF" in html and "全期 PDF" in html


def test_page_images_of_an_unpublished_edition_are_not_served_to_readers(media_root, client, printed):
    page, _articles = page_with_stories(published=False)
    scan = attach(page, printed.data)
    url = "/" + scan.image_large.url.lstrip("/")

    assert client.get(url).status_code == 404
    assert client.get(reverse("articles:page_pdf", args=[page.edition.publication.slug, page.edition.date, 1])).status_code == 404
    assert client.get(reverse("articles:edition_pdf", args=[page.edition.publication.slug, page.edition.date])).status_code == 404
    staff = Client()
    staff.force_login(UserFactory(group="编辑", username="kan"))
    seen = staff.get(url)
    assert seen.status_code == 200 and "no-store" in seen["Cache-Control"]


def test_published_page_images_are_served_for_a_year(media_root, client, printed):
    page, _articles = page_with_stories()
    scan = attach(page, printed.data)

    response = client.get("/" + scan.image_small.url.lstrip("/"))

    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert b"".join(response.streaming_content) == Path(scan.image_small.path).read_bytes()
    # the uploaded PDF itself comes only through the download, named for the reader
    assert client.get("/" + scan.source.url.lstrip("/")).status_code == 404


def test_readers_download_the_page_pdf_and_the_whole_edition_as_one_pdf(media_root, client, printed):
    page, _articles = page_with_stories()
    attach(page, printed.data)
    second = PageFactory(edition=page.edition, number=2, name="综合")
    attach(second, page_pdf(pages=1).data)
    PageFactory(edition=page.edition, number=3, name="副刊")  # no file: left out
    slug, date = page.edition.publication.slug, page.edition.date

    single = client.get(reverse("articles:page_pdf", args=[slug, date, 1]))
    whole = client.get(reverse("articles:edition_pdf", args=[slug, date]))

    assert single.status_code == 200 and single["Content-Type"] == "application/pdf"
    assert "attachment" in single["Content-Disposition"]
    assert len(pdfium.PdfDocument(b"".join(single.streaming_content))) == 1
    assert whole.status_code == 200
    assert len(pdfium.PdfDocument(b"".join(whole.streaming_content))) == 2
    assert client.get(reverse("articles:page_pdf", args=[slug, date, 3])).status_code == 404


def test_the_edition_pdf_is_built_anew_after_a_page_is_added(
    media_root, client, printed, django_capture_on_commit_callbacks
):
    page, _articles = page_with_stories()
    attach(page, printed.data)
    slug, date = page.edition.publication.slug, page.edition.date
    url = reverse("articles:edition_pdf", args=[slug, date])
    first = b"".join(client.get(url).streaming_content)

    assert len(pdfium.PdfDocument(first)) == 1
    second = PageFactory(edition=page.edition, number=2)
    with django_capture_on_commit_callbacks(execute=True):
        attach(second, printed.data)

    again = b"".join(client.get(url).streaming_content)
    assert len(pdfium.PdfDocument(again)) == 2
    assert len(list((media_root / "facsimiles" / "editions").glob("*.pdf"))) == 1


def test_a_story_moved_to_another_page_leaves_its_old_zone_behind(media_root, client, printed):
    page, articles = page_with_stories()
    attach(page, printed.data)
    other = PageFactory(edition=page.edition, number=2, name="综合")
    attach(other, page_pdf(stories={"x": {"title": "别的版面", "body": "完全不同的内容写在这里。"}} | {
        k: v for k, v in STORIES.items() if k != "water"
    }).data)
    Article.objects.filter(pk=articles["water"].pk).update(page=other, position=9)

    html = client.get(other.get_absolute_url()).content.decode()

    assert f'href="{Article.objects.get(pk=articles["water"].pk).get_absolute_url()}" aria-label' not in html


# --- The command ----------------------------------------------------------------------------------


def test_the_command_attaches_a_page_pdf_and_reports_the_zones_found(media_root, tmp_path, printed):
    from io import StringIO

    from django.core.management import call_command

    page, _articles = page_with_stories(published=False)
    pdf = tmp_path / "A01.pdf"
    pdf.write_bytes(printed.data)
    out = StringIO()

    call_command("attach_page_file", str(pdf), paper=page.edition.publication.slug,
                 date=page.edition.date.isoformat(), number=1, stdout=out)

    assert "找到 3 个热区" in out.getvalue()
    assert PageFacsimile.objects.filter(page=page).exists()


@pytest.mark.parametrize("problem", ["no page", "bad date", "corrupt", "dry run"])
def test_the_command_says_what_is_wrong_and_stores_nothing(media_root, tmp_path, printed, problem):
    from io import StringIO

    from django.core.management import CommandError, call_command

    page, _articles = page_with_stories(published=False)
    pdf = tmp_path / "A01.pdf"
    pdf.write_bytes(printed.data[:3000] if problem == "corrupt" else printed.data)
    options = {"paper": page.edition.publication.slug, "date": page.edition.date.isoformat(), "number": 1}
    expected = {"no page": "找不到版面", "bad date": "日期应写成", "corrupt": "打不开"}.get(problem)
    if problem == "no page":
        options["number"] = 7
    if problem == "bad date":
        options["date"] = "2022-02-30"
    if problem == "dry run":
        options["dry_run"] = True

    if expected:
        with pytest.raises(CommandError, match=expected):
            call_command("attach_page_file", str(pdf), stdout=StringIO(), **options)
    else:
        out = StringIO()
        call_command("attach_page_file", str(pdf), stdout=out, **options)
        assert "未保存" in out.getvalue()
    assert not PageFacsimile.objects.exists()
    assert stored_files(media_root) == []


def test_a_page_exported_with_bleed_is_shown_and_matched_by_its_trimmed_page():
    printed = page_pdf(bleed=36)
    prepared = facsimile.prepare(printed.data)

    assert (prepared.width, prepared.height) == (800, 1200)  # the crop box, not the paper
    assert Image.open(io.BytesIO(prepared.images["small"])).size == (1000, 1500)
    assert not any("印刷说明" in line.text for line in prepared.lines)
    zones = facsimile.find_zones(prepared.lines, {key: s["title"] + s["body"] for key, s in STORIES.items()})
    for key, zone in zones.items():
        assert all(zone.contains(facsimile.Box(*line), tolerance=0.002) for line in printed.lines[key]), key


# --- Stories from the PDF's text layer ----------------------------------------------------------------


def test_a_page_without_stories_gets_them_from_its_pdf_through_the_parser(media_root, duty_editor, printed):
    page = PageFactory(edition=EditionFactory(), number=1, source_text="")

    response = upload_page_file(duty_editor, page, SimpleUploadedFile("A01.pdf", printed.data), **{"facsimile-0-import_text": "on"})

    assert "已从 PDF 文字层导入 3 篇稿件" in response.content.decode()
    stories = list(page.articles.order_by("position"))
    assert [story.title for story in stories] == [s["title"] for s in STORIES.values()]
    assert [story.dateline for story in stories] == ["本报讯"] * 3
    assert "千家万户" in stories[0].body and "非遗小吃" in stories[2].body
    assert "值班主任" not in "".join(story.body for story in stories)
    assert StoryZone.objects.filter(page=page, source="matched").count() == 3


def test_stories_are_not_taken_from_the_pdf_when_the_page_has_some(media_root, duty_editor, printed):
    page, articles = page_with_stories(published=False)

    response = upload_page_file(duty_editor, page, SimpleUploadedFile("A01.pdf", printed.data), **{"facsimile-0-import_text": "on"})

    assert "本版已经有稿件了" in response.content.decode()
    assert page.articles.count() == 3
    assert not PageFacsimile.objects.exists()


# --- Zones after the page's text is imported again -------------------------------------------------


def import_page_text(stories, *, date):
    text = "\n\n".join(f"# {story['title']}\n\n{story['body']}" for story in stories)
    page_file = page_file_from_bytes("A01.txt", text.encode())
    report = PageImporter().import_file(page_file, PageTarget(publication="茂名晚报", date=date, number=1, name="要闻"))
    assert report.error == "", report.error
    return report.page


def covers_lines(box, lines):
    return all(box.contains(facsimile.Box(*line), tolerance=0.002) for line in lines)


def test_after_the_page_is_imported_again_zones_follow_their_stories(media_root, printed):
    day = datetime.date(2026, 11, 29)
    placeholder = {**STORIES["water"], "body": "本报讯 这是一段占位文字,版面上没有印出来,等待改稿以后再换成正式的内容。"}
    page = import_page_text([placeholder, STORIES["school"], STORIES["market"]], date=day)
    facsimile_services.attach(page=page, prepared=facsimile.prepare(printed.data))
    water, school, market = page.articles.order_by("position")
    first = StoryZone.objects.get(article=water)  # only its title was found on the page
    assert not covers_lines(facsimile.Box(first.x, first.y, first.w, first.h), printed.lines["water"])
    for story in (school, market):  # the editor sets two zones by hand
        StoryZone.objects.filter(article=story).update(x=0.1, y=0.9, w=0.2, h=0.05, source="drawn")

    page = import_page_text([STORIES["water"], STORIES["school"]], date=day)  # water rewritten, market gone

    assert water.uid == page.articles.get(title=STORIES["water"]["title"]).uid
    zone = StoryZone.objects.get(article=water)
    assert zone.source == "matched"
    assert covers_lines(facsimile.Box(zone.x, zone.y, zone.w, zone.h), printed.lines["water"])
    assert (StoryZone.objects.get(article=school).x, StoryZone.objects.get(article=school).source) == (0.1, "drawn")
    assert not Article.objects.filter(pk=market.pk).exists()
    assert StoryZone.objects.filter(page=page).count() == 2


def test_after_the_page_is_parsed_again_a_rewritten_story_gets_its_zone_anew(media_root, printed):
    from articles import services

    page = import_page_text(list(STORIES.values()), date=datetime.date(2026, 11, 29))
    water = page.articles.get(title=STORIES["water"]["title"])
    water.body = "这是一段占位文字,版面上没有印出来。"
    water.save()
    facsimile_services.attach(page=page, prepared=facsimile.prepare(printed.data))
    before = StoryZone.objects.get(article=water)
    assert not covers_lines(facsimile.Box(before.x, before.y, before.w, before.h), printed.lines["water"])

    services.rewrite_page(page=page, user=UserFactory(group="值班主任"), corrections=True, source="重新解析", message="重新解析")

    zone = StoryZone.objects.get(article=water)
    assert covers_lines(facsimile.Box(zone.x, zone.y, zone.w, zone.h), printed.lines["water"])
