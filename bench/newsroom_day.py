"""`make bench`: a newsroom day (issue 13), each figure a ratio to a bare Django floor of the same run.

The archive (bench/seed_archive.py, 100,000 articles by default; an existing database holding
enough seeded articles is reused) is served in `make serve`'s configuration: DEBUG off,
newsroom/gunicorn.conf.py with 2 sync workers, the page cache in files shared by the workers (or
Redis with --cache redis), no task worker (nothing here queues a task). wrk talks to gunicorn
directly, not through nginx: the floor is measured the same way, so the ratio compares Django
with Django (nginx adds a hop to both and caches nothing).

Readers: 20,000 requests' worth of URLs (bench/day_stack.py: 15 % front page, 10 % section pages,
the rest articles by a Zipf law over the archive, newest most read; about 4,200 distinct), walked
in order by wrk (bench/newsroom_day.lua, 4 connections) which counts responses by status and by
cache header. Meanwhile a writer (bench/day_writer.py, a Django process with the server's
settings) saves a draft every 0.5 s, publishes every 60 s, and unpublishes a hot article near the
end, after which every tier is checked for stale copies of it.

Phases, each after a bare-floor run of its own (bench/floor: a minimal project, default middleware,
no database, a fixed page of the article page's size, same gunicorn flags):

1. bare floor; the project's floor (/bench/floor, BENCH_FLOOR=1, through the app's middleware);
   the newsroom day with wrk at gunicorn ("app alone");
2. bare floor; the newsroom day with wrk at varnishd -f VCL -s malloc,256m ("through Varnish"),
   unless --skip-varnish; VARNISH_URLS points the app's purger at it (pagecache/purgers.py)
   during both tiers, and --app-env adds any other environment;
3. bare floor; the uncached article page (a second server with PAGE_CACHE_SECONDS=0, random
   articles of the whole archive).

    .venv/bin/python bench/newsroom_day.py [--articles 100000] [--duration 120] [--connections 4]
        [--vcl deploy/varnish/newsroom.vcl | --skip-varnish] [--cache files|redis]

Raw figures: bench/results-newsroom-day.json; the markdown tables go to stdout (bench/day_report.py).
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from day_report import markdown
from day_stack import (
    PYTHON,
    ROOT,
    Gunicorn,
    Varnish,
    log,
    reader_urls,
    uniform_article_urls,
    warm,
    wrk,
)
from run import base_env, ensure_archive, manage

DEFAULT_VCL = ROOT / "deploy/varnish/newsroom.vcl"


def prefixed(lines, prefix):
    """The writer's answer among the app's log lines (JSON lines on the same stdout)."""
    for line in lines:
        if line.startswith(prefix):
            return line.removeprefix(prefix).strip()
        log(f"  writer: {line.rstrip()}")
    raise RuntimeError(f"the writer printed no {prefix.strip()} line")


def prepare(env, target_rank):
    output = subprocess.run(
        [PYTHON, "bench/day_writer.py", "prepare", "--target-rank", str(target_rank)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return json.loads(prefixed(output.splitlines(), "PLAN "))


def newsroom_day(options, env, target_url, checks, urls_file, target):
    """Warm the tier's cache, then readers and the writer together; the writer's findings join wrk's."""
    unpublish_at = (
        options.unpublish_at
        if options.unpublish_at is not None
        else max(options.duration - 10, options.duration / 2)
    )
    command = [
        PYTHON, "bench/day_writer.py", "run", "--duration", str(options.duration), "--target", target,
        "--draft-every", str(options.draft_every), "--publish-every", str(options.publish_every),
        "--unpublish-at", str(unpublish_at), *(arg for url in checks for arg in ("--check", url)),
    ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        prefixed(process.stdout, "READY")
        warmed = warm(target_url, urls_file, connections=options.connections, seconds=options.warmup)
        log(f"  warm: {warmed['asked']} of {warmed['distinct']} distinct URLs in {warmed['seconds']} s")
        process.stdin.write("go\n")
        process.stdin.flush()
        result = wrk(target_url, duration=options.duration, connections=options.connections,
                     threads=options.threads, urls_file=urls_file)  # fmt: skip
        output, _ = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    if process.returncode:
        raise RuntimeError(f"the writer failed (exit status {process.returncode})")
    return result | {"warm": warmed, "writer": json.loads(prefixed(output.splitlines(), "RESULT "))}


def floor(server, options, path="/"):
    return wrk(server.url + path, duration=options.floor_duration, connections=options.connections,
               threads=options.threads)  # fmt: skip


def page_bytes(url, paths):
    sizes = []
    for path in paths:
        with urllib.request.urlopen(url + path, timeout=30) as response:
            sizes.append(len(response.read()))
    return int(statistics.median(sizes))


def run(options, workdir):
    name = f"{options.database_prefix}_day_{options.articles // 1000}k"
    database_url = f"{options.server_url}/{name}"
    env = base_env(database_url)
    ensure_archive(options.server_url, name, options.articles, env, exact=False)
    manage(env, "collectstatic", "--no-input", "-v", "0")
    if options.cache == "redis":
        cache = {"REDIS_URL": options.redis_url, "CACHE_URL": ""}
        import redis  # django-redis's dependency

        redis.Redis.from_url(options.redis_url).flushdb()
    else:
        cache = {"CACHE_URL": f"filecache://{workdir}/pages"}
    # Undo earlier runs; without VARNISH_URLS, as no Varnish runs yet and a new one holds nothing.
    plan = prepare(env | cache, options.target_rank)
    varnish_url = f"http://127.0.0.1:{options.port + 2}"
    # The app purges Varnish after each change (pagecache/purgers.py); idle during the first tier.
    extra = {} if options.skip_varnish else {"VARNISH_URLS": varnish_url}
    extra |= dict(item.replace("{varnish}", varnish_url).split("=", 1) for item in options.app_env)
    env = env | cache | extra
    urls_file, uncached_file = Path(workdir) / "readers.txt", Path(workdir) / "uncached.txt"
    traffic = reader_urls(database_url, urls_file, articles=options.articles, requests=options.requests,
                          exponent=options.zipf, seed=options.seed)  # fmt: skip
    uniform_article_urls(database_url, uncached_file, 5000, options.seed)
    results = {"traffic": traffic, "target": plan["target"], "public_articles": plan["public"], "phases": {}}
    logs = str(Path(workdir) / "servers.log")
    servers = []
    try:
        app = Gunicorn(env | {"BENCH_FLOOR": "1"}, options.port, app="newsroom.wsgi", workers=options.workers,
                       log_path=logs, ready_path="/healthz")  # fmt: skip
        servers.append(app)
        size = page_bytes(app.url, [f"/articles/article-{rank}/" for rank in range(0, 40, 2)])
        results["article_page_bytes"] = size
        bare = Gunicorn(env | {"FLOOR_BYTES": str(size)}, options.port + 1, app="floor.wsgi",
                        workers=options.workers, log_path=logs, ready_path="/")  # fmt: skip
        servers.append(bare)
        varnish = None
        if not options.skip_varnish:
            varnish = Varnish(
                options.vcl, options.port + 2, options.port, workdir, logs, options.varnish_storage
            )
            servers.append(varnish)
        phases = results["phases"]
        log("phase 1: bare floor, project floor, newsroom day at gunicorn")
        phases["floor_1"] = floor(bare, options)
        phases["project_floor"] = floor(app, options, f"/bench/floor?bytes={size}")
        phases["app"] = newsroom_day(options, env, app.url, [app.url], urls_file, plan["target"])
        if varnish:
            log("phase 2: bare floor, newsroom day through Varnish")
            phases["floor_2"] = floor(bare, options)
            phases["varnish"] = newsroom_day(
                options, env, varnish.url, [varnish.url, app.url], urls_file, plan["target"]
            )
        log("phase 3: bare floor, uncached article page")
        uncached = Gunicorn(env | {"PAGE_CACHE_SECONDS": "0"}, options.port + 3, app="newsroom.wsgi",
                            workers=options.workers, log_path=logs, ready_path="/healthz")  # fmt: skip
        servers.append(uncached)
        phases["floor_3"] = floor(bare, options)
        phases["uncached"] = wrk(uncached.url, duration=options.uncached_duration,
                                 connections=options.connections, threads=options.threads,
                                 urls_file=uncached_file)  # fmt: skip
    finally:
        for server in reversed(servers):
            server.stop()
    return results


def machine():
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "?")
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "kernel": platform.release(),
    }


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=120, help="seconds of each newsroom day (per tier)")
    parser.add_argument("--floor-duration", type=int, default=15)
    parser.add_argument("--uncached-duration", type=int, default=15)
    parser.add_argument(
        "--warmup", type=int, default=600,
        help="at most this many seconds asking for each distinct URL once before the day (0: cold)",
    )  # fmt: skip
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument(
        "--workers", type=int, default=2, help="gunicorn sync workers (make serve's WEB_CONCURRENCY)"
    )
    parser.add_argument("--requests", type=int, default=20_000, help="length of the readers' URL list")
    parser.add_argument(
        "--zipf", type=float, default=1.1, help="Zipf exponent over the archive, newest first"
    )
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--draft-every", type=float, default=0.5)
    parser.add_argument("--publish-every", type=float, default=60)
    parser.add_argument(
        "--unpublish-at", type=float, help="seconds into each day; default 10 s before its end"
    )
    parser.add_argument("--target-rank", type=int, default=3, help="unpublish the Nth newest seeded article")
    parser.add_argument("--cache", choices=["files", "redis"], default="files")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/9", help="with --cache redis; flushed")
    parser.add_argument(
        "--vcl", help=f"default: {DEFAULT_VCL.relative_to(ROOT)}; without one, no Varnish tier"
    )
    parser.add_argument("--skip-varnish", action="store_true")
    parser.add_argument("--varnish-storage", default="malloc,256m")
    parser.add_argument(
        "--app-env", action="append", default=[], metavar="KEY=VALUE",
        help="extra environment for the app and the writer ({varnish} is the Varnish URL), e.g. the purger's",
    )  # fmt: skip
    parser.add_argument(
        "--port", type=int, default=8850, help="app; +1 bare floor, +2 Varnish, +3 uncached app"
    )
    parser.add_argument(
        "--server-url", default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    )
    parser.add_argument(
        "--database-prefix", default="newsroom_bench", help="the archive is <prefix>_day_<N>k"
    )
    parser.add_argument("--output", default=str(ROOT / "bench/results-newsroom-day.json"))
    options = parser.parse_args()
    if options.vcl and not Path(options.vcl).exists():
        parser.error(f"{options.vcl} does not exist")
    if not options.vcl and not options.skip_varnish:
        options.vcl = str(DEFAULT_VCL)
        if not DEFAULT_VCL.exists():
            log(f"{DEFAULT_VCL.relative_to(ROOT)} does not exist: the Varnish tier is skipped")
            options.skip_varnish = True

    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    with tempfile.TemporaryDirectory(prefix="newsroom-day-") as workdir:
        os.chmod(workdir, 0o755)
        results = run(options, workdir)
    results |= {"started": started, "machine": machine(), "options": vars(options)}
    Path(options.output).write_text(json.dumps(results, indent=2) + "\n")
    print(markdown(results))


if __name__ == "__main__":
    main()
