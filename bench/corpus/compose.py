"""Compose page text files and their gold annotations from article records.

Pure functions, no I/O: `build.py` reads the sources and writes what these return.
An article record is what a scraped e-paper keeps for one story: kicker (引题), title (主题),
subtitle (副题), and the body paragraphs as printed. The gold comes from those fields and
from the printed lines themselves (电头, bracketed or stand-alone reporter credits, "… 摄"
photo captions, "据…" source lines, staff lines), never from the parser under test.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

# "epaper-lines": an e-paper text export that prints a story as one run of lines, paragraphs told
# apart only by their two-space indent (as the 人民日报 archive files are)
STYLES = ("markdown", "plain", "epaper", "epaper-lines")
# "packed": text copied out of a layout program or a web page, one paragraph a line with no blank line
# and no indent between them (a blank line between stories). Only when asked for (`--style`): the
# default build draws from STYLES, so adding a way of printing left its pages as they were.
# "wrapped": text as OCR reads a column, each printed line a line (at a column width of 12 to 22
# characters, drawn per story), paragraphs not set apart, a blank line between stories.
# "spaced": plain, with two blank lines wherever plain has one (a word processor's paragraph spacing).
FORCED_STYLES = STYLES + ("packed", "wrapped", "spaced")
_RUN_STYLES = ("epaper-lines", "packed", "wrapped")  # a story printed as one run of lines
_BETWEEN = {**{style: "\n" for style in _RUN_STYLES}, "spaced": "\n\n\n"}  # printed between paragraphs
STAFF_PLACES = ("inline", "top", "foot")

# 本报北京10月8日电 / 新华社北京10月8日电 / 本报讯 / 都市快报讯, then an optional bracketed credit;
# 【本報訊】: the Hong Kong papers print theirs in traditional characters, in lenticular brackets
_DATELINE = re.compile(r"^((?:本报|新华社|人民日报)[^\s，。（(]{0,14}?电|本报讯|[\u4e00-\u9fff]{2,6}报讯)"
                       r"|^【(本報訊)】")
_CREDIT = re.compile(r"^[\s\u3000]*[（(]((?:记者|通讯员)[^（）()]{1,40})[）)]")
_ROLE_WORDS = {"记者": "reporter", "通讯员": "correspondent", "記者": "reporter", "通訊員": "correspondent"}
_NAME = re.compile(r"[\u4e00-\u9fff·]{2,4}")
_NOT_NAME = re.compile(r"生$|记者|通讯员|编辑|摄影|见习|实习|記者|通訊員|編輯|攝影|見習|實習")
_PHOTO_CREDIT = re.compile(r"摄[\s\u3000]*(（[^）]*）)?[\s\u3000]*$")
_SENTENCE_END = "。！？!?…”」』）)：:；;，,"

# a photo caption printed with its credit: "樱花跑道的樱花开花率今天将达60%以上 徐青青 摄"
_CAPTION = re.compile(r"^(?P<caption>.{4,150}?)[\s\u3000]+(?P<tail>(?:(?:本报|新华社|[\u4e00-\u9fff]{2,6}报)?"
                      r"(?:记者|通讯员)[\s\u3000]*)?(?P<credit>[\u4e00-\u9fff·]{2,4}(?:[\s\u3000、]+"
                      r"[\u4e00-\u9fff·]{2,4}){0,2})[\s\u3000]*摄)$")
# "… 杭州具身智能展示中心供图": an organisation supplied the photo
_SUPPLIED = re.compile(r"^(?P<caption>.{4,150}?)[\s\u3000]+(?P<tail>(?P<credit>[\u4e00-\u9fff·]{2,16})供图)$")
# "受访者供图", "企业供图": a supplier too generic to be anyone's credit
# "据新华社" closing a story: the organisation that supplied it
_SOURCE_LINE = re.compile(r"^据([\u4e00-\u9fff·]{2,12}?)(等)?$")
_SOURCE_TAIL = re.compile(r"(?<=[。！？”])据([\u4e00-\u9fff·]{2,12}?)(等)?$")
# "……。（某某气象台提供）" closing the last paragraph: a bracketed credit whose form is not settled
# "（新华社北京10月12日电  记者某某、某某）" printed alone after the last paragraph (agency copy): the story's 电头
# and its reporters, neither of them body text
_CLOSING_DATELINE = re.compile(r"^[（(]((?:据)?(?:新华社|本报|中新社|人民日报)[^\s，。（()）]{0,14}?电)[\s\u3000]*([^（）()]*)[）)]$")
_CLOSING_BRACKET = re.compile(r"[。！？”][\s\u3000]*[（(][^（）()。，]{2,20}[）)]$")
# "路透社", "美聯社／法新社", "Twitter/《某報》" printed alone under a story: the agency or feed it came from;
# "周一、三、五刊出": when a column runs, under its columnist's signature
_CLOSING_SOURCE = re.compile(r"(?:社|外電|外电|刊出)$|^[A-Za-z][A-Za-z .]*[/／]")
# "综合新华社等报道": a story compiled from several sources
_COMPILED_LINE = re.compile(r"^综合[^。，]{2,30}$")
# "杭州濮家小学教育集团 纪继兰": a short line ending in a name, a signature under a quoted comment
# "图为……。" / "图①：……": a caption printed on its own, its credit on the next line ("新华社记者  张  三摄")
_CAPTION_OPENER = re.compile(r"^(图为|图[①-⑳]|上图|下图|左图|右图)")
_CREDIT_ALONE = re.compile(r"^(?:[\u4e00-\u9fff]{0,6}?(?:记者|通讯员))?[\s\u3000]*"
                           r"(?P<names>[\u4e00-\u9fff·\s\u3000、]{2,16}?)[\s\u3000]*摄[\s\u3000]*(（[^）]*）)?$")
_SIGNED_LINE = re.compile(r"^\S.{1,24}[\s\u3000]+[\u4e00-\u9fff]{2,3}$")


@dataclass
class Record:
    """One story as the source keeps it."""

    key: str  # stable id inside its source, e.g. "20191009-04-02"
    kicker: str | None
    title: str
    subtitle: str | None
    paragraphs: list[str]
    page_label: str | None = None  # the e-paper's label of the page the story is on: "2019年10月09日 第04版"


@dataclass
class Page:
    name: str
    text: str
    gold: dict = field(default_factory=dict)
    style: str = ""  # how the text arrives (STYLES) and where the staff lines went, e.g. "epaper/foot"


def clean(line: str) -> str:
    return line.replace("\xa0", " ").strip(" \u3000\t\r")


def parse_credit(text: str) -> list[dict] | None:
    """People named in a credit such as "记者 林建安 通讯员 黄小依" or "记者张三、李四", or None when
    the credit holds anything else (an unknown role word, a name that is not 2-4 characters)."""
    parts = [p for p in re.split(r"[\s\u3000]*(?=记者|通讯员|記者|通訊員)", text.strip()) if p]
    bylines = []
    for part in parts:
        role_word = next((w for w in _ROLE_WORDS if part.startswith(w)), None)
        if role_word is None:
            return None
        rest = part[len(role_word):]
        if role_word in ("記者", "通訊員"):  # "記者：梁某某　陳某某": the Hong Kong form puts a colon after the role
            rest = re.sub(r"^[\s\u3000]*[：:]", "", rest)
        names = [n for n in re.split(r"[、\s\u3000]+", rest) if n]
        if not names or any(not _NAME.fullmatch(n) or _NOT_NAME.search(n) for n in names):
            return None
        bylines += [{"name": n, "role": _ROLE_WORDS[role_word]} for n in names]
    return bylines or None


def dateline_of(lead: str) -> tuple[str, int] | None:
    """The 电头 opening a lead paragraph and where the printed 电头 ends (after its brackets, if any)."""
    m = _DATELINE.match(lead)
    return (m.group(1) or m.group(2), m.end()) if m else None


def parse_lead(first: str) -> tuple[str | None, list[dict], str | None]:
    """Read the 电头 and a strictly bracketed credit from a lead paragraph.

    Returns (dateline, bylines, ambiguity): ambiguity names why the credit cannot be read
    strictly (then the story is marked optional rather than guessed)."""
    found = dateline_of(first)
    if not found:
        if re.search(r"记者|通讯员", first[:40]):
            return None, [], "credit without a dateline"
        return None, [], None
    dateline, end = found
    rest = first[end:]
    c = _CREDIT.match(rest)
    if not c:
        if re.search(r"记者|通讯员", rest[:30]):
            return dateline, [], "credit not in brackets"
        return dateline, [], None
    bylines = parse_credit(c.group(1))
    if bylines is None:
        return dateline, [], "credit of unknown form"
    return dateline, bylines, None


# page staff credits printed at a story's foot: 版式设计：蔡华伟 / 本版责编：A  B / 本版摄影：C  版式设计：D
_STAFF_ROLE = r"(?:版式设计|版式|本版责编|责任编辑|责编|图片编辑|美编|本版制图|制图|本期统筹|本版统筹|本版摄影|本版主持|校对)"
_STAFF = re.compile(rf"^(?:{_STAFF_ROLE}(?:[：:]|[\s\u3000]+(?=[\u4e00-\u9fff]))[\s\u3000]*[\u4e00-\u9fff·、\s\u3000]+?)+$")
_STAFF_PART = re.compile(rf"({_STAFF_ROLE})(?:[：:]|[\s\u3000]+)[\s\u3000]*(.+?)(?=[\s\u3000]+{_STAFF_ROLE}(?:[：:]|[\s\u3000])|$)")
_NOT_SUBHEAD = re.compile(r"^(——|—|（|\(|〔|【)|[：:]|记者|通讯员|编辑|摄|来源|电$")


def _staff_names(text: str) -> list[str] | None:
    """Names in a staff credit; a two-character name may be printed padded ("郭  祥")."""
    tokens = [t for t in re.split(r"[、\s\u3000]+", text) if t]
    names, i = [], 0
    while i < len(tokens):
        if len(tokens[i]) == 1 and i + 1 < len(tokens) and len(tokens[i + 1]) == 1:
            names.append(tokens[i] + tokens[i + 1])
            i += 2
            continue
        names.append(tokens[i])
        i += 1
    return names if names and all(_NAME.fullmatch(n) and not _NOT_NAME.search(n) for n in names) else None


def staff_credits(paragraph: str) -> list[dict]:
    """The page staff named in one printed staff line, or [] when the line is not one."""
    line = clean(paragraph)
    if len(line) > 40 or not _STAFF.match(line):
        return []
    credits = []
    for m in _STAFF_PART.finditer(line):
        names = _staff_names(m.group(2))
        if names is None:
            return []
        credits += [{"name": n, "role": m.group(1)} for n in names]
    return credits


# labels of boxed parts (核心阅读 …): they name a box, they are not subheadings of the story
BOX_LABELS = {"图片说明：", "核心阅读", "开栏的话", "内容提要", "编者的话", "编者按", "阅读提示", "链接", "相关链接"}
_SIGNATURE = re.compile(r"^[\u4e00-\u9fff]{1,2}[\s\u3000]+[\u4e00-\u9fff]{1,2}$")
NOT_STORIES = {"广告", "图片报道", "本报地址"}


def is_subhead(paragraph: str) -> bool:
    """A short paragraph printed on its own with no sentence punctuation at its end (a closing quote
    mark after a word, as in 拿下“金奖中的金奖”, is not sentence punctuation)."""
    p = clean(paragraph)
    last = p.rstrip("”」』") or p
    return (2 <= len(p) <= 30 and p not in BOX_LABELS and not _SIGNATURE.match(p) and not p.endswith("——")
            and last[-1] not in _SENTENCE_END and not _PHOTO_CREDIT.search(p) and not _NOT_SUBHEAD.search(p))


def closing_credit(paragraph: str) -> bool:
    """A short line naming people (a signature or closing credit) whose role the source does not give."""
    p = clean(paragraph)
    return len(p) <= 30 and not staff_credits(p) and (bool(re.search(r"记者|通讯员|编者|作者", p))
                                                        or bool(_SIGNATURE.match(p)) or bool(_SIGNED_LINE.match(p))
                                                        or p.startswith(("——", "（", "(")))


def usable(record: Record) -> bool:
    """Stories the corpus keeps: a real headline and a body of some length."""
    body = "".join(record.paragraphs)
    return bool(record.title) and record.title not in NOT_STORIES and len(body) >= 80


def caption_of(paragraph: str) -> dict | None:
    """A photo caption printed with its credit ("… 徐青青 摄", "… 某单位供图"): caption, credit, the
    printed credit part and the credit's byline role; None when the line is not one."""
    p = clean(paragraph)
    for pattern, role in ((_CAPTION, "photographer"), (_SUPPLIED, "source")):
        m = pattern.match(p)
        if not m:
            continue
        caption, credit = m.group("caption").strip(" \u3000"), m.group("credit")
        if re.search(r"(记者|通讯员|摄影)$", caption) or re.search(r"记者|通讯员|摄影", credit) or len(caption) < 4:
            return None
        if role == "source" and len(credit) <= 3:
            return {"caption": caption, "credit": None, "printed": m.group("tail"), "role": None}
        return {"caption": caption, "credit": re.sub(r"[\s\u3000、]+", "、", credit), "printed": m.group("tail"),
                "names": re.split(r"[\s\u3000、]+", credit), "role": role}
    return None


