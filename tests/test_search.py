"""Full-text search: what a reader searching the e-paper finds, in what order, and how it is marked.

The suite runs once on SQLite and once on PostgreSQL; the tests comparing results with a plain
substring scan of the same data are what keeps the two databases in agreement.
"""
import datetime
import random
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from articles.models import Article, Edition, SearchDocument
from articles import search
from articles.search import highlight, normalise, search_articles

from .factories import ArticleFactory, BylineFactory, EditionFactory, PageFactory, PublicationFactory

pytestmark = pytest.mark.django_db

SAMPLE = Path(settings.BASE_DIR) / "fixtures" / "sample.json"


def story(title="无关标题", body="", *, edition=None, **fields):
    """A published article in a published edition (its own unless ``edition`` is given)."""
    edition = edition or EditionFactory(published=True)
    return ArticleFactory(published=True, page=PageFactory(edition=edition), title=title, body=body, **fields)


def found(query, **filters):
    return [article.title for article in search_articles(query, **filters)]


def contains(article, query):
    """The reference a search must agree with: the query as a substring of one of the texts."""
    texts = (article.kicker, article.title, article.subtitle, article.body)
    return any(normalise(query) in normalise(text) for text in texts)


# --- What a query finds ---------------------------------------------------------------------


def test_two_characters_find_the_articles_that_contain_them():
    story("市区新闻", "茂名市开展专项检查。")
    story("另一篇", "江门市开展专项检查。")

    assert found("茂名") == ["市区新闻"]


def test_one_character_is_found_wherever_it_stands():
    story("开头", "稻田里一片金黄。")
    story("中间", "早稻丰收。")
    story("末尾", "今年种了水稻")
    story("没有", "玉米丰收。")

    assert sorted(found("稻")) == ["中间", "开头", "末尾"]


def test_a_longer_query_matches_only_the_characters_side_by_side():
    story("相连", "全力做好疫情防控工作。")
    story("隔开", "疫情、防控两手抓。")
    story("颠倒", "防控疫情。")

    assert found("疫情防控") == ["相连"]
    assert found("情防") == ["相连"]


def test_every_term_of_the_query_must_occur():
    story("两个都有", "茂名市加强疫情防控。")
    story("只有一个", "茂名市开展检查。")

    assert found("茂名 疫情") == ["两个都有"]
    assert found("茂名,疫情") == ["两个都有"]


def test_letters_and_digits_ignore_case_and_width():
    story("热线", "市民拨打１２３４５热线反映问题。")
    story("疫苗", "COVID-19疫苗接种。")

    assert found("12345") == ["热线"]
    assert found("covid") == ["疫苗"]
    assert found("Covid 疫苗") == ["疫苗"]


def test_quotes_and_operators_in_a_query_are_plain_words():
    story("乐队", "Rock and roll 乐队演出。")

    assert found('"rock" AND roll* 乐队') == ["乐队"]
    assert found("rock NOT roll") == []  # "not" is a word like any other


def test_markdown_markers_and_punctuation_are_not_searched():
    story("小标题", "## 保障热线不掉线\n\n**热线**24小时有人接听。")

    assert found("保障热线") == ["小标题"]
    assert found("##") == []


@pytest.mark.parametrize("query", ["", "   ", "!!", ",。“”", "#*"])
def test_a_query_without_letters_digits_or_characters_finds_nothing(query):
    story("热线", "热线!! 24小时有人接听。")

    assert found(query) == []


def test_search_agrees_with_a_substring_scan_of_the_same_texts():
    """Random texts over a few characters, so that every query of one to four of them has hits."""
    rng = random.Random(20221122)
    alphabet, breaks = "疫情防控茂名", ",、 1"
    articles = [
        story(
            "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 6))),
            "".join(rng.choice(alphabet + breaks) for _ in range(rng.randint(0, 40))),
        )
        for _ in range(40)
    ]
    queries = list(alphabet) + [a + b for a in alphabet for b in alphabet]
    queries += ["".join(rng.choice(alphabet) for _ in range(rng.choice([3, 4]))) for _ in range(30)]

    for query in queries:
        expected = {article.pk for article in articles if contains(article, query)}
        assert {article.pk for article in search_articles(query)} == expected, query


