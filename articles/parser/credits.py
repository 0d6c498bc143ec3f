"""Reading credits: bylines, datelines, photo credits, closing credits and the staff box."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Credit, Role, StaffCredit
from .vocabulary import (
    BRACKETED_WRITER,
    BULLETS,
    CJK,
    CLOSERS,
    COMPOUND_SURNAMES,
    DATELINE,
    ISSUER_SUFFIXES,
    ORG_SUFFIXES,
    OUTLET_SUFFIXES,
    ROLE_TOKEN,
    ROLE_WORDS,
    SENTENCE_END,
    NOT_A_SOURCE,
    SOURCE_CREDIT,
    STAFF_ROLE,
    STAFF_START,
    SURNAMES,
    has_photo_label,
    is_work_note,
)

_NAME = re.compile(rf"^[{CJK}][{CJK}·•]{{1,3}}$")
_LONG_NAME = re.compile(rf"^[{CJK}][{CJK}·•]{{1,11}}$")
# words that look like names after a byline but open the story
_NOT_NAMES = {
    "日前", "近日", "昨日", "今日", "昨天", "今天", "明天", "目前", "近期", "当天", "当日", "上午", "下午",
    "晚上", "凌晨", "日前", "本周", "上周", "今年", "去年", "近年", "连日", "连日来", "据悉", "据了解",
    # 记者手记, 记者观察 …: the label of a reporter's box, not a reporter's name
    "手记", "观察", "调查", "札记", "笔记", "点评", "随笔", "感言", "视点", "连线", "探访", "追踪", "体验", "日记",
}
_SLASH_AFTER_ROLE = re.compile(r"(文|图|记者|通讯员|摄影|摄|撰稿)\s*[/／]\s*")
# "\\s*(?:[/／]\\s*)?" and not "\\s*[/／]?\\s*": two adjacent \\s* split a run of n spaces n ways (quadratic)
_TEXT_AND_PHOTO = re.compile(r"文\s*(?:[/／]\s*)?图(?=[\s/／]|$)")
_OPEN = "(（"
_CLOSE = ")）"
_BULLETS_OR_SPACE = BULLETS + " "  # what a line's opening marks are stripped of, made once


@dataclass
class CreditRun:
    """Names read off the start of a text, and where the rest of the text begins."""

    credits: list[Credit] = field(default_factory=list)
    consumed: str = ""
    rest: str = ""
    saw_role: bool = False


_SEPARATORS = "/／:：、"
# any role word: _prepare only puts spaces around or between the words and characters it finds, so a text
# with none of them has none after it either
_ROLE_WORD = re.compile("|".join(ROLE_WORDS))
_SPACE_OR_SEPARATOR = re.compile(rf"[\s{_SEPARATORS}]")
_FUNCTION_WORDS = {"文", "图", "文图", "摄影", "摄"}
_SINGLE = re.compile(rf"^[{CJK}]$")


def _prepare(text: str) -> str:
    # each pattern is tried only where a character it needs is printed (a 文, a slash): most credits have none
    if "文" in text:
        text = _TEXT_AND_PHOTO.sub("文图 ", text)
    if "/" in text or "／" in text:
        text = _SLASH_AFTER_ROLE.sub(r"\1 ", text)
    return _COLON_OR_PAUSE.sub(" ", text)


_COLON_OR_PAUSE = re.compile(r"[:：、]")
_TOKEN = re.compile(r"\S+")


def tokens(text: str) -> list[tuple[str, int]]:
    """Whitespace-separated tokens with their end positions; a two-character name printed spaced
    out to the width of a three-character one ("刘　峰") is one token."""
    found = [(m[0], m.end()) for m in _TOKEN.finditer(text)]
    merged: list[tuple[str, int]] = []
    i = 0
    while i < len(found):
        token, end = found[i]
        if len(token) == 1 and _SINGLE.match(token) and i + 1 < len(found) and _SINGLE.match(found[i + 1][0]):
            token, end = token + found[i + 1][0], found[i + 1][1]
            i += 1
        merged.append((token, end))
        i += 1
    return merged


def _is_name(token: str, long: bool = False) -> bool:
    pattern = _LONG_NAME if long else _NAME
    return bool(pattern.match(token)) and token not in _NOT_NAMES


def looks_like_person(name: str) -> bool:
    """A name printed with no role word before it is a person's when it opens with a surname."""
    return name[:1] in SURNAMES or name.startswith(COMPOUND_SURNAMES)


