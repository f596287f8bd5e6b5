"""Security headers, the deploy check for the Content-Security-Policy, and admin login throttling."""

import base64
import hashlib
import re
from pathlib import Path

import django_prose_editor
import pytest
from django.core import checks
from django.utils.csp import CSP

from newsroom.checks import check_content_security_policy
from newsroom.csp import TIPTAP_BASE_STYLE_HASH
from tests.factories import PASSWORD, make_article, make_user


def test_reader_pages_carry_the_security_headers(client, db):
    response = client.get(make_article().get_absolute_url())
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_csp_check_passes_on_the_real_policy():
    assert check_content_security_policy(None) == []


def test_csp_check_fails_without_a_policy(settings):
    settings.SECURE_CSP = {}
    assert [e.id for e in check_content_security_policy(None)] == ["newsroom.E001"]


@pytest.mark.parametrize("directive", ["script-src", "style-src", "default-src"])
def test_csp_check_fails_when_unsafe_inline_is_allowed(settings, directive):
    settings.SECURE_CSP = {**settings.SECURE_CSP, directive: [CSP.SELF, CSP.UNSAFE_INLINE]}
    errors = check_content_security_policy(None)
    assert [e.id for e in errors] == ["newsroom.E003"]
    assert directive in errors[0].msg


def test_csp_check_is_part_of_the_deploy_checks(settings):
    settings.SECURE_CSP = {**settings.SECURE_CSP, "script-src": [CSP.UNSAFE_INLINE]}
    ids = [message.id for message in checks.run_checks(include_deployment_checks=True, tags=["security"])]
    assert "newsroom.E003" in ids
    assert "newsroom.E003" not in [m.id for m in checks.run_checks(tags=["security"])]


def test_the_allowed_editor_style_hash_matches_the_installed_editor():
    """If django-prose-editor changes Tiptap's base stylesheet, update newsroom/csp.py."""
    source = (Path(django_prose_editor.__file__).parent / "static/django_prose_editor/editor.js").read_text()
    hashes = {
        "'sha256-" + base64.b64encode(hashlib.sha256(css.encode()).digest()).decode() + "'"
        for css in re.findall(r"`([^`]*\.ProseMirror \{[^`]*)`", source)
    }
    assert TIPTAP_BASE_STYLE_HASH in hashes


def _login(client, username, password, address):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_guessing_locks_that_username_from_that_address_only(client, db, settings):
    make_user("editor", is_superuser=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = _login(client, "editor", "wrong-guess", "203.0.113.7")
        assert response.status_code in (200, 429)
    # Locked now, even with the right password, from the guessing address...
    locked = _login(client, "editor", PASSWORD, "203.0.113.7")
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # ...while the editor still logs in from anywhere else.
    response = _login(client, "editor", PASSWORD, "198.51.100.20")
    assert response.status_code == 302 and response.url == "/admin/"
    assert client.session["_auth_user_id"]


def test_a_few_mistakes_do_not_lock_anyone_out(client, db, settings):
    make_user("writer1", is_superuser=True)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "writer1", "typo", "203.0.113.8")
    response = _login(client, "writer1", PASSWORD, "203.0.113.8")
    assert response.status_code == 302


def test_behind_a_proxy_the_readers_address_is_the_one_the_proxy_added(rf, settings):
    from newsroom.auth import client_ip

    settings.PROXY_COUNT = 1
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.44", REMOTE_ADDR="10.0.0.1")
    assert client_ip(request) == "192.0.2.44"  # the forged left-most entry is ignored
    settings.PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.1"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "remote", "expected"),
    [
        # nginx reached by Varnish over a unix socket writes "unix:": PROXY_COUNT=2 as make serve sets it...
        (2, "6.6.6.6, 192.0.2.44, unix:", "", "192.0.2.44"),
        # ...and one too low still finds the reader: a unix-socket peer is a local proxy.
        (1, "6.6.6.6, 192.0.2.44, unix:", "", "192.0.2.44"),
        # Not an address where the count lands: never passed on (a 500 at login before).
        (1, "192.0.2.44, garbage", "10.0.0.1", "10.0.0.1"),
        (1, "192.0.2.44, unknown", "", None),
        (0, "", "", None),  # gunicorn on a unix socket, no proxy counted
    ],
)
def test_the_readers_address_is_an_address_or_none(rf, settings, proxies, forwarded, remote, expected):
    from newsroom.auth import client_ip

    settings.PROXY_COUNT = proxies
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)
    assert client_ip(request) == expected


def test_a_wrong_proxy_count_costs_no_login(client, db, settings):
    """PROXY_COUNT=1 behind Varnish and nginx: the failed login is recorded for the reader, no 500."""
    from axes.models import AccessAttempt

    settings.PROXY_COUNT = 1
    make_user("desk2", group="Editors")
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "desk2", "password": "guess"},
        headers={"x-forwarded-for": "192.0.2.45, unix:"},
        REMOTE_ADDR="",
    )
    assert response.status_code == 200
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["192.0.2.45"]
