"""Whole-page caching for the public site, invalidated whenever editors change anything.

A *generation* number kept in the cache itself says how fresh a cached page must be:
each stored page carries the generation it was rendered at, and any change to the
content bumps the generation, so every cached page is stale at once, in every server
process that shares the cache (Redis in production). The generation and the page are
read together in one round trip. Only anonymous readers' successful GET requests are
cached; an editor previewing drafts always gets a fresh page that is marked private.
"""
import functools
import hashlib
import time

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

GENERATION_KEY = "epaper:generation"
PAGE_SECONDS = 10 * 60


def current_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # A fresh number, never one an evicted counter may have used before.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def invalidate():
    """Make every cached public page stale. Services call this after writes that skip signals."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)


def page_key(request):
    digest = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"epaper:page:{digest}"


def public_page(view):
    """Serve a view from the cache for anonymous readers; never cache an editor's preview."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or request.user.is_authenticated:
            response = view(request, *args, **kwargs)
            if request.user.is_authenticated:
                patch_cache_control(response, private=True, no_store=True)
            return response
        key = page_key(request)
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY) or current_generation()
        stored = found.get(key)
        if stored is not None and stored[0] == generation:
            _generation, content, content_type = stored
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if response.status_code == 200 and not response.cookies and not response.streaming:
            cache.set(key, (generation, response.content, response["Content-Type"]), PAGE_SECONDS)
        return response

    return wrapper
