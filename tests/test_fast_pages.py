"""Readers' cached pages answered before the middleware stack (articles/fast_pages.py).

A page from there must be the page the whole stack gives, under the same headers; an editor (a
session) is never answered from there; a change retires it; a browser's ETag gets 304; HEAD gets
the headers alone; a shared cache that is down leaves readers served fresh pages.
"""
import shutil
import socket
import subprocess
import time
import uuid

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.urls import reverse

from articles import caching, services
from articles.models import Article

from .factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

T = Article.Transition
SESSION = settings.SESSION_COOKIE_NAME


@pytest.fixture(autouse=True)
def empty_cache(empty_page_cache):
    pass


@pytest.fixture
def article():
    # a second paper: with one, "/" is a redirect to its edition, not a page of its own
    ArticleFactory(published=True, page__edition__published=True, title="另一份报纸的见报稿")
    return ArticleFactory(published=True, page__edition__published=True, title="甲见报标题当好总客服")


@pytest.fixture
def draft(article):
    return ArticleFactory(page=article.page, title="乙草稿标题尚未审核")


def public_urls(article):
    edition = article.page.edition
    return [
        reverse("articles:home"),
        edition.get_absolute_url(),
        article.page.get_absolute_url(),
        article.get_absolute_url(),
        reverse("articles:paper", args=[edition.publication.slug]),
        reverse("articles:paper_feed", args=[edition.publication.slug]),
        reverse("articles:api_articles"),
        reverse("articles:sitemap"),
    ]


def skipped_the_stack(response):
    """The request never reached the session and authentication middleware."""
    return not hasattr(response.wsgi_request, "session") and not hasattr(response.wsgi_request, "user")


def anonymous_session_client():
    """A reader whose browser holds a session of no logged-in user."""
    session = SessionStore()
    session["visited"] = True
    session.create()
    client = Client()
    client.cookies[SESSION] = session.session_key
    return client


def same_answer(first, second):
    assert second.status_code == first.status_code == 200
    assert second.content == first.content
    assert list(second.items()) == list(first.items())


def test_a_cached_page_is_answered_early_with_the_bytes_and_headers_of_the_whole_stack(client, article):
    for url in public_urls(article):
        rendered = client.get(url)
        assert not skipped_the_stack(rendered)
        fast = client.get(url)
        assert skipped_the_stack(fast), url
        same_answer(rendered, fast)
        through_the_stack = anonymous_session_client().get(url)  # the view's cache, behind every middleware
        assert not skipped_the_stack(through_the_stack)
        same_answer(rendered, through_the_stack)
        for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "ETag"):
            assert fast[header], (url, header)
        assert "Cookie" in fast["Vary"]


def test_an_editor_with_a_session_is_never_answered_from_the_readers_cache(client, article, draft):
    url = article.page.get_absolute_url()
    reader_page = client.get(url).content.decode()
    assert "甲见报标题" in reader_page and "乙草稿标题" not in reader_page
    assert "乙草稿标题" not in client.get(url).content.decode()  # now from the cache

    editor = Client()
    editor.force_login(UserFactory(group="编辑"))
    preview = editor.get(url)

    assert not skipped_the_stack(preview)
    assert "乙草稿标题" in preview.content.decode()
    assert "no-store" in preview["Cache-Control"] and "private" in preview["Cache-Control"]
    assert "ETag" not in preview


def test_an_editors_preview_never_becomes_the_readers_page(client, article, draft):
    url = article.page.get_absolute_url()
    editor = Client()
    editor.force_login(UserFactory(group="编辑"))
    assert "乙草稿标题" in editor.get(url).content.decode()
    assert "乙草稿标题" in editor.get(url).content.decode()

    for _ in range(2):
        assert "乙草稿标题" not in client.get(url).content.decode()


def test_a_story_spiked_after_publishing_is_gone_from_the_early_answer(client, article):
    chief = UserFactory(group="值班主任")
    url = article.get_absolute_url()
    page_url = article.page.get_absolute_url()
    for address in (url, page_url, url, page_url):
        assert "甲见报标题" in client.get(address).content.decode()

    services.transition_article(article=article, transition=T.SPIKE, user=chief)

    assert client.get(url).status_code == 404
    page = client.get(page_url)
    assert page.status_code == 200 and "甲见报标题" not in page.content.decode()


def test_a_story_published_later_appears_on_the_cached_page(client, article, draft):
    chief = UserFactory(group="值班主任")
    url = article.page.get_absolute_url()
    client.get(url)
    assert "乙草稿标题" not in client.get(url).content.decode()

    services.transition_article(article=draft, transition=T.SUBMIT, user=chief)
    services.transition_article(article=draft, transition=T.APPROVE, user=chief)
    services.transition_article(article=draft, transition=T.PUBLISH, user=chief)

    assert "乙草稿标题" in client.get(url).content.decode()


