"""Whole-page caching for the public site, invalidated whenever editors change anything.

A *generation* number kept in the cache itself says how fresh a cached page must be:
each stored page carries the generation it was rendered at, and any change to the
content bumps the generation, so every cached page is stale at once, in every server
process that shares the cache (Redis in production). Only anonymous readers' successful
GET requests are cached; an editor previewing drafts always gets a fresh page that is
marked private.

Every request reads the generation from the shared cache, so a change made through any
server is seen on the next request to every server. The pages themselves are also kept
in each server process (``ProcessCopies``), tagged with their generation: a reader's
request for a page this process served since the last change costs one small read of
the generation and no transfer of the page.

If the shared cache cannot be reached (Redis down or restarting), readers are still served,
each page rendered afresh, and editors' saves go through; this process drops its copies, and a
change it could not announce is announced as soon as the cache answers again. A Redis that hangs
costs one short socket timeout, after which the process leaves it alone for a cool-down (see
``Breaker``), so a hung cache slows no request by more than that timeout.

Only addresses the site itself makes are cached: a query string with any parameter the
views do not read (``?utm_source=…``, a crawler's or an attacker's random one) is answered
fresh and not stored, so made-up URLs cannot fill the cache or push real pages out of it.
"""
import functools
import hashlib
import logging
import os
import threading
import time
from collections import OrderedDict
from typing import NamedTuple

from django.core.cache import cache
from django.core.cache.backends import redis as redis_backend
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control

try:
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import RedisError
except ImportError:  # no Redis client installed: only the in-process cache is possible
    RedisError = RedisConnectionError = OSError

CACHE_ERRORS = (RedisError, OSError)  # the shared cache cannot be reached
logger = logging.getLogger(__name__)

GENERATION_KEY = "epaper:generation"
# The query parameters the public views read: pagination, search and its filters, the API's
# filters, and the sitemaps' page number.
CACHED_PARAMETERS = frozenset(
    {"page", "q", "paper", "date_from", "date_to", "reporter", "author", "edition", "date", "p"}
)
PAGE_SECONDS = 10 * 60
PROCESS_COPIES_BYTES = 32 * 1024 * 1024


class Page(NamedTuple):
    """A rendered page: its generation, the body, and the headers the view gave it.

    The shared cache holds it as a plain tuple, so that servers running different releases
    of this module can read each other's pages; the format's version is in ``page_key``.
    """

    generation: int
    content: bytes
    headers: tuple

    @classmethod
    def of(cls, response, generation):
        return cls(generation, response.content, tuple(response.items()))

    def response(self):
        return HttpResponse(self.content, headers=dict(self.headers))


class ProcessCopies:
    """Pages of one generation kept by this process, up to a total body size.

    Their generation is the one last asked for or given: any other one drops
    them all. Past the size, the least recently served page goes first.
    """

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self._pages = OrderedDict()
        self._bytes = 0
        self._generation = None
        self._lock = threading.Lock()

    def get(self, key, generation):
        with self._lock:
            self._move_to(generation)
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key, page):
        if len(page.content) > self.max_bytes:
            return
        with self._lock:
            self._move_to(page.generation)
            old = self._pages.pop(key, None)
            if old is not None:
                self._bytes -= len(old.content)
            self._pages[key] = page
            self._bytes += len(page.content)
            while self._bytes > self.max_bytes:
                _key, dropped = self._pages.popitem(last=False)
                self._bytes -= len(dropped.content)

    def clear(self):
        with self._lock:
            self._move_to(None)

    def _move_to(self, generation):
        if generation != self._generation:
            self._pages.clear()
            self._bytes = 0
            self._generation = generation


process_copies = ProcessCopies(PROCESS_COPIES_BYTES)


_unannounced = threading.Event()  # a change made while the shared cache was unreachable
_unreachable = threading.Event()  # the shared cache failed last time: said once in the log, not per request


def _cache_failed(error):
    process_copies.clear()  # changes made meanwhile may not reach this process
    if not _unreachable.is_set():
        _unreachable.set()
        logger.error("page cache unreachable, pages are served uncached until it answers: %s", error)


def _cache_answered():
    if _unreachable.is_set():
        _unreachable.clear()
        logger.warning("page cache answers again")


def current_generation():
    if _unannounced.is_set():
        _announce()
    generation = getattr(cache, "get_quick", cache.get)(GENERATION_KEY)
    if generation is None:
        # A fresh number, never one an evicted counter may have used before.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def invalidate():
    """Make every cached public page stale. Services call this after writes that skip signals.

    An editor's save never fails for the cache: if it cannot be reached, the change is announced
    by the next request this process serves once it answers again.
    """
    process_copies.clear()
    try:
        _announce()
    except CACHE_ERRORS as error:
        _unannounced.set()
        _cache_failed(error)


