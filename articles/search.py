"""Full-text search of the published articles, for Chinese and for plain letters and digits.

Chinese is written without spaces, so there are no words to index. Each run of CJK characters
is cut instead into overlapping pairs (bigrams), closed by the run's last character alone:

    疫情防控  ->  疫情 情防 防控 控

Every character of the text thus starts exactly one token, and a query is cut the same way:

- one character (稻) matches every token that starts with it (a prefix query);
- two characters (茂名) are one token;
- more (疫情防控) are the phrase of their bigrams at consecutive positions (疫情 情防 防控),
  which only the same characters side by side produce: 疫情、防控 does not match.

Letters and digits (12345, COVID) form words, lower-cased after NFKC (so full-width １２３４５
is 12345), and a query word matches words starting with it. Traditional characters are indexed
and queried in their simplified form (圖書館 as 图书馆, character for character), so a story
printed in either script is found by a query typed in either, and matches are marked as printed. Markdown markers and punctuation
are not indexed. Terms separated by spaces or punctuation (茂名 疫情) must all occur.

The tokens are made here, in Python, for both databases, which store them verbatim, so both
find the same articles for the same query:

- SQLite: an FTS5 table with the 'ascii' tokenizer (it splits on ASCII spaces only as far as
  these tokens go) and a one-character prefix index; queries are FTS5 phrase expressions.
- PostgreSQL: two tsvectors, headline and body, written as literals (token:positions), each
  under a GIN index; queries are tsquery literals with <-> for phrases and :* for prefixes.

Every article is indexed, published or not. ``search_articles`` starts from
``Article.objects.published()`` and filters paper, dates, edition and reporter on the live
tables, so publishing, moving or crediting an article needs no reindexing: only its text does,
which ``index_articles`` handles (called on save, and by the importer's bulk writes).
"""
import contextlib
import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Case, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_save
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .batching import batched
from .models import Article, SearchDocument
from .scripts import folded

TABLE = SearchDocument._meta.db_table

# Han (with its extensions and 〇), kana and hangul: scripts written without spaces.
CJK = "\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003ffff"
TOKEN = re.compile(rf"([{CJK}]+)|([^\W_{CJK}]+)")
INDEXED_FIELDS = ("kicker", "title", "subtitle", "body")

MAX_QUERY_LENGTH = 100  # characters of a query that are read; the rest is ignored
MAX_WORD = 40  # a longer word is indexed, and queried, by its first 40 characters
# PostgreSQL keeps positions up to 16383 and a token's first 256 positions in a tsvector.
# Both databases index exactly that of the headline and of the body, so they agree on long
# articles too; on SQLite a dropped occurrence keeps its place as FILLER, which no query contains.
MAX_POSITIONS = 16383
MAX_OCCURRENCES = 256
FILLER = "\u303f"

SNIPPET_LENGTH = 120
BATCH_SIZE = 500


# --- Tokens ------------------------------------------------------------------------------


def normalise(text):
    return folded(unicodedata.normalize("NFKC", text).lower())


def _bigrams(run):
    return list(map(str.__add__, run[:-1], run[1:]))


def tokens(text):
    """The tokens of ``text`` in order: CJK bigrams with each run's last character, and words."""
    found = []
    for run, word in TOKEN.findall(normalise(text)):
        if word:
            found.append(word[:MAX_WORD])
        else:
            found += _bigrams(run)
            found.append(run[-1])
    return found


@dataclass(frozen=True)
class Term:
    """One part of a query: tokens that must stand at consecutive positions, the last maybe a prefix."""

    text: str  # as the reader typed it, normalised: what highlighting looks for
    tokens: tuple
    prefix: bool

    @property
    def is_word(self):
        return not re.match(rf"[{CJK}]", self.text)


def parse_query(query):
    """The distinct terms of ``query``; none when it holds no letter, digit or CJK character."""
    terms = []
    for run, word in TOKEN.findall(normalise((query or "")[:MAX_QUERY_LENGTH])):
        if word:
            term = Term(word, (word[:MAX_WORD],), prefix=True)
        elif len(run) == 1:
            term = Term(run, (run,), prefix=True)
        else:
            term = Term(run, tuple(_bigrams(run)), prefix=False)
        if term not in terms:
            terms.append(term)
    return terms


def _entry(article):
    """The headline's and the body's tokens, as much as both databases index (None: dropped)."""
    headline = " ".join(filter(None, (article.kicker, article.title, article.subtitle)))
    return _capped(tokens(headline)), _capped(tokens(article.body))


def _capped(field):
    field = field[:MAX_POSITIONS]
    if not field or max(Counter(field).values()) <= MAX_OCCURRENCES:
        return field
    seen = Counter()
    kept = []
    for token in field:
        seen[token] += 1
        kept.append(token if seen[token] <= MAX_OCCURRENCES else None)
    return kept


