"""The public page cache: each server's own copy of a page, the shared cache behind it, and the
shared generation that retires both. Several servers are simulated in one process here;
tests/test_shared_cache.py runs real ones."""
import uuid

import pytest
from django.core.cache import cache
from django.urls import reverse

from articles import caching
from articles.models import Article

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture(autouse=True)
def empty_cache(empty_page_cache):
    pass


@pytest.fixture
def article():
    return ArticleFactory(published=True, page__edition__published=True, title="市12345热线当好疫情防控总客服")


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_change_announced_by_another_server_retires_this_servers_copy(client, article):
    url = article.get_absolute_url()
    assert "市12345热线" in html(client, url)
    Article.objects.filter(pk=article.pk).update(title="改过的标题")  # no signal: the copy stays
    assert "市12345热线" in html(client, url)

    caching.invalidate()  # what another server's save does to the shared generation

    assert "改过的标题" in html(client, url)


def test_a_page_another_server_rendered_is_served_here_without_queries(client, article, django_assert_num_queries):
    url = article.get_absolute_url()
    html(client, url)
    caching.process_copies.clear()  # a server that has not served the page yet

    with django_assert_num_queries(0):
        assert "市12345热线" in html(client, url)


def test_a_page_in_the_shared_cache_from_before_a_change_is_not_served(client, article):
    url = article.get_absolute_url()
    html(client, url)
    caching.process_copies.clear()
    article.title = "改过的标题"
    article.save()

    assert "改过的标题" in html(client, url)


@pytest.mark.parametrize("name, kind", [("articles:paper_feed", "application/rss+xml"), ("articles:api_articles", "application/json")])
def test_a_cached_answer_keeps_the_type_its_view_gave_it(client, article, name, kind):
    url = reverse(name, kwargs={"slug": article.page.edition.publication.slug} if "feed" in name else {})
    first = client.get(url)
    caching.process_copies.clear()
    from_shared_cache, from_own_copy = client.get(url), client.get(url)

    for response in (first, from_shared_cache, from_own_copy):
        assert response["Content-Type"].startswith(kind)
        assert response.content == first.content


def test_a_server_keeps_pages_up_to_its_size_and_lets_the_least_recently_served_go():
    copies = caching.ProcessCopies(max_bytes=10)
    for key in "ab":
        copies.put(key, caching.Page(1, key.encode() * 4, ()))
    copies.get("a", 1)

    copies.put("c", caching.Page(1, b"cccc", ()))

    assert copies.get("b", 1) is None
    assert copies.get("a", 1).content == b"aaaa" and copies.get("c", 1).content == b"cccc"


def test_a_server_drops_its_copies_when_the_generation_moves():
    copies = caching.ProcessCopies(max_bytes=100)
    copies.put("a", caching.Page(1, b"old", ()))

    assert copies.get("a", 2) is None
    assert copies.get("a", 1) is None  # not kept for a server that still reads the old generation


def test_the_redis_cache_does_everything_the_site_asks_of_it_with_one_client():
    backend = caching.RedisCache(REDIS_URL, {"KEY_PREFIX": f"test-caching-{uuid.uuid4().hex}"})
    try:
        assert backend.add(caching.GENERATION_KEY, 7, timeout=None)
        assert backend.incr(caching.GENERATION_KEY) == 8
        backend.set("page", (8, "页".encode(), (("Content-Type", "text/html"),)), 60)
        assert backend.get_many([caching.GENERATION_KEY, "page"]) == {
            caching.GENERATION_KEY: 8,
            "page": (8, "页".encode(), (("Content-Type", "text/html"),)),
        }
        assert backend._cache.get_client() is backend._cache.get_client(write=True)
    finally:
        backend.delete_many([caching.GENERATION_KEY, "page"])


def test_made_up_query_parameters_are_answered_but_never_stored(client, article):
    url = article.get_absolute_url()
    for n in range(5):
        assert "市12345热线" in html(client, f"{url}?utm_source=wechat&n={n}")
    assert caching.process_copies.get(caching.page_key(client.get(url).wsgi_request), caching.current_generation())
    assert len(caching.process_copies._pages) == 1  # only the plain address, fetched last

    Article.objects.filter(pk=article.pk).update(title="改过的标题")  # no signal: cached pages stay
    assert "改过的标题" in html(client, f"{url}?from=timeline")  # fresh, not the stored page


def test_the_parameters_the_site_uses_are_cached(client, article):
    search = reverse("articles:search") + "?q=疫情&page=1"
    assert "防控总客服" in html(client, search)
    Article.objects.filter(pk=article.pk).update(title="改过的标题")  # no signal: cached pages stay
    assert "防控总客服" in html(client, search)  # served from the cache


@pytest.fixture
def cache_down(settings):
    """The shared cache is configured but nothing answers on its port."""
    settings.CACHES = {"default": {"BACKEND": "articles.caching.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}}


def test_readers_are_served_while_the_shared_cache_is_down(client, article, cache_down, caplog):
    url = article.get_absolute_url()
    assert "市12345热线" in html(client, url)
    Article.objects.filter(pk=article.pk).update(title="改过的标题")  # no signal, nothing to announce
    assert "改过的标题" in html(client, url)  # rendered afresh: no copy kept while the cache is down
    assert len([r for r in caplog.records if "unreachable" in r.getMessage()]) == 1  # once, not per request


def test_an_editors_save_goes_through_while_the_shared_cache_is_down(client, article, cache_down):
    article.title = "缓存宕机时改的标题"
    article.save()  # announcing the change fails, the save does not
    assert "缓存宕机时改的标题" in html(client, article.get_absolute_url())


def test_a_change_made_while_the_cache_was_down_is_announced_when_it_answers(client, article, monkeypatch):
    url = article.get_absolute_url()
    assert "市12345热线" in html(client, url)  # stored in the shared cache

    def unreachable(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(cache, "incr", unreachable)
    Article.objects.filter(pk=article.pk).update(title="改过的标题")
    caching.invalidate()  # the editor's save: the cache cannot be told
    monkeypatch.undo()  # the cache answers again

    caching.process_copies.clear()  # another server's worker, which only has the shared cache
    assert "改过的标题" in html(client, url)