def _announce():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
    _unannounced.clear()


def page_key(request):
    digest = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"epaper:page:3:{digest}"


def cacheable(request):
    """A request whose answer may come from the cache: GET or HEAD, at an address the site makes."""
    return request.method in ("GET", "HEAD") and CACHED_PARAMETERS.issuperset(request.GET)


def cached_page(key, generation, shared=True):
    """The page stored under ``key`` at ``generation``: this process's copy, else the shared cache's
    (unless not ``shared``)."""
    page = process_copies.get(key, generation)
    if page is None and shared:
        stored = cache.get(key)
        if stored is None or stored[0] != generation:
            return None
        page = Page(*stored)
        process_copies.put(key, page)
    return page


def stored_page(key, shared=True):
    """The current page under ``key`` and the generation it must be of; ``(None, None)`` if the
    shared cache cannot be reached (readers are then served fresh pages)."""
    try:
        generation = current_generation()
        page = cached_page(key, generation, shared)
    except CACHE_ERRORS as error:
        _cache_failed(error)
        return None, None
    _cache_answered()
    return page, generation


def keep(response, key, generation, shared):
    """Store a reader's fresh answer, with an ETag, if it is a whole page that sets no cookie."""
    if response.status_code != 200 or response.cookies or response.streaming:
        return response
    response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    page = Page.of(response, generation)
    process_copies.put(key, page)
    if shared:
        try:
            cache.set(key, tuple(page), PAGE_SECONDS)
        except CACHE_ERRORS as error:
            _cache_failed(error)
    return response


CONDITIONS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_UNMODIFIED_SINCE")


def conditional(request, response):
    """304 Not Modified for a stored page the reader already has (If-None-Match with its ETag)."""
    if not any(header in request.META for header in CONDITIONS):
        return response
    return get_conditional_response(request, etag=response.get("ETag"), response=response)


class Outside:
    """What ``public_page`` leaves for ``articles.fast_pages.CachedPageMiddleware`` to do on the way
    out: store the fresh page (``to_store``), or answer If-None-Match for a stored one (``from_cache``).

    Storing it there keeps the headers that the middleware inside it added (Vary, X-Frame-Options,
    Content-Length), so that the middleware can serve it later exactly as the whole stack did."""

    def __init__(self):
        self.to_store = None
        self.from_cache = False

    def finish(self, request, response):
        if self.to_store is not None:
            response = keep(response, *self.to_store)
        elif not self.from_cache:
            return response
        return conditional(request, response)


def public_page(view=None, *, shared=True):
    """Serve a view from the cache for anonymous readers; never cache an editor's preview.

    ``shared=False`` keeps the view's pages in this process's copies only (bounded in size), never
    in the shared cache: for pages whose addresses readers make up without end (search results).
    """
    if view is None:
        return functools.partial(public_page, shared=shared)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated or not cacheable(request):
            response = view(request, *args, **kwargs)
            if request.user.is_authenticated:
                patch_cache_control(response, private=True, no_store=True)
            return response
        outside = getattr(request, "page_cache", None)
        key = page_key(request)
        page, generation = stored_page(key, shared)
        if generation is None:
            return view(request, *args, **kwargs)
        if page is not None:
            if outside is not None:
                outside.from_cache = True
                return page.response()
            return conditional(request, page.response())
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if outside is not None:
            outside.to_store = (key, generation, shared)
            return response
        return conditional(request, keep(response, key, generation, shared))

    return wrapper


# --- The Redis backend: one client per pool, every call bounded, a breaker in front ----------

# A Redis that accepts connections and never answers would hold every request for the client's
# default timeouts; these bound each call instead (settings can change them, see README).
SOCKET_TIMEOUT = 0.25  # seconds to connect, and to wait for each answer
COOL_DOWN = 5.0  # seconds a failed Redis is left alone before it is asked again


class CacheUnavailable(RedisConnectionError):
    """Redis failed a moment ago and is not asked again until its cool-down is over."""


