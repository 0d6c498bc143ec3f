"""No address, however mangled, is a server error.

Every URL pattern the site has (walked from the URL resolver: the public site, the API, feeds,
sitemaps, media and the whole admin) is requested with real values, then with each path argument
and each query parameter the views read replaced by hostile values: a NUL byte (PostgreSQL refuses
strings holding one), 10,000 characters, dates and numbers out of range (9999-12, page 0,
99999999999999999999) and words where numbers belong. Public pages are asked by an anonymous
reader and by a superuser (who sees previews), the admin by a superuser. The answer may be a page,
a redirect or a 4xx refusal, never a 500.
"""
import datetime
import re
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern
from reversion.models import Version

from articles.caching import CACHED_PARAMETERS
from articles.sitemaps import SITEMAPS

from .factories import (
    ArticleFactory, BylineFactory, DutyAssignmentFactory, EditionFactory, PageFactory, PublicationFactory,
    ReporterFactory, UserFactory,
)

pytestmark = pytest.mark.django_db

BAD_VALUES = {
    "nul": "\x00",
    "nul-inside": "mmwb\x00x",
    "long": "x" * 10_000,
    "month-overflow": "9999-12",
    "day-overflow": "9999-12-31",
    "zero": "0",
    "negative": "-1",
    "huge": "99999999999999999999",
    "word": "abc",
}
# Fewer for the admin's many form pages, which are slow to render: what any value breaks first.
FEW_BAD_VALUES = {name: BAD_VALUES[name] for name in ("nul", "long", "huge", "word")}
# What the admin's pages read from the query string: every page, and the lists besides their own
# filters (found below in the links each changelist offers).
ADMIN_PAGE_PARAMETERS = ["_popup", "_to_field", "_changelist_filters", "next"]
ADMIN_LIST_PARAMETERS = ["q", "p", "o", "e", "all", "_popup", "_to_field", "ids"]
ROUTE_ARGUMENT = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
LINK_QUERY = re.compile(r'href="\?([^"#]*)"')


def url_patterns(patterns=None, prefix=""):
    """(route with its arguments, the pattern) for every pattern the resolver knows."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, prefix + _route(pattern))
        else:
            yield prefix + _route(pattern), pattern


def _route(pattern):
    if isinstance(pattern.pattern, RegexPattern):
        return str(pattern.pattern).removeprefix("^").removesuffix("$")
    return str(pattern.pattern)


@pytest.fixture
def site():
    """One of everything, published, with a story that has a byline, a staff box and history."""
    paper = PublicationFactory(slug="mmwb", name="茂名晚报")
    edition = EditionFactory(publication=paper, date=datetime.date(2022, 7, 15), published=True)
    page = PageFactory(edition=edition, number=1)
    article = ArticleFactory(page=page, published=True)
    byline = BylineFactory(article=article, reporter=ReporterFactory(publication=paper))
    DutyAssignmentFactory(page=page)
    superuser = UserFactory(username="boss", is_superuser=True, is_staff=True)
    editor = Client(raise_request_exception=False)
    editor.force_login(superuser)
    # A first save through the admin gives the story a version for reversion's pages.
    editor.get(f"/admin/articles/article/{article.pk}/change/")
    return {"paper": paper, "edition": edition, "page": page, "article": article, "byline": byline,
            "user": superuser, "editor": editor}


def fill(route, pattern, site):
    """The route with a real value for each argument, and {argument: value} of what was put in."""
    model_admin = getattr(pattern.callback, "model_admin", None)
    article, version = site["article"], Version.objects.first()
    values = {
        "slug": site["paper"].slug,
        "date": site["edition"].date.isoformat(),
        "month": "2022-07",
        "number": str(site["page"].number),
        "pk": str(site["byline"].reporter.pk if "reporter" in route else article.pk),
        "section": next(iter(SITEMAPS)),
        "path": "photos/2022/07/none.jpg",
        "content_type_id": str(ContentType.objects.get_for_model(article).pk),
        "id": str(site["user"].pk),
        "transition": "publish",
        "url": "no-such-page/",
    }
    if model_admin is not None:
        first = model_admin.model._default_manager.first()
        values["object_id"] = str(first.pk) if first else "1"
    else:
        values["object_id"] = str(article.pk)
    regex_groups = {
        r"(?P<app_label>auth|axes|articles)": "articles",
        r"(?P<url>.*)": "no-such-page/",
        r"(\d+)": str(version.pk if version else 1),
        r"([^/]+)": str(article.pk),
    }
    for group, value in regex_groups.items():
        route = route.replace(group, value)
    used = {}

    def put(match):
        used[match["name"]] = values[match["name"]]
        return "{" + match["name"] + "}"

    return ROUTE_ARGUMENT.sub(put, route), used


def address(template, arguments):
    return "/" + template.format(**{name: quote(value, safe="") for name, value in arguments.items()})


def autocomplete_queries():
    """The admin autocomplete's parameters for every autocomplete field, of the lists and the inlines."""
    for model, model_admin in admin.site._registry.items():
        for owner, fields in [(model, model_admin.autocomplete_fields)] + [
            (inline.model, inline.autocomplete_fields) for inline in model_admin.inlines
        ]:
            for field in fields:
                yield {"app_label": owner._meta.app_label, "model_name": owner._meta.model_name, "field_name": field}


