"""Playwright fixtures (`browser`, `page`, `no_js_page`): one headless Chromium for the whole run.

Loaded by tests/conftest.py as a plugin, so the browser tests and the end-to-end tests share the
one session-wide browser (Playwright's sync API cannot run two at once in a process).

Chromium comes from Debian (`apt-get install chromium`), not from Playwright's own download.
Without it the browser tests are skipped, unless BROWSER_TESTS=required (as in CI), when a
missing browser fails the run instead.
"""

import os
import shutil
import threading
import time

import pytest
from django.core.signals import request_finished, request_started

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
    since = time.monotonic()
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
    _wait_until_quiet(since)


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


class _InFlight:
    """The requests the live server is answering now, by thread, with when each began (Django's
    request signals)."""

    def __init__(self):
        self.started_at = {}
        self.lock = threading.Lock()

    def started(self, **kwargs):
        with self.lock:
            self.started_at[threading.get_ident()] = time.monotonic()

    def finished(self, **kwargs):
        with self.lock:
            self.started_at.pop(threading.get_ident(), None)

    def since(self, moment):
        with self.lock:
            return sum(1 for began in self.started_at.values() if began >= moment)


_in_flight = _InFlight()
request_started.connect(_in_flight.started, dispatch_uid="tests.browser.in_flight.started")
request_finished.connect(_in_flight.finished, dispatch_uid="tests.browser.in_flight.finished")


def _wait_until_quiet(since):
    """Wait until the live server answers no request this test started, so the database can be emptied.

    Pages that keep talking (the change form's heartbeat, autosave, the beacon sent on leaving) can
    still reach the server as their browser context closes; emptying the database under such a
    request deadlocks on PostgreSQL and is refused by SQLite's shared in-memory test database.
    A request an earlier test left unanswered (a client gone mid-request) is not waited for: with
    one global count such a request made every later test wait the whole 5 s.
    """
    time.sleep(0.3)  # a beacon sent on closing is on its way
    deadline = time.monotonic() + 5
    while _in_flight.since(since) > 0 and time.monotonic() < deadline:
        time.sleep(0.05)


@pytest.fixture
def quiet_at_the_end(live_server):
    """For tests that open their own browser contexts: after the test, wait for the server to be quiet."""
    since = time.monotonic()
    yield
    _wait_until_quiet(since)
