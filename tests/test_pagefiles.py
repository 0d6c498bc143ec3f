"""Page files as they arrive from different newsrooms: any common encoding reads as the same page,
and files that are not page text are refused with a message naming the file."""

import codecs
import hashlib
import random

import pytest

from articles.pagefiles import PageFileError, page_file_from_bytes, read_page_file
from articles.parser import parse_page

PAGE = (
    "值班主任:周国强 吴志远\n"
    "# 全市开展安全生产大检查\n\n"
    "本报讯 记者 林晓 近日，全市开展安全生产大检查，共排查企业三百余家。\n\n"
    "检查中发现，个别企业存在消防通道堵塞、“三合一”场所等问题。\n"
)
MB = 1024 * 1024


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(PAGE.encode("utf-8"), id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + PAGE.encode("utf-8"), id="utf-8-bom"),
        pytest.param(PAGE.encode("gb18030"), id="gb18030"),
        pytest.param(PAGE.encode("gbk"), id="gbk"),
        pytest.param(codecs.BOM_UTF16_LE + PAGE.encode("utf-16-le"), id="utf-16-le-bom"),
        pytest.param(codecs.BOM_UTF16_BE + PAGE.encode("utf-16-be"), id="utf-16-be-bom"),
    ],
)
def test_every_encoding_reads_as_the_same_text(data, tmp_path):
    path = tmp_path / "A01.txt"
    path.write_bytes(data)

    page_file = read_page_file(path)

    assert page_file.text == PAGE
    assert page_file.name == "A01.txt"
    assert page_file.size == len(data)
    assert page_file.sha256 == hashlib.sha256(data).hexdigest()


def test_gb18030_characters_outside_gbk_survive():
    text = PAGE + "㐀䶵 “𠀀”\n"  # CJK extension A and B: only GB18030 encodes them

    assert page_file_from_bytes("A01.txt", text.encode("gb18030")).text == text


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(PAGE.replace("\n", "\r\n"), id="crlf"),
        pytest.param(PAGE.replace("记者 林晓", "记者\u3000林晓").replace("近日", "\u3000近日"), id="full-width-spaces"),
    ],
)
def test_line_ends_and_spaces_do_not_change_the_parsed_page(variant):
    page_file = page_file_from_bytes("A01.txt", variant.encode("utf-8"))

    assert parse_page(page_file.text).to_dict() == parse_page(PAGE).to_dict()


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(PAGE.encode("utf-8").replace("近日".encode(), b"\x00" + "近日".encode() + b"\x00"), id="utf-8"),
        pytest.param(PAGE.encode("gb18030") + b"\x00", id="gb18030-trailing"),
        pytest.param(codecs.BOM_UTF16_LE + PAGE.replace("近日", "\x00近日").encode("utf-16-le"), id="utf-16"),
    ],
)
def test_stray_nul_bytes_are_dropped(data):
    assert page_file_from_bytes("A01.txt", data).text == PAGE


def test_sha256_is_of_the_bytes_as_received():
    data = codecs.BOM_UTF8 + PAGE.replace("\n", "\r\n").encode("utf-8")

    page_file = page_file_from_bytes("A01.txt", data)

    assert page_file.sha256 == hashlib.sha256(data).hexdigest()
    assert page_file.sha256 != page_file_from_bytes("A01.txt", PAGE.encode("utf-8")).sha256


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x04\x00" + bytes(range(256)) * 4, id="png"),
        pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 4, id="pdf"),
        pytest.param(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4, id="jpeg"),
        pytest.param(b"PK\x03\x04\x14\x00\x00\x00" + bytes(range(256)) * 4, id="zip"),
        pytest.param(bytes(range(256)) * 16, id="random-bytes"),
        pytest.param(random.Random(20240301).randbytes(4096), id="random-seeded"),
        pytest.param(b"\xef\xbb\xbf" + b"\xff\xfe\xfa\xfb" * 8, id="bom-then-garbage"),
    ],
)
def test_binary_files_are_refused_naming_the_file(data, tmp_path):
    path = tmp_path / "A01版.png"
    path.write_bytes(data)

    with pytest.raises(PageFileError) as refused:
        read_page_file(path)

    message = str(refused.value)
    assert "A01版.png" in message
    assert "\n" not in message


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t\n", "\u3000\u3000\n".encode("utf-8"), codecs.BOM_UTF8 + b"\n"])
def test_empty_and_blank_files_are_refused(data, tmp_path):
    path = tmp_path / "A02.txt"
    path.write_bytes(data)

    with pytest.raises(PageFileError, match="A02.txt"):
        read_page_file(path)


def test_missing_file_is_refused_naming_it(tmp_path):
    with pytest.raises(PageFileError, match="A03.txt"):
        read_page_file(tmp_path / "A03.txt")


def test_file_over_5_mb_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "A04.txt"
    with path.open("wb") as sparse:
        sparse.truncate(5 * MB + 1)

    with pytest.raises(PageFileError, match="A04.txt"):
        read_page_file(path)


def test_bytes_over_5_mb_are_refused():
    with pytest.raises(PageFileError, match="A04.txt"):
        page_file_from_bytes("A04.txt", b"a" * (5 * MB + 1))


def test_a_page_of_5_mb_is_still_read():
    data = PAGE.encode("utf-8")
    data += b"\n" * (5 * MB - len(data))

    assert page_file_from_bytes("A05.txt", data).text.startswith(PAGE)
