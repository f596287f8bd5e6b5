"""The newsroom-day benchmark's own instruments (issue 13): if they miscount, the goals are judged wrong.

wrk's script must count responses by cache header and status exactly; the writer's stale check
must see an unpublished article on a page that still links to it; the bare floor must serve the
page size it is told; the readers' mix must be the one the issue describes.
"""

import http.server
import shutil
import threading
import urllib.request
from collections import Counter

import pytest

from bench import day_stack

# Each path answers with the headers a cache tier would send: (status, headers).
ANSWERS = {
    "/app-hit": (200, {"X-Page-Cache": "hit"}),
    "/app-stale": (200, {"X-Page-Cache": "stale"}),
    "/app-miss": (200, {"X-Page-Cache": "miss"}),
    "/edge-hit": (200, {"X-Cache": "HIT", "X-Page-Cache": "miss"}),
    "/edge-stale": (200, {"X-Cache": "STALE", "X-Page-Cache": "miss"}),
    "/edge-miss-app-hit": (200, {"X-Cache": "MISS", "X-Page-Cache": "hit"}),
    "/varnish-hit": (200, {"X-Varnish": "32770 3"}),
    "/gone": (404, {}),
    "/broken": (500, {}),
}
# For the stale check: the unpublished article, one still up, a page linking to the first, one not.
PAGES = {
    "/articles/gone/": (404, b"Not found"),
    "/articles/still-up/": (200, b"<h1>The story</h1>"),
    "/pages/linking": (200, b'<a href="/articles/gone/">A story</a>'),
    "/pages/clean": (200, b"<p>Nothing stale here.</p>"),
}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # else each keep-alive answer waits out a delayed ACK

    def do_GET(self):
        if self.path in PAGES:
            (status, body), headers = PAGES[self.path], {}
        else:
            (status, headers), body = ANSWERS[self.path], b"x"
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.mark.skipif(not shutil.which("wrk"), reason="wrk is not installed (Debian: apt-get install wrk)")
def test_wrk_script_counts_every_response_by_cache_header_and_status(server, tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text("\n".join(ANSWERS) + "\n")
    result = day_stack.wrk(server, duration=1, connections=1, threads=1, urls_file=urls)

    total = result["requests"]
    assert total >= 2 * len(ANSWERS)
    # One connection walks the list in order, so each path is asked total/9 times, give or take the
    # one request in flight when wrk stops.
    each = total / len(ANSWERS)

    def about(count, paths=1):
        return abs(count - paths * each) <= paths

    assert result["s2xx"] + result["s404"] + result["s5xx"] == total
    assert about(result["app_hit"], 2)  # /app-hit, /edge-miss-app-hit
    assert about(result["app_stale"])
    assert about(result["app_miss"], 3)  # /app-miss, /edge-hit, /edge-stale
    assert about(result["app_none"], 3)  # /varnish-hit, /gone, /broken
    assert about(result["edge_hit"], 2)  # /edge-hit, and /varnish-hit by X-Varnish's two ids
    assert about(result["edge_stale"])
    assert about(result["edge_miss"]) and result["edge_miss_app_hit"] == result["edge_miss"]
    assert about(result["edge_none"], 5)  # /app-hit, /app-stale, /app-miss, /gone, /broken
    assert about(result["s404"]) and about(result["s5xx"])
    assert result["errors"] == result["s5xx"]  # a 404 is the unpublished article, not an error


def test_stale_check_finds_the_article_and_pages_linking_to_it(server):
    from bench.day_writer import stale_copies

    assert stale_copies([server], "/articles/gone/", ["/pages/clean"]) == []
    assert stale_copies([server], "/articles/gone/", ["/pages/linking", "/pages/clean"]) == [
        f"{server}/pages/linking"
    ]
    assert stale_copies([server], "/articles/still-up/", ["/pages/linking"]) == [
        f"{server}/articles/still-up/"
    ]


def test_bare_floor_serves_the_page_size_it_is_given_with_default_middleware(tmp_path, unused_port):
    floor = day_stack.Gunicorn(
        {"PATH": "/usr/bin:/bin", "FLOOR_BYTES": "12345"},
        unused_port,
        app="floor.wsgi",
        workers=1,
        log_path=str(tmp_path / "floor.log"),
        ready_path="/",
    )
    try:
        with urllib.request.urlopen(floor.url + "/") as response:
            assert len(response.read()) == 12345
            assert response.headers["X-Frame-Options"] == "DENY"  # Django's default middleware ran
            assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    finally:
        floor.stop()


@pytest.fixture
def unused_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_readers_mix_front_page_sections_and_a_zipf_law_newest_first():
    slugs = [f"article-{i}" for i in range(100_000)]
    urls = day_stack.reader_mix(slugs, ["a", "b", "c"], requests=20_000, exponent=1.1, seed=13)
    counts = Counter(urls)
    assert abs(counts["/"] / 20_000 - 0.15) < 0.01
    assert abs(sum(n for u, n in counts.items() if u.startswith("/sections/")) / 20_000 - 0.10) < 0.01
    assert counts["/articles/article-0/"] > counts["/articles/article-1/"] > counts["/articles/article-9/"]
    assert 3_500 < len(counts) < 5_000  # the day: 4,206 distinct URLs in 20,000


def test_vcl_backend_points_at_the_benchmark_server():
    included = 'vcl 4.1;\ninclude "backend.vcl";\n'
    assert day_stack.render_vcl(included, 9999) == included  # backend.vcl is written beside it
    own = 'vcl 4.1;\nbackend default {\n  .host = "10.0.0.1";\n  .port = "80";\n}\n'
    rendered = day_stack.render_vcl(own, 9999)
    assert '.host = "127.0.0.1"' in rendered and '.port = "9999"' in rendered
