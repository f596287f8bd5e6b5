"""The picture goals of issue 12, measured under `make serve` (docs/performance.md).

The newest article of the demo newsroom gets bench/photo.py's photograph (4000x2667, about 4.5 MB)
as its lead image, uploaded through the library like any picture; the worker makes its renditions.
Then, against nginx + gunicorn + the worker with DEBUG off:

- Lighthouse (mobile: its default Moto G Power emulation, simulated slow 4G and 4x CPU slowdown),
  front page and article page, `--runs` times each: Performance score, LCP, CLS, total bytes;
  and, as a control measured under the same machine load, the archive page, which has no picture;
- Chromium through Playwright on a 390 px wide phone (device pixel ratio 3, 1.75 and 1): the
  article page's transferred bytes (everything the page loads, above and below the fold after
  scrolling), the rendition the browser chose for the lead image, LCP and CLS from
  PerformanceObserver;
- wrk (when installed) against one rendition for 5 s: what the media gate's check plus nginx's
  X-Accel-Redirect cost per picture request.

    .venv/bin/python bench/pictures.py [--runs 3] [--server-url postgres://postgres@127.0.0.1:5432]

Needs PostgreSQL, nginx, Chromium (CHROMIUM_PATH or /usr/bin/chromium) and npx: Lighthouse comes
from the npm registry (`npx --yes lighthouse@12`). It creates and drops the database
`newsroom_bench_pictures`. Raw figures go to bench/pictures.json.
"""

import argparse
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
DATABASE = "newsroom_bench_pictures"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"
PREPARE = """
from django.core.files.base import ContentFile
from articles.models import Article
from bench.photo import make_photo
from images import services
article = Article.objects.public().order_by("-publish_at", "-id").first()
image = services.create_image(
    ContentFile(make_photo(), name="sunset-over-the-bay.jpg"), by=None,
    alt_text="The sun setting behind wooded hills over a calm bay", credit="Photo: Newsroom bench",
)
article.lead_image = image
article.save()
print(article.get_absolute_url())
"""


def log(message):
    print(message, file=sys.stderr, flush=True)


def free_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env, *args, capture=False):
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, text=True, capture_output=capture
    )
    return result.stdout


