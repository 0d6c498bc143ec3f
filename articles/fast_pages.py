"""Readers' cached pages answered before the middleware that they do not need.

A page that ``caching.public_page`` stored for anonymous readers is answered here, early in the
middleware stack, for a request that carries no session cookie: without a session there is no
login, so the visitor is a reader, and the sessions, CSRF, authentication, messages, URL routing
and the view itself have nothing to add. The page is stored by this middleware on its way out of
the whole stack, with the headers the middleware inside it gave it (Vary: Cookie, X-Frame-Options,
Content-Length) and an ETag; the middleware outside it (the Content-Security-Policy and security
headers) runs for every answer alike. So a page from here is the same bytes under the same headers
as the one the whole stack gave, and a browser that sends its ETag back gets 304.

Everything else goes down the whole stack as before: an editor (session cookie), a POST, an address
with a query parameter the site does not make, a page not stored yet or stored before the last
change (the shared generation, see ``caching``), and every request while the shared cache cannot
be reached.
"""
from django.conf import settings
from django.core.exceptions import DisallowedHost

from . import caching


class CachedPageMiddleware:
    """Place it after WhiteNoise and before SessionMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES and caching.cacheable(request):
            try:
                key = caching.page_key(request)
            except DisallowedHost:  # the whole stack answers it with its 400
                key = None
            if key is not None:
                page, _generation = caching.stored_page(key)
                if page is not None:
                    return caching.conditional(request, page.response())
        request.page_cache = outside = caching.Outside()
        return outside.finish(request, self.get_response(request))
