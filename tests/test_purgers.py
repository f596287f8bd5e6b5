"""The purgers (pagecache/purgers.py) against a real HTTP server on loopback that records what arrives.

Fastly's and Cloudflare's APIs are not called live: their purgers are pointed at the loopback
server through `api_url`, so what is checked is the request each would send them.
"""

import json
import logging
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import environ
import pytest
from django.core.exceptions import ImproperlyConfigured

from newsroom import environment
from pagecache.purgers import CloudflarePurger, FastlyPurger, VarnishPurger


class Recorder:
    """An HTTP server that records every request and answers `status` with `body` after `delay`."""

    def __init__(self):
        self.requests = []
        self.status, self.body, self.delay = 200, b"Purged 1\n", 0.0
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def handle_any(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                recorder.requests.append((self.command, self.path, self.headers, body))  # any case
                time.sleep(recorder.delay)
                try:
                    self.send_response(recorder.status)
                    self.send_header("Content-Length", str(len(recorder.body)))
                    self.end_headers()
                    self.wfile.write(recorder.body)
                except OSError:
                    pass  # the purger gave up waiting, as it should

            do_PURGE = do_POST = handle_any

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def cache_server():
    server = Recorder()
    yield server
    server.stop()


@pytest.fixture
def second_server():
    server = Recorder()
    yield server
    server.stop()


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_varnish_purge_is_one_purge_request_per_varnish_naming_the_tags(cache_server, second_server):
    VarnishPurger(urls=[cache_server.url, second_server.url], repeat_hard_after=0).purge(
        ["article-7", "listing"], hard=True
    )
    for server in (cache_server, second_server):
        [(method, path, headers, _)] = server.requests
        assert (method, path) == ("PURGE", "/")
        assert headers["xkey-purge"] == "article-7 listing"
        assert "xkey-softpurge" not in headers


def test_a_soft_purge_asks_varnish_to_keep_the_old_copy_for_its_grace(cache_server):
    VarnishPurger(urls=[cache_server.url]).purge(["section-3"], hard=False)
    [(_, _, headers, _)] = cache_server.requests
    assert headers["xkey-softpurge"] == "section-3"
    assert "xkey-purge" not in headers


def test_tags_go_in_batches_small_enough_for_a_header_each_tag_once(cache_server):
    tags = [f"article-{n}" for n in range(250)]
    VarnishPurger(urls=[cache_server.url], repeat_hard_after=0).purge(
        [*tags, "article-0", "article-1"], hard=True
    )
    batches = [headers["xkey-purge"].split(" ") for _, _, headers, _ in cache_server.requests]
    assert [len(batch) for batch in batches] == [100, 100, 50]
    assert [tag for batch in batches for tag in batch] == tags
    assert all(len(headers["xkey-purge"]) < 8192 for _, _, headers, _ in cache_server.requests)


def test_a_varnish_that_refuses_costs_one_warning_and_no_exception(cache_server, caplog):
    cache_server.status, cache_server.body = 403, b"Forbidden\n"
    with caplog.at_level(logging.WARNING, logger="pagecache.purgers"):
        VarnishPurger(urls=[cache_server.url], repeat_hard_after=0).purge(["article-1"], hard=True)
    [record] = caplog.records
    assert record.levelname == "WARNING" and "403" in record.getMessage()
    assert record.exc_info is None  # one line, no traceback


def test_a_varnish_that_is_down_or_slow_costs_a_short_wait_and_one_warning_each(cache_server, caplog):
    cache_server.delay = 1
    urls = [f"http://127.0.0.1:{closed_port()}", cache_server.url]
    purger = VarnishPurger(urls=urls, timeout=0.3, repeat_hard_after=0)
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="pagecache.purgers"):
        purger.purge(["article-1"], hard=True)
    assert time.monotonic() - started < 0.9
    # Only this purge's lines: an earlier test's repeated hard purge may log from its timer now.
    records = [record for record in caplog.records if any(url in record.getMessage() for url in urls)]
    assert len(records) == 2
    assert all("article" not in record.getMessage() for record in records), "tags are not logged"


def test_a_hard_purge_is_sent_again_for_a_page_rendered_before_the_change_committed(cache_server):
    purger = VarnishPurger(urls=[cache_server.url], repeat_hard_after=0.3)
    purger.purge(["article-4"], hard=True)
    assert len(cache_server.requests) == 1, "the first purge is sent at once"
    time.sleep(0.6)
    assert [headers["xkey-purge"] for _, _, headers, _ in cache_server.requests] == ["article-4", "article-4"]
    purger.purge(["article-5"], hard=False)
    time.sleep(0.6)
    assert len(cache_server.requests) == 3, "a soft purge is sent once"


