"""/healthz and /readyz: never cached, never redirected, honest about what is down (issue 11)."""

import json

import pytest
from django.core.cache import cache

from newsroom import health
from tests.factories import make_article
from tests.test_production import database_down  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_and_forbids_every_cache(client):
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok\n")
    assert response["Cache-Control"] == "no-store"
    assert "X-Page-Cache" not in response


def test_healthz_is_never_served_from_the_page_cache(client, settings):
    """It used to be cached like a page: 200 "ok" for up to ten minutes of a database outage."""
    make_article()
    for _ in range(3):
        assert "X-Page-Cache" not in client.get("/healthz")
    assert not [key for key in getattr(cache, "_cache", {}) if "healthz" in str(key)]


def test_healthz_answers_503_at_once_when_the_database_goes(client, database_down):  # noqa: F811
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response["Cache-Control"] == "no-store"


def test_health_checks_answer_any_host_and_plain_http(client, settings):
    """A load balancer checks by address, over HTTP: no 400 for its Host, no redirect to HTTPS."""
    settings.SECURE_SSL_REDIRECT = True
    for path in ("/healthz", "/readyz"):
        assert client.get(path, HTTP_HOST="10.0.0.7:8000").status_code == 200
    assert client.get("/", HTTP_HOST="10.0.0.7:8000").status_code == 400


def test_readyz_reports_each_dependency_as_json(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    report = json.loads(response.content)
    assert report["status"] == "ok"
    assert set(report["checks"]) == {"database", "cache", "task_queue"}
    assert all(check["ok"] and check["ms"] >= 0 for check in report["checks"].values())


def test_readyz_is_503_and_says_so_when_the_database_is_down(client, database_down):  # noqa: F811
    response = client.get("/readyz")
    assert response.status_code == 503
    report = json.loads(response.content)
    assert report["status"] == "down"
    error = report["checks"]["database"]["error"]
    assert not report["checks"]["database"]["ok"] and error
    assert "127.0.0.1" not in error and "port 1" not in error  # no internal addresses for the public
    assert report["checks"]["cache"]["ok"]


def test_readyz_is_degraded_not_down_when_the_cache_is_unreachable(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2, "RETRY_SECONDS": 30},
        }
    }
    response = client.get("/readyz")
    assert response.status_code == 200
    report = json.loads(response.content)
    assert report["status"] == "degraded"
    assert not report["checks"]["cache"]["ok"]
    assert "ConnectionError" in report["checks"]["cache"]["error"]


def test_readyz_counts_a_queue_nobody_takes_tasks_from_as_stalled(settings, time_machine):
    from datetime import timedelta

    from django.utils import timezone

    from assistant.tasks import suggest_summary

    settings.TASKS = {"default": {"BACKEND": health.DB_TASKS_BACKEND}}
    time_machine.move_to(timezone.now() - timedelta(minutes=5), tick=False)
    suggest_summary.using(backend="default").enqueue(0)
    time_machine.move_to(timezone.now() + timedelta(minutes=5), tick=False)
    check = health.task_queue_check()
    assert check["ready"] == 1 and check["oldest_ready_seconds"] >= 299
    assert not check["ok"] and "db_worker" in check["error"]
