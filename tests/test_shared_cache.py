"""Two app servers sharing one Redis cache: an editor's change through one is seen through the other.

Real processes: two gunicorn servers on loopback and a third process making the change, all on
one throwaway SQLite database and a Redis database of their own (127.0.0.1:6379/15). Each server
keeps its own copy of the pages it served; none may serve it on the request after a change.
"""

import http.cookiejar
import re
import sqlite3
import urllib.parse
import urllib.request

import pytest

from .live_site import build_sample_site, fetch, get, manage, server_environment, start_gunicorn, stop

REDIS_URL = "redis://127.0.0.1:6379/15"
URL = "/jmrb/2022-11-22/1/"  # the sample 江门日报 page


@pytest.fixture
def environment(tmp_path):
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    database = tmp_path / "shared.sqlite3"
    env = server_environment(
        f"sqlite:///{database}", tmp_path / "static", CACHE_URL=REDIS_URL,
        # The editor below logs in over plain HTTP on loopback.
        DJANGO_SESSION_COOKIE_SECURE="0", DJANGO_CSRF_COOKIE_SECURE="0",
    )
    build_sample_site(env)
    yield env, database
    client.flushdb()


@pytest.fixture
def two_servers(environment):
    env, database = environment
    servers = [start_gunicorn(env) for _ in range(2)]
    yield env, database, [port for _, port in servers]
    for server, _ in servers:
        stop(server)


def status(port: int, path: str) -> int:
    return fetch(port, path)[0]


class Editor:
    """A desk editor's browser, logged in to the admin of one server."""

    def __init__(self, port: int, username: str, password: str):
        self.base = f"http://127.0.0.1:{port}"
        self.cookies = http.cookiejar.CookieJar()
        self.browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.post("/admin/login/", {"username": username, "password": password, "next": "/admin/"})
        assert any(cookie.name == "sessionid" for cookie in self.cookies), "the editor could not log in"

    def get(self, path: str) -> str:
        with self.browser.open(self.base + path, timeout=10) as response:
            return response.read().decode("utf-8")

    def post(self, path: str, data: dict) -> str:
        form = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **data}, doseq=True).encode()
        with self.browser.open(self.base + path, data=body, timeout=10) as response:
            return response.read().decode("utf-8")


def test_a_change_made_anywhere_reaches_readers_of_every_server(two_servers):
    env, database, (first, second) = two_servers
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
    manage(env, "shell", "-c", code)

    assert "丰收时节稻谷香" in get(first, URL)
    assert "丰收时节稻谷香" in get(second, URL)


def test_publishing_through_one_server_reaches_readers_of_the_other_on_their_next_request(two_servers):
    env, database, (first, second) = two_servers
    code = (
        "from django.contrib.auth.models import User; "
        "User.objects.create_superuser('desk', 'desk@example.com', 'desk-password-123')"
    )
    manage(env, "shell", "-c", code)
    with sqlite3.connect(database) as conn:
        (edition,) = conn.execute(
            "SELECT e.id FROM articles_edition e JOIN articles_publication p ON p.id = e.publication_id "
            "WHERE p.slug = 'jmrb' AND e.date = '2022-11-22'"
        ).fetchone()
    for port in (first, second):  # both servers have served the page, and keep it
        assert "稻花香里说丰年" in get(port, URL) and "稻花香里说丰年" in get(port, URL)
    changelist = "/admin/articles/edition/"

    Editor(first, "desk", "desk-password-123").post(
        changelist, {"action": "unpublish", "_selected_action": [edition]}
    )
    assert status(second, URL) == 404
    assert status(first, URL) == 404

    chief = Editor(second, "desk", "desk-password-123")
    confirmation = chief.post(changelist, {"action": "publish", "_selected_action": [edition]})
    plan = re.search(rf'name="plan_{edition}" value="([^"]+)"', confirmation).group(1)
    chief.post(
        changelist,
        {"action": "publish", "_selected_action": [edition], "post": "yes", f"plan_{edition}": plan,
         "override_reason": "测试:重新发布"},
    )
    assert "稻花香里说丰年" in get(first, URL)
    assert "稻花香里说丰年" in get(second, URL)
