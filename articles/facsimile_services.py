"""Writes and reads for the printed page: store an upload, find the zones, build the edition PDF.

Every path that attaches a page file (the page form in the desk, a command) calls ``attach``; it
writes the files only after ``facsimile.prepare`` has checked and rendered everything in memory,
inside ``all_or_no_files``, so a failed write leaves no file behind and a corrupt PDF none at all.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import facsimile, facsimile_text
from .markup import plain_text
from .media import all_or_no_files
from .models import Article, Edition, Page, PageFacsimile, StoryZone
from .scripts import in_script

FOLDER = "facsimiles"


def story_text(article: Article) -> str:
    """What the page prints of a story: its headlines, dateline, bylines as printed (记者李明, 記者李明 on a
    page printed in traditional characters) and body."""
    traditional = article.printed_in_traditional()
    credits = " ".join(
        f"{in_script(byline.get_role_display(), traditional)}{byline.reporter.name}" for byline in article.bylines.all()
    )
    return "\n".join([article.kicker, article.title, article.subtitle, article.dateline, credits, plain_text(article.body)])


@transaction.atomic
def attach(*, page: Page, prepared: facsimile.Prepared) -> PageFacsimile:
    """Store a checked upload as the page's printed page, replacing any earlier one, and find the zones."""
    stem = f"{FOLDER}/{page.edition.date:%Y/%m}/{page.edition.publication.slug}-{page.number:02d}-{prepared.digest}"
    with all_or_no_files():
        names = {
            "source": default_storage.save(f"{stem}.{prepared.extension}", ContentFile(prepared.source)),
            **{
                f"image_{size}": default_storage.save(
                    f"{stem}-{_hash(data)}-{facsimile.WIDTHS[size]}.{facsimile.IMAGE_EXTENSION}", ContentFile(data)
                )
                for size, data in prepared.images.items()
            },
        }
    old = PageFacsimile.objects.filter(page=page).first()
    if old is not None:
        stale = [old.source.name, old.image_large.name, old.image_small.name]
        transaction.on_commit(lambda: _delete_files(stale))
    transaction.on_commit(lambda: remove_edition_pdfs(page.edition))
    scan, _created = PageFacsimile.objects.update_or_create(
        page=page,
        defaults={
            "kind": prepared.kind,
            **names,
            "width": prepared.width,
            "height": prepared.height,
            "text_lines": [line.as_list() for line in prepared.lines],
            "notes": "\n".join(prepared.notes),
            "uploaded_at": timezone.now(),
        },
    )
    match_zones(page=page, scan=scan)
    return scan


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:10]


@transaction.atomic
def match_zones(*, page: Page, scan: PageFacsimile | None = None) -> int:
    """Find each story's zone from the page's text positions; zones an editor drew are kept.

    Called after every change of the page's stories as a whole (a PDF attached, the page imported
    again or re-parsed): a zone belongs to its story (``StoryZone.article``), so it follows the story
    wherever the import put it, goes with a story that is gone, and is found again from the stored
    text positions for a story whose text changed. Returns how many zones were found."""
    scan = scan or PageFacsimile.objects.filter(page=page).first()
    if scan is None:
        return 0  # no printed page: no zone was ever matched
    drawn = set(StoryZone.objects.filter(page=page, source=StoryZone.Source.DRAWN).values_list("article_id", flat=True))
    StoryZone.objects.filter(page=page, source=StoryZone.Source.MATCHED).delete()
    if not scan.text_lines:
        return 0
    articles = page.articles.prefetch_related("bylines__reporter")
    stories = {article.pk: story_text(article) for article in articles if article.pk not in drawn}
    lines = [facsimile.TextLine.from_list(row) for row in scan.text_lines]
    zones = facsimile.find_zones(lines, stories)
    StoryZone.objects.bulk_create(
        StoryZone(page=page, article_id=pk, source=StoryZone.Source.MATCHED, **_rounded(box))
        for pk, box in zones.items()
    )
    return len(zones)


def _rounded(box: facsimile.Box) -> dict:
    """Four decimals: a tenth of a millimetre on a broadsheet, and numbers an editor can read."""
    x, y = round(box.x, 4), round(box.y, 4)
    return {"x": x, "y": y, "w": round(min(box.w, 1 - x), 4), "h": round(min(box.h, 1 - y), 4)}