# "報導．攝影╱某某" (台灣蘋果日報): the writer, who took the photos too, is listed once with the text role;
# "攝影╱某某" alone credits the photographer
_SLASH_CREDIT = re.compile(r"^(?P<role>報導(?:[．•.・][\s\u3000]*攝影)?|攝影)[\s\u3000]*[╱／]"
                           r"[\s\u3000]*(?P<names>[\u4e00-\u9fff·、\s\u3000]{2,20})$")


def credit_line(paragraph: str) -> list[dict] | None:
    """A line that is only a credit, printed apart from the lead: "记者 董吕平 通讯员 何超", "本报记者  杨硕",
    "新华社记者 韩洁 王希", and in traditional characters "記者：梁某某　陳某某", "■記者何某某",
    "報導．攝影╱某某"."""
    slash = _SLASH_CREDIT.match(clean(paragraph))
    if slash:
        names = [n for n in re.split(r"[、\s\u3000]+", slash.group("names")) if n]
        if not names or any(not _NAME.fullmatch(n) or _NOT_NAME.search(n) for n in names):
            return None
        role = "photographer" if slash.group("role") == "攝影" else "reporter"
        return [{"name": n, "role": role} for n in names]
    # "本报记者 杨硕" (the paper's own reporter), "新华社记者 韩洁 王希" (the news agency's)
    p = re.sub(r"^(?:本报|新华社)(?=记者|通讯员)|^■(?=記者|通訊員)", "", clean(paragraph))
    if len(p) > 40 or not p.startswith(("记者", "通讯员", "記者", "通訊員")):
        return None
    return parse_credit(p)


