"""An app server whose PostgreSQL connections are cut (as by a database restart) recovers by itself.

A real gunicorn server keeps persistent connections to a throwaway PostgreSQL database; the test
ends every connection of that database from the server side, as a restart or failover does, and
the very next reader's request must be answered without restarting the app. Needs PostgreSQL on
127.0.0.1:5432 (as CI has); skipped where there is none.
"""

import os
import socket
import subprocess

import pytest

from .live_site import build_sample_site, fetch, server_environment, start_gunicorn, stop

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


@pytest.fixture
def server_on_postgres(tmp_path):
    if not postgres_reachable():
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    database = f"newsroom_recovery_{os.getpid()}"
    psql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    psql(f'CREATE DATABASE "{database}"')
    try:
        env = server_environment(f"{SERVER}/{database}", tmp_path / "static", DJANGO_CONN_MAX_AGE="600")
        build_sample_site(env)
        server, port = start_gunicorn(env)
        yield port, database, server
        stop(server)
    finally:
        psql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def connections_of(database: str) -> int:
    return int(psql(f"SELECT count(*) FROM pg_stat_activity WHERE datname = '{database}'"))


def test_the_next_reader_is_served_after_every_database_connection_was_cut(server_on_postgres):
    port, database, server = server_on_postgres
    status, page = fetch(port, f"{URL}?reader=1")  # a new query string each time: past the page cache
    assert status == 200 and "稻花香里说丰年" in page
    assert connections_of(database) >= 1  # the worker keeps its connection between requests

    psql(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'")
    assert connections_of(database) == 0

    status, page = fetch(port, f"{URL}?reader=2")
    assert status == 200 and "稻花香里说丰年" in page
    assert server.poll() is None  # the same server process, never restarted
