"""Page PDFs and page images among the page files an editor uploads in the desk.

A day's pages come from the typesetting system as PDFs, with or without text files beside them.
A PDF or image goes with the text file of the same name (A01.pdf with A01.txt) and is attached to
that page as its printed page; a PDF alone, with a text layer, is also the page's text: read
into page text (``facsimile_text``) and imported through the same importer and parser as a text
file. Each file is checked and rendered when it is uploaded, so the preview names every broken,
encrypted or oversized one, and the confirm only stores.
"""
from __future__ import annotations

from pathlib import Path

from . import facsimile, facsimile_services, facsimile_text
from .models import Page, PageFacsimile
from .pagefiles import PageFileError, page_file_from_bytes

EXTENSIONS = (".pdf", ".jpg", ".jpeg", ".png")


def is_printed_page(name: str) -> bool:
    return Path(name).suffix.lower() in EXTENSIONS


def pair(entries: list, uploads, make_entry) -> list:
    """The text files' entries with each uploaded PDF or image joined to the one of the same name,
    and an entry of its own for a PDF with no text file beside it. ``make_entry(name)`` makes an
    empty entry. Returns all entries in file-name order."""
    by_stem = {Path(entry.name).stem.lower(): entry for entry in entries}
    for upload in uploads:
        name = Path(upload.name).name
        prepared, error = _prepare(upload, name)
        partner = by_stem.get(Path(name).stem.lower())
        if partner is not None:
            partner.facsimile_name = name
            if error:
                partner.error = partner.error or f"版面图 {name}:{error}"
                partner.data = None
            else:
                partner.facsimile = prepared
            continue
        entry = make_entry(name)
        entry.facsimile_name = name
        if error:
            entry.error = error
        elif prepared.kind != "pdf":
            entry.error = f"图片里读不出稿件:请把同名的文字文件(如 {Path(name).stem}.txt)一起上传,图片作为版面图附上。"
        elif not prepared.lines:
            entry.error = (
                f"这个 PDF 没有文字层(可能是扫描件),读不出稿件:请把同名的文字文件(如 {Path(name).stem}.txt)"
                "一起上传,PDF 作为版面图附上。"
            )
        else:
            data = facsimile_text.text_from_lines(prepared.lines).encode()
            try:
                page_file_from_bytes(name, data)
            except PageFileError:
                entry.error = "这个 PDF 的文字层里没有可读的文字,读不出稿件:请把同名的文字文件一起上传。"
            else:
                entry.data, entry.facsimile = data, prepared
        entries.append(entry)
        by_stem[Path(name).stem.lower()] = entry
    return sorted(entries, key=lambda entry: entry.name)


def _prepare(upload, name):
    if upload.size > facsimile.MAX_UPLOAD_BYTES:
        return None, (
            f"文件太大:{upload.size / 1024 / 1024:.1f} MB,版面文件最多 {facsimile.MAX_UPLOAD_BYTES // 1024 // 1024} MB。"
        )
    try:
        return facsimile.prepare(upload.read(), name), ""
    except facsimile.FacsimileError as error:
        return None, str(error)


def zones_found(*, page: Page, prepared: facsimile.Prepared) -> int:
    """How many of the page's stories the printed page would give a zone (for the preview: nothing stored)."""
    stories = {article.pk: facsimile_services.story_text(article) for article in page.articles.prefetch_related("bylines__reporter")}
    return len(facsimile.find_zones(prepared.lines, stories))


def attach(*, page: Page, prepared: facsimile.Prepared) -> int:
    """Attach the printed page unless the page has this very file already; returns the zones it has."""
    if not PageFacsimile.objects.filter(page=page, source__contains=prepared.digest).exists():
        facsimile_services.attach(page=page, prepared=prepared)
    return page.zones.count()
