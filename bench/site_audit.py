"""An independent audit of the public site, as an outside reviewer would run it.

    python bench/site_audit.py [--database sqlite|postgres] [--max-pages 400] [--per-kind 5] [--skip-vnu] [--skip-axe]
                               [--tools ~/.cache/newsroom-audit] [--verbose]

The sample editions (fixtures/sample.json) are loaded into a throwaway database, one page gets
a facsimile PDF (drawn with reportlab, titled with the page's own stories, so it has hot zones),
and gunicorn serves the site on loopback with DEBUG off. The audit crawls every public page the
site links to from its home page, its sitemaps and a search (home, papers, 往期 months, the date
picker, editions, pages, the facsimile, articles, reporters, search, feeds, sitemaps), up to
``--max-pages`` HTML pages, opens up to ``--per-kind`` pages of each kind in Chromium, and counts:

1. HTML errors found by the Nu HTML Checker (vnu.jar, ``--errors-only``);
2. axe-core violations at 1280 px and at 375 px wide, in Chromium, and at 375 px with the largest
   type a reader can pick with A+;
3. pages wider than a 375 px phone screen (horizontal overflow), at the usual and the largest type;
4. feeds that feedparser cannot read cleanly (its ``bozo`` flag) or that are empty;
5. sitemap URLs that do not answer 200;
6. pages without a non-empty ``<meta name="description">``, and home and paper pages without a
   ``<link rel="alternate" type="application/rss+xml">``;
7. articles whose NewsArticle JSON-LD lacks image, headline, datePublished, author or publisher.

Every figure should be 0; the script exits 1 if any is not. The checkers are no dependencies of
the site: install them once outside the repository (see docs/AUDIT.md):

    npm install --prefix ~/.cache/newsroom-audit axe-core@4.14.1 vnu-jar@26.9.27 --ignore-scripts

vnu.jar needs Java 17 or later on the PATH; Chromium is the system's (/usr/bin/chromium) driven by
Playwright from the dev requirements, as in the browser tests.
"""

import argparse
import collections
import html.parser
import http.client
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote, urldefrag, urljoin, urlsplit
from xml.etree import ElementTree

from site_throughput import PYTHON, ROOT, free_port, start_server
from throwaway import throwaway_database

CHROMIUM = "/usr/bin/chromium"
PHONE = 375
PASSES = (  # name, viewport width, with the largest type the reader can choose (A+)
    ("1280 px", 1280, False),
    ("375 px", PHONE, False),
    ("375 px, largest type", PHONE, True),
)
NOT_FOUND = "/no-such-paper/"
FACSIMILE_PAGE = ("jmrb", "2022-11-22", 1)  # the sample page that gets a page PDF
NEWS_ARTICLE_FIELDS = ("image", "headline", "datePublished", "author", "publisher")
SKIPPED_PREFIXES = ("/admin/", "/api/")  # not for readers; the API has its own tests
FILE_PREFIXES = ("/media/", "/static/")  # files: checked to answer 200, not read
FILE_ENDINGS = (".pdf", "/pdf/", ".png", ".jpg", ".webp", ".svg", ".css", ".js")

# --- Setting up the site ------------------------------------------------------------------------


def sample_stories(paper, date, number):
    """Title and opening of three stories of the sample page, keyed for tests/pdfs.py's layout."""
    fixture = json.loads((ROOT / "fixtures" / "sample.json").read_text(encoding="utf-8"))
    names = {row["fields"]["slug"]: row["fields"]["name"] for row in fixture if row["model"] == "articles.publication"}
    articles = [
        row["fields"]
        for row in fixture
        if row["model"] == "articles.article" and row["fields"]["page"] == [names[paper], date, number]
    ]
    articles.sort(key=lambda fields: fields["position"])
    return {key: {"title": fields["title"], "body": fields["body"][:160]} for key, fields in zip(("a", "b", "c"), articles)}


