"""Readers that turn one source file (as bytes) into pages of article records.

Each reader yields (page_key, [Record, ...]) with the stories in the order the source
numbered them on that page.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from .compose import Record, clean

# 20191009-04-02.txt: date, page number (版次), story number on the page
_RMRB_NAME = re.compile(r"(\d{8})-(\d{2})-(\d{2})\.txt$")


def page_label(date: str, number: str, section: str = "") -> str:
    """The e-paper's label of a page: "2019年10月09日 第04版", with "：要闻" when a section is named."""
    label = f"{date[:4]}年{date[4:6]}月{date[6:]}日 第{number}版"
    return f"{label}：{section}" if section else label


def in_printed_order(pages: dict[str, list[tuple[int, Record]]]) -> Iterator[tuple[str, list[Record]]]:
    """Pages by key, each page's stories by their number on the page."""
    for key in sorted(pages):
        yield key, [r for _, r in sorted(pages[key], key=lambda x: x[0])]


def rmrb_record(key: str, text: str) -> Record:
    """A People's Daily e-paper story as that scraper saved it: 引题, 主题, 副题, then paragraphs."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines += [""] * (3 - len(lines))
    kicker, title, subtitle = (clean(x) for x in lines[:3])
    paragraphs = [clean(x) for x in lines[3:] if clean(x)]
    return Record(key=key, kicker=kicker or None, title=title, subtitle=subtitle or None, paragraphs=paragraphs)


def group_rmrb(files: dict[str, str]) -> Iterator[tuple[str, list[Record]]]:
    """Group saved stories (file name -> text) into pages by date and 版次."""
    pages: dict[str, list[tuple[int, Record]]] = defaultdict(list)
    for name, text in files.items():
        m = _RMRB_NAME.search(name)
        if not m:
            continue
        date, page, number = m.groups()
        record = rmrb_record(f"{date}-{page}-{number}", text)
        record.page_label = page_label(date, page)
        pages[f"{date}-{page}"].append((int(number), record))
    yield from in_printed_order(pages)


def read_rmrb_7z(data: bytes) -> Iterator[tuple[str, list[Record]]]:
    try:
        import py7zr
    except ImportError as error:  # only the corpus build needs it
        raise SystemExit("reading .7z sources needs py7zr: pip install -r bench/corpus/requirements.txt") from error
    files: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as folder:
        with py7zr.SevenZipFile(io.BytesIO(data)) as archive:
            archive.extractall(path=folder)
        for path in Path(folder).rglob("*.txt"):
            files[path.name] = path.read_bytes().decode("utf-8", errors="replace")
    yield from group_rmrb(files)


# article_detail_2_20260329A0119.html: date, page code (A01), story number on the page (19)
_DAYPAPER_URL = re.compile(r"(\d{8})([A-Z]\d{2})(\d+)\.html$")
_DATE_LINE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# site furniture some saved copies keep above the headline: the page title "主题_报名", 上一篇/下一篇 links
_SITE_LINE = re.compile(r"上一篇|下一篇|返回主页|_[\u4e00-\u9fff]{2,8}$")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def daypaper_record(key: str, title: str, content: str) -> Record | None:
    """A story as a day-file e-paper scraper saved it: its headline lines, a date line, then paragraphs.

    `title` is the page title the site gave the story ("主题_报名"), one printed line per "\n"; the
    headline lines of `content` before the date line hold it, with any 引题 above and 副题 below.
    Returns None when the title cannot be found among the headline lines."""
    title_lines = [clean(x) for x in re.sub(r"_[^_]*$", "", title).split("\n") if clean(x)]
    if title and content.startswith(title):  # a copy that keeps the page title above the headline
        content = content[len(title):]
    lines = [clean(x) for x in content.replace("\r", "\n").replace("\t", " ").split("\n")]
    date_at = next((i for i, line in enumerate(lines) if _DATE_LINE.match(line)), None)
    if not title_lines or date_at is None:
        return None
    header = [x for x in lines[:date_at] if re.search(r"\w", x) and not _SITE_LINE.search(x)]
    paragraphs = [x for x in lines[date_at + 1:] if x]
    wanted = [_squash(x) for x in title_lines]
    n = len(wanted)
    for i in range(len(header) - n + 1):
        if [_squash(x) for x in header[i:i + n]] == wanted:
            return Record(key=key, kicker=" ".join(header[:i]) or None, title=" ".join(title_lines),
                          subtitle=" ".join(header[i + n:]) or None, paragraphs=paragraphs)
    return None


def read_daypaper_json(data: bytes) -> Iterator[tuple[str, list[Record]]]:
    """One day of an e-paper saved as JSON: {"date", "articles": [{title, content, relative_url, section_code,
    section_name}]}; pages are grouped by 版次 code with the stories in the order the site numbers them."""
    day = json.loads(data.decode("utf-8"))
    pages: dict[str, list[tuple[int, Record]]] = defaultdict(list)
    for article in day["articles"]:
        m = _DAYPAPER_URL.search(article.get("relative_url") or article.get("url") or "")
        if not m:
            continue
        date, code, number = m.groups()
        record = daypaper_record(f"{date}-{code}-{number}", article.get("title") or "", article.get("content") or "")
        if record is None:
            continue
        record.page_label = page_label(date, code, article.get("section_name") or "")
        pages[f"{date}-{code}"].append((int(number), record))
    yield from in_printed_order(pages)


READERS = {"rmrb-7z": read_rmrb_7z, "daypaper-json": read_daypaper_json}


# "……安心了。”本报记者  杨硕": the site prints the closing credit as the last line; the saved text
# glues it to the last paragraph
_GLUED_CREDIT = re.compile(r"(?<=[。！？”」）)])(本报(?:记者|通讯员)[\s\u3000]+[\u4e00-\u9fff·]{2,4}"
                           r"(?:[\s\u3000]+(?:本报)?(?:记者|通讯员)?[\s\u3000]*[\u4e00-\u9fff·]{2,4}){0,3})$")


def _csv_rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def read_xinmin_csv(data: bytes) -> Iterator[tuple[str, list[Record]]]:
    """新民晚报 e-paper stories as a CSV (special_title = 引题, title, subtitle, content, url, date, ban =
    "第2/3版:上海新闻"); the crawler kept one story per page. Paragraphs are runs of four spaces apart."""
    pages: dict[str, list[tuple[int, Record]]] = defaultdict(list)
    for row in _csv_rows(data):
        m = re.search(r"/(\d{4})-(\d{2})-(\d{2})/([\d-]+)\.htm", row.get("url") or "")
        if not m:
            continue
        y, mo, d, page = m.groups()
        paragraphs = [clean(x) for x in re.split(r" {4,}|\n", row.get("content") or "") if clean(x)]
        if paragraphs:
            glued = _GLUED_CREDIT.search(paragraphs[-1])
            if glued and glued.start() > 0:
                paragraphs[-1:] = [paragraphs[-1][: glued.start()], glued.group(1)]
        key = f"{y}{mo}{d}-{page}"
        record = Record(key=key, kicker=clean(row.get("special_title") or "") or None, title=clean(row["title"]),
                        subtitle=clean(row.get("subtitle") or "") or None, paragraphs=paragraphs)
        ban = re.sub(r"^(第[^:：]+版)[:：]", r"\1：", clean(row.get("ban") or ""))
        record.page_label = f"{y}年{mo}月{d}日 {ban}".strip()
        pages[key].append((len(pages[key]), record))
    for key in sorted(pages, key=lambda k: (k[:8], int(re.match(r"\d+", k[9:]).group()))):
        yield key, [r for _, r in pages[key]]


def read_cnki_csv(data: bytes) -> Iterator[tuple[str, list[Record]]]:
    """Newspaper stories as a CNKI search export (Number, Title, Author, banHao, Date, …, Contents): one
    line per paragraph, a summary box's lines first when the paper prints one. CNKI keeps no 引题/副题
    and no order on the page, so a page's stories follow the export's numbering."""
    pages: dict[str, list[tuple[int, Record]]] = defaultdict(list)
    for row in _csv_rows(data):
        date, page = row.get("Date") or "", (row.get("banHao") or "").strip()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) or not page.isdigit():
            continue
        y, mo, d = date.split("-")
        key = f"{y}{mo}{d}-{int(page):02d}"
        paragraphs = [clean(x) for x in (row.get("Contents") or "").split("\n") if clean(x)]
        record = Record(key=f"{key}-{row.get('Number')}", kicker=None, title=clean(row.get("Title") or ""),
                        subtitle=None, paragraphs=paragraphs)
        record.page_label = f"{y}年{mo}月{d}日 第{int(page):02d}版"
        pages[key].append((int(row.get("Number") or 0), record))
    yield from in_printed_order(pages)


READERS.update({"xinmin-csv": read_xinmin_csv, "cnki-csv": read_cnki_csv})


# Articel01004NR.htm: page (版次) 01, story 004 on it
_MRDX_LINK = re.compile(r"/(\d{8})/Articel(\d{2})(\d{3})NR\.htm")
_MRDX_PAGE = re.compile(r"^\[(\d{2})版[：:]([^\]]*)\]")
_FONT = re.compile(r'<font style="FONT-SIZE: (\d+)px">(.*?)</font>', re.S | re.I)
# "……新的“蓝途”。　　　　　新华社沈阳4月28日电": the closing 电头, printed at the end of the last line
_CLOSING_DATELINE = re.compile(r"[\u3000 ]{2,}(新华社[\u4e00-\u9fff]{2,8}\d{1,2}月\d{1,2}日电)$")


def _html_text(fragment: str) -> list[str]:
    """The printed lines of an HTML fragment: a <br> or a block ends a line; tags and entities go."""
    text = re.sub(r"<br\s*/?>|</?(?:p|div|tr|table)\b[^>]*>", "\n", fragment, flags=re.I)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return [clean(line) for line in text.split("\n") if clean(line)]


def mrdx_record(key: str, description: str) -> Record | None:
    """A story of the 新华每日电讯 e-paper page (its HTML as the site serves it): a headline table whose
    rows are the 引题 (18px), 主题 (23px) and 副题 (18px), then the text, one line per <br>, subheads
    centred in <strong>."""
    head, _, body = description.partition("</table>")
    fonts = [(int(size), " ".join(_html_text(inner))) for size, inner in _FONT.findall(head)]
    title_at = next((i for i, (size, _) in enumerate(fonts) if size > 20), None)
    if title_at is None or not fonts[title_at][1]:
        return None
    kicker = " ".join(t for _, t in fonts[:title_at] if t) or None
    subtitle = " ".join(t for _, t in fonts[title_at + 1:] if t) or None
    paragraphs = []
    for line in _html_text(body):
        m = _CLOSING_DATELINE.search(line)
        if m and m.start() > 0:
            paragraphs += [clean(line[: m.start()]), m.group(1)]
        else:
            paragraphs.append(line)
    return Record(key=key, kicker=kicker, title=fonts[title_at][1], subtitle=subtitle, paragraphs=paragraphs)


def read_mrdx_rss(data: bytes) -> Iterator[tuple[str, list[Record]]]:
    """One day of 新华每日电讯 as an RSS file of its e-paper: per item the title "[01版：要闻] 主题", the link
    naming page and story number, and the story's HTML."""
    import xml.etree.ElementTree as ET

    pages: dict[str, list[tuple[int, Record]]] = defaultdict(list)
    for item in ET.fromstring(data).iter("item"):
        link = _MRDX_LINK.search(item.findtext("link") or "")
        page = _MRDX_PAGE.match(item.findtext("title") or "")
        if not link or not page:
            continue
        date, number, story = link.groups()
        record = mrdx_record(f"{date}-{number}-{story}", item.findtext("description") or "")
        if record is None:
            continue
        record.page_label = page_label(date, number, page.group(2))
        pages[f"{date}-{number}"].append((int(story), record))
    yield from in_printed_order(pages)


