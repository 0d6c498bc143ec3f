"""The desk's article list and exports at 100,000 articles, beside the same list at 1,000 (same run).

    python bench/admin_changelist.py [--articles 100000] [--runs 5] [--database sqlite|postgres] [--keep DIR]

1. A throwaway database (a SQLite file, or a PostgreSQL database named bench_admin_<pid> on
   127.0.0.1:5432, dropped at the end) gets ~1,000 articles through the importer
   (`generate_dataset`: sample pages under varied papers, names and days). The article changelist
   is timed there: the baseline.
2. The database is grown to the target by copying those editions (pages, articles, bylines, photos,
   staff boxes) to later dates in bulk, far faster than importing 10,000 pages one by one, with
   the same shape per article; the search index is then rebuilt (`reindex_search` does the same),
   and PostgreSQL's statistics refreshed (ANALYZE, as autovacuum would). `Article.objects.count()`
   is timed as a floor.
3. The changelist is timed again as a logged-in superuser through Django's test client: the first
   page, a filtered page (one paper, drafts), a search (a reporter's name) and one month of editions;
   median of N runs each, with the number of queries each request ran.
4. Exporting every article as an editor does, through the admin's export page, to CSV and to XLSX,
   each in a fresh process: the download is read to the end and saved to a file; wall time, queries,
   and peak resident memory above the process's size before the export.

--keep DIR keeps the SQLite database in DIR (PostgreSQL databases are always dropped).
"""

import argparse
import csv
import datetime
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

from throwaway import throwaway_database

ROOT = Path(__file__).resolve().parent.parent
BASE_PAGES = 100  # about 1,000 articles, the baseline
COPY_GAP_DAYS = 7  # each copy of the base editions moves this many days later


def setup(database_url: str) -> None:
    os.environ.update({
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_SECRET_KEY": "bench-only-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_LOG_LEVEL": "WARNING",
    })
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings

    warnings.filterwarnings("ignore", message="No directory at")  # WhiteNoise: no collectstatic here
    django.setup()
    # Served as the tests serve it: static files looked up per request, no collectstatic needed.
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


