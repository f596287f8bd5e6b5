"""What the newsroom day runs: gunicorn (the app and the bare floor), varnishd, wrk, the readers' URLs.

Every gunicorn here takes newsroom/gunicorn.conf.py, the file `make serve` uses (sync workers,
keep-alive, timeouts), with WEB_CONCURRENCY workers; only the WSGI application differs. The
control socket is off: gunicorn 27 puts it at one path per user, and several servers (ours, other
runs on the machine) would fight over it.
"""

import bisect
import concurrent.futures
import itertools
import json
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
WRK = shutil.which("wrk") or "/usr/bin/wrk"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
LUA = str(ROOT / "bench/newsroom_day.lua")


def log(message):
    print(message, file=sys.stderr, flush=True)


def port_is_free(port):
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def wait_for(url, process, what, log_path, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except urllib.error.HTTPError:
            return  # it answers: up
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{what} did not start; see {log_path}")


class Process:
    def __init__(self, command, env, log_path, ready_url, what):
        self.log = open(log_path, "ab")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        try:
            wait_for(ready_url, self.process, what, log_path)
        except RuntimeError:
            self.stop()
            raise

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


class Gunicorn(Process):
    """`app` is newsroom.wsgi (the project) or floor.wsgi (the bare floor, from bench/floor)."""

    def __init__(self, env, port, *, app, workers, log_path, ready_path):
        if not port_is_free(port):
            raise RuntimeError(f"port {port} is taken: another server would answer instead of ours")
        self.url = f"http://127.0.0.1:{port}"
        command = [
            str(Path(PYTHON).parent / "gunicorn"), app, "--config", "newsroom/gunicorn.conf.py",
            "--pythonpath", str(ROOT / "bench"), "--no-control-socket",
        ]  # fmt: skip
        env = env | {"PORT": str(port), "WEB_CONCURRENCY": str(workers)}
        super().__init__(command, env, log_path, self.url + ready_path, f"gunicorn ({app})")


BACKEND_VCL = """# Written by bench/day_stack.py: misses go to the benchmark's gunicorn; loopback may purge.
backend default {{
    .host = "127.0.0.1";
    .port = "{port}";
    .first_byte_timeout = 40s;
}}
acl purgers {{
    "127.0.0.1";
    "::1";
}}
"""


def render_vcl(source, backend_port):
    """A VCL without `include "backend.vcl"` has its first backend pointed at our gunicorn."""
    if 'include "backend.vcl"' in source:
        return source
    block = re.search(r"backend\s+\w+\s*\{.*?\n\}", source, re.S)
    if not block:
        raise RuntimeError("the VCL defines no backend and includes no backend.vcl")
    body = re.sub(r'\.host\s*=\s*"[^"]*"', '.host = "127.0.0.1"', block.group(0), count=1)
    body = re.sub(r'\.port\s*=\s*"[^"]*"', f'.port = "{backend_port}"', body, count=1)
    return source[: block.start()] + body + source[block.end() :]


class Varnish(Process):
    """varnishd in the foreground, in its own working directory, as deploy/serve.py runs it (VARNISH=1).

    deploy/varnish/newsroom.vcl includes "backend.vcl": ours, written into the working directory,
    comes first in vcl_path (the backend is our gunicorn, loopback may purge), the VCL's own
    directory second.
    """

    def __init__(self, vcl_path, port, backend_port, workdir, log_path, storage="malloc,256m"):
        if not port_is_free(port):
            raise RuntimeError(f"port {port} is taken")
        self.url = f"http://127.0.0.1:{port}"
        vcl_dir = Path(workdir) / "vcl"
        vcl_dir.mkdir()
        (vcl_dir / "backend.vcl").write_text(BACKEND_VCL.format(port=backend_port))
        vcl = vcl_dir / Path(vcl_path).name
        vcl.write_text(render_vcl(Path(vcl_path).read_text(), backend_port))
        command = [
            VARNISHD, "-F", "-j", "none", "-n", str(Path(workdir) / "varnish"), "-a", f"127.0.0.1:{port}",
            "-p", f"vcl_path={vcl_dir}:{Path(vcl_path).resolve().parent}", "-f", str(vcl), "-s", storage,
        ]  # fmt: skip
        super().__init__(command, None, log_path, self.url + "/healthz", "varnishd")


def wrk(url, *, duration, connections, threads, urls_file=None):
    command = [WRK, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "5s", "-s", LUA, url]
    if urls_file:
        command += ["--", str(urls_file), str(threads)]
    load_before = _load()
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    result = json.loads(line.removeprefix("RESULT "))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    # A 404 is what readers of the unpublished article get: reported, not an error.
    result["errors"] = result["socket_errors"] + result["s4xx"] + result["s5xx"]
    result["load"] = [load_before, _load()]
    return result


def _load():
    return float(Path("/proc/loadavg").read_text().split()[0])


def zipf_sampler(n, exponent, rng):
    """Ranks 0..n-1 with P(rank k) proportional to 1/(k+1)^exponent: rank 0 most often."""
    cumulative = list(itertools.accumulate(1 / (k + 1) ** exponent for k in range(n)))
    total = cumulative[-1]
    return lambda: bisect.bisect_left(cumulative, rng.random() * total)


def reader_urls(database_url, out_path, *, articles, requests, exponent, seed):
    """The readers' URLs for the archive in `database_url`, written in the order they are asked for."""
    with psycopg.connect(database_url) as db:
        slugs = [
            row[0]
            for row in db.execute(
                "SELECT slug FROM articles_article WHERE status = 'published' AND slug LIKE 'article-%%' "
                "ORDER BY publish_at DESC, id DESC LIMIT %s",
                [articles],
            )
        ]
        sections = [row[0] for row in db.execute("SELECT slug FROM articles_section ORDER BY id")]
    urls = reader_mix(slugs, sections, requests=requests, exponent=exponent, seed=seed)
    Path(out_path).write_text("\n".join(urls) + "\n")
    return {
        "archive": len(slugs),
        "requests": requests,
        "distinct": len(set(urls)),
        "front_page": urls.count("/") / requests,
        "section_pages": sum(u.startswith("/sections/") for u in urls) / requests,
        "zipf_exponent": exponent,
    }


def reader_mix(slugs, sections, *, requests, exponent, seed):
    """A newsroom's readers: 15 % front page, 10 % section pages (any section alike), the rest
    articles by a Zipf law over `slugs` (newest first: the newest most read)."""
    rng = random.Random(seed)
    rank = zipf_sampler(len(slugs), exponent, rng)
    urls = []
    for _ in range(requests):
        roll = rng.random()
        if roll < 0.15:
            urls.append("/")
        elif roll < 0.25:
            urls.append(f"/sections/{rng.choice(sections)}/")
        else:
            urls.append(f"/articles/{slugs[rank()]}/")
    return urls


def uniform_article_urls(database_url, out_path, count, seed):
    """Random articles out of the whole archive, for the uncached article page."""
    with psycopg.connect(database_url) as db:
        slugs = [row[0] for row in db.execute("SELECT slug FROM articles_article WHERE status = 'published'")]
    rng = random.Random(seed)
    Path(out_path).write_text("".join(f"/articles/{s}/\n" for s in rng.sample(slugs, min(count, len(slugs)))))


def warm(base_url, urls_file, *, connections, seconds):
    """Ask for every distinct URL of the day once, `connections` at a time, for at most `seconds`.

    A newsroom's cache is warm when its day goes on: without this, a slow server would spend the
    measured minutes on first requests, and the hit ratio would say nothing about invalidation.
    Returns how many URLs were asked and how long it took.
    """
    urls = list(dict.fromkeys(Path(urls_file).read_text().split()))
    deadline = time.monotonic() + seconds

    def get(path):
        if time.monotonic() > deadline:
            return False
        try:
            with urllib.request.urlopen(base_url + path, timeout=30) as response:
                response.read()
        except urllib.error.HTTPError:
            pass
        return True

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(connections) as pool:
        asked = sum(pool.map(get, urls))
    return {"distinct": len(urls), "asked": asked, "seconds": round(time.monotonic() - started, 1)}
