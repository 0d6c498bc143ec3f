"""Two editors correct one page at the same moment: run by test_correction_race.py in a process of its
own, against the database DATABASE_URL names, with the project's settings for it.

Each editor's correction runs in a thread of its own, with its own database connection, through the
desk's correction service. Both read the page before either writes (each waits a moment for the other
after reading, as two requests a moment apart do), so on SQLite both hold a read when the first one
writes. Prints one JSON line: what each editor was told, and the corrections the page then holds.
"""
import json
import os
import threading

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django.setup()

from django.db import connection  # noqa: E402

from articles import structure  # noqa: E402
from articles.models import PageCorrection  # noqa: E402
from articles.parser import Label  # noqa: E402
from tests.factories import UserFactory  # noqa: E402
from tests.structure_pages import BYLINE, SPLIT, import_wrong_page, key_of  # noqa: E402

OVERLAP_SECONDS = 2  # how long an editor who has read the page waits for the other to read it too


def main():
    page = import_wrong_page()
    editors = {"byline": UserFactory(group="编辑"), "split": UserFactory(group="值班主任")}
    corrections = {"byline": {"key": key_of(BYLINE), "label": Label.BYLINE}, "split": {"key": key_of(SPLIT), "story": "start"}}
    both_read = threading.Barrier(len(editors))
    read_page_structure = structure.page_structure

    def page_structure_then_wait(*, page):
        current = read_page_structure(page=page)
        try:
            both_read.wait(timeout=OVERLAP_SECONDS)
        except threading.BrokenBarrierError:  # the other editor waits for this one's write to end
            pass
        return current

    structure.page_structure = page_structure_then_wait
    told = {}

    def correct(name):
        try:
            told[name] = structure.correct_piece(page=page, user=editors[name], **corrections[name]).said
        except Exception as error:  # what the editor's request would have answered with: a 500
            told[name] = f"{type(error).__name__}: {error}"
        finally:
            connection.close()

    threads = [threading.Thread(target=correct, args=(name,)) for name in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stored = sorted(PageCorrection.objects.filter(page=page).values_list("key", "label", "story"))
    expected = sorted((c["key"], c.get("label", ""), c.get("story", "")) for c in corrections.values())
    print(json.dumps({"told": told, "stored": stored, "expected": expected}, ensure_ascii=False))


if __name__ == "__main__":
    main()
