"""Real-browser tests: Debian's headless Chromium driven by Playwright, against pytest-django's live server.

Chromium comes from the system (`apt-get install chromium fonts-noto-cjk`; .ci/run installs it);
Playwright never downloads a browser. Without Chromium these tests are skipped on a developer's
machine and fail in CI. Screenshots land in test-artifacts/screenshots/.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make beside it
# are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True, scope="session")
def live_server_closes_its_connections():
    """Each request of the live server closes its database connection when it ends.

    Chromium keeps its connections to the live server open between pages, so the server's request
    threads live on; with persistent connections (CONN_MAX_AGE) each of them would hold a PostgreSQL
    connection to the end of the run, and a run of many browser tests exhausts the server's
    max_connections ("too many clients already")."""
    from django.db import connections

    settings_dict = connections.settings["default"]
    kept = settings_dict.get("CONN_MAX_AGE", 0)
    settings_dict["CONN_MAX_AGE"] = 0
    yield
    settings_dict["CONN_MAX_AGE"] = kept


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}: .ci/run should have installed it")
        pytest.skip("Chromium is not installed (apt-get install chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def sample_site(live_server):
    """The live server with the sample editions loaded, as `make run` serves them."""
    call_command("loaddata", str(Path(settings.BASE_DIR) / "fixtures" / "sample.json"), verbosity=0)
    return live_server


def open_page(browser, viewport=DESKTOP, **options):
    """A fresh tab that records console errors and uncaught exceptions in `page.errors`; `options`
    go to the browser context (``has_touch=True, is_mobile=True`` for a phone)."""
    context = browser.new_context(viewport=viewport, locale="zh-CN", **options)
    page = context.new_page()
    page.errors = []
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    return page


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
