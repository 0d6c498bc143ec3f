"""Page PDFs made in the test run with reportlab: a printed page with three stories in columns,
as a typesetting system exports it, and knowledge of where each story's every line was drawn."""
import io
import zlib
from dataclasses import dataclass, field

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"  # one of reportlab's CID fonts: needs no font file
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

WIDTH, HEIGHT = 800, 1200  # points
MARGIN, GUTTER, COLUMNS = 40, 16, 4
COLUMN = (WIDTH - 2 * MARGIN - (COLUMNS - 1) * GUTTER) / COLUMNS
BODY_SIZE, LEADING = 10, 14

STORIES = {
    "water": {
        "title": "城区供水管网改造全面完工",
        "body": (
            "本报讯 记者李明 通讯员水务宣 记者昨日从市水务集团获悉,历时两年的城区供水管网改造工程已全面完工,"
            "老旧铸铁管全部换成球墨管,沿线居民告别了水压不足和水质发黄的烦恼。"
            "改造涉及河东河西两片老城区,共铺设新管道八十六公里,新建加压泵站三座。"
            "水务集团负责人介绍,施工期间采取夜间作业和分段停水的办法,尽量减少对居民用水的影响。"
            "今后将利用智能水表和漏损监测平台,及时发现爆管和漏水,让自来水安全稳定地流进千家万户。"
        ),
    },
    "school": {
        "title": "三所新建学校秋季开学迎新生",
        "body": (
            "本报讯 记者张华 九月一日,位于高新区的实验小学、滨江中学和城北幼儿园同时迎来首批新生,"
            "新增学位四千二百个,缓解了片区孩子上学难的问题。"
            "走进实验小学,塑胶跑道、科学实验室和图书馆一应俱全,孩子们在老师带领下参观校园。"
            "教育局有关负责人说,今年还将启动两所九年一贯制学校的建设,"
            "力争三年内让每个新建小区配套的学校同步规划、同步建设、同步交付使用。"
        ),
    },
    "market": {
        "title": "夜市烟火气回来了 摊主笑开颜",
        "body": (
            "本报讯 记者陈静 通讯员商务宣 入夜时分,东湖路美食街灯火通明,烧烤、糖水、炒粉摊位前排起长队。"
            "据商务部门统计,国庆假期夜市客流量超过三十万人次,摊主营业额比去年同期增长四成。"
            "为规范经营,街道统一划线设摊,安排城管和志愿者疏导交通、清理垃圾,"
            "并在路口设置公共停车点,方便驾车前来的游客。"
            "卖了十年牛杂的摊主老黄说,如今生意红火,环境也干净,一家人的日子越过越有盼头。"
            "下一步,商务部门还将引进非遗小吃和文创市集,把夜间经济做出特色。"
        ),
    },
}


@dataclass
class PrintedPage:
    data: bytes
    lines: dict = field(default_factory=dict)  # story key -> [(x, y, w, h)] in page fractions, top left origin


def _wrap(text, per_line):
    return [text[i:i + per_line] for i in range(0, len(text), per_line)]