def is_organisation(name: str) -> bool:
    return len(name) >= 5 or name.endswith(ORG_SUFFIXES)


def read_credits(text: str, role: str | None = None, long_names: bool = False) -> CreditRun:
    """Read role words and names from the start of `text`: "记者李君平 通讯员茂健 7月14日…".

    Names count only after a role word, unless a default `role` is given. Reading stops at the
    first token that is neither; that token and what follows are `rest`.
    """
    run = CreditRun([], "", text)  # credits, consumed, rest (by place: read_credits runs on most lines)
    if role is None and not _ROLE_WORD.search(text):
        return run  # no default role and no role word: the first token is no credit (as most text is not)
    prepared = _prepare(text)
    pos = 0
    function_role = None  # 文/ or 图/ before an outlet's role word: "图/本报记者 钱多多" took the photo
    for token, end in tokens(prepared):
        found = _read_token(token, role, long_names)
        if found is None:
            break
        role, credit = found
        if function_role and (credit is None or token != credit.name):
            role = function_role
            credit = credit and Credit(credit.name, role)
        function_role = role if token in _FUNCTION_WORDS else None
        run.saw_role = run.saw_role or credit is None or token != credit.name
        if credit:
            run.credits.append(credit)
        pos = end
    if pos == 0:
        return run
    # map the position back onto the original text: both have the same non-space characters
    consumed_chars = len(_SPACE_OR_SEPARATOR.sub("", prepared[:pos]))
    cut = _position_after(text, consumed_chars)
    rest = text[cut:].lstrip()
    if rest[:1] in ":：":  # "记者 张三 报道：…": the colon closes the credits
        cut += len(text[cut:]) - len(rest) + 1
        rest = text[cut:].lstrip()
    run.consumed, run.rest = text[:cut].strip(), rest
    return run


def _position_after(text: str, count: int) -> int:
    seen = 0
    for i, ch in enumerate(text):
        if seen == count:
            return i
        if not (ch.isspace() or ch in _SEPARATORS):
            seen += 1
    return len(text)


def _read_token(token: str, role: str | None, long_names: bool):
    """(role now in force, credit or None) for one token, or None when the token is not a credit."""
    # ROLE_TOKEN, whose outlets and places are tried at every length, only for a token printing a role word
    match = ROLE_TOKEN.match(token) if _ROLE_WORD.search(token) else None
    if match:
        word_role = ROLE_WORDS[match.group("role")]
        rest = match.group("rest").removesuffix("报道")  # "记者梁婉琪报道:"
        if not rest:
            return word_role, None
        if match.group("role") in _FUNCTION_WORDS and not match.group("outlet"):
            return None  # "文/图" glued to what follows opens a word ("图片来源", "文脉"), not a credit
        if _is_name(rest, long_names):
            return word_role, Credit(rest, word_role)
    if not role:
        return None  # a name counts only after a role word
    if token in _REPORTED:  # "记者 张三 报道：" — the verb after the names, not a name
        return role, None
    if _is_name(token, long_names):
        return role, Credit(token, role)
    # the verb glued to the last name: "本报记者 张三 李四摄影报道", "记者 王五采写"
    name = next((token[: -len(verb)] for verb in _REPORTED_GLUED if token.endswith(verb)), None)
    if name and _is_name(name, long_names):
        return role, Credit(name, role)
    return None


_REPORTED = {"报道", "采写", "撰写", "发自"}
_REPORTED_GLUED = ("摄影报道", "报道", "采写", "撰写")


@dataclass
class Lead:
    """The opening of a story: dateline, the credits printed with it, and the story text after."""

    dateline: str | None
    credits: list[Credit]
    consumed: str
    rest: str