def classify(paragraphs: list[str]) -> tuple[list[tuple[str, str, object]], list[str]]:
    """Label each printed paragraph of a story: body, subhead, caption, credit, source, staff;
    lines that cannot be labelled without guessing are dropped from the page. Returns the labelled
    paragraphs in order and the reasons (if any) why the story's gold would be a guess."""
    ambiguities = []
    out: list[tuple[str, str, object]] = []
    paragraphs = [clean(p) for p in paragraphs if clean(p)]
    if paragraphs:  # "……回家休息。据南方都市报": the source line glued to the last paragraph
        m = _SOURCE_TAIL.search(paragraphs[-1])
        if m and m.start() > 0:
            paragraphs[-1:] = [paragraphs[-1][: m.start()], paragraphs[-1][m.start():]]
    lead_seen = False
    for p in paragraphs:
        cap = caption_of(p)
        if cap:
            out.append(("caption", p, cap))
            continue
        if _CAPTION_OPENER.match(p) and len(p) <= 200:
            out.append(("caption", p, {"caption": p, "credit": None, "printed": p, "role": None}))
            continue
        if _PHOTO_CREDIT.search(p) and len(p) <= 40:
            alone = _CREDIT_ALONE.match(p)
            names = _staff_names(alone.group("names")) if alone else None
            last = out[-1] if out else None
            if names and last and last[0] == "caption" and last[2]["credit"] is None and last[2]["printed"] == last[1]:
                last[2].update(credit="、".join(names), names=names, role="photographer")
                out.append(("photo credit", p, None))
            continue  # else a photo credit whose caption the source does not keep with it
        credit = credit_line(p)
        if credit:
            out.append(("credit", p, credit))
            continue
        closing = _CLOSING_DATELINE.match(p) if lead_seen else None
        if closing:
            out.append(("closing dateline", p, closing))
            continue
        if len(p) <= 30 and re.search(r"[╱／]", p) and re.search(r"報導|攝影", p):
            ambiguities.append("credit of unknown form")  # "李某╱報導•攝影", a slash credit not in the strict form
            out.append(("body", p, None))
            continue
        staff = staff_credits(p)
        if staff:
            out.append(("staff", p, staff))
            continue
        if _COMPILED_LINE.match(p):
            ambiguities.append("story compiled from several sources")
            out.append(("body", p, None))
            continue
        source = _SOURCE_LINE.match(p)
        if source:
            if source.group(2):
                ambiguities.append("source line naming several sources")
            out.append(("source", p, source.group(1)))
            continue
        if not lead_seen and len(p) < 30 and (p.rstrip("”」』") or p)[-1] not in _SENTENCE_END:
            if p in BOX_LABELS:
                out.append(("body", p, None))
            elif re.search(r"记者|通讯员", p) or (re.search(r"[：:]", p) and len(p) <= 20):
                ambiguities.append("credit or labelled line of unknown form before the lead")
                out.append(("body", p, None))
            # else: a photo note, a column label or a QR-code prompt above the lead: not printed
            continue
        lead_seen = True
        out.append(("subhead" if is_subhead(p) else "body", p, None))
    # two short lines printed as one subhead ("血管完全堵死" / "吃速效救心丸无效") between body paragraphs
    merged: list[tuple[str, str, object]] = []
    i = 0
    while i < len(out):
        kind, text, data = out[i]
        nxt = out[i + 1] if i + 1 < len(out) else None
        if (nxt and kind in ("subhead", "body") and nxt[0] == "subhead" and len(text) <= 30
                and (kind == "subhead" or text.endswith(("：", ":"))) and merged and merged[-1][0] == "body"
                and i + 2 < len(out) and out[i + 2][0] == "body"):
            merged.append(("subhead", f"{text}\n{nxt[1]}", None))
            i += 2
            continue
        merged.append(out[i])
        i += 1
    lines = [text for kind, text, _ in merged if kind in ("body", "subhead")]
    if len(lines) >= 4 and sum(len(t) < 30 for t in lines) * 2 > len(lines):
        ambiguities.append("a list or table rather than running text")
    return merged, ambiguities


