"""End-to-end tests: the production stack (tests/e2e/stack.py) driven over HTTP and in Chromium.

They run on PostgreSQL only: skipped elsewhere, required when E2E_TESTS=required (as in CI),
where a missing nginx or Redis fails the run instead. Every test commits its data (a
transactional database) so the servers see it; the stack's cache is emptied before each test.

The stack reaches PostgreSQL and Redis through TCP proxies on loopback (tests/e2e/proxy.py). They
forward every byte, so the stack is `make serve`'s configuration as it is; the `faults` fixture
lets a test hang or stop either dependency, and heals both afterwards. The one setting that differs:
the summary assistant asks an OpenAI-compatible endpoint (a fake one on loopback,
tests/e2e/fake_model.py, 1 s per try and one retry) instead of the built-in summarizer, so the
tests can make the model slow without restarting the stack (`fake_model` fixture).
"""

import json
import os
import shutil
import time
import urllib.parse

import pytest
import redis
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

from tests.e2e.fake_model import FakeModel
from tests.e2e.proxy import TcpProxy
from tests.e2e.stack import Stack, database_url
from tests.smtp import SMTPServer

# The circuit breakers' pause under `make serve`'s defaults (DATABASE_RETRY_SECONDS, REDIS_RETRY_SECONDS).
BREAKER_SECONDS = 5


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.path):
            item.add_marker(pytest.mark.e2e)
            # Committed data; sequences restart with every flush, so the content types the servers
            # have cached keep their ids from one test to the next.
            item.add_marker(pytest.mark.django_db(transaction=True, reset_sequences=True))


@pytest.fixture(autouse=True)
def _fast_passwords():
    """The servers verify passwords with the production hashers, so the factories must use them too."""


def _content_types():
    return list(ContentType.objects.order_by("pk").values_list("pk", "app_label", "model"))


def _canonical_database():
    """Empty the database with sequences restarted: content types get the same ids every time."""
    call_command("flush", interactive=False, verbosity=0)
    return _content_types()


def _unavailable(reason):
    if os.environ.get("E2E_TESTS") == "required":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def stack(django_db_setup, django_db_blocker, tmp_path_factory, worker_id):
    if connection.vendor != "postgresql":
        _unavailable("the end-to-end suite runs on PostgreSQL (set DATABASE_URL)")
    if shutil.which("nginx") is None and shutil.which("/usr/sbin/nginx") is None:
        _unavailable("nginx is not installed (apt-get install nginx)")
    number = 0 if worker_id == "master" else int(worker_id.removeprefix("gw"))
    redis_url = os.environ.get("REDIS_E2E_URL", f"redis://127.0.0.1:6379/{12 - number}")
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        _unavailable(f"Redis does not answer at {redis_url}")
    with django_db_blocker.unblock():
        content_types = _canonical_database()
    settings_dict = connection.settings_dict
    database = TcpProxy(settings_dict["HOST"] or "127.0.0.1", settings_dict["PORT"] or 5432).start()
    parts = urllib.parse.urlsplit(redis_url)
    cache = TcpProxy(parts.hostname, parts.port or 6379).start()
    model = FakeModel().start()
    stack = Stack(
        database_url=database_url({**settings_dict, "HOST": "127.0.0.1", "PORT": database.port}),
        redis_url=cache.url("redis", parts.path),
        work_dir=tmp_path_factory.mktemp("stack"),
        env=model.settings(timeout=1, retries=1),
    )
    stack.database_proxy, stack.redis_proxy, stack.model = database, cache, model
    stack.content_types = content_types
    # The stack's mail goes to a real SMTP server on loopback that the tests read (stack.smtp).
    stack.smtp = SMTPServer().start()
    stack.env |= {
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(stack.smtp.port),
        "EMAIL_TIMEOUT": "5",
        "SITE_URL": stack.url,
        "NOTIFICATION_EMAIL_RETRY_SECONDS": "1",
    }
    stack.start()
    yield stack
    stack.stop()
    stack.smtp.stop()
    database.stop()
    cache.stop()
    model.stop()


@pytest.fixture
def faults(stack):
    """The stack, whose database and Redis the test may hang or stop; both are healthy again after."""
    yield stack
    stack.database_proxy.forward()
    stack.redis_proxy.forward()
    # Every gunicorn worker's circuit breakers close once their pause is over, the database's and
    # Redis's alike: a worker still skipping Redis would not serve cached pages in the next test,
    # one still skipping the database would answer 503. Nothing trips them once the proxies
    # forward, but a worker the checks below never reach could still be inside its last pause.
    time.sleep(BREAKER_SECONDS + 0.5)
    stack.wait_for(lambda: all(_healthy(stack) for _ in range(8)), seconds=30)


def _healthy(stack):
    response = stack.get("/readyz")
    if response.status != 200:
        return False
    checks = json.loads(response.body)["checks"]
    return checks["database"]["ok"] and checks["cache"]["ok"]


@pytest.fixture
def fake_model(stack):
    """The stack's model endpoint, answering at once again after each test."""
    model = stack.model
    model.requests = 0
    yield model
    model.delay, model.trickle = 0.0, False
    model.started.clear()


@pytest.fixture(autouse=True)
def _fresh_stack(stack):
    # Another test of the session may have flushed without restarting sequences: the servers
    # would then hold content type ids that no longer exist.
    if _content_types() != stack.content_types:
        _canonical_database()
    stack.flush_cache()
    stack.smtp.clear()
