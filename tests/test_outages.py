"""A hung or stopped dependency costs a bounded wait, once, and one log line (issue 11).

Redis and PostgreSQL are real servers here, reached through tests/e2e/proxy.py's TcpProxy, which
stops answering (hang) or stops listening (refuse) when told to. The end-to-end versions, through
nginx and gunicorn, are in tests/e2e/test_outages.py.
"""

import io
import logging
import os
import time
import uuid

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection
from django.db.utils import ConnectionHandler

from newsroom.postgresql import base as postgresql
from tests.e2e.proxy import TcpProxy
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def stdout_log():
    """What the configured JSON log handler writes (its filters and formatter included)."""
    handler = next(h for h in logging.getLogger().handlers if h.name == "stdout")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


# Redis --------------------------------------------------------------------------------------------


@pytest.fixture
def redis_proxy(settings):
    url = os.environ.get("REDIS_TEST_URL")
    if not url:
        pytest.skip("REDIS_TEST_URL is not set")
    host_port, _, db = url.removeprefix("redis://").partition("/")
    host, _, port = host_port.partition(":")
    proxy = TcpProxy(host, port or 6379).start()
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{proxy.port}/{db or 0}",
            "KEY_PREFIX": f"test-{uuid.uuid4()}",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2, "RETRY_SECONDS": 1},
        }
    }
    yield proxy
    proxy.stop()


def timed(function, *args):
    started = time.monotonic()
    result = function(*args)
    return result, time.monotonic() - started


def test_a_hung_redis_costs_one_timeout_then_is_skipped(redis_proxy, stdout_log, client):
    cache.set("greeting", "hello")
    redis_proxy.hang()
    value, first = timed(cache.get, "greeting")
    assert value is None and first < 1.0
    for _ in range(20):
        value, later = timed(cache.get, "greeting")
        assert value is None and later < 0.01  # skipped, no timeout paid
    make_article(headline="Readers still get pages")
    response, seconds = timed(client.get, "/")
    assert response.status_code == 200 and seconds < 1.0
    lines = [line for line in stdout_log.getvalue().splitlines() if "Redis cache" in line]
    assert len(lines) == 1, lines
    assert '"level": "WARNING"' in lines[0] and "Traceback" not in stdout_log.getvalue()


def test_a_long_redis_outage_is_logged_once(redis_proxy, stdout_log, client):
    """Requests keep coming through several pauses of the breaker: one warning, no false recovery."""
    make_article()
    redis_proxy.hang()
    deadline = time.monotonic() + 3.5  # the breaker's pause is 1 s here
    while time.monotonic() < deadline:
        assert client.get("/").status_code == 200
        time.sleep(0.1)
    log = stdout_log.getvalue()
    assert log.count("Redis cache unavailable") == 1
    assert "answering again" not in log


def test_the_cache_comes_back_after_the_pause_and_catches_up_on_deletions(redis_proxy, stdout_log):
    cache.set("content-state", "old generation")
    redis_proxy.hang()
    cache.get("anything")  # trips the breaker
    cache.delete("content-state")  # a content change while Redis is away
    redis_proxy.forward()
    time.sleep(1.1)
    cache.set("probe", 1)
    assert cache.get("probe") == 1
    assert cache.get("content-state") is None  # the deletion was carried out on recovery
    assert "answering again" in stdout_log.getvalue()


@pytest.mark.django_db(transaction=True)
def test_an_edit_while_redis_is_away_reaches_readers_when_it_answers(redis_proxy, client):
    """Issue 13: the purge's deletion of tag versions is replayed; no page cached before is served."""
    story = make_article(headline="Harbour story")
    client.get(story.get_absolute_url())
    assert client.get(story.get_absolute_url()).headers["X-Page-Cache"] == "hit"
    redis_proxy.hang()
    cache.get("anything")  # trips the breaker
    story.headline = "Harbour story, corrected"
    story.save()
    redis_proxy.forward()
    time.sleep(1.1)
    cache.set("probe", 1)  # Redis answers: the remembered deletions are carried out
    response = client.get(story.get_absolute_url())
    assert response.headers["X-Page-Cache"] == "miss" and "Harbour story, corrected" in response.text


def test_a_stopped_redis_is_skipped_without_tracebacks(redis_proxy, stdout_log, client):
    redis_proxy.refuse()
    for _ in range(5):
        assert client.get("/healthz").status_code == 200
        cache.get("x")
    assert stdout_log.getvalue().count("Redis cache unavailable") == 1
    assert "Traceback" not in stdout_log.getvalue()


# PostgreSQL ---------------------------------------------------------------------------------------


@pytest.fixture
def proxied_database(transactional_db):
    """A second connection to the test database, through a proxy the test can hang."""
    if connection.vendor != "postgresql":
        pytest.skip("the deadlines are PostgreSQL's (SQLite is a file, nothing to hang)")
    proxy = TcpProxy(
        connection.settings_dict["HOST"] or "127.0.0.1", connection.settings_dict["PORT"] or 5432
    )
    proxy.start()
    settings_dict = {
        **connection.settings_dict,
        "HOST": "127.0.0.1",
        "PORT": str(proxy.port),
        "CONN_MAX_AGE": 60,
        "OPTIONS": {**connection.settings_dict["OPTIONS"], "connect_timeout": 2, "answer_timeout": 1.5},
    }
    handler = ConnectionHandler({"default": settings_dict})
    database = handler["default"]
    yield proxy, database
    database.close()
    proxy.stop()
    postgresql.breaker.succeeded()  # the breaker is per process: leave it closed for other tests


def test_a_hung_database_answers_an_error_within_the_deadline_then_fails_fast(proxied_database, stdout_log):
    proxy, database = proxied_database
    with database.cursor() as cursor:
        cursor.execute("SELECT 1")
    proxy.hang()
    started = time.monotonic()
    with pytest.raises(OperationalError, match=r"did not answer within 1\.5 s"), database.cursor() as cursor:
        cursor.execute("SELECT 1")
    assert 1.4 < time.monotonic() - started < 3
    started = time.monotonic()
    with pytest.raises(OperationalError, match="skipped"):
        database.close()
        database.ensure_connection()
    assert time.monotonic() - started < 0.1  # the breaker: no second wait
    assert stdout_log.getvalue().count("PostgreSQL unavailable") == 1


def test_connecting_to_a_hung_database_gives_up_after_the_connect_timeout(proxied_database):
    proxy, database = proxied_database
    proxy.hang()
    started = time.monotonic()
    with pytest.raises(OperationalError):
        database.ensure_connection()
    assert 1.9 < time.monotonic() - started < 3.5


def test_a_stopped_database_fails_at_once_and_a_restart_is_used_at_once(proxied_database):
    proxy, database = proxied_database
    database.ensure_connection()
    proxy.refuse()
    started = time.monotonic()
    with pytest.raises(OperationalError):
        database.close()
        database.ensure_connection()
    assert time.monotonic() - started < 0.5
    assert not postgresql.breaker.is_open()  # refused is not hung: nothing to skip
    proxy.forward()
    database.ensure_connection()
    with database.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_statement_timeout_and_the_other_deadlines_come_from_the_settings():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL settings")
    options = connection.settings_dict["OPTIONS"]
    assert options["connect_timeout"] == 3
    assert "-c statement_timeout=5000" in options["options"]
    assert "-c idle_in_transaction_session_timeout=30000" in options["options"]
    assert options["answer_timeout"] > 5
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone() == ("5s",)
