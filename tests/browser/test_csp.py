"""The Content-Security-Policy in a real browser: the site and the desk work under it, and nothing
they do is blocked by it.

Every page below is opened in Chromium with a listener for the browser's own CSP reports
(``securitypolicyviolation`` events, added before any script of the page runs) and for console
messages; a page that tries an inline script or style, an event-handler attribute, or anything
from another site shows up here. The features that need scripts are used, not only loaded: the
body preview follows typing, an autocomplete finds a page, the list's select-all ticks every row.
"""

import pytest
from playwright.sync_api import expect

from articles.models import Article, Reporter
from tests.factories import UserFactory

from .conftest import open_page, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "desk-password"  # UserFactory's
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " blocked " + (event.blockedURI || "inline")
    + " at " + event.sourceFile + ":" + event.lineNumber);
});
"""


def watched_page(browser):
    page = open_page(browser)
    page.context.add_init_script(RECORD_VIOLATIONS)
    page.csp_messages = []
    page.on("console", lambda message: "Content Security Policy" in message.text and page.csp_messages.append(message.text))
    return page


def assert_no_violation(page, name):
    screenshot(page, f"csp-{name}")
    violations = page.evaluate("window.__cspViolations || []")
    assert violations == [] and page.csp_messages == [], (name, violations, page.csp_messages)
    assert page.errors == [], (name, page.errors)


def visit(page, path, name):
    response = page.goto(page.base + path)
    assert response.status == 200, (path, response.status)
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    assert_no_violation(page, name)


def test_the_public_site_works_under_the_policy(browser, sample_site):
    page = watched_page(browser)
    page.base = sample_site.url
    article = Article.objects.published().select_related("page__edition__publication").first()
    edition = article.page.edition
    reporter = Reporter.objects.filter(bylines__article__in=Article.objects.published()).first()
    slug = edition.publication.slug
    for path, name in [
        ("/", "home"),
        (f"/{slug}/", "paper"),
        (f"/{slug}/archive/{edition.date:%Y-%m}/", "archive"),
        (edition.get_absolute_url(), "edition"),
        (article.page.get_absolute_url(), "page"),
        (article.get_absolute_url(), "article"),
        (reporter.get_absolute_url(), "reporter"),
        ("/search/?q=热线", "search"),
    ]:
        visit(page, path, f"public-{name}")
    page.goto(page.base + "/")
    page.get_by_role("link", name=edition.publication.name).first.click()  # links still lead on
    assert_no_violation(page, "public-click")


@pytest.fixture
def desk(browser, sample_site):
    UserFactory(username="boss", is_superuser=True, is_staff=True)
    page = watched_page(browser)
    page.base = sample_site.url
    page.goto(page.base + "/admin/")
    page.get_by_label("用户名").fill("boss")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="稿件与版面")).to_be_visible()
    assert_no_violation(page, "desk-login")
    return page


def test_the_desk_pages_open_under_the_policy(desk):
    page = desk
    article = Article.objects.first()
    for path, name in [
        ("/admin/", "index"),
        ("/admin/articles/article/", "article-list"),
        ("/admin/articles/page/", "page-list"),
        ("/admin/articles/edition/", "edition-list"),
        ("/admin/articles/reporter/", "reporter-list"),
        ("/admin/articles/byline/", "byline-list"),
        ("/admin/articles/photo/", "photo-list"),
        ("/admin/articles/dutyassignment/", "duty-list"),
        (f"/admin/articles/page/{article.page.pk}/change/", "page-form"),
        (f"/admin/articles/article/{article.pk}/history/", "history"),
        (f"/admin/articles/article/{article.pk}/preview/", "preview"),
        ("/admin/articles/article/add/", "article-add"),
        ("/admin/articles/reporter/import/", "import"),
        ("/admin/articles/article/export/", "export"),
        ("/admin/articles/page/upload/", "upload"),
        ("/admin/articles/dutyeditor/my-desk/", "my-desk"),
        ("/admin/password_change/", "password"),
    ]:
        visit(desk, path, f"desk-{name}")


def test_the_live_preview_and_autocomplete_work_under_the_policy(desk):
    page = desk
    article = Article.objects.select_related("page__edition__publication").first()
    visit(page, f"/admin/articles/article/{article.pk}/change/", "desk-article-form")

    page.locator("#id_body").fill("开头一段。\n\n## 机收率创新高\n\n第二段。")
    expect(page.locator("#desk-body-preview h2")).to_have_text("机收率创新高")

    # The page field is an autocomplete (select2): open it, type, and a page is offered.
    page.locator("#id_page").locator("xpath=following-sibling::span[contains(@class,'select2')]").first.click()
    page.locator(".select2-search__field").fill(article.page.edition.publication.name)
    # A real result (select2 marks results with aria-selected; "searching…" has none); the two
    # CPU cores are shared, so the answer gets more than playwright's default 5 s.
    expect(page.locator(".select2-results__option", has_text=str(article.page)).first).to_be_visible(timeout=15_000)
    page.keyboard.press("Escape")
    assert_no_violation(page, "desk-preview-autocomplete")


def test_the_list_s_scripts_work_under_the_policy(desk):
    page = desk
    visit(page, "/admin/articles/article/", "desk-list")
    page.locator("#action-toggle").check()
    rows = page.locator("#result_list tbody input.action-select")
    assert rows.count() > 0
    for index in range(rows.count()):
        expect(rows.nth(index)).to_be_checked()
    expect(page.locator(".action-counter")).to_contain_text(str(rows.count()))
    assert_no_violation(page, "desk-list-select-all")


def test_the_export_page_s_select_all_box_works_under_the_policy(desk):
    """django-import-export wires this box with an inline onchange, which the policy refuses;
    desk/export-select-all.js wires it from a file instead."""
    page = desk
    visit(page, "/admin/articles/article/export/", "desk-export")
    fields = page.locator('.selectable-field-export-row input[type="checkbox"]')
    assert fields.count() > 1
    page.locator("input.select-toggle").uncheck()
    assert not any(fields.nth(i).is_checked() for i in range(fields.count()))
    page.locator("input.select-toggle").check()
    assert all(fields.nth(i).is_checked() for i in range(fields.count()))
    assert_no_violation(page, "desk-export-select-all")


def test_the_byline_autocomplete_finds_a_reporter_under_the_policy(desk):
    page = desk
    article = Article.objects.filter(bylines__isnull=False).first()
    reporter = article.bylines.first().reporter
    visit(page, f"/admin/articles/article/{article.pk}/change/", "desk-byline-form")
    page.locator("select[name$='-0-reporter'] + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(reporter.name)
    expect(page.locator(".select2-results__option").filter(has_text=reporter.name).first).to_be_visible(timeout=15_000)
    assert_no_violation(page, "desk-byline-autocomplete")


def test_the_api_and_robots_carry_the_policy(client, db):
    for path in ["/api/articles/", "/robots.txt", "/sitemap.xml"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "default-src 'self'" in response["Content-Security-Policy"], path
