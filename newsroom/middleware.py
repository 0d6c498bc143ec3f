"""Middleware that guards every response: addresses with NUL bytes, and the Content-Security-Policy.

A NUL byte has no meaning in any address of the site, and it reaches places that cannot take it:
PostgreSQL refuses a string with one ("A string literal cannot contain NUL characters"), and the
file system refuses a path with one ("embedded null byte"). Rather than guard every query, every
admin filter and autocomplete, and every file lookup one by one, a request whose path or query
string holds one is refused here with 400 before any view runs. Forms are left alone: text that
editors type or paste is cleaned of control characters where it comes in.
"""
from django.conf import settings
from django.http import HttpResponseBadRequest
from django.utils.html import escape

NUL = "\x00"
BAD_ADDRESS = "网址中含有不允许的字符(空字符 NUL),无法打开。请检查链接是否完整、正确。"


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path or any(NUL in key or NUL in value for key, value in _query_items(request)):
            return HttpResponseBadRequest(
                f'<!doctype html><html lang="zh-hans"><meta charset="utf-8"><title>错误的网址</title>'
                f"<p>{escape(BAD_ADDRESS)}</p></html>",
                content_type="text/html; charset=utf-8",
            )
        return self.get_response(request)


def _query_items(request):
    for key, values in request.GET.lists():
        for value in values:
            yield key, value


class ContentSecurityPolicyMiddleware:
    """Send ``settings.CONTENT_SECURITY_POLICY`` with every response that does not set its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        return response
