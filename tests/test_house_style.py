"""A paper's house style in the desk: its editors' corrections of a few pages set its next pages right."""

import datetime

import pytest
from django.urls import reverse

from articles import house_style, structure
from articles.importing import PageImporter, PageTarget
from articles.pagefiles import page_file_from_bytes
from articles.parser import Label, parse_page
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# A paper that credits supplied copy "…供稿" on a line of its own after the story: the parser alone reads that
# line as something else (a headline, a subhead), never as the story's credit.
PAGE = """值班主任:余虔虹 责任编辑:李明

{a}公园改造完工

本报讯 {a}公园改造工程日前完工,新增步道两公里,座椅六十张,市民可免费入园。

园内还增设了儿童游乐区和健身器材,方便附近居民锻炼。

{b}图书馆延长开放

本报讯 {b}图书馆自下月起每天开放到晚上九点,周末照常开放。

馆方表示,延长开放时间是为了方便上班族借阅图书。

{b}文化快讯供稿
"""
PLACES = [("东湖", "西山"), ("南岭", "北岸"), ("中山", "新城"), ("河口", "江滨"), ("湖滨", "海港")]
CORRECTED = (0, 1, 2, 4)  # the pages an editor corrects; page 3 is the next one


@pytest.fixture(autouse=True)
def empty_cache():
    from django.core.cache import cache

    cache.clear()


def import_page(n, paper="茂名晚报"):
    a, b = PLACES[n]
    target = PageTarget(publication=paper, date=datetime.date(2022, 7, 11 + n), number=2, name="城事")
    report = PageImporter().import_file(page_file_from_bytes(f"{n}.txt", PAGE.format(a=a, b=b).encode()), target)
    assert not report.error, report.error
    return report.page


def titles(page):
    return list(page.articles.order_by("position").values_list("title", flat=True))


def credited(page, agency):
    """The agency line credits the page's last story, and is not printed in its body as a subhead."""
    story = page.articles.order_by("position").last()
    return agency in story.credit_line() and agency not in story.body


def correct_credits(page, editor):
    """The editor marks the page's "…供稿" line as a byline in the structure view."""
    view = structure.page_structure(page=page)
    piece = next(p for p in view.pieces if p.text.endswith("供稿"))
    assert piece.label != Label.BYLINE
    structure.correct_piece(page=page, key=piece.key, user=editor, label=Label.BYLINE, state=view.state)


def corrected_paper():
    """Four pages of the paper, each imported wrong and corrected by an editor: each shows the habit once,
    and a habit is learnt when it fixes at least four pieces (articles/parser/style.py, MIN_GAIN)."""
    editor = UserFactory(group="编辑")
    pages = [import_page(n) for n in CORRECTED]
    for page, (_, agency) in zip(pages, [PLACES[n] for n in CORRECTED]):
        assert not credited(page, agency + "文化快讯")
        correct_credits(page, editor)
        assert credited(page, agency + "文化快讯")
    return pages, editor


def test_a_paper_with_four_corrected_pages_gets_its_next_page_imported_right():
    corrected_paper()

    page = import_page(3)

    assert credited(page, "江滨文化快讯")
    assert titles(page) == ["河口公园改造完工", "江滨图书馆延长开放"]
    view = structure.page_structure(page=page)
    credit = next(p for p in view.pieces if p.text == "江滨文化快讯供稿")
    assert credit.label == Label.BYLINE and credit.why.startswith("本报习惯：") and not credit.corrected


def test_the_structure_view_tells_the_editor_which_habit_set_a_piece(client):
    _, editor = corrected_paper()
    page = import_page(3)
    client.force_login(editor)

    html = client.get(reverse("admin:articles_page_structure", args=[page.pk])).content.decode()

    assert "本报习惯：" in html and "署名" in html


def test_three_corrected_pages_that_show_a_habit_once_each_are_not_yet_a_style():
    editor = UserFactory(group="编辑")
    for n in range(3):
        correct_credits(import_page(n), editor)

    assert not credited(import_page(3), "江滨文化快讯")


def test_the_editors_own_correction_of_a_page_wins_over_the_house_style():
    _, editor = corrected_paper()
    page = import_page(3)
    key = next(p.key for p in structure.page_structure(page=page).pieces if p.text == "江滨文化快讯供稿")

    structure.correct_piece(page=page, key=key, user=editor, label=Label.BODY,
                            state=structure.page_structure(page=page).state)

    piece = next(p for p in structure.page_structure(page=page).pieces if p.key == key)
    assert piece.label == Label.BODY and piece.corrected and piece.why == "编辑已更正"
    assert not credited(page, "江滨文化快讯")


def test_another_papers_pages_are_unaffected():
    corrected_paper()

    page = import_page(3, paper="江门日报")

    assert not credited(page, "江滨文化快讯")
    assert not any(p.why.startswith("本报习惯") for p in structure.page_structure(page=page).pieces)


def test_undoing_the_corrections_removes_the_learnt_rule():
    pages, editor = corrected_paper()
    publication = pages[0].edition.publication_id
    assert house_style.style_of(publication).rules

    for page in pages:
        while page.corrections.exists():
            structure.undo_correction(page=page, user=editor, state=structure.page_structure(page=page).state)

    assert house_style.style_of(publication).rules == []
    assert not credited(import_page(3), "江滨文化快讯")


def test_the_style_is_learnt_with_a_fixed_number_of_queries_and_then_cached(django_assert_num_queries):
    pages, _ = corrected_paper()
    publication = pages[0].edition.publication_id
    from django.core.cache import cache

    cache.clear()
    with django_assert_num_queries(2):
        learnt = house_style.style_of(publication)
    with django_assert_num_queries(1):
        again = house_style.style_of(publication)
    assert learnt.rules and again.rules == learnt.rules


def test_parsing_alone_leaves_the_credit_in_the_story():
    """The premise of the tests above: without the paper's style, the parser gets the page wrong."""
    decisions = {d.text: d for d in parse_page(PAGE.format(a="河口", b="江滨")).decisions}
    assert decisions["江滨文化快讯供稿"].label != Label.BYLINE
