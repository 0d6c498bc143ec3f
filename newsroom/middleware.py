"""Middleware that guards every response: addresses no page can answer, and the Content-Security-Policy.

Some values in an address have no meaning anywhere on the site and reach places that cannot take
them. Rather than guard every query, every admin filter and autocomplete and every file lookup one
by one, a request carrying one is refused here with 400 and a Chinese sentence, before any view runs:

- a NUL byte in the path or the query string: PostgreSQL refuses a string holding one ("A string
  literal cannot contain NUL characters"), the file system a path ("embedded null byte");
- a whole number in the query string too large for a database integer (over 2**63 - 1): SQLite
  cannot even be asked with one (OverflowError), in the admin's list filters for instance. No id,
  page or year of this site comes near it.

Forms are left alone: text that editors type or paste is cleaned of control characters where it
comes in. The admin's lists refuse a filter they do not have (``?e=1``), but pages built on a list
elsewhere (django-import-export's export page) let Django's ``IncorrectLookupParameters`` escape:
that, too, is a bad address and answered with 400.
"""
import re

from django.conf import settings
from django.contrib.admin.options import IncorrectLookupParameters
from django.http import HttpResponseBadRequest
from django.utils.html import escape

NUL = "\x00"
WHOLE_NUMBER = re.compile(r"[-+]?\d+")
LARGEST_INTEGER = 2**63 - 1
BAD_CHARACTER = "网址中含有不允许的字符(空字符 NUL),无法打开。请检查链接是否完整、正确。"
BAD_NUMBER = "网址中的数字太大,无法打开。请检查链接是否完整、正确。"
BAD_FILTER = "网址中的筛选条件无效,无法打开。请回到列表重新筛选。"


def bad_address(sentence):
    return HttpResponseBadRequest(
        f'<!doctype html><html lang="zh-hans"><meta charset="utf-8"><title>错误的网址</title>'
        f"<p>{escape(sentence)}</p></html>",
        content_type="text/html; charset=utf-8",
    )


def _too_large(value):
    return len(value) > 18 and WHOLE_NUMBER.fullmatch(value) is not None and abs(int(value)) > LARGEST_INTEGER


class RefuseBadAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        items = list(_query_items(request))
        if NUL in request.path or any(NUL in key or NUL in value for key, value in items):
            return bad_address(BAD_CHARACTER)
        if any(_too_large(value) for _key, value in items):
            return bad_address(BAD_NUMBER)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, IncorrectLookupParameters):
            return bad_address(BAD_FILTER)
        return None


def _query_items(request):
    for key, values in request.GET.lists():
        for value in values:
            yield key, value


class ContentSecurityPolicyMiddleware:
    """Send ``settings.CONTENT_SECURITY_POLICY`` with every response that does not set its own.

    One exception: django-import-export's import preview marks changed values with style
    attributes it writes itself (``<ins style="background:…">``, from its diff), so its two pages
    also allow style attributes (``style-src-attr``), never inline scripts or style elements.
    """

    STYLED_VIEWS = ("_import", "_process_import")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")
        if policy and "Content-Security-Policy" not in response:
            match = getattr(request, "resolver_match", None)
            if match and match.url_name and match.url_name.endswith(self.STYLED_VIEWS):
                policy += "; style-src-attr 'unsafe-inline'"
            response["Content-Security-Policy"] = policy
        return response