def read_lead(text: str) -> Lead | None:
    """Read "茂名晚报讯 记者李君平 通讯员茂健 7月14日…" or "江门日报讯(记者/黎禹君 …) 11月20日…"."""
    stripped = text.lstrip(_BULLETS_OR_SPACE)
    if "讯" not in stripped and "电" not in stripped and "消息" not in stripped:  # DATELINE_KINDS, spelled out: faster
        return None  # as most paragraphs do not: no 电头 ends anywhere in them
    match = DATELINE.match(stripped) or _BRACKETED_DATELINE.match(stripped)
    if not match or _RUNS_ON.search(match.group("where")) or match.group("source").startswith(_NOT_AN_OUTLET):
        return None
    dateline = match.group("dateline")
    after = stripped[match.end():]
    if after[:1] in "：:":  # "央视网消息：…": the colon hands on to the text and is the 电头's
        after = after[1:]
    credits: list[Credit] = []
    if after.lstrip()[:1] in _OPEN:
        after = after.lstrip()
        close = _matching_close(after)
        if close > 0:
            inner = read_credits(after[1:close], role=Role.REPORTER)
            if inner.credits and not inner.rest.strip():
                credits = inner.credits
                after = after[close + 1:]
    else:
        run = read_credits(after.lstrip())
        if run.saw_role:
            credits = run.credits
            after = run.rest
    rest = after.lstrip()
    consumed = stripped[: len(stripped) - len(rest)] if rest else stripped
    return Lead(dateline=dateline, credits=credits, consumed=consumed.strip(), rest=rest)


# a sentence that only looks like a 电头 ("当天新华社记者通过内部闭路电视观看…"): the reporters come after a
# 电头's 电, so a role word where the place goes means the text runs on; and an outlet is no time or place
_RUNS_ON = re.compile(r"记者|通讯员|通过")
_NOT_AN_OUTLET = ("当天", "当日", "当时", "昨天", "今天", "在", "从", "我们", "接到")
# the 电头 in square brackets, as Hong Kong papers print it: 【本報訊】
_BRACKETED_DATELINE = re.compile(r"^[【［\[〔]\s*" + DATELINE.pattern[1:] + r"\s*[】］\]〕]")
# the 电头 in round brackets on a line after a story's last paragraph, with the reporters or without, as
# papers print agency copy: "（新华社北京10月12日电  记者某某、某某）", "（据新华社电）"
_CLOSING_DATELINE = re.compile(r"^[（(]\s*" + DATELINE.pattern[1:] + r"(?P<inside>[^（）()]{0,120})[）)]$")


def read_closing_dateline(text: str) -> tuple[str, list[Credit]] | None:
    """(the 电头, the reporters named with it) of a closing bracket that opens with a 电头; None for any
    other text. Only the reporters before a comma are read: what follows it ("，参与采写：…") is left as
    printed."""
    stripped = text.strip()
    if stripped[:1] not in "（(" or stripped[-1:] not in "）)":
        return None
    match = _CLOSING_DATELINE.match(stripped)
    if not match:
        return None
    inside = _CLAUSE.split(match.group("inside").strip())[0]
    run = read_credits(inside, role=Role.REPORTER) if inside else None
    if inside and not (run.saw_role and run.credits):
        return None  # "（新华社北京10月12日电  某某消息）": not a credit
    return match.group("dateline"), run.credits if run else []


_CLAUSE = re.compile(r"[，,；;]")


def _matching_close(text: str) -> int:
    for i, ch in enumerate(text[:60]):
        if ch in _CLOSE:
            return i
    return -1


def read_credit_line(text: str) -> CreditRun | None:
    """A line that is only credits: "■ 通讯员 何文萍", "> 本报记者 张三", "江门日报记者 张浩洋 通讯员 钟文明"."""
    whole = text.strip()
    stripped = whole.lstrip(_BULLETS_OR_SPACE).strip()
    if stripped[:1] in _OPEN and stripped[-1:] in _CLOSE:
        stripped = stripped[1:-1]
    if not stripped or len(stripped) > 60:
        return None
    bulleted = whole[:1] in BULLETS
    run = read_credits(stripped, role=Role.REPORTER if bulleted else None)
    if not run.saw_role and not all(looks_like_person(c.name) for c in run.credits):
        return None  # "■内容提要": a bulleted box label, not a name
    if run.credits and (run.saw_role or bulleted) and not run.rest.strip():
        run.consumed = whole
        return run
    return None


def is_bare_credit(text: str) -> bool:
    """A line that prints an outlet's role word and no name ("新华社记者", "本报特约记者"): the names
    stand elsewhere (in another column, or the export lost them), but the line is a credit all the same."""
    found = ROLE_TOKEN.match(text.strip().lstrip(BULLETS + " ").strip())
    return found is not None and bool(found.group("outlet")) and not found.group("rest").strip()


