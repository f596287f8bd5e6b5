import os
import tempfile

import pytest

# Playwright's browser for tests/browser/ and tests/e2e/ alike: one Chromium per run, defined once.
pytest_plugins = ["tests.browser.fixtures"]


def pytest_configure(config):
    """On SQLite, the test database lives in a file rather than in memory.

    In memory, Django's live server shares the test's one connection with every request thread, so
    two requests at once from Chromium (the image chooser's previews) fail with an InterfaceError.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        database.setdefault("TEST", {})["NAME"] = os.path.join(
            tempfile.gettempdir(), f"newsroom-test-{os.getpid()}-{worker}.sqlite3"
        )


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    """Tests run without collectstatic; production's hashed-name manifest is not built here."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def admin_form():
    """Read the admin change (or add) form the way a browser would submit it, as a dict of lists."""
    import lxml.html

    def read(client, url):
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        document = lxml.html.fromstring(response.content)
        form = document.get_element_by_id("article_form")
        data = {}
        for name, value in form.form_values():
            data.setdefault(name, []).append(value)
        return data

    return read


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with an empty cache, so no page cached by another test is served."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback (aiosmtpd in a thread), and Django's mailer pointed at it."""
    from tests.smtp import SMTPServer, mailer

    server = SMTPServer().start()
    settings.MAILERS = mailer(server.port)
    yield server
    server.stop()


@pytest.fixture
def deferring_queue(settings):
    """A task backend that can run tasks later (as the database queue does): it keeps them instead."""
    from django.tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    return default_task_backend


# One S3 API server (moto) for the unit and end-to-end tests.
from tests.s3 import s3_server  # noqa: E402, F401
