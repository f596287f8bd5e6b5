"""Health and readiness: what a load balancer asks (/healthz) and what an operator reads (/readyz).

- `/healthz`: 200 "ok" when this instance reaches its database, 503 when it does not. The load
  balancer's check: an instance without its database can serve no uncached page.
- `/readyz`: JSON saying what is up and what is down: the database, the cache and the task queue
  (how long the oldest waiting task has waited, which tells whether a worker is taking them).
  503 only when something essential is down (the database); a cache or queue problem makes it
  "degraded" with 200, since readers are still served.

Both are answered by HealthCheckMiddleware, first in the chain: never from the page cache or any
other cache (`Cache-Control: no-store` for proxies and CDNs too), never redirected to HTTPS, and
whatever Host header the checker sends. Each check has a deadline (newsroom/postgresql/base.py,
newsroom/cache.py), and a dependency known to be down is reported at once, so both answer within
a few seconds even while a dependency hangs.
"""

import json
import re
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.utils import timezone

DB_TASKS_BACKEND = "django_tasks_db.DatabaseBackend"
# The oldest ready task may wait this long before the queue counts as stalled (no worker taking it).
TASK_QUEUE_STALL = timedelta(minutes=2)


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response


# Addresses, ports and quoted names in driver messages: internal topology, not for the public.
_INTERNAL = re.compile(r'"[^"]*"|\S+:\d+|\b\d{1,3}(?:\.\d{1,3}){3}\b|\[[0-9a-fA-F:]+\]|port \d+|\S+@\S+')


def _public(error):
    """An error as /readyz shows it: what went wrong, without hosts or addresses (the log has them)."""
    text = " ".join(str(error).split()) or error.__class__.__name__
    return _INTERNAL.sub("…", text)[:200]


def _timed(check):
    started = time.perf_counter()
    try:
        result = check()
    except Exception as error:  # a health check reports every failure instead of raising it
        result = {"ok": False, "error": f"{error.__class__.__name__}: {_public(error)}"}
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def database_check():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return {"ok": False, "error": _public(error)}
    return {"ok": True}


def cache_check():
    backend = settings.CACHES["default"]["BACKEND"]
    breaker = getattr(cache, "breaker", None)
    if breaker is not None and breaker.is_open():
        status = breaker.status()
        return {"ok": False, "backend": backend, "skipped": True, **status, "error": _public(status["error"])}
    key, value = f"readyz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    found = cache.get(key)
    cache.delete(key)
    if found != value:
        status = (breaker.status() if breaker is not None else None) or {
            "error": "a value written was not read back"
        }
        return {"ok": False, "backend": backend, **status, "error": _public(status["error"])}
    return {"ok": True, "backend": backend}


def task_queue_check():
    backend = settings.TASKS["default"]["BACKEND"]
    if backend != DB_TASKS_BACKEND:
        return {"ok": True, "backend": backend, "note": "tasks run in the request that queues them"}
    from django.db.models import Count, Min
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.ready().aggregate(ready=Count("pk"), oldest=Min("enqueued_at"))
    running = DBTaskResult.objects.running().count()
    age = (timezone.now() - waiting["oldest"]).total_seconds() if waiting["oldest"] else 0.0
    result = {
        "backend": backend,
        "ready": waiting["ready"],
        "running": running,
        "oldest_ready_seconds": round(age, 1),
    }
    result["ok"] = age < TASK_QUEUE_STALL.total_seconds()
    if not result["ok"]:
        result["error"] = "tasks wait longer than they should: is a worker (manage.py db_worker) running?"
    return result


def healthz(request):
    """200 when the database answers, 503 when it does not."""
    database = _timed(database_check)
    if not database["ok"]:
        return _no_store(HttpResponse("database unavailable\n", status=503, content_type="text/plain"))
    return _no_store(HttpResponse("ok\n", content_type="text/plain"))


def readyz(request):
    """What is up and what is down, as JSON; 503 when the database is down."""
    checks = {"database": _timed(database_check)}
    # The queue lives in the database: asking it while the database is down would only wait again.
    checks["task_queue"] = (
        _timed(task_queue_check) if checks["database"]["ok"] else {"ok": False, "error": "database down"}
    )
    checks["cache"] = _timed(cache_check)
    status = "ok" if all(check["ok"] for check in checks.values()) else "degraded"
    if not checks["database"]["ok"]:
        status = "down"
    body = json.dumps({"status": status, "checks": checks}, indent=2) + "\n"
    response = HttpResponse(body, status=503 if status == "down" else 200, content_type="application/json")
    return _no_store(response)


class HealthCheckMiddleware:
    """Answer /healthz and /readyz before any other middleware can cache, redirect or refuse them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = VIEWS.get(request.path_info)
        if view is not None and request.method in ("GET", "HEAD"):
            return view(request)
        return self.get_response(request)


# The addresses load balancers and monitoring know (newsroom/urls.py names them for reverse()).
VIEWS = {"/healthz": healthz, "/readyz": readyz}
