"""Outages through the real stack: a hung database, a hung Redis, a database stopped and restarted.

The stack reaches PostgreSQL and Redis through TCP proxies (conftest.py): `hang()` keeps
connections open and answers nothing, `refuse()` resets them and refuses new ones, as a stopped
server does, `forward()` restarts. The shared PostgreSQL itself is never stopped: other test runs
use it, and the test process's own connection would go with it. The stack runs with `make serve`'s
default timeouts (connect 3 s, statement 5 s, the check of a kept connection 2 s, the breakers'
pause 5 s), so the bounds below follow from them.
"""

import json
import threading
import time

from tests.e2e.stack import timed
from tests.factories import PASSWORD, make_article, make_user


def warm(stack, article):
    """Cache the article's page and the front page, as readers would."""
    for path in (article.get_absolute_url(), "/"):
        stack.get(path)
        assert stack.get(path).headers["X-Page-Cache"] == "hit"


def test_a_hung_database_leaves_cached_pages_and_answers_the_rest_within_seconds(faults):
    stack = faults
    article = make_article(headline="Ferry timetable changes")
    warm(stack, article)
    faults.database_proxy.hang()

    page, seconds = timed(stack.get, article.get_absolute_url())
    assert page.status == 200 and "Ferry timetable changes" in page.text and seconds < 8
    health, seconds = timed(stack.get, "/healthz")
    assert health.status == 503 and seconds < 8
    for path in ("/archive/", "/search/?q=ferry", article.section.get_absolute_url()):
        response, seconds = timed(stack.get, path)
        assert response.status == 503, path
        assert response.headers["Retry-After"] == "30" and "Back in a moment" in response.text
        assert seconds < 8, (path, seconds)
    ready = stack.get("/readyz")
    assert ready.status == 503 and json.loads(ready.body)["checks"]["database"]["ok"] is False

    faults.database_proxy.forward()
    stack.wait_for(lambda: stack.get("/archive/").status == 200, seconds=15, message="recovery")


def test_a_hung_redis_costs_readers_almost_nothing(faults):
    stack = faults
    article = make_article(headline="Harbour crane arrives")
    stack.get(article.get_absolute_url())
    mark = stack.log_mark()
    faults.redis_proxy.hang()
    durations = []
    for _ in range(30):
        response, seconds = timed(stack.get, article.get_absolute_url())
        assert response.status == 200 and "Harbour crane arrives" in response.text
        durations.append(seconds)
    # Each gunicorn worker pays the socket timeout once per pause of the breaker, not per request.
    assert max(durations) < 2 and sorted(durations)[len(durations) // 2] < 0.2, durations
    ready = json.loads(stack.get("/readyz").body)
    assert ready["status"] == "degraded" and not ready["checks"]["cache"]["ok"]
    lines = [
        line for line in stack.log_lines(since=mark) if "Redis cache unavailable" in line.get("message", "")
    ]
    assert 1 <= len(lines) <= 2  # once per gunicorn worker (two here), not once per request
    assert all(line["level"] == "WARNING" and "exception" not in line for line in lines)


def test_database_stop_and_restart_under_light_load(faults):
    """Light load: a reader searching, an editor in the admin, a cached article, the load balancer."""
    stack = faults
    editor = make_user(group="Editors")
    article = make_article(headline="Bridge reopens")
    # Cached from now on, in Redis, by whichever gunicorn worker answers.
    stack.wait_for(
        lambda: all(
            stack.get(article.get_absolute_url()).headers.get("X-Page-Cache") == "hit" for _ in range(6)
        ),
        message="the article served from the page cache",
    )
    editor_session = stack.session(timeout=10).login(editor.username, PASSWORD)
    mark = stack.log_mark()
    results = []  # (time, what, status, Retry-After)
    stop = threading.Event()

    def load(what, session, path_for):
        n = 0
        while not stop.is_set():
            n += 1
            response = session.get(path_for(n))
            results.append((time.monotonic(), what, response.status, response.headers.get("Retry-After")))
            time.sleep(0.05)

    loads = {
        "search": (stack.session(timeout=10), lambda n: f"/search/?q=bridge{n}"),  # never cached
        "admin": (editor_session, lambda n: "/admin/"),
        "cached": (stack.session(timeout=10), lambda n: article.get_absolute_url()),
        "healthz": (stack.session(timeout=10), lambda n: "/healthz"),
    }
    threads = [threading.Thread(target=load, args=[what, *args]) for what, args in loads.items()]
    for thread in threads:
        thread.start()
    time.sleep(1)
    stopped_at = time.monotonic()
    faults.database_proxy.refuse()
    time.sleep(3)
    restarted_at = time.monotonic()
    faults.database_proxy.forward()
    time.sleep(3)
    stop.set()
    for thread in threads:
        thread.join(15)

    def statuses(start, end, what):
        return {r[2] for r in results if start < r[0] < end and r[1] == what}

    for what in loads:
        assert statuses(0, stopped_at, what) == {200}, what
        # Full recovery within 2 s of the restart.
        assert statuses(restarted_at + 2, float("inf"), what) == {200}, what
    for what in ("search", "admin", "healthz"):
        assert statuses(stopped_at + 0.5, restarted_at, what) == {503}, what
    assert statuses(stopped_at, restarted_at, "cached") == {200}  # the page cache keeps serving
    during = [r for r in results if stopped_at + 0.5 < r[0] < restarted_at and r[1] in ("search", "admin")]
    assert during and all(r[3] == "30" for r in during)
    first_health_503 = min(r[0] for r in results if r[1] == "healthz" and r[2] == 503)
    assert first_health_503 - stopped_at < 1  # /healthz says so at once
    assert not [line for line in stack.log_lines(since=mark) if "Traceback" in json.dumps(line)]
