"""The printed page (版面图): read an uploaded page PDF or image, render it, and find each story on it.

Pure: bytes in, dataclasses out, no Django. ``prepare`` checks an upload and does all the work in
memory (render two image sizes, read the text layer's positions), so a file that fails never leaves
anything on disk; a PDF is read in a child process with a time and memory limit
(``facsimile_sandbox``), so a hostile one (a decompression bomb, a content stream of millions of
operators) is refused within a bounded time instead of holding a web worker; ``find_zones`` matches each story's text to the positioned text lines (热区);
``merge_pdfs`` joins page PDFs into one edition PDF.

Positions are fractions of the page, origin top left: x, y, w, h all between 0 and 1.
"""
from __future__ import annotations

import hashlib
import io
import re
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from PIL import Image, UnidentifiedImageError

MAX_UPLOAD_BYTES = 60 * 1024 * 1024  # a page PDF from the typesetting system with its photos is 5-40 MB
MAX_PAGE_POINTS = 3000  # a side of a page in points (1/72 in): a broadsheet is about 1000 x 1500
MAX_ASPECT = 4  # taller or wider than 4:1 is not a newspaper page
MAX_IMAGE_PIXELS = 60_000_000  # a page image from a scanner at 300 dpi is about 4000 x 6000
MAX_PAGES = 20  # a page PDF is one page; a few more (a spread, a proof sheet) are tolerated, the first used
# The pictures placed on a PDF page, in pixels as their streams declare them, all together: a page
# of photos at 300 dpi is well under 100 million; a decompression bomb declares billions.
MAX_EMBEDDED_PIXELS = 150_000_000
# What reading one PDF may take in its child process: rendering a broadsheet page takes about half a
# second and 150 MB; the limits are far above that and far below what would hurt the server.
SANDBOX_SECONDS = 30
SANDBOX_MEMORY_MB = 1536
WIDTHS = {"large": 2000, "small": 1000}  # rendered image widths in pixels
IMAGE_FORMAT, IMAGE_EXTENSION = "WEBP", "webp"
WEBP_QUALITY = 80

# PDFium is not safe to call from two threads at once.
_pdfium_lock = threading.Lock()


class FacsimileError(ValueError):
    """An upload that cannot be used as the printed page; the message is for the editor."""


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self):
        return self.x + self.w

    @property
    def bottom(self):
        return self.y + self.h

    def union(self, other: Box) -> Box:
        x, y = min(self.x, other.x), min(self.y, other.y)
        return Box(x, y, max(self.right, other.right) - x, max(self.bottom, other.bottom) - y)

    def grown(self, margin: float) -> Box:
        x, y = max(0.0, self.x - margin), max(0.0, self.y - margin)
        return Box(x, y, min(1.0, self.right + margin) - x, min(1.0, self.bottom + margin) - y)

    def touches(self, other: Box) -> bool:
        return self.x <= other.right and other.x <= self.right and self.y <= other.bottom and other.y <= self.bottom

    def contains(self, other: Box, tolerance: float = 1e-6) -> bool:
        return (
            self.x - tolerance <= other.x and self.y - tolerance <= other.y
            and other.right <= self.right + tolerance and other.bottom <= self.bottom + tolerance
        )


@dataclass(frozen=True)
class TextLine:
    """A run of text on one line of one column, where the page prints it: the box around its ink;
    the text with the spaces a reader sees, ending in one when a word ends at the line's end."""

    box: Box
    text: str

    def as_list(self):
        return [round(self.box.x, 5), round(self.box.y, 5), round(self.box.w, 5), round(self.box.h, 5), self.text]

    @classmethod
    def from_list(cls, row):
        x, y, w, h, text = row
        return cls(Box(x, y, w, h), text)


@dataclass
class Prepared:
    """An upload checked and worked through, ready to be stored."""

    kind: str  # "pdf" or "image"
    source: bytes
    extension: str  # of the source as stored: pdf, jpg, png
    width: float  # page size: points for a PDF, pixels for an image
    height: float
    images: dict  # "large"/"small" -> encoded image bytes
    lines: list = field(default_factory=list)  # TextLine, empty without a text layer
    notes: list = field(default_factory=list)  # what the editor should know (only the first page used)

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.source).hexdigest()[:16]