class Breaker:
    """A circuit breaker for one Redis, shared by the threads of a process.

    After a call fails (refused, timed out, reset), calls fail at once with ``CacheUnavailable``
    for ``cool_down`` seconds instead of each waiting on the network. Then one call is let
    through to try Redis again, while the others keep failing at once: if it is answered, calls
    go through again; if not, another cool-down starts. An answer that is an error of Redis's
    own (a missing key for INCR) counts as an answer.
    """

    def __init__(self, cool_down):
        self.cool_down = cool_down
        self.clock = time.monotonic
        self._lock = threading.Lock()
        self._retry_at = None  # when Redis may be asked again; None while it answers
        self._trying = False

    def before_call(self):
        with self._lock:
            if self._retry_at is None:
                return
            if self._trying or self.clock() < self._retry_at:
                raise CacheUnavailable("Redis failed a moment ago; not asked again until its cool-down is over")
            self._trying = True

    def after_call(self, *, answered):
        with self._lock:
            self._trying = False
            self._retry_at = None if answered else self.clock() + self.cool_down


_breakers = {}
_breakers_lock = threading.Lock()


def breaker_for(servers, cool_down):
    """The process's breaker for these servers."""
    with _breakers_lock:
        breaker = _breakers.get(servers)
        if breaker is None:
            breaker = _breakers[servers] = Breaker(cool_down)
        breaker.cool_down = cool_down
        return breaker


def _through_breaker(method):
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        self.breaker.before_call()
        try:
            result = method(self, *args, **kwargs)
        except CACHE_ERRORS:
            self.breaker.after_call(answered=False)
            raise
        except BaseException:
            self.breaker.after_call(answered=True)  # Redis answered; the error is about what it said
            raise
        self.breaker.after_call(answered=True)
        return result

    return call


class RedisCacheClient(redis_backend.RedisCacheClient):
    """Django's Redis client wrapper, keeping one ``redis.Redis`` per connection pool, every
    operation going through the process's breaker for its servers.

    Django builds a new ``redis.Redis`` for every cache operation, and building one (its
    table of response callbacks) costs more than a GET from a Redis on the same network.
    A ``redis.Redis`` is safe to share between threads; its pool notices a fork.
    """

    OPERATIONS = ("add", "get", "set", "touch", "delete", "get_many", "has_key", "incr", "set_many", "delete_many", "clear")

    def __init__(self, *args, breaker, **kwargs):
        super().__init__(*args, **kwargs)
        self.breaker = breaker
        self._clients = {}
        self._quick = threading.local()

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))
        return client

    @_through_breaker
    def get_quick(self, key, default):
        """``get`` from the first server by one GET on a connection this thread keeps for it.

        redis-py's client checks a connection out of its pool and back, behind its retry logic, for
        every command, which costs a few times the round trip to a Redis nearby. Every reader's
        request reads the generation, so that one read goes straight down a connection of its own.
        A connection that fails is dropped; one the server closed (Redis restarted) is replaced at
        once, one time; a timeout is not retried (the breaker then leaves Redis alone).
        """
        for attempt in (1, 2):
            connection = self._quick_connection()
            try:
                connection.send_packed_command(connection.pack_command("GET", key), check_health=False)
                value = connection.read_response()
            except self._lib.exceptions.TimeoutError:
                self._drop_quick_connection()
                raise
            except (self._lib.exceptions.ConnectionError, OSError):
                self._drop_quick_connection()
                if attempt == 2:
                    raise
            else:
                return default if value is None else self._serializer.loads(value)

    def _quick_connection(self):
        local = self._quick
        if getattr(local, "pid", None) != os.getpid():  # none yet, or the parent's before a fork
            pool = self._get_connection_pool(write=True)
            local.connection, local.pid = pool.connection_class(**pool.connection_kwargs), os.getpid()
        return local.connection

    def _drop_quick_connection(self):
        self._quick.connection.disconnect()
        self._quick.pid = None


for _name in RedisCacheClient.OPERATIONS:
    setattr(RedisCacheClient, _name, _through_breaker(getattr(redis_backend.RedisCacheClient, _name)))


class RedisCache(redis_backend.RedisCache):
    """Django's RedisCache with a client reused across operations (see ``RedisCacheClient``),
    every call bounded by short socket timeouts and a breaker (see ``Breaker``).

    OPTIONS may set ``socket_connect_timeout`` and ``socket_timeout`` (seconds, both
    ``SOCKET_TIMEOUT`` unless given) and ``cool_down`` (seconds, ``COOL_DOWN`` unless given);
    the rest go to the connection pool, as with Django's own backend.
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        cool_down = float(options.pop("cool_down", COOL_DOWN))
        options.setdefault("socket_connect_timeout", SOCKET_TIMEOUT)
        options.setdefault("socket_timeout", SOCKET_TIMEOUT)
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = RedisCacheClient
        self._options = {**self._options, "breaker": breaker_for(tuple(self._servers), cool_down)}

    def get_quick(self, key, default=None, version=None):
        """``get`` by the shortest way to Redis (see ``RedisCacheClient.get_quick``)."""
        return self._cache.get_quick(self.make_key(key, version=version), default)