def read_source_credits(text: str) -> list[str]:
    """The outlets or bodies a line printed alone credits as the story's sources: "据新华社" →
    [新华社], "据《经济日报》" → [经济日报], "综合钦南发布、红星新闻" → [钦南发布, 红星新闻]; none for
    any other line ("据了解" names no source)."""
    if "据" not in text and "综合" not in text:
        return []  # every such line opens with one of them (SOURCE_CREDIT); most lines have neither
    found = SOURCE_CREDIT.match(text.strip().strip(BULLETS).strip())
    if not found:
        return []
    sources = [name.strip("《》") for name in re.split(r"[、，]", found.group("sources"))]
    if found.group("how") == "综合" and not (found.group("others") or len(sources) > 1 or found.group("said")
                                          or sources[0].endswith(OUTLET_SUFFIXES)):
        return []  # "综合施策" is no credit: a compiled story names several sources, or outlets
    if any(NOT_A_SOURCE.search(name) for name in sources):
        return []
    return sources


def read_closing_credit(text: str) -> tuple[list[Credit], str, str] | None:
    """A credit in brackets closing a story: "…一网多用”。(黎禹君 陈芝锋)" or "(区红十字会)".

    Returns (credits, the text before it, the bracket as printed).
    """
    stripped = text.rstrip()
    if stripped[-1:] not in _CLOSE:
        return None
    open_at = max(stripped.rfind("("), stripped.rfind("（"))
    if open_at < 0:
        return None
    inner = stripped[open_at + 1 : -1].strip()
    before = stripped[:open_at].rstrip()
    if before and before[-1] not in SENTENCE_END + "”’\"":
        return None
    if before and before[-1] not in SENTENCE_END and not any(mark in before for mark in "。!?！？"):
        return None  # "大山里的“某老师”（某某专栏）": a headline's column tag, not a closing credit
    if _NOT_A_CREDIT.search(inner):
        return None  # "（讲话全文另发）", "（下转第二版）": a note to the reader
    run = read_credits(inner, role=Role.REPORTER, long_names=True)
    writer = BRACKETED_WRITER.match(stripped[open_at:])
    if writer and not run.saw_role and _signed_name(writer.group("name")) and _is_post(writer.group("post")):
        # "（某某大学法学院副教授 某某某）": a commentator's post and name; the post is no source
        return [Credit(writer.group("name"), Role.REPORTER)], before, stripped[open_at:]
    if not run.credits or run.rest.strip() or len(run.credits) > 6:
        return None
    for credit in run.credits:
        if credit.role == Role.REPORTER and not run.saw_role and is_organisation(credit.name):
            credit.role = Role.SOURCE
    return run.credits, before, stripped[open_at:]


def _is_post(text: str) -> bool:
    """A writer's post printed before the name ("某某大学法学院副教授"): no body (that is a source), no
    name (that is a second writer)."""
    return len(text) >= 4 and not text.endswith(ORG_SUFFIXES) and not _signed_name(text)


_PHOTO_MARKS = ("摄影", "摄", "供图")
# a bracket that is a note to the reader, not a credit: where the rest is printed
_NOT_A_CREDIT = re.compile(r"全文|另发|详见|见第|转第|下转|上接|接第|第.{1,3}版|作者(?:单位|系|为|是)|单位[:：]")


def strip_photo_end(text: str) -> str | None:
    """The text before a closing "摄", "摄影" or "供图" and the spaces and slashes before it; None if
    the text does not end so. (An expression like `[/／\\s]*(?:摄影?|供图)\\s*$` searched from every
    space or slash of a long run of them: quadratic time.)"""
    text = text.rstrip()
    if not text.endswith(_PHOTO_MARKS):
        return None  # as most text does not
    for mark in _PHOTO_MARKS:
        if text.endswith(mark):
            return text[: -len(mark)].rstrip("/／" + _SPACES).rstrip()
    return None


_SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())