def _spans(paragraphs: list[str], rng: random.Random, count: int) -> list[str]:
    long = [p for p in paragraphs if len(p) >= 30]
    picks = rng.sample(long, min(count, len(long)))
    out = []
    for p in picks:
        start = rng.randrange(0, len(p) - 16)
        out.append(p[start:start + 16])
    return out


def _headline_lines(record: Record, style: str) -> list[str]:
    lines = []
    if style == "markdown":
        if record.kicker:
            lines.append(f"## {record.kicker}")
        lines.append(f"# {record.title}")
    else:
        if record.kicker:
            lines.append(record.kicker)
        lines.append(record.title)
    if record.subtitle:
        lines.append(record.subtitle)
    return lines


def _add_byline(bylines: list[dict], name: str, role: str) -> None:
    if all(b["name"] != name for b in bylines):
        bylines.append({"name": name, "role": role})


def compose_article(record: Record, style: str, rng: random.Random,
                    staff_inline: bool = True) -> tuple[str, dict, list[dict], list[str]]:
    """Return the printed text of one story, its gold entry, the page staff it names and its staff
    lines (printed in the story only when `staff_inline`)."""
    pieces, ambiguities = classify(record.paragraphs)
    body = [text for kind, text, _ in pieces if kind == "body"]
    # the lead is the first paragraph with a 电头 when a summary box is printed above it
    leads = [i for i, text in enumerate(body) if dateline_of(text) and dateline_of(text)[1] < len(text)]
    # "新华社广州4月28日电" printed alone at the foot (新华社 features): whether it is the story's 电头 is
    # not settled (a 电头 opens a story), so the story is not scored
    if any(_DATELINE.fullmatch(text) for text in body):
        ambiguities.append("a 电头 printed at the story's end")
    lead = body[leads[0]] if leads and leads[0] < 5 else body[0] if body else ""
    if len(leads) > 1:
        ambiguities.append("several datelines (a round-up)")
    dateline, bylines, ambiguity = parse_lead(lead) if body else (None, [], None)
    ambiguities += [ambiguity] if ambiguity else []
    if any(closing_credit(text) for kind, text, _ in pieces if kind == "body") or (
            body and _CLOSING_BRACKET.search(body[-1])):
        ambiguities.append("closing credit or signature")
    # a news agency or a feed closing the story ("路透社", "Twitter/《某報》"), or a column's schedule, is
    # a short line the gold does not settle; it is no subhead
    if len(pieces) > 1 and pieces[-1][0] == "subhead" and _CLOSING_SOURCE.search(pieces[-1][1]):
        ambiguities.append("closing source line")
    photos, excludes, staff, staff_lines = [], [], [], []
    closing_dateline = None
    for kind, text, data in pieces:
        if kind == "closing dateline":
            closing_dateline, inside = data.group(1), data.group(2).strip()
            people = parse_credit(inside) if inside else []
            if dateline or people is None:  # a second 电头, or more than reporters ("，参与采写：…")
                ambiguities.append("closing 电头 the gold cannot settle")
            for b in people or []:
                _add_byline(bylines, b["name"], b["role"])
            excludes.append(text)
        elif kind == "credit":
            for b in data:
                _add_byline(bylines, b["name"], b["role"])
            excludes.append(text)
        elif kind == "caption":
            photos.append({"caption": data["caption"], "credit": data["credit"]})
            excludes += list(dict.fromkeys([data["caption"], data["printed"]]))
            for name in data.get("names", []) if data["role"] else []:
                _add_byline(bylines, name, data["role"])
        elif kind == "photo credit":
            excludes.append(text)
        elif kind == "source":
            _add_byline(bylines, data, "source")
        elif kind == "staff":
            staff += data
            staff_lines.append(text)
            excludes.append(text)
    dateline_end = dateline_of(lead)[1] if dateline else 0
    if dateline:
        excludes.insert(0, lead[:dateline_end])
        credit = _CREDIT.match(lead[dateline_end:])
        if credit and bylines:
            excludes.insert(1, credit.group(1))
    # the 电头 and the credit after it are not body text: no body check may reach into them
    lead_prefix = 0
    if dateline:
        credit = _CREDIT.match(lead[dateline_end:])
        lead_prefix = dateline_end + (credit.end() if credit else 0)
    contains = _spans([t[lead_prefix:] if t is lead else t for t in body], rng, 2)
    dateline = dateline or closing_dateline

    # a column break in the middle of a sentence: the rest of the paragraph is a new block
    break_at = next((i for i, (kind, text, _) in enumerate(pieces)
                     if kind == "body" and len(text) > 60 and rng.random() < 0.35), None)
    captions = [i for i, (kind, _, _) in enumerate(pieces) if kind == "caption"
                and (i + 1 == len(pieces) or pieces[i + 1][0] != "photo credit")]
    # a caption printed in that break, between the columns, as a page layout puts it
    caption_in_break = captions[0] if break_at is not None and captions and rng.random() < 0.5 else None
    printed: list[str] = []
    for i, (kind, text, _) in enumerate(pieces):
        if (kind == "staff" and not staff_inline) or i == caption_in_break:
            continue
        line = ("\u3000\u3000" + text) if style.startswith("epaper") and kind == "body" else text
        if i == break_at:
            low = 20 + (lead_prefix if text is lead else 0)
            cut = rng.randrange(low, len(text) - 20) if low < len(text) - 20 else len(text) // 2
            indent = len(line) - len(text)
            printed.append(line[: cut + indent])
            if caption_in_break is not None:
                printed.append(pieces[caption_in_break][1])
            printed.append(line[cut + indent:])
            contains.append(text[max(0, cut - 8): cut + 8])
            continue
        printed.append(line)
    if style == "wrapped":
        # the staff lines stand in a box of their own; the rest runs in the story's column
        width = random.Random(record.key).randrange(12, 23)
        boxed = {text for kind, text, _ in pieces if kind == "staff"}
        printed = [line if line in boxed else _wrap(line, width) for line in printed]
    text = _BETWEEN.get(style, "\n\n").join(_headline_lines(record, style) + printed)
    gold = {
        "kicker": record.kicker or None,
        "title": record.title,
        "subtitle": record.subtitle or None,
        "dateline": dateline,
        "bylines": bylines,
        "subheads": [t for kind, t, _ in pieces if kind == "subhead"],
        "photos": photos,
        "body_contains": contains,
        "body_excludes": excludes,
        "optional": bool(ambiguities),
    }
    return text, gold, staff, staff_lines