def prepare(data: bytes, filename: str = "") -> Prepared:
    """Check an uploaded page file and render it; raises FacsimileError with the reason in Chinese."""
    if not data:
        raise FacsimileError("上传的文件是空的。")
    if len(data) > MAX_UPLOAD_BYTES:
        raise FacsimileError(
            f"文件太大:{len(data) / 1024 / 1024:.1f} MB,版面文件最多 {MAX_UPLOAD_BYTES // 1024 // 1024} MB。"
        )
    if data.lstrip()[:5] == b"%PDF-":
        from .facsimile_sandbox import prepare_pdf_in_child

        return prepare_pdf_in_child(data, seconds=SANDBOX_SECONDS, memory_mb=SANDBOX_MEMORY_MB)
    if filename.lower().endswith(".pdf"):
        raise FacsimileError("这个文件名为 .pdf,但内容不是 PDF,可能已损坏。请从排版系统重新导出。")
    return _prepare_image(data)


def prepare_pdf(data: bytes) -> Prepared:
    """Check and render a PDF in this process: call it only where a runaway file can do no harm
    (``facsimile_sandbox``'s child process)."""
    notes = []
    with _pdfium_lock:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            if "password" in str(error).lower() or "security" in str(error).lower():
                raise FacsimileError("这个 PDF 设了密码或加密保护,无法读取。请导出不加密的 PDF 再上传。") from None
            raise FacsimileError("这个 PDF 打不开,文件可能已损坏或不完整。请从排版系统重新导出。") from None
        try:
            count = len(document)
            if count == 0:
                raise FacsimileError("这个 PDF 里没有页面。")
            if count > MAX_PAGES:
                raise FacsimileError(
                    f"这个 PDF 有 {count} 页;版面文件应是一版一个 PDF(最多 {MAX_PAGES} 页,只用第 1 页)。请按版分开导出。"
                )
            if count > 1:
                notes.append(f"PDF 共有 {count} 页,只用了第 1 页。")
            page = document[0]
            width, height = page.get_size()
            _check_page_size(width, height)
            _check_embedded_pixels(page)
            images = {}
            for size, target in WIDTHS.items():
                bitmap = page.render(scale=target / width)
                images[size] = _encode(bitmap.to_pil())
            source = data if count == 1 else _first_page_only(document)
        except pdfium.PdfiumError:
            raise FacsimileError("这个 PDF 的页面无法显示,文件可能已损坏。请从排版系统重新导出。") from None
        finally:
            document.close()
    lines = text_lines(source)
    if not lines:
        notes.append("PDF 没有文字层,热区无法自动找出,请在版面页手工划定。")
    return Prepared("pdf", source, "pdf", width, height, images, lines, notes)


def _first_page_only(document) -> bytes:
    single = pdfium.PdfDocument.new()
    try:
        single.import_pages(document, [0])
        buffer = io.BytesIO()
        single.save(buffer)
        return buffer.getvalue()
    finally:
        single.close()


def _check_page_size(width: float, height: float) -> None:
    if not (width > 0 and height > 0):
        raise FacsimileError("这个 PDF 的页面没有尺寸,文件可能已损坏。")
    if max(width, height) > MAX_PAGE_POINTS or max(width / height, height / width) > MAX_ASPECT:
        mm = 25.4 / 72
        raise FacsimileError(
            f"页面尺寸异常:{width * mm:.0f}×{height * mm:.0f} 毫米,不像一块报纸版面。请检查导出设置。"
        )


def _check_embedded_pixels(page) -> None:
    """Refuse a page whose pictures declare more pixels than any printed page has, before decoding them."""
    total = 0
    for picture in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE], max_depth=8):
        try:
            width, height = picture.get_px_size()
        except pdfium.PdfiumError:
            continue
        total += width * height
        if total > MAX_EMBEDDED_PIXELS:
            raise FacsimileError(
                f"这个 PDF 里的图片像素过多(至少 {total // 1_000_000} 百万像素,其中一张 {width}×{height},"
                f"一版最多 {MAX_EMBEDDED_PIXELS // 1_000_000} 百万像素),可能是异常文件。请从排版系统重新导出。"
            )