@pytest.mark.parametrize("query", ["疫情", "茂名", "稻", "热线", "12345", "网格化管理", "疫情防控"])
def test_the_sample_papers_are_searchable_once_loaded(query):
    call_command("loaddata", SAMPLE, verbosity=0)  # loaddata saves raw: no importer, no admin
    expected = {article.pk for article in Article.objects.published() if contains(article, query)}

    assert expected  # the sample content has every query
    assert {article.pk for article in search_articles(query)} == expected


# --- Only what readers may see ------------------------------------------------------------------


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.REVIEW, Article.Status.SPIKED])
def test_unpublished_articles_are_not_found(status):
    ArticleFactory(status=status, page__edition__published=True, body="茂名新闻")

    assert found("茂名") == []


def test_published_articles_of_an_unpublished_edition_are_not_found():
    ArticleFactory(published=True, page__edition__status=Edition.Status.DRAFT, body="茂名新闻")

    assert found("茂名") == []


# --- Order ----------------------------------------------------------------------------------------


def test_headline_matches_come_first_then_the_newest_editions():
    old, new = datetime.date(2022, 7, 1), datetime.date(2022, 7, 2)
    story("正文提到,较新", "茂名新闻", edition=EditionFactory(published=True, date=new))
    story("茂名新闻,较旧", "无关", edition=EditionFactory(published=True, date=old))
    story("正文提到,较旧", "茂名新闻", edition=EditionFactory(published=True, date=old))
    story("副题", "无关", subtitle="茂名市", edition=EditionFactory(published=True, date=new))

    assert found("茂名") == ["副题", "茂名新闻,较旧", "正文提到,较新", "正文提到,较旧"]


# --- Filters -----------------------------------------------------------------------------------------


def test_filter_by_paper():
    maoming, jiangmen = PublicationFactory(name="茂名晚报"), PublicationFactory(name="江门日报")
    story("茂名的", "疫情防控", edition=EditionFactory(published=True, publication=maoming))
    story("江门的", "疫情防控", edition=EditionFactory(published=True, publication=jiangmen))

    assert found("疫情", publication=maoming) == ["茂名的"]
    assert found("疫情", publication=jiangmen.pk) == ["江门的"]


def test_filter_by_dates_includes_both_ends():
    for day in (1, 2, 3, 4):
        story(f"{day}日", "疫情防控", edition=EditionFactory(published=True, date=datetime.date(2022, 7, day)))

    assert found("疫情", date_from=datetime.date(2022, 7, 2), date_to=datetime.date(2022, 7, 3)) == ["3日", "2日"]
    assert found("疫情", date_from=datetime.date(2022, 7, 4)) == ["4日"]
    assert found("疫情", date_to=datetime.date(2022, 7, 1)) == ["1日"]


def test_filter_by_reporter_includes_co_bylined_stories():
    first, second, other = story("第一篇", "疫情"), story("第二篇", "疫情"), story("别人的", "疫情")
    byline = BylineFactory(article=first)
    BylineFactory(article=second, reporter=byline.reporter)
    BylineFactory(article=second)
    BylineFactory(article=other)

    assert sorted(found("疫情", reporter=byline.reporter)) == ["第一篇", "第二篇"]


def test_search_within_one_edition():
    edition = EditionFactory(published=True)
    story("本期", "疫情", edition=edition)
    story("别期", "疫情")

    assert found("疫情", edition=edition) == ["本期"]


# --- Keeping up with editors ------------------------------------------------------------------------


def test_an_edited_article_is_found_by_its_new_text_only():
    article = story("原来的标题", "江门新闻")

    article.title, article.body = "改过的标题", "茂名新闻"
    article.save()

    assert found("茂名") == ["改过的标题"]
    assert found("江门") == []
    assert found("原来") == []