READERS["mrdx-rss"] = read_mrdx_rss


# https://paper.studytimes.cn/cntheory/2026-04/27/content_9956472.html
_STUDYTIMES_LINK = re.compile(r"/(\d{4})-(\d{2})/(\d{2})/content_(\d+)\.html")


def _tag_text(pattern: str, page: str) -> str:
    m = re.search(pattern, page, re.S | re.I)
    return " ".join(_html_text(m.group(1))) if m else ""


def studytimes_record(key: str, description: str) -> Record | None:
    """A 学习时报 story as its e-paper serves it: h3.headline (引题), h1 (主题), h3.subtitle (副题), the
    author and date lines, then the text in <cms-content>, one <p> a paragraph. The author line names
    the writers without a role (the paper's contributors are officials and scholars), so it is left
    off the page rather than guessed."""
    title = _tag_text(r"<h1[^>]*>(.*?)</h1>", re.sub(r"<!--.*?-->", "", description, flags=re.S))
    if not title:
        return None
    body = description.split("<cms-content", 1)[1] if "<cms-content" in description else ""
    body = re.sub(r"^[^>]*>", "", body)
    return Record(key=key, kicker=_tag_text(r'<h3 class="headline"[^>]*>(.*?)</h3>', description) or None,
                  title=title, subtitle=_tag_text(r'<h3 class="subtitle"[^>]*>(.*?)</h3>', description) or None,
                  paragraphs=_html_text(body))