def page_pdf(stories=STORIES, *, pages=1, encrypt=None, size=(WIDTH, HEIGHT), text=True, bleed=0) -> PrintedPage:
    """A page: the water story top left over two columns, the school story top right over two,
    the market story across all four below them; a page header and a staff box nobody wrote.

    ``bleed`` adds that many points of paper on each side, outside the crop box, with crop marks
    and a slug line on it, as a typesetting system exports for the printer."""
    buffer = io.BytesIO()
    width, height = size
    sheet = canvas.Canvas(buffer, pagesize=(width + 2 * bleed, height + 2 * bleed), encrypt=encrypt)
    if bleed:
        sheet.setCropBox((bleed, bleed, bleed + width, bleed + height))
    printed = PrintedPage(b"", {key: [] for key in stories})

    def draw(key, x, y, line, font_size):
        sheet.setFont(FONT, font_size)
        sheet.drawString(x, y, line)
        drawn = pdfmetrics.stringWidth(line, FONT, font_size)
        # a CID font's glyphs sit between the baseline's descent and its ascent
        ascent, descent = 0.88 * font_size, 0.12 * font_size
        if key:
            printed.lines[key].append(((x) / width, (height - y - ascent) / height, drawn / width, (ascent + descent) / height))

    def story(key, columns, top, bottom):
        """Title across ``columns`` at ``top``; the body flowing down each column to ``bottom``."""
        first = columns[0]
        left = MARGIN + first * (COLUMN + GUTTER)
        draw(key, left, top, stories[key]["title"], 22)
        per_line = int(COLUMN // BODY_SIZE)
        rows = _wrap(stories[key]["body"], per_line)
        y, column = top - 40, 0
        for row in rows:
            if y < bottom:
                column += 1
                y = top - 40
            x = MARGIN + columns[column] * (COLUMN + GUTTER)
            draw(key, x, y, row, BODY_SIZE)
            y -= LEADING

    for number in range(pages):
        if bleed:
            sheet.setFont(FONT, 8)
            sheet.drawString(4, 4, "印刷说明 裁切线外 第一印刷厂 城区供水管网改造 三所新建学校 夜市烟火气")
            sheet.line(0, bleed, bleed / 2, bleed)
            sheet.translate(bleed, bleed)
        if text:
            draw(None, MARGIN, height - 30, f"第{number + 1:02d}版 要闻  2026年11月29日 星期日", 9)
            keys = list(stories)
            story(keys[0], [0, 1], height - 80, height - 330)
            story(keys[1], [2, 3], height - 80, height - 300)
            story(keys[2], [0, 1, 2, 3], height - 420, height - 560)
            draw(None, MARGIN, 40, "值班主任:余某某  责编:钟某某  版式:戴某某", 9)
        sheet.showPage()
    sheet.save()
    printed.data = buffer.getvalue()
    return printed


# --- Hostile PDFs: small files that ask for unbounded work -------------------------------------------


def _raw_pdf(page_extra: bytes, objects: list[bytes]) -> bytes:
    """A one-page PDF written by hand: the page (object 3) gets ``page_extra``; ``objects`` are 4, 5 …"""
    body = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 800 1200] " + page_extra + b" >>",
        *objects,
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, text in enumerate(body, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + text + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(body) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(body) + 1, xref))
    return out.getvalue()


def _stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<< " + dictionary + b" /Filter /FlateDecode /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def _deflated(chunk: bytes, times: int) -> bytes:
    packer = zlib.compressobj(1)
    return b"".join(packer.compress(chunk) for _ in range(times)) + packer.flush()


def picture_bomb_pdf(side=16000) -> bytes:
    """A page showing one grey picture of side × side pixels, all zeros: a few hundred kB that
    decode to side² bytes."""
    picture = _stream(
        b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8" % (side, side),
        _deflated(bytes(side), side),
    )
    return _raw_pdf(
        b"/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R",
        [picture, _stream(b"", zlib.compress(b"q 800 0 0 1200 0 0 cm /Im0 Do Q"))],
    )


def drawing_bomb_pdf(megabytes=20) -> bytes:
    """A page whose content stream, 100 kB deflated, draws a line a million times over."""
    chunk = b"1 1 m 2 2 l S\n" * 70_000
    return _raw_pdf(b"/Contents 4 0 R", [_stream(b"", _deflated(chunk, megabytes))])


def many_pages_pdf(count=3000) -> bytes:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument.new()
    for _ in range(count):
        document.new_page(WIDTH, HEIGHT)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- A page set as a typesetting system sets it ------------------------------------------------------
# Justified lines (the slack spread over every gap between characters), each paragraph indented two
# characters, a subhead centred in its column, the words of a credit line set apart by moves rather
# than space characters, a picture with its caption in smaller type; and the same page as the text
# file the typesetting system exports beside it.

TYPESET = [
    {
        "title": "湿地公园开放首日游人如织",
        "pieces": [
            ("credit", ["本报记者", "周敏", "通讯员", "园林宣"]),
            ("paragraph", "湿地公园昨日正式对外开放，市民带着孩子前来观鸟、散步，园内栈道串起大小十二个湖塘，"
                          "种植水生植物六十余种，成为城东居民家门口的好去处。"),
            ("paragraph", "公园管理处负责人介绍，开园首日入园游客超过两万人次，管理处在各入口安排志愿者引导分流，"
                          "并开通线上预约，避免节假日人流过于集中。"),
            ("subhead", "栈道串起十二个湖塘"),
            ("paragraph", "沿着木栈道走进公园深处，芦苇随风摇曳，白鹭在浅滩上觅食。园内还设置了科普长廊和观鸟屋，"
                          "讲解员每天定时为游客介绍湿地里的动植物。"),
            ("photo", ["游客在栈道上观鸟。", "本报记者 周敏 摄"]),
        ],
    },
    {
        "title": "社区图书馆延长开放时间",
        "pieces": [
            ("paragraph", "本报讯 从本月起，全市四十家社区图书馆每晚开放到九点，周末全天开放，"
                          "方便上班族和学生借书读书。"),
            ("paragraph", "馆内还增设了自习座位和充电设施，读者凭身份证即可办理借阅证，"
                          "借还图书不再需要押金，一次最多可借十本。"),
            ("credit", ["通讯员", "林文轩"]),
        ],
    },
]
CAPTION_SIZE, PHOTO_HEIGHT = 8, 90
_NO_LINE_START = tuple("，。、；：！？”）》")