class Failures:
    def __init__(self):
        self.found = []
        self.asked = 0

    def check(self, client, url, params=None):
        self.asked += 1
        response = client.get(url, params or {})
        if response.status_code >= 500:
            error = getattr(response, "exc_info", None)
            reason = f"{error[0].__name__}: {str(error[1])[:120]}" if error else response.status_code
            shown = {k: (v if len(v) < 30 else f"{v[:10]}…({len(v)})") for k, v in (params or {}).items()}
            self.found.append(f"{url[:120]} {shown}: {reason}")
        return response


def fuzz_page(failures, client, template, arguments, parameters, values=BAD_VALUES):
    url = address(template, arguments)
    response = failures.check(client, url)
    for name in arguments:
        for value in values.values():
            failures.check(client, address(template, {**arguments, name: value}))
    for name in parameters:
        for value in values.values():
            failures.check(client, url, {name: value})
    return response


def test_no_address_or_query_parameter_is_a_server_error(site):
    failures = Failures()
    reader, editor = Client(raise_request_exception=False), site["editor"]
    public = {"visited": 0, "admin": 0}
    for route, pattern in url_patterns():
        template, arguments = fill(route, pattern, site)
        if route.startswith("admin/"):
            public["admin"] += 1
            is_list = bool(pattern.name and pattern.name.endswith("_changelist"))
            if is_list:
                response = fuzz_page(failures, editor, template, arguments, ADMIN_LIST_PARAMETERS)
            else:
                response = fuzz_page(failures, editor, template, arguments, ADMIN_PAGE_PARAMETERS, FEW_BAD_VALUES)
            if route.endswith("autocomplete/"):
                for query in autocomplete_queries():
                    failures.check(editor, address(template, arguments), query)
                    for name in ["term", "page", *query]:
                        for value in FEW_BAD_VALUES.values():
                            failures.check(editor, address(template, arguments), {**query, name: value})
            elif is_list and response.status_code == 200:
                # Each filter, sort and page link the list offers, with its value mangled.
                offered = {name for link in LINK_QUERY.findall(response.content.decode())
                           for name, _value in parse_qsl(link.replace("&amp;", "&"))}
                for name in sorted(offered - set(ADMIN_LIST_PARAMETERS)):
                    for value in BAD_VALUES.values():
                        failures.check(editor, address(template, arguments), {name: value})
        else:
            public["visited"] += 1
            fuzz_page(failures, reader, template, arguments, sorted(CACHED_PARAMETERS))
            fuzz_page(failures, editor, template, arguments, sorted(CACHED_PARAMETERS), FEW_BAD_VALUES)
    assert public["visited"] >= 15 and public["admin"] >= 100  # the walk really reached every part
    assert failures.asked > 3000
    print(f"{failures.asked} requests")
    assert not failures.found, f"{len(failures.found)} of {failures.asked} requests were 500s:\n" + "\n".join(
        failures.found[:40]
    )


@pytest.mark.parametrize(
    "url",
    [
        "/admin/articles/article/?page__edition__publication__id__exact=99999999999999999999",
        "/api/editions/?paper=%00",
        "/api/articles/?paper=%00",
        "/api/articles/?paper=mmwb%00",
        "/search/?q=%00",
        "/mmwb/%00/",
    ],
)
def test_a_nul_or_a_number_past_any_id_in_an_address_is_refused_in_chinese(site, url):
    response = site["editor"].get(url)
    assert response.status_code == 400
    assert "网址中含有不允许的字符" in response.content.decode() or "网址中的数字太大" in response.content.decode()


def test_a_filter_a_list_does_not_have_is_refused_on_the_export_page(site):
    response = site["editor"].get("/admin/articles/article/export/", {"next": "abc"})
    assert response.status_code == 400 and "筛选条件无效" in response.content.decode()
    assert site["editor"].get("/admin/articles/article/export/").status_code == 200


def test_a_desk_address_with_an_id_that_is_no_number_is_not_found(site):
    assert site["editor"].get("/admin/articles/article/abc/preview/").status_code == 404
    assert site["editor"].get(f"/admin/articles/article/{site['article'].pk}/preview/").status_code == 200
    assert site["editor"].post("/admin/articles/page/abc/sign-off/").status_code == 404


def test_a_month_past_the_calendar_is_not_found(client, site):
    assert client.get("/mmwb/archive/9999-12/").status_code == 404
    assert client.get("/mmwb/archive/0001-01/").status_code == 404
    assert client.get("/mmwb/archive/2022-07/").status_code == 200


def test_the_api_says_which_filter_is_wrong(client, site):
    response = client.get("/api/articles/", {"paper": "no-such-paper"})
    assert response.status_code == 404 and response.json() == {"error": "没有这份报纸"}
    assert client.get("/api/editions/", {"paper": "x" * 10_000}).json() == {"error": "没有这份报纸"}
    assert client.get("/api/articles/", {"date": "20220715"}).json() == {"error": "日期格式应为 YYYY-MM-DD"}
    assert client.get("/api/articles/", {"date": "2022-07-15"}).json()["count"] == 1
    assert client.get("/api/articles/", {"paper": "mmwb"}).json()["count"] == 1


def test_the_admin_refuses_a_nul_in_a_filter_and_an_autocomplete(site):
    editor = site["editor"]
    assert editor.get("/admin/articles/article/", {"status__exact": "\x00"}).status_code == 400
    query = {"app_label": "articles", "model_name": "byline", "field_name": "reporter", "term": "\x00"}
    assert editor.get("/admin/autocomplete/", query).status_code == 400
    assert editor.get("/admin/autocomplete/", {**query, "term": "李"}).status_code == 200
