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


# --- junk that must not become stories ------------------------------------------------------------

SIMPLIFIED = "本报讯 记者李君平 7月14日至15日，省督导组到茂名市检查安全生产工作，要求各级党委政府压实责任。\n"
TRADITIONAL = "本報訊 記者李君平 7月14日至15日，省督導組到茂名市檢查安全生產工作，要求各級黨委政府壓實責任。\n"
JAPANESE = "東京都は十四日、新型コロナウイルスの感染者が新たに確認されたと発表した。政府は対策を強化する方針だ。\n"


@pytest.mark.parametrize(
    "data, reason",
    [
        pytest.param("，。！？、；：“”（）……——\n" * 40, "只有标点", id="punctuation"),
        pytest.param(b"**\n\n##\n\n# \n\n****\n\n---\n\n> \n" * 40, "只有标点", id="markup"),
        pytest.param("■ □ ● ★\n\n**  **\n" * 40, "只有标点", id="bullets"),
        pytest.param((PAGE + TRADITIONAL * 5).encode("big5", "replace"), "Big5", id="big5-page"),
        pytest.param(TRADITIONAL.encode("big5") * 3, "Big5", id="big5-traditional"),
        pytest.param(JAPANESE.encode("shift_jis") * 3, "Shift-JIS", id="shift-jis"),
        pytest.param(JAPANESE.encode("euc_jp") * 3, "不是正常中文", id="euc-jp"),
    ],
)
def test_files_holding_no_chinese_story_are_refused_naming_the_file_and_the_problem(data, reason, tmp_path):
    path = tmp_path / "A03版.txt"
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)

    with pytest.raises(PageFileError) as refused:
        read_page_file(path)

    message = str(refused.value)
    assert message.startswith("A03版.txt: ") and reason in message
    assert "\n" not in message


def test_the_refusal_of_a_wrong_encoding_names_the_encodings_accepted():
    with pytest.raises(PageFileError, match="支持 UTF-8、GB18030/GBK、带 BOM 的 UTF-16"):
        page_file_from_bytes("big5.txt", TRADITIONAL.encode("big5") * 3)


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8"])
def test_chinese_in_gbk_with_a_traditional_character_or_two_is_still_read(encoding):
    text = PAGE + SIMPLIFIED * 3 + "会上，嘉宾为“龍舟文化節”揭牌。\n"

    assert page_file_from_bytes("a.txt", text.encode(encoding)).text == text


def test_a_page_mostly_in_latin_letters_and_digits_is_read():
    text = "# 2023 Maoming Marathon\n\nMore than 20,000 runners took part on Sunday; 本报讯 记者 林晓。\n"

    assert page_file_from_bytes("en.txt", text.encode("gbk")).text == text


@pytest.mark.parametrize(
    "control, becomes",
    [("\x0b", "\n"), ("\x0c", "\n"), ("\x00", ""), ("\x1b", ""), ("\x7f", ""), ("\x85", ""), ("\x9b", "")],
)
def test_each_control_character_becomes_a_line_break_or_is_dropped(control, becomes):
    printed = "# 全市开展安全生产大检查" + control + "共排查企业三百余家\n\n本报讯 记者 林晓 近日，全市开展大检查。\n"

    for data in (printed.encode("utf-8"), codecs.BOM_UTF16_LE + printed.encode("utf-16-le")):
        text = page_file_from_bytes("a.txt", data).text
        assert text == printed.replace(control, becomes)
        assert not any(0 < ord(c) < 32 and c not in "\n\t\r" or 0x7F <= ord(c) <= 0x9F for c in text)


def test_a_vertical_tab_from_words_shift_enter_breaks_the_headline_line():
    data = "# 全市开展安全生产大检查\x0b共排查企业三百余家\n\n本报讯 记者 林晓 近日，全市开展大检查。\n".encode()

    parsed = parse_page(page_file_from_bytes("a.txt", data).text)

    titles = [a.title for a in parsed.articles]
    assert titles and all("\x0b" not in t for t in titles)
    assert titles[0] == "全市开展安全生产大检查"


# Text that holds no story, or is not Chinese in a supported encoding, is refused, not stored as junk.
TRADITIONAL = "本報訊 記者張三報道:昨日上午,市政府召開新聞發布會,介紹今年經濟發展情況。全市各項工作穩步推進。\n\n" * 20
JAPANESE = "東京都は昨日、新しい経済対策を発表しました。市民の生活を支援するため、様々な施策が実施されます。\n\n" * 20


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(TRADITIONAL.encode("big5"), id="big5"),
        pytest.param(JAPANESE.encode("shift_jis"), id="shift-jis"),
        pytest.param(("日本語の記事です。カタカナとひらがな。\n" * 30).encode("euc_jp"), id="euc-jp"),
    ],
)
def test_text_that_is_not_chinese_in_a_supported_encoding_is_refused(data):
    # GB18030 reads these bytes without error, as rare characters, kana and symbols
    assert data.decode("gb18030")

    with pytest.raises(PageFileError) as refused:
        page_file_from_bytes("B03.txt", data)

    message = str(refused.value)
    assert message.startswith("B03.txt: ")
    assert "不是正常中文" in message
    assert "UTF-8、GB18030/GBK" in message


def test_the_same_traditional_and_japanese_text_in_utf8_is_read_as_it_is():
    assert page_file_from_bytes("a.txt", TRADITIONAL.encode("utf-8")).text == TRADITIONAL
    assert page_file_from_bytes("b.txt", JAPANESE.encode("utf-8")).text == JAPANESE


def test_gbk_pages_with_rare_characters_and_symbols_are_still_read():
    text = PAGE + "■ 图为镕基、喆、堃、赟在现场。①②③ ＡＢＣ １２３ 【】《》\n"
    assert page_file_from_bytes("a.txt", text.encode("gb18030")).text == text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("。,!?……——“”《》\n" * 200, id="punctuation"),
        pytest.param("**\n\n# \n\n■ □\n\n> ---\n\n" * 50, id="markup"),
        pytest.param("... !!! ??? --- *** ### @@@\n" * 100, id="ascii-punctuation"),
    ],
)
def test_files_with_no_words_are_refused(text):
    with pytest.raises(PageFileError, match=r"^B04\.txt: .*没有文字"):
        page_file_from_bytes("B04.txt", text.encode("utf-8"))


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16"])
def test_control_characters_are_cleaned_where_the_text_comes_in(encoding):
    # Word's Shift+Enter is a vertical tab; pasted text brings form feeds, NULs, bells and C1 controls
    dirty = "值班主任:周国强\n# 全市开展\x0b安全生产大检查\n\n本报讯\x0c记者 林晓\x00 近日\x07,全市开展\x1b检查\x85。\x7f\n"
    data = dirty.encode(encoding)

    text = page_file_from_bytes("C.txt", data).text

    assert text == "值班主任:周国强\n# 全市开展\n安全生产大检查\n\n本报讯\n记者 林晓 近日,全市开展检查。\n"
    assert not any(ord(char) < 32 and char not in "\n\t\r" for char in text)
    assert parse_page(text).articles


def test_tabs_and_crlf_line_ends_are_kept():
    assert page_file_from_bytes("t.txt", "甲\t乙\r\n丙\n".encode()).text == "甲\t乙\r\n丙\n"