def _prepare_image(data: bytes) -> Prepared:
    try:
        with Image.open(io.BytesIO(data)) as opened:
            kind = opened.format
            width, height = opened.size
            if kind not in ("JPEG", "PNG"):
                raise FacsimileError("版面文件只能是 PDF、JPG 或 PNG。")
            if width * height > MAX_IMAGE_PIXELS:
                raise FacsimileError(
                    f"图片像素太多:{width}×{height},最多 {MAX_IMAGE_PIXELS // 1_000_000} 百万像素。请缩小后再上传。"
                )
            if max(width / height, height / width) > MAX_ASPECT:
                raise FacsimileError(f"图片尺寸异常:{width}×{height},不像一块报纸版面。")
            opened.load()
            picture = opened.convert("RGB")
    except FacsimileError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise FacsimileError("版面文件只能是 PDF、JPG 或 PNG,这个文件无法识别或已损坏。") from None
    images = {}
    for size, target in WIDTHS.items():
        scaled = picture if width <= target else picture.resize((target, round(height * target / width)), Image.LANCZOS)
        images[size] = _encode(scaled)
    extension = "jpg" if kind == "JPEG" else "png"
    return Prepared("image", data, extension, float(width), float(height), images, [], [])


def _encode(picture: Image.Image) -> bytes:
    buffer = io.BytesIO()
    picture.convert("RGB").save(buffer, IMAGE_FORMAT, quality=WEBP_QUALITY, method=2)
    return buffer.getvalue()


# --- The text layer ---------------------------------------------------------------------


# A gap between two characters of a line this much of a character wider than the line's usual
# spacing is a space a reader sees: a justified Chinese line spreads its slack evenly over every
# gap, so only a set-apart word stands out from the usual spacing; a Latin word space is a quarter
# to a third of a character, and a Chinese one (half- or full-width) half a character or more.
WORD_GAP = 0.25
_SPACES = re.compile(r"\s+")