def test_fastly_purges_by_surrogate_key_softly_unless_hard(cache_server):
    purger = FastlyPurger(
        service_id="SVC123", api_token="fastly-secret", api_url=cache_server.url, repeat_hard_after=0
    )
    purger.purge(["article-1", "listing"], hard=False)
    purger.purge(["article-2"], hard=True)
    (method, path, soft, _), (_, _, hard, _) = cache_server.requests
    assert (method, path) == ("POST", "/service/SVC123/purge")
    assert soft["Fastly-Key"] == "fastly-secret"
    assert soft["Surrogate-Key"] == "article-1 listing" and soft["Fastly-Soft-Purge"] == "1"
    assert hard["Surrogate-Key"] == "article-2" and "Fastly-Soft-Purge" not in hard


def test_cloudflare_purges_by_cache_tag_thirty_at_a_time(cache_server):
    cache_server.body = b'{"success": true, "errors": [], "result": {"id": "x"}}'
    purger = CloudflarePurger(zone_id="ZONE9", api_token="cf-secret", api_url=cache_server.url)
    tags = [f"tag-{n}" for n in range(45)]
    purger.purge(tags, hard=False)
    assert [(m, p) for m, p, _, _ in cache_server.requests] == [("POST", "/zones/ZONE9/purge_cache")] * 2
    bodies = [json.loads(body) for _, _, _, body in cache_server.requests]
    assert bodies == [{"tags": tags[:30]}, {"tags": tags[30:]}]
    _, _, headers, _ = cache_server.requests[0]
    assert headers["Authorization"] == "Bearer cf-secret"
    assert headers["Content-Type"] == "application/json"


def test_cloudflare_refusing_in_its_answer_is_a_warning_without_the_token(cache_server, caplog):
    cache_server.body = b'{"success": false, "errors": [{"code": 10000, "message": "Authentication error"}]}'
    purger = CloudflarePurger(
        zone_id="ZONE9", api_token="cf-secret", api_url=cache_server.url, repeat_hard_after=0
    )
    with caplog.at_level(logging.WARNING, logger="pagecache.purgers"):
        purger.purge(["article-1"], hard=True)
    [record] = caplog.records
    assert "Authentication error" in record.getMessage()
    assert "cf-secret" not in record.getMessage()


def parse(values):
    env = environ.Env()
    env.ENVIRON = values  # this Env reads only these values
    return environment.page_cache_purgers(env)


def test_purgers_are_configured_from_the_environment():
    assert parse({}) == []
    configured = parse(
        {
            "VARNISH_URLS": "http://10.0.0.5:6081,http://10.0.0.6:6081",
            "FASTLY_SERVICE_ID": "SVC",
            "FASTLY_API_TOKEN": "f",
            "CLOUDFLARE_ZONE_ID": "Z",
            "CLOUDFLARE_API_TOKEN": "c",
        }
    )
    assert configured == [
        {
            "BACKEND": "pagecache.purgers.VarnishPurger",
            "OPTIONS": {
                "urls": ["http://10.0.0.5:6081", "http://10.0.0.6:6081"],
                "timeout": 1.0,
                "repeat_hard_after": 6.0,
            },
        },
        {
            "BACKEND": "pagecache.purgers.FastlyPurger",
            "OPTIONS": {"service_id": "SVC", "api_token": "f", "timeout": 5.0, "repeat_hard_after": 6.0},
        },
        {
            "BACKEND": "pagecache.purgers.CloudflarePurger",
            "OPTIONS": {"zone_id": "Z", "api_token": "c", "timeout": 5.0, "repeat_hard_after": 6.0},
        },
    ]


def test_half_a_cdn_configuration_is_refused_at_startup():
    with pytest.raises(ImproperlyConfigured, match="FASTLY_API_TOKEN"):
        parse({"FASTLY_SERVICE_ID": "SVC"})
    with pytest.raises(ImproperlyConfigured, match="urls"):
        VarnishPurger(urls="http://127.0.0.1:6081")


def test_repeats_of_many_hard_purges_go_out_together_from_one_thread(cache_server):
    """A bulk unpublish: each story's hard purge at once, their repeats in a request or two."""
    purger = VarnishPurger(urls=[cache_server.url], repeat_hard_after=0.6)
    threads_before = threading.active_count()
    for number in range(40):
        purger.purge([f"article-{number}"], hard=True)
    assert len(cache_server.requests) == 40
    assert threading.active_count() <= threads_before + 3, "one thread for all the repeats, not one each"
    time.sleep(0.45)
    assert len(cache_server.requests) == 40, "no repeat goes before its time"
    time.sleep(0.9)
    repeats = [headers["xkey-purge"] for _, _, headers, _ in cache_server.requests[40:]]
    assert 1 <= len(repeats) <= 3
    assert sorted(" ".join(repeats).split()) == sorted(f"article-{number}" for number in range(40))
