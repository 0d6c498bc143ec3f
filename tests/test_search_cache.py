"""Made-up searches cannot fill the shared cache: a reader (or a script) sending endless random
queries adds no key to Redis, while a page of the paper is still stored there for every server."""
import random
import uuid

import pytest
import redis
from django.core.cache import cache
from django.urls import reverse

from articles import caching

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/15"
CHARACTERS = "热线疫情防控总客服市民检查全市开展专项新闻报道abcdefxyz0123456789"


@pytest.fixture
def shared_cache(settings):
    prefix = f"test-search-cache-{uuid.uuid4().hex}"
    settings.CACHES = {"default": {"BACKEND": "articles.caching.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": prefix}}
    caching.process_copies.clear()
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip("no Redis at 127.0.0.1:6379")

    def keys():
        return {key.decode() for key in client.scan_iter(match=f"{prefix}:*", count=1000)}

    yield keys
    stale = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    if stale:
        client.delete(*stale)
    caching.process_copies.clear()
    cache.close()


def test_random_searches_add_no_key_to_the_shared_cache(client, shared_cache):
    article = ArticleFactory(published=True, page__edition__published=True)
    search = reverse("articles:search")
    assert client.get(search, {"q": "热线"}).status_code == 200  # the generation number is made
    before = shared_cache()

    rng = random.Random(12)
    for _ in range(200):
        query = "".join(rng.choice(CHARACTERS) for _ in range(rng.randint(1, 12)))
        params = {"q": query, "page": rng.choice(["1", ""])}
        if rng.random() < 0.3:
            params["author"] = "".join(rng.choice(CHARACTERS) for _ in range(3))
        assert client.get(search, params).status_code in (200, 404)

    assert shared_cache() == before
    # A page of the paper is still shared between servers.
    assert client.get(article.get_absolute_url()).status_code == 200
    assert len(shared_cache() - before) == 1


def test_a_repeated_search_in_one_process_is_still_served_without_the_database(
    client, shared_cache, django_assert_num_queries
):
    ArticleFactory(title="热线", published=True, page__edition__published=True)
    first = client.get(reverse("articles:search"), {"q": "热线"}).content
    with django_assert_num_queries(0):
        assert client.get(reverse("articles:search"), {"q": "热线"}).content == first