def wait_until(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise SystemExit(f"{what} did not happen within {seconds} s")


def renditions_pending(database_url):
    with psycopg.connect(database_url) as connection:
        return connection.execute(
            "SELECT count(*) FROM images_image WHERE renditions_state <> 'ready'"
        ).fetchone()[0]


def lighthouse(url, output):
    env = os.environ | {"CHROME_PATH": CHROMIUM}
    subprocess.run(
        ["npx", "--yes", "lighthouse@12", url, "--only-categories=performance", "--output=json",
         f"--output-path={output}", f"--chrome-flags={CHROME_FLAGS}", "--quiet"],
        check=True, env=env, timeout=300,
    )  # fmt: skip
    report = json.loads(Path(output).read_text())
    audits = report["audits"]
    return {
        "performance": round(report["categories"]["performance"]["score"] * 100),
        "lcp_s": round(audits["largest-contentful-paint"]["numericValue"] / 1000, 2),
        "fcp_s": round(audits["first-contentful-paint"]["numericValue"] / 1000, 2),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "total_kb": round(audits["total-byte-weight"]["numericValue"] / 1024, 1),
    }


OBSERVE = """() => new Promise((resolve) => {
  const found = { lcp: 0, cls: 0 };
  new PerformanceObserver((list) => { for (const e of list.getEntries()) found.lcp = e.startTime; })
    .observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) found.cls += e.value;
  }).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => resolve(found), 500);
})"""


def phone(url, scale):
    """Transferred bytes of the article page on a 390 px phone, scrolled to the end."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS.split()[1:])
        context = browser.new_context(
            viewport={"width": 390, "height": 844}, device_scale_factor=scale, is_mobile=True
        )
        page = context.new_page()
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        transferred = {}
        session.on(
            "Network.loadingFinished",
            lambda e: transferred.__setitem__(e["requestId"], e["encodedDataLength"]),
        )
        page.goto(url, wait_until="networkidle")
        lead = page.locator(".lead-image img").evaluate("img => img.currentSrc")
        for _ in range(12):
            page.mouse.wheel(0, 800)
            page.wait_for_timeout(150)
        page.wait_for_load_state("networkidle")
        metrics = page.evaluate(OBSERVE)
        browser.close()
    return {
        "scale": scale,
        "transferred_kb": round(sum(transferred.values()) / 1024, 1),
        "requests": len(transferred),
        "lead_image": lead.rsplit("/", 1)[-1],
        "lcp_ms": round(metrics["lcp"]),
        "cls": round(metrics["cls"], 3),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--server-url", default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    )
    parser.add_argument("--reports", type=Path, help="keep Lighthouse's JSON reports in this directory")
    args = parser.parse_args()
    with psycopg.connect(f"{args.server_url}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        connection.execute(f"CREATE DATABASE {DATABASE}")
    database_url = f"{args.server_url}/{DATABASE}"
    work = Path(tempfile.mkdtemp(prefix="newsroom-pictures-"))
    port = free_port()
    keep = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    env = keep | {
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + secrets.token_urlsafe(40),
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "MEDIA_ROOT": str(work / "media"),
        "STATIC_ROOT": str(work / "static"),
        "RUN_DIR": str(work / "run"),
        "CACHE_URL": f"filecache://{work / 'cache'}",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "PORT": str(port),
        "REQUEST_LOG": "0",
        "NGINX_ACCESS_LOG": "off",
    }
    log("migrating, collecting static files, loading the demo newsroom")
    manage(env, "migrate", "--no-input", "--verbosity", "0")
    manage(env, "collectstatic", "--no-input", "--verbosity", "0")
    manage(env, "load_demo")
    path = manage(env, "shell", "-c", PREPARE, capture=True).strip().splitlines()[-1]
    base = f"http://127.0.0.1:{port}"
    serve = subprocess.Popen([PYTHON, "deploy/serve.py"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    results = {"lighthouse": {}, "phone": []}
    try:
        wait_until(lambda: _answers(base + "/healthz"), 60, "the stack answering")
        started = time.monotonic()
        wait_until(lambda: renditions_pending(database_url) == 0, 300, "the worker making every rendition")
        took = time.monotonic() - started
        log(f"renditions of the demo pictures and the photograph made by the worker in {took:.1f} s")
        pages = (
            ("front page", base + "/"),
            ("article page", base + path),
            ("archive (control)", base + "/archive/"),
        )
        for name, url in pages:
            _answers(url)  # as readers find it: in the page cache
            reports = args.reports or work
            reports.mkdir(parents=True, exist_ok=True)
            slug = name.split()[0]
            runs = [lighthouse(url, reports / f"lighthouse-{slug}-{n}.json") for n in range(args.runs)]
            results["lighthouse"][name] = runs
            log(f"{name}: {runs}")
        for scale in (3, 1.75, 1):
            results["phone"].append(phone(base + path, scale))
            log(f"phone: {results['phone'][-1]}")
        if shutil.which("wrk"):
            results["rendition_wrk"] = wrk(base + _rendition_path(database_url))
            log(f"one rendition under wrk: {results['rendition_wrk']}")
    finally:
        serve.terminate()
        serve.wait(timeout=30)
        with psycopg.connect(f"{args.server_url}/postgres", autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        shutil.rmtree(work, ignore_errors=True)
    results["load_average"] = os.getloadavg()
    (ROOT / "bench" / "pictures.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nload average at the end: {results['load_average'][0]:.1f} on {os.cpu_count()} cores")
    print("\n| page | Performance | LCP s | FCP s | CLS | TBT ms | total KB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, runs in results["lighthouse"].items():
        median = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        print(
            f"| {name} (median of {len(runs)}) | {median['performance']:g} | {median['lcp_s']:g} | "
            f"{median['fcp_s']:g} | {median['cls']:g} | {median['tbt_ms']:g} | {median['total_kb']:g} |"
        )
    if found := results.get("rendition_wrk"):
        print(f"\nOne rendition through nginx and the gate (wrk -t1 -c8 -d5s): {found}")
    print("\n| phone, 390 px | transferred KB | requests | lead rendition | LCP ms | CLS |")
    print("| --- | ---: | ---: | --- | ---: | ---: |")
    for row in results["phone"]:
        print(
            f"| DPR {row['scale']:g} | {row['transferred_kb']} | {row['requests']} | {row['lead_image']} | "
            f"{row['lcp_ms']} | {row['cls']} |"
        )


def _rendition_path(database_url):
    with psycopg.connect(database_url) as connection:
        key, renditions = connection.execute(
            "SELECT key, renditions FROM images_image ORDER BY id DESC LIMIT 1"
        ).fetchone()
    return f"/media/renditions/{key}/{renditions['w']['avif'][2][2]}"


def wrk(url):
    output = subprocess.run(
        ["wrk", "-t1", "-c8", "-d5s", "--latency", url], check=True, capture_output=True, text=True
    ).stdout
    found = {}
    for line in output.splitlines():
        parts = line.split()
        if line.startswith("Requests/sec:"):
            found["rps"] = round(float(parts[1]))
        elif parts[:1] in (["50%"], ["99%"]):
            found[f"p{parts[0][:-1]}"] = parts[1]
        elif "Non-2xx" in line:
            found["non_2xx"] = int(parts[-1])
    return found


def _answers(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


if __name__ == "__main__":
    main()