def read_studytimes_rss(data: bytes) -> Iterator[tuple[str, list[Record]]]:
    """One issue of 学习时报 as an RSS file of its e-paper, stories in the order of its pages:
    per item the title "[01版：国内大局] 主题", the link and the story's HTML. 广告 pages are left out."""
    import xml.etree.ElementTree as ET

    pages: dict[str, list[Record]] = defaultdict(list)
    for item in ET.fromstring(data).iter("item"):
        link = _STUDYTIMES_LINK.search(item.findtext("link") or "")
        page = _MRDX_PAGE.match(item.findtext("title") or "")
        if not link or not page or "广告" in page.group(2):
            continue
        year, month, day, number = link.groups()
        record = studytimes_record(f"{year}{month}{day}-{page.group(1)}-{number}", item.findtext("description") or "")
        if record is None:
            continue
        record.page_label = f"{year}年{month}月{day}日 第{page.group(1)}版：{page.group(2)}"
        key = f"{year}{month}{day}-{page.group(1)}"
        if all(r.key != record.key for r in pages[key]):
            pages[key].append(record)
    for key in sorted(pages):
        yield key, pages[key]


READERS["studytimes-rss"] = read_studytimes_rss


# https://epaper.gmw.cn/gmrb/html/2026-01/04/nw.D110000gmrb_20260104_3-05.htm: story 3 on page (版次) 05
_GMRB_LINK = re.compile(r"gmrb_(\d{8})_(\d+)-(\d{2})\.htm")
_GMRB_TITLE = re.compile(r"^(\d{2})版(.*?) - (.+)$", re.S)
# 【栏目名】: the column tag the e-paper prints in bold as the story's first line
_COLUMN_TAG = re.compile(r"^【[^【】]{1,30}】")


