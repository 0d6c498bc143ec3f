"""No payload an OCR file or an editor's paste may carry runs in a reader's browser."""
import json
import re
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.templatetags.static import static
from django.urls import reverse

from articles.markup import plain_summary, plain_text, render_markdown

from .factories import ArticleFactory, BylineFactory, DutyAssignmentFactory, PhotoFactory

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '<a href="javascript:alert(1)">点我</a>',
    '<a href="JaVaScRiPt:alert(1)">点我</a>',
    '<a href="&#106;avascript:alert(1)">点我</a>',
    '<a href=" javascript:alert(1)">点我</a>',
    "[点我](javascript:alert(1))",
    "![图](javascript:alert(1))",
    "[点我](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '"><script>alert(1)</script>',
    "</script><script>alert(1)</script>",
    "'-alert(1)-'",
    "<!--<img src=x onerror=alert(1)>-->",
    '<form action="javascript:alert(1)"><button>提交</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
]

DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href"}


def is_site_search(attrs):
    """The site's own search boxes (header, edition) and 往期 date pickers: a GET form to the search
    page or to a paper's date picker, nothing else."""
    action = attrs.get("action") or ""
    ours = action == reverse("articles:search") or re.fullmatch(r"/[\w-]+/date/", action)
    return ours and attrs.get("method") == "get" and set(attrs) <= {"class", "role", "aria-label", "action", "method"}


def is_site_script(attrs):
    """The site's one script, from its own static files (the page works without it)."""
    return attrs.get("src") == static("js/reader.js") and set(attrs) == {"src"}


class ActiveContent(HTMLParser):
    """Collects everything in a page that a browser could execute."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.json_scripts = []
        self._script_type = None
        self._script_text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in URL_ATTRIBUTES and value:
                if "".join(value.split()).lower().startswith(DANGEROUS_SCHEMES):
                    self.found.append(f"<{tag} {name}={value}>")
            if name == "style" and "javascript:" in (value or "").lower():
                self.found.append(f"<{tag} style=…>")
        if tag in {"iframe", "object", "embed", "base"} or (tag == "meta" and "http-equiv" in attrs):
            self.found.append(f"<{tag}>")
        if tag == "form" and not is_site_search(attrs):
            self.found.append(f"<{tag}>")
        if tag == "script":
            self._script_type = attrs.get("type", "")
            self._script_text = []
            if self._script_type != "application/ld+json" and not is_site_script(attrs):
                self.found.append(f"<script type={self._script_type!r}>")

    def handle_data(self, data):
        if self._script_type is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script_type is not None:
            if self._script_type == "application/ld+json":
                self.json_scripts.append("".join(self._script_text))
            self._script_type = None


def active_content(html):
    parser = ActiveContent()
    parser.feed(html)
    for text in parser.json_scripts:
        json.loads(text)  # a payload that broke out of the JSON would make it invalid
    return parser.found


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_never_reach_a_page(client, payload):
    article = ArticleFactory(
        published=True,
        page__edition__published=True,
        page__name=payload[:50],
        kicker=payload,
        title=f"标题{payload}",
        subtitle=payload,
        dateline=payload[:100],
        body=f"第一段{payload}\n\n## 小标题{payload}\n\n{payload}\n\n末段。",
    )
    PhotoFactory(article=article, caption=payload, credit_text=payload[:100])
    ArticleFactory(published=True, page__edition__published=True)  # a second paper: the home page is a front page
    reporter = BylineFactory(article=article, reporter__name=payload[:100]).reporter
    DutyAssignmentFactory(page=article.page, role=payload[:20], duty_editor__name=payload[:50])
    article.page.source_text = payload
    article.page.save()

    urls = [
        article.get_absolute_url(),
        article.page.get_absolute_url(),
        article.page.edition.get_absolute_url(),
        reverse("articles:home"),
        reporter.get_absolute_url(),
        reverse("articles:search") + "?" + urlencode({"q": "标题"}),
        reverse("articles:search") + "?" + urlencode({"q": f"标题{payload}"}),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert active_content(response.content.decode()) == [], url


def test_the_checker_sees_what_it_must(client):
    """The checker above is only worth its passes if it catches unescaped payloads."""
    for payload in PAYLOADS[:10]:
        assert active_content(f"<p>{payload}</p>") or "[" in payload, payload
    assert active_content('<form action="/search/" method="post"><button>提交</button></form>')
    assert active_content('<form action="/elsewhere/" method="get"><button>提交</button></form>')
    assert active_content('<form class="site-search" role="search" action="/search/" method="get">') == []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_rendered_markdown_keeps_text_and_drops_scripts(payload):
    assert active_content(str(render_markdown(f"正文 {payload}"))) == []
    assert "<" not in plain_summary(payload).replace("&lt;", "")


def test_markdown_keeps_what_a_story_needs():
    html = str(render_markdown("第一段 **强调** [链接](https://example.com/a)\n\n## 小标题\n\n- 一\n- 二"))
    assert "<strong>强调</strong>" in html
    assert 'href="https://example.com/a"' in html
    assert "<h2>小标题</h2>" in html
    assert "<li>一</li>" in html


def test_summary_is_the_first_paragraph_in_plain_text():
    body = "## 小标题\n\n**茂名晚报讯** 记者[李君平](https://example.com)7月14日,全市开展检查。\n\n第二段。"
    assert plain_summary(body) == "茂名晚报讯 记者李君平7月14日,全市开展检查。"
    assert plain_summary("很长" * 100, 20).endswith("…")
    assert len(plain_summary("很长" * 100, 20)) == 20


def test_plain_text_keeps_every_paragraph_and_subhead_and_drops_the_markup():
    body = (
        "茂名晚报讯 记者李君平 7月14日,**全市**开展检查。  \n第二行。\n\n"
        "### 保障热线不掉线\n\n"
        "详见[市政府网站](https://example.com)<script>alert(1)</script>,R&D 中心 <b>提供</b>。"
    )
    assert plain_text(body) == (
        "茂名晚报讯 记者李君平 7月14日,全市开展检查。\n第二行。\n\n保障热线不掉线\n\n详见市政府网站,R&D 中心 提供。"
    )
