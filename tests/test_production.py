"""The production configuration: deploy check, database outages, structured logs, gunicorn."""

import json
import logging
import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, close_old_connections, connection

from newsroom.logging import JSONFormatter
from tests.factories import make_article, make_image

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "SECRET_KEY": "k3y-" + "x7Qm9Lp2Vr8Zt4Wn6Yb1Hc5Jd0Fg3Ks" * 2,
    "ALLOWED_HOSTS": "news.example.com",
    "CSRF_TRUSTED_ORIGINS": "https://news.example.com",
    "DATABASE_URL": "postgres://newsroom@db.example.com:5432/newsroom",
    "REDIS_URL": "redis://cache.example.com:6379/0",
    "HTTPS": "on",
    "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO",
    "PROXY_COUNT": "1",
}


def _manage(*args, env_overrides):
    # A clean environment: only the production variables (the browser tests set one of their own).
    keep = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env=keep | env_overrides, capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip


def test_deploy_check_is_clean_with_the_production_environment():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_complains_without_https_settings():
    result = _manage("check", "--deploy", env_overrides=PRODUCTION_ENV | {"HTTPS": "off"})
    assert "security.W004" in result.stderr + result.stdout  # no HSTS


def test_production_settings_turn_on_hsts_secure_cookies_and_hashed_static_files():
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_PROXY_SSL_HEADER, s.STORAGES['staticfiles']['BACKEND'], s.CACHES['default']['BACKEND'])"
    )
    result = _manage("shell", "--no-imports", "-c", code, env_overrides=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "31536000", "True", "True", "True", "('HTTP_X_FORWARDED_PROTO',", "'https')",
        "whitenoise.storage.CompressedManifestStaticFilesStorage", "newsroom.cache.RedisCache",
    ]  # fmt: skip


def test_gunicorn_workers_follow_web_concurrency_or_the_cores(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    assert runpy.run_path(str(ROOT / "newsroom/gunicorn.conf.py"))["workers"] == 3
    monkeypatch.delenv("WEB_CONCURRENCY")
    assert runpy.run_path(str(ROOT / "newsroom/gunicorn.conf.py"))["workers"] == 2 * os.cpu_count() + 1


@pytest.fixture
def database_down(transactional_db, monkeypatch):
    """Point the connection at a database that cannot be reached, as during an outage."""
    if connection.vendor != "postgresql":
        # SQLite's test database lives in memory and cannot go away; fail every cursor instead.
        def unreachable(*args, **kwargs):
            raise OperationalError("unable to open database file")

        with monkeypatch.context() as patch:
            patch.setattr(connection, "cursor", unreachable)
            yield
        return
    original = dict(connection.settings_dict)
    connection.close()
    # Nothing listens on port 1: connecting fails at once, as when the server is down.
    connection.settings_dict.update(HOST="127.0.0.1", PORT="1")
    yield
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(original)


def test_readers_get_a_short_503_while_the_database_is_unreachable(client, database_down):
    for url in ("/", "/articles/some-story/", "/sections/news/", "/archive/"):
        response = client.get(url)
        assert response.status_code == 503, url
        assert response.headers["Retry-After"] == "30"
        assert "no-store" in response.headers["Cache-Control"]
        html = response.content.decode()
        assert "Back in a moment" in html and "Traceback" not in html
    assert client.get("/healthz").status_code == 503


def test_a_database_restart_costs_no_errors_afterwards(client, transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("persistent, health-checked connections are PostgreSQL's setting")
    import psycopg

    article = make_article(headline="Survives restarts")
    assert connection.settings_dict["CONN_HEALTH_CHECKS"]
    assert client.get(article.get_absolute_url()).status_code == 200
    # Kill the server side of the persistent connection, as a PostgreSQL restart does.
    backend_pid = connection.connection.info.backend_pid
    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [backend_pid])
    # What every real request does first; Django's test client alone skips it.
    close_old_connections()
    response = client.get("/")  # another page: the cached article page would need no database
    assert response.status_code == 200
    assert "Survives restarts" in response.content.decode()
    assert connection.connection.info.backend_pid != backend_pid


def test_log_records_are_json_lines_with_their_fields():
    record = logging.LogRecord("newsroom.request", logging.INFO, __file__, 1, "GET %s 200", ("/",), None)
    record.status = 200
    record.duration_ms = 1.5
    entry = json.loads(JSONFormatter().format(record))
    assert entry["message"] == "GET / 200" and entry["level"] == "INFO"
    assert entry["status"] == 200 and entry["duration_ms"] == 1.5 and "time" in entry


def test_errors_are_logged_with_their_traceback_as_one_json_line():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    line = JSONFormatter().format(record)
    assert "\n" not in line
    assert "ValueError: boom" in json.loads(line)["exception"]


def test_every_request_is_logged_with_method_path_status_and_duration(client, db, caplog):
    with caplog.at_level(logging.INFO, logger="newsroom.request"):
        client.get("/articles/missing/")
    (record,) = [r for r in caplog.records if r.name == "newsroom.request"]
    assert (record.method, record.path, record.status) == ("GET", "/articles/missing/", 404)
    assert record.duration_ms >= 0


def test_the_bench_floor_exists_only_when_asked_for(client, db):
    assert client.get("/bench/floor").status_code == 404


def test_article_page_html_css_and_js_stay_under_30_kb_compressed(client, db):
    import gzip
    import re

    from django.contrib.staticfiles import finders

    from tests.factories import make_tag

    body = "".join(
        f"<p>{'Paragraph of a long read about the harbour and the council. ' * 12}</p>" for _ in range(12)
    )
    article = make_article(body=body, summary="The gist.", tags=[make_tag() for _ in range(5)])
    html = client.get(article.get_absolute_url()).content.decode()
    assets = re.findall(r'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)
    assert "css/site.css" in assets
    weight = len(gzip.compress(html.encode()))
    weight += sum(len(gzip.compress(Path(finders.find(asset)).read_bytes())) for asset in assets)
    assert weight < 30_000, weight
    # No render-blocking scripts, no fonts from elsewhere, images sized and lazy below the fold.
    for script in re.findall(r"<script[^>]*\ssrc=[^>]*>", html):
        assert " defer" in script or 'type="module"' in script, script
    assert "fonts.googleapis" not in html and "@import" not in Path(finders.find("css/site.css")).read_text()


def test_body_images_are_sized_by_the_library_and_load_lazily(client, db):
    image = make_image(alt_text="Pier at low tide")
    article = make_article(body=f'<p>Text</p><figure><img data-image="{image.pk}"></figure>')
    html = client.get(article.get_absolute_url()).content.decode()
    (img,) = re.findall(r"<img [^>]*>", html)
    assert 'alt="Pier at low tide"' in img and 'loading="lazy"' in img
    assert 'width="800" height="533"' in img


def test_deploy_check_warns_when_workers_would_not_share_the_cache(settings):
    from pagecache.checks import check_shared_cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [w.id for w in check_shared_cache(None)] == ["newsroom.W001"]
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": "/tmp/x"}
    }
    assert check_shared_cache(None) == []
