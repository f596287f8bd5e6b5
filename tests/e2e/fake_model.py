"""A fake OpenAI-compatible chat completions endpoint on loopback, as slow as a test wants.

A real HTTP server in a thread of the test process: the stack's worker reaches it over TCP like
any model endpoint. `delay` makes every answer wait; `trickle` sends the headers at once and then
the body a byte at a time, so no single read ever times out (only a total budget stops it).
"""

import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SUMMARY = "The council approved the harbour plan. Work starts in spring."


class FakeModel:
    def __init__(self, *, summary=SUMMARY):
        self.summary = summary
        self.delay = 0.0
        self.trickle = False
        self.requests = 0
        self.started = threading.Event()  # set when a request arrives
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.server.fake = self
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def start(self):
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def settings(self, *, timeout, retries=0):
        """The environment that points the summary assistant here."""
        return {
            "SUMMARIZER_BACKEND": "openai",
            "SUMMARIZER_BASE_URL": self.url,
            "SUMMARIZER_MODEL": "fake-model",
            "SUMMARIZER_TIMEOUT": str(timeout),
            "SUMMARIZER_RETRIES": str(retries),
        }


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        fake = self.server.fake
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        fake.requests += 1
        fake.started.set()
        body = json.dumps(
            {"choices": [{"index": 0, "message": {"role": "assistant", "content": fake.summary}}]}
        )
        with contextlib.suppress(OSError):  # the client may have given up
            if not fake.trickle:
                time.sleep(fake.delay)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not fake.trickle:
                self.wfile.write(body.encode())
                return
            for byte in body.encode():
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.5)

    def log_message(self, format, *args):
        pass
