"""An import killed with SIGKILL part-way: the database holds only whole pages, and a rerun finishes.

The import runs as a real process against a throwaway database of the kind the suite runs on
(a SQLite file, or a PostgreSQL database made for the test), and is killed without warning.
"""

import csv
import signal
import subprocess
import time

from articles.parser import parse_page

from .throwaway_db import ROOT, database, manage  # noqa: F401 (database is a fixture)

PAGES = sorted((ROOT / "fixtures" / "pages").glob("*.txt"))
FILES = 150


def test_a_killed_import_leaves_whole_pages_and_a_rerun_completes(database, tmp_path):
    url, run_sql = database
    assert manage(url, "migrate", "--noinput", "-v0").wait() == 0
    manifest = tmp_path / "manifest.csv"
    with manifest.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["file", "publication", "date", "number"])
        for i in range(FILES):
            writer.writerow([PAGES[i % len(PAGES)], "茂名晚报", f"2022-01-{i // 10 + 1:02d}", i % 10 + 1])

    importer = manage(url, "import_pages", "--manifest", str(manifest), stdout=subprocess.PIPE, text=True)
    started = time.monotonic()
    while not run_sql("SELECT 1 FROM articles_page LIMIT 1") and time.monotonic() - started < 60:
        time.sleep(0.05)
    time.sleep(0.3)
    importer.send_signal(signal.SIGKILL)
    importer.wait()

    stored = run_sql("SELECT source_text, (SELECT COUNT(*) FROM articles_article a WHERE a.page_id = p.id) FROM articles_page p")
    assert 0 < len(stored) < FILES, "the kill should land part-way through the run"
    for source_text, articles in stored:
        assert articles == len(parse_page(source_text).articles), "a page was stored without all its articles"
    orphans = run_sql("SELECT COUNT(*) FROM articles_byline b LEFT JOIN articles_article a ON a.id = b.article_id WHERE a.id IS NULL")
    assert orphans == [(0,)]

    rerun = manage(url, "import_pages", "--manifest", str(manifest), stdout=subprocess.PIPE, text=True)
    output, _ = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, output
    assert f"未变 {len(stored)}" in output and f"新建 {FILES - len(stored)}" in output
    assert run_sql("SELECT COUNT(*) FROM articles_page") == [(FILES,)]
