"""Two editors correct a page's structure at the same moment, on the database the desk runs on.

On SQLite (the desk's embedded default) the second writer used to be refused with "database is
locked", a 500 for that editor. The corrections run in a process of their own against a fresh
database file (the suite's own SQLite database is in memory), with the project's settings, each in a
thread with its own connection; on PostgreSQL the same runs against a throwaway database.
"""
import json
import subprocess

from .throwaway_db import database, manage, python  # noqa: F401 (database is a fixture)


def test_two_editors_correcting_one_page_at_once_both_get_their_correction_stored(database):
    url, run_sql = database
    assert manage(url, "migrate", "--noinput", "-v0").wait() == 0

    race = python(url, "-m", "tests.correction_race", stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    output, errors = race.communicate(timeout=300)

    assert race.returncode == 0, errors
    result = json.loads(output.strip().splitlines()[-1])
    assert "Error" not in " ".join(result["told"].values()), result["told"]
    assert "改为署名" in result["told"]["byline"] and "另起一篇" in result["told"]["split"]
    assert result["stored"] == result["expected"]
    assert run_sql("SELECT COUNT(*) FROM articles_pagecorrection") == [(2,)]
