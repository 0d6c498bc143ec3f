"""An app server whose PostgreSQL connections are cut (as by a database restart) recovers by itself.

A real gunicorn server keeps persistent connections to a throwaway PostgreSQL database; the test
ends every connection of that database from the server side, as a restart or failover does, and
the very next reader's request must be answered without restarting the app. Needs PostgreSQL on
127.0.0.1:5432 (as CI has); skipped where there is none.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SERVER = "postgres://postgres@127.0.0.1:5432"
URL = "/jmrb/2022-11-22/1/"  # the sample 江门日报 page


def psql(sql: str, database: str = "postgres") -> str:
    return subprocess.run(
        ["psql", "-qAt", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-c", sql],
        check=True, capture_output=True, text=True,
    ).stdout


def postgres_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


@pytest.fixture
def server_on_postgres(tmp_path):
    if not postgres_reachable():
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    database = f"newsroom_recovery_{os.getpid()}"
    psql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    psql(f'CREATE DATABASE "{database}"')
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("CACHE_URL", "REDIS_URL")},  # in-process cache
        "DATABASE_URL": f"{SERVER}/{database}",
        "DJANGO_CONN_MAX_AGE": "600",
        "DJANGO_SECRET_KEY": "recovery-test-" + "x" * 40,
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    subprocess.run([*manage, "loaddata", str(ROOT / "fixtures" / "sample.json"), "-v0"], env=env, cwd=ROOT, check=True)
    port = free_port()
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    server = subprocess.Popen(
        [gunicorn, "newsroom.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                get(port, "/")
                break
            except OSError:
                time.sleep(0.2)
        yield port, database, server
    finally:
        server.terminate()
        server.wait(timeout=10)
        psql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def connections_of(database: str) -> int:
    return int(psql(f"SELECT count(*) FROM pg_stat_activity WHERE datname = '{database}'"))


def test_the_next_reader_is_served_after_every_database_connection_was_cut(server_on_postgres):
    port, database, server = server_on_postgres
    status, page = get(port, f"{URL}?reader=1")  # a new query string each time: past the page cache
    assert status == 200 and "稻花香里说丰年" in page
    assert connections_of(database) >= 1  # the worker keeps its connection between requests

    psql(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'")
    assert connections_of(database) == 0

    status, page = get(port, f"{URL}?reader=2")
    assert status == 200 and "稻花香里说丰年" in page
    assert server.poll() is None  # the same server process, never restarted