def read_photo_credit(text: str) -> tuple[str, list[str], str] | None:
    """Split "省督导组在…情况。茂名晚报通讯员 罗栋 摄" into caption, names and the credit as printed."""
    stripped = text.strip()
    if stripped[-1:] in _ENDS_NO_PHOTO_CREDIT:
        return None  # as most paragraphs end
    core, outside = stripped, ""
    open_at = max(stripped.rfind("("), stripped.rfind("（")) if stripped[-1:] in _CLOSE else -1
    if open_at >= 0:  # "…队旗。(新华社记者 张三 摄)"
        core, outside = stripped[open_at + 1 : -1], stripped[:open_at]
        if strip_photo_end(core) is None and strip_photo_end(outside) is not None:
            core, outside = outside, ""  # "某某摄（某图片社）": the photo agency or column after the credit
    head = strip_photo_end(core)
    if head is None:
        return _read_marked_photo_credit(stripped) or read_photo_source(stripped)
    if core.rstrip().endswith("拍摄"):  # "…王老师拍摄": the verb, not a credit
        return None
    split = _split_credit_tail(head, supplied=core.rstrip().endswith("供图"))
    if split is None:
        return read_photo_source(stripped)  # "CFP供图": a picture agency's Latin name
    caption, names = split
    caption = (outside + caption).strip()
    return caption, names, stripped.replace(caption, "", 1).strip()


# A text ending in one of these ends in no photo credit or source: not in "摄" or "供图" (strip_photo_end), nor in
# a photographer's name (_MARKED_PHOTO_CREDIT), nor in a source (_PHOTO_SOURCES). Every paragraph is read for a
# photo credit, and most end so.
_ENDS_NO_PHOTO_CREDIT = frozenset("。，,:：")
# "…设施。 图/王平", "…设施。摄影：王平 李四", "…设施。 摄影 王平", "…设施（摄影：王平）": the photographers
# after a mark, at a caption's end (a bare space after the mark only for 摄影: "图 王平" may be text)
_TEXT_CREDIT_MARK = re.compile(r"(?:文|文字|撰文|记者)\s*[/／:：]")
_MARKED_PHOTO_CREDIT = re.compile(
    r"(?:^|(?<=[\s。！？!?”(（]))(?:(?:图|摄影|摄)\s*[/／:：]|摄影\s)\s*(?P<names>[^\s/／:：。，,][^/／:：。，,()（）]{1,24})$"
)

_MARK_AND_SEPARATOR = re.compile(r"(?:图|摄影|摄)\s*[/／:：]")


def _read_marked_photo_credit(text: str) -> tuple[str, list[str], str] | None:
    """Split "市民在公园赏花。 图/王平" into caption, names and the credit as printed: a credit mark and
    a slash or colon (or, after 摄影, a space) before the photographers' names (people's names only), after
    the caption's last sentence or a space, or in brackets closing the caption."""
    bracketed = text[-1:] in _CLOSE
    inner = text[:-1] if bracketed else text
    start = max(0, len(inner) - 40)
    tail = inner[start:]
    if "图" not in tail and "摄" not in tail:
        return None  # no mark, no credit (a cheap look before the pattern, for every paragraph)
    found = _MARKED_PHOTO_CREDIT.search(inner, start)
    if not found or _TEXT_CREDIT_MARK.search(inner, 0, found.start()):
        return None  # "文/张三 图/王平": the story's credit line, for its text and its pictures
    start = found.start()
    if bracketed:
        if inner[start - 1 : start] not in _OPEN:
            return None  # "…（注）图/王平）": no bracket of its own around the credit
        start -= 1
    run = read_credits(found.group("names"), role=Role.PHOTOGRAPHER)
    if not run.credits or run.rest.strip() or not all(looks_like_person(c.name) for c in run.credits):
        return None
    caption = text[:start].rstrip()
    if not caption and not _MARK_AND_SEPARATOR.match(found.group()):
        return None  # "摄影 王平" alone: a credit line, as "记者 张三" is, not a photo's
    before = read_credits(caption.lstrip(BULLETS + " ")) if caption else None
    if before is not None and before.saw_role and before.credits and not before.rest.strip():
        return None  # "本报记者 张三 摄影：王平": a story's credit line, for its text and its pictures
    return caption, [c.name for c in run.credits], text[start:].strip()


# Where a photo came from, printed at a caption's end or alone under the photo instead of a
# photographer's "摄": an archive picture (资料图片), an agency's release (新华社发), a named source
# (图片来源：某某, （图片由某某提供）), a picture agency (视觉中国, CFP).
_PHOTO_SOURCES = (
    re.compile(r"[(（]?(?:本报|新华社)?资料(?:图片|照片|图)[)）]?$"),
    re.compile(rf"[(（]?(?P<source>新华社|中新社|[{CJK}]{{2,6}}社)发(?:[(（][^()（）]{{2,20}}[)）])?[)）]?$"),
    re.compile(rf"[(（]?(?:图片|照片|图)(?:来源|来自|源)\s*[:：]\s*(?P<source>[^\s()（）:：。，,]{{2,20}})[)）]?$"),
    re.compile(rf"[(（](?:本版)?(?:图片|照片)(?:均)?由(?P<source>[^\s()（）:：。，,]{{2,20}}?)提供[)）]$"),
    re.compile(r"[(（]?(?P<source>CFP|IC photo|东方IC|视觉中国|图虫创意)(?:供图)?[)）]?$", re.IGNORECASE),
)


