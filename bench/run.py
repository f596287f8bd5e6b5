"""`make bench`: seed PostgreSQL archives, serve them as `make serve` does, measure with wrk.

For each archive size (default 1,000 and 100,000 articles) it starts gunicorn twice with the
production configuration (DEBUG off, hashed static files, newsroom/gunicorn.conf.py):

1. page cache off (PAGE_CACHE_SECONDS=0): the floor, the article page (a random article per
   request), the front page, a section page and search (when /search/ exists);
2. page cache on (the default, in files shared by the workers as `make serve` does): the floor,
   one article page and the front page, served from cache.

The floor is /bench/floor (BENCH_FLOOR=1): a bare view returning a fixed page of the article
page's size through the same server and middleware. Every figure is reported next to the floor
measured in the same server run, because the ratio is what survives a noisy machine.

    .venv/bin/python bench/run.py [--sizes 1000,100000] [--duration 12] [--connections 8]
"""

import argparse
import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
WRK = shutil.which("wrk") or "/usr/bin/wrk"


def log(message):
    print(message, file=sys.stderr, flush=True)


def base_env(database_url):
    keep = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    return keep | {
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + secrets.token_urlsafe(40),
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def ensure_archive(server_url, name, size, env, *, exact=True):
    """Create and seed the database `name` unless it already holds the archive: exactly `size`
    articles, or with `exact=False` at least `size` seeded ones (the newsroom day's writer adds
    articles of its own and bench/newsroom_day.py removes them again)."""
    # Seeding and migrating a large archive are maintenance: no web statement timeout (issue 11).
    env = env | {"DATABASE_STATEMENT_TIMEOUT": "0"}
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists:
            try:
                with psycopg.connect(f"{server_url}/{name}") as db:
                    # Seeded before search documents were filled (issue 11): seed again.
                    total, seeded, unindexed = db.execute(
                        "SELECT count(*), count(*) FILTER (WHERE slug LIKE 'article-%'),"
                        " count(*) FILTER (WHERE slug LIKE 'article-%' AND search_vector IS NULL)"
                        " FROM articles_article"
                    ).fetchone()
            except psycopg.Error:
                total, seeded, unindexed = -1, -1, 0
            if (total == size if exact else seeded >= size) and not unindexed:
                log(f"{name}: {seeded} seeded articles, reused")
                manage(env, "migrate", "--no-input", "-v", "0")
                return
            admin.execute(f'DROP DATABASE "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    manage(env, "migrate", "--no-input", "-v", "0")
    started = time.perf_counter()
    subprocess.run([PYTHON, "bench/seed_archive.py", "--articles", str(size)], cwd=ROOT, env=env, check=True)
    log(f"{name}: seeded {size} articles in {time.perf_counter() - started:.0f} s")


class Server:
    """gunicorn with `make serve`'s configuration, on loopback."""

    def __init__(self, env, port, workers, log_path):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                raise RuntimeError(f"port {port} is taken: another server would answer instead of ours")
        self.url = f"http://127.0.0.1:{port}"
        env = env | {"PORT": str(port), "WEB_CONCURRENCY": str(workers), "BENCH_FLOOR": "1"}
        self.log = open(log_path, "ab")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [str(Path(PYTHON).parent / "gunicorn"), "newsroom.wsgi", "--config", "newsroom/gunicorn.conf.py"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        for _ in range(100):
            if self.process.poll() is not None:
                break
            try:
                urllib.request.urlopen(f"{self.url}/healthz", timeout=5)
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not start; see " + log_path)

    def get(self, path):
        for attempt in range(3):
            try:
                with urllib.request.urlopen(self.url + path, timeout=20) as response:
                    return response.status, response.read(), dict(response.headers)
            except TimeoutError:
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)
        self.log.close()


def wrk(url, *, duration, connections, threads, paths_file=None, warmup=3):
    script = str(ROOT / "bench/wrk.lua")
    base = [WRK, f"-t{threads}", f"-c{connections}", "--timeout", "5s", "-s", script]
    extra = ["--", paths_file] if paths_file else []
    subprocess.run([*base, "-d", f"{warmup}s", url, *extra], capture_output=True, check=True)
    output = subprocess.run(
        [*base, "-d", f"{duration}s", url, *extra], capture_output=True, text=True, check=True
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    result = json.loads(line.removeprefix("RESULT "))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    result["errors"] = result["socket_errors"] + result["non_2xx_3xx"]
    return result


def measure(server, floor_path, endpoints, options, label):
    """Each endpoint right after a floor run of its own: the ratio compares neighbours in time."""
    rows = []
    for name, path, paths_file in endpoints:
        log(f"  {label}: floor, then {name} ({path})")
        floor = wrk(server.url + floor_path, duration=options.duration, connections=options.connections,
                    threads=options.threads)  # fmt: skip
        result = wrk(server.url + path, duration=options.duration, connections=options.connections,
                     threads=options.threads, paths_file=paths_file)  # fmt: skip
        floor |= {"name": f"floor (before {name})", "path": floor_path, "ratio": 1.0}
        result |= {"name": name, "path": path, "ratio": result["rps"] / floor["rps"]}
        rows += [floor, result]
    return rows


def database_name(size, options):
    return (
        f"{options.database_prefix}_{size // 1000}k"
        if size % 1000 == 0
        else f"{options.database_prefix}_{size}"
    )


def article_paths(database_url, workdir, size):
    with psycopg.connect(database_url) as db:
        slugs = [
            row[0] for row in db.execute("SELECT slug FROM articles_article ORDER BY random() LIMIT 5000")
        ]
    paths_file = Path(workdir) / f"articles-{size}.txt"
    paths_file.write_text("".join(f"/articles/{slug}/\n" for slug in slugs))
    return slugs, str(paths_file)


def scaling(sizes, options, workdir):
    """Service time of the uncached article page, archives side by side under the same noise.

    One server per archive, both up at once; one connection at a time (no queueing), alternating
    between the archives in short rounds, so both see the same machine. Medians of the rounds.
    """
    servers, paths = {}, {}
    try:
        for offset, size in enumerate(sizes):
            database_url = f"{options.server_url}/{database_name(size, options)}"
            env = base_env(database_url) | {"PAGE_CACHE_SECONDS": "0"}
            _, paths[size] = article_paths(database_url, workdir, f"scaling-{size}")
            servers[size] = Server(env, options.port + 1 + offset, 1, str(Path(workdir) / "gunicorn.log"))
        rounds = {size: [] for size in sizes}
        for round_number in range(options.scaling_rounds):
            for size in sizes if round_number % 2 == 0 else reversed(sizes):
                log(f"  scaling round {round_number + 1}: {size} articles")
                rounds[size].append(
                    wrk(
                        servers[size].url + "/articles/",
                        duration=5,
                        connections=1,
                        threads=1,
                        paths_file=paths[size],
                        warmup=1,
                    )
                )
    finally:
        for server in servers.values():
            server.stop()

    def median(values):
        values = sorted(values)
        return values[len(values) // 2]

    return {
        size: {key: median([r[key] for r in results]) for key in ("p50_us", "p99_us", "rps")}
        for size, results in rounds.items()
    }


def run_size(size, options, workdir):
    database_url = f"{options.server_url}/{database_name(size, options)}"
    # As `make serve` does without REDIS_URL: the workers share a file cache.
    env = base_env(database_url) | {"CACHE_URL": f"filecache://{workdir}/cache-{size}"}
    ensure_archive(options.server_url, database_name(size, options), size, env)
    slugs, paths_file = article_paths(database_url, workdir, size)
    with psycopg.connect(database_url) as db:
        section = db.execute("SELECT slug FROM articles_section ORDER BY id LIMIT 1 OFFSET 3").fetchone()[0]
    one_article = f"/articles/{random.Random(size).choice(slugs)}/"

    results = {}
    for cached in (False, True):
        server_env = env if cached else env | {"PAGE_CACHE_SECONDS": "0"}
        server = Server(server_env, options.port, options.workers, str(Path(workdir) / "gunicorn.log"))
        try:
            status, body, _ = server.get(one_article)
            assert status == 200
            floor = f"/bench/floor?bytes={len(body)}"
            if cached:
                endpoints = [
                    ("article page, cached", one_article, None),
                    ("front page, cached", "/", None),
                ]
            else:
                endpoints = [
                    ("article page, uncached (random article)", "/articles/", paths_file),
                    ("front page, uncached", "/", None),
                    ("section page, uncached", f"/sections/{section}/", None),
                ]
                try:
                    if server.get("/search/?q=council")[0] == 200:
                        endpoints.append(("search, uncached", "/search/?q=council", None))
                except urllib.error.HTTPError:
                    log("  /search/ does not exist in this build: search skipped")
            rows = measure(
                server, floor, endpoints, options, f"{size} articles, cache {'on' if cached else 'off'}"
            )
            results["cached" if cached else "uncached"] = {"page_bytes": len(body), "rows": rows}
        finally:
            server.stop()
    return results


def markdown(all_results, options):
    lines = [
        f"wrk -t{options.threads} -c{options.connections} -d{options.duration}s (after a 3 s warm-up), "
        f"gunicorn with {options.workers} sync workers, PostgreSQL on loopback, "
        "page cache in files shared by the workers (as `make serve` without REDIS_URL).",
        "",
        "| archive | run | endpoint | req/s | vs floor | p50 ms | p99 ms | errors |",
        "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size, results in all_results.items():
        for run, data in results.items():
            for row in data["rows"]:
                lines.append(
                    f"| {size:,} | cache {'on' if run == 'cached' else 'off'} | {row['name']} | "
                    f"{row['rps']:.0f} | {row['ratio']:.2f} | {row['p50_us'] / 1000:.1f} | "
                    f"{row['p99_us'] / 1000:.1f} | {row['errors']} |"
                )
    sizes = list(all_results)
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]

        def article(size):
            return next(r for r in all_results[size]["uncached"]["rows"] if r["name"].startswith("article"))

        for key in ("p50_us", "p99_us"):
            growth = article(large)[key] / article(small)[key] - 1
            lines.append("")
            lines.append(
                f"Uncached article page {key[:3]} latency, {small:,} → {large:,} articles: "
                f"{article(small)[key] / 1000:.1f} ms → {article(large)[key] / 1000:.1f} ms ({growth:+.0%})."
            )
    return "\n".join(lines)


def scaling_markdown(scaled, options):
    sizes = list(scaled)
    lines = [
        "",
        f"Scaling: uncached article page (random article), one connection, {options.scaling_rounds} "
        "alternating 5 s rounds per archive, medians:",
        "",
        "| archive | req/s | p50 ms | p99 ms |",
        "| ---: | ---: | ---: | ---: |",
    ]
    for size, row in scaled.items():
        lines.append(
            f"| {size:,} | {row['rps']:.0f} | {row['p50_us'] / 1000:.2f} | {row['p99_us'] / 1000:.2f} |"
        )
    small, large = scaled[sizes[0]], scaled[sizes[-1]]
    lines.append("")
    lines.append(
        f"p50 growth {sizes[0]:,} → {sizes[-1]:,} articles: {large['p50_us'] / small['p50_us'] - 1:+.1%}; "
        f"p99: {large['p99_us'] / small['p99_us'] - 1:+.1%}."
    )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument("--duration", type=int, default=12)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument(
        "--server-url",
        default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"),
        help="PostgreSQL server without a database name; <prefix>_1k and <prefix>_100k are created there",
    )
    parser.add_argument("--database-prefix", default="newsroom_bench")
    parser.add_argument("--scaling-rounds", type=int, default=6)
    parser.add_argument("--output", default=str(ROOT / "bench/results.json"))
    options = parser.parse_args()

    env = base_env("sqlite:///unused")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    all_results = {}
    with tempfile.TemporaryDirectory() as workdir:
        sizes = [int(s) for s in options.sizes.split(",")]
        for size in sizes:
            all_results[size] = run_size(size, options, workdir)
        scaled = scaling(sizes, options, workdir) if len(sizes) > 1 and options.scaling_rounds else None
    Path(options.output).write_text(json.dumps({"runs": all_results, "scaling": scaled}, indent=2))
    print(markdown(all_results, options))
    if scaled:
        print(scaling_markdown(scaled, options))


if __name__ == "__main__":
    main()
