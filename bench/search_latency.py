"""Search latency at scale, beside a plain substring scan of the same rows in the same run.

    python bench/search_latency.py [--articles 100000] [--databases sqlite,postgresql]

For each database, a throwaway one (a temporary SQLite file; a PostgreSQL database created and
dropped on the server of --postgres) gets ``--articles`` published articles made from the sample
articles: each keeps a sample headline and gets a body of paragraphs drawn from all the samples,
spread over twelve papers, eight pages an edition. Then the whole index is rebuilt
(``search.reindex``, timed) and each query is run as a results page would: the total count, the
first twenty articles and a highlighted snippet of each. p50/p95 are printed per query length,
beside the same page built from ``icontains`` on headline and body (what search would be without
an index). Not a test: figures only.
"""

import argparse
import datetime
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from throwaway import throwaway_database

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "fixtures" / "sample.json"
PAPERS = ["茂名晚报", "江门日报", "湛江日报", "清远日报", "惠州日报", "韶关日报", "阳江日报", "云浮日报",
          "肇庆日报", "河源日报", "梅州日报", "汕尾日报"]
PAGES_PER_EDITION, ARTICLES_PER_PAGE = 8, 12
QUERIES = {
    1: ["稻", "桥", "疫", "市"],
    2: ["热线", "茂名", "志愿", "疫情"],
    4: ["安全整治", "网格化管", "志愿服务", "疫情防控"],
}
RUNS, BASELINE_RUNS = 10, 3


# --- The parent: one child process per database ------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        return measure(options.articles)

    print(f"search latency at {options.articles} articles; a results page = count + first 20 + snippets")
    for database in options.databases.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            kind = "sqlite" if database == "sqlite" else "postgres"
            with throwaway_database(kind, Path(tmp), "bench_search", server=options.postgres) as url:
                run_child(url, options)


def run_child(url: str, options) -> None:
    env = {**os.environ, "DATABASE_URL": url}
    env.pop("DJANGO_DEBUG", None)  # as in production: no query log slowing the figures down
    subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"], env=env, cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = subprocess.run([sys.executable, __file__, "--child=1", f"--articles={options.articles}"], env=env,
                         cwd=ROOT, check=True, capture_output=True, text=True).stdout
    report(json.loads(out.strip().splitlines()[-1]))


def report(figures: dict) -> None:
    print(f"\n{figures['vendor']}: built {figures['articles']} articles in {figures['build_s']:.0f} s, "
          f"reindexed in {figures['reindex_s']:.0f} s ({figures['articles'] / figures['reindex_s']:.0f} articles/s); "
          f"index {figures['index_mb']:.0f} MB beside {figures['articles_mb']:.0f} MB of article rows")
    print(f"  {'query':<8} {'hits':>14}  {'search p50 / p95 ms':>20}  {'icontains p50 / p95 ms':>24}")
    for length, row in figures["latency"].items():
        hits = "/".join(str(row["hits"][q]) for q in QUERIES[int(length)])
        print(f"  {length + ' char':<8} {hits:>14}  {row['search'][0]:>9.1f} / {row['search'][1]:<8.1f}"
              f"  {row['naive'][0]:>11.1f} / {row['naive'][1]:<10.1f}")


# --- The child: build, reindex, measure, inside Django --------------------------------------------


def measure(count: int) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from django.db import connection

    from articles import search

    started = time.perf_counter()
    build(count)
    build_s = time.perf_counter() - started
    started = time.perf_counter()
    search.reindex()
    reindex_s = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    index_mb, articles_mb = sizes(connection)
    latency = {str(length): measure_queries(queries) for length, queries in QUERIES.items()}
    print(json.dumps({"vendor": connection.vendor, "articles": count, "build_s": build_s, "reindex_s": reindex_s,
                      "index_mb": index_mb, "articles_mb": articles_mb, "latency": latency}))


