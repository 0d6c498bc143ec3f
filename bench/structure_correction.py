"""A structure correction on a long page (65 stories), beside one parse of that page (same run).

    python bench/structure_correction.py [--runs 5] [--database sqlite|postgres]

A throwaway database gets the page the structure tests use (its wrong stories on top, so every story
below moves when the number of stories changes) followed by 60 stories of five paragraphs. Each round
opens the structure view, then an editor corrects a byline (which merges two stories), splits a story,
and undoes both; each action runs through `articles.structure` as the view calls it, and each round
starts with no reading of the page kept in the process. Printed per action: the median time, how many
times the page was parsed, and the queries; the baseline is one parse of the page with its corrections,
the floor under any action that must read the page again.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

from throwaway import throwaway_database

ROOT = Path(__file__).resolve().parent.parent


def setup(database_url: str) -> None:
    os.environ.update({
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_SECRET_KEY": "bench-only-" + "x" * 50,
        "DJANGO_LOG_LEVEL": "WARNING",
    })
    sys.path.insert(0, str(ROOT))
    import django

    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def long_page_text() -> str:
    from tests.structure_pages import WRONG_PAGE

    stories = "\n\n".join(
        f"第{n}篇稿件的标题\n\n本报讯(记者 张三)第{n}篇的第一段正文。\n\n第{n}篇的第二段。\n\n第{n}篇的第三段。\n\n第{n}篇结尾。"
        for n in range(1, 61)
    )
    return WRONG_PAGE + "\n\n" + stories


def count_parses():
    """Count every parse of a page, wherever the desk's modules call the parser (the house style reaches
    it through the package, also to learn the paper's style again from its corrected pages)."""
    import articles.parser
    from articles import importing, services, structure
    from articles.parser import parse_page

    calls = [0]

    def counted(*args, **kwargs):
        calls[0] += 1
        return parse_page(*args, **kwargs)

    for module in (importing, services, structure, articles.parser):
        if hasattr(module, "parse_page"):
            module.parse_page = counted
    return calls


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=5)
    options.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    args = options.parse_args()
    with tempfile.TemporaryDirectory() as directory, throwaway_database(args.database, Path(directory), "bench_structure") as url:
        setup(url)
        run(args.runs)


def run(runs: int) -> None:
    import datetime

    from django.contrib.auth.models import Group, User
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles import structure
    from articles.importing import PageImporter, PageTarget, stored_corrections
    from articles.pagefiles import page_file_from_bytes
    from articles.parser import parse_page
    from tests.structure_pages import BYLINE, SPLIT, key_of

    text = long_page_text()
    target = PageTarget(publication="茂名晚报", date=datetime.date(2022, 7, 15), number=5, name="社区")
    page = PageImporter().import_file(page_file_from_bytes("long.txt", text.encode()), target).page
    editor = User.objects.create_user("bench-editor")
    editor.groups.add(Group.objects.get(name="编辑"))
    print(f"page: {page.articles.count()} stories, {len(parse_page(text).decisions)} pieces; {runs} rounds")

    parses = count_parses()
    actions = {
        "open the structure view (service)": lambda: structure.page_structure(page=page),
        "byline (merges two stories)": lambda: structure.correct_piece(
            page=page, key=key_of(BYLINE, text), user=editor, label="byline"),
        "split": lambda: structure.correct_piece(page=page, key=key_of(SPLIT, text), user=editor, story="start"),
        "undo the split": lambda: structure.undo_correction(page=page, user=editor),
        "undo the byline": lambda: structure.undo_correction(page=page, user=editor),
    }
    times = {name: [] for name in actions}
    counts = {}
    baseline = []
    for _ in range(runs):
        getattr(structure, "_readings", {}).clear()  # readings kept in the process, where the code keeps any
        started = time.perf_counter()
        parse_page(page.source_text, stored_corrections(page))
        baseline.append(time.perf_counter() - started)
        for name, action in actions.items():
            parses[0] = 0
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                action()
                times[name].append(time.perf_counter() - started)
            counts[name] = (parses[0], len(queries.captured_queries))
    print(f"{'baseline: one parse of the page':40} {statistics.median(baseline):6.3f} s")
    for name in actions:
        parsed, queries = counts[name]
        print(f"{name:40} {statistics.median(times[name]):6.3f} s  {parsed} parse(s)  {queries} queries")


if __name__ == "__main__":
    main()