def test_a_deleted_article_leaves_nothing_in_the_index():
    kept, deleted = story("留下", "茂名"), story("删掉", "茂名")

    deleted.page.edition.delete()

    assert found("茂名") == ["留下"]
    assert list(SearchDocument.objects.values_list("article", flat=True)) == [kept.pk]


def test_imported_pages_are_searchable():
    page = Path(settings.BASE_DIR) / "fixtures" / "pages" / "004_535a5cc98f37db43.txt"
    call_command("import_pages", str(page), "--publication=江门日报", "--date=2022-11-22", stdout=StringIO())
    Edition.objects.update(status=Edition.Status.PUBLISHED)
    Article.objects.update(status=Article.Status.PUBLISHED)

    assert found("稻花") == ["稻花香里说丰年"]


def test_reindex_search_rebuilds_a_lost_index():
    story("热线", "12345热线")
    SearchDocument.objects.all().delete()
    assert found("热线") == []

    out = StringIO()
    call_command("reindex_search", stdout=out)

    assert found("热线") == ["热线"]
    assert "1 篇稿件" in out.getvalue()
    assert_the_index_does_the_matching()  # a whole rebuild leaves the index as the migrations made it


# --- Highlighting -----------------------------------------------------------------------------------


def test_highlight_marks_every_match_and_escapes_the_rest():
    html = highlight("<b>热线</b> & 12345热线", "热线")

    assert html == "&lt;b&gt;<mark>热线</mark>&lt;/b&gt; &amp; 12345<mark>热线</mark>"


def test_highlight_shows_the_text_around_the_first_match():
    body = "开头的话。" * 40 + "市民热线24小时有人接听。" + "结尾的话。" * 40

    html = highlight(body, "热线", length=30)

    assert "<mark>热线</mark>" in html
    assert html.startswith("…") and html.endswith("…")
    assert len(html.replace("<mark>", "").replace("</mark>", "")) <= 32


def test_highlight_marks_what_the_search_matched():
    assert highlight("COVID-19疫苗 与 １２３４５热线", "covid 12345") == (
        "<mark>COVID</mark>-19疫苗 与 <mark>１２３４５</mark>热线"
    )
    assert highlight("疫情、防控和疫情防控", "疫情防控") == "疫情、防控和<mark>疫情防控</mark>"
    assert highlight("㈠ ﬁ热线", "热线") == "㈠ ﬁ<mark>热线</mark>"  # characters NFKC turns into several


def test_highlight_shows_markdown_as_a_reader_reads_it():
    html = highlight("## 保障热线不掉线\n\n**热线**24小时有人接听。", "热线")

    assert html == "保障<mark>热线</mark>不掉线 <mark>热线</mark>24小时有人接听。"


def test_highlight_without_a_match_is_the_start_of_the_text():
    assert highlight("正文" * 100, "茂名", length=10) == "正文正文正文正文正文…"


# --- At scale ----------------------------------------------------------------------------------------


def test_the_search_index_does_the_matching():
    """Not a scan of every body: the database's own full-text index finds the articles."""
    assert_the_index_does_the_matching()


def assert_the_index_does_the_matching():
    matching = search._database().matching(search.parse_query("热线"))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + matching.sql, matching.params)
            plan = str(cursor.fetchall())
            assert "Bitmap Index Scan on articles_searchdocument_headline" in plan
            assert "Bitmap Index Scan on articles_searchdocument_body" in plan
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + matching.sql, matching.params)
            assert "SCAN articles_searchdocument VIRTUAL TABLE INDEX" in str(cursor.fetchall())


def test_a_page_of_results_costs_one_query(django_assert_num_queries):
    for n in range(30):
        story(f"热线{n}", "12345热线")

    with django_assert_num_queries(1):
        page = [(a.get_absolute_url(), a.page.edition.publication.name) for a in search_articles("热线")[:20]]

    assert len(page) == 20