def build(count: int) -> None:
    """``count`` published articles, mostly made-up text with sample stories mixed in.

    Made-up text is random words from pypinyin's phrase list (a pinned dependency), so the
    characters are varied as in a real archive; one headline in five and one paragraph in
    twenty come from the sample articles, so the queries hit as in a year of local news
    (a few per cent of the articles for a rare word, a third or more for a common character).
    """
    from django.db import transaction
    from django.utils import timezone
    from pypinyin.phrases_dict import phrases_dict

    from articles.models import Article, Edition, Page, Publication

    records = json.loads(SAMPLE.read_text(encoding="utf-8"))
    samples = [r["fields"] for r in records if r["model"] == "articles.article"]
    paragraphs = [p for s in samples for p in s["body"].split("\n\n") if p.strip()]
    words = sorted(phrases_dict)
    rng = random.Random(1)

    def made_up(low: int, high: int, end: str = "。") -> str:
        return "".join(rng.choice(words) + rng.choice(",,,、") for _ in range(rng.randint(low, high)))[:-1] + end

    def headline() -> dict:
        if rng.random() < 0.2:
            sample = rng.choice(samples)
            return {"kicker": sample["kicker"], "title": sample["title"], "subtitle": sample["subtitle"]}
        return {"kicker": "", "title": made_up(2, 5, ""), "subtitle": ""}

    def body() -> str:
        return "\n\n".join(
            rng.choice(paragraphs) if rng.random() < 0.05 else made_up(15, 60) for _ in range(rng.randint(3, 8))
        )

    now = timezone.now()
    per_edition = PAGES_PER_EDITION * ARTICLES_PER_PAGE
    editions_needed = -(-count // per_edition)
    with transaction.atomic():
        papers = Publication.objects.bulk_create(
            Publication(name=name, slug=f"bench-{i}") for i, name in enumerate(PAPERS)
        )
        editions = Edition.objects.bulk_create(
            Edition(publication=papers[i % len(papers)], status=Edition.Status.PUBLISHED, published_at=now,
                    date=datetime.date(2020, 1, 1) + datetime.timedelta(days=i // len(papers)))
            for i in range(editions_needed)
        )
        pages = Page.objects.bulk_create(
            Page(edition=edition, number=n) for edition in editions for n in range(1, PAGES_PER_EDITION + 1)
        )
        Article.objects.bulk_create(
            (
                Article(page=pages[i // ARTICLES_PER_PAGE], position=i % ARTICLES_PER_PAGE + 1, body=body(),
                        status=Article.Status.PUBLISHED, published_at=now, **headline())
                for i in range(count)
            ),
            batch_size=2000,
        )


def sizes(connection) -> tuple[float, float]:
    """Megabytes of the search index (its tables and indexes) and of the article table."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_total_relation_size('articles_searchdocument'), "
                           "pg_total_relation_size('articles_article')")
            index, articles = cursor.fetchone()
        else:
            cursor.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name")
            used = dict(cursor.fetchall())
            index = sum(size for name, size in used.items() if name.startswith("articles_searchdocument"))
            articles = used["articles_article"]
    return index / 1e6, articles / 1e6


def measure_queries(queries: list[str]) -> dict:
    from django.core.paginator import Paginator
    from django.db.models import Q

    from articles.models import Article
    from articles.search import highlight, search_articles

    def results_page(results, query):
        paginator = Paginator(results, 20)
        snippets = [highlight(article.body, query) for article in paginator.page(1)]
        return paginator.count, snippets

    def naive(query):
        return (
            Article.objects.published()
            .filter(Q(kicker__icontains=query) | Q(title__icontains=query) | Q(subtitle__icontains=query)
                    | Q(body__icontains=query))
            .select_related("page__edition__publication")
            .order_by("-page__edition__date", "page__edition__publication__name", "page__number", "position")
        )

    timings = {"search": [], "naive": []}
    hits = {}
    for query in queries:
        hits[query], _ = results_page(search_articles(query), query)  # warm-up, and the hit count
        for kind, make, runs in (("search", search_articles, RUNS), ("naive", naive, BASELINE_RUNS)):
            for _ in range(runs):
                started = time.perf_counter()
                results_page(make(query), query)
                timings[kind].append((time.perf_counter() - started) * 1000)
    return {"hits": hits, **{kind: percentiles(values) for kind, values in timings.items()}}


def percentiles(values: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(values, n=20, method="inclusive")
    return statistics.median(values), cuts[18]


if __name__ == "__main__":
    main()
