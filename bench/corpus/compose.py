"""Compose page text files and their gold annotations from article records.

Pure functions, no I/O: `build.py` reads the sources and writes what these return.
An article record is what a scraped e-paper keeps for one story: kicker (引题), title (主题),
subtitle (副题), and the body paragraphs as printed. The gold comes from those fields and
from the printed lead of the body (电头 and the bracketed reporter credit), never from the
parser under test.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

STYLES = ("markdown", "plain", "epaper")

# 本报北京10月8日电 / 新华社北京10月8日电, followed by an optional bracketed credit.
_DATELINE = re.compile(r"^((?:本报|新华社|人民日报)[^\s，。（(]{0,14}?电)")
_CREDIT = re.compile(r"^[\s\u3000\xa0]*[（(]((?:记者|通讯员)[^（）()]{1,40})[）)]")
_ROLE_WORDS = {"记者": "reporter", "通讯员": "correspondent"}
_PHOTO_CREDIT = re.compile(r"摄[\s\u3000]*(（[^）]*）)?[\s\u3000]*$")
_SENTENCE_END = "。！？!?…”」』）)：:；;，,"


@dataclass
class Record:
    """One story as the source keeps it."""

    key: str  # stable id inside its source, e.g. "20191009-04-02"
    kicker: str | None
    title: str
    subtitle: str | None
    paragraphs: list[str]


@dataclass
class Page:
    name: str
    text: str
    gold: dict = field(default_factory=dict)


def clean(line: str) -> str:
    return line.replace("\xa0", " ").strip(" \u3000\t\r")


def parse_lead(first: str) -> tuple[str | None, list[dict], str | None]:
    """Read the 电头 and a strictly bracketed credit from a lead paragraph.

    Returns (dateline, bylines, ambiguity): ambiguity names why the credit cannot be read
    strictly (then the story is marked optional rather than guessed)."""
    m = _DATELINE.match(first)
    if not m:
        if re.search(r"记者|通讯员", first[:40]):
            return None, [], "credit without a dateline"
        return None, [], None
    dateline = m.group(1)
    rest = first[m.end():]
    c = _CREDIT.match(rest)
    if not c:
        if re.search(r"记者|通讯员", rest[:30]):
            return dateline, [], "credit not in brackets"
        return dateline, [], None
    bylines = []
    for part in re.split(r"[\s\u3000]+(?=记者|通讯员)", c.group(1).strip()):
        role_word = next((w for w in _ROLE_WORDS if part.startswith(w)), None)
        if role_word is None:
            return dateline, [], "credit of unknown form"
        names = [n for n in re.split(r"[、\s\u3000]+", part[len(role_word):]) if n]
        if not names or any(not re.fullmatch(r"[\u4e00-\u9fff·]{2,5}", n) for n in names):
            return dateline, [], "credit of unknown form"
        bylines += [{"name": n, "role": _ROLE_WORDS[role_word]} for n in names]
    return dateline, bylines, None


# page staff credits printed at a story's foot: 版式设计：蔡华伟 / 本版责编：A  B
_STAFF = re.compile(r"^(版式设计|本版责编|责任编辑|责编|图片编辑|美编|制图)[：:][\s\u3000]*"
                    r"([\u4e00-\u9fff·]{2,4}(?:[、\s\u3000]+[\u4e00-\u9fff·]{2,4})*)$")
_NOT_SUBHEAD = re.compile(r"^(——|—|（|\(|〔|【)|[：:]|记者|通讯员|编辑|摄|来源|电$")


def staff_credits(paragraph: str) -> list[dict]:
    """The page staff named in one printed staff line, or [] when the line is not one."""
    m = _STAFF.match(clean(paragraph))
    if not m:
        return []
    return [{"name": n, "role": m.group(1)} for n in re.split(r"[、\s\u3000]+", m.group(2)) if n]


# labels of boxed parts (核心阅读 …): they name a box, they are not subheadings of the story
BOX_LABELS = {"核心阅读", "开栏的话", "内容提要", "编者的话", "编者按", "阅读提示", "链接", "相关链接"}
_SIGNATURE = re.compile(r"^[\u4e00-\u9fff]{1,2}[\s\u3000]+[\u4e00-\u9fff]{1,2}$")


def is_subhead(paragraph: str) -> bool:
    """A short paragraph printed on its own with no sentence punctuation at its end."""
    p = clean(paragraph)
    return (2 <= len(p) <= 30 and p not in BOX_LABELS and not _SIGNATURE.match(p) and not p.endswith("——") and p[-1] not in _SENTENCE_END and not _PHOTO_CREDIT.search(p)
            and not _NOT_SUBHEAD.search(p))


def closing_credit(paragraph: str) -> bool:
    """A short line naming people (a signature or closing credit) whose role the source does not give."""
    p = clean(paragraph)
    return len(p) <= 30 and not staff_credits(p) and (bool(re.search(r"记者|通讯员|编者|作者", p))
                                                        or bool(_SIGNATURE.match(p))
                                                        or p.startswith(("——", "（", "(")))


def usable(record: Record) -> bool:
    """Stories the corpus keeps: a real headline and a body of some length."""
    body = "".join(record.paragraphs)
    return bool(record.title) and record.title not in {"广告", "图片报道"} and len(body) >= 80


def _spans(paragraphs: list[str], rng: random.Random, count: int) -> list[str]:
    long = [p for p in paragraphs if len(p) >= 30 and not is_subhead(p)]
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


def compose_article(record: Record, style: str, rng: random.Random) -> tuple[str, dict, list[dict]]:
    """Return the printed text of one story, its gold entry and the page staff it prints."""
    paragraphs = [clean(p) for p in record.paragraphs if clean(p)]
    # photo credit lines (… 摄) carry a caption the source does not separate; they stay out
    paragraphs = [p for p in paragraphs if not _PHOTO_CREDIT.search(p)]
    dateline, bylines, ambiguity = parse_lead(paragraphs[0]) if paragraphs else (None, [], None)
    subheads = [clean(p) for p in paragraphs if is_subhead(p)]
    staff = [c for p in paragraphs for c in staff_credits(p)]
    if ambiguity is None and any(closing_credit(p) for p in paragraphs[1:]):
        ambiguity = "closing credit or signature"
    contains = _spans(paragraphs, rng, 2)
    printed = []
    broken_at = None
    for i, p in enumerate(paragraphs):
        text = ("\u3000\u3000" + p) if style == "epaper" and not is_subhead(p) else p
        # a column break in the middle of a sentence: the rest of the paragraph is a new block
        if broken_at is None and len(p) > 60 and not is_subhead(p) and rng.random() < 0.35:
            cut = rng.randrange(20, len(p) - 20)
            broken_at = i
            head, tail = text[: cut + (len(text) - len(p))], text[cut + (len(text) - len(p)):]
            printed += [head, tail]
            contains.append(p[max(0, cut - 8): cut + 8])
            continue
        printed.append(text)
    lines = _headline_lines(record, style)
    text = "\n\n".join(lines + printed)
    excludes = []
    if dateline:
        excludes.append(dateline)
        credit = _CREDIT.match(paragraphs[0][len(dateline):])
        if credit and bylines:
            excludes.append(credit.group(1))
    excludes += [clean(p) for p in paragraphs if staff_credits(p)]
    gold = {
        "kicker": record.kicker or None,
        "title": record.title,
        "subtitle": record.subtitle or None,
        "dateline": dateline,
        "bylines": bylines,
        "subheads": subheads,
        "photos": [],
        "body_contains": contains,
        "body_excludes": excludes,
        "optional": ambiguity is not None,
    }
    return text, gold, staff


def compose_page(name: str, publication: str, records: list[Record], seed: str) -> Page:
    """Compose one page from the stories a source printed on it, in their printed order."""
    rng = random.Random(seed)
    style = STYLES[rng.randrange(len(STYLES))]
    texts, golds, masthead = [], [], []
    for record in records:
        text, gold, staff = compose_article(record, style, rng)
        texts.append(text)
        golds.append(gold)
        masthead += [c for c in staff if c not in masthead]
    page_text = "\n\n".join(texts) + "\n"
    gold = {
        "file": f"{name}.txt",
        "publication": publication if publication in page_text else None,
        "masthead": masthead,
        "photos": [],
        "articles": golds,
    }
    return Page(name=name, text=page_text, gold=gold)
