"""The uncached article page, measured in-process: what one miss costs and where its time goes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench_100k SECRET_KEY=... \
        .venv/bin/python bench/miss.py [--pages 300] [--rounds 5] [--profile]

Renders random public articles through Django's test client with the page cache off
(PAGE_CACHE_SECONDS=0, DEBUG off, request log off) and prints, per page:

- work that does not depend on the machine's load: Python function calls, SQL queries, rows
  PostgreSQL reads (EXPLAIN ANALYZE of every query the pages ran) and its execution and planning
  time for them;
- CPU and wall time, the best and the median of `--rounds` rounds (a shared machine's noise
  inflates the median; compare two trees in the same run, side by side);
- with `--profile`, cProfile's cumulative time of the parts of the page, as a share of the whole.

Standard library only (cProfile), so it runs from any checkout: compare a tree before and after
a change by running each on the same database at the same time (docs/performance.md).
"""

import os
import sys
from pathlib import Path

# bench/profile.py would shadow the standard library's profile module, which cProfile imports.
sys.path = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path.cwd()))

import argparse
import cProfile
import pstats
import random
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("SECRET_KEY", "profile-only")
os.environ["PAGE_CACHE_SECONDS"] = "0"
os.environ["REQUEST_LOG"] = "0"
os.environ["DEBUG"] = "0"
os.environ.setdefault("ALLOWED_HOSTS", "localhost")

import django

django.setup()

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import Article

# (label, file name ending, function name): cumulative time of these is what the profile reports.
PARTS = [
    ("article query, authors and tags", "django/db/models/query.py", "first"),
    ("article_context (Previous/Next, More on this)", "articles/views.py", "article_context"),
    ("  Previous/Next", "articles/models/article.py", "adjacent_public"),
    ("  More on this", "articles/views.py", "related_articles"),
    ("template rendering", "django/shortcuts.py", "render"),
    ("  page_meta (head, JSON-LD)", "articles/templatetags/seo.py", "page_meta"),
    ("  reverse()", "django/urls/base.py", "reverse"),
    ("  date filters", "django/template/defaultfilters.py", "date"),
    ("all SQL: compile, send, wait, read", "django/db/models/sql/compiler.py", "execute_sql"),
    ("  compiling SQL (as_sql)", "django/db/models/sql/compiler.py", "as_sql"),
    ("  waiting for PostgreSQL", "psycopg/connection.py", "wait"),
    ("middleware and the rest", None, None),
]


def article_paths(rng, count):
    slugs = list(Article.objects.public().values_list("slug", flat=True))
    return [f"/articles/{slug}/" for slug in rng.sample(slugs, min(count, len(slugs)))]


def render_all(client, paths):
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)


def work(client, paths):
    """Python calls, queries, rows read and PostgreSQL's time, per page."""
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sql = []
    for path in paths:
        with CaptureQueriesContext(connection) as captured:
            sys.setprofile(count)
            client.get(path)
            sys.setprofile(None)
        sql += [query["sql"] for query in captured.captured_queries]
    rows = executing = planning = 0.0
    with connection.cursor() as cursor:
        for statement in sql:
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + statement)
            plan = cursor.fetchone()[0][0]
            executing += plan["Execution Time"]
            planning += plan["Planning Time"]
            rows += sum(
                node.get("Actual Rows", 0) * node.get("Actual Loops", 1)
                + node.get("Rows Removed by Filter", 0)
                for node in _nodes(plan["Plan"])
                if "Scan" in node["Node Type"]
            )
    n = len(paths)
    print(
        f"work per page: {calls / n:,.0f} Python calls, {len(sql) / n:.1f} queries, "
        f"{rows / n:,.0f} rows read by PostgreSQL, its execution {executing / n:.2f} ms "
        f"+ planning {planning / n:.2f} ms"
    )


def _nodes(node):
    yield node
    for child in node.get("Plans", []):
        yield from _nodes(child)


def timing(client, rng, paths, rounds):
    cpu, wall = [], []
    for _ in range(rounds):
        sample = rng.sample(paths, len(paths))
        started, used = time.perf_counter(), time.process_time()
        render_all(client, sample)
        wall.append((time.perf_counter() - started) / len(sample) * 1000)
        cpu.append((time.process_time() - used) / len(sample) * 1000)
    print(
        f"time per page (ms): CPU best {min(cpu):.2f}, median {statistics.median(cpu):.2f}; "
        f"wall best {min(wall):.2f}, median {statistics.median(wall):.2f}"
    )


def profile(client, paths):
    profiler = cProfile.Profile()
    profiler.enable()
    render_all(client, paths)
    profiler.disable()
    stats = pstats.Stats(profiler).stats
    total = sum(tottime for _calls, _primitive, tottime, _cumtime, _callers in stats.values())
    n = len(paths)
    print(f"profile (cProfile, wall clock, {n} pages; the profiler slows Python about 2x):")
    print(f"{'part':48} {'ms/page':>8} {'share':>6}")
    accounted = 0.0
    for label, filename, function in PARTS:
        if filename is None:
            spent = total - accounted
        else:
            spent = sum(
                row[3]  # cumulative time
                for (file, _line, name), row in stats.items()
                if file.endswith(filename) and name == function
            )
            if not label.startswith(" ") and "SQL" not in label:
                accounted += spent
        print(f"{label:48} {spent / n * 1000:8.2f} {spent / total:6.0%}")
    print(f"{'total':48} {total / n * 1000:8.2f}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--profile", action="store_true")
    options = parser.parse_args()
    rng = random.Random(options.seed)
    paths = article_paths(rng, options.pages)
    client = Client(SERVER_NAME="localhost")
    render_all(client, paths[:20])  # warm up: imports, templates, the connection
    print(f"{Path.cwd()}: {len(paths)} random articles of {Article.objects.public().count():,}")
    work(client, paths[:100])
    timing(client, rng, paths, options.rounds)
    if options.profile:
        profile(client, paths)


if __name__ == "__main__":
    main()
