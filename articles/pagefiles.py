"""Reading page text files as they arrive: any of the encodings Chinese newsrooms produce.

UTF-8 with or without BOM, GB18030/GBK, UTF-16/32 with BOM; CRLF line ends and stray NUL bytes are
tolerated. Control characters are cleaned on the way in: a vertical tab (Word's Shift+Enter) or form
feed becomes a line break, the others (NUL, C1 controls …) are dropped. Binary, empty and oversized
files are refused with a one-line reason, and so are files with no words in them (punctuation or
markup only) and files that are not Chinese in a supported encoding: GB18030 decodes almost any
bytes, so a Big5 or Shift-JIS file comes out as rare characters, kana and symbols, which is caught by
the share of common Chinese characters in the text.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 5 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x1f\x8b", b"\xd0\xcf\x11\xe0")
_CONTROL_BYTES = bytes(set(range(32)) - {9, 10, 11, 12, 13})
ACCEPTED = "支持 UTF-8、GB18030/GBK、带 BOM 的 UTF-16"

# Tab, line feed and carriage return stay; vertical tab and form feed break the line; other C0 and
# C1 controls (and DEL) go.
_LINE_BREAKING_CONTROLS = re.compile("[\x0b\x0c]")
_OTHER_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")

# GB2312 level 1: the 3,755 most used Chinese characters, read from the encoding itself. Real
# simplified Chinese news text is nearly all of them; Big5 or Shift-JIS read as GB18030 is not.
_COMMON_HAN = frozenset(
    bytes([high, low]).decode("gb2312")
    for high in range(0xB0, 0xD8)
    for low in range(0xA1, 0xFF)
    if not (high == 0xD7 and low > 0xF9)
)
MIN_COMMON_SHARE = 0.8
SAMPLE_CHARS = 200_000


class PageFileError(ValueError):
    """A page file that cannot be read as text; the message names the problem."""


@dataclass(frozen=True)
class PageFile:
    name: str
    text: str
    sha256: str
    size: int


def read_page_file(path: str | Path) -> PageFile:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise PageFileError(f"{path.name}: 文件过大({size / 1024 / 1024:.1f} MB,上限 5 MB)")
        data = path.read_bytes()
    except OSError as error:
        raise PageFileError(f"{path.name}: 无法读取({error.strerror or error})") from error
    return page_file_from_bytes(path.name, data)


def page_file_from_bytes(name: str, data: bytes) -> PageFile:
    if len(data) > MAX_BYTES:
        raise PageFileError(f"{name}: 文件过大({len(data) / 1024 / 1024:.1f} MB,上限 5 MB)")
    text = decode_page_text(name, data)
    if not text.strip():
        raise PageFileError(f"{name}: 文件是空的,没有文字")
    if not any(char.isalnum() for char in text):
        raise PageFileError(f"{name}: 文件里只有标点或排版符号,没有文字,不是版面稿")
    return PageFile(name=name, text=text, sha256=hashlib.sha256(data).hexdigest(), size=len(data))


def decode_page_text(name: str, data: bytes) -> str:
    return clean_controls(_decode(name, data))


def clean_controls(text: str) -> str:
    """Vertical tab and form feed become line breaks; other control characters are dropped."""
    return _OTHER_CONTROLS.sub("", _LINE_BREAKING_CONTROLS.sub("\n", text))


def _decode(name: str, data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise PageFileError(f"{name}: 文件以 {encoding} 标记开头,但内容不是该编码") from error
    if data.startswith(_BINARY_MAGIC) or _looks_binary(data):
        raise PageFileError(f"{name}: 不是文本文件(像是图片、PDF 或压缩包等二进制文件)")
    data = data.replace(b"\x00", b"")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise PageFileError(f"{name}: 无法识别文字编码({ACCEPTED})") from None
    if not _reads_as_chinese(text):
        raise PageFileError(
            f"{name}: 按 GB18030/GBK 读出的不是正常中文(多为生僻字、日文假名或乱码),"
            f"可能是繁体 Big5 或日文 Shift-JIS 等不支持的编码;请另存为 UTF-8 再上传({ACCEPTED})"
        )
    return text


def _reads_as_chinese(text: str) -> bool:
    """Common Chinese characters make up most of the letters that are not ASCII."""
    common = odd = 0
    for char in text[:SAMPLE_CHARS]:
        if char.isascii():
            continue
        if char in _COMMON_HAN:
            common += 1
        elif char == "\ufffd" or (unicodedata.category(char)[0] not in "PZSN" and not "\uff01" <= char <= "\uff5e"):
            odd += 1  # rare Han, kana, Hangul, modifier letters, private use, U+FFFD …
    return common >= MIN_COMMON_SHARE * (common + odd)


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    nuls = sample.count(0)
    controls = sum(1 for b in sample if b in _CONTROL_BYTES) - nuls
    return nuls / len(sample) > 0.1 or controls / len(sample) > 0.05
