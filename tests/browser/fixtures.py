"""Playwright fixtures (`browser`, `page`, `no_js_page`): one headless Chromium for the whole run.

Loaded by tests/conftest.py as a plugin, so the browser tests and the end-to-end tests share the
one session-wide browser (Playwright's sync API cannot run two at once in a process).

Chromium comes from Debian (`apt-get install chromium`), not from Playwright's own download.
Without it the browser tests are skipped, unless BROWSER_TESTS=required (as in CI), when a
missing browser fails the run instead.
"""

import os
import shutil

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
]


def _chromium_path():
    for candidate in (os.environ.get("CHROMIUM_PATH"), "chromium", "chromium-browser"):
        if candidate and (path := shutil.which(candidate)):
            return path
    return None


@pytest.fixture(scope="session")
def browser():
    path = _chromium_path()
    if path is None:
        message = "Chromium is not installed (apt-get install chromium)"
        if os.environ.get("BROWSER_TESTS") == "required":
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls in the
    # tests happen outside it, so the async-safety guard does not apply here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
