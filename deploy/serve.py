"""`make serve`: the production configuration on one machine, as one supervised process group.

- gunicorn (newsroom/gunicorn.conf.py) on a unix socket that only nginx talks to;
- nginx (Debian's) in front, from deploy/nginx/newsroom.conf: it buffers requests and responses,
  enforces body-size and timeout limits, and is the only thing listening on the network;
- the background task worker (`manage.py task_worker`: django-tasks-db's `db_worker` that waits
  out a database outage) when TASKS_BACKEND is django-tasks-db's database backend.

If nginx or gunicorn stops, the others are stopped too and the exit status says so; a task worker
that dies is started again, and one that keeps dying is left stopped: either way readers are
still served (/readyz reports the queue stalled). SIGINT or SIGTERM
stops all of them gracefully. Every line printed is JSON, like the app's own logs: what the
children write to stderr (nginx's error log, Python warnings, a crash) is wrapped into JSON lines.

`--prepare` first migrates (without the web's statement timeout: a migration may be long) and
collects static files, reporting both as JSON lines; `make serve` asks for it.

Media (issue 12): with local storage (MEDIA_STORAGE unset or "local") the app's media gate
answers with X-Accel-Redirect and nginx sends the file from MEDIA_ROOT; with MEDIA_STORAGE=s3
the gate reads renditions from the bucket itself.

Varnish (issue 13): with VARNISH=1, varnishd (deploy/varnish/newsroom.vcl) listens where nginx
would and nginx moves to a unix socket behind it. The app purges it by tag (VARNISH_URLS is set
to its address) and counts two proxies in X-Forwarded-For (PROXY_COUNT=2). Its access log is
JSON lines too (varnishncsa; VARNISH_ACCESS_LOG=0 turns it off), each saying hit, miss or pass.

Environment: PORT (8000) or LISTEN (e.g. 0.0.0.0:80), RUN_DIR (.run), NGINX (nginx),
MAX_UPLOAD (100m, nginx's client_max_body_size), TASK_WORKERS (1), VARNISH (off),
VARNISH_STORAGE (malloc,256m: varnishd's -s), VARNISH_PURGE_ALLOW (addresses besides loopback
that may purge, comma-separated: other app servers), plus everything the app reads.
"""

import getpass
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DB_TASKS_BACKEND = "django_tasks_db.DatabaseBackend"
STOP_SECONDS = 20
# A worker that dies more often than this within a minute is not started again: something is wrong.
WORKER_RESTARTS_PER_MINUTE = 5
NGINX_LEVEL = re.compile(r"\[(debug|info|notice|warn|error|crit|alert|emerg)\]")
VARNISH_TROUBLE = re.compile(r"Error|Panic|died|not responding", re.IGNORECASE)
NGINX_LEVELS = {"debug": "DEBUG", "info": "INFO", "notice": "INFO", "warn": "WARNING", "error": "ERROR"}
_print_lock = threading.Lock()


def log(message, level="INFO", logger="newsroom.serve", **fields):
    entry = {
        "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
        "level": level,
        "logger": logger,
        "message": message,
        **fields,
    }
    line = json.dumps(entry, ensure_ascii=False)
    with _print_lock:
        print(line, flush=True)


def relay(name, stream):
    """Copy a child's stderr to ours as JSON lines: JSON passes as it is, anything else is wrapped."""
    for raw in iter(stream.readline, b""):
        text = raw.decode("utf-8", "replace").rstrip("\n")
        if not text.strip():
            continue
        try:
            is_json = isinstance(json.loads(text), dict)
        except ValueError:
            is_json = False
        if is_json:
            with _print_lock:
                print(text, flush=True)
            continue
        level = "WARNING"
        if name == "nginx" and (match := NGINX_LEVEL.search(text)):
            level = NGINX_LEVELS.get(match.group(1), "ERROR")
        elif name == "varnish":
            # varnishd -F reports its start and its child as "Debug:"/"Info:" lines.
            level = "ERROR" if VARNISH_TROUBLE.search(text) else "INFO"
        log(text, level=level, logger=name)
    stream.close()


def spawn(name, command, *, with_stdout=False, **kwargs):
    """Start a child whose stderr (and with_stdout, its stdout too) is relayed as JSON lines."""
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT} if with_stdout else {}
    process = subprocess.Popen(command, **({"stderr": subprocess.PIPE} | streams), **kwargs)
    output = process.stdout if with_stdout else process.stderr
    threading.Thread(target=relay, args=[name, output], daemon=True, name=f"relay-{name}").start()
    return process


def run_logged(name, command, env):
    """Run a preparation step to its end, its output as JSON lines; stop serving if it fails."""
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    for stream, level in ((result.stdout, "INFO"), (result.stderr, "WARNING")):
        for line in stream.splitlines():
            if line.strip():
                log(line.strip(), level=level, logger=name)
    if result.returncode != 0:
        fail(f"{name} failed (exit status {result.returncode})")