def read_photo_source(text: str) -> tuple[str, list[str], str] | None:
    """Split "市民在公园赏花。（资料图片）" or "图片来源：某某" into caption, no names and the source as
    printed; None when the text does not end in a photo's source."""
    offset = max(0, len(text) - _SOURCE_TAIL)  # every source is printed in the text's last characters
    if not _SOURCE_HINT.search(text, offset):
        return None
    for pattern in _PHOTO_SOURCES:
        found = pattern.search(text, offset)
        if not found:
            continue
        start = found.start()
        caption, printed = text[:start].rstrip(), found.group()
        apart = printed[:1] in _OPEN or text[start - 1 : start].isspace()
        if caption and not apart and caption[-1] not in SENTENCE_END + CLOSERS:
            continue  # "…交给新华社发" : a sentence's words, not a source printed after the caption
        # the source is kept as printed with the photo, not credited as its photographer: an agency or an
        # archive is no byline of the story
        return caption, [], text[start:].strip()
    return None


_SOURCE_TAIL = 64
_SOURCE_HINT = re.compile("资料|社发|图片来|照片来|图来|图源|提供|CFP|IC|ic photo|视觉中国|图虫")  # one of its words


def _split_credit_tail(head: str, supplied: bool = False) -> tuple[str, list[str]] | None:
    """(caption, names): the names are after the caption's last sentence mark or its last space.
    A photographer printed with no role word before the name is a person's name ("张三 摄", not
    "他亲自拍摄"); a supplier ("…供图") may be an organisation with a long name ("…旅游局供图")."""
    def credited(text: str) -> list[str] | None:
        run = read_credits(text, role=Role.PHOTOGRAPHER, long_names=supplied)
        if not run.credits or run.rest.strip():
            return None
        if not supplied and not run.saw_role and not all(looks_like_person(c.name) for c in run.credits):
            return None
        if supplied and not all(len(c.name) <= 4 or c.name.endswith(ORG_SUFFIXES) for c in run.credits):
            return None  # "照片由村民供图": a supplier longer than a name is an organisation's name
        return [c.name for c in run.credits]

    cut = max(head.rfind(ch) for ch in SENTENCE_END + "”")
    if cut >= 0:
        names = credited(head[cut + 1 :].strip())
        if names:
            return head[: cut + 1], names
    tokens = head.split()
    for k in range(1 if supplied else min(3, len(tokens)), 0, -1):  # one supplier, up to three photographers
        names = credited(" ".join(tokens[-k:]))
        if names:
            return head[: head.rfind(tokens[-k])], names
    return None


def is_caption_line(line: str, labelled: bool = True) -> bool:
    """A line printed where a photo is: a caption opening with a photo label ("图为…", "图①：…"; only
    when `labelled`) or a line ending in a photo credit ("… 张三 摄", "… 某单位供图", "本报记者 张三 摄")."""
    line = line.strip()
    if labelled and has_photo_label(line):
        return True
    return len(line) <= 200 and read_photo_credit(line) is not None


# a role word run on into a longer word is no role before a name: 设计师, 编辑部, 校对员
_WORD_GOES_ON = "师员者家部室处组"