@pytest.mark.parametrize("reader", [Client, anonymous_session_client], ids=["early", "whole stack"])
def test_a_browser_holding_the_page_gets_304_until_it_changes(article, reader):
    url = article.get_absolute_url()
    browser = reader()
    etag = browser.get(url)["ETag"]

    unchanged = browser.get(url, headers={"If-None-Match": etag})
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert unchanged["ETag"] == etag and unchanged["Content-Security-Policy"]

    Article.objects.filter(pk=article.pk).update(title="改过的标题")
    caching.invalidate()
    changed = browser.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and "改过的标题" in changed.content.decode()
    assert changed["ETag"] != etag


def test_an_etag_of_another_page_gets_the_whole_page(client, article):
    other = client.get(reverse("articles:home"))["ETag"]
    url = article.get_absolute_url()
    client.get(url)
    response = client.get(url, headers={"If-None-Match": other})
    assert response.status_code == 200 and "甲见报标题" in response.content.decode()


def test_head_gets_the_headers_of_get_and_no_body(client, article):
    url = article.get_absolute_url()
    cold = client.head(url)  # rendered by the view, stored for the GET after it
    got = client.get(url)
    warm = client.head(url)

    assert skipped_the_stack(warm)
    for head in (cold, warm):
        assert head.status_code == 200 and head.content == b""
        assert list(head.items()) == list(got.items())
    assert int(got["Content-Length"]) == len(got.content)


def test_query_strings_name_their_own_page_and_made_up_ones_are_never_answered_early(client, article):
    home = article.page.get_absolute_url()
    client.get(home)
    Article.objects.filter(pk=article.pk).update(title="改过的标题")  # no signal: cached pages stay

    assert "甲见报标题" in client.get(home).content.decode()
    made_up = client.get(f"{home}?utm_source=wechat")
    assert not skipped_the_stack(made_up) and "改过的标题" in made_up.content.decode()
    paged = client.get(f"{home}?page=1")  # an address of its own: rendered now, not the plain page
    assert "改过的标题" in paged.content.decode()


def test_a_post_is_never_answered_from_the_cache(client, article):
    url = reverse("articles:api_articles")
    client.get(url)
    assert client.post(url).status_code == 405


@pytest.fixture
def cache_down(settings):
    """The shared cache is configured but nothing answers on its port."""
    settings.CACHES = {"default": {"BACKEND": "articles.caching.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}}


def test_readers_get_fresh_pages_through_the_stack_while_the_shared_cache_is_down(client, article, cache_down):
    url = article.get_absolute_url()
    assert "甲见报标题" in client.get(url).content.decode()
    Article.objects.filter(pk=article.pk).update(title="改过的标题")

    response = client.get(url)

    assert response.status_code == 200 and "改过的标题" in response.content.decode()
    assert not skipped_the_stack(response)


# --- A real Redis: a server of this test's own, so no shared Redis is touched ------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_redis(port):
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                server.kill()
                raise
            time.sleep(0.05)
    return server


@pytest.fixture
def own_redis(settings):
    port = free_port()
    server = start_redis(port)
    settings.CACHES = {
        "default": {
            "BACKEND": "articles.caching.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "KEY_PREFIX": f"test-fast-pages-{uuid.uuid4().hex}",
        }
    }
    yield server
    server.terminate()
    server.wait(timeout=10)


def test_with_redis_a_page_another_server_stored_is_answered_early_and_a_change_retires_it(client, article, own_redis):
    url = article.get_absolute_url()
    rendered = client.get(url)
    caching.process_copies.clear()  # as if another server had rendered it

    fast = client.get(url)
    assert skipped_the_stack(fast)
    same_answer(rendered, fast)

    services.transition_article(article=article, transition=T.SPIKE, user=UserFactory(group="值班主任"))
    assert client.get(url).status_code == 404


def test_with_redis_stopped_readers_are_still_served(client, article, own_redis):
    url = article.get_absolute_url()
    client.get(url)
    own_redis.terminate()
    own_redis.wait(timeout=10)
    caching.process_copies.clear()
    Article.objects.filter(pk=article.pk).update(title="改过的标题")

    response = client.get(url)

    assert response.status_code == 200 and "改过的标题" in response.content.decode()


def test_after_redis_restarts_the_next_reader_is_answered_from_it_again(client, article, own_redis, settings):
    url = article.get_absolute_url()
    client.get(url)
    own_redis.terminate()
    own_redis.wait(timeout=10)
    port = int(settings.CACHES["default"]["LOCATION"].rsplit(":", 1)[1].split("/")[0])
    restarted = start_redis(port)  # empty: the page must be rendered again, then kept there
    try:
        caching.process_copies.clear()
        assert not skipped_the_stack(client.get(url))  # the closed connection is replaced at once
        caching.process_copies.clear()
        assert skipped_the_stack(client.get(url))
    finally:
        restarted.terminate()
        restarted.wait(timeout=10)