def prepare(workdir, env):
    """Migrate, load the sample editions, collect static files, and attach one page's PDF."""
    manage = [PYTHON, str(ROOT / "manage.py")]
    subprocess.run(manage + ["migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run(manage + ["loaddata", str(ROOT / "fixtures" / "sample.json"), "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run(manage + ["collectstatic", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    sys.path.insert(0, str(ROOT))
    from tests.pdfs import page_pdf

    paper, date, number = FACSIMILE_PAGE
    pdf = Path(workdir) / "page.pdf"
    pdf.write_bytes(page_pdf(sample_stories(paper, date, number)).data)
    # Photos of the sample come without files: give every photo of that paper one, so the front
    # page's thumbnails and the articles' photos are audited as well.
    subprocess.run(manage + ["shell", "-c", PHOTO_FILES % paper], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    subprocess.run(
        manage + ["attach_page_file", str(pdf), "--paper", paper, "--date", date, "--number", str(number)],
        env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
    )


PHOTO_FILES = """
import io
from django.core.files.base import ContentFile
from PIL import Image
from articles.models import Photo
for n, photo in enumerate(Photo.objects.filter(article__page__edition__publication__slug=%r)):
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), (200, 160 - 20 * n, 90)).save(buffer, format="JPEG")
    photo.image.save(f"audit-{n}.jpg", ContentFile(buffer.getvalue()))
"""


# --- Crawling ----------------------------------------------------------------------------------


class PageFacts(html.parser.HTMLParser):
    """What the audit reads from a page: its links, feeds, meta description and JSON-LD."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.feeds, self.json_ld, self.forms = [], [], [], []
        self.description = None
        self._in_json_ld = False
        self._chunks = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "img" and attrs.get("src"):
            self.links.append(attrs["src"])
        elif tag == "link" and attrs.get("rel") == "alternate" and attrs.get("type") == "application/rss+xml":
            self.feeds.append(attrs.get("href") or "")
        elif tag == "meta" and attrs.get("property") == "og:image" and attrs.get("content"):
            self.links.append(attrs["content"])  # a link preview's image has to be there too
        elif tag == "meta" and attrs.get("name") == "description":
            self.description = (attrs.get("content") or "").strip()
        elif tag == "form" and (attrs.get("method") or "get").lower() == "get" and attrs.get("action"):
            self.forms.append(attrs["action"])
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld, self._chunks = True, []

    def handle_data(self, data):
        if self._in_json_ld:
            self._chunks.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_json_ld:
            self._in_json_ld = False
            self.json_ld.append("".join(self._chunks))


def local_path(url, base):
    """The site path of a link on `base`, or None for another site, a fragment or a file."""
    url = urldefrag(urljoin(base, url)).url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc != urlsplit(base).netloc:
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return None if path.startswith(SKIPPED_PREFIXES) else path


def is_file(path):
    return path.startswith(FILE_PREFIXES) or path.split("?")[0].endswith(FILE_ENDINGS)


def get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", quote(path, safe="/?=&%:+;,@~!$'()*"), headers={"Host": f"127.0.0.1:{port}"})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def sitemap_locations(body):
    root = ElementTree.fromstring(body)
    return [loc.text.strip() for loc in root.iter() if loc.tag.endswith("}loc") and loc.text]


def crawl(port, max_pages, search_word):
    """Breadth first from the home page, the sitemaps, one search and a 404; the date picker's
    form tried with a day before any edition (its error page) and a day after all (a redirect).

    Returns the HTML pages {path: (body, facts)}, feeds {path: body}, sitemap URLs, the number of
    files linked (PDFs, images), and links that answered other than expected."""
    base = f"http://127.0.0.1:{port}/"
    queue = collections.deque([
        ("/", 200), (f"/search/?q={search_word}", 200), ("/search/?q=没有这样的稿件", 200),
        ("/sitemap.xml", 200), ("/news-sitemap.xml", 200), (NOT_FOUND, 404),
    ])
    seen = {path for path, _ in queue}
    pages, feeds, sitemap_urls, broken = {}, {}, set(), {}

    def follow(link, expected=200):
        target = local_path(link, base)
        if target is not None and target not in seen:
            seen.add(target)
            queue.append((target, expected))

    files = 0
    while queue:
        path, expected = queue.popleft()
        status, headers, body = get(port, path)
        if is_file(path):  # a PDF, a photo, a page image, a paper's card: it only has to be there
            files += 1
            if status != 200 or not body:
                broken[path] = f"answered {status} with {len(body)} bytes"
            continue
        content_type = headers.get("Content-Type", "")
        if status in (301, 302) and expected == 200:
            follow(headers.get("Location", ""))
            continue
        if status != expected:
            broken[path] = f"answered {status}"
            continue
        if "xml" in content_type and path.endswith(".xml"):  # a sitemap or sitemap index
            for location in sitemap_locations(body):
                target = local_path(location, base)
                if target is not None and not target.endswith(".xml"):
                    sitemap_urls.add(target)
                follow(location)
        elif "rss" in content_type or "xml" in content_type:
            feeds[path] = body
        elif content_type.startswith("text/html") and len(pages) < max_pages:
            facts = PageFacts()
            facts.feed(body.decode("utf-8"))
            pages[path] = (body, facts)
            for link in facts.links + facts.feeds:
                follow(link)
            for action in facts.forms:
                if action.endswith("/date/"):  # 往期: a day before the first edition, and one after the last
                    follow(f"{action}?date=1990-01-01", 404)
                    follow(f"{action}?date=2099-12-31")
    return pages, feeds, sitemap_urls, files, broken


def sample_of(pages, per_kind):
    """Up to `per_kind` pages of each kind, for the checks that need a browser; pages with pictures first."""
    taken = collections.Counter()
    chosen = []
    for path in sorted(pages, key=lambda path: b"<img" not in pages[path][0]):
        kind = kind_of(path, pages[path][0])
        if taken[kind] < per_kind:
            taken[kind] += 1
            chosen.append(path)
    return chosen, taken


# --- The checks --------------------------------------------------------------------------------


def nu_html_errors(pages, tools, workdir):
    """vnu.jar over every page saved to a file: {path: [message, ...]}."""
    folder = Path(workdir) / "html"
    folder.mkdir()
    files = {}
    for n, (path, (body, _)) in enumerate(pages.items()):
        file = folder / f"page{n}.html"
        file.write_bytes(body)
        files[file.name] = path
    jar = Path(tools) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    done = subprocess.run(
        ["java", "-jar", str(jar), "--errors-only", "--format", "json", *[str(folder / name) for name in files]],
        capture_output=True, text=True,
    )
    try:
        report = json.loads(done.stderr)
    except ValueError:
        raise SystemExit(f"vnu.jar did not answer in JSON (is Java 17 installed?):\n{done.stderr[:2000]}") from None
    errors = collections.defaultdict(list)
    for message in report["messages"]:
        if message.get("type") == "error" or message.get("subType") == "fatal":
            url = message.get("url", "?")
            path = files.get(url.rsplit("/", 1)[-1], url)
            errors[path].append(f"line {message.get('lastLine', '?')}: {message.get('message', '')}")
    return errors


OVERFLOW_SCRIPT = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const element of document.querySelectorAll('body *')) {
    const box = element.getBoundingClientRect();
    if (box.width && box.right > width + 1) {
      wide.push(element.tagName.toLowerCase() + (element.className && typeof element.className === 'string' ? '.' + element.className.split(' ').join('.') : '') + ' → ' + Math.round(box.right) + 'px');
    }
  }
  return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""


def browser_checks(port, paths, tools):
    """axe-core in each pass, and overflow in the phone's: ({(pass, path): [violation, ...]}, {(pass, path): detail})."""
    from playwright.sync_api import sync_playwright

    axe = Path(tools) / "node_modules" / "axe-core" / "axe.min.js"
    violations, overflow = {}, {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            for name, width, largest in PASSES:
                # The site's CSP forbids inline scripts, which is how axe-core is injected: bypass it for the audit.
                context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True, locale="zh-CN")
                page = context.new_page()
                for n, path in enumerate(paths):
                    page.goto(f"http://127.0.0.1:{port}{path}", wait_until="load")
                    if largest and n == 0:  # A+ until it goes no further; the reader's choice is kept for every page
                        for _ in range(6):
                            page.get_by_title("放大字号").click()
                        page.reload(wait_until="load")
                    page.add_script_tag(path=str(axe))
                    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
                    found = [
                        f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])}× e.g. {v['nodes'][0]['target']}"
                        for v in result["violations"]
                    ]
                    if found:
                        violations[(name, path)] = found
                    if width == PHONE:
                        measured = page.evaluate(OVERFLOW_SCRIPT)
                        if measured["scroll"] > measured["width"]:
                            overflow[(name, path)] = f"{measured['scroll']}px wide: " + "; ".join(measured["wide"])
                context.close()
        finally:
            browser.close()
    return violations, overflow


def bad_feeds(feeds):
    import feedparser

    bad = {}
    for path, body in feeds.items():
        parsed = feedparser.parse(body)
        if parsed.bozo:
            bad[path] = f"bozo: {parsed.bozo_exception}"
        elif not parsed.entries:
            bad[path] = "no entries"
        elif parsed.version not in ("rss20", "atom10"):
            bad[path] = f"version {parsed.version!r}"
    return bad


def unanswered(port, urls):
    return {path: f"answered {status}" for path in sorted(urls) if (status := get(port, path)[0]) != 200}


def is_article(path):
    parts = [part for part in path.split("?")[0].split("/") if part]
    return len(parts) == 4 and parts[2].isdigit() and parts[3].isdigit()


def incomplete_articles(pages):
    incomplete = {}
    for path, (_, facts) in pages.items():
        if not is_article(path):
            continue
        objects = []
        for block in facts.json_ld:
            try:
                data = json.loads(block)
            except ValueError:
                incomplete[path] = "JSON-LD that is not JSON"
                break
            for item in data if isinstance(data, list) else data.get("@graph", [data]):
                objects.append(item)
        news = [item for item in objects if item.get("@type") == "NewsArticle"]
        if not news:
            incomplete.setdefault(path, "no NewsArticle")
            continue
        missing = [name for name in NEWS_ARTICLE_FIELDS if not news[0].get(name)]
        if missing:
            incomplete[path] = "lacks " + ", ".join(missing)
    return incomplete


# --- Report ------------------------------------------------------------------------------------


def show(title, findings, verbose):
    print(f"{title:56} {len(findings):5d}")
    if verbose or len(findings) <= 20:
        for key, detail in findings.items():
            lines = detail if isinstance(detail, list) else [detail]
            for line in lines:
                print(f"    {key}: {line}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--max-pages", type=int, default=400, help="HTML pages to crawl at most")
    parser.add_argument("--per-kind", type=int, default=5, help="pages of each kind to open in Chromium")
    parser.add_argument("--tools", default=str(Path.home() / ".cache" / "newsroom-audit"), help="where npm put the checkers")
    parser.add_argument("--skip-vnu", action="store_true")
    parser.add_argument("--skip-axe", action="store_true")
    parser.add_argument("--verbose", action="store_true", help="every finding, not only short lists")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as workdir, throwaway_database(args.database, workdir, "bench_audit") as database_url:
        env = {
            **os.environ,
            "DJANGO_DEBUG": "",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_STATIC_ROOT": str(Path(workdir) / "static"),
            "DJANGO_MEDIA_ROOT": str(Path(workdir) / "media"),
            "DJANGO_SERVE_MEDIA": "1",
            "DJANGO_LOG_LEVEL": "ERROR",  # the audit asks for missing pages on purpose
            "DATABASE_URL": database_url,
            "CACHE_URL": "",
            "REDIS_URL": "",
        }
        prepare(workdir, env)
        port = free_port()
        server = start_server(port, 2, env)
        try:
            search_word = sample_stories(*FACSIMILE_PAGE)["a"]["title"][:2]
            pages, feeds, sitemap_urls, files, broken = crawl(port, args.max_pages, search_word)
            broken_pages = {NOT_FOUND}  # asked for on purpose: a 404 page advertises nothing
            html_errors = {} if args.skip_vnu else nu_html_errors(pages, args.tools, workdir)
            browsed, _ = sample_of(pages, args.per_kind)
            violations, overflow = ({}, {}) if args.skip_axe else browser_checks(port, browsed, args.tools)
            figures = [
                ("HTML errors (Nu HTML Checker), pages", html_errors),
                *[
                    (f"axe-core violations at {name}, pages", {p: v for (n, p), v in violations.items() if n == name})
                    for name, _, _ in PASSES
                ],
                *[
                    (f"pages wider than the screen at {name}", {p: v for (n, p), v in overflow.items() if n == name})
                    for name, width, _ in PASSES
                    if width == PHONE
                ],
                ("feeds not valid (feedparser)", bad_feeds(feeds)),
                ("sitemap URLs not answering 200", unanswered(port, sitemap_urls)),
                ("pages without meta description", {p: "missing" for p, (_, f) in pages.items() if not f.description}),
                ("home and paper pages not advertising a feed", {
                    p: "no <link rel=alternate type=application/rss+xml>"
                    for p, (body, f) in pages.items()
                    if kind_of(p, body) in ("home", "paper") and p not in broken_pages and not f.feeds
                }),
                ("articles with incomplete NewsArticle", incomplete_articles(pages)),
                ("links answering other than expected", broken),
            ]
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait()

    kinds = collections.Counter(kind_of(path, body) for path, (body, _) in pages.items())
    print(
        f"crawled {len(pages)} HTML pages ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}), "
        f"{len(feeds)} feeds, {len(sitemap_urls)} sitemap URLs, {files} files linked (PDFs, images); {args.database}"
    )
    zones = [body.count(b"<rect") for path, (body, _) in pages.items() if kind_of(path, body) == "facsimile"]
    print(f"facsimile views: {len(zones)}, with {max(zones, default=0)} hot zones")
    print(f"in Chromium: {len(browsed)} of them, up to {args.per_kind} of each kind")
    if args.skip_vnu or args.skip_axe:
        print("skipped: " + ", ".join(name for name, skip in (("vnu", args.skip_vnu), ("axe", args.skip_axe)) if skip))
    for title, findings in figures:
        show(title, findings, args.verbose)
    total = sum(len(findings) for _, findings in figures)
    print(f"total findings: {total} (target 0)")
    sys.exit(1 if total else 0)


def kind_of(path, body):
    """home, paper, archive, date picker, edition, page, facsimile, article, reporter, search, other."""
    parts = [part for part in path.split("?")[0].split("/") if part]
    if not parts:
        return "home"
    if parts[0] == "search":
        return "search"
    if path == NOT_FOUND:
        return "404"
    if len(parts) == 1:
        return "paper"
    if parts[1] in ("archive", "date", "reporters"):
        return {"archive": "archive", "date": "date picker", "reporters": "reporter"}[parts[1]]
    if len(parts) in (2, 3) and b'class="facsimile"' in body:
        return "facsimile"
    return {2: "edition", 3: "page", 4: "article"}.get(len(parts), "other")


if __name__ == "__main__":
    main()