def gmrb_record(key: str, title: str, content_html: str) -> Record:
    """A 光明日报 story as a full-text feed of its e-paper keeps it: the headline in the item title, and
    the e-paper's HTML: a date line, the photos with their captions (<span>), then the text in
    div#articleContent, one <P> a paragraph (subheads centred in <STRONG>, the closing credit in
    brackets). The column tag (【…】) the feed sometimes puts before the headline is the body's first
    line, not part of the headline. Captions printed with their photographer go above the text;
    those without a credit are left off (their role could only be guessed)."""
    from .compose import caption_of

    tag = _COLUMN_TAG.match(title)
    if tag and title[tag.end():].strip():
        title = title[tag.end():]
    head, _, body = content_html.partition('<div id="articleContent">')
    body = body.split("<hr>", 1)[0]  # the feed's own footer follows the story
    captions = [" ".join(_html_text(span)) for span in re.findall(r"<span>(.*?)</span>", head, re.S)]
    captions = [c for c in captions if c and caption_of(c)]
    paragraphs = [line.strip() for line in captions + _html_text(body) if line.strip()]  # em-space indents too
    return Record(key=key, kicker=None, title=clean(title), subtitle=None, paragraphs=paragraphs)


def read_gmrb_jsonfeed(data: bytes) -> Iterator[tuple[str, list[Record]]]:
    """光明日报 as a JSON Feed of its e-paper (items: url naming date, story and page, title
    "01版头版 - 主题", content_html). Pages are grouped by date and 版次, stories in the e-paper's
    numbering; 广告 and 公告 pages are left out."""
    pages: dict[str, list[tuple[int, Record]]] = defaultdict(list)
    seen = set()
    for item in json.loads(data.decode("utf-8")).get("items", []):
        link = _GMRB_LINK.search(item.get("url") or "")
        title = _GMRB_TITLE.match(clean(item.get("title") or ""))
        if not link or not title or link.group(0) in seen:
            continue
        seen.add(link.group(0))
        date, story, page = link.groups()
        section = clean(title.group(2))
        if "广告" in section or "公告" in section:
            continue
        record = gmrb_record(f"{date}-{page}-{story}", title.group(3), item.get("content_html") or "")
        record.page_label = page_label(date, page, section)
        pages[f"{date}-{page}"].append((int(story), record))
    yield from in_printed_order(pages)