# --- The two databases -----------------------------------------------------------------


class _SQLite:
    insert = f"INSERT INTO {TABLE} (rowid, title, body) VALUES (%s, %s, %s)"

    def row(self, pk, headline, body):
        return (pk, *(" ".join(token or FILLER for token in field) for field in (headline, body)))

    @contextlib.contextmanager
    def rebuilding(self, cursor):
        cursor.execute(f"DELETE FROM {TABLE}")
        yield
        # Merge the segments the inserts made, so a query reads one b-tree per token.
        cursor.execute(f"INSERT INTO {TABLE} ({TABLE}) VALUES ('optimize')")

    def matching(self, terms, *, headline_only=False):
        column = "title : " if headline_only else ""
        expression = " AND ".join(
            column + '"' + " ".join(term.tokens) + '"' + ("*" if term.prefix else "") for term in terms
        )
        return RawSQL(
            f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [expression]
        )


class _PostgreSQL:
    insert = f"INSERT INTO {TABLE} (rowid, headline, body) VALUES (%s, %s::tsvector, %s::tsvector)"

    def row(self, pk, headline, body):
        return (pk, self._tsvector(headline), self._tsvector(body))

    @staticmethod
    def _tsvector(field):
        positions = {}
        for position, token in enumerate(field, 1):
            if token is not None:
                positions.setdefault(token, []).append(position)
        return " ".join(f"{_quoted(token)}:{','.join(map(str, at))}" for token, at in positions.items())

    @contextlib.contextmanager
    def rebuilding(self, cursor):
        """Empty the table and drop its GIN indexes; after the load, build them as they were."""
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname <> %s",
            [TABLE, f"{TABLE}_pkey"],
        )
        indexes = cursor.fetchall()
        cursor.execute(f"TRUNCATE {TABLE}")
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        yield
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _, definition in indexes:
            cursor.execute(definition)
        cursor.execute(f"ANALYZE {TABLE}")

    def matching(self, terms, *, headline_only=False):
        """Each term in the headline or the body, each column with its own GIN index.

        The headline is a column of its own, not a weight in one tsvector: a weighted query
        makes PostgreSQL recheck (and detoast) every candidate's whole document.
        """
        if headline_only:
            return RawSQL(f"SELECT rowid FROM {TABLE} WHERE headline @@ %s::tsquery",
                          [" & ".join(map(self._phrase, terms))])
        condition = " AND ".join(["(headline @@ %s::tsquery OR body @@ %s::tsquery)"] * len(terms))
        return RawSQL(f"SELECT rowid FROM {TABLE} WHERE {condition}",
                      [phrase for term in terms for phrase in [self._phrase(term)] * 2])

    @staticmethod
    def _phrase(term):
        return "(" + " <-> ".join(map(_quoted, term.tokens)) + (":*" if term.prefix else "") + ")"


def _quoted(token):
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def _database():
    if connection.vendor == "sqlite":
        return _SQLite()
    if connection.vendor == "postgresql":
        return _PostgreSQL()
    raise NotImplementedError(f"Full-text search supports SQLite and PostgreSQL, not {connection.vendor}.")


# --- Keeping the index in step ----------------------------------------------------------


def index_articles(articles):
    """(Re)index these articles from their text as it is in memory; returns how many.

    Saving an article does this by itself; call it after writes that send no post_save
    (``bulk_create``, ``QuerySet.update`` of the text).
    """
    with transaction.atomic(), connection.cursor() as cursor:
        return _write(cursor, _database(), articles, replace=True)


def index_article(article):
    index_articles([article])


def reindex(articles=None):
    """Rebuild the entries of ``articles`` (a queryset), or the whole index. Returns how many.

    A whole rebuild empties the index and builds it again in one transaction; on PostgreSQL
    searches wait for it, as its GIN indexes are dropped and built afresh, which is faster.
    """
    database = _database()
    with transaction.atomic(), connection.cursor() as cursor:
        if articles is not None:
            return _write(cursor, database, _texts(articles), replace=True)
        with database.rebuilding(cursor):
            return _write(cursor, database, _texts(Article.objects.all()), replace=False)


def _texts(articles):
    return articles.only(*INDEXED_FIELDS).order_by("pk").iterator(chunk_size=BATCH_SIZE)


def _write(cursor, database, articles, *, replace):
    count = 0
    for batch in batched(articles, BATCH_SIZE):
        if replace:
            # Plain SQL rather than QuerySet.delete(): the index's own rows need no signals. One
            # statement per row, as FTS5 looks up "rowid = ?" but scans the table for "rowid IN".
            cursor.executemany(f"DELETE FROM {TABLE} WHERE rowid = %s", [(article.pk,) for article in batch])
        cursor.executemany(database.insert, [database.row(article.pk, *_entry(article)) for article in batch])
        count += len(batch)
    return count