def typeset_text(stories=TYPESET) -> str:
    """The page as the typesetting system's text file: a line for each headline, paragraph, subhead,
    credit line and caption, a blank line between them."""
    out = []
    for story in stories:
        out.append(story["title"])
        for _kind, content in story["pieces"]:
            out.append(" ".join(content) if isinstance(content, list) else content)
    return "\n\n".join(out) + "\n"


def typeset_page_pdf(stories=TYPESET) -> bytes:
    """The page: the first story over the left two columns, the second over the right two."""
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=(WIDTH, HEIGHT))
    sheet.setFont(FONT, 9)
    sheet.drawString(MARGIN, HEIGHT - 30, "第02版 城事  2026年11月29日 星期日")
    top, bottom = HEIGHT - 80, HEIGHT - 330
    for index, story in enumerate(stories):
        columns = [2 * index, 2 * index + 1]
        sheet.setFont(FONT, 22)
        sheet.drawString(MARGIN + columns[0] * (COLUMN + GUTTER), top, story["title"])
        place = {"column": 0, "y": top - 40}

        def line_at(height):
            """The baseline for a line of this height, moving to the next column at the bottom."""
            if place["y"] - height < bottom and place["column"] + 1 < len(columns):
                place["column"] += 1
                place["y"] = top - 40
            y = place["y"]
            place["y"] -= height
            return MARGIN + columns[place["column"]] * (COLUMN + GUTTER), y

        for kind, content in story["pieces"]:
            if kind == "paragraph":
                rows = _set_paragraph(content)
                for number, row in enumerate(rows):
                    x, y = line_at(LEADING)
                    indent = 2 * BODY_SIZE if number == 0 else 0
                    _draw_justified(sheet, x + indent, y, row, COLUMN - indent, BODY_SIZE, last=number == len(rows) - 1)
            elif kind == "subhead":
                place["y"] -= LEADING / 2
                x, y = line_at(LEADING)
                place["y"] -= LEADING / 2
                drawn = pdfmetrics.stringWidth(content, FONT, BODY_SIZE)
                sheet.setFont(FONT, BODY_SIZE)
                sheet.drawString(x + (COLUMN - drawn) / 2, y, content)
            elif kind == "credit":  # words a full-width space apart, set as moves: no space character drawn
                x, y = line_at(LEADING)
                _draw_words(sheet, x + 2 * BODY_SIZE, y, content, BODY_SIZE, gap=BODY_SIZE)
            elif kind == "photo":
                x, y = line_at(PHOTO_HEIGHT + LEADING)
                sheet.setFillGray(0.7)
                sheet.rect(x, y - PHOTO_HEIGHT, COLUMN, PHOTO_HEIGHT, stroke=0, fill=1)
                sheet.setFillGray(0)
                x, y = line_at(LEADING)
                caption, credit = content
                _draw_words(sheet, x, y, [caption], CAPTION_SIZE, gap=0)
                _draw_words(sheet, x + COLUMN - pdfmetrics.stringWidth(credit, FONT, CAPTION_SIZE), y, [credit], CAPTION_SIZE, gap=0)
    sheet.showPage()
    sheet.save()
    return buffer.getvalue()


def _set_paragraph(text):
    """The paragraph's lines: as many characters as the column holds (two fewer on the indented
    first line), a punctuation mark that may not open a line kept at the end of the one before."""
    rows, rest, room = [], text, int(COLUMN // BODY_SIZE) - 2
    while rest:
        take = room
        while take < len(rest) and rest[take].startswith(_NO_LINE_START):
            take += 1
        rows.append(rest[:take])
        rest, room = rest[take:], int(COLUMN // BODY_SIZE)
    return rows


def _draw_justified(sheet, x, y, row, width, size, *, last):
    text = sheet.beginText(x, y)
    text.setFont(FONT, size)
    if not last and len(row) > 1:
        text.setCharSpace((width - pdfmetrics.stringWidth(row, FONT, size)) / (len(row) - 1))
    text.textOut(row)
    sheet.drawText(text)


def _draw_words(sheet, x, y, words, size, *, gap):
    sheet.setFont(FONT, size)
    for word in words:
        sheet.drawString(x, y, word)
        x += pdfmetrics.stringWidth(word, FONT, size) + gap