READERS["gmrb-jsonfeed"] = read_gmrb_jsonfeed


# the day's lead news: the archive numbers a day's stories from 0, the day's headline story, through the
# news pages to the columns, features and supplements; the corpus takes the first sixteen
APPLEDAILY_STORIES = 16
APPLEDAILY_PER_PAGE = 2
_ASCII_MARK = re.compile(r"[\x21-\x7e]")
_ASCII_SIGN = re.compile(r"[!-/:-@\[-`{-~]")  # Latin punctuation
# a short bracketed phrase holding a space, such as a slogan in quotes: the space is printed, it ends no line
_OPENERS, _CLOSERS = "「『（《【", "」』）》】"


def appledaily_lines(text: str) -> list[str]:
    """The printed lines of a story as the Apple Daily corpus keeps it: the text nodes of the archived
    page joined by single spaces, the line ends lost. A space ends a printed line unless it touches
    Latin text or figures ("（Beau Miller）"), comes before punctuation ("記者某 、某"), or falls in a
    short bracketed phrase ("「某某某某 某某某某」")."""
    lines, start = [], 0
    for i, char in enumerate(text):
        if char != " ":
            continue
        before, after = text[i - 1: i], text[i + 1: i + 2]
        if not before or not after or after in "、，。：；？！" + _CLOSERS:
            continue
        if (_ASCII_MARK.match(before) and _ASCII_MARK.match(after)) or _ASCII_SIGN.search(before + after):
            continue  # Latin words, figures, a dash between a column's title and its writer
        if _ASCII_MARK.match(after) and before not in "。！？」』）》…":
            continue  # a Latin word in a sentence; after a sentence's end it opens a line ("Twitter/…")
        near_before, near_after = text[max(start, i - 12): i], text[i + 1: i + 13]
        if any(o in near_before and c in near_after and near_before.rfind(o) > near_before.rfind(c)
               for o, c in zip(_OPENERS, _CLOSERS)):
            continue
        lines.append(text[start:i])
        start = i + 1
    lines.append(text[start:])
    return [clean(x) for x in lines if clean(x)]


def appledaily_record(key: str, title: str, text: str) -> Record | None:
    """One story of the corpus: its text opens with the headline, printed over one or more lines (the
    title column holds them run together); the lines after it are the story's. None when the
    headline cannot be found at the start."""
    lines, wanted, seen = appledaily_lines(text), _squash(title), ""
    for n, line in enumerate(lines, 1):
        seen += _squash(line)
        if seen == wanted:
            return Record(key=key, kicker=None, title=" ".join(lines[:n]), subtitle=None, paragraphs=lines[n:])
        if not wanted.startswith(seen):
            return None
    return None


