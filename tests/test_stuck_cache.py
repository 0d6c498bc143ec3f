"""A Redis that hangs: it accepts connections and never answers.

A real server of that kind runs in a thread beside each test. Each call to the cache is bounded
by a short socket timeout, and after one failure the process leaves Redis alone for its
cool-down: readers get pages rendered afresh and editors' saves go through, with Redis asked
once per cool-down rather than once per request. The attempts are counted as the connections
the stuck server accepted (a client gives up a connection that timed out).
"""
import socket
import threading
import uuid

import pytest
import redis
from django.core.cache import cache, caches
from django.urls import reverse

from articles import caching
from articles.models import Article

from .admin_forms import change_form_data
from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

TIMEOUT = 0.2
COOL_DOWN = 60
REDIS_URL = "redis://127.0.0.1:6379/15"


class StuckRedis:
    """Listens on a free port, accepts every connection and never answers anything."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.05)
        self.port = self.listener.getsockname()[1]
        self.connections = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def attempts(self):
        return len(self.connections)

    def _accept(self):
        while not self._stop.is_set():
            try:
                connection, _ = self.listener.accept()
            except TimeoutError:
                continue
            self.connections.append(connection)

    def close(self):
        self._stop.set()
        self._thread.join()
        for connection in [self.listener, *self.connections]:
            connection.close()


def redis_cache(location, prefix="test-stuck"):
    return {
        "default": {
            "BACKEND": "articles.caching.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": TIMEOUT, "socket_timeout": TIMEOUT, "cool_down": COOL_DOWN},
        }
    }


@pytest.fixture(autouse=True)
def fresh_state():
    def forget():
        caching.process_copies.clear()
        caching._unreachable.clear()
        caching._unannounced.clear()
        caching._breakers.clear()

    forget()
    yield
    forget()


@pytest.fixture
def stuck(settings):
    server = StuckRedis()
    settings.CACHES = redis_cache(f"redis://127.0.0.1:{server.port}/15")
    yield server
    server.close()


class Clock:
    """The breaker's clock, moved on by hand instead of waiting out a cool-down."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    clock = Clock()
    cache._cache.breaker.clock = clock
    return clock


@pytest.fixture
def shared_redis(settings):
    """Redis itself, db 15, keys of this test's own."""
    prefix = f"test-stuck-{uuid.uuid4().hex}"
    settings.CACHES = redis_cache(REDIS_URL, prefix)
    yield
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)


@pytest.fixture
def article():
    return ArticleFactory(published=True, page__edition__published=True, title="市12345热线当好疫情防控总客服")


def test_readers_are_served_fresh_pages_and_a_stuck_redis_is_asked_once(client, article, stuck, caplog):
    url = article.get_absolute_url()
    for n in range(10):
        response = client.get(url)
        assert response.status_code == 200 and "市12345热线" in response.content.decode()
        Article.objects.filter(pk=article.pk).update(title=f"改过的标题{n}")  # no signal: nothing announced
        assert f"改过的标题{n}" in client.get(url).content.decode()  # rendered afresh, never a stale copy
        Article.objects.filter(pk=article.pk).update(title="市12345热线当好疫情防控总客服")

    assert stuck.attempts == 1  # one timeout, then the cool-down: 29 requests did not wait
    assert len([r for r in caplog.records if "unreachable" in r.getMessage()]) == 1


def test_an_editors_saves_go_through_the_admin_waiting_on_redis_once(admin_client, client, article, stuck):
    url = reverse("admin:articles_article_change", args=[article.pk])
    for n in range(3):
        response = admin_client.post(url, change_form_data(admin_client.get(url), title=f"缓存卡住时改的标题{n}"))
        assert response.status_code == 302

    article.refresh_from_db()
    assert article.title == "缓存卡住时改的标题2"
    assert "缓存卡住时改的标题2" in client.get(article.get_absolute_url()).content.decode()
    assert stuck.attempts == 1


def test_after_the_cool_down_one_call_tries_redis_again_while_the_others_do_not_wait(client, article, stuck, clock):
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200
    assert stuck.attempts == 1

    clock.now += COOL_DOWN - 1
    assert client.get(url).status_code == 200
    assert stuck.attempts == 1

    clock.now += 2
    outcomes = []

    def reader():  # each thread has its own cache client; the process has one breaker
        try:
            caches["default"].get("epaper:generation")
        except redis.RedisError as error:
            outcomes.append(type(error))

    readers = [threading.Thread(target=reader) for _ in range(8)]
    for thread in readers:
        thread.start()
    for thread in readers:
        thread.join()

    assert stuck.attempts == 2  # one reader tried, the others failed at once
    assert len(outcomes) == 8 and outcomes.count(caching.CacheUnavailable) == 7
    assert client.get(url).status_code == 200
    assert stuck.attempts == 2  # that try failed: another cool-down started


def test_when_redis_answers_after_the_cool_down_the_change_is_announced_and_logged(
    client, article, shared_redis, clock, caplog, monkeypatch
):
    url = article.get_absolute_url()
    assert "市12345热线" in client.get(url).content.decode()  # stored in the shared cache
    answers = redis.Redis.execute_command
    hung, asked = [], []

    def hanging(self, *args, **kwargs):
        hung.append(args[0])
        raise redis.TimeoutError("Timeout reading from socket")

    def answering(self, *args, **kwargs):
        asked.append(args[0])
        return answers(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "execute_command", hanging)
    article.title = "宕机时改的标题"
    article.save()  # announcing fails, the save does not
    assert "宕机时改的标题" in client.get(url).content.decode()
    assert len(hung) == 1

    monkeypatch.setattr(redis.Redis, "execute_command", answering)  # Redis answers again
    caching.process_copies.clear()
    assert "宕机时改的标题" in client.get(url).content.decode()  # rendered afresh during the cool-down
    assert not asked

    clock.now += COOL_DOWN + 1
    caching.process_copies.clear()  # another server's worker: all it has is the shared cache
    assert "宕机时改的标题" in client.get(url).content.decode()
    assert asked  # announced, then the page looked up under the new generation
    messages = [r.getMessage() for r in caplog.records if r.name == "articles.caching"]
    assert sum("unreachable" in m for m in messages) == 1
    assert sum("answers again" in m for m in messages) == 1


def test_an_editor_logs_in_and_opens_the_desk_while_redis_is_hung(client, django_user_model, stuck):
    django_user_model.objects.create_superuser("desk", password="desk-password-123")
    login = reverse("admin:login")
    assert client.get(login).status_code == 200
    response = client.post(login, {"username": "desk", "password": "desk-password-123", "next": reverse("admin:index")})
    assert response.status_code == 302
    assert client.get(reverse("admin:articles_article_changelist")).status_code == 200
    assert stuck.attempts <= 1
