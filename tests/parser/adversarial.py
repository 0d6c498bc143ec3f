"""Text built to make a parser slow: each generator gives about `size` characters of one hostile shape.

A regular expression with adjacent or nested quantifiers, or a loop that rescans what it has read,
takes time growing with the square of such text; a linear parser takes four times as long on four
times the text. The shapes are those seen in real bad uploads (a file of `#` lines, a page of Latin
letters in one block, prose with no line breaks) and those that aim at each part of the parser.
"""

from __future__ import annotations

from itertools import count, islice


def _fill(piece: str, size: int) -> str:
    return (piece * (size // len(piece) + 1))[:size]


def _names():
    """Distinct two- and three-character names: 甲乙, 甲丙 …"""
    chars = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
    for n in count():
        k = len(chars)
        a, b, c = chars[n % k], chars[n // k % k], chars[n // (k * k) % k]
        yield a + b + (c if n >= k * k else "")


def _joined(items, size: int, sep: str) -> str:
    out, total = [], 0
    for item in items:
        out.append(item)
        total += len(item) + len(sep)
        if total >= size:
            break
    return sep.join(out)


GENERATORS = {
    # one block of Latin letters at the top of the page, where e-mail addresses are looked for
    "latin-run": lambda n: _fill("abcdefghijklmnopqrstuvwxyz", n),
    "latin-lines": lambda n: _fill("abcdefghijklmnopqrstuvwxyz" * 40 + "\n", n),
    "digit-run": lambda n: _fill("0123456789", n),
    "hash-lines": lambda n: _fill("#" * 2000 + "\n", n),
    "hash-then-text": lambda n: _fill("#" * 2000 + "x\n", n),
    "hash-one-line": lambda n: "#" * (n - 1) + "x",
    "hash-run": lambda n: _fill("#", n),
    "hash-title-hashes": lambda n: _fill("# 标题" + "# " * 500 + "x\n", n),
    "bold-markers": lambda n: _fill("**", n),
    "bold-lines": lambda n: _fill("**加粗**\n\n", n),
    "bullets": lambda n: _fill("■", n),
    "bullet-lines": lambda n: _fill("■ 通讯员 张三\n", n),
    "prose-one-line": lambda n: _fill("市民在广场参加活动,现场气氛热烈。", n),
    "prose-no-stop": lambda n: _fill("市民在广场参加活动现场气氛热烈", n),
    "spaces-inside": lambda n: "甲" + " " * (n - 2) + "乙",
    "slashes-inside": lambda n: "甲" + "/" * (n - 2) + "乙",
    "text-photo-spaces": lambda n: _fill("文" + " " * 400 + "x", n),
    "emails-one-line": lambda n: _fill("abc.def@ghi.jk ", n),
    "email-like": lambda n: _fill("a@", n),
    "email-dots": lambda n: "a@" + _fill("a.", n - 2),
    "emails-at-top": lambda n: _fill("maonanxinwen@126.com\n", n),
    "pinyin-emails": lambda n: "茂南" * 2000 + "\n\n" + _joined(
        (f"x{i}maonanxinwen@126.com" for i in count()), n - 4002, "\n"),
    "brackets": lambda n: _fill("(（【[", n),
    "bracket-lines": lambda n: _fill("((((((((((完\n", n),
    "closing-credits": lambda n: _fill("活动结束。(张三 李四)\n\n", n),
    "photo-credits": lambda n: _fill("市民在广场合影。 本报记者 刘某 摄\n\n", n),
    "staff-box": lambda n: _fill("值班主任:甲乙 丙丁\n", n),
    # a page in traditional characters, with characters that share a simplified form (臺, 颱 and 台)
    "traditional": lambda n: _fill("港區新聞 臺灣颱風天文台\n\n【本報訊】記者：陳某某　市民上街。\n\n", n),
    "broken-credits": lambda n: _fill("（記者胡某\n\n张某某 王某）\n\n", n),
    "headline-text": lambda n: _fill("短标题\n\n正文一段话没有结束\n\n", n),
    "captions": lambda n: "# 标题\n\n本报讯 正文。\n\n" + _fill("\n\n\n图为新建的桥。 本报记者 刘某 摄\n", n),
    "bare-captions": lambda n: "# 标题\n\n本报讯 正文。\n\n" + _fill("\n\n\n市民在广场合影。\n", n),
    "credit-spaces": lambda n: "# 标题\n\n本报讯 文" + " " * n + "图 张三 正文。",
    "datelines": lambda n: _fill("本报讯 记者张三 正文。\n\n", n),
    "many-names": lambda n: "本报讯 记者 " + _joined(_names(), n, " ") + " 正文。",
    "notice": lambda n: "# 通告\n\n" + _fill("某市某某单位\n", n) + "2023年3月1日\n",
    "open-paragraphs": lambda n: "# 标题\n\n" + _fill("一段没有结束的话\n\n", n),
    # stories that each run on under a lone line of another subject (split where the words change), and
    # one long story with pictures inside it and a lone unrelated line at its end (its pictures weighed)
    "unrelated-subheads": lambda n: _fill("# 安全检查\n\n检查组排查安全隐患。\n\n稻谷丰收\n\n田间收割机来回穿梭。\n\n", n),
    "photos-then-subhead": lambda n: "# 标题\n\n本报讯 检查组排查隐患。\n\n" + _fill(
        "检查组排查隐患。\n\n图为新建的桥。 本报记者 刘某 摄\n\n", n) + "\n\n稻谷丰收\n\n田间收割机来回穿梭。\n",
    # a packed page with no blank line at all: a paragraph a line, two-line subheads and credit lines
    "packed-lines": lambda n: _fill("检查组排查安全隐患。\n稻谷丰收\n田间忙\n田间收割机来回穿梭。\n本报记者 刘某\n", n),
    # an OCR'd column with no blank line: full lines, a paragraph's short last line, a subhead
    "column-lines": lambda n: _fill("检查组逐一排查企业安全隐\n患，发现问题立即整改。\n安全检查\n", n),
}


def adversarial(name: str, size: int) -> str:
    return GENERATORS[name](size)


def sample(name: str, size: int) -> str:
    """The first `size` characters, for a quick look."""
    return "".join(islice(adversarial(name, size), size))