def article_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """Reindex a saved article whose text may have changed; fixtures' raw saves included.

    Deleting needs no receiver: the entry is deleted with its article.
    """
    if update_fields is None or set(update_fields) & set(INDEXED_FIELDS):
        index_article(instance)


def connect():
    post_save.connect(article_saved, sender=Article, dispatch_uid="search-index-article-saved")


# --- Searching ------------------------------------------------------------------------------


def matching(query):
    """The ids of the articles, of every status, whose headline or body holds every term of ``query``
    (read as ``search_articles`` reads it), as a subquery for ``pk__in``; None when the query has no
    letter, digit or CJK character. The desk's article list searches drafts with it."""
    terms = parse_query(query)
    return _database().matching(terms) if terms else None


def search_articles(
    query, *, publication=None, date_from=None, date_to=None, reporter=None, author="", edition=None
):
    """Published articles matching ``query``, headline matches first, then newest edition first.

    ``publication`` and ``edition`` may be instances or ids, ``reporter`` is a Reporter,
    ``author`` part of a credited name (any paper's reporter of that name), the dates are
    inclusive. A query without any letter, digit or CJK character finds nothing.
    Each article comes with its page, edition and paper.
    """
    articles = Article.objects.published()
    terms = parse_query(query)
    if not terms:
        return articles.none()
    database = _database()
    articles = articles.filter(pk__in=database.matching(terms))
    if publication is not None:
        articles = articles.filter(page__edition__publication=publication)
    if edition is not None:
        articles = articles.filter(page__edition=edition)
    if date_from is not None:
        articles = articles.filter(page__edition__date__gte=date_from)
    if date_to is not None:
        articles = articles.filter(page__edition__date__lte=date_to)
    if reporter is not None:
        articles = articles.credited_to(reporter)
    if author:
        articles = articles.credited_to_name(author)
    return (
        articles.select_related("page__edition__publication")
        .annotate(
            headline_match=Case(
                When(pk__in=database.matching(terms, headline_only=True), then=Value(1)), default=Value(0)
            )
        )
        .order_by(
            "-headline_match",
            "-page__edition__date",
            "page__edition__publication__name",
            "page__number",
            "position",
        )
    )


# --- Highlighting -----------------------------------------------------------------------------

MARKDOWN_LINE_START = re.compile(r"^[ \t]{0,3}(?:#{1,6}[ \t]*|>[ \t]?|[-*+][ \t]+)", re.MULTILINE)
MARKDOWN_EMPHASIS = re.compile(r"\*\*|__|`")


def plain_text(markdown):
    """Markdown as a reader sees it: headings, quotes, list markers and emphasis marks removed."""
    text = MARKDOWN_EMPHASIS.sub("", MARKDOWN_LINE_START.sub("", markdown or ""))
    return " ".join(text.split())


@functools.lru_cache(maxsize=4096)
def _fold(char):
    return normalise(char)


def _hits(text, terms):
    """Spans of ``text`` where the terms occur, first to last, as the index matches them."""
    if not terms:
        return []
    folded = normalise(text)
    if len(folded) == len(text):  # the usual case: character for character (full-width to half-width)
        offsets = range(len(text) + 1)
    else:
        pieces = [_fold(char) for char in text]
        folded = "".join(pieces)
        offsets = [i for i, piece in enumerate(pieces) for _ in piece] + [len(text)]
    needles = sorted(terms, key=lambda term: len(term.text), reverse=True)
    pattern = "|".join(
        (rf"(?<![^\W_{CJK}])" if term.is_word else "") + re.escape(term.text) for term in needles
    )
    return [
        (offsets[m.start()], offsets[m.end() - 1] + 1) for m in re.finditer(pattern, folded)
    ]


def highlight(text, query, *, length=SNIPPET_LENGTH) -> SafeString:
    """About ``length`` characters of ``text`` (Markdown allowed) around the first match of
    ``query``, every match inside wrapped in <mark>, everything else escaped; "…" marks a cut.
    Without a match it is the start of the text."""
    plain = plain_text(text)
    spans = _hits(plain, parse_query(query))
    start = max(0, spans[0][0] - length // 4) if spans else 0
    end = min(len(plain), start + length)
    start = max(0, min(start, end - length))
    parts = ["…" if start else ""]
    done = start
    for hit_start, hit_end in spans:
        if hit_end <= done or hit_start >= end:
            continue
        hit_start, hit_end = max(hit_start, done), min(hit_end, end)
        parts += [escape(plain[done:hit_start]), "<mark>", escape(plain[hit_start:hit_end]), "</mark>"]
        done = hit_end
    parts += [escape(plain[done:end]), "…" if end < len(plain) else ""]
    return mark_safe("".join(parts))
