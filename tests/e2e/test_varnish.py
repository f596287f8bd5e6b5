"""The HTTP cache tier (issue 13): a real varnishd (deploy/varnish/newsroom.vcl) in front of the stack.

The module restarts the session's stack as `make serve` runs it with VARNISH=1: varnishd on the
stack's address, nginx on a unix socket behind it, the app purging Varnish by tag. Editors act
through the admin over HTTP, so the purges are the app's own, sent by gunicorn after commit.
Every test starts with an empty Varnish (a ban on everything, through varnishadm).

X-Cache (set by the VCL) says HIT, STALE, MISS or PASS.
"""

import http.client
import shutil
import socket
import subprocess
import time
from datetime import timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.e2e.conftest import _unavailable
from tests.e2e.stack import Response
from tests.factories import PASSWORD, make_article, make_author, make_user


@pytest.fixture(scope="module")
def varnish_stack(stack):
    if shutil.which("varnishd") is None and not Path("/usr/sbin/varnishd").exists():
        _unavailable("varnishd is not installed (apt-get install varnish varnish-modules)")
    # A hard purge's repeat (pagecache/purgers.py) would land in a later test, whose articles reuse
    # the same primary keys: off here; tests/test_purgers.py checks it.
    stack.start(env={"VARNISH": "1", "PURGE_REPEAT_HARD_AFTER": "0"})
    yield stack
    # The plain stack again, for the modules after this one.
    stack.env.pop("PURGE_REPEAT_HARD_AFTER")
    stack.start(env={"VARNISH": ""})


@pytest.fixture
def cdn(varnish_stack):
    """The stack behind Varnish, with nothing in Varnish."""
    work_dir = Path(varnish_stack.env["RUN_DIR"]) / "varnish"
    admin = shutil.which("varnishadm") or "/usr/bin/varnishadm"
    subprocess.run([admin, "-n", str(work_dir), "ban", "req.url ~ ."], check=True, capture_output=True)
    return varnish_stack


def backend_get(stack, path):
    """GET from nginx itself, behind Varnish (its unix socket), to see what the app answers."""
    connection = http.client.HTTPConnection("127.0.0.1", timeout=15)
    connection.sock = socket.socket(socket.AF_UNIX)
    connection.sock.connect(str(Path(stack.env["RUN_DIR"]) / "nginx.sock"))
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        raw = connection.getresponse()
        return Response(raw.status, raw.headers, raw.read())
    finally:
        connection.close()


def send(stack, method, path, *, headers=None, body=None, source="127.0.0.1"):
    """A request to Varnish from a chosen loopback address."""
    connection = http.client.HTTPConnection(stack.host, stack.port, timeout=15, source_address=(source, 0))
    try:
        connection.request(method, path, body=body, headers=headers or {})
        raw = connection.getresponse()
        return Response(raw.status, raw.headers, raw.read())
    finally:
        connection.close()


def warm(stack, path):
    """Ask until Varnish serves `path` from its cache; the cached response."""
    for _ in range(3):
        response = stack.get(path)
        if response.headers["X-Cache"] == "HIT":
            return response
    raise AssertionError(f"{path} is not cached: {response.status} {response.headers['X-Cache']}")


def until(condition, *, seconds):
    """Poll `condition()` every 20 ms; the seconds it took to hold, or fail after `seconds`."""
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > seconds:
            raise AssertionError(f"not within {seconds} s")
        time.sleep(0.02)
    return time.monotonic() - started


def bulk_action(session, action, article):
    response = session.post(
        reverse("admin:articles_article_changelist"),
        {"action": action, "_selected_action": [article.pk], "index": "0"},
    )
    assert response.status == 302, response.text[:1000]


@pytest.fixture
def editor(cdn):
    user = make_user(group="Editors")
    return cdn.session().login(user.username, PASSWORD)


def test_a_publish_is_visible_through_varnish_within_a_second(cdn, editor):
    make_article(headline="Ferry timetable changes")
    story = make_article(headline="Harbour bridge opens", status=Article.Status.IN_REVIEW, publish_at=None)
    warm(cdn, "/")
    # A 404 is never kept: it would hide the story for its lifetime, and nothing could purge it.
    for _ in range(2):
        missing = cdn.get(story.get_absolute_url())
        assert missing.status == 404 and missing.headers["X-Cache"] == "PASS"

    bulk_action(editor, "publish_selected", story)

    def visible():
        return cdn.get(story.get_absolute_url()).status == 200 and "Harbour bridge opens" in cdn.get("/").text

    assert until(visible, seconds=1) <= 1
    assert warm(cdn, story.get_absolute_url()).status == 200  # and cached again


def test_an_unpublished_article_is_gone_through_varnish_when_the_click_returns(cdn, editor):
    story = make_article(headline="Mayor resigns over harbour contract")
    assert warm(cdn, story.get_absolute_url()).status == 200
    assert "Mayor resigns" in warm(cdn, "/").text

    bulk_action(editor, "unpublish_selected", story)
    # A hard purge: not even the first reader after the click gets the old page.
    gone = cdn.get(story.get_absolute_url())
    assert gone.status == 404, gone.headers["X-Cache"]
    front = cdn.get("/")
    assert "Mayor resigns" not in front.text, front.headers["X-Cache"]


def test_a_scheduled_article_appears_through_varnish_to_the_second(cdn):
    make_article(headline="Ferry timetable changes")
    at = timezone.now() + timedelta(seconds=4)
    make_article(headline="Election results embargoed", publish_at=at)
    front = warm(cdn, "/")
    assert "Election results" not in front.text
    assert "stale-while-revalidate=0" in front.headers["Cache-Control"]  # no grace past the publication
    time.sleep((at - timezone.now()).total_seconds() + 0.05)
    front = cdn.get("/")
    assert "Election results embargoed" in front.text, front.headers["X-Cache"]


