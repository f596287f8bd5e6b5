"""`make serve`: the production configuration on one machine, as one supervised process group.

- gunicorn (newsroom/gunicorn.conf.py) on a unix socket that only nginx talks to;
- nginx (Debian's) in front, from deploy/nginx/newsroom.conf: it buffers requests and responses,
  enforces body-size and timeout limits, and is the only thing listening on the network;
- the background task worker (django-tasks-db's `db_worker`) when TASKS_BACKEND is its database
  backend.

If any of them stops, the others are stopped too and the exit status says so; SIGINT or SIGTERM
stops all of them gracefully. Every line printed is JSON, like the app's own logs.

Environment: PORT (8000) or LISTEN (e.g. 0.0.0.0:80), RUN_DIR (.run), NGINX (nginx),
MAX_UPLOAD (30m, nginx's client_max_body_size), TASK_WORKERS (1), plus everything the app reads.
"""

import getpass
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DB_TASKS_BACKEND = "django_tasks_db.DatabaseBackend"
STOP_SECONDS = 20


def log(message, level="INFO", **fields):
    entry = {
        "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
        "level": level,
        "logger": "newsroom.serve",
        "message": message,
        **fields,
    }
    print(json.dumps(entry), flush=True)


def nginx_config(run_dir, listen, app_socket):
    template = (ROOT / "deploy" / "nginx" / "newsroom.conf").read_text()
    user = getpass.getuser()
    values = {
        "RUN_DIR": str(run_dir),
        "LISTEN": listen,
        "APP_SOCKET": str(app_socket),
        "MAX_BODY": os.environ.get("MAX_UPLOAD", "30m"),
        "ACCESS_LOG": os.environ.get("NGINX_ACCESS_LOG", "/dev/stdout json"),
        # nginx started by root would switch its workers to `nobody`, who cannot read the run dir.
        "USER_LINE": f"user {user};" if os.geteuid() == 0 else "",
    }
    for name, value in values.items():
        template = template.replace(f"@@{name}@@", value)
    return template


def wait_for_socket(path, processes, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for name, process in processes.items():
            if process.poll() is not None:
                raise SystemExit(f"{name} stopped while starting (exit status {process.returncode})")
        try:
            with socket.socket(socket.AF_UNIX) as probe:
                probe.connect(str(path))
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"gunicorn did not open {path} within {seconds} s")


def start(env):
    run_dir = Path(env.get("RUN_DIR", ROOT / ".run")).resolve()
    run_dir.mkdir(parents=True, exist_ok=True)
    app_socket = run_dir / "gunicorn.sock"
    app_socket.unlink(missing_ok=True)
    listen = env.get("LISTEN") or f"127.0.0.1:{env.get('PORT', '8000')}"
    (run_dir / "nginx.conf").write_text(nginx_config(run_dir, listen, app_socket))
    nginx = env.get("NGINX") or shutil.which("nginx") or shutil.which("/usr/sbin/nginx")
    if nginx is None:
        raise SystemExit(
            "nginx is not installed: apt-get install nginx (make serve runs it in front of gunicorn)"
        )

    processes = {}
    gunicorn_env = env | {"BIND": f"unix:{app_socket}"}
    processes["gunicorn"] = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "newsroom.wsgi", "--config", "newsroom/gunicorn.conf.py"],
        cwd=ROOT,
        env=gunicorn_env,
    )
    if env.get("TASKS_BACKEND") == DB_TASKS_BACKEND:
        for n in range(int(env.get("TASK_WORKERS", "1"))):
            processes[f"worker-{n + 1}"] = subprocess.Popen(
                [PYTHON, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.5"],
                cwd=ROOT,
                env=env,
            )
    wait_for_socket(app_socket, processes)
    processes["nginx"] = subprocess.Popen(
        [nginx, "-p", str(run_dir), "-c", str(run_dir / "nginx.conf"), "-g", "daemon off;"], cwd=ROOT
    )
    return processes, listen


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
    processes, listen = start(env)
    stopping = False

    def request_stop(signum, frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    host, _, port = listen.rpartition(":")
    shown_host = "127.0.0.1" if host in ("", "0.0.0.0", "[::]") else host
    log(f"serving http://{shown_host}:{port}/", url=f"http://{shown_host}:{port}/", processes=list(processes))
    status = 0
    while not stopping:
        for name, process in processes.items():
            if process.poll() is not None:
                log(f"{name} stopped (exit status {process.returncode}); stopping the rest", level="ERROR")
                stopping, status = True, process.returncode or 1
                break
        else:
            time.sleep(0.2)
    stop(processes)
    log("stopped")
    return status


if __name__ == "__main__":
    sys.exit(main())
