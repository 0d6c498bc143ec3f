"""Two editors import the same page file at the same moment (PostgreSQL).

Both imports find no edition and no page yet, and both add them; the database keeps the first and
refuses the second's rows. The second editor must be told in Chinese that someone else is importing
that page, and the database must hold the page once, as the first import left it.
"""
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections

from articles.importing import IMPORTED_BY_SOMEONE_ELSE, Outcome, PageImporter, PageTarget
from articles.models import Article, Edition, Page
from articles.pagefiles import read_page_file

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite lets only one writer in at a time"),
]

JIANGMEN = Path(settings.BASE_DIR) / "fixtures" / "pages" / "004_535a5cc98f37db43.txt"
TARGET = PageTarget(publication="江门日报", date=None, number=1)


class HeldImporter(PageImporter):
    """An import that, having written its rows, waits before committing: the first editor's."""

    def __init__(self, written, release):
        super().__init__()
        self.written, self.release = written, release

    def _store(self, *args, **kwargs):
        report = super()._store(*args, **kwargs)
        self.written.set()
        assert self.release.wait(30)
        return report


def blocked_backends():
    """How many other connections are waiting for a row lock (the second import, held by the first)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def in_thread(function, results, key):
    def run():
        try:
            results[key] = function()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_the_second_of_two_simultaneous_imports_is_told_someone_else_is_importing():
    page_file = read_page_file(JIANGMEN)
    written, release = threading.Event(), threading.Event()
    results = {}

    first = in_thread(lambda: HeldImporter(written, release).import_file(page_file, TARGET), results, "first")
    assert written.wait(30), "the first import never wrote its rows"
    second = in_thread(lambda: PageImporter().import_file(page_file, TARGET), results, "second")
    deadline = time.monotonic() + 30
    while blocked_backends() == 0:  # the second import is now waiting on the first one's new rows
        assert time.monotonic() < deadline, "the second import never met the first"
        time.sleep(0.05)
    release.set()
    first.join(30)
    second.join(30)

    assert results["first"].outcome == Outcome.CREATED
    assert results["second"].outcome == Outcome.FAILED
    assert results["second"].error == IMPORTED_BY_SOMEONE_ELSE
    assert "违反" not in results["second"].error and "duplicate" not in results["second"].error
    assert Edition.objects.count() == 1 and Page.objects.count() == 1
    assert Article.objects.count() == results["first"].articles > 0


def test_an_import_after_the_race_finds_the_page_unchanged():
    page_file = read_page_file(JIANGMEN)
    assert PageImporter().import_file(page_file, TARGET).outcome == Outcome.CREATED
    assert PageImporter().import_file(page_file, TARGET).outcome == Outcome.UNCHANGED