def read_appledaily_csv(data: bytes) -> Iterator[tuple[str, list[Record]]]:
    """A day of 蘋果日報 (Hong Kong) as the Apple Daily corpus keeps it: a CSV of key, date,
    article_daily_id (the story's place in the day, 0 the front-page lead), title and text. The corpus
    keeps no 版次, so a page is two consecutive stories of the day's first sixteen."""
    rows = sorted((r for r in _csv_rows(data) if (r.get("article_daily_id") or "").isdigit()
                   and int(r["article_daily_id"]) < APPLEDAILY_STORIES), key=lambda r: int(r["article_daily_id"]))
    pages: dict[str, list[Record]] = defaultdict(list)
    for row in rows:
        date, number = row.get("date") or "", int(row["article_daily_id"])
        if not re.fullmatch(r"\d{8}", date):
            continue
        record = appledaily_record(f"{date}-{number:03d}", clean(row.get("title") or ""), row.get("text") or "")
        if record is None:
            continue
        record.page_label = f"{date[:4]}年{date[4:6]}月{date[6:]}日"
        pages[f"{date}-{number // APPLEDAILY_PER_PAGE * APPLEDAILY_PER_PAGE:03d}"].append(record)
    for key in sorted(pages):
        yield key, pages[key]


READERS["appledaily-csv"] = read_appledaily_csv


# 台灣蘋果日報's 暖流 column (a charity case a day) as a charity project saved the site's pages of it: h1 the
# headline (the copy puts the charity's case number before it: "A3368 主題"), h2#h2 the 副题, the photo
# with its caption (no credit), p#introid the lead and the credit, then h2#bhead subheads and p#bcontent
# text, one line per <br>, closed by the case number as a last subhead ("基金會編號：A3368")
_TWAPPLE_CASE = re.compile(r"^A\d{3,5}[\s\u3000]*")
_TWAPPLE_PART = re.compile(r'<h2 id="bhead">(.*?)</h2>|<p id="(?:introid|bcontent)">(.*?)</p>', re.S)
_TWAPPLE_DATE = re.compile(r'<time datetime="(\d{4})/(\d{2})/(\d{2})')
# "……眼眶。報導．攝影╱某某某": the credit line glued to the lead in the saved copy
_TWAPPLE_GLUED = re.compile(r"(?<=[。！？」』）…])((?:報導|攝影)[^。！？」]{0,6}[╱／][^。！？」]{2,16})$")


def twapple_record(key: str, page: str) -> Record | None:
    """One 暖流 story: headline, 副题 and the printed lines in order. The uncredited photo caption is
    left off, and so is the case number and what follows it: whether the paper printed it under the
    story or the copy added it cannot be told."""
    title = _TWAPPLE_CASE.sub("", _tag_text(r'<h1 id="h1">(.*?)</h1>', page))
    if not title:
        return None
    lines = [line for head, text in _TWAPPLE_PART.findall(page) for line in _html_text(head or text)]
    case_at = next((i for i, line in enumerate(lines) if "基金會編號" in line), len(lines))
    paragraphs = []
    for line in lines[:case_at]:
        glued = _TWAPPLE_GLUED.search(line)
        paragraphs += [line[: glued.start()], glued.group(1)] if glued and glued.start() > 0 else [line]
    return Record(key=key, kicker=None, title=title, subtitle=_tag_text(r'<h2 id="h2">(.*?)</h2>', page) or None,
                  paragraphs=paragraphs)


def read_twapple_htm(data: bytes) -> Iterator[tuple[str, list[Record]]]:
    """A saved page of the 暖流 column: one story, printed alone on its page under the paper's date."""
    page = data.decode("utf-8", errors="replace")
    date = _TWAPPLE_DATE.search(page)
    case = _TWAPPLE_CASE.match(_tag_text(r'<h1 id="h1">(.*?)</h1>', page))
    if not date:
        return
    y, m, d = date.groups()
    key = f"{y}{m}{d}-{case.group().strip() if case else 'story'}"
    record = twapple_record(key, page)
    if record is None:
        return
    record.page_label = f"{y}年{m}月{d}日"
    yield key, [record]


READERS["twapple-htm"] = read_twapple_htm