@transaction.atomic
def detach(*, scan: PageFacsimile) -> None:
    """Remove a page's printed page: the row, its matched zones, and its files once the removal commits."""
    names = [scan.source.name, scan.image_large.name, scan.image_small.name]
    edition = scan.page.edition
    StoryZone.objects.filter(page=scan.page, source=StoryZone.Source.MATCHED).delete()
    scan.delete()
    transaction.on_commit(lambda: (_delete_files(names), remove_edition_pdfs(edition)))


def _delete_files(names) -> None:
    for name in names:
        if name and not PageFacsimile.objects.filter(Q(source=name) | Q(image_large=name) | Q(image_small=name)).exists():
            try:
                default_storage.delete(name)
            except OSError:
                pass


# --- The page's text from the PDF ------------------------------------------------------------------


class NoTextToImport(Exception):
    """The page's stories cannot be taken from its PDF; the message says why, for the editor."""


def import_text(*, page: Page, user=None) -> int:
    """Make the page's stories from its PDF's text layer, through the same importer and parser as
    a page text file; then find their zones. Only for a page that has no story yet, so nothing an
    editor wrote is overwritten. Returns the number of stories made."""
    from .importing import PageImporter, PageTarget
    from .pagefiles import PageFile

    scan = PageFacsimile.objects.filter(page=page).first()
    if scan is None or not scan.text_lines:
        raise NoTextToImport("本版的版面文件没有文字层(图片或扫描的 PDF),无法从中导入文字。")
    if page.articles.exists():
        raise NoTextToImport("本版已经有稿件了;从 PDF 导入文字只用于还没有稿件的版面,以免覆盖编辑的修改。")
    text = facsimile_text.text_from_lines([facsimile.TextLine.from_list(row) for row in scan.text_lines])
    data = text.encode()
    name = Path(scan.source.name).with_suffix(".txt").name
    page_file = PageFile(name=name, text=text, sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    edition = page.edition
    target = PageTarget(publication=edition.publication.name, date=edition.date, number=page.number, name=page.name)
    report = PageImporter(user=user, source="PDF 文字层").import_file(page_file, target)
    if report.error:
        raise NoTextToImport(f"从 PDF 导入文字失败:{report.error}")
    match_zones(page=page, scan=scan)
    return report.articles


# --- What readers may fetch ----------------------------------------------------------------


def image_seen_by_readers(name: str) -> bool:
    """A page image readers may fetch: one of a page of a published edition."""
    return PageFacsimile.objects.filter(
        Q(image_large=name) | Q(image_small=name), page__in=Page.objects.published()
    ).exists()


def is_page_image(name: str) -> bool:
    return name.startswith(f"{FOLDER}/") and name.endswith(f".{facsimile.IMAGE_EXTENSION}")


# --- The edition as one PDF --------------------------------------------------------------------


def edition_pdf_sources(edition: Edition) -> list[PageFacsimile]:
    return list(
        PageFacsimile.objects.filter(page__edition=edition, kind=PageFacsimile.Kind.PDF).order_by("page__number")
    )


def _edition_folder() -> Path:
    return Path(settings.MEDIA_ROOT) / FOLDER / "editions"


def edition_pdf(edition: Edition) -> Path | None:
    """The whole edition as one PDF, its pages in order; built on the first request and kept on disk.

    Its name holds a hash of the page files it is made of, so a new page upload makes a new file
    (and removes the old ones). None when no page of the edition has a PDF."""
    scans = edition_pdf_sources(edition)
    if not scans:
        return None
    key = hashlib.sha256("\n".join(scan.source.name for scan in scans).encode()).hexdigest()[:16]
    folder = _edition_folder()
    path = folder / f"{edition.publication.slug}-{edition.date.isoformat()}-{key}.pdf"
    if path.exists():
        return path
    merged = facsimile.merge_pdfs([Path(default_storage.path(scan.source.name)).read_bytes() for scan in scans])
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, suffix=".part", delete=False) as part:
        part.write(merged)
    os.replace(part.name, path)  # another request building the same file at once writes the same bytes
    return path


def remove_edition_pdfs(edition: Edition) -> None:
    folder = _edition_folder()
    if folder.exists():
        for old in folder.glob(f"{edition.publication.slug}-{edition.date.isoformat()}-*.pdf"):
            old.unlink(missing_ok=True)