_NO_LINE_START = set("，。、；：！？…）」』】”’,.;:!?)")  # 避头尾: typesetting opens no line with these


def _wrap(text: str, width: int) -> str:
    """The text in lines of `width` characters, a closing mark kept on the line it closes (a space where
    a line breaks is not printed)."""
    lines, start = [], 0
    while start < len(text):
        if text[start] == " " and lines:
            start += 1
            continue
        end = start + width
        while end < len(text) and text[end] in _NO_LINE_START:
            end += 1
        lines.append(text[start:end])
        start = end
    return "\n".join(lines)


def compose_page(name: str, publication: str, records: list[Record], seed: str, style: str | None = None) -> Page:
    """Compose one page from the stories a source printed on it, in their printed order.

    Per page (seeded by its name) it picks how the text arrives: markdown, plain or e-paper export
    (indented paragraphs under the e-paper's page label, with blank lines between paragraphs or
    with each story printed as one run of lines), and where the staff lines printed in the
    stories go: where the source has them, or gathered in a box at the top or foot of the page.
    `style` forces how the text arrives; the rest is drawn as without it, so a page composed in each
    style holds the same stories, spans and staff lines."""
    rng = random.Random(seed)
    drawn = STYLES[rng.randrange(len(STYLES))]
    style = style or drawn
    staff_place = STAFF_PLACES[rng.randrange(len(STAFF_PLACES))]
    texts, golds, masthead, staff_lines = [], [], [], []
    for record in records:
        text, gold, staff, lines = compose_article(record, style, rng, staff_inline=staff_place == "inline")
        texts.append(text)
        golds.append(gold)
        masthead += [c for c in staff if c not in masthead]
        staff_lines += lines
    if staff_place == "top" and staff_lines:
        texts.insert(0, "\n".join(staff_lines))
    elif staff_place == "foot" and staff_lines:
        texts.append("\n".join(staff_lines))
    label = records[0].page_label if records else None
    if style.startswith("epaper") and label:
        texts.insert(0, f"{publication} {label}")
    page_text = ("\n\n\n" if style == "spaced" else "\n\n").join(texts) + "\n"
    gold = {
        "file": f"{name}.txt",
        "publication": publication if publication in page_text else None,
        "masthead": masthead,
        "photos": [],
        "articles": golds,
    }
    return Page(name=name, text=page_text, gold=gold, style=f"{style}/{staff_place}")