def test_a_draft_save_purges_nothing(cdn):
    writer = make_user(group="Writers")
    author = make_author(name="Wendy Writer", user=writer)
    story = make_article(headline="Lighthouse keeper retires")
    draft = make_article(headline="Untitled", status=Article.Status.DRAFT, authors=[author])
    warm(cdn, story.get_absolute_url())
    warm(cdn, "/")

    session = cdn.session().login(writer.username, PASSWORD)
    change_url = reverse("admin:articles_article_change", args=[draft.pk])
    data = session.form(change_url, "article_form") | {"headline": ["Tram line extended"], "_continue": ["1"]}
    assert session.post(change_url, data).status == 302
    draft.refresh_from_db()
    assert draft.headline == "Tram line extended" and draft.status == Article.Status.DRAFT

    for path in (story.get_absolute_url(), "/"):
        response = cdn.get(path)
        assert response.headers["X-Cache"] == "HIT", f"{path} was purged by a draft save"
        assert "Tram line extended" not in response.text


def test_a_logged_in_editor_is_never_served_a_cached_page(cdn, editor):
    story = make_article(headline="Storm closes the coast road")
    warm(cdn, "/")
    warm(cdn, story.get_absolute_url())
    for path in ("/", story.get_absolute_url(), "/?utm_source=newsletter", f"/preview/{story.pk}/"):
        response = editor.get(path)
        assert response.status == 200, path
        assert response.headers["X-Cache"] == "PASS", path
        assert "private" in response.headers["Cache-Control"], path
    # What the editor was answered was not stored for readers either.
    reader = cdn.get("/")
    assert reader.headers["X-Cache"] == "HIT" and "public" in reader.headers["Cache-Control"]
    # Never cached, whoever asks: the admin, previews, share links.
    for path in ("/admin/login/", f"/preview/{story.pk}/", "/share/not-a-token/"):
        assert cdn.get(path).headers["X-Cache"] == "PASS", path
        assert cdn.get(path).headers["X-Cache"] == "PASS", path


def test_purges_are_accepted_from_the_app_servers_only(cdn):
    make_article(headline="Council approves the budget")
    tags = backend_get(cdn, "/").headers["xkey"]
    assert tags, "the app tags what it lets Varnish keep"
    front = warm(cdn, "/")
    for header in ("xkey", "Surrogate-Key", "Cache-Tag"):
        assert header not in front.headers, f"{header} reached a reader"

    # 127.0.0.2 is loopback but not in the VCL's `purgers` ACL (deploy/serve.py allows 127.0.0.1).
    refused = send(cdn, "PURGE", "/", headers={"xkey-purge": tags}, source="127.0.0.2")
    assert refused.status == 403
    assert send(cdn, "BAN", "/", headers={"xkey-purge": tags}).status == 405
    assert cdn.get("/").headers["X-Cache"] == "HIT"

    accepted = send(cdn, "PURGE", "/", headers={"xkey-purge": tags})
    assert accepted.status == 200, accepted.text
    assert cdn.get("/").headers["X-Cache"] == "MISS"


def test_tracking_parameters_and_reader_cookies_do_not_split_the_cache(cdn):
    first = warm(cdn, "/search/?q=harbour&utm_source=newsletter&utm_medium=email")
    for path in (
        "/search/?utm_campaign=spring&q=harbour&fbclid=IwAR0abc",
        "/search/?gclid=Cj0K&q=harbour&yclid=1&msclkid=2&mc_cid=3&mc_eid=4&_ga=5&igshid=6",
        "/search/?q=harbour",
    ):
        response = cdn.get(path)
        assert response.headers["X-Cache"] == "HIT", path
        assert response.body == first.body
    # A parameter the page reads still counts.
    assert cdn.get("/search/?q=festival").headers["X-Cache"] != "HIT"
    # The order of the parameters does not count either.
    warm(cdn, "/search/?q=harbour&section=city")
    assert cdn.get("/search/?section=city&q=harbour").headers["X-Cache"] == "HIT"
    # Analytics and consent cookies (and the CSRF cookie) leave a reader anonymous; the session does not.
    cookies = {"Cookie": "_ga=GA1.1.123; cookie_consent=yes; csrftoken=abc"}
    assert cdn.get("/search/?q=harbour", headers=cookies).headers["X-Cache"] == "HIT"
    session = {"Cookie": "_ga=GA1.1.123; sessionid=whatever"}
    assert cdn.get("/search/?q=harbour", headers=session).headers["X-Cache"] == "PASS"


def test_login_throttling_sees_the_readers_address_through_varnish(cdn):
    """Varnish and nginx each add to X-Forwarded-For: `make serve` counts two proxies (PROXY_COUNT=2)."""
    from axes.models import AccessAttempt

    make_user("desk", group="Editors")
    form = send(cdn, "GET", "/admin/login/", source="127.0.0.2")
    token = SimpleCookie(form.headers["Set-Cookie"])["csrftoken"].value
    fields = {"csrfmiddlewaretoken": token, "username": "desk", "password": "guess", "next": "/admin/"}
    headers = {
        "Cookie": f"csrftoken={token}",
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Forwarded-For": "203.0.113.99",  # a client's own entry is not believed
    }
    failed = send(cdn, "POST", "/admin/login/", headers=headers, body=urlencode(fields), source="127.0.0.2")
    assert failed.status == 200 and failed.headers["X-Cache"] == "PASS"
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.2"}