def prepare(env):
    """Migrate, collect static files and queue missing renditions, as `make serve` does before serving."""
    log("migrating the database")
    run_logged(
        "migrate",
        [PYTHON, "manage.py", "migrate", "--no-input"],
        env | {"DATABASE_STATEMENT_TIMEOUT": "0"},
    )
    run_logged("collectstatic", [PYTHON, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"], env)
    # Pictures lacking renditions (an upgraded database) are queued for the worker (issue 12).
    run_logged("make_renditions", [PYTHON, "manage.py", "make_renditions"], env)


def nginx_config(run_dir, listen, app_socket):
    template = (ROOT / "deploy" / "nginx" / "newsroom.conf").read_text()
    user = getpass.getuser()
    values = {
        "RUN_DIR": str(run_dir),
        "LISTEN": listen,
        "APP_SOCKET": str(app_socket),
        "MAX_BODY": os.environ.get("MAX_UPLOAD", "100m"),
        "MEDIA_ROOT": str(media_root(os.environ)),
        "ACCESS_LOG": os.environ.get("NGINX_ACCESS_LOG", "/dev/stdout json"),
        # nginx started by root would switch its workers to `nobody`, who cannot read the run dir.
        "USER_LINE": f"user {user};" if os.geteuid() == 0 else "",
    }
    for name, value in values.items():
        template = template.replace(f"@@{name}@@", value)
    return template


def fail(message):
    log(message, level="ERROR")
    raise SystemExit(1)


def media_root(env):
    return Path(env.get("MEDIA_ROOT") or ROOT / "media").resolve()


def wait_until_open(what, connect, processes, seconds=30):
    """Until `connect()` succeeds (the server behind it listens), or fail: when a process in
    `processes` stops, or after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for name, process in processes.items():
            if process.poll() is not None:
                fail(f"{name} stopped while starting (exit status {process.returncode})")
        try:
            connect()
            return
        except OSError:
            time.sleep(0.1)
    fail(f"{what} within {seconds} s")


def connect_unix(path):
    with socket.socket(socket.AF_UNIX) as probe:
        probe.connect(str(path))


def start(env):
    run_dir = Path(env.get("RUN_DIR", ROOT / ".run")).resolve()
    run_dir.mkdir(parents=True, exist_ok=True)
    app_socket = run_dir / "gunicorn.sock"
    app_socket.unlink(missing_ok=True)
    listen = env.get("LISTEN") or f"127.0.0.1:{env.get('PORT', '8000')}"
    nginx_listen = listen
    if varnish_enabled(env):
        # Varnish takes the public address; nginx is reached through it only.
        nginx_socket = run_dir / "nginx.sock"
        nginx_socket.unlink(missing_ok=True)
        nginx_listen = f"unix:{nginx_socket}"
    (run_dir / "nginx.conf").write_text(nginx_config(run_dir, nginx_listen, app_socket))
    nginx = env.get("NGINX") or shutil.which("nginx") or shutil.which("/usr/sbin/nginx")
    if nginx is None:
        fail("nginx is not installed: apt-get install nginx (make serve runs it in front of gunicorn)")

    processes = {}
    gunicorn_env = env | {"BIND": f"unix:{app_socket}"}
    if env.get("MEDIA_STORAGE", "local") == "local":
        media_root(env).mkdir(parents=True, exist_ok=True)
        gunicorn_env["MEDIA_ACCEL_REDIRECT"] = "/_media/"
    processes["gunicorn"] = spawn(
        "gunicorn",
        [PYTHON, "-m", "gunicorn", "newsroom.wsgi", "--config", "newsroom/gunicorn.conf.py"],
        cwd=ROOT,
        env=gunicorn_env,
    )
    for name in worker_names(env):
        processes[name] = start_worker(name, env)
    wait_until_open(f"gunicorn did not open {app_socket}", lambda: connect_unix(app_socket), processes)
    processes["nginx"] = spawn(
        "nginx",
        [nginx, "-e", "stderr", "-p", str(run_dir), "-c", str(run_dir / "nginx.conf"), "-g", "daemon off;"],
        cwd=ROOT,
    )
    if varnish_enabled(env):
        start_varnish(env, run_dir, listen, processes)
    return processes, listen


def varnish_enabled(env):
    return env.get("VARNISH", "").lower() in ("1", "true", "yes", "on")


# varnishncsa's JSON line for each request, like nginx's: `cache` is hit, miss, pass or synth.
VARNISH_LOG_FORMAT = (
    '{"time":"%{%Y-%m-%dT%H:%M:%S%z}t","level":"INFO","logger":"varnish","message":"%m %U %s",'
    '"method":"%m","path":"%U","status":%s,"bytes":"%b","duration_us":%D,'
    '"cache":"%{Varnish:handling}x","remote_addr":"%h"}'
)


def varnish_backend(run_dir, env):
    """backend.vcl for deploy/varnish/newsroom.vcl: nginx's socket, and who may purge."""
    allowed = ["127.0.0.1", "::1", *filter(None, env.get("VARNISH_PURGE_ALLOW", "").split(","))]
    acl = "".join(f'    "{address.strip()}";\n' for address in allowed)
    return (
        f'backend default {{\n    .path = "{run_dir / "nginx.sock"}";\n    .first_byte_timeout = 40s;\n}}\n\n'
        f"acl purgers {{\n{acl}}}\n"
    )


def start_varnish(env, run_dir, listen, processes):
    varnishd = env.get("VARNISHD") or shutil.which("varnishd") or shutil.which("/usr/sbin/varnishd")
    if varnishd is None:
        fail("varnishd is not installed: apt-get install varnish varnish-modules (VARNISH=1 runs it)")
    (run_dir / "backend.vcl").write_text(varnish_backend(run_dir, env))
    work_dir = run_dir / "varnish"
    work_dir.mkdir(exist_ok=True)
    vcl_path = f"{run_dir}:{ROOT / 'deploy' / 'varnish'}"  # our backend.vcl before the example
    processes["varnish"] = spawn(
        "varnish",
        # -j none: no privilege separation, so it runs as whoever runs `make serve`, like nginx here.
        [varnishd, "-F", "-j", "none", "-n", str(work_dir), "-a", listen, "-p", f"vcl_path={vcl_path}",
         "-f", str(ROOT / "deploy" / "varnish" / "newsroom.vcl"),
         "-s", env.get("VARNISH_STORAGE", "malloc,256m")],
        cwd=ROOT, with_stdout=True,
    )  # fmt: skip
    host, _, port = listen.rpartition(":")
    address = host.strip("[]") or "127.0.0.1"
    address = "127.0.0.1" if address in ("0.0.0.0", "::") else address
    wait_until_open(
        f"varnishd did not listen on {address}:{port}",
        lambda: socket.create_connection((address, int(port)), 1).close(),
        processes,
    )
    if env.get("VARNISH_ACCESS_LOG", "1") not in ("0", "off", "false"):
        processes["varnishncsa"] = spawn(
            "varnishncsa",
            ["varnishncsa", "-n", str(work_dir), "-j", "-F", VARNISH_LOG_FORMAT],
            stdout=None, cwd=ROOT,
        )  # fmt: skip


def worker_names(env):
    if env.get("TASKS_BACKEND") != DB_TASKS_BACKEND:
        return []
    return [f"worker-{n + 1}" for n in range(int(env.get("TASK_WORKERS", "1")))]


def start_worker(name, env):
    return spawn(
        name,
        [PYTHON, "manage.py", "task_worker", "--no-startup-delay", "--interval", "0.5"],
        cwd=ROOT,
        env=env,
    )


def stop(processes):
    for name, process in processes.items():
        if process.poll() is None:
            # nginx finishes what it serves on SIGQUIT; gunicorn and the worker on SIGTERM.
            process.send_signal(signal.SIGQUIT if name == "nginx" else signal.SIGTERM)
    deadline = time.monotonic() + STOP_SECONDS
    for process in processes.values():
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()


def main():
    env = dict(os.environ)
    # nginx is one proxy in front of gunicorn: the reader's address is the X-Forwarded-For entry it
    # adds (login throttling counts by it). Behind another proxy as well, set PROXY_COUNT=2.
    env.setdefault("PROXY_COUNT", "2" if varnish_enabled(env) else "1")
    if varnish_enabled(env):
        # The app purges the Varnish it sits behind (pagecache/purgers.py, deploy/varnish/).
        host, _, port = (env.get("LISTEN") or f"127.0.0.1:{env.get('PORT', '8000')}").rpartition(":")
        env.setdefault("VARNISH_URLS", f"http://{'127.0.0.1' if host in ('', '0.0.0.0') else host}:{port}")
    if "--prepare" in sys.argv[1:]:
        prepare(env)
    processes, listen = start(env)
    stopping = False

    def request_stop(signum, frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    host, _, port = listen.rpartition(":")
    shown_host = "127.0.0.1" if host in ("", "0.0.0.0", "[::]") else host
    pids = {name: process.pid for name, process in processes.items()}
    log(f"serving http://{shown_host}:{port}/", url=f"http://{shown_host}:{port}/", processes=pids)
    status = 0
    restarts = []
    while not stopping:
        for name, process in list(processes.items()):
            if process.poll() is None:
                continue
            if name == "varnishncsa":
                # Only the access log: readers are still served.
                log(f"{name} stopped (exit status {process.returncode}); no access log", level="ERROR")
                del processes[name]
                continue
            if not name.startswith("worker-"):
                log(f"{name} stopped (exit status {process.returncode}); stopping the rest", level="ERROR")
                stopping, status = True, process.returncode or 1
                break
            # Background work waits; readers need not. A task it was running is failed by the app.
            del processes[name]
            now = time.monotonic()
            restarts = [t for t in restarts if now - t < 60]
            if len(restarts) >= WORKER_RESTARTS_PER_MINUTE:
                log(
                    f"{name} keeps stopping (exit status {process.returncode}); not starting it again",
                    level="ERROR",
                )
                continue
            restarts.append(now)
            processes[name] = start_worker(name, env)
            log(
                f"{name} stopped (exit status {process.returncode}); started it again",
                level="ERROR",
                processes={name: processes[name].pid},
            )
        else:
            time.sleep(0.2)
    stop(processes)
    log("stopped")
    return status


if __name__ == "__main__":
    sys.exit(main())
