"""The production stack as the end-to-end tests run it, and a small HTTP client that talks to it.

`Stack` starts deploy/serve.py (nginx in front of gunicorn on a unix socket, and the task worker)
with `make serve`'s configuration: DEBUG off, hashed static files, Redis, the database queue,
PostgreSQL (the test database, so tests set up data with the factories in committed
transactions). Nothing in the test process stands in for a server.
"""

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parents[2]
SECRET_KEY = "e2e-" + "q8Zr3Tn6Wv1Ym4Lp7Xs2Kd5Hf9Jb0Gc" * 2


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def timed(function, *args, **kwargs):
    """(result, seconds it took)."""
    started = time.monotonic()
    result = function(*args, **kwargs)
    return result, time.monotonic() - started


def database_url(settings_dict):
    user = urllib.parse.quote(settings_dict.get("USER") or "")
    password = urllib.parse.quote(settings_dict.get("PASSWORD") or "")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{settings_dict['NAME']}"


def multipart(data, files):
    """(body, content type) of a multipart/form-data request, as a browser sends a form with files."""
    boundary = "----newsroom-e2e-" + os.urandom(12).hex()
    parts = []
    for name, values in data.items():
        for value in values if isinstance(values, list | tuple) else [values]:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            )
    for name, uploads in files.items():
        for filename, content, content_type in uploads:
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: {content_type}\r\n\r\n"
            )
            parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # an http.client.HTTPMessage: case-insensitive, get_all() for repeats
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def __repr__(self):
        return f"<Response {self.status} {len(self.body)} bytes>"


class Session:
    """An HTTP client with cookies and Django's CSRF handling; it never follows redirects."""

    def __init__(self, stack, timeout=15):
        self.stack = stack
        self.timeout = timeout
        self.cookies = {}

    def request(self, method, path, *, data=None, headers=None, body=None, files=None):
        """`files`: {field: [(file name, bytes, content type), ...]}, sent as multipart/form-data."""
        headers = dict(headers or {})
        if self.cookies:
            headers.setdefault("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if files is not None:
            body, content_type = multipart(data or {}, files)
            headers.setdefault("Content-Type", content_type)
        elif data is not None:
            body = urllib.parse.urlencode(data, doseq=True).encode()
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        if method == "POST" and "csrftoken" in self.cookies:
            headers.setdefault("X-CSRFToken", self.cookies["csrftoken"])
            headers.setdefault("Referer", self.stack.url + "/")
        connection = http.client.HTTPConnection(self.stack.host, self.stack.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            raw = connection.getresponse()
            response = Response(raw.status, raw.headers, raw.read())
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data=None, **kwargs):
        """A form POST with the CSRF token; `files=` makes it a multipart upload."""
        if "csrftoken" not in self.cookies:
            self.get("/admin/login/")  # any admin page sets the CSRF cookie
        data = dict(data or {})
        data.setdefault("csrfmiddlewaretoken", self.cookies.get("csrftoken", ""))
        return self.request("POST", path, data=data, **kwargs)

    def post_json(self, path, payload):
        """POST a JSON body, as the admin's scripts do (CSRF token in the header)."""
        if "csrftoken" not in self.cookies:
            self.get("/admin/login/")
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        return self.request("POST", path, body=json.dumps(payload).encode(), headers=headers)

    def form(self, path, form_id):
        """The fields of a form on a page, as a browser would submit them (a dict of lists)."""
        import lxml.html

        response = self.get(path)
        assert response.status == 200, f"GET {path}: {response.status}"
        data = {}
        for name, value in lxml.html.fromstring(response.body).get_element_by_id(form_id).form_values():
            data.setdefault(name, []).append(value)
        return data

    def login(self, username, password):
        self.get("/admin/login/")
        response = self.post("/admin/login/", {"username": username, "password": password, "next": "/admin/"})
        assert response.status == 302, f"login as {username} failed: {response.status} {response.text[:500]}"
        return self


class Stack:
    def __init__(self, *, database_url, redis_url, work_dir, env=None):
        self.port = free_port()
        self.host = "127.0.0.1"
        self.url = f"http://{self.host}:{self.port}"
        self.redis_url = redis_url
        self.work_dir = Path(work_dir)
        self.log_path = self.work_dir / "serve.log"
        keep = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "LC_ALL") if k in os.environ}
        self.env = (
            keep
            | {
                "SECRET_KEY": SECRET_KEY,
                "DEBUG": "0",
                "DATABASE_URL": database_url,
                "REDIS_URL": redis_url,
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
                "STATIC_ROOT": str(self.work_dir / "static"),
                "MEDIA_ROOT": str(self.work_dir / "media"),
                "RUN_DIR": str(self.work_dir / "run"),
                "PORT": str(self.port),
                "WEB_CONCURRENCY": "2",
                "PYTHONUNBUFFERED": "1",
            }
            | (env or {})
        )
        self.process = None

    def manage(self, *args, env=None, check=True):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT, env=self.env | (env or {}), capture_output=True, text=True, check=check, timeout=120,
        )  # fmt: skip

    def start(self, env=None):
        """Start (or restart, with changed settings) the whole stack and wait until it answers."""
        if self.process is not None:
            self.stop()
        self.env |= env or {}
        if not (self.work_dir / "static" / "staticfiles.json").exists():
            self.manage("collectstatic", "--no-input", "--verbosity", "0")
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "deploy/serve.py"], cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the stack stopped while starting:\n{self.log_tail()}")
            try:
                if self.session(timeout=2).get("/healthz").status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"the stack did not answer within 40 s:\n{self.log_tail()}")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.process = None

    def session(self, **kwargs):
        return Session(self, **kwargs)

    def get(self, path, **kwargs):
        return self.session().get(path, **kwargs)

    def flush_cache(self):
        redis.Redis.from_url(self.redis_url).flushdb()

    def log_mark(self):
        """A mark in the log: `log_lines(since=mark)` gives only what came after it."""
        return len(self.log_path.read_text(errors="replace").splitlines())

    def log_lines(self, since=0):
        """The JSON lines the stack has logged so far (anything else is kept as a plain message)."""
        lines = []
        for raw in self.log_path.read_text(errors="replace").splitlines()[since:]:
            try:
                lines.append(json.loads(raw))
            except ValueError:
                lines.append({"message": raw, "not_json": True})
        return lines

    def pids(self):
        """The process ids of nginx, gunicorn and each worker, as deploy/serve.py last reported them."""
        pids = {}
        for line in self.log_lines():
            if line.get("logger") == "newsroom.serve" and isinstance(line.get("processes"), dict):
                pids |= line["processes"]
        return pids

    def log_tail(self, n=40):
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])

    def wait_for(self, condition, *, seconds=15, interval=0.2, message="condition"):
        """Poll `condition()` until it returns something true; fail after `seconds`."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if result := condition():
                return result
            time.sleep(interval)
        raise AssertionError(f"{message} not met within {seconds} s")