def text_lines(data: bytes) -> list[TextLine]:
    """The first page's text as runs along lines, each split where a gap wider than a character
    separates two columns, with their boxes in fractions of the page as shown (its crop box: a page
    exported with bleed and crop marks shows only the trimmed page)."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTChar, LTTextLine
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    try:
        page = next(PDFPage.get_pages(io.BytesIO(data), maxpages=1), None)
        if page is None:
            return []
        resources = PDFResourceManager()
        device = PDFPageAggregator(resources, laparams=LAParams(char_margin=1.0))
        PDFPageInterpreter(resources, device).process_page(page)
        layout = device.get_result()
    except Exception:  # a text layer pdfminer cannot read: the page still shows, without zones
        return []
    left, bottom, right, top = layout.bbox
    if not page.rotate and page.cropbox and page.cropbox != page.mediabox:
        # pdfminer puts the media box's corner at the origin; the crop box is in the page's own space
        media_x, media_y = page.mediabox[0], page.mediabox[1]
        crop = [float(v) for v in page.cropbox]
        left, bottom, right, top = crop[0] - media_x, crop[1] - media_y, crop[2] - media_x, crop[3] - media_y
    width, height = right - left, top - bottom
    if width <= 0 or height <= 0:
        return []
    runs = []

    def walk(item):
        if isinstance(item, LTTextLine):
            runs.extend(_split_at_gaps([char for char in item if isinstance(char, LTChar)]))
        elif hasattr(item, "__iter__"):
            for child in item:
                walk(child)

    walk(layout)
    lines = []
    for chars in runs:
        text = _run_text(chars)
        inked = [char for char in chars if not char.get_text().isspace()]
        if not inked:
            continue
        x0, y0 = min(c.x0 for c in inked), min(c.y0 for c in inked)
        x1, y1 = max(c.x1 for c in inked), max(c.y1 for c in inked)
        if x1 <= left or x0 >= right or y1 <= bottom or y0 >= top:
            continue  # on the bleed or among the crop marks: not on the page
        box = Box((x0 - left) / width, (top - y1) / height, (x1 - x0) / width, (y1 - y0) / height)
        lines.append(TextLine(box.grown(0), text))  # grown by nothing: clamped to the page
    return lines


def _run_text(chars) -> str:
    """The run's text as a reader sees it: a space where the gap between two characters is wider
    than the run's usual spacing by more than ``WORD_GAP`` of a character (a typesetting system
    often sets the space in "通讯员  某某" as a move, not as a space character), spaces run together
    into one, none at the start, and one at the end when the run ends in a space (a word ends at the
    line's end: "记者李明 通讯员水务宣 / 记者昨日…" must not read "水务宣记者")."""
    gaps = sorted(b.x0 - a.x1 for a, b in zip(chars, chars[1:]))
    usual = max(0.0, gaps[len(gaps) // 2]) if gaps else 0.0  # a justified line's letter spacing
    parts = [chars[0].get_text()]
    for before, char in zip(chars, chars[1:]):
        if char.x0 - before.x1 - usual > WORD_GAP * max(char.size, before.size, 1.0):
            parts.append(" ")
        parts.append(char.get_text())
    return _SPACES.sub(" ", "".join(parts)).lstrip()


def _split_at_gaps(chars):
    """Runs of characters with no gap wider than one character between them (a column gutter)."""
    runs, current = [], []
    for char in chars:
        if current:
            size = max(char.size, current[-1].size, 1.0)
            if char.x0 - current[-1].x1 > size:
                runs.append(current)
                current = []
        current.append(char)
    if current:
        runs.append(current)
    return runs


# --- Matching stories to the page -----------------------------------------------------------

# A line is a story's when most of its character pairs occur in that story's text: the evidence
# for 0.6 is that an OCR'd or edited story keeps most pairs of a line, while a line of another story
# shares only common words (的工作, 市民) with it.
MIN_LINE_SHARE = 0.6
# A line of two characters or fewer (a paragraph's tail) says too little to place.
MIN_LINE_CHARS = 3
# Lines within this distance (a fraction of the page) of each other belong to one block of a story.
BLOCK_MARGIN = 0.02
# A block holding less than this share of a story's matched characters is a stray match (a phrase
# quoted in another story) and left out of the zone.
MIN_BLOCK_SHARE = 0.15
ZONE_PADDING = 0.004

_WORD = re.compile(r"\w", re.UNICODE)


def normalise(text: str) -> str:
    """Only letters and digits, full-width folded to half-width, lower case: what matching compares."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return "".join(_WORD.findall(folded)).replace("_", "")


def pairs(text: str) -> list[str]:
    normal = normalise(text)
    return [normal[i:i + 2] for i in range(len(normal) - 1)]


def find_zones(lines: list[TextLine], stories: dict) -> dict:
    """Each story's zone: the box around the page's lines that carry its text.

    ``stories`` maps any key to the story's text (headline group and body). Returns key -> Box for
    the stories found; a story none of whose lines is on the page is left out.
    """
    grams = {key: set(pairs(text)) for key, text in stories.items()}
    owners = Counter(gram for story in grams.values() for gram in story)
    matched = {key: [] for key in stories}
    for line in lines:
        line_grams = pairs(line.text)
        if len(line_grams) < MIN_LINE_CHARS - 1:
            continue
        best, best_score = None, (0, 0)
        for key, story in grams.items():
            hits = sum(gram in story for gram in line_grams)
            own = sum(gram in story and owners[gram] == 1 for gram in line_grams)
            if own and (own, hits) > best_score:
                best, best_score = key, (own, hits)
        if best is not None and best_score[1] / len(line_grams) >= MIN_LINE_SHARE:
            matched[best].append(line)
    return {key: zone for key, found in matched.items() if (zone := _zone(found)) is not None}


def _zone(lines: list[TextLine]) -> Box | None:
    """The box around the story's lines, leaving out stray blocks far from the rest."""
    if not lines:
        return None
    group = list(range(len(lines)))  # union-find over lines close to each other

    def root(i):
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i

    for i, a in enumerate(lines):
        for j in range(i + 1, len(lines)):
            b = lines[j]
            # a headline's gap to its story grows with its size
            margin = max(BLOCK_MARGIN, 1.5 * max(a.box.h, b.box.h))
            if a.box.grown(margin).touches(b.box):
                group[root(j)] = root(i)
    blocks = {}
    for i, line in enumerate(lines):
        box, weight = blocks.get(root(i), (line.box, 0))
        blocks[root(i)] = (box.union(line.box), weight + len(normalise(line.text)))
    total = sum(weight for _box, weight in blocks.values())
    kept = [box for box, weight in blocks.values() if weight >= MIN_BLOCK_SHARE * total]
    zone = kept[0]
    for box in kept[1:]:
        zone = zone.union(box)
    return zone.grown(ZONE_PADDING)


# --- The edition as one PDF --------------------------------------------------------------------


def merge_pdfs(sources: list[bytes]) -> bytes:
    """The given PDFs' pages in order, as one PDF."""
    with _pdfium_lock:
        merged = pdfium.PdfDocument.new()
        try:
            for data in sources:
                document = pdfium.PdfDocument(data)
                try:
                    merged.import_pages(document)
                finally:
                    document.close()
            buffer = io.BytesIO()
            merged.save(buffer)
            return buffer.getvalue()
        finally:
            merged.close()
