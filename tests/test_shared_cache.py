"""Two app servers sharing one Redis cache: an editor's change through one is seen through the other.

Real processes: two gunicorn servers on loopback and a third process making the change, all on
one throwaway SQLite database and a Redis database of their own (127.0.0.1:6379/15).
"""

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
REDIS_URL = "redis://127.0.0.1:6379/15"
URL = "/jmrb/2022-11-22/1/"  # the sample 江门日报 page


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def environment(tmp_path):
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        "CACHE_URL": REDIS_URL,
        "DJANGO_SECRET_KEY": "shared-cache-test-" + "x" * 40,
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    subprocess.run([*manage, "loaddata", str(ROOT / "fixtures" / "sample.json"), "-v0"], env=env, cwd=ROOT, check=True)
    yield env, tmp_path / "shared.sqlite3", manage
    client.flushdb()


@pytest.fixture
def two_servers(environment):
    env, database, manage = environment
    servers, ports = [], []
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    for _ in range(2):
        port = free_port()
        servers.append(subprocess.Popen(
            [gunicorn, "newsroom.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        ))
        ports.append(port)
    for port in ports:
        wait_until_up(port)
    yield env, database, manage, ports
    for server in servers:
        server.terminate()
        server.wait(timeout=10)


def wait_until_up(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            get(port, "/")
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"the server on port {port} did not start")


def get(port: int, path: str) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
        return response.read().decode("utf-8")


def test_a_change_made_anywhere_reaches_readers_of_every_server(two_servers):
    env, database, manage, (first, second) = two_servers
    assert "稻花香里说丰年" in get(first, URL)
    assert "稻花香里说丰年" in get(second, URL)

    # A write that bypasses the application: both servers keep serving their cached page.
    with sqlite3.connect(database) as conn:
        conn.execute("UPDATE articles_article SET title = '稻谷满仓' WHERE title = '稻花香里说丰年'")
    assert "稻花香里说丰年" in get(first, URL) and "稻谷满仓" not in get(second, URL)

    # An editor's save in a third process: every server's readers see it on their next request.
    code = (
        "from articles.models import Article; a = Article.objects.get(title='稻谷满仓');"
        "a.title = '丰收时节稻谷香'; a.save()"
    )
    subprocess.run([*manage, "shell", "-c", code], env=env, cwd=ROOT, check=True)

    assert "丰收时节稻谷香" in get(first, URL)
    assert "丰收时节稻谷香" in get(second, URL)
