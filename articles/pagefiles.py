"""Reading page text files as they arrive: any of the encodings Chinese newsrooms produce.

UTF-8 with or without BOM, GB18030/GBK, UTF-16/32 with BOM; CRLF line ends and stray NUL bytes are
tolerated. Binary, empty and oversized files are refused with a one-line reason.
"""

from __future__ import annotations

import codecs
import hashlib
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
_CONTROL_BYTES = bytes(set(range(32)) - {9, 10, 12, 13})


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
    return PageFile(name=name, text=text, sha256=hashlib.sha256(data).hexdigest(), size=len(data))


def decode_page_text(name: str, data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).replace("\x00", "")
            except UnicodeDecodeError as error:
                raise PageFileError(f"{name}: 文件以 {encoding} 标记开头,但内容不是该编码") from error
    if data.startswith(_BINARY_MAGIC) or _looks_binary(data):
        raise PageFileError(f"{name}: 不是文本文件(像是图片、PDF 或压缩包等二进制文件)")
    data = data.replace(b"\x00", b"")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PageFileError(f"{name}: 无法识别文字编码(支持 UTF-8、GB18030/GBK、带 BOM 的 UTF-16)")


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    nuls = sample.count(0)
    controls = sum(1 for b in sample if b in _CONTROL_BYTES) - nuls
    return nuls / len(sample) > 0.1 or controls / len(sample) > 0.05