def build_base(database_url: str) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_DEBUG": "1"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True, stderr=subprocess.DEVNULL)
    subprocess.run(
        [*manage, "generate_dataset", "--pages", str(BASE_PAGES), "-v0"],
        env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def grow(target: int) -> int:
    """Copy the base editions, shifted in time, until there are `target` articles. Returns the count."""
    from django.db import transaction

    from articles.models import Article, Byline, DutyAssignment, Edition, Page, Photo

    editions = list(Edition.objects.order_by("pk"))
    pages = list(Page.objects.order_by("pk"))
    articles = list(Article.objects.order_by("pk"))
    bylines = list(Byline.objects.order_by("pk"))
    photos = list(Photo.objects.order_by("pk"))
    staff = list(DutyAssignment.objects.order_by("pk"))
    span = max(e.date for e in editions) - min(e.date for e in editions)
    total, copy = len(articles), 0
    while total < target:
        copy += 1
        shift = datetime.timedelta(days=copy * max(COPY_GAP_DAYS, span.days + 1))
        with transaction.atomic():
            edition_ids = _copy(Edition, editions, {}, date=lambda e: e.date + shift)
            page_ids = _copy(Page, pages, {"edition_id": edition_ids})
            wanted = articles[: target - total]
            article_ids = _copy(Article, wanted, {"page_id": page_ids})
            _copy(Byline, [b for b in bylines if b.article_id in article_ids], {"article_id": article_ids})
            _copy(
                Photo,
                [p for p in photos if p.article_id is None or p.article_id in article_ids],
                {"article_id": article_ids, "page_id": page_ids},
            )
            _copy(DutyAssignment, staff, {"page_id": page_ids, "edition_id": edition_ids})
        total += len(wanted)
    return Article.objects.count()


def refresh_indexes() -> None:
    """What the copies need before they are searched: index entries, and planner statistics on PostgreSQL."""
    from django.db import connection

    from articles import search

    search.reindex()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _copy(model, rows, remap, **computed):
    """Insert copies of `rows` with their foreign keys moved through `remap`; returns old pk -> new pk."""
    copies = []
    for row in rows:
        fields = {f.attname: getattr(row, f.attname) for f in model._meta.concrete_fields if not f.primary_key}
        for name, mapping in remap.items():
            if fields.get(name) is not None:
                fields[name] = mapping[fields[name]]
        for name, compute in computed.items():
            fields[name] = compute(row)
        copies.append(model(**fields))
    made = model.objects.bulk_create(copies, batch_size=500)
    return {old.pk: new.pk for old, new in zip(rows, made)}


def timed(call, runs: int) -> float:
    call()  # warm the caches: the first request compiles templates
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def changelist_requests():
    """The requests an editor makes all day: (label, query string)."""
    from articles.models import Byline, Publication

    paper = Publication.objects.order_by("pk").first()
    name = Byline.objects.filter(role="reporter").select_related("reporter").order_by("pk").first().reporter.name
    return [
        ("第一页", ""),
        (f"筛选:{paper.name} 草稿", f"?page__edition__publication__id__exact={paper.pk}&status__exact=draft"),
        (f"搜索:{name}", f"?q={name}"),
        ("按月:2021年3月", "?edition_month=2021-03"),
    ]


def measure_changelist(client, runs: int) -> list[tuple[str, float, int, int]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    url = reverse("admin:articles_article_changelist")
    rows = []
    for label, query in changelist_requests():
        def get(query=query):
            response = client.get(url + query)
            assert response.status_code == 200, response.status_code
            return response

        with CaptureQueriesContext(connection) as captured:
            response = get()
        queries = len(captured)  # read now: the next request clears the connection's query log
        rows.append((label, timed(get, runs), queries, response.context_data["cl"].result_count))
    return rows


def superuser_client():
    from django.contrib.auth import get_user_model
    from django.test import Client

    user, _ = get_user_model().objects.get_or_create(username="bench", defaults={"is_staff": True, "is_superuser": True})
    client = Client()
    client.force_login(user)
    return client


def export_child(fmt: str) -> None:
    """Run in a fresh process: export every article to `fmt` through the admin, print figures as JSON."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from articles.models import Article

    client = superuser_client()
    url = reverse("admin:articles_article_export")
    form = client.get(url).context_data["form"]  # the page the editor fills in; templates compiled here
    data = {name: form[name].value() for name in form.fields if form[name].value() not in (None, False)}
    data = {name: "on" if value is True else value for name, value in data.items()}
    data["format"] = str(next(i for i, label in form.fields["format"].choices if label.lower() == fmt))
    Article.objects.exists()

    with tempfile.NamedTemporaryFile(suffix=f".{fmt}") as saved:
        before = peak_rss_mb()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.post(url, data)
            assert response.status_code == 200, response.status_code
            for piece in response.streaming_content if response.streaming else [response.content]:
                saved.write(piece)
            response.close()
        elapsed = time.perf_counter() - started
        peak = peak_rss_mb()
        saved.flush()
        print(json.dumps({
            "rows": count_rows(saved.name, fmt), "seconds": elapsed, "bytes": saved.tell(),
            "peak_mb": peak - before, "peak_total_mb": peak, "queries": len(captured),
        }))


def peak_rss_mb() -> float:
    """This process's peak resident memory. Linux's VmHWM starts afresh at exec; ru_maxrss would
    start at the size of the parent that forked us, which has grown the database by then."""
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def count_rows(path: str, fmt: str) -> int:
    if fmt == "csv":
        with open(path, newline="", encoding="utf-8") as file:
            return sum(1 for _ in csv.reader(file)) - 1
    import openpyxl

    return sum(1 for _ in openpyxl.load_workbook(path, read_only=True).active.iter_rows(values_only=True)) - 1


def measure_export(database_url: str, fmt: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--export", fmt, "--database-url", database_url],
        check=True, capture_output=True, text=True, cwd=ROOT,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--keep", help="build the SQLite database in this directory and keep it")
    parser.add_argument("--export", choices=["csv", "xlsx"], help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.export:
        setup(args.database_url)
        export_child(args.export)
        return

    with tempfile.TemporaryDirectory(prefix="bench-admin-") as scratch, \
            throwaway_database(args.database, Path(args.keep or scratch), "bench_admin") as database_url:
        started = time.perf_counter()
        build_base(database_url)
        setup(database_url)
        from articles.models import Article

        client = superuser_client()
        base_count = Article.objects.count()
        print(f"数据库:{args.database}")
        print(f"基线:{base_count} 篇稿件(经导入程序生成,用时 {time.perf_counter() - started:.0f} 秒)")
        baseline = measure_changelist(client, args.runs)

        started = time.perf_counter()
        count = grow(args.articles)
        print(f"扩充到 {count} 篇稿件(批量复制,用时 {time.perf_counter() - started:.0f} 秒)")
        started = time.perf_counter()
        refresh_indexes()
        print(f"重建搜索索引(用时 {time.perf_counter() - started:.0f} 秒)")
        floor = timed(lambda: Article.objects.count(), args.runs)
        large = measure_changelist(client, args.runs)

        print(f"\n稿件列表(管理员登录,Django 测试客户端,{args.runs} 次取中位数)")
        print(f"{'请求':<24}{base_count:>8} 篇{count:>10} 篇{'查询数':>8}{'结果':>9}")
        for (label, small, _, _), (_, big, queries, found) in zip(baseline, large):
            print(f"{label:<24}{small * 1000:>8.0f} ms{big * 1000:>8.0f} ms{queries:>8}{found:>9}")
        print(f"{'Article.objects.count()':<24}{'':>11}{floor * 1000:>8.1f} ms")

        print(f"\n导出全部 {count} 篇稿件(经管理后台的导出页,各在新进程中)")
        for fmt in ("csv", "xlsx"):
            result = measure_export(database_url, fmt)
            print(
                f"{fmt.upper():<6}{result['seconds']:>7.1f} 秒  峰值内存 +{result['peak_mb']:.0f} MB"
                f"(进程峰值 {result['peak_total_mb']:.0f} MB)  "
                f"{result['rows']} 行  {result['bytes'] / 1024 / 1024:.1f} MB  {result['queries']} 次查询"
            )


if __name__ == "__main__":
    main()