def read_staff_line(line: str) -> list[StaffCredit] | None:
    """A staff-box line: "值班主任:余虔虹 陈海边", "责编 版式:钟海浪 戴奇宙", "责任编辑:X  美术编辑:Y"."""
    text = line.strip().lstrip(_BULLETS_OR_SPACE)
    if text[:1] in _OPEN and text[-1:] in _CLOSE:  # "（责任编辑：某某）" closing a story: the page's editor
        text = text[1:-1].strip()
    if text[:1] not in STAFF_START or not STAFF_ROLE.match(text):
        return None  # most lines open with a character no staff role opens with
    # split into (roles, names) segments: roles are staff words, names are the tokens after them
    segments: list[tuple[list[str], list[str]]] = []
    for token, _ in tokens(re.sub(r"[:：/／、,，]", " ", text)):
        role_match = STAFF_ROLE.fullmatch(token)
        if role_match:
            if not segments or segments[-1][1]:
                segments.append(([], []))
            segments[-1][0].append(token)
            continue
        prefix = STAFF_ROLE.match(token)
        if prefix and _is_name(token[prefix.end():]) and token[prefix.end()] not in _WORD_GOES_ON:  # "责编钟海浪"
            segments.append(([prefix.group()], [token[prefix.end():]]))
            continue
        if segments and token in ROLE_WORDS:
            continue  # "本版摄影 记者 某某": the staff member's post at the paper, not a name
        if not segments or not _is_name(token):
            return None
        segments[-1][1].append(token)
    staff: list[StaffCredit] = []
    for roles, names in segments:
        if not names:
            return None
        staff += _pair_roles(roles, names)
    return staff or None


def _pair_roles(roles: list[str], names: list[str]) -> list[StaffCredit]:
    """Paired roles and names go in order: "责编 版式:钟海浪 戴奇宙" → 责编 钟海浪, 版式 戴奇宙."""
    if len(roles) == 1:
        return [StaffCredit(name, roles[0]) for name in names]
    paired = [StaffCredit(name, role) for role, name in zip(roles, names)]
    extra = names[len(roles):]
    return paired + [StaffCredit(name, roles[-1]) for name in extra]


# A signature printed alone at a story's end: one to three names ("张小明", "李大同 张小明", "张  伟"),
# a name with the writer's place of work in brackets ("李大同（作者单位：某某大学）"), a name marked as
# the text's ("李大同/文", "文/李大同"), or the issuing body of a notice ("某某市安全生产委员会办公室").
_WRITER_NOTE = re.compile(r"^(?P<name>[^\s(（]{2,4})\s*[(（](?P<note>(?:作者)?(?:单位|系|为|是)?[:：]?[^()（）]{2,40})[)）]$")
_TEXT_MARK = re.compile(r"^(?:文\s*[/／]\s*)?(?P<names>.+?)(?:\s*[/／]\s*文)?$")


def read_signature(text: str) -> tuple[list[Credit], bool] | None:
    """The credits of a signature line, and whether it is plainly one (several names, a three-character
    or spaced-out name, a writer's note, a 文 mark, an issuing body) rather than a lone two-character
    name, which a short section label may also be. None for any other line."""
    plain = text.strip().lstrip(_BULLETS_OR_SPACE).strip()
    if not plain or len(plain) > 40 or "\n" in plain:
        return None
    if plain[-1] in _CLOSE:  # a writer's note or post in brackets closes the line
        note = _WRITER_NOTE.match(plain)
        if note and _signed_name(note.group("name")) and not is_work_note(note.group("note")):
            return [Credit(note.group("name"), Role.REPORTER)], True
        bracketed = BRACKETED_WRITER.match(plain)
        if bracketed and _signed_name(bracketed.group("name")):
            return [Credit(bracketed.group("name"), Role.REPORTER)], True
    if plain.endswith(ISSUER_SUFFIXES) and 5 <= len(plain) <= 24 and re.fullmatch(rf"[{CJK}]+", plain):
        return [Credit(plain, Role.SOURCE)], True
    marked = _TEXT_MARK.match(plain) if "文" in plain else None  # without a 文 the names are the whole line
    names_text = marked.group("names") if marked else plain
    names = [token for token, _ in tokens(_NAME_SEPARATOR.sub(" ", names_text))]
    if not 1 <= len(names) <= 3 or not all(_signed_name(name) for name in names):
        return None
    plainly = len(names) > 1 or len(names[0]) > 2 or names_text != plain or re.search(r"\s", names_text) is not None
    return [Credit(name, Role.REPORTER) for name in names], plainly


_NAME_SEPARATOR = re.compile(r"[、，,]")
_SIGNED_NAME = re.compile(rf"[{CJK}]{{2,4}}")


def _signed_name(name: str) -> bool:
    """A personal name as signed: two or three characters (four with a two-character surname) opening
    with a surname."""
    if not _SIGNED_NAME.fullmatch(name) or name in _NOT_NAMES:
        return False
    if name.startswith(COMPOUND_SURNAMES):
        return len(name) <= 4
    return len(name) <= 3 and name[0] in SURNAMES
