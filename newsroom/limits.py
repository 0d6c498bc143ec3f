"""A ceiling on the size of any request body, checked before Django reads a byte of it.

Django caps form fields kept in memory (DATA_UPLOAD_MAX_MEMORY_SIZE) but streams uploaded files to
disk whatever their size; this refuses an oversized request from its Content-Length, so a
multi-gigabyte upload cannot fill the server's temporary folder. Per-file limits (page files,
photos) are checked by the forms and give the editor a message of their own.
"""

from django.conf import settings
from django.http import HttpResponse


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.REQUEST_MAX_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse("请求长度无效。", status=400, content_type="text/plain; charset=utf-8")
        if length > limit:
            return HttpResponse(
                f"上传内容太大:本次 {length / 1024 / 1024:.1f} MB,一次最多 {limit / 1024 / 1024:.0f} MB。",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
