"""A PDF page's positioned lines read as page text: paragraphs, and the breaks a reader sees."""
from articles.facsimile import Box, TextLine
from articles.facsimile_text import text_from_lines

EM, PITCH = 0.01, 0.014  # a character's width and the line pitch, in fractions of the page


def column(rows, *, left=0.1, top=0.1):
    """A headline and the lines under it: (indent in characters, text, characters of ink) each."""
    lines = [TextLine(Box(left, top - 0.05, 6 * EM, 2 * EM), "版面标题文字")]
    for number, (indent, text, ink) in enumerate(rows):
        lines.append(TextLine(Box(left + indent * EM, top + number * PITCH, ink * EM, EM), text))
    return lines


def paragraphs(lines):
    return text_from_lines(lines).split("\n\n")[1:]  # after the headline


def test_a_credit_line_alone_under_a_paragraph_ending_at_the_columns_edge_is_a_paragraph_of_its_own():
    lines = column([
        (2, "第一段开头的文字", 8),
        (0, "接着写下去的一行。", 10),  # the paragraph ends at the very edge
        (0, "通讯员 林文轩", 6.5),
    ])
    assert paragraphs(lines) == ["第一段开头的文字接着写下去的一行。", "通讯员 林文轩\n"]


def test_a_narrow_columns_indented_first_line_stays_with_its_paragraph():
    lines = column([(2, "开头三", 3), (0, "个字后面", 5), (0, "的文字还", 5), (0, "有。", 2)])
    assert paragraphs(lines) == ["开头三个字后面的文字还有。\n"]


def test_a_wrapped_latin_word_keeps_its_space_and_a_line_ending_in_a_space_keeps_it():
    lines = column([(2, "本报讯 记者李明 ", 8), (0, "通讯员水务宣 昨日Smart", 10), (0, "City 项目开工。", 7)])
    assert paragraphs(lines) == ["本报讯 记者李明 通讯员水务宣 昨日Smart City 项目开工。\n"]
